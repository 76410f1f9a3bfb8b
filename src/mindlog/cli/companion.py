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

from mindlog.cli import everyday
from mindlog.cli.app import DATE_HELP, Session, command
from mindlog.domain.safe import visible
from mindlog.render import out
from mindlog.store import outfile

if TYPE_CHECKING:
    from mindlog.cache.view import Cached, Full
    from mindlog.formats.export import Period

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
    everyday.bring_up(text, show, done, date_option)


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
