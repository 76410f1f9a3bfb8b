"""Streaks, reflections and rest days."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from mindlog import checkins, out, prompts, reflect, streaks
from mindlog.cli.app import DATE_HELP, Session, command, fail
from mindlog.journal import add_event, check_text


def _trend(session: Session) -> list[Any]:
    from mindlog.render.checkins import trend_view

    trend = checkins.trend(session.journal().entries, session.today, weeks=6)
    return [] if trend.empty else [trend_view(trend)]


@command(
    "streaks",
    help=(
        "Your practices over time: days shown up, strength, runs, and a calendar of recent weeks.\n\n"
        "A run counts days in a row with the practice done or a rest day; today, not yet done, "
        "keeps a run that reached yesterday.\n\n"
        "Examples:  mindlog streaks    ·  mindlog streaks --json"
    ),
)
def show_streaks(
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    session = Session()
    days = streaks.practice_days(session.journal().entries)
    figures = streaks.all_streaks(days, session.today)
    if as_json:
        data: dict[str, Any] = {"today": session.today.isoformat()}
        data.update({p: s.to_json() for p, s in figures.items()})
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    from mindlog import render
    from mindlog.render.streaks import streaks_view

    render.show(streaks_view(figures, days, session.today, _trend(session)))


@command(
    "reflect",
    help=(
        "Look back: your statement, your wins by the five factors, wins from a week, a month or a "
        "year ago, and a few questions to reflect on.\n\n"
        "Examples:  mindlog reflect    ·  mindlog reflect --month"
    ),
)
def show_reflection(
    week: Annotated[bool, typer.Option("--week", help="The last 7 days (the default).")] = False,
    month: Annotated[bool, typer.Option("--month", help="The last 30 days.")] = False,
) -> None:
    if week and month:
        raise fail("choose one of --week and --month")
    session = Session()
    journal = session.journal()
    result = reflect.reflect(
        journal.entries, journal.statement(), session.today, "month" if month else "week"
    )
    from mindlog import render
    from mindlog.render.streaks import reflection_view

    render.show(reflection_view(result, _trend(session)))


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
    known = session.journal_for_writing()  # None: encrypted and locked; a second rest is harmless
    if known is not None and any(e.kind == "rest" for e in known.on(day)):
        out.say("That day is already a rest day. Rest well.")
        return
    session.write([add_event("rest", day, session.at, text)])
    when = "Today" if day == session.today else day.isoformat()
    out.say(f"{when} is a rest day. Rest is part of the work; your runs carry across it.")
