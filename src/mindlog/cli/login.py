"""Login commands: greet and shell-init (the work is done in mindlog.usecases.login, without Typer)."""

from __future__ import annotations

from typing import Annotated

import typer

from mindlog.cli.app import command
from mindlog.cli.completion import complete_shells
from mindlog.usecases import login


@command(
    "greet",
    help=(
        "A short greeting for your shell's start-up: a line of your why, your practices at a "
        "glance, and a past win or a word of encouragement. Always exits 0.\n\n"
        "Examples:  mindlog greet    ·  mindlog greet --once   (only the first time each day)"
    ),
)
def greet(
    once: Annotated[
        bool,
        typer.Option(
            "--once", help="Greet only on the first call of the day; later calls print nothing."
        ),
    ] = False,
) -> None:
    raise typer.Exit(login.greet(once=once))


@command(
    "shell-init",
    help=(
        "Print the lines for your shell's start-up file: they greet you once a day, only in an "
        "interactive terminal, and do nothing if mindlog is uninstalled.\n\n"
        'Examples:  eval "$(mindlog shell-init bash)"   (in ~/.bashrc)    ·  '
        "mindlog shell-init fish --alias ml | source"
    ),
)
def shell_init(
    shell: Annotated[
        str,
        typer.Argument(
            help="Your shell: bash, zsh or fish.",
            show_default=False,
            autocompletion=complete_shells,
        ),
    ],
    alias: Annotated[
        str | None,
        typer.Option(
            "--alias",
            metavar="NAME",
            help="Also define a short alias for mindlog, such as ml.",
            show_default=False,
        ),
    ] = None,
) -> None:
    if shell not in login.SHELLS:
        raise typer.BadParameter(f"{shell!r} is not a shell mindlog knows: use bash, zsh or fish")
    if alias is not None and not login.valid_alias(alias):
        raise typer.BadParameter(f"{alias!r} cannot be an alias: use letters, digits, - or _")
    raise typer.Exit(login.shell_init(shell, alias))
