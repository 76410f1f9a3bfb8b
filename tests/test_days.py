"""The one reader of days (mindlog.domain.days.read_day): properties, and the options that use it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import stored
from mindlog.domain.days import WEEKDAYS, DateError, parse_day, parse_when, read_day

days = st.dates(date(1900, 1, 1), date(2200, 12, 31))


@given(days, days)
def test_an_iso_date_reads_as_itself_and_the_future_is_refused(day, today):
    if day <= today:
        assert parse_day(day.isoformat(), today) == day
    else:
        with pytest.raises(DateError, match="in the future"):
            parse_day(day.isoformat(), today)
    assert parse_when(day.isoformat(), today) == day


@given(days, st.integers(1, 2000), st.sampled_from(["d", " days", "w", "weeks"]))
def test_a_span_of_n_covers_n_days_today_included(today, n, unit):
    start = read_day(f"{n}{unit}", today)
    length = n * (7 if unit.strip()[0] == "w" else 1)
    assert (today - start).days + 1 == length


@given(days, st.sampled_from(WEEKDAYS), st.booleans())
def test_a_weekday_is_the_most_recent_such_day_today_included(today, name, short):
    day = read_day(name[:3] if short else name.capitalize(), today)
    assert day.weekday() == WEEKDAYS.index(name)
    assert 0 <= (today - day).days <= 6


@given(days, st.text(max_size=12))
def test_the_reader_says_no_in_one_line_or_gives_a_day_not_after_today(today, text):
    try:
        day = parse_day(text, today)
    except DateError as exc:
        assert "\n" not in str(exc)
    else:
        assert day <= today


def test_spans_agree_with_reflect_and_date_reads_spans_too(run):
    # --since 7d covers today and the six days before, as reflect's "last 7 days".
    for n in range(9):
        run("win", f"step {n}", "--date", (date(2026, 11, 28) - timedelta(days=n)).isoformat())
    listed = run("list", "--since", "7d", "--json").stdout
    assert listed.count('"kind": "win"') == 7
    run("win", "three days", "--date", "3d")
    assert [e.day for e in stored().entries if e.text == "three days"] == ["2026-11-26"]
    run("win", "on friday", "--date", "friday")
    assert [e.day for e in stored().entries if e.text == "on friday"] == ["2026-11-27"]


@pytest.mark.parametrize("given_day", ["2026-11-29", "2026-02-30", "someday", "0d"])
def test_a_day_that_cannot_be_used_is_one_line_and_exit_1(run, given_day):
    result = run("win", "x", "--date", given_day, code=1)
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("mindlog: ")
    assert stored().entries == []


def test_a_date_may_leave_out_its_leading_zeros():
    assert read_day("2026-1-5", date(2026, 11, 28)) == date(2026, 1, 5)
    with pytest.raises(DateError, match="not a date on the calendar"):
        read_day("2026-2-30", date(2026, 11, 28))


def test_since_cannot_start_in_the_future_but_until_may_end_there(run):
    run("win", "today", "-q")
    assert "in the future" in run("list", "--since", "2026-12-01", code=1).stderr
    assert "today" in run("list", "--until", "2026-12-31").stdout
    assert "today" in run("list", "--since", "monday").stdout
