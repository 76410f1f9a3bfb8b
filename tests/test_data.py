"""Your data: list filters, edit, delete, undo, restore, config — checked by what is stored."""

from __future__ import annotations

import json
import stat

import pytest

from conftest import stored
from mindlog.cli.main import app
from mindlog.store.paths import locations


def win(run, text, *extra):
    """Log a win; return its id."""
    before = {e.id for e in stored().entries}
    run("win", text, "-q", *extra)
    (new,) = {e.id for e in stored().entries} - before
    return new


def ids_of(result):
    return [e["id"] for e in json.loads(result.stdout)]


@pytest.fixture
def journal(run):
    """A small journal across a few weeks."""
    win(run, "Called my sister", "-t", "meaning", "--date", "2026-11-28")
    win(run, "Walked to the park", "-t", "progress", "-t", "walk", "--date", "2026-11-25")
    win(run, "Cooked dinner for my SISTER", "-t", "competence", "--date", "2026-11-10")
    win(run, "Went to the group", "-t", "meaning", "-t", "progress", "--date", "2026-10-20")
    run("morning", "--all", "--date", "2026-11-27")
    return {e.text or e.kind: e.id for e in stored().entries}


# -- list ---------------------------------------------------------------------------------------


def test_list_shows_every_entry_newest_last(run, journal):
    lines = run("list").stdout.strip().splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("2026-10-20")
    assert lines[-1].startswith("2026-11-28") and "Called my sister" in lines[-1]
    assert "4 of 4 done" in lines[-2]


def test_list_json_is_the_contract_shape(run, journal):
    data = json.loads(run("list", "--json").stdout)
    assert [e["day"] for e in data] == sorted(e["day"] for e in data)
    for entry in data:
        assert {"id", "kind", "day", "at", "text", "tags"} <= set(entry)


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["--since", "2026-11-25"], ["Walked to the park", "morning", "Called my sister"]),
        (["--until", "2026-11-10"], ["Went to the group", "Cooked dinner for my SISTER"]),
        (["--since", "7d"], ["Walked to the park", "morning", "Called my sister"]),
        (
            ["--since", "4w", "--until", "yesterday"],
            ["Cooked dinner for my SISTER", "Walked to the park", "morning"],
        ),
        (["--since", "3m", "--kind", "morning"], ["morning"]),
        (["--since", "today"], ["Called my sister"]),
        (["--kind", "win", "--tag", "meaning"], ["Went to the group", "Called my sister"]),
        (["--tag", "meaning", "--tag", "progress"], ["Went to the group"]),
        (["--tag", "#Walk"], ["Walked to the park"]),
        (["--search", "sister"], ["Cooked dinner for my SISTER", "Called my sister"]),
        (["--search", "SISTER", "--since", "2026-11-20", "--kind", "win"], ["Called my sister"]),
        (["--search", "water"], ["morning"]),  # the routine's items are searched too
        (["--search", "sister called"], ["Called my sister"]),  # all words, any order
        (["--since", "2 weeks"], ["Walked to the park", "morning", "Called my sister"]),
        (["-n", "2"], ["morning", "Called my sister"]),
        (["--kind", "win", "--last", "1", "--until", "2026-11-27"], ["Walked to the park"]),
        (
            [
                "--kind",
                "win",
                "--kind",
                "morning",
                "--until",
                "2026-11-27",
                "--since",
                "2026-11-26",
            ],
            ["morning"],
        ),
    ],
)
def test_list_filters_combine(run, journal, args, wanted):
    assert ids_of(run("list", *args, "--json")) == [journal[w] for w in wanted]


def test_list_plain_output_matches_the_filters(run, journal):
    shown = run("list", "--search", "sister").stdout
    assert "Called my sister" in shown and "Cooked dinner" in shown and "Walked" not in shown


@pytest.mark.parametrize(
    "args",
    [
        ["--since", "last tuesday"],
        ["--since", "2026-02-30"],
        ["--since", "2026-11-20", "--until", "2026-11-01"],
        ["--tag", "two words"],
        ["--search", "  "],
    ],
)
def test_bad_filters_are_one_clear_line(run, journal, args):
    result = run("list", *args, code=1)
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_nothing_matching_says_so_kindly(run, journal):
    assert "No entries match" in run("list", "--search", "zebra").stdout
    shown = run("list", "--kind", "checkin").stdout
    assert "Kinds in your journal: morning, win" in shown


def test_empty_journal_list(run):
    assert "No entries yet" in run("list").stdout
    assert json.loads(run("list", "--json").stdout) == []


# -- edit ---------------------------------------------------------------------------------------


def test_edit_with_text_keeps_the_earlier_text(run, journal):
    entry_id = journal["Called my sister"]
    run("edit", entry_id[:5], "--text", "Called my sister and laughed")
    journal_now = stored()
    entry = next(e for e in journal_now.entries if e.id == entry_id)
    assert entry.text == "Called my sister and laughed"
    assert entry.tags == ["meaning"] and entry.day == "2026-11-28"
    assert journal_now.history[entry_id][0]["text"] == "Called my sister"
    shown = run("edit", entry_id, "--history").stdout
    assert "Called my sister\n" in shown and "Called my sister and laughed" in shown


def test_edit_reads_piped_text(run, journal):
    entry_id = journal["Walked to the park"]
    run("edit", entry_id, input="Walked to the park\nand sat by the pond\n")
    assert (
        next(e for e in stored().entries if e.id == entry_id).text
        == "Walked to the park\nand sat by the pond"
    )


def test_edit_opens_the_editor_and_keeps_lines_starting_with_hash(
    run, journal, monkeypatch, tmp_path
):
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "# not a comment: my own words\\nsecond line\\n" > "$1"\n')
    script.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    entry_id = journal["Went to the group"]
    run("edit", entry_id)
    assert (
        next(e for e in stored().entries if e.id == entry_id).text
        == "# not a comment: my own words\nsecond line"
    )


def test_edit_without_editor_asks_and_enter_keeps_it(run, journal, monkeypatch):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    entry_id = journal["Went to the group"]
    assert "No changes" in run("edit", entry_id, input="\n").stdout
    run("edit", entry_id, input="Went to the group and spoke\n")
    assert (
        next(e for e in stored().entries if e.id == entry_id).text == "Went to the group and spoke"
    )


def test_edit_same_or_empty_text_changes_nothing(run, journal):
    entry_id = journal["Went to the group"]
    run("edit", entry_id, "--text", "Went to the group")
    run("edit", entry_id, "--text", "   ", code=1)
    assert stored().history == {}


def test_edit_tags_and_day_without_touching_the_text(run, journal):
    entry_id = journal["Walked to the park"]
    run("edit", entry_id, "--tag", "Meaning", "--untag", "walk", "--date", "2026-11-24")
    entry = next(e for e in stored().entries if e.id == entry_id)
    assert (entry.text, entry.tags, entry.day) == (
        "Walked to the park",
        ["progress", "meaning"],
        "2026-11-24",
    )
    earlier = stored().history[entry_id][0]
    assert earlier["tags"] == ["progress", "walk"] and earlier["day"] == "2026-11-25"
    shown = run("edit", entry_id, "--history").stdout
    assert "Until Saturday 28 November 2026 at 10:00:" in shown
    assert "  Walked to the park\n  #progress #walk · Wednesday 25 November 2026" in shown
    assert ids_of(run("list", "--since", "2026-11-24", "--until", "2026-11-24", "--json")) == [
        entry_id
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--date", "tomorrow"], "not a date"),
        (["--date", "2026-12-01"], "in the future"),
        (["--tag", "two words"], "not a tag"),
    ],
)
def test_edit_refuses_bad_changes(run, journal, args, words):
    result = run("edit", journal["Walked to the park"], *args, code=1)
    assert words in result.stderr
    assert stored().history == {}


def test_a_morning_cannot_move_to_another_day(run, journal):
    result = run("edit", journal["morning"], "--date", "yesterday", code=1)
    assert "mindlog morning --date" in result.stderr


def test_edit_a_morning_points_to_morning(run, journal):
    result = run("edit", journal["morning"], "--text", "x", code=1)
    assert "mindlog morning --date 2026-11-27" in result.stderr


@pytest.mark.parametrize("command", [["edit", "--text", "x"], ["delete", "--yes"], ["restore"]])
def test_unknown_ids_are_one_clear_line(run, journal, command):
    name, *rest = command
    before = [e.to_json() for e in stored().entries]
    result = run(name, "zzzz", *rest, code=1)
    assert len(result.stderr.strip().splitlines()) == 1 and "'zzzz'" in result.stderr
    assert [e.to_json() for e in stored().entries] == before


def test_ambiguous_prefix_is_refused(run, monkeypatch):
    made = iter(["abc111111111", "abc222222222"])
    monkeypatch.setattr("mindlog.domain.journal.new_id", lambda: next(made))
    win(run, "one")
    win(run, "two")
    result = run("delete", "abc", "--yes", code=1)
    assert "2 entries have an id starting with 'abc'" in result.stderr
    run("delete", "abc1", "--yes")
    assert [e.text for e in stored().entries] == ["two"]


# -- delete, undo, restore ----------------------------------------------------------------------


def test_delete_asks_and_enter_means_no(run, journal, monkeypatch):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    entry_id = journal["Walked to the park"]
    result = run("delete", entry_id, input="\n")
    assert "Nothing was removed" in result.stdout
    assert "Walked to the park" in result.stderr  # the entry is shown before the question
    run("delete", entry_id, input="y\n")
    assert entry_id not in {e.id for e in stored().entries}
    assert entry_id in {e.id for e in stored().removed}


def test_delete_without_a_terminal_needs_yes(run, journal):
    result = run("delete", journal["Walked to the park"], code=1)
    assert "--yes" in result.stderr
    assert len(stored().entries) == 5


def test_removed_entries_can_be_listed_and_restored(run, journal):
    entry_id = journal["Walked to the park"]
    result = run("delete", entry_id[:6], "--yes")
    assert f"mindlog restore {entry_id}" in result.stdout
    assert ids_of(run("list", "--removed", "--json")) == [entry_id]
    assert entry_id not in ids_of(run("list", "--json"))
    hint = run("edit", entry_id, "--text", "x", code=1).stderr
    assert "was removed" in hint and "mindlog restore" in hint
    run("restore", entry_id[:6])
    assert entry_id in ids_of(run("list", "--json"))
    assert "Nothing has been removed" in run("list", "--removed").stdout
    run("restore", entry_id, code=1)  # already back


def test_undo_removes_the_most_recently_written_entry(run, journal):
    # written last, though it belongs to an older day
    late = win(run, "Remembered an older win", "--date", "2026-10-01")
    run("undo", "--yes")
    assert late not in {e.id for e in stored().entries}
    run("undo", "--yes")  # the one before: the morning routine
    assert journal["morning"] not in {e.id for e in stored().entries}
    assert len(stored().entries) == 4


def test_undo_asks_first_and_refuses_without_a_terminal(run, journal, monkeypatch):
    run("undo", code=1)
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    assert "Nothing was changed" in run("undo", input="n\n").stdout
    assert len(stored().entries) == 5


def test_undo_with_nothing_written(run):
    assert "nothing to undo" in run("undo", "--yes").stdout


def test_edit_delete_undo_then_export(run, journal):
    run("edit", journal["Called my sister"][:6], "--text", "Called my sister, twice")
    run("delete", journal["Cooked dinner for my SISTER"], "--yes")
    run("undo", "--yes")  # the delete: the dinner is back
    run("delete", journal["Went to the group"], "--yes")
    data = json.loads(run("export", "--format", "json").stdout)
    texts = {e["text"] for e in data["entries"]}
    assert texts == {
        "Called my sister, twice",
        "Walked to the park",
        "Cooked dinner for my SISTER",
        None,
    }
    markdown = run("export").stdout
    assert "Called my sister, twice" in markdown and "Cooked dinner" in markdown
    assert "Went to the group" not in markdown


# -- config -------------------------------------------------------------------------------------


def test_config_shows_every_setting_with_what_it_does(run):
    shown = run("config").stdout
    for key in ("day_starts_at", "country", "editor"):
        assert key in shown
    assert "04:00 (default)" in shown and "when a new day begins" in shown


def test_config_sets_checks_and_unsets(run, home):
    assert "country is now GB" in run("config", "country", "gb").stdout
    assert run("config", "country").stdout.strip() == "GB"
    assert json.loads(locations().config_file.read_text())["country"] == "GB"
    assert stat.S_IMODE(locations().config_file.stat().st_mode) == 0o600
    run("config", "day_starts_at", "5:30")
    assert run("config", "day_starts_at").stdout.strip() == "05:30"
    assert "(default 04:00)" in run("config").stdout
    run("config", "--unset", "day_starts_at")
    assert run("config", "day_starts_at").stdout.strip() == "04:00"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["day_starts_at", "25:00"], "not a time of day"),
        (["country", "Germany"], "two-letter country code"),
        (["editor", " "], "cannot be empty"),
        (["colour", "on"], "no setting 'colour'"),
        (["routine"], "mindlog routine"),
        (["--unset", "nope"], "no setting 'nope'"),
    ],
)
def test_config_errors_are_one_clear_line(run, args, words):
    result = run("config", *args, code=1)
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not locations().config_file.exists()


def test_changed_day_start_is_used_by_new_entries(run, monkeypatch):
    run("config", "day_starts_at", "00:00")
    monkeypatch.setenv("MINDLOG_NOW", "2026-11-28T01:30:00+01:00")
    win(run, "Late walk")
    assert stored().entries[0].day == "2026-11-28"


# -- completion ---------------------------------------------------------------------------------


def test_shell_completion_is_offered(run):
    assert "--install-completion" in run("--help").stdout
    # The script a shell sources (what --show-completion prints once it has found the shell;
    # asked for by name here, so the test does not depend on which process started it).
    script = run.runner.invoke(
        app, [], env={"_MINDLOG_COMPLETE": "source_bash"}, prog_name="mindlog"
    )
    assert script.exit_code == 0 and "_MINDLOG_COMPLETE" in script.stdout


def complete(run, words):
    env = {"_MINDLOG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
    result = run.runner.invoke(app, [], env=env, prog_name="mindlog")
    assert result.exit_code == 0
    return result.stdout


def test_completion_offers_ids_with_their_words_and_setting_names(run, journal):
    entry_id = journal["Called my sister"]
    offered = complete(run, "mindlog edit ")
    assert entry_id in offered and "Called my sister" in offered
    assert all(i in offered for i in journal.values())
    assert "day_starts_at" in complete(run, "mindlog config d")
    run("delete", entry_id, "--yes")
    assert entry_id in complete(run, "mindlog restore ")
    assert entry_id not in complete(run, "mindlog delete ")
