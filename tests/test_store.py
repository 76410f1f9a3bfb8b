"""The journal on disk: durability, concurrency, damage, permissions."""

from __future__ import annotations

import json
import os
import stat
import subprocess

from conftest import MINDLOG, stored, subprocess_env
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations


def journal_files(home):
    return sorted((home / "journal").glob("*.jsonl"))


def test_forty_writers_at_once_lose_nothing(home):
    env = subprocess_env(home)
    procs = [
        subprocess.Popen([*MINDLOG, "win", f"effort {n}", "-q"], env=env, stderr=subprocess.PIPE)
        for n in range(40)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    texts = sorted(e.text for e in stored().entries)
    assert texts == sorted(f"effort {n}" for n in range(40))
    ids = [e.id for e in stored().entries]
    assert len(set(ids)) == 40


def test_a_torn_last_line_is_skipped_kept_and_not_glued_to(run, home):
    run("win", "first")
    (path,) = journal_files(home)
    with open(path, "ab") as handle:
        handle.write(b'{"v":1,"op":"add","entry":{"id":"abc","ki')
    result = run("list")
    assert "first" in result.stdout
    assert "1 damaged line" in result.stderr
    run("win", "second")
    data = path.read_bytes()
    assert b'{"v":1,"op":"add","entry":{"id":"abc","ki\n' in data  # the torn bytes are kept
    assert [e.text for e in stored().entries] == ["first", "second"]


def test_garbage_and_bad_bytes_are_reported_once_and_kept(run, home):
    run("win", "before")
    (path,) = journal_files(home)
    with open(path, "ab") as handle:
        handle.write(b"not json at all\n\xff\xfe\x00 bytes\n[1,2,3]\n")
    run("win", "after")
    result = run("list")
    assert "3 damaged lines" in result.stderr
    assert result.stderr.count("damaged") == 1
    assert b"\xff\xfe\x00 bytes" in path.read_bytes()
    assert [e.text for e in stored().entries] == ["before", "after"]


def test_every_file_and_folder_is_private_whatever_the_umask(run, home):
    old = os.umask(0)
    try:
        run("win", "private")
        run("routine", "add", "Stretch")
    finally:
        os.umask(old)
    for path in [home, *home.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_a_symlinked_home_is_written_through(run, home, tmp_path, monkeypatch):
    real = tmp_path / "real-home"
    real.mkdir()
    link = tmp_path / "link-home"
    link.symlink_to(real)
    monkeypatch.setenv("MINDLOG_HOME", str(link))
    run("win", "through the link")
    run("config", "editor", "nano")  # this computer's own setting: in config.json
    assert link.is_symlink()
    assert journal_files(real)
    assert "nano" in (real / "config.json").read_text()


def test_a_symlinked_settings_file_stays_a_link(run, home, tmp_path):
    home.mkdir(mode=0o700)
    target = tmp_path / "dotfiles-config.json"
    target.write_text("{}")
    (home / "config.json").symlink_to(target)
    run("config", "editor", "nano")
    assert (home / "config.json").is_symlink()
    assert "nano" in target.read_text()


def test_a_journal_from_a_newer_mindlog_is_not_written_to(run, home):
    run("win", "mine")
    (home / "journal" / "format.json").write_text(json.dumps({"schema": 99}))
    result = run("win", "more", code=1)
    assert "newer version" in result.stderr
    assert [e.text for e in stored().entries] == ["mine"]


def test_each_device_appends_to_its_own_file_and_reading_merges_them(run, home):
    run("win", "here")
    (mine,) = journal_files(home)
    other = home / "journal" / "laptop-00000000.jsonl"
    other.write_text(
        json.dumps(
            {
                "v": 1,
                "op": "add",
                "entry": {
                    "id": "e1",
                    "kind": "win",
                    "day": "2026-11-27",
                    "at": "2026-11-27T09:00:00-05:00",
                    "text": "there",
                    "tags": [],
                },
            }
        )
        + "\n"
    )
    run("win", "here again")
    assert journal_files(home) == sorted([mine, other])
    assert [e.text for e in stored().entries] == ["there", "here", "here again"]
    assert b"there" not in mine.read_bytes()


def test_an_update_and_a_delete_are_new_events(home):
    store = Store(locations())
    from datetime import date

    from mindlog.domain.journal import add_event, delete_event, update_event

    add = add_event("win", date(2026, 11, 28), "2026-11-28T10:00:00+01:00", "draft")
    entry_id = add["entry"]["id"]
    store.append([add])
    store.append([update_event(entry_id, "2026-11-28T10:05:00+01:00", text="final")])
    journal = stored()
    assert journal.entries[0].text == "final"
    assert journal.history[entry_id][0]["text"] == "draft"
    store.append([delete_event(entry_id, "2026-11-28T10:06:00+01:00")])
    journal = stored()
    assert journal.entries == [] and journal.removed[0].text == "final"
    (path,) = journal_files(home)
    assert len(path.read_bytes().splitlines()) == 3


def test_shared_folders_above_mindlogs_own_keep_the_usual_mode(run, tmp_path, monkeypatch):
    monkeypatch.delenv("MINDLOG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "account"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "account").mkdir()
    old = os.umask(0o022)
    try:
        run("win", "hello", "-q")
    finally:
        os.umask(old)
    share = tmp_path / "account" / ".local" / "share"
    assert stat.S_IMODE(share.stat().st_mode) == 0o755
    assert stat.S_IMODE((share / "mindlog").stat().st_mode) == 0o700
    assert stat.S_IMODE((share / "mindlog" / "journal").stat().st_mode) == 0o700
