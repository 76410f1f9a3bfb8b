"""What day it is.

A logical day starts at ``day_starts_at`` (default 04:00): a win logged at 01:30 belongs to the
day before. Every entry keeps the local time with its UTC offset and the logical day it was given
when written, so travelling or a change of daylight-saving time never moves an old entry.

The clock can be set with ``MINDLOG_NOW`` (an ISO 8601 time, with or without an offset) so that
tests, and a person checking how mindlog behaves at a given hour, need not wait for real time.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta

from mindlog.domain.typed import digits_hint, whole

DEFAULT_DAY_START = time(4, 0)
# Times and dates are written with the digits 0 to 9 (``[0-9]``: ``\d`` takes every script's).
_HHMM = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


class DateError(ValueError):
    """A date or time the person typed that mindlog cannot use."""


def now() -> datetime:
    """The current local time, with its UTC offset."""
    fixed = os.environ.get("MINDLOG_NOW")
    if fixed:
        try:
            moment = datetime.fromisoformat(fixed)
        except ValueError as exc:
            raise DateError(f"MINDLOG_NOW is not an ISO 8601 time: {fixed!r}") from exc
        return moment.astimezone() if moment.tzinfo is None else moment
    return datetime.now().astimezone()


def parse_day_start(text: str) -> time:
    """Parse ``HH:MM`` (00:00 to 23:59)."""
    match = _HHMM.match(text.strip())
    if not match:
        raise DateError(f"{text!r} is not a time of day like 04:00{digits_hint(text)}")
    return time(_number(match.group(1)), _number(match.group(2)))


def _number(digits: str) -> int:
    """A part of a date or time the patterns above found (mindlog.domain.typed.whole)."""
    number = whole(digits)
    if number is None:  # pragma: no cover - the patterns take the digits 0 to 9 only
        raise DateError(f"{digits!r} is not a number")
    return number


def logical_day(moment: datetime, day_start: time = DEFAULT_DAY_START) -> date:
    """The logical day that ``moment`` (a local time) belongs to."""
    shifted = moment - timedelta(hours=day_start.hour, minutes=day_start.minute)
    return shifted.date()


def stamp(moment: datetime) -> str:
    """ISO 8601 local time with its UTC offset, to the second."""
    return moment.isoformat(timespec="seconds")


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Compiled when first used (re keeps them): only a command given a day reads one.
_SPAN = r"^([0-9]{1,5})\s*(d|days?|w|weeks?|m|months?|y|years?)$"
_ISO = r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$"  # 2026-11-05, and 2026-11-5 too
DAY_HELP = "today, yesterday, a weekday (monday), YYYY-MM-DD, or the last few days: 3d, 2w, 1m."
WHEN_HELP = DAY_HELP  # the same words for --since and --until


def months_back(day: date, months: int) -> date:
    """The same day ``months`` earlier, or the last day of that month when it is shorter."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    if year < 1:
        raise DateError("that is further back than the calendar goes")
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise DateError("that is not a date on the calendar")  # pragma: no cover


def span_start(count: int, unit: str, today: date) -> date:
    """The first day of the last ``count`` days, weeks, months or years, today included.

    ``7d`` is today and the six days before (as reflect's "last 7 days"), ``4w`` 28 days, ``1m``
    the days after the same day a month ago up to today, ``1y`` likewise a year.
    """
    if count < 1:
        raise DateError(f"{count}{unit} covers no days: the shortest span is 1d, today")
    try:
        if unit == "d":
            return today - timedelta(days=count - 1)
        if unit == "w":
            return today - timedelta(days=7 * count - 1)
        return months_back(today, count * (12 if unit == "y" else 1)) + timedelta(days=1)
    except OverflowError:
        raise DateError("that is further back than the calendar goes") from None


def read_day(text: str, today: date, *, future: bool = False) -> date:
    """The one reader of days, for every option that takes one (``--date``, ``--since``, ...).

    ``today``, ``yesterday``; a weekday's name (``monday`` or ``mon``: the most recent such
    day, today included, so ``saturday`` on a Saturday is today); ``YYYY-MM-DD``; or a span back
    from today (``3d``, ``2w``, ``1m``, ``1y``, also written out: ``3 days``), which stands for
    its first day (see ``span_start``). A day after today is refused unless ``future`` is set.
    """
    word = " ".join(text.strip().lower().split())
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if len(word) >= 3 and word.isalpha():
        for number, name in enumerate(WEEKDAYS):
            if name.startswith(word):
                return today - timedelta(days=(today.weekday() - number) % 7)
    span = re.match(_SPAN, word)
    if span:
        return span_start(_number(span.group(1)), span.group(2)[0], today)
    iso = re.match(_ISO, word)
    if not iso:
        raise DateError(
            f"{text.strip()!r} is not a date mindlog can read; "
            f"try today, yesterday, monday, 2026-11-20 or 3d{digits_hint(text)}"
        )
    try:
        day = date(_number(iso.group(1)), _number(iso.group(2)), _number(iso.group(3)))
    except ValueError:
        raise DateError(f"{word} is not a date on the calendar") from None
    if day > today and not future:
        raise DateError(f"{day.isoformat()} is in the future: mindlog records what has happened")
    return day


def parse_day(text: str, today: date) -> date:
    """A ``--date`` value: any day ``read_day`` reads, never after today."""
    return read_day(text, today)


def parse_when(text: str, today: date) -> date:
    """A ``--since`` or ``--until`` value: any day ``read_day`` reads (a filter may name a day
    still to come; it simply finds nothing there)."""
    return read_day(text, today, future=True)


AWAY = 3  # days without any entry after which mindlog welcomes the person back


def days_away(days: set[date], today: date) -> int:
    """How many days in a row, just before today, had no entry (0 for someone new)."""
    earlier = [d for d in days if d < today]
    return (today - max(earlier)).days - 1 if earlier else 0


def welcome_back(days: set[date], today: date, gap: int = AWAY) -> bool:
    """True when the person comes back after ``gap`` days or more without any entry: all that
    day, before and after they write something."""
    return days_away(days, today) >= gap


def friendly_moment(iso: str) -> str:
    """A moment for people: ``Saturday 28 November 2026 at 10:00`` (the text itself if not a time)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{friendly(moment.date().isoformat())} at {moment:%H:%M}"


def short(iso: str, year: bool = False) -> str:
    """A day said briefly: ``Sat 28 Nov`` (``Sat 28 Nov 2026`` with ``year``; the text itself if
    not a date)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day:%a} {day.day} {day:%b}" + (f" {day.year}" if year else "")


def friendly(iso: str) -> str:
    """A logical day for people: ``Saturday 28 November 2026`` (the text itself if not a date)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day:%A} {day.day} {day:%B %Y}"
