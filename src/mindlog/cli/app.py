"""The Typer app, the session every command works in, and the one place errors become exit codes.

Commands are registered with ``command`` (not ``app.command``) so that every one of them turns a
MindlogError, or an operating-system error such as a full disk, into one line on standard error
and exit code 1. Ctrl-C becomes exit code 130 (Typer does that), with nothing half-written.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

import typer

from mindlog import __version__, config, out
from mindlog.days import DateError, logical_day, now, parse_day, stamp
from mindlog.errors import MindlogError
from mindlog.journal import Journal, TextError, replay
from mindlog.paths import Locations, locations
from mindlog.store import ReadResult, Store

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="mindlog",
    help=(
        "A private companion for motivation in recovery: your commitment, your morning, "
        "the rewards of your effort.\n\n"
        "Run mindlog on its own for today's view. Everything stays on this computer.\n\n"
        "Need someone now? mindlog support shows your plan and where to find crisis help."
    ),
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str, hint: str | None = None) -> typer.Exit:
    """Print one line for the person and return the Exit to raise (code 1)."""
    out.error(message, hint)
    return typer.Exit(1)


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Register a command on ``app`` with mindlog's error handling around it."""
    target = kwargs.pop("on", app)

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def run(*a: Any, **k: Any) -> Any:
            try:
                return func(*a, **k)
            except (MindlogError, TextError, DateError) as exc:
                hint = getattr(exc, "hint", None)
                raise fail(getattr(exc, "message", None) or str(exc), hint) from None
            except OSError as exc:
                name = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
                raise fail(f"{exc.strerror or exc}{name}") from None

        target.command(*args, **kwargs)(run)
        return func

    return decorate


class Session:
    """What one command run needs: where the files are, the settings, the store, the day."""

    def __init__(self) -> None:
        self.where: Locations = locations()
        self.config = config.load(self.where)
        if self.config.problem:
            out.note(self.config.problem)
        self.store = Store(self.where)
        self.now: datetime = now()
        self.today: date = logical_day(self.now, self.config.day_start)
        self._journal: Journal | None = None
        self.read_result: ReadResult | None = None

    @property
    def at(self) -> str:
        return stamp(self.now)

    def day(self, option: str | None) -> date:
        return self.today if option is None else parse_day(option, self.today)

    def journal(self) -> Journal:
        """The journal, read once per command; damaged lines are reported once on stderr."""
        if self._journal is None:
            result = self.store.read()
            self.read_result = result
            if result.problems:
                count = len(result.problems)
                lines = "line" if count == 1 else "lines"
                out.note(
                    f"{count} damaged {lines} in the journal could not be read; they are kept "
                    "as they are (run `mindlog doctor` for details)"
                )
            self._journal = replay(result.events)
        return self._journal

    def write(self, events: list[dict[str, Any]]) -> None:
        from mindlog import summary  # the append also keeps the greeting's summary fresh

        summary.append_to_journal(self.store, self.config.day_start, events, self.today)
        self._journal = None


def version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"mindlog {__version__}\n")
        raise typer.Exit()


DATE_HELP = "The day this belongs to: today, yesterday or YYYY-MM-DD."
