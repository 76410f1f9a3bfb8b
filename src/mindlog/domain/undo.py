"""Undo: the last change a person made to the journal, and the events that take it back.

Pure: it takes the events as the store read them and the journal they replay to, and returns
what to write; it never touches the disk.

A change is any event a command wrote: an add, an update (an edit, a morning run again), a
delete, a restore. The events an undo writes name the event they take back (``"undo": EID``), so
that undo run again takes back the change before it, as an editor's undo does; an undo is never
itself undone by undo (a restore or a delete puts it right). The latest change is looked for in
this device's own file first, in the order it was written, then in the other devices' files by
the journal's clock (see mindlog.store.eventlog). A change that can no longer be taken back (its
entry removed since, brought back since, forgotten) is passed over.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mindlog.domain.journal import (
    Journal,
    delete_event,
    event_order,
    replay,
    restore_event,
    update_event,
)
from mindlog.domain.model import Entry, is_record

CHANGES = ("add", "update", "delete", "restore")


@dataclass(frozen=True)
class Undo:
    """What undo takes back: the kind of change (one of CHANGES), the entry it changed (as it is
    now), and the events that take it back."""

    change: str
    entry: Entry
    events: list[dict[str, Any]]


def last_change(
    events: Sequence[dict[str, Any]], journal: Journal, device_file: str, at: str
) -> Undo | None:
    """The latest change that can still be taken back, and how; None when there is none."""
    taken_back = {str(e["undo"]) for e in events if isinstance(e.get("undo"), str)}
    candidates = [
        e
        for e in events
        if e.get("op") in CHANGES and "undo" not in e and str(e.get("eid", "")) not in taken_back
    ]
    candidates.sort(
        key=lambda e: (
            int(e.get("_file") == device_file),
            int(e.get("t", 0)),
            int(e.get("_line", 0)),
        ),
        reverse=True,
    )
    live = {e.id: e for e in journal.entries}
    removed = {e.id: e for e in journal.removed}
    for event in candidates:
        found = _taking_back(event, live, removed, events, at)
        if found is not None:
            return found
    return None


def _taking_back(
    event: dict[str, Any],
    live: dict[str, Entry],
    removed: dict[str, Entry],
    events: Sequence[dict[str, Any]],
    at: str,
) -> Undo | None:
    op = str(event.get("op"))
    target = event.get("entry", {}).get("id") if op == "add" else event.get("id")
    if not isinstance(target, str):
        return None
    mark = {"undo": str(event.get("eid", ""))}
    if op in ("add", "restore"):
        entry = live.get(target)
        if entry is None or not is_record(entry.kind):
            return None
        return Undo(op, entry, [delete_event(target, at) | mark])
    if op == "delete":
        entry = removed.get(target)
        if entry is None or not is_record(entry.kind):
            return None
        return Undo(op, entry, [restore_event(entry, at, str(event.get("eid", ""))) | mark])
    entry = live.get(target)
    if entry is None or not is_record(entry.kind):
        return None
    back = _update_back(event, entry, events, at)
    return None if back is None else Undo(op, entry, [back | mark])


def _update_back(
    event: dict[str, Any], entry: Entry, events: Iterable[dict[str, Any]], at: str
) -> dict[str, Any] | None:
    """An update that gives back the values ``event`` replaced (the entry as the journal read
    just before it), touching nothing else: a later change to other fields stays."""
    order = event_order(event)
    earlier = replay(e for e in events if event_order(e) < order)
    before = next((e for e in [*earlier.entries, *earlier.removed] if e.id == entry.id), None)
    if before is None:
        return None
    was = before.to_json()
    values: dict[str, Any] = {}
    for key in event.get("set", {}):
        if key in ("id", "kind"):
            continue
        if key in was:
            values[key] = was[key]
        elif key == "timed":
            values[key] = True  # it had its own time of day
    tags_add = [t for t in event.get("tags_remove", []) if t in before.tags]
    tags_remove = [t for t in event.get("tags_add", []) if t not in before.tags]
    try:
        Entry.from_json(entry.to_json() | values)
    except ValueError:
        return None
    return update_event(entry.id, at, tags_add, tags_remove, **values)
