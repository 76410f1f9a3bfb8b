"""Catching the cache up: only the new lines of files that grew (or of a new device file), applied
as ``journal.replay`` would apply them, when that can be done exactly; anything else raises Stale
and the cache is built whole again (cache.build).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from mindlog.cache import db as cachedb
from mindlog.cache import rows
from mindlog.cache.key import Stamp
from mindlog.cache.reader import Part, mark_of, read_part
from mindlog.domain.journal import replay
from mindlog.domain.model import Entry
from mindlog.store.eventlog import FAR_CLOCK
from mindlog.store.paths import Locations

CHANGES = ("update", "delete", "restore")  # what can be applied one by one (not ``forget``)


class Stale(Exception):
    """New lines that cannot be applied exactly: the cache is built again."""


FILES = "SELECT name, size, mtime_ns, inode, end_offset, lines, tail, mark FROM files"


def catch_up(
    db: sqlite3.Connection, where: Locations, now: dict[str, Stamp], tries: int = 3
) -> bool:
    """Bring the cache up to the files; False when it has to be built whole instead."""
    known = {row[0]: row for row in db.execute(FILES)}
    if not set(known) <= set(now) or rows.conflicts(set(known)) != rows.conflicts(set(now)):
        return False  # a file went (a tidy-up), or a conflicted copy came or changed
    grown: list[tuple[str, int, int]] = []  # (name, offset, lines before)
    # A new device file (this machine's first write, another device's first sync) is read
    # from its start; _apply makes sure none of its lines was read before.
    new = set(now) - set(known)
    grown.extend((name, 0, 0) for name in sorted(new))
    for name, stamp in now.items():
        if name in new:
            continue
        _, size, mtime_ns, inode, end, lines, tail, mark = known[name]
        if (size, mtime_ns, inode) == (stamp.size, stamp.mtime_ns, stamp.inode):
            continue
        if stamp.size < size or tail == 2:
            return False  # shrunk, or a last line without newline that was used
        if mark_of(where.journal / name, end) != mark:
            # rewritten (a compaction, a repair), not grown: whatever its inode, as a file
            # written anew may be given the number of one removed before
            return False
        grown.append((name, end, lines))  # grew in place, or a sync tool's grown copy
    if not grown:
        return True
    parts = [
        (name, read_part(where.journal / name, offset, lines)) for name, offset, lines in grown
    ]
    db.execute("BEGIN IMMEDIATE")
    if {row[0]: row for row in db.execute(FILES)} != known:  # another mindlog caught it up
        db.execute("ROLLBACK")
        return tries > 0 and catch_up(db, where, now, tries - 1)
    try:
        _apply(db, parts, new)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return True


def _apply(db: sqlite3.Connection, parts: list[tuple[str, Part]], new: Iterable[str] = ()) -> None:
    events: list[dict[str, Any]] = []
    clock = rows.meta(db, "clock") or 0
    for name, part in parts:
        events.extend(part.events)
        tail = rows.tail(part, name, events)
        if name in new and any(int(e.get("t", 0)) <= clock for e in events if e["_file"] == name):
            # Every line read so far has a clock of at most ``clock``: a new file's line with
            # one as small may be one of them, met twice (a copy), which only a replay sorts out.
            raise Stale("a new file with lines that may have been read before")
        found = db.execute("SELECT problems, newer FROM files WHERE name = ?", (name,)).fetchone()
        problems, newer = found or (0, 0)
        row = rows.file_row(
            name, part, problems + len(part.problems), bool(newer) or part.newer, tail
        )
        db.execute("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?,?)", row)
    if len({e.get("eid") for e in events}) < len(events):
        raise Stale("a line met twice")
    adds = sorted((e for e in events if e.get("op") == "add"), key=rows.order)
    changes = sorted((e for e in events if e.get("op") != "add"), key=rows.order)
    if any(e.get("op") not in CHANGES for e in changes):
        raise Stale("a forget: applied only by a whole replay")
    keys = [rows.order(e) for e in changes]
    last = rows.meta(db, "last_change")
    if keys and (
        (last is not None and keys[0] <= tuple(last))
        or any(a >= b for a, b in zip(keys, keys[1:], strict=False))
    ):
        raise Stale("a change ordered before one already applied, or a line met twice")
    if rows.meta(db, "forgets") and any(e.get("op") == "restore" for e in changes):
        raise Stale("a restore may undo a forget")
    touched: set[int] = set()
    seq = rows.next_seq(db)
    for event in adds:
        try:
            entry = Entry.from_json(event["entry"])
        except ValueError:
            rows.add_meta(db, "entry_problems", 1)  # replay reports it, and leaves it out
            continue
        entry.written = int(event.get("t", 0))
        if db.execute(
            "SELECT 1 FROM entries WHERE id = ? UNION ALL SELECT 1 FROM orphans WHERE id = ?",
            (entry.id, entry.id),
        ).fetchone():
            raise Stale("an entry seen before, one a change was waiting for, or a forgotten one")
        last_add = tuple(rows.meta(db, "last_add") or (0, "", 0, ""))
        _check_alone(db, entry, rows.order(event) < last_add)
        rows.put(db, entry, True, seq)
        rows.set_meta(db, "last_add", list(max(rows.order(event), last_add)))
        seq += 1
        touched.add(rows.dayno(entry.day) or 0)
    for event in changes:
        seq = _change(db, event, seq, touched)
    if keys:
        rows.set_meta(db, "last_change", list(keys[-1]))
    # as Store.read: a clock far ahead (a device gone wrong) is not followed by new lines
    clock = max((int(e.get("t", 0)) for e in events if int(e.get("t", 0)) <= FAR_CLOCK), default=0)
    if clock > (rows.meta(db, "clock") or 0):
        rows.set_meta(db, "clock", clock)
    rows.redo_days(db, touched - {0})


def _check_alone(db: sqlite3.Connection, entry: Entry, early: bool) -> None:
    """A new entry goes after every entry added before it, and before every restored one, on the
    same day at the same moment (the order of ``journal.replay``); when that order is not simply
    "last" (an entry added earlier on the clock, a restored entry beside it), a whole replay
    finds it."""
    (others,) = db.execute(
        "SELECT MAX(moved) FROM entries WHERE at_us = ? AND day = ? AND id != ? AND live = 1",
        (rows.moment(entry.at), entry.day, entry.id),
    ).fetchone()
    if others is not None and (early or others):
        raise Stale("an order among entries of one moment that only a replay knows")


def _change(db: sqlite3.Connection, event: dict[str, Any], seq: int, touched: set[int]) -> int:
    entry_id = event.get("id")
    row = db.execute(
        f"SELECT live, seq, moved, {cachedb.ENTRY} FROM entries WHERE id = ?", (entry_id,)
    ).fetchone()
    if row is None:
        if event.get("op") == "restore" and "entry" in event:
            raise Stale("a restore that brings its entry")
        db.execute("INSERT OR IGNORE INTO orphans VALUES (?)", (entry_id,))
        return seq
    live, old_seq, moved = row[:3]
    old = rows.entry_of(row[3:])
    # journal.replay itself applies the change, to the entry as the cache has it.
    before: list[dict[str, Any]] = [
        {"op": "add", "entry": old.to_json(), "t": old.written, "eid": "", "_file": "", "_line": 0}
    ]
    if not live:
        before.append({"op": "delete", "id": entry_id, "t": -1, "eid": "", "_file": "", "_line": 0})
    result = replay([*before, event])
    if result.problems:
        rows.add_meta(db, "entry_problems", len(result.problems))
    now_live = bool(result.entries)
    entry = (result.entries or result.removed)[0]
    restored = now_live and not live
    if now_live and not restored and (entry.day, entry.at) != (old.day, old.at):
        # moved among entries of another moment: its place among them only a replay knows
        _check_alone(db, entry, True)
    new_seq = seq if restored else old_seq  # a restored entry comes after every other
    rows.put(db, entry, now_live, new_seq, bool(moved) or restored)
    for item in result.history.get(entry.id, []):
        (n,) = db.execute(
            "SELECT COALESCE(MAX(n), -1) + 1 FROM history WHERE id = ?", (entry.id,)
        ).fetchone()
        db.execute(
            "INSERT INTO history VALUES (?,?,?)",
            (entry.id, n, json.dumps(item, ensure_ascii=False)),
        )
    touched.update({rows.dayno(old.day) or 0, rows.dayno(entry.day) or 0})
    return seq + 1
