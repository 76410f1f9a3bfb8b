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

import base64
import csv
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from mindlog.domain.model import FILE_DEPTH, Entry, too_deep
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
        found = Found(
            " ".join(row.get("mood", "").split()),
            [a.strip() for a in row.get("activities", "").split("|") if a.strip()],
            row.get("note_title", ""),
            row.get("note", ""),
            bool(row.get("scales", "").strip()),
        )
        yield from _entry(found, minute, place, moment, levels, options, tally, where)


@dataclass(frozen=True)
class Found:
    """One Daylio entry as the file has it."""

    label: str  # the mood's label
    activities: list[str]
    title: str  # the note's title and text, HTML in them as written
    note: str
    scales: bool = False  # whether it has values on Daylio's scales (not brought in)


def _entry(
    found: Found,
    minute: tuple[str, str],
    place: int,
    moment: datetime,
    levels: dict[str, int],
    options: Options,
    tally: Tally,
    where: str,
) -> Iterator[Entry | Removed]:
    label = found.label
    key = name_key(label)
    activities = found.activities
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
    title = sources.plain(found.title)
    body = sources.plain(found.note)
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
            tally.leave(f"an entry with the mood {label!r}, which has no level yet", where)
        else:
            tally.leave("an entry without a mood", where)
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
            tally.leave("the activities of an entry with neither a mood level nor a note", where)
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
    if found.scales:
        tally.leave("an entry's values on Daylio's scales (mindlog keeps its mood)", where)


# -- the .daylio backup -------------------------------------------------------------------------

BACKUP = "backup.daylio"
MAX_BACKUP = 512 * 1024 * 1024  # bytes of the backup's data
PREDEFINED = {1: "rad", 2: "good", 3: "meh", 4: "bad", 5: "awful"}


def looks_like_backup(names: list[str]) -> bool:
    return BACKUP in names


def read_backup(
    archive: zipfile.ZipFile, options: Options, tally: Tally
) -> Iterator[Entry | Removed]:
    """Every entry of Daylio's backup (a zip holding ``backup.daylio``: base64 of JSON with
    ``customMoods``, ``tags`` and ``dayEntries``, whose ``month`` counts from 0). Its moods say
    their level (``mood_group_id`` 1 is the best, rad, 5 the lowest, awful); ``--mood-map`` still
    changes a label's. Its entries get the same ids as in the CSV export: either adds nothing
    after the other. Nothing else in it (the PIN among them) is read."""
    try:
        info = archive.getinfo(BACKUP)
    except KeyError:
        raise SourceProblem("the zip has no backup.daylio, so it is not Daylio's backup") from None
    if info.file_size > MAX_BACKUP:
        raise SourceProblem("the backup is larger than any Daylio writes; nothing was imported")
    try:
        data = json.loads(base64.b64decode(archive.read(info)).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise SourceProblem("the backup's data is not Daylio's; nothing was imported") from None
    if not isinstance(data, dict) or too_deep(data, FILE_DEPTH):
        raise SourceProblem("the backup's data is not Daylio's; nothing was imported")
    moods: dict[object, tuple[str, int]] = {}
    for mood in _objects(data.get("customMoods")):
        group, predefined = mood.get("mood_group_id"), mood.get("predefined_name_id")
        custom = mood.get("custom_name")
        label = custom.strip() if isinstance(custom, str) and custom.strip() else None
        label = label or PREDEFINED.get(predefined if isinstance(predefined, int) else 0)
        if label and isinstance(group, int) and 1 <= group <= 5:
            moods[mood.get("id")] = (" ".join(label.split()), 6 - group)
    names = {t.get("id"): t.get("name") for t in _objects(data.get("tags"))}
    levels = {name_key(label): level for label, level in moods.values()} | options.mood_map
    entries = sorted(_objects(data.get("dayEntries")), key=_when, reverse=True)
    same_minute: dict[tuple[str, str], int] = {}
    for item in entries:
        where = f"{BACKUP} entry {item.get('id')}"
        try:
            moment = _moment(item, options)
        except RowProblem as exc:
            tally.leave(f"an entry that {exc}", where)
            continue
        wall = moment.replace(tzinfo=None)
        minute = (wall.date().isoformat(), wall.time().isoformat("minutes"))
        place = same_minute[minute] = same_minute.get(minute, 0) + 1
        label = moods.get(item.get("mood"), ("", 0))[0]
        tags = item.get("tags")
        found = Found(
            label,
            [str(names[t]) for t in tags if isinstance(names.get(t), str)]
            if isinstance(tags, list)
            else [],
            _str(item.get("note_title")),
            _str(item.get("note")),
        )
        yield from _entry(found, minute, place, moment, levels, options, tally, where)


def _objects(value: object) -> list[dict[str, object]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _when(item: dict[str, object]) -> tuple[int, ...]:
    keys = ("year", "month", "day", "hour", "minute")
    return tuple(v if type(v) is int else 0 for v in (item.get(k) for k in keys))


def _moment(item: dict[str, object], options: Options) -> datetime:
    """An entry's wall-clock time, with the UTC offset it was written at."""
    year, month, day, hour, minute = _when(item)
    try:
        wall = datetime.combine(date(year, month + 1, day), time(hour, minute))  # month from 0
    except ValueError:
        raise RowProblem("has a date or time no calendar has") from None
    offset = item.get("timeZoneOffset")
    if type(offset) is int and abs(offset) < 24 * 3_600_000:
        if sources.outside(wall.date()):
            raise RowProblem(f"is dated {wall.date().isoformat()}, outside the days mindlog keeps")
        return wall.replace(tzinfo=timezone(timedelta(milliseconds=offset)))
    return sources.local(wall, options)
