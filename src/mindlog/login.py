"""Login: the short greeting for a shell's start-up file, and the lines that run it.

This module imports neither Typer nor rich: ``mindlog greet`` and ``mindlog shell-init`` are
dispatched here straight from ``mindlog.__main__`` (the Typer commands in ``mindlog.cli.login``
call the same functions), because they run at every new terminal.

``greet`` always returns exit code 0 and never lets a traceback out: whatever goes wrong
(a damaged store, a home that cannot be created, no permission, an unreadable setting) becomes
one short line on standard error with a hint. It reads the journal through the summary cache
(``mindlog.summary``), so its cost does not grow with years of entries.

``--once``: the first call of a logical day greets; later calls that day print nothing. The
marker is an empty file ``greeted-YYYY-MM-DD`` in the state folder, created with O_EXCL so that
two terminals opened at the same moment greet only once. It is created just before printing and
taken back when nothing could be printed (standard output closed), so the next shell tries again.
A problem line counts as the day's greeting (it is not repeated in every new terminal); when the
marker itself cannot be written, the greeting is shown with one line saying so.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING

from mindlog.out import write

if TYPE_CHECKING:  # imported where they are used: shell-init runs at every shell start-up
    from collections.abc import Sequence
    from datetime import date
    from pathlib import Path

    from mindlog.summary import Summary

MAX_LINES = 6
# The one line for each shell's start-up file (the README shows these; a test runs them).
STARTUP_LINES = {
    "bash": 'command -v mindlog >/dev/null 2>&1 && eval "$(mindlog shell-init bash)"',
    "zsh": 'command -v mindlog >/dev/null 2>&1 && eval "$(mindlog shell-init zsh)"',
    "fish": "command -q mindlog; and mindlog shell-init fish | source",
}
MARKER_PREFIX = "greeted-"
SHELLS = ("bash", "zsh", "fish")


# -- the greeting --------------------------------------------------------------------------------


def greeting(summary: Summary, today: date) -> list[str]:
    """The greeting's lines (at most five), made safe for the terminal."""
    from mindlog import words
    from mindlog.days import friendly
    from mindlog.safe import one_line
    from mindlog.streaks import today_lines

    if summary.empty:
        return list(words.GREET_WELCOME)
    lines = []
    if summary.statement and summary.statement["line"]:
        lines.append(words.GREET_WHY + one_line(summary.statement["line"], 66))
    else:
        lines.append(words.GREET_NO_WHY)
    for practice, st, done_today in today_lines(summary.practice_days(), today):
        lines.append(
            words.practice_line(practice, st.current, st.total_days, st.strength, done_today)
        )
    past = summary.resurface(today)
    if past is not None:
        day, text = past
        lines.append(words.GREET_PAST.format(day=friendly(day)) + one_line(text, 60))
    else:
        lines.append(words.pick(words.GREET_ENCOURAGEMENTS, today.isoformat()))
    return lines


def _reason(exc: BaseException) -> str:
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    if isinstance(exc, OSError):
        name = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or exc}{name}"
    return str(exc) or type(exc).__name__


def _note(line: str, hint: str | None) -> str:
    from mindlog.safe import one_line

    text = line if not hint else f"{line} ({hint})"
    return "mindlog: " + one_line(text, 200)


def greet(once: bool = False) -> int:
    """Print the greeting (see the module's description). Always returns 0."""
    try:
        return _greet(once)
    except KeyboardInterrupt:
        return 0
    except BaseException as exc:  # noqa: BLE001 - a login greeting must never break a shell
        if isinstance(exc, SystemExit):
            return 0
        try:
            from mindlog import words

            sys.stderr.write(
                _note(words.GREET_PROBLEM.format(reason=_reason(exc)), words.GREET_HINT) + "\n"
            )
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
        return 0


def _greet(once: bool) -> int:
    from mindlog import words

    lines: list[str] = []
    notes: list[str] = []
    marker: Path | None = None
    try:
        from mindlog import config
        from mindlog.days import logical_day, now
        from mindlog.paths import locations

        where = locations()
        settings = config.load(where)
        if settings.problem:
            notes.append(_note(settings.problem, words.GREET_HINT))
        today = logical_day(now(), settings.day_start)
        if once:
            marker = where.state / f"{MARKER_PREFIX}{today.isoformat()}"
            if os.path.lexists(marker):
                return 0
        from mindlog import summary as summaries

        day_start = summaries.day_start_key(settings.day_start)
        summary = summaries.current(where, day_start, today)  # never asks for a passphrase
        lines = greeting(summary, today)
        if summary.problems:
            count = summary.problems
            damaged = words.GREET_DAMAGED.format(
                count=count, lines="line" if count == 1 else "lines"
            )
            notes.append(_note(damaged, words.GREET_HINT))
        if summary.newer:
            notes.append(_note(words.GREET_NEWER, None))
    except KeyboardInterrupt:
        return 0
    except Exception as exc:  # noqa: BLE001 - every problem becomes one line
        lines = []
        notes = [_note(words.GREET_PROBLEM.format(reason=_reason(exc)), words.GREET_HINT)]
        if type(exc).__name__ == "LockedError":  # an encrypted journal, locked: never ask
            lines, notes = [words.GREET_LOCKED], []
    claimed = False
    if marker is not None:
        try:
            claimed = _claim(marker)
        except Exception as exc:  # noqa: BLE001 - greet anyway, and say it cannot remember
            if lines:
                notes.append(
                    _note(words.GREET_NO_MARKER.format(reason=_reason(exc)), words.GREET_HINT)
                )
        else:
            if not claimed:
                return 0  # another terminal greeted a moment ago
    try:
        # At most five lines of greeting on standard output and one note on standard error.
        if lines:
            write(sys.stdout, "".join(line + "\n" for line in lines[: MAX_LINES - 1]))
        if notes:
            write(sys.stderr, notes[0] + "\n")
    except (OSError, ValueError, AttributeError):
        if claimed and marker is not None:
            _unlink(marker)
        return 0
    if claimed and marker is not None:
        _tidy_markers(marker)
    return 0


def _claim(marker: Path) -> bool:
    """Create today's marker; False when it exists already (another terminal was first)."""
    from mindlog.paths import FILE_MODE, ensure_dir

    ensure_dir(marker.parent)
    try:
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def _unlink(path: str | Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _tidy_markers(keep: Path) -> None:
    """Remove the markers of earlier days."""
    try:
        with os.scandir(keep.parent) as found:
            for item in found:
                if item.name.startswith(MARKER_PREFIX) and item.name != keep.name:
                    _unlink(item.path)
    except OSError:
        pass


# -- shell start-up lines ------------------------------------------------------------------------


def shell_lines(shell: str, alias: str | None = None) -> str:
    """The lines for a shell's start-up file: greet once a day, only in an interactive terminal.

    They do nothing in scripts, in ``scp``/``rsync``/``ssh host command`` sessions or when standard
    input or output is not a terminal, and nothing at all once mindlog is uninstalled.
    ``MINDLOG_NO_GREET=1`` in the environment turns the greeting off without editing the file.
    """
    if shell not in SHELLS:
        raise ValueError(f"{shell!r} is not a shell mindlog knows: use bash, zsh or fish")
    if alias is not None and not valid_alias(alias):
        raise ValueError(f"{alias!r} cannot be an alias: use letters, digits, - or _")
    head = "# mindlog: a greeting once a day in interactive terminals (MINDLOG_NO_GREET=1: off)"
    if shell == "fish":
        body = [
            head,
            "if command -q mindlog",
            *([f"    alias {alias} mindlog"] if alias else []),
            # `mindlog shell-init fish | source` runs these lines with the pipe as standard input,
            # so the terminal is checked on standard output and standard error.
            "    if status is-interactive; and test -t 1; and test -t 2"
            "; and not set -q MINDLOG_NO_GREET",
            "        mindlog greet --once",
            "    end",
            "end",
        ]
    else:
        interactive = "[[ $- == *i* ]]" if shell == "bash" else "[[ -o interactive ]]"
        body = [
            head,
            "if command -v mindlog >/dev/null 2>&1; then",
            *([f"  alias {alias}='mindlog'"] if alias else []),
            f'  if {interactive} && [ -t 0 ] && [ -t 1 ] && [ -z "${{MINDLOG_NO_GREET-}}" ]; then',
            "    mindlog greet --once",
            "  fi",
            "fi",
        ]
    return "\n".join(body) + "\n"


def valid_alias(name: str) -> bool:
    return (
        bool(name)
        and len(name) <= 32
        and all(c.isascii() and (c.isalnum() or c in "-_") for c in name)
        and not name.startswith("-")
    )


def shell_init(shell: str, alias: str | None = None) -> int:
    """Print the start-up lines; a shell mindlog does not know is a usage error (exit 2)."""
    try:
        text = shell_lines(shell, alias)
    except ValueError as exc:
        sys.stderr.write(f"mindlog: {exc}\n")
        return 2
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


# -- the fast path -------------------------------------------------------------------------------


def fast(argv: Sequence[str]) -> int | None:
    """Run ``greet`` or ``shell-init`` without Typer when the arguments are plain; None otherwise
    (then the full command line handles them, with --help and usage errors)."""
    if not argv:
        return None
    if argv[0] == "greet" and all(a == "--once" for a in argv[1:]):
        return greet(once=len(argv) > 1)
    if argv[0] == "shell-init" and len(argv) in (2, 4) and argv[1] in SHELLS:
        if len(argv) == 2:
            return shell_init(argv[1])
        if argv[2] == "--alias" and valid_alias(argv[3]):
            return shell_init(argv[1], argv[3])
    return None
