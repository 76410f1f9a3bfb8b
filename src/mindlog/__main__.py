"""Entry point for the ``mindlog`` command and ``python -m mindlog``."""

from __future__ import annotations

import sys


def main() -> None:
    # The login commands run at every new terminal: plain `mindlog greet [--once]` and
    # `mindlog shell-init SHELL` skip Typer and rich entirely (mindlog.login).
    if sys.argv[1:2] in (["greet"], ["shell-init"]):
        from mindlog.login import fast

        code = fast(sys.argv[1:])
        if code is not None:
            raise SystemExit(code)
    from mindlog.cli import app

    app(prog_name="mindlog")


if __name__ == "__main__":
    main()
