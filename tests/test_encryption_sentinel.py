"""Once encryption is on, no word the person writes reaches a disk in plain text (issue 13).

A sentinel word is written through every command that takes words; then every byte under
MINDLOG_HOME, the temporary folder and the runtime folder is searched for it.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import stored
from mindlog.store import crypto, keys

PASSPHRASE = "correct horse battery staple"
WORD = "Quillfeather"  # nothing else in mindlog says it


@pytest.fixture
def sealed_home(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run):
    """An encrypted journal, unlocked, with its own temporary and runtime folders."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.setattr(crypto, "SCRYPT_LOG_N", 10)
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE)
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(secret))
    keys._opened.clear()
    run("win", f"{WORD} before encryption")
    run("boost", "add", f"{WORD} song before")
    run("encrypt", "--plan-sealed")  # the plan sealed too (a readable plan: test_encryption_plan)
    yield [home, runtime, temp]
    keys._opened.clear()


def plain_copies(folders: list[Path]) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink() and WORD.encode() in path.read_bytes():
                found.append(str(path))
    return found


def test_no_word_reaches_a_disk_in_plain_text(run, sealed_home, tmp_path):
    run("win", f"{WORD} win", "-t", "progress")
    run("commit", f"{WORD} statement")
    run("commit", "--reaffirm")
    run("checkin", "--mood", "3", f"{WORD} note")
    run("rest", f"{WORD} rest", "--date", "yesterday")
    run("setback", f"{WORD} setback")
    run("morning", "--all")
    run("boost", "add", f"{WORD} song")
    run("support", "add", "coping", f"{WORD} walk")
    entry = [e for e in stored().entries if e.text == f"{WORD} setback"][0]
    run("edit", entry.id, "--text", f"{WORD} edited")
    source = tmp_path / "outside" / "export.json"
    source.parent.mkdir()
    exported = {
        "mindlog_export": 1,
        "entries": [
            {
                "id": "imported00001",
                "kind": "win",
                "day": "2026-11-01",
                "at": "2026-11-01T09:00:00+01:00",
                "text": f"{WORD} imported",
                "tags": [],
            }
        ],
    }
    source.write_text(json.dumps(exported))
    run("import", str(source))
    run("greet")
    run("list", "--search", WORD)
    run("streaks")
    run("reflect")
    run()
    gone = [e for e in stored().entries if e.text == f"{WORD} win"][0]
    run("delete", gone.id, "--yes")
    run("doctor", "--compact", "--yes")
    own = next((sealed_home[0] / "journal").glob("*.jsonl"))
    with open(own, "ab") as handle:
        handle.write(b'{"v": 3, "eid": "x1", "t": 1, "sealed": "bm90IGFnZQ=="}\n')
    run("doctor", "--repair")
    result = run("export", "--format", "md", "-o", str(tmp_path / "outside" / "report.md"))
    assert "plain text" in result.stderr  # exports stay plain, and say so
    texts = {e.text for e in stored().entries}
    assert f"{WORD} edited" in texts and f"{WORD} imported" in texts
    assert plain_copies(sealed_home) == []
    assert not any(
        stat.S_IMODE(p.stat().st_mode) & 0o077 for p in sealed_home[1].rglob("*") if p.is_file()
    )


def test_the_routine_is_sealed(run, sealed_home, monkeypatch):
    run("routine", "add", f"{WORD} stretch")
    run("morning", "--done", "5")
    run("morning", "--all", "--date", "yesterday")
    run()  # the dashboard shows the routine
    run("lock")
    keys._opened.clear()
    monkeypatch.delenv(keys.PASSPHRASE_FILE_VARIABLE)
    run("routine", "add", f"{WORD} walk")  # locked: waits sealed beside the routine
    run("morning", "--done", "6", "--date", "2026-11-26")  # locked: by number
    assert plain_copies(sealed_home) == []
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(sealed_home[0].parent / "passphrase"))
    done = {e.day: e.fields["done"] for e in stored().entries if e.kind == "morning"}
    assert done["2026-11-28"] == [f"{WORD} stretch"]
    assert done["2026-11-26"] == [f"{WORD} walk"]
    assert len(done["2026-11-27"]) == 5


def test_a_draft_open_in_the_editor_lives_in_the_runtime_folder(
    run, sealed_home, tmp_path, monkeypatch
):
    seen = tmp_path / "seen"
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\n"
        f"open({str(seen)!r}, 'w').write(sys.argv[1])\n"
        f"open(sys.argv[1], 'w').write({WORD!r} + ' drafted')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    run("commit")
    draft = Path(seen.read_text())
    assert Path(os.environ["XDG_RUNTIME_DIR"]) in draft.parents


def test_no_word_reaches_a_disk_locked_unlocked_or_without_a_runtime_folder(
    run, sealed_home, monkeypatch
):
    """Issue 22: practices, scales, notes to bring up, the greeting's why, a gone device's lines,
    written locked and unlocked, and unlocked where there is no runtime folder."""
    run("commit", f"{WORD} why")
    run("greet")  # unlocked: the why is shown, and kept sealed for the day
    run("practice", "add", f"{WORD} walk")
    run("checkin", "scales", "add", WORD)  # kept as quillfeather
    run("lock")
    keys._opened.clear()
    secret = os.environ.pop(keys.PASSPHRASE_FILE_VARIABLE)
    monkeypatch.delenv(keys.PASSPHRASE_FILE_VARIABLE, raising=False)
    run("did", f"{WORD} walk")
    run("bring-up", f"{WORD} to talk about")
    run("practice", "add", f"{WORD} swim")
    run("checkin", "scales", "add", f"{WORD}s")
    run("greet")
    from mindlog.domain.journal import add_event
    from mindlog.store.lines import encode_event

    gone = add_event("win", stored_day(), "2026-11-20T09:00:00+01:00", f"{WORD} laptop")
    gone.update({"v": 2, "eid": "laptop-eid-1", "t": 1_700_000_000_000_000})
    laptop = sealed_home[0] / "journal" / "laptop-0a1b2c3d.jsonl"
    laptop.write_bytes(encode_event(gone))  # a laptop that is gone: plain until adopted
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, secret)
    keys._opened.clear()
    run("unlock")  # kept in the state folder
    run("encrypt", "--adopt-all")
    run("greet")
    run("streaks")
    run("doctor")
    assert not laptop.exists()
    assert plain_copies(sealed_home) == []
    lower = WORD.lower().encode()
    assert not [
        p for f in sealed_home for p in f.rglob("*") if p.is_file() and lower in p.read_bytes()
    ]


def stored_day():
    from datetime import date

    return date(2026, 11, 20)
