"""Keeping the cache in step with the journal files: built whole, or caught up from where it
stopped.

``fresh(where)`` compares each device file with what the cache was built from (cache.key). When
nothing changed, the cache is used as it is. When files only grew (this machine's appends, or
another device's file that a sync tool appended to), only the new lines are read and applied,
as ``journal.replay`` would apply them, when that can be done exactly: new entries, and changes
that come after every change already applied. Anything else (a file replaced or shrunk, an
entry seen a second time, a change that sorts before one already applied, a ``forget``) builds
the cache whole again, from ``journal.replay`` of every line, into a new file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import Any

from mindlog.cache import db as cachedb
from mindlog.cache.key import Stamp, stamps
from mindlog.cache.reader import Part, read_part, tail_event
from mindlog.journal import Journal, _instant, replay
from mindlog.model import Entry
from mindlog.paths import Locations
from mindlog.query import searchable
from mindlog.store import Problem
from mindlog.streaks import practice_days

_ZERO = datetime.min.replace(tzinfo=timezone.utc)
_US = 1  # microseconds per unit of at_us


class Stale(Exception):
    """New lines that cannot be applied exactly: the cache is built again."""


def moment(stamp: Any) -> int:
    """The instant a time stamp names, in microseconds since 0001-01-01 UTC (journal order)."""
    delta = _instant(stamp if isinstance(stamp, str) else "") - _ZERO
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def change_key(event: dict[str, Any]) -> tuple[int, str, int]:
    """The order ``journal.replay`` applies changes in."""
    return moment(event.get("at", "")), str(event.get("_file", "")), int(event.get("_line", 0))


def dayno(day: str) -> int | None:
    try:
        return date.fromisoformat(day).toordinal()
    except ValueError:
        return None


# -- using the cache -------------------------------------------------------------------------


def fresh(where: Locations) -> sqlite3.Connection:
    """The cache, in step with the journal files as they are now (built or caught up first)."""
    now = stamps(where.journal)
    db = cachedb.open_existing(where)
    if db is not None:
        try:
            if _catch_up(db, where, now):
                return db
        except (Stale, sqlite3.Error, OSError, ValueError):
            pass
        db.close()
    return build(where, now)


def _catch_up(db: sqlite3.Connection, where: Locations, now: dict[str, Stamp]) -> bool:
    """Bring the cache up to the files; False when it has to be built whole instead."""
    known = {
        row[0]: row
        for row in db.execute(
            "SELECT name, size, mtime_ns, inode, end_offset, lines, tail FROM files"
        )
    }
    changed: list[tuple[str, int, int]] = []  # (name, offset, lines before)
    if set(known) - set(now):
        return False  # a file went away
    for name, stamp in now.items():
        row = known.get(name)
        if row is None:
            changed.append((name, 0, 0))
            continue
        _, size, mtime_ns, inode, end, lines, tail = row
        if (size, mtime_ns, inode) == (stamp.size, stamp.mtime_ns, stamp.inode):
            continue
        if inode != stamp.inode or stamp.size < size or tail == 2:
            return False  # replaced, shrunk, or an unterminated line that was used as an event
        changed.append((name, end, lines))
    if not changed:
        return True
    parts = [
        (name, read_part(where.journal / name, offset, lines)) for name, offset, lines in changed
    ]
    db.execute("BEGIN IMMEDIATE")
    try:
        _apply(db, parts)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return True


def _file_row(name: str, part: Part, problems: int, tail: int) -> tuple[Any, ...]:
    return (
        name,
        part.size,
        part.mtime_ns,
        part.inode,
        part.end,
        part.lines,
        problems,
        int(part.newer),
        tail,
    )


def _tail(part: Part, name: str, events: list[dict[str, Any]]) -> int:
    """0: the file ends with a newline; 1: an unfinished last line (a problem); 2: a last line
    without its newline that reads as an event (used, and read again when the file grows)."""
    found = tail_event(part, name)
    if found is None:
        return 0
    if isinstance(found, Problem):
        return 1
    events.append(found)
    return 2


def _apply(db: sqlite3.Connection, parts: list[tuple[str, Part]]) -> None:
    events: list[dict[str, Any]] = []
    for name, part in parts:
        events.extend(part.events)
        tail = _tail(part, name, events)
        old = db.execute(
            "SELECT problems, newer FROM files WHERE name = ?", (name,)
        ).fetchone() or (0, 0)
        row = _file_row(name, part, old[0] + len(part.problems), tail)
        row = (*row[:7], int(bool(old[1]) or part.newer), tail)
        db.execute("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?)", row)
    adds = [e for e in events if e.get("op") == "add"]
    changes = sorted((e for e in events if e.get("op") != "add"), key=change_key)
    if any(e.get("op") not in ("update", "delete", "restore") for e in changes):
        raise Stale("a kind of change applied only by a whole replay")
    last = _meta(db, "last_change")
    if changes and last is not None and change_key(changes[0]) <= tuple(last):
        raise Stale("a change that comes before one already applied")
    touched: set[int] = set()
    seq = _next_seq(db)
    for event in sorted(adds, key=lambda e: (moment(e["entry"]["at"]), e["_file"], e["_line"])):
        try:
            entry = Entry.from_json(event["entry"])
        except ValueError:
            continue  # replay skips it too
        if db.execute(
            "SELECT 1 FROM entries WHERE id = ? UNION ALL SELECT 1 FROM orphans WHERE id = ?",
            (entry.id, entry.id),
        ).fetchone():
            raise Stale("an entry seen before, or one a change was waiting for")
        _check_alone(db, entry)
        _put(db, entry, True, seq)
        seq += 1
        touched.add(dayno(entry.day) or 0)
    for event in changes:
        seq = _change(db, event, seq, touched)
    if changes:
        _set_meta(db, "last_change", list(change_key(changes[-1])))
    _redo_days(db, touched - {0})


def _check_alone(db: sqlite3.Connection, entry: Entry) -> None:
    """Entries written at the same moment on the same day keep an order only a replay knows."""
    if db.execute(
        "SELECT 1 FROM entries WHERE at_us = ? AND id != ? AND live = 1",
        (moment(entry.at), entry.id),
    ).fetchone():
        raise Stale("two entries written at the same moment")


def _change(db: sqlite3.Connection, event: dict[str, Any], seq: int, touched: set[int]) -> int:
    entry_id = event.get("id")
    row = db.execute("SELECT live, data, seq FROM entries WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        db.execute("INSERT OR IGNORE INTO orphans VALUES (?)", (entry_id,))
        return seq
    live, data, old_seq = row
    # journal.replay itself applies the change: the entry as it is, then the change.
    before: list[dict[str, Any]] = [
        {"op": "add", "entry": json.loads(data), "_file": "", "_line": 0}
    ]
    if not live:
        before.append({"op": "delete", "id": entry_id, "at": "", "_file": "", "_line": 0})
    result = replay([*before, event])
    now_live = bool(result.entries)
    entry = (result.entries or result.removed)[0]
    old = Entry.from_json(json.loads(data))
    if now_live and (not live or (entry.day, entry.at) != (old.day, old.at)):
        _check_alone(db, entry)
    new_seq = seq if now_live and not live else old_seq  # a restored entry comes last among equals
    _put(db, entry, now_live, new_seq)
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


def _put(db: sqlite3.Connection, entry: Entry, live: bool, seq: int) -> None:
    db.execute(
        "INSERT OR REPLACE INTO entries VALUES (?,?,?,?,?,?,?,?,?)",
        (
            entry.id,
            int(live),
            entry.day,
            dayno(entry.day),
            moment(entry.at),
            seq,
            entry.kind,
            json.dumps(entry.to_json(), ensure_ascii=False),
            searchable(entry),
        ),
    )


def _next_seq(db: sqlite3.Connection) -> int:
    (top,) = db.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM entries").fetchone()
    return int(top)


def _redo_days(db: sqlite3.Connection, days: Iterable[int]) -> None:
    for number in days:
        rows = db.execute(
            "SELECT data FROM entries WHERE live = 1 AND dayno = ?", (number,)
        ).fetchall()
        db.execute("DELETE FROM days WHERE dayno = ?", (number,))
        if rows:
            entries = [Entry.from_json(json.loads(r[0])) for r in rows]
            db.executemany("INSERT INTO days VALUES (?,?,?,?,?,?)", _day_rows(entries))


def _day_rows(entries: Iterable[Entry]) -> list[tuple[Any, ...]]:
    """One row per day with a live entry: which practices were done, as mindlog.streaks counts."""
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


# -- building it whole -----------------------------------------------------------------------


def build(where: Locations, now: dict[str, Stamp]) -> sqlite3.Connection:
    """Read every device file, replay it, and write a new cache over the old one."""
    events: list[dict[str, Any]] = []
    rows: list[tuple[Any, ...]] = []
    for name in sorted(now):
        try:
            part = read_part(where.journal / name)
        except OSError:
            continue  # a file that cannot be read: the cache holds none of it (not fresh)
        events.extend(part.events)
        tail = _tail(part, name, events)
        rows.append(_file_row(name, part, len(part.problems), tail))
    journal = replay(events)
    db, tmp = cachedb.create(where)
    try:
        fill(db, journal, events, rows)
        db.close()
        cachedb.install(where, tmp)
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    return cachedb.connect(cachedb.path(where))


def fill(
    db: sqlite3.Connection,
    journal: Journal,
    events: list[dict[str, Any]],
    files: list[tuple[Any, ...]],
) -> None:
    db.executemany("INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?)", files)
    count = len(journal.entries)
    db.executemany(
        "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?)",
        (
            (
                e.id,
                live,
                e.day,
                dayno(e.day),
                moment(e.at),
                seq,
                e.kind,
                json.dumps(e.to_json(), ensure_ascii=False),
                searchable(e),
            )
            for live, base, pool in ((1, 0, journal.entries), (0, count, journal.removed))
            for seq, e in enumerate(pool, start=base)
        ),
    )
    db.executemany(
        "INSERT INTO history VALUES (?,?,?)",
        (
            (entry_id, n, json.dumps(item, ensure_ascii=False))
            for entry_id, items in journal.history.items()
            for n, item in enumerate(items)
        ),
    )
    seen = {e.id for e in journal.entries} | {e.id for e in journal.removed}
    changes = [e for e in events if e.get("op") != "add"]
    db.executemany(
        "INSERT OR IGNORE INTO orphans VALUES (?)",
        ((e.get("id"),) for e in changes if e.get("id") not in seen),
    )
    if changes:
        _set_meta(db, "last_change", list(max(change_key(e) for e in changes)))
    db.executemany("INSERT INTO days VALUES (?,?,?,?,?,?)", _day_rows(journal.entries))
