"""Entries and their JSON form.

An entry is one thing the person recorded: a win, a morning routine, a commitment statement, a
reaffirmation, a rest day and so on. Every entry has a stable unique ``id``, a ``kind``, the logical
``day`` it belongs to, the local time ``at`` (ISO 8601 with UTC offset), ``text`` (or None) and
``tags``; kinds add their own fields (a morning: ``done`` and ``routine``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime

from mindlog.domain.record import field, record
from mindlog.domain.typed import whole

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from typing import Any, TypeAlias

FACTORS = ("commitment", "meaning", "choice", "competence", "progress")
KNOWN_KINDS = (
    "win", "morning", "commitment", "reaffirm", "rest", "checkin", "setback", "bringup",
    "practicedef", "practice", "urge", "scale",
    "planitem", "boost", "routineitem", "setting",
)  # fmt: skip
# Kinds that are not the person's records but what they keep beside them, in the journal so that
# they sync, seal, export and restore with it (mindlog.domain.personal): a line of the support
# plan, a boost, an item of the morning routine, a personal setting. Never listed, exported as
# entries (CSV, Markdown, HTML), reflected on or counted as a day shown up; the JSON export and
# import carry them.
SETTING_KINDS = ("planitem", "boost", "routineitem", "setting")
_CORE = ("id", "kind", "day", "at", "text", "tags")
# Kinds that set mindlog up rather than record the person's day (a practice added, a check-in
# scale named; the plan, boosts, routine and settings when they are journal events): they never
# count as showing up. Every other kind, a setback and a rest day included, is the person's own
# record of a day, and a day with one is a day shown up (``shows_up``).
SETUP_KINDS = ("practicedef", "scale", *SETTING_KINDS)


def shows_up(kind: str) -> bool:
    """Whether an entry of ``kind`` is the person's own record of a day (see ``SETUP_KINDS``)."""
    return kind not in SETUP_KINDS


def is_record(kind: str) -> bool:
    """True for a kind of entry the person sees in listings and undo; False for a setting's."""
    return kind not in SETTING_KINDS


def new_id() -> str:
    """A short random id (48 bits): unique in practice, and short enough to type a prefix of."""
    return os.urandom(6).hex()


@record
class Entry:
    id: str
    kind: str
    day: str
    at: str
    text: str | None = None
    tags: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    # When the entry was written, on the journal's clock (see mindlog.domain.journal); not part of its JSON.
    written: int = field(default=0, compare=False)

    # Written out (the fields above, in their order): an entry is made for every line a replay
    # reads, and record's own __init__ is a few times slower (tests/test_record.py checks that
    # this one takes the fields as a dataclass's would).
    def __init__(
        self,
        id: str,
        kind: str,
        day: str,
        at: str,
        text: str | None = None,
        tags: list[str] | None = None,
        fields: dict[str, Any] | None = None,
        written: int = 0,
    ) -> None:
        self.id = id
        self.kind = kind
        self.day = day
        self.at = at
        self.text = text
        self.tags = [] if tags is None else tags
        self.fields = {} if fields is None else fields
        self.written = written

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "day": self.day,
            "at": self.at,
            "text": self.text,
            "tags": list(self.tags),
        }
        for key, value in self.fields.items():
            if key not in data:
                data[key] = value
        return data

    @classmethod
    def from_json(cls, data: Any) -> Entry:
        """Build an entry from its JSON form; raise ValueError when it is not a valid one.

        Every field is checked against what its kind needs (types, ranges, real days and times,
        nesting), so an entry that arrives by sync or import can never stop a command later.
        """
        if not isinstance(data, dict):
            raise ValueError("an entry must be a JSON object")
        get: Callable[..., Any] = data.get  # each read once: this runs for every line read
        entry_id, kind, day, at = get("id"), get("kind"), get("day"), get("at")
        if not (_key(entry_id) and _key(kind) and _key(day) and _key(at)):
            for key in ("id", "kind", "day", "at"):
                if not _key(get(key)):
                    raise ValueError(f"an entry needs a short string {key!r}")
        _check_day(day)
        _check_time(at)
        text = get("text")
        if text is not None and not isinstance(text, str):
            raise ValueError("an entry's text must be a string or null")
        tags = get("tags", [])
        if not _strings(tags):
            raise ValueError("an entry's tags must be a list of strings")
        if len(data) == len(_CORE) and "text" in data and "tags" in data:
            extra: dict[str, Any] = {}  # its own fields only (most entries)
        else:
            extra = {k: v for k, v in data.items() if k not in _CORE}
        check_fields(kind, extra)
        return cls(entry_id, kind, day, at, text, list(tags), extra)


MAX_KEY = 64  # characters in an id, kind, day or time stamp
MAX_DEPTH = 16  # nesting of lists and objects inside a field of a kind mindlog does not know
FILE_DEPTH = (
    64  # ... inside a whole file (a small file, an import); mindlog's own use three or four
)
SCALE_FIELDS = ("mood", "energy", "sleep")


def _key(value: Any) -> bool:
    """An id, kind, day or time stamp: a short string, not empty."""
    return isinstance(value, str) and 0 < len(value) <= MAX_KEY


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _check_day(value: str) -> None:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError("an entry's day must be a date like 2026-11-28") from None
    if len(value) != 10:
        raise ValueError("an entry's day must be a date like 2026-11-28")


def _check_time(value: str) -> None:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("an entry's time must be an ISO 8601 time") from None


def check_fields(kind: str, fields: dict[str, Any]) -> None:
    """Check the fields a kind adds; raise ValueError for one that cannot be used."""
    if kind == "morning":
        for key in ("done", "routine"):
            if key in fields and not _strings(fields[key]):
                raise ValueError(f"a morning's {key!r} must be a list of strings")
    elif kind == "checkin":
        for key in SCALE_FIELDS:
            value = fields.get(key)
            if value is not None and (type(value) is not int or not 1 <= value <= 5):
                raise ValueError(f"a check-in's {key!r} must be a whole number from 1 to 5")
    elif kind == "bringup" and not isinstance(fields.get("done", False), bool):
        raise ValueError("a note's 'done' must be true or false")
    elif kind == "reaffirm" and not isinstance(fields.get("statement", ""), (str, type(None))):
        raise ValueError("a reaffirmation's statement must be an id")
    if kind in _OWN_KIND_CHECKS:
        _OWN_KIND_CHECKS[kind](fields)
    if "timed" in fields and not isinstance(fields["timed"], bool):
        raise ValueError("an entry's 'timed' must be true or false")
    if too_deep(fields, MAX_DEPTH):
        raise ValueError("an entry's fields are nested too deeply")


# -- practices of your own, urges, custom check-in scales (mindlog.domain.practices, mindlog.domain.urges) ----


def _short_text(value: Any, limit: int = 200) -> bool:
    return isinstance(value, str) and bool(value.strip()) and len(value) <= limit


def _whole(value: Any, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _check_practicedef(fields: dict[str, Any]) -> None:
    if not _short_text(fields.get("name")):
        raise ValueError("a practice needs a short name")
    if not _whole(fields.get("per_week"), 1, 7):
        raise ValueError("a practice's per_week must be a whole number from 1 to 7")


def _check_practice(fields: dict[str, Any]) -> None:
    if not _short_text(fields.get("name")):
        raise ValueError("a practice's day needs the practice's name")
    if not isinstance(fields.get("practice_id", ""), str):
        raise ValueError("a practice's day names its practice by an id")


def _check_urge(fields: dict[str, Any]) -> None:
    for key in ("about", "instead"):
        if not isinstance(fields.get(key), (str, type(None))):
            raise ValueError(f"an urge's {key!r} must be text or null")
    strength = fields.get("strength")
    if strength is not None and not _whole(strength, 0, 5):
        raise ValueError("an urge's strength must be a whole number from 0 to 5")
    if not isinstance(fields.get("passed"), (bool, type(None))):
        raise ValueError("an urge's 'passed' must be true, false or null")


def _check_checkin_scales(fields: dict[str, Any]) -> None:
    scales = fields.get("scales", {})
    if not isinstance(scales, dict) or not all(
        isinstance(k, str) and (v is None or _whole(v, 1, 5)) for k, v in scales.items()
    ):
        raise ValueError("a check-in's own scales must be whole numbers from 1 to 5")


def _check_scale(fields: dict[str, Any]) -> None:
    if not _short_text(fields.get("name"), 40):
        raise ValueError("a check-in scale needs a short name")


def _check_pos(fields: dict[str, Any]) -> None:
    pos = fields.get("pos")
    if pos is not None and (type(pos) not in (int, float) or pos != pos or abs(pos) > 1e15):
        raise ValueError("an item's place ('pos') must be a number")


def _check_planitem(fields: dict[str, Any]) -> None:
    if not _short_text(fields.get("section"), 40):
        raise ValueError("a line of the support plan needs its section")
    _check_pos(fields)


def _check_setting(fields: dict[str, Any]) -> None:
    if not _short_text(fields.get("name"), 40):
        raise ValueError("a setting needs its name")
    if not isinstance(fields.get("value"), (str, bool, type(None))):
        raise ValueError("a setting's value must be text, true or false, or null")


_OWN_KIND_CHECKS = {
    "practicedef": _check_practicedef,
    "practice": _check_practice,
    "urge": _check_urge,
    "checkin": _check_checkin_scales,
    "scale": _check_scale,
    "planitem": _check_planitem,
    "boost": _check_pos,
    "routineitem": _check_pos,
    "setting": _check_setting,
}


def normalize_tag(tag: str) -> str:
    """Tags are single words, compared without case and without a leading ``#``."""
    word = tag.strip().lstrip("#").strip().lower()
    if not word or any(ch.isspace() for ch in word) or not word.isprintable():
        raise ValueError(f"{tag!r} is not a tag: use one word, like meaning or walk")
    if len(word) > 40:
        raise ValueError("a tag can be at most 40 characters")
    return word


def _distance(a: str, b: str) -> int:
    """How many letters apart two words are: letters added, dropped, changed or swapped."""
    previous, current = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y and before is not None:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[-1]


def near_factor(tag: str) -> str | None:
    """The factor a tag is within two letters of (a slip, like ``competance``); None for a
    factor itself and for a tag further from every factor."""
    word = tag.lower()
    if word in FACTORS:
        return None
    close = [(_distance(word, f), f) for f in FACTORS if abs(len(word) - len(f)) <= 2]
    found = min((pair for pair in close if pair[0] <= 2), default=None)
    return None if found is None else found[1]


def factors_from(answer: str) -> list[str]:
    """The factors in an answer to "which factors?": numbers 1 to 5, names, or their starts,
    apart by spaces or commas, each once; ValueError naming a word that is none of them."""
    chosen: list[str] = []
    for word in answer.replace(",", " ").lower().split():
        number = whole(word, 1, len(FACTORS))
        starts = [f for f in FACTORS if f.startswith(word)]
        if number is not None:
            chosen.append(FACTORS[number - 1])
        elif len(starts) == 1 or word in FACTORS:
            chosen.append(word if word in FACTORS else starts[0])
        elif near_factor(word) is not None:
            chosen.append(str(near_factor(word)))
        else:
            raise ValueError(word)
    return list(dict.fromkeys(chosen))


@record(frozen=True)
class Problem:
    file: str
    line: int
    reason: str


def too_deep(value: Any, limit: int) -> bool:
    """True when ``value`` has lists or objects nested more than ``limit`` deep (no recursion)."""
    if isinstance(value, dict) and limit >= 2:  # most fields: scalars, or lists of scalars
        for item in value.values():
            if isinstance(item, dict) or (
                isinstance(item, list) and any(isinstance(c, (dict, list)) for c in item)
            ):
                break
        else:
            return False
    level: list[Any] = [value] if isinstance(value, (dict, list)) else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        inner: list[Any] = []
        for item in level:
            children = item.values() if isinstance(item, dict) else item
            inner.extend(c for c in children if isinstance(c, (dict, list)))
        level = inner
    return False


# An entry's own fields: id, kind, day, at, text, tags, other fields. The exports and the cache
# (mindlog.cache.view.Cached.stream_fields) read a long history as these, without making an Entry.
# Written as a string: the alias is then made without importing typing (Any).
Fields: TypeAlias = "tuple[str, str, str, str, str | None, Sequence[str], dict[str, Any]]"


def fields_of(entries: Iterable[Entry]) -> Iterator[Fields]:
    """Each entry's own fields, in the order of ``Fields``."""
    return ((e.id, e.kind, e.day, e.at, e.text, e.tags, e.fields) for e in entries)


def from_fields(row: Fields) -> Entry:
    """The entry whose fields ``row`` holds (for the few lines that need more than them)."""
    entry_id, kind, day, at, text, tags, fields = row
    return Entry(entry_id, kind, day, at, text, list(tags), fields)
