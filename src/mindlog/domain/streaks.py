"""Streaks: pure functions from the days a practice was done to runs, totals and strength.

**A day shown up** is a day with any record the person made (``model.shows_up``: every kind but
the ones that set mindlog up), a setback and a rest day included; ``day_mark`` says what a day
was (shown up, and how much of the day's practice; a rest day; a hard day; nothing), and every
view (dashboard, greeting, streaks, reflect, the calendars, the exports) counts and draws days by
it. Nothing before the first day shown up is counted or drawn.

Practices are ``morning`` (any routine item done), ``wins`` (at least one win) and
``commitment`` (a new statement, a reaffirmation, or the routine item that re-reads the statement
ticked in a morning: ``reaffirms``). A run counts consecutive logical days on which the practice
was done, or a rest day or a hard day (a setback) was marked: a hard day keeps a run going as a
rest day does. A run needs at least one done day. Today, not yet done, does not end a run that
reached yesterday.

**Strength** starts from Loop Habit Tracker's score, an exponential moving average with a
13-day half-life: each day ``s = s * m + done * (1 - m)`` with ``m = 0.5 ** (1 / 13)``. Loop
starts it at 0 as if the person had a lifetime of empty days behind them, so three perfect weeks
read 67 %. mindlog counts from the first day instead: strength is ``s`` divided by what a perfect
record of the same days would give, that is the share of the days counted that were done, each
day weighing half as much as one 13 days later. Three perfect weeks read 100 %, five days a week
read about 71 %, and after a long history it is Loop's score again. A rest day or a hard day is
left out (it neither raises nor lowers strength), and today counts only once it is done, so
strength never dips during a day that is still open. ``recent`` holds the days done of the last
two weeks (and how many days that is), which the first weeks show in words instead
(mindlog.domain.words.strength_words).

The figures are worked out from runs of days (``Segment``: consecutive days all done, or all
rest): a gap of k empty days multiplies strength by ``m ** k``, and k done days in a row give
``s * m ** k + (1 - m ** k)``, so the cost grows with the number of runs, not of days. The cache
(mindlog.cache) finds the runs in its own tables and hands over only recent days as sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from mindlog.domain.model import Entry, shows_up
from mindlog.domain.record import record
from mindlog.domain.typed import name_key

PRACTICES = ("morning", "wins", "commitment")
MULTIPLIER = 0.5 ** (1 / 13)
RECENT = 14  # the days ``Streak.recent`` looks back on, today included


@record(frozen=True)
class Streak:
    current: int
    longest: int
    total_days: int
    strength: float  # 0..1
    recent: tuple[int, int] = (0, 0)  # days done of the last ``RECENT``, and how many days that is

    def to_json(self) -> dict[str, int | float]:
        return {
            "current": self.current,
            "longest": self.longest,
            "total_days": self.total_days,
            "strength": round(self.strength, 4),
            "recent_done": self.recent[0],
            "recent_days": self.recent[1],
        }


Segment = tuple[int, int, bool]  # (first day, last day) as ordinals, and done (else rest)


class PracticeDays:
    """For each practice, the days it was done; the rest days, the hard days and the days shown
    up; and the first day shown up.

    ``runs``, when given, holds each practice's runs of days up to today over the whole history,
    and ``done``/``rest``/``setback``/``shown``/``morning_share`` may then hold recent days only
    (what the calendar and "done today" need); without it, the runs are found from the sets.

    A plain class (every view makes one, and a dataclass costs a few milliseconds to define):
    equal when every field is.
    """

    __slots__ = FIELDS = (
        "done",
        "rest",
        "morning_share",
        "first",
        "own",
        "own_daily",
        "runs",
        "counts",
        "last_active",
        "setback",
        "shown",
    )

    def __init__(
        self,
        done: dict[str, set[date]] | None = None,
        rest: set[date] | None = None,
        morning_share: dict[date, float] | None = None,  # how complete each morning was
        first: date | None = None,  # the first day shown up
        # Practices of your own (mindlog.domain.practices): the days each was done, and the
        # days each practice asked for every day was added (from then on the calendar shades a
        # day by it too).
        own: list[set[date]] | None = None,
        own_daily: list[date] | None = None,
        runs: dict[str, list[Segment]] | None = None,
        # With ``runs`` (the cache): the days shown up, all and up to today, and the last day
        # shown up before today.
        counts: tuple[int, int] | None = None,
        last_active: date | None = None,
        setback: set[date] | None = None,  # hard days written down
        shown: set[date] | None = None,  # days with any record of the person's
    ) -> None:
        self.done = {p: set() for p in PRACTICES} if done is None else done
        self.rest = set() if rest is None else rest
        self.morning_share = {} if morning_share is None else morning_share
        self.first = first
        self.own = [] if own is None else own
        self.own_daily = [] if own_daily is None else own_daily
        self.runs = runs
        self.counts = counts
        self.last_active = last_active
        self.setback = set() if setback is None else setback
        self.shown = set() if shown is None else shown

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PracticeDays):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # changed as it is filled: not a key

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"PracticeDays({shown})"

    def carried(self) -> set[date]:
        """The days that carry a run without the practice: rest days and hard days."""
        return self.rest | self.setback


def days_done(days: PracticeDays, until: date | None = None) -> int:
    """The days shown up (up to ``until`` when given)."""
    if days.counts is not None:
        return days.counts[0 if until is None else 1]
    return len(days.shown if until is None else {d for d in days.shown if d <= until})


def last_active(days: PracticeDays, today: date) -> date | None:
    """The last day shown up before ``today``."""
    if days.counts is not None:
        return days.last_active
    earlier = [d for d in days.shown if d < today]
    return max(earlier) if earlier else None


REAFFIRM_ITEM = "Re-read my commitment statement"  # the routine's first item, as it comes


def reaffirms(item: str) -> bool:
    """Whether a routine item re-reads the commitment statement (ticked, it is a reaffirmation,
    as `mindlog commit --reread` is): the item as it comes, in any case, or one that says it
    re-reads the statement in its own words."""
    folded = name_key(item).replace("-", "").replace(" ", "")
    return "reread" in folded and ("statement" in folded or "commitment" in folded)


def practice_days(entries: Iterable[Entry]) -> PracticeDays:
    result = PracticeDays()
    for entry in entries:
        try:
            day = date.fromisoformat(entry.day)
        except ValueError:
            continue
        if not shows_up(entry.kind):
            continue
        result.shown.add(day)
        if result.first is None or day < result.first:
            result.first = day
        if entry.kind == "win":
            result.done["wins"].add(day)
        elif entry.kind in ("commitment", "reaffirm"):
            result.done["commitment"].add(day)
        elif entry.kind == "rest" and not entry.fields.get("practice_id"):
            result.rest.add(day)  # a rest day of one practice only (practice_id) is that one's
        elif entry.kind == "setback":
            result.setback.add(day)
        elif entry.kind == "morning":
            done = entry.fields.get("done")
            routine = entry.fields.get("routine")
            count = len(done) if isinstance(done, list) else 0
            total = len(routine) if isinstance(routine, list) and routine else max(count, 1)
            if count:
                result.done["morning"].add(day)
            if isinstance(done, list) and any(isinstance(i, str) and reaffirms(i) for i in done):
                result.done["commitment"].add(day)
            # Two mornings on one day (two machines, say): the more complete one counts, so the
            # order entries arrive in changes nothing.
            share = min(count / total, 1.0)
            result.morning_share[day] = max(share, result.morning_share.get(day, 0.0))
    return result


def segments(done: set[date], rest: set[date], today: date) -> list[Segment]:
    """The runs of days up to ``today``: consecutive days all done, or all rest (not done).

    The days are numbered (``date.toordinal``) and sorted as a set of numbers, which a set holds
    nearly in order: fifty years of days sort at once (sorting them in the order a set of dates
    holds them took most of `practice list`'s time)."""
    end = today.toordinal()
    done_days = {number for number in map(date.toordinal, done) if number <= end}
    marked = done_days.union(number for number in map(date.toordinal, rest) if number <= end)
    if not marked:
        return []
    ordered = sorted(marked)
    found: list[Segment] = []
    first = last = ordered[0]
    kind = first in done_days
    for day in ordered[1:]:
        is_done = day in done_days
        if day == last + 1 and is_done == kind:
            last = day
            continue
        found.append((first, last, kind))
        first = last = day
        kind = is_done
    found.append((first, last, kind))
    return found


def with_done(runs: list[Segment], day: date) -> list[Segment]:
    """``runs`` (as ``segments`` finds them, in order) with ``day`` done too: what ``segments``
    gives when ``day`` is added to the days done (a done day is never a rest day in them)."""
    number = day.toordinal()
    found: list[Segment] = []
    placed = False
    for a, b, is_done in runs:
        if not placed and number < a:
            found.append((number, number, True))
            placed = True
        if a <= number <= b:
            placed = True
            if not is_done:  # a rest run split around the day now done
                if a < number:
                    found.append((a, number - 1, False))
                found.append((number, number, True))
                if number < b:
                    found.append((number + 1, b, False))
                continue
        found.append((a, b, is_done))
    if not placed:
        found.append((number, number, True))
    joined: list[Segment] = []
    for a, b, is_done in found:  # neighbours of one kind are one run
        if joined and joined[-1][1] == a - 1 and joined[-1][2] == is_done:
            joined[-1] = (joined[-1][0], b, is_done)
        else:
            joined.append((a, b, is_done))
    return joined


def if_done(days: PracticeDays, practice: str, today: date) -> Streak:
    """``practice``'s figures as of ``today`` were it done today too (as ``all_streaks`` would
    give them): what a greeting kept for the day needs to follow a win, a morning or a
    reaffirmation written later that day (mindlog.cache.greeting)."""
    if days.runs is not None:
        return from_segments(with_done(days.runs[practice], today), days.first, today)
    return streak(days.done[practice] | {today}, days.carried(), days.first, today)


def streak(done: set[date], rest: set[date], first: date | None, today: date) -> Streak:
    """Runs, total days done and strength for one practice, as of ``today`` (``rest``: the
    days that carry a run, rest days and hard days)."""
    return from_segments(segments(done, rest, today), first, today)


def from_segments(runs: list[Segment], first: date | None, today: date) -> Streak:
    """The figures from the runs of days up to ``today`` (in order); see the module."""
    if first is None:
        return Streak(0, 0, 0, 0.0)
    end = today.toordinal()
    start = first.toordinal()
    for a, _, is_done in runs:
        if is_done:
            if a < start:
                start = a
            break
    longest = run = total = 0
    run_has_done = False
    strength = perfect = 0.0  # Loop's score, and what a perfect record of the same days gives
    previous = start - 1
    window = max(start, end - RECENT + 1)  # the recent days
    recent = 0
    # One pass over the runs (thousands after fifty years): comparisons in place of min and max.
    for a, b, is_done in runs:
        if b < start or a > end:
            continue
        if a < start:
            a = start
        if b > end:
            b = end
        gap = a - previous - 1  # empty days, all before today: a run ends, strength fades
        if gap > 0:
            run, run_has_done = 0, False
            fade = MULTIPLIER**gap
            strength *= fade
            perfect = perfect * fade + (1 - fade)
        days = b - a + 1
        run += days
        if is_done:
            total += days
            run_has_done = True
            fade = MULTIPLIER**days
            strength = strength * fade + (1 - fade)
            perfect = perfect * fade + (1 - fade)
            if b >= window:
                recent += b - (a if a > window else window) + 1
        if run_has_done and run > longest:
            longest = run
        previous = b
    gap = end - previous - 1  # empty days before today; an empty today changes nothing yet
    if gap > 0:
        run, run_has_done = 0, False
        fade = MULTIPLIER**gap
        strength *= fade
        perfect = perfect * fade + (1 - fade)
    current = run if run_has_done else 0
    open_today = previous < end  # today not done (nor rested): not counted yet
    span = max(0, end - window + 1 - int(open_today))
    share = min(strength / perfect, 1.0) if perfect > 0 else 0.0
    return Streak(current, longest, total, share, (recent, span))


def day_share(days: PracticeDays, day: date) -> float:
    """How much of the day's practice was done, 0..1: each practice a part (the morning by how
    complete the routine was), practices of your own only from the day they were added."""
    share = days.morning_share.get(day, 0.0) if day in days.done["morning"] else 0.0
    share += 1.0 if day in days.done["wins"] else 0.0
    share += 1.0 if day in days.done["commitment"] else 0.0
    share += sum(1.0 for own in days.own if day in own)  # practices of your own
    asked = 3 + sum(1 for since in days.own_daily if since <= day)
    return min(share / asked, 1.0)


SHOWN, REST, SETBACK, NOTHING, BEFORE = "shown", "rest", "setback", "nothing", "before"


def day_mark(days: PracticeDays, day: date) -> tuple[str, float]:
    """What a day was, as every calendar draws it, with how much of the day's practice was done:
    ``SHOWN`` (a day shown up; the share may be 0 when only a check-in or a note was written),
    ``SETBACK`` (a hard day written down, shown up too), ``REST`` (a rest day, shown up too),
    ``NOTHING`` (no record), ``BEFORE`` (before the first day shown up: not drawn)."""
    if days.first is None or day < days.first:
        return BEFORE, 0.0
    share = day_share(days, day)
    if share > 0:
        return SHOWN, share
    if day in days.setback:
        return SETBACK, 0.0
    if day in days.rest:
        return REST, 0.0
    if day in days.shown:
        return SHOWN, 0.0
    return NOTHING, 0.0


def shade(share: float, levels: int) -> int:
    """Which of ``levels`` shades (0 the lightest) a day with this share of its practice gets."""
    return min(max(int(share * levels - 1e-9), 0), levels - 1)


def showed_up(days: PracticeDays, day: date) -> bool:
    """Whether ``day`` is a day shown up (see the module): the one rule every view counts by."""
    return day_mark(days, day)[0] in (SHOWN, SETBACK, REST)


def all_streaks(days: PracticeDays, today: date) -> dict[str, Streak]:
    if days.runs is not None:
        return {p: from_segments(days.runs[p], days.first, today) for p in PRACTICES}
    carried = days.carried()
    return {p: streak(days.done[p], carried, days.first, today) for p in PRACTICES}


def today_lines(days: PracticeDays, today: date) -> list[tuple[str, Streak, bool]]:
    """(practice, its streak, done today) for each practice, as the dashboard and greeting show."""
    figures = all_streaks(days, today)
    return [(p, figures[p], today in days.done[p]) for p in PRACTICES]
