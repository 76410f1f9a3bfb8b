"""`mindlog urge`: an urge, what you did instead, and whether it passed."""

from __future__ import annotations

from typing import Annotated

import typer

from mindlog.cli import everyday
from mindlog.cli.app import DATE_HELP, command


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
    everyday.urge(about, strength, instead, passed, date)
