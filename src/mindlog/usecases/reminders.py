"""`mindlog remind`: add, list and remove reminders on this computer, and ring one.

What a reminder can be for, when it rings and the text of what is installed are the domain's
(mindlog.domain.reminders); the record and the installing are the store's
(mindlog.store.reminders). ``fire`` is what the timer or crontab line runs: it never prints and
always ends with exit code 0, so a reminder can never fill a log or a mailbox with errors.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mindlog.domain import reminders as rules
from mindlog.domain.errors import MindlogError
from mindlog.store import reminders as installed

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from mindlog.cache.view import Cached, Full
    from mindlog.domain.practices import Practice
    from mindlog.store.paths import Locations
    from mindlog.usecases.session import Session

# The variables a reminder runs with, when they are set here: the same journal, the same device.
CARRIED = ("MINDLOG_HOME", "MINDLOG_MACHINE_ID")

NO_WAY = (
    "this computer has neither a systemd user instance nor crontab, so mindlog cannot set a "
    "reminder here"
)
NO_CRONTAB = "crontab is not installed on this computer"


@dataclass
class Prepared:
    """A reminder ready to install, and what installing it writes (shown first)."""

    reminder: rules.Reminder
    label: str  # what it is for, in the person's words (shown on their own terminal only)
    command: list[str]
    env: dict[str, str]
    files: dict[Path, str] = field(default_factory=dict)  # systemd: each unit and its text
    line: str = ""  # cron: the line
    replaces: rules.Reminder | None = None


def command() -> list[str]:
    """What the reminder runs: this Python and this mindlog (a timer has no shell's PATH)."""
    return [sys.executable, "-m", "mindlog"]


def carried_env() -> dict[str, str]:
    found = {}
    for name in CARRIED:
        value = os.environ.get(name)
        if value:
            if "\n" in value or "\r" in value:
                raise MindlogError(f"{name} holds a line break, which a timer cannot carry")
            if name == "MINDLOG_HOME":  # a timer starts in another folder, without a shell
                value = os.path.abspath(os.path.expanduser(value))
            found[name] = value
    return found


def _practices(session: Session) -> list[Practice]:
    from mindlog.domain import practices

    return practices.defined(session.view().of_kind("practicedef"))


def what_for(session: Session, name: str) -> tuple[str, str]:
    """(key, label) of what ``name`` asks to be reminded of: morning, win, checkin, or a
    practice of one's own by its name (or the first letters of it)."""
    word = rules.built_in(name)
    if word is not None:
        return word, {"morning": "your morning routine", "win": "a win", "checkin": "a check-in"}[
            word
        ]
    from mindlog.domain import practices

    mine = _practices(session)
    if not mine:
        raise MindlogError(
            f"a reminder can be for morning, win, checkin or a practice of yours; {name!r} is none",
            "add a practice first with: mindlog practice add NAME",
        )
    try:
        practice = practices.match(mine, name)
    except MindlogError as exc:
        raise MindlogError(
            exc.message, "a reminder can be for morning, win, checkin or a practice of yours"
        ) from None
    return rules.practice_key(practice.id), practice.name


def prepare(session: Session, name: str, at: str, days: str | None, cron: bool = False) -> Prepared:
    """Work out the reminder and what installing it would write; nothing is written yet."""
    key, label = what_for(session, name)
    when = rules.read_time(at)
    chosen = rules.read_days(days)
    if cron:
        if not installed.has_crontab():
            raise MindlogError(NO_CRONTAB)
        how = "cron"
    elif installed.has_systemd_user():
        how = "systemd"
    elif installed.has_crontab():
        how = "cron"
    else:
        raise MindlogError(NO_WAY, "a desktop's own reminders or a calendar can do it instead")
    reminder = rules.Reminder(key, when, chosen, how)
    found = Prepared(reminder, label, command(), carried_env())
    found.replaces = installed.load(session.where).get(key)
    if how == "systemd":
        folder = installed.unit_folder()
        found.files = {
            folder / rules.unit_name(key, "service"): rules.service_text(
                key, found.command, found.env
            ),
            folder / rules.unit_name(key, "timer"): rules.timer_text(reminder),
        }
    else:
        installed.read_crontab()  # one that cannot be read is said now, before anything is asked
        found.line = rules.cron_line(reminder, found.command, found.env)
    return found


def install(session: Session, prepared: Prepared) -> None:
    """Install what ``prepare`` showed (taking away an earlier reminder for the same thing first),
    and record it for this computer."""
    reminder = prepared.reminder
    if prepared.replaces is not None:
        take_away(session.where, prepared.replaces)
    if reminder.how == "systemd":
        texts = {p.suffix: t for p, t in prepared.files.items()}
        installed.install_timer(reminder.key, texts[".service"], texts[".timer"])
    else:
        before = installed.read_crontab()
        after = rules.with_line(before, prepared.line, reminder.key)
        installed.write_crontab(session.where, before, after)
    installed.keep(session.where, reminder, reminder.key)


def take_away(where: Locations, reminder: rules.Reminder) -> None:
    """Undo exactly what installing ``reminder`` added."""
    if reminder.how == "systemd":
        installed.remove_timer(reminder.key)
    else:
        before = installed.read_crontab()
        after = rules.without_line(before, reminder.key)
        if after != before:
            installed.write_crontab(where, before, after)
    installed.keep(where, None, reminder.key)


def find(session: Session, name: str) -> rules.Reminder:
    """The reminder installed here that ``name`` names (what it is for, as ``add`` took it)."""
    kept = installed.load(session.where)
    word = rules.built_in(name)
    if word is not None and word in kept:
        return kept[word]
    if name in kept:  # its key, as `remind list` shows for a practice that is gone
        return kept[name]
    if word is None:
        from mindlog.domain import practices

        try:
            practice = practices.match(_practices(session), name)
        except MindlogError:
            practice = None
        if practice is not None:
            for ref in practice.ids:
                if rules.practice_key(ref) in kept:
                    return kept[rules.practice_key(ref)]
    raise MindlogError(
        f"there is no reminder for {name!r} on this computer", "see them with: mindlog remind list"
    )


def labels(session: Session, keys: list[str]) -> dict[str, str]:
    """What each reminder is for, in words: a practice's name when the journal can be read."""
    found = {"morning": "morning routine", "win": "a win", "checkin": "a check-in"}
    wanted = [k for k in keys if rules.practice_ref(k) is not None]
    if wanted:
        try:
            mine = _practices(session)
        except MindlogError:
            mine = []
        for practice in mine:
            for ref in practice.ids:
                found.setdefault(rules.practice_key(ref), practice.name)
    return {k: found.get(k, f"a practice of yours ({k})") for k in keys}


def listing(session: Session) -> list[tuple[rules.Reminder, str]]:
    kept = installed.load(session.where)
    names = labels(session, list(kept))
    return [(kept[k], names[k]) for k in sorted(kept)]


# -- ringing -------------------------------------------------------------------------------------


def fire(key: str) -> int:
    """What a timer runs: a notification with one neutral line, unless the practice is done
    today, today is a rest day or a hard day, it is quiet hours, or it is not this reminder's
    time (a timer catching up at start-up). Prints nothing; always 0."""
    try:
        if rules.valid_key(key) and _wanted(key):
            installed.notify(rules.TITLE, rules.message(key))
    except Exception:  # noqa: BLE001 - a reminder never ends in an error
        pass
    return 0


def _wanted(key: str) -> bool:
    from mindlog.domain.days import logical_day, now
    from mindlog.store import config
    from mindlog.store.paths import locations

    where = locations()
    settings = config.load(where)
    moment = now()
    reminder = installed.load(where).get(key)
    if reminder is None:
        return False  # removed on this computer: its timer, if still there, rings for nothing
    if not rules.rings_now(reminder, moment):
        return False
    hours = settings.get("quiet_hours")
    if isinstance(hours, str):
        try:
            span = rules.read_quiet_hours(hours)
        except ValueError:
            span = None
        if rules.quiet(moment.time(), span):
            return False
    today = logical_day(moment, settings.day_start)
    try:
        view = _view(where)
    except MindlogError:
        return True  # locked (or unreadable): mindlog cannot tell, so it reminds
    if view is None:
        return True  # nothing written yet: nothing is done
    return state(view, key, today) == "open"


def _view(where: Locations) -> Cached | Full | None:
    """The journal's questions, from the cache as greet reads it; never asks for a passphrase."""
    from mindlog import cache
    from mindlog.store import lines as journal_lines

    with journal_lines.never_asking():
        from mindlog.store.format import sealed_journal

        if sealed_journal(where.journal):
            from mindlog.store import keys

            keys.opener(where, asking=False)
            journal_lines.open_for(where)
        found: Cached | Full | None = cache.open_view(where, None)
        if found is None:
            from mindlog.cache.view import Full
            from mindlog.domain.journal import replay
            from mindlog.store.eventlog import Store

            if not where.journal.exists():
                return None
            result = Store(where).read()
            found = Full(replay(result.events))
    return found


def state(view: Cached | Full, key: str, today: date) -> str:
    """``done``, ``rest`` (a rest day or a hard day), ``gone`` (a practice no longer followed)
    or ``open``, for what ``key`` reminds of."""
    from mindlog.domain import practices

    days = view.practice_days(today)
    if today in days.rest or today in days.setback:
        return "rest"
    if key == "morning":
        return "done" if today in days.done["morning"] else "open"
    if key == "win":
        return "done" if today in days.done["wins"] else "open"
    if key == "checkin":
        return "done" if view.on(today, "checkin") else "open"
    entries = view.of_kind(*practices.SETUP)
    for figure in practices.figures(entries, today, view.practice_marks()):
        practice = figure.practice
        if key not in {rules.practice_key(ref) for ref in practice.ids}:
            continue
        rested = any(
            practices.rests_for(e, practice) and e.day == today.isoformat()
            for e in view.on(today, "rest")
        )
        if rested:
            return "rest"
        return "done" if figure.done_today else "open"
    return "gone"
