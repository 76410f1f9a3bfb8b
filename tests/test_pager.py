"""A long `mindlog list` on a terminal goes through a pager, as git's output does; piped, never.

Each command runs in a real pseudo-terminal of 12 rows (the pty module) with the pager set to a
small script that records what it was handed. What reached the pager, and what reached the
terminal, are both checked.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from mindlog.store.config import Config, load
from mindlog.store.paths import locations
from mindlog.usecases.paging import DEFAULT, pager_command

ROWS = 12


@pytest.fixture
def pager(tmp_path: Path) -> Path:
    """A pager that records its input (``got``) and the LESS it was given (``less``)."""
    script = tmp_path / "pager.sh"
    script.write_text(
        '#!/bin/sh\nprintf "%s" "$LESS" > "$(dirname "$0")/less"\ncat > "$(dirname "$0")/got"\n'
    )
    script.chmod(0o755)
    return script


def got(pager: Path) -> str | None:
    found = pager.with_name("got")
    return found.read_text(encoding="utf-8") if found.exists() else None


def in_terminal(*args: str, rows: int = ROWS, **env: str) -> tuple[int, str]:
    """``mindlog ARGS`` in a pseudo-terminal ``rows`` high and 80 wide: its exit code and all it
    showed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 80, 0, 0))
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TTY_COMPATIBLE")}
    for name in ("PAGER", "MINDLOG_PAGER"):
        base.pop(name, None)
    base |= {"TERM": "xterm", "PYTHONPATH": os.pathsep.join(sys.path)} | env
    child = subprocess.Popen(
        [sys.executable, "-m", "mindlog", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=base,
        close_fds=True,
    )
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1)
        if not ready:
            if child.poll() is not None:
                break
            continue
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end is closed: everything was read
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    code = child.wait(timeout=60)
    return code, shown.decode("utf-8", "replace").replace("\r\n", "\n")


def wins(run, count: int) -> None:
    for n in range(count):
        run("win", f"small step number {n}", "-q", "--date", f"2026-11-{1 + n % 27:02d}")


def test_a_long_list_opens_in_the_pager(run, pager):
    wins(run, 20)
    code, shown = in_terminal("list", PAGER=str(pager))
    assert code == 0, shown
    handed = got(pager)
    assert handed is not None, shown
    assert "small step number 19" in handed and "20 entries" in handed
    assert "small step number" not in shown  # the pager had it all, not the terminal
    assert pager.with_name("less").read_text() == "FRX"  # as git sets it for less


def test_a_list_that_fits_on_the_screen_is_printed(run, pager):
    wins(run, 2)
    code, shown = in_terminal("list", PAGER=str(pager))
    assert code == 0
    assert got(pager) is None
    assert "small step number 1" in shown and "2 entries" in shown


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["list", "--no-pager"], {}),  # the flag (fast path)
        (["list", "--no-pager", "--kind", "win", "-k", "morning"], {}),
        (["list"], {"MINDLOG_PAGER": ""}),  # an empty pager is none
        (["list"], {"MINDLOG_PAGER": "cat"}),
    ],
)
def test_no_pager_when_asked_for_none(run, pager, args, env):
    wins(run, 20)
    code, shown = in_terminal(*args, PAGER=str(pager), **env)
    assert code == 0
    assert got(pager) is None
    assert "small step number 19" in shown and "20 entries" in shown


def test_the_pager_setting_and_its_order(run, pager, tmp_path):
    wins(run, 20)
    run("config", "pager", "off")
    assert load(locations()).values["pager"] == "off"
    code, shown = in_terminal("list", PAGER=str(pager))
    assert code == 0 and got(pager) is None and "20 entries" in shown
    # MINDLOG_PAGER comes before the setting
    code, shown = in_terminal("list", MINDLOG_PAGER=str(pager))
    assert code == 0 and "20 entries" in (got(pager) or "")
    pager.with_name("got").unlink()
    run("config", "pager", str(pager))
    code, shown = in_terminal("list", PAGER="/no/such/pager")  # the setting before PAGER
    assert code == 0 and "20 entries" in (got(pager) or "")


@pytest.mark.parametrize("command", ["/no/such/pager -R", "LESS=-R no-such-pager-here"])
def test_a_pager_that_cannot_start_leaves_the_list_printed(run, command):
    wins(run, 20)
    code, shown = in_terminal("list", PAGER=command)
    assert code == 0
    assert "small step number 19" in shown and "20 entries" in shown
    assert "Traceback" not in shown


def test_never_when_piped(run, pager):
    wins(run, 20)
    env = {k: v for k, v in os.environ.items() if k != "TTY_COMPATIBLE"}
    done = subprocess.run(
        [sys.executable, "-m", "mindlog", "list"],
        capture_output=True,
        text=True,
        env=env | {"PAGER": str(pager), "PYTHONPATH": os.pathsep.join(sys.path)},
        check=True,
    )
    assert got(pager) is None
    assert len(done.stdout.splitlines()) == 20  # plain lines, one an entry


def test_leaving_the_pager_early_ends_quietly(home, tmp_path):
    """A pager that reads a few lines and leaves (a person pressing q at the first screen):
    mindlog stops drawing and ends with 0, without a word on the terminal."""
    journal = home / "journal"
    journal.mkdir(parents=True)
    (journal / "format.json").write_text('{"schema": 2}\n')
    with open(journal / "other-0000abcd.jsonl", "w", encoding="utf-8") as device:
        for n in range(3000):
            day = f"2026-{1 + n // 300:02d}-{1 + n % 28:02d}"
            entry = {"id": f"{n:012x}", "kind": "win", "day": day, "at": f"{day}T09:00:00+01:00"}
            entry |= {"text": f"a win of many {n}", "tags": []}
            line = {"v": 2, "eid": f"{n:016x}", "t": 1_700_000_000_000_000 + n, "op": "add"}
            device.write(json.dumps(line | {"entry": entry}) + "\n")
    script = tmp_path / "quick-pager.sh"
    script.write_text('#!/bin/sh\nhead -n 3 > "$(dirname "$0")/got"\n')
    script.chmod(0o755)
    code, shown = in_terminal("list", PAGER=str(script))
    assert code == 0, shown
    assert len((tmp_path / "got").read_text().splitlines()) == 3
    assert "a win of many" not in shown and "Traceback" not in shown and "mindlog:" not in shown


def test_which_pager(monkeypatch):
    for name in ("MINDLOG_PAGER", "PAGER", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert pager_command(Config()) == DEFAULT == "less -FRX"
    assert pager_command(Config(), paging=False) is None
    monkeypatch.setenv("TERM", "dumb")
    assert pager_command(Config()) is None  # an editor's shell: no pager unless one is named
    monkeypatch.setenv("PAGER", "more")
    assert pager_command(Config()) == "more"
    assert pager_command(Config({"pager": "most"})) == "most"
    assert pager_command(Config({"pager": "off"})) is None
    monkeypatch.setenv("MINDLOG_PAGER", " less -S ")
    assert pager_command(Config({"pager": "off"})) == "less -S"
    monkeypatch.setenv("MINDLOG_PAGER", "")
    assert pager_command(Config({"pager": "most"})) is None


def test_the_pager_setting_is_checked(run):
    for word in ("off", "No", "false"):
        run("config", "pager", word)
        assert load(locations()).values["pager"] == "off"
    result = run("config", "pager", "  ", code=1)
    assert "cannot be empty" in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("tmux") is None or shutil.which("less") is None,
    reason="needs tmux and less (Debian packages tmux and less): the real pager in a real terminal",
)
def test_the_real_less_in_a_real_terminal(run, home, monkeypatch):
    """The default pager, less -FRX, in tmux: the first screen waits for the person, q leaves
    it, and what was read stays on the screen (-X)."""
    from test_tmux import Pane

    for name in ("PAGER", "MINDLOG_PAGER", "LESS"):
        monkeypatch.delenv(name, raising=False)
    wins(run, 80)
    pane = Pane(home, 80, ["list"])
    try:
        shown = pane.wait_for("small step number 0")
        time.sleep(0.5)
        assert "[done]" not in pane.capture()  # less waits for the person
        pane.send("q")
        shown = pane.wait_for("[done]")
        assert "small step number 0" in shown  # -X: the screen read stays
        assert "Traceback" not in shown
    finally:
        pane.close()
