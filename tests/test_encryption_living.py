"""Living with an encrypted journal (issue 22): one way to ask for the key on both paths, a home
for the unlocked key where there is no runtime folder, the greeting, and writes that work locked.

The asking is tried on a real pseudo-terminal (python's pty module), in real processes, on the
fast path (``mindlog list``) and on the Typer path (``mindlog unlock``).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import subprocess
import termios
import time
from pathlib import Path

import pytest

from conftest import MINDLOG, stored, subprocess_env
from keys_fixtures import PASSPHRASE, encrypt
from mindlog.cli import asking
from mindlog.store import keys
from mindlog.store.paths import locations

pytestmark = pytest.mark.usefixtures("fast_keys")  # tests/keys_fixtures.py


def lock(run) -> None:
    run("lock")
    keys._opened.clear()


# -- on a terminal -------------------------------------------------------------------------------


class Terminal:
    """A mindlog command line in a real process whose terminal is a pseudo-terminal."""

    def __init__(self, home: Path, *args: str, **env: str) -> None:
        self.master, slave = pty.openpty()

        def controlling() -> None:  # the pseudo-terminal becomes the process's own /dev/tty
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        environment = subprocess_env(home, **env)
        environment.pop(keys.PASSPHRASE_FILE_VARIABLE, None)
        self.proc = subprocess.Popen(
            [*MINDLOG, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            preexec_fn=controlling,  # noqa: PLW1509 - a test's own child, nothing threaded
        )
        os.close(slave)
        self.seen = ""
        self.asked: dict[str, int] = {}

    def until(self, text: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while text not in self.seen:
            left = end - time.monotonic()
            assert left > 0, f"waited for {text!r}; the terminal shows {self.seen!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    chunk = b""
                assert chunk, f"ended before {text!r}; the terminal shows {self.seen!r}"
                self.seen += chunk.decode("utf-8", "replace")
        return self.seen

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\r")

    def answer(self, question: str, line: str) -> None:
        """Wait for one more ``question`` (typing earlier would be flushed as echo turns off),
        then type ``line``."""
        self.asked[question] = wanted = self.asked.get(question, 0) + 1
        end = time.monotonic() + 30
        while self.seen.count(question) < wanted:
            assert time.monotonic() < end, self.seen
            self.until(question)
            if self.seen.count(question) < wanted:
                ready, _, _ = select.select([self.master], [], [], 1)
                if ready:
                    self.seen += os.read(self.master, 4096).decode("utf-8", "replace")
        time.sleep(0.2)  # the question is written just after echo is turned off
        self.type(line)

    def finish(self, timeout: float = 30) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            chunk = b""
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the terminal's other end is closed: the process ended
                    chunk = b""
                self.seen += chunk.decode("utf-8", "replace")
            if self.proc.poll() is not None and not chunk:
                break
        if self.proc.poll() is None:
            self.proc.kill()
            raise AssertionError(f"still running; the terminal shows {self.seen!r}")
        code = self.proc.wait(timeout=5)
        os.close(self.master)
        return code


def test_a_locked_journal_asks_the_same_way_on_the_fast_path_and_the_typer_path(
    run, home, monkeypatch, passfile
):
    run("win", "a quiet walk")
    encrypt(run, monkeypatch, passfile)
    lock(run)
    env = {"XDG_RUNTIME_DIR": os.environ["XDG_RUNTIME_DIR"]}
    for args in (["list"], ["checkin", "scales"]):  # the fast path, then Typer's
        term = Terminal(home, *args, **env)
        term.answer(asking.PASSPHRASE, "")  # an empty Enter is nothing typed, not a wrong one
        term.until(asking.NOTHING_TYPED)
        term.answer(asking.PASSPHRASE, "not the passphrase")
        seen = term.until("mindlog unlock --recovery")  # a wrong one names the recovery key
        assert keys.WRONG not in seen
        term.answer(asking.PASSPHRASE, PASSPHRASE)
        assert term.finish() == 0, term.seen
        if args == ["list"]:
            assert "a quiet walk" in term.seen
        lock(run)


def test_three_wrong_tries_end_in_one_line_and_nothing_changes(run, home, monkeypatch, passfile):
    run("win", "x")
    encrypt(run, monkeypatch, passfile)
    lock(run)
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    term = Terminal(home, "streaks", XDG_RUNTIME_DIR=os.environ["XDG_RUNTIME_DIR"])
    for answer in ("one", "", "three"):
        term.answer(asking.PASSPHRASE, answer)
    assert term.finish() == 1
    assert f"mindlog: {keys.WRONG} ({asking.RECOVERY_HINT})" in term.seen
    assert "Traceback" not in term.seen
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before


def test_without_a_terminal_a_locked_reading_says_so_in_one_line(run, home, monkeypatch, passfile):
    run("win", "x")
    encrypt(run, monkeypatch, passfile)
    lock(run)
    for args in (["list"], ["streaks"], ["bring-up", "--list"]):
        done = subprocess.run(
            [*MINDLOG, *args],
            env=subprocess_env(home),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 1, args
        assert done.stderr == f"mindlog: {keys.LOCKED}\n", args


# -- no runtime folder (macOS, some ssh and container logins) -------------------------------------


def test_without_a_runtime_folder_unlock_keeps_the_key_in_the_state_folder(
    run, home, monkeypatch, passfile
):
    run("win", "from a mac")
    encrypt(run, monkeypatch, passfile)
    lock(run)
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    with monkeypatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
        said = run("unlock").stdout
    keys._opened.clear()
    assert "state folder" in said
    kept = list((locations().state / keys.STATE_FOLDER).iterdir())
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o777 == 0o600
    assert (locations().state / keys.STATE_FOLDER).stat().st_mode & 0o777 == 0o700
    assert json.loads(kept[0].read_bytes())["expires"] > time.time() + 60 * 60
    env = subprocess_env(home)
    env.pop("XDG_RUNTIME_DIR", None)
    env.pop(keys.PASSPHRASE_FILE_VARIABLE, None)
    for args in (["list"], ["streaks"], ["reflect"], []):  # no loop back to "run unlock"
        done = subprocess.run(
            [*MINDLOG, *args], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True
        )
        assert done.returncode == 0 and done.stderr == "", (args, done.stderr)
    assert "from a mac" in run("list").stdout
    assert "Locked." in run("lock").stdout
    assert not list((locations().state / keys.STATE_FOLDER).iterdir())
    keys._opened.clear()
    done = subprocess.run(
        [*MINDLOG, "list"], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    assert done.returncode == 1 and done.stderr == f"mindlog: {keys.LOCKED}\n"


def test_the_state_folders_key_expires_as_the_runtime_folders_does(
    run, home, monkeypatch, passfile
):
    run("win", "x")
    encrypt(run, monkeypatch, passfile)
    lock(run)
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    run("config", "unlock_minutes", "1")
    with monkeypatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
        run("unlock")
    keys._opened.clear()
    (kept,) = (locations().state / keys.STATE_FOLDER).iterdir()
    record = json.loads(kept.read_bytes())
    record["expires"] = time.time() - 1
    kept.write_text(json.dumps(record))
    run("list", code=1)
    assert not kept.exists()


def test_decrypt_leaves_no_unlocked_key_behind(run, home, monkeypatch, passfile, fast_keys):
    run("win", "x")
    encrypt(run, monkeypatch, passfile)
    assert list((fast_keys / keys.RUNTIME_FOLDER).iterdir())
    run("decrypt")
    assert not list((fast_keys / keys.RUNTIME_FOLDER).iterdir())


# -- writes work locked --------------------------------------------------------------------------


def test_every_write_works_locked(run, home, monkeypatch, passfile):
    run("practice", "add", "evening walk")
    run("practice", "add", "stretch")
    encrypt(run, monkeypatch, passfile)
    lock(run)
    said = run("did", "Evening Walk").stdout
    assert "Evening Walk: logged for today" in said and "locked" in said
    assert "Kept for your next session" in run("bring-up", "ask about sleep").stdout
    run("practice", "add", "swim")
    run("checkin", "scales", "add", "calm")
    raw = b"".join(p.read_bytes() for p in (home / "journal").glob("*.jsonl"))
    assert b"Walk" not in raw and b"sleep" not in raw and b"swim" not in raw and b"calm" not in raw
    with monkeypatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
        journal = stored()
        streaks = run("streaks", "--json").stdout
    kinds = sorted(e.kind for e in journal.entries)
    assert kinds.count("practice") == 1 and kinds.count("bringup") == 1
    assert kinds.count("practicedef") == 3 and kinds.count("scale") == 1
    walk = [p for p in json.loads(streaks)["practices"] if p["name"] == "evening walk"]
    assert walk and walk[0]["current"] == 1  # the day joined its practice by name


# -- the dialogue --------------------------------------------------------------------------------


def test_encrypt_explains_before_it_asks_and_gives_a_second_try(run, home):
    from mindlog.cli import crypt

    run("win", "x")
    term = Terminal(home, "encrypt", XDG_RUNTIME_DIR=os.environ["XDG_RUNTIME_DIR"])
    term.answer(crypt.NEW, "short")  # the minimum was said before the first entry
    seen = term.seen
    assert seen.index("cannot be undone") < seen.index(crypt.NEW)
    assert seen.index(f"at least {crypt.MIN_LENGTH} characters") < seen.index(crypt.NEW)
    term.until("shorter than")
    term.answer(crypt.NEW, PASSPHRASE)
    term.answer(crypt.NEW_AGAIN, PASSPHRASE + " but not the same")
    term.until("differ")
    term.answer(crypt.NEW, PASSPHRASE)
    term.answer(crypt.NEW_AGAIN, PASSPHRASE)
    term.answer("[Y/n] ", "")  # the plan readable without the passphrase: Enter, the default
    assert term.finish(timeout=60) == 0, term.seen
    assert "Your journal is encrypted" in term.seen
    assert "stays readable without the passphrase" in " ".join(term.seen.split())
    assert "mindlog passphrase --recovery" in term.seen
    keys._opened.clear()
    keys.open_with(locations(), PASSPHRASE)  # the passphrase typed twice is the one kept


def test_passphrase_names_the_current_one_and_unlock_the_recovery_key(
    run, home, monkeypatch, passfile
):
    run("win", "x")
    encrypt(run, monkeypatch, passfile)
    env = {"XDG_RUNTIME_DIR": os.environ["XDG_RUNTIME_DIR"]}
    term = Terminal(home, "passphrase", **env)
    term.answer(asking.CURRENT, PASSPHRASE)
    term.answer("New passphrase: ", "another passphrase here")
    term.answer("The same new passphrase again: ", "another passphrase here")
    assert term.finish(timeout=60) == 0, term.seen
    term = Terminal(home, "unlock", **env)
    term.answer(asking.PASSPHRASE, PASSPHRASE)  # the old one: the recovery key is named
    term.until("mindlog unlock --recovery")
    term.answer(asking.PASSPHRASE, "another passphrase here")
    assert term.finish(timeout=60) == 0, term.seen
    assert "Unlocked for" in term.seen
