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

from mindlog import practices, words
from mindlog.model import FACTORS, Entry
from mindlog.urges import UrgeWeek, looking_back

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
    # Practices of your own (name, days done in the period, days a week) and urges looked back on.
    own: list[tuple[str, int, int]] = field(default_factory=list)
    urges: UrgeWeek | None = None


def reflect(
    entries: Sequence[Entry], statement: Entry | None, today: date, span: str = "week"
) -> Reflection:
    length = 30 if span == "month" else 7
    start = today - timedelta(days=length - 1)
    wins = [e for e in entries if e.kind == "win"]
    recent = [w for w in wins if start.isoformat() <= w.day <= today.isoformat()]
    stood = None
    if statement is not None:
        try:
            stood = (today - date.fromisoformat(statement.day)).days
        except ValueError:
            stood = None
    days = active_days(entries)
    return Reflection(
        today=today,
        start=start,
        span_name="month" if span == "month" else "week",
        statement=statement,
        statement_days=stood,
        groups=by_factor(recent),
        wins_count=len(recent),
        resurfaced=resurface([w for w in wins if w.day < start.isoformat()] or wins, today),
        prompts=words.reflection_prompts(today.isoformat()),
        showed_up=showed_up(days, today),
        welcome_back=welcome_back(days, today),
        own=practices.in_period(entries, start, today),
        urges=looking_back(entries, today, length),
    )
