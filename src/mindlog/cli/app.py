"""The Typer app, and the one place errors become exit codes.

Commands are registered with ``command`` (not ``app.command``) so that every one of them turns a
MindlogError, or an operating-system error such as a full disk, into one line on standard error
and exit code 1 (``mindlog.usecases.session.user_error`` says which errors those are and what the line is).
Ctrl-C becomes exit code 130 (Typer does that), with nothing half-written. The Session every
command works in lives in mindlog.usecases.session, which the fast path (mindlog.cli.quick) shares.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from mindlog import __version__
from mindlog.cli.usage import Command, Group
from mindlog.domain.days import DAY_HELP
from mindlog.render import out
from mindlog.usecases.session import Session, user_error

__all__ = ["DATE_HELP", "Session", "app", "command", "fail", "handle_errors", "version_callback"]

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="mindlog",
    help=(
        "A private companion for motivation in recovery: your commitment, your morning, "
        "the rewards of your effort. Run mindlog on its own for today's view. Everything stays "
        "on this computer.\n\n"
        "Need someone now? mindlog support shows your plan and where to find crisis help."
    ),
    cls=Group,  # usage errors in mindlog's voice: mindlog.cli.usage
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,  # mindlog.cli.completion: its own options, with a guarded line
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str, hint: str | None = None) -> typer.Exit:
    """Print one line for the person and return the Exit to raise (code 1)."""
    out.error(message, hint)
    return typer.Exit(1)


def handle_errors(func: F) -> F:
    """Turn an error a person can cause or meet into one line and exit code 1."""

    @functools.wraps(func)
    def run(*a: Any, **k: Any) -> Any:
        try:
            return func(*a, **k)
        except BrokenPipeError:
            # The reader went away (`mindlog list | head`): stop quietly, as other tools do.
            raise typer.Exit(out.reader_gone()) from None
        except Exception as exc:
            told = user_error(exc)
            if told is None:
                raise
            raise fail(*told) from None

    return run  # type: ignore[return-value]


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Register a command on ``app`` (or ``on=`` a sub-app) with mindlog's error handling."""
    target = kwargs.pop("on", app)

    def decorate(func: F) -> F:
        kwargs.setdefault("cls", Command)
        target.command(*args, **kwargs)(handle_errors(func))
        return func

    return decorate


def version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"mindlog {__version__}\n")
        raise typer.Exit()


DATE_HELP = "The day this belongs to: " + DAY_HELP


def arrange(target: typer.Typer, groups: dict[str, dict[str, str]]) -> None:
    """Put ``target``'s commands in the groups of its help (Typer's ``rich_help_panel``), in the
    order of ``groups``, each with its few words (``short_help``); their own groups (routine,
    practice, ...) get mindlog's help and usage errors too (mindlog.cli.usage.Group)."""
    order = [name for rows in groups.values() for name in rows]
    Group.order = {name: i for i, name in enumerate(order)}
    infos: list[Any] = [*target.registered_commands, *target.registered_groups]
    for info in infos:
        for panel, rows in groups.items():
            if info.name in rows:
                info.rich_help_panel = panel
                info.short_help = rows[info.name]
    for group in target.registered_groups:
        if group.typer_instance is not None:
            group.typer_instance.info.cls = Group


def examples_on_lines(target: typer.Typer) -> None:
    """Give every example in the help of ``target``'s commands a line of its own.

    Help texts end with ``Examples:  A  ·  B  ·  C`` (easy to write and read in the source);
    on a narrow terminal a line of examples would wrap in the middle of one, so each is shown
    on its own line under ``Examples:``.
    """
    infos: list[Any] = [target.info, *target.registered_commands, *target.registered_groups]
    if target.registered_callback is not None:
        infos.append(target.registered_callback)
    for info in infos:
        help_text = getattr(info, "help", None)
        if isinstance(help_text, str):
            info.help = _examples_on_lines(help_text)
    for group in target.registered_groups:
        if group.typer_instance is not None:
            examples_on_lines(group.typer_instance)


def _examples_on_lines(text: str) -> str:
    import re

    found = re.search(r"Examples?:[ \t]+", text)
    if found is None or "\n" in text[found.end() :]:
        return text
    examples = [e.strip() for e in re.split(r"\s+·\s+", text[found.end() :]) if e.strip()]
    label = "Example:" if len(examples) == 1 else "Examples:"
    # Not indented: Typer removes the indent that every line after the first shares.
    return text[: found.start()] + label + "\n" + "\n".join(examples)
