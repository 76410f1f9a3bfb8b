"""Any JSON in any field of any kind of journal line is data, never a crash.

A line can arrive from another device by sync, written by another version of mindlog or by a
program gone wrong. Hypothesis puts arbitrary JSON values (deep nesting, huge numbers, NaN and
Infinity, odd unicode, lone surrogates escaped in JSON, markup-like and date-like strings) into
every field of every kind of line (adds of every kind, updates, deletes, restores and forgets, in
schema 1 and 2), then every reading command, `doctor` and `doctor --repair` run: none ends in a
traceback, and a good win written afterwards is stored and read back.

CliRunner's standard output is buffered and its encoding errors are not reported, so a text that
cannot be written as UTF-8 is checked with real processes (the last test).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sync_sim import Machine

KINDS = ("win", "morning", "commitment", "reaffirm", "rest", "checkin", "setback", "journal", "zz")
OPS = ("add", "update", "delete", "restore", "forget")
DEEP = "[" * 100_000 + "]" * 100_000

# Written into the line as they are (not as JSON strings): what json.dumps cannot make.
RAW_TOKENS = [
    DEEP,
    "[" * 950 + "]" * 950,
    "{" + '"a":{' * 500 + "}" * 500 + "}",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-0",
    "1" * 5000,  # more digits than Python reads by default
    "1" * 4000,
    '"\\ud800"',  # a lone surrogate, escaped
    '"\\udfff\\ud800x"',
    '"\\u0000"',
]

ODD_STRINGS = [
    "",
    " ",
    "[/]",
    "[bold red]x[/]",
    "\x1b[31mred\x1b[0m",
    "\r\n",
    "\u202e\u2066",
    "\U0001f600" * 3,
    "a" * 70,
    "0001-01-01",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "2026-02-30",
    "2026-11-28",
    "2026-11-28T10:00:00+01:00",
    "2026-11-28T10:00:00",
    "today",
    "NaN",
    "commitment",
    "morning",
]


class Raw:
    def __init__(self, token: str) -> None:
        self.token = token


leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(ODD_STRINGS)
    | st.sampled_from(RAW_TOKENS).map(Raw)
)


def nested(inner: st.SearchStrategy) -> st.SearchStrategy:
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)


values = st.recursive(leaves, nested, max_leaves=12)


def encode(event: object) -> bytes:
    """``event`` as one line of JSON, with Raw tokens put in as they are."""
    raws: list[str] = []

    def prepare(value: object) -> object:
        if isinstance(value, Raw):
            raws.append(value.token)
            return f"__raw_{len(raws) - 1}__"
        if isinstance(value, dict):
            return {str(k): prepare(v) for k, v in value.items()}
        if isinstance(value, list):
            return [prepare(v) for v in value]
        return value

    text = json.dumps(prepare(event), ensure_ascii=True)
    for n, token in enumerate(raws):
        text = text.replace(f'"__raw_{n}__"', token, 1)
    return text.encode() + b"\n"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A home with one entry of each kind mindlog writes, one removed, a statement."""
    root = tmp_path_factory.mktemp("fuzz-template")
    m = Machine(root, "home", "fuzz-machine", datetime.fromisoformat("2026-11-28T10:00:00+01:00"))
    m.run("win", "A good win", "-t", "meaning", "-q")
    m.run("commit", "My reasons")
    m.run("commit", "--reaffirm")
    m.run("morning", "--all")
    m.run("rest", "tired", "--date", "yesterday")
    m.run("checkin", "--mood", "3", "--energy", "2", "a note")
    m.run("setback", "a hard day")
    m.run("win", "Removed one", "-q")
    journal = m.journal()
    ids = {e.kind: e.id for e in journal.entries}
    ids["removed"] = m.by_text("Removed one").id
    m.run("delete", ids["removed"], "--yes")
    ids["delete_eid"] = m.journal().removed_by[ids["removed"]]
    m.run("greet")
    return m.home, ids


@st.composite
def lines(draw, ids: dict[str, str]) -> dict:
    version = draw(st.sampled_from([1, 2]))
    op = draw(st.sampled_from(OPS))
    target = draw(st.sampled_from(sorted(v for k, v in ids.items() if k != "delete_eid")))
    kind = draw(st.sampled_from(KINDS))
    entry = {
        "id": draw(st.sampled_from([target, "fuzz00000001"])),
        "kind": kind,
        "day": "2026-11-27",
        "at": "2026-11-27T09:00:00+01:00",
        "text": "fuzzed",
        "tags": ["x"],
    }
    if kind == "morning":
        entry |= {"done": ["Drink water"], "routine": ["Drink water"]}
    if kind == "checkin":
        entry |= {"mood": 3, "energy": None, "sleep": 5}
    if kind == "reaffirm":
        entry |= {"statement": ids.get("commitment", "")}
    event: dict = {"v": version, "op": op}
    if version == 2:
        event |= {"eid": draw(st.sampled_from(["fz1", "fz2", ids["delete_eid"]])), "t": 1}
        event["t"] = draw(st.sampled_from([1, 1795856400000000 + 5, 2**62]))
    if op == "add":
        event["entry"] = entry
    else:
        event |= {"id": target, "at": "2026-11-28T10:30:00+01:00"}
        if op == "update":
            event["set"] = {"text": "fuzzed", "tags": ["y"]}
            event["tags_add"] = ["z"]
        elif op == "restore":
            event["entry"] = entry
            event["undoes"] = ids["delete_eid"]
        elif op == "forget":
            event["deleted_by"] = ids["delete_eid"]
    # Put an arbitrary value into one field (or a new one), at the top or inside.
    holders = [event] + [event[k] for k in ("entry", "set") if isinstance(event.get(k), dict)]
    holder = draw(st.sampled_from(holders))
    key = draw(st.sampled_from([*sorted(holder), "extra", "done", "mood", "statement"]))
    holder[key] = draw(values)
    if draw(st.booleans()):  # and sometimes a second one
        holder = draw(st.sampled_from(holders))
        holder[draw(st.sampled_from(sorted(holder)))] = draw(values)
    return event


# Every reading command line, written out here on purpose rather than shared between test files:
# each file's list is what that file's cases need, and a change to one must not change another's.
READING = [
    [],
    ["today"],
    ["list"],
    ["list", "--json"],
    ["list", "--removed"],
    ["list", "--kind", "win", "--search", "a"],
    ["streaks"],
    ["streaks", "--json"],
    ["reflect"],
    ["reflect", "--month"],
    ["export", "--format", "md"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["commit", "--show"],
    ["greet"],
    ["doctor"],
]


def no_traceback(result, args) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        repr(result.exception),
    )
    assert result.exit_code in (0, 1), (args, result.exit_code, result.stderr)


@settings(
    # CI runs 30; MINDLOG_FUZZ_EXAMPLES=1000 searches longer.
    max_examples=int(os.environ.get("MINDLOG_FUZZ_EXAMPLES", "30")),
    phases=[p for p in Phase if p != Phase.shrink or not os.environ.get("MINDLOG_FUZZ_NO_SHRINK")],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
@pytest.mark.slow
def test_any_json_in_any_field_of_any_line_is_never_a_traceback(template, data):
    home, ids = template
    events = data.draw(st.lists(lines(ids), min_size=1, max_size=3))
    into = data.draw(st.sampled_from(["own", "other", "copy"]))
    root = Path(tempfile.mkdtemp(prefix="mindlog-fuzz-"))
    try:
        shutil.copytree(home, root / "home", symlinks=True)
        m = Machine(
            root, "home", "fuzz-machine", datetime.fromisoformat("2026-11-28T11:00:00+01:00")
        )
        (own,) = m.device_files()
        target = {
            "own": own,
            "other": m.journal_dir / "other-device-0f0f0f0f.jsonl",
            "copy": own.with_name(own.stem + " (conflicted copy 2026-11-28).jsonl"),
        }[into]
        if into == "copy":
            shutil.copyfile(own, target)
        with open(target, "ab") as handle:
            for event in events:
                handle.write(encode(event))
        for args in [*READING, ["edit", ids["win"], "--history"]]:
            no_traceback(m.run(*args, code=None), args)
        for args in (["doctor", "--repair"], ["doctor", "--compact", "--yes"]):
            no_traceback(m.run(*args, code=None), args)
        for args in READING[:4]:
            no_traceback(m.run(*args, code=None), args)
        result = m.run("win", "Good after the fuzz", "-q", code=None)
        assert result.exit_code == 0, (result.stderr, repr(result.exception))
        assert "Good after the fuzz" in [e.text for e in m.journal().entries]
        listed = m.run("list", "--json", code=None)
        no_traceback(listed, ["list", "--json"])
        assert "Good after the fuzz" in listed.stdout
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_an_update_with_tags_that_are_not_words_is_never_a_traceback(run, home):
    run("win", "Mine", "-q")
    from conftest import stored

    ident = stored().entries[0].id
    line = {
        "v": 2,
        "eid": "fz1",
        "t": 1,
        "op": "update",
        "id": ident,
        "at": "2026-11-28T10:30:00+01:00",
        "set": {"tags": [["a"]]},
        "tags_add": ["z"],
    }
    (home / "journal" / "other-device-0f0f0f0f.jsonl").write_bytes(encode(line))
    result = run("list", code=None)
    no_traceback(result, ["list"])


def test_a_lone_surrogate_from_another_device_is_never_a_traceback(tmp_path):
    m = Machine(
        tmp_path, "home", "fuzz-machine", datetime.fromisoformat("2026-11-28T10:00:00+01:00")
    )
    m.run("win", "Mine", "-q")
    line = (
        '{"v":2,"eid":"s1","t":5,"op":"add","entry":{"id":"5a5a5a5a5a5a","kind":"win",'
        '"day":"2026-11-27","at":"2026-11-27T09:00:00+01:00","text":"lone \\ud800 here",'
        '"tags":["t\\udfff"]}}\n'
    )
    (m.journal_dir / "other-device-0b0b0b0b.jsonl").write_text(line)
    failures = []
    for args in READING:
        done = m.process(*args)
        if done.returncode not in (0, 1) or "Traceback" in done.stderr or "Error" in done.stderr:
            failures.append((args, done.stderr.strip().splitlines()[-1:]))
    assert failures == []
