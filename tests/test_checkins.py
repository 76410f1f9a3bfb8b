"""Check-ins, their trend, and setbacks: checked by what is stored."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import stored
from mindlog.domain import checkins, words
from mindlog.domain.model import Entry
from mindlog.domain.streaks import all_streaks, practice_days

TODAY = date(2026, 11, 28)


def test_checkin_with_flags_stores_values_and_nulls(run):
    run("checkin", "--mood", "4", "--sleep", "2", "Slept badly, walked anyway")
    (entry,) = stored().entries
    assert entry.kind == "checkin"
    assert entry.day == "2026-11-28"
    assert entry.text == "Slept badly, walked anyway"
    assert entry.to_json()["mood"] == 4
    assert entry.to_json()["energy"] is None
    assert entry.to_json()["sleep"] == 2


@pytest.mark.parametrize("scale", ["mood", "energy", "sleep"])
@pytest.mark.parametrize("bad", ["0", "6", "x", "3.5", "-1", ""])
def test_checkin_values_out_of_range_are_clear_one_line_errors(run, scale, bad):
    result = run("checkin", f"--{scale}", bad, code=1)
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1
    assert "1 to 5" in line and scale in line
    assert "Traceback" not in result.output
    assert stored().entries == []


def test_each_checkin_is_its_own_entry_and_views_use_the_days_mean(run):
    run("checkin", "--mood", "2", "--energy", "3", "morning note")
    result = run("checkin", "--mood", "4")
    assert "2 check-ins today" in result.stdout
    first, second = stored().entries
    assert (first.fields["mood"], first.fields["energy"], first.text) == (2, 3, "morning note")
    assert (second.fields["mood"], second.fields["energy"], second.text) == (4, None, None)
    assert first.id != second.id
    shown = run("today").stdout
    assert "mood 3 · energy 3 · sleep –" in shown and "mean of 2 today" in shown


def test_checkins_on_different_days_are_separate(run):
    run("checkin", "--mood", "3", "--date", "yesterday")
    run("checkin", "--mood", "5")
    assert [(e.day, e.fields["mood"]) for e in stored().entries] == [
        ("2026-11-27", 3),
        ("2026-11-28", 5),
    ]


def test_piped_answers_one_line_each_and_the_rest_is_the_note(run):
    run("checkin", input="3\n\n4\nA long day\nbut ok\n")
    (entry,) = stored().entries
    assert (entry.fields["mood"], entry.fields["energy"], entry.fields["sleep"]) == (3, None, 4)
    assert entry.text == "A long day\nbut ok"


def test_piped_bad_answer_is_an_error_and_saves_nothing(run):
    result = run("checkin", input="7\n", code=1)
    assert "1 to 5" in result.stderr
    assert stored().entries == []


def test_nothing_answered_records_nothing(run):
    assert "Nothing was recorded" in run("checkin", input="").stdout
    assert stored().entries == []


def test_asking_on_a_terminal_asks_again_after_a_bad_answer(run, monkeypatch):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    result = run("checkin", input="9\n2\n\n\nthanks\n")
    assert "1 to 5" in result.stderr
    (entry,) = stored().entries
    assert (entry.fields["mood"], entry.fields["energy"], entry.fields["sleep"]) == (2, None, None)
    assert entry.text == "thanks"
    assert words.CHECKIN_GENTLE in result.stdout


def test_checkin_with_bad_date_is_a_user_error(run):
    run("checkin", "--mood", "3", "--date", "tomorrow", code=1)
    assert stored().entries == []


# -- trend --------------------------------------------------------------------------------------


def checkin(day, mood=None, energy=None, sleep=None):
    return Entry(
        "id" + day.isoformat(),
        "checkin",
        day.isoformat(),
        day.isoformat() + "T10:00:00+00:00",
        None,
        [],
        {"mood": mood, "energy": energy, "sleep": sleep},
    )


def test_trend_weekly_averages():
    monday = TODAY - timedelta(days=TODAY.weekday())
    entries = [
        checkin(monday, 2, 3),
        checkin(monday + timedelta(days=1), 4, None, 5),
        checkin(monday - timedelta(days=7), 1, 1, 1),
    ]
    trend = checkins.trend(entries, TODAY, weeks=4)
    assert [w.start for w in trend.weeks] == [monday - timedelta(weeks=n) for n in (3, 2, 1, 0)]
    this_week = trend.weeks[-1]
    assert this_week.checkins == 2
    assert this_week.averages == {"mood": 3.0, "energy": 3.0, "sleep": 5.0}
    assert trend.weeks[-2].averages["mood"] == 1.0
    assert trend.weeks[0].checkins == 0 and trend.weeks[0].averages["mood"] is None
    assert not trend.empty


def test_trend_ignores_other_kinds_future_and_bad_values():
    entries = [
        checkin(TODAY + timedelta(days=1), 5),
        checkin(TODAY, 9, True, "3"),
        Entry("w", "win", TODAY.isoformat(), "x", "a", [], {"mood": 5}),
    ]
    trend = checkins.trend(entries, TODAY)
    assert trend.weeks[-1].checkins == 1
    assert trend.weeks[-1].averages == {"mood": None, "energy": None, "sleep": None}
    assert checkins.trend([], TODAY).empty


@given(
    st.lists(
        st.tuples(st.integers(0, 60), *(st.one_of(st.none(), st.integers(1, 5)) for _ in range(3))),
        max_size=80,
    ),
    st.integers(1, 10),
)
def test_trend_properties(rows, weeks):
    entries = [checkin(TODAY - timedelta(days=ago), m, e, s) for ago, m, e, s in rows]
    trend = checkins.trend(entries, TODAY, weeks)
    assert len(trend.weeks) == weeks
    assert trend.weeks[-1].start <= TODAY < trend.weeks[-1].start + timedelta(days=7)
    for week in trend.weeks:
        assert week.start.weekday() == 0
        assert 0 <= week.checkins <= 7
        for average in week.averages.values():
            assert average is None or 1 <= average <= 5


def test_trend_view_renders_plainly():
    from rich.console import Console

    from mindlog.render.checkins import trend_view

    console = Console(record=True, width=80, file=io.StringIO(), color_system=None)
    console.print(trend_view(checkins.trend([checkin(TODAY, 2, 4)], TODAY)))
    console.print(trend_view(checkins.trend([], TODAY)))
    shown = console.export_text()
    assert "this week" in shown and "2.0" in shown and "4.0" in shown
    assert "mindlog checkin" in shown


# -- setbacks ------------------------------------------------------------------------------------


def figures():
    journal = stored()
    return {p: s.to_json() for p, s in all_streaks(practice_days(journal.entries), TODAY).items()}


def test_a_setback_never_lowers_a_streak_figure_and_carries_a_run_as_rest_does(run):
    for ago in (5, 4, 3, 1):
        run("win", f"effort {ago}", "--date", (TODAY - timedelta(days=ago)).isoformat(), "-q")
    run("morning", "--all", "--date", "yesterday")
    run("commit", "Because I matter")
    before = figures()
    run("setback", "A hard day")
    run("setback", "--date", (TODAY - timedelta(days=4)).isoformat(), input="")
    run("setback", "--date", "yesterday", input="x\n")
    after = figures()
    for practice, was in before.items():
        now = after[practice]
        assert now["total_days"] == was["total_days"]
        assert now["current"] >= was["current"] and now["longest"] >= was["longest"]
        assert now["strength"] >= was["strength"] - 1e-9
    assert [e.kind for e in stored().of_kind("setback")] == ["setback"] * 3
    # the hard day two days ago joins the wins' runs: 5, 4, 3, (2: hard day), 1, (today: hard)
    run("setback", "--date", (TODAY - timedelta(days=2)).isoformat(), input="")
    assert figures()["wins"]["current"] == 6 and before["wins"]["current"] == 1


def test_setback_reply_is_kind_and_mentions_support(run):
    shown = run("setback", "Argued with my dad").stdout
    assert any(line in shown for line in words.SETBACK_REPLIES)
    assert "mindlog support" in shown
    (entry,) = stored().entries
    assert (entry.kind, entry.text, entry.day) == ("setback", "Argued with my dad", "2026-11-28")


def test_setback_without_words_marks_the_day(run):
    run("setback", input="")
    (entry,) = stored().entries
    assert entry.kind == "setback" and entry.text is None


def test_setback_given_empty_text_is_refused(run):
    run("setback", "  ", code=1)
    assert stored().entries == []


def test_the_dashboard_acknowledges_a_setback_that_day_only(run):
    assert words.SETBACK_TODAY[:30] not in run().stdout
    run("setback", "--date", "yesterday", input="")
    assert words.SETBACK_TODAY[:30] not in run().stdout
    run("setback", input="Rough")
    shown = run().stdout
    assert words.SETBACK_TODAY[:30] in shown
    assert "Rough" not in shown  # the words stay private to the journal


def test_the_dashboard_shows_todays_checkin(run):
    run("checkin", "--mood", "3", "--sleep", "4")
    assert "mood 3 · energy – · sleep 4" in run("today").stdout


@given(st.dates(date(2000, 1, 1), date(2040, 1, 1)), st.integers(0, 120), st.integers(1, 12))
def test_the_check_in_charts_draw_nothing_before_the_first_day(today, back, weeks):
    """Nothing before the first day shown up is drawn: the weekly table starts at its week, the
    day-by-day chart at the day itself (issue: 15 weeks of nothing before day one)."""
    first = today - timedelta(days=back)
    found = checkins.trend([], today, weeks, since=first)
    assert found.weeks[0].start <= first or len(found.weeks) == weeks
    assert found.weeks[0].start > first - timedelta(days=7)
    assert found.weeks[-1].start == today - timedelta(days=today.weekday())
    series = checkins.daily_series([], today, since=first)
    assert len(series["mood"]) == min(42, back + 1)


def test_a_first_check_in_is_drawn_alone_without_weeks_before_it(run):
    run("checkin", "--mood", "4")
    shown = run("streaks").stdout
    assert "today only" in shown and "the last 42 days" not in shown
    table = shown[shown.index("Check-ins, recent weeks") :]
    assert "this week" in table and "16 Nov" not in table  # the week before the first day
