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

The figures are worked out from runs of days (``Segment``: consecutive days all done, or all
rest): a gap of k empty days multiplies strength by ``m ** k``, and k done days in a row give
``s * m ** k + (1 - m ** k)``, so the cost grows with the number of runs, not of days. The cache
(mindlog.cache) finds the runs in its own tables and hands over only recent days as sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from mindlog.domain.model import SETTING_KINDS, Entry

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


Segment = tuple[int, int, bool]  # (first day, last day) as ordinals, and done (else rest)


@dataclass
class PracticeDays:
    """For each practice, the days it was done; the rest days; and the first day of use.

    ``runs``, when given, holds each practice's runs of days up to today over the whole history,
    and ``done``/``rest``/``morning_share`` may then hold recent days only (what the calendar
    and "done today" need); without it, the runs are found from the sets.
    """

    done: dict[str, set[date]] = field(default_factory=lambda: {p: set() for p in PRACTICES})
    rest: set[date] = field(default_factory=set)
    morning_share: dict[date, float] = field(default_factory=dict)  # how complete each morning was
    first: date | None = None
    # Practices of your own (mindlog.domain.practices): the days each was done, and how many of them
    # are asked for every day (the calendar shades a day by all of them).
    own: list[set[date]] = field(default_factory=list)
    own_daily: int = 0
    runs: dict[str, list[Segment]] | None = None
    # With ``runs`` (the cache): the days any practice was done, all and up to today, and the
    # last day before today with a practice done or a rest day.
    counts: tuple[int, int] | None = None
    last_active: date | None = None


def days_done(days: PracticeDays, until: date | None = None) -> int:
    """The days on which any practice was done (up to ``until`` when given)."""
    if days.counts is not None:
        return days.counts[0 if until is None else 1]
    found: set[date] = set().union(*days.done.values())
    return len(found if until is None else {d for d in found if d <= until})


def last_active(days: PracticeDays, today: date) -> date | None:
    """The last day before ``today`` with a practice done or a rest day."""
    if days.counts is not None:
        return days.last_active
    earlier = [d for d in set(days.rest).union(*days.done.values()) if d < today]
    return max(earlier) if earlier else None


def practice_days(entries: Iterable[Entry]) -> PracticeDays:
    result = PracticeDays()
    for entry in entries:
        if entry.kind in SETTING_KINDS:
            continue  # what the person keeps beside their entries: never a day shown up
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


def segments(done: set[date], rest: set[date], today: date) -> list[Segment]:
    """The runs of days up to ``today``: consecutive days all done, or all rest (not done)."""
    marks = sorted(
        {d.toordinal(): True for d in rest if d <= today}
        | {d.toordinal(): True for d in done if d <= today}
    )
    found: list[Segment] = []
    done_days = {d.toordinal() for d in done}
    for day in marks:
        is_done = day in done_days
        if found and found[-1][1] == day - 1 and found[-1][2] == is_done:
            found[-1] = (found[-1][0], day, is_done)
        else:
            found.append((day, day, is_done))
    return found


def streak(done: set[date], rest: set[date], first: date | None, today: date) -> Streak:
    """Runs, total days shown up and strength for one practice, as of ``today``."""
    return from_segments(segments(done, rest, today), first, today)


def from_segments(runs: list[Segment], first: date | None, today: date) -> Streak:
    """The figures from the runs of days up to ``today`` (in order); see the module."""
    if first is None:
        return Streak(0, 0, 0, 0.0)
    end = today.toordinal()
    start = first.toordinal()
    for a, _, is_done in runs:
        if is_done:
            start = min(start, a)
            break
    longest = run = total = 0
    run_has_done = False
    strength = 0.0
    previous = start - 1
    for a, b, is_done in runs:
        if b < start or a > end:
            continue
        a, b = max(a, start), min(b, end)
        gap = a - previous - 1  # empty days, all before today: a run ends, strength fades
        if gap > 0:
            run, run_has_done = 0, False
            strength *= MULTIPLIER**gap
        days = b - a + 1
        run += days
        if is_done:
            total += days
            run_has_done = True
            fade = MULTIPLIER**days
            strength = strength * fade + (1 - fade)
        if run_has_done:
            longest = max(longest, run)
        previous = b
    gap = end - previous - 1  # empty days before today; an empty today changes nothing yet
    if gap > 0:
        run, run_has_done = 0, False
        strength *= MULTIPLIER**gap
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
    if days.runs is not None:
        return {p: from_segments(days.runs[p], days.first, today) for p in PRACTICES}
    return {p: streak(days.done[p], days.rest, days.first, today) for p in PRACTICES}


def today_lines(days: PracticeDays, today: date) -> list[tuple[str, Streak, bool]]:
    """(practice, its streak, done today) for each practice, as the dashboard and greeting show."""
    figures = all_streaks(days, today)
    return [(p, figures[p], today in days.done[p]) for p in PRACTICES]
