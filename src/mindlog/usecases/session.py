"""The session every command works in, and which errors a person is told about in one line.

Free of Typer and rich, so that the Typer commands (mindlog.cli) and the fast path for the most
frequent commands (mindlog.cli.quick) share it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from mindlog.domain.days import DateError, logical_day, now, parse_day, stamp
from mindlog.domain.errors import MindlogError
from mindlog.domain.journal import Journal, TextError, replay
from mindlog.render import out
from mindlog.store import config
from mindlog.store.eventlog import ReadResult, Store
from mindlog.store.lines import never_asking
from mindlog.store.paths import Locations, check_home, locations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from typing import Any

    from mindlog.cache.view import Cached, Full


def user_error(exc: BaseException) -> tuple[str, str | None] | None:
    """The (message, hint) to show for an error a person can cause or meet; None for a bug."""
    if isinstance(exc, (MindlogError, TextError, DateError)):
        return getattr(exc, "message", None) or str(exc), getattr(exc, "hint", None)
    if isinstance(exc, OSError):
        name = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return f"{exc.strerror or exc}{name}", None
    return None


class Session:
    """What one command run needs: where the files are, the settings, the store, the day."""

    def __init__(self, *, lean: bool = False) -> None:
        """``lean``: for ``win``, which must stay quick and never reads the journal: the personal
        settings are this computer's copy in config.json (brought up to date by every command
        that reads the journal), not the journal's own."""
        check_home()
        self.where: Locations = locations()
        self.config = config.load(self.where)
        if self.config.problem:
            out.note(self.config.problem)
        self.now: datetime = now()
        self.store = Store(self.where, clock=lambda: int(self.now.timestamp() * 1_000_000))
        self._journal: Journal | None = None
        self._view: Cached | Full | None = None
        self.read_result: ReadResult | None = None
        self.locked = False  # the last write_after_reading met an encrypted journal, locked
        self.today: date = logical_day(self.now, self.config.day_start)
        if not lean:
            self._personal_settings()
        self.today = logical_day(self.now, self.config.day_start)

    def _personal_settings(self) -> None:
        """The personal settings (country, day_starts_at, greet_private) as the journal has them,
        in place of config.json's (this computer's copy, used when the journal cannot be read
        without the passphrase); the small files of earlier versions are taken in first."""
        from mindlog.domain.personal import JOURNAL_SETTINGS
        from mindlog.usecases import personal

        try:
            found = personal.journal_settings(self)
        except (MindlogError, OSError):
            return
        if found is None:
            return
        values, _ = config.checked(found)
        copy = {k: self.config.values.get(k) for k in JOURNAL_SETTINGS}
        for name in JOURNAL_SETTINGS:
            if name in values:
                self.config.values[name] = values[name]
            else:
                self.config.values.pop(name, None)
        mine = {k: self.config.values.get(k) for k in JOURNAL_SETTINGS}
        if mine != copy and not self.config.problem:
            personal.remember(self.where, mine)

    @property
    def at(self) -> str:
        return stamp(self.now)

    def day(self, option: str | None) -> date:
        return self.today if option is None else parse_day(option, self.today)

    def when(self, day: date) -> tuple[str, dict[str, Any]]:
        """The ``at`` of a new entry for ``day``, and the fields that say how it was timed.

        Today's entries carry the moment they were written. An entry written for an earlier day
        has no clock time of its own: its ``at`` is noon of that day (or the day's start, when
        a day starts after noon), with ``"timed": false``, and it is shown without a time.
        """
        if day >= self.today:
            return self.at, {}
        start = self.config.day_start
        clock = start if (start.hour, start.minute) > (12, 0) else time(12, 0)
        return stamp(datetime.combine(day, clock, tzinfo=self.now.tzinfo)), {"timed": False}

    def journal(self) -> Journal:
        """The journal, read once per command; damaged lines are reported once on stderr."""
        if self._journal is None:
            result = self.store.read()
            self.read_result = result
            journal = replay(result.events)
            _tell_problems(len(result.problems) + len(journal.problems))
            self._journal = journal
        return self._journal

    def journal_for_writing(self) -> Journal | None:
        """The journal a change is built on; None when it is encrypted and locked here.

        Writing never needs the passphrase (and never asks for it): a command then writes its
        change as a new entry, which replay reconciles (two mornings of a day count the more
        complete one; a day's check-ins are averaged).
        """
        try:
            with never_asking():
                return self.journal()
        except MindlogError as exc:
            if type(exc).__name__ != "LockedError":  # mindlog.store.keys is loaded only when needed
                raise
            return None

    def view_for_writing(self) -> Cached | Full | None:
        """``view`` for a change to be built on; None when encrypted and locked (never asks)."""
        try:
            with never_asking():
                return self.view()
        except MindlogError as exc:
            if type(exc).__name__ != "LockedError":
                raise
            return None

    def view(self) -> Cached | Full:
        """The journal's questions, answered by the cache (mindlog.cache) when it can be used,
        else by a full read; damaged lines are reported once on stderr, as by ``journal``."""
        if self._view is None:
            from mindlog import cache
            from mindlog.cache.view import Full

            folder = self.where.journal
            found = None
            if not folder.exists() or folder.is_dir():
                from mindlog.render.progress import late_bar  # rich only if a bar is drawn

                try:
                    found = cache.open_view(self.where, late_bar)
                except MindlogError as exc:  # encrypted and locked: the full read asks, or says so
                    if type(exc).__name__ != "LockedError":
                        raise
            if found is None:
                self._view = Full(self.journal())
            else:
                _tell_problems(found.problems)
                self._view = found
        return self._view

    def reread(self) -> None:
        """Read the journal again at the next question (another writer may have written)."""
        self._journal = None
        self._view = None

    def write_after_reading(
        self, build: Callable[[Any], list[dict[str, Any]]]
    ) -> list[dict[str, Any]]:
        """Read the journal and write what ``build`` makes of it, with no other writer between.

        For changes that depend on what is there (the day's morning, the day's check-in): two
        mindlogs run at the same moment then update one entry instead of each starting its own.
        """
        with self.store.lock():
            self._journal = None
            self._view = None
            found = self.view_for_writing()
            self.locked = found is None
            if found is None:
                from mindlog.cache.view import Full

                found = Full(Journal())
            events = build(found)
            if events:
                self.write(events)
        return events

    def write(self, events: list[dict[str, Any]]) -> None:
        """Append ``events``, each after everything this command has read (the journal's clock)."""
        seen = max(
            self.read_result.clock if self.read_result else 0, getattr(self._view, "clock", 0)
        )
        self.store.append(events, seen)
        self._journal = None
        if any(event.get("op") == "forget" for event in events):
            from mindlog import cache

            cache.drop(self.where)  # it may hold the words: built again without them
        elif self._view is not None:
            self._view = None
            from mindlog import cache  # already imported: bring it up to the new lines now

            try:
                cache.open_view(self.where)
            except MindlogError as exc:  # encrypted and locked: caught up at the next read
                if type(exc).__name__ != "LockedError":
                    raise


def _tell_problems(count: int) -> None:
    if count:
        lines = "line" if count == 1 else "lines"
        out.note(
            f"{count} damaged {lines} in the journal could not be read; they are kept "
            "as they are (run mindlog doctor for details)"
        )
