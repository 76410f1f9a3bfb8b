"""A small summary of the journal: what the login greeting needs, without reading the whole journal.

The summary holds the first line of the commitment statement, the days each practice was done,
the rest days and the first day of use (old days as compact ranges of day numbers, the last two
weeks as individual entries so that an edit or a deletion there can be applied exactly), and a few
wins to resurface. It lives in the state folder as ``summary.json`` and is only ever a cache: the
journal files stay the truth.

Freshness: the summary is keyed by the journal files' (name, size, mtime_ns) and the
``day_starts_at`` setting. A reader whose key does not match rebuilds it by a full read (and saves
it); that happens after another device's file changed through sync, after ``doctor --repair``, or
when the file is missing or damaged. A write through ``updating`` applies its events to a summary
that was fresh just before the append, when it can do that exactly, and saves it under the new key;
anything it cannot apply exactly (an edit of an old entry, a deletion of the statement, another
process appending at the same moment) just leaves the summary stale, to be rebuilt by the next
reader.

The file is replaced atomically (a temporary file, then a rename) but not fsynced: after a crash it
can be stale or unreadable, and then it is rebuilt. It holds a few lines of the person's own text,
so it is kept 0600 in the 0700 state folder, like the journal itself. This module never prints.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mindlog.errors import MindlogError

if TYPE_CHECKING:
    from mindlog.journal import Journal
    from mindlog.paths import Locations
    from mindlog.store import Store
    from mindlog.streaks import PracticeDays

PRACTICES = ("morning", "wins", "commitment")  # as mindlog.streaks.PRACTICES (a test checks): the
# write path imports this module, and need not pay for the streak engine

FORMAT = 2
FILE_NAME = "summary.json"
SUFFIX = ".jsonl"  # the journal's device files; tests check this agrees with mindlog.store
RECENT_DAYS = 14  # entries of the last two weeks are kept one by one
FOLD_AFTER = 400  # when more recent entries than this pile up, older ones are folded into ranges
CANDIDATES = 24  # wins kept to resurface: a stable random sample of all wins
TEXT_KEEP = 300  # characters of a text kept for a one-line view
_PRACTICE_OF = {"win": "wins", "commitment": "commitment", "reaffirm": "commitment"}


class Stale(Exception):
    """Events that cannot be applied exactly: the summary must be rebuilt from the journal."""


# -- the key -------------------------------------------------------------------------------------


def journal_key(folder: Path, day_start: str) -> dict[str, Any]:
    """What the summary depends on: each device file's (name, size, mtime_ns), and the day start."""
    files: list[list[Any]] = []
    try:
        entries = os.scandir(folder)
    except FileNotFoundError:
        entries = None
    if entries is not None:
        with entries:
            for item in entries:
                if item.name.endswith(SUFFIX) and item.is_file():
                    st = item.stat()
                    files.append([item.name, st.st_size, st.st_mtime_ns])
    files.sort()
    return {"day_start": day_start, "files": files}


# -- ranges of day numbers -----------------------------------------------------------------------


def to_ranges(days: Iterable[int]) -> list[list[int]]:
    """Sorted day numbers as ``[[first, last], ...]`` runs of consecutive days."""
    ranges: list[list[int]] = []
    for day in sorted(set(days)):
        if ranges and day == ranges[-1][1] + 1:
            ranges[-1][1] = day
        else:
            ranges.append([day, day])
    return ranges


def from_ranges(ranges: Iterable[list[int]]) -> set[int]:
    return {day for first, last in ranges for day in range(first, last + 1)}


def _ordinal(iso: Any) -> int | None:
    if not isinstance(iso, str):
        return None
    try:
        return date.fromisoformat(iso).toordinal()
    except ValueError:
        return None


def _instant(stamp: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return datetime.min.replace(tzinfo=timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _first_line(text: Any) -> str:
    if not isinstance(text, str):
        return ""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:TEXT_KEEP]
    return ""


def _rank(entry_id: str) -> list[Any]:
    return [zlib.crc32(entry_id.encode("utf-8", "replace")), entry_id]


def _morning_count(done: Any) -> int:
    return len(done) if isinstance(done, list) else 0


# -- the summary ---------------------------------------------------------------------------------


class Summary:
    """What the greeting needs to know about the journal; see the module's description."""

    def __init__(self) -> None:
        self.key: dict[str, Any] = {}
        self.problems = 0  # damaged lines in the journal
        self.newer = False  # some lines were written by a newer mindlog
        self.cutoff = 0  # entries on days from here on are kept one by one in ``recent``
        self.old: dict[str, list[list[int]]] = {p: [] for p in PRACTICES}
        self.old_rest: list[list[int]] = []
        self.old_first: int | None = None
        self.recent: dict[
            str, dict[str, Any]
        ] = {}  # id -> {"kind", "day", "n" (mornings: items done)}
        self.removed: list[str] = []  # recent ids that were deleted (an add of them is ignored)
        self.statement: dict[str, Any] | None = None  # {"id", "order": [day, t], "line"}
        self.candidates: dict[str, dict[str, Any]] = {}  # id -> {"day", "text", "rank"}

    # -- questions ---------------------------------------------------------------------------

    @property
    def empty(self) -> bool:
        return self.old_first is None and not self.recent

    def practice_days(self) -> PracticeDays:
        """The days of each practice, as ``streaks.practice_days`` finds them in the journal."""
        from mindlog.streaks import PracticeDays

        days = PracticeDays()
        day_of = date.fromordinal
        for practice in PRACTICES:
            days.done[practice] = {
                day_of(o) for a, b in self.old[practice] for o in range(a, b + 1)
            }
        days.rest = {day_of(o) for a, b in self.old_rest for o in range(a, b + 1)}
        first = self.old_first
        for record in self.recent.values():
            day = _ordinal(record.get("day"))
            if day is None:
                continue
            first = day if first is None or day < first else first
            kind = record.get("kind")
            if kind in _PRACTICE_OF:
                days.done[_PRACTICE_OF[kind]].add(day_of(day))
            elif kind == "rest":
                days.rest.add(day_of(day))
            elif kind == "morning" and record.get("n"):
                days.done["morning"].add(day_of(day))
        days.first = day_of(first) if first is not None else None
        return days

    def resurface(self, today: date) -> tuple[str, str] | None:
        """One earlier win (day, text) to look back on, the same all day."""
        earlier = sorted(
            (c["day"], c["text"], entry_id)
            for entry_id, c in self.candidates.items()
            if c["day"] < today.isoformat() and c["text"].strip()
        )
        if not earlier:
            return None
        day, text, _ = earlier[zlib.crc32(today.isoformat().encode()) % len(earlier)]
        return day, text

    def view(self) -> dict[str, Any]:
        """Everything the summary says, in a form two summaries can be compared by."""
        days = self.practice_days()
        return {
            "done": {p: sorted(days.done[p]) for p in PRACTICES},
            "rest": sorted(days.rest),
            "first": days.first,
            "statement": self.statement["line"] if self.statement else None,
            "candidates": sorted((k, c["day"], c["text"]) for k, c in self.candidates.items()),
            "problems": self.problems,
            "newer": self.newer,
        }

    # -- building ----------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        journal: Journal,
        key: dict[str, Any],
        today: date,
        problems: int = 0,
        newer: bool = False,
    ) -> Summary:
        """The summary of a whole journal (as ``journal.replay`` made it)."""
        summary = cls()
        summary.key = key
        summary.problems = problems
        summary.newer = newer
        summary.cutoff = (today - timedelta(days=RECENT_DAYS - 1)).toordinal()
        old: dict[str, set[int]] = {p: set() for p in PRACTICES}
        old_rest: set[int] = set()
        for entry in journal.entries:
            day = _ordinal(entry.day)
            if day is None or day >= summary.cutoff:
                summary.recent[entry.id] = _record(entry.kind, entry.day, entry.fields.get("done"))
                continue
            if summary.old_first is None or day < summary.old_first:
                summary.old_first = day
            if entry.kind in _PRACTICE_OF:
                old[_PRACTICE_OF[entry.kind]].add(day)
            elif entry.kind == "rest":
                old_rest.add(day)
            elif entry.kind == "morning" and _morning_count(entry.fields.get("done")):
                old["morning"].add(day)
        summary.old = {p: to_ranges(old[p]) for p in PRACTICES}
        summary.old_rest = to_ranges(old_rest)
        summary.removed = sorted(
            e.id for e in journal.removed if (_ordinal(e.day) or summary.cutoff) >= summary.cutoff
        )
        statement = journal.statement()
        if statement is not None:
            summary.statement = {
                "id": statement.id,
                "order": [statement.day, statement.written],
                "line": _first_line(statement.text),
            }
        wins = sorted((_rank(e.id), e) for e in journal.of_kind("win"))[:CANDIDATES]
        summary.candidates = {
            e.id: {"day": e.day, "text": _first_line(e.text), "rank": rank} for rank, e in wins
        }
        return summary

    def apply(self, events: Iterable[dict[str, Any]]) -> None:
        """Apply events just appended to the journal, as ``journal.replay`` would; raise Stale if
        that cannot be done exactly from what the summary keeps."""
        from mindlog.model import Entry

        for event in events:
            op = event.get("op")
            if op == "add":
                try:
                    entry = Entry.from_json(event.get("entry"))
                except ValueError:
                    continue  # replay skips it too
                if entry.id in self.recent or entry.id in self.removed:
                    continue
                day = _ordinal(entry.day)
                if day is None or day < self.cutoff:
                    raise Stale("an entry for an older day")  # it may be one seen before
                self.recent[entry.id] = _record(entry.kind, entry.day, entry.fields.get("done"))
                order = [entry.day, event.get("t", 0)]
                if entry.kind == "commitment" and (
                    self.statement is None or order >= self.statement["order"]
                ):
                    self.statement = {
                        "id": entry.id,
                        "order": order,
                        "line": _first_line(entry.text),
                    }
                if entry.kind == "win":
                    self._offer_candidate(entry.id, entry.day, entry.text)
            elif op == "update":
                entry_id = event.get("id")
                if entry_id in self.removed:
                    continue
                if entry_id not in self.recent:
                    raise Stale("a change to an older entry")
                if "tags_add" in event or "tags_remove" in event:
                    continue  # tags are not in the summary
                self._update(entry_id, event.get("set"))
            elif op == "delete":
                entry_id = event.get("id")
                if entry_id in self.removed:
                    continue
                if entry_id not in self.recent:
                    raise Stale("a deletion of an older entry")
                if entry_id in self.candidates or (
                    self.statement and self.statement["id"] == entry_id
                ):
                    raise Stale("a deletion the summary cannot follow")
                del self.recent[entry_id]
                self.removed.append(entry_id)
            else:
                raise Stale("an unknown kind of record")

    def _update(self, entry_id: str, changes: Any) -> None:
        if not isinstance(changes, dict):
            raise Stale("an update without values")
        changes = {k: v for k, v in changes.items() if k not in ("id", "kind")}
        valid = (
            all(isinstance(changes[k], str) and changes[k] for k in ("day", "at") if k in changes)
            and (
                "text" not in changes or changes["text"] is None or isinstance(changes["text"], str)
            )
            and (
                "tags" not in changes
                or (
                    isinstance(changes["tags"], list)
                    and all(isinstance(t, str) for t in changes["tags"])
                )
            )
        )
        if not valid:
            return  # replay keeps the entry as it was
        record = self.recent[entry_id]
        if record["kind"] == "commitment" and ("at" in changes or "day" in changes):
            raise Stale("a statement moved in time")
        if "day" in changes:
            record["day"] = changes["day"]
        if "done" in changes and record["kind"] == "morning":
            record["n"] = _morning_count(changes["done"])
        if self.statement and self.statement["id"] == entry_id and "text" in changes:
            self.statement["line"] = _first_line(changes["text"])
        if entry_id in self.candidates:
            candidate = self.candidates[entry_id]
            candidate["day"] = record["day"]
            if "text" in changes:
                candidate["text"] = _first_line(changes["text"])

    def _offer_candidate(self, entry_id: str, day: str, text: str | None) -> None:
        rank = _rank(entry_id)
        if len(self.candidates) >= CANDIDATES:
            worst = max(self.candidates, key=lambda k: self.candidates[k]["rank"])
            if rank >= self.candidates[worst]["rank"]:
                return
            del self.candidates[worst]
        self.candidates[entry_id] = {"day": day, "text": _first_line(text), "rank": rank}

    def fold(self, today: date) -> None:
        """Fold recent entries older than two weeks into the ranges, when many have piled up."""
        if len(self.recent) <= FOLD_AFTER:
            return
        cutoff = (today - timedelta(days=RECENT_DAYS - 1)).toordinal()
        if cutoff <= self.cutoff:
            return  # nothing has aged out since the last fold (many entries in two weeks)
        old = {p: from_ranges(self.old[p]) for p in PRACTICES}
        rest = from_ranges(self.old_rest)
        for entry_id, record in list(self.recent.items()):
            day = _ordinal(record.get("day"))
            if day is None or day >= cutoff:
                continue
            del self.recent[entry_id]
            self.old_first = day if self.old_first is None else min(self.old_first, day)
            kind = record.get("kind")
            if kind in _PRACTICE_OF:
                old[_PRACTICE_OF[kind]].add(day)
            elif kind == "rest":
                rest.add(day)
            elif kind == "morning" and record.get("n"):
                old["morning"].add(day)
        self.old = {p: to_ranges(old[p]) for p in PRACTICES}
        self.old_rest = to_ranges(rest)
        self.cutoff = max(self.cutoff, cutoff)

    # -- the file ----------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "summary": FORMAT,
            "key": self.key,
            "problems": self.problems,
            "newer": self.newer,
            "cutoff": self.cutoff,
            "old": self.old,
            "old_rest": self.old_rest,
            "old_first": self.old_first,
            "recent": self.recent,
            "removed": self.removed,
            "statement": self.statement,
            "candidates": self.candidates,
        }

    @classmethod
    def from_json(cls, data: Any) -> Summary:
        """Read a saved summary; raise ValueError when it is not one this version wrote."""
        try:
            if data.get("summary") != FORMAT:
                raise ValueError("another format")
            summary = cls()
            summary.key = dict(data["key"])
            summary.problems = int(data["problems"])
            summary.newer = bool(data["newer"])
            summary.cutoff = int(data["cutoff"])
            summary.old = {p: _ranges(data["old"][p]) for p in PRACTICES}
            summary.old_rest = _ranges(data["old_rest"])
            first = data["old_first"]
            summary.old_first = None if first is None else int(first)
            summary.recent = {str(k): dict(v) for k, v in data["recent"].items()}
            if not all(
                isinstance(r.get("kind"), str) and isinstance(r.get("day"), str)
                for r in summary.recent.values()
            ):
                raise ValueError("a damaged entry")
            summary.removed = [str(i) for i in data["removed"]]
            statement = data["statement"]
            if statement is not None:
                order = statement["order"]
                if not (isinstance(order, list) and len(order) == 2 and isinstance(order[1], int)):
                    raise ValueError("a statement without its order")
                summary.statement = {
                    "id": str(statement["id"]),
                    "order": [str(order[0]), order[1]],
                    "line": str(statement["line"]),
                }
            summary.candidates = {
                str(k): {"day": str(v["day"]), "text": str(v["text"]), "rank": list(v["rank"])}
                for k, v in data["candidates"].items()
            }
        except (AttributeError, KeyError, TypeError) as exc:
            raise ValueError("a damaged summary") from exc
        return summary


def _ranges(value: Any) -> list[list[int]]:
    return [[int(a), int(b)] for a, b in value]


def _record(kind: str, day: str, done: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"kind": kind, "day": day}
    if kind == "morning":
        record["n"] = _morning_count(done)
    return record


# -- on disk -------------------------------------------------------------------------------------


def path(where: Locations) -> Path:
    return where.state / FILE_NAME


def load(where: Locations) -> Summary | None:
    """The saved summary, or None when there is none or it cannot be used."""
    try:
        raw = path(where).read_bytes()
        if raw.startswith(b"age-encryption.org/"):  # an encrypted journal's (mindlog.keys)
            from mindlog import keys

            raw = keys.open_blob(where, raw) or b""
        return Summary.from_json(json.loads(raw))
    except (OSError, ValueError, RecursionError, MindlogError):
        return None


def save(where: Locations, summary: Summary) -> None:
    """Replace the saved summary atomically (0600); a cache, so not fsynced (see the module)."""
    from mindlog.paths import FILE_MODE, ensure_dir

    target = Path(os.path.realpath(path(where)))
    ensure_dir(target.parent)
    data = json.dumps(summary.to_json(), ensure_ascii=False, separators=(",", ":")).encode()
    from mindlog.store import sealed_journal

    if sealed_journal(where.journal):  # never a word in plain text beside an encrypted journal
        from mindlog import keys

        data = keys.seal_blob(where, data)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def current(where: Locations, day_start: str, today: date) -> Summary:
    """A summary that matches the journal as it is now: the saved one when it is fresh, else one
    built by a full read, which is saved for next time (quietly skipped when it cannot be)."""
    key = journal_key(where.journal, day_start)
    if not key["files"]:
        summary = Summary()
        summary.key = key
        return summary
    saved = load(where)
    if saved is not None and saved.key == key:
        return saved
    from mindlog.journal import replay
    from mindlog.store import Store, never_asking

    # The key is taken before reading: if a write lands during the read, the saved summary
    # carries the older key and is rebuilt by the next reader, never trusted as newer than it is.
    with never_asking():  # the greeting never asks for a passphrase (mindlog.keys)
        result = Store(where).read()
    summary = Summary.build(replay(result.events), key, today, len(result.problems), result.newer)
    with contextlib.suppress(Exception):
        save(where, summary)
    return summary


def day_start_key(start: time) -> str:
    """The ``day_starts_at`` setting as the key holds it."""
    return f"{start.hour:02d}:{start.minute:02d}"


def append_to_journal(
    store: Store, day_start: time, events: list[dict[str, Any]], today: date, after: int = 0
) -> None:
    """Append ``events`` to the journal through ``store`` and keep a fresh summary fresh."""
    with updating(store.where, day_start_key(day_start), today) as written:
        written.extend(store.append(events, after))


@contextlib.contextmanager
def updating(where: Locations, day_start: str, today: date) -> Iterator[list[dict[str, Any]]]:
    """Around an append of ``events`` to the journal: keep a fresh summary fresh.

    Nothing here can make the write fail; at worst the summary is left stale and rebuilt later.
    """
    summary: Summary | None = None
    before: dict[str, Any] | None = None
    try:
        before = journal_key(where.journal, day_start)
        saved = load(where) if before["files"] else None
        if saved is not None and saved.key == before:
            summary = saved
    except Exception:
        summary = None
    events: list[dict[str, Any]] = []
    yield events
    if summary is None or before is None:
        return
    try:
        from mindlog.store import encode_event

        after = journal_key(where.journal, day_start)
        length = sum(event.get("_bytes") or len(encode_event(event)) for event in events)
        if not _one_append(before["files"], after["files"], length):
            return
        summary.apply(events)
        summary.fold(today)
        summary.key = after
        save(where, summary)
    except Exception:
        return


def _one_append(before: list[list[Any]], after: list[list[Any]], length: int) -> bool:
    """True when the only change between the two keys is ``length`` bytes appended to one file
    (one more when a torn last line was closed first): nobody else wrote in between."""
    old = {name: size for name, size, _ in before}
    changed = [(name, size) for name, size, mtime in after if [name, size, mtime] not in before]
    if len(after) - len(before) not in (0, 1) or len(changed) != 1:
        return False
    if {name for name, _, _ in after} - {name for name, _ in changed} != set(old) - {changed[0][0]}:
        return False
    name, size = changed[0]
    return size - old.get(name, 0) in (length, length + 1)
