"""Reading commands: the dashboard (mindlog, mindlog today). `list` lives in cli/data.py."""

from __future__ import annotations

from typing import Annotated

import typer

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
) -> None:
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
