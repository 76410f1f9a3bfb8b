"""Notes to bring up at the next therapy session: entries of kind ``bringup``.

Pure. A note is an entry with the person's text and the field ``done``: false until it has been
talked through; marking it is an update, so the note stays in the journal with its history.
Every note has its own number, 1, 2, ... in the journal's order; it stays the note's when
earlier notes are talked through.
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


def numbered(entries: Iterable[Entry]) -> list[tuple[int, Entry]]:
    """Every note with its own number: 1, 2, ... in the journal's order (``entries``' order, by
    day). A note keeps its number when the ones before it are talked through, so a printed list
    stays true."""
    return list(enumerate((e for e in entries if e.kind == KIND), start=1))


def waiting_numbered(entries: Iterable[Entry]) -> list[tuple[int, Entry]]:
    """The notes not yet talked through, each with its own number (see ``numbered``)."""
    return [(n, e) for n, e in numbered(entries) if is_waiting(e)]


def pick(entries: Iterable[Entry], number: str) -> Entry:
    """The waiting note numbered ``number`` (as ``mindlog bring-up --list`` shows it)."""
    every = numbered(entries)
    notes = [(n, e) for n, e in every if is_waiting(e)]
    wanted = whole(number, 1, len(every))
    found = {n: e for n, e in every}.get(wanted) if wanted is not None else None
    if found is not None and is_waiting(found):
        return found
    if not notes:
        raise NoteError("there are no notes waiting to be talked through")
    if found is not None:
        raise NoteError(
            f"note {wanted} has already been talked through; "
            "see the notes waiting with mindlog bring-up --list"
        )
    count = ", ".join(str(n) for n, _ in notes[:12]) + (" …" if len(notes) > 12 else "")
    raise NoteError(
        f"{number!r} is not the number of a note waiting (numbers: {count}){digits_hint(number)}; "
        "see them with mindlog bring-up --list"
    )
