"""Entry point for the ``mindlog`` command and ``python -m mindlog``."""

from __future__ import annotations

import sys


def main() -> None:
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
