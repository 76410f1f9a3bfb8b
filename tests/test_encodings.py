"""Any output encoding works: real `python -m mindlog` processes with LC_ALL=C, ascii and latin-1.

Every reading command prints without a traceback over a varied history (accents, emoji, CJK,
right-to-left text, brackets): mindlog's marks and bars get ASCII stand-ins where the encoding
cannot show them, the person's words get escapes, and documents sent to a pipe stay whole UTF-8.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINDLOG, subprocess_env
from test_screens import ANSI, history  # noqa: F401  (the module-wide demo history fixture)

ENCODINGS = {
    "C locale": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    "ascii": {"PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"},
    "latin-1": {"PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0"},
}
# The reading command lines, written out on purpose (as in test_fuzz_lines.py and
# test_two_devices.py): each test file keeps the list its own cases need.
COMMANDS = [
    [],
    ["list"],
    ["list", "--json"],
    ["streaks"],
    ["reflect"],
    ["reflect", "--month"],
    ["export", "--format", "md"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["commit", "--show"],
    ["greet"],
    ["support"],
    ["boost", "list"],
    ["win", "--help"],
]
MARKS = "✓★█▓▒░▁▂▃▅▇○◇•…"


@pytest.fixture(scope="module")
def copy(history: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    folder = tmp_path_factory.mktemp("encodings") / "home"
    shutil.copytree(history, folder)
    return folder


def mindlog(home: Path, args: list[str], terminal: bool, **env: str) -> subprocess.CompletedProcess:
    extra = {"MINDLOG_NOW": "2026-11-28T10:00:00+01:00", "TTY_COMPATIBLE": "1" if terminal else "0"}
    environment = subprocess_env(home, **extra, **env)
    for name in ("PYTHONIOENCODING", "LC_ALL", "LANG", "LC_CTYPE"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run(
        [*MINDLOG, *args], env=environment, capture_output=True, check=False, timeout=60
    )


@pytest.mark.slow
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_reading_command_prints_on_any_encoding(copy, encoding, terminal):
    env = ENCODINGS[encoding]
    for args in COMMANDS:
        done = mindlog(copy, args, terminal, **env)
        command = " ".join(["mindlog", *args])
        assert b"Traceback" not in done.stderr, f"{command}: {done.stderr.decode(errors='replace')}"
        assert done.returncode == 0, f"{command}: {done.stderr.decode(errors='replace')}"
        assert done.stdout.strip(), command
        is_document = args[:1] == ["export"] or args == ["list", "--json"]
        if is_document and not terminal:
            # a document sent to a pipe or a file keeps every word, as UTF-8
            text = done.stdout.decode("utf-8")
            assert "soupe à l'oignon" in text and "学会了做饺子" in text and "שלום" in text
            if args[-1] == "json" or args == ["list", "--json"]:
                json.loads(text)
            continue
        readable = "latin-1" if encoding == "latin-1" else "ascii"
        shown = done.stdout.decode(readable)  # everything printed is in the output's encoding
        if args in ([], ["streaks"]):
            assert not set(MARKS) & set(shown)
        if args == ["list"]:
            assert "soupe \\xe0 l'oignon" in shown or "soupe à l'oignon" in shown


@pytest.mark.slow
def test_marks_have_ascii_stand_ins_and_words_get_escapes(copy):
    def plain(done: subprocess.CompletedProcess) -> str:
        return ANSI.sub("", done.stdout.decode("ascii"))

    shown = plain(mindlog(copy, ["streaks"], True, COLUMNS="60", **ENCODINGS["ascii"]))
    assert "Morning routine +\n  23 days shown up  ######....  57%" in shown
    assert "o rest day  ~ hard day" in shown and "* . : % # shown up" in shown
    dashboard = plain(mindlog(copy, [], True, COLUMNS="100", **ENCODINGS["ascii"]))
    assert "+ Re-read my commitment statement" in dashboard
    assert "* Made breakfast for everyone" in dashboard
    assert dashboard.splitlines()[0].startswith("+--")  # rich's ASCII box
    listing = mindlog(copy, ["list", "--kind", "win"], False, **ENCODINGS["ascii"]).stdout
    assert b"Walked to the park and back \\U0001f333" in listing


def test_a_greeting_on_an_ascii_terminal(home, run):
    run("commit", "Für meine Kinder, jeden Tag 🌱")
    done = mindlog(home, ["greet"], True, COLUMNS="60", **ENCODINGS["ascii"])
    assert done.returncode == 0 and not done.stderr
    assert done.stdout.decode("ascii").startswith("Your why: F\\xfcr meine Kinder")


def test_json_to_an_ascii_terminal_is_still_shown(home, run):
    run("win", "café ☕", "-q")
    done = mindlog(home, ["list", "--json"], True, **ENCODINGS["ascii"])
    assert done.returncode == 0 and b"caf\\xe9" in done.stdout


if not shutil.which(sys.executable):  # pragma: no cover - the interpreter is always there
    pytest.skip("no Python to start", allow_module_level=True)
