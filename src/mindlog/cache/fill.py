"""Keeping the cache in step with the journal files: built whole, or caught up from where it
stopped.

``fresh(where)`` compares each device file with what the cache was built from (cache.key). When
nothing changed, the cache is used as it is. When files only grew (this machine's appends, or
another device's file that a sync tool appended to), or a new device file came whose lines are
all newer than any read before, only the new lines are read and applied, as ``journal.replay``
would apply them, when that can be done exactly: entries not seen before, and changes ordered
(by the journal's clock) after every change already applied; each change is applied by
``journal.replay`` itself, to the entry as the cache has it. Anything else (a file replaced,
shrunk or gone, a conflicted copy, an entry or a line seen a second time, a change that sorts
before one already applied, a ``forget``) builds the cache whole again, into a new file that
replaces the old one: line by line, each entry no change names written as it is read, and the
changes replayed by ``journal.replay`` with the entries they name (see "building it whole").
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from mindlog import jsontext
from mindlog.cache import db as cachedb
from mindlog.cache.key import Stamp, stamps
from mindlog.cache.reader import Part, read_part, tail_event
from mindlog.journal import _instant, replay
from mindlog.model import Entry
from mindlog.paths import FILE_MODE, Locations
from mindlog.query import searchable
from mindlog.store import Problem, conflict_base
from mindlog.streaks import PRACTICES, practice_days

_ZERO = datetime.min.replace(tzinfo=timezone.utc)
CHANGES = ("update", "delete", "restore")  # what can be applied one by one (not ``forget``)


class Stale(Exception):
    """New lines that cannot be applied exactly: the cache is built again."""


def moment(stamp: Any) -> int:
    """The instant a time stamp names, in microseconds since 0001-01-01 UTC (the order of
    entries within a day, as ``journal.replay`` sorts them)."""
    delta = _instant(stamp if isinstance(stamp, str) else "") - _ZERO
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def order(event: dict[str, Any]) -> tuple[int, str, int, str]:
    """The order ``journal.replay`` applies events in (its own rule, shared)."""
    from mindlog.journal import event_order

    return event_order(event)


def dayno(day: str) -> int | None:
    try:
        return date.fromisoformat(day).toordinal()
    except ValueError:
        return None


# -- using the cache -------------------------------------------------------------------------


Progress = Callable[[int, str], AbstractContextManager[Callable[[int], None]]]
# Rows changed by a catch-up before a sealed cache is written again (about two a line). Until
# then each read opens and applies those lines again (about 0.25 ms a line); writing the sealed
# cache of a 10-year journal again takes 50-80 ms, once (benchmarks/encryption.py).
RESEAL_AFTER = 32
BIG = 4 * 1024 * 1024  # bytes of journal from which building the cache shows its progress


def fresh(where: Locations, progress: Progress | None = None) -> sqlite3.Connection:
    """The cache, in step with the journal files as they are now (built or caught up first).

    ``progress(total, description)``, when given, draws a bar while a long journal is read
    whole (mindlog.render.progress.bar); this module itself never prints."""
    now = stamps(where.journal)
    db = cachedb.open_existing(where)
    if db is not None:
        try:
            before = db.total_changes
            if _catch_up(db, where, now):
                # An encrypted journal's cache lives in memory: saved sealed again only when the
                # catch-up was large; a few new lines are cheaper read again than the whole resealed.
                if db.total_changes - before > RESEAL_AFTER and cachedb.sealed(where):
                    cachedb.save_sealed(where, db)
                return db
        except (Stale, sqlite3.Error, OSError, ValueError, KeyError, TypeError):
            pass
        db.close()
    if progress is not None and sum(s.size for s in now.values()) >= BIG:
        with progress(100, "mindlog: reading your journal once") as advance:
            return build(where, now, advance)
    return build(where, now)


FILES = "SELECT name, size, mtime_ns, inode, end_offset, lines, tail FROM files"


def _catch_up(
    db: sqlite3.Connection, where: Locations, now: dict[str, Stamp], tries: int = 3
) -> bool:
    """Bring the cache up to the files; False when it has to be built whole instead."""
    known = {row[0]: row for row in db.execute(FILES)}
    if not set(known) <= set(now) or _conflicts(set(known)) != _conflicts(set(now)):
        return False  # a file went (a tidy-up), or a conflicted copy came or changed
    grown: list[tuple[str, int, int]] = []  # (name, offset, lines before)
    # A new device file (this machine's first write, another device's first sync) is read
    # from its start; _apply makes sure none of its lines was read before.
    new = set(now) - set(known)
    grown.extend((name, 0, 0) for name in sorted(new))
    for name, stamp in now.items():
        if name in new:
            continue
        _, size, mtime_ns, inode, end, lines, tail = known[name]
        if (size, mtime_ns, inode) == (stamp.size, stamp.mtime_ns, stamp.inode):
            continue
        if inode != stamp.inode or stamp.size < size or tail == 2:
            return False  # replaced, shrunk, or a last line without newline that was used
        grown.append((name, end, lines))
    if not grown:
        return True
    parts = [
        (name, read_part(where.journal / name, offset, lines)) for name, offset, lines in grown
    ]
    db.execute("BEGIN IMMEDIATE")
    if {row[0]: row for row in db.execute(FILES)} != known:  # another mindlog caught it up
        db.execute("ROLLBACK")
        return tries > 0 and _catch_up(db, where, now, tries - 1)
    try:
        _apply(db, parts, new)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return True


def _file_row(name: str, part: Part, problems: int, newer: bool, tail: int) -> tuple[Any, ...]:
    return (name, part.size, part.mtime_ns, part.inode, part.end, part.lines, problems,
            int(newer), tail)  # fmt: skip


def _tail(part: Part, name: str, events: list[dict[str, Any]]) -> int:
    """0: the file ends with a newline; 1: an unfinished last line (a problem); 2: a last line
    without its newline that reads as an event (used, and the file read again when it grows)."""
    found = tail_event(part, name)
    if found is None:
        return 0
    if isinstance(found, Problem):
        return 1
    events.append(found)
    return 2


def _conflicts(names: set[str]) -> set[str]:
    """The sync tools' conflicted copies among ``names`` (read last: see read_all)."""
    return {name for name in names if conflict_base(name, names) is not None}


def _apply(db: sqlite3.Connection, parts: list[tuple[str, Part]], new: Iterable[str] = ()) -> None:
    events: list[dict[str, Any]] = []
    clock = _meta(db, "clock") or 0
    for name, part in parts:
        events.extend(part.events)
        tail = _tail(part, name, events)
        if name in new and any(int(e.get("t", 0)) <= clock for e in events if e["_file"] == name):
            # Every line read so far has a clock of at most ``clock``: a new file's line with
            # one as small may be one of them, met twice (a copy), which only a replay sorts out.
            raise Stale("a new file with lines that may have been read before")
        found = db.execute("SELECT problems, newer FROM files WHERE name = ?", (name,)).fetchone()
        problems, newer = found or (0, 0)
        row = _file_row(name, part, problems + len(part.problems), bool(newer) or part.newer, tail)
        db.execute("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?)", row)
    if len({e.get("eid") for e in events}) < len(events):
        raise Stale("a line met twice")
    adds = sorted((e for e in events if e.get("op") == "add"), key=order)
    changes = sorted((e for e in events if e.get("op") != "add"), key=order)
    if any(e.get("op") not in CHANGES for e in changes):
        raise Stale("a forget: applied only by a whole replay")
    keys = [order(e) for e in changes]
    last = _meta(db, "last_change")
    if keys and (
        (last is not None and keys[0] <= tuple(last))
        or any(a >= b for a, b in zip(keys, keys[1:], strict=False))
    ):
        raise Stale("a change ordered before one already applied, or a line met twice")
    if _meta(db, "forgets") and any(e.get("op") == "restore" for e in changes):
        raise Stale("a restore may undo a forget")
    touched: set[int] = set()
    seq = _next_seq(db)
    for event in adds:
        try:
            entry = Entry.from_json(event["entry"])
        except ValueError:
            _add_meta(db, "entry_problems", 1)  # replay reports it, and leaves it out
            continue
        entry.written = int(event.get("t", 0))
        if db.execute(
            "SELECT 1 FROM entries WHERE id = ? UNION ALL SELECT 1 FROM orphans WHERE id = ?",
            (entry.id, entry.id),
        ).fetchone():
            raise Stale("an entry seen before, one a change was waiting for, or a forgotten one")
        last_add = tuple(_meta(db, "last_add") or (0, "", 0, ""))
        _check_alone(db, entry, order(event) < last_add)
        _put(db, entry, True, seq)
        _set_meta(db, "last_add", list(max(order(event), last_add)))
        seq += 1
        touched.add(dayno(entry.day) or 0)
    for event in changes:
        seq = _change(db, event, seq, touched)
    if keys:
        _set_meta(db, "last_change", list(keys[-1]))
    clock = max((int(e.get("t", 0)) for e in events), default=0)
    if clock > (_meta(db, "clock") or 0):
        _set_meta(db, "clock", clock)
    _redo_days(db, touched - {0})


def _check_alone(db: sqlite3.Connection, entry: Entry, early: bool) -> None:
    """A new entry goes after every entry added before it, and before every restored one, on the
    same day at the same moment (the order of ``journal.replay``); when that order is not simply
    "last" (an entry added earlier on the clock, a restored entry beside it), a whole replay
    finds it."""
    (others,) = db.execute(
        "SELECT MAX(moved) FROM entries WHERE at_us = ? AND day = ? AND id != ? AND live = 1",
        (moment(entry.at), entry.day, entry.id),
    ).fetchone()
    if others is not None and (early or others):
        raise Stale("an order among entries of one moment that only a replay knows")


def _change(db: sqlite3.Connection, event: dict[str, Any], seq: int, touched: set[int]) -> int:
    entry_id = event.get("id")
    row = db.execute(
        "SELECT live, data, seq, written, moved FROM entries WHERE id = ?", (entry_id,)
    ).fetchone()
    if row is None:
        if event.get("op") == "restore" and "entry" in event:
            raise Stale("a restore that brings its entry")
        db.execute("INSERT OR IGNORE INTO orphans VALUES (?)", (entry_id,))
        return seq
    live, data, old_seq, written, moved = row
    # journal.replay itself applies the change, to the entry as the cache has it.
    before: list[dict[str, Any]] = [
        {"op": "add", "entry": json.loads(data), "t": written, "eid": "", "_file": "", "_line": 0}
    ]
    if not live:
        before.append({"op": "delete", "id": entry_id, "t": -1, "eid": "", "_file": "", "_line": 0})
    result = replay([*before, event])
    if result.problems:
        _add_meta(db, "entry_problems", len(result.problems))
    now_live = bool(result.entries)
    entry = (result.entries or result.removed)[0]
    old = _entry_of(data)
    restored = now_live and not live
    if now_live and not restored and (entry.day, entry.at) != (old.day, old.at):
        # moved among entries of another moment: its place among them only a replay knows
        _check_alone(db, entry, True)
    new_seq = seq if restored else old_seq  # a restored entry comes after every other
    _put(db, entry, now_live, new_seq, bool(moved) or restored)
    for item in result.history.get(entry.id, []):
        (n,) = db.execute(
            "SELECT COALESCE(MAX(n), -1) + 1 FROM history WHERE id = ?", (entry.id,)
        ).fetchone()
        db.execute(
            "INSERT INTO history VALUES (?,?,?)",
            (entry.id, n, json.dumps(item, ensure_ascii=False)),
        )
    touched.update({dayno(old.day) or 0, dayno(entry.day) or 0})
    return seq + 1


def _row(entry: Entry, live: bool, seq: int, moved: bool = False) -> tuple[Any, ...]:
    return (
        entry.id,
        int(live),
        entry.day,
        dayno(entry.day),
        moment(entry.at),
        seq,
        entry.written,
        int(moved),
        entry.kind,
        jsontext.dumps(entry.to_json()),  # laid out as list --json shows it
    )


def _put(db: sqlite3.Connection, entry: Entry, live: bool, seq: int, moved: bool = False) -> None:
    old = db.execute("SELECT seq FROM entries WHERE id = ?", (entry.id,)).fetchone()
    if old is not None and old[0] != seq:
        db.execute("DELETE FROM search WHERE seq = ?", old)
    db.execute(
        "INSERT OR REPLACE INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)", _row(entry, live, seq, moved)
    )
    db.execute("INSERT OR REPLACE INTO search VALUES (?,?,?)", (seq, int(live), searchable(entry)))


def _entry_of(data: str) -> Entry:
    """An entry as the cache keeps it (checked when it was first read)."""
    fields = json.loads(data)
    return Entry(
        fields.pop("id"),
        fields.pop("kind"),
        fields.pop("day"),
        fields.pop("at"),
        fields.pop("text", None),
        fields.pop("tags", []),
        fields,
    )


def _next_seq(db: sqlite3.Connection) -> int:
    (top,) = db.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM entries").fetchone()
    return int(top)


def _redo_days(db: sqlite3.Connection, days: Iterable[int]) -> None:
    """Work out again which practices were done on ``days``, and mend the runs they are in."""
    for number in days:
        old = db.execute(
            "SELECT morning, wins, commitment, rest FROM days WHERE dayno = ?", (number,)
        ).fetchone()
        rows = db.execute(
            "SELECT data FROM entries WHERE live = 1 AND dayno = ?", (number,)
        ).fetchall()
        db.execute("DELETE FROM days WHERE dayno = ?", (number,))
        new = None
        if rows:
            (new,) = _day_rows([_entry_of(r[0]) for r in rows])
            db.execute("INSERT INTO days VALUES (?,?,?,?,?,?)", new)
        for n, practice in enumerate(PRACTICES):
            before = _state(old[n], old[3]) if old else None
            after = _state(new[1 + n], new[4]) if new else None
            if before != after:
                _mend_runs(db, practice, number, after)


def _state(done: int, rest: int) -> bool | None:
    """A day in a practice's runs: True done, False a rest day, None neither."""
    return True if done else False if rest else None


def _mend_runs(db: sqlite3.Connection, practice: str, day: int, state: bool | None) -> None:
    """Change one day of a practice's runs: split the run it was in, then join its neighbours."""
    found = db.execute(
        "SELECT first, last, done FROM runs WHERE practice = ? AND first <= ? AND last >= ?",
        (practice, day, day),
    ).fetchone()
    if found is not None:
        first, last, done = found
        db.execute("DELETE FROM runs WHERE practice = ? AND first = ?", (practice, first))
        for a, b in ((first, day - 1), (day + 1, last)):
            if a <= b:
                db.execute("INSERT INTO runs VALUES (?,?,?,?)", (practice, a, b, done))
    if state is None:
        return
    first = last = day
    before = db.execute(
        "SELECT first FROM runs WHERE practice = ? AND last = ? AND done = ?",
        (practice, day - 1, int(state)),
    ).fetchone()
    if before is not None:
        first = before[0]
        db.execute("DELETE FROM runs WHERE practice = ? AND first = ?", (practice, first))
    after = db.execute(
        "SELECT last FROM runs WHERE practice = ? AND first = ? AND done = ?",
        (practice, day + 1, int(state)),
    ).fetchone()
    if after is not None:
        last = after[0]
        db.execute("DELETE FROM runs WHERE practice = ? AND first = ?", (practice, day + 1))
    db.execute("INSERT INTO runs VALUES (?,?,?,?)", (practice, first, last, int(state)))


def _runs(days: list[tuple[Any, ...]]) -> list[tuple[str, int, int, int]]:
    """Every practice's runs, from the rows of the days table."""
    found: list[tuple[str, int, int, int]] = []
    for n, practice in enumerate(PRACTICES):
        current: list[int] = []  # [first, last, done] of the run being read
        for row in sorted(days):
            state = _state(row[1 + n], row[4])
            if state is None:
                continue
            if current and current[1] == row[0] - 1 and current[2] == int(state):
                current[1] = row[0]
                continue
            if current:
                found.append((practice, current[0], current[1], current[2]))
            current = [row[0], row[0], int(state)]
        if current:
            found.append((practice, current[0], current[1], current[2]))
    return found


def _day_rows(entries: Iterable[Entry]) -> list[tuple[Any, ...]]:
    """One row per day with a live entry: which practices were done, as mindlog.streaks counts."""
    entries = list(entries)
    found = practice_days(entries)
    every = {date.fromisoformat(e.day) for e in entries if dayno(e.day) is not None}
    return [
        (
            day.toordinal(),
            int(day in found.done["morning"]),
            int(day in found.done["wins"]),
            int(day in found.done["commitment"]),
            int(day in found.rest),
            found.morning_share.get(day),
        )
        for day in every
    ]


def _meta(db: sqlite3.Connection, key: str) -> Any:
    row = db.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
    return None if row is None else json.loads(row[0])


def _set_meta(db: sqlite3.Connection, key: str, value: Any) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))


def _add_meta(db: sqlite3.Connection, key: str, count: int) -> None:
    _set_meta(db, key, (_meta(db, key) or 0) + count)


# -- building it whole -----------------------------------------------------------------------
#
# A long journal is read line by line, and nothing holds all of its events or entries at once:
# an entry that no change names (most of them) goes straight into a staging table as the row it
# will be; the changes, and the entries they name, are replayed by journal.replay itself. The rows
# are then numbered in the order journal.replay sorts entries (by day and moment, then in the
# order they were added; an entry restored after a removal after every added one).

STAGE = """
CREATE TABLE stage.adds(
    id TEXT NOT NULL,
    late INTEGER NOT NULL,          -- 1: placed after every added entry (restored by the replay)
    t, file TEXT, line INTEGER,     -- the place of its add (journal.event_order); late: its rank
    day TEXT NOT NULL, dayno INTEGER, at_us INTEGER NOT NULL, written, moved INTEGER NOT NULL,
    kind TEXT NOT NULL, data TEXT NOT NULL, words TEXT NOT NULL
);
CREATE TABLE stage.named(id TEXT PRIMARY KEY) WITHOUT ROWID;  -- entries a change names
"""
PLACE = "day, at_us, late, t, file, line"  # journal.replay's order of the live entries
DAYS_AT_ONCE = 20_000  # entries made at a time to work out the days' practices


def build(
    where: Locations, now: dict[str, Stamp], advance: Callable[[int], None] = lambda n: None
) -> sqlite3.Connection:
    """Read every device file, replay it, and write a new cache over the old one (``advance``
    is told of the progress, 100 steps in all)."""
    db, tmp = cachedb.create(where)
    stage = None if tmp is None else tmp.with_name(tmp.name[: -len(".tmp")] + ".stage.tmp")
    try:
        if stage is not None:  # beside the cache, private like it; in memory when sealed
            os.close(os.open(stage, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        db.execute("ATTACH ? AS stage", (":memory:" if stage is None else str(stage),))
        db.execute("PRAGMA stage.journal_mode=OFF")
        db.execute("PRAGMA stage.synchronous=OFF")
        db.execute("PRAGMA stage.cache_size=-65536")
        db.executescript(STAGE)
        db.execute("BEGIN")  # one transaction: each row its own would take many times as long
        fill(db, where, now, advance)
        db.execute("COMMIT")
        db.execute("DETACH stage")
        db.executescript(cachedb.INDEXES)
        if tmp is None:  # an encrypted journal's: in memory, saved sealed
            cachedb.save_sealed(where, db)
            return db
        db.close()
        cachedb.install(where, tmp)
    except BaseException:
        db.close()
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        if stage is not None:
            stage.unlink(missing_ok=True)
    return cachedb.connect(cachedb.path(where))


@dataclass
class Reading:
    """What reading every line gathers beside the staged entries."""

    files: list[tuple[Any, ...]] = field(default_factory=list)  # a row for each file
    changes: list[dict[str, Any]] = field(default_factory=list)  # every event but the adds
    unusable: list[dict[str, Any]] = field(default_factory=list)  # adds of invalid entries
    last_add: tuple[int, str, int, str] | None = None
    clock: int = 0


def read_all(
    db: sqlite3.Connection,
    where: Locations,
    now: dict[str, Stamp],
    advance: Callable[[int], None] = lambda n: None,
) -> Reading:
    """Every event of every device file, once each, as ``Store.read`` gives them (conflicted
    copies last, so a line met twice is credited to the device file that holds it): each added
    entry staged as a row (stage.adds), the rest gathered."""
    names = set(now)
    found = Reading()
    seen: set[str] = set()
    rows: list[tuple[Any, ...]] = []

    def take(event: dict[str, Any]) -> None:
        if event["eid"] in seen:
            return
        seen.add(event["eid"])
        found.clock = max(found.clock, int(event.get("t", 0)))
        if event.get("op") != "add":
            found.changes.append(event)
            return
        key = order(event)
        if found.last_add is None or key > found.last_add:
            found.last_add = key
        try:
            entry = Entry.from_json(event["entry"])  # as journal.replay makes it
        except ValueError:
            found.unusable.append(event)
            return
        entry.written = event.get("t", 0)
        rows.append(_staged(entry, 0, key[:3]))
        if len(rows) >= 1000:
            db.executemany(ADD_ROW, rows)
            rows.clear()

    total = sum(s.size for s in now.values()) or 1
    for name in sorted(names, key=lambda n: (n in _conflicts(names), n)):
        advance(40 * now[name].size // total)
        try:
            part = read_part(where.journal / name, take=take)
        except OSError:
            continue  # the cache holds none of it, and is not in step: it is read again later
        last: list[dict[str, Any]] = []
        tail = _tail(part, name, last)
        for event in last:
            take(event)
        found.files.append(_file_row(name, part, len(part.problems), part.newer, tail))
    db.executemany(ADD_ROW, rows)
    return found


ADD_ROW = "INSERT INTO stage.adds VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"


def _staged(
    entry: Entry, late: int, place: tuple[Any, ...], moved: bool = False
) -> tuple[Any, ...]:
    """An entry's row in stage.adds: where journal.replay places it, and its row's values."""
    day, data = entry.day, jsontext.dumps(entry.to_json())
    return (entry.id, late, *place, day, dayno(day), moment(entry.at), entry.written,
            int(moved), entry.kind, data, searchable(entry))  # fmt: skip


def fill(
    db: sqlite3.Connection,
    where: Locations,
    now: dict[str, Stamp],
    advance: Callable[[int], None] = lambda n: None,
) -> None:
    read = read_all(db, where, now, advance)
    db.executemany("INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?)", read.files)
    changes = read.changes
    db.executemany(
        "INSERT OR IGNORE INTO stage.named VALUES (?)",
        ((e["id"],) for e in changes if isinstance(e.get("id"), str)),
    )
    db.execute("CREATE INDEX stage.adds_id ON adds(id, t, file, line)")
    # The entries the changes name, replayed with them by journal.replay itself.
    named = [
        {"op": "add", "entry": json.loads(data), "t": t, "_file": file, "_line": line, "eid": ""}
        for data, t, file, line in db.execute(
            "SELECT data, t, file, line FROM stage.adds WHERE id IN (SELECT id FROM stage.named)"
        )
    ]
    first: dict[str, tuple[Any, ...]] = {}  # id -> the place of its first add (replay keeps it)
    for event in sorted(named, key=order):
        first.setdefault(event["entry"]["id"], order(event)[:3])
    names = {row[0] for row in db.execute("SELECT id FROM stage.named")}
    journal = replay([*changes, *named, *(e for e in read.unusable if _target(e) in names)])
    del named
    db.execute("DELETE FROM stage.adds WHERE id IN (SELECT id FROM stage.named)")
    # An id added twice (by two devices, say): the first add is kept, as by journal.replay.
    db.execute(
        "DELETE FROM stage.adds WHERE EXISTS (SELECT 1 FROM stage.adds AS o WHERE o.id = adds.id"
        " AND (o.t, o.file, o.line) < (adds.t, adds.file, adds.line))"
    )
    advance(5)
    moved = {e.get("id") for e in changes if e.get("op") == "restore"}
    deleted = {e.get("id") for e in changes if e.get("op") == "delete"}
    # An entry replay put back in (restored after a removal, or brought by its restore) comes
    # after every added one; the others keep the place of their first add.
    late = {e.id for e in journal.entries if e.id not in first or e.id in deleted}
    db.executemany(
        ADD_ROW,
        (
            _staged(e, 1, (n, "", 0), e.id in moved)
            if e.id in late
            else _staged(e, 0, first[e.id], e.id in moved)
            for n, e in enumerate(journal.entries)
        ),
    )
    advance(10)
    # Numbered in replay's order; then put in by id (the table's order) along an index rather
    # than sorting a million rows in memory.
    db.execute("CREATE TABLE stage.placed(seq INTEGER PRIMARY KEY, r INTEGER)")
    db.execute(
        f"INSERT INTO stage.placed SELECT row_number() OVER (ORDER BY {PLACE}) - 1, rowid"
        " FROM stage.adds"
    )
    db.execute("CREATE INDEX stage.placed_r ON placed(r)")
    db.execute(
        "INSERT INTO entries SELECT id, 1, day, dayno, at_us, seq, written, moved, kind, data"
        " FROM stage.adds INDEXED BY adds_id JOIN stage.placed ON r = adds.rowid ORDER BY id"
    )
    advance(20)
    db.execute(
        "INSERT INTO search SELECT seq, 1, words FROM stage.placed JOIN stage.adds"
        " ON adds.rowid = r"
    )
    advance(5)
    (count,) = db.execute("SELECT COUNT(*) FROM stage.adds").fetchone()
    gone = list(enumerate(journal.removed, start=count))
    db.executemany(
        "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)",
        (_row(e, False, seq, e.id in moved) for seq, e in gone),
    )
    db.executemany("INSERT INTO search VALUES (?,0,?)", ((seq, searchable(e)) for seq, e in gone))
    db.executemany(
        "INSERT INTO history VALUES (?,?,?)",
        (
            (entry_id, n, json.dumps(item, ensure_ascii=False))
            for entry_id, items in journal.history.items()
            for n, item in enumerate(items)
        ),
    )
    seen = {e.id for e in journal.entries} | {e.id for e in journal.removed}
    waiting = {str(e.get("id")) for e in changes if e.get("id") not in seen}
    db.executemany("INSERT OR IGNORE INTO orphans VALUES (?)", ((i,) for i in waiting))
    if changes:
        _set_meta(db, "last_change", list(max(order(e) for e in changes)))
    if read.last_add is not None:
        _set_meta(db, "last_add", list(read.last_add))
    _set_meta(db, "forgets", any(e.get("op") == "forget" for e in changes))
    _set_meta(db, "clock", read.clock)
    unusable = [e for e in read.unusable if _target(e) not in names]
    _set_meta(db, "entry_problems", len(journal.problems) + len(unusable))
    days = _all_days(db, advance)
    db.executemany("INSERT INTO days VALUES (?,?,?,?,?,?)", days)
    db.executemany("INSERT INTO runs VALUES (?,?,?,?)", _runs(days))


def _target(event: dict[str, Any]) -> Any:
    """The id of the entry an add adds (None when it has none)."""
    entry = event.get("entry")
    return entry.get("id") if isinstance(entry, dict) else None


def _all_days(
    db: sqlite3.Connection, advance: Callable[[int], None] = lambda n: None
) -> list[tuple[Any, ...]]:
    """The days table's rows, worked out a few thousand entries at a time (whole days each:
    what was done on a day depends on that day's entries alone; see _redo_days)."""
    days: list[tuple[Any, ...]] = []
    chunk: list[Entry] = []
    last = None
    (total,) = db.execute("SELECT COUNT(*) FROM stage.adds").fetchone()
    step = max(1, total // 20)
    rows = db.execute("SELECT dayno, data FROM stage.adds WHERE dayno IS NOT NULL ORDER BY dayno")
    for n, (number, data) in enumerate(rows):
        if number != last and len(chunk) >= DAYS_AT_ONCE:
            days.extend(_day_rows(chunk))
            chunk = []
        last = number
        chunk.append(_entry_of(data))
        if n % step == step - 1:
            advance(1)
    days.extend(_day_rows(chunk))
    return days
