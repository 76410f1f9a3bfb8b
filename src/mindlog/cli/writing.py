"""Writing commands: commit, morning, routine, win."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mindlog.cli import everyday, prompts
from mindlog.cli.app import DATE_HELP, Session, app, command, fail, handle_errors
from mindlog.domain import words
from mindlog.domain.days import friendly
from mindlog.domain.errors import MindlogError
from mindlog.domain.journal import add_event, check_text
from mindlog.domain.model import FACTORS, factors_from, near_factor
from mindlog.render import out
from mindlog.usecases import morning as morning_steps
from mindlog.usecases import personal, wins

DateOption = Annotated[str | None, typer.Option("--date", "-d", help=DATE_HELP, show_default=False)]


def _text_or_ask(session: Session, text: str | None, question: str, what: str) -> str | None:
    """The text given, else piped stdin, else one question at the terminal (None if skipped)."""
    if text is not None:
        return check_text(text, what)
    if not prompts.interactive():
        return check_text(prompts.read_piped(), what)
    answer = prompts.ask(question)
    if answer is None or not answer.strip():
        return None
    return check_text(answer, what)


# -- commit ------------------------------------------------------------------------------------


@command(
    "commit",
    help=(
        "Write, keep and re-read your commitment statement: why you chose recovery.\n\n"
        "With no TEXT it opens your editor on a few guiding questions (or asks them one by one).\n"
        "Every version is kept.\n\n"
        "Examples:  mindlog commit    ·  mindlog commit --show    ·  mindlog commit --reaffirm"
    ),
)
def commit(
    text: Annotated[
        str | None,
        typer.Argument(
            help="The statement (leave out to be asked: keeps it out of shell history)."
        ),
    ] = None,
    show: Annotated[bool, typer.Option("--show", help="Show your current statement.")] = False,
    reaffirm: Annotated[
        bool, typer.Option("--reaffirm", help="Record that you re-read it and stand by it today.")
    ] = False,
    date: DateOption = None,
) -> None:
    if show and not reaffirm and text is None:
        everyday.commit_show()  # the fast path's way too (mindlog.cli.quick)
        return
    session = Session()
    if show and reaffirm:
        raise fail("choose one of --show and --reaffirm")
    if (show or reaffirm) and text is not None:
        raise fail("--show and --reaffirm take no text")
    known = session.view_for_writing()  # None: encrypted and locked (writing needs no key)
    current = known.statement() if known is not None else None
    day = session.day(date)
    if reaffirm:
        if current is None and known is not None:
            raise fail(words.NO_STATEMENT)
        statement = current.id if current is not None else None
        at, timed = session.when(day)
        session.write([add_event("reaffirm", day, at, None, statement=statement, **timed)])
        if day == session.today:
            out.say(words.REAFFIRMED)
        else:
            out.say(words.REAFFIRMED_ON.format(day=friendly(day.isoformat())))
        return
    statement = _statement_text(session, text, current.text if current else None)
    if statement is None:
        out.say("Nothing was saved. Your statement can wait until you are ready.")
        return
    if current is not None and statement == current.text:
        out.say("No changes to your statement; nothing was saved.")
        return
    at, timed = session.when(day)
    session.write([add_event("commitment", day, at, statement, **timed)])
    out.say(words.COMMIT_SAVED)


def _statement_text(session: Session, text: str | None, current: str | None) -> str | None:
    if text is not None or not prompts.interactive():
        return _text_or_ask(session, text, "", "statement")
    editor = prompts.editor_command(session.config.get("editor"))
    if editor:
        edited = prompts.edit(current or "", editor, session.where, guide=words.STATEMENT_TEMPLATE)
        if edited is None or not edited.strip():
            return None
        return check_text(edited, "statement")
    out.say("A few questions to help (press Enter to skip any):")
    answers = []
    for question in words.STATEMENT_QUESTIONS:
        answer = prompts.ask(f"{question}\n> ")
        if answer and answer.strip():
            answers.append(answer.strip())
    return check_text("\n\n".join(answers), "statement") if answers else None


# -- morning and routine -----------------------------------------------------------------------


def find_item(items: list[str], wanted: str) -> str:
    try:
        return morning_steps.find_item(items, wanted)
    except MindlogError as exc:
        raise fail(exc.message) from None


@command(
    "morning",
    help=(
        "Check off your morning routine, your way of setting the tone for the day.\n\n"
        "On a terminal it asks item by item (y done, n not today, Enter skips). "
        "Running it again the same day updates that day.\n\n"
        "Examples:  mindlog morning    ·  mindlog morning --all    ·  mindlog morning --done water"
    ),
)
def morning(
    all_: Annotated[bool, typer.Option("--all", "-a", help="Mark every item done.")] = False,
    done: Annotated[
        list[str] | None,
        typer.Option(
            "--done",
            metavar="ITEM",
            help="Mark one item done, by number or words (repeatable).",
            show_default=False,
        ),
    ] = None,
    date: DateOption = None,
) -> None:
    morning_steps.morning(Session(), all_, done, date, prompts.yes_no_skip)


routine_app = typer.Typer(
    help=(
        "See or change the items of your morning routine.\n\n"
        "Examples:  mindlog routine    ·  mindlog routine add 'Stretch for a minute'    ·  "
        "mindlog routine remove 2"
    ),
    invoke_without_command=True,
    rich_markup_mode="rich",
)
app.add_typer(routine_app, name="routine")


@routine_app.callback()
@handle_errors
def routine_default(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        everyday.routine_list()


@command("list", on=routine_app, help="List the items of your routine.")
def routine_list() -> None:
    everyday.routine_list()


@command("add", on=routine_app, help="Add an item to the end of your routine.")
def routine_add(text: Annotated[str, typer.Argument(help="The new item.")]) -> None:
    session = Session()
    item = " ".join(check_text(text, "item").split())

    def add(items: list[str]) -> list[str]:
        if any(i.lower() == item.lower() for i in items):
            raise fail(f"{item!r} is already in your routine")
        return [*items, item]

    # read, change and write under one lock; an encrypted journal's routine takes an addition
    # while it is locked (it joins the routine, sealed, at its end)
    personal.change_routine(session, add, additive=True)
    out.say(f"Added: {item}")


@command("remove", on=routine_app, help="Remove an item, by its number or its words.")
def routine_remove(
    item: Annotated[str, typer.Argument(help="The item's number or words.")],
) -> None:
    session = Session()
    removed: list[str] = []

    def remove(items: list[str]) -> list[str]:
        found = find_item(items, item)
        removed.append(found)
        return [i for i in items if i != found]

    personal.change_routine(session, remove)
    out.say(f"Removed: {removed[0]}. Past mornings keep it as they were.")


# -- win ---------------------------------------------------------------------------------------


@command(
    "win",
    help=(
        "Log an effort or a win, and take a moment to savour it.\n\n"
        "Leave out TEXT to be asked for it: private words then stay out of your shell history. "
        "Tag it with the five factors (commitment, meaning, choice, competence, progress) or any word.\n\n"
        "Examples:  mindlog win    ·  mindlog win 'Called my sister' -t meaning    ·  "
        "echo 'Went for a walk' | mindlog win -q"
    ),
)
def win(
    text: Annotated[
        str | None, typer.Argument(help="What you did (leave out to be asked).", show_default=False)
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="A factor or any word (repeatable).", show_default=False),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Save without the reply.")] = False,
    date: DateOption = None,
) -> None:
    session = Session(lean=True)  # as the fast path's win
    day = session.day(date)
    try:
        tag_list = wins.tags(tag or [])
    except ValueError as exc:
        raise fail(str(exc)) from None
    tag_list = _factors_meant(tag_list)
    body = _text_or_ask(session, text, "What effort would you like to note? ", "win")
    if body is None:
        out.say("Nothing was saved. Come back whenever you like.")
        return
    if text is None and prompts.interactive() and not set(tag_list) & set(FACTORS):
        tag_list = [*tag_list, *_ask_factors()]
    reply = wins.log(session, day, body, tag_list)
    if not quiet:
        out.say(reply)


def _factors_meant(tag_list: list[str]) -> list[str]:
    """The tags, each one within two letters of a factor asked about on a terminal ("did you
    mean competence?"); without a terminal such a tag stops the win with that hint."""
    chosen: list[str] = []
    for tag in tag_list:
        factor = near_factor(tag)
        if factor is not None and not prompts.interactive():
            raise fail(
                words.FACTOR_NEAR.format(tag=tag, factor=factor),
                words.FACTOR_NEAR_HINT.format(factor=factor),
            )
        if factor is not None:
            question = words.FACTOR_NEAR_QUESTION.format(factor=factor, tag=tag)
            if prompts.yes_no_skip(question) is not False:
                tag = factor
        chosen.append(tag)
    return list(dict.fromkeys(chosen))


def _ask_factors() -> list[str]:
    """The one optional question of an interactive win: which of the five factors it touches."""
    while True:
        answer = prompts.ask(words.FACTOR_QUESTION)
        if answer is None or not answer.strip():
            return []
        try:
            return factors_from(answer)
        except ValueError:
            sys.stderr.write(words.FACTOR_AGAIN + "\n")
