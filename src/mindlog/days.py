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

DEFAULT_DAY_START = time(4, 0)
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


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
        raise DateError(f"{text!r} is not a time of day like 04:00")
    return time(int(match.group(1)), int(match.group(2)))


def logical_day(moment: datetime, day_start: time = DEFAULT_DAY_START) -> date:
    """The logical day that ``moment`` (a local time) belongs to."""
    shifted = moment - timedelta(hours=day_start.hour, minutes=day_start.minute)
    return shifted.date()


def stamp(moment: datetime) -> str:
    """ISO 8601 local time with its UTC offset, to the second."""
    return moment.isoformat(timespec="seconds")


def parse_day(text: str, today: date) -> date:
    """Parse a ``--date`` value: ``today``, ``yesterday`` or ``YYYY-MM-DD``; never the future."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
        raise DateError(f"{text!r} is not a date: use today, yesterday or YYYY-MM-DD")
    try:
        day = date.fromisoformat(word)
    except ValueError:
        raise DateError(f"{text!r} is not a date on the calendar") from None
    if day > today:
        raise DateError(f"{day.isoformat()} is in the future: mindlog records what has happened")
    return day


def friendly(iso: str) -> str:
    """A logical day for people: ``Saturday 28 November 2026`` (the text itself if not a date)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day:%A} {day.day} {day:%B %Y}"
