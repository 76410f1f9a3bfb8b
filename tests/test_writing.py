"""The writing commands, checked by what they store."""

from __future__ import annotations

import json

import pytest

from conftest import stored


def test_win_stores_text_tags_day_and_time(run):
    result = run("win", "Called my sister", "-t", "meaning", "-t", "#Walk")
    assert result.stdout.strip()  # one warm line
    (entry,) = stored().entries
    assert entry.kind == "win"
    assert entry.text == "Called my sister"
    assert entry.tags == ["meaning", "walk"]
    assert entry.day == "2026-11-28"
    assert entry.at == "2026-11-28T10:00:00+01:00"


def test_win_quiet_prints_nothing(run):
    assert run("win", "Took my meds", "-q").stdout == ""
    assert [e.text for e in stored().entries] == ["Took my meds"]


def test_win_reads_piped_stdin_exactly(run):
    text = "Two lines\n  kept as typed  \nwith ünïcode ✨"
    run("win", input=text + "\n")
    assert stored().entries[0].text == text


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_win_is_refused_and_nothing_is_stored(run, text):
    result = run("win", text, code=1)
    assert "empty" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert stored().entries == []


def test_empty_piped_win_is_refused(run):
    run("win", input="\n", code=1)
    assert stored().entries == []


def test_markup_and_escapes_are_stored_exactly_and_shown_literally(run):
    text = "[bold]not bold[/] \x1b[31mred\x1b[0m \x1b]0;title\x07 done"
    run("win", text)
    assert stored().entries[0].text == text
    shown = run("list").stdout + run("today").stdout
    assert "\x1b" not in shown and "\x07" not in shown
    assert "[bold]not bold[/]" in shown
    assert "\\x1b[31mred" in shown


def test_date_yesterday_and_explicit(run):
    run("win", "a", "--date", "yesterday")
    run("win", "b", "--date", "2026-01-31")
    assert [e.day for e in stored().entries] == ["2026-01-31", "2026-11-27"]


@pytest.mark.parametrize("bad", ["2026-11-29", "2026-02-30", "tomorrow", "28/11/2026", ""])
def test_bad_or_future_dates_are_user_errors(run, bad):
    result = run("win", "x", "--date", bad, code=1)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert stored().entries == []


def test_a_win_after_midnight_belongs_to_the_day_before(run, monkeypatch):
    monkeypatch.setenv("MINDLOG_NOW", "2026-11-28T01:30:00+01:00")
    run("win", "late night effort")
    assert stored().entries[0].day == "2026-11-27"
    monkeypatch.setenv("MINDLOG_NOW", "2026-11-28T04:00:00+01:00")
    run("win", "early start")
    assert stored().entries[-1].day == "2026-11-28"


def test_day_start_follows_the_setting(run, home, monkeypatch):
    home.mkdir()
    (home / "config.json").write_text(json.dumps({"day_starts_at": "00:00"}))
    monkeypatch.setenv("MINDLOG_NOW", "2026-11-28T01:30:00+01:00")
    run("win", "x")
    assert stored().entries[0].day == "2026-11-28"


def test_bad_tag_is_refused(run):
    run("win", "x", "-t", "two words", code=1)
    assert stored().entries == []


def test_commit_keeps_every_version_and_show_prints_the_latest(run):
    run("commit", "First reasons")
    run("commit", input="Second reasons\nwith a second line\n")
    versions = stored().of_kind("commitment")
    assert [v.text for v in versions] == ["First reasons", "Second reasons\nwith a second line"]
    shown = run("commit", "--show").stdout
    assert "Second reasons" in shown and "2 versions" in shown


def test_commit_show_without_statement_is_gentle(run):
    result = run("commit", "--show")
    assert "not written" in result.stdout


def test_reaffirm_records_the_statement_it_stands_by(run):
    run("commit", "--reaffirm", code=1)
    run("commit", "Because I matter")
    run("commit", "--reaffirm")
    journal = stored()
    (reaffirm,) = journal.of_kind("reaffirm")
    assert reaffirm.fields["statement"] == journal.statement().id


def test_commit_asks_line_by_line_without_editor(run, monkeypatch):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    run("commit", input="For my future\n\nBreathe and remember why\n")
    assert stored().statement().text == "For my future\n\nBreathe and remember why"


def test_commit_opens_the_editor_with_guiding_questions(run, monkeypatch, tmp_path):
    script = tmp_path / "fake-editor"
    seen = tmp_path / "seen.txt"
    script.write_text(f'#!/bin/sh\ncp "$1" {seen}\nprintf "I want to live well\\n" > "$1"\n')
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    run("commit")
    assert "Why am I seeking recovery?" in seen.read_text()
    assert stored().statement().text == "I want to live well"


def test_morning_all_done_and_update_same_day(run):
    run("morning", "--done", "water")
    run("morning", "--done", "2", "--done", "movement")
    (entry,) = stored().of_kind("morning")
    assert entry.fields["done"] == ["Drink a glass of water", "Five minutes of movement"]
    run("morning", "--all")
    (entry,) = stored().of_kind("morning")
    assert len(entry.fields["done"]) == 4 == len(entry.fields["routine"])


def test_morning_asks_item_by_item_and_enter_skips(run):
    run("morning", input="y\n\nn\ny\n")
    (entry,) = stored().of_kind("morning")
    assert entry.fields["done"] == [
        "Re-read my commitment statement",
        "Set one intention for today",
    ]


def test_morning_all_skipped_records_nothing(run):
    run("morning", input="\n\n\n\n")
    assert stored().entries == []


def test_morning_unknown_item_is_a_user_error(run):
    result = run("morning", "--done", "juggling", code=1)
    assert "not in your routine" in result.stderr
    assert stored().entries == []


def test_routine_add_remove_and_list(run):
    run("routine", "add", "Stretch")
    run("routine", "remove", "1")
    listing = run("routine").stdout
    assert "Stretch" in listing and "Re-read" not in listing
    run("routine", "add", "stretch", code=1)
    run("morning", "--done", "stretch")
    assert stored().of_kind("morning")[0].fields["done"] == ["Stretch"]


def test_list_json_has_the_contract_shape(run):
    run("win", "x", "-t", "choice")
    run("morning", "--all")
    data = json.loads(run("list", "--json").stdout)
    assert [e["kind"] for e in data] == ["win", "morning"]
    for entry in data:
        assert {"id", "kind", "day", "at", "text", "tags"} <= entry.keys()
    assert isinstance(data[1]["done"], list)


def test_dashboard_shows_today(run):
    run("commit", "For the people I love")
    run("win", "Went outside", "--date", "yesterday")
    run("win", "Made tea")
    shown = run().stdout
    assert "For the people I love" in shown
    assert "Made tea" in shown
    assert "Went outside" in shown  # resurfaced from an earlier day
    assert "mindlog support" in shown
