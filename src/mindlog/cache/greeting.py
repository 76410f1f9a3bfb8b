"""What the login greeting shows, kept for the day: the greeting without opening the cache.

``mindlog greet`` runs at every new terminal. Once a day's greeting has been worked out (from the
cache, mindlog.cache.view), its figures are saved here with the journal files' stamps
(cache.key) and the day; a later greeting that day, with the files unchanged, reads only this
small file and imports neither the store nor the journal. Any change to the files, or a new
day, works it out again. It holds the first line of the statement and of one earlier win, so it
is removed with the cache (cache.db.drop) and kept 0600 in the state folder; beside an encrypted
journal it is saved with numbers only (``private``: no statement, no win) and those words sealed
for the journal's key (``words``, opened by mindlog.usecases.login only while it is unlocked).
"""

from __future__ import annotations

import contextlib
import json
import os

from mindlog.cache.key import stamps
from mindlog.domain.record import asdict, field, record, replace

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from datetime import date
    from typing import Any

    from mindlog.store.paths import Locations

NAME = "greeting.json"
FORMAT = 5


@record
class Greeting:
    """The figures the greeting's lines are made of (mindlog.usecases.login.greeting makes the lines)."""

    empty: bool = True
    why: str = ""  # the first line of the commitment statement
    # (practice, run, days done, strength, done today, days done of the last two weeks, of how many)
    practices: list[tuple[str, int, int, float, bool, int, int]] = field(default_factory=list)
    past: tuple[str, str] | None = None  # (day, first line) of an earlier win
    problems: int = 0
    newer: bool = False
    used: int | None = None  # days since the first entry, today included
    welcome: bool = False  # back after days away (mindlog.domain.days.welcome_back)
    shown_up: int = 0  # days shown up (mindlog.domain.streaks)
    longest: int = 0  # the longest run of any practice
    own: tuple[int, int] = (0, 0)  # practices of one's own: done today, and how many there are
    sealed: bool = False  # an encrypted journal's: numbers only, shown as such (``private``)
    private: bool | None = None  # the journal's greet_private setting (None: not set there)
    words: str = ""  # an encrypted journal's: its why and past, sealed (base64 of an age message)
    week: tuple[int, int] = (0, 0)  # days shown up this week (from Monday), and its days so far
    # False: the journal's cache is still to be built and greet did not wait for it; only the
    # why kept from an earlier greeting is known (``earlier_why``), nothing else. Never kept.
    ready: bool = True


def _key(where: Locations, today: date) -> list[Any]:
    files = sorted(stamps(where.journal).values(), key=lambda s: s.name)
    return [FORMAT, today.isoformat(), [[s.name, s.size, s.mtime_ns, s.inode] for s in files]]


def load(where: Locations, today: date) -> Greeting | None:
    """Today's greeting when it was worked out for the journal files as they are now."""
    try:
        with open(where.state / NAME, "rb") as handle:
            data = json.loads(handle.read())
        if data["key"] != _key(where, today):
            return None
        saved = data["greeting"]
        return Greeting(
            bool(saved["empty"]),
            str(saved["why"]),
            [
                (str(p), int(c), int(t), float(s), bool(d), int(r), int(o))
                for p, c, t, s, d, r, o in saved["practices"]
            ],
            None if saved["past"] is None else (str(saved["past"][0]), str(saved["past"][1])),
            int(saved["problems"]),
            bool(saved["newer"]),
            None if saved["used"] is None else int(saved["used"]),
            bool(saved["welcome"]),
            int(saved["shown_up"]),
            int(saved["longest"]),
            (int(saved["own"][0]), int(saved["own"][1])),
            saved.get("sealed") is True,
            saved.get("private") if isinstance(saved.get("private"), bool) else None,
            str(saved.get("words", "")),
            (int(saved["week"][0]), int(saved["week"][1])),
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def earlier_why(where: Locations) -> str:
    """The why of the greeting kept last, whatever day or files it was for ('' when there is
    none, or it was kept with numbers only): the person's own words, shown while the cache is
    still to be built."""
    try:
        with open(where.state / NAME, "rb") as handle:
            saved = json.loads(handle.read())["greeting"]
        if saved.get("sealed") is True or saved.get("private") is True:
            return ""
        return str(saved["why"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return ""


def save(where: Locations, today: date, greeting: Greeting, key: list[Any]) -> None:
    """Keep ``greeting`` for ``key`` (taken before the figures were worked out); quietly
    nothing when it cannot be written: it is only a cache."""
    from mindlog.store.paths import FILE_MODE, ensure_dir

    data = json.dumps({"key": key, "greeting": asdict(greeting)}, ensure_ascii=False).encode()
    target = where.state / NAME
    tmp = target.with_name(f".{NAME}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:  # replaced whole, but not synced to the disk: after a crash it is worked out again
        ensure_dir(where.state)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except Exception:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def private(greeting: Greeting, sealed_words: str = "") -> Greeting:
    """``greeting`` with none of the person's words: numbers only (what an encrypted journal's
    greeting keeps on the disk), and ``sealed_words``, its words sealed (``words_of``)."""
    return replace(greeting, why="", past=None, sealed=True, words=sealed_words)


def words_of(greeting: Greeting) -> bytes:
    """The person's words in ``greeting`` (its why and past), to be sealed."""
    return json.dumps({"why": greeting.why, "past": greeting.past}).encode()


def with_words(greeting: Greeting, opened: bytes | None) -> Greeting:
    """``greeting`` with the words ``words_of`` gave back (opened); numbers only when they
    cannot be read."""
    try:
        data = json.loads(opened or b"")
        why = str(data["why"])
        past = None if data["past"] is None else (str(data["past"][0]), str(data["past"][1]))
    except (ValueError, KeyError, TypeError, IndexError):
        return greeting
    return replace(greeting, why=why, past=past)


def key_now(where: Locations, today: date) -> list[Any]:
    return _key(where, today)


def drop(where: Locations) -> None:
    with contextlib.suppress(OSError):
        os.unlink(where.state / NAME)
