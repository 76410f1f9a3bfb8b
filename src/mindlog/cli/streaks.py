"""Streaks, reflections and rest days."""

from __future__ import annotations

from typing import Annotated

import typer

from mindlog.cli import prompts
from mindlog.cli.app import DATE_HELP, Session, command, fail
from mindlog.domain.days import friendly
from mindlog.domain.journal import add_event, check_text
from mindlog.domain.safe import one_line
from mindlog.render import out
from mindlog.usecases import reading


@command(
    "streaks",
    help=(
        "Your practices over time: days shown up, strength, runs, and a calendar of recent weeks.\n\n"
        "A day shown up is any day you wrote something in mindlog, a hard day or a rest day "
        "included. A run counts days in a row with the practice done, a rest day or a hard day; "
        "today, not yet done, keeps a run that reached yesterday.\n\n"
        "Strength is the share of your days the practice was done, counted from your first "
        "day, recent days weighing more (a day two weeks ago counts half as much as today). "
        "Every day done since you began reads 100%; five days of seven, about 70%. Rest days "
        "and hard days leave it as it was, and today counts once it is done. In the first two "
        "weeks it is said in words (building: 5 of 6 days so far), and in the first six weeks "
        "a low strength too (building: 4 of the last 14 days).\n\n"
        "Examples:  mindlog streaks    ·  mindlog streaks --json"
    ),
)
def show_streaks(
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    reading.show_streaks(Session(), as_json)


@command(
    "reflect",
    help=(
        "Look back: your statement, your wins by the five factors, wins from a week, a month or a "
        "year ago, and a few questions to reflect on.\n\n"
        "Examples:  mindlog reflect    ·  mindlog reflect --month    ·  mindlog reflect --year"
    ),
)
def show_reflection(
    week: Annotated[bool, typer.Option("--week", help="The last 7 days (the default).")] = False,
    month: Annotated[bool, typer.Option("--month", help="The last 30 days.")] = False,
    year: Annotated[bool, typer.Option("--year", help="The last 365 days.")] = False,
) -> None:
    if week + month + year > 1:
        raise fail("choose one of --week, --month and --year")
    reading.show_reflection(Session(), "month" if month else "year" if year else "week")


@command(
    "rest",
    help=(
        "Mark a planned rest day. Resting is part of recovery: no practice's run is interrupted by it.\n\n"
        "Examples:  mindlog rest    ·  mindlog rest 'Visiting family' --date yesterday"
    ),
)
def rest(
    reason: Annotated[
        str | None, typer.Argument(help="Why, if you like (optional).", show_default=False)
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help=DATE_HELP, show_default=False)
    ] = None,
) -> None:
    session = Session()
    day = session.day(date)
    if reason is not None:
        text: str | None = check_text(reason, "reason")
    elif not prompts.interactive():
        piped = prompts.read_piped()
        text = piped if piped.strip() else None
    else:
        text = None
    when = "Today" if day == session.today else friendly(day.isoformat())
    known = session.view_for_writing()  # None: encrypted and locked; a second rest is harmless
    # a rest day of one practice only (an import from Loop) leaves the day open for this one
    if known is not None and any(not e.fields.get("practice_id") for e in known.on(day, "rest")):
        out.say(f"{when} is already a rest day. Rest well.")
        return
    at, timed = session.when(day)
    session.write([add_event("rest", day, at, text, **timed)])
    why = f" ({one_line(text, 50)})" if text else ""
    out.say(f"{when} is a rest day{why}. Rest is part of the work; your runs carry across it.")
