"""Your data: list, edit, delete, undo, restore, export, import and config.

Every change is a new event in the journal (an update, a delete, a restore), so every earlier
text stays in the log and a removed entry can be brought back.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from mindlog.cli import prompts
from mindlog.cli.app import Session, command, fail
from mindlog.domain import query
from mindlog.domain.days import DAY_HELP, friendly, friendly_moment
from mindlog.domain.journal import check_text, delete_event, replay, restore_event, update_event
from mindlog.domain.model import Entry, normalize_tag
from mindlog.domain.safe import one_line, visible
from mindlog.render import out
from mindlog.store import config as settings
from mindlog.store import outfile
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations
from mindlog.usecases import reading

DATE_HELP_SHORT = DAY_HELP


_span = reading.span
_line = reading.line


# -- shell completion of ids and settings ------------------------------------------------------


def _ids(incomplete: str, removed: bool) -> list[tuple[str, str]]:
    """Entry ids for the shell to offer, newest first, each with a few words of its text."""
    try:
        journal = replay(Store(locations()).read().events)
    except Exception:  # completing must never print a traceback into the person's shell
        return []
    pool = journal.removed if removed else journal.entries
    found = [e for e in reversed(pool) if e.id.startswith(incomplete)]
    return [(e.id, one_line(query.describe(e), 50)) for e in found[:50]]


def complete_ids(incomplete: str) -> list[tuple[str, str]]:
    return _ids(incomplete, removed=False)


def complete_removed(incomplete: str) -> list[tuple[str, str]]:
    return _ids(incomplete, removed=True)


def complete_keys(incomplete: str) -> list[tuple[str, str]]:
    return [(k, v[2]) for k, v in settings.SETTINGS.items() if k.startswith(incomplete)]


# -- list --------------------------------------------------------------------------------------


YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Remove without asking.")]
SinceOption = Annotated[
    str | None,
    typer.Option("--since", help="From this day on: " + query.WHEN_HELP, metavar="DAY"),
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Up to and including this day.", metavar="DAY")
]


@command(
    "list",
    help=(
        "List your entries, newest last; filters narrow it down.\n\n"
        "--kind can be given more than once (any of them); --tag too (all of them). "
        "--search looks for words in the text and tags, ignoring case. -n shows only the last "
        "few. Days: "
        + query.WHEN_HELP
        + "\n\nExamples:  mindlog list --since 7d    ·  mindlog list --kind win --tag meaning"
        "    ·  "
        "mindlog list --search sister --json    ·  mindlog list --removed"
    ),
)
def list_entries(
    since: SinceOption = None,
    until: UntilOption = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="Only this kind: win, morning, journal, … (repeatable).",
            show_default=False,
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            "-t",
            metavar="TAG",
            help="Only entries with this tag (repeatable).",
            show_default=False,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="WORDS",
            help="Only entries containing all these words (any order, any case).",
        ),
    ] = None,
    last: Annotated[
        int | None,
        typer.Option(
            "--last", "-n", metavar="N", min=1, help="Only the last N entries that match."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array of entries.")] = False,
    removed: Annotated[
        bool,
        typer.Option("--removed", help="List removed entries (mindlog restore brings one back)."),
    ] = False,
) -> None:
    session = Session()
    wanted = _span(session, since, until)
    wanted = query.Filter(wanted.since, wanted.until, kind or [], tag or [], search)
    reading.list_entries(session, wanted, last, as_json, removed)


# -- edit, delete, undo, restore ---------------------------------------------------------------


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
    latest = query.last_written(events, (e.id for e in journal.entries), device_file)
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


# -- export and import -------------------------------------------------------------------------


class Format(str, Enum):
    md = "md"
    json = "json"
    csv = "csv"
    html = "html"


@command(
    "export",
    help=(
        "Export your entries: Markdown to bring to a therapy session, JSON, or CSV.\n\n"
        "Markdown holds your statement, wins by factor, how the routine went, check-ins and every "
        "entry week by week. JSON can be imported again. Without -o it prints to the screen; "
        "-o writes a file readable only by you, and never replaces a file or a link unless you "
        "add --force (a link is then replaced by the file; what it pointed to is left alone).\n\n"
        "Exports are inert: in Markdown, HTML in your text shows as text and never loads "
        "anything; in CSV, a cell starting with = + - @ (a formula to a spreadsheet) gets a "
        "leading ' so it stays text. --raw writes CSV cells exactly as written.\n\n"
        "--format html -o FILE makes one self-contained page to print for a session, with "
        "charts of your check-ins; --with-plan adds your support plan. The export opens with "
        "your notes to bring up (mindlog bring-up).\n\n"
        "Examples:  mindlog export --since 4w -o session.md    ·  "
        "mindlog export --format html --with-plan -o session.html    ·  "
        "mindlog export --format json -o backup.json    ·  "
        "mindlog export --format csv > entries.csv"
    ),
)
def export_entries(
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="md, json, csv or html.", case_sensitive=False),
    ] = Format.md,
    since: SinceOption = None,
    until: UntilOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (else the screen).", metavar="FILE"
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE (or a link at FILE) if it exists.")
    ] = False,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw",
            help="CSV only: cells exactly as written, without the ' that keeps a spreadsheet "
            "from reading a cell as a formula.",
        ),
    ] = False,
    with_plan: Annotated[
        bool, typer.Option("--with-plan", help="With --format html: add your support plan.")
    ] = False,
) -> None:
    if raw and fmt is not Format.csv:
        raise typer.BadParameter("--raw goes with --format csv", param_hint="'--raw'")
    if with_plan and fmt is not Format.html:
        raise typer.BadParameter("--with-plan goes with --format html", param_hint="'--with-plan'")
    session = Session()
    span = _span(session, since, until)
    if fmt is not Format.html:  # the same steps as the fast path (mindlog.cli.quick)
        reading.export(session, fmt.value, span, output, force, raw)
        return
    from mindlog.cli import companion

    outfile.check(output, force, "mindlog.html")
    journal = session.view()  # the cache's view answers what the companion asks too
    period = reading.export_period(journal, span)  # read as the page needs it
    document = companion.html_export(session, journal, period, span, with_plan)
    count = sum(n for n, _ in period.counts.values())
    reading.deliver_export(session, [document], lambda: count, output)


class Source(str, Enum):
    mindlog = "mindlog"
    jrnl = "jrnl"


@command(
    "import",
    help=(
        "Bring in entries from a mindlog JSON export or from jrnl.\n\n"
        "Importing the same file again adds nothing. From jrnl (its JSON export, made with "
        "jrnl --format json > jrnl.json, or its journal file itself): title and body become "
        "the text, tags keep their words, "
        "starred entries get the tag starred, and the date and time are kept, read as local time. "
        "They appear with the kind journal.\n\n"
        "Examples:  mindlog import jrnl.json    ·  mindlog import backup.json --from mindlog    ·  "
        "jrnl --format json | mindlog import -"
    ),
)
def import_entries(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The export to read (- reads standard input).")
    ],
    source: Annotated[
        Source | None,
        typer.Option(
            "--from",
            help="Where it comes from: mindlog or jrnl (found out by itself when left out).",
            case_sensitive=False,
        ),
    ] = None,
) -> None:
    from mindlog.formats import importer

    session = Session()
    if str(file) == "-":
        raw = sys.stdin.buffer.read(importer.MAX_BYTES + 1)
    else:
        with open(file, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > importer.MAX_BYTES:
                raise importer.ImportProblem(
                    f"{file} is larger than {importer.MAX_BYTES // (1024 * 1024)} MB, far beyond "
                    "any export; nothing was imported"
                )
            raw = handle.read(importer.MAX_BYTES + 1)
    data = importer.load(raw)
    from mindlog.render.progress import bar_when

    with bar_when(len(raw) >= BIG_IMPORT, importer.count(data), "mindlog: importing") as advance:
        entries = importer.entries_from(
            data, source.value if source else None, session.config.day_start, advance
        )
        plan = importer.plan(entries, session.view().known(e.id for e in entries))
        if plan.new:
            session.write(plan.events())
    read = "1 entry" if plan.read == 1 else f"{plan.read} entries"
    line = f"Read {read}: {len(plan.new)} added, {plan.present} already in your journal."
    out.say(line)
    if plan.new and importer.detect(data) == "jrnl":
        out.say("They have the kind journal: mindlog list --kind journal")
    if plan.removed:
        out.say(
            f"{plan.removed} of those were removed earlier; see them with mindlog list --removed."
        )


BIG_IMPORT = 4 * 1024 * 1024  # bytes of export from which an import shows its progress


# -- config ------------------------------------------------------------------------------------


def _shown(value: object) -> str:
    return "not set" if value is None else str(value)


@command(
    "config",
    help=(
        "Show or change your settings.\n\n"
        "With no KEY: every setting, its value and what it does. With KEY: its value. "
        "With KEY and VALUE: sets it (checked first). --unset KEY returns it to its default.\n\n"
        "Examples:  mindlog config    ·  mindlog config day_starts_at 05:00    ·  "
        "mindlog config country GB    ·  mindlog config --unset editor"
    ),
)
def config_command(
    key: Annotated[
        str | None,
        typer.Argument(
            metavar="[KEY]",
            help="A setting's name.",
            show_default=False,
            autocompletion=complete_keys,
        ),
    ] = None,
    value: Annotated[
        str | None, typer.Argument(metavar="[VALUE]", help="Its new value.", show_default=False)
    ] = None,
    unset: Annotated[
        str | None,
        typer.Option(
            "--unset",
            metavar="KEY",
            help="Return a setting to its default.",
            autocompletion=complete_keys,
        ),
    ] = None,
) -> None:
    session = Session()
    current = session.config
    if unset is not None:
        if key is not None:
            raise fail("give either KEY [VALUE] or --unset KEY, not both")
        _known(unset)
        settings.update(session.where, lambda data: data.pop(unset, None))
        default = settings.SETTINGS[unset][1]
        out.say(f"{unset} is back to its default ({_shown(default)}).")
        return
    if key is None:
        width = max(len(k) for k in settings.SETTINGS)
        for name, (_, default, about) in settings.SETTINGS.items():
            shown = _shown(current.get(name))
            mark = "" if name in current.values or default is None else " (default)"
            out.say(f"{name:<{width}}  {shown}{mark}")
            changed = name in current.values and default is not None
            out.say(f"{'':<{width}}  {about}" + (f" (default {default})" if changed else ""))
        out.say(f"\nSettings live in {session.where.config_file}")
        return
    _known(key)
    if value is None:
        setting = current.get(key)
        if setting is None:
            out.note(f"{key} is not set")
            return
        out.say(str(setting))
        return
    try:
        stored = settings.check_value(key, value)
    except ValueError as exc:
        raise fail(f"{exc}; nothing was changed") from None
    settings.update(session.where, lambda data: data.update({key: stored}))
    extra = " Entries already written keep their days." if key == "day_starts_at" else ""
    out.say(f"{key} is now {stored}.{extra}")


def _known(key: str) -> None:
    if key in settings.SETTINGS:
        return
    if key == "routine":
        raise fail("the routine is changed with mindlog routine", "see mindlog routine --help")
    known = ", ".join(settings.SETTINGS)
    raise fail(f"there is no setting {key!r}; the settings are: {known}")
