"""The cache's rows, as building it whole and catching it up both write them: an entry's row
(and its words for --search), a device file's row, the days' practices and their runs, and the
small values kept in ``meta``. The rules of order are journal.replay's own (``order``, ``moment``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from mindlog.cache import db as cachedb
from mindlog.domain.journal import _instant
from mindlog.domain.model import SETTING_KINDS, Entry, Problem
from mindlog.domain.query import searchable
from mindlog.domain.streaks import PRACTICES, practice_days
from mindlog.formats import jsontext
from mindlog.store.eventlog import conflict_base

if TYPE_CHECKING:
    from mindlog.cache.reader import Part

_ZERO = datetime.min.replace(tzinfo=UTC)


def moment(stamp: Any) -> int:
    """The instant a time stamp names, in microseconds since 0001-01-01 UTC (the order of
    entries within a day, as ``journal.replay`` sorts them)."""
    delta = _instant(stamp if isinstance(stamp, str) else "") - _ZERO
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def order(event: dict[str, Any]) -> tuple[int, str, int, str]:
    """The order ``journal.replay`` applies events in (its own rule, shared)."""
    from mindlog.domain.journal import event_order

    return event_order(event)


def dayno(day: str) -> int | None:
    if day in _DAYNOS:
        return _DAYNOS[day]
    try:
        number: int | None = date.fromisoformat(day).toordinal()
    except ValueError:
        number = None
    if len(_DAYNOS) >= DAYS_KEPT:
        _DAYNOS.clear()
    _DAYNOS[day] = number
    return number


_DAYNOS: dict[str, int | None] = {}  # days already numbered: a journal has several entries a day
DAYS_KEPT = 4096


def entry_row(entry: Entry, live: bool, seq: int, moved: bool = False) -> tuple[Any, ...]:
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
        *columns(entry),
    )


_OWN = ("id", "kind", "day", "at", "text", "tags")  # an entry's fields that have columns


def columns(entry: Entry) -> tuple[str, str | None, str, str]:
    """An entry's ``at``, ``text``, ``tags`` and ``rest`` columns (see cache.db): the tags and
    the other fields as ``jsontext.dumps(entry.to_json())`` lays them out."""
    tags = _tags_text(entry.tags) if entry.tags else "[]"
    others = {k: v for k, v in entry.fields.items() if k not in _OWN}
    return entry.at, entry.text, tags, _rest_text(others) if others else ""


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # the C encoder
_REST_TEXT: dict[str, str] = {}  # compact JSON of other fields -> their rest column (mornings)


def _rest_text(others: dict[str, Any]) -> str:
    """The rest column of an entry whose other fields are ``others``: their lines as
    ``jsontext.dumps`` lays them out, without { and }. Many entries have the same (a morning's
    routine and what was done of it), so each is laid out once, found again by its compact JSON
    (which the C encoder writes many times as quickly; one JSON value has one compact form)."""
    try:
        key = _COMPACT.encode(others)
    except (TypeError, ValueError):
        return "," + jsontext.dumps(others)[1:-2]
    text = _REST_TEXT.get(key)
    if text is None:
        if len(_REST_TEXT) >= TAGS_KEPT:
            _REST_TEXT.clear()
        text = _REST_TEXT[key] = "," + jsontext.dumps(others)[1:-2]
    return text


def _tags_text(tags: list[str]) -> str:
    """The tags column of an entry with ``tags`` (kept for the next entry with the same)."""
    key = tuple(tags)
    text = _TAGS_TEXT.get(key)
    if text is None:
        if len(_TAGS_TEXT) >= TAGS_KEPT:
            _TAGS_TEXT.clear()
        text = _TAGS_TEXT[key] = jsontext.dumps(list(tags)).replace("\n", "\n  ")
    return text


_TAGS_TEXT: dict[tuple[str, ...], str] = {}


def put(db: sqlite3.Connection, entry: Entry, live: bool, seq: int, moved: bool = False) -> None:
    old = db.execute("SELECT seq FROM entries WHERE id = ?", (entry.id,)).fetchone()
    if old is not None and old[0] != seq:
        db.execute("DELETE FROM search WHERE seq = ?", old)
    db.execute(
        "INSERT OR REPLACE INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        entry_row(entry, live, seq, moved),
    )
    db.execute("INSERT OR REPLACE INTO search VALUES (?,?,?)", (seq, int(live), searchable(entry)))


_new = object.__new__
_loads = json.loads
_TAGS: dict[str, tuple[str, ...]] = {"[]": ()}  # tags columns already parsed: a journal has few
TAGS_KEPT = 4096  # sets of tags kept parsed, at the most


def entry_of(row: tuple[Any, ...]) -> Entry:
    """An entry from its columns (cache.db.ENTRY). Its fields were checked when it was first
    read, so it is made without checking them again (the slowest part of reading a journal)."""
    entry_id, kind, day, at, text, tags, fields = fields_of(row[:7])
    entry: Entry = _new(Entry)
    entry.__dict__ = {
        "id": entry_id,
        "kind": kind,
        "day": day,
        "at": at,
        "text": text,
        "tags": list(tags),
        "fields": fields,
        "written": row[7],
    }
    return entry


def fields_of(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """An entry's own fields (mindlog.domain.model.Fields) from its columns (id, kind, day, at, text,
    tags, rest): its tags parsed once for all the entries with the same ones, its other fields
    only when it has any (most entries have none)."""
    entry_id, kind, day, at, text, tags, rest = row
    parsed = _TAGS.get(tags)
    if parsed is None:
        parsed = _parse_tags(tags)
    return entry_id, kind, day, at, text, parsed, _loads("{" + rest[1:] + "}") if rest else {}


def _parse_tags(tags: str) -> tuple[str, ...]:
    if len(_TAGS) >= TAGS_KEPT:
        _TAGS.clear()
        _TAGS["[]"] = ()
    parsed = _TAGS[tags] = tuple(_loads(tags))
    return parsed


def next_seq(db: sqlite3.Connection) -> int:
    (top,) = db.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM entries").fetchone()
    return int(top)


def redo_days(db: sqlite3.Connection, days: Iterable[int]) -> None:
    """Work out again which practices were done on ``days``, and mend the runs they are in."""
    for number in days:
        old = db.execute(
            "SELECT morning, wins, commitment, rest OR setback FROM days WHERE dayno = ?",
            (number,),
        ).fetchone()
        rows = db.execute(
            f"SELECT {cachedb.ENTRY} FROM entries WHERE live = 1 AND dayno = ?", (number,)
        ).fetchall()
        db.execute("DELETE FROM days WHERE dayno = ?", (number,))
        found = day_rows(map(entry_of, rows))
        new = found[0] if found else None
        if new is not None:
            db.execute("INSERT INTO days VALUES (?,?,?,?,?,?,?,?)", new)
        for n, practice in enumerate(PRACTICES):
            before = _state(old[n], old[3]) if old else None
            after = _state(new[1 + n], new[4] or new[7]) if new else None
            if before != after:
                mend_runs(db, practice, number, after)


def _state(done: int, rest: int) -> bool | None:
    """A day in a practice's runs: True done, False a rest day or a hard day, None neither."""
    return True if done else False if rest else None


def mend_runs(db: sqlite3.Connection, practice: str, day: int, state: bool | None) -> None:
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


def runs(days: list[tuple[Any, ...]]) -> list[tuple[str, int, int, int]]:
    """Every practice's runs, from the rows of the days table."""
    found: list[tuple[str, int, int, int]] = []
    for n, practice in enumerate(PRACTICES):
        current: list[int] = []  # [first, last, done] of the run being read
        for row in sorted(days):
            state = _state(row[1 + n], row[4] or row[7])
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


def day_rows(entries: Iterable[Entry]) -> list[tuple[Any, ...]]:
    """One row per day with a live entry: which practices were done, as mindlog.domain.streaks counts."""
    entries = [e for e in entries if e.kind not in SETTING_KINDS]
    found = practice_days(entries)
    named = {e.day for e in entries}  # each day once (a day has several entries)
    every = [date.fromisoformat(day) for day in named if dayno(day) is not None]
    return [
        (
            day.toordinal(),
            int(day in found.done["morning"]),
            int(day in found.done["wins"]),
            int(day in found.done["commitment"]),
            int(day in found.rest),
            found.morning_share.get(day),
            int(day in found.shown),
            int(day in found.setback),
        )
        for day in every
    ]


def merge_days(days: dict[int, tuple[Any, ...]], found: list[tuple[Any, ...]]) -> None:
    """Add to ``days`` (dayno -> its row) the rows ``day_rows`` gave for more entries, perhaps
    of the same days: what was done on a day by some of its entries or by others is what was
    done by all of them (each mark is any of theirs, the morning's share the largest), so a
    long journal's days are worked out a few thousand entries at a time, in any order. The
    cache's property test compares the result with a replay's."""
    for row in found:
        old = days.get(row[0])
        if old is None:
            days[row[0]] = row
            continue
        share = row[5] if old[5] is None else old[5] if row[5] is None else max(old[5], row[5])
        days[row[0]] = (row[0], *(max(a, b) for a, b in zip(old[1:5], row[1:5], strict=True)),
                        share, max(old[6], row[6]), max(old[7], row[7]))  # fmt: skip


def meta(db: sqlite3.Connection, key: str) -> Any:
    row = db.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
    return None if row is None else json.loads(row[0])


def set_meta(db: sqlite3.Connection, key: str, value: Any) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))


def add_meta(db: sqlite3.Connection, key: str, count: int) -> None:
    set_meta(db, key, (meta(db, key) or 0) + count)


def file_row(name: str, part: Part, problems: int, newer: bool, tail: int) -> tuple[Any, ...]:
    return (name, part.size, part.mtime_ns, part.inode, part.end, part.lines, problems,
            int(newer), tail, part.mark)  # fmt: skip


def line_row(event: dict[str, Any], file: int, bad: bool = False) -> tuple[Any, ...]:
    """An event's row in ``lines`` (cache.db): its id, its place (``file``: its file's number in
    ``names``), its op (``bad``: an add whose entry cannot be used), the entry it adds or names
    and the removal it refers to."""
    op = str(event.get("op"))
    entry = event.get("entry")
    target = entry.get("id") if op == "add" and isinstance(entry, dict) else event.get("id")
    ref = event.get("undoes" if op == "restore" else "deleted_by" if op == "forget" else "")
    return (str(event["eid"]), file, event["_line"], "bad" if bad else op,
            target if isinstance(target, str) else None,
            ref if isinstance(ref, str) else None)  # fmt: skip


LINE_ROW = "INSERT INTO lines VALUES (?,?,?,?,?,?)"


def numbers(db: sqlite3.Connection) -> dict[str, int]:
    """Each device file's number in ``lines`` (``number`` gives a new file one)."""
    return dict(db.execute("SELECT name, file FROM names"))


def number(db: sqlite3.Connection, known: dict[str, int], name: str) -> int:
    found = known.get(name)
    if found is None:
        found = known[name] = len(known)  # numbered 0, 1, 2... (a file that goes: a rebuild)
        db.execute("INSERT INTO names VALUES (?, ?)", (found, name))
    return found


def tail(part: Part, name: str, events: list[dict[str, Any]]) -> int:
    """0: the file ends with a newline; 1: an unfinished last line (a problem); 2: a last line
    without its newline that reads as an event (used, and the file read again when it grows)."""
    from mindlog.cache.reader import tail_event  # a file read: a cache in step reads none

    found = tail_event(part, name)
    if found is None:
        return 0
    if isinstance(found, Problem):
        return 1
    events.append(found)
    return 2


def conflicts(names: set[str]) -> set[str]:
    """The sync tools' conflicted copies among ``names`` (read last: see build.read_all)."""
    return {name for name in names if conflict_base(name, names) is not None}
