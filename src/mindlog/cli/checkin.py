"""How the day is going: `mindlog checkin` (mood, energy, sleep) and `mindlog setback`."""

from __future__ import annotations

from typing import Annotated

import typer

from mindlog.cli import everyday, prompts
from mindlog.cli.app import DATE_HELP, Session, command
from mindlog.cli.completion import complete_scales
from mindlog.cli.scales import _scales
from mindlog.domain import words
from mindlog.domain.checkins import QUESTIONS
from mindlog.domain.journal import add_event, check_text
from mindlog.render import out

DateOption = Annotated[str | None, typer.Option("--date", "-d", help=DATE_HELP, show_default=False)]


def _scale_option(name: str) -> object:
    question, meaning = QUESTIONS[name]
    return typer.Option(
        f"--{name}", metavar="N", help=f"{question} 1 to 5 ({meaning}).", show_default=False
    )


@command(
    "checkin",
    help=(
        "A short check-in: mood, energy and sleep, each from 1 to 5, and a note if you like.\n\n"
        "With no values given, it asks for each on a terminal (Enter skips any), then for "
        "your own scales. Check in as often as you like: each check-in is kept with its time, "
        "and views use the day's mean.\n\n"
        "Scales of your own:  mindlog checkin scales add anxiety    ·  mindlog checkin scales    ·  "
        "mindlog checkin scales remove anxiety\n\n"
        "Examples:  mindlog checkin    ·  mindlog checkin --mood 3 --sleep 2    ·  "
        "mindlog checkin --energy 4 'Slept better after the walk'    ·  "
        "mindlog checkin --scale anxiety=2"
    ),
)
def checkin(
    note: Annotated[
        list[str] | None,
        typer.Argument(help="A few words about today (optional).", show_default=False),
    ] = None,
    mood: Annotated[str | None, _scale_option("mood")] = None,
    energy: Annotated[str | None, _scale_option("energy")] = None,
    sleep: Annotated[str | None, _scale_option("sleep")] = None,
    scale: Annotated[
        list[str] | None,
        typer.Option(
            "--scale",
            help="A scale of your own, as NAME=N (1 to 5; repeatable).",
            show_default=False,
            autocompletion=complete_scales,
        ),
    ] = None,
    date: DateOption = None,
) -> None:
    if note and note[0] == "scales":  # mindlog checkin scales [add NAME | remove NAME]
        _scales(note[1:])
        return
    everyday.checkin(note, mood, energy, sleep, scale, date)


# -- setback -----------------------------------------------------------------------------------


@command(
    "setback",
    help=(
        "Log a hard day or a setback. It is part of recovery: nothing you have built goes down.\n\n"
        "Leave out TEXT to be asked (a few words, or Enter to just mark the day): private words "
        "then stay out of your shell history.\n\n"
        "Examples:  mindlog setback    ·  mindlog setback --date yesterday"
    ),
)
def setback(
    text: Annotated[
        str | None,
        typer.Argument(help="What made it hard (leave out to be asked).", show_default=False),
    ] = None,
    date: DateOption = None,
) -> None:
    session = Session()
    day = session.day(date)
    if text is not None:
        body: str | None = check_text(text, "text")
    elif prompts.interactive():
        answer = prompts.ask("What made it hard? (a few words, or Enter to just mark the day) ")
        body = check_text(answer, "text") if answer and answer.strip() else None
    else:
        piped = prompts.read_piped()
        body = check_text(piped, "text") if piped.strip() else None
    at, timed = session.when(day)
    event = add_event("setback", day, at, body, **timed)
    session.write([event])
    out.say(words.pick(words.SETBACK_REPLIES, event["entry"]["id"]))
    out.say(words.SETBACK_SUPPORT)
