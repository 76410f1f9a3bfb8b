"""Catching the cache up: only the new lines of files that grew (or of a new device file), applied
as ``journal.replay`` would apply them, when that can be done exactly; anything else raises Stale
and the cache is built whole again (cache.build).

A file rewritten (another device's compaction) is read again whole. The ``lines`` table says
which lines it held (by their ids), so the lines that went and those that came are known: those
that came are applied as new lines (a forget too, when no restore can undo it), and those that
went are taken out when what a replay gives without them is known: an entry added once and never
changed loses its row, and a forgotten entry's lines change nothing. A line met a second time
(in another file) is passed over as the store passes over it.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from mindlog.cache import db as cachedb
from mindlog.cache import rows
from mindlog.cache.key import Stamp
from mindlog.domain.journal import replay
from mindlog.domain.model import Entry
from mindlog.store.eventlog import FAR_CLOCK
from mindlog.store.paths import Locations

if TYPE_CHECKING:
    from mindlog.cache.reader import Part

CHANGES = ("update", "delete", "restore")  # what can be applied one by one (not ``forget``)


class Stale(Exception):
    """New lines that cannot be applied exactly: the cache is built again."""


FILES = "SELECT name, size, mtime_ns, inode, end_offset, lines, tail, mark FROM files"


def catch_up(
    db: sqlite3.Connection, where: Locations, now: dict[str, Stamp], tries: int = 3
) -> bool:
    """Bring the cache up to the files; False when it has to be built whole instead."""
    known = {row[0]: row for row in db.execute(FILES)}
    copies = rows.conflicts(set(now))
    if not set(known) <= set(now) or rows.conflicts(set(known)) != copies & set(known):
        # a file went (a tidy-up), or a file read before is now taken for a conflicted copy, or
        # no longer (the order files are read in changed); a conflicted copy that came is a
        # new file (read last: its lines read before count once)
        return False
    grown: list[tuple[str, int, int]] = []  # (name, offset, lines before)
    # A new device file (this machine's first write, another device's first sync) is read
    # from its start; _apply passes over the lines read before in another file.
    new = set(now) - set(known)
    grown.extend((name, 0, 0) for name in sorted(new))
    rewritten: list[str] = []
    for name, stamp in now.items():
        if name in new:
            continue
        _, size, mtime_ns, inode, end, lines, tail, mark = known[name]
        if (size, mtime_ns, inode) == (stamp.size, stamp.mtime_ns, stamp.inode):
            continue
        if tail == 2:
            return False  # a last line without newline that was used
        from mindlog.cache.reader import mark_of  # a file changed: the only time one is read

        if stamp.size >= size and mark_of(where.journal / name, end) == mark:
            grown.append((name, end, lines))  # grew in place, or a sync tool's grown copy
        else:
            # rewritten (another device's compaction, a repair), not grown: whatever its
            # inode, as a file written anew may be given the number of one removed before
            rewritten.append(name)
    if not grown and not rewritten:
        return True
    from mindlog.cache.reader import read_part

    parts = [
        (name, read_part(where.journal / name, offset, lines)) for name, offset, lines in grown
    ]
    whole = [(name, read_part(where.journal / name)) for name in sorted(rewritten)]
    db.execute("BEGIN IMMEDIATE")
    if {row[0]: row for row in db.execute(FILES)} != known:  # another mindlog caught it up
        db.execute("ROLLBACK")
        return tries > 0 and catch_up(db, where, now, tries - 1)
    try:
        places = Places(db, copies)
        if any(name in places.numbers for name in new):
            raise Stale("a new file some of whose lines were read before under its name")
        touched: set[int] = set()
        gone = [(name, *line) for name, part in whole for line in _replace(places, name, part)]
        # in the order the store reads files (a line in two of them is read from the first)
        _apply(db, sorted([*parts, *whole], key=lambda p: places.rank(p[0])), places, touched)
        # The lines that went, taken out once those that came are in (a compaction's forget
        # lines first: the lines it dropped are those of the entries they forget).
        _take_out(places, gone, touched)
        rows.redo_days(db, touched - {0})
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return True


class Places:
    """Where the lines read are (the ``lines`` table), and the order the store reads files in."""

    def __init__(self, db: sqlite3.Connection, copies: set[str]) -> None:
        self.db = db
        self.copies = copies  # conflicted copies: read last
        self.numbers = rows.numbers(db)
        self.names = {n: name for name, n in self.numbers.items()}

    def number(self, name: str) -> int:
        found = rows.number(self.db, self.numbers, name)
        self.names[found] = name
        return found

    def rank(self, name: str) -> tuple[bool, str]:
        """Where a file comes in the order the store reads files in (conflicted copies last)."""
        return (name in self.copies, name)

    def first(self, eid: str) -> tuple[bool, str] | None:
        """The rank of the first file the store reads a line from; None: never read."""
        found = self.db.execute("SELECT file FROM lines WHERE eid = ?", (eid,)).fetchall()
        return min((self.rank(self.names[n]) for (n,) in found), default=None)

    def add(self, event: dict[str, Any]) -> None:
        self.db.execute(rows.LINE_ROW, rows.line_row(event, self.number(event["_file"])))


def _replace(places: Places, name: str, part: Part) -> list[tuple[str, str, str | None]]:
    """A device file rewritten (another device's compaction): ``part`` keeps only the lines that
    came; the lines it kept stay as they were applied, in the same order, at new places; the
    lines that went are returned (id, op, entry) for ``_take_out``."""
    db = places.db
    if part.tail.strip():
        raise Stale("a rewritten file with an unfinished last line")
    number = places.number(name)
    held = db.execute(
        "SELECT eid, line, op, id, ref FROM lines WHERE file = ? ORDER BY line", (number,)
    ).fetchall()
    before = {eid: (line, op, target, ref) for eid, line, op, target, ref in held}
    if len(before) < len(held):
        raise Stale("a rewritten file that held a line twice")
    kept = [e for e in part.events if e["eid"] in before]
    lines = [before[e["eid"]][0] for e in kept]
    if any(a >= b for a, b in zip(lines, lines[1:], strict=False)):
        raise Stale("a rewritten file whose lines changed their order")
    db.execute("DELETE FROM lines WHERE file = ?", (number,))
    db.executemany(
        rows.LINE_ROW, [(e["eid"], number, e["_line"], *before[e["eid"]][1:]) for e in kept]
    )
    db.execute("DELETE FROM files WHERE name = ?", (name,))  # its row comes from ``part``
    _move_marks(db, name, {e["eid"]: e["_line"] for e in kept})
    now = {e["eid"] for e in part.events}
    part.events = [e for e in part.events if e["eid"] not in before]
    return [(eid, op, target) for eid, (_, op, target, _) in before.items() if eid not in now]


def _move_marks(db: sqlite3.Connection, name: str, places: dict[str, int]) -> None:
    """The last add and change applied keep their order key: a line of the rewritten file that
    stayed is at its new place (one that went leaves the key as it was: later than any left,
    so a catch-up only ever finds more to check)."""
    for key in ("last_add", "last_change"):
        mark = rows.meta(db, key)
        if mark is not None and mark[1] == name and mark[3] in places:
            rows.set_meta(db, key, [mark[0], name, places[mark[3]], mark[3]])


def _take_out(
    places: Places, gone: list[tuple[str, str, str, str | None]], touched: set[int]
) -> None:
    """The lines that went from rewritten files (name, id, op, entry) taken out of the cache:
    only when what a replay gives without them is known (else Stale)."""
    db = places.db
    targets = sorted({target for *_, target in gone if target is not None})
    named: dict[str, set[str]] = {}
    if targets:  # one pass over the lines, whatever went (none went: no pass at all)
        found = db.execute(
            "SELECT id, op FROM lines WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(targets),),
        )
        for target, op in found:
            named.setdefault(target, set()).add(op)
    for name, eid, op, target in gone:
        first = places.first(eid)
        if first is not None:
            # still in the journal, in another file: nothing changes when that file was the one
            # the line was read from (read earlier), or for a forget (which applies in any order)
            if op == "forget" or first < places.rank(name):
                continue
            raise Stale("a line read from another file now")
        if target is None:
            raise Stale("a line that names no entry")
        ops = named.get(target, set())
        forgotten = db.execute("SELECT 1 FROM forgotten WHERE id = ?", (target,)).fetchone()
        stays = "forget" in ops and "restore" not in ops
        if forgotten and stays and op in ("add", "update", "delete"):
            continue  # a forgotten entry's line (a compaction drops them): it stays forgotten
        row = db.execute(
            "SELECT seq, dayno FROM entries WHERE id = ? AND live = 1 AND moved = 0", (target,)
        ).fetchone()
        if op == "add" and not ops and not forgotten and row is not None:
            db.execute("DELETE FROM entries WHERE seq = ?", (row[0],))  # added once, never
            db.execute("DELETE FROM search WHERE seq = ?", (row[0],))  # changed: its row goes
            touched.add(row[1] or 0)
            continue
        raise Stale("a line gone that a replay would miss")


def _known(places: Places, event: dict[str, Any]) -> bool:
    """True when the line was read before (a copy of it, in another file or further up in this
    one), and is passed over as the store passes over a line met twice; Stale when the store
    would now read it here first (a file read earlier than the one it was read from)."""
    first = places.first(event["eid"])
    if first is None:
        return False
    if event.get("op") == "forget" or first <= places.rank(event["_file"]):
        return True  # a forget applies in any order, from any file
    raise Stale("a line now read first from another file")


def _apply(
    db: sqlite3.Connection, parts: list[tuple[str, Part]], places: Places, touched: set[int]
) -> None:
    events: list[dict[str, Any]] = []
    for name, part in parts:
        ending: list[dict[str, Any]] = []  # its last line, when it has no newline yet
        tail = rows.tail(part, name, ending)
        for event in [*part.events, *ending]:
            if not _known(places, event):
                events.append(event)
            places.add(event)
        found = db.execute("SELECT problems, newer FROM files WHERE name = ?", (name,)).fetchone()
        problems, newer = found or (0, 0)
        row = rows.file_row(
            name, part, problems + len(part.problems), bool(newer) or part.newer, tail
        )
        db.execute("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?,?)", row)
    if len({e.get("eid") for e in events}) < len(events):
        raise Stale("a line met twice")
    adds = sorted((e for e in events if e.get("op") == "add"), key=rows.order)
    forgets = [e for e in events if e.get("op") == "forget"]  # applied last, in any order
    changes = sorted((e for e in events if e.get("op") not in ("add", "forget")), key=rows.order)
    if any(e.get("op") not in CHANGES for e in changes):
        raise Stale("a line of an unknown kind")
    keys = [rows.order(e) for e in changes]
    last = rows.meta(db, "last_change")
    if keys and (
        (last is not None and keys[0] <= tuple(last))
        or any(a >= b for a, b in zip(keys, keys[1:], strict=False))
    ):
        raise Stale("a change ordered before one already applied, or a line met twice")
    if (forgets or rows.meta(db, "forgets")) and any(e.get("op") == "restore" for e in changes):
        raise Stale("a restore may undo a forget")
    seq = rows.next_seq(db)
    for event in adds:
        try:
            entry = Entry.from_json(event["entry"])
        except ValueError:
            rows.add_meta(db, "entry_problems", 1)  # replay reports it, and leaves it out
            db.execute(
                "UPDATE lines SET op = 'bad' WHERE eid = ? AND file = ? AND line = ?",
                (event["eid"], places.number(event["_file"]), event["_line"]),
            )
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
    for event in forgets:
        _forget(db, event, touched)
    if keys:
        rows.set_meta(db, "last_change", list(keys[-1]))
    # as Store.read: a clock far ahead (a device gone wrong) is not followed by new lines
    clock = max((int(e.get("t", 0)) for e in events if int(e.get("t", 0)) <= FAR_CLOCK), default=0)
    if clock > (rows.meta(db, "clock") or 0):
        rows.set_meta(db, "clock", clock)


def _forget(db: sqlite3.Connection, event: dict[str, Any], touched: set[int]) -> None:
    """A forget applied as ``journal.replay`` applies it (after every other change): its entry
    and its history go for good, when no restore can have undone the removal it makes final (a
    restore of the entry, or one that undoes that removal; else Stale)."""
    target, removal = event.get("id"), event.get("deleted_by")
    if not isinstance(target, str) or not isinstance(removal, str):
        raise Stale("a forget that names no entry or no removal")
    if not db.execute("SELECT 1 FROM forgotten WHERE id = ?", (target,)).fetchone():
        undone = db.execute(  # the restores are few: an index of their own (cache.db)
            "SELECT 1 FROM lines INDEXED BY lines_restores WHERE op = 'restore'"
            " AND (id = ? OR ref = ?)",
            (target, removal),
        ).fetchone()
        if undone:
            raise Stale("a forget a restore may undo")
        found = db.execute(
            "SELECT seq, live, dayno FROM entries WHERE id = ?", (target,)
        ).fetchone()
        if found is not None:
            db.execute("DELETE FROM entries WHERE seq = ?", (found[0],))
            db.execute("DELETE FROM search WHERE seq = ?", (found[0],))
            if found[1]:
                touched.add(found[2] or 0)
        db.execute("DELETE FROM history WHERE id = ?", (target,))
        db.execute("INSERT INTO forgotten VALUES (?)", (target,))
    db.execute("INSERT OR IGNORE INTO orphans VALUES (?)", (target,))  # as the build: named, unseen
    rows.set_meta(db, "forgets", True)


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
