"""A real sync tool between two journal folders on this machine: Unison.

Unison (the Debian package ``unison``; .ci/run installs it when it is missing) syncs the journal
folders of two mindlog homes with ``-batch -copyonconflict -prefer newer``: when one file
changed on both sides, the newer one wins and the other is kept beside it as a conflicted copy.
Unison 2.52 names that copy ``NAME (conflict_on_2026-11-28).jsonl``, and the next ones the same
day ``NAME (conflict #1_on_2026-11-28).jsonl``; mindlog must read it, count each line once and
take it in with ``doctor --repair``.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from mindlog.store.eventlog import conflict_base
from sync_sim import Machine, machines

UNISON = shutil.which("unison")
pytestmark = pytest.mark.skipif(
    UNISON is None, reason="unison is not installed (apt-get install unison; .ci/run does it)"
)


def unison(a: Machine, b: Machine, archives) -> None:
    done = subprocess.run(
        [
            str(UNISON),
            str(a.journal_dir),
            str(b.journal_dir),
            "-batch",
            "-copyonconflict",
            "-prefer",
            "newer",
            "-ignore",
            "Name .lock",
            "-silent",
        ],
        env={"UNISON": str(archives), "HOME": str(archives), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def conflicted(m: Machine) -> list[str]:
    names = {p.name for p in m.device_files()}
    return sorted(n for n in names if conflict_base(n, names) is not None)


def test_two_machines_synced_by_unison_see_one_journal(tmp_path):
    a, b = machines(tmp_path, "a", "b")
    archives = tmp_path / "unison"
    archives.mkdir()
    a.run("win", "Made tea", "-q")
    b.run("win", "Called a friend", "-q")
    unison(a, b, archives)
    ident = a.by_text("Called a friend").id
    a.run("edit", ident, "--tag", "meaning")
    b.tick(hours=-6)  # B's clock is behind
    b.run("edit", ident, "--text", "Called a friend back")
    unison(a, b, archives)
    for m in (a, b):
        entry = m.by_text("Called a friend back")
        assert entry.tags == ["meaning"]
        assert sorted(m.texts()) == ["Called a friend back", "Made tea"]
        assert conflicted(m) == []  # each file has one writer: Unison meets no conflict


def test_a_cloned_machine_writing_the_same_file_meets_real_conflicted_copies(tmp_path):
    # A machine cloned from another (the same machine id and state) writes the same device file:
    # Unison then meets a real conflict, keeps the newer file and copies the other beside it.
    a, b = machines(tmp_path, "a", "b")
    b.machine_id = a.machine_id
    archives = tmp_path / "unison"
    archives.mkdir()
    a.run("win", "Before the clone", "-q")
    shutil.copytree(a.home, b.home, symlinks=True)
    unison(a, b, archives)
    wins = []
    for round_ in range(2):
        for m in (a, b):
            text = f"{m.name} round {round_}"
            m.run("win", text, "-q")
            wins.append(text)
        unison(a, b, archives)
    copies = conflicted(a) + conflicted(b)
    assert copies, "Unison made no conflicted copy"
    assert any("(conflict_on_" in name for name in copies), copies
    if len(copies) > 2:
        assert any("(conflict #1_on_" in name for name in copies), copies
    # Every win is read (from the file or the copy), each once.
    texts = sorted(set(a.texts()) | set(b.texts()))
    assert texts == sorted(["Before the clone", *wins])
    for m in (a, b):
        result = m.run("doctor", code=1)
        assert "conflicted copy" in result.stdout
        m.run("doctor", "--repair")
        assert conflicted(m) == []
    unison(a, b, archives)
    unison(a, b, archives)
    for m in (a, b):
        m.run("doctor", "--repair", code=None)
    unison(a, b, archives)
    for m in (a, b):
        assert sorted(m.texts()) == sorted(["Before the clone", *wins]), m.name
        assert conflicted(m) == []
