"""`mindlog support`: your own plan first, then where to find crisis help.

This command must always work: the plan is the journal's (mindlog.usecases.personal), and when
the journal, the settings or the plan cannot be read it says so in a line and still ends by
showing where to find help (the country then from this computer's copy in config.json). It prints plain lines (no rich) so that it starts as fast as mindlog can.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from mindlog.cli import prompts
from mindlog.cli.app import Session, app, command, fail, handle_errors
from mindlog.domain.journal import check_text
from mindlog.domain.plan import (
    SECTIONS,
    Plan,
    PlanError,
    fix_note,
    from_text,
    items_from,
    lower_heading,
    section_key,
    to_text,
)
from mindlog.domain.safe import one_line
from mindlog.domain.typed import digits_hint, whole
from mindlog.render import out
from mindlog.usecases import personal
from mindlog.usecases.support import show_support


class PageFormat(str, Enum):
    md = "md"
    html = "html"


support_app = typer.Typer(
    help=(
        "Your own support plan, then where to find crisis help for your country.\n\n"
        "The plan has seven sections, in your words: my reasons for living (reasons); "
        "warning signs (signs); things I can do on my own "
        "(coping); people and places that help me feel better (places); people I can ask for help "
        "(people); professionals and services (professionals); "
        "making my surroundings safer (safety). "
        "It is kept in your journal, so it syncs and is backed up with it; where to find help is "
        "shown even when the journal cannot be read.\n\n"
        "--print makes the whole plan one page to print or carry (Markdown, or --format html), "
        "with where to find help for your country.\n\n"
        "Examples:  mindlog support    ·  mindlog support add people    ·  "
        "mindlog support --edit    ·  "
        "mindlog support --country GB    ·  mindlog support --print -o plan.md    ·  "
        "mindlog support --print --format html -o plan.html"
    ),
    invoke_without_command=True,
    rich_markup_mode="rich",
)
app.add_typer(support_app, name="support")


@support_app.callback()
@handle_errors
def support_main(
    ctx: typer.Context,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            metavar="CC",
            help="A two-letter country code, this time only "
            "(to keep one: mindlog config country CC).",
            show_default=False,
        ),
    ] = None,
    edit: Annotated[
        bool, typer.Option("--edit", help="Edit the whole plan in your editor.")
    ] = False,
    print_page: Annotated[
        bool,
        typer.Option("--print", help="The whole plan as one page to print or carry."),
    ] = False,
    fmt: Annotated[
        PageFormat,
        typer.Option("--format", "-f", help="With --print: md or html.", case_sensitive=False),
    ] = PageFormat.md,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="With --print: write to this file.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="With --print -o: replace FILE if it exists.")
    ] = False,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    if not print_page and (output is not None or fmt is not PageFormat.md or force):
        raise fail("--format, -o and --force go with --print", "mindlog support --print -o plan.md")
    if print_page:
        if edit:
            raise fail("choose one of --print and --edit")
        from mindlog.cli.companion import print_plan

        if not handle_errors(print_plan)(country, fmt.value, output, force):
            raise typer.Exit(1)
        return
    if edit:
        handle_errors(_edit_plan)()
        return
    if not show_support(country):
        raise typer.Exit(1)


# -- add and remove ----------------------------------------------------------------------------


@command(
    "add",
    on=support_app,
    help=(
        "Add to a section of your plan: reasons, signs, coping, places, people, professionals or "
        "safety.\n\n"
        "Leave out TEXT to be asked (one line each, an empty line to finish): private words then "
        "stay out of your shell history.\n\n"
        "Examples:  mindlog support add people    ·  "
        "mindlog support add reasons    ·  mindlog support add coping 'Walk round the block'"
    ),
)
def support_add(
    section: Annotated[
        str,
        typer.Argument(
            help="One of reasons, signs, coping, places, people, professionals or safety."
        ),
    ],
    text: Annotated[
        str | None, typer.Argument(help="What to add (leave out to be asked).", show_default=False)
    ] = None,
) -> None:
    key = section_key(section)
    heading, guidance = SECTIONS[key]
    session = Session()
    if text is not None:
        items = items_from(check_text(text, "text"))
    elif prompts.interactive():
        out.say(f"{heading}: {guidance}")
        out.say("One per line; press Enter on an empty line to finish.")
        items = []
        while True:
            answer = prompts.ask("> ")
            if answer is None or not answer.strip():
                break
            items += items_from(check_text(answer, "text"))
        if not items:
            out.say("Nothing was added. Your plan is here whenever you want it.")
            return
    else:
        items = items_from(check_text(prompts.read_piped(), "text"))
    if not items:
        raise fail("the text is empty; nothing was saved")
    personal.change_plan(
        session, lambda plan: plan.sections.setdefault(key, []).extend(items), additive=True
    )
    if len(items) == 1:
        out.say(f"Added to {lower_heading(key)}: {one_line(items[0])}")
    else:
        out.say(f"Added {len(items)} lines to {lower_heading(key)}.")


@command(
    "remove",
    on=support_app,
    help=(
        "Remove one line from a section of your plan, by its number in mindlog support.\n\n"
        "Example:  mindlog support remove people 2"
    ),
)
def support_remove(
    section: Annotated[
        str,
        typer.Argument(
            help="One of reasons, signs, coping, places, people, professionals or safety."
        ),
    ],
    number: Annotated[str, typer.Argument(help="The line's number, as mindlog support shows it.")],
) -> None:
    key = section_key(section)
    removed: list[str] = []

    def drop(plan: Plan) -> None:
        items = plan.sections.get(key) or []
        wanted = whole(number, 1, len(items))
        if wanted is None:
            count = f"1 to {len(items)}" if items else "none yet"
            raise PlanError(
                f"{number!r} is not a line of {lower_heading(key)} (lines: {count})"
                + digits_hint(number)
            )
        removed.append(items.pop(wanted - 1))

    personal.change_plan(Session(), drop)
    out.say(f"Removed from {lower_heading(key)}: {one_line(removed[0])}")


# -- the whole plan in the editor --------------------------------------------------------------


def _edit_plan() -> None:
    session = Session()
    where = session.where
    before = personal.plan(session)
    if not prompts.interactive():
        text = prompts.read_piped()
        if not text.strip():
            raise fail("nothing to read on standard input; your plan is unchanged")
        _save_sections(session, before, from_text(text))
        return
    editor = prompts.editor_command(session.config.get("editor"))
    if not editor:
        _walk_through(session, before)
        return
    initial = to_text(before)
    notes: list[str] = []  # the lines mindlog adds above the text when it opens it again
    while True:
        edited = prompts.edit(initial, editor, where)
        if edited is None:
            out.say("The editor did not finish, so your plan is unchanged.")
            return
        try:
            sections = from_text(edited, notes)
        except PlanError as exc:
            out.note(exc.message)
            if prompts.yes_no_skip("Open the editor again to fix it? (y/n) ") is True:
                notes.append(fix_note(exc.message))
                initial = f"{notes[-1]}\n\n{edited}\n"
                continue
            raise fail("your plan is unchanged") from None
        after = {**before.sections, **sections}
        if not before.empty and not any(after.get(k) for k in SECTIONS):
            answer = prompts.yes_no_skip("This leaves your plan empty. Save it like that? (y/n) ")
            if answer is not True:
                out.say("Your plan is unchanged.")
                return
        _save_sections(session, before, sections)
        return


def _walk_through(session: Session, before: Plan) -> None:
    """No editor: go through the sections one by one, adding lines (an empty line moves on)."""
    out.say("No editor is set ($EDITOR), so let us go through your plan section by section.")
    out.say("Type one thing per line; an empty line moves on to the next section.")
    added: dict[str, list[str]] = {}
    for key, (heading, guidance) in SECTIONS.items():
        out.say("")
        out.say(f"{heading}: {guidance}")
        for item in before.sections.get(key) or []:
            out.say(f"  already there: {one_line(item)}")
        while True:
            answer = prompts.ask("> ")
            if answer is None or not answer.strip():
                break
            added.setdefault(key, []).extend(items_from(check_text(answer, "text")))
    if not added:
        out.say("Nothing was added. Your plan is here whenever you want it.")
        return

    def extend(plan: Plan) -> None:
        for key, items in added.items():
            plan.sections.setdefault(key, []).extend(items)

    personal.change_plan(session, extend)
    count = sum(len(items) for items in added.values())
    out.say(f"Added {count} line{'s' if count != 1 else ''} to your support plan.")
    out.say("To change or remove lines: mindlog support remove SECTION N, or set $EDITOR.")


def _save_sections(session: Session, before: Plan, sections: dict[str, list[str]]) -> None:
    if not sections:
        raise fail("no [section] headings were found; your plan is unchanged")
    if all(before.sections.get(k, []) == v for k, v in sections.items()):
        out.say("No changes to your plan.")
        return

    def replace(plan: Plan) -> None:
        plan.sections.update(sections)

    plan = personal.change_plan(session, replace)
    lines = sum(len(plan.sections.get(k) or []) for k in SECTIONS)
    filled = sum(1 for k in SECTIONS if plan.sections.get(k))
    out.say(
        f"Your support plan is saved: {lines} line{'s' if lines != 1 else ''} "
        f"in {filled} of {len(SECTIONS)} sections."
    )
