"""mindlog undo takes back the last change, whatever it was: checked by what is stored."""

from __future__ import annotations

import pytest

from conftest import stored
from mindlog.domain.journal import Journal, replay
from mindlog.domain.undo import last_change


def win(run, text, *extra):
    before = {e.id for e in stored().entries}
    run("win", text, "-q", *extra)
    (new,) = {e.id for e in stored().entries} - before
    return new


def live(entry_id):
    return next((e for e in stored().entries if e.id == entry_id), None)


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)


def test_undo_after_adding_takes_the_entry_out(run):
    first = win(run, "first")
    second = win(run, "walked to the shop", "--date", "2026-11-20")
    said = run("undo", "--yes").stdout
    assert "the win 'walked to the shop' on Friday 20 November 2026" in said
    assert live(second) is None and second in {e.id for e in stored().removed}
    assert live(first) is not None
    run("undo", "--yes")  # again: the change before
    assert stored().entries == []


def test_undo_after_deleting_brings_that_entry_back_and_removes_nothing_else(run):
    keep = win(run, "keep me")
    gone = win(run, "walked to the shop", "--date", "2026-11-20")
    run("delete", gone, "--yes")
    said = run("undo", "--yes").stdout
    assert "Undone: the win 'walked to the shop' on Friday 20 November 2026 is back." in said
    assert {e.id for e in stored().entries} == {keep, gone}
    assert stored().removed == []


def test_undo_after_an_edit_gives_back_the_words_tags_and_day(run):
    entry_id = win(run, "Called my sister", "-t", "meaning")
    before = live(entry_id)
    run("edit", entry_id, "--text", "Called my brother")
    run("edit", entry_id, "--tag", "calm", "--untag", "meaning")
    run("edit", entry_id, "--date", "2026-11-20")
    assert "changing the win 'Called my brother'" not in run("undo", "--yes").stdout
    assert live(entry_id).day == before.day and live(entry_id).fields.get("timed") is not False
    run("undo", "--yes")
    assert live(entry_id).tags == ["meaning"]
    run("undo", "--yes")
    assert live(entry_id).text == "Called my sister"
    assert stored().history[entry_id]  # every version stays in the journal


def test_undo_after_a_restore_takes_the_entry_out_again(run):
    entry_id = win(run, "one")
    run("delete", entry_id, "--yes")
    run("restore", entry_id)
    said = run("undo", "--yes").stdout
    assert "taken out again" in said and f"mindlog restore {entry_id}" in said
    assert live(entry_id) is None


def test_undo_of_a_morning_run_again_gives_back_the_first_run(run):
    run("morning", "--done", "1")
    (morning,) = stored().entries
    run("morning", "--all")
    assert len(live(morning.id).fields["done"]) == 4
    run("undo", "--yes")
    assert live(morning.id).fields["done"] == morning.fields["done"]


def test_undo_says_what_it_will_undo_and_asks(run, terminal):
    entry_id = win(run, "walked to the shop", "--date", "2026-11-20")
    run("delete", entry_id, "--yes")
    result = run("undo", input="n\n")
    assert (
        "Undo: deleting the win 'walked to the shop' on Friday 20 November 2026? [y/N]"
        in result.stderr
    )
    assert "Nothing was changed." in result.stdout
    assert live(entry_id) is None
    run("undo", input="\n")  # Enter means no
    assert live(entry_id) is None
    run("undo", input="y\n")
    assert live(entry_id) is not None


def test_undo_without_a_terminal_needs_yes(run):
    entry_id = win(run, "one")
    result = run("undo", code=1)
    assert result.stderr.count("\n") <= 2 and "--yes" in result.stderr
    assert live(entry_id) is not None


def test_undo_with_nothing_to_undo(run):
    assert "There is nothing to undo." in run("undo", "--yes").stdout
    entry_id = win(run, "one")
    run("undo", "--yes")
    assert "There is nothing to undo." in run("undo", "--yes").stdout
    assert live(entry_id) is None


def test_an_undo_is_never_undone_by_undo(run):
    first = win(run, "first")
    second = win(run, "second")
    run("delete", first, "--yes")
    run("undo", "--yes")  # brings first back
    run("undo", "--yes")  # the change before the delete: adding second
    assert {e.id for e in stored().entries} == {first}
    assert live(second) is None


def _add(entry_id, file, line, t):
    entry = {"id": entry_id, "kind": "win", "day": "2026-11-28", "at": "2026-11-28T10:00:00+01:00"}
    return {"op": "add", "eid": f"e-{entry_id}", "t": t, "_file": file, "_line": line,
            "entry": entry | {"text": entry_id, "tags": []}}  # fmt: skip


def test_this_devices_own_changes_come_first_then_the_journals_clock():
    events = [
        _add("mine-old", "me.jsonl", 1, 10),
        _add("mine-new", "me.jsonl", 2, 20),  # written last here; another device wrote after
        _add("theirs", "you.jsonl", 1, 50),
    ]
    journal = replay(events)
    found = last_change(events, journal, "me.jsonl", "2026-11-28T11:00:00+01:00")
    assert found is not None and (found.change, found.entry.id) == ("add", "mine-new")
    assert found.events[0]["op"] == "delete" and found.events[0]["undo"] == "e-mine-new"
    assert last_change(events, journal, "none.jsonl", "x").entry.id == "theirs"
    assert last_change([], Journal(), "me.jsonl", "x") is None
