"""Bringing entries in: a mindlog JSON export, or a jrnl JSON export (``jrnl --format json``).

Pure: it is handed the file's bytes and the journal, and returns the entries to add. The whole file
is checked before anything is added, so a file with a problem adds nothing at all.

A plain jrnl journal file (the text file jrnl keeps, with its default ``[YYYY-MM-DD HH:MM]``
headings) is read too: the heading line is the title, the lines below it the body, a trailing
`` *`` marks a starred entry, and words starting with ``#`` or ``@`` are its tags, as jrnl does.
Its entries get the same ids as the same entries in a jrnl JSON export.

Every entry has a stable id, so importing the same file twice adds nothing the second time:
mindlog entries keep their own ids; a jrnl entry's id is made from its date, time, title and body.

From jrnl: the title and the body become the text (title, a line break, then the body); tags keep
their words without ``#`` or ``@``; a starred entry gets the tag ``starred``; the kind is
``journal`` (a journal entry is not necessarily a win). jrnl stores no time zone, so its date and
time are read as local time on this computer, and the entry stores that with its UTC offset. Its
logical day follows ``day_starts_at`` as for every mindlog entry: a jrnl entry written at 01:30
belongs to the day before.

Nothing in a file can end an import in a traceback: a file nested deeper than any export
(``[[[[...]]]]``), a date at the very edge of the calendar (``0001-01-01``, ``9999-12-31``) or a
value of the wrong kind each give one line saying what is wrong, and nothing is added. Entries are
kept only for days from 1900 through 2199, which every part of mindlog can count with.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from mindlog.domain.days import DEFAULT_DAY_START, logical_day, stamp
from mindlog.domain.errors import MindlogError
from mindlog.domain.journal import TextError, check_text
from mindlog.domain.model import FILE_DEPTH, Entry, normalize_tag, too_deep

MAX_BYTES = 50 * 1024 * 1024
STEP = 500  # entries checked between two reports to a progress bar
EXPORT_VERSION = 1
SOURCES = ("mindlog", "jrnl")
OTHER_APPS = ("loop", "daylio", "dayone", "bearable")  # read row by row: mindlog.usecases.bring_in
JRNL_KIND = "journal"
STARRED = "starred"
_WORD = re.compile(r"^[^\s]{1,64}$")
_JRNL_TEXT = re.compile(rb"^\s*\[\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}")
_JRNL_HEADING = re.compile(r"^\[(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})\] ?(.*)$")
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)
_JRNL_TAG = re.compile(r"(?:^|(?<=\s))([#@][^\s#@.,;:!?()\[\]{}\"']+)")


def _nothing(n: int) -> None:
    """No progress bar."""


def count(data: Any) -> int:
    """How many entries an export holds (the length of a progress bar); 0 if none is found."""
    items = data.get("entries") if isinstance(data, dict) else data
    return len(items) if isinstance(items, list) else 0


class ImportProblem(MindlogError):
    """A file that cannot be imported; nothing of it was added."""


def load(raw: bytes) -> Any:
    """The JSON in ``raw``; ImportProblem when it is too big, not UTF-8 or not JSON."""
    if len(raw) > MAX_BYTES:
        raise ImportProblem(
            f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB, far beyond any export; "
            "nothing was imported"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem("the file is not UTF-8 text; nothing was imported") from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise _too_deep() from None
    except ValueError as exc:
        if _JRNL_TEXT.match(raw):
            return {"entries": jrnl_text_entries(text), "tags": {}}
        where = getattr(exc, "lineno", None)
        at = f" (line {where})" if where else ""
        raise ImportProblem(f"the file is not JSON{at}; nothing was imported") from None
    if too_deep(data, FILE_DEPTH):
        raise _too_deep()
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _too_deep() -> ImportProblem:
    return ImportProblem(
        "the file has lists or objects nested far deeper than any export; nothing was imported"
    )


def _outside(day: date) -> bool:
    return not EARLIEST_DAY <= day <= LATEST_DAY


def _dated_outside(shown: str, number: int) -> ImportProblem:
    return _numbered(
        f"is dated {shown}, outside the days mindlog keeps "
        f"({EARLIEST_DAY.year} to {LATEST_DAY.year})",
        number,
    )


def jrnl_text_entries(text: str) -> list[dict[str, Any]]:
    """The entries of a plain jrnl journal file, shaped like those of a jrnl JSON export."""
    items: list[dict[str, Any]] = []
    lines: list[str] = []

    def finish() -> None:
        if items:
            body = "\n".join(lines).strip()
            items[-1]["body"] = body
            words = f"{items[-1]['title']}\n{body}"
            items[-1]["tags"] = list(dict.fromkeys(m.group(1) for m in _JRNL_TAG.finditer(words)))

    for line in text.splitlines():
        heading = _JRNL_HEADING.match(line)
        if heading is None:
            lines.append(line)
            continue
        finish()
        lines = []
        title = heading.group(3).rstrip()
        starred = title.endswith(" *") or title == "*"
        if starred:
            title = title[:-1].rstrip()
        items.append(
            {
                "title": title,
                "body": "",
                "date": heading.group(1),
                "time": heading.group(2),
                "tags": [],
                "starred": starred,
            }
        )
    finish()
    if not items:
        raise ImportProblem("the file has no jrnl entries; nothing was imported")
    return items


def sniff(head: bytes, names: list[str] | None) -> str | None:
    """Which other app's export a file is, from its first bytes (``head``) and, for a zip, the
    names of its members: ``loop``, ``daylio``, ``dayone``, ``bearable``; None for anything else
    (a mindlog or jrnl export, read by ``load``)."""
    from mindlog.formats import bearable, daylio, dayone, loop

    if names is not None:
        if loop.looks_like(names):
            return "loop"
        if daylio.looks_like_backup(names):
            return "daylio"
        if dayone.looks_like_zip(names):
            return "dayone"
        return None
    if head.startswith(b"SQLite format 3\x00"):
        return "loop"  # Loop's full backup (its database); mindlog.formats.loop.read_db
    text = head.decode("utf-8-sig", errors="replace")
    first = text.split("\n", 1)[0]
    if daylio.looks_like(first):
        return "daylio"
    if bearable.looks_like(first):
        return "bearable"
    if dayone.looks_like_json(text):
        return "dayone"
    return None


def detect(data: Any) -> str | None:
    """``mindlog``, ``jrnl``, or None when the data is neither export."""
    if isinstance(data, list):
        return "mindlog"
    if not isinstance(data, dict):
        return None
    if "mindlog_export" in data:
        return "mindlog"
    items = data.get("entries")
    if not isinstance(items, list):
        return None
    first = items[0] if items else {}
    if isinstance(first, dict) and ("title" in first or "date" in first) and "kind" not in first:
        return "jrnl"
    if isinstance(first, dict) and "kind" in first:
        return "mindlog"
    return "jrnl" if "tags" in data else None


def entries_from(
    data: Any,
    source: str | None,
    day_start: time = DEFAULT_DAY_START,
    advance: Callable[[int], None] = _nothing,
) -> list[Entry]:
    """The entries of an export, in the file's order; ImportProblem if any of them is unusable.

    ``advance(n)`` is told each time another ``n`` entries were checked (a progress bar)."""
    found = detect(data)
    if found is None:
        raise ImportProblem(
            "the file is JSON, but neither a mindlog nor a jrnl export; nothing was imported"
        )
    if source is not None and source != found:
        raise ImportProblem(
            f"the file looks like a {found} export, not a {source} one; nothing was imported",
            f"try --from {found}, or leave --from out",
        )
    if found == "mindlog":
        return from_mindlog(data, advance)
    return from_jrnl(data, day_start, advance)


def _numbered(problem: str, number: int) -> ImportProblem:
    return ImportProblem(f"entry {number} of the file {problem}; nothing was imported")


def from_mindlog(data: Any, advance: Callable[[int], None] = _nothing) -> list[Entry]:
    if isinstance(data, dict):
        version = data.get("mindlog_export")
        if isinstance(version, int) and not isinstance(version, bool) and version > EXPORT_VERSION:
            raise ImportProblem(
                "the file was exported by a newer version of mindlog; update mindlog to import it"
            )
        if version != EXPORT_VERSION:
            raise ImportProblem("the file is not a mindlog export this version can read")
        items = data.get("entries")
    else:
        items = data
    if not isinstance(items, list):
        raise ImportProblem("the file has no list of entries; nothing was imported")
    entries = []
    for number, item in enumerate(items, start=1):
        if number % STEP == 0:
            advance(STEP)
        try:
            entry = Entry.from_json(item)
        except ValueError as exc:
            raise _numbered(f"is not an entry ({exc})", number) from None
        if not _WORD.match(entry.id) or not entry.id.isprintable():
            raise _numbered("has an id that is not one short word", number)
        if not _WORD.match(entry.kind) or not entry.kind.isprintable():
            raise _numbered("has a kind that is not one short word", number)
        try:
            entry.tags = [normalize_tag(t) for t in entry.tags]
        except ValueError:
            raise _numbered("has a tag that is not one word", number) from None
        try:
            day = date.fromisoformat(entry.day)
        except ValueError:
            raise _numbered("has a day that is not YYYY-MM-DD", number) from None
        if _outside(day):
            raise _dated_outside(entry.day, number)
        try:
            moment = datetime.fromisoformat(entry.at)
        except ValueError:
            raise _numbered("has a time that is not ISO 8601", number) from None
        if moment.tzinfo is None:
            raise _numbered("has a time without its UTC offset", number)
        if _outside(moment.date()):
            raise _dated_outside(entry.at, number)
        if entry.text is not None:
            try:
                check_text(entry.text)
            except TextError as exc:
                raise _numbered(f"has text that cannot be kept ({exc})", number) from None
        entries.append(entry)
    return entries


def jrnl_id(item: dict[str, Any]) -> str:
    """A stable id for a jrnl entry: the same date, time, title and body give the same id."""
    key = json.dumps(
        [item.get("date"), item.get("time"), item.get("title"), item.get("body")],
        ensure_ascii=False,
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _jrnl_tags(item: dict[str, Any]) -> list[str]:
    tags: list[str] = []
    listed = item.get("tags")
    for raw in listed if isinstance(listed, list) else []:
        if not isinstance(raw, str):
            continue
        try:
            word = normalize_tag(raw.strip().lstrip("#@"))
        except ValueError:
            continue  # the tag's words are still in the text
        if word not in tags:
            tags.append(word)
    if item.get("starred") is True and STARRED not in tags:
        tags.append(STARRED)
    return tags


def from_jrnl(
    data: Any, day_start: time = DEFAULT_DAY_START, advance: Callable[[int], None] = _nothing
) -> list[Entry]:
    items = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ImportProblem("the file has no list of entries; nothing was imported")
    entries = []
    for number, item in enumerate(items, start=1):
        if number % STEP == 0:
            advance(STEP)
        if not isinstance(item, dict):
            raise _numbered("is not a jrnl entry", number)
        title, body = item.get("title", ""), item.get("body", "")
        if not isinstance(title, str) or not isinstance(body, str):
            raise _numbered("has a title or body that is not text", number)
        try:
            day = date.fromisoformat(str(item.get("date")))
            clock = time.fromisoformat(str(item.get("time", "00:00")))
        except ValueError:
            raise _numbered("has no date and time like 2026-10-02 and 07:45", number) from None
        if _outside(day):
            raise _dated_outside(day.isoformat(), number)
        try:
            moment = datetime.combine(day, clock.replace(tzinfo=None)).astimezone()
        except (ValueError, OverflowError, OSError):
            raise _dated_outside(day.isoformat(), number) from None
        text = title if not body.strip() else f"{title}\n{body}"
        if text.strip():
            try:
                check_text(text)
            except TextError as exc:
                raise _numbered(f"has text that cannot be kept ({exc})", number) from None
        entries.append(
            Entry(
                id=jrnl_id(item),
                kind=JRNL_KIND,
                day=logical_day(moment, day_start).isoformat(),
                at=stamp(moment),
                text=text if text.strip() else None,
                tags=_jrnl_tags(item),
                fields={"source": "jrnl"},
            )
        )
    return entries


@dataclass
class Plan:
    """What an import will do: the entries to add, and those the journal already has."""

    read: int = 0
    new: list[Entry] = field(default_factory=list)
    present: int = 0
    removed: int = 0  # already present, but removed earlier (mindlog restore brings them back)

    def events(self) -> list[dict[str, Any]]:
        return [{"op": "add", "entry": e.to_json()} for e in self.new]


def plan(entries: list[Entry], known: Mapping[str, str]) -> Plan:
    """``known``: what the journal knows of the entries' ids ("live", "removed", "forgotten";
    mindlog.cache.view's ``known``)."""
    seen: set[str] = set()
    result = Plan(read=len(entries))
    for entry in entries:
        state = known.get(entry.id)
        if state in ("live", "forgotten") or entry.id in seen:
            result.present += 1  # a forgotten entry stays forgotten
        elif state == "removed":
            result.present += 1
            result.removed += 1
        else:
            result.new.append(entry)
        seen.add(entry.id)
    return result
