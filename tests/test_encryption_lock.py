"""Whether a write is sealed is decided under the journal's lock (issue 26), with real processes.

A ``win`` that read format.json just before ``encrypt`` took the lock once wrote plain lines
after ``encrypt`` said it was done; two ``encrypt`` at once each made a key, and the lines sealed
for the one that was then replaced could never be opened again (not even by ``decrypt``). A device
whose synced folder holds keys.json but an older format.json wrote plain text. Each is made to
happen here on purpose: the test holds the journal's lock while a real mindlog waits for it, or
hands a passphrase through a named pipe that a real mindlog waits on.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import MINDLOG, stored, subprocess_env
from keys_fixtures import PASSPHRASE, SECRET
from mindlog.store import keys, sealing
from mindlog.store.eventlog import LOCK_FILE, Store
from mindlog.store.format import sealed_journal
from mindlog.store.paths import flocked, locations

pytestmark = pytest.mark.usefixtures("fast_keys")  # tests/keys_fixtures.py


def on_disk(home: Path) -> bytes:
    """Every byte mindlog keeps under the home (the journal, small files, caches)."""
    return b"".join(p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file())


def waiting_for_lock(proc: subprocess.Popen, timeout: float = 30.0) -> None:
    """Wait until ``proc`` waits for a lock (Linux: /proc/locks shows it as a waiter)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            found = Path("/proc/locks").read_text()
        except OSError:
            pytest.skip("no /proc/locks here to see a process wait for a lock")
        if any("->" in line and f" {proc.pid} " in line for line in found.splitlines()):
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.01)
    raise AssertionError("the mindlog never came to wait for the journal's lock")


def reader_waiting(pipe: Path, proc: subprocess.Popen, timeout: float = 60.0) -> int:
    """The writing end of the named pipe ``pipe``, once ``proc`` has opened it to read."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            return os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # no reader yet
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.01)
    raise AssertionError("the mindlog never came to read its passphrase")


def encrypt_holding_the_lock(where) -> None:
    """What ``mindlog encrypt`` does under the journal's lock, done by a caller that holds it."""
    keys.create(where, PASSPHRASE)
    store = Store(where)
    store.write_format(sealed=True)
    sealing.seal_own(store, keys.recipient(where))


def test_a_win_waiting_for_the_lock_while_encrypt_runs_is_written_sealed(run, home):
    run("win", f"before {SECRET}")
    where = locations()
    with flocked(where.journal / LOCK_FILE, "the test's hold on the lock"):
        win = subprocess.Popen(
            [*MINDLOG, "win", f"just after {SECRET}", "-q"],
            env=subprocess_env(home),
            stderr=subprocess.PIPE,
        )
        waiting_for_lock(win)  # it has read everything it reads before taking the lock
        encrypt_holding_the_lock(where)
    _, err = win.communicate(timeout=60)
    assert win.returncode == 0, err
    assert SECRET.encode() not in on_disk(home)  # sealed, like every line before it
    keys._opened.clear()
    keys.open_with(where, PASSPHRASE)
    with pytest.MonkeyPatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(home.parent / "pass"))
        (home.parent / "pass").write_text(PASSPHRASE)
        assert sorted(e.text for e in stored().entries) == [
            f"before {SECRET}",
            f"just after {SECRET}",
        ]


def test_two_encrypts_at_once_make_one_key_and_every_line_opens(run, home, tmp_path, passfile):
    for n in range(3):
        run("win", f"line {n} {SECRET}")
    pipe = tmp_path / "slow-passphrase"
    os.mkfifo(pipe)
    slow = subprocess.Popen(  # decides there is no key yet, then waits for its passphrase
        [*MINDLOG, "encrypt"],
        env=subprocess_env(home, MINDLOG_PASSPHRASE_FILE=str(pipe)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    writer = reader_waiting(pipe, slow)  # it has looked for keys.json, found none, and waits
    done = subprocess.run(  # meanwhile another encrypt makes the journal's key, and seals
        [*MINDLOG, "encrypt"],
        env=subprocess_env(home, MINDLOG_PASSPHRASE_FILE=str(passfile)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    os.write(writer, b"another passphrase, never used\n")
    os.close(writer)
    out, err = slow.communicate(timeout=120)
    assert slow.returncode == 1, (out, err)
    assert err.startswith("mindlog: another mindlog encrypted the journal meanwhile")
    assert len(err.strip().splitlines()) == 1
    run("win", "afterwards")
    keys._opened.clear()
    with pytest.MonkeyPatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
        assert sorted(e.text for e in stored().entries) == [
            "afterwards",
            *(f"line {n} {SECRET}" for n in range(3)),
        ]
        assert run("decrypt").exit_code == 0
    own = next((home / "journal").glob("*.jsonl")).read_bytes()
    assert b'"sealed"' not in own  # every line opened: none was sealed for a key now gone


def test_keys_json_without_its_format_json_still_seals(run, home, tmp_path, monkeypatch, passfile):
    """A sync tool brings keys.json first (or an older format.json back): writes stay sealed,
    and format.json is put back to the encrypted one, never downgraded."""
    laptop = tmp_path / "laptop"
    monkeypatch.setenv("MINDLOG_HOME", str(laptop))
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
    run("win", "on the laptop")
    run("encrypt")
    keys._opened.clear()
    monkeypatch.delenv(keys.PASSPHRASE_FILE_VARIABLE)
    monkeypatch.setenv("MINDLOG_HOME", str(home))
    monkeypatch.setenv("MINDLOG_MACHINE_ID", "the-desktop")
    run("win", "desk, before")  # a plain journal here, format.json {"schema": 2}
    shutil.copy(laptop / "journal" / "keys.json", home / "journal" / "keys.json")  # keys first
    assert json.loads((home / "journal" / "format.json").read_text()) == {"schema": 2}
    done = subprocess.run(
        [*MINDLOG, "win", f"desk {SECRET}", "-q"],
        env=subprocess_env(home, MINDLOG_MACHINE_ID="the-desktop"),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert SECRET.encode() not in on_disk(home)
    assert b"desk, before" not in on_disk(home)  # its plain lines were sealed too
    info = json.loads((home / "journal" / "format.json").read_text())
    assert info == {"schema": 3, "sealed": "age"}


def test_a_conflicted_copy_of_format_json_never_downgrades_it(run, home):
    run("win", "plain so far")
    journal = home / "journal"
    (journal / "format.sync-conflict-20261128-101010-ABCDEFG.json").write_text(
        '{"schema": 3, "sealed": "age"}\n'
    )
    keys.create(locations(), PASSPHRASE)  # the device that encrypted made this key
    (journal / "format.json").write_text('{"schema": 2}\n')  # the older one won the sync
    run("win", f"after {SECRET}")
    assert SECRET.encode() not in on_disk(home)
    assert json.loads((journal / "format.json").read_text()) == {"schema": 3, "sealed": "age"}
    assert not list(journal.glob("format.sync-conflict*"))  # merged, then removed


def test_a_newer_copy_of_format_json_stops_writes_as_format_json_would(run, home):
    run("win", "plain so far")
    journal = home / "journal"
    (journal / "format (conflicted copy 2026-11-28).json").write_text('{"schema": 9}\n')
    result = run("win", "not now", code=1)
    assert "newer version of mindlog" in result.stderr
    assert json.loads((journal / "format.json").read_text()) == {"schema": 9}
    assert [e.text for e in stored().entries] == ["plain so far"]


def test_decrypt_keeps_keys_json_and_writes_plain_afterwards(run, home, monkeypatch, passfile):
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
    run("win", "one")
    run("encrypt")
    run("decrypt")
    assert (home / "journal" / "keys.json").exists()
    assert not sealed_journal(home / "journal")
    run("win", f"plain {SECRET}")
    assert SECRET.encode() in next((home / "journal").glob("*.jsonl")).read_bytes()
    run("encrypt")  # and again: the same key, asked for with its passphrase
    assert SECRET.encode() not in on_disk(home)
