"""`mindlog urge`: an urge, what you did instead, and whether it passed."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mindlog.cli import prompts
from mindlog.cli.app import DATE_HELP, Session, command, fail
from mindlog.domain import urges, words
from mindlog.domain.journal import add_event, check_text
from mindlog.render import out


@command(
    "urge",
    help=(
        "Note an urge: what it was about, how strong (0 to 5), what you did instead, and "
        "whether it passed. One that passed is also a win for choice.\n\n"
        "With no options on a terminal it asks (Enter skips any): private words then stay out "
        "of your shell history.\n\n"
        "Examples:  mindlog urge    ·  mindlog urge --strength 4 --instead 'Went for a walk' --passed"
    ),
)
def urge(
    about: Annotated[
        str | None, typer.Option("--about", help="What the urge was about.", show_default=False)
    ] = None,
    strength: Annotated[
        str | None,
        typer.Option("--strength", "-s", help="How strong, 0 to 5.", show_default=False),
    ] = None,
    instead: Annotated[
        str | None,
        typer.Option("--instead", "-i", help="What you did instead.", show_default=False),
    ] = None,
    passed: Annotated[
        bool | None,
        typer.Option(
            "--passed/--acted",
            help="Whether it passed without acting on it, or you acted on it.",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help=DATE_HELP, show_default=False)
    ] = None,
) -> None:
    try:
        level = urges.parse_strength(strength) if strength is not None else None
    except urges.UrgeError as exc:
        raise fail(f"{exc}; nothing was saved") from None
    about_text = check_text(about, "urge") if about is not None else None
    instead_text = check_text(instead, "answer") if instead is not None else None
    session = Session()
    day = session.day(date)
    if (about, strength, instead, passed) == (None, None, None, None):
        about_text, level, instead_text, passed = _ask()
        if (about_text, level, instead_text, passed) == (None, None, None, None):
            out.say(urges.NOTHING)
            return
    fields: dict[str, Any] = {
        "about": about_text,
        "strength": level,
        "instead": instead_text,
        "passed": passed,
    }
    at, timed = session.when(day)
    event = add_event("urge", day, at, None, **fields, **timed)
    events = [event]
    if passed:
        win = urges.win_text(instead_text)
        link = {"urge": event["entry"]["id"], **timed}
        events.append(add_event("win", day, at, win, ["choice"], **link))
    session.write(events)
    if passed:
        out.say(urges.PASSED_REPLY)
        out.say(urges.PASSED_SAVOUR)
    elif passed is False:
        out.say(words.pick(urges.ACTED_REPLIES, event["entry"]["id"]))
        out.say(urges.ACTED_SUPPORT)
    else:
        out.say(urges.NOTED)


def _ask() -> tuple[str | None, int | None, str | None, bool | None]:
    """The four questions on a terminal; piped standard input answers them one line each."""
    if not prompts.interactive():
        lines = prompts.read_piped().split("\n")
        answers = [*lines[:4], *[""] * (4 - len(lines[:4]))]
        try:
            return _answers(answers)
        except urges.UrgeError as exc:
            raise fail(f"{exc}; nothing was saved") from None
    got: list[str] = []
    for number, question in enumerate(urges.QUESTIONS):
        while True:
            answer = prompts.ask(question) or ""
            try:
                if number == 1 and answer.strip():
                    urges.parse_strength(answer)
                if number == 3:
                    urges.parse_passed(answer)
                break
            except urges.UrgeError as exc:
                out.note(str(exc))
        got.append(answer)
    return _answers(got)


def _answers(answers: list[str]) -> tuple[str | None, int | None, str | None, bool | None]:
    about, strength, instead, passed = (a.rstrip("\r") for a in answers)
    return (
        check_text(about, "urge") if about.strip() else None,
        urges.parse_strength(strength) if strength.strip() else None,
        check_text(instead, "answer") if instead.strip() else None,
        urges.parse_passed(passed),
    )
