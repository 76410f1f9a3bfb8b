"""The journal as the reading commands ask about it, answered from the cache.

``Cached`` has the questions of ``journal.Journal`` (entries, removed, history, of_kind, on,
statement, morning, find, resurface) and a few more that a whole journal answers by walking
every entry (``practice_days``, ``since``, ``select``); each is one indexed query, so the
everyday commands cost the same after fifty years as after one. ``Full`` asks the same questions
of a journal replayed in memory: it is what the commands use when there is no cache, and the
reference the tests compare ``Cached`` with.
"""

from __future__ import annotations

import json
import operator
import sqlite3
import weakref
import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from mindlog.cache.db import ENTRY, FIELDS, json_of
from mindlog.cache.rows import dayno, entry_of
from mindlog.cache.rows import fields_of as own_fields
from mindlog.domain.journal import Journal
from mindlog.domain.model import SETTING_KINDS, SETUP_KINDS, Entry, shows_up
from mindlog.domain.practices import Marked, gather, mark_key, marks, may_be_since
from mindlog.domain.query import Filter, written_order
from mindlog.domain.reflect import anniversaries, resurface
from mindlog.domain.streaks import PRACTICES, PracticeDays, Segment, practice_days

if TYPE_CHECKING:
    from mindlog.domain.model import Fields

_ORDER = " ORDER BY day, at_us, seq"
_LATEST = " ORDER BY day DESC, at_us DESC, seq DESC"
_BY_KIND = "entries INDEXED BY entries_kind"
_MARKS = "entries INDEXED BY entries_marks"  # the days of practices of one's own, and their fields
_first = operator.itemgetter(0)
_FULL_DATE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"  # a day written as a date in full
# A version of the statement written for an earlier day (its field "timed" is false): the rule
# of journal.current_statement, asked of the rest column (cache.rows.fields_of reads it so).
_BACK_FILLED = "rest != '' AND json_type('{' || substr(rest, 2) || '}', '$.timed') = 'false'"
RECENT_DAYS = 400  # days before today given as sets by Cached.practice_days (calendar: 16 weeks)


class Tally(NamedTuple):
    """How many entries of each kind, and on how many days; how many days; the first and the
    last of them; whether each is written as a date in full (so that the journal's order is the
    order of dates)."""

    counts: dict[str, tuple[int, int]]
    days: int
    dates: tuple[date, date] | None
    in_order: bool
    shown: int = 0  # days shown up (mindlog.domain.streaks)


class Full:
    """The questions, asked of a journal replayed in memory."""

    def __init__(self, journal: Journal, problems: int = 0, newer: bool = False) -> None:
        self.journal = journal
        self.problems = problems
        self.newer = newer

    @property
    def entries(self) -> list[Entry]:
        return self.journal.entries

    @property
    def removed(self) -> list[Entry]:
        return self.journal.removed

    @property
    def history(self) -> dict[str, list[dict[str, Any]]]:
        return self.journal.history

    def empty(self) -> bool:
        return not any(e.kind not in SETTING_KINDS for e in self.journal.entries)

    def of_kind(self, *kinds: str) -> list[Entry]:
        return self.journal.of_kind(*kinds)

    def on(self, day: date, *kinds: str) -> list[Entry]:
        return self.journal.on(day, *kinds)

    def statement(self) -> Entry | None:
        return self.journal.statement()

    def morning(self, day: date) -> Entry | None:
        return self.journal.morning(day)

    def find(self, id_or_prefix: str) -> list[Entry]:
        return self.journal.find(id_or_prefix)

    def resurface(self, today: date) -> Entry | None:
        """One earlier win to look back on, the same all day: a week, a month or a year ago
        today when there is one, else an older win (mindlog.domain.reflect chooses)."""
        earlier = [e for e in self.journal.of_kind("win") if e.day < today.isoformat()]
        found = resurface(earlier, today)
        return found[0][1] if found else None

    def looking_back(self, today: date, before: date) -> list[tuple[str, Entry]]:
        """mindlog.domain.reflect.resurface of the wins before ``before`` (of every win when none)."""
        wins = self.journal.of_kind("win")
        return resurface([w for w in wins if w.day < before.isoformat()] or wins, today)

    def known(self, ids: Iterable[str]) -> dict[str, str]:
        """What the journal knows of each of ``ids``: "live", "removed" or "forgotten" (an id
        it has never seen is left out)."""
        journal = self.journal
        states = {e.id: "removed" for e in journal.removed}
        states |= {e.id: "live" for e in journal.entries}
        states |= dict.fromkeys(journal.forgotten, "forgotten")
        return {i: states[i] for i in ids if i in states}

    def first_day(self) -> date | None:
        """The first day shown up (mindlog.domain.streaks)."""
        entries = self.journal.entries
        days = [d for d in (dayno(e.day) for e in entries if shows_up(e.kind)) if d is not None]
        return date.fromordinal(min(days)) if days else None

    def practice_days(self, today: date) -> PracticeDays:
        return practice_days(self.journal.entries)

    def few_pages(self) -> None:
        """See ``Cached.few_pages``: nothing to do in memory."""

    def practice_marks(self, since: date | None = None, on: date | None = None) -> list[Marked]:
        """The days of practices of one's own, as mindlog.domain.practices.marks finds them
        (with ``since``, only the days that may be that day or later: see may_be_since; with
        ``on``, of that day alone)."""
        found = self.journal.of_kind("practice")
        if since is not None:
            iso = since.isoformat()
            found = [e for e in found if may_be_since(e.day, iso)]
        if on is not None:
            found = [e for e in found if dayno(e.day) == on.toordinal()]
        return marks(found)

    def select_json(
        self, wanted: Filter, last: int | None = None, removed: bool = False, indent: str = ""
    ) -> list[str] | None:
        return None  # see Cached.select_json

    def stream(self, wanted: Filter, kind: str | None = None) -> Iterator[Entry]:
        return (e for e in self.select(wanted) if kind in (None, e.kind))  # see Cached.stream

    def stream_fields(self, wanted: Filter, kind: str | None = None) -> Iterator[Fields]:
        from mindlog.domain.model import fields_of  # see Cached.stream_fields

        return fields_of(self.stream(wanted, kind))

    def stream_json(self, wanted: Filter, indent: str = "") -> Iterator[str] | None:
        return None  # see Cached.stream_json

    def since(self, day: date, *kinds: str) -> list[Entry]:
        iso = day.isoformat()
        found = [e for e in self.journal.entries if e.day >= iso]
        return [e for e in found if e.kind in kinds] if kinds else found

    def select(self, wanted: Filter, last: int | None = None, removed: bool = False) -> list[Entry]:
        pool = written_order(self.journal.removed) if removed else self.journal.entries
        found = [e for e in pool if wanted.matches(e)]
        return found if last is None else found[-last:]


class Cached:
    """The same questions, answered by the cache (see mindlog.cache)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        weakref.finalize(self, db.close)  # closed with the view that asks it
        self._entries: list[Entry] | None = None
        self._removed: list[Entry] | None = None
        self._history: dict[str, list[dict[str, Any]]] | None = None
        problems, newer = db.execute(
            "SELECT COALESCE(SUM(problems + (tail = 1)), 0), COALESCE(MAX(newer), 0) FROM files"
        ).fetchone()
        meta = dict(db.execute("SELECT k, v FROM meta WHERE k IN ('entry_problems', 'clock')"))
        self.problems = int(problems) + int(meta.get("entry_problems", 0))
        self.newer = bool(newer)
        self.clock = int(meta.get("clock", 0))  # the greatest ``t`` read (Store.append's ``after``)

    def few_pages(self) -> None:
        """Keep few of the file's pages in memory (256 KiB, where SQLite keeps 2 MiB): for a
        command that reads each page once or twice, as greet does (its peak memory at fifty
        years is kept under 25 MiB)."""
        self.db.execute("PRAGMA cache_size=-256")

    def _query(
        self, where: str, params: tuple[Any, ...] = (), tail: str = _ORDER, table: str = "entries"
    ) -> list[Entry]:
        rows = self.db.execute(f"SELECT {ENTRY} FROM {table} WHERE {where}{tail}", params)
        return [entry_of(row) for row in rows]

    @property
    def entries(self) -> list[Entry]:
        if self._entries is None:
            self._entries = self._query("live = 1")
        return self._entries

    @property
    def removed(self) -> list[Entry]:
        if self._removed is None:
            self._removed = self._query("live = 0")
        return self._removed

    @property
    def history(self) -> dict[str, list[dict[str, Any]]]:
        if self._history is None:
            found: dict[str, list[dict[str, Any]]] = {}
            for entry_id, data in self.db.execute("SELECT id, data FROM history ORDER BY id, n"):
                found.setdefault(entry_id, []).append(json.loads(data))
            self._history = found
        return self._history

    def empty(self) -> bool:
        marks = ",".join("?" * len(SETTING_KINDS))
        found = self.db.execute(
            f"SELECT 1 FROM entries WHERE live = 1 AND kind NOT IN ({marks}) LIMIT 1",
            SETTING_KINDS,
        )
        return found.fetchone() is None

    def of_kind(self, *kinds: str) -> list[Entry]:
        marks = ",".join("?" * len(kinds))
        # By kind first, then sorted: a rare kind among a million wins is found at once (in
        # day order SQLite would walk every entry to find a few).
        return self._query(f"live = 1 AND kind IN ({marks})", kinds, table=_BY_KIND)

    def on(self, day: date, *kinds: str) -> list[Entry]:
        if not kinds:
            return self._query("live = 1 AND day = ?", (day.isoformat(),))
        marks = ",".join("?" * len(kinds))
        return self._query(f"live = 1 AND day = ? AND kind IN ({marks})", (day.isoformat(), *kinds))

    def statement(self) -> Entry | None:
        """As ``Journal.statement``, by the same rule (journal.current_statement), given only
        the versions that can still be the current one: the last written without ``--date``
        and those written after it (every version, when all were written with ``--date``);
        never every statement of fifty years."""
        from mindlog.domain.journal import current_statement

        found = self.db.execute(
            f"SELECT seq, written, {_BACK_FILLED} FROM {_BY_KIND}"
            " WHERE live = 1 AND kind = 'commitment'"
        ).fetchall()
        timed = [written for _, written, back_filled in found if not back_filled]
        last = max(timed) if timed else None
        seqs = tuple(seq for seq, written, _ in found if last is None or written >= last)
        if len(seqs) > 500:  # every version written with --date: all of them, as they come
            return current_statement(self._query("live = 1 AND kind = 'commitment'"))
        marks = ",".join("?" * len(seqs))
        return current_statement(self._query(f"live = 1 AND seq IN ({marks})", seqs))

    def morning(self, day: date) -> Entry | None:
        found = self.on(day, "morning")
        return found[-1] if found else None

    def find(self, id_or_prefix: str) -> list[Entry]:
        exact = self._query("live = 1 AND id = ?", (id_or_prefix,))
        return exact or self._query(
            "live = 1 AND substr(id, 1, ?) = ?", (len(id_or_prefix), id_or_prefix)
        )

    def resurface(self, today: date) -> Entry | None:
        """As ``Full.resurface``: a win from a week, a month or a year ago today, else one
        older win chosen for the day."""
        found = self.looking_back(today, today)
        return found[0][1] if found else None

    def looking_back(self, today: date, before: date) -> list[tuple[str, Entry]]:
        """As mindlog.domain.reflect.resurface of the wins before ``before`` (of every win when none)."""
        limit = before.isoformat()
        if not self._any_win_before(limit):
            limit = "\U0010ffff"  # after every day: every win
        pick = zlib.crc32(today.isoformat().encode())
        found = []
        for label, day in anniversaries(today):
            if day.isoformat() < limit:
                same = self.on(day, "win")
                if same:
                    found.append((label, same[pick % len(same)]))
        if found:
            return found
        iso = min(today.isoformat(), limit)
        count = self._wins_before(iso)
        if not count:
            return []
        chosen = self._win_at(iso, pick % count)
        return [(f"from {chosen.day}", chosen)]

    def _any_win_before(self, iso: str) -> bool:
        """Whether a live win is dated before ``iso`` (never a count of every win)."""
        (found,) = self.db.execute(
            f"SELECT EXISTS (SELECT 1 FROM {_BY_KIND} WHERE live = 1 AND kind = 'win' AND day < ?)",
            (iso,),
        ).fetchone()
        return bool(found)

    def _wins_before(self, iso: str) -> int:
        """How many live wins are dated before ``iso``."""
        (count,) = self.db.execute(
            "SELECT COUNT(*) FROM entries WHERE live = 1 AND kind = 'win' AND day < ?", (iso,)
        ).fetchone()
        return int(count)

    def _win_at(self, iso: str, place: int) -> Entry:
        """The live win at ``place`` (from 0) of those dated before ``iso``, in the journal's order."""
        return self._query(
            "live = 1 AND kind = 'win' AND day < ?", (iso,), _ORDER + f" LIMIT 1 OFFSET {place}"
        )[0]

    def known(self, ids: Iterable[str]) -> dict[str, str]:
        """As ``Full.known``: each id looked up by its index, a few hundred at a time."""
        found: dict[str, str] = {}
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT id, live FROM entries WHERE id IN ({marks})"
                f" UNION ALL SELECT id, 2 FROM forgotten WHERE id IN ({marks})",
                (*chunk, *chunk),
            )
            for entry_id, state in rows:
                found[entry_id] = ("removed", "live", "forgotten")[state]
        return found

    def first_day(self) -> date | None:
        (first,) = self.db.execute("SELECT MIN(dayno) FROM days WHERE shown = 1").fetchone()
        return None if first is None else date.fromordinal(first)

    def practice_days(self, today: date) -> PracticeDays:
        """Each practice's runs of days over the whole history (kept by the cache), the days of
        the last year or so as sets (the calendar, "done today"), and the counts a welcome back
        needs; never every day of fifty years."""
        runs: dict[str, list[Segment]] = {}
        days = PracticeDays(runs=runs)
        of = date.fromordinal
        end = today.toordinal()
        rows = self.db.execute(
            "SELECT dayno, morning, wins, commitment, rest, share, shown, setback FROM days"
            " WHERE dayno >= ?",
            (end - RECENT_DAYS,),
        )
        for number, morning, wins, commitment, rest, share, shown, setback in rows:
            day = of(number)
            for practice, flag in zip(PRACTICES, (morning, wins, commitment), strict=True):
                if flag:
                    days.done[practice].add(day)
            if rest:
                days.rest.add(day)
            if setback:
                days.setback.add(day)
            if shown:
                days.shown.add(day)
            if share is not None:
                days.morning_share[day] = share
        for practice in PRACTICES:
            runs[practice] = [
                (a, b, bool(done))
                for a, b, done in self.db.execute(
                    "SELECT first, last, done FROM runs WHERE practice = ? AND first <= ?"
                    " ORDER BY first",
                    (practice, end),
                )
            ]
        days.first = self.first_day()
        every, until = self.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(dayno <= ?), 0) FROM days WHERE shown = 1", (end,)
        ).fetchone()
        days.counts = (int(every), int(until))
        (last,) = self.db.execute(
            "SELECT MAX(dayno) FROM days WHERE dayno < ? AND shown = 1", (end,)
        ).fetchone()
        days.last_active = None if last is None else of(last)
        return days

    def practice_marks(self, since: date | None = None, on: date | None = None) -> list[Marked]:
        """As ``Full.practice_marks``, in one query of one small index (it holds all it asks):
        the days of each distinct set of other fields (most days of a practice have the same),
        whose JSON is read once for them all. With ``since`` (a reflection counts the days of
        its span), only the days practices.may_be_since keeps, asked of SQLite alike. ``on``:
        of that day alone (a day written otherwise than in full, 2026-W48-6, is read by its
        date)."""
        if on is None:
            span, params = "", []
            if since is not None:
                span = f" AND (day >= ? OR day NOT GLOB '{_FULL_DATE}')"
                params = [since.isoformat()]
            rows = self.db.execute(
                f"SELECT rest, json_group_array(day) FROM {_MARKS}"
                f" WHERE live = 1 AND kind = 'practice'{span} GROUP BY rest",
                params,
            )
            return gather(
                (mark_key(json.loads("{" + rest[1:] + "}") if rest else {}), json.loads(days))
                for rest, days in rows
            )
        found = self.db.execute(
            f"SELECT rest, day FROM {_MARKS} WHERE live = 1 AND kind = 'practice'"
            f" AND (day = ? OR day NOT GLOB '{_FULL_DATE}')",
            (on.isoformat(),),
        )
        return gather(
            (mark_key(json.loads("{" + rest[1:] + "}") if rest else {}), (day,))
            for rest, day in found
            if dayno(day) == on.toordinal()
        )

    def since(self, day: date, *kinds: str) -> list[Entry]:
        """The live entries of ``day`` and after (only those of ``kinds`` when given, found by
        the kind index: a chart of check-ins reads no win), in the journal's order."""
        if not kinds:
            return self._query("live = 1 AND day >= ?", (day.isoformat(),))
        marks = ",".join("?" * len(kinds))
        return self._query(
            f"live = 1 AND kind IN ({marks}) AND day >= ?",
            (*kinds, day.isoformat()),
            table=_BY_KIND,
        )

    def select_json(
        self, wanted: Filter, last: int | None = None, removed: bool = False, indent: str = ""
    ) -> list[str] | None:
        """Each entry ``select`` would give, as its JSON text (laid out as ``jsontext.dumps``,
        each line after the first ``indent`` deeper), when the filter is one SQLite answers
        exactly; else None."""
        if wanted.tags or wanted.search:
            return None
        where, params = _span(wanted, removed)
        order = _ORDER if last is None else " ORDER BY day DESC, at_us DESC, seq DESC"
        rows = self.db.execute(
            f"SELECT {json_of(indent)}, kind FROM entries WHERE {' AND '.join(where)}{order}",
            params,
        )
        kinds = set(wanted.kinds)
        found = [data for data, kind in rows if not kinds or kind.lower() in kinds]
        if last is not None:
            found = found[:last]
            found.reverse()
        return found

    def stream(self, wanted: Filter, kind: str | None = None) -> Iterator[Entry]:
        """``select(wanted)``, read one entry at a time (to write a long history out without
        holding it whole); only the entries of ``kind`` when it is given."""
        if wanted.kinds or wanted.tags or wanted.search:
            return (e for e in self.select(wanted) if kind in (None, e.kind))
        return map(entry_of, self._in_order(ENTRY, wanted, kind))

    def stream_fields(self, wanted: Filter, kind: str | None = None) -> Iterator[Fields]:
        """``stream(wanted, kind)``'s entries as their own fields (mindlog.domain.model.Fields),
        without making an Entry of each."""
        if wanted.kinds or wanted.tags or wanted.search:
            from mindlog.domain.model import fields_of

            return fields_of(self.stream(wanted, kind))
        return map(own_fields, self._in_order(FIELDS, wanted, kind))

    def stream_json(self, wanted: Filter, indent: str = "") -> Iterator[str] | None:
        """``select_json(wanted, indent=indent)``, read one entry at a time; None when that
        gives None."""
        if wanted.kinds or wanted.tags or wanted.search:
            found = self.select_json(wanted, indent=indent)
            return None if found is None else iter(found)
        return map(_first, self._in_order(json_of(indent), wanted, None))

    def _in_order(self, columns: str, wanted: Filter, kind: str | None) -> sqlite3.Cursor:
        """``columns`` of the live entries in ``wanted``'s days (of ``kind`` when given, through
        the kind index), in the journal's order."""
        where, params = _span(wanted, False)
        table = "entries"
        if kind is not None:
            table = _BY_KIND  # a rare kind among a million wins is found at once
            where.append("kind = ?")
            params.append(kind)
        return self.db.execute(
            f"SELECT {columns} FROM {table} WHERE {' AND '.join(where)}{_ORDER}", params
        )

    def tally(self, wanted: Filter) -> Tally:
        """For an export of ``wanted``'s days (see mindlog.formats.export.Period), counted by SQLite."""
        where, params = _span(wanted, False)
        span = " AND ".join(where)
        counts = {
            kind: (int(n), int(days))
            for kind, n, days in self.db.execute(
                f"SELECT kind, COUNT(*), COUNT(DISTINCT day) FROM entries WHERE {span}"
                " GROUP BY kind",
                params,
            )
        }
        days, first, last = self.db.execute(
            f"SELECT COUNT(DISTINCT day), MIN(dayno), MAX(dayno) FROM entries WHERE {span}", params
        ).fetchone()
        (odd,) = self.db.execute(  # a day written otherwise (2026-W48-6) sorts out of date order
            f"SELECT EXISTS (SELECT 1 FROM entries WHERE {span}"
            " AND day NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')",
            params,
        ).fetchone()
        dates = None if first is None else (date.fromordinal(first), date.fromordinal(last))
        marks = ",".join("?" * len(SETUP_KINDS))
        (shown,) = self.db.execute(
            f"SELECT COUNT(DISTINCT day) FROM entries WHERE {span} AND kind NOT IN ({marks})",
            (*params, *SETUP_KINDS),
        ).fetchone()
        return Tally(counts, int(days), dates, not odd, int(shown))

    def select(self, wanted: Filter, last: int | None = None, removed: bool = False) -> list[Entry]:
        """The entries ``wanted`` keeps, in journal order (the last ``last`` of them)."""
        where, params = _span(wanted, removed)
        if wanted.kinds:
            # SQLite lowers ASCII only; kinds with other letters are left to Filter.matches
            marks = ",".join("?" * len(wanted.kinds))
            where.append(f"(lower(kind) IN ({marks}) OR kind GLOB '*[^ -~]*')")
            params.extend(wanted.kinds)
        table = "entries"
        words = (wanted.search or "").casefold().split()
        if words:
            # The narrow search table is scanned (a fraction of the entries' bytes), and the
            # entries it finds are looked up by seq: never a walk through every entry's row.
            table = "search CROSS JOIN entries USING (seq)"
            where.append("search.live = ?" + " AND instr(search.words, ?) > 0" * len(words))
            params.extend([params[0], *words])
        sql = f"SELECT {ENTRY} FROM {table} WHERE {' AND '.join(where)}"
        # Days and words: SQLite's answer is exact (instr on the folded words is Python's
        # ``in``); kinds and tags are checked again by Filter.matches.
        exact = not (wanted.kinds or wanted.tags)
        if last is None:
            rows = self.db.execute(sql + _ORDER, params)
            if exact:
                return list(map(entry_of, rows))
            return [e for e in map(entry_of, rows) if wanted.matches(e)]
        found: list[Entry] = []
        rows = self.db.execute(sql + _LATEST, params)
        for row in rows:
            entry = entry_of(row)
            if exact or wanted.matches(entry):
                found.append(entry)
                if len(found) == last:
                    break
        found.reverse()
        return found


def _span(wanted: Filter, removed: bool) -> tuple[list[str], list[Any]]:
    """The SQL conditions (and their values) for live or removed entries in ``wanted``'s days."""
    where = ["entries.live = ?"]
    params: list[Any] = [0 if removed else 1]
    if not wanted.everything:
        where.append(f"kind NOT IN ({','.join('?' * len(SETTING_KINDS))})")
        params.extend(SETTING_KINDS)
    if wanted.since:
        where.append("day >= ?")
        params.append(wanted.since.isoformat())
    if wanted.until:
        where.append("day <= ?")
        params.append(wanted.until.isoformat())
    return where, params
