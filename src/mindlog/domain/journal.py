"""The journal as the person sees it: events replayed into entries, and the questions asked of it.

Pure: it takes events (as the store reads them) and returns entries; it never touches the disk.
Events from several device files are put in one order by the journal's clock (``t``, see
mindlog.store.eventlog) and their ids, so every machine that has the same lines sees the same journal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from mindlog.domain.model import Entry, Problem, new_id
from mindlog.domain.record import field, record

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from typing import Any, Protocol
else:
    Protocol = object  # Today is only ever a type: at run time a plain class will do

MAX_TEXT = 4 * 1024 * 1024  # characters; far beyond any entry a person types


class TextError(ValueError):
    """Text the person gave that cannot be saved (empty, too long, not UTF-8)."""


def check_text(text: str, what: str = "text") -> str:
    """Return ``text`` unchanged if it can be stored; raise TextError with a kind message if not."""
    if not text.strip():
        raise TextError(f"the {what} is empty; nothing was saved")
    if len(text) > MAX_TEXT:
        raise TextError(f"the {what} is longer than {MAX_TEXT:,} characters; nothing was saved")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise TextError(f"the {what} is not valid UTF-8; nothing was saved") from None
    return text


_EARLIEST = datetime.min.replace(tzinfo=UTC)


def _instant(stamp: str) -> datetime:
    """The moment a time stamp names, comparable with any other (aware datetimes compare in UTC)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return _EARLIEST
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@record
class Journal:
    entries: list[Entry] = field(default_factory=list)  # live entries, by day then time
    removed: list[Entry] = field(default_factory=list)  # deleted, still recoverable
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # id -> earlier values
    removed_by: dict[str, str] = field(default_factory=dict)  # removed id -> the delete's eid
    removed_at: dict[str, int] = field(default_factory=dict)  # removed id -> the delete's clock
    forgotten: set[str] = field(default_factory=set)  # ids forgotten for good
    problems: list[Problem] = field(default_factory=list)  # lines whose entry cannot be used

    # -- questions -----------------------------------------------------------------------------

    def of_kind(self, *kinds: str) -> list[Entry]:
        return [e for e in self.entries if e.kind in kinds]

    def on(self, day: date, *kinds: str) -> list[Entry]:
        iso = day.isoformat()
        return [e for e in self.entries if e.day == iso and (not kinds or e.kind in kinds)]

    def statement(self) -> Entry | None:
        """The current commitment statement (see ``current_statement``)."""
        return current_statement(self.of_kind("commitment"))

    def morning(self, day: date) -> Entry | None:
        found = self.on(day, "morning")
        return found[-1] if found else None

    def find(self, id_or_prefix: str) -> list[Entry]:
        """Live entries whose id is, or starts with, ``id_or_prefix``."""
        exact = [e for e in self.entries if e.id == id_or_prefix]
        return exact or [e for e in self.entries if e.id.startswith(id_or_prefix)]


class Today(Protocol):
    """What the dashboard asks of the journal: answered by a replay (mindlog.cache.view.Full) or
    by the cache (Cached), each of which also chooses the past win to resurface."""

    def statement(self) -> Entry | None: ...

    def morning(self, day: date) -> Entry | None: ...

    def on(self, day: date, *kinds: str) -> list[Entry]: ...

    def resurface(self, today: date) -> Entry | None: ...


def current_statement(versions: Iterable[Entry]) -> Entry | None:
    """The current one of the statement's versions: the version written last, except that one
    written for an earlier day (``--date``) does not take the place of a later day's version."""
    current: Entry | None = None
    for version in sorted(versions, key=lambda e: e.written):
        back_filled = version.fields.get("timed") is False
        if current is None or not back_filled or version.day >= current.day:
            current = version
    return current


def event_order(event: dict[str, Any]) -> tuple[int, str, int, str]:
    """Clock first; lines of one clock (mindlog 0.1's, written in one second) in file order."""
    return (
        event.get("t", 0),
        str(event.get("_file", "")),
        int(event.get("_line", 0)),
        str(event.get("eid", "")),
    )


def replay(events: Iterable[dict[str, Any]]) -> Journal:
    """Build the journal from events in any order; every machine with the same lines sees the same.

    Every entry is added first (the earliest add of an id wins); then the changes (update, delete,
    restore) are applied in the order of their clock ``t`` (see mindlog.store.eventlog), which puts a change
    after everything its writer had seen, whatever the machines' wall clocks said. The last writer
    wins across kinds of change: an update ordered after a removal (made on a machine that had
    not seen it) brings the entry back with the change, as a restore would; a removal ordered
    after an update removes it. Every update is applied, so a removed entry holds its newest
    words and ``history`` every change. Last, a ``forget`` makes its entry disappear, unless a
    restore undid the removal it names: a restore made on one machine while another forgot the
    entry is never lost (its line carries the entry). An update never undoes a forget: it holds
    only what it changed. An entry whose fields are not valid for its kind is reported in
    ``problems`` and left out.
    """
    adds: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    for event in events:
        (adds if event.get("op") == "add" else changes).append(event)
    adds.sort(key=event_order)
    changes.sort(key=event_order)

    journal = Journal()
    live: dict[str, Entry] = {}
    removed: dict[str, Entry] = {}
    undone: set[str] = set()
    deletes: dict[str, list[str]] = {}  # id -> every delete of it so far (two machines may both)
    restored: dict[str, int] = {}  # id -> the clock of its latest restore
    forgets: list[dict[str, Any]] = []
    for event in adds:
        entry = _entry(event, event["entry"], journal)
        if entry is not None and entry.id not in live:
            live[entry.id] = entry
    for event in changes:
        op, target = event.get("op"), event.get("id", "")
        if op == "update":
            entry = live[target] if target in live else removed.get(target)
            changed = None if entry is None else _update(entry, event, journal.history)
            if changed is not None:
                if removed.pop(target, None) is not None:  # after a removal: back, as restored
                    journal.removed_by.pop(target, None)
                    journal.removed_at.pop(target, None)
                live[target] = changed
        elif op == "delete":
            deletes.setdefault(target, []).append(str(event.get("eid", "")))
            if target in live:
                removed[target] = live.pop(target)
            if target in removed:
                journal.removed_by[target] = deletes[target][-1]
                journal.removed_at[target] = int(event.get("t", 0))
        elif op == "restore":
            # A restore undoes every removal made before it, on any machine.
            undone.update(deletes.pop(target, []))
            restored[target] = int(event.get("t", 0))
            if event.get("undoes"):
                undone.add(event["undoes"])
            if target in removed:
                live[target] = removed.pop(target)
                journal.removed_by.pop(target, None)
                journal.removed_at.pop(target, None)
            elif target not in live and isinstance(event.get("entry"), dict):
                # Its add may have been compacted away elsewhere: the restore carries the entry.
                entry = _entry(event, event["entry"], journal)
                if entry is not None and entry.id == target:
                    live[target] = entry
        elif op == "forget":
            forgets.append(event)
    for event in forgets:
        # A forget makes one removal final, unless a restore undid it: one that named it, or
        # one made after it on the journal's clock (a machine that restored without having
        # seen that removal; its line may be gone from the file that forgot).
        target = event["id"]
        restore_t = restored.get(target)
        later_restore = restore_t is not None and restore_t > event.get("deleted_t", restore_t)
        if event.get("deleted_by") not in undone and not later_restore:
            journal.forgotten.add(target)
    for gone in journal.forgotten:
        live.pop(gone, None)
        removed.pop(gone, None)
        journal.history.pop(gone, None)
        journal.removed_by.pop(gone, None)
        journal.removed_at.pop(gone, None)
    journal.entries = sorted(live.values(), key=lambda e: (e.day, _instant(e.at)))
    rank = {event["entry"].get("id"): n for n, event in enumerate(adds)}
    journal.removed = sorted(  # as the entries: by day and time, then in the order added
        removed.values(), key=lambda e: (e.day, _instant(e.at), rank.get(e.id, len(rank)))
    )
    return journal


def _entry(event: dict[str, Any], data: dict[str, Any], journal: Journal) -> Entry | None:
    try:
        entry = Entry.from_json(data)
    except ValueError as exc:
        journal.problems.append(
            Problem(str(event.get("_file", "")), event.get("_line", 0), str(exc))
        )
        return None
    entry.written = event.get("t", 0)
    return entry


def _update(
    entry: Entry, event: dict[str, Any], history: dict[str, list[dict[str, Any]]]
) -> Entry | None:
    """``entry`` with an update applied: the values it sets, and the tags it adds and takes off
    (so that two machines tagging one entry at once keep both tags); the values it replaced are
    added to ``history``. None when its values cannot be used for the entry's kind."""
    before = entry.to_json()
    values = {k: v for k, v in event.get("set", {}).items() if k not in ("id", "kind")}
    if "tags_add" in event or "tags_remove" in event:
        gone = set(event.get("tags_remove", []))
        tags = values.get("tags", before["tags"])
        if not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
            tags = before["tags"]
        values["tags"] = [
            t for t in dict.fromkeys([*tags, *event.get("tags_add", [])]) if t not in gone
        ]
    try:
        merged = Entry.from_json(before | values)
    except ValueError:
        return None  # values that cannot be used for this kind change nothing
    merged.written = entry.written
    history.setdefault(entry.id, []).append(
        {k: before.get(k) for k in values} | {"replaced_at": event.get("at", "")}
    )
    return merged


# -- events ------------------------------------------------------------------------------------


def add_event(
    kind: str,
    day: date,
    at: str,
    text: str | None = None,
    tags: Iterable[str] = (),
    **fields: Any,
) -> dict[str, Any]:
    entry = Entry(new_id(), kind, day.isoformat(), at, text, list(tags), dict(fields))
    return {"op": "add", "entry": entry.to_json()}


def update_event(
    entry_id: str,
    at: str,
    tags_add: Iterable[str] = (),
    tags_remove: Iterable[str] = (),
    **values: Any,
) -> dict[str, Any]:
    """New values for some of an entry's fields; tags are added and taken off one by one."""
    event: dict[str, Any] = {"op": "update", "id": entry_id, "at": at, "set": values}
    if tags_add:
        event["tags_add"] = list(tags_add)
    if tags_remove:
        event["tags_remove"] = list(tags_remove)
    return event


def delete_event(entry_id: str, at: str) -> dict[str, Any]:
    return {"op": "delete", "id": entry_id, "at": at}


def restore_event(entry: Entry, at: str, undoes: str | None) -> dict[str, Any]:
    """Bring a removed entry back, as it was when it was removed.

    The event carries the entry and names the removal it undoes, so that the entry comes back
    even where another device has meanwhile forgotten that removal and compacted its lines away.
    """
    event: dict[str, Any] = {"op": "restore", "id": entry.id, "at": at, "entry": entry.to_json()}
    if undoes:
        event["undoes"] = undoes
    return event


def forget_event(entry_id: str, deleted_by: str, deleted_t: int) -> dict[str, Any]:
    """Forget a removed entry for good: every device drops its lines when it compacts.

    It names the removal it makes final (its id and clock), so that a restore made elsewhere
    after that removal still wins once the removal's own line has been compacted away."""
    return {"op": "forget", "id": entry_id, "deleted_by": deleted_by, "deleted_t": deleted_t}
