"""Reading every line of every device file once, for building the cache whole (cache.build).

Each line is parsed once (as ``Store.read`` checks it), each added entry made once
(``Entry.from_json``, as journal.replay makes it) and staged as the row it will be
(``stage.adds``); its day's practices are worked out a few thousand entries at a time
(rows.day_rows, merged by rows.merge_days). The other lines are gathered (``Reading``).

A long journal is read in two halves at once, by this process and a second one (``fork``) on a
machine with two processors or more: the second half's rows are staged in a file of their own
and copied in after the first half's, so the rows, the changes and the days are those of one
reading in order. Whatever the second process cannot do exactly as one reading would (a line
that is in both halves, a file that changed under it, an error, a sealed line) is thrown away
and that half read again here, in order. Nothing of it is ever half used: the second process
only writes its own file, and its answer is taken whole or not at all.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sqlite3
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from mindlog.cache import rows
from mindlog.cache.key import Stamp
from mindlog.cache.reader import Part, read_part
from mindlog.domain.journal import event_order
from mindlog.domain.model import Entry
from mindlog.domain.query import searchable
from mindlog.store.eventlog import FAR_CLOCK
from mindlog.store.paths import FILE_MODE, Locations

STAGE = """
CREATE TABLE stage.adds(
    id TEXT NOT NULL,
    late INTEGER NOT NULL DEFAULT 0,  -- 1: placed after every added entry (restored by the replay)
    t, file TEXT, line INTEGER,       -- the place of its add (journal.event_order); late: its rank
    day TEXT NOT NULL, dayno INTEGER, at_us INTEGER NOT NULL,
    written,                          -- Entry.written; NULL: t (an entry read from its add line)
    moved INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL, at TEXT NOT NULL, text TEXT, tags TEXT NOT NULL, rest TEXT NOT NULL,
    words TEXT NOT NULL,
    eid TEXT                          -- its add line's id; NULL: an entry the replay gave
);
CREATE TABLE stage.named(id TEXT PRIMARY KEY) WITHOUT ROWID;  -- entries a change names
"""

READ_ROW = (  # an entry as it was added, read from its line (the other columns: their defaults)
    "INSERT INTO stage.adds(id, t, file, line, day, dayno, at_us, kind, at, text, tags, rest,"
    " words, eid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)

DAYS_AT_ONCE = 20_000  # entries kept at a time to work out their days' practices
HALVES = 2 * 1024 * 1024  # bytes of journal from which it is read in two halves at once


@dataclass
class Reading:
    """What reading every line gathers beside the staged entries."""

    files: list[tuple[Any, ...]] = field(default_factory=list)  # a row for each file
    changes: list[dict[str, Any]] = field(default_factory=list)  # every event but the adds
    unusable: list[dict[str, Any]] = field(default_factory=list)  # adds of invalid entries
    last_add: tuple[int, str, int, str] | None = None
    clock: int = 0
    twice: set[str] = field(default_factory=set)  # ids added by more than one line
    in_order: bool = True  # the rows were staged in journal.replay's order (see build.fill)
    days: dict[int, tuple[Any, ...]] = field(default_factory=dict)  # the days of the staged rows
    # Beside the rows: the lines' ids, the entries' ids, the places of the first and last row
    # staged, and the rows in ``lines`` of the lines that are not an add staged.
    seen: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    first: tuple[Any, ...] | None = None
    last: tuple[Any, ...] = ("",)
    places: list[tuple[Any, ...]] = field(default_factory=list)


Segment = tuple[str, int, int | None]  # a file's name, and the bytes read of it: [start, stop)


class Reader:
    """Reads segments of device files into ``db``'s stage.adds and a ``Reading``."""

    def __init__(self, db: sqlite3.Connection, files: dict[str, int], tell: Callable[[int], None]):
        self.db = db
        self.found = Reading()
        self.tell = tell
        # A file whose first half is read: its problems, newer, lines and inode so far.
        self.partial: dict[str, tuple[int, bool, int, int]] = {}
        self.unread: set[str] = set()  # files that could not be read (an error)
        self.take = self._taker(files)

    def _taker(self, files: dict[str, int]) -> Callable[[dict[str, Any]], None]:
        db, found = self.db, self.found
        seen, ids, places = found.seen, found.ids, found.places
        waiting: list[tuple[Any, ...]] = []
        chunk: list[Entry] = []  # entries whose days are still to be worked out
        self.waiting, self.chunk = waiting, chunk
        from_json = Entry.from_json
        dayno, moment, columns = rows.dayno, rows.moment, rows.columns

        def take(event: dict[str, Any]) -> None:
            eid = event["eid"]
            if eid in seen:  # a line met twice: a row in ``lines`` for each place
                places.append(rows.line_row(event, files[event["_file"]]))
                return
            seen.add(eid)
            key = event_order(event)
            clock = key[0]
            if found.clock < clock <= FAR_CLOCK:  # as Store.read: a clock far ahead is not followed
                found.clock = clock
            if event.get("op") != "add":
                found.changes.append(event)
                places.append(rows.line_row(event, files[event["_file"]]))
                return
            last_add = found.last_add
            if last_add is None or key > last_add:
                found.last_add = key
            try:
                entry = from_json(event["entry"])  # as journal.replay makes it
            except ValueError:
                found.unusable.append(event)
                places.append(rows.line_row(event, files[event["_file"]], bad=True))
                return
            entry.written = clock
            entry_id, day = entry.id, entry.day
            at_us = moment(entry.at)
            # Its line's row in ``lines`` is made from this one once every line is read.
            waiting.append((entry_id, clock, key[1], key[2], day, dayno(day), at_us, entry.kind,
                            *columns(entry), searchable(entry), eid))  # fmt: skip
            if entry_id in ids:
                found.twice.add(entry_id)
            ids.add(entry_id)
            if found.in_order:
                place = (day, at_us, 0, clock, key[1], key[2])  # build.PLACE
                if place < found.last:
                    found.in_order = False
                elif found.first is None:
                    found.first = place
                found.last = place
            if len(waiting) >= 1000:
                db.executemany(READ_ROW, waiting)
                waiting.clear()
            chunk.append(entry)
            if len(chunk) >= DAYS_AT_ONCE:
                rows.merge_days(found.days, rows.day_rows(chunk))
                chunk.clear()

        return take

    def read(self, where: Locations, segment: Segment, lines_before: int = 0) -> Part | None:
        """Read one segment; at the end of its file, its row (None: it could not be read)."""
        name, start, stop = segment
        if name in self.unread:
            return None  # its first half could not be read: neither is its second
        try:
            part = read_part(where.journal / name, start, lines_before, self.take, self.tell, stop)
        except OSError:
            self.partial.pop(name, None)
            self.unread.add(name)
            return None  # the cache holds none of it, and is not in step: read again later
        problems, newer, _, _ = self.partial.pop(name, (0, False, 0, 0))
        problems, newer = problems + len(part.problems), newer or part.newer
        if stop is not None:  # the first half of a file: its second comes
            self.partial[name] = (problems, newer, part.lines, part.inode)
            return part
        tail: list[dict[str, Any]] = []
        state = rows.tail(part, name, tail)
        for event in tail:
            self.take(event)
        self.found.files.append(rows.file_row(name, part, problems, newer, state))
        return part

    def finish(self) -> Reading:
        """The rows still waiting staged; every day worked out."""
        self.db.executemany(READ_ROW, self.waiting)
        self.waiting.clear()
        rows.merge_days(self.found.days, rows.day_rows(self.chunk))
        self.chunk.clear()
        return self.found


def read_all(
    db: sqlite3.Connection,
    where: Locations,
    now: dict[str, Stamp],
    advance: Callable[[int], None] = lambda n: None,
    stage: Path | None = None,
) -> Reading:
    """Every event of every device file, once each, as ``Store.read`` gives them (conflicted
    copies last, so a line met twice is credited to the device file that holds it): each added
    entry staged as a row (stage.adds) and counted in its day (``Reading.days``), the rest
    gathered. ``stage``: the stage's file (None: in memory, and read in one process)."""
    names = set(now)
    copies = rows.conflicts(names)
    order = sorted(names, key=lambda n: (n in copies, n))
    files: dict[str, int] = {}
    for name in order:  # numbered in the order read (names, lines.file)
        rows.number(db, files, name)
    total = sum(now[name].size for name in order) or 1
    done = [0, 0]  # bytes read, steps told

    def tell(count: int) -> None:
        done[0] += count * scale[0]
        steps = min(60, 60 * done[0] // total)
        if steps > done[1]:
            advance(steps - done[1])
            done[1] = steps

    scale = [1]
    reader = Reader(db, files, tell)
    first, second = order_of(order), list[Segment]()
    other = None
    if stage is not None:  # on the disk (a sealed journal's cache is read in one process)
        first, second = halves(where, order, now)
        other = _Other.start(where, files, second, stage) if second else None
    if other is not None:
        scale[0] = 2  # this half tells the progress of both
    try:
        for segment in first:
            reader.read(where, segment)
        if other is not None:
            second = other.join(reader)
    finally:
        if other is not None:
            other.end()
    scale[0] = 1
    for segment in second:  # one process, or what the other could not read exactly
        before = reader.partial.get(segment[0], (0, False, 0, 0))[2] if segment[1] else 0
        reader.read(where, segment, before)
    found = reader.finish()
    db.executemany(rows.LINE_ROW, found.places)
    # The lines of the entries staged: an add of the entry it names (file numbered in names).
    db.execute(
        "INSERT INTO lines SELECT eid, names.file, line, 'add', id, NULL"
        " FROM stage.adds JOIN names ON names.name = adds.file"
    )
    found.seen, found.ids, found.places = set(), set(), []  # not kept while the rest is built
    return found


def order_of(names: list[str]) -> list[Segment]:
    return [(name, 0, None) for name in names]


def halves(
    where: Locations, order: list[str], now: dict[str, Stamp]
) -> tuple[list[Segment], list[Segment]]:
    """The files read in two halves of about the same bytes (a file cut after a line); the
    second is empty when the journal is short or this machine has one processor."""
    whole = order_of(order)
    total = sum(now[name].size for name in order)
    if total < HALVES or not _can_fork():
        return whole, []
    middle, before = total // 2, 0
    for n, name in enumerate(order):
        size = now[name].size
        if before + size > middle:
            cut = _line_end(where.journal / name, middle - before)
            if cut is None or cut >= size:
                return whole[: n + 1], whole[n + 1 :]
            if cut == 0:
                return whole[:n], whole[n:]
            return [*whole[:n], (name, 0, cut)], [(name, cut, None), *whole[n + 1 :]]
        before += size
    return whole, []


def _can_fork() -> bool:
    """Linux, two processors or more for this process, and no other thread (a second process
    made by fork holds a copy of this one: only then is that safe, whatever the threads held)."""
    if sys.platform != "linux":
        return False
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except OSError:
        return False


def _line_end(path: Path, offset: int) -> int | None:
    """The offset just after the first newline at or after ``offset`` in ``path``."""
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            at = offset
            while block := handle.read(1 << 16):
                found = block.find(b"\n")
                if found >= 0:
                    return at + found + 1
                at += len(block)
    except OSError:
        return None
    return None


class _Other:
    """The second process: it reads the second half into a stage file of its own."""

    def __init__(self, pid: int, answer: int, stage: Path, second: list[Segment]) -> None:
        self.pid, self.answer, self.stage, self.second = pid, answer, stage, second

    @classmethod
    def start(
        cls, where: Locations, files: dict[str, int], second: list[Segment], stage: Path
    ) -> _Other | None:
        half = stage.with_name(stage.name[: -len(".tmp")] + ".half.tmp")
        try:
            os.close(os.open(half, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
            answer, told = os.pipe()
        except OSError:
            half.unlink(missing_ok=True)
            return None
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            with warnings.catch_warnings():  # Python 3.12 warns of fork beside threads: none here
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
        except OSError:
            os.close(answer)
            os.close(told)
            half.unlink(missing_ok=True)
            return None
        if pid == 0:  # the second process: never returns
            os.close(answer)
            _second_half(where, files, second, half, told)
        os.close(told)
        return cls(pid, answer, half, second)

    def join(self, reader: Reader) -> list[Segment]:
        """Take in the second half (then nothing is left to read), or leave it to be read here."""
        with os.fdopen(self.answer, "rb") as answer:
            self.answer = -1
            data = answer.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if status != 0 or not data:
            return self.second
        theirs, lines_before = pickle.loads(data)
        ours: Reading = reader.found
        if ours.seen & theirs.seen:
            return self.second  # a line in both halves: counted once, where it is read first
        name, start, _ = self.second[0]
        whole: tuple[Any, ...] | None = None  # the row of a file cut in two, of both halves
        if start:
            if name not in reader.partial:
                return self.second  # its first half could not be read: as in one reading
            problems, newer, lines, inode = reader.partial[name]
            row = next((r for r in theirs.files if r[0] == name), None)
            if row is None or lines != lines_before or row[3] != inode:
                return self.second  # changed between the two readings: read here, in one
            whole = (*row[:6], row[6] + problems, int(newer or row[7]), *row[8:])
        reader.finish()  # this half's rows staged first: the second's follow in their order
        if not self._copy(reader.db):
            return self.second
        if whole is not None:
            del reader.partial[name]
            theirs.files = [r for r in theirs.files if r[0] != name] + [whole]
        _merge(ours, theirs)
        return []

    def _copy(self, db: sqlite3.Connection) -> bool:
        """The second half's rows staged after the first's; False when its file cannot be read
        (another mindlog removed it, say: ``cache.drop``), and then none of them is."""
        (count,) = db.execute("SELECT COUNT(*) FROM stage.adds").fetchone()
        going = db.in_transaction
        if going:
            db.execute("COMMIT")  # no ATTACH within a transaction (the file is new: no matter)
        try:
            db.execute("ATTACH ? AS half", (str(self.stage),))
            try:
                db.execute("INSERT INTO stage.adds SELECT * FROM half.adds ORDER BY rowid")
            finally:
                db.execute("DETACH half")
        except sqlite3.Error:
            db.execute("DELETE FROM stage.adds WHERE rowid > ?", (count,))
            return False
        finally:
            if going:
                db.execute("BEGIN")
        return True

    def end(self) -> None:
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self.pid, 0)
        if self.answer >= 0:
            os.close(self.answer)
        self.stage.unlink(missing_ok=True)


def _merge(ours: Reading, theirs: Reading) -> None:
    """``ours`` as if one reading had gone on through ``theirs`` (read after it)."""
    ours.files.extend(theirs.files)
    ours.changes.extend(theirs.changes)
    ours.unusable.extend(theirs.unusable)
    if ours.last_add is None or (theirs.last_add is not None and theirs.last_add > ours.last_add):
        ours.last_add = theirs.last_add
    ours.clock = max(ours.clock, theirs.clock)
    ours.twice |= theirs.twice | (ours.ids & theirs.ids)
    ours.in_order = (
        ours.in_order and theirs.in_order and (theirs.first is None or theirs.first >= ours.last)
    )
    if theirs.first is not None:
        ours.last = theirs.last
    rows.merge_days(ours.days, list(theirs.days.values()))
    ours.seen |= theirs.seen
    ours.ids |= theirs.ids
    ours.places.extend(theirs.places)


def _second_half(
    where: Locations, files: dict[str, int], second: list[Segment], half: Path, told: int
) -> NoReturn:
    """The second process's work (see the module): its answer on ``told``, then it ends."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: it simply ends
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # it says nothing, and holds no pipe a shell waits on
            os.dup2(quiet, fd)
        from mindlog.store.lines import never_asking

        db = sqlite3.connect(":memory:", isolation_level=None)
        db.execute("ATTACH ? AS stage", (str(half),))
        db.execute("PRAGMA stage.journal_mode=OFF")
        db.execute("PRAGMA stage.synchronous=OFF")
        db.execute("PRAGMA stage.cache_size=-32768")
        db.executescript(STAGE)
        db.execute("BEGIN")
        reader = Reader(db, files, lambda n: None)
        name, start, _ = second[0]
        before = _lines_before(where.journal / name, start)
        with never_asking():  # a sealed line needing the key: left to the first process
            for n, segment in enumerate(second):
                if reader.read(where, segment, before if n == 0 else 0) is None:
                    raise OSError(segment[0])  # not read: left to the first process
        found = reader.finish()
        db.execute("COMMIT")
        db.close()
        data = pickle.dumps((found, before), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(told, "wb") as out:
            out.write(data)
        code = 0
    except BaseException:  # noqa: BLE001 - the first process reads this half itself
        code = 1
    finally:
        os._exit(code)


def _lines_before(path: Path, offset: int) -> int:
    """The lines (newlines) in the first ``offset`` bytes of ``path``."""
    if not offset:
        return 0
    count = 0
    with open(path, "rb") as handle:
        left = offset
        while left and (block := handle.read(min(left, 1 << 20))):
            count += block.count(b"\n")
            left -= len(block)
    return count
