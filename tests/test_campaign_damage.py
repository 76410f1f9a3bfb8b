"""Damaged files, crashes cut at every byte, full disks and unusable homes: nothing acknowledged
is ever lost, damaged bytes are kept, and every problem is one line."""

from __future__ import annotations

import errno
import json
import os

import pytest

from conftest import stored
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations

GOOD_LINE = json.dumps(
    {
        "v": 1,
        "op": "add",
        "entry": {
            "id": "feedface0001",
            "kind": "win",
            "day": "2026-11-27",
            "at": "2026-11-27T09:00:00+01:00",
            "text": "kept",
            "tags": [],
        },
    }
)

DAMAGE = {
    "torn last line": b'{"v":1,"op":"add","entry":{"id":"abc","ki',
    "garbage in the middle": b"this is not json\n"
    + GOOD_LINE.replace("feedface0001", "feedface0002").encode()
    + b"\n",
    "invalid utf-8": b'{"v":1,"op":"add","entry":{"text":"\xff\xfe"}}\n',
    "nul bytes": b"\x00\x00\x00\x00\n",
    "json that is not an object": b"[1, 2, 3]\n",
    "a json string": b'"just a string"\n',
    "no schema version": b'{"op":"add","entry":{}}\n',
    "an unknown operation": b'{"v":1,"op":"explode","id":"x"}\n',
    "a newer schema version": b'{"v":7,"op":"add","entry":{"id":"n1","kind":"win","day":"2026-11-27","at":"x"}}\n',
}


def own_file(home):
    (path,) = sorted((home / "journal").glob("*.jsonl"))
    return path


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damage_is_read_around_reported_once_kept_and_writing_goes_on(run, home, case):
    run("win", "before")
    path = own_file(home)
    with open(path, "ab") as handle:
        handle.write(GOOD_LINE.encode() + b"\n" + DAMAGE[case])
    before = path.read_bytes()
    result = run("list", "--json")
    texts = [e["text"] for e in json.loads(result.stdout)]
    assert "before" in texts and "kept" in texts
    assert result.stderr.count("mindlog:") == 1 and "damaged" in result.stderr
    run("win", "after")
    data = path.read_bytes()
    assert data.startswith(before)  # every damaged byte is still there
    assert [e.text for e in stored().entries][-1] == "after"
    doctor = run("doctor", code=1 if case != "a newer schema version" else None)
    assert "kept" not in doctor.stdout and "before" not in doctor.stdout  # never the text


def test_an_empty_journal_file_is_fine(run, home):
    (home / "journal").mkdir(parents=True)
    (home / "journal" / "other-00000000.jsonl").write_bytes(b"")
    run("win", "first")
    assert [e.text for e in stored().entries] == ["first"]


def test_an_unknown_kind_is_kept_and_listed(run, home):
    run("win", "first")
    with open(own_file(home), "ab") as handle:
        handle.write(GOOD_LINE.replace('"win"', '"gratitude"').encode() + b"\n")
    kinds = [e["kind"] for e in json.loads(run("list", "--json").stdout)]
    assert "gratitude" in kinds


def test_cut_at_every_byte_of_the_last_record(run, home):
    run("win", "one")
    run("win", "two", "-t", "meaning")
    path = own_file(home)
    whole = path.read_bytes()
    start = whole.rstrip(b"\n").rfind(b"\n") + 1
    cuts = 0
    for offset in range(start, len(whole) + 1):
        path.write_bytes(whole[:offset])
        result = Store(locations()).read()
        texts = [e["entry"]["text"] for e in result.events]
        assert texts[0] == "one"
        assert len(result.problems) <= 1
        run("win", "after the cut", "-q")
        assert [e.text for e in stored().entries][-1] == "after the cut"
        assert "one" in [e.text for e in stored().entries]
        cuts += 1
    assert cuts == len(whole) - start + 1 > 100


def test_a_full_disk_writes_nothing_half_way(run, home, monkeypatch):
    run("win", "safe")
    path = own_file(home)
    before = path.read_bytes()
    real_write = os.write

    def full_disk(fd, data):
        if b"will not fit" in bytes(data):
            real_write(fd, bytes(data)[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    result = run("win", "this will not fit", code=1)
    assert "No space left on device" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before
    monkeypatch.setattr(os, "write", real_write)
    run("win", "room again")
    assert [e.text for e in stored().entries] == ["safe", "room again"]


@pytest.mark.parametrize("where", ["file", "proc"])
def test_a_home_that_cannot_be_made_is_one_line(run, tmp_path, monkeypatch, where):
    if where == "file":
        blocker = tmp_path / "a-file"
        blocker.write_text("x")
        monkeypatch.setenv("MINDLOG_HOME", str(blocker / "home"))
    else:
        monkeypatch.setenv("MINDLOG_HOME", "/proc/mindlog-home")
    for args in (["win", "x"], ["commit", "y"], ["morning", "--all"], ["routine", "add", "z"]):
        result = run(*args, code=1)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.output
    greet = run("greet", code=0)
    assert len(greet.output.strip().splitlines()) <= 2


def test_a_read_only_journal_file_is_one_line(run, home, monkeypatch):
    run("win", "first")
    real_open = os.open

    def denied(path, flags, *args, **kwargs):
        if str(path).endswith(".jsonl") and flags & os.O_APPEND:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    result = run("win", "second", code=1)
    assert "Permission denied" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    monkeypatch.setattr(os, "open", real_open)
    assert [e.text for e in stored().entries] == ["first"]


def test_a_newer_store_is_not_written_by_any_command(run, home):
    run("win", "mine")
    run("morning", "--all")
    (home / "journal" / "format.json").write_text(json.dumps({"schema": 3}))
    before = {p.name: p.read_bytes() for p in (home / "journal").glob("*.jsonl")}
    for args in (
        ["win", "x"],
        ["commit", "x"],
        ["morning", "--done", "1"],
        ["rest"],
        ["setback", "x"],
        ["checkin", "--mood", "3"],
        ["doctor", "--repair"],
    ):
        result = run(*args, code=1)
        assert "newer" in result.stderr, args
    assert {p.name: p.read_bytes() for p in (home / "journal").glob("*.jsonl")} == before


def test_doctor_repair_sets_damage_aside_and_refuses_while_locked(run, home):
    run("win", "first")
    path = own_file(home)
    with open(path, "ab") as handle:
        handle.write(b"garbage\n\xff\n")
    run("win", "second")
    os.chmod(path, 0o644)
    run("doctor", code=1)
    store = Store(locations())
    with store.lock():
        result = run("doctor", "--repair", code=1)
        assert "another mindlog" in result.stderr
    run("doctor", "--repair")
    (kept,) = (home / "journal" / "damaged").iterdir()
    assert b"garbage" in kept.read_bytes() and b"\xff" in kept.read_bytes()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert [e.text for e in stored().entries] == ["first", "second"]
    assert Store(locations()).read().problems == []
    run("doctor")


def test_doctor_compact_forgets_removed_entries_only_after_asking(run, home):
    run("win", "keep me")
    run("win", "remove me")
    gone = stored().entries[-1].id
    run("delete", gone, "--yes")
    run("doctor", "--compact", code=1)  # no terminal and no --yes: refused, nothing changed
    assert [e.text for e in stored().removed] == ["remove me"]
    run("doctor", "--compact", "--yes")
    journal = stored()
    assert [e.text for e in journal.entries] == ["keep me"] and journal.removed == []
    assert b"remove me" not in own_file(home).read_bytes()
