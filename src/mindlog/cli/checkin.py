"""How the day is going: `mindlog checkin` (mood, energy, sleep) and `mindlog setback`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mindlog.cli import prompts
from mindlog.cli.app import DATE_HELP, Session, command, fail
from mindlog.cli.completion import complete_scales
from mindlog.cli.scales import _own_flags, _scales
from mindlog.domain import words
from mindlog.domain.checkins import (
    QUESTIONS,
    SCALES,
    ScaleError,
    count_words,
    mean_of,
    own_question,
    own_scales,
    parse_scale,
)
from mindlog.domain.journal import add_event, check_text
from mindlog.domain.model import Entry
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
    flags = {"mood": mood, "energy": energy, "sleep": sleep}
    given: dict[str, int] = {}
    try:
        for name, raw in flags.items():
            if raw is not None:
                given[name] = parse_scale(name, raw)
    except ScaleError as exc:
        raise fail(f"{exc}; nothing was saved") from None
    text = check_text(" ".join(note), "note") if note else None
    session = Session()
    day = session.day(date)
    journal = session.journal_for_writing()  # None when the journal is locked
    mine = [name for _, name in own_scales(journal.entries)] if journal is not None else []
    try:
        given.update(_own_flags(scale or [], mine))
    except ScaleError as exc:
        raise fail(f"{exc}; nothing was saved") from None
    earlier = journal.on(day, "checkin") if journal is not None else []
    if not given:
        given, asked_text = _ask(earlier, ask_note=text is None, own=mine)
        text = text if text is not None else asked_text
    if not given and text is None:
        out.say(words.CHECKIN_NOTHING)
        return
    builtin = {name: given.get(name) for name in SCALES}
    extra = {name: got for name, got in given.items() if name not in SCALES}
    fields: dict[str, Any] = {**builtin, **({"scales": extra} if extra else {})}
    at, timed = session.when(day)
    session.write([add_event("checkin", day, at, text, (), **fields, **timed)])
    out.say(words.CHECKIN_SAVED)
    if earlier:
        out.say(count_words(len(earlier) + 1, day == session.today))
    mood_now = given.get("mood")
    if mood_now is not None and mood_now <= 2 and day == session.today:
        out.say(words.CHECKIN_GENTLE)


def _ask(earlier: list[Entry], ask_note: bool, own: list[str]) -> tuple[dict[str, int], str | None]:
    """Ask for each scale on a terminal (Enter skips), your own after the three, then for a note.

    Piped standard input answers the same questions, one line each (an empty line skips), and
    whatever follows the answers is the note.
    """
    if not prompts.interactive():
        return _read_answers(ask_note, own)
    given: dict[str, int] = {}
    out.say("A short check-in (press Enter to skip any):")
    for name in (*SCALES, *own):
        question, meaning = QUESTIONS.get(name, own_question(name))
        before = mean_of(earlier, [name])[name] if earlier else None
        mark = f"; earlier today: {before:g}" if before is not None else ""
        while True:
            answer = prompts.ask(f"  {question} ({meaning}{mark}) ")
            if answer is None or not answer.strip():
                break
            try:
                given[name] = parse_scale(name, answer)
                break
            except ScaleError as exc:
                out.note(str(exc))
    if not ask_note:
        return given, None
    answer = prompts.ask("  Anything you would like to add? (Enter to skip) ")
    if answer is None or not answer.strip():
        return given, None
    return given, check_text(answer, "note")


def _read_answers(ask_note: bool, own: list[str]) -> tuple[dict[str, int], str | None]:
    lines = prompts.read_piped().split("\n")
    given: dict[str, int] = {}
    asked = (*SCALES, *own)
    for name, answer in zip(asked, lines, strict=False):
        if answer.strip():
            try:
                given[name] = parse_scale(name, answer.rstrip("\r"))
            except ScaleError as exc:
                raise fail(f"{exc}; nothing was saved") from None
    note = "\n".join(lines[len(asked) :])
    if not ask_note or not note.strip():
        return given, None
    return given, check_text(note, "note")


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
