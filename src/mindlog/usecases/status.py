"""`mindlog status`: one line of numbers for a status bar or a script, as fast as `greet`.

It reads the figures greet keeps for the day (mindlog.usecases.login.numbers, through
mindlog.cache.greeting), so it costs what a second greeting of the day costs, and it imports
neither Typer nor rich (the fast path, mindlog.cli.quick, runs it). No word the person wrote is
in it: days shown up this week (mindlog.domain.streaks.showed_up, the one meaning every view
counts by), the current run, whether the morning routine is done, and today's practices done of
all (the three of every day, and one's own). docs/status.md describes the JSON keys.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from datetime import date
    from typing import Any

    from mindlog.cache.greeting import Greeting

FORMATS = ("line", "json")


def numbers(found: Greeting, today: date) -> dict[str, Any]:
    """The figures, as ``--format json`` gives them (docs/status.md)."""
    runs = {name: current for name, current, *_ in found.practices}
    done = {name: bool(rest[2]) for name, _, *rest in found.practices}
    week = found.week if not found.empty else (0, today.weekday() + 1)
    own_done, own_total = found.own
    return {
        "day": today.isoformat(),
        "week_shown_up": week[0],
        "week_days": week[1],
        "run": max(runs.values(), default=0),
        "runs": {name: runs.get(name, 0) for name in ("morning", "wins", "commitment")},
        "morning_done": done.get("morning", False),
        "practices_done": sum(done.values()) + own_done,
        "practices_total": 3 + own_total,
        "shown_up": found.shown_up,
    }


def line(figures: dict[str, Any]) -> str:
    """``week 3/6 · run 5 · morning done · practices 2/4``."""
    morning = "done" if figures["morning_done"] else "open"
    return (
        f"week {figures['week_shown_up']}/{figures['week_days']} · run {figures['run']} · "
        f"morning {morning} · practices {figures['practices_done']}/{figures['practices_total']}"
    )


def status(fmt: str = "line") -> int:
    """Print the status; one line on standard error and exit code 1 when it cannot be read."""
    from mindlog.domain import words
    from mindlog.domain.days import logical_day, now
    from mindlog.render import out
    from mindlog.store import config
    from mindlog.store.paths import check_home, locations
    from mindlog.usecases import login

    try:
        check_home()
        where = locations()
        settings = config.load(where)
        today = logical_day(now(), settings.day_start)
        found = login.numbers(where, today)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if type(exc).__name__ == "LockedError":
            out.error(words.STATUS_LOCKED, "mindlog unlock opens it for this session")
            return 1
        from mindlog.usecases.session import user_error  # only when something is wrong

        told = user_error(exc)
        if told is None:
            raise
        out.error(*told)
        return 1
    figures = numbers(found, today)
    text = json.dumps(figures) if fmt == "json" else line(figures)
    try:
        out.write(sys.stdout, text + "\n")
    except BrokenPipeError:
        return out.reader_gone()
    return 0


def fast(argv: Sequence[str]) -> int | None:
    """``status``, ``status --format line|json`` (``--format=json`` too) without Typer; None for
    anything else (Typer says what it is)."""
    args = list(argv[1:])
    if not args:
        return status()
    if len(args) == 2 and args[0] in ("--format", "-f") and args[1] in FORMATS:
        return status(args[1])
    if len(args) == 1 and args[0].startswith("--format=") and args[0][9:] in FORMATS:
        return status(args[0][9:])
    return None
