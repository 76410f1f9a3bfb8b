"""Entry point for the ``mindlog`` command and ``python -m mindlog``."""

from __future__ import annotations


def main() -> None:
    from mindlog.cli import app

    app(prog_name="mindlog")


if __name__ == "__main__":
    main()
