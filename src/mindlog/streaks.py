"""Streaks: pure functions from the days a practice was done to runs, totals and strength.

Practices are ``morning`` (any routine item done), ``wins`` (at least one win) and
``commitment`` (a new statement or a reaffirmation). A run counts consecutive logical days on
which the practice was done or a rest day was marked; a run needs at least one done day. Today,
not yet done, does not end a run that reached yesterday. Rest days join runs but are not counted
as days shown up.

Strength follows Loop Habit Tracker's exponential smoothing with a 13-day half-life: starting at
0 on the first day the person used mindlog, each day ``s = s * m + done * (1 - m)`` with
``m = 0.5 ** (1 / 13)``; a rest day leaves ``s`` unchanged, and today counts only once it is done,
so strength never dips during a day that is still open. One empty day after a full score leaves
about 95 %.

Cost grows with the number of days, not with the number of entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from mindlog.model import Entry

PRACTICES = ("morning", "wins", "commitment")
MULTIPLIER = 0.5 ** (1 / 13)


@dataclass(frozen=True)
class Streak:
    current: int
    longest: int
    total_days: int
    strength: float  # 0..1

    def to_json(self) -> dict[str, int | float]:
        return {
            "current": self.current,
            "longest": self.longest,
            "total_days": self.total_days,
            "strength": round(self.strength, 4),
        }


@dataclass
class PracticeDays:
    """For each practice, the days it was done; the rest days; and the first day of use."""

    done: dict[str, set[date]] = field(default_factory=lambda: {p: set() for p in PRACTICES})
    rest: set[date] = field(default_factory=set)
    morning_share: dict[date, float] = field(default_factory=dict)  # how complete each morning was
    first: date | None = None
    # Practices of your own (mindlog.practices): the days each was done, and how many of them
    # are asked for every day (the calendar shades a day by all of them).
    own: list[set[date]] = field(default_factory=list)
    own_daily: int = 0


def practice_days(entries: Iterable[Entry]) -> PracticeDays:
    result = PracticeDays()
    for entry in entries:
        try:
            day = date.fromisoformat(entry.day)
        except ValueError:
            continue
        if result.first is None or day < result.first:
            result.first = day
        if entry.kind == "win":
            result.done["wins"].add(day)
        elif entry.kind in ("commitment", "reaffirm"):
            result.done["commitment"].add(day)
        elif entry.kind == "rest":
            result.rest.add(day)
        elif entry.kind == "morning":
            done = entry.fields.get("done")
            routine = entry.fields.get("routine")
            count = len(done) if isinstance(done, list) else 0
            total = len(routine) if isinstance(routine, list) and routine else max(count, 1)
            if count:
                result.done["morning"].add(day)
            # Two mornings on one day (two machines, say): the more complete one counts, so the
            # order entries arrive in changes nothing.
            share = min(count / total, 1.0)
            result.morning_share[day] = max(share, result.morning_share.get(day, 0.0))
    return result


def streak(done: set[date], rest: set[date], first: date | None, today: date) -> Streak:
    """Runs, total days shown up and strength for one practice, as of ``today``."""
    if first is None:
        return Streak(0, 0, 0, 0.0)
    start = min([first, *(d for d in done if d <= today)])
    longest = run = 0
    run_has_done = False
    strength = 0.0
    total = 0
    day = start
    one = timedelta(days=1)
    while day <= today:
        is_done = day in done
        if is_done:
            total += 1
        if is_done or day in rest:
            run += 1
            run_has_done = run_has_done or is_done
            if run_has_done:
                longest = max(longest, run)
        elif day != today:
            run, run_has_done = 0, False
        if day in rest and not is_done:
            pass  # a rest day leaves strength as it was
        elif day != today or is_done:
            strength = strength * MULTIPLIER + (1.0 if is_done else 0.0) * (1 - MULTIPLIER)
        day += one
    current = run if run_has_done else 0
    return Streak(current, longest, total, strength)


def day_share(days: PracticeDays, day: date) -> float:
    """How much of the day's practice was done, 0..1: each practice a third, the morning by how
    complete the routine was."""
    share = days.morning_share.get(day, 0.0) if day in days.done["morning"] else 0.0
    share += 1.0 if day in days.done["wins"] else 0.0
    share += 1.0 if day in days.done["commitment"] else 0.0
    return share / 3


def all_streaks(days: PracticeDays, today: date) -> dict[str, Streak]:
    return {p: streak(days.done[p], days.rest, days.first, today) for p in PRACTICES}


def today_lines(days: PracticeDays, today: date) -> list[tuple[str, Streak, bool]]:
    """(practice, its streak, done today) for each practice, as the dashboard and greeting show."""
    figures = all_streaks(days, today)
    return [(p, figures[p], today in days.done[p]) for p in PRACTICES]
