"""What helps: mood and energy on days with a practice or a factor, and on other days.

Pure: it takes entries and returns findings. A finding is shown only where each side has at
least ``MIN_DAYS`` days with a check-in on that scale, and it is worded as something to notice,
never as a cause: days differ in many ways, and the person is the one who knows why.

The practices are the morning routine (any item done), wins (at least one) and commitment (a
statement written or re-read); the factors are the five factors, on days with a win tagged with
one. A day's value on a scale is the mean of that day's check-ins (mindlog.domain.checkins.day_means).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from mindlog.domain.checkins import day_means
from mindlog.domain.model import FACTORS, Entry
from mindlog.domain.streaks import practice_days

MIN_DAYS = 7  # days a side, at the least, before a figure is shown
SCALES = ("mood", "energy")

LABELS = {
    "morning": "your morning routine",
    "wins": "a win logged",
    "commitment": "your statement written or re-read",
    **{factor: f"a win for {factor}" for factor in FACTORS},
}

INTRO = (
    "Something to notice, not a cause: days differ in many ways, and you know best what was "
    "going on. Shown only where each side has at least 7 days of check-ins."
)
NOT_YET = (
    "Not enough check-ins yet to compare days with and without each practice "
    "(at least 7 days a side). Whenever you like: mindlog checkin"
)


@dataclass(frozen=True)
class Finding:
    key: str  # a practice (morning, wins, commitment) or a factor
    scale: str  # mood or energy
    with_mean: float
    without_mean: float
    with_days: int
    without_days: int

    @property
    def label(self) -> str:
        return LABELS.get(self.key, self.key)


def marked_days(entries: Iterable[Entry]) -> dict[str, set[date]]:
    """For each practice and factor, the days it was there."""
    entries = list(entries)
    practices = practice_days(entries)
    days: dict[str, set[date]] = {p: set(d) for p, d in practices.done.items()}
    for factor in FACTORS:
        days[factor] = set()
    for entry in entries:
        if entry.kind != "win":
            continue
        try:
            day = date.fromisoformat(entry.day)
        except ValueError:
            continue
        for factor in FACTORS:
            if factor in entry.tags:
                days[factor].add(day)
    return days


def what_helps(
    entries: Sequence[Entry],
    first: date | None = None,
    last: date | None = None,
    min_days: int = MIN_DAYS,
) -> list[Finding]:
    """Findings for the days from ``first`` to ``last`` (each open when None), in a fixed order:
    the practices, then the factors; mood before energy. ``min_days`` is never below MIN_DAYS."""
    floor = max(min_days, MIN_DAYS)
    values = {  # in the order of the days, so that the same days always give the same sums
        day: scales
        for day, scales in sorted(day_means(entries, SCALES).items())
        if (first is None or day >= first) and (last is None or day <= last)
    }
    if len(values) < 2 * floor:
        return []  # too few days with a check-in for any figure: the practices need no walk
    found = []
    for key, days in marked_days(entries).items():
        for scale in SCALES:
            inside = [v[scale] for d, v in values.items() if scale in v and d in days]
            outside = [v[scale] for d, v in values.items() if scale in v and d not in days]
            if len(inside) >= floor and len(outside) >= floor:
                found.append(
                    Finding(
                        key,
                        scale,
                        sum(inside) / len(inside),
                        sum(outside) / len(outside),
                        len(inside),
                        len(outside),
                    )
                )
    return found


# The kinds the findings are made of: check-ins, and the practices' (streaks.practice_days).
KINDS = ("checkin", "morning", "win", "commitment", "reaffirm", "rest")


def what_helps_of(of_kind: Callable[[str], Iterable[Entry]]) -> list[Finding]:
    """``what_helps`` of every entry, asked for kind by kind (``of_kind``): with too few
    check-ins for any figure, the other kinds are never read."""
    checkins = list(of_kind("checkin"))
    if len(checkins) < 2 * MIN_DAYS:  # fewer days than that, whatever the entries
        return []
    return what_helps([*checkins, *(e for kind in KINDS[1:] for e in of_kind(kind))])


def sentence(finding: Finding) -> str:
    """ "On days with your morning routine your mood averaged 3.4; on other days 2.8 (21 and 9
    days)." Observed together, nothing more."""
    return (
        f"On days with {finding.label} your {finding.scale} averaged {finding.with_mean:.1f}; "
        f"on other days {finding.without_mean:.1f} "
        f"({finding.with_days} and {finding.without_days} days)."
    )
