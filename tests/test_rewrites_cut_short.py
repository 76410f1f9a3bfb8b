"""What a rewrite cut short leaves is finished or removed, and doctor names it (issue 26).

The states here are the ones a kill leaves (tests/test_crash_safety.py makes them with real
kills, in the slow set): a temporary copy of the journal beside it, an encrypt stopped after the
journal was marked encrypted, a decrypt stopped after it was marked plain.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from conftest import stored
from keys_fixtures import PASSPHRASE, SECRET
from mindlog.store import keys
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations


@pytest.fixture(autouse=True)
def passphrase_file(fast_keys: Path, passfile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fast_keys (tests/keys_fixtures.py), and the passphrase in a file for every command."""
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))


def own_file(home: Path) -> Path:
    return next((home / "journal").glob("*.jsonl"))


def test_a_copy_left_by_a_compaction_cut_short_is_named_then_removed(run, home):
    run("win", f"first {SECRET}")
    run("win", "second")
    own = own_file(home)
    copy = own.with_name(f".{own.name}.0123456789ab.tmp")  # as paths.atomic_write names it
    copy.write_bytes(own.read_bytes())  # the whole journal, as a rewrite was writing it
    copy.chmod(0o600)
    sync_tools = [
        home / "journal" / f".syncthing.{own.name}.tmp",  # a sync tool's own: never touched
        home / "journal" / f".{own.name}.notours.tmp",
    ]
    for path in sync_tools:
        path.write_bytes(b"not mindlog's")
        path.chmod(0o600)
    told = run("doctor", code=1)  # named at once, not only once it is a minute old
    assert f"left behind by a write that was cut short: {copy}" in told.stdout
    assert SECRET not in told.stdout
    run("win", "third")  # the next command that takes the journal's lock removes it
    assert not copy.exists()
    assert all(path.exists() for path in sync_tools)
    assert [e.text for e in stored().entries] == [f"first {SECRET}", "second", "third"]


def test_a_copy_of_another_devices_file_is_left_to_that_device(run, home):
    """Another device rewrites only its own file, under its own lock: a temporary copy of it that
    a sync tool brought here may be a rewrite under way there, so writing here never removes it."""
    run("win", "first")
    other = home / "journal" / "laptop-0123abcd.jsonl"
    other.write_bytes(b"")
    copy = other.with_name(f".{other.name}.0123456789ab.tmp")
    copy.write_bytes(b"a rewrite under way on the laptop")
    copy.chmod(0o600)
    run("win", "second")
    assert copy.read_bytes() == b"a rewrite under way on the laptop"
    assert [e.text for e in stored().entries] == ["first", "second"]


def test_a_copy_of_a_rewrite_under_way_is_left_alone(run, home):
    """While another mindlog holds the lock, a fresh copy may be its rewrite under way."""
    run("win", "first")
    own = own_file(home)
    copy = own.with_name(f".{own.name}.0123456789ab.tmp")
    copy.write_bytes(own.read_bytes())
    copy.chmod(0o600)
    store = Store(locations())
    with store.lock(tidy=False):  # another mindlog, writing
        told = run("doctor", code=None)
        assert str(copy) not in told.stdout
        assert copy.exists()
    old = time.time() - 3600
    os.utime(copy, (old, old))
    with store.lock(tidy=False):  # an old one is named even then
        assert str(copy) in run("doctor", code=1).stdout


def test_an_encrypt_cut_short_is_finished_by_the_next_write(run, home):
    run("win", f"plain {SECRET}")
    run("boost", "add", f"a song {SECRET}")
    where = locations()
    keys.create(where, PASSPHRASE)  # encrypt made the key and marked the journal encrypted...
    Store(where).write_format(sealed=True)  # ...and was stopped before it sealed anything
    told = run("doctor", code=1)
    # the boost is a line of the journal: sealed with it
    assert f"not encrypted yet on this computer: {own_file(home).name} (2 lines)" in told.stdout
    assert "Your recovery key was not shown" in told.stdout
    assert SECRET not in told.stdout
    run("win", f"after {SECRET}")  # writing needs no passphrase, and finishes the job
    on_disk = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    assert SECRET.encode() not in on_disk
    result = run("encrypt")  # run again: a recovery key at last, and nothing else to do
    (recovery,) = [w for w in result.stdout.split() if w.startswith("AGE-SECRET-KEY-1")]
    keys.open_with(where, recovery, recovery=True)
    assert "recovery key" not in run("doctor").stdout
    assert sorted(e.text for e in stored().entries) == [f"after {SECRET}", f"plain {SECRET}"]


def test_a_decrypt_cut_short_is_named_and_finished_by_running_it_again(run, home):
    run("win", "one")
    run("boost", "add", "a song")
    run("encrypt")
    Store(locations()).write_format(decrypted=True)  # decrypt was stopped right after this
    run("win", "plain now")
    told = run("doctor", code=1)
    assert f"still encrypted on this computer: {own_file(home).name} (2 lines)" in told.stdout
    run("decrypt")
    assert "still encrypted" not in run("doctor").stdout
    assert b'"sealed"' not in own_file(home).read_bytes()
    assert json.loads((home / "journal" / "format.json").read_text())["decrypted"] == "age"
    assert sorted(e.text for e in stored().entries) == ["one", "plain now"]


def test_lines_of_forgotten_entries_still_here_are_named(run, home):
    run("win", "keep")
    run("win", f"forget {SECRET}")
    run("undo", "--yes")
    own = own_file(home)
    before = own.read_bytes()
    run("doctor", "--compact", "--yes")
    forget_line = own.read_bytes().splitlines()[-1]
    own.write_bytes(before + forget_line + b"\n")  # compaction stopped before it dropped them
    told = run("doctor", code=1)
    assert "2 lines of entries forgotten for good are still in this computer's file" in told.stdout
    assert SECRET not in told.stdout
    run("doctor", "--compact", "--yes")
    assert SECRET.encode() not in own.read_bytes()
