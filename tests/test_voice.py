"""One voice, and times that tell the truth: back-filled entries, confirmations, coming back."""

from __future__ import annotations

import json

import pytest

from conftest import stored
from mindlog.domain import query, words


def _entry(text):
    return next(e for e in stored().entries if e.text == text)


# -- back-filled entries have no clock time ----------------------------------------------------


def test_an_entry_for_an_earlier_day_has_no_clock_time(run):
    run("win", "today's", "-q")
    run("win", "yesterday's", "-q", "--date", "yesterday")
    now, back = _entry("today's"), _entry("yesterday's")
    assert now.at == "2026-11-28T10:00:00+01:00" and "timed" not in now.fields
    assert back.fields["timed"] is False
    assert back.at == "2026-11-27T12:00:00+01:00" and back.day == "2026-11-27"
    assert (query.clock(now), query.clock(back)) == ("10:00", "")
    exported = json.loads(run("export", "--format", "json").stdout)["entries"]
    assert [e.get("timed") for e in exported] == [False, None]


def test_every_kind_written_for_an_earlier_day_is_untimed(run):
    run("commit", "my why", "--date", "2026-11-20")
    run("commit", "--reaffirm", "--date", "2026-11-21")
    run("morning", "--all", "--date", "2026-11-22")
    run("rest", "--date", "2026-11-23")
    run("setback", "hard", "--date", "2026-11-24")
    run("checkin", "--mood", "3", "--date", "2026-11-25")
    kinds = {e.kind: e.fields.get("timed") for e in stored().entries}
    assert kinds == dict.fromkeys(
        ["commitment", "reaffirm", "morning", "rest", "setback", "checkin"], False
    )


def test_the_therapy_export_shows_no_time_for_a_back_filled_check_in(run):
    run("checkin", "--mood", "4", "--date", "yesterday")
    run("checkin", "--mood", "2")
    rows = [line for line in run("export").stdout.splitlines() if line.startswith("| ")]
    times = [row.split("|")[2].strip() for row in rows[1:]]
    assert times == ["", "10:00"]


def test_moving_an_entry_to_another_day_drops_its_clock_time(run):
    run("win", "walked", "-q")
    run("edit", _entry("walked").id, "--date", "yesterday")
    assert _entry("walked").fields["timed"] is False


def test_a_reaffirmation_for_an_earlier_day_says_that_day(run):
    run("commit", "my why")
    said = run("commit", "--reaffirm", "--date", "2026-11-02").stdout
    assert "Monday 2 November 2026" in said and "today" not in said
    assert "stood by it today" in run("commit", "--reaffirm").stdout


# -- edit --history ----------------------------------------------------------------------------


def test_history_shows_friendly_times_and_every_earlier_text(run, monkeypatch):
    run("win", "first words", "-q")
    entry_id = _entry("first words").id
    monkeypatch.setenv("MINDLOG_NOW", "2026-11-28T11:30:00+01:00")
    run("edit", entry_id, "--text", "second words")
    monkeypatch.setenv("MINDLOG_NOW", "2026-11-28T12:45:00+01:00")
    run("edit", entry_id, "--tag", "meaning")
    shown = run("edit", entry_id, "--history").stdout
    assert "Until Saturday 28 November 2026 at 11:30:\n  first words" in shown
    assert "Until Saturday 28 November 2026 at 12:45:\n  second words" in shown
    assert "Now:\n  second words\n  #meaning" in shown
    assert "T11:30" not in shown and "+01:00" not in shown


# -- confirmations name what they touched ------------------------------------------------------


@pytest.mark.parametrize(
    ("write", "named"),
    [
        (["rest", "--date", "2026-11-20"], "the rest day on Friday 20 November 2026"),
        (["commit", "--reaffirm"], "the re-reading of your statement on Saturday 28 November"),
        (["morning", "--all"], "the morning routine on Saturday 28 November 2026"),
        (["practice", "add", "walk"], "the practice walk"),
        (["win", "Called my sister"], "Called my sister"),
    ],
)
def test_removing_and_bringing_back_name_the_entry(run, write, named):
    run("commit", "my why", "--date", "2026-11-01")
    run(*write)
    entry = stored().entries[-1]
    removed = run("delete", entry.id, "--yes").stdout
    assert f"Removed: {named}" in removed
    assert f"Brought back: {named}" in run("restore", entry.id).stdout


def test_a_rest_day_confirmation_names_the_day_and_the_reason(run):
    said = run("rest", "Visiting family", "--date", "2026-11-20").stdout
    assert said.startswith("Friday 20 November 2026 is a rest day (Visiting family).")
    again = run("rest", "--date", "2026-11-20").stdout
    assert again.startswith("Friday 20 November 2026 is already a rest day")


def test_an_edit_names_what_it_changed(run):
    run("win", "walked", "-q")
    said = run("edit", _entry("walked").id, "--text", "walked far").stdout
    assert said.startswith("Changed: walked far\n")


def test_removing_without_a_terminal_says_why_once(run):
    run("win", "walked", "-q")
    result = run("delete", _entry("walked").id, code=1)
    assert result.stderr.count("mindlog") == 1 or "mindlog: mindlog" not in result.stderr
    assert not result.stderr.startswith("mindlog: mindlog")
    assert "--yes" in result.stderr


# -- plain words for problems ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("problem", "said"),
    [
        (FileNotFoundError(2, "No such file or directory"), "is not installed"),
        (PermissionError(13, "Permission denied"), "is not allowed to run"),
        (OSError(8, "Exec format error"), "did not start"),
        (ValueError("No closing quotation"), "quote that is not closed"),
    ],
)
def test_the_editor_problem_is_said_in_plain_words(problem, said):
    from mindlog.cli.prompts import editor_problem

    error = editor_problem("nano -w", problem)
    assert said in error.message and "Errno" not in error.message
    assert "No such file" not in error.message and "mindlog config editor" in (error.hint or "")


def test_a_mindlog_home_that_is_a_file_is_one_line_and_exit_1(run, home, monkeypatch):
    home.parent.mkdir(parents=True, exist_ok=True)
    afile = home.parent / "not-a-folder"
    afile.write_text("x")
    monkeypatch.setenv("MINDLOG_HOME", str(afile))
    for args in (["list"], [], ["streaks"], ["win", "x"]):
        result = run(*args, code=1)
        assert result.stdout == ""
        assert result.stderr.splitlines() == [
            f"mindlog: MINDLOG_HOME is {afile}, which is a file, not a folder "
            "(point MINDLOG_HOME at a folder, or unset it)"
        ]
    greeted = run("greet")
    assert greeted.stdout == "" and "which is a file, not a folder" in greeted.stderr


@pytest.mark.parametrize("code", ["XX", "ZZ", "QQ", "EU", "Germany"])
def test_only_real_country_codes_are_accepted(run, code):
    assert "nothing was changed" in run("config", "country", code, code=1).stderr
    assert run("config", "country", code=None).stderr.strip() == "mindlog: country is not set"


def test_familiar_country_codes_are_pointed_to_the_real_one(run):
    assert "did you mean GB?" in run("config", "country", "uk", code=1).stderr
    assert run("config", "country", "ie").stdout.startswith("country is now IE")


# -- coming back, building, a private greeting -------------------------------------------------


def _six_weeks_then_away(run):
    run("commit", "I want a life that feels like mine", "--date", "2026-10-01")
    for day in range(1, 23):
        run("win", f"step {day}", "-q", "--date", f"2026-10-{day:02d}")
        run("morning", "--all", "--date", f"2026-10-{day:02d}")
    run("win", "one more", "-q", "--date", "2026-11-22")  # then six days away


def test_coming_back_opens_with_a_welcome_and_what_lasts(run):
    _six_weeks_then_away(run)
    greet = run("greet").stdout.splitlines()
    assert greet[0] == words.WELCOME_BACK
    assert (
        greet[1]
        == "You have shown up on 23 days in all, and your longest run was 22 days. That is still yours."
    )
    assert greet[2].startswith("Your why: I want a life")
    assert "%" not in " ".join(greet) and "open today" not in " ".join(greet)
    dashboard = run().stdout
    assert words.WELCOME_BACK in dashboard and "%" not in dashboard
    streaks = run("streaks").stdout
    assert streaks.startswith(words.WELCOME_BACK)
    # Still welcomed after writing something today; the next day it is an ordinary day.
    run("win", "back", "-q")
    assert run("greet").stdout.startswith(words.WELCOME_BACK)


def test_two_days_away_is_an_ordinary_day(run):
    _six_weeks_then_away(run)
    run("win", "close", "-q", "--date", "2026-11-25")
    assert not run("greet").stdout.startswith(words.WELCOME_BACK)


def test_day_one_is_a_start_and_strength_waits_for_two_weeks(run, monkeypatch):
    run("win", "first", "-q")
    run("morning", "--all")
    greet = run("greet").stdout
    assert "strength" not in greet and words.DAY_ONE in greet
    assert "Wins: done today · 1 day shown up\n" in greet
    monkeypatch.setenv("MINDLOG_NOW", "2026-12-05T10:00:00+01:00")
    run("win", "again", "-q", "--date", "2026-11-30")
    for day in range(2, 6):
        run("win", "again", "-q", "--date", f"2026-12-0{day}")
    # the first two weeks in words: what was built, never a low percentage
    assert (
        "Wins: done today · 6 days shown up · building: 6 of 8 days so far" in run("greet").stdout
    )
    assert "strength" not in run().stdout
    assert "building: 6 of 8 days so far" in run("streaks").stdout
    assert "%" not in run("streaks").stdout
    monkeypatch.setenv("MINDLOG_NOW", "2026-12-11T10:00:00+01:00")
    run("win", "two weeks on", "-q", "--date", "2026-12-09")
    assert "strength" in run("greet").stdout and "%" in run("streaks").stdout


def test_a_private_greeting_shows_numbers_only(run):
    run("commit", "secret why", "--date", "2026-11-01")
    run("win", "secret win", "-q", "--date", "2026-11-21")
    run("win", "yesterday", "-q", "--date", "yesterday")
    run("win", "today", "-q")
    assert "secret" in run("greet").stdout
    run("config", "greet_private", "true")
    shown = run("greet").stdout
    assert "secret" not in shown and "Wins:" in shown
    run("config", "greet_private", "no")
    assert "secret" in run("greet").stdout
    assert "not yes or no" in run("config", "greet_private", "maybe", code=1).stderr


# -- reflect speaks of its own span ------------------------------------------------------------


def test_reflect_month_speaks_of_the_month_and_groups_long_lists(run):
    for day in range(1, 29):
        run("win", f"step {day}", "-q", "-t", "progress", "--date", f"2026-11-{day:02d}")
    shown = run("reflect", "--month").stdout
    assert "You showed up 28 of 28 days so far." in shown  # nothing before the first day
    assert "Your wins in the last 30 days (28)" in shown
    assert shown.count("★") == 3 and "and 25 more" in shown
    assert "this week" not in shown
    week = run("reflect").stdout
    assert "of the last 7 days" in week and week.count("★") == 7


def test_reflect_year(run):
    run("win", "in spring", "-q", "--date", "2026-04-01")
    shown = run("reflect", "--year").stdout
    assert "Your wins in the last 365 days (1)" in shown and "1 of 242 days so far" in shown
    assert "choose one of" in run("reflect", "--month", "--year", code=1).stderr


@pytest.mark.parametrize("span", ["week", "month", "year"])
def test_reflection_prompts_name_their_span(span):
    from mindlog.domain.reflect import SPANS  # noqa: F401  (the spans reflect knows)

    for seed in ("a", "b", "c", "d", "e", "f"):
        said = " ".join(words.reflection_prompts(seed, span=span))
        assert "{" not in said
        assert all(
            f"this {other}" not in said for other in ("week", "month", "year") if other != span
        )


def test_the_dashboard_opens_with_the_welcome_back(run):
    _six_weeks_then_away(run)
    lines = [line.strip("│ ") for line in run().stdout.splitlines()]
    shown = [line for line in lines if line and not line.startswith(("╭", "╰"))]
    if shown[0] == "Saturday 28 November 2026":  # piped, the view's title is a line of its own
        shown = shown[1:]
    assert shown[0] == words.WELCOME_BACK
    assert shown[1].startswith("You have shown up on 23 days in all")


def test_the_listing_shows_no_time_for_a_back_filled_entry(run):
    import io

    from rich.console import Console

    from mindlog.render.listing import listing

    run("win", "now", "-q")
    run("win", "back then", "-q", "--date", "yesterday")
    console = Console(record=True, width=80, file=io.StringIO(), color_system=None)
    listing(stored().entries, target=console)
    text = console.export_text()
    assert "10:00" in text and "12:00" not in text and "back then" in text
