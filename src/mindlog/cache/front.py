"""The front of an encrypted journal's cache: the part the everyday screens read, sealed alone.

Beside an encrypted journal the whole cache is one sealed file (cache.db: ``cache.sqlite3.age``,
about 7 MB at ten years), and opening it (decrypting it, then loading it into memory) costs time
in proportion to the history. The dashboard, ``streaks``, ``list -n 5`` and ``greet`` read only
the last year or so and a few things kept whole; those are copied into a small database of their
own, sealed as ``cache-front.sqlite3.age`` for the same key (keys.seal_blob), and opened first.

What the front holds, from the whole cache when it was made (``build``):
- every live entry of the last ``RECENT_ENTRIES`` days and of the days about a year before (a
  ``MARGIN`` of days more each way, so that it serves for weeks), every live entry of the kinds
  kept whole (``KEPT``: what the person set up, rest days and hard days), the statement in use;
- the days table of the last ``view.RECENT_DAYS`` days (and the margin), every practice's runs,
  and the days of practices of one's own (``marks``: what ``Cached.practice_marks`` reads,
  grouped as it groups them);
- a few figures of the days before those (the first day shown up, how many, the last), how many
  wins there were before its entries, whether the journal is empty; and the whole cache's
  ``files`` table, the stamps of the journal files it is in step with.

``Front`` answers a question from it when the answer lies wholly within it, and any other (a day
it does not hold, a search, an export, an id) from the whole cache, opened then as before: so
every answer is the whole cache's. Its own catch-up: the front is used only while its stamps are the
journal files' now. When only this device's own file grew, by new entries of the everyday kinds
on days within the front (a ``win``, a morning, a check-in), written after every line read
(``t`` greater than the clock), those are applied to it as the whole cache would apply them and it
is sealed again; anything else (another device's lines, a change, a practice done, a rewritten
file) opens the whole cache, which catches up as always, and the front is made again from it.
A front that cannot be opened, is of another format, or is too old for today is made again. It
is a cache of a cache: deleted with it (cache.db.drop), never needed, never written plain.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from mindlog.cache import db as cachedb
from mindlog.cache import rows
from mindlog.cache.view import RECENT_DAYS, Cached
from mindlog.domain.model import SETUP_KINDS
from mindlog.domain.practices import Marked, gather, mark_key, may_be_since
from mindlog.domain.query import Filter

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from mindlog.cache.key import Stamp
    from mindlog.cache.view import Tally
    from mindlog.domain.model import Entry, Fields
    from mindlog.domain.streaks import PracticeDays
    from mindlog.store.paths import Locations

NAME = cachedb.FRONT_NAME
FORMAT = 2
MARGIN = 45  # days the front stays usable after it was made (then it is made again)
RECENT_ENTRIES = 60  # days of entries the screens read (streaks' chart: 43; a month ago today)
YEAR = 366  # and the days about a year before (a year ago today)
KEPT = (*SETUP_KINDS, "rest", "setback")  # kinds kept whole: of_kind of them is answered here
# Kinds whose new entries the front cannot take in by itself (they change what it keeps whole,
# the statement or the marks of practices): the whole cache is opened and the front made again.
NOT_TAKEN = frozenset((*KEPT, "commitment", "practice"))

FIGURES = ("front", "first_before", "shown_before", "last_before", "wins_before", "statement",
           "empty")  # fmt: skip
EXTRA = "CREATE TABLE marks(rest TEXT, days TEXT NOT NULL);"
# The whole cache's indexes that the front's questions and its catch-up use (fewer bytes to open).
INDEXES = "\n".join(
    line
    for line in cachedb.INDEXES.splitlines()
    if any(f" {name} ON" in line for name in ("entries_order", "entries_kind", "entries_id"))
)


def _guess_today() -> date:
    """About today (the day the person is in may start later: the window has a margin)."""
    from mindlog.domain.days import now

    return now().date()


# -- made from the whole cache -------------------------------------------------------------------


def build(whole: sqlite3.Connection, today: date | None = None) -> sqlite3.Connection:
    """A new front (in memory) of the whole cache ``whole``, usable for ``MARGIN`` days."""
    today = today or _guess_today()
    number = today.toordinal()
    daysno = number - RECENT_DAYS - MARGIN  # the days table from here
    cutno = number - RECENT_ENTRIES - MARGIN  # every entry from here
    cut = date.fromordinal(cutno).isoformat()
    # and every entry of the days about a year before (both ways: the clock may go back)
    year = [
        date.fromordinal(n).isoformat() for n in (number - YEAR - MARGIN, number - YEAR + MARGIN)
    ]
    view = Cached.__new__(Cached)  # its questions, without closing ``whole`` when it goes
    view.db = whole
    statement = Cached.statement(view)
    front = cachedb.connect(":memory:")
    try:
        front.execute("PRAGMA journal_mode=OFF")
        front.executescript(cachedb.SCHEMA + EXTRA)
        kept = ",".join("?" * len(KEPT))
        entries = whole.execute(
            "SELECT * FROM entries WHERE live = 1 AND (day >= ? OR dayno >= ?"
            f" OR day BETWEEN ? AND ? OR kind IN ({kept}) OR id = ?)",
            (cut, cutno, *year, *KEPT, statement.id if statement else None),
        ).fetchall()
        front.executemany(f"INSERT INTO entries VALUES ({','.join('?' * 13)})", entries)
        for table, where in (("days", " WHERE dayno >= ?"), ("runs", ""), ("files", "")):
            found = whole.execute(f"SELECT * FROM {table}{where}", (daysno,) if where else ())
            found_rows = found.fetchall()
            if found_rows:
                marks = ",".join("?" * len(found_rows[0]))
                front.executemany(f"INSERT INTO {table} VALUES ({marks})", found_rows)
        front.executemany(
            "INSERT INTO marks VALUES (?, ?)",
            whole.execute(
                "SELECT rest, json_group_array(day) FROM entries INDEXED BY entries_marks"
                " WHERE live = 1 AND kind = 'practice' GROUP BY rest"
            ),
        )
        front.executemany("INSERT INTO meta VALUES (?, ?)", whole.execute("SELECT k, v FROM meta"))
        first, shown, last = whole.execute(
            "SELECT MIN(dayno), COUNT(*), MAX(dayno) FROM days WHERE shown = 1 AND dayno < ?",
            (daysno,),
        ).fetchone()
        (wins,) = whole.execute(
            "SELECT COUNT(*) FROM entries WHERE live = 1 AND kind = 'win' AND day < ?", (cut,)
        ).fetchone()
        figures = {
            "front": [FORMAT, cut, cutno, daysno, *year],
            "first_before": first,
            "shown_before": shown,
            "last_before": last,
            "wins_before": wins,
            "statement": statement.id if statement else None,
            "empty": Cached.empty(view),
            "next_seq": rows.next_seq(whole),
        }
        for k, v in figures.items():
            rows.set_meta(front, k, v)
        front.executescript(INDEXES)
    except BaseException:
        front.close()
        raise
    return front


def save(where: Locations, front: sqlite3.Connection) -> None:
    """Seal ``front`` for the journal's key and write it (replaced whole; a cache: not synced)."""
    from mindlog.store import keys
    from mindlog.store.paths import atomic_write, ensure_dir

    ensure_dir(where.state)
    sealed = keys.seal_blob(where, front.serialize())
    atomic_write(where.state / NAME, sealed, follow_links=False, durable=False)


def remake(where: Locations, whole: sqlite3.Connection) -> None:
    """Make the front again from ``whole`` (in step with the files) and keep it; a front that
    cannot be made or kept is removed (the whole cache answers until the next try)."""
    try:
        front = build(whole)
        try:
            save(where, front)
        finally:
            front.close()
    except Exception:  # noqa: BLE001 - only a cache: the whole one still answers
        drop(where)


def drop(where: Locations) -> None:
    with contextlib.suppress(OSError):
        (where.state / NAME).unlink()


# -- opened first --------------------------------------------------------------------------------


def open_front(
    where: Locations, now: dict[str, Stamp], whole: Callable[[], Cached]
) -> Front | None:
    """The front, in step with the journal files ``now`` (caught up first when it can be);
    None when there is none or it cannot answer (then the whole cache is opened, and the front
    made again from it). Raises keys.LockedError while the journal is locked."""
    db = cachedb.open_sealed(where, NAME, drop)
    if db is None:
        return None
    try:
        found = rows.meta(db, "front")
        (form,) = db.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()
        if not isinstance(found, list) or found[0] != FORMAT or form != cachedb.FORMAT:
            db.close()
            drop(where)
            return None
        if _guess_today().toordinal() - RECENT_DAYS - MARGIN // 3 < found[3]:
            db.close()
            return None  # its days nearly too few for today: made again from the whole cache
        caught = catch_up(db, where, now)
        if caught is None:
            db.close()
            return None
        if caught:
            save(where, db)
        return Front(db, whole)
    except (sqlite3.Error, OSError, ValueError, KeyError, TypeError, IndexError):
        db.close()
        drop(where)
        return None


def _own_file(where: Locations, names: Iterable[str]) -> str:
    from mindlog.store.eventlog import SUFFIX
    from mindlog.store.identity import device_name

    return device_name(where, lambda: list(names)) + SUFFIX


def catch_up(db: sqlite3.Connection, where: Locations, now: dict[str, Stamp]) -> bool | None:
    """Bring the front up to the files ``now``: False when it already was, True when new lines
    were applied, None when it cannot be done here (the whole cache must be opened)."""
    from mindlog.cache.catchup import FILES, Stale, _check_alone
    from mindlog.cache.reader import mark_of, read_part
    from mindlog.domain.model import Entry
    from mindlog.store.eventlog import FAR_CLOCK

    known = {row[0]: row for row in db.execute(FILES)}
    if set(known) != set(now):
        return None
    changed = [
        name
        for name, stamp in now.items()
        if tuple(known[name][1:4]) != (stamp.size, stamp.mtime_ns, stamp.inode)
    ]
    if not changed:
        return False
    if len(changed) > 1:
        return None
    name = changed[0]
    _, size, _, _, end, lines, tail, mark = known[name]
    path = where.journal / name
    if tail != 0 or now[name].size < size or mark_of(path, end) != mark:
        return None
    if name != _own_file(where, now):
        return None  # another device's lines: only the whole cache knows them all
    part = read_part(path, end, lines)
    if part.problems or part.newer or part.tail:
        return None
    _, cut, cutno, *_ = rows.meta(db, "front")
    clock = int(rows.meta(db, "clock") or 0)
    events = sorted(part.events, key=rows.order)
    if len({e.get("eid") for e in events}) < len(events):
        return None
    seq = max(rows.next_seq(db), int(rows.meta(db, "next_seq") or 0))
    last_add = tuple(rows.meta(db, "last_add") or (0, "", 0, ""))
    touched: set[int] = set()
    db.execute("BEGIN")
    try:
        for event in events:
            t = event.get("t", 0)
            if event.get("op") != "add" or type(t) is not int or not clock < t <= FAR_CLOCK:
                raise Stale("not a new entry written after every line read")
            entry = Entry.from_json(event["entry"])
            entry.written = t
            number = rows.dayno(entry.day)
            if (
                entry.kind in NOT_TAKEN
                or entry.day < cut
                or (number is not None and number < cutno)
            ):
                raise Stale("an entry the front does not hold whole")
            if db.execute("SELECT 1 FROM entries WHERE id = ?", (entry.id,)).fetchone():
                raise Stale("an entry seen before")
            _check_alone(db, entry, rows.order(event) < last_add)
            rows.put(db, entry, True, seq)
            seq += 1
            last_add = max(rows.order(event), last_add)
            clock = t
            touched.add(number or 0)
        rows.redo_days(db, touched - {0})
        problems, newer = db.execute(
            "SELECT problems, newer FROM files WHERE name = ?", (name,)
        ).fetchone()
        file_row = rows.file_row(name, part, problems, bool(newer), 0)
        db.execute("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?,?)", file_row)
        if events:
            rows.set_meta(db, "last_add", list(last_add))
            rows.set_meta(db, "clock", clock)
            rows.set_meta(db, "empty", False)
        rows.set_meta(db, "next_seq", seq)
    except (Stale, ValueError, KeyError, TypeError):
        db.execute("ROLLBACK")
        return None
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return True


# -- its answers ---------------------------------------------------------------------------------


class Front(Cached):
    """The questions of ``Cached``, answered by the front when the answer lies wholly within it,
    else by the whole cache (opened the first time it is needed). Every question of ``Cached``
    is named here (a test checks): none is left to run on the front unchecked."""

    def __init__(self, db: sqlite3.Connection, whole: Callable[[], Cached]) -> None:
        super().__init__(db)
        self._open_whole = whole
        self._whole: Cached | None = None
        self._figures = {k: rows.meta(db, k) for k in FIGURES}
        _, cut, cutno, daysno, *year = self._figures["front"]
        self.cut, self.cutno = str(cut), int(cutno)  # every entry from this day (and number) on
        self.daysno = int(daysno)  # the days table from this day's number on
        self.year = (str(year[0]), str(year[1]))  # and the entries of these days, about a year ago

    def whole(self) -> Cached:
        if self._whole is None:
            self._whole = self._open_whole()
        return self._whole

    def _holds(self, day: date) -> bool:
        """Whether the front holds every entry from ``day`` on."""
        return day.isoformat() >= self.cut and day.toordinal() >= self.cutno

    def _holds_day(self, day: date) -> bool:
        """Whether the front holds every entry of ``day``."""
        return self._holds(day) or self.year[0] <= day.isoformat() <= self.year[1]

    # Asked of the whole cache: every entry, the removed ones, an id, an export, a search.
    @property
    def entries(self) -> list[Entry]:
        return self.whole().entries

    @property
    def removed(self) -> list[Entry]:
        return self.whole().removed

    @property
    def history(self) -> dict[str, list[dict[str, Any]]]:
        return self.whole().history

    def find(self, id_or_prefix: str) -> list[Entry]:
        return self.whole().find(id_or_prefix)

    def known(self, ids: Iterable[str]) -> dict[str, str]:
        return self.whole().known(ids)

    def select_json(
        self, wanted: Filter, last: int | None = None, removed: bool = False, indent: str = ""
    ) -> list[str] | None:
        return self.whole().select_json(wanted, last, removed, indent)

    def stream(self, wanted: Filter, kind: str | None = None) -> Iterator[Entry]:
        return self.whole().stream(wanted, kind)

    def stream_fields(self, wanted: Filter, kind: str | None = None) -> Iterator[Fields]:
        return self.whole().stream_fields(wanted, kind)

    def stream_json(self, wanted: Filter, indent: str = "") -> Iterator[str] | None:
        return self.whole().stream_json(wanted, indent)

    def tally(self, wanted: Filter) -> Tally:
        return self.whole().tally(wanted)

    # Answered here when the answer lies within the front.
    def few_pages(self) -> None:
        """Nothing to do: the front is in memory, and it is small."""

    def empty(self) -> bool:
        return bool(self._figures["empty"])

    def of_kind(self, *kinds: str) -> list[Entry]:
        if set(kinds) <= set(KEPT):
            return super().of_kind(*kinds)
        return self.whole().of_kind(*kinds)

    def on(self, day: date, *kinds: str) -> list[Entry]:
        if self._holds_day(day):
            return super().on(day, *kinds)
        return self.whole().on(day, *kinds)

    def statement(self) -> Entry | None:
        chosen = self._figures["statement"]
        if chosen is None:
            return None
        return self._query("live = 1 AND id = ?", (chosen,))[0]

    def morning(self, day: date) -> Entry | None:
        found = self.on(day, "morning")
        return found[-1] if found else None

    resurface = Cached.resurface  # by looking_back, below

    def looking_back(self, today: date, before: date) -> list[tuple[str, Entry]]:
        """As ``Cached.looking_back``: the wins of a week, a month or a year ago (asked of
        ``on``: here, or of the whole cache for a day before the front's), else one earlier win
        chosen for the day: here when it is one of the front's (the wins before it only counted
        in its figures), else from the whole cache."""
        if not (self._holds(before) and self._holds(today)):
            return self.whole().looking_back(today, before)
        return super().looking_back(today, before)

    def _any_win_before(self, iso: str) -> bool:
        return self._wins_before(iso) > 0

    def _wins_before(self, iso: str) -> int:
        (count,) = self.db.execute(
            "SELECT COUNT(*) FROM entries WHERE live = 1 AND kind = 'win' AND day >= ? AND day < ?",
            (self.cut, iso),
        ).fetchone()
        return int(count) + int(self._figures["wins_before"])

    def _win_at(self, iso: str, place: int) -> Entry:
        """Among the wins in the journal's order, the front holds the last: an earlier one is
        the whole cache's."""
        earlier = int(self._figures["wins_before"])
        if place < earlier:
            return self.whole()._win_at(iso, place)
        return self._query(
            "live = 1 AND kind = 'win' AND day >= ? AND day < ?",
            (self.cut, iso),
            f" ORDER BY day, at_us, seq LIMIT 1 OFFSET {place - earlier}",
        )[0]

    def first_day(self) -> date | None:
        first = self._figures["first_before"]
        if first is None:
            (first,) = self.db.execute("SELECT MIN(dayno) FROM days WHERE shown = 1").fetchone()
        return None if first is None else date.fromordinal(first)

    def practice_days(self, today: date) -> PracticeDays:
        end = today.toordinal()
        if end - RECENT_DAYS < self.daysno:
            return self.whole().practice_days(today)
        days = super().practice_days(today)  # the days before the front's: in its figures
        before = int(self._figures["shown_before"])
        every, until = days.counts or (0, 0)
        days.counts = (every + before, until + before)
        if days.last_active is None and self._figures["last_before"] is not None:
            days.last_active = date.fromordinal(self._figures["last_before"])
        return days

    def practice_marks(self, since: date | None = None, on: date | None = None) -> list[Marked]:
        """Every day of practices of one's own is here (``marks``), kept as Cached groups them;
        ``since`` and ``on`` keep the days Cached.practice_marks keeps."""
        start = None if since is None else since.isoformat()
        number = None if on is None else on.toordinal()

        def kept(day: str) -> bool:
            if start is not None and not may_be_since(day, start):
                return False
            return number is None or rows.dayno(day) == number

        found = []
        for rest, days in self.db.execute("SELECT rest, days FROM marks"):
            chosen = [day for day in json.loads(days) if kept(day)]
            if chosen:
                found.append((mark_key(json.loads("{" + rest[1:] + "}") if rest else {}), chosen))
        return gather(found)

    def since(self, day: date, *kinds: str) -> list[Entry]:
        if self._holds(day):
            return super().since(day, *kinds)
        return self.whole().since(day, *kinds)

    def select(self, wanted: Filter, last: int | None = None, removed: bool = False) -> list[Entry]:
        """The last ``last`` entries are the front's when it holds that many of them."""
        if removed or last is None or wanted.search:
            return self.whole().select(wanted, last, removed)
        since = date.fromisoformat(self.cut)
        within = wanted.since is not None and self._holds(wanted.since)
        narrowed = Filter(
            since=wanted.since if within else since,
            until=wanted.until,
            kinds=wanted.kinds,
            tags=wanted.tags,
            search=wanted.search,
            everything=wanted.everything,
        )
        found = super().select(narrowed, last, removed)
        if len(found) == last or within:
            return found
        return self.whole().select(wanted, last, removed)
