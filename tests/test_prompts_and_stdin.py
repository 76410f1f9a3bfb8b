"""Every question shows the person's words safely, and what is read is UTF-8 whatever the locale.

- A routine item synced from another device may hold escape sequences (a window title, a screen
  clear) and a bidirectional override: the morning's question shows it as every screen does
  (mindlog.domain.safe), on a real terminal too.
- Piped standard input is read as bytes and decoded as UTF-8 (a byte-order mark allowed), in
  real processes under ``PYTHONIOENCODING=latin-1`` and ``LC_ALL=C PYTHONUTF8=0``: the words are
  stored exactly, never as mojibake, and valid UTF-8 is never refused. Bytes that are not UTF-8
  are one clear line, and nothing is saved.
- An answer typed at a terminal is read the same way, whatever the locale says.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINDLOG, kept_boosts, kept_plan, stored, subprocess_env

HOSTILE_ITEM = "Tea \x1b]0;owned\x07 then \x1b[2J\x1b[H clear \u202eevil\u202c done"
RAW = ("\x1b", "\x07", "\u202e", "\u202c")

ENCODINGS = {
    "latin-1": {"PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0"},
    "C locale": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    "ascii": {"PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"},
    "utf-8": {"PYTHONUTF8": "1"},
}
WORDS = "café ☕ 学会了 שלום Ünïcödé"


def mindlog(home: Path, args: list[str], stdin: bytes, **env: str) -> subprocess.CompletedProcess:
    environment = subprocess_env(home, **env)
    for name in ("PYTHONIOENCODING", "LC_ALL", "LANG", "LC_CTYPE"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run(
        [*MINDLOG, *args],
        input=stdin,
        env=environment,
        capture_output=True,
        timeout=60,
        check=False,
    )


# -- the morning's question ---------------------------------------------------------------------


def test_the_morning_question_shows_a_synced_item_safely(run, monkeypatch):
    run("routine", "add", HOSTILE_ITEM)
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    result = run("morning", input="n\nn\nn\nn\ny\n")
    for raw in RAW:
        assert raw not in result.stderr and raw not in result.stdout, repr(raw)
    assert "\\x1b]0;owned\\x07" in result.stderr and "\\u202eevil" in result.stderr
    (morning,) = stored().of_kind("morning")
    assert morning.fields["done"] == [HOSTILE_ITEM]  # the item itself is kept exactly


def test_every_question_is_shown_safely(monkeypatch, capsys):
    import io

    from mindlog.cli import prompts

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"y\n")))
    assert prompts.ask(f"Is {HOSTILE_ITEM} right? ") == "y"
    shown = capsys.readouterr().err
    assert not any(raw in shown for raw in RAW) and "\\x1b[2J" in shown


def _on_a_terminal(home: Path, args: list[str], answers: list[bytes], **env: str) -> bytes:
    """Run mindlog on a real terminal (a pseudo-terminal), answering each question as it comes;
    returns everything the terminal was sent."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: mindlog on a real terminal
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        environment = subprocess_env(home, TTY_COMPATIBLE="1", COLUMNS="200", **env)
        for name in ("PYTHONIOENCODING", "LC_ALL", "LANG", "LC_CTYPE", "VISUAL", "EDITOR"):
            if name not in env:
                environment.pop(name, None)
        os.execve(sys.executable, [*MINDLOG, *args], environment)
    seen = b""
    pending = list(answers)
    deadline = time.monotonic() + 60
    status = None
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    break
                seen += chunk
                if pending and chunk.rstrip().endswith((b"?", b":", b")")):
                    os.write(fd, pending.pop(0))
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                pid = 0
                break
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    return seen


@pytest.mark.parametrize("encoding", ["utf-8", "C locale"])
def test_the_morning_question_on_a_real_terminal_sends_no_escape(home, run, encoding):
    run("routine", "add", HOSTILE_ITEM)
    seen = _on_a_terminal(home, ["morning"], [b"n\r"] * 4 + [b"y\r"], **ENCODINGS[encoding])
    assert b"Tea" in seen, seen
    assert b"\x1b]0;owned" not in seen and b"\x1b[2J" not in seen
    assert "\u202e".encode() not in seen and b"\x07" not in seen
    (morning,) = stored().of_kind("morning")
    assert morning.fields["done"] == [HOSTILE_ITEM]


@pytest.mark.parametrize("encoding", ["utf-8", "C locale", "latin-1"])
def test_an_answer_typed_at_a_terminal_is_utf8_whatever_the_locale(home, encoding):
    answers = [WORDS.encode() + b"\r", b"\r"]  # the words, then Enter skips the factors
    seen = _on_a_terminal(home, ["win"], answers, **ENCODINGS[encoding])
    assert b"Traceback" not in seen, seen
    assert [e.text for e in stored().entries] == [WORDS]


@pytest.mark.parametrize("encoding", ["utf-8", "C locale", "latin-1"])
def test_a_passphrase_typed_at_a_terminal_is_utf8_whatever_the_locale(
    home, run, tmp_path, encoding
):
    secret = "pässwörd-lång ☕"
    holder = tmp_path / "passphrase"
    holder.write_text(secret + "\n", encoding="utf-8")
    run("win", WORDS, "-q")
    done = subprocess.run(
        [*MINDLOG, "encrypt"],
        env=subprocess_env(home, MINDLOG_PASSPHRASE_FILE=str(holder)),
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    seen = _on_a_terminal(home, ["unlock"], [secret.encode() + b"\r"], **ENCODINGS[encoding])
    assert b"Traceback" not in seen, seen
    assert b"Unlocked for" in seen, seen
    assert secret.encode() not in seen and b"p\xc3\xa4ss" not in seen  # never shown


def test_an_answer_typed_in_the_terminals_own_encoding_is_read_in_it():
    from mindlog.cli import prompts

    assert prompts.typed("café".encode(), "ISO-8859-1") == "café"
    assert prompts.typed("café".encode("latin-1"), "ISO-8859-1") == "café"
    assert prompts.typed("café".encode("latin-1"), "ANSI_X3.4-1968") is None
    assert prompts.typed("café".encode("latin-1"), "UTF-8") is None


# -- piped standard input -----------------------------------------------------------------------


def _plan_people() -> list[str]:
    return kept_plan().sections.get("people", [])


# command line, what to pipe, where the words are stored
PIPED = {
    "win": (["win", "-q"], WORDS, lambda: [e.text for e in stored().entries]),
    "commit": (["commit"], WORDS, lambda: [e.text for e in stored().entries]),
    "setback": (["setback"], WORDS, lambda: [e.text for e in stored().entries]),
    "rest": (["rest"], WORDS, lambda: [e.text for e in stored().entries]),
    "bring-up": (["bring-up"], WORDS, lambda: [e.text for e in stored().entries]),
    "checkin": (["checkin"], f"3\n\n\n{WORDS}", lambda: [e.text for e in stored().entries]),
    "urge": (
        ["urge"],
        f"{WORDS}\n2\n{WORDS}\nn",
        lambda: [stored().entries[0].fields[k] for k in ("about", "instead")],
    ),
    "boost add": (["boost", "add"], WORDS, kept_boosts),
    "support add": (["support", "add", "people"], WORDS, _plan_people),
    "support --edit": (["support", "--edit"], f"[people]\n- {WORDS}\n", _plan_people),
}


@pytest.mark.parametrize("encoding", ["latin-1", "C locale", "ascii", "utf-8"])
@pytest.mark.parametrize("command", PIPED)
def test_piped_utf8_is_stored_exactly_whatever_the_locale(home, command, encoding):
    args, text, kept = PIPED[command]
    done = mindlog(home, args, text.encode() + b"\n", **ENCODINGS[encoding])
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr
    found = kept()
    assert WORDS in found, found
    assert not any("Ã" in str(f) or "\\x" in str(f) for f in found), found  # no mojibake


@pytest.mark.parametrize("encoding", ["latin-1", "C locale"])
def test_a_byte_order_mark_is_left_out(home, encoding):
    done = mindlog(home, ["win", "-q"], "\ufeff".encode() + WORDS.encode(), **ENCODINGS[encoding])
    assert done.returncode == 0, done.stderr
    assert [e.text for e in stored().entries] == [WORDS]


@pytest.mark.parametrize("encoding", ["latin-1", "C locale", "utf-8"])
@pytest.mark.parametrize("command", ["win", "commit", "checkin", "urge", "support --edit"])
def test_bytes_that_are_not_utf8_are_one_line_and_nothing_is_saved(home, command, encoding):
    args = PIPED[command][0]
    done = mindlog(home, args, b"caf\xe9 \xff\xfe\n", **ENCODINGS[encoding])
    assert done.returncode == 1, done.stderr
    lines = done.stderr.decode("ascii", "replace").strip().splitlines()
    assert len(lines) == 1 and "not valid UTF-8" in lines[0], lines
    assert stored().entries == [] and _plan_people() == []


@pytest.mark.parametrize("encoding", ["latin-1", "C locale"])
def test_import_from_standard_input_keeps_every_word(run, tmp_path, monkeypatch, encoding):
    run("win", WORDS, "-q")
    exported = run("export", "--format", "json").stdout.encode()
    other = tmp_path / "other"
    done = mindlog(other, ["import", "-"], exported, **ENCODINGS[encoding])
    assert done.returncode == 0, done.stderr
    monkeypatch.setenv("MINDLOG_HOME", str(other))
    assert [e.text for e in stored().entries] == [WORDS]
