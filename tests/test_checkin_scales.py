"""Scales of your own in check-ins: added and removed as journal entries, asked after mood,
energy and sleep, validated 1 to 5; several check-ins a day and their mean."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import stored
from mindlog.domain import checkins


def scales_of_mine():
    return [name for _, name in checkins.own_scales(stored().entries)]


def test_scales_add_stores_an_entry_and_lists_it(run):
    assert "No scales of your own yet" in run("checkin", "scales").stdout
    run("checkin", "scales", "add", "Anxiety")
    assert scales_of_mine() == ["anxiety"]
    assert [e.kind for e in stored().entries] == ["scale"]
    assert "already" in run("checkin", "scales", "add", "anxiety").stdout
    assert len(stored().entries) == 1
    assert "anxiety" in run("checkin", "scales").stdout


@pytest.mark.parametrize("name", ["mood", "two words", "", "x" * 21])
def test_a_scale_name_that_cannot_be_one_is_refused(run, name):
    result = run("checkin", "scales", "add", name, code=1)
    assert len(result.stderr.strip().splitlines()) == 1
    assert stored().entries == []


def test_scales_remove_stops_asking_and_keeps_the_values(run):
    run("checkin", "scales", "add", "pain")
    run("checkin", "--scale", "pain=2")
    run("checkin", "scales", "remove", "pain")
    assert scales_of_mine() == []
    (entry,) = [e for e in stored().entries if e.kind == "checkin"]
    assert entry.fields["scales"] == {"pain": 2}
    run("checkin", "scales", "remove", "pain", code=1)


def test_own_scales_are_asked_after_the_three_and_validated(run, monkeypatch):
    run("checkin", "scales", "add", "anxiety")
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    result = run("checkin", input="3\n\n\n7\n2\nok\n")
    assert "anxiety" in result.stderr and "1 to 5" in result.stderr
    (entry,) = [e for e in stored().entries if e.kind == "checkin"]
    assert (entry.fields["mood"], entry.fields["scales"], entry.text) == (3, {"anxiety": 2}, "ok")


def test_scale_flags_must_name_a_scale_of_yours_and_be_one_to_five(run):
    run("checkin", "scales", "add", "pain")
    run("checkin", "--scale", "pain=6", code=1)
    run("checkin", "--scale", "anxiety=2", code=1)
    run("checkin", "--scale", "pain", code=1)
    assert [e.kind for e in stored().entries] == ["scale"]
    run("checkin", "--scale", "PAIN=4", "--mood", "3")
    (entry,) = [e for e in stored().entries if e.kind == "checkin"]
    assert (entry.fields["mood"], entry.fields["scales"]) == (3, {"pain": 4})


def test_piped_answers_cover_own_scales_then_the_note(run):
    run("checkin", "scales", "add", "pain")
    run("checkin", input="3\n\n4\n5\nA long day\n")
    (entry,) = [e for e in stored().entries if e.kind == "checkin"]
    assert (entry.fields["sleep"], entry.fields["scales"], entry.text) == (
        4,
        {"pain": 5},
        "A long day",
    )


def test_the_trend_uses_each_days_mean_and_counts_check_ins(run):
    run("checkin", "scales", "add", "pain")
    run("checkin", "--mood", "2", "--scale", "pain=4")
    run("checkin", "--mood", "4", "--scale", "pain=2")
    run("checkin", "--mood", "5", "--date", "yesterday")
    trend = checkins.trend(stored().entries, date(2026, 11, 28), weeks=1)
    (week,) = trend.weeks
    assert (week.checkins, week.entries) == (2, 3)
    assert week.averages["mood"] == 4.0  # the mean of (2+4)/2 and 5
    assert week.averages["pain"] == 3.0
    assert trend.scales == ("mood", "energy", "sleep", "pain")
    shown = run("streaks").stdout
    assert "check-ins" in shown and "pain" in shown
    assert "| Pain |" in run("export", "--format", "md").stdout


def test_the_checkin_help_still_works(run):
    assert "scales add" in run("checkin", "--help").stdout
