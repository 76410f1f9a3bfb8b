"""Entries and their JSON form.

An entry is one thing the person recorded: a win, a morning routine, a commitment statement, a
reaffirmation, a rest day and so on. Every entry has a stable unique ``id``, a ``kind``, the logical
``day`` it belongs to, the local time ``at`` (ISO 8601 with UTC offset), ``text`` (or None) and
``tags``; kinds add their own fields (a morning: ``done`` and ``routine``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

FACTORS = ("commitment", "meaning", "choice", "competence", "progress")
KNOWN_KINDS = ("win", "morning", "commitment", "reaffirm", "rest", "checkin", "setback")
_CORE = ("id", "kind", "day", "at", "text", "tags")


def new_id() -> str:
    """A short random id (48 bits): unique in practice, and short enough to type a prefix of."""
    return os.urandom(6).hex()


@dataclass
class Entry:
    id: str
    kind: str
    day: str
    at: str
    text: str | None = None
    tags: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "day": self.day,
            "at": self.at,
            "text": self.text,
            "tags": list(self.tags),
        }
        for key, value in self.fields.items():
            if key not in data:
                data[key] = value
        return data

    @classmethod
    def from_json(cls, data: Any) -> Entry:
        """Build an entry from its JSON form; raise ValueError when it is not one."""
        if not isinstance(data, dict):
            raise ValueError("an entry must be a JSON object")
        for key in ("id", "kind", "day", "at"):
            if not isinstance(data.get(key), str) or not data[key]:
                raise ValueError(f"an entry needs a string {key!r}")
        text = data.get("text")
        if text is not None and not isinstance(text, str):
            raise ValueError("an entry's text must be a string or null")
        tags = data.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise ValueError("an entry's tags must be a list of strings")
        extra = {k: v for k, v in data.items() if k not in _CORE}
        return cls(data["id"], data["kind"], data["day"], data["at"], text, list(tags), extra)


def normalize_tag(tag: str) -> str:
    """Tags are single words, compared without case and without a leading ``#``."""
    word = tag.strip().lstrip("#").strip().lower()
    if not word or any(ch.isspace() for ch in word) or not word.isprintable():
        raise ValueError(f"{tag!r} is not a tag: use one word, like meaning or walk")
    if len(word) > 40:
        raise ValueError("a tag can be at most 40 characters")
    return word
