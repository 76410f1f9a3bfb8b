"""Finding entries: date spans, filters, ids by prefix, and what was written last.

Pure: it works on entries and events handed to it and never touches the disk or the screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from mindlog.domain import days, words
from mindlog.domain.days import DateError
from mindlog.domain.errors import MindlogError
from mindlog.domain.journal import Journal, _instant
from mindlog.domain.model import KNOWN_KINDS, SETTING_KINDS, Entry, normalize_tag
from mindlog.domain.safe import one_line

# One reader of days for every option: mindlog.domain.days.read_day.
WHEN_HELP = days.WHEN_HELP
parse_when = days.parse_when


_KIND_OF = {name: kind for kind, name in words.KIND_LABELS.items() if name not in KNOWN_KINDS}


class Filter:
    """What to keep. Kinds are alternatives (any of them); tags must all be present; so must
    every word of the search, in any order and any case.

    A plain class (every reading command imports it, and a dataclass costs a few milliseconds
    to define): equal when every field is; ``replace`` makes one with some fields changed."""

    FIELDS = ("since", "until", "kinds", "tags", "search", "everything")
    __slots__ = FIELDS

    def __init__(
        self,
        since: date | None = None,
        until: date | None = None,
        kinds: Sequence[str] = (),
        tags: Sequence[str] = (),
        search: str | None = None,
        # also what the person keeps beside their entries (model.SETTING_KINDS): the JSON export
        everything: bool = False,
    ) -> None:
        self.since = since
        self.until = until
        self.kinds: list[str] = list(kinds)
        self.tags: list[str] = list(tags)
        self.search = search
        self.everything = everything
        if self.since and self.until and self.since > self.until:
            raise DateError(
                f"--since {self.since.isoformat()} is after --until {self.until.isoformat()}"
            )
        # a kind as the listing names it ("hard day") is that kind ("setback")
        self.kinds = [_KIND_OF.get(k.strip().lower(), k.strip().lower()) for k in self.kinds]
        self.kinds = [k for k in self.kinds if k]
        try:
            self.tags = [normalize_tag(t) for t in self.tags]
        except ValueError as exc:
            raise MindlogError(str(exc)) from None
        if self.search is not None and not self.search.strip():
            raise MindlogError("--search needs some words to look for")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Filter):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # a filter is not a key

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"Filter({shown})"

    def replace(self, **changes: Any) -> Filter:
        """This filter with ``changes`` (checked and read again, as a new one is)."""
        return Filter(**{name: changes.get(name, getattr(self, name)) for name in self.FIELDS})

    def matches(self, entry: Entry) -> bool:
        if entry.kind in SETTING_KINDS and not self.everything:
            return False
        if self.since and entry.day < self.since.isoformat():
            return False
        if self.until and entry.day > self.until.isoformat():
            return False
        if self.kinds and entry.kind.lower() not in self.kinds:
            return False
        if self.tags and not set(self.tags) <= {t.lower() for t in entry.tags}:
            return False
        if not self.search:
            return True
        words = searchable(entry)
        return all(word in words for word in self.search.casefold().split())


def searchable(entry: Entry) -> str:
    """All the words of an entry that a search looks in, folded for case-insensitive matching."""
    parts: list[str] = [entry.text or "", *entry.tags]
    for value in entry.fields.values():
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts.extend(v for v in value if isinstance(v, str))
    return "\n".join(parts).casefold()


def select(entries: Iterable[Entry], wanted: Filter) -> list[Entry]:
    return [e for e in entries if wanted.matches(e)]


def written_order(entries: Iterable[Entry]) -> list[Entry]:
    """Entries by their logical day, then by the moment they were written."""
    return sorted(entries, key=lambda e: (e.day, _instant(e.at)))


# -- ids ---------------------------------------------------------------------------------------


def _match(pool: Sequence[Entry], wanted: str) -> list[Entry]:
    exact = [e for e in pool if e.id == wanted]
    return exact or [e for e in pool if e.id.startswith(wanted)]


def resolve(journal: Journal, wanted: str, *, removed: bool = False) -> Entry:
    """The one entry whose id is, or starts with, ``wanted`` (among removed entries if asked).

    Raises MindlogError with one clear line when no entry, or more than one, fits.
    """
    key = wanted.strip()
    if not key:
        raise MindlogError("give the id of an entry (see mindlog list)")
    pool, other = (
        (journal.removed, journal.entries) if removed else (journal.entries, journal.removed)
    )
    found = _match(pool, key) or _match(pool, key.lower())
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise MindlogError(
            f"{len(found)} entries have an id starting with {key!r}; "
            "type a few more characters of it"
        )
    if _match(other, key) or _match(other, key.lower()):
        if removed:
            raise MindlogError(f"the entry {key!r} is not removed; it is in your journal")
        raise MindlogError(
            f"the entry {key!r} was removed", f"bring it back with: mindlog restore {key}"
        )
    where = "mindlog list --removed" if removed else "mindlog list"
    raise MindlogError(f"no entry has an id starting with {key!r}", f"see {where}")


# -- summaries ---------------------------------------------------------------------------------


# The kinds mindlog.domain.practices.own_summary describes even without fields of their own
# (tests/test_query.py checks that it says nothing of any other kind without fields).
SUMMED_KINDS = frozenset(("practicedef", "practice", "scale", "urge"))


def summary(entry: Entry) -> str:
    """A short description of an entry's own fields, for entries without text (or beside it)."""
    if not entry.fields and entry.kind not in SUMMED_KINDS:
        return ""  # most entries (a win, a hard day) have nothing more to say: a long list is quick
    done, routine = entry.fields.get("done"), entry.fields.get("routine")
    if isinstance(done, list) and isinstance(routine, list):
        return f"{len(done)} of {len(routine)} done"
    scales = [
        f"{key} {value}/5"
        for key, value in entry.fields.items()
        if key in ("mood", "energy", "sleep")
        and isinstance(value, int)
        and not isinstance(value, bool)
    ]
    from mindlog.domain.practices import own_summary  # practices of your own, urges, own scales

    return " · ".join([*scales, *own_summary(entry)])


def clock(entry: Entry) -> str:
    """The time of day an entry was written (HH:MM); nothing for an entry written for an
    earlier day, which has no clock time of its own (``"timed": false``)."""
    if entry.fields.get("timed") is False or len(entry.at) < 16:
        return ""
    return entry.at[11:16]


def describe(entry: Entry) -> str:
    """The text of an entry, or its summary when it has none (with the summary before the text)."""
    extra = summary(entry)
    if entry.kind == "practicedef" and extra:
        extra = "added the " + extra  # "added the practice walk, 3 days a week"
    elif entry.kind == "reaffirm" and not extra:
        extra = words.REAFFIRM_SUMMARY
    if entry.text and extra:
        return f"{extra} · {entry.text}"
    return entry.text or extra


def only_text(kind: str, fields: dict[str, Any]) -> bool:
    """Whether ``describe`` says no more of an entry of ``kind`` with these ``fields`` than its
    text (most entries: a win, a hard day), so that a long list need not make an Entry of it."""
    return not fields and kind not in SUMMED_KINDS and kind != "reaffirm"


def label(kind: str) -> str:
    """A kind of entry as a listing names it in its column: "hard day", never "setback"."""
    return words.KIND_LABELS.get(kind, kind)


def named(entry: Entry, width: int = 50) -> str:
    """An entry as a reply names it, in plain words: "the win 'walked to the shop' on Friday 20
    November 2026", "the practice walk", "the check-in on Friday 20 November 2026"."""
    noun = words.KIND_WORDS.get(entry.kind, "entry")
    day = days.friendly(entry.day)
    name = entry.fields.get("name")
    if entry.kind == "practicedef" and isinstance(name, str):
        return f"the practice {one_line(name, width)}"
    if entry.kind == "practice" and isinstance(name, str):
        return f"the practice {one_line(name, width)} on {day}"
    if entry.text and entry.text.strip():
        return f"the {noun} '{one_line(entry.text, width)}' on {day}"
    return f"the {noun} on {day}"
