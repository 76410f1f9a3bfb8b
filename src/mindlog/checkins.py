"""Daily check-ins on 1-5 scales (mood, energy, sleep), and a small trend of recent weeks.

Pure: no disk, no screen. A check-in is a journal entry of kind ``checkin`` with the fields
``mood``, ``energy`` and ``sleep`` (each 1-5 or null) and the person's note as its text. One a day
is the norm; a second on the same day updates the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from mindlog.model import Entry

SCALES = ("mood", "energy", "sleep")
LOW, HIGH = 1, 5

# scale -> (question, what 1 and 5 mean)
QUESTIONS = {
    "mood": ("How is your mood?", "1 low, 5 good"),
    "energy": ("How is your energy?", "1 drained, 5 full of energy"),
    "sleep": ("How did you sleep?", "1 poorly, 5 well"),
}


class ScaleError(ValueError):
    """A value that is not a whole number from 1 to 5 (the message is meant for the person)."""


def parse_scale(name: str, raw: str) -> int:
    """``raw`` as a value of scale ``name``: a whole number from 1 to 5."""
    word = raw.strip()
    if word.isdigit() and LOW <= int(word) <= HIGH:
        return int(word)
    shown = raw if len(raw) <= 20 else raw[:19] + "…"
    raise ScaleError(f"{name} is {shown!r}: use a whole number from 1 to 5 ({QUESTIONS[name][1]})")


def value(entry: Entry, scale: str) -> int | None:
    """A check-in's value on ``scale``, or None when skipped (or not a usable number)."""
    got = entry.fields.get(scale)
    if isinstance(got, int) and not isinstance(got, bool) and LOW <= got <= HIGH:
        return got
    return None


# -- the trend of recent weeks -------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    start: date  # a Monday
    checkins: int  # days with a check-in
    averages: dict[str, float | None]  # scale -> average of the values given, or None


@dataclass(frozen=True)
class Trend:
    today: date
    weeks: tuple[Week, ...]  # oldest first; the last is the current week, so far

    @property
    def empty(self) -> bool:
        return not any(w.checkins for w in self.weeks)


def trend(entries: Iterable[Entry], today: date, weeks: int = 6) -> Trend:
    """Weekly averages (Monday to Sunday) of the check-ins of the last ``weeks`` weeks.

    Only days up to ``today`` count; a day with several check-in entries counts once, with the
    latest value given on each scale.
    """
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    per_day: dict[date, dict[str, int]] = {}
    for entry in entries:
        if entry.kind != "checkin":
            continue
        try:
            day = date.fromisoformat(entry.day)
        except ValueError:
            continue
        if not first <= day <= today:
            continue
        values = per_day.setdefault(day, {})
        for scale in SCALES:
            got = value(entry, scale)
            if got is not None:
                values[scale] = got
    result = []
    for n in range(weeks):
        start = first + timedelta(weeks=n)
        days = [d for d in per_day if start <= d < start + timedelta(days=7)]
        averages: dict[str, float | None] = {}
        for scale in SCALES:
            given = [per_day[d][scale] for d in days if scale in per_day[d]]
            averages[scale] = sum(given) / len(given) if given else None
        result.append(Week(start, len(days), averages))
    return Trend(today, tuple(result))


# -- day by day ----------------------------------------------------------------------------------


def day_means(
    entries: Iterable[Entry], scales: Iterable[str] = SCALES
) -> dict[date, dict[str, float]]:
    """For each day with a check-in, the mean of the values given on each scale that day.

    A scale left out (or not a whole number from 1 to 5) on every check-in of a day is absent
    from that day's values; days are logical days.
    """
    wanted = tuple(scales)
    given: dict[date, dict[str, list[int]]] = {}
    for entry in entries:
        if entry.kind != "checkin":
            continue
        try:
            day = date.fromisoformat(entry.day)
        except ValueError:
            continue
        for scale in wanted:
            got = value(entry, scale)
            if got is not None:
                given.setdefault(day, {}).setdefault(scale, []).append(got)
    return {
        day: {scale: sum(values) / len(values) for scale, values in per_scale.items()}
        for day, per_scale in given.items()
    }


def daily_series(
    entries: Iterable[Entry], today: date, days: int = 42
) -> dict[str, list[float | None]]:
    """For each scale, the day's mean for each of the last ``days`` days (oldest first, today
    last), None on a day without a value."""
    means = day_means(entries)
    window = [today - timedelta(days=n) for n in range(days - 1, -1, -1)]
    return {scale: [means.get(day, {}).get(scale) for day in window] for scale in SCALES}
