"""Practices done some days a week: runs of weeks that met the target, and a frequency-aware strength.

Pure: days in, figures out. Weeks run Monday to Sunday (the logical days of mindlog.domain.days).

A week's target is the practice's ``per_week``, in proportion to the days of that week the
practice could be done: days before the practice began and rest days do not ask for anything.
A practice of 3 a week added on a Saturday asks for 1 that first week; a week with 2 rest days
asks for ``ceil(3 * 5 / 7) = 3``; a week of rest asks for nothing and carries a run across, as a
rest day does for a daily practice. The week in progress counts once it has met its target, so
the current week, not yet met, never ends a run that reached last week.

Strength learns from Loop Habit Tracker's frequency-aware score: the daily smoothing factor is
``0.5 ** (sqrt(per_week / 7) / 13)``, so a practice asked for less often forgets more slowly. Loop
scores each day by how much of a rolling window was done; mindlog scores whole weeks instead,
``s = s * m**k + share * (1 - m**k)`` with ``k`` the days of the week that counted and ``share``
how much of the week's target was done (at most 1). So a week that met its target never lowers
strength, rest days leave it as it was, and the week in progress moves it only once it is met.
As for a daily practice (mindlog.domain.streaks), it counts from the practice's first week, not
from an empty past: strength is that score divided by the score every week met would give.
"""

from __future__ import annotations

import math
from collections.abc import Set
from datetime import date, timedelta

from mindlog.domain.record import record
from mindlog.domain.streaks import RECENT, Streak

ONE_DAY = timedelta(days=1)


def multiplier(per_week: int) -> float:
    """The daily smoothing factor for a practice done ``per_week`` days a week (7: Loop's daily)."""
    return float(0.5 ** (math.sqrt(per_week / 7) / 13))


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@record(frozen=True)
class Week:
    start: date  # its Monday
    open_days: int  # days the practice could be done (not before it began, not rest)
    target: int  # days asked for: per_week in proportion to open_days
    done: int  # days it was done

    @property
    def met(self) -> bool:
        return self.done >= self.target


def target(per_week: int, open_days: int) -> int:
    """Days asked for in a week with ``open_days`` days the practice could be done."""
    return math.ceil(per_week * open_days / 7 - 1e-9)


def weeks(
    done: Set[date],
    rest: Set[date],
    start: date,
    today: date,
    per_week: int,
    *,
    whole: bool,
    begun: date | None = None,
) -> list[Week]:
    """The weeks from ``start``'s to ``today``'s. ``whole``: the current week's days after today
    count as open (for its target); otherwise only days up to today count (for strength).
    Before ``begun`` (the day the practice was added) only the days it was done count as open,
    so a day logged for before then never raises its week's target."""
    result = []
    week = monday(start)
    while week <= today:
        open_days = done_days = 0
        for n in range(7):
            day = week + timedelta(days=n)
            if day < start or (day > today and not whole):
                continue
            if begun is not None and day < begun and day not in done:
                continue
            if day in done and day <= today:
                done_days += 1
                open_days += 1
            elif day not in rest:
                open_days += 1
        result.append(Week(week, open_days, target(per_week, open_days), done_days))
        week += timedelta(days=7)
    return result


def weekly_streak(
    done: Set[date], rest: Set[date], first: date | None, today: date, per_week: int
) -> Streak:
    """Runs of weeks that met the target, days shown up, and strength, as of ``today``."""
    counted = {d for d in done if d <= today}
    if first is None and not counted:
        return Streak(0, 0, 0, 0.0)
    start = min([d for d in (first, *counted) if d is not None])
    if start > today:
        return Streak(0, 0, 0, 0.0)
    this_week = monday(today)
    planned = weeks(counted, rest, start, today, per_week, whole=True, begun=first)
    so_far = weeks(counted, rest, start, today, per_week, whole=False, begun=first)
    m = multiplier(per_week)
    run = longest = 0
    run_has_done = False
    strength = perfect = 0.0
    for week, elapsed in zip(planned, so_far, strict=True):
        current = week.start == this_week
        if week.met:
            run += 1
            run_has_done = run_has_done or week.done > 0
            if run_has_done:
                longest = max(longest, run)
        elif not current:
            run, run_has_done = 0, False
        if current and not week.met:
            continue  # the week in progress moves strength only once it is met
        share = min(week.done / week.target, 1.0) if week.target else 0.0
        if elapsed.open_days:
            keep = m**elapsed.open_days
            strength = strength * keep + share * (1 - keep)
            perfect = perfect * keep + (1 - keep)
    share = min(strength / perfect, 1.0) if perfect > 0 else 0.0
    window = max(start, today - timedelta(days=RECENT - 1))
    recent = sum(1 for d in counted if d >= window)
    days = (today - window).days + (1 if today in counted else 0)
    return Streak(run if run_has_done else 0, longest, len(counted), share, (recent, days))
