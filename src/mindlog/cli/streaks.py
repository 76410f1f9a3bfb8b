"""Streaks, reflections and rest days."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from mindlog import checkins, out, practices, prompts, reflect, streaks, words
from mindlog.cli.app import DATE_HELP, Session, command, fail
from mindlog.days import friendly
from mindlog.journal import add_event, check_text
from mindlog.safe import one_line


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
    mine = practices.join(days, session.journal().entries, session.today)
    if as_json:
        data: dict[str, Any] = {"today": session.today.isoformat()}
        data.update({p: s.to_json() for p, s in figures.items()})
        data["practices"] = [f.to_json() for f in mine]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    from mindlog import render
    from mindlog.render.streaks import streaks_view
    from mindlog.render.trend import TrendChart

    for line in reflect.coming_back_lines(session.journal().entries, days, session.today):
        out.say(line)  # a welcome back opens the view, before any number
    young = (reflect.days_used(days, session.today) or 0) < words.STRENGTH_AFTER
    chart = TrendChart(checkins.daily_series(session.journal().entries, session.today))
    extra = _trend(session) if chart.empty else [chart, *_trend(session)]
    render.show(streaks_view(figures, days, session.today, extra, young=young, own=mine))


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
    session = Session()
    journal = session.journal()
    span = "month" if month else "year" if year else "week"
    result = reflect.reflect(journal.entries, journal.statement(), session.today, span)
    from mindlog import render
    from mindlog.render.streaks import reflection_view

    extra = _trend(session)
    if month:
        from mindlog import helps
        from mindlog.render.helps import helps_view

        found = helps.what_helps(journal.entries, result.start, session.today)
        extra = [helps_view([helps.sentence(f) for f in found]), *extra]
    render.show(reflection_view(result, extra))


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
    if any(e.kind == "rest" for e in session.journal().on(day)):
        out.say(f"{when} is already a rest day. Rest well.")
        return
    at, timed = session.when(day)
    session.write([add_event("rest", day, at, text, **timed)])
    why = f" ({one_line(text, 50)})" if text else ""
    out.say(f"{when} is a rest day{why}. Rest is part of the work; your runs carry across it.")
