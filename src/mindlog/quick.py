"""The fast path: the commands that run most often, without importing Typer.

``mindlog greet`` and ``mindlog shell-init`` run at every new terminal, and ``mindlog win TEXT``
is the everyday way to log an effort. Typer and the import of every command module cost more
than the work itself (see benchmarks/run.py), so ``mindlog.__main__`` first offers the command
line to ``dispatch``. It takes only plain, complete command lines; anything else (``--help``, a
flag it does not know, a win without TEXT, which asks or reads standard input) returns None and
the Typer app handles it as usual, with the same words and exit codes.

``win`` here parses its few options by hand and then takes the same steps as
``mindlog.cli.writing.win`` through mindlog.session and mindlog.wins; tests/test_quick.py runs the
same command lines through both and compares what was stored and printed.
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
    """``mindlog win TEXT``: the same steps as mindlog.cli.writing.win, through mindlog.wins, with
    errors told as mindlog.cli.app.command tells them (one line, exit code 1)."""
    from mindlog import out, wins
    from mindlog.journal import check_text
    from mindlog.session import Session, user_error

    try:
        session = Session()
        day = session.day(date)
        try:
            tag_list = wins.tags(tag)
        except ValueError as exc:
            out.error(str(exc))
            return 1
        reply = wins.log(session, day, check_text(text, "win"), tag_list)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        told = user_error(exc)
        if told is None:
            raise
        out.error(*told)
        return 1
    if not quiet:
        out.say(reply)
    return 0
