"""Entry point for the ``mindlog`` command and ``python -m mindlog``."""

from __future__ import annotations

import sys


def main() -> None:
    from mindlog.out import prepare_streams

    prepare_streams()  # any output encoding: an escape for what it cannot show, never a traceback
    # The commands that run most often (greet and shell-init at every new terminal, win TEXT)
    # skip Typer when their command line is plain: mindlog.quick.
    if sys.argv[1:2] in (["greet"], ["shell-init"], ["win"]):
        from mindlog.quick import dispatch

        code = dispatch(sys.argv[1:])
        if code is not None:
            raise SystemExit(code)
    from mindlog.cli import app

    app(prog_name="mindlog")


if __name__ == "__main__":
    main()
