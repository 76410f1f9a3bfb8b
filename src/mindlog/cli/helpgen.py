"""Write mindlog/cli/helpdata.py: the help of every command, for the fast path.

``mindlog --help`` and ``mindlog help COMMAND`` are answered without Typer (mindlog.cli.quick),
from the help that mindlog.cli.usage.help_doc makes of each Typer command, kept in helpdata.py
with a fingerprint of the sources it was made from. When the sources change, the fast path finds
the fingerprint different and hands help to Typer again (the same words, at Typer's cost) until
helpdata.py is written anew:

    python -m mindlog.cli.helpgen

tests/test_help.py checks that helpdata.py is up to date.
"""

from __future__ import annotations

import pprint
from pathlib import Path
from typing import Any

from mindlog.cli.quick import HELP_DATA, fingerprint
from mindlog.render.helpscreen import Doc


def every_help() -> dict[str, Doc]:
    """The help of mindlog and of each of its commands, by the words that name them."""
    from typer.main import get_command

    from mindlog.cli.main import app
    from mindlog.cli.usage import help_doc

    root = get_command(app)
    found: dict[str, Doc] = {}

    def visit(command: Any, ctx: Any, path: list[str]) -> None:
        found[" ".join(path)] = help_doc(ctx)
        for name in getattr(command, "list_commands", lambda ctx: [])(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or sub.hidden:
                continue
            visit(
                sub, sub.make_context(name, [], parent=ctx, resilient_parsing=True), [*path, name]
            )

    visit(root, root.make_context("mindlog", [], resilient_parsing=True), [])
    return found


def module_text() -> str:
    return (
        '"""The help of every command, for the fast path: written by mindlog.cli.helpgen, '
        'not by hand."""\n\n'
        "from mindlog.render.helpscreen import Doc\n\n"
        f"FINGERPRINT = {fingerprint()!r}\n"
        f"HELP: dict[str, Doc] = {pprint.pformat(every_help(), width=100, sort_dicts=False)}\n"
    )


def main() -> None:
    target = Path(__file__).with_name(HELP_DATA + ".py")
    target.write_text(module_text(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
