"""Bearable's CSV export, read into check-ins, scales of your own and tags.

The export is long: one row a reading, ``date,weekday,time of day,category,rating/amount,detail,
notes`` (a newer version adds ``date formatted``). Dates are written like ``22nd Jan 2022``; the
time of day is a clock time (``14:30``, ``2:30 pm``) or a part of the day (``am``, ``mid``,
``pm``: read as 09:00, 14:00 and 20:00). The rating scale is not in the file: ``--scale 0-10``
says it (asked on a terminal; else 1-5 when no rating is above 5, 0-10 otherwise), and every
rating is made a level from 1 to 5.

How the readings come in: the readings of one day at one time of day make one check-in. Mood
and Energy are its mood and energy, a Sleep quality its sleep; a Symptom's rating (or any other
rated reading with a detail) is a scale of your own named by its detail; Factors are tags;
notes are the check-in's text. Other categories (medication, measurements, ...) are counted as
not brought in.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time

from mindlog.domain.model import Entry
from mindlog.domain.typed import name_key
from mindlog.formats import sources
from mindlog.formats.sources import Options, Removed, RowProblem, SourceProblem, Tally

SOURCE = "bearable"
PARTS = {"am": time(9, 0), "mid": time(14, 0), "pm": time(20, 0)}
_DAY = re.compile(r"^\s*([0-9]{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+([0-9]{4})\s*$")
_NUMBER = re.compile(r"^\s*-?[0-9]+(?:\.[0-9]+)?\s*$")
RATED = ("symptom", "symptoms")
TAGGED = ("factors", "factor")


def looks_like(header: str) -> bool:
    cells = [c.strip().strip('"').lower() for c in header.split(",")]
    return "category" in cells and ("rating/amount" in cells or "time of day" in cells)


def day_of(raw: str, formatted: str = "") -> date:
    """``22nd Jan 2022`` (or a ``date formatted`` like 2022-01-22) as a date."""
    for candidate in (formatted.strip()[:10], raw.strip()[:10]):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            pass
    found = _DAY.match(raw)
    month = sources.MONTHS.get(found.group(2).lower()) if found else None
    if found is None or month is None:
        raise RowProblem(f"has the date {raw[:20]!r}, not like 22nd Jan 2022")
    try:
        return date(int(found.group(3)), month, int(found.group(1)))
    except ValueError:
        raise RowProblem(f"has the date {raw[:20]!r}, which no calendar has") from None


def clock_of(raw: str) -> time:
    part = PARTS.get(raw.strip().lower())
    return part if part is not None else sources.clock(raw)


def guess_scale(top: float) -> tuple[int, int]:
    """The scale when the person does not say: 1-5 when no rating is above 5, else 0-10."""
    return (1, 5) if top <= 5 else (0, 10)


def read(lines: Iterable[str], options: Options, tally: Tally) -> Iterator[Entry | Removed]:
    rows = iter(lines)
    try:
        first = next(rows)
    except StopIteration:
        raise SourceProblem("the file is empty; nothing was imported") from None
    header = [c.strip().lower() for c in next(csv.reader([first]))]
    if "category" not in header:
        raise SourceProblem("the file's first line is not Bearable's; nothing was imported")
    group: list[tuple[str, dict[str, str]]] = []
    key: tuple[date, time] | None = None
    parts: dict[tuple[date, time], int] = {}
    for line, cells in enumerate(csv.reader(rows), start=2):
        if not any(c.strip() for c in cells):
            continue
        row = {name: cells[n] for n, name in enumerate(header) if n < len(cells)}
        where = f"line {line}"
        try:
            day = day_of(row.get("date", ""), row.get("date formatted", ""))
            at = clock_of(row.get("time of day", ""))
        except RowProblem as exc:
            tally.leave(f"a reading that {exc}", where)
            continue
        if key != (day, at):
            if group and key is not None:
                yield from _checkin(key, parts, group, options, tally)
            if key is None or key[0] != day:
                parts = {}
            key, group = (day, at), []
        group.append((where, row))
    if group and key is not None:
        yield from _checkin(key, parts, group, options, tally)


def _rating(raw: str, options: Options, tally: Tally) -> int:
    if not _NUMBER.match(raw):
        raise RowProblem(f"has the rating {raw[:20]!r}, not a number")
    value = float(raw)
    tally.top = max(tally.top, value)
    low, high = options.scale or guess_scale(tally.top)
    return sources.level(value, low, high)


def _checkin(
    key: tuple[date, time],
    parts: dict[tuple[date, time], int],
    group: list[tuple[str, dict[str, str]]],
    options: Options,
    tally: Tally,
) -> Iterator[Entry | Removed]:
    day, at = key
    part = parts[key] = parts.get(key, 0) + 1
    fields: dict[str, object] = {}
    own: dict[str, int] = {}
    tags: list[str] = []
    notes: list[str] = []
    new_scales: list[str] = []
    for where, row in group:
        category = " ".join(row.get("category", "").split())
        folded = category.lower()
        detail = " ".join(row.get("detail", "").split())
        raw = row.get("rating/amount", "").strip()
        note = sources.plain(row.get("notes", ""))
        if note and note not in notes:
            notes.append(note)
        try:
            if folded in ("mood", "energy") and raw:
                fields[folded] = _rating(raw, options, tally)
                tally.add(f"{category} readings → check-ins' {folded}")
            elif folded.startswith("sleep") and raw and "quality" in f"{folded} {detail.lower()}":
                fields["sleep"] = _rating(raw, options, tally)
                tally.add("sleep quality readings → check-ins' sleep")
            elif folded in TAGGED and detail:
                made = sources.tag(detail)
                if made is None:
                    raise RowProblem("has a factor with no letters to make a tag of")
                tags.append(made)
                tally.add("factors → tags")
            elif folded in RATED and detail and raw:
                name = detail[:40]
                own[name] = _rating(raw, options, tally)
                folded_name = name_key(name)
                if folded_name not in tally.scales and folded_name not in options.scales:
                    tally.scales.append(folded_name)
                    new_scales.append(name)
                tally.add(f"{category} ratings → scales of your own")
            elif note and not raw and not detail:
                tally.add("notes → check-ins' text")
            else:
                what = category or "uncategorised"
                tally.leave(f"a {what} reading (mindlog has no place for it yet)", where)
        except RowProblem as exc:
            tally.leave(f"a reading that {exc}", where)
    if not (fields or own or tags or notes):
        return
    first = group[0][0]
    try:
        moment_at = sources.local(datetime.combine(day, at), options)
    except RowProblem as exc:
        tally.leave(f"a check-in that {exc}", first)
        return
    try:
        for name in new_scales:
            yield sources.entry(
                sources.stable_id(SOURCE, "scale", name_key(name)),
                "scale",
                moment_at,
                options,
                None,
                (),
                name=name,
                source=SOURCE,
            )
            tally.add("new scales of your own (asked at each check-in; remove any you like)")
        yield sources.entry(
            sources.stable_id(SOURCE, day, at.isoformat("minutes"), part),
            "checkin",
            moment_at,
            options,
            "\n".join(notes) or None,
            tags,
            **fields,
            **({"scales": own} if own else {}),
            source=SOURCE,
        )
    except RowProblem as exc:
        tally.leave(f"a check-in that {exc}", first)
        return
    tally.add("check-ins made of them")
