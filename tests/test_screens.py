"""The screens people see, held still: every reading command at 60, 100 and 200 columns and piped.

Each output is compared with a checked-in text file under tests/screens/ (colours removed, entry
ids replaced by ``<id>``). After a deliberate change to a screen, look at the difference, then
write the new screens with

    MINDLOG_UPDATE_SCREENS=1 python -m pytest tests/test_screens.py

and review the changed files in the commit like any other change. The history is the one in
scripts/demo_history.py (six weeks, with accents, emoji, CJK, right-to-left text and brackets).

Besides the pictures, every screen is checked for what must hold at any width: on a terminal no
line is wider than the terminal (mindlog wraps at words, so the terminal never cuts one); piped,
there is no frame, no padding and no wrapping.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from mindlog.render.out import cells

ROOT = Path(__file__).resolve().parent.parent
SCREENS = Path(__file__).resolve().parent / "screens"
sys.path.insert(0, str(ROOT / "scripts"))

import demo_history  # noqa: E402

from test_wording import SHAME  # noqa: E402

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
ID = re.compile(r"\b[0-9a-f]{12}\b")
FRAME = set("╭╮╰╯│─")

COMMANDS = {
    "dashboard": [],
    "streaks": ["streaks"],
    "reflect-week": ["reflect", "--week"],
    "reflect-month": ["reflect", "--month"],
    "list": ["list", "--since", "2026-11-20"],
    "list-wins": ["list", "--kind", "win", "--since", "2026-11-10"],
    "commit-show": ["commit", "--show"],
    "greet": ["greet"],
    "support": ["support"],
    "support-gb": ["support", "--country", "GB"],
    "boost-list": ["boost", "list"],
    "routine": ["routine", "list"],
    "checkin-reply": ["checkin", "--mood", "2", "--energy", "3", "--sleep", "2"],
    "boost": ["boost"],
}
FIRST_DAY = {  # a new person's screens, before anything is written
    "dashboard-first": [],
    "greet-first": ["greet"],
    "streaks-first": ["streaks"],
    "reflect-first": ["reflect"],
    "support-first": ["support"],
    "boost-first": ["boost", "list"],
}
MODES = {"60": 60, "100": 100, "200": 200, "piped": None}


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo history, written once for the module through mindlog's own commands."""
    from typer.testing import CliRunner

    from mindlog.cli.main import app

    folder = tmp_path_factory.mktemp("history") / "home"
    runner = CliRunner()
    saved = {k: os.environ.get(k) for k in ("MINDLOG_HOME", "MINDLOG_NOW")}
    os.environ["MINDLOG_HOME"] = str(folder)
    os.environ["MINDLOG_NOW"] = demo_history.NOW
    try:

        def invoke(*args: str, input: str | None = None) -> None:  # noqa: A002
            result = runner.invoke(app, list(args), input=input, prog_name="mindlog")
            assert result.exit_code == 0, (args, result.output, result.exception)

        demo_history.build(invoke)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return folder


@pytest.fixture
def demo(history: Path, home: Path) -> Path:
    shutil.copytree(history, home)
    return home


def screen(run, monkeypatch: pytest.MonkeyPatch, args: list[str], width: int | None) -> str:
    if width is None:
        monkeypatch.setenv("TTY_COMPATIBLE", "0")
    else:
        monkeypatch.setenv("TTY_COMPATIBLE", "1")
        monkeypatch.setenv("COLUMNS", str(width))
    result = run(*args)
    return ANSI.sub("", result.stdout)


def check_layout(shown: str, width: int | None) -> None:
    assert not SHAME.findall(shown)  # wrapping and shortening never make words that shame
    lines = shown.split("\n")
    if width is None:
        assert not FRAME & set(shown), "piped output has no frame"
        assert all(line == line.rstrip() for line in lines), "piped lines are not padded"
    else:
        too_wide = [line for line in lines if cells(line) > width]
        assert not too_wide, f"lines wider than {width} columns: {too_wide}"


def compare(name: str, shown: str) -> None:
    path = SCREENS / f"{name}.txt"
    normal = ID.sub("<id>", shown)
    if os.environ.get("MINDLOG_UPDATE_SCREENS") == "1":
        SCREENS.mkdir(exist_ok=True)
        path.write_text(normal, encoding="utf-8")
        return
    assert path.exists(), f"no screen {path.name} yet: MINDLOG_UPDATE_SCREENS=1 writes it"
    assert normal == path.read_text(encoding="utf-8"), (
        f"{path.name} changed; if that is meant, MINDLOG_UPDATE_SCREENS=1 rewrites it"
    )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("command", COMMANDS)
def test_screen(demo, run, monkeypatch, command, mode):
    width = MODES[mode]
    shown = screen(run, monkeypatch, COMMANDS[command], width)
    check_layout(shown, width)
    compare(f"{command}.{mode}", shown)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("command", FIRST_DAY)
def test_first_day_screen(home, run, monkeypatch, command, mode):
    width = MODES[mode]
    shown = screen(run, monkeypatch, FIRST_DAY[command], width)
    check_layout(shown, width)
    compare(f"{command}.{mode}", shown)


# -- what every width must keep ------------------------------------------------------------------


def test_the_dashboard_is_framed_and_at_most_100_columns_wide_on_a_wide_terminal(
    demo, run, monkeypatch
):
    shown = screen(run, monkeypatch, [], 200)
    lines = [line for line in shown.split("\n") if line.strip()]
    assert lines[0].startswith("╭") and lines[-1].startswith("╰")
    assert max(cells(line) for line in lines) == 100


def test_piped_output_is_plain_lines_and_never_wrapped(demo, run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    shown = screen(run, monkeypatch, [], None)
    assert "Morning routine: done today · 23 days shown up · strength 57%" in shown
    assert shown.startswith("Saturday 28 November 2026\n")
    statement = screen(run, monkeypatch, ["commit", "--show"], None)
    assert statement.split("\n")[2].startswith("I chose recovery because I want to be there")
    assert not FRAME & set(statement)


def test_a_narrow_terminal_stacks_the_practices_and_breaks_the_legend_at_words(
    demo, run, monkeypatch
):
    shown = screen(run, monkeypatch, ["streaks"], 60)
    assert "Morning routine ✓\n  23 days shown up  ██████░░░░  57%\n" in shown
    assert (
        "     · nothing logged  ○ rest day  ◇ hard day\n"
        "     • ░ ▒ ▓ █ shown up, more of the day's practice\n"
    ) in shown
    wide = screen(run, monkeypatch, ["streaks"], 100)
    assert "practice" in wide.split("\n")[0] and "now" in wide.split("\n")[0]


def test_phrases_of_a_practice_line_are_never_split(demo, run, monkeypatch):
    for width in (50, 60, 64, 70):
        shown = screen(run, monkeypatch, [], width)
        for line in shown.split("\n"):
            text = line.strip("│ ")
            assert not text.endswith("strength"), line
            assert not re.match(r"\d+%", text), line


def test_the_greeting_fits_six_lines_at_60_columns_and_never_cuts_a_word(demo, run, monkeypatch):
    shown = screen(run, monkeypatch, ["greet"], 60)
    lines = shown.rstrip("\n").split("\n")
    assert 1 <= len(lines) <= 6
    assert all(cells(line) <= 60 for line in lines)
    why = lines[0]
    assert why.startswith("Your why: I chose recovery") and why.endswith("…")
    cut_word = why.removeprefix("Your why: ").removesuffix("…").split(" ")[-1]
    assert cut_word in demo_history.STATEMENT.replace(",", " ").split(), cut_word


def test_support_wraps_at_words_for_the_terminal(demo, run, monkeypatch):
    shown = screen(run, monkeypatch, ["support"], 44)
    lines = shown.rstrip("\n").split("\n")
    assert all(cells(line) <= 44 for line in lines)
    text = " ".join(line.strip() for line in lines)
    assert "call your local emergency number." in text  # whole words, put back together


def test_help_examples_have_a_line_each(run, monkeypatch):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "60")
    shown = ANSI.sub("", run("win", "--help").stdout)
    lines = [line.strip(" │") for line in shown.split("\n")]
    assert "mindlog win 'Called my sister' -t meaning" in lines
    assert "echo 'Went for a walk' | mindlog win -q" in lines


# -- user text is never markup -------------------------------------------------------------------


MARKUP = ["[/]", "[bold]", "[link=https://example.org]", "[red]x[/red]"]


def write_raw(home: Path, lines: list[str]) -> None:
    """Lines as another device (or a damaged sync) could bring them, in a journal file."""
    folder = home / "journal"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "other-device.jsonl", "a", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line + "\n")


@pytest.mark.parametrize("width", [60, None])
def test_markup_in_any_field_is_shown_literally(home, run, monkeypatch, width):
    import json

    run("win", "first words", "-q")
    entries = [
        {"id": "aaaaaaaaaaa1", "kind": "commitment", "day": "2026-11-27",
         "at": "2026-11-27T09:00:00+01:00", "text": "[red]my why[/red] [/]", "tags": ["[/]"]},
        {"id": "aaaaaaaaaaa2", "kind": "win", "day": "2026-11-28",
         "at": "2026-11-28T09:00:00+01:00", "text": "[bold]won[/bold] [/]",
         "tags": ["[/]", "[link=x]"]},
        {"id": "aaaaaaaaaaa6", "kind": "win", "day": "[/]", "at": "[link=x]", "text": "damaged",
         "tags": []},
        {"id": "aaaaaaaaaaa3", "kind": "morning", "day": "2026-11-28",
         "at": "2026-11-28T09:00:00+01:00", "text": None, "tags": ["[/]"],
         "done": ["[/]"], "routine": ["[/]", "[bold]"]},
        {"id": "aaaaaaaaaaa4", "kind": "[bold]", "day": "2026-11-27",
         "at": "2026-11-27T10:00:00+01:00", "text": "[/]", "tags": ["[/]"]},
        {"id": "aaaaaaaaaaa5", "kind": "win", "day": "2026-11-21",
         "at": "2026-11-21T09:00:00+01:00", "text": "[/] a week ago [/]", "tags": ["[/]"]},
    ]  # fmt: skip
    write_raw(home, [json.dumps({"v": 1, "op": "add", "entry": e}) for e in entries])
    run("routine", "add", "[bold]item[/bold]")
    seen = ""
    for args in (
        [], ["list"], ["streaks"], ["reflect"], ["reflect", "--month"], ["commit", "--show"],
        ["greet"], ["routine"],
    ):  # fmt: skip
        seen += screen(run, monkeypatch, args, width)
    for literal in ("[red]my why[/red] [/]", "[bold]won[/bold] [/]", "#[link=x]", "[/] a week"):
        assert literal in seen
    assert "[bold]item[/bold]" in seen
    # A day or time that is not one is damage (mindlog.domain.model checks every field): counted, kept,
    # never shown as an entry.
    assert "damaged" not in seen.replace("damaged line", "")


def test_the_readme_pictures_are_current():
    import subprocess

    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr + " (python scripts/screenshots.py)"


def _helps(target, path=()):
    """Every command line with a help text of its own, and that text."""
    for info in target.registered_commands:
        if isinstance(info.help, str):
            yield [*path, info.name], info.help
    for group in target.registered_groups:
        sub = group.typer_instance
        name = group.name or sub.info.name
        for candidate in (group.help, sub.info.help):
            if isinstance(candidate, str):
                yield [*path, name], candidate
                break
        yield from _helps(sub, (*path, name))


def test_every_example_in_help_has_a_whole_line_at_60_columns(run, monkeypatch):
    from mindlog.cli.main import app

    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "60")
    checked = 0
    for args, text in _helps(app):
        label = re.search(r"Examples?:\n", text)
        if label is None:
            continue
        examples = [line.strip() for line in text[label.end() :].split("\n") if line.strip()]
        shown = ANSI.sub("", run(*args, "--help").stdout)
        lines = {line.strip(" │") for line in shown.split("\n")}
        for example in examples:
            if cells(example) <= 56:
                assert example in lines, (args, example)
                checked += 1
    assert checked > 20


@pytest.mark.parametrize("width", [40, 72])
def test_no_line_is_wider_than_a_small_terminal(demo, run, monkeypatch, width):
    for args in COMMANDS.values():
        shown = screen(run, monkeypatch, args, width)
        too_wide = [line for line in shown.split("\n") if cells(line) > width]
        assert not too_wide, (args, too_wide)
        if args in ([], ["commit", "--show"]):
            assert "mindlog support" in shown or "version kept" in shown  # never cut off
