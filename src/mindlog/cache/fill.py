"""Keeping the cache in step with the journal files: built whole, or caught up from where it
stopped.

``fresh(where)`` compares each device file with what the cache was built from (cache.key). When
nothing changed, the cache is used as it is. When files only grew (this machine's appends, or
another device's file that a sync tool appended to), only the new lines are read and applied,
as ``journal.replay`` would apply them, when that can be done exactly: entries not seen before,
and changes ordered (by the journal's clock) after every change already applied; each change is
applied by ``journal.replay`` itself, to the entry as the cache has it. Anything else (a file
new, replaced, shrunk or gone, an entry or a line seen a second time, a change that sorts before
one already applied, a ``forget``) builds the cache whole again, from ``journal.replay`` of every
line, into a new file that replaces the old one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from mindlog import jsontext
from mindlog.cache import db as cachedb
from mindlog.cache.key import Stamp, stamps
from mindlog.cache.reader import Part, read_part, tail_event
from mindlog.journal import Journal, _instant, replay
from mindlog.model import Entry
from mindlog.paths import Locations
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
RESEAL_AFTER = 2000  # rows changed by a catch-up before a sealed cache is written again
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


def read_all(
    where: Locations, now: dict[str, Stamp], advance: Callable[[int], None] = lambda n: None
) -> tuple[list[dict[str, Any]], list[Any]]:
    """Every event of every device file, once each, as ``Store.read`` gives them (conflicted
    copies last, so a line met twice is credited to the device file that holds it), and a row
    for each file as it was read."""
    names = set(now)
    conflicts = {name for name in names if conflict_base(name, names) is not None}
    events: list[dict[str, Any]] = []
    rows: list[tuple[Any, ...]] = []
    seen: set[str] = set()
    total = sum(s.size for s in now.values()) or 1
    for name in sorted(names, key=lambda n: (n in conflicts, n)):
        advance(40 * now[name].size // total)
        try:
            part = read_part(where.journal / name)
        except OSError:
            continue  # the cache holds none of it, and is not in step: it is read again later
        found: list[dict[str, Any]] = list(part.events)
        tail = _tail(part, name, found)
        for event in found:
            if event["eid"] not in seen:
                seen.add(event["eid"])
                events.append(event)
        rows.append(_file_row(name, part, len(part.problems), part.newer, tail))
    return events, rows


def build(
    where: Locations, now: dict[str, Stamp], advance: Callable[[int], None] = lambda n: None
) -> sqlite3.Connection:
    """Read every device file, replay it, and write a new cache over the old one (``advance``
    is told of the progress, 100 steps in all).

    A long journal's events take the most memory: what the cache needs of them is taken
    (``Summary``) and they are let go before the rows are made, one at a time."""
    events, rows = read_all(where, now, advance)
    journal = replay(events)
    summary = Summary.of(events)
    del events  # the entries hold what the rows need; the events are the largest part
    advance(20)
    db, tmp = cachedb.create(where)
    try:
        db.execute("BEGIN")  # one transaction: each row its own would take many times as long
        fill(db, journal, summary, rows, advance)
        db.execute("COMMIT")
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
    return cachedb.connect(cachedb.path(where))


@dataclass
class Summary:
    """What the cache keeps of the events themselves, beside the replayed journal."""

    moved: set[Any]  # entries restored at some time
    changes: list[dict[str, Any]]  # every event but the adds (few)
    last_add: tuple[int, str, int, str] | None
    clock: int

    @classmethod
    def of(cls, events: list[dict[str, Any]]) -> Summary:
        changes = [e for e in events if e.get("op") != "add"]
        adds = (order(e) for e in events if e.get("op") == "add")
        return cls(
            moved={e.get("id") for e in changes if e.get("op") == "restore"},
            changes=changes,
            last_add=max(adds, default=None),
            clock=max((int(e.get("t", 0)) for e in events), default=0),
        )


def fill(
    db: sqlite3.Connection,
    journal: Journal,
    summary: Summary,
    files: list[tuple[Any, ...]],
    advance: Callable[[int], None] = lambda n: None,
) -> None:
    db.executemany("INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?)", files)
    days = _day_rows(journal.entries)
    count = len(journal.entries)
    pools = ((1, 0, journal.entries), (0, count, journal.removed))
    placed = [(e.id, seq, live) for live, base, pool in pools for seq, e in enumerate(pool, base)]
    placed.sort()  # by id: the table is kept in id order, so rows go in at its end
    every = [*journal.entries, *journal.removed]
    step = max(1, len(every) // 35)

    def rows() -> Iterator[tuple[Any, ...]]:
        """Each entry's row, made as SQLite takes it (never all of them at once)."""
        for n, (entry_id, seq, live) in enumerate(placed):
            if n % step == step - 1:
                advance(1)
            yield _row(every[seq], bool(live), seq, entry_id in summary.moved)

    db.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)", rows())
    db.executemany(
        "INSERT INTO search VALUES (?,?,?)",
        ((seq, int(seq < count), searchable(e)) for seq, e in enumerate(every)),
    )
    db.executemany(
        "INSERT INTO history VALUES (?,?,?)",
        (
            (entry_id, n, json.dumps(item, ensure_ascii=False))
            for entry_id, items in journal.history.items()
            for n, item in enumerate(items)
        ),
    )
    seen = {e.id for e in every}
    changes = summary.changes
    waiting = {str(e.get("id")) for e in changes if e.get("id") not in seen}
    db.executemany("INSERT OR IGNORE INTO orphans VALUES (?)", ((i,) for i in waiting))
    if changes:
        _set_meta(db, "last_change", list(max(order(e) for e in changes)))
    if summary.last_add is not None:
        _set_meta(db, "last_add", list(summary.last_add))
    _set_meta(db, "forgets", any(e.get("op") == "forget" for e in changes))
    _set_meta(db, "clock", summary.clock)
    _set_meta(db, "entry_problems", len(journal.problems))
    db.executemany("INSERT INTO days VALUES (?,?,?,?,?,?)", days)
    db.executemany("INSERT INTO runs VALUES (?,?,?,?)", _runs(days))
