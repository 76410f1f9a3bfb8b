"""Therapy companion commands: notes to bring up, the printable plan, and writing a page to a file.

``mindlog bring-up`` keeps notes for the next session; ``mindlog support --print`` (registered in
cli/support.py, done here) prints the whole plan as one page. The domain parts are
mindlog.domain.bringup, mindlog.formats.plan_page and mindlog.formats.export_html; this module only wires them up.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mindlog.cli import prompts
from mindlog.cli.app import DATE_HELP, Session, command, fail
from mindlog.domain import bringup
from mindlog.domain.journal import Journal, add_event, check_text, update_event
from mindlog.domain.safe import visible
from mindlog.render import out
from mindlog.store import outfile

if TYPE_CHECKING:
    from mindlog.cache.view import Cached, Full
    from mindlog.formats.export import Period

NOTE_SAVED = "Kept for your next session."
NOTHING_SAVED = "Nothing was saved. Whenever something comes to mind, mindlog bring-up keeps it."
NONE_WAITING = "Nothing is waiting to bring up. Whenever something comes to mind: mindlog bring-up"
ASK = "What would you like to bring up at your next session? "


# -- writing a page to a file --------------------------------------------------------------------


def write_document(output: Path | None, document: str, force: bool) -> bool:
    """Write ``document`` to ``output`` (see mindlog.store.outfile) or to the screen.

    True when a file readable only by the person was written."""
    if output is None or outfile.screen(output):
        sys.stdout.write(visible(document) if sys.stdout.isatty() else document)
        return False
    outfile.check(output, force, "mindlog.html")
    return outfile.write(output, [document])


# -- support --print -----------------------------------------------------------------------------


def print_plan(country_option: str | None, fmt: str, output: Path | None, force: bool) -> bool:
    """The whole plan as one page, come what may: a plan that cannot be read still leaves the
    page with where to find help. False when --country was unusable (the page is still made)."""
    from mindlog.formats import plan_page
    from mindlog.usecases.support import plan_and_country

    outfile.check(output, force, "plan.html")
    plan, problem, country, ok = plan_and_country(country_option)
    day = _today()
    build = plan_page.html if fmt == "html" else plan_page.markdown
    document = build(plan, country, day, problem or "")
    if write_document(output, document, force):
        out.say(f"Your support plan is ready to print: {output} (readable only by you).")
    return ok


def _today() -> date | None:
    """Today's date for the page, or None when the clock or settings cannot say."""
    try:
        from mindlog.domain.days import logical_day, now
        from mindlog.store import config
        from mindlog.store.paths import locations

        return logical_day(now(), config.load(locations()).day_start)
    except Exception:  # noqa: BLE001 - a page without a date is still a page
        try:
            return date.today()
        except Exception:  # noqa: BLE001
            return None


# -- bring-up ------------------------------------------------------------------------------------


def _note_lines(number: int, note: Any) -> list[str]:
    text = visible(note.text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lead = f"  {number}. "
    lines = [f"{lead}{text[0]}"] + [" " * len(lead) + line for line in text[1:]]
    lines[-1] += f"  ({_short(note.day)})"
    return lines


def _short(iso: str) -> str:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day:%a} {day.day} {day:%b}"


def _list(journal: Journal) -> None:
    notes = bringup.waiting_numbered(journal.entries)
    talked = len(bringup.discussed(journal.entries))
    if not notes:
        out.say(NONE_WAITING)
    else:
        out.say(f"To bring up at your next session ({len(notes)}):")
        for number, note in notes:
            for line in _note_lines(number, note):
                out.say(line)
        out.say("When one has been talked through: mindlog bring-up --done N")
    if talked:
        word = "note" if talked == 1 else "notes"
        stay = "stays" if talked == 1 else "stay"
        out.say(f"{talked} {word} already talked through {stay} in your journal.")


@command(
    "bring-up",
    help=(
        "Keep a note of something to bring up at your next therapy session.\n\n"
        "Leave out TEXT to be asked (or pipe it in): private words then stay out of your shell "
        "history. --list shows the notes waiting, numbered; --done N marks one as talked "
        "through (it stays in your journal). mindlog export opens with the notes still waiting.\n\n"
        "Examples:  mindlog bring-up    ·  mindlog bring-up --list    ·  mindlog bring-up --done 1"
    ),
)
def bring_up(
    text: Annotated[
        str | None,
        typer.Argument(help="The note (leave out to be asked).", show_default=False),
    ] = None,
    show: Annotated[
        bool, typer.Option("--list", "-l", help="Show the notes waiting, numbered.")
    ] = False,
    done: Annotated[
        str | None,
        typer.Option(
            "--done",
            metavar="N",
            help="Mark note N (from --list) as talked through.",
            show_default=False,
        ),
    ] = None,
    date_option: Annotated[
        str | None, typer.Option("--date", "-d", help=DATE_HELP, show_default=False)
    ] = None,
) -> None:
    if show and done is not None:
        raise fail("choose one of --list and --done")
    if (show or done is not None) and text is not None:
        raise fail("--list and --done take no text", "to keep a note: mindlog bring-up TEXT")
    session = Session()
    if show:
        _list(session.journal())
        return
    if done is not None:
        marked: list[Any] = []

        def build(journal: Journal) -> list[dict[str, Any]]:
            note = bringup.pick(journal.of_kind(bringup.KIND), done)
            marked.append(note)
            return [update_event(note.id, session.at, done=True)]

        session.write_after_reading(build)
        shown = " ".join(visible(marked[0].text or "", newlines=False).split())
        shown = shown if len(shown) <= 60 else shown[:59].rstrip() + "…"
        out.say(f"Marked as talked through: {shown}")
        out.say("It stays in your journal.")
        return
    day = session.day(date_option)
    note = _note_text(text)
    if note is None:
        out.say(NOTHING_SAVED)
        return
    session.write([add_event(bringup.KIND, day, session.at, note, done=False)])
    journal = session.journal_for_writing()  # never asks: None while the journal is locked
    if journal is None:
        out.say(f"{NOTE_SAVED} See them all with: mindlog bring-up --list")
        return
    waiting = len(bringup.waiting(journal.entries))
    count = "1 note is" if waiting == 1 else f"{waiting} notes are"
    out.say(f"{NOTE_SAVED} {count} waiting: mindlog bring-up --list")


def _note_text(text: str | None) -> str | None:
    if text is not None:
        return check_text(text, "note")
    if not prompts.interactive():
        return check_text(prompts.read_piped(), "note")
    answer = prompts.ask(ASK)
    if answer is None or not answer.strip():
        return None
    return check_text(answer, "note")


# -- the export's companion parts ----------------------------------------------------------------


def html_export(
    session: Session, journal: Cached | Full, entries: Period, span: Any, with_plan: bool
) -> str:
    from mindlog.formats import export_html
    from mindlog.usecases.reading import companion_parts, own

    plan_part = None
    if with_plan:
        from mindlog.usecases import personal
        from mindlog.usecases.support import country_setting

        try:
            plan: Any = personal.plan(session)
            problem = ""
            left = personal.left_behind(session.where, personal.PLAN_FILE)
            if left is not None and plan.empty:  # as mindlog support says it
                plan, problem = None, left
        except Exception as exc:  # noqa: BLE001 - the page still says where to find help
            plan, problem = None, getattr(exc, "message", None) or str(exc)
        country = session.config.values.get("country")
        plan_part = export_html.PlanPart(
            plan, problem, country if country is not None else country_setting(session.where)
        )
    return export_html.to_html(
        entries,
        journal.statement(),
        session.today,
        span.since,
        span.until,
        plan=plan_part,
        own=own(journal),
        **companion_parts(journal, entries),
    )
