"""How the day is going: `mindlog checkin` (mood, energy, sleep) and `mindlog setback`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mindlog import out, prompts, words
from mindlog.checkins import QUESTIONS, SCALES, ScaleError, parse_scale, value
from mindlog.cli.app import DATE_HELP, Session, command, fail
from mindlog.journal import Journal, add_event, check_text, update_event
from mindlog.model import Entry

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
        "With no values given, it asks for each on a terminal (Enter skips any). "
        "One check-in a day "
        "is the norm: a second one updates the day, changing only what you give.\n\n"
        "Examples:  mindlog checkin    ·  mindlog checkin --mood 3 --sleep 2    ·  "
        "mindlog checkin --energy 4 'Slept better after the walk'"
    ),
)
def checkin(
    note: Annotated[
        str | None, typer.Argument(help="A few words about today (optional).", show_default=False)
    ] = None,
    mood: Annotated[str | None, _scale_option("mood")] = None,
    energy: Annotated[str | None, _scale_option("energy")] = None,
    sleep: Annotated[str | None, _scale_option("sleep")] = None,
    date: DateOption = None,
) -> None:
    flags = {"mood": mood, "energy": energy, "sleep": sleep}
    given: dict[str, int] = {}
    try:
        for name, raw in flags.items():
            if raw is not None:
                given[name] = parse_scale(name, raw)
    except ScaleError as exc:
        raise fail(f"{exc}; nothing was saved") from None
    text = check_text(note, "note") if note is not None else None
    session = Session()
    day = session.day(date)
    journal = session.journal_for_writing()
    earlier = journal.on(day, "checkin") if journal is not None else []
    existing = earlier[-1] if earlier else None
    if not given:
        given, asked_text = _ask(existing, ask_note=text is None)
        text = text if text is not None else asked_text
    if not given and text is None:
        out.say(words.CHECKIN_NOTHING)
        return

    def build(journal: Journal) -> list[dict[str, Any]]:
        # The day's check-in as it is now (another run may have written one meanwhile).
        found = journal.on(day, "checkin")
        if found:
            changes: dict[str, object] = dict(given)
            if text is not None:
                changes["text"] = text
            return [update_event(found[-1].id, session.at, **changes)]
        scales = {name: given.get(name) for name in ("mood", "energy", "sleep")}
        at, timed = session.when(day)
        return [add_event("checkin", day, at, text, (), **scales, **timed)]

    (event,) = session.write_after_reading(build)
    out.say(words.CHECKIN_UPDATED if event["op"] == "update" else words.CHECKIN_SAVED)
    mood_now = given.get("mood")
    if mood_now is not None and mood_now <= 2 and day == session.today:
        out.say(words.CHECKIN_GENTLE)


def _ask(existing: Entry | None, ask_note: bool) -> tuple[dict[str, int], str | None]:
    """Ask for each scale on a terminal (Enter skips), then for a note.

    Piped standard input answers the same questions, one line each (an empty line skips), and
    whatever follows the three answers is the note.
    """
    if not prompts.interactive():
        return _read_answers(ask_note)
    given: dict[str, int] = {}
    out.say("A short check-in (press Enter to skip any):")
    for name in SCALES:
        question, meaning = QUESTIONS[name]
        before = value(existing, name) if existing is not None else None
        mark = f"; earlier: {before}" if before is not None else ""
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


def _read_answers(ask_note: bool) -> tuple[dict[str, int], str | None]:
    lines = prompts.read_piped().split("\n")
    given: dict[str, int] = {}
    for name, answer in zip(SCALES, lines, strict=False):
        if answer.strip():
            try:
                given[name] = parse_scale(name, answer.rstrip("\r"))
            except ScaleError as exc:
                raise fail(f"{exc}; nothing was saved") from None
    note = "\n".join(lines[len(SCALES) :])
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
