"""The session every command works in, and which errors a person is told about in one line.

Free of Typer and rich, so that the Typer commands (mindlog.cli) and the fast path for the most
frequent commands (mindlog.quick) share it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from mindlog import config, out
from mindlog.days import DateError, logical_day, now, parse_day, stamp
from mindlog.errors import MindlogError
from mindlog.journal import Journal, TextError, replay
from mindlog.paths import Locations, locations
from mindlog.store import ReadResult, Store, never_asking


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

    def __init__(self) -> None:
        self.where: Locations = locations()
        self.config = config.load(self.where)
        if self.config.problem:
            out.note(self.config.problem)
        self.now: datetime = now()
        self.store = Store(self.where, clock=lambda: int(self.now.timestamp() * 1_000_000))
        self.today: date = logical_day(self.now, self.config.day_start)
        self._journal: Journal | None = None
        self.read_result: ReadResult | None = None

    @property
    def at(self) -> str:
        return stamp(self.now)

    def day(self, option: str | None) -> date:
        return self.today if option is None else parse_day(option, self.today)

    def journal(self) -> Journal:
        """The journal, read once per command; damaged lines are reported once on stderr."""
        if self._journal is None:
            result = self.store.read()
            self.read_result = result
            journal = replay(result.events)
            if result.problems or journal.problems:
                count = len(result.problems) + len(journal.problems)
                lines = "line" if count == 1 else "lines"
                out.note(
                    f"{count} damaged {lines} in the journal could not be read; they are kept "
                    "as they are (run `mindlog doctor` for details)"
                )
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
            if type(exc).__name__ != "LockedError":  # mindlog.keys is loaded only when needed
                raise
            return None

    def write_after_reading(
        self, build: Callable[[Journal], list[dict[str, Any]]]
    ) -> list[dict[str, Any]]:
        """Read the journal and write what ``build`` makes of it, with no other writer between.

        For changes that depend on what is there (the day's morning, the day's check-in): two
        mindlogs run at the same moment then update one entry instead of each starting its own.
        """
        with self.store.lock():
            self._journal = None
            events = build(self.journal_for_writing() or Journal())
            if events:
                self.write(events)
        return events

    def write(self, events: list[dict[str, Any]]) -> None:
        from mindlog import summary  # the append also keeps the greeting's summary fresh

        seen = self.read_result.clock if self.read_result else 0
        summary.append_to_journal(self.store, self.config.day_start, events, self.today, seen)
        self._journal = None
