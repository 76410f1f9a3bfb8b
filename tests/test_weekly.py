"""Practices done some days a week: runs of weeks that met the target, strength, rest days."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mindlog.domain import weekly
from mindlog.domain.streaks import MULTIPLIER, Streak

MONDAY = date(2026, 11, 2)  # a Monday
START = MONDAY - timedelta(weeks=8)


def days(*offsets: int, base: date = MONDAY) -> set[date]:
    return {base + timedelta(days=n) for n in offsets}


def as_tuple(s: Streak) -> tuple[int, int, int, float]:
    return (s.current, s.longest, s.total_days, s.strength)


def not_lower(after: Streak, before: Streak) -> bool:
    return (
        after.current >= before.current
        and after.longest >= before.longest
        and after.total_days >= before.total_days
        and after.strength >= before.strength - 1e-12
    )


# -- examples ----------------------------------------------------------------------------------


def test_weeks_that_met_the_target_make_the_run():
    done = days(0, 2, 4) | days(1, 3, 5, base=MONDAY + timedelta(weeks=1))
    done |= days(0, 1, 6, base=MONDAY + timedelta(weeks=2))
    sunday = MONDAY + timedelta(weeks=2, days=6)
    figures = weekly.weekly_streak(done, set(), MONDAY, sunday, 3)
    assert (figures.current, figures.longest, figures.total_days) == (3, 3, 9)
    assert figures.strength == 1.0  # every week met its target: counted from the first week


def test_the_week_in_progress_does_not_end_a_run_that_reached_last_week():
    done = days(0, 2, 4) | days(0, 2, 4, base=MONDAY + timedelta(weeks=1))
    tuesday = MONDAY + timedelta(weeks=2, days=1)
    figures = weekly.weekly_streak(done, set(), MONDAY, tuesday, 3)
    assert figures.current == 2


def test_a_week_short_of_its_target_ends_the_run_quietly_and_keeps_what_lasts():
    done = days(0, 2, 4) | days(0, base=MONDAY + timedelta(weeks=1))
    monday_after = MONDAY + timedelta(weeks=2)
    figures = weekly.weekly_streak(done, set(), MONDAY, monday_after, 3)
    assert (figures.current, figures.longest, figures.total_days) == (0, 1, 4)
    assert figures.strength > 0


def test_a_week_of_rest_carries_a_run_across():
    done = days(0, 2, 4) | days(0, 2, 4, base=MONDAY + timedelta(weeks=2))
    rest = days(*range(7), base=MONDAY + timedelta(weeks=1))
    sunday = MONDAY + timedelta(weeks=2, days=6)
    figures = weekly.weekly_streak(done, rest, MONDAY, sunday, 3)
    assert figures.current == 3


def test_rest_days_inside_a_week_ask_for_less():
    assert weekly.target(3, 7) == 3
    assert weekly.target(3, 5) == 3
    assert weekly.target(3, 4) == 2
    assert weekly.target(3, 2) == 1
    assert weekly.target(3, 0) == 0
    assert weekly.target(7, 4) == 4
    rest = days(0, 1, 2, 3, 4)
    figures = weekly.weekly_streak(days(5), rest, MONDAY, MONDAY + timedelta(days=6), 3)
    assert figures.current == 1  # 2 open days ask for 1


def test_a_practice_added_mid_week_asks_in_proportion():
    saturday = MONDAY + timedelta(days=5)
    figures = weekly.weekly_streak(days(6), set(), saturday, MONDAY + timedelta(days=6), 3)
    assert figures.current == 1


def test_strength_forgets_more_slowly_for_practices_asked_less_often():
    assert weekly.multiplier(7) == MULTIPLIER
    assert weekly.multiplier(1) > weekly.multiplier(3) > weekly.multiplier(7)


def test_nothing_yet_is_all_zero():
    assert as_tuple(weekly.weekly_streak(set(), set(), None, MONDAY, 3)) == (0, 0, 0, 0.0)
    assert as_tuple(weekly.weekly_streak(set(), set(), MONDAY, MONDAY, 3)) == (0, 0, 0, 0.0)


# -- properties --------------------------------------------------------------------------------

offsets = st.sets(st.integers(0, 8 * 7 - 1), max_size=40)
per_weeks = st.integers(1, 6)


def dated(found: set[int]) -> set[date]:
    return {START + timedelta(days=n) for n in found}


@given(offsets, offsets, per_weeks, st.integers(0, 8 * 7 - 1), st.integers(0, 7))
def test_a_week_that_met_its_target_never_lowers_a_number(done, rest, per_week, since, week):
    """Figures at the end of a week that met its target are never below those at its start."""
    done_days, rest_days = dated(done), dated(rest) - dated(done)
    first = START + timedelta(days=since)
    monday = START + timedelta(weeks=week)
    sunday = monday + timedelta(days=6)
    planned = weekly.weeks(
        done_days, rest_days, min(first, *done_days, sunday), sunday, per_week, whole=True
    )
    this = next((w for w in planned if w.start == monday), None)
    if this is None or not this.met:
        return
    before = {d for d in done_days if d < monday}
    at_start = weekly.weekly_streak(before, rest_days, first, monday, per_week)
    at_end = weekly.weekly_streak(done_days, rest_days, first, sunday, per_week)
    assert not_lower(at_end, at_start), (at_start, at_end)


@given(offsets, offsets, per_weeks, st.integers(0, 8 * 7 - 1), st.integers(0, 8 * 7 - 1))
def test_one_more_day_done_never_lowers_a_number(done, rest, per_week, since, extra):
    done_days, rest_days = dated(done), dated(rest)
    first = START + timedelta(days=since)
    today = START + timedelta(weeks=8, days=-1)
    before = weekly.weekly_streak(done_days, rest_days - done_days, first, today, per_week)
    more = done_days | dated({extra})
    after = weekly.weekly_streak(more, rest_days - more, first, today, per_week)
    assert after.total_days >= before.total_days
    assert after.strength >= before.strength - 1e-12
    assert after.longest >= before.longest


@given(offsets, offsets, per_weeks, st.integers(0, 8 * 7 - 1))
def test_figures_stay_in_their_ranges(done, rest, per_week, since):
    done_days, rest_days = dated(done), dated(rest)
    first = START + timedelta(days=since)
    today = START + timedelta(weeks=8, days=-1)
    figures = weekly.weekly_streak(done_days, rest_days, first, today, per_week)
    assert 0 <= figures.current <= figures.longest <= 8
    assert 0.0 <= figures.strength <= 1.0
    assert figures.total_days == len(done_days)


@given(offsets, per_weeks, st.integers(0, 8 * 7 - 1), st.integers(0, 6))
def test_rest_days_inside_a_week_never_lower_a_number(done, per_week, since, rest_day):
    """Marking a day of rest (on which nothing was done) lowers nothing."""
    done_days = dated(done)
    first = START + timedelta(days=since)
    today = START + timedelta(weeks=8, days=-1)
    day = START + timedelta(weeks=3, days=rest_day)
    if day in done_days:
        return
    without = weekly.weekly_streak(done_days, set(), first, today, per_week)
    with_rest = weekly.weekly_streak(done_days, {day}, first, today, per_week)
    assert with_rest.longest >= without.longest
    assert with_rest.current >= without.current
    assert with_rest.total_days == without.total_days


@given(per_weeks, st.integers(0, 6), st.sets(st.integers(0, 6), max_size=7))
def test_a_practice_added_mid_week_can_meet_its_first_week(per_week, added, done):
    first = MONDAY + timedelta(days=added)
    open_days = {first + timedelta(days=n) for n in range(7 - added)}
    (week,) = weekly.weeks(set(), set(), first, MONDAY + timedelta(days=6), per_week, whole=True)
    assert 1 <= week.target <= len(open_days)
    figures = weekly.weekly_streak(open_days, set(), first, MONDAY + timedelta(days=6), per_week)
    assert figures.current == 1
