"""Hand-computed examples for the streak engine."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mindlog.domain.streaks import MULTIPLIER, streak

T = date(2026, 11, 28)


def days(*offsets):
    return {T - timedelta(days=o) for o in offsets}


def test_today_not_yet_done_keeps_the_run_that_reached_yesterday():
    s = streak(days(1, 2, 3), set(), T - timedelta(days=3), T)
    assert (s.current, s.longest, s.total_days) == (3, 3, 3)


def test_a_rest_day_bridges_a_gap_but_is_not_a_day_shown_up():
    s = streak(days(0, 2), days(1), T - timedelta(days=2), T)
    assert (s.current, s.longest, s.total_days) == (3, 3, 2)


def test_an_empty_day_starts_a_new_run_and_longest_remembers():
    s = streak(days(0, 3, 4, 5), set(), T - timedelta(days=5), T)
    assert (s.current, s.longest, s.total_days) == (1, 3, 4)


def test_rest_days_alone_are_not_a_run():
    s = streak(set(), days(0, 1), T - timedelta(days=1), T)
    assert (s.current, s.longest, s.total_days) == (0, 0, 0)


def test_strength_smooths_with_a_13_day_half_life_from_the_first_day():
    # Counted from the first day, not from an empty past: one day, done, is all there is.
    s = streak(days(1), set(), T - timedelta(days=1), T)
    assert s.strength == pytest.approx(1.0)
    # A day done after an empty day: the share of the two, the later day weighing more.
    s = streak(days(1), set(), T - timedelta(days=2), T)
    assert s.strength == pytest.approx((1 - MULTIPLIER) / (1 - MULTIPLIER**2))
    full = streak(days(*range(1, 400)), set(), T - timedelta(days=400), T)
    after_one_empty = streak(days(*range(2, 400)), set(), T - timedelta(days=400), T)
    assert full.strength > 0.99
    assert after_one_empty.strength == pytest.approx(full.strength * MULTIPLIER, abs=1e-6)
    assert 0.94 < after_one_empty.strength < 0.96


def test_three_perfect_weeks_read_as_strong_not_67_percent():
    s = streak(days(*range(0, 21)), set(), T - timedelta(days=20), T)
    assert s.strength == pytest.approx(1.0)
    # Loop's score, started at 0, would be 1 - m ** 21: about 67 %.
    loop = 1 - MULTIPLIER**21
    assert loop == pytest.approx(0.674, abs=0.001)


def test_three_fairly_steady_weeks_read_as_strong():
    # Five days of seven, for three weeks: about 70 %, not 11-38 %.
    done = {d for d in range(21) if d % 7 not in (2, 5)}
    s = streak(days(*done), set(), T - timedelta(days=20), T)
    assert 0.65 < s.strength < 0.8


def test_recent_counts_the_last_two_weeks_and_leaves_an_open_today_out():
    s = streak(days(1, 2, 5), set(), T - timedelta(days=5), T)
    assert s.recent == (3, 5)  # five days before today, today still open
    s = streak(days(0, 1, 2, 5), set(), T - timedelta(days=30), T)
    assert s.recent == (4, 14)


def test_a_rest_day_or_a_hard_day_leaves_strength_as_it_was():
    plain = streak(days(0, 2), set(), T - timedelta(days=2), T)
    rested = streak(days(0, 2), days(1), T - timedelta(days=2), T)
    assert rested.strength == pytest.approx(1.0) and plain.strength < 1.0
