"""Building the cache whole, from every line of every device file.

A long journal is read line by line, and nothing holds all of its events or entries at once:
an entry that no change names (most of them) goes straight into a staging table as the row it
will be; the changes, and the entries they name, are replayed by journal.replay itself. The rows
are then numbered in the order journal.replay sorts entries (by day and moment, then in the
order they were added; an entry restored after a removal after every added one).

What makes it quick (benchmarks/first_run.py; docs/cache-and-speed.md): each line is parsed
once, and the entry made of it gives its row and its day's practices as it is read
(cache.reading: a long journal in two halves at once, by two processes); only the days of
entries a change names or an id added twice are worked out again from the final rows. Rows read
in journal.replay's order already (one device file written day by day) are numbered as they
were staged, without sorting them again. The garbage collector rests while the rows are made
(nothing read makes a reference cycle), and the new file is written without a journal or syncs
and renamed over the old one only when it is complete: a build cut short leaves no cache.
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mindlog.cache import db as cachedb
from mindlog.cache import reading, rows
from mindlog.cache.key import Stamp
from mindlog.domain.journal import replay
from mindlog.domain.model import Entry
from mindlog.domain.query import searchable
from mindlog.store.paths import FILE_MODE, Locations

PLACE = "day, at_us, late, t, file, line"  # journal.replay's order of the live entries
STAGED = cachedb.FIELDS + ", COALESCE(written, t)"  # a staged entry's columns (rows.entry_of)


def build(
    where: Locations, now: dict[str, Stamp], advance: Callable[[int], None] = lambda n: None
) -> sqlite3.Connection:
    """Read every device file, replay it, and write a new cache over the old one (``advance``
    is told of the progress, 100 steps in all)."""
    collecting = gc.isenabled()
    gc.disable()  # millions of small objects, none of them in a cycle: see the module
    try:
        return _build(where, now, advance)
    finally:
        if collecting:
            gc.enable()


def _build(
    where: Locations, now: dict[str, Stamp], advance: Callable[[int], None]
) -> sqlite3.Connection:
    db, tmp = cachedb.create(where)
    stage = None if tmp is None else tmp.with_name(tmp.name[: -len(".tmp")] + ".stage.tmp")
    try:
        if stage is not None:  # beside the cache, private like it; in memory when sealed
            os.close(os.open(stage, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        db.execute("ATTACH ? AS stage", (":memory:" if stage is None else str(stage),))
        db.execute("PRAGMA stage.journal_mode=OFF")
        db.execute("PRAGMA stage.synchronous=OFF")
        db.execute("PRAGMA stage.cache_size=-65536")
        db.executescript(reading.STAGE)
        db.execute("BEGIN")  # one transaction: each row its own would take many times as long
        fill(db, where, now, advance, stage)
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


ADD_ROW = "INSERT INTO stage.adds VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL)"


def _staged(
    entry: Entry, late: int, place: tuple[Any, ...], moved: bool = False
) -> tuple[Any, ...]:
    """An entry's row in stage.adds: where journal.replay places it, and its row's values."""
    day = entry.day
    return (entry.id, late, *place, day, rows.dayno(day), rows.moment(entry.at), entry.written,
            int(moved), entry.kind, *rows.columns(entry), searchable(entry))  # fmt: skip


def fill(
    db: sqlite3.Connection,
    where: Locations,
    now: dict[str, Stamp],
    advance: Callable[[int], None] = lambda n: None,
    stage: Path | None = None,
) -> None:
    """Fill the new cache ``db`` from every line (``stage``: the stage's file, or None)."""
    read = reading.read_all(db, where, now, advance, stage)
    db.executemany("INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?)", read.files)
    changes = read.changes
    db.executemany(
        "INSERT OR IGNORE INTO stage.named VALUES (?)",
        ((e["id"],) for e in changes if isinstance(e.get("id"), str)),
    )
    # The entries the changes name, replayed with them by journal.replay itself.
    named = [
        {"op": "add", "entry": rows.entry_of(row[:8]).to_json(), "t": row[8], "eid": "",
         "_file": row[9], "_line": row[10]}
        for row in db.execute(
            f"SELECT {STAGED}, t, file, line FROM stage.adds"
            " WHERE id IN (SELECT id FROM stage.named)"
        )
    ]  # fmt: skip
    first: dict[str, tuple[Any, ...]] = {}  # id -> the place of its first add (replay keeps it)
    for event in sorted(named, key=rows.order):
        first.setdefault(event["entry"]["id"], rows.order(event)[:3])
    names = {row[0] for row in db.execute("SELECT id FROM stage.named")}
    journal = replay([*changes, *named, *(e for e in read.unusable if _target(e) in names)])
    # The days whose entries change from here on: worked out again from the final rows.
    redo: set[int | None] = {rows.dayno(event["entry"]["day"]) for event in named}
    del named
    if names:
        db.execute("DELETE FROM stage.adds WHERE id IN (SELECT id FROM stage.named)")
    if read.twice - names:
        # An id added twice (by two devices, say): the first add is kept, as by journal.replay.
        db.executemany("INSERT OR IGNORE INTO stage.named VALUES (?)", ((i,) for i in read.twice))
        redo |= {
            number
            for (number,) in db.execute(
                "SELECT dayno FROM stage.adds WHERE id IN (SELECT id FROM stage.named)"
            )
        }
        db.execute("CREATE INDEX stage.adds_id ON adds(id, t, file, line)")
        db.execute(
            "DELETE FROM stage.adds WHERE id IN (SELECT id FROM stage.named) AND EXISTS"
            " (SELECT 1 FROM stage.adds AS o WHERE o.id = adds.id"
            " AND (o.t, o.file, o.line) < (adds.t, adds.file, adds.line))"
        )
    advance(5)
    moved = {e.get("id") for e in changes if e.get("op") == "restore"}
    deleted = {e.get("id") for e in changes if e.get("op") == "delete"}
    # An entry replay put back in (restored after a removal, changed after one, or brought by its
    # restore) comes after every added one; the others keep the place of their first add.
    late = {e.id for e in journal.entries if e.id not in first or e.id in deleted}
    moved |= late
    db.executemany(
        ADD_ROW,
        (
            _staged(e, 1, (n, "", 0), e.id in moved)
            if e.id in late
            else _staged(e, 0, first[e.id], e.id in moved)
            for n, e in enumerate(journal.entries)
        ),
    )
    redo |= {rows.dayno(e.day) for e in journal.entries}
    advance(5)
    # Numbered in replay's order, and put in in that order (the table's own). Rows staged in that
    # order already, none taken out or added since, are numbered as they were staged (rowid 1..).
    if read.in_order and not names and not read.twice and not journal.entries:
        db.execute(
            "INSERT INTO entries SELECT id, 1, day, dayno, at_us, rowid - 1, COALESCE(written, t),"
            " moved,"
            " kind, at, text, tags, rest FROM stage.adds ORDER BY rowid"
        )
        advance(10)
        db.execute("INSERT INTO search SELECT rowid - 1, 1, words FROM stage.adds")
    else:
        db.execute("CREATE TABLE stage.placed(seq INTEGER PRIMARY KEY, r INTEGER)")
        db.execute(
            f"INSERT INTO stage.placed SELECT row_number() OVER (ORDER BY {PLACE}) - 1, rowid"
            " FROM stage.adds"
        )
        db.execute(
            "INSERT INTO entries SELECT id, 1, day, dayno, at_us, seq, COALESCE(written, t), moved,"
            " kind, at, text, tags, rest FROM stage.placed JOIN stage.adds ON adds.rowid = r ORDER BY seq"
        )
        advance(10)
        db.execute(
            "INSERT INTO search SELECT seq, 1, words FROM stage.placed JOIN stage.adds"
            " ON adds.rowid = r"
        )
    advance(5)
    (count,) = db.execute("SELECT COUNT(*) FROM stage.adds").fetchone()
    gone = list(enumerate(journal.removed, start=count))
    db.executemany(
        "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (rows.entry_row(e, False, seq, e.id in moved) for seq, e in gone),
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
    db.executemany("INSERT INTO forgotten VALUES (?)", ((i,) for i in journal.forgotten))
    if changes:
        rows.set_meta(db, "last_change", list(max(rows.order(e) for e in changes)))
    if read.last_add is not None:
        rows.set_meta(db, "last_add", list(read.last_add))
    rows.set_meta(db, "forgets", any(e.get("op") == "forget" for e in changes))
    rows.set_meta(db, "clock", read.clock)
    unusable = [e for e in read.unusable if _target(e) not in names]
    rows.set_meta(db, "entry_problems", len(journal.problems) + len(unusable))
    days = read.days
    again = {number for number in redo if number is not None}
    if again:
        for number in again:
            days.pop(number, None)
        days.update((row[0], row) for row in _days_of(db, again))
    found = sorted(days.values())
    db.executemany("INSERT INTO days VALUES (?,?,?,?,?,?,?,?)", found)
    db.executemany("INSERT INTO runs VALUES (?,?,?,?)", rows.runs(found))
    advance(15)


def _target(event: dict[str, Any]) -> Any:
    """The id of the entry an add adds (None when it has none)."""
    entry = event.get("entry")
    return entry.get("id") if isinstance(entry, dict) else None


def _days_of(db: sqlite3.Connection, numbers: set[int]) -> list[tuple[Any, ...]]:
    """The days table's rows of the days ``numbers``, worked out from their final rows."""
    db.execute("CREATE TABLE stage.redo(dayno INTEGER PRIMARY KEY)")
    db.executemany("INSERT INTO stage.redo VALUES (?)", ((n,) for n in numbers))
    found = db.execute(
        f"SELECT {STAGED} FROM stage.adds WHERE dayno IN (SELECT dayno FROM stage.redo)"
    )
    return rows.day_rows(rows.entry_of(row) for row in found)
