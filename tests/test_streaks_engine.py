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


def test_strength_smooths_with_a_13_day_half_life():
    s = streak(days(1), set(), T - timedelta(days=1), T)
    assert s.strength == pytest.approx(1 - MULTIPLIER)
    full = streak(days(*range(1, 400)), set(), T - timedelta(days=400), T)
    after_one_empty = streak(days(*range(2, 400)), set(), T - timedelta(days=400), T)
    assert full.strength > 0.99
    assert after_one_empty.strength == pytest.approx(full.strength * MULTIPLIER)
    assert 0.94 < after_one_empty.strength < 0.96
