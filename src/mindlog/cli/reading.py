"""Reading commands: the dashboard (mindlog, mindlog today). `list` lives in cli/data.py."""

from __future__ import annotations

from typing import Annotated

import typer

from mindlog.cli.app import Session, app, command, handle_errors, version_callback


@app.callback()
@handle_errors
def main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Show the version and exit.",
            callback=version_callback,
            is_eager=True,
        ),
    ] = False,
) -> None:
    if ctx.invoked_subcommand is None:
        show_today()


def show_today() -> None:
    session = Session()
    journal = session.journal()
    from mindlog import practices, reflect, render, streaks, words

    days = streaks.practice_days(journal.entries)
    # Back after three days or more: a welcome and what lasts open the view, in place of the
    # practice lines (numbers that moved are not the first thing to see after time away).
    welcome = reflect.coming_back_lines(journal.entries, days, session.today)
    used = reflect.days_used(days, session.today)
    practice = (
        []
        if welcome
        else [
            words.practice_line(name, s.current, s.total_days, s.strength, done, used)
            for name, s, done in streaks.today_lines(days, session.today)
        ]
        + [practices.line(f, used) for f in practices.figures(journal.entries, session.today)]
    )
    render.dashboard(journal, session.today, session.config.routine, practice, welcome=welcome)


@command(
    "today",
    help="Today at a glance: your statement, this morning's routine, today's wins, one past win.\n\n"
    "Example:  mindlog today   (the same as plain mindlog)",
)
def today() -> None:
    show_today()
