"""mindlog in a real terminal (tmux): the morning checklist, the win prompt and the dashboard.

tmux draws what a person would see. A line the terminal had to wrap is one that mindlog let run
past the edge (and the terminal cuts words where it wraps), so the test compares the pane with
``capture-pane -J`` (wrapped lines joined again): when mindlog wraps its own lines at words, the
two are the same, and no row is wider than the pane.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import stored
from mindlog.render.out import cells
from test_screens import history  # noqa: F401  (the module-wide demo history fixture)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tmux") is None,
        reason="tmux is not installed (Debian package tmux); it draws the real terminal here",
    ),
]


class Pane:
    """One tmux session of its own (a private server, its socket in a temporary folder),
    ``width`` columns wide."""

    def __init__(self, home: Path, width: int, command: list[str]) -> None:
        self.folder = tempfile.mkdtemp(prefix="mindlog-tmux-")  # short: a socket path is limited
        self.socket = os.path.join(self.folder, "socket")
        self.width = width
        env = {
            "MINDLOG_HOME": str(home),
            "MINDLOG_NOW": "2026-11-28T10:00:00+01:00",
            "PYTHONPATH": os.pathsep.join(sys.path),
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }
        line = " ".join(
            ["env", "-u", "COLUMNS", "-u", "LINES", "-u", "TTY_COMPATIBLE"]
            + [f"{k}={_quote(v)}" for k, v in env.items()]
            + [_quote(sys.executable), "-m", "mindlog", *map(_quote, command)]
        )
        self.tmux(
            "new-session", "-d", "-x", str(width), "-y", "50", "-s", "t",
            f"{line}; echo '[done]'; sleep 60",
        )  # fmt: skip

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=20,
        )
        return done.stdout

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def capture(self, joined: bool = False) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t", *(["-J"] if joined else []))

    def wait_for(self, text: str, timeout: float = 20) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = self.capture()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared:\n{self.capture()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def check_nothing_cut(self, typed: str | None = None) -> str:
        """No row wider than the pane, and no line of mindlog's wrapped by the terminal.

        What the person ``typed`` is echoed by the terminal and wraps where it wraps: the line
        it is on is allowed to.
        """
        shown = self.capture()
        rows = [row.rstrip() for row in shown.split("\n")]
        expected = []
        for line in self.capture(joined=True).split("\n"):
            if typed and typed in line:
                expected += [
                    line[i : i + self.width].rstrip() for i in range(0, len(line), self.width)
                ]
            else:
                expected.append(line.rstrip())
        assert all(cells(row) <= self.width for row in rows)
        assert expected == rows, "the terminal wrapped a line that mindlog did not:\n" + shown
        return shown


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\"'\"'") + "'"


@pytest.fixture
def pane_in(home: Path):
    panes: list[Pane] = []

    def start(width: int, *command: str, where: Path = home) -> Pane:
        pane = Pane(where, width, list(command))
        panes.append(pane)
        return pane

    yield start
    for pane in panes:
        pane.close()


def test_the_morning_checklist_at_60_columns(pane_in, run):
    run("routine", "add", "Write three lines in my notebook about how I slept and what I hope for")
    pane = pane_in(60, "morning")
    pane.wait_for("1. Re-read my commitment statement?")
    for answer in ("y", "n", "", "y", "y"):
        pane.send(answer, "Enter")
        time.sleep(0.2)
    shown = pane.wait_for("[done]")
    assert "Your morning routine for today" in shown
    shown = pane.check_nothing_cut()
    assert "3 of 5" in shown or "three" in shown.lower() or "of 5" in shown


def test_the_win_prompt_at_60_columns(pane_in, run):
    pane = pane_in(60, "win")
    pane.wait_for("What effort would you like to note?")
    typed = "Called my sister and told her how the week really went"
    pane.send(typed, "Enter")
    pane.wait_for("Enter skips)")  # the five factors, one optional question, wrapped to fit
    pane.send("2", "Enter")
    pane.wait_for("[done]")
    pane.check_nothing_cut(typed=typed)
    assert stored().entries[-1].tags == ["meaning"]


@pytest.mark.parametrize("width", [60, 200])
def test_the_dashboard_in_a_real_terminal(pane_in, history, tmp_path, width):  # noqa: F811
    home = tmp_path / "demo"
    shutil.copytree(history, home)
    pane = pane_in(width, where=home)
    pane.wait_for("[done]")
    shown = pane.check_nothing_cut()
    framed = [row for row in shown.split("\n") if row.startswith(("╭", "│", "╰"))]
    assert framed, shown
    assert max(cells(row.rstrip()) for row in framed) == min(width, 100)
    assert "strength 48%" in shown
