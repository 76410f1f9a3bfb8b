"""Draw the README's pictures from mindlog's real output: docs/dashboard.svg, streaks.svg, reflect.svg.

    python scripts/screenshots.py            # writes the pictures under docs/
    python scripts/screenshots.py --check    # exit 1 when a picture is out of date

The history is the demo one (scripts/demo_history.py), written into a temporary MINDLOG_HOME
with the clock fixed (MINDLOG_NOW), so the pictures come out the same on every machine. Each
command runs as a person would run it on a 100-column colour terminal; its output (with its
colours) is drawn as SVG by rich.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import demo_history  # noqa: E402

WIDTH = 100
PICTURES = {
    "dashboard": ([], "mindlog"),
    "streaks": (["streaks"], "mindlog streaks"),
    "reflect": (["reflect"], "mindlog reflect"),
}


def terminal_env(home: Path) -> dict[str, str]:
    return {
        "MINDLOG_HOME": str(home),
        "MINDLOG_NOW": demo_history.NOW,
        "TTY_COMPATIBLE": "1",
        "COLUMNS": str(WIDTH),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
    }


def draw(home: Path) -> dict[str, str]:
    """The SVG text of each picture."""
    from rich.console import Console  # noqa: TID251 (a tool, not mindlog: start-up time is no concern)
    from rich.text import Text  # noqa: TID251
    from typer.testing import CliRunner

    from mindlog.cli.main import app

    runner = CliRunner()
    for name in ("NO_COLOR", "FORCE_COLOR", "LINES"):
        os.environ.pop(name, None)
    os.environ.update(terminal_env(home))

    def invoke(*args: str, input: str | None = None) -> str:  # noqa: A002
        result = runner.invoke(app, list(args), input=input, prog_name="mindlog")
        if result.exit_code != 0:
            raise SystemExit(f"mindlog {' '.join(args)} ended with {result.exit_code}")
        return result.stdout

    os.environ["TTY_COMPATIBLE"] = "0"
    demo_history.build(invoke)
    os.environ["TTY_COMPATIBLE"] = "1"
    pictures = {}
    for name, (args, title) in PICTURES.items():
        shown = invoke(*args)
        with open(os.devnull, "w") as nowhere:
            console = Console(record=True, width=WIDTH, file=nowhere, color_system="truecolor")
            console.print(Text.from_ansi(shown.rstrip("\n")))
            pictures[name] = console.export_svg(title=title, unique_id=f"mindlog-{name}")
    return pictures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether they are current")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pictures = draw(Path(folder) / "home")
    docs = ROOT / "docs"
    stale = []
    for name, svg in pictures.items():
        path = docs / f"{name}.svg"
        if options.check:
            if not path.exists() or path.read_text(encoding="utf-8") != svg:
                stale.append(path.name)
            continue
        docs.mkdir(exist_ok=True)
        path.write_text(svg, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(f"out of date: {', '.join(stale)} (run python scripts/screenshots.py)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
