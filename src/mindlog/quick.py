"""The fast path: the commands that run most often, without importing Typer.

``mindlog greet`` and ``mindlog shell-init`` run at every new terminal, and ``mindlog win TEXT``
is the everyday way to log an effort. Typer and the import of every command module cost more
than the work itself (see benchmarks/run.py), so ``mindlog.__main__`` first offers the command
line to ``dispatch``. It takes only plain, complete command lines; anything else (``--help``, a
flag it does not know, a win without TEXT, which asks or reads standard input) returns None and
the Typer app handles it as usual, with the same words and exit codes.

``win`` here does what ``mindlog.cli.writing.win`` does, step for step, with the same domain
functions; tests/test_quick.py runs the same command lines through both and compares what was
stored and printed. Change them together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence


def dispatch(argv: Sequence[str]) -> int | None:
    """Run the command line without Typer and return its exit code; None when Typer should."""
    if not argv:
        return None
    if argv[0] in ("greet", "shell-init"):
        from mindlog import login

        return login.fast(argv)
    if argv[0] == "win":
        parsed = parse_win(argv[1:])
        return None if parsed is None else win(*parsed)
    return None


def parse_win(args: Sequence[str]) -> tuple[str, list[str], bool, str | None] | None:
    """``TEXT [-t TAG]... [-q] [-d DATE]`` as (text, tags, quiet, date); None for anything else."""
    text: str | None = None
    tags: list[str] = []
    quiet = False
    day: str | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-q", "--quiet"):
            quiet = True
        elif arg in ("-t", "--tag", "-d", "--date"):
            if i + 1 >= len(args):
                return None
            i += 1
            if arg in ("-t", "--tag"):
                tags.append(args[i])
            else:
                day = args[i]
        elif arg.startswith("--tag="):
            tags.append(arg[len("--tag=") :])
        elif arg.startswith("--date="):
            day = arg[len("--date=") :]
        elif arg.startswith("-") or text is not None:
            return None  # --help, --, a flag not known here, a second TEXT: Typer says what it is
        else:
            text = arg
        i += 1
    if text is None:
        return None  # asks for the text, or reads it from standard input: the full command
    return text, tags, quiet, day


def win(text: str, tag: list[str], quiet: bool, date: str | None) -> int:
    """``mindlog win TEXT``: as mindlog.cli.writing.win, with the errors as mindlog.cli.app.command
    turns them into one line and exit code 1."""
    from mindlog import out

    try:
        return _win(text, tag, quiet, date)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from mindlog.days import DateError
        from mindlog.errors import MindlogError
        from mindlog.journal import TextError

        if isinstance(exc, (MindlogError, TextError, DateError)):
            out.error(getattr(exc, "message", None) or str(exc), getattr(exc, "hint", None))
            return 1
        if isinstance(exc, OSError):
            name = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            out.error(f"{exc.strerror or exc}{name}")
            return 1
        raise


def _win(text: str, tag: list[str], quiet: bool, date: str | None) -> int:
    from mindlog import config, out, summary, words
    from mindlog.days import logical_day, now, parse_day, stamp
    from mindlog.journal import add_event, check_text
    from mindlog.model import normalize_tag
    from mindlog.paths import locations
    from mindlog.store import Store

    # as Session()
    where = locations()
    settings = config.load(where)
    if settings.problem:
        out.note(settings.problem)
    store = Store(where)
    moment = now()
    today = logical_day(moment, settings.day_start)
    # as writing.win
    day = today if date is None else parse_day(date, today)
    try:
        tags = list(dict.fromkeys(normalize_tag(t) for t in tag))
    except ValueError as exc:
        out.error(str(exc))
        return 1
    body = check_text(text, "win")
    event = add_event("win", day, stamp(moment), body, tags)
    summary.append_to_journal(store, settings.day_start, [event], today)
    if not quiet:
        out.say(words.pick(words.WIN_REPLIES, event["entry"]["id"]))
    return 0
