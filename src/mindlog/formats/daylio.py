"""Daylio's CSV export, read into check-ins, notes and tags.

The export has one row an entry, newest first: ``full_date,date,weekday,time,mood,activities,
note_title,note``. Older exports have seven columns (``year,date,weekday,time,mood,activities,
note``) and 12-hour times (``11:54 pm``); some are tab-separated; one variant adds ``scales``.
``date`` and ``weekday`` are in the phone's language, so the day is read from ``full_date``
(``2024-03-01``); an older export without it is read from ``year`` and ``date`` when the month
is written in English (``18 May``, ``May 18``).

How an entry comes in:

- its mood is a check-in's mood. Moods are the person's own labels, and several may share a
  level; Daylio's own labels have their levels (rad 5, good 4, meh 3, bad 2, awful 1), and
  ``--mood-map 'ok=3,irritable=2'`` gives (or changes) the others. A mood without a level brings
  no check-in (the preview says which labels, and how to give them one);
- its activities (joined by `` | ``) are the check-in's tags, one word each (``movies / tv``
  becomes ``movies-tv``), or days of a practice the person names for an activity;
- its note (title, a line break, then the text, HTML made plain) is a journal entry;
- its date and time are read as local time on this computer, and it belongs to the logical day
  of that time (``day_starts_at``).

Ids come from the entry's date and time (and its place among entries of the same minute), so
importing the file again adds nothing, and a newer export adds only the newer entries.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from mindlog.domain.model import Entry
from mindlog.domain.typed import name_key
from mindlog.formats import sources
from mindlog.formats.sources import Options, Removed, RowProblem, SourceProblem, Tally

SOURCE = "daylio"
DEFAULT_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}


def looks_like(header: str) -> bool:
    """Whether a CSV's first line is Daylio's."""
    cells = [c.strip().strip('"').lower() for c in re.split(r"[,\t]", header)]
    return "mood" in cells and "activities" in cells and ("full_date" in cells or "year" in cells)


def old_date(year: str, words: str) -> date:
    """An older export's day: its ``year`` and its ``date`` in English (``18 May``, ``May 18``)."""
    parts = [p for p in re.split(r"[\s,.]+", words.strip().lower()) if p]
    month = next((sources.MONTHS[p] for p in parts if p in sources.MONTHS), None)
    day = next((int(p) for p in parts if p.isascii() and p.isdigit()), None)
    if month is None or day is None or not (year.strip().isascii() and year.strip().isdigit()):
        raise RowProblem(
            f"has the date {words[:20]!r} in words mindlog cannot read "
            "(a newer Daylio export has full_date)"
        )
    try:
        return date(int(year), month, day)
    except ValueError:
        raise RowProblem(f"has the date {words[:20]!r}, which no calendar has") from None


def mood_levels(options: Options) -> dict[str, int]:
    """Each mood label's level: Daylio's own, then the person's --mood-map over them."""
    return {**DEFAULT_MOODS, **options.mood_map}


def read(lines: Iterable[str], options: Options, tally: Tally) -> Iterator[Entry | Removed]:
    """Every check-in, note and practice day of a Daylio CSV export, row by row."""
    rows = iter(lines)
    try:
        first = next(rows)
    except StopIteration:
        raise SourceProblem("the file is empty; nothing was imported") from None
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=delimiter))
    columns = {name.strip().lower(): n for n, name in enumerate(header)}
    if "mood" not in columns or ("full_date" not in columns and "year" not in columns):
        raise SourceProblem("the file's first line is not Daylio's; nothing was imported")
    levels = mood_levels(options)
    same_minute: dict[tuple[str, str], int] = {}
    today = ""
    for line, cells in enumerate(csv.reader(rows, delimiter=delimiter), start=2):
        if not any(c.strip() for c in cells):
            continue
        where = f"line {line}"

        row = {name: cells[n] for name, n in columns.items() if n < len(cells)}

        try:
            if "full_date" in columns:
                try:
                    day = date.fromisoformat(row.get("full_date", "").strip())
                except ValueError:
                    raise RowProblem("has no full_date like 2024-03-01") from None
            else:
                day = old_date(row.get("year", ""), row.get("date", ""))
            at = sources.clock(row.get("time", ""))
            moment = sources.local(datetime.combine(day, at), options)
        except RowProblem as exc:
            tally.leave(f"an entry that {exc}", where)
            continue
        if day.isoformat() != today:
            today, same_minute = day.isoformat(), {}
        minute = (day.isoformat(), at.isoformat("minutes"))
        place = same_minute[minute] = same_minute.get(minute, 0) + 1
        yield from _entry(row, minute, place, moment, levels, options, tally, where)


def _entry(
    row: dict[str, str],
    minute: tuple[str, str],
    place: int,
    moment: datetime,
    levels: dict[str, int],
    options: Options,
    tally: Tally,
    where: str,
) -> Iterator[Entry | Removed]:
    def get(name: str) -> str:
        return row.get(name, "")

    label = " ".join((get("mood")).split())
    key = name_key(label)
    activities = [a.strip() for a in (get("activities")).split("|") if a.strip()]
    tags: list[str] = []
    practice_days: list[str] = []
    for activity in activities:
        practice = options.activity_practices.get(name_key(activity))
        if practice is not None:
            practice_days.append(practice)
            continue
        made = sources.tag(activity)
        if made is not None:
            tags.append(made)
        else:
            tally.leave("an activity with no letters to make a tag of", where)
    title = sources.plain(get("note_title"))
    body = sources.plain(get("note"))
    text = f"{title}\n{body}" if title and body else title or body
    level = levels.get(key)
    made_checkin = False
    try:
        if level is not None:
            tally.seen_values[f"{label} {level}"] += 1
            yield sources.entry(
                sources.stable_id(SOURCE, *minute, place, "checkin"),
                "checkin",
                moment,
                options,
                None,
                tags,
                mood=level,
                source=SOURCE,
            )
            tally.add("Daylio entries → check-ins")
            made_checkin = True
        elif label:
            if label not in tally.asked:
                tally.asked.append(label)
            tally.leave(f"entries with the mood {label!r}, which has no level yet", where)
        else:
            tally.leave("entries without a mood", where)
        if text:
            yield sources.entry(
                sources.stable_id(SOURCE, *minute, place, "note"),
                sources.JOURNAL_KIND,
                moment,
                options,
                text,
                [] if made_checkin else tags,
                source=SOURCE,
            )
            tally.add("notes → journal entries")
        elif tags and not made_checkin:
            tally.leave("activities of an entry with neither a mood level nor a note", where)
        if tags and (made_checkin or text):
            tally.add("activities → tags", len(tags))
        for practice in practice_days:
            practice_id, name = options.practices[name_key(practice)]
            yield sources.entry(
                sources.stable_id(SOURCE, "practice", name_key(name), minute[0]),
                "practice",
                moment,
                options,
                None,
                (),
                name=name,
                practice_id=practice_id,
                source=SOURCE,
            )
            tally.add(f"activities → days of your practice {name}")
    except RowProblem as exc:
        tally.leave(f"an entry that {exc}", where)
    scales = (get("scales")).strip()
    if scales:
        tally.leave("Daylio scales: mindlog keeps only the mood of a Daylio entry", where)
