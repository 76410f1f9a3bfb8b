"""mindlog in a shell: help that fits, Tab completion, and pipes cut short by their reader.

Help: ``mindlog --help`` lists the commands in five groups in at most 40 lines at 100 columns;
piped, it is plain lines; the fast path answers from mindlog.cli.helpdata exactly as Typer does.
Completion: the shell's own machinery (bash, zsh and fish in tmux, where installed) is offered
commands, options and values, never a private word, and the start-up line is guarded.
Pipes: a reader that goes away (``| head -1``) ends every reading command quietly with exit
status 0 (out.READER_GONE), under ``set -o pipefail``, on the fast path and Typer's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import MINDLOG, imports_of, subprocess_env
from mindlog.cli import completion, helpdata, quick
from mindlog.cli.main import GROUPS
from mindlog.render.out import READER_GONE, cells

FRAMES = set("╭╮╰╯│─━┃")
PRIVATE = "my secret reason"


def mindlog(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MINDLOG, *args],
        env=subprocess_env(home, **env),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


# -- help ----------------------------------------------------------------------------------------


def test_help_data_is_up_to_date():
    from mindlog.cli.helpgen import every_help

    assert quick.fingerprint() == helpdata.FINGERPRINT, "run: python -m mindlog.cli.helpgen"
    assert every_help() == helpdata.HELP, "run: python -m mindlog.cli.helpgen"


def test_commands_are_in_five_groups_support_first(run):
    top = helpdata.HELP[""]
    groups = [(title, rows) for title, rows, listed in top["sections"] if listed]
    assert [title for title, _ in groups] == list(GROUPS)
    assert groups[0][1][0][0] == "support"
    listed = {name for _, rows in groups for name, _ in rows}
    commands = {key for key in helpdata.HELP if key and " " not in key}
    assert listed == commands  # every command has its group, none is left in "Commands"


def test_help_fits_in_forty_lines_at_100_columns(home):
    shown = mindlog(home, "--help", TTY_COMPATIBLE="1", COLUMNS="100")
    lines = shown.stdout.splitlines()
    assert shown.returncode == 0 and len(lines) <= 40, shown.stdout
    assert all(cells(line) <= 100 for line in lines)
    assert "support" in "\n".join(lines[:12])  # in the first group, near the top


@pytest.mark.parametrize("argv", [["--help"], ["win", "--help"], ["help", "support"], ["-h"]])
def test_piped_help_is_plain(home, argv):
    shown = mindlog(home, *argv)
    assert shown.returncode == 0 and shown.stderr == ""
    assert not FRAMES & set(shown.stdout) and "\x1b" not in shown.stdout
    assert all(line == line.rstrip() for line in shown.stdout.splitlines())  # never padded
    assert shown.stdout.startswith("Usage: mindlog")


@pytest.mark.parametrize("where", [{}, {"TTY_COMPATIBLE": "1", "COLUMNS": "60"},
                                   {"TTY_COMPATIBLE": "1", "COLUMNS": "100"}])  # fmt: skip
def test_fast_help_is_typers_help(run, capsys, monkeypatch, where):
    for name, value in where.items():
        monkeypatch.setenv(name, value)
    for key in helpdata.HELP:
        words = key.split()
        assert quick.dispatch([*words, "--help"]) == 0
        fast = capsys.readouterr().out
        assert quick.dispatch(["help", *words]) == 0
        assert capsys.readouterr().out == fast
        assert run(*words, "--help").stdout == fast, key


def test_help_starts_without_typer(home):
    for argv in (["--help"], ["help", "win"], ["routine", "add", "--help"]):
        assert not {"typer", "rich", "mindlog.cli.main"} & imports_of(home, *argv), argv


def test_help_made_from_other_sources_is_left_to_typer(monkeypatch, capsys):
    monkeypatch.setattr(helpdata, "FINGERPRINT", "stale")
    assert quick.dispatch(["--help"]) is None
    assert quick.dispatch(["no-such-command", "--help"]) is None
    assert capsys.readouterr().out == ""


# -- completion: what is offered -----------------------------------------------------------------


def write_private_words(run):
    run("commit", PRIVATE)
    run("win", "walked to the " + "river", "-q")
    run("practice", "add", "walk")


def bash_complete(home: Path, line: str) -> list[str]:
    words = line.split()
    index = len(words) if line.endswith(" ") else len(words) - 1
    done = mindlog(home, COMP_WORDS=line, COMP_CWORD=str(index), _MINDLOG_COMPLETE="complete_bash")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done.stdout.split()


def test_completion_is_typers_not_the_dashboard(run, home):
    """The fast path steps aside: Tab is offered command names, never the dashboard's lines."""
    write_private_words(run)
    assert bash_complete(home, "mindlog ed") == ["edit"]
    names = bash_complete(home, "mindlog ")
    assert names[:2] == ["support", "win"] and "streaks" in names
    assert not any(word in " ".join(names) for word in ("secret", "river", "Your"))


def zsh_complete(run, words: str) -> str:
    env = {"_MINDLOG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
    result = run.runner.invoke(quick_free_app(), [], env=env, prog_name="mindlog")
    assert result.exit_code == 0
    return result.stdout


def quick_free_app():
    from mindlog.cli.main import app

    return app


def test_completion_offers_values_where_they_are_asked_for(run):
    write_private_words(run)
    # commands with their few words of help, never the person's
    commands = zsh_complete(run, "mindlog ")
    assert '"support":"Your plan, and where to find help"' in commands
    assert "secret" not in commands and "river" not in commands
    # an entry's id with its first words, only where an id is asked for
    ids = zsh_complete(run, "mindlog edit ")
    assert "walked to the river" in ids and "secret" not in commands
    assert "walk" in zsh_complete(run, "mindlog did w")
    assert "walk" in zsh_complete(run, "mindlog practice rename ")
    assert "day_starts_at" in zsh_complete(run, "mindlog config d")
    assert "zsh" in zsh_complete(run, "mindlog shell-init z")
    assert '"support"' in zsh_complete(run, "mindlog help su")
    assert "--json" in zsh_complete(run, "mindlog list --j")
    run("checkin", "scales", "add", "calm")
    assert "calm=" in zsh_complete(run, "mindlog checkin --scale c")


def test_completion_shows_private_words_safely(run):
    run("win", "bold \x1b[31mred\x1b[0m move", "-q")
    assert "\x1b" not in zsh_complete(run, "mindlog edit ")


def test_completion_never_asks_for_a_passphrase(run, monkeypatch, passfile, fast_keys):
    from test_encryption import encrypt, lock

    run("win", "walked to the river", "-q")
    encrypt(run, monkeypatch, passfile)
    lock(run)

    asked: list[object] = []
    monkeypatch.setattr("getpass.getpass", lambda *a, **k: asked.append(a) or "wrong")
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    offered = zsh_complete(run, "mindlog edit ")
    assert asked == [] and "river" not in offered
    from mindlog.store import keys

    assert keys.ask is not None  # reading commands still ask, after completing
    assert "edit" in zsh_complete(run, "mindlog ed")


# -- completion: installing ----------------------------------------------------------------------


@pytest.fixture
def user_home(tmp_path: Path) -> Path:
    folder = tmp_path / "user"
    folder.mkdir()
    return folder


def test_install_completion_writes_a_guarded_line_once(home, user_home):
    bashrc = user_home / ".bashrc"
    script = user_home / ".bash_completions" / "mindlog.sh"
    # an unguarded line, as Typer's own --install-completion wrote it
    bashrc.write_text(f"alias ll='ls -l'\nsource '{script}'\n")
    for _ in range(2):
        done = mindlog(home, "--install-completion", HOME=str(user_home), SHELL="/bin/bash")
        assert done.returncode == 0, done.stderr
    text = bashrc.read_text()
    assert text.startswith("alias ll='ls -l'\n")
    assert f"source '{script}'" not in text
    assert text.count(completion.places("bash", user_home)[2] or "") == 1
    assert "_MINDLOG_COMPLETE" in script.read_text()
    # once the script is gone, a new shell starts without a word on stderr
    script.unlink()
    started = subprocess.run(
        ["bash", "-i", "-c", "true"],
        env={"HOME": str(user_home), "PATH": os.environ["PATH"], "TERM": "dumb"},
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert "mindlog" not in started.stderr and "No such file" not in started.stderr


def test_install_completion_for_a_shell_it_does_not_know_is_one_line(home, user_home):
    done = mindlog(home, "--install-completion", HOME=str(user_home), SHELL="/usr/bin/pwsh")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr == "mindlog: Tab completion is for bash, zsh and fish; your shell is pwsh\n"
    assert not any(user_home.iterdir())


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed (Debian: zsh)")
def test_install_completion_for_zsh_is_guarded(home, user_home):
    done = mindlog(home, "--install-completion", HOME=str(user_home), SHELL="/usr/bin/zsh")
    assert done.returncode == 0, done.stderr
    assert (user_home / ".zfunc" / "_mindlog").exists()
    (user_home / ".zfunc" / "_mindlog").unlink()
    started = subprocess.run(
        ["zsh", "-i", "-c", "true"],
        env={"HOME": str(user_home), "PATH": os.environ["PATH"], "TERM": "dumb"},
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert started.returncode == 0 and started.stderr == "", started.stderr


# -- completion through each shell's own machinery, in a real terminal -----------------------------


class Shell:
    """An interactive shell in tmux (a private server), with mindlog's completion loaded."""

    def __init__(self, home: Path, command: str, setup: list[str]) -> None:
        self.folder = tempfile.mkdtemp(prefix="mindlog-sh-")
        self.socket = os.path.join(self.folder, "socket")
        bin_folder = Path(self.folder) / "bin"
        bin_folder.mkdir()
        launcher = bin_folder / "mindlog"
        launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m mindlog "$@"\n')
        launcher.chmod(0o755)
        env = {
            "MINDLOG_HOME": str(home),
            "MINDLOG_NOW": "2026-11-28T10:00:00+01:00",
            "PYTHONPATH": os.pathsep.join(sys.path),
            "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
            "HOME": self.folder,
            "TERM": "xterm",
            "LANG": "C.UTF-8",
        }
        line = "env -i " + " ".join(f"{k}='{v}'" for k, v in env.items()) + " " + command
        self.tmux("new-session", "-d", "-x", "100", "-y", "40", "-s", "t", line)
        time.sleep(0.5)
        for step in setup:
            self.send(step, "Enter")
        self.send("clear", "Enter")
        time.sleep(0.5)

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

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def typed(self, text: str, wanted: str, tabs: int = 1, timeout: float = 20) -> str:
        """Type ``text``, press Tab, and wait until ``wanted`` is on the screen."""
        self.send("C-u")
        self.send("-l", text)
        for _ in range(tabs):
            time.sleep(0.3)
            self.send("Tab")
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = self.screen()
            if wanted in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{wanted!r} never appeared:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def script_for(home: Path, shell: str) -> str:
    folder = Path(tempfile.mkdtemp(prefix="mindlog-script-"))
    path = folder / f"mindlog.{shell}"
    path.write_text(completion.script(shell) + "\n")
    return str(path)


SHELLS = {
    "bash": ("bash --norc --noprofile", lambda s: [f"source '{s}'"]),
    "zsh": ("zsh -f", lambda s: ["autoload -Uz compinit && compinit -u", f"source '{s}'"]),
    "fish": ("fish --no-config", lambda s: [f"source '{s}'"]),
}


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (Debian: tmux)")
@pytest.mark.parametrize("shell", list(SHELLS))
def test_tab_completes_in_the_shell(run, home, shell):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed (Debian package {shell})")
    write_private_words(run)
    command, setup = SHELLS[shell]
    pane = Shell(home, command, setup(script_for(home, shell)))
    try:
        pane.typed("mindlog ed", "mindlog edit")
        pane.typed("mindlog did w", "mindlog did walk")
        pane.typed("mindlog config day_s", "mindlog config day_starts_at")
        shown = pane.typed("mindlog ", "streaks", tabs=2)  # every command offered
        assert "secret" not in shown and "river" not in shown and "This morning" not in shown
    finally:
        pane.close()


# -- pipes ---------------------------------------------------------------------------------------


READING = [
    [],
    ["today"],
    ["list"],
    ["list", "--json"],
    ["list", "--kind", "win"],
    ["export"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["streaks"],
    ["streaks", "--json"],
    ["reflect"],
    ["reflect", "--year"],
    ["support"],
    ["--help"],
    ["help", "export"],
    ["list", "--help"],
    ["practice", "list"],
    ["config"],
]


@pytest.fixture(scope="module")
def long_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal whose list and export are far longer than a pipe holds (64 KiB)."""
    folder = tmp_path_factory.mktemp("pipes") / "home"
    entries = [
        {
            "id": f"{i:012x}",
            "kind": "win",
            "day": f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}",
            "at": f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}T09:00:00+01:00",
            "text": f"win number {i}, a walk by the water and a call to a friend",
            "tags": ["choice"],
        }
        for i in range(1500)
    ]
    export = folder.parent / "export.json"
    export.write_text(json.dumps({"mindlog_export": 1, "entries": entries}))
    env = subprocess_env(folder, MINDLOG_NOW="2026-11-28T10:00:00+01:00")
    done = subprocess.run(
        [*MINDLOG, "import", str(export)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return folder


# Every command line through Typer (the fast path declines everything), through the same main().
TYPER_ONLY = (
    "import sys, mindlog.__main__ as m, mindlog.cli.quick as q\n"
    "q.dispatch = lambda argv: None\n"
    "sys.argv = ['mindlog', *sys.argv[1:]]\n"
    "m.main()\n"
)


@pytest.mark.slow
@pytest.mark.parametrize("path", ["fast", "typer"])
def test_a_reader_that_goes_away_ends_every_command_quietly(long_journal, path, tmp_path):
    typer_only = tmp_path / "typer_only.py"
    typer_only.write_text(TYPER_ONLY)
    program = " ".join(MINDLOG) if path == "fast" else f"{sys.executable} {typer_only}"
    env = subprocess_env(long_journal, MINDLOG_NOW="2026-11-28T10:00:00+01:00")
    for argv in READING:
        for _ in range(3):  # a race: the reader may go before, during or after the writing
            done = subprocess.run(
                ["bash", "-c", f"set -o pipefail; {program} {' '.join(argv)} | head -1"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
                timeout=120,
            )
            assert (done.returncode, done.stderr) == (READER_GONE, ""), (path, argv, done)
            assert done.stdout.strip(), (path, argv)
