"""`mindlog help [COMMAND]`: the same as `mindlog [COMMAND] --help`."""

from __future__ import annotations

from typing import Annotated

import typer

from mindlog.cli.app import command
from mindlog.cli.completion import complete_commands


@command(
    "help",
    help=(
        "Show the help of mindlog, or of one of its commands (the same as --help). "
        "mindlog help accessibility tells of the linear mode for screen readers.\n\n"
        "Examples:  mindlog help    ·  mindlog help win    ·  mindlog help accessibility"
    ),
)
def help_command(
    ctx: typer.Context,
    name: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[COMMAND]",
            help="A command's name.",
            show_default=False,
            autocompletion=complete_commands,
        ),
    ] = None,
) -> None:
    from mindlog.domain.words import HELP_TOPICS

    if name is not None and len(name) == 1 and name[0] in HELP_TOPICS:
        from mindlog.cli.quick import topic

        raise typer.Exit(topic(name[0]))  # a page of its own: mindlog help accessibility
    root = ctx.find_root()
    # The help of the named command, as --help shows it; a name mindlog does not know is told
    # like any other usage error (mindlog.cli.usage).
    code = root.command.main(
        [*(name or []), "--help"], prog_name=root.info_name or "mindlog", standalone_mode=False
    )
    if code:
        raise typer.Exit(code)
