"""Reading commands: the dashboard (mindlog, mindlog today). `list` lives in cli/data.py."""

from __future__ import annotations

from typing import Annotated

import typer

from mindlog.cli import completion
from mindlog.cli.app import Session, app, command, handle_errors, version_callback
from mindlog.usecases import reading


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
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            help="Tab completion in your shell, from the next terminal on.",
            callback=completion.install_option,
            is_eager=True,
            expose_value=False,
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            help="Print the Tab completion script, to install it your way.",
            callback=completion.show_option,
            is_eager=True,
            expose_value=False,
        ),
    ] = False,
) -> None:
    from mindlog.cli import access

    access.switch()  # the accessible mode, for every command
    if ctx.invoked_subcommand is None:
        show_today()


def show_today() -> None:
    reading.dashboard(Session())


@command(
    "today",
    help="Today at a glance: your statement, this morning's routine, today's wins, one past win.\n\n"
    "Example:  mindlog today   (the same as plain mindlog)",
)
def today() -> None:
    show_today()
