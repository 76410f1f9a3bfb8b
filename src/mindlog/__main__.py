"""Entry point for the ``mindlog`` command and ``python -m mindlog``."""

from __future__ import annotations

import gc
import os
import sys

# The commands the fast path may take (mindlog.cli.quick.dispatch decides, and hands the rest to
# Typer). Named here again, beside quick.READING, so that choosing imports nothing at all;
# tests/test_quick.py checks that the two lists agree.
QUICK = [
    [name]
    for name in (
        "greet",
        "shell-init",
        "win",
        "today",
        "streaks",
        "reflect",
        "list",
        "morning",
        "export",
        "status",
        "did",
        "checkin",
        "urge",
        "bring-up",
        "rest",
        "practice",
        "support",
        "commit",
        "routine",
        "boost",
    )
]


def main() -> None:
    # A command lives for a moment and makes few reference cycles; the collector walking every
    # object again and again while a long journal is read cost a fifth of the time (measured
    # in benchmarks/run.py). What cycles there are go when the process ends.
    gc.disable()
    from mindlog.render.out import prepare_streams, reader_gone

    prepare_streams()  # any output encoding: an escape for what it cannot show, never a traceback
    try:
        try:
            run()
        finally:
            # Flushed here, not as Python ends: a reader gone (`| head -1`) is then told below.
            sys.stdout.flush()
    except BrokenPipeError:
        raise SystemExit(reader_gone()) from None


def run() -> None:
    # The commands that run most often (greet and shell-init at every new terminal, win TEXT,
    # the dashboard, list, streaks...) skip Typer when their command line is plain: mindlog.cli.quick.
    # Tab completion (the shell runs mindlog with _MINDLOG_COMPLETE set, often with no arguments)
    # is Typer's: the fast path would answer it with the dashboard, private words and all.
    completing = "_MINDLOG_COMPLETE" in os.environ
    # Help too (``--help`` last, or ``help COMMAND``): it is kept ready in mindlog.cli.helpdata.
    helping = sys.argv[-1] in ("--help", "-h") or sys.argv[1:2] == ["help"]
    if not completing and (sys.argv[1:2] in QUICK or not sys.argv[1:] or helping):
        from mindlog.cli.quick import dispatch

        code = dispatch(sys.argv[1:])
        if code is not None:
            raise SystemExit(code)
    from mindlog.cli.main import app

    app(prog_name="mindlog")


if __name__ == "__main__":
    main()
