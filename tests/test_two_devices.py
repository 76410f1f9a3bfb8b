"""One journal on two machines kept in step by a sync tool: nothing acknowledged is ever lost.

Each test sets up two mindlog homes (tests/sync_sim.py), runs commands on them as a person would,
syncs their files the ways sync tools do, and then checks what is stored on each machine and what
every later read shows.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import stored
from mindlog.store.eventlog import SUFFIX, conflict_base
from sync_sim import (
    CONFLICT_STYLES,
    Link,
    Machine,
    clone,
    conflict_copy,
    conflict_name,
    deliver,
    machines,
    push,
    snapshot,
)


@pytest.fixture
def ab(tmp_path) -> tuple[Machine, Machine, Link]:
    a, b = machines(tmp_path, "a", "b")
    return a, b, Link(a, b)


def entry_id(m: Machine, text: str) -> str:
    return m.by_text(text).id


def same_journal(*ms: Machine) -> None:
    """Every machine shows the same entries (text, tags, day), removed entries and statement."""
    views = []
    for m in ms:
        j = m.journal()
        statement = j.statement()
        views.append(
            (
                sorted((e.id, e.kind, e.day, e.text, tuple(e.tags)) for e in j.entries),
                sorted(e.id for e in j.removed),
                statement.id if statement else None,
            )
        )
    assert all(v == views[0] for v in views), views


# -- restore on one machine, compaction on the other --------------------------------------------


@pytest.mark.parametrize("how", ["newer", "syncthing"])
def test_a_restore_on_a_survives_compaction_on_b_after_the_delete_synced(ab, how):
    a, b, link = ab
    a.run("win", "Called my sister", "-q")
    a.run("win", "Walked to the shop", "-q")
    link.sync(how)
    ident = entry_id(a, "Called my sister")
    b.run("delete", ident, "--yes")
    link.sync(how)
    assert ident in {e.id for e in a.journal().removed}
    a.tick(minutes=5)
    b.tick(minutes=5)
    assert "Brought back" in a.run("restore", ident).stdout
    b.run("doctor", "--compact", "--yes", code=None)  # before the restore reached B
    assert ident in b.journal().forgotten
    link.sync(how)
    for m in (a, b):
        m.run("doctor", "--repair", code=None)
        assert "Called my sister" in m.texts(), m.name
        assert m.holding("Called my sister"), m.name  # its words are in a file
    # Compacting again anywhere never takes it away: it is no longer removed.
    for m in (a, b):
        m.run("doctor", "--compact", "--yes", code=None)
    link.sync(how)
    for m in (a, b):
        assert "Called my sister" in m.texts()
        assert "Called my sister" in m.run("list").stdout
    same_journal(a, b)


def test_a_restore_on_a_survives_compaction_on_b_of_the_entry_b_wrote(ab):
    # B wrote the entry, so B's compaction drops its only add line: the restore carries it.
    a, b, link = ab
    b.run("win", "Made the bed", "-q")
    link.sync()
    ident = entry_id(a, "Made the bed")
    a.run("edit", ident, "--text", "Made the bed and opened the window")
    a.run("delete", ident, "--yes")
    link.sync()
    a.run("restore", ident)
    b.run("doctor", "--compact", "--yes", code=None)
    assert b"Made the bed" not in b.own_file().read_bytes()  # dropped from B's own file
    link.sync()
    for m in (a, b):
        assert "Made the bed and opened the window" in m.texts()
        assert m.holding("Made the bed and opened the window")
    same_journal(a, b)


def test_a_restore_survives_compaction_when_both_machines_removed_the_entry(ab):
    a, b, link = ab
    a.run("win", "Wrote to my friend", "-q")
    link.sync()
    ident = entry_id(a, "Wrote to my friend")
    a.run("delete", ident, "--yes")  # A's delete first on the journal's clock
    b.tick(minutes=1)
    b.run("delete", ident, "--yes")  # B's delete, not yet seen by A
    a.tick(minutes=2)
    a.run("restore", ident)
    b.run("doctor", "--compact", "--yes", code=None)
    link.sync()
    link.sync()
    for m in (a, b):
        assert "Wrote to my friend" in m.texts(), m.name


# -- the last writer wins across kinds of change ------------------------------------------------


def shown(m: Machine, ident: str) -> dict[str, object]:
    """What every view on ``m`` shows of the entry ``ident``: the list (from the cache), the
    removed list, the export, and what is stored (a full replay of the files), which the cache
    must agree with."""
    listed = [(e["id"], e["text"], e["tags"]) for e in json.loads(m.run("list", "--json").stdout)]
    exported = json.loads(m.run("export", "--format", "json").stdout)["entries"]
    journal = m.journal()
    stored_live = [(e.id, e.text, e.tags) for e in journal.entries]
    assert listed == stored_live, (m.name, listed, stored_live)
    return {
        "live": [row for row in listed if row[0] == ident],
        "exported": [(e["id"], e["text"], e["tags"]) for e in exported if e["id"] == ident],
        "removed": [(e.id, e.text, e.tags) for e in journal.removed if e.id == ident],
        "listed as removed": ident in m.run("list", "--removed").stdout,
    }


@pytest.mark.parametrize("change", ["text", "tag", "both"])
def test_a_change_made_after_a_removal_on_another_machine_brings_the_entry_back(ab, change):
    a, b, link = ab
    a.run("win", "Old words", "-q")
    link.sync()
    ident = entry_id(a, "Old words")
    a.run("delete", ident, "--yes")
    b.tick(minutes=5)  # later on the journal's clock; B has not seen the removal
    args = {"text": ["--text", "New words"], "tag": ["--tag", "calm"]}
    args["both"] = [*args["text"], *args["tag"]]
    assert "Changed" in b.run("edit", ident, *args[change]).stdout
    link.sync()
    text = "Old words" if change == "tag" else "New words"
    tags = [] if change == "text" else ["calm"]
    for m in (a, b):
        assert shown(m, ident) == {
            "live": [(ident, text, tags)],
            "exported": [(ident, text, tags)],
            "removed": [],
            "listed as removed": False,
        }, m.name
        history = m.run("edit", ident, "--history").stdout
        assert history.count("Until ") == 1, (m.name, history)
        assert "Old words" in history.split("Now:")[0]
        assert m.run("restore", ident, code=1).stderr  # not removed: nothing to restore
    same_journal(a, b)


def test_a_removal_made_after_a_change_on_another_machine_removes_the_newest_words(ab):
    a, b, link = ab
    a.run("win", "Old words", "-q")
    link.sync()
    ident = entry_id(a, "Old words")
    b.run("edit", ident, "--text", "New words", "--tag", "calm")
    a.tick(minutes=5)  # A removes it later on the journal's clock, not having seen the change
    a.run("delete", ident, "--yes")
    link.sync()
    for m in (a, b):
        assert shown(m, ident) == {
            "live": [],
            "exported": [],
            "removed": [(ident, "New words", ["calm"])],
            "listed as removed": True,
        }, m.name
    assert "Brought back: New words" in b.run("restore", ident).stdout
    link.sync()
    for m in (a, b):
        assert shown(m, ident)["live"] == [(ident, "New words", ["calm"])], m.name
        history = m.run("edit", ident, "--history").stdout
        assert "Old words" in history.split("Now:")[0]
    same_journal(a, b)


@pytest.mark.parametrize("edit_at", [5, 15])  # before or after the restore, on the clock
def test_a_restore_on_a_third_machine_keeps_a_change_made_after_the_removal(tmp_path, edit_at):
    a, b, c = machines(tmp_path, "a", "b", "c")
    links = [Link(a, b), Link(a, c), Link(b, c)]
    a.run("win", "Old words", "-q")
    for link in links:
        link.sync()
    ident = entry_id(a, "Old words")
    a.run("delete", ident, "--yes")
    links[1].sync()  # C sees the removal; B does not
    b.tick(minutes=edit_at)
    b.run("edit", ident, "--text", "New words")
    c.tick(minutes=10)
    assert "Brought back: Old words" in c.run("restore", ident).stdout  # C saw no change
    for link in [*links, *links]:
        link.sync()
    for m in (a, b, c):
        assert shown(m, ident) == {
            "live": [(ident, "New words", [])],
            "exported": [(ident, "New words", [])],
            "removed": [],
            "listed as removed": False,
        }, m.name
        history = m.run("edit", ident, "--history").stdout
        assert history.count("Until ") == 1 and "Old words" in history.split("Now:")[0]
    same_journal(a, b, c)


# -- repair never rewrites another device's file -----------------------------------------------


def test_repair_on_b_never_rewrites_a_file_with_a_torn_last_line(ab):
    a, b, link = ab
    a.run("win", "First win", "-q")
    link.sync()
    a_name = a.own_file().name
    # A sync tool copied A's file while A was writing: B has a torn last line of A's.
    torn = a.own_file().read_bytes() + b'{"v":2,"eid":"x","t":1,"op":"add","entry":{"id":"ab'
    deliver(torn, b, a_name, a.own_file().stat().st_mtime_ns)
    before = (b.journal_dir / a_name).read_bytes()
    b.run("doctor", "--repair", code=None)
    assert (b.journal_dir / a_name).read_bytes() == before  # left to its owner, byte for byte
    # A torn last line is a write under way: it is left to A, not copied (a copy would keep
    # words after they are forgotten).
    assert not (b.journal_dir / "damaged").exists()
    a.tick(minutes=1)
    a.run("win", "Second win, while B repaired", "-q")
    link.sync("newer")
    for m in (a, b):
        assert {"First win", "Second win, while B repaired"} <= set(m.texts()), m.name
    same_journal(a, b)
    for m in (a, b):
        assert m.run("doctor", code=None).exit_code in (0, 1)


def test_repair_and_compaction_on_b_write_only_bs_own_file(ab):
    a, b, link = ab
    a.run("win", "A's win", "-q")
    b.run("win", "B's win", "-q")
    link.sync()
    with open(b.journal_dir / a.own_file().name, "ab") as f:
        f.write(b"damage in the middle\n")
    a_before = (b.journal_dir / a.own_file().name).read_bytes()
    b.run("delete", entry_id(b, "A's win"), "--yes")
    b.run("doctor", "--repair", code=None)
    b.run("doctor", "--compact", "--yes", code=None)
    assert (b.journal_dir / a.own_file().name).read_bytes() == a_before


# -- clocks behind, ahead and set back ---------------------------------------------------------


@pytest.mark.parametrize("skew_hours", [-3, -30, -24 * 400, 5])
def test_a_clock_behind_or_ahead_never_loses_a_change(ab, skew_hours):
    a, b, link = ab
    a.run("win", "Cooked dinner", "-q")
    link.sync()
    ident = entry_id(a, "Cooked dinner")
    a.tick(minutes=10)
    a.run("edit", ident, "--text", "Cooked dinner for two")
    link.sync()
    b.tick(hours=skew_hours)
    assert "Changed" in b.run("edit", ident, "--text", "Cooked dinner for three").stdout
    assert b.by_text("Cooked dinner for three").id == ident
    link.sync()
    for m in (a, b):
        assert "Cooked dinner for three" in m.texts(), m.name
        assert "Cooked dinner for two" not in m.texts()
        history = m.run("edit", ident, "--history").stdout
        assert "Cooked dinner for two" in history
    b.run("delete", ident, "--yes")
    b.tick(seconds=-1)
    assert "Brought back" in b.run("restore", ident).stdout
    assert "Cooked dinner for three" in b.texts()
    link.sync()
    assert "Cooked dinner for three" in a.texts()
    same_journal(a, b)


def test_a_clock_set_back_on_one_machine_never_loses_a_change(ab):
    a, _, _ = ab
    a.run("win", "Drank water", "-q")
    ident = entry_id(a, "Drank water")
    for n in range(5):
        a.tick(hours=-2)  # set back, again and again
        assert "Changed" in a.run("edit", ident, "--text", f"Drank water {n}").stdout
        assert a.by_text(f"Drank water {n}").id == ident
        a.run("delete", ident, "--yes")
        assert ident in {e.id for e in a.journal().removed}
        a.tick(minutes=-30)
        a.run("restore", ident)
        assert ident in {e.id for e in a.journal().entries}
        a.run("edit", ident, "--tag", f"t{n}")
        assert f"t{n}" in a.by_text(f"Drank water {n}").tags


def test_a_new_statement_becomes_current_within_the_day_whatever_the_clock(ab):
    a, b, link = ab
    a.run("commit", "Because of my kids")
    link.sync()
    b.tick(hours=-3)  # behind, but the same logical day
    b.run("commit", "Because I want to see the sea again")
    assert "see the sea" in b.run("commit", "--show").stdout
    link.sync()
    for m in (a, b):
        assert "see the sea" in m.run("commit", "--show").stdout, m.name
        assert m.journal().statement().text == "Because I want to see the sea again"
    a.tick(hours=-2)  # set back on A
    a.run("commit", "For myself")
    link.sync()
    for m in (a, b):
        assert m.journal().statement().text == "For myself", m.name


def test_a_new_statement_becomes_current_on_a_machine_a_day_behind(ab):
    a, b, link = ab
    a.run("commit", "Because of my kids")
    link.sync()
    b.tick(hours=-30)
    assert "saved" in b.run("commit", "Because I want to see the sea again").stdout.lower()
    link.sync()
    for m in (a, b):
        assert m.journal().statement().text == "Because I want to see the sea again", m.name


# -- many processes at once ---------------------------------------------------------------------


@pytest.mark.slow
def test_eight_parallel_tag_edits_on_two_machines_keep_every_tag(ab):
    a, b, link = ab
    a.run("win", "Went outside", "-q")
    link.sync()
    ident = entry_id(a, "Went outside")
    procs = [
        m.popen("edit", ident, "--tag", f"{m.name}tag{n}", stdout=subprocess.PIPE)
        for m in (a, b)
        for n in range(8)
    ]
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        assert b"Changed" in out
    assert set(a.by_text("Went outside").tags) == {f"atag{n}" for n in range(8)}
    link.sync()
    wanted = {f"{m}tag{n}" for m in "ab" for n in range(8)}
    for m in (a, b):
        assert set(m.by_text("Went outside").tags) == wanted, m.name


@pytest.mark.slow
def test_parallel_writers_on_two_machines_with_syncs_between_lose_nothing(ab):
    a, b, link = ab
    texts = []
    for round_ in range(3):
        procs = []
        for m in (a, b):
            for n in range(4):
                text = f"{m.name}-{round_}-{n}"
                texts.append(text)
                procs.append(m.popen("win", text, "-q"))
        link.sync()  # while they write
        for proc in procs:
            assert proc.wait(timeout=120) == 0
        link.sync("syncthing")
    link.sync()
    for m in (a, b):
        assert sorted(t for t in m.texts() if t) == sorted(texts)
    same_journal(a, b)


# -- conflicted copies ---------------------------------------------------------------------------


@pytest.mark.parametrize("style", CONFLICT_STYLES)
def test_a_conflicted_copy_is_recognised_by_its_name(style):
    name = "anna-laptop-0a1b2c3d" + SUFFIX
    copy = conflict_name(name, style)
    assert conflict_base(copy, {name, copy}) == name


@pytest.mark.parametrize("style", CONFLICT_STYLES)
def test_a_conflicted_copy_counts_once_and_repair_takes_it_in(ab, style):
    a, b, link = ab
    a.run("win", "Planted basil", "-q")
    link.sync()
    ident = entry_id(a, "Planted basil")
    a.run("edit", ident, "--text", "Planted basil and mint")
    a_name = a.own_file().name
    conflict_copy(a, b, a_name, style)  # B's tool keeps A's new version beside its old one
    history = b.run("edit", ident, "--history").stdout
    assert history.count("Until ") == 1, history  # one edit, one earlier version
    assert "Planted basil and mint" in b.texts()
    assert b.texts().count("Planted basil and mint") == 1
    report = b.run("doctor", code=1).stdout
    assert "conflicted copy" in report
    before = (b.journal_dir / a_name).read_bytes()
    b.run("doctor", "--repair")
    assert (b.journal_dir / a_name).read_bytes() == before
    names = {p.name for p in b.device_files()}
    assert names == {a_name, b.own_file().name}  # the copy went, its line is in B's own file
    assert b"Planted basil and mint" in b.own_file().read_bytes()
    assert "Planted basil and mint" in b.texts()  # taken into B's own file first
    assert b.run("edit", ident, "--history").stdout.count("Until ") == 1
    b.run("doctor")  # all is well now
    link.sync()
    same_journal(a, b)


@pytest.mark.parametrize("style", ["syncthing", "dropbox", "onedrive", "unison"])
def test_deleting_and_compacting_never_brings_an_entry_back_from_a_conflicted_copy(ab, style):
    a, b, link = ab
    a.run("win", "A secret thing", "-q")
    a.run("win", "Kept", "-q")
    link.sync()
    ident = entry_id(a, "A secret thing")
    conflict_copy(a, b, a.own_file().name, style)  # B holds a stale copy with the entry
    conflict_copy(a, a, a.own_file().name, style, n=1)  # and A one of its own
    a.run("delete", ident, "--yes")
    a.run("doctor", "--compact", "--yes", code=None)
    assert a.holding("A secret thing") == []  # A's copy was taken in without the entry
    assert a.texts() == ["Kept"]
    link.sync()
    assert b.texts() == ["Kept"]  # B's stale copy does not bring it back
    b.run("doctor", "--repair", code=None)  # takes B's copy in, without the forgotten entry
    link.sync()
    for m in (a, b):
        assert m.texts() == ["Kept"], m.name
        assert m.run("list", "--removed").stdout.strip() == "Nothing has been removed."
        assert m.holding("A secret thing") == [], m.name
        m.run("doctor")


def test_a_file_copied_under_two_names_counts_once(ab):
    a, b, link = ab
    a.run("win", "Read a chapter", "-q")
    ident = entry_id(a, "Read a chapter")
    a.run("edit", ident, "--tag", "calm")
    link.sync()
    data = (b.journal_dir / a.own_file().name).read_bytes()
    deliver(data, b, "old-backup" + SUFFIX)
    assert b.texts() == ["Read a chapter"]
    assert b.by_text("Read a chapter").tags == ["calm"]
    assert b.run("edit", ident, "--history").stdout.count("Until ") == 1


# -- forgetting for good -------------------------------------------------------------------------


def test_after_compaction_on_both_machines_no_file_holds_a_forgotten_word(ab):
    a, b, link = ab
    a.run("win", "zebra-secret-words", "-q")
    b.run("win", "Kept one", "-q")
    b.run("win", "B's own note to remove", "-q")
    link.sync()
    ident = entry_id(a, "zebra-secret-words")
    b.run("edit", ident, "--text", "zebra-secret-words, edited")
    b.run("greet")  # the greeting's summary caches recent words
    a.run("greet")
    link.sync("syncthing")
    conflict_copy(b, a, b.own_file().name, "dropbox")  # a copy of B's file with the edit
    a.run("delete", ident, "--yes")
    a.run("doctor", "--compact", "--yes", code=None)
    link.sync("syncthing")
    # B compacts its own removal too, and with it honours A's forget.
    b.run("delete", entry_id(b, "B's own note to remove"), "--yes")
    b.run("doctor", "--compact", "--yes", code=None)
    link.sync("syncthing")
    for m in (a, b):
        m.run("doctor", "--repair", code=None)
    link.sync()
    for m in (a, b):
        assert m.texts() == ["Kept one"]
        assert m.holding("zebra-secret") == [], m.name
        assert m.holding("own note to remove") == [], m.name


def test_compaction_honours_a_forget_that_came_by_sync(ab):
    a, b, link = ab
    b.run("win", "zebra-secret-words", "-q")
    link.sync()
    a.run("delete", entry_id(a, "zebra-secret-words"), "--yes")
    a.run("doctor", "--compact", "--yes", code=None)
    link.sync()
    assert "zebra-secret-words" not in b.texts()
    b.run("doctor", "--compact", "--yes", code=None)
    link.sync()
    for m in (a, b):
        assert m.holding("zebra-secret") == [], m.name


@pytest.mark.parametrize("tidy", ["--repair", "--compact"])
@pytest.mark.parametrize("style", ["syncthing", "dropbox", "onedrive", "unison"])
def test_a_forget_found_only_in_a_conflicted_copy_keeps_its_entry_forgotten(ab, style, tidy):
    a, b, link = ab
    a.run("win", "zebra-secret-words", "-q")
    a.run("win", "Kept", "-q")
    link.sync()
    ident = entry_id(a, "zebra-secret-words")
    a.run("delete", ident, "--yes")
    a.run("doctor", "--compact", "--yes", code=None)
    # B's tool keeps A's compacted file (with the forget) beside B's older copy of it.
    conflict_copy(a, b, a.own_file().name, style)
    assert ident in b.journal().forgotten
    b.run("doctor", tidy, *(["--yes"] if tidy == "--compact" else []), code=None)
    assert ident in b.journal().forgotten  # the forget was taken into B's own file
    assert {"op": "forget", "id": ident}.items() <= next(
        json.loads(line) for line in b.own_file().read_text().splitlines() if '"forget"' in line
    ).items()
    for m in (b, a):
        assert m.texts() == ["Kept"], m.name
        assert shown(m, ident) == {
            "live": [],
            "exported": [],
            "removed": [],
            "listed as removed": False,
        }, m.name
        assert m.run("restore", ident, code=1).stderr
    link.sync()
    for m in (a, b):
        m.run("doctor", "--compact", "--yes", code=None)
    link.sync()
    for m in (a, b):
        assert m.texts() == ["Kept"], m.name
        assert m.holding("zebra-secret") == [], m.name
    same_journal(a, b)


def test_every_device_keeps_a_forget_so_an_older_copy_of_a_file_cannot_bring_it_back(ab):
    a, b, link = ab
    a.run("win", "zebra-secret-words", "-q")
    a.run("win", "Kept", "-q")
    b.run("win", "From B", "-q")
    link.sync()
    a_name = a.own_file().name
    older = snapshot(a, a_name)
    ident = entry_id(a, "zebra-secret-words")
    a.run("delete", ident, "--yes")
    a.run("doctor", "--compact", "--yes", code=None)
    link.sync()
    b.run("doctor", "--compact", "--yes", code=None)  # B keeps a copy of A's forget line
    assert ident.encode() in b.own_file().read_bytes()
    assert "more than one file" not in b.run("doctor").stdout  # a forget's copy is no duplicate
    link.sync()
    # An older version of A's file arrives late (a backup put back, a tool's stale copy).
    deliver(older, b, a_name)
    deliver(older, a, a_name)
    for m in (a, b):
        assert m.texts() == ["From B", "Kept"], m.name
        assert ident in m.journal().forgotten, m.name
        assert shown(m, ident) == {
            "live": [],
            "exported": [],
            "removed": [],
            "listed as removed": False,
        }, m.name
    for m in (a, b):
        m.run("doctor", "--compact", "--yes", code=None)
    link.sync()
    for m in (a, b):
        assert m.holding("zebra-secret") == [], m.name
    same_journal(a, b)


@pytest.mark.parametrize("style", ["syncthing", "dropbox", "unison"])
def test_a_cloned_machine_never_brings_back_what_its_twin_forgot(tmp_path, style):
    """A machine made from an image of another writes the same device file: a sync between
    them keeps one version and a conflicted copy of the other, whichever holds the forget."""
    a, b = machines(tmp_path, "a", "b")
    a.run("win", "zebra-secret-words", "-q")
    a.run("win", "Kept", "-q")
    c = clone(a, "c")
    links = [Link(a, c), Link(a, b), Link(b, c)]
    for link in links:
        link.sync(style)
    ident = entry_id(a, "zebra-secret-words")
    a.run("delete", ident, "--yes")
    a.run("doctor", "--compact", "--yes", code=None)
    c.tick(minutes=1)
    c.run("win", "From the clone", "-q")  # the same file, written later: the tool keeps it
    assert links[0].sync(style)  # a conflicted copy of the shared file, on both
    for m in (a, c):
        assert ident in m.journal().forgotten, m.name
        m.run("doctor", "--repair", code=None)
    for _ in range(2):
        for link in links:
            assert link.sync(style) == []
        for m in (a, b, c):
            m.run("doctor", "--compact", "--yes", code=None)
    for link in links:
        link.sync(style)
    for m in (a, b, c):
        assert m.texts() == ["From the clone", "Kept"], m.name
        assert ident in m.journal().forgotten, m.name
        assert shown(m, ident) == {
            "live": [],
            "exported": [],
            "removed": [],
            "listed as removed": False,
        }, m.name
        assert m.holding("zebra-secret") == [], m.name
        m.run("doctor", "--repair")  # the simulated tool made folders others can read
        m.run("doctor")
    same_journal(a, b, c)


def test_forgetting_reaches_the_damaged_lines_repair_set_aside_from_a_conflicted_copy(ab):
    a, b, link = ab
    a.run("win", "Kept", "-q")
    a.run("win", "zebra-secret-words and the rest of a long sentence", "-q")
    link.sync()
    ident = entry_id(a, "zebra-secret-words and the rest of a long sentence")
    data = a.own_file().read_bytes()
    cut = data.index(b"zebra-secret-words") + 12  # a copy caught in the middle of the words
    deliver(data[:cut], b, conflict_name(a.own_file().name, "syncthing"))
    b.run("doctor", "--repair", code=None)
    kept = list((b.journal_dir / "damaged").iterdir())
    assert kept and any(b"zebra-secret" in p.read_bytes() for p in kept)
    link.sync()
    a.run("delete", ident, "--yes")
    a.run("doctor", "--compact", "--yes", code=None)
    link.sync()
    b.run("doctor", "--compact", "--yes", code=None)
    link.sync()
    for m in (a, b):
        assert m.texts() == ["Kept"], m.name
        assert m.holding("zebra-secret") == [], m.name
        m.run("doctor", "--repair")  # the simulated tool made a folder others can read
        m.run("doctor")


# -- a whole home synced, state/ included -------------------------------------------------------


def test_a_whole_home_synced_with_the_same_host_name_keeps_both_machines_entries(ab):
    a, b, link = ab
    a.run("win", "From A", "-q")
    link.sync(whole=True)
    b.run("win", "From B", "-q")
    link.sync(whole=True)
    a.run("win", "From A again", "-q")
    b.run("win", "From B again", "-q")
    link.sync(whole=True)
    assert a.own_file() != b.own_file()
    for m in (a, b):
        assert m.texts() == sorted(["From A", "From B", "From A again", "From B again"])


def test_a_whole_home_synced_before_either_machine_knew_the_other_keeps_ownership(ab):
    a, b, link = ab
    a.run("win", "zebra-secret-words", "-q")
    b.run("win", "From B", "-q")
    first_a = a.own_file().name
    link.sync("newer", whole=True)
    a.tick(minutes=1)
    a.run("win", "From A", "-q")
    link.sync("newer", whole=True)
    assert a.own_file().name == first_a
    a.run("delete", entry_id(a, "zebra-secret-words"), "--yes")
    for m in (a, b, a):
        m.run("doctor", "--compact", "--yes", code=None)
        link.sync(whole=True)
    for m in (a, b):
        assert m.holding("zebra-secret") == [], m.name


# -- partial and out-of-order syncs --------------------------------------------------------------


def test_partial_and_out_of_order_syncs_converge(ab):
    a, b, link = ab
    a.run("win", "One", "-q")
    b.run("win", "Two", "-q")
    link.sync()
    one, two = entry_id(a, "One"), entry_id(a, "Two")
    a_name, b_name = a.own_file().name, b.own_file().name
    a.run("edit", one, "--text", "One, changed on A")
    stale_a = (a.journal_dir / a_name).read_bytes()
    stale_time = (a.journal_dir / a_name).stat().st_mtime_ns
    a.run("delete", two, "--yes")
    b.tick(hours=-5)
    b.run("edit", two, "--text", "Two, changed on B")
    # Only B's file reaches A; then a stale copy of A's file reaches B, then the newest.
    link.sync(only=[b_name])
    deliver(stale_a, b, a_name, stale_time)  # a late copy keeps its own time, as tools do
    assert "One, changed on A" in b.texts()
    assert "Two, changed on B" in b.texts()
    push(a, b)
    link.sync()
    for m in (a, b):
        assert m.texts() == ["One, changed on A"], m.name
        assert [e.text for e in m.journal().removed] == ["Two, changed on B"]
    same_journal(a, b)


# -- a line nested very deeply -------------------------------------------------------------------

DEEP = "[" * 100_000 + "]" * 100_000


def deep_lines() -> dict[str, bytes]:
    entry = {
        "id": "deadbeef0001",
        "kind": "win",
        "day": "2026-11-27",
        "at": "2026-11-27T09:00:00+01:00",
        "text": "x",
        "tags": [],
    }
    inside = json.dumps({"v": 2, "eid": "e1", "t": 5, "op": "add", "entry": entry})
    inside = inside[:-2] + ', "extra": ' + DEEP + "}}"
    return {
        "alone": DEEP.encode() + b"\n",
        "inside an entry": inside.encode() + b"\n",
        "inside an update": (
            '{"v":2,"eid":"e2","t":6,"op":"update","id":"deadbeef0001","at":"x","set":{"text":'
            + DEEP
            + "}}\n"
        ).encode(),
        "nested 900 deep": ("[" * 900 + "]" * 900 + "\n").encode(),
        "an entry 900 deep": (
            inside.replace(DEEP, "[" * 900 + "]" * 900).replace('"e1"', '"e3"') + "\n"
        ).encode(),
        "an update's time 900 deep": (
            '{"v":2,"eid":"e4","t":7,"op":"update","id":"ID","at":'
            + "[" * 900
            + "]" * 900
            + ',"set":{}}\n'
        ).encode(),
    }


# Every reading command line, written out here on purpose rather than shared between test files:
# each file's list is what that file's cases need, and a change to one must not change another's.
READING = [
    [],
    ["list"],
    ["list", "--json"],
    ["list", "--removed"],
    ["streaks"],
    ["streaks", "--json"],
    ["reflect"],
    ["reflect", "--month"],
    ["export", "--format", "md"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["commit", "--show"],
    ["greet"],
    ["doctor"],
]


def no_traceback(result) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        traceback.print_exception(result.exception)
    assert result.exit_code in (0, 1), (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("case", sorted(deep_lines()))
def test_a_deeply_nested_line_never_ends_a_command_in_a_traceback(ab, case):
    a, b, link = ab
    a.run("win", "Before", "-q")
    ident = entry_id(a, "Before")
    line = deep_lines()[case].replace(b'"ID"', f'"{ident}"'.encode())
    other = a.journal_dir / ("other-laptop-00000001" + SUFFIX)
    other.write_bytes(line)
    for args in READING:
        no_traceback(a.run(*args, code=None))
    no_traceback(a.run("edit", ident, "--history", code=None))
    no_traceback(a.run("doctor", "--repair", code=None))
    assert other.read_bytes() == line  # another device's file: left as it was
    for args in READING:
        no_traceback(a.run(*args, code=None))
    a.run("win", "After", "-q")
    assert {"Before", "After"} <= set(a.texts())
    link.sync()
    for args in READING:
        no_traceback(b.run(*args, code=None))


@pytest.mark.parametrize("case", sorted(deep_lines()))
def test_a_deeply_nested_import_never_ends_in_a_traceback(run, tmp_path, case):
    run("win", "Before", "-q")
    line = deep_lines()[case]
    source = tmp_path / "deep.json"
    source.write_bytes(line)
    no_traceback(run("import", str(source), code=None))
    source.write_bytes(
        b'{"mindlog_export": 1, "entries": [' + line.strip() + b"]}"
        if line.startswith(b"{")
        else line
    )
    no_traceback(run("import", str(source), code=None))
    assert [e.text for e in stored().entries] == ["Before"]


# -- files outside the journal -------------------------------------------------------------------


def test_repair_never_rewrites_a_file_a_device_file_links_to(ab, tmp_path):
    a, _, _ = ab
    a.run("win", "Mine", "-q")
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"my own notes\nnot json at all\n")
    before = notes.read_bytes()
    (a.journal_dir / ("old-laptop" + SUFFIX)).symlink_to(notes)
    a.run("doctor", code=1)
    a.run("doctor", "--repair", code=None)
    a.run("doctor", "--compact", "--yes", code=None)
    assert notes.read_bytes() == before
    assert (a.journal_dir / ("old-laptop" + SUFFIX)).is_symlink()
    # This device's own file as a link, and a conflicted copy as a link: never rewritten either.
    own = a.own_file()
    target = tmp_path / "elsewhere.jsonl"
    target.write_bytes(own.read_bytes() + b"garbage\n")
    own.unlink()
    own.symlink_to(target)
    copy = a.journal_dir / (own.stem + ".sync-conflict-20261128-101010-ABCDEFG" + SUFFIX)
    copy.symlink_to(notes)
    linked = target.read_bytes()
    a.run("doctor", "--repair", code=None)
    a.run("delete", entry_id(a, "Mine"), "--yes", code=None)
    a.run("doctor", "--compact", "--yes", code=None)
    assert notes.read_bytes() == before
    assert target.read_bytes() == linked


def test_repair_never_rewrites_a_file_format_json_links_to(ab, tmp_path):
    a, _, _ = ab
    a.run("win", "Mine", "-q")
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"my own notes\n")
    fmt = a.journal_dir / "format.json"
    fmt.unlink()
    fmt.symlink_to(notes)
    a.run("doctor", "--repair", code=None)
    assert notes.read_bytes() == b"my own notes\n"
    assert not fmt.is_symlink()  # the link was replaced by mindlog's own file
    a.run("win", "After", "-q")
    assert notes.read_bytes() == b"my own notes\n"
    assert "After" in a.texts()


# -- format.json of a newer mindlog, and journals of mindlog 0.1 ---------------------------------

WRITING = [
    ["win", "A new win"],
    ["commit", "A new statement"],
    ["commit", "--reaffirm"],
    ["morning", "--all"],
    ["rest", "tired"],
    ["setback", "a hard day"],
    ["checkin", "--mood", "3"],
    ["edit", "ID", "--text", "changed"],
    ["edit", "ID", "--tag", "calm"],
    ["delete", "ID", "--yes"],
    ["undo", "--yes"],
    ["restore", "REMOVED"],
    ["import", "IMPORT"],
    ["doctor", "--repair"],
    ["doctor", "--compact", "--yes"],
]


def tree(m: Machine) -> dict[str, bytes]:
    return {
        p.relative_to(m.home).as_posix(): p.read_bytes()
        for p in m.files()
        # the reading cache is machine-local and may be brought up to date by any read
        if not p.is_symlink() and p.name != ".lock" and not p.name.startswith("cache.sqlite3")
    }


@pytest.mark.parametrize(
    "fmt",
    [b'{"schema": "3"}\n', b'\xef\xbb\xbf{"schema": 3}\n', b'{"schema": 3}', b'{"schema":" 3 "}'],
)
def test_a_journal_of_a_newer_mindlog_is_never_written_to(ab, tmp_path, fmt):
    a, _, _ = ab
    a.run("commit", "The first statement")
    a.run("win", "Kept", "-q")
    a.run("win", "Removed", "-q")
    removed = entry_id(a, "Removed")
    a.run("delete", removed, "--yes")
    ident = entry_id(a, "Kept")
    export = tmp_path / "export.json"
    export.write_text(
        json.dumps(
            {
                "mindlog_export": 1,
                "entries": [
                    {
                        "id": "feedfacecafe",
                        "kind": "win",
                        "day": "2026-11-20",
                        "at": "2026-11-20T10:00:00+01:00",
                        "text": "imported",
                        "tags": [],
                    }
                ],
            }
        )
    )
    (a.journal_dir / "format.json").write_bytes(fmt)
    before = tree(a)
    for args in WRITING:
        args = [{"ID": ident, "REMOVED": removed, "IMPORT": str(export)}.get(x, x) for x in args]
        result = a.run(*args, code=1)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("mindlog: "), (args, result.stderr)
        assert "newer version of mindlog" in lines[0]
        assert "Traceback" not in result.stdout + result.stderr
        assert tree(a) == before, args


def v1_lines() -> list[str]:
    """A journal as mindlog 0.1 wrote it (schema 1): adds, updates, a delete and a restore."""

    def add(ident, text, at, kind="win", **extra):
        entry = {
            "id": ident,
            "kind": kind,
            "day": at[:10],
            "at": at,
            "text": text,
            "tags": [],
            **extra,
        }
        return json.dumps({"v": 1, "op": "add", "entry": entry})

    def change(op, ident, at, **extra):
        return json.dumps({"v": 1, "op": op, "id": ident, "at": at, **extra})

    return [
        add("0a0000000001", "Old win", "2026-10-01T09:00:00+02:00"),
        add("0a0000000002", "Old statement", "2026-10-01T09:05:00+02:00", kind="commitment"),
        add(
            "0a0000000003",
            None,
            "2026-10-02T07:00:00+02:00",
            kind="morning",
            done=["Drink water"],
            routine=["Drink water", "Stretch"],
        ),
        change("update", "0a0000000001", "2026-10-03T10:00:00+02:00", set={"text": "Old win, v2"}),
        add("0a0000000004", "Removed long ago", "2026-10-04T10:00:00+02:00"),
        change("delete", "0a0000000004", "2026-10-04T11:00:00+02:00"),
        add("0a0000000005", "Deleted and restored", "2026-10-05T10:00:00+02:00"),
        change("delete", "0a0000000005", "2026-10-05T11:00:00+02:00"),
        change("restore", "0a0000000005", "2026-10-05T11:30:00+02:00"),
        change("update", "0a0000000002", "2026-10-06T10:00:00+02:00", set={"tags": ["why"]}),
    ]


def write_v1_home(m: Machine, lines: list[str]) -> list[bytes]:
    m.journal_dir.mkdir(parents=True, mode=0o700)
    (m.home / "state").mkdir(mode=0o700)
    for folder in (m.home, m.journal_dir, m.home / "state"):
        folder.chmod(0o700)
    (m.home / "state" / "device").write_text(f"{os.uname().nodename}-0a1b2c3d\n")
    raw = [line.encode() for line in lines]
    path = m.journal_dir / f"{os.uname().nodename}-0a1b2c3d{SUFFIX}"
    path.write_bytes(b"".join(r + b"\n" for r in raw))
    (m.journal_dir / "format.json").write_text('{"schema": 1}\n')
    for path in m.files():
        path.chmod(0o600)
    return raw


def v1_view(m: Machine):
    j = m.journal()
    return (
        sorted((e.id, e.kind, e.day, e.text, tuple(e.tags)) for e in j.entries),
        sorted(e.id for e in j.removed),
        j.statement().id,
    )


def test_a_journal_of_mindlog_0_1_is_read_as_it_was_and_keeps_every_line(ab):
    a, b, link = ab
    raw = write_v1_home(a, v1_lines())
    view = v1_view(a)
    assert view == (
        [
            ("0a0000000001", "win", "2026-10-01", "Old win, v2", ()),
            ("0a0000000002", "commitment", "2026-10-01", "Old statement", ("why",)),
            ("0a0000000003", "morning", "2026-10-02", None, ()),
            ("0a0000000005", "win", "2026-10-05", "Deleted and restored", ()),
        ],
        ["0a0000000004"],
        "0a0000000002",
    )
    a.run("win", "New win", "-q")
    a.run("edit", "0a0000000001", "--tag", "calm")
    path = next(p for p in a.device_files() if p.name.endswith("0a1b2c3d" + SUFFIX))
    data = path.read_bytes()
    assert all(r in data for r in raw)
    link.sync()
    assert v1_view(b) == v1_view(a)
    # Compaction forgets the entry removed long ago, and keeps every other 0.1 line byte for byte.
    a.run("doctor", "--compact", "--yes", code=None)
    data = b"".join(p.read_bytes() for p in a.device_files())
    kept = [r for r in raw if b"0a0000000004" not in r]
    assert all(r in data for r in kept)
    assert b"Removed long ago" not in data
    assert "Old win, v2" in a.texts() and "New win" in a.texts()
    assert a.run("doctor").exit_code == 0


def test_changes_of_mindlog_0_1_within_one_second_keep_their_order(ab):
    a, _, _ = ab
    lines = []
    for n in range(8):
        ident = f"0b00000000{n:02d}"
        at = "2026-10-05T11:00:00+02:00"
        entry = {"id": ident, "kind": "win", "day": "2026-10-05", "at": at, "text": f"w{n}"}
        lines += [
            json.dumps({"v": 1, "op": "add", "entry": {**entry, "tags": []}}),
            json.dumps({"v": 1, "op": "delete", "id": ident, "at": at}),
            json.dumps({"v": 1, "op": "restore", "id": ident, "at": at}),
            json.dumps({"v": 1, "op": "update", "id": ident, "at": at, "set": {"text": "first"}}),
            json.dumps({"v": 1, "op": "update", "id": ident, "at": at, "set": {"text": "last"}}),
        ]
    write_v1_home(a, lines)
    assert a.texts() == ["last"] * 8


# -- lines from a device gone wrong ----------------------------------------------------------------


@pytest.mark.parametrize(
    "clock", [2**62 - 1, 2**62, 2**62 + 1, 2**63 - 1, 2**63, 2**64, 10**4300 - 1]
)
def test_a_line_with_a_clock_far_ahead_never_stops_a_write_being_read_back(ab, clock):
    a, b, link = ab
    a.run("win", "Before", "-q")
    far = {
        "v": 2,
        "eid": "far1",
        "t": clock,
        "op": "add",
        "entry": {
            "id": "feedfeedfeed",
            "kind": "win",
            "day": "2026-11-27",
            "at": "2026-11-27T09:00:00+01:00",
            "text": "From a device gone wrong",
            "tags": [],
        },
    }
    (a.journal_dir / ("gone-wrong-0a0a0a0a" + SUFFIX)).write_text(json.dumps(far) + "\n")
    a.run("win", "After", "-q")
    ident = entry_id(a, "After")
    a.run("edit", ident, "--text", "After, changed")
    link.sync()
    b.run("edit", ident, "--tag", "calm")
    link.sync()
    for m in (a, b):
        assert {"Before", "After, changed"} <= set(m.texts()), m.name
        assert m.by_text("After, changed").tags == ["calm"]
        # A clock beyond a 64-bit integer makes the line damaged (kept, reported, not used).
        assert (m.read().problems == []) == (clock <= 2**63 - 1)


def test_a_conflicted_copy_holding_a_newer_mindlogs_line_is_never_removed_with_it(ab):
    a, _, _ = ab
    a.run("win", "Mine", "-q")
    own = a.own_file()
    newer = (
        b'{"v":3,"eid":"n3","t":5,"op":"add","entry":{"id":"c0c0c0c0c0c0","kind":"win",'
        b'"day":"2026-11-27","at":"2026-11-27T09:00:00+01:00","text":"written by mindlog 0.3"}}\n'
    )
    copy = a.journal_dir / (own.stem + ".sync-conflict-20261128-101010-ABCDEFG" + SUFFIX)
    copy.write_bytes(own.read_bytes() + newer)
    a.run("doctor", "--repair", code=None)
    assert a.holding("written by mindlog 0.3")


def test_forgetting_reaches_a_torn_copy_repair_set_aside(ab):
    a, b, link = ab
    a.run("win", "zebra-secret-words", "-q")
    data = a.own_file().read_bytes()
    when = a.own_file().stat().st_mtime_ns
    deliver(data[: len(data) - 20], b, a.own_file().name, when)  # caught mid-write
    b.run("doctor", "--repair", code=None)
    push(a, b)  # the whole file arrives
    link.sync()
    assert "zebra-secret-words" in b.texts()
    a.run("delete", entry_id(a, "zebra-secret-words"), "--yes")
    b.run("win", "B's own", "-q")
    b.run("delete", entry_id(b, "B's own"), "--yes")
    a.run("doctor", "--compact", "--yes", code=None)
    link.sync()
    b.run("doctor", "--compact", "--yes", code=None)
    link.sync()
    for m in (a, b):
        assert m.holding("zebra-secret") == [], m.name


def test_undo_after_taking_in_a_conflicted_copy_removes_the_newest_win(ab):
    a, b, _ = ab
    a.run("win", "A first", "-q")
    b.tick(hours=-48)  # B's clock is two days behind
    for n in range(20):
        b.run("win", f"B old {n}", "-q")
    conflict_copy(b, a, b.own_file().name, "syncthing")
    a.run("doctor", "--repair")
    a.tick(hours=-1)  # A's clock is set back
    a.run("win", "A newest", "-q")
    assert "Undone: the win 'A newest'" in a.run("undo", "--yes").stdout


def test_a_conflicted_copy_of_the_greetings_cache_holds_no_forgotten_word(ab):
    a, b, link = ab
    a.run("win", "zebra-secret-words", "-q")
    link.sync(whole=True)
    b.run("win", "B one", "-q")
    link.sync(whole=True)
    for m in (a, b):
        m.run("greet")
    link.sync(whole=True)
    a.run("win", "A two", "-q")
    b.tick(minutes=1)
    b.run("win", "B two", "-q")
    for m in (a, b):
        m.run("greet")
    copies = link.sync("dropbox", whole=True)
    assert copies and all(c.startswith(("cache", "greeting")) for c in copies), copies
    a.run("delete", entry_id(a, "zebra-secret-words"), "--yes")
    a.run("doctor", "--compact", "--yes", code=None)
    link.sync("dropbox", whole=True)
    b.run("delete", entry_id(b, "B two"), "--yes")
    b.run("doctor", "--compact", "--yes", code=None)
    link.sync("dropbox", whole=True)
    for m in (a, b):
        m.run("doctor", "--repair", code=None)
    for m in (a, b):
        assert m.holding("zebra-secret") == [], m.name


def test_a_conflicted_copy_that_is_a_link_does_not_keep_doctor_asking_for_repair(ab, tmp_path):
    a, _, _ = ab
    a.run("win", "Mine", "-q")
    own = a.own_file()
    target = tmp_path / "elsewhere.jsonl"
    target.write_bytes(own.read_bytes())
    (a.journal_dir / (own.stem + " (conflicted copy 2026-11-28)" + SUFFIX)).symlink_to(target)
    a.run("doctor", "--repair", code=None)
    a.run("doctor")
