"""Notes to bring up at the next therapy session: entries of kind ``bringup``.

Pure. A note is an entry with the person's text and the field ``done``: false until it has been
talked through; marking it is an update, so the note stays in the journal with its history.
Notes are numbered 1, 2, ... in the order they were written, among those still waiting.
"""

from __future__ import annotations

from collections.abc import Iterable

from mindlog.domain.errors import MindlogError
from mindlog.domain.model import Entry
from mindlog.domain.typed import digits_hint, whole

KIND = "bringup"


class NoteError(MindlogError):
    """A note asked for that is not there (the message is meant for the person)."""


def is_waiting(entry: Entry) -> bool:
    return entry.kind == KIND and entry.fields.get("done") is not True


def waiting(entries: Iterable[Entry]) -> list[Entry]:
    """Notes not yet talked through, oldest first (the journal's order)."""
    return [e for e in entries if is_waiting(e)]


def discussed(entries: Iterable[Entry]) -> list[Entry]:
    return [e for e in entries if e.kind == KIND and e.fields.get("done") is True]


def pick(notes: list[Entry], number: str) -> Entry:
    """The waiting note numbered ``number`` (as ``mindlog bring-up --list`` shows it)."""
    wanted = whole(number, 1, len(notes))
    if wanted is not None:
        return notes[wanted - 1]
    if not notes:
        raise NoteError("there are no notes waiting to be talked through")
    count = "1" if len(notes) == 1 else f"1 to {len(notes)}"
    raise NoteError(
        f"{number!r} is not the number of a note waiting (numbers: {count}){digits_hint(number)}; "
        "see them with mindlog bring-up --list"
    )
