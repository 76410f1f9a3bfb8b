"""Changing what was written: `mindlog edit`, `delete`, `undo` and `restore`.

Every change is a new event in the journal (an update, a delete, a restore), so every earlier
text stays in the log and a removed entry can be brought back.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mindlog.cli import prompts
from mindlog.cli.app import Session, command, fail
from mindlog.cli.data import DATE_HELP_SHORT, complete_ids, complete_removed
from mindlog.domain import query
from mindlog.domain.days import friendly, friendly_moment
from mindlog.domain.journal import check_text, delete_event, restore_event, update_event
from mindlog.domain.model import SETTING_KINDS, Entry, normalize_tag
from mindlog.domain.safe import one_line, visible
from mindlog.render import out
from mindlog.usecases import reading

_span = reading.span
_line = reading.line


YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Remove without asking.")]


@command(
    "edit",
    help=(
        "Change an entry: its text, its tags or its day. What it said before stays in your "
        "journal.\n\n"
        "ID is the id shown by mindlog list; its first few characters are enough. With no option, "
        "your editor opens on the text (or piped input is read as the new text). --tag, --untag "
        "and --date change only what they name.\n\n"
        "Examples:  mindlog edit 3fa2    ·  mindlog edit 3fa2 --text 'Called my sister'    ·  "
        "mindlog edit 3fa2 --tag meaning --date yesterday    ·  mindlog edit 3fa2 --history"
    ),
)
def edit(
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The entry's id, or its first characters.",
            autocompletion=complete_ids,
        ),
    ],
    text: Annotated[
        str | None, typer.Option("--text", help="The new text (else your editor opens).")
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag", "-t", metavar="TAG", help="Add a tag (repeatable).", show_default=False
        ),
    ] = None,
    untag: Annotated[
        list[str] | None,
        typer.Option(
            "--untag", metavar="TAG", help="Take a tag off (repeatable).", show_default=False
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", metavar="DAY", help="Move it to this day: " + DATE_HELP_SHORT),
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Show what the entry said before.")
    ] = False,
) -> None:
    session = Session()
    journal = session.journal()
    entry = query.resolve(journal, entry_id)
    if history:
        _show_history(entry, journal.history.get(entry.id, []))
        return
    changes: dict[str, object] = {}
    tags_add: list[str] = []
    tags_remove: list[str] = []
    if date is not None:
        if entry.kind == "morning":
            raise fail(
                "a morning routine belongs to its day",
                "to record another day's, run mindlog morning --date DAY",
            )
        day = session.day(date).isoformat()
        if day != entry.day:
            changes["day"] = day
            if entry.fields.get("timed") is not False:
                changes["timed"] = False  # the time it was written belongs to its old day
    if tag or untag:
        try:
            added = [normalize_tag(t) for t in tag or []]
            dropped = {normalize_tag(t) for t in untag or []}
        except ValueError as exc:
            raise fail(str(exc)) from None
        tags_add = [t for t in dict.fromkeys(added) if t not in entry.tags and t not in dropped]
        tags_remove = sorted(t for t in dropped if t in entry.tags)
    if text is not None or not (tag or untag or date is not None):
        if entry.text is None:
            hint = "run mindlog morning --date " + entry.day if entry.kind == "morning" else None
            raise fail(f"this {entry.kind} entry has no text to change", hint)
        new = _new_text(session, entry, text)
        if new is not None and new != entry.text:
            changes["text"] = new
    if not (changes or tags_add or tags_remove):
        out.say("No changes; the entry is as it was.")
        return
    session.write([update_event(entry.id, session.at, tags_add, tags_remove, **changes)])
    tags = [t for t in [*entry.tags, *tags_add] if t not in tags_remove]
    now = Entry.from_json(entry.to_json() | changes | {"tags": tags})
    out.say(f"Changed: {_named(now)}")
    out.say(f"What it said before is kept: mindlog edit {entry.id} --history")


def _new_text(session: Session, entry: Entry, text: str | None) -> str | None:
    if text is not None:
        return check_text(text)
    if not prompts.interactive():
        return check_text(prompts.read_piped())
    editor = prompts.editor_command(session.config.get("editor"))
    if editor:
        edited = prompts.edit(entry.text or "", editor, session.where, guide=prompts.ENTRY_GUIDE)
        if edited is None:
            out.note("the editor did not finish cleanly")
            return None
        if not edited.strip():
            raise fail(
                "the new text is empty; nothing was changed",
                f"to remove the entry: mindlog delete {entry.id}",
            )
        return check_text(edited)
    out.say("The text now:")
    out.say(entry.text or "")
    answer = prompts.ask("New text (Enter keeps it as it is): ")
    if answer is None or not answer.strip():
        return None
    return check_text(answer)


KIND_NAMES = {
    "rest": "the rest day",
    "reaffirm": "the reaffirmation of your statement",
    "morning": "the morning routine",
    "checkin": "the check-in",
    "commitment": "the statement",
}


def _named(entry: Entry, width: int = 60) -> str:
    """What an entry is, for a confirmation: its words, or its kind and day when it has none."""
    said = one_line(query.describe(entry), width)
    if said.strip():
        return said
    kind = KIND_NAMES.get(entry.kind, f"the {entry.kind} entry")
    return f"{kind} of {friendly(entry.day)}"


def _show_history(entry: Entry, earlier: list[dict[str, object]]) -> None:
    """Every version of the entry, oldest first, each with its text, tags and day, then now."""
    if not earlier:
        out.say("This entry has not been changed; it reads as it was written.")
        return
    # Each change keeps the values it replaced; walking back from now gives every version whole.
    versions: list[tuple[str, dict[str, object]]] = []
    state: dict[str, object] = entry.to_json()
    for change in reversed(earlier):
        state = state | {k: v for k, v in change.items() if k != "replaced_at"}
        versions.append((str(change.get("replaced_at", "")), state))
    for until, version in reversed(versions):
        out.say(f"Until {friendly_moment(until)}:")
        _show_version(version)
        out.say()
    out.say("Now:")
    _show_version(entry.to_json())


def _show_version(version: dict[str, object]) -> None:
    text = version.get("text")
    out.say("  " + (str(text) if text else "(no text)").replace("\n", "\n  "))
    tags = version.get("tags")
    tag_words = " ".join("#" + str(t) for t in tags) if isinstance(tags, list) else ""
    day = friendly(str(version.get("day", "")))
    out.say(f"  {tag_words} · {day}" if tag_words else f"  {day}")


def _confirm(entry: Entry, question: str, yes: bool) -> bool:
    """True to go ahead: --yes, or a yes at the terminal (Enter means no)."""
    if yes:
        return True
    if not prompts.interactive():
        raise fail(
            "removing an entry needs a yes, and there is no terminal to ask on; nothing was removed",
            "add --yes to remove it without being asked",
        )
    sys.stderr.write("  " + visible(_line(entry, 60), newlines=False) + "\n")
    answer = prompts.ask(f"{question} [y/N] ")
    if answer is not None and answer.strip().lower() in ("y", "yes"):
        return True
    out.say("Nothing was removed.")
    return False


def _remove(session: Session, entry: Entry) -> None:
    session.write([delete_event(entry.id, session.at)])
    out.say(f"Removed: {_named(entry, 50)}")
    out.say(f"To bring it back: mindlog restore {entry.id}")


@command(
    "delete",
    help=(
        "Remove an entry, after asking. It can be brought back with mindlog restore.\n\n"
        "Examples:  mindlog delete 3fa2    ·  mindlog delete 3fa2 --yes"
    ),
)
def delete(
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The entry's id, or its first characters.",
            autocompletion=complete_ids,
        ),
    ],
    yes: YesOption = False,
) -> None:
    session = Session()
    entry = query.resolve(session.journal(), entry_id)
    if _confirm(entry, "Remove this entry?", yes):
        _remove(session, entry)


@command(
    "undo",
    help=(
        "Remove the entry you wrote most recently on this computer, after asking.\n\n"
        "Run it again to remove the one before. mindlog restore brings an entry back.\n\n"
        "Examples:  mindlog undo    ·  mindlog undo --yes"
    ),
)
def undo(
    yes: YesOption = False,
) -> None:
    session = Session()
    journal = session.journal()
    events = session.read_result.events if session.read_result else []
    device_file = session.store.device() + ".jsonl" if journal.entries else ""
    records = (e.id for e in journal.entries if e.kind not in SETTING_KINDS)
    latest = query.last_written(events, records, device_file)
    if latest is None:
        out.say("There is nothing to undo.")
        return
    entry = next(e for e in journal.entries if e.id == latest)
    if _confirm(entry, "Remove the most recent entry?", yes):
        _remove(session, entry)


@command(
    "restore",
    help=(
        "Bring back an entry you removed, as it was.\n\n"
        "Examples:  mindlog list --removed    ·  mindlog restore 3fa2"
    ),
)
def restore(
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The removed entry's id, or its first characters.",
            autocompletion=complete_removed,
        ),
    ],
) -> None:
    session = Session()
    journal = session.journal()
    entry = query.resolve(journal, entry_id, removed=True)
    session.write([restore_event(entry, session.at, journal.removed_by.get(entry.id))])
    out.say(f"Brought back: {_named(entry)}")
