"""The start-up lines, run for real: interactive shells on a pseudo-terminal greet once a day;
scripts, pipes and shells without mindlog stay silent and unharmed."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from mindlog.usecases.login import STARTUP_LINES

GREETING = "Welcome to mindlog"


def _controlling_terminal() -> None:
    """In the child: a session of its own, with the pseudo-terminal as its controlling terminal
    (as a terminal emulator does; fish insists on it)."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def on_a_terminal(argv: list[str], env: dict[str, str], timeout: float = 20.0) -> str:
    """Run ``argv`` on a pseudo-terminal, type ``exit``, and return everything it printed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, preexec_fn=_controlling_terminal
    )
    os.close(slave)
    output = b""
    os.write(master, b"exit\n")
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the terminal closed: the shell has ended
                    break
                if not chunk:
                    break
                output += chunk
            elif proc.poll() is not None:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        os.close(master)
    return output.decode("utf-8", "replace")


@pytest.fixture
def shell_env(tmp_path: Path, home: Path):
    """A clean environment with a `mindlog` on PATH (and a way to take it away)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "mindlog"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m mindlog "$@"\n')
    script.chmod(0o755)
    system_path = "/usr/local/bin:/usr/bin:/bin"

    def make(installed: bool = True) -> dict[str, str]:
        env = {
            "HOME": str(tmp_path),
            "PATH": f"{bin_dir}:{system_path}" if installed else system_path,
            "MINDLOG_HOME": str(home),
            "MINDLOG_NOW": os.environ["MINDLOG_NOW"],
            "TERM": "dumb",
            "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
            "ZDOTDIR": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / ".config"),
        }
        return env

    return make


def rc_for(shell: str, tmp_path: Path) -> Path:
    if shell == "bash":
        rc = tmp_path / ".bashrc"
    elif shell == "zsh":
        rc = tmp_path / ".zshrc"
    else:
        rc = tmp_path / ".config" / "fish" / "config.fish"
        rc.parent.mkdir(parents=True, exist_ok=True)
    rc.write_text(STARTUP_LINES[shell] + "\n")
    return rc


def interactive(shell: str, rc: Path) -> list[str]:
    if shell == "bash":
        return ["bash", "--noprofile", "--rcfile", str(rc), "-i"]
    if shell == "zsh":
        return ["zsh", "-i"]
    return ["fish", "-i"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_an_interactive_shell_greets_once_a_day(shell, shell_env, tmp_path, home):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    rc = rc_for(shell, tmp_path)
    env = shell_env()
    first = on_a_terminal(interactive(shell, rc), env)
    assert GREETING in first, first
    assert "Traceback" not in first
    assert (home / "state" / "greeted-2026-11-28").exists()
    again = on_a_terminal(interactive(shell, rc), env)
    assert GREETING not in again, again
    env["MINDLOG_NOW"] = "2026-11-29T08:00:00+01:00"
    assert GREETING in on_a_terminal(interactive(shell, rc), env)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_no_greeting_outside_an_interactive_terminal(shell, shell_env, tmp_path, home):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    rc = rc_for(shell, tmp_path)
    env = shell_env()
    runs = [
        # a script, as scp, rsync and `ssh host command` run one, sourcing the start-up file
        [shell, "-c", f"source {rc}; echo done"],
        # an interactive shell whose output goes to a pipe
        [*interactive(shell, rc), "-c", "echo done"]
        if shell != "bash"
        else ["bash", "--rcfile", str(rc), "-i", "-c", "echo done"],
    ]
    for argv in runs:
        done = subprocess.run(
            argv, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30
        )
        assert done.stdout.strip().splitlines()[-1] == "done", done
        assert GREETING not in done.stdout + done.stderr
    assert not (home / "state").exists()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_lines_survive_mindlog_being_uninstalled(shell, shell_env, tmp_path):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    rc = rc_for(shell, tmp_path)
    output = on_a_terminal(interactive(shell, rc), shell_env(installed=False))
    assert "not found" not in output and "Unknown command" not in output, output
    assert GREETING not in output


def test_the_alias_works_and_the_switch_turns_the_greeting_off(shell_env, tmp_path, home):
    rc = tmp_path / ".bashrc"
    rc.write_text('eval "$(mindlog shell-init bash --alias ml)"\nml --version\n')
    env = shell_env()
    env["MINDLOG_NO_GREET"] = "1"
    output = on_a_terminal(["bash", "--noprofile", "--rcfile", str(rc), "-i"], env)
    assert "mindlog 0." in output
    assert GREETING not in output
    assert not (home / "state").exists()
