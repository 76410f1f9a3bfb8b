"""The cache answers every question exactly as a full replay of the journal does, whatever was
written, synced, torn or replaced; and it keeps no words the journal no longer has."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mindlog import cache
from mindlog.cache import build as building
from mindlog.cache import fill
from mindlog.cache import reading as cache_reading
from mindlog.cache.view import Cached, Full
from mindlog.domain import personal, reflect
from mindlog.domain.journal import (
    add_event,
    delete_event,
    forget_event,
    replay,
    restore_event,
    update_event,
)
from mindlog.domain.query import Filter
from mindlog.domain.streaks import all_streaks
from mindlog.formats import export_html, markdown
from mindlog.store.eventlog import Store
from mindlog.store.lines import SCHEMA, encode_event, micros, parse_line
from mindlog.store.paths import Locations
from mindlog.usecases import login, reading

TODAY = date(2026, 11, 28)
RECENT = TODAY - timedelta(days=400)  # Cached.practice_days gives sets of recent days only
START = datetime.fromisoformat("2026-11-28T10:00:00+01:00")
ROUTINE = ["Re-read my commitment statement", "b", "c", "d"]  # the first: a reaffirmation

ADD = st.tuples(
    st.just("add"),
    st.sampled_from(
        ["win", "win", "morning", "commitment", "reaffirm", "rest", "checkin", "setback", "scale"]
        + ["boost", "routineitem", "setting"]  # kept beside the entries: never a day shown up
        + ["practicedef", "practice", "practice"]  # a practice of one's own and its days
    ),
    st.integers(0, 400),  # days back
    st.integers(0, 4),
    st.sampled_from(["", "sister", "Called my SISTER", "walk\nin the park", "Straße"]),
    st.booleans(),  # at the same moment as the step before
)
CHANGE = st.tuples(
    st.sampled_from(["update", "update", "delete", "restore", "forget"]),
    st.integers(0, 10_000),
    st.sampled_from(["text", "done", "day", "tags"]),
    st.integers(0, 40),
)
READ = st.tuples(st.just("read"))
FOREIGN = st.tuples(
    st.sampled_from(
        ["foreign", "replace", "compact", "torn", "garbage", "late", "copy", "conflict", "tidy"]
    ),
    st.integers(0, 30),
)
OPS = st.lists(st.one_of(ADD, CHANGE, READ, FOREIGN), min_size=1, max_size=30)


def where_in(base: Path) -> Locations:
    return Locations(data=base, journal=base / "journal", config=base, state=base / "state")


def answers(journal: Cached | Full, ids: list[str]) -> dict[str, object]:
    """Every question the commands ask, answered (``ids``: some to ask about)."""
    days = journal.practice_days(TODAY)
    filters = [
        (Filter(), None, False),
        (Filter(), 5, False),
        (Filter(kinds=["win"], search="sister"), 3, False),
        (Filter(since=TODAY - timedelta(days=30), search="STRASSE"), None, False),
        (Filter(until=TODAY - timedelta(days=3), kinds=["morning", "rest"]), 2, False),
        (Filter(kinds=["WIN"]), None, False),
        (Filter(), None, True),
    ]
    return {
        "reflect": [
            reflect.reflect_on(journal, TODAY - timedelta(days=n), span)
            for n in (0, 3)
            for span in ("week", "month")
        ],
        "entries": [(e.to_json(), e.written) for e in journal.entries],
        "removed": sorted(e.id for e in journal.removed),
        "history": journal.history,
        "statement": journal.statement(),
        "empty": journal.empty(),
        "days": (
            {p: {d for d in days.done[p] if d >= RECENT} for p in days.done},
            {d for d in days.rest if d >= RECENT},
            {d: v for d, v in days.morning_share.items() if d >= RECENT},
            days.first,
            {d for d in days.setback if d >= RECENT},
            {d for d in days.shown if d >= RECENT},
            reading.shown_up_json(days, TODAY),
        ),
        "lasting": reflect.lasting(days, TODAY),
        "greeting": login.figures(journal, TODAY),
        "marks": journal.practice_marks(),  # the days of practices of one's own
        "marks since": [journal.practice_marks(TODAY - timedelta(days=n)) for n in (0, 6, 29)],
        "streaks": {
            p: (s.current, s.longest, s.total_days, round(s.strength, 9), s.recent)
            for p, s in all_streaks(days, TODAY).items()
        },
        "resurface": [journal.resurface(TODAY - timedelta(days=n)) for n in (0, 1, 7, 30)],
        "on": [journal.on(TODAY - timedelta(days=n)) for n in (0, 1, 2)],
        "morning": journal.morning(TODAY),
        "since": journal.since(TODAY - timedelta(days=10)),
        "since, of kinds": [
            journal.since(TODAY - timedelta(days=43), "checkin"),
            journal.since(TODAY - timedelta(days=10), "win", "setback"),
        ],
        "select": [
            [e.id for e in journal.select(f, last, removed)] for f, last, removed in filters
        ],
        "of_kind": journal.of_kind("win", "rest"),
        "kept": (
            personal.texts_of(journal.of_kind("boost"), "boost"),
            personal.routine_of(journal.of_kind("routineitem", "setting"), ROUTINE),
            personal.settings_of(journal.of_kind("setting")),
        ),
        "json": [reading.entries_json(journal, f, last, removed) for f, last, removed in filters],
        "stream": [
            [e.id for e in journal.stream(f)] for f, last, removed in filters if not removed
        ],
        "stream_json": [  # one at a time, the same as all at once (or None, as select_json)
            (found := journal.stream_json(f)) is None or list(found) == journal.select_json(f)
            for f, _, _ in filters
        ],
        "markdown": [exported(journal, f) for f in (Filter(), Filter(since=RECENT, until=TODAY))],
        "fields": [  # what the exports read of each entry, of every kind or of one
            [(*row[:5], list(row[5]), row[6]) for row in journal.stream_fields(Filter(), kind)]
            for kind in (None, "win", "morning")
        ],
        # What an import asks: each id the journal knows, live, removed or forgotten.
        "known": journal.known(ids),
        "problems": journal.problems,
        "newer": journal.newer,
    }


def exported(journal: Cached | Full, wanted: Filter) -> str:
    """The Markdown export of ``wanted``'s days (read from the cache as it is written), and the
    HTML page of the same days."""
    period = reading.export_period(journal, wanted)
    extras = reading.companion_parts(journal, period)
    span = (journal.statement(), TODAY, wanted.since, wanted.until)
    parts = markdown.markdown_parts(period, *span, **extras)
    return "".join(parts) + export_html.to_html(period, *span, **extras)


def full(where: Locations) -> Full:
    result = Store(where).read()
    journal = replay(result.events)
    return Full(journal, len(result.problems) + len(journal.problems), result.newer)


def foreign(event: dict, when: datetime) -> bytes:
    """A line another device wrote at ``when`` (by its clock)."""
    return encode_event(
        {"v": SCHEMA, "eid": os.urandom(8).hex(), "t": micros(when.isoformat()), **event}
    )


def check(where: Locations) -> None:
    cached = cache.open_view(where)
    if cached is None:
        assert not Store(where).read().events
        return
    reference = full(where)
    whole = reference.journal
    ids = [*(e.id for e in whole.entries + whole.removed), *sorted(whole.forgotten), "unknown"]
    assert answers(cached, ids) == answers(reference, ids)
    journal = reference.journal
    for n in (0, 3):  # reflect_on asks only what it needs, and finds what a full reading finds
        for span in ("week", "month"):
            day = TODAY - timedelta(days=n)
            whole = reflect.reflect(journal.entries, journal.statement(), day, span)
            assert reflect.reflect_on(cached, day, span) == whole


def play(where: Locations, ops, first_step: int = 0) -> None:
    ids: list[str] = []
    other = where.journal / "laptop-0000abcd.jsonl"
    for step, op in enumerate(ops, start=first_step):
        same = op[0] == "add" and op[5]
        at = (START + timedelta(seconds=step - (1 if same else 0))).isoformat()
        events = []
        if op[0] == "add":
            _, kind, back, done, text, _ = op
            day = TODAY - timedelta(days=back)
            fields = {"done": ROUTINE[:done], "routine": ROUTINE} if kind == "morning" else {}
            fields = {"name": "calm"} if kind == "scale" else fields  # setup: not a day shown up
            if kind == "commitment" and done % 2:  # written for an earlier day (--date)
                fields = {"timed": False}
            if kind == "setting":
                fields = {"name": "country", "value": ["GB", "IE", None][done % 3]}
            if kind == "practicedef":
                fields = {"name": ["walk", "Walk", "run"][done % 3], "per_week": 7 - done}
            if kind == "practice":  # by name, or by a practice's id (any earlier entry's here)
                fields = {"name": ["walk", "WALK", "run", "walk", "swim"][done]}
                fields |= {"practice_id": ids[-1 - done]} if done % 2 and len(ids) > done else {}
            event = add_event(kind, day, at, text or None, [], **fields)
            ids.append(event["entry"]["id"])
            events.append(event)
        elif op[0] in ("update", "delete", "restore", "forget") and ids:
            entry_id = ids[op[1] % len(ids)]
            journal = replay(Store(where).read().events)
            gone = {e.id: e for e in journal.removed}
            if op[0] == "delete":
                events.append(delete_event(entry_id, at))
            elif op[0] in ("restore", "forget") and entry_id in gone:
                if op[0] == "restore":
                    undoes = journal.removed_by.get(entry_id)
                    events.append(restore_event(gone[entry_id], at, undoes))
                else:
                    events.append(
                        forget_event(
                            entry_id, journal.removed_by[entry_id], journal.removed_at[entry_id]
                        )
                    )
            elif op[0] in ("restore", "forget"):
                pass
            elif op[2] == "text":
                events.append(update_event(entry_id, at, text=f"edited sister {step}"))
            elif op[2] == "done":
                events.append(update_event(entry_id, at, done=ROUTINE[: op[3] % 5]))
            elif op[2] == "tags":
                events.append(update_event(entry_id, at, tags=["walk"] * (op[3] % 2)))
            else:
                day = (TODAY - timedelta(days=op[3])).isoformat()
                events.append(update_event(entry_id, at, day=day))
        elif op[0] == "read":
            check(where)
        elif op[0] == "compact" and other.exists() and other.stat().st_size:
            # another device's compaction, delivered by a sync tool: its file written anew
            # without one of its lines (the one the step names), as a copy renamed over it
            lines = other.read_bytes().splitlines(keepends=True)
            del lines[op[1] % len(lines)]
            tmp = other.with_name(".sync.tmp")
            tmp.write_bytes(b"".join(lines))
            os.replace(tmp, other)
        elif op[0] == "copy" and other.exists():
            # a line of this device's file copied into the other's (as `doctor --repair` takes
            # in a conflicted copy's lines): the same line, met twice, counts once
            mine = [p for p in where.journal.glob("*.jsonl") if p != other]
            lines = b"".join(p.read_bytes() for p in sorted(mine)).splitlines(keepends=True)
            if lines:
                old = other.read_bytes()
                old += b"" if old.endswith(b"\n") or not old else b"\n"
                tmp = other.with_name(".sync.tmp")
                tmp.write_bytes(old + lines[op[1] % len(lines)])
                os.replace(tmp, other)
        elif op[0] == "tidy" and other.exists():
            # the other device compacts: its file written anew without the lines of forgotten
            # entries, the forget lines of every file copied in first (usecases.compaction)
            read = Store(where).read()
            gone = replay(read.events).forgotten
            forgets = [e for e in read.events if e.get("op") == "forget"]
            keep, held = [], set()
            for raw in other.read_bytes().splitlines():
                found = parse_line(raw)
                if isinstance(found, dict):
                    held.add(found["eid"])
                    add = found.get("op") == "add" and isinstance(found.get("entry"), dict)
                    target = found["entry"].get("id") if add else found.get("id")
                    if target in gone and found.get("op") != "forget":
                        continue
                keep.append(raw + b"\n")
            copies = [
                encode_event({k: v for k, v in e.items() if not k.startswith("_")})
                for e in forgets
                if e["eid"] not in held
            ]
            tmp = other.with_name(".sync.tmp")
            tmp.write_bytes(b"".join(copies + keep))
            os.replace(tmp, other)
        elif op[0] == "conflict" and other.exists():
            # a sync tool's conflicted copy of the other device's file: its lines and one more
            when = START + timedelta(seconds=step)
            event = add_event("win", TODAY - timedelta(days=op[1]), when.isoformat(), "copy")
            copy = other.with_name(
                f"{other.stem}.sync-conflict-20261128-1010{step % 100:02d}.jsonl"
            )
            old = other.read_bytes()
            copy.write_bytes(old + (b"" if old.endswith(b"\n") or not old else b"\n"))
            with copy.open("ab") as f:
                f.write(foreign(event, when))
        elif op[0] in ("foreign", "late", "replace", "compact", "torn", "garbage"):
            other.parent.mkdir(parents=True, exist_ok=True)
            # "late": another device's line written long ago, synced only now
            when = START - timedelta(days=3) if op[0] == "late" else START + timedelta(seconds=step)
            event = add_event("win", TODAY - timedelta(days=op[1]), when.isoformat(), "elsewhere")
            line = foreign(event, when)
            if op[0] == "replace":  # a sync tool writes the whole file anew
                old = other.read_bytes() if other.exists() else b""
                tmp = other.with_name(".sync.tmp")
                tmp.write_bytes(old + line)
                os.replace(tmp, other)
            elif op[0] == "torn":
                with other.open("ab") as f:
                    f.write(line[: len(line) // 2])
            elif op[0] == "garbage":
                with other.open("ab") as f:
                    f.write(b"{not json\n")
            else:
                with other.open("ab") as f:
                    f.write(line)
        if events:
            Store(where).append(events)
    check(where)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
@example(  # a file written anew that gets the inode number of the one the cache read
    [("foreign", 0), ("add", "win", 0, 0, "", False), ("read",), ("replace", 0), ("compact", 0)]
)
def test_the_cache_always_agrees_with_a_full_replay(ops):
    with tempfile.TemporaryDirectory() as tmp:
        play(where_in(Path(tmp)), ops)


def test_new_lines_are_caught_up_without_a_rebuild(tmp_path, monkeypatch):
    where = where_in(tmp_path)
    # another device's file is there already
    play(where, [("add", "win", 0, 0, "a", False), ("foreign", 5), ("read",)])
    builds = []
    real = building.build
    monkeypatch.setattr(building, "build", lambda *a: builds.append(1) or real(*a))
    ops = [
        ("add", "win", 1, 0, "b", False),
        ("update", 1, "text", 0),
        ("read",),
        ("add", "morning", 0, 2, "", False),
        ("update", 2, "done", 4),
        ("delete", 2),
        ("restore", 2),
        ("read",),
        ("foreign", 3),
        ("torn", 0),
        ("read",),
        ("add", "commitment", 0, 0, "why", False),
        ("read",),
    ]
    play(where, ops, first_step=100)
    assert builds == []


@pytest.mark.parametrize(
    "late",
    [
        ("late", 2),  # another device's change sorts before one already applied: a whole replay
        ("compact", 1),  # another device's file rewritten without the line an update is in
    ],
)
def test_what_cannot_be_caught_up_is_rebuilt(tmp_path, monkeypatch, late):
    where = where_in(tmp_path)
    play(where, [("add", "win", 0, 0, "a", False), ("foreign", 1), ("update", 0, "text", 0)])
    builds = []
    real = building.build
    monkeypatch.setattr(building, "build", lambda *a: builds.append(1) or real(*a))
    if late[0] == "compact":
        other = where.journal / "laptop-0000abcd.jsonl"
        entry_id = replay(Store(where).read().events).entries[0].id
        with other.open("ab") as f:  # the other device edits an entry; its line then goes
            later = datetime.now(START.tzinfo) + timedelta(minutes=5)  # after every change
            f.write(foreign(update_event(entry_id, later.isoformat(), text="b"), later))
        play(where, [("foreign", 2), ("read",), ("foreign", 3), ("read",)], first_step=100)
        assert builds == []  # caught up
        play(where, [late, ("read",)], first_step=200)
    else:
        other = where.journal / "laptop-0000abcd.jsonl"
        entry_id = replay(Store(where).read().events).entries[0].id
        change = update_event(entry_id, "2026-11-27T08:00:00+01:00", text="earlier")
        with other.open("ab") as f:
            f.write(foreign(change, START - timedelta(days=1)))
        check(where)
    assert builds == [1]


def test_a_file_a_sync_tool_delivers_by_rename_is_caught_up_without_a_rebuild(
    tmp_path, monkeypatch
):
    """Syncthing, Dropbox, unison and rsync deliver a grown file as a new copy renamed over the
    old one (a new inode): only its new lines are read, as when it grows in place."""
    where = where_in(tmp_path)
    play(where, [("add", "win", 0, 0, "a", False), ("foreign", 1), ("read",)])
    builds = []
    real = building.build
    monkeypatch.setattr(building, "build", lambda *a: builds.append(1) or real(*a))
    other = where.journal / "laptop-0000abcd.jsonl"
    inode = other.stat().st_ino
    play(where, [("replace", 2), ("read",), ("replace", 3), ("torn", 0), ("read",)], first_step=50)
    play(where, [("replace", 4), ("read",), ("add", "win", 0, 0, "b", False), ("read",)], 60)
    assert other.stat().st_ino != inode
    assert builds == []


def test_a_new_device_file_is_read_without_a_rebuild(tmp_path, monkeypatch):
    """The first write of a new device (or of this one, after years of imported history) reads
    only that file: a million entries are not replayed for one morning."""
    where = where_in(tmp_path)
    play(where, [("add", "win", 0, 0, "a", False), ("add", "win", 1, 0, "b", False), ("read",)])
    builds = []
    real = building.build
    monkeypatch.setattr(building, "build", lambda *a: builds.append(1) or real(*a))
    later = datetime.now(START.tzinfo) + timedelta(minutes=5)  # after every line read here
    for n, name in enumerate(["desk-0000beef.jsonl", "phone-0000cafe.jsonl"]):
        event = add_event("win", TODAY, later.isoformat(), f"from a new device {n}")
        (where.journal / name).write_bytes(foreign(event, later + timedelta(seconds=n)))
        check(where)
    assert builds == []


def test_a_new_file_holding_lines_read_before_is_rebuilt(tmp_path, monkeypatch):
    """A new file whose lines may already have been read (a device file copied under another
    name) is sorted out by a whole replay: each line counts once."""
    where = where_in(tmp_path)
    play(where, [("add", "win", 0, 0, "a", False), ("update", 0, "text", 0), ("read",)])
    builds = []
    real = building.build
    monkeypatch.setattr(building, "build", lambda *a: builds.append(1) or real(*a))
    (own,) = [p for p in where.journal.glob("*.jsonl")]
    (where.journal / "desk-0000beef.jsonl").write_bytes(own.read_bytes())
    check(where)
    assert builds == [1]


def test_an_entry_added_twice_or_unusable_is_built_as_a_replay_reads_it(tmp_path):
    """Built whole, the cache places every entry as journal.replay does: an id added by two
    devices keeps its first add, an add that is not a valid entry is left out (and counted), and
    entries of one moment keep the order they were added in, a restored one after them."""
    where = where_in(tmp_path)
    Store(where).append([add_event("win", TODAY, START.isoformat(), "first")])
    journal = replay(Store(where).read().events)
    (entry,) = journal.entries
    twice = entry.to_json() | {"text": "second"}
    same = [add_event("win", TODAY, START.isoformat(), f"same moment {n}") for n in range(3)]
    bad = {"op": "add", "entry": {"id": "x1", "kind": "win", "day": "not a day", "at": "?"}}
    other = where.journal / "laptop-0000abcd.jsonl"
    later = START + timedelta(minutes=1)
    other.write_bytes(
        foreign({"op": "add", "entry": twice}, later)
        + b"".join(foreign(e, later + timedelta(seconds=n)) for n, e in enumerate(same))
        + foreign(bad, later)
        + foreign(delete_event(same[0]["entry"]["id"], later.isoformat()), later)
    )
    cache.drop(where)
    check(where)
    gone = replay(Store(where).read().events).removed[0]
    Store(where).append([restore_event(gone, later.isoformat(), None)])
    cache.drop(where)
    check(where)
    cached = cache.open_view(where)
    assert cached is not None and cached.problems == 1
    texts = [e.text for e in cached.entries]
    assert len({"first", "second"} & set(texts)) == 1  # one of the two adds: the earlier one


def test_an_edit_after_a_removal_is_caught_up_and_built_as_a_replay_applies_it(
    tmp_path, monkeypatch
):
    """An edit made on another device after a removal it had not seen brings the entry back
    (the last writer wins): caught up from the new line alone, placed after the entries of its
    moment as a restored one is, and built whole the same way."""
    where = where_in(tmp_path)
    same = [add_event("win", TODAY, START.isoformat(), f"same moment {n}") for n in range(3)]
    ident = same[0]["entry"]["id"]
    Store(where).append(same)
    Store(where).append([delete_event(ident, START.isoformat())])
    check(where)
    builds = []
    real = building.build
    monkeypatch.setattr(building, "build", lambda *a: builds.append(1) or real(*a))
    later = datetime.now(START.tzinfo) + timedelta(minutes=5)  # after every line read here
    other = where.journal / "laptop-0000abcd.jsonl"
    edit = update_event(ident, later.isoformat(), text="changed after its removal")
    other.write_bytes(
        foreign(edit, later) + foreign(update_event(ident, "x", tags=["walk"]), later)
    )
    check(where)
    assert builds == []
    cached = cache.open_view(where)
    assert cached is not None
    texts = [e.text for e in cached.entries]
    assert texts == ["same moment 1", "same moment 2", "changed after its removal"]
    assert cached.removed == []
    assert [h["text"] for h in cached.history[ident] if "text" in h] == ["same moment 0"]
    # An entry of the same moment added later on the clock goes before the one brought back
    # (replay adds every entry first): only a whole replay knows that order.
    added = add_event("win", TODAY, START.isoformat(), "same moment 3")
    with other.open("ab") as f:
        f.write(foreign(added, later + timedelta(seconds=1)))
    check(where)
    assert builds == [1]
    cache.drop(where)
    check(where)  # built whole: the entry brought back is known to be out of its add's place
    another = add_event("win", TODAY, START.isoformat(), "same moment 4")
    with other.open("ab") as f:
        f.write(foreign(another, later + timedelta(seconds=2)))
    check(where)


def test_a_damaged_or_foreign_cache_file_is_replaced(tmp_path):
    where = where_in(tmp_path)
    play(where, [("add", "win", 0, 0, "a", False), ("read",)])
    path = where.state / "cache.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    check(where)
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET v = 99 WHERE k = 'format'")
    db.commit()
    db.close()
    check(where)


def test_a_deleted_cache_is_built_again_and_a_missing_one_never_stops_a_write(run, home):
    run("win", "first")
    run("list")
    (home / "state" / "cache.sqlite3").unlink()
    (home / "state").chmod(0o500)
    try:
        run("win", "second")  # the state folder cannot be written: the journal still can
        assert "second" in run("list").stdout
    finally:
        (home / "state").chmod(0o700)


def test_the_cache_keeps_no_words_of_a_deleted_entry_after_a_rebuild(run, home):
    run("win", "a private sentence")
    run("list")
    (home / "journal").joinpath(next(p.name for p in (home / "journal").glob("*.jsonl")))
    for device in (home / "journal").glob("*.jsonl"):
        device.write_bytes(b"")  # as compaction leaves it, the words gone from the journal
    run("list")
    for file in (home / "state").iterdir():
        assert b"private sentence" not in file.read_bytes(), file.name


def test_after_compaction_no_cache_file_keeps_a_forgotten_word(run, home):
    run("win", "a private sentence")
    run("win", "something else")
    run("greet")
    run("list")
    entry = next(
        e for e in replay(Store(_where()).read().events).entries if e.text == "a private sentence"
    )
    run("delete", entry.id, "--yes")
    run("list", "--removed")
    run("doctor", "--compact", "--yes")
    for file in (home / "state").iterdir():
        assert b"private sentence" not in file.read_bytes(), file.name
    assert "something else" in run("list").stdout
    for file in (home / "state").iterdir():
        assert b"private sentence" not in file.read_bytes(), file.name


def _where() -> Locations:
    from mindlog.store.paths import locations

    return locations()


def test_building_the_cache_of_a_long_journal_reports_its_progress(tmp_path, monkeypatch):
    import contextlib

    where = where_in(tmp_path)
    play(where, [("add", "win", n, 0, "a", False) for n in range(40)])
    cache.drop(where)
    monkeypatch.setattr(fill, "BIG", 1)
    steps: list[int] = []

    @contextlib.contextmanager
    def progress(total, description):
        assert total == 100 and "journal" in description
        yield steps.append

    assert cache.open_view(where, progress) is not None
    assert 90 <= sum(steps) <= 100
    steps.clear()
    assert cache.open_view(where, progress) is not None  # in step already: nothing to show
    assert steps == []


def test_the_progress_bar_is_drawn_only_on_a_terminal(capsys):
    from mindlog.render.progress import bar

    with bar(10, "working") as advance:
        advance(5)
    assert capsys.readouterr().err == ""


def test_entries_in_year_1_and_9999_cost_nothing_extra(run, home):
    run("win", "today's")
    journal = home / "journal"
    far = journal / "old-device-0000abcd.jsonl"
    lines = [
        foreign(add_event("win", date(1, 1, 1), "0001-01-01T00:00:00+00:00", "long ago"), START),
        foreign(add_event("rest", date(1, 1, 2), "0001-01-02T00:00:00+01:00"), START),
        foreign(add_event("win", date(9999, 12, 31), "9999-12-31T23:59:59-01:00", "far on"), START),
    ]
    far.write_bytes(b"".join(lines))
    for args in ([], ["streaks"], ["reflect"], ["list", "-n", "2"], ["greet"], ["export"]):
        assert run(*args).exit_code == 0
    check(_where())
    cached = cache.open_view(_where())
    days = cached.practice_days(TODAY)
    assert days.first == date(1, 1, 1)
    assert sum(b - a + 1 for a, b, _ in days.runs["wins"]) <= 3  # runs, never every day between


def test_many_mindlogs_at_once_leave_the_cache_in_step(home):
    import subprocess

    from conftest import MINDLOG, subprocess_env

    env = subprocess_env(home)
    subprocess.run([*MINDLOG, "win", "-q", "first"], env=env, check=True)
    subprocess.run([*MINDLOG, "list"], env=env, check=True, capture_output=True)
    procs = [
        subprocess.Popen(
            [*MINDLOG, *(["win", "-q", f"win {n}"] if n % 2 else ["list", "-n", "3"])],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(8)
    ]
    for proc in procs:
        _, err = proc.communicate()
        assert proc.returncode == 0 and not err
    check(_where())
    assert len(cache.open_view(_where()).entries) == 5


TEXTS = st.text(st.sampled_from("abcAB ßẞİıçÇéΣσς.,;!?-'\"#\n\t\x00🙂x"), min_size=0, max_size=12)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(TEXTS, st.booleans(), st.booleans()), min_size=1, max_size=12),
    st.lists(TEXTS, min_size=1, max_size=4),
    st.integers(0, 20),
)
def test_a_search_finds_in_the_cache_what_a_plain_scan_finds(texts, queries, slice_at):
    """--search looks in the cache's search table: every entry a scan of the journal finds (any
    case, any letters, punctuation, part of a word), in the same order, live or removed."""
    with tempfile.TemporaryDirectory() as tmp:
        where = where_in(Path(tmp))
        events = []
        for n, (text, tagged, gone) in enumerate(texts):
            at = (START + timedelta(seconds=n)).isoformat()
            event = add_event("win", TODAY - timedelta(days=n % 3), at, text or None,
                              ["Tag"] if tagged else [])  # fmt: skip
            events.append(event)
            if gone:
                events.append(delete_event(event["entry"]["id"], at))
        Store(where).append(events)
        cached, reference = cache.open_view(where), full(where)
        assert cached is not None
        words = [t for t in texts[0][0][slice_at % 7 :].split()[:1]]  # part of a written word
        for query in [*queries, *words, "tag", "TAG"]:
            if not query.strip():
                continue
            for removed in (False, True):
                for last in (None, 2):
                    wanted = Filter(search=query)
                    got = [e.id for e in cached.select(wanted, last, removed)]
                    assert got == [e.id for e in reference.select(wanted, last, removed)]


@pytest.mark.parametrize("block", [1, 7, 64, 1 << 20])
def test_a_file_read_in_blocks_gives_every_line_as_read_whole(tmp_path, monkeypatch, block):
    """Lines cut across the blocks a long file is read in come out whole, numbered alike."""
    from mindlog.cache import reader

    path = tmp_path / "phone-0000abcd.jsonl"
    lines = [
        foreign(add_event("win", TODAY, START.isoformat(), f"wörd {n}"), START) for n in range(5)
    ]
    path.write_bytes(lines[0] + b"\n  \n" + b"{broken\n" + b"".join(lines[1:]) + lines[0][:9])
    whole = reader.read_part(path, 0, 0)
    monkeypatch.setattr(reader, "BLOCK", block)
    part = reader.read_part(path, 0, 0)
    assert (part.events, part.problems, part.tail, part.end, part.lines, part.size) == (
        whole.events,
        whole.problems,
        whole.tail,
        whole.end,
        whole.lines,
        whole.size,
    )
    assert len(part.events) == 5 and part.lines == 8 and part.tail == lines[0][:9]
    later = reader.read_part(path, len(lines[0]), 1)
    assert later.events == whole.events[1:] and later.lines == 8


def test_an_export_from_the_cache_is_the_export_of_a_full_replay(tmp_path):
    """Days in any year, a day written as a week date (2026-W47-3, which a date check lets
    through and which sorts after the other days of its year), wins under several factors,
    check-ins enough for what helps: the Markdown read from the cache as it is written is the
    same, byte for byte, as the one made from the whole journal in memory."""
    where = where_in(tmp_path)
    events = []
    for n in range(60):
        day = TODAY - timedelta(days=n)
        at = (START - timedelta(days=n)).isoformat()
        tags = [["meaning"], ["choice", "progress"], [], ["walk"]][n % 4]
        events.append(add_event("win", day, at, f"win {n} & <b>", tags))
        events.append(add_event("checkin", day, at, None, [], mood=1 + n % 5, energy=3))
        if n % 3:
            events.append(
                add_event("morning", day, at, None, [], done=ROUTINE[: n % 5], routine=ROUTINE)
            )
    for day in ("2026-W47-3", "0001-01-01", "9999-12-31"):
        event = add_event("win", TODAY, START.isoformat(), f"on {day}", ["meaning"])
        event["entry"]["day"] = day
        events.append(event)
    Store(where).append(events)
    cached = cache.open_view(where)
    assert isinstance(cached, Cached)
    assert not cached.tally(Filter()).in_order  # the week date: the days are gathered first
    reference = full(where)
    for wanted in (
        Filter(),
        Filter(since=TODAY - timedelta(days=20)),
        Filter(until=date(2000, 1, 1)),
    ):
        assert exported(cached, wanted) == exported(reference, wanted)
    whole = exported(cached, Filter())
    assert "What helps, perhaps" in whole
    assert "<h2>Calendar</h2>" in whole and "<h3>Choice (" in whole
    assert "**Wednesday 18 November 2026**" in whole  # 2026-W47-3, in its week
    assert whole.index("Monday 1 January 1") < whole.index("Friday 31 December 9999")
    in_order = Filter(since=date(2026, 1, 1), until=date(2026, 11, 1))  # no week date in it
    assert cached.tally(in_order).in_order
    assert exported(cached, in_order) == exported(reference, in_order)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS, st.integers(1, 5))
def test_a_cache_built_whole_agrees_with_a_full_replay(ops, at_once):
    """Built from nothing (the first run), its days worked out a few entries at a time, in
    whatever order the lines come: the same answers as a replay."""
    saved = cache_reading.DAYS_AT_ONCE
    cache_reading.DAYS_AT_ONCE = at_once
    try:
        with tempfile.TemporaryDirectory() as tmp:
            where = where_in(Path(tmp))
            # a few days only: each holds several entries, their days worked out apart
            few = [(*op[:2], op[2] % 4, *op[3:]) if op[0] == "add" else op for op in ops]
            play(where, [op for op in few if op[0] != "read"])
            cache.drop(where)
            check(where)
    finally:
        cache_reading.DAYS_AT_ONCE = saved


def test_a_journal_written_day_by_day_is_built_without_sorting_it_again(tmp_path, monkeypatch):
    ops = [("add", kind, back, 2, "sister", False) for back in range(30, 0, -1)
           for kind in ("morning", "win", "win")]  # fmt: skip
    statements: list[str] = []
    real = building.fill

    def spied(db, *args):
        db.set_trace_callback(statements.append)
        try:
            return real(db, *args)
        finally:
            db.set_trace_callback(None)

    monkeypatch.setattr(building, "fill", spied)
    # As written; with a change; with a line of an earlier day: the last two placed again.
    for n, extra in enumerate(([], [("update", 4, "text", 0)], [("add", "win", 40, 0, "", 0)])):
        where = where_in(tmp_path / str(n))
        play(where, ops + extra)
        cache.drop(where)
        statements.clear()
        check(where)
        sorted_again = any("row_number()" in s for s in statements)
        assert sorted_again == bool(extra), extra


def test_the_statement_from_the_cache_follows_the_rule_of_versions_written_for_earlier_days(
    tmp_path,
):
    """The cache reads only the versions of the statement that can still be the current one,
    and finds the one a replay finds: the last written, except that a version written for an
    earlier day (``--date``) does not take the place of a later day's version."""
    where = where_in(tmp_path)
    steps = [  # (day, written for that day with --date, the current one after it)
        (TODAY - timedelta(days=5), False, 0),
        (TODAY - timedelta(days=10), True, 0),  # an earlier day: the one before stays
        (TODAY - timedelta(days=3), True, 2),  # a later day: it is the current one
        (TODAY - timedelta(days=4), True, 2),
        (TODAY - timedelta(days=20), False, 4),  # written without --date: always current
    ]
    ids = []
    for n, (day, back_filled, current) in enumerate(steps):
        at = (START + timedelta(minutes=n)).isoformat()
        fields = {"timed": False} if back_filled else {}
        event = add_event("commitment", day, at, f"version {n}", [], **fields)
        ids.append(event["entry"]["id"])
        Store(where).append([event])
        cached = cache.open_view(where)
        assert cached is not None
        found = cached.statement()
        assert found is not None and found.id == ids[current]
        assert found.to_json() == full(where).statement().to_json()
