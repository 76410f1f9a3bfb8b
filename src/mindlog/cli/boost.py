"""`mindlog boost`: your own list of songs, podcasts and words that lift you."""

from __future__ import annotations

from typing import Annotated

import typer

from mindlog.cli import everyday, prompts
from mindlog.cli.app import Session, app, command, fail, handle_errors
from mindlog.domain.journal import check_text
from mindlog.domain.safe import one_line
from mindlog.domain.typed import digits_hint, whole
from mindlog.render import out
from mindlog.usecases import personal

boost_app = typer.Typer(
    help=(
        "Your own list of songs, podcasts and words that lift you. On its own, mindlog boost "
        "offers one, a different one each time.\n\n"
        "Examples:  mindlog boost    ·  mindlog boost add 'Here Comes the Sun'    ·  "
        "mindlog boost list    ·  mindlog boost remove 2"
    ),
    invoke_without_command=True,
    rich_markup_mode="rich",
)
app.add_typer(boost_app, name="boost")


@boost_app.callback()
@handle_errors
def boost_main(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        offer()


def offer() -> None:
    everyday.boost_offer()


@command("list", on=boost_app, help="List your boosts, numbered.\n\nExample:  mindlog boost list")
def boost_list() -> None:
    everyday.boost_list()


@command(
    "add",
    on=boost_app,
    help=(
        "Add a song, a podcast or a few words that lift you.\n\n"
        "Leave out TEXT to be asked for it.\n\n"
        "Examples:  mindlog boost add 'Here Comes the Sun'    ·  mindlog boost add"
    ),
)
def boost_add(
    text: Annotated[
        str | None, typer.Argument(help="The boost (leave out to be asked).", show_default=False)
    ] = None,
) -> None:
    session = Session()
    if text is None:
        if prompts.interactive():
            text = prompts.ask("What lifts you? (a song, a podcast, a few words) ")
            if text is None or not text.strip():
                out.say("Nothing was added. Your list is here whenever you want it.")
                return
        else:
            text = prompts.read_piped()
    item = check_text(text, "boost").strip()

    def add(items: list[str]) -> list[str]:
        if any(i.strip().casefold() == item.casefold() for i in items):
            raise fail(f"{one_line(item)!r} is already in your boosts")
        return [*items, item]

    items = personal.change_boosts(session, add, additive=True)
    if items is None:
        out.say(f"Added: {one_line(item)}  (your list shows it once the journal is unlocked)")
    else:
        out.say(f"Added: {one_line(item)}  ({len(items)} in your list)")


@command(
    "remove", on=boost_app, help="Remove a boost by its number.\n\nExample:  mindlog boost remove 2"
)
def boost_remove(
    number: Annotated[str, typer.Argument(help="The number mindlog boost list shows.")],
) -> None:
    removed: list[str] = []

    def drop(items: list[str]) -> list[str]:
        wanted = whole(number, 1, len(items))
        if wanted is None:
            count = f"1 to {len(items)}" if items else "none yet"
            raise fail(
                f"{number!r} is not the number of a boost (numbers: {count}){digits_hint(number)}"
            )
        removed.append(items.pop(wanted - 1))
        return items

    personal.change_boosts(Session(), drop)
    out.say(f"Removed: {one_line(removed[0])}")
