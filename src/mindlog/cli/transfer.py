"""Your data in and out: `mindlog export` (Markdown, JSON, CSV, HTML) and `mindlog import`
(a mindlog export, or jrnl's).
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from mindlog.cli.app import Session, command
from mindlog.cli.data import SinceOption, UntilOption
from mindlog.render import out
from mindlog.store import outfile
from mindlog.usecases import reading

_span = reading.span
_line = reading.line


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
    loop = "loop"
    daylio = "daylio"
    dayone = "dayone"
    bearable = "bearable"
    jrnl = "jrnl"
    mindlog = "mindlog"


@command(
    "import",
    help=(
        "Bring in your history from Loop Habit Tracker, Daylio, Day One or Bearable, from jrnl, or "
        "a mindlog JSON export.\n\n"
        "Importing the same file again adds nothing, and a newer export of the same app adds "
        "only what is new. Before anything is written you see what will come in and how "
        "(--dry-run shows only that); on a terminal you are asked before it is written.\n\n"
        "Loop (its CSV export zip): habits become practices of your own, days done their days, "
        "skipped days rest days for that practice. Daylio (its CSV export): moods become "
        "check-ins (rad 5, good 4, meh 3, bad 2, awful 1; --mood-map 'ok=3' for your own "
        "labels), activities tags, notes journal entries. Day One (its JSON export zip): "
        "entries become journal entries on their own day, tags kept. Bearable (its CSV "
        "export): mood, energy and sleep become check-ins (--scale 0-10 says its rating "
        "scale), symptoms scales of your own, factors tags. From jrnl (its JSON export, made with "
        "jrnl --format json > jrnl.json, or its journal file itself): title and body become "
        "the text, tags keep their words, "
        "starred entries get the tag starred, and the date and time are kept, read as local time. "
        "They appear with the kind journal.\n\n"
        "Examples:  mindlog import Loop-Habits.zip --dry-run    ·  "
        "mindlog import daylio_export.csv --mood-map 'ok=3,irritable=2'    ·  "
        "mindlog import jrnl.json    ·  jrnl --format json | mindlog import -"
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
            help="Where it comes from: loop, daylio, dayone, bearable, jrnl or mindlog "
            "(found out by itself when left out).",
            case_sensitive=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would come in, and write nothing.")
    ] = False,
    mood_map: Annotated[
        str | None,
        typer.Option(
            "--mood-map",
            metavar="LABEL=N,...",
            help="Daylio: the level (1-5) of your own mood labels, e.g. 'ok=3,irritable=2'.",
        ),
    ] = None,
    scale: Annotated[
        str | None,
        typer.Option(
            "--scale", metavar="LOW-HIGH", help="Bearable: its rating scale, e.g. 0-10 or 1-5."
        ),
    ] = None,
    practice: Annotated[
        list[str] | None,
        typer.Option(
            "--practice",
            metavar="ACTIVITY=PRACTICE",
            help="Daylio: an activity's days are days of one of your practices (repeatable).",
        ),
    ] = None,
) -> None:
    from mindlog.formats import importer

    session = Session()
    other = _other_app(file, source.value if source else None)
    for given, option, app in ((mood_map, "--mood-map", "daylio"), (scale, "--scale", "bearable"),
                               (practice, "--practice", "daylio")):  # fmt: skip
        if given and other != app:
            raise typer.BadParameter(f"{option} goes with a {app} file", param_hint=f"'{option}'")
    if other is not None:
        from mindlog.cli import bring

        bring.bring_in_file(session, file, other, dry_run, mood_map, scale, practice or [])
        return
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
        if plan.new and not dry_run:
            session.write(plan.events())
    if dry_run:
        read = "1 entry" if plan.read == 1 else f"{plan.read} entries"
        out.say(f"Read {read}: {len(plan.new)} to add, {plan.present} already in your journal.")
        out.say("Nothing was written (--dry-run).")
        return
    read = "1 entry" if plan.read == 1 else f"{plan.read} entries"
    line = f"Read {read}: {len(plan.new)} added, {plan.present} already in your journal."
    out.say(line)
    if plan.new and importer.detect(data) == "jrnl":
        out.say("They have the kind journal: mindlog list --kind journal")
    if plan.removed:
        out.say(
            f"{plan.removed} of those were removed earlier; see them with mindlog list --removed."
        )


def _other_app(file: Path, source: str | None) -> str | None:
    """Which other app's export ``file`` is (Loop, Daylio, Day One, Bearable); None for a
    mindlog or jrnl export, read as before."""
    from mindlog.formats import importer

    if source in importer.OTHER_APPS:
        return source
    if source is not None or str(file) == "-":
        return None
    import stat
    import zipfile

    if not stat.S_ISREG(os.stat(file).st_mode):
        return None  # a pipe (<(jrnl --format json)) is read once, by the JSON import

    with open(file, "rb") as handle:
        head = handle.read(64 * 1024)
        names = None
        if head.startswith(b"PK"):
            try:
                handle.seek(0)
                names = zipfile.ZipFile(handle).namelist()
            except (zipfile.BadZipFile, OSError, ValueError):
                raise importer.ImportProblem(
                    f"{file} is a damaged zip; nothing was imported"
                ) from None
    found = importer.sniff(head, names)
    if found is None and names is not None:
        raise importer.ImportProblem(
            f"{file} is a zip, but neither Loop's nor Day One's export; nothing was imported",
            "say where it comes from with --from",
        )
    return found


BIG_IMPORT = 4 * 1024 * 1024  # bytes of export from which an import shows its progress
