"""Reflect, rest and the streaks command, checked by what is stored and computed."""

from __future__ import annotations

import io
import json
from datetime import date

from rich.console import Console

from conftest import stored
from mindlog.domain.model import Entry
from mindlog.domain.reflect import by_factor, months_back, reflect, resurface, welcome_back
from mindlog.domain.streaks import practice_days
from mindlog.render.streaks import calendar_view

TODAY = date(2026, 11, 28)


def win(day, text="x", tags=()):
    return Entry(f"w{day}{text}", "win", day, f"{day}T10:00:00+00:00", text, list(tags))


def test_resurface_prefers_a_week_a_month_and_a_year_ago():
    wins = [
        win("2026-11-21", "week"),
        win("2026-10-28", "month"),
        win("2025-11-28", "year"),
        win("2026-11-01"),
    ]
    labels = [(label, e.text) for label, e in resurface(wins, TODAY)]
    assert labels == [
        ("a week ago today", "week"),
        ("a month ago today", "month"),
        ("a year ago today", "year"),
    ]


def test_resurface_otherwise_picks_one_older_win_stably_for_the_day():
    wins = [win(f"2026-11-{d:02d}", str(d)) for d in range(1, 15)]
    first = resurface(wins, TODAY)
    assert len(first) == 1 and first == resurface(wins, TODAY)
    assert resurface([], TODAY) == []


def test_months_back_keeps_to_the_calendar():
    assert months_back(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_back(date(2026, 1, 15), 1) == date(2025, 12, 15)
    assert months_back(date(2024, 2, 29), 12) == date(2023, 2, 28)


def test_wins_are_grouped_by_factor_with_the_rest_last():
    groups = by_factor(
        [
            win("2026-11-28", "a", ["meaning", "walk"]),
            win("2026-11-28", "b"),
            win("2026-11-28", "c", ["choice", "meaning"]),
        ]
    )
    assert list(groups) == ["meaning", "choice", "other"]
    assert [w.text for w in groups["meaning"]] == ["a", "c"]


def test_welcome_back_after_a_pause():
    assert welcome_back({TODAY, date(2026, 11, 20)}, TODAY)
    assert not welcome_back({TODAY, date(2026, 11, 27)}, TODAY)
    # Coming back is welcomed before anything is written today, too.
    assert welcome_back({date(2026, 11, 20)}, TODAY)
    # Three days without an entry (25, 26, 27) is the threshold; two is not.
    assert welcome_back({date(2026, 11, 24)}, TODAY)
    assert not welcome_back({date(2026, 11, 25)}, TODAY)
    assert not welcome_back(set(), TODAY)


def test_reflection_counts_days_shown_up_in_the_last_week():
    entries = [
        win("2026-11-28"),
        win("2026-11-26"),
        Entry("s", "setback", "2026-11-25", "2026-11-25T10:00:00+00:00", "hard"),
    ]
    r = reflect(entries, None, TODAY)
    assert r.showed_up == 3 and r.wins_count == 2 and len(r.prompts) == 3


def test_rest_is_stored_and_bridges_a_run(run):
    run("win", "a", "--date", "2026-11-26")
    run("rest", "family visit", "--date", "2026-11-27")
    run("rest", "--date", "2026-11-27")  # once a day is enough
    rests = stored().of_kind("rest")
    assert [(r.day, r.text) for r in rests] == [("2026-11-27", "family visit")]
    run("win", "b")
    data = json.loads(run("streaks", "--json").stdout)
    assert data["today"] == "2026-11-28"
    assert data["wins"] == {
        "current": 3,
        "longest": 3,
        "total_days": 2,
        "strength": data["wins"]["strength"],
        "recent_done": 2,
        "recent_days": 3,
    }
    assert set(data) == {"today", "morning", "wins", "commitment", "practices", "shown_up"}
    # every day with a record counts as shown up, the rest day included
    assert data["shown_up"] == {"days": 3, "first": "2026-11-26", "last_7_days": 3, "of_days": 3}
    assert data["practices"] == []  # none of your own yet


def test_rest_refuses_the_future(run):
    run("rest", "--date", "2026-12-01", code=1)
    assert stored().entries == []


def test_streaks_json_with_today_not_yet_done(run):
    run("win", "a", "--date", "2026-11-26")
    run("win", "b", "--date", "yesterday")
    data = json.loads(run("streaks", "--json").stdout)
    assert (data["wins"]["current"], data["wins"]["longest"], data["wins"]["total_days"]) == (
        2,
        2,
        2,
    )
    assert data["wins"]["strength"] == 1.0  # both days since the first; today still open
    assert (data["wins"]["recent_done"], data["wins"]["recent_days"]) == (2, 2)


def test_reflect_shows_the_statement_wins_by_factor_and_prompts(run):
    run("commit", "For my future self", "--date", "2026-11-01")
    run("win", "Called a friend", "-t", "meaning")
    run("win", "Cooked dinner", "--date", "2026-11-21")
    shown = run("reflect").stdout
    assert "For my future self" in shown and "27 days" in shown
    assert "Meaning" in shown and "Called a friend" in shown
    assert "a week ago today" in shown and "Cooked dinner" in shown
    assert "?" in shown  # the prompts
    run("reflect", "--week", "--month", code=1)


def test_calendar_marks_rest_days_and_leaves_empty_days_plain():
    entries = [win("2026-11-27"), Entry("r", "rest", "2026-11-26", "2026-11-26T10:00:00+00:00")]
    console = Console(record=True, width=80, file=io.StringIO(), color_system=None)
    console.print(calendar_view(practice_days(entries), TODAY, weeks=4))
    text = console.export_text()
    lines = text.splitlines()
    assert lines[0].strip().startswith("Nov")
    thu = next(line for line in lines if line.startswith("Thu"))
    fri = next(line for line in lines if line.startswith("Fri"))
    assert thu.rstrip().endswith("○") and fri.rstrip().endswith("▒")  # one practice of three
    assert "rest day" in text and "nothing logged" in text


def test_a_practice_not_yet_begun_is_an_invitation_not_zeros(run):
    run("win", "first step")
    shown = run().stdout + run("greet").stdout
    assert "Morning routine: ready when you are" in shown
    assert "0 days" not in shown
