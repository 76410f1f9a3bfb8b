"""Reminders: what they can be for, when they ring, and the lines that install them (pure).

A reminder is for the morning routine (``morning``), a win (``win``), a check-in (``checkin``)
or a practice of your own (by its name; kept by its id, ``practice-ID``, so that no name of the
person's ends up in a file name, a timer's description or a notification). It rings at a time of
day on some days of the week, through a systemd user timer or a crontab line that runs
``mindlog remind fire KEY``; that command stays silent when the practice is done, on a rest day
or a hard day, in quiet hours, and on a day the reminder is not for (a timer catching up after
the computer was off). What it shows is one neutral line: no word the person wrote.

Everything here is text in, text out: mindlog.store.reminders writes the files and runs
``systemctl`` and ``crontab``; mindlog.usecases.reminders puts the two together.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time

from mindlog.domain.days import DateError, parse_day_start
from mindlog.domain.errors import MindlogError

BUILT_IN = ("morning", "win", "checkin")  # what a reminder can be for besides a practice
ALIASES = {"wins": "win", "check-in": "checkin"}
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY: tuple[int, ...] = tuple(range(7))
UNIT_PREFIX = "mindlog-remind-"  # systemd units mindlog-remind-KEY.service and .timer
CRON_MARK = "# mindlog-remind:"  # the end of the crontab line mindlog adds, with its key
PRACTICE_PREFIX = "practice-"

# The one line each reminder shows: never the person's words (a practice's name included).
MESSAGES = {
    "morning": "your morning routine is waiting",
    "win": "a moment for today's win, however small",
    "checkin": "a check-in is waiting, when you have a minute",
}
PRACTICE_MESSAGE = "a practice of yours is waiting"
TITLE = "mindlog"


@dataclass(frozen=True)
class Reminder:
    key: str  # morning, win, checkin or practice-ID: the name of its timer and crontab line
    at: str  # HH:MM
    days: tuple[int, ...] = EVERY_DAY  # the days of the week it rings (Monday is 0, as in datetime)
    how: str = "systemd"  # systemd or cron

    @property
    def time(self) -> time:
        return parse_day_start(self.at)

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "at": self.at, "days": list(self.days), "how": self.how}


def message(key: str) -> str:
    """The notification's line for a reminder: neutral, the same for every practice of one's own."""
    return MESSAGES.get(key, PRACTICE_MESSAGE)


def built_in(name: str) -> str | None:
    """``morning``, ``win`` or ``checkin`` for what the person typed; None for anything else."""
    word = name.strip().lower()
    word = ALIASES.get(word, word)
    return word if word in BUILT_IN else None


def practice_key(practice_id: str) -> str:
    """The key of a reminder for a practice of one's own: its id, cut to letters and digits."""
    safe = "".join(c for c in practice_id if c.isascii() and c.isalnum())[:12]
    return PRACTICE_PREFIX + (safe or "x")


def practice_ref(key: str) -> str | None:
    """The start of the practice id a key names (``practice_key``); None for a built-in."""
    return key[len(PRACTICE_PREFIX) :] if key.startswith(PRACTICE_PREFIX) else None


_KEY = re.compile(r"^(morning|win|checkin|practice-[A-Za-z0-9]{1,12})$")


def valid_key(key: str) -> bool:
    return bool(_KEY.match(key))


def read_time(text: str) -> str:
    """``HH:MM`` as typed (8:30 too), written 08:30; MindlogError for anything else."""
    try:
        at = parse_day_start(text)
    except DateError as exc:
        raise MindlogError(str(exc), "a reminder's time is HH:MM, such as 08:30") from None
    return f"{at.hour:02d}:{at.minute:02d}"


def read_days(text: str | None) -> tuple[int, ...]:
    """``mon-fri``, ``mon,wed,fri``, ``sat-sun``, ``daily`` (full names too) as the numbers of
    the days of the week (Monday is 0, as in datetime)."""
    if text is None:
        return EVERY_DAY
    word = text.strip().lower()
    if word in ("daily", "every", "everyday", "every day", "all", "*"):
        return EVERY_DAY
    if word in ("weekdays",):
        return tuple(range(5))
    if word in ("weekends", "weekend"):
        return (5, 6)
    found: set[int] = set()
    for part in (p.strip() for p in word.split(",")):
        ends = [e.strip() for e in part.split("-")]
        if len(ends) > 2 or not all(ends):
            raise _bad_days(text)
        first, last = (_day(e, text) for e in (ends[0], ends[-1]))
        day = first
        found.add(day)
        while day != last:  # sat-mon wraps round the week
            day = (day + 1) % 7
            found.add(day)
    return tuple(sorted(found))


def _day(word: str, typed: str) -> int:
    for number, name in enumerate(DAY_NAMES):
        full = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        if word in (name, full[number]):
            return number
    raise _bad_days(typed)


def _bad_days(typed: str) -> MindlogError:
    return MindlogError(
        f"{typed.strip()!r} is not a set of days mindlog knows",
        "try mon-fri, sat-sun, mon,wed,fri or daily",
    )


def days_words(days: Sequence[int]) -> str:
    """The days as a person reads them: every day, mon-fri, mon, wed, fri."""
    chosen = sorted(set(days))
    if chosen == list(EVERY_DAY):
        return "every day"
    if len(chosen) > 2 and chosen == list(range(chosen[0], chosen[-1] + 1)):
        return f"{DAY_NAMES[chosen[0]]}-{DAY_NAMES[chosen[-1]]}"
    return ", ".join(DAY_NAMES[d] for d in chosen)


# -- quiet hours ---------------------------------------------------------------------------------

_QUIET = re.compile(r"^\s*([0-9]{1,2}:[0-9]{2})\s*-\s*([0-9]{1,2}:[0-9]{2})\s*$")


def read_quiet_hours(text: str) -> tuple[time, time]:
    """``22:00-07:00`` as (start, end); ValueError with words for the person otherwise."""
    match = _QUIET.match(text)
    if match is None:
        raise ValueError(f"{text.strip()!r} is not a span of time like 22:00-07:00")
    try:
        start, end = parse_day_start(match.group(1)), parse_day_start(match.group(2))
    except DateError as exc:
        raise ValueError(str(exc)) from None
    if start == end:
        raise ValueError("quiet hours need a start and an end that differ, like 22:00-07:00")
    return start, end


def quiet(moment: time, hours: tuple[time, time] | None) -> bool:
    """Whether ``moment`` falls in the quiet hours (start included, end not; they may span
    midnight)."""
    if hours is None:
        return False
    start, end = hours
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def rings_now(reminder: Reminder, moment: datetime) -> bool:
    """Whether a reminder run at ``moment`` is its own ring of that day: on one of its days and
    at or after its time (a timer that catches up at start-up, before that day's time, is an
    earlier day's, which has passed)."""
    return moment.weekday() in reminder.days and moment.time() >= reminder.time


# -- systemd and cron ----------------------------------------------------------------------------


def unit_name(key: str, suffix: str) -> str:
    return f"{UNIT_PREFIX}{key}.{suffix}"


def on_calendar(reminder: Reminder) -> str:
    """systemd's OnCalendar= for the reminder's days and time."""
    chosen = sorted(set(reminder.days))
    day_part = ""
    if chosen != list(EVERY_DAY):
        names = [DAY_NAMES[d].capitalize() for d in chosen]
        day_part = ",".join(names) + " "
    return f"{day_part}*-*-* {reminder.at}:00"


def _systemd_word(word: str) -> str:
    """One word of ExecStart= or Environment=, quoted for systemd; ``%`` doubled (a specifier)."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'"{escaped}"'


def service_text(key: str, command: Sequence[str], env: dict[str, str]) -> str:
    lines = [
        "# Added by mindlog remind add; mindlog remind remove takes it away.",
        "[Unit]",
        "Description=mindlog reminder",
        "",
        "[Service]",
        "Type=oneshot",
        *(f"Environment={_systemd_word(f'{k}={v}')}" for k, v in sorted(env.items())),
        "ExecStart=" + " ".join(_systemd_word(w) for w in [*command, "remind", "fire", key]),
    ]
    return "\n".join(lines) + "\n"


def timer_text(reminder: Reminder) -> str:
    lines = [
        "# Added by mindlog remind add; mindlog remind remove takes it away.",
        "[Unit]",
        "Description=mindlog reminder",
        "",
        "[Timer]",
        f"OnCalendar={on_calendar(reminder)}",
        "Persistent=true",
        "",
        "[Install]",
        "WantedBy=timers.target",
    ]
    return "\n".join(lines) + "\n"


def cron_line(reminder: Reminder, command: Sequence[str], env: dict[str, str]) -> str:
    """The crontab line (without its newline): when, what, and the mark that finds it again."""
    at = reminder.time
    chosen = sorted(set(reminder.days))
    dow = "*" if chosen == list(EVERY_DAY) else ",".join(str((d + 1) % 7) for d in chosen)
    words = [f"{k}={shlex.quote(v)}" for k, v in sorted(env.items())]
    words += [shlex.quote(w) for w in [*command, "remind", "fire", reminder.key]]
    # In a crontab, % ends the command (what follows is its standard input): escaped.
    run = " ".join(words).replace("%", "\\%")
    return f"{at.minute} {at.hour} * * {dow} {run} >/dev/null 2>&1 {CRON_MARK}{reminder.key}"


def is_marked(line: str, key: str | None = None) -> bool:
    """Whether a crontab line is one mindlog added (for ``key``, when given)."""
    mark = line.rstrip("\r").rpartition(CRON_MARK)
    if not mark[1]:
        return False
    return key is None or mark[2].strip() == key


def with_line(crontab: str, line: str, key: str) -> str:
    """``crontab`` with ``line`` added (in place of any line mindlog added for ``key``); every
    other line kept exactly as it was."""
    kept = without_line(crontab, key)
    if kept and not kept.endswith("\n"):
        kept += "\n"
    return kept + line + "\n"


def without_line(crontab: str, key: str) -> str:
    """``crontab`` without the line mindlog added for ``key``; every other line as it was."""
    return "".join(
        line for line in crontab.splitlines(keepends=True) if not is_marked(line.rstrip("\n"), key)
    )
