"""The accessible mode (ACCESSIBLE, MINDLOG_ACCESSIBLE, `mindlog config accessible true`): every
reading screen as lines read in order, with no box, block or bar character, no escape sequence,
nothing that moves the cursor, and the numbers a bar, a shade or a grid carried said in words.

The screens run through real processes (the fast path and Typer, as a person starts them) on a
fake terminal 60 columns wide (TTY_COMPATIBLE=1, COLUMNS=60), and the Typer ones through CliRunner
too; tests/test_tmux.py-style, one runs in a real terminal (tmux) at 60 columns.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import stored, stored_all
from mindlog.cli import access
from mindlog.domain import checkins
from mindlog.render import out, progress
from mindlog.store.paths import locations
from test_screens import history  # noqa: F401  (the module-wide demo history fixture)
from test_wording import SHAME

TODAY = date(2026, 11, 28)
# Box drawing, blocks and shades (U+2500 to U+259F: ▁▂▃▄▅▆▇█ ░▒▓ among them), and the marks that
# carry a meaning alone on a screen (done, a win, a rest day, a hard day, a bullet).
DRAWN = re.compile("[\u2500-\u259f\u2713\u2605\u2022\u25cb\u25c7]")
# An escape sequence, a carriage return (a line drawn over), or any other control character.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")

SCREENS = {
    "dashboard": [],
    "today": ["today"],
    "streaks": ["streaks"],
    "reflect": ["reflect"],
    "reflect-month": ["reflect", "--month"],
    "reflect-year": ["reflect", "--year"],
    "list": ["list", "--since", "2026-11-20"],
    "list-urges": ["list", "--kind", "urge"],
    "morning": ["morning"],
    "practice-list": ["practice", "list"],
    "support": ["support"],
    "commit-show": ["commit", "--show"],
    "bring-up-list": ["bring-up", "--list"],
    "boost-list": ["boost", "list"],
    "routine-list": ["routine", "list"],
    "config": ["config"],
    "greet": ["greet"],
    "help": ["--help"],
    "help-win": ["help", "win"],
    "help-streaks": ["streaks", "--help"],
    "help-accessibility": ["help", "accessibility"],
}


@pytest.fixture
def lived(history: Path, home: Path, run) -> Path:  # noqa: F811
    """The demo history, with a practice of one's own, an urge and a note for therapy."""
    shutil.copytree(history, home)
    run("practice", "add", "Evening walk", "--per-week", "3")
    run("did", "Evening walk")
    run("did", "Evening walk", "--date", "2026-11-25")
    run("urge", "--about", "a drink after work", "--strength", "3", "--instead", "tea", "--passed")
    run("bring-up", "How the evenings go")
    return home


def process(*args: str, width: int | None = 60, stdin: str = "", **env: str):
    """mindlog as a person starts it, on a fake terminal ``width`` wide (None: piped)."""
    told = dict(os.environ)
    told.pop("NO_COLOR", None)  # the mode itself must keep colour out
    told.update(env)
    if width is not None:
        told.update(TTY_COMPATIBLE="1", COLUMNS=str(width))
    else:
        told["TTY_COMPATIBLE"] = "0"
    return subprocess.run(
        [sys.executable, "-m", "mindlog", *args],
        input=stdin.encode(),
        capture_output=True,
        env=told,
        timeout=60,
        check=False,
    )


def read_in_order(text: str, questions: bool = False) -> None:
    """What every accessible screen holds to (``questions``: a question ends in a space, where
    the answer is typed)."""
    drawn = sorted(set(DRAWN.findall(text)))
    assert not drawn, f"drawn characters {drawn} in:\n{text}"
    controls = sorted({hex(ord(c)) for c in CONTROL.findall(text)})
    assert not controls, f"control characters {controls} in:\n{text}"
    assert not SHAME.findall(text)  # the sentences that stand for a chart never shame
    if not questions:
        assert all(line == line.rstrip() for line in text.split("\n")), "lines padded"


# -- the switch ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "said"),
    [
        ({}, None),
        ({"ACCESSIBLE": "1"}, True),
        ({"ACCESSIBLE": "true"}, True),
        ({"ACCESSIBLE": "yes"}, True),
        ({"ACCESSIBLE": "0"}, False),
        ({"ACCESSIBLE": "false"}, False),
        ({"ACCESSIBLE": "No"}, False),
        ({"ACCESSIBLE": ""}, False),
        ({"ACCESSIBLE": "off"}, False),
        ({"MINDLOG_ACCESSIBLE": "1"}, True),
        ({"MINDLOG_ACCESSIBLE": "0", "ACCESSIBLE": "1"}, False),  # mindlog's own first
        ({"MINDLOG_ACCESSIBLE": "1", "ACCESSIBLE": "0"}, True),
    ],
)
def test_the_variables_say_on_or_off(environ, said):
    assert access.told(environ) is said


def test_the_setting_is_this_computers_and_the_variables_decide_over_it(run, monkeypatch):
    run("config", "accessible", "true")
    saved = json.loads(locations().config_file.read_text(encoding="utf-8"))
    assert saved["accessible"] is True
    # a screen reader belongs to a computer: nothing of it travels in the journal
    assert not [e for e in stored_all().entries if "accessible" in json.dumps(e.fields)]
    access.switch()
    assert out.linear()
    monkeypatch.setenv("ACCESSIBLE", "0")  # off for one command, whatever the setting says
    access.switch()
    assert not out.linear()
    monkeypatch.delenv("ACCESSIBLE")
    run("config", "accessible", "no")
    access.switch()
    assert not out.linear()
    assert "not yes or no" in run("config", "accessible", "maybe", code=1).stderr
    monkeypatch.setenv("MINDLOG_ACCESSIBLE", "1")
    assert "the accessible mode is on here" in run("config").stdout


def test_a_setting_that_cannot_be_read_leaves_the_mode_off(home):
    where = locations()
    where.config_file.parent.mkdir(parents=True, exist_ok=True)
    where.config_file.write_text("{not json", encoding="utf-8")
    assert access.from_settings() is False


# -- every reading screen -----------------------------------------------------------------------


@pytest.mark.parametrize("name", SCREENS)
def test_every_reading_screen_reads_in_order(lived, name):
    done = process(*SCREENS[name], ACCESSIBLE="1")
    assert done.returncode == 0, done.stderr.decode()
    shown = done.stdout.decode("utf-8")
    assert shown.strip(), name
    read_in_order(shown)
    read_in_order(done.stderr.decode("utf-8"), questions=True)
    assert not [row for row in shown.split("\n") if out.cells(row) > 60], "wrapped at words"


@pytest.mark.parametrize("name", ["dashboard", "streaks", "reflect-month", "list", "practice-list"])
def test_the_same_screens_through_typer(lived, run, monkeypatch, name):
    monkeypatch.setenv("MINDLOG_ACCESSIBLE", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.delenv("NO_COLOR")
    args = SCREENS[name] or ["today"]
    read_in_order(run(*args).stdout)


def test_without_the_mode_the_screens_are_drawn(lived):
    """The switch is what turns the drawing off: the same screen without it has its frame and
    calendar (so the checks above are not passing by accident)."""
    drawn = process("streaks", ACCESSIBLE="0").stdout.decode("utf-8")
    assert DRAWN.search(drawn)
    framed = process(ACCESSIBLE="").stdout.decode("utf-8")
    assert DRAWN.search(framed)


def test_the_setting_turns_it_on_for_both_paths(lived, run):
    run("config", "accessible", "true")
    for args in ([], ["streaks"], ["checkin", "--help"], ["support"]):
        done = process(*args)
        assert done.returncode == 0
        read_in_order(done.stdout.decode("utf-8"))


# -- the numbers said in words ----------------------------------------------------------------


def test_the_streaks_numbers_are_said(lived):
    shown = process("streaks", width=None, ACCESSIBLE="1").stdout.decode("utf-8")
    figures = json.loads(process("streaks", "--json", width=None).stdout)
    for practice, words in (
        ("morning", "Morning routine"),
        ("wins", "Wins"),
        ("commitment", "Commitment"),
    ):
        line = next(row for row in shown.split("\n") if row.startswith(words))
        assert f"{figures[practice]['total_days']} days shown up" in line, line
        percent = f"strength {round(figures[practice]['strength'] * 100)}%"
        assert percent in line or "building" in line, line
    # the calendar as sentences: the days counted, then the last seven days one by one
    assert "Recent weeks, " in shown and "shown up on " in shown
    assert "The last seven days: " in shown and "today, " in shown
    own = next(row for row in shown.split("\n") if row.startswith("Evening walk"))
    assert "aim 3 a week" in own and "2 days shown up" in own


def test_the_check_in_charts_are_said_with_every_weekly_average(lived):
    shown = process("streaks", width=None, ACCESSIBLE="1").stdout.decode("utf-8")
    trend = checkins.trend(stored().entries, TODAY, 6)
    weeks = [row for row in shown.split("\n") if row.startswith(("Week of", "This week"))]
    assert weeks
    for week in trend.weeks:
        if not week.checkins:
            continue
        label = "This week" if week is trend.weeks[-1] else "Week of"
        said = [row for row in weeks if row.startswith(label)]
        wanted = [f"mood {week.averages['mood']:.1f}"] if week.averages["mood"] else []
        assert any(all(w in row for w in wanted) for row in said), (week, said)
    assert re.search(r"^Mood, last \d+ weeks: average \d\.\d, lowest week \d\.\d", shown, re.M)
    assert re.search(r"^Mood: average \d\.\d on \d+ days with a check-in, lowest \d", shown, re.M)


# -- saving, progress and help ----------------------------------------------------------------


def test_a_win_is_confirmed_in_a_sentence_on_both_paths(run, monkeypatch):
    done = process("win", "Walked to the shop", ACCESSIBLE="1")  # the fast path
    assert done.stdout.decode().startswith("Your win is saved, for today.")
    monkeypatch.setenv("ACCESSIBLE", "1")
    reply = run("win", "Cooked dinner", "-d", "2026-11-20", "-t", "meaning").stdout
    assert reply.startswith("Your win is saved, for Friday 20 November 2026.")
    wins = {e.text for e in stored().entries if e.kind == "win"}
    assert {"Walked to the shop", "Cooked dinner"} <= wins


def test_progress_is_a_few_percentage_lines(capsys):
    with progress.said(10, "mindlog: importing") as advance:
        for _ in range(10):
            advance(1)
    told = capsys.readouterr().err
    assert told.split("\n") == [
        "mindlog: importing, 0 %",
        "mindlog: importing, 20 %",
        "mindlog: importing, 40 %",
        "mindlog: importing, 60 %",
        "mindlog: importing, 80 %",
        "mindlog: importing, 100 %, done",
        "",
    ]


def test_help_accessibility_on_both_paths(run):
    fast = process("help", "accessibility", width=None).stdout.decode("utf-8")
    typer_path = run("help", "accessibility").stdout
    assert fast == typer_path
    for words in ("ACCESSIBLE=1", "MINDLOG_ACCESSIBLE=1", "mindlog config accessible true"):
        assert words in fast
    assert "accessibility" in run("help", "help").stdout


def test_help_is_one_command_a_line_in_the_mode(run, monkeypatch):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "100")
    side_by_side = run("--help").stdout
    monkeypatch.setenv("ACCESSIBLE", "1")
    linear = run("--help").stdout
    assert len(linear.split("\n")) > len(side_by_side.split("\n"))
    row = next(line for line in linear.split("\n") if line.strip().startswith("support"))
    assert "win" not in row.split("  ")[-1]  # no second command beside it


# -- a real terminal ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_streaks_in_a_real_terminal_at_60_columns(lived, run):
    from test_tmux import Pane

    run("config", "accessible", "true")
    pane = Pane(lived, 60, ["streaks"])
    try:
        pane.wait_for("[done]")
        shown = pane.check_nothing_cut()
        read_in_order("\n".join(line.rstrip() for line in shown.split("\n")))
        assert "Evening walk, done today: aim 3 a week" in shown
        assert "Recent weeks, " in shown and "The last seven days: " in shown
        escapes = pane.tmux("capture-pane", "-p", "-e", "-t", "t")
        assert "\x1b[" not in escapes  # no colour, no style: nothing but the words
    finally:
        pane.close()


def test_a_question_and_a_listing_say_their_choices_with_commas(lived, monkeypatch, capsys):
    from mindlog.cli import prompts
    from mindlog.domain import words

    shown = process("list", "--kind", "checkin", width=100, ACCESSIBLE="1").stdout.decode()
    rows = [row for row in shown.split("\n") if "check-in: mood" in row]
    assert rows and all(" · " not in row and ", energy " in row for row in rows), shown
    out.set_linear(True)
    monkeypatch.setattr(prompts, "_read_line", lambda: "2\n")
    assert prompts.ask(words.FACTOR_QUESTION) == "2"
    asked = capsys.readouterr().err
    assert "1 commitment, 2 meaning, 3 choice" in asked and " · " not in asked
