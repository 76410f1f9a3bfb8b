"""The greeting kept for the day follows the lines written after it (mindlog.cache.greeting.follow),
and whatever it follows or works out again, greet shows what a greeting worked out from scratch
shows: random journals, then random steps (lines of every kind on this device and another, by
append and by a sync tool's rename, removals, edits, restores, damaged lines), each compared
with the figures worked out after the kept greeting and the cache are dropped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mindlog.cache import greeting as kept
from mindlog.domain import practices, streaks
from mindlog.domain.journal import add_event, delete_event, replay, restore_event, update_event
from mindlog.domain.model import Entry
from mindlog.store.eventlog import Store
from mindlog.store.lines import encode_event
from mindlog.store.paths import locations
from mindlog.usecases import login

TODAY = date(2026, 11, 28)
ROUTINE = ["Re-read my commitment statement", "Drink a glass of water"]
PHONE = "phone-0000beef.jsonl"  # another device's file, arriving through sync

KINDS = [
    "win", "checkin", "urge", "bringup", "morning", "reread", "idle-morning", "reaffirm",
    "commitment", "rest", "rest-one", "setback", "practicedef", "practice", "setting", "scale",
]  # fmt: skip
BACKS = st.sampled_from([0, 0, 0, 0, 1, 2, 5, -1])  # days before today (-1: tomorrow)


def _event(kind: str, back: int, n: int, defs: list[str]) -> dict[str, Any]:
    day = TODAY - timedelta(days=back)
    hour = n % 10 + (12 if n >= 100 else 0)  # the steps' entries come after the journal's
    at = f"{day.isoformat()}T{hour:02d}:{n % 60:02d}:00+01:00"
    fields: dict[str, Any] = {}
    text: str | None = None
    if kind == "win":
        text = f"a step {n}"
    elif kind == "commitment":
        text = f"why number {n}"
    elif kind == "bringup":
        text = "say it"
    elif kind == "urge":
        fields = {"strength": n % 6, "passed": True}
    elif kind in ("morning", "reread", "idle-morning"):
        done = {"morning": ROUTINE[1:], "reread": ROUTINE[:1], "idle-morning": []}[kind]
        kind, fields = "morning", {"done": done, "routine": ROUTINE}
    elif kind == "rest-one":
        kind, fields = "rest", {"practice_id": defs[0] if defs else "nothing"}
    elif kind == "practicedef":
        fields = {"name": "walk" if n % 2 else "stretch", "per_week": 7 if n % 3 else 3}
    elif kind == "practice":
        fields = {"name": "walk", "practice_id": defs[n % len(defs)] if defs else ""}
    elif kind == "setting":
        fields = {"name": "greet_private", "value": bool(n % 2)}
    elif kind == "scale":
        fields = {"name": "calm"}
    return add_event(kind, day, at, text, [], **fields)


def _defs() -> list[str]:
    journal = replay(Store(locations()).read().events)
    return [e.id for e in journal.of_kind("practicedef")]


def _write_mine(events: list[dict[str, Any]]) -> None:
    Store(locations()).append(events)


def _write_phone(events: list[dict[str, Any]], how: str) -> None:
    """Lines written by another device, arriving as a sync tool delivers them: the file grown
    in place, or a grown copy renamed over it (a new inode)."""
    path = locations().journal / PHONE
    path.parent.mkdir(parents=True, exist_ok=True)
    clock = Store(locations()).latest_clock() + 1
    data = b"".join(
        encode_event({"v": 2, "eid": os.urandom(8).hex(), "t": clock + n, **e})
        for n, e in enumerate(events)
    )
    before = path.read_bytes() if path.exists() else b""
    if how == "rename":
        tmp = path.with_name(".syncing.tmp")
        tmp.write_bytes(before + data)
        os.replace(tmp, path)
    else:
        with open(path, "ab") as handle:
            handle.write(data)


STEPS = st.one_of(
    st.tuples(st.just("mine"), st.sampled_from(KINDS), st.just(0)),
    st.tuples(st.just("mine"), st.sampled_from(KINDS), BACKS),
    st.tuples(
        st.just("mine"), st.sampled_from(["win", "checkin", "morning", "reread", "practice"]), BACKS
    ),
    st.tuples(st.just("phone"), st.sampled_from(KINDS), BACKS, st.sampled_from(["add", "rename"])),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("edit"), st.integers(0, 50)),
    st.tuples(st.just("restore"), st.integers(0, 50)),
    st.tuples(st.just("damage"), st.sampled_from([b"{not json\n", b'{"v":2,"eid":"x"']), BACKS),
)


def _step(step: tuple[Any, ...], n: int) -> None:
    what = step[0]
    at = f"{TODAY.isoformat()}T09:{n % 60:02d}:30+01:00"
    if what == "mine":
        _write_mine([_event(step[1], step[2], n, _defs())])
    elif what == "phone":
        _write_phone([_event(step[1], step[2], n, _defs())], step[3])
    elif what == "damage":
        (locations().journal).mkdir(parents=True, exist_ok=True)
        with open(locations().journal / PHONE, "ab") as handle:
            handle.write(step[1])
    else:
        journal = replay(Store(locations()).read().events)
        pool = journal.removed if what == "restore" else journal.entries
        if not pool:
            return
        entry: Entry = pool[step[1] % len(pool)]
        if what == "delete":
            _write_mine([delete_event(entry.id, at)])
        elif what == "edit":
            _write_mine([update_event(entry.id, at, text=f"changed {n}")])
        else:
            _write_mine([restore_event(entry, at, journal.removed_by.get(entry.id))])


def _from_scratch() -> kept.Greeting:
    """The figures greet shows once the kept greeting and the cache are dropped; the kept
    greeting is put back as it was, so the next step follows it."""
    where = locations()
    path = where.state / kept.NAME
    before = path.read_bytes() if path.exists() else None
    for name in (kept.NAME, "cache.sqlite3"):
        (where.state / name).unlink(missing_ok=True)
    found = login._figures(where, TODAY)
    if before is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(before)
    return found


@pytest.fixture
def followed(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each call of ``follow`` brought the kept greeting up to date."""
    seen: list[bool] = []
    real = kept.follow

    def spy(*args: Any) -> kept.Greeting | None:
        found = real(*args)
        seen.append(found is not None)
        return found

    monkeypatch.setattr(kept, "follow", spy)
    return seen


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.booleans(),
    st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 30)), max_size=25),
    st.lists(STEPS, min_size=1, max_size=10),
)
def test_greet_after_every_step_is_the_greeting_worked_out_from_scratch(
    followed, own, start, steps
):
    saved = os.environ["MINDLOG_HOME"]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MINDLOG_HOME"] = folder
        try:
            if own:  # practices of one's own, one done every day, one three days a week
                start = [("practicedef", 9), ("practicedef", 8), *start]
            if start:
                defs: list[str] = []
                events = []
                for n, (kind, back) in enumerate(start):
                    events.append(_event(kind, back, n, defs))
                    if kind == "practicedef":
                        defs.append(events[-1]["entry"]["id"])
                _write_mine(events)
            where = locations()
            assert login._figures(where, TODAY) == _from_scratch()
            for n, step in enumerate(steps):
                _step(step, n + 100)
                count = len(followed)
                shown = login._figures(where, TODAY)
                if len(followed) > count and followed[-1]:
                    event(f"followed {step[0]} {step[1] if step[0] != 'damage' else ''}")
                assert shown == _from_scratch(), step
                assert login._figures(where, TODAY) == shown  # kept as followed
        finally:
            os.environ["MINDLOG_HOME"] = saved


def _journal_of(days: int) -> None:
    events = []
    for back in range(days, 0, -1):
        day = TODAY - timedelta(days=back)
        events.append(add_event("win", day, f"{day.isoformat()}T09:00:00+01:00", "a step"))
        events.append(
            add_event(
                "morning", day, f"{day.isoformat()}T08:00:00+01:00", None, [],
                done=ROUTINE, routine=ROUTINE,
            )
        )  # fmt: skip
    events.append(
        add_event("commitment", TODAY - timedelta(days=days), "2026-01-01T08:00:00+01:00", "why")
    )
    _write_mine(events)


@pytest.mark.parametrize(
    "args",
    [
        ("win", "the first of the day"),
        ("checkin", "--mood", "3"),
        ("morning", "--all"),
        ("commit", "--reaffirm"),
        ("bring-up", "a note"),
    ],
)
def test_a_line_of_today_is_followed_without_the_cache(run, followed, monkeypatch, args):
    """A win (the first of the day too), a check-in, a morning, a reaffirmation, a note to bring
    up: greet brings the kept figures up to date itself, and they are the ones worked out anew."""
    _journal_of(20)
    where = locations()
    before = login._figures(where, TODAY)
    run(*args)
    run("win", "-q", "and another")
    from mindlog import cache

    def no_cache(*_: Any, **__: Any) -> None:
        raise AssertionError("the cache was opened")

    with monkeypatch.context() as patch:
        patch.setattr(cache, "open_view", no_cache)
        shown = login._figures(where, TODAY)
    assert followed == [True]
    assert shown != before
    assert shown == _from_scratch()
    wins = dict((p[0], p) for p in shown.practices)["wins"]
    assert wins[4] is True and wins[1] == 21  # done today: a run of 21 days


def test_a_practice_of_ones_own_done_today_is_followed(run, followed):
    _journal_of(4)
    run("practice", "add", "walk")
    run("practice", "add", "stretch", "--per-week", "3")
    where = locations()
    assert login._figures(where, TODAY).own == (0, 2)
    run("did", "walk")
    assert login._figures(where, TODAY).own == (1, 2)
    run("did", "stretch")
    shown = login._figures(where, TODAY)
    assert followed == [True, True]
    assert shown.own == (2, 2)
    assert shown == _from_scratch()


@pytest.mark.parametrize(
    "args",
    [
        ("rest",),
        ("win", "--date", "yesterday", "late"),
        ("commit", "a new why"),
        ("undo", "--yes"),
        ("practice", "add", "walk"),
    ],
)
def test_what_it_cannot_follow_is_worked_out_again(run, followed, args):
    _journal_of(5)
    where = locations()
    login._figures(where, TODAY)
    run(*args)
    shown = login._figures(where, TODAY)
    assert True not in followed
    assert shown == _from_scratch()


def test_an_encrypted_journal_is_worked_out_again(run, followed):
    _journal_of(3)
    where = locations()
    login._figures(where, TODAY)
    path = where.state / kept.NAME
    data = json.loads(path.read_text())
    data["greeting"]["sealed"] = True  # as an encrypted journal's greeting is kept
    path.write_text(json.dumps(data))
    run("win", "-q", "a step")
    assert kept.load(where, TODAY) is None and followed == [False]


def test_greet_after_a_win_imports_no_cache_view(run, home):
    """In a real process: the greeting after a win is followed, not worked out from the cache."""
    _journal_of(3)
    run("greet")
    run("win", "-q", "a step")
    env = {**os.environ, "MINDLOG_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mindlog", "greet"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert "Wins: done today" in done.stdout
    assert "mindlog.cache.view" not in done.stderr


# -- the pure parts it stands on -----------------------------------------------------------------

DAY_SETS = st.sets(st.integers(0, 60), max_size=40)


@given(DAY_SETS, DAY_SETS, st.integers(0, 60), st.integers(-3, 0))
def test_with_done_is_segments_with_the_day_done(done, rest, first, day):
    as_done = {TODAY - timedelta(days=n) for n in done}
    rested = {TODAY - timedelta(days=n) for n in rest}
    added = TODAY + timedelta(days=day)
    runs = streaks.segments(as_done, rested, TODAY)
    assert streaks.with_done(runs, added) == streaks.segments(as_done | {added}, rested, TODAY)


@given(DAY_SETS, DAY_SETS, st.integers(0, 60))
def test_if_done_is_the_streak_of_today_done(done, rest, first):
    days = streaks.PracticeDays()
    days.done["wins"] = {TODAY - timedelta(days=n) for n in done}
    days.rest = {TODAY - timedelta(days=n) for n in rest}
    days.first = TODAY - timedelta(days=max([first, *done, *rest]))
    expected = streaks.streak(days.done["wins"] | {TODAY}, days.rest, days.first, TODAY)
    assert streaks.if_done(days, "wins", TODAY) == expected
    days.runs = {
        p: streaks.segments(days.done[p], days.carried(), TODAY) for p in streaks.PRACTICES
    }
    assert streaks.if_done(days, "wins", TODAY) == expected


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4), st.booleans()), max_size=12))
def test_done_today_is_what_the_figures_say_of_today(found):
    entries = []
    for n, (which, back, by_id) in enumerate(found):
        day = TODAY - timedelta(days=back)
        if which == 0:
            entries.append(
                Entry(
                    f"d{n}",
                    "practicedef",
                    day.isoformat(),
                    "x",
                    None,
                    [],
                    {"name": "walk", "per_week": 7},
                )
            )
        else:
            ref = next((e.id for e in entries if e.kind == "practicedef"), "") if by_id else ""
            entries.append(
                Entry(
                    f"p{n}",
                    "practice",
                    day.isoformat(),
                    "x",
                    None,
                    [],
                    {"name": "walk", "practice_id": ref},
                )
            )
    whole = practices.figures(entries, TODAY)
    today = [m for m in practices.marks(entries) if TODAY.isoformat() in m.days]
    today = [practices.Marked(m.ref, m.name, (TODAY.isoformat(),)) for m in today]
    setup = [e for e in entries if e.kind in practices.SETUP]
    assert practices.done_today(setup, TODAY, today) == (
        sum(1 for f in whole if f.done_today),
        len(whole),
    )
