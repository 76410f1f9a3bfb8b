"""Daily check-ins on 1-5 scales (mood, energy, sleep), and a small trend of recent weeks.

Pure: no disk, no screen. A check-in is a journal entry of kind ``checkin`` with the fields
``mood``, ``energy`` and ``sleep`` (each 1-5 or null), the person's own scales in ``scales``
(a name -> 1-5 object) and the person's note as its text. Each check-in is its own entry, with
its time of day; views use the mean of a day's check-ins and say how many there were.

A scale of your own (`mindlog checkin scales add anxiety`) is an entry of kind ``scale`` with the
field ``name``, so it syncs with the journal; removing one deletes that entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import NamedTuple

from mindlog.domain.model import Entry
from mindlog.domain.typed import digits_hint, name, name_key, whole

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
    """``raw`` as a value of scale ``name``: a whole number from 1 to 5 (digits 0 to 9)."""
    number = whole(raw, LOW, HIGH)
    if number is not None:
        return number
    shown = raw if len(raw) <= 20 else raw[:19] + "…"
    meaning = QUESTIONS.get(name, own_question(name))[1]
    raise ScaleError(
        f"{name} is {shown!r}: use a whole number from 1 to 5 ({meaning}){digits_hint(raw)}"
    )


def own_question(name: str) -> tuple[str, str]:
    """The question for a scale of your own (its name is the person's own word)."""
    return (f"And {name}?", "1 low, 5 high")


def count_words(count: int, today: bool) -> str:
    """How many check-ins the day has now, each kept with its time."""
    when = "today" if today else "that day"
    return f"That is {count} check-ins {when}, each kept with its time; views use the day's mean."


SCALE_ADDED = "Added. It is asked after mood, energy and sleep, and Enter always skips it."
SCALE_REMOVED = "It is no longer asked. Every value you gave stays in your check-ins."
SCALES_NONE = (
    "No scales of your own yet. Add one whenever you like, e.g. mindlog checkin scales add anxiety"
)


def value(entry: Entry, scale: str) -> int | None:
    """A check-in's value on ``scale``, or None when skipped (or not a usable number).

    A scale of your own is found by its name however it was typed (``name_key``): a check-in
    made on another device may have written it in another Unicode form.
    """
    if scale in SCALES:
        return _usable(entry.fields.get(scale))
    own = entry.fields.get("scales")
    if not isinstance(own, dict):
        return None
    got = _usable(own.get(scale))
    if got is not None:
        return got
    wanted = name_key(scale)
    for key, given in own.items():
        if isinstance(key, str) and key != scale and name_key(key) == wanted:
            got = _usable(given)
            if got is not None:
                return got
    return None


def _usable(got: object) -> int | None:
    if isinstance(got, int) and not isinstance(got, bool) and LOW <= got <= HIGH:
        return got
    return None


def same_scale(a: str, b: str) -> bool:
    """Whether two scale names are one scale (mindlog.domain.typed.name_key)."""
    return name_key(a) == name_key(b)


def find_scale(names: Iterable[str], typed: str) -> str | None:
    """The name among ``names`` that ``typed`` is, as it is kept; None when it is none of them."""
    wanted = name_key(typed)
    return next((known for known in names if name_key(known) == wanted), None)


def built_in(typed: str) -> str | None:
    """The built-in scale ``typed`` names (``Mood`` is mood), or None."""
    return find_scale(SCALES, typed)


def _add_scales(found: list[str], entry: Entry) -> None:
    """Add to ``found`` the scales of your own ``entry`` gave a value on, each name once."""
    extra = entry.fields.get("scales")
    if not isinstance(extra, dict):
        return
    for key in extra:
        if not isinstance(key, str) or find_scale(found, key) is not None:
            continue
        if built_in(key) is None and value(entry, key) is not None:
            found.append(key)


# -- scales of your own and several check-ins a day ---------------------------------------------


def check_scale_name(raw: str) -> str:
    """A scale's name: one word, kept in small letters (Unicode NFC), compared without case
    (mindlog.domain.typed.name_key), not one of the three built in."""
    word = name(raw).lower()
    if not word or len(word) > 20 or not word.replace("-", "").isalnum():
        raise ScaleError(
            f"{raw.strip()[:20]!r} cannot be a scale's name: use one short word, like anxiety or pain"
        )
    if built_in(word) is not None:
        raise ScaleError(f"{word} is asked in every check-in already")
    return word


def own_scales(entries: Iterable[Entry]) -> list[tuple[str, str]]:
    """(entry id, name) of each scale of your own, in the order they were added."""
    found: dict[str, str] = {}
    for entry in sorted((e for e in entries if e.kind == "scale"), key=lambda e: e.written):
        called = name(str(entry.fields.get("name", ""))).lower()
        if called and find_scale(found.values(), called) is None and built_in(called) is None:
            found[entry.id] = called
    return list(found.items())


def scale_ids(entries: Iterable[Entry], called: str) -> list[str]:
    """The ids of every ``scale`` entry naming ``called`` (two devices may each have added it,
    perhaps typed in two Unicode forms): removing a scale removes them all."""
    return [
        e.id
        for e in entries
        if e.kind == "scale" and same_scale(str(e.fields.get("name", "")), called)
    ]


def mean_of(checkins: Iterable[Entry], scales: Iterable[str] = SCALES) -> dict[str, float | None]:
    """The mean of each scale over some check-ins (a day's), None where none was given."""
    chosen = list(checkins)
    means: dict[str, float | None] = {}
    for scale in scales:
        given = [v for v in (value(c, scale) for c in chosen) if v is not None]
        means[scale] = sum(given) / len(given) if given else None
    return means


# -- the trend of recent weeks -------------------------------------------------------------------


class Week(NamedTuple):  # a tuple of values: made at once, where a dataclass is made slowly
    start: date  # a Monday
    checkins: int  # days with a check-in
    averages: dict[str, float | None]  # scale -> average of the days' means, or None
    entries: int = 0  # check-ins (several a day count one by one)


class Trend(NamedTuple):
    today: date
    weeks: tuple[Week, ...]  # oldest first; the last is the current week, so far
    scales: tuple[str, ...] = SCALES  # the three built in, then your own that have values

    @property
    def empty(self) -> bool:
        return not any(w.checkins for w in self.weeks)


def dated(entries: Iterable[Entry]) -> Iterator[tuple[date, Entry]]:
    """Each check-in among ``entries`` with its logical day (one whose day is not a date is left
    out)."""
    for entry in entries:
        if entry.kind != "checkin":
            continue
        try:
            day = date.fromisoformat(entry.day)
        except ValueError:
            continue
        yield day, entry


def trend(
    entries: Iterable[Entry], today: date, weeks: int = 6, since: date | None = None
) -> Trend:
    """Weekly averages (Monday to Sunday) of the check-ins of the last ``weeks`` weeks, none
    before the week of ``since`` (the first day shown up: nothing before it is drawn).

    Only days up to ``today`` count; a day with several check-ins counts once, with the mean of
    the values given on each scale that day. Scales of your own are added after the three built
    in, each once any check-in in these weeks gave it a value.
    """
    monday = today - timedelta(days=today.weekday())
    if since is not None and since <= today:
        weeks = min(weeks, (monday - (since - timedelta(days=since.weekday()))).days // 7 + 1)
    first = monday - timedelta(weeks=weeks - 1)
    by_day: dict[date, list[Entry]] = {}
    own: list[str] = []
    for day, entry in dated(entries):
        if not first <= day <= today:
            continue
        by_day.setdefault(day, []).append(entry)
        _add_scales(own, entry)
    scales = (*SCALES, *own)
    per_day = {day: mean_of(found, scales) for day, found in by_day.items()}
    result = []
    for n in range(weeks):
        start = first + timedelta(weeks=n)
        days = [d for d in per_day if start <= d < start + timedelta(days=7)]
        averages: dict[str, float | None] = {}
        for scale in scales:
            given = [m for m in (per_day[d][scale] for d in days) if m is not None]
            averages[scale] = sum(given) / len(given) if given else None
        count = sum(len(by_day[d]) for d in days)
        result.append(Week(start, len(days), averages, count))
    return Trend(today, tuple(result), scales)


def day_scales(checkins: Iterable[Entry]) -> list[str]:
    """The scales some of these check-ins gave a value on: the three built in, then your own."""
    found = list(SCALES)
    for entry in checkins:
        _add_scales(found, entry)
    return found


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
    for day, entry in dated(entries):
        for scale in wanted:
            got = value(entry, scale)
            if got is not None:
                given.setdefault(day, {}).setdefault(scale, []).append(got)
    return {
        day: {scale: sum(values) / len(values) for scale, values in per_scale.items()}
        for day, per_scale in given.items()
    }


def daily_series(
    entries: Iterable[Entry], today: date, days: int = 42, since: date | None = None
) -> dict[str, list[float | None]]:
    """For each scale, the day's mean for each of the last ``days`` days (oldest first, today
    last), None on a day without a value; none before ``since`` (the first day shown up)."""
    if since is not None and since <= today:
        days = max(1, min(days, (today - since).days + 1))
    means = day_means(entries)
    window = [today - timedelta(days=n) for n in range(days - 1, -1, -1)]
    return {scale: [means.get(day, {}).get(scale) for day in window] for scale in SCALES}
