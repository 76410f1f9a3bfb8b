"""mindlog doctor keeps to the store's rules: it rewrites only this device's file, takes in
conflicted copies before removing them, never follows a link, and leaves no forgotten word or
leftover behind."""

from __future__ import annotations

import json
import os
import time

from conftest import stored
from mindlog.store import drafts
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations


def own(home):
    return home / "journal" / (Store(locations()).device() + ".jsonl")


def other_device(home, name="laptop-0a1b2c3d"):
    return home / "journal" / f"{name}.jsonl"


def test_repair_leaves_another_devices_damaged_file_byte_for_byte(run, home):
    run("win", "mine")
    theirs = other_device(home)
    theirs.write_bytes(
        own(home).read_bytes().replace(b"mine", b"theirs")[:-1]
        + b'\n{"v":2,"eid":"x","t":1,"op":"ad\n'
    )
    before = theirs.read_bytes()
    result = run("doctor", "--repair", code=None)
    assert theirs.read_bytes() == before
    assert "Left to the devices that write them" in result.stdout
    kept = list((home / "journal" / "damaged").iterdir())
    assert len(kept) == 1 and b'"op":"ad' in kept[0].read_bytes()
    run("doctor", "--repair", code=None)  # the same damage is copied once
    assert len(list((home / "journal" / "damaged").iterdir())) == 1


def test_a_device_file_that_is_a_link_is_never_rewritten(run, home, tmp_path):
    run("win", "mine")
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"my own notes, not a journal\n")
    (home / "journal" / "old-laptop.jsonl").symlink_to(notes)
    result = run("doctor", code=1)
    assert "a link, read but never rewritten: old-laptop.jsonl" in result.stdout
    run("doctor", "--repair", code=None)
    assert notes.read_bytes() == b"my own notes, not a journal\n"
    run("doctor", "--compact", "--yes", code=None)
    assert notes.read_bytes() == b"my own notes, not a journal\n"


def test_a_conflicted_copy_is_read_once_then_taken_in_and_removed(run, home):
    run("win", "first")
    entry = stored().entries[0]
    run("edit", entry.id, "--text", "first, changed")
    mine = own(home)
    copy = mine.with_name(mine.stem + ".sync-conflict-20261128-101010-ABCDEFG.jsonl")
    copy.write_bytes(mine.read_bytes())
    run("win", "second")  # only in this device's file
    with copy.open("ab") as handle:  # a line that only the copy has
        handle.write(
            b'{"v":2,"eid":"only-in-copy","t":5,"op":"add","entry":{"id":"c0ffee","kind":"win","day":"2026-11-27","at":"2026-11-27T09:00:00+01:00","text":"from the copy","tags":[]}}\n'
        )
    assert len(run("edit", entry.id, "--history").stdout.split("Until")) == 2  # one earlier version
    report = run("doctor", code=1)
    assert copy.name in report.stdout and "1 line found only there" in report.stdout
    before = [(e.id, e.text) for e in stored().entries]
    run("doctor", "--repair", code=None)
    assert not copy.exists()
    assert [(e.id, e.text) for e in stored().entries] == before
    assert b"from the copy" in mine.read_bytes()
    run("doctor")  # all is well now


def test_compaction_forgets_for_every_device_and_leaves_no_words_here(run, home):
    run("win", "Keep this one")
    run("win", "A secret to forget")
    secret = next(e for e in stored().entries if e.text == "A secret to forget")
    run("greet")  # fills the greeting's cache
    run("delete", secret.id, "--yes")
    mine = own(home)
    copy = mine.with_name(mine.stem + " (conflicted copy 2026-11-28).jsonl")
    copy.write_bytes(mine.read_bytes())
    run("doctor", "--compact", "--yes", code=None)
    lines = [json.loads(line) for line in mine.read_text().splitlines()]
    assert {"op": "forget", "id": secret.id}.items() <= next(
        e for e in lines if e["op"] == "forget"
    ).items()
    for path in home.rglob("*"):
        if path.is_file():
            assert b"A secret to forget" not in path.read_bytes(), path
    assert [e.text for e in stored().entries] == ["Keep this one"]
    run("import", str(_export_with(home, secret)), code=None)  # an old export cannot bring it back
    assert [e.text for e in stored().entries] == ["Keep this one"]


def _export_with(home, entry):
    path = home.parent / "old-export.json"
    path.write_text(json.dumps({"mindlog_export": 1, "entries": [entry.to_json()]}))
    return path


def test_leftover_temporary_files_and_drafts_are_found_and_removed(run, home):
    run("win", "x")
    leftover = home / "journal" / ".laptop.jsonl.4242.tmp"
    leftover.write_bytes(b"half a rewrite")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    draft = drafts.create(locations(), "I was writing this")
    os.rename(draft, draft.with_name("draft-999999999-abcdef.txt"))  # a mindlog no longer running
    report = run("doctor", code=1)
    assert str(leftover) in report.stdout
    assert "you were writing this when mindlog stopped" in report.stdout
    repaired = run("doctor", "--repair", code=None)
    assert not leftover.exists() and drafts.leftovers(locations()) == []
    assert "Removed 1 unsaved draft" in repaired.stdout
    run("doctor")


def test_a_damaged_format_file_does_not_stop_writes_and_repair_writes_it_anew(run, home):
    run("win", "before")
    fmt = home / "journal" / "format.json"
    fmt.write_bytes(b"{not json")
    run("win", "after")  # a person on a bad day can still log a win
    assert [e.text for e in stored().entries] == ["before", "after"]
    assert fmt.read_bytes() == b"{not json"  # left for doctor to report, byte for byte
    report = run("doctor", code=1)
    assert "damaged: format.json" in report.stdout
    assert "Run `mindlog doctor --repair`" in report.stdout
    repaired = run("doctor", "--repair")
    assert "format.json" in repaired.stdout
    assert json.loads(fmt.read_text()) == {"schema": 2}
    (kept,) = (home / "journal" / "damaged").glob("*format.json*")
    assert kept.read_bytes() == b"{not json"
    assert "All is well" in run("doctor").stdout
