"""Reflections: pure functions that choose what to look back on and what to ask.

Nothing here reads the disk or draws anything: it takes entries and a day and returns data for
`mindlog reflect`, the dashboard and the greeting.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mindlog.domain import practices, words
from mindlog.domain.days import AWAY, days_away, months_back, welcome_back  # noqa: F401  (re-exported)
from mindlog.domain.model import FACTORS, Entry
from mindlog.domain.record import field, record
from mindlog.domain.streaks import PracticeDays, all_streaks, days_done, practice_days

if TYPE_CHECKING:
    from mindlog.domain.urges import UrgeWeek

OTHER = "other"  # wins without one of the five factors among their tags


def anniversaries(today: date) -> list[tuple[str, date]]:
    return [
        ("a week ago today", today - timedelta(days=7)),
        ("a month ago today", months_back(today, 1)),
        ("a year ago today", months_back(today, 12)),
    ]


def resurface(wins: Sequence[Entry], today: date) -> list[tuple[str, Entry]]:
    """Earlier wins to look back on: a week, a month, a year ago today; else one older win,
    chosen stably for the day (the same all day, a different one another day)."""
    by_day: dict[str, list[Entry]] = {}
    for win in wins:
        by_day.setdefault(win.day, []).append(win)
    found = []
    for label, day in anniversaries(today):
        same = by_day.get(day.isoformat())
        if same:
            found.append((label, same[zlib.crc32(today.isoformat().encode()) % len(same)]))
    if found:
        return found
    earlier = [w for w in wins if w.day < today.isoformat()]
    if not earlier:
        return []
    chosen = earlier[zlib.crc32(today.isoformat().encode()) % len(earlier)]
    return [(f"from {chosen.day}", chosen)]


def by_factor(wins: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Wins grouped by the five factors (a win with two factors is in both), then the rest."""
    groups: dict[str, list[Entry]] = {f: [] for f in (*FACTORS, OTHER)}
    for win in wins:
        factors = [t for t in win.tags if t in FACTORS]
        for factor in factors or [OTHER]:
            groups[factor].append(win)
    return {k: v for k, v in groups.items() if v}


def active_days(entries: Iterable[Entry]) -> set[date]:
    """The days shown up (mindlog.domain.streaks): any record of the person's, a setback or a
    rest day included."""
    return practice_days(entries).shown


def showed_up(days: set[date], today: date, span: int = 7) -> int:
    return sum(1 for n in range(span) if today - timedelta(days=n) in days)


def so_far(days: set[date], today: date, span: int) -> int:
    """The days of the last ``span`` that count: fewer when the first day shown up is among
    them (nothing before it is counted: "1 of 1 days so far")."""
    first = min(days, default=None)
    if first is not None and today - timedelta(days=span - 1) < first <= today:
        return (today - first).days + 1
    return span


def lasting(days: PracticeDays, today: date) -> tuple[int, int]:
    """What lasts, for a welcome back: the days any practice was done, and the longest run."""
    longest = max((s.longest for s in all_streaks(days, today).values()), default=0)
    return days_done(days, today), longest


def days_used(days: PracticeDays, today: date) -> int | None:
    """Days since the first entry, today included (None before the first)."""
    return (today - days.first).days + 1 if days.first is not None else None


def coming_back_lines(entries: Sequence[Entry], days: PracticeDays, today: date) -> list[str]:
    """The welcome back and what lasts, after three days or more away; else nothing."""
    return coming_back(active_days(entries), days, today)


def coming_back(active: set[date], days: PracticeDays, today: date) -> list[str]:
    """``coming_back_lines`` from the days with any entry (the last days and the first one are
    enough: only how long the person was away matters)."""
    if not welcome_back(active, today):
        return []
    return [words.WELCOME_BACK, words.what_lasts(*lasting(days, today))]


SPANS = {"week": 7, "month": 30, "year": 365}
SHOWN_PER_FACTOR = {"week": 10, "month": 3, "year": 3}  # then "and 12 more"


@record
class Reflection:
    today: date
    start: date
    span_name: str  # "week", "month" or "year"
    statement: Entry | None
    statement_days: int | None  # how long the statement has stood, in days
    groups: dict[str, list[Entry]] = field(default_factory=dict)
    wins_count: int = 0
    resurfaced: list[tuple[str, Entry]] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    showed_up: int = 0
    welcome_back: bool = False
    # Practices of your own (name, days done in the period, days a week) and urges looked back on.
    own: list[tuple[str, int, int]] = field(default_factory=list)
    urges: UrgeWeek | None = None
    more: dict[str, int] = field(default_factory=dict)  # factor -> wins not listed
    span_days: int = 7  # the days ``showed_up`` counts: the span, or fewer since the first day
    so_far: bool = False  # the first day shown up is in the span


def reflect(
    entries: Sequence[Entry], statement: Entry | None, today: date, span: str = "week"
) -> Reflection:
    span = span if span in SPANS else "week"
    start = today - timedelta(days=SPANS[span] - 1)
    wins = [e for e in entries if e.kind == "win"]
    pool = [w for w in wins if w.day < start.isoformat()] or wins
    return reflection(
        today, span, statement, wins, resurface(pool, today), active_days(entries), entries
    )


def reflect_on(journal: Any, today: date, span: str = "week") -> Reflection:
    """``reflect`` for a journal that answers questions (mindlog.cache.view): the span's wins
    and the days around it, the first day, and what to look back on are enough for every
    figure, however long the journal."""
    span = span if span in SPANS else "week"
    start = today - timedelta(days=SPANS[span] - 1)
    near = journal.since(min(start, today - timedelta(days=NEAR_DAYS)))
    days = active_days(near)
    first = journal.first_day()
    if first is not None:
        days.add(first)  # older than the days read: only "how long away" needs it
    wins = [e for e in near if e.kind == "win"]
    back = journal.looking_back(today, start)
    own = journal.of_kind(*practices.SETUP, "urge")
    # the days of practices of one's own in the span (and any not written as a date in full),
    # not an entry each
    marked = journal.practice_marks(start)
    return reflection(today, span, journal.statement(), wins, back, days, own, marked)


NEAR_DAYS = 10  # days ``reflect_on`` reads back at least: more than a week and AWAY


def reflection(
    today: date,
    span: str,
    statement: Entry | None,
    wins: Sequence[Entry],
    resurfaced: list[tuple[str, Entry]],
    days: set[date],
    entries: Sequence[Entry] = (),
    marked: Sequence[practices.Marked] | None = None,
) -> Reflection:
    """The reflection from its parts: the wins (those of the span are kept), what to look back
    on, and the days the person showed up (the span, a few days more and the first are enough);
    ``entries`` holds at least the practices of one's own and the urges (their kinds; with
    ``marked``, the marks of the days done, the kinds of practices.SETUP are enough)."""
    from mindlog.domain.urges import looking_back  # only a reflection looks back on urges

    length = SPANS[span]
    counted = so_far(days, today, length)
    start = today - timedelta(days=length - 1)
    recent = [w for w in wins if start.isoformat() <= w.day <= today.isoformat()]
    stood = None
    if statement is not None:
        try:
            stood = (today - date.fromisoformat(statement.day)).days
        except ValueError:
            stood = None
    # A long stretch lists the most recent few wins of each factor, then how many more.
    shown = SHOWN_PER_FACTOR[span]
    groups, more = {}, {}
    for factor, found in by_factor(recent).items():
        groups[factor] = found[-shown:]
        if len(found) > shown:
            more[factor] = len(found) - shown
    return Reflection(
        today=today,
        start=start,
        span_name=span,
        statement=statement,
        statement_days=stood,
        groups=groups,
        wins_count=len(recent),
        resurfaced=resurfaced,
        prompts=words.reflection_prompts(today.isoformat(), span=span),
        showed_up=showed_up(days, today, counted),
        welcome_back=welcome_back(days, today),
        own=practices.in_period(entries, start, today, marked),
        urges=looking_back(entries, today, length),
        more=more,
        span_days=counted,
        so_far=counted < length,
    )
