"""Reflections: pure functions that choose what to look back on and what to ask.

Nothing here reads the disk or draws anything: it takes entries and a day and returns data for
`mindlog reflect`, the dashboard and the greeting.
"""

from __future__ import annotations

import calendar
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from mindlog import words
from mindlog.model import FACTORS, Entry

OTHER = "other"  # wins without one of the five factors among their tags


def months_back(day: date, months: int) -> date:
    """The same day ``months`` earlier, or the last day of that month when it is shorter."""
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


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
    """Days the person showed up: any entry at all, a setback or a rest day included."""
    days = set()
    for entry in entries:
        try:
            days.add(date.fromisoformat(entry.day))
        except ValueError:
            continue
    return days


def showed_up(days: set[date], today: date, span: int = 7) -> int:
    return sum(1 for n in range(span) if today - timedelta(days=n) in days)


def welcome_back(days: set[date], today: date, gap: int = 3) -> bool:
    """True when today follows a pause of at least ``gap`` days since the person was last here."""
    if today not in days:
        return False
    earlier = [d for d in days if d < today]
    return bool(earlier) and (today - max(earlier)).days > gap


@dataclass
class Reflection:
    today: date
    start: date
    span_name: str  # "week" or "month"
    statement: Entry | None
    statement_days: int | None  # how long the statement has stood, in days
    groups: dict[str, list[Entry]] = field(default_factory=dict)
    wins_count: int = 0
    resurfaced: list[tuple[str, Entry]] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    showed_up: int = 0
    welcome_back: bool = False


def reflect(
    entries: Sequence[Entry], statement: Entry | None, today: date, span: str = "week"
) -> Reflection:
    start = today - timedelta(days=span_days(span) - 1)
    wins = [e for e in entries if e.kind == "win"]
    pool = [w for w in wins if w.day < start.isoformat()] or wins
    return reflection(today, span, statement, wins, resurface(pool, today), active_days(entries))


def reflect_on(journal: Any, today: date, span: str = "week") -> Reflection:
    """``reflect`` for a journal that answers questions (mindlog.cache.view): the span's wins
    and the days around it, one earlier day, and what to look back on are enough for every
    figure, however long the journal."""
    start = today - timedelta(days=span_days(span) - 1)
    near = journal.since(min(start, today - timedelta(days=NEAR_DAYS)))
    days = active_days(near)
    first = journal.first_day()
    if first is not None:
        days.add(first)
    wins = [e for e in near if e.kind == "win"]
    back = journal.looking_back(today, start)
    return reflection(today, span, journal.statement(), wins, back, days)


NEAR_DAYS = 10  # days ``reflect_on`` reads back: more than welcome_back's pause and a week


def span_days(span: str) -> int:
    return 30 if span == "month" else 7


def reflection(
    today: date,
    span: str,
    statement: Entry | None,
    wins: Sequence[Entry],
    resurfaced: list[tuple[str, Entry]],
    days: set[date],
) -> Reflection:
    """The reflection from its parts: the wins (those of the span are kept), what to look back
    on, and the days the person showed up (the last weeks and one earlier day are enough)."""
    start = today - timedelta(days=span_days(span) - 1)
    recent = [w for w in wins if start.isoformat() <= w.day <= today.isoformat()]
    stood = None
    if statement is not None:
        try:
            stood = (today - date.fromisoformat(statement.day)).days
        except ValueError:
            stood = None
    return Reflection(
        today=today,
        start=start,
        span_name="month" if span == "month" else "week",
        statement=statement,
        statement_days=stood,
        groups=by_factor(recent),
        wins_count=len(recent),
        resurfaced=resurfaced,
        prompts=words.reflection_prompts(today.isoformat()),
        showed_up=showed_up(days, today),
        welcome_back=welcome_back(days, today),
    )
