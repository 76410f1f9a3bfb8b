"""The journal as the person sees it: events replayed into entries, and the questions asked of it.

Pure: it takes events (as the store reads them) and returns entries; it never touches the disk.
Events from several device files are put in one order by the UTC time they were made, then by file
and line, so every machine that has the same files sees the same journal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from mindlog.model import Entry, new_id

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


_EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


def _instant(stamp: str) -> datetime:
    """The moment a time stamp names, comparable with any other (aware datetimes compare in UTC)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return _EARLIEST
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


@dataclass
class Journal:
    entries: list[Entry] = field(default_factory=list)  # live entries, by day then time
    removed: list[Entry] = field(default_factory=list)  # deleted, still recoverable
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # id -> earlier values

    # -- questions -----------------------------------------------------------------------------

    def of_kind(self, *kinds: str) -> list[Entry]:
        return [e for e in self.entries if e.kind in kinds]

    def on(self, day: date, *kinds: str) -> list[Entry]:
        iso = day.isoformat()
        return [e for e in self.entries if e.day == iso and (not kinds or e.kind in kinds)]

    def statement(self) -> Entry | None:
        """The current commitment statement: the most recently written version."""
        versions = sorted(self.of_kind("commitment"), key=lambda e: _instant(e.at))
        return versions[-1] if versions else None

    def morning(self, day: date) -> Entry | None:
        found = self.on(day, "morning")
        return found[-1] if found else None

    def find(self, id_or_prefix: str) -> list[Entry]:
        """Live entries whose id is, or starts with, ``id_or_prefix``."""
        exact = [e for e in self.entries if e.id == id_or_prefix]
        return exact or [e for e in self.entries if e.id.startswith(id_or_prefix)]

    def resurface(self, today: date) -> Entry | None:
        """One earlier win to look back on, the same all day: a week, a month or a year ago today
        when there is one, else an older win (mindlog.reflect chooses)."""
        from mindlog.reflect import resurface

        earlier = [e for e in self.of_kind("win") if e.day < today.isoformat()]
        found = resurface(earlier, today)
        return found[0][1] if found else None


def replay(events: Iterable[dict[str, Any]]) -> Journal:
    """Build the journal from events in any order.

    Every entry is added first; then the changes (update, delete, restore) are applied in the order
    of the times they were made. A change can only be made to an entry its writer had seen, so
    this holds even when two machines' clocks disagree, or a change carries the same second as
    the entry it changes.
    """

    def key(event: dict[str, Any]) -> tuple[int, datetime, str, int]:
        is_add = event.get("op") == "add"
        stamp = event["entry"]["at"] if is_add else event.get("at", "")
        return (
            0 if is_add else 1,
            _instant(stamp),
            str(event.get("_file", "")),
            int(event.get("_line", 0)),
        )

    live: dict[str, Entry] = {}
    removed: dict[str, Entry] = {}
    history: dict[str, list[dict[str, Any]]] = {}
    for event in sorted(events, key=key):
        op = event.get("op")
        if op == "add":
            try:
                entry = Entry.from_json(event["entry"])
            except ValueError:
                continue
            if entry.id not in live and entry.id not in removed:
                live[entry.id] = entry
        elif op == "update" and event.get("id") in live:
            entry = live[event["id"]]
            before = entry.to_json()
            changes = {k: v for k, v in event["set"].items() if k not in ("id", "kind")}
            history.setdefault(entry.id, []).append(
                {k: before.get(k) for k in changes} | {"replaced_at": event["at"]}
            )
            merged = Entry.from_json(before | changes) if _valid(before | changes) else entry
            live[entry.id] = merged
        elif op == "delete" and event.get("id") in live:
            removed[event["id"]] = live.pop(event["id"])
        elif op == "restore" and event.get("id") in removed:
            live[event["id"]] = removed.pop(event["id"])
    ordered = sorted(live.values(), key=lambda e: (e.day, _instant(e.at)))
    return Journal(ordered, list(removed.values()), history)


def _valid(data: dict[str, Any]) -> bool:
    try:
        Entry.from_json(data)
    except ValueError:
        return False
    return True


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


def update_event(entry_id: str, at: str, **values: Any) -> dict[str, Any]:
    return {"op": "update", "id": entry_id, "at": at, "set": values}


def delete_event(entry_id: str, at: str) -> dict[str, Any]:
    return {"op": "delete", "id": entry_id, "at": at}


def restore_event(entry_id: str, at: str) -> dict[str, Any]:
    """Bring a removed entry back, as it was when it was removed."""
    return {"op": "restore", "id": entry_id, "at": at}
