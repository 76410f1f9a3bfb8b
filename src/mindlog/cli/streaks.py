"""Streaks, reflections and rest days."""

from __future__ import annotations

from typing import Annotated

import typer

from mindlog.cli import everyday
from mindlog.cli.app import DATE_HELP, Session, command, fail
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
    everyday.rest(reason, date)
