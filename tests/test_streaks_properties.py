"""Property tests for the streak engine: what can only grow, and what order cannot change."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mindlog.domain.model import Entry
from mindlog.domain.streaks import practice_days, streak

TODAY = date(2026, 11, 28)
offsets = st.sets(st.integers(min_value=0, max_value=400), max_size=60)


def as_days(values):
    return {TODAY - timedelta(days=v) for v in values}


def figures(done, rest):
    first = min(done | rest, default=None)
    return streak(done, rest, first, TODAY)


@given(offsets, offsets)
def test_longest_is_at_least_current_and_totals_fit_the_days(done, rest):
    d, r = as_days(done), as_days(rest)
    s = figures(d, r)
    assert s.longest >= s.current >= 0
    first = min(d | r, default=TODAY)
    assert s.total_days <= (TODAY - first).days + 1
    assert s.total_days == len(d)
    assert 0.0 <= s.strength <= 1.0


@given(offsets, offsets, st.integers(min_value=0, max_value=400))
def test_a_done_day_never_lowers_longest_total_or_strength(done, rest, extra):
    d, r = as_days(done), as_days(rest)
    first = min(d | r | {TODAY - timedelta(days=extra)})
    before = streak(d, r, first, TODAY)
    after = streak(d | {TODAY - timedelta(days=extra)}, r, first, TODAY)
    assert after.longest >= before.longest
    assert after.total_days >= before.total_days
    assert after.strength >= before.strength - 1e-12


@given(offsets, offsets, st.integers(min_value=0, max_value=400))
def test_a_rest_day_never_lowers_anything(done, rest, extra):
    d, r = as_days(done), as_days(rest)
    first = min(d | r | {TODAY - timedelta(days=extra)})
    before = streak(d, r, first, TODAY)
    after = streak(d, r | {TODAY - timedelta(days=extra)}, first, TODAY)
    assert after.current >= before.current
    assert after.longest >= before.longest
    assert after.total_days == before.total_days
    assert after.strength >= before.strength - 1e-12


kinds = st.sampled_from(["win", "morning", "commitment", "reaffirm", "rest", "setback", "checkin"])


@given(
    st.lists(st.tuples(kinds, st.integers(min_value=0, max_value=200)), max_size=40), st.randoms()
)
def test_the_order_of_entries_changes_nothing(items, rnd):
    entries = [
        Entry(
            f"id{n}",
            kind,
            (TODAY - timedelta(days=o)).isoformat(),
            "2026-11-28T10:00:00+00:00",
            None,
            [],
            {"done": ["a"], "routine": ["a", "b"]} if kind == "morning" else {},
        )
        for n, (kind, o) in enumerate(items)
    ]
    shuffled = list(entries)
    rnd.shuffle(shuffled)
    assert practice_days(entries) == practice_days(shuffled)


def test_ten_years_of_days_is_linear_work():
    done = {TODAY - timedelta(days=n) for n in range(3650) if random.Random(n).random() < 0.8}
    s = streak(done, set(), TODAY - timedelta(days=3649), TODAY)
    assert s.total_days == len(done)


def test_setbacks_and_check_ins_do_not_change_any_figure():
    base = [Entry("a", "win", "2026-11-27", "2026-11-27T10:00:00+00:00", "x")]
    extra = base + [
        Entry("b", "setback", "2026-11-28", "2026-11-28T10:00:00+00:00", "hard"),
        Entry("c", "checkin", "2026-11-26", "2026-11-26T10:00:00+00:00", None, [], {"mood": 1}),
    ]
    assert practice_days(base).done == practice_days(extra).done


def test_two_mornings_on_one_day_count_the_more_complete_in_any_order():
    def morning(n, done):
        return Entry(
            f"m{n}",
            "morning",
            "2026-11-28",
            "2026-11-28T08:00:00+00:00",
            None,
            [],
            {"done": done, "routine": ["a", "b", "c", "d"]},
        )

    full, part = morning(1, ["a", "b", "c", "d"]), morning(2, ["a"])
    assert practice_days([full, part]).morning_share == practice_days([part, full]).morning_share
    assert practice_days([part, full]).morning_share[TODAY] == 1.0


def walked(done, rest, first, today):
    """The figures by walking every day from the first (the definition in mindlog.domain.streaks)."""
    from mindlog.domain.streaks import MULTIPLIER, Streak

    if first is None:
        return Streak(0, 0, 0, 0.0)
    day = min([first, *(d for d in done if d <= today)])
    longest = run = total = 0
    has = False
    strength = perfect = 0.0
    while day <= today:
        is_done = day in done
        total += is_done
        if is_done or day in rest:
            run += 1
            has = has or is_done
            if has:
                longest = max(longest, run)
        elif day != today:
            run, has = 0, False
        if not (day in rest and not is_done) and (day != today or is_done):
            strength = strength * MULTIPLIER + (1.0 - MULTIPLIER) * is_done
            perfect = perfect * MULTIPLIER + (1.0 - MULTIPLIER)
        day += timedelta(days=1)
    # counted from the first day: the share of the days counted, recent days weighing more
    return Streak(run if has else 0, longest, total, strength / perfect if perfect else 0.0)


@given(
    st.sets(st.integers(min_value=-5, max_value=400), max_size=80),
    st.sets(st.integers(min_value=-5, max_value=400), max_size=40),
    st.integers(min_value=-5, max_value=420),
)
def test_runs_of_days_give_what_walking_every_day_gives(done, rest, first):
    d, r = as_days(done), as_days(rest)
    start = TODAY - timedelta(days=first)
    found, expected = streak(d, r, start, TODAY), walked(d, r, start, TODAY)
    assert (found.current, found.longest, found.total_days) == (
        expected.current,
        expected.longest,
        expected.total_days,
    )
    assert abs(found.strength - expected.strength) < 1e-9


def _runs_day_by_day(done, rest, today):
    """The runs of days as mindlog first found them: every day in order, one at a time."""
    marked = sorted({d for d in done | rest if d <= today})
    found = []
    for day in marked:
        number, is_done = day.toordinal(), day in done
        if found and found[-1][1] == number - 1 and found[-1][2] == is_done:
            found[-1] = (found[-1][0], number, is_done)
        else:
            found.append((number, number, is_done))
    return found


@given(
    st.sets(st.integers(min_value=-30, max_value=20_000), max_size=300),
    st.sets(st.integers(min_value=-30, max_value=20_000), max_size=60),
)
def test_the_runs_of_days_are_those_found_day_by_day(done, rest):
    """streaks.segments sorts fifty years of days as numbers; the runs are the same (days after
    today, done and rest on one day, fifty years apart)."""
    from mindlog.domain.streaks import segments

    d, r = as_days(done), as_days(rest)
    assert segments(d, r, TODAY) == _runs_day_by_day(d, r, TODAY)
