"""Exports: what the three formats share, and JSON that mindlog can import again.

Pure: every export takes entries and returns text; the ``*_parts`` functions give a document in
parts, made as they are asked for, to write a long history as it is made.

    export.py     the formats, the names of the kinds, the Period an export reads, and JSON:
                  ``{"mindlog_export": 1, "entries": [...]}``, entries in their JSON form, text exact
    csvfile.py    CSV, one entry a row, safe to open in a spreadsheet
    markdown.py   Markdown to read, print or bring to a therapy session
    export_html.py  one self-contained HTML page to print (with htmlpage.py)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from mindlog.domain.model import Entry, Fields, fields_of, shows_up
from mindlog.formats import jsontext

FORMATS = ("md", "json", "csv")
SCALES = ("mood", "energy", "sleep")
KIND_NAMES = {
    "win": "win",
    "morning": "morning routine",
    "commitment": "commitment statement",
    "reaffirm": "re-read my statement",
    "rest": "rest day",
    "checkin": "check-in",
    "setback": "hard day",
    "journal": "journal",
    "bringup": "to bring up",
    "practicedef": "a practice of my own",
    "practice": "practice",
    "urge": "urge",
    "scale": "a check-in scale of my own",
}

GLANCE_NAMES = {
    "win": "Wins and efforts",
    "morning": "Mornings with the routine",
    "commitment": "Commitment statements written",
    "reaffirm": "Statement re-read and affirmed",
    "rest": "Planned rest days",
    "checkin": "Check-ins",
    "setback": "Hard days written down",
    "journal": "Journal entries",
    "bringup": "Notes to bring up",
    "practicedef": "Practices of my own added or changed",
    "practice": "Days of my own practices",
    "urge": "Urges noted",
    "scale": "Check-in scales of my own",
}


def to_json(entries: Iterable[Entry]) -> str:
    document = {"mindlog_export": 1, "entries": [e.to_json() for e in entries]}
    return jsontext.dumps(document) + "\n"  # as json.dumps(..., indent=2), faster


@functools.lru_cache(maxsize=4096)
def date_of(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def scale_keys(checkins: Sequence[Entry]) -> list[str]:
    keys = [k for k in SCALES if any(k in c.fields for c in checkins)]
    for entry in checkins:
        for key, value in entry.fields.items():
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            if numeric and key not in keys:
                keys.append(key)
        own = entry.fields.get("scales")  # scales of your own (mindlog.domain.checkins)
        keys += [k for k in own if k not in keys] if isinstance(own, dict) else []
    return keys


@dataclass
class Period:
    """The entries a Markdown export holds, as it reads them: counted first (the summary comes
    before them), then the entries of one kind, or every entry in the journal's order, each read
    when it is asked for, so that a long history is never held whole."""

    counts: dict[str, tuple[int, int]]  # kind -> how many entries, and on how many days
    days: int  # days with an entry
    dates: tuple[date, date] | None  # the first and the last of those days
    in_order: bool  # ``rows(None)`` gives each day's entries together, the days in date order
    of_kind: Callable[[str], Iterable[Entry]]  # the entries of one kind, in the journal's order
    # The fields of the entries of one kind (None: of every entry), in the journal's order: the
    # wins and the weeks, read without making an Entry of each.
    rows: Callable[[str | None], Iterable[Fields]]
    # The entries of the days from one date to another inside the period (the HTML calendar's).
    between: Callable[[date, date], Iterable[Entry]]
    shown: int = 0  # days shown up (mindlog.domain.streaks: any record of the person's)


def period_of(entries: Sequence[Entry]) -> Period:
    """The Period of entries held in a list (in any order)."""
    by_kind: dict[str, list[Entry]] = {}
    days: dict[str, None] = {}  # in the order first met
    shown: set[str] = set()  # the days shown up
    changes = 0  # places where the day changes from one entry to the next
    last = None
    for entry in entries:
        same = by_kind.get(entry.kind)
        if same is None:
            by_kind[entry.kind] = [entry]
        else:
            same.append(entry)
        days[entry.day] = None
        if shows_up(entry.kind):
            shown.add(entry.day)
        changes += entry.day != last
        last = entry.day
    counts = {kind: (len(same), len({e.day for e in same})) for kind, same in by_kind.items()}
    dated = [d for d in map(date_of, days) if d is not None]
    in_order = changes == len(days) and _in_date_order(list(days))
    return Period(
        counts,
        len(days),
        (min(dated), max(dated)) if dated else None,
        in_order,
        lambda kind: by_kind.get(kind, []),
        lambda kind: fields_of(entries if kind is None else by_kind.get(kind, [])),
        lambda first, last: [e for e in entries if first.isoformat() <= e.day <= last.isoformat()],
        len(shown),
    )


def _in_date_order(days: list[str]) -> bool:
    """Days written as dates in full (2026-11-28), each after the one before it."""
    return all(
        (day := date_of(iso)) is not None
        and day.isoformat() == iso
        and (n == 0 or days[n - 1] < iso)
        for n, iso in enumerate(days)
    )
