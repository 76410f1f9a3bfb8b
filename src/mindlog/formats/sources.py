"""What the readers of other apps' exports share (Loop, Daylio, Day One, Bearable).

Pure: a reader is handed the file's bytes as a stream (or an open zip) and these ``Options``, and
yields mindlog entries one at a time (and ``Removed`` for a practice to remove after it is
added), so a file of any length is read in bounded memory. It never opens a file, never prints
and never looks at the journal: what it needs to know of the journal (the person's practices) is
in ``Options``.

Each reader counts what it found in a ``Tally``: one line per kind of thing for the preview and
the report, and each row it could not use with the reason (a damaged row is counted and skipped,
never the end of the import).

Every entry a reader yields has a stable id made from the source's own id where it has one
(Day One's ``uuid``), from what the row says otherwise (``stable_id``), so importing the same
file again adds nothing, and a newer export of the same app adds only what is new.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from html.parser import HTMLParser
from typing import Any

from mindlog.domain.days import DEFAULT_DAY_START, logical_day, stamp
from mindlog.domain.errors import MindlogError
from mindlog.domain.journal import TextError, check_text
from mindlog.domain.model import Entry
from mindlog.domain.typed import name_key

EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)
CELL_LIMIT = 4 * 1024 * 1024  # characters in one CSV cell: far beyond any note
JOURNAL_KIND = "journal"


class SourceProblem(MindlogError):
    """A file that cannot be read as the app's export at all; nothing of it was added."""


class RowProblem(ValueError):
    """One row that cannot be used (the message says why); it is skipped and reported."""


@dataclass(frozen=True)
class Removed:
    """The practice whose ``practicedef`` entry has this id is removed once added (archived)."""

    id: str


@dataclass
class Options:
    """What the person chose, and what the readers need to know of the journal."""

    day_start: time = DEFAULT_DAY_START
    today: date = date(2000, 1, 1)  # the logical day today (the day of a practice with no days)
    zone: tzinfo | None = None  # for times the file gives without a zone; None: this computer's
    mood_map: dict[str, int] = field(default_factory=dict)  # name_key(label) -> 1..5
    scale: tuple[int, int] | None = None  # the file's rating scale, when it does not say
    practices: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # key -> (id, name)
    # Daylio activities the person names as days of a practice: name_key(activity) -> practice
    activity_practices: Mapping[str, str] = field(default_factory=dict)
    scales: Set[str] = frozenset()  # name keys of the person's own check-in scales


@dataclass
class Tally:
    """What a reader found, for the preview and the report."""

    source: str
    counts: dict[str, int] = field(default_factory=dict)  # what came in, by line, in order
    how: dict[str, str] = field(default_factory=dict)  # line -> how it maps, when it helps
    left: Counter[str] = field(default_factory=Counter)  # not imported, by reason
    first_where: dict[str, str] = field(default_factory=dict)  # reason -> first row with it
    asked: list[str] = field(default_factory=list)  # questions the file leaves open (labels)
    seen_values: Counter[str] = field(default_factory=Counter)  # e.g. moods by label
    top: float = 0.0  # the highest rating read (Bearable: which scale it is)
    scales: list[str] = field(default_factory=list)  # scales of your own found (name keys)

    def add(self, line: str, n: int = 1) -> None:
        self.counts[line] = self.counts.get(line, 0) + n

    def leave(self, reason: str, where: str, n: int = 1) -> None:
        self.left[reason] += n
        self.first_where.setdefault(reason, where)


def stable_id(source: str, *parts: object) -> str:
    """An id made from what a row says: the same row gives the same id in every export."""
    key = json.dumps([source, *parts], ensure_ascii=False, default=str)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def outside(day: date) -> bool:
    return not EARLIEST_DAY <= day <= LATEST_DAY


def local(moment: datetime, options: Options) -> datetime:
    """A time the file gives without a zone, read as local time (``options.zone`` or this
    computer's); RowProblem when it is at the edge of the calendar."""
    if outside(moment.date()):
        raise RowProblem(f"is dated {moment.date().isoformat()}, outside the days mindlog keeps")
    try:
        if options.zone is not None:
            return moment.replace(tzinfo=options.zone)
        return moment.astimezone()
    except (ValueError, OverflowError, OSError):
        raise RowProblem("has a time this computer cannot place") from None


def entry(
    entry_id: str,
    kind: str,
    moment: datetime,
    options: Options,
    text: str | None = None,
    tags: Iterable[str] = (),
    **fields: Any,
) -> Entry:
    """An entry at the aware time ``moment``, on its logical day, checked as a synced line is."""
    if outside(moment.date()):
        raise RowProblem(f"is dated {moment.date().isoformat()}, outside the days mindlog keeps")
    if text is not None:
        if not text.strip():
            text = None
        else:
            try:
                check_text(text)
            except TextError as exc:
                raise RowProblem(f"has text that cannot be kept ({exc})") from None
    day = logical_day(moment, options.day_start).isoformat()
    made = Entry(entry_id, kind, day, stamp(moment), text, list(dict.fromkeys(tags)), fields)
    try:
        return Entry.from_json(made.to_json())  # every field checked as a synced line is
    except ValueError as exc:
        raise RowProblem(f"cannot be kept ({exc})") from None


_NOT_TAG = re.compile(r"[^\w+&'-]+")


def tag(word: str) -> str | None:
    """An app's label as a mindlog tag: one word, lower case, at most 40 characters
    (``movies / tv`` becomes ``movies-tv``); None when nothing of it is left."""
    made = _NOT_TAG.sub("-", word.strip().lower()).strip("-_'")[:40].strip("-")
    return made if made and made.isprintable() else None


def practice_for(name: str, options: Options, source: str) -> tuple[str, str, bool]:
    """(id, name, new) of the practice an app's habit ``name`` becomes: the person's own
    practice of that name when there is one, else a new one with a stable id."""
    found = options.practices.get(name_key(name))
    if found is not None:
        return found[0], found[1], False
    return stable_id(source, "practice", name_key(name)), name, True


class _Plain(HTMLParser):
    """The text of a little HTML (Daylio's notes): its tags left out, line breaks kept; a tag it
    does not know (``<something>`` typed in a note) is kept as written."""

    BREAKS = frozenset({"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "tr"})
    INLINE = frozenset({"b", "i", "u", "s", "em", "strong", "span", "strike", "del", "font",
                        "a", "small", "big", "sub", "sup", "mark", "code", "blockquote"})  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n- " if tag == "li" else "\n")
        elif tag not in self.INLINE:
            self.parts.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "div", "h1", "h2", "h3", "h4"):
            self.parts.append("\n")
        elif tag not in self.BREAKS and tag not in self.INLINE:
            self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        pass  # an HTML comment is not the person's words on the page


_HTML_HINT = re.compile(
    r"<\s*/?\s*(?:br|p|div|li|ul|ol|b|i|u|s|em|strong|span|h[1-4])\b[^<>]*>|&[a-zA-Z]+;|&#[0-9]+;",
    re.IGNORECASE,
)
_BLANKS = re.compile(r"\n{3,}")


def plain(text: str) -> str:
    """``text`` with its HTML made plain (only when it holds some that Daylio writes): its tags
    left out, entities read, line breaks kept; never run, never loaded. Words between ``<`` and
    ``>`` that are no HTML tag are kept as written."""
    if not _HTML_HINT.search(text):
        return text.strip()
    reader = _Plain()
    reader.feed(text)
    reader.close()
    lines = [line.rstrip() for line in "".join(reader.parts).splitlines()]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def level(value: float, low: int, high: int) -> int:
    """A rating on the scale ``low``..``high`` as a whole number from 1 to 5."""
    if high <= low:
        raise RowProblem("has a rating on a scale mindlog cannot read")
    if not low <= value <= high:
        raise RowProblem(f"has a rating {value:g} outside {low}-{high}")
    return 1 + round((value - low) * 4 / (high - low))


def parse_scale(raw: str) -> tuple[int, int]:
    """``0-10`` or ``1-5`` as (low, high); SourceProblem when it is not such a range."""
    found = re.fullmatch(r"\s*([0-9]{1,3})\s*[-–]\s*([0-9]{1,3})\s*", raw)
    if found is None or int(found.group(1)) >= int(found.group(2)):
        raise SourceProblem(
            f"--scale {raw!r} is not a range like 1-5 or 0-10; nothing was imported"
        )
    return int(found.group(1)), int(found.group(2))


def parse_mood_map(raw: str) -> dict[str, int]:
    """``'meh=3,ok=3'`` as {name_key(label): level}; SourceProblem when it cannot be read."""
    found: dict[str, int] = {}
    for part in raw.split(","):
        if not part.strip():
            continue
        label, sep, value = part.rpartition("=")
        value = value.strip()
        if not sep or not label.strip() or value not in ("1", "2", "3", "4", "5"):
            raise SourceProblem(
                f"--mood-map {part.strip()!r} is not a label and a level, like meh=3 "
                "(levels 1 to 5); nothing was imported"
            )
        found[name_key(label)] = int(value)
    return found


MONTHS = {
    m: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),  # fmt: skip
        start=1,
    )
    for m in names
}
_CLOCK = re.compile(
    r"^\s*([0-9]{1,2})[:.]([0-9]{2})(?::[0-9]{2})?\s*(?:([aApP])\.?\s*[mM]\.?)?\s*$"
)


def clock(raw: str) -> time:
    """``20:39``, ``8:05 am`` or ``11:54 PM`` as a time; RowProblem otherwise."""
    found = _CLOCK.match(raw)
    if found is None:
        raise RowProblem(f"has the time {raw[:20]!r}, not like 20:39 or 8:39 pm")
    hour, minute, half = int(found.group(1)), int(found.group(2)), found.group(3)
    if half is not None:
        if not 1 <= hour <= 12:
            raise RowProblem(f"has the time {raw[:20]!r}, not like 8:39 pm")
        hour = hour % 12 + (12 if half in "pP" else 0)
    if hour > 23 or minute > 59:
        raise RowProblem(f"has the time {raw[:20]!r}, which no clock shows")
    return time(hour, minute)
