"""What the login greeting shows, kept for the day: the greeting without opening the cache.

``mindlog greet`` runs at every new terminal. Once a day's greeting has been worked out (from the
cache, mindlog.cache.view), its figures are saved here with the journal files' stamps
(cache.key) and the day; a later greeting that day, with the files unchanged, reads only this
small file and imports neither the store nor the journal. Lines added since, of the kinds it
can follow exactly (a win, a check-in... dated today: ``follow``), are read and followed; any
other change to the files, or a new day, works it out again. It holds the first line of the
statement and of one earlier win, so it is removed with the cache (cache.db.drop) and kept 0600 in the state folder; beside an encrypted
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
    """Today's greeting when it was worked out for the journal files as they are now, or
    brought up to date with the lines written since (``follow``)."""
    try:
        with open(where.state / NAME, "rb") as handle:
            data = json.loads(handle.read())
        key = _key(where, today)
        if data["key"] != key:
            return follow(where, today, data, key)
        return _greeting(data["greeting"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # worked out again


def _greeting(saved: dict[str, Any]) -> Greeting:
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


# The kinds of line a kept greeting follows (``follow``): each changes nothing the greeting shows
# but the day it is written on, today, as a day shown up, the built-in practices it marks done
# today (mindlog.domain.streaks.practice_days says which: a win, a morning, a reaffirmation, a
# routine item that re-reads the statement), and the practices of one's own done today (a day
# of one, ``practice``: mindlog.domain.practices.done_today says whose).
FOLLOWED = ("win", "checkin", "urge", "bringup", "morning", "reaffirm", "practice")


def follow(where: Locations, today: date, data: dict[str, Any], key: list[Any]) -> Greeting | None:
    """The greeting kept in ``data`` (today's) brought up to date with the lines written since,
    when it can be exactly: None when it must be worked out again.

    It follows only lines added at the end of the device files it was worked out from (grown in
    place, or delivered grown under a new inode: their first bytes give the mark kept,
    mindlog.cache.reader.mark), each a whole line that adds an entry of a ``FOLLOWED`` kind
    dated today, valid as the journal reads it. Anything else (a file that came, went or was
    rewritten, a line cut short or damaged, a change, a removal, a restore, a forget, a
    statement, a setting, a practice of one's own added, a rest day, a hard day, another day,
    an encrypted journal) is worked out again from the cache. Following is the same whether a
    line is met once or twice (the figures were worked out after their key was taken, so they
    may hold a line written just after it already).
    """
    found = _greeting(data["greeting"])
    kept = data["follow"]
    before = {row[0]: row for row in data["key"][2]}
    now = {row[0]: row for row in key[2]}
    unchanged = data["key"][:2] == key[:2] and before.keys() == now.keys()
    if not unchanged or found.empty or found.sealed or found.problems or found.newer:
        return None
    if found.used is None or found.used < 1:  # no day shown up yet, or none before today
        return None
    from mindlog.cache.reader import mark

    marks = dict(kept["marks"])
    added: list[bytes] = []
    for name, (_, size, mtime_ns, inode) in now.items():
        _, was, was_mtime_ns, was_inode = before[name]
        if (size, mtime_ns, inode) == (was, was_mtime_ns, was_inode):
            continue
        if size < was:
            return None
        with open(where.journal / name, "rb") as handle:
            if mark(handle, was).hex() != marks[name]:
                return None  # not the file read before, grown
            handle.seek(max(was - 1, 0))
            chunk = handle.read(size - max(was - 1, 0))
            if was and chunk[:1] != b"\n":
                return None  # it was read in the middle of a line
            chunk = chunk[1:] if was else chunk
            if len(chunk) != size - was or (chunk and not chunk.endswith(b"\n")):
                return None  # a line still being written
            marks[name] = mark(handle, size).hex()
        added.append(chunk)
    from mindlog.domain.model import Entry
    from mindlog.domain.streaks import PRACTICES, practice_days
    from mindlog.store.lines import parse_line

    entries = []
    for chunk in added:
        for raw in chunk.split(b"\n"):
            if not raw.strip():
                continue
            event = parse_line(raw, unseal=False)
            if isinstance(event, str) or event.get("op") != "add":
                return None
            entry = Entry.from_json(event["entry"])  # ValueError: a problem, worked out again
            if entry.kind not in FOLLOWED or entry.day != today.isoformat():
                return None
            entries.append(entry)
    days = practice_days(entries)  # what they mark, by the rule every view uses
    if days.rest or days.setback or [p[0] for p in found.practices] != list(PRACTICES):
        return None
    lines = list(found.practices)
    longest = [int(n) for n in kept["longest"]]
    alternatives = list(kept["if_done"])
    for i, practice in enumerate(PRACTICES):
        if today in days.done[practice] and not lines[i][4]:
            alt = alternatives[i]
            if alt is None:
                return None
            current, total, strength, recent, span, longest[i] = alt
            lines[i] = (practice, int(current), int(total), float(strength), True, recent, span)
            alternatives[i] = None
    shown = bool(kept["shown"])
    week = found.week
    if today in days.shown and not shown:
        shown = True
        week = (week[0] + 1, week[1])
        found = replace(found, shown_up=found.shown_up + 1)
    found = replace(found, practices=lines, longest=max(longest), week=week)
    own = kept["own"]
    done = [e for e in entries if e.kind == "practice"]
    if done:  # a practice of one's own done today: counted again by the one rule
        from mindlog.domain.practices import done_today, gather, mark_key

        defs = []
        for fields, written in own["defs"]:
            entry = Entry.from_json(fields)
            entry.written = int(written)
            defs.append(entry)
        marked = gather(
            [((str(ref), name), [str(d) for d in on]) for ref, name, on in own["marks"]]
            + [(mark_key(e.fields), (e.day,)) for e in done]
        )
        found = replace(found, own=done_today(defs, today, marked))
        own = {"defs": own["defs"], "marks": [[m.ref, m.name, list(m.days)] for m in marked]}
    after = {"shown": shown, "longest": longest, "if_done": alternatives, "marks": marks}
    after["own"] = own
    save(where, today, found, key, after)
    return found


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


def save(
    where: Locations,
    today: date,
    greeting: Greeting,
    key: list[Any],
    follow: dict[str, Any] | None = None,
) -> None:
    """Keep ``greeting`` for ``key`` (taken before the figures were worked out); quietly
    nothing when it cannot be written: it is only a cache. ``follow``: what ``follow`` needs
    (mindlog.usecases.login.figures gives it), with the mark of each file's first bytes
    as ``key`` has them."""
    from mindlog.store.paths import FILE_MODE, ensure_dir

    kept: dict[str, Any] = {"key": key, "greeting": asdict(greeting)}
    if follow is not None:
        kept["follow"] = {**follow, "marks": follow.get("marks") or marks_now(where, key)}
    data = json.dumps(kept, ensure_ascii=False).encode()
    target = where.state / NAME
    tmp = target.with_name(f".{NAME}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:  # replaced whole, but not synced to the disk: after a crash it is worked out again
        ensure_dir(where.state)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        # Not os.replace: renamed over the old file, ext4 writes the new one out to the disk
        # first (up to several milliseconds at every greeting); a greeting that finds no file
        # for a moment works the figures out again.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        os.rename(tmp, target)
    except Exception:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def marks_now(where: Locations, key: list[Any]) -> dict[str, str]:
    """Each device file's mark (mindlog.cache.reader.mark) of its first bytes, as many as
    ``key`` says it had (taken just after the key, before the figures are worked out); a file
    shorter now (written anew since) has none."""
    from mindlog.cache.reader import mark_of

    found = {}
    for name, size, *_ in key[2]:
        got = mark_of(where.journal / name, size)
        if got is not None:
            found[name] = got.hex()
    return found


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
