"""Loop Habit Tracker's export: a zip of CSV files, read into practices of your own.

The zip holds ``Habits.csv`` (``Position,Name,Type,Question,Description,FrequencyNumerator,
FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?``) and, for each habit, a
folder ``NNN name/`` (its position, then its name) with ``Checkmarks.csv`` (``Date,Value,Notes``)
and ``Scores.csv`` (Loop's own score; not read: mindlog works out its own strength).

How each habit comes in:

- the habit is a practice of your own, done ``per_week`` days a week: its frequency
  (``FrequencyNumerator`` times in ``FrequencyDenominator`` days) made weekly, from 1 to 7. A
  practice you already have of the same name (any case) gets the days instead, and keeps its aim.
  A name of mindlog's own practices (morning, wins, commitment) gets `` (Loop)`` added;
- ``YES_MANUAL`` (or the ``2`` older exports write) is a day done; ``SKIP`` (``3``) a rest day for
  that practice only; ``YES_AUTO`` (``1``: a day Loop filled in because the week's target was
  met), ``NO`` (``0``) and ``UNKNOWN`` (``-1``) bring nothing;
- a numerical habit writes its amount times 1000 (``25000`` is 25): a day with an amount is a day
  done ("at least" habits) or a day within the limit ("at most" habits), with the amount and its
  unit as the day's text;
- a day's note is kept: as the text of the day done, or as a journal entry when the day was not
  done;
- an archived habit comes in as a removed practice (its days kept; `mindlog restore` brings it
  back).

Days come in as days logged afterwards: at noon, without a time of their own (``timed`` false).
"""

from __future__ import annotations

import csv
import io
import posixpath
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import IO

from mindlog.domain.model import Entry
from mindlog.domain.practices import BUILT_IN_NAMES, MAX_NAME, short_target
from mindlog.domain.typed import name as typed_name
from mindlog.domain.typed import name_key
from mindlog.formats import sources
from mindlog.formats.sources import Options, Removed, RowProblem, SourceProblem, Tally

SOURCE = "loop"
HABITS = "Habits.csv"
CHECKMARKS = "Checkmarks.csv"
_DONE = {"YES_MANUAL", "2"}
_AUTO = {"YES_AUTO", "1"}
_SKIP = {"SKIP", "3"}
_NOT_DONE = {"NO", "0", "UNKNOWN", "-1", ""}


def looks_like(names: list[str]) -> bool:
    """Whether a zip with these member names is Loop's export."""
    return any(posixpath.basename(n) == HABITS for n in names)


def _text(handle: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")


def per_week(numerator: str, denominator: str) -> int:
    """Loop's frequency (``numerator`` times in ``denominator`` days) as days a week, 1 to 7."""
    try:
        times, days = float(numerator), float(denominator)
    except ValueError:
        return 7
    if not times > 0 or not days > 0:
        return 7
    return max(1, min(7, round(times * 7 / days)))


def practice_name(name: str) -> str:
    """A habit's name as a practice's: one line, at most 40 characters, never a built-in's."""
    kept = " ".join(typed_name(name).split())[:MAX_NAME].strip()
    if not kept or not kept.isprintable():
        raise RowProblem("has no name that can be a practice's")
    if name_key(kept) in BUILT_IN_NAMES:
        kept = f"{kept[: MAX_NAME - 7]} (Loop)"
    return kept


def _folders(names: list[str]) -> dict[str, str]:
    """Each habit folder's position (``001``) -> its Checkmarks.csv."""
    found: dict[str, str] = {}
    for member in names:
        if posixpath.basename(member) != CHECKMARKS:
            continue
        folder = posixpath.basename(posixpath.dirname(member))
        position = folder.split(" ", 1)[0]
        found.setdefault(position.lstrip("0") or "0", member)
    return found


def _noon(day: date, options: Options) -> datetime:
    start = options.day_start
    clock = start if (start.hour, start.minute) > (12, 0) else time(12, 0)
    return sources.local(datetime.combine(day, clock), options)


def _yes(raw: str) -> bool:
    return raw.strip().lower() in ("true", "1", "yes")


def read(archive: zipfile.ZipFile, options: Options, tally: Tally) -> Iterator[Entry | Removed]:
    """Every practice, day done, rest day and note of a Loop export, habit by habit."""
    names = archive.namelist()
    habits = [n for n in names if posixpath.basename(n) == HABITS]
    if not habits:
        raise SourceProblem("the zip has no Habits.csv, so it is not Loop's export")
    folders = _folders(names)
    with archive.open(habits[0]) as handle:
        rows = list(csv.DictReader(_text(handle)))  # one row a habit: a short file
    for number, row in enumerate(rows, start=2):
        where = f"{HABITS} line {number}"
        try:
            yield from _habit(archive, row, folders, options, tally)
        except RowProblem as exc:
            tally.leave(f"a habit that {exc}", where)


def _habit(
    archive: zipfile.ZipFile,
    row: dict[str, str | None],
    folders: dict[str, str],
    options: Options,
    tally: Tally,
) -> Iterator[Entry | Removed]:
    def cell(key: str) -> str:
        value = row.get(key)
        return value if isinstance(value, str) else ""

    shown = practice_name(cell("Name"))
    numerical = cell("Type").strip().upper() in ("NUMERICAL", "MEASURABLE", "1")
    aim = per_week(cell("FrequencyNumerator"), cell("FrequencyDenominator"))
    archived = _yes(cell("Archived?"))
    unit = " ".join(cell("Unit").split())[:20]
    at_most = cell("Target Type").strip().upper() in ("AT_MOST", "1")
    try:
        target = float(cell("Target Value") or 0)
    except ValueError:
        target = 0.0
    practice_id, name, new = sources.practice_for(shown, options, SOURCE)
    key = name_key(name)
    member = folders.get(cell("Position").strip().lstrip("0") or "0")
    days: list[tuple[int, date, str, str]] = []  # (line, day, value, note) read once for `since`
    first: date | None = None
    if member is not None:
        with archive.open(member) as handle:
            reader = csv.reader(_text(handle))
            for line, cells in enumerate(reader, start=1):
                if line == 1 and cells[:1] == ["Date"]:
                    continue
                where = f"{member} line {line}"
                try:
                    day = date.fromisoformat(cells[0].strip())
                except (ValueError, IndexError):
                    tally.leave("a row without a date like 2024-03-01", where)
                    continue
                if sources.outside(day):
                    tally.leave("a date outside the days mindlog keeps", where)
                    continue
                value = cells[1].strip() if len(cells) > 1 else ""
                note = cells[2] if len(cells) > 2 else ""
                days.append((line, day, value, note))
                first = day if first is None or day < first else first
    target_words = "daily" if aim >= 7 else f"{aim} a week"
    done_line = f"days of {name} (Loop, {target_words}) → your practice {name}"
    if new:
        since = first or date.today()
        yield sources.entry(
            practice_id,
            "practicedef",
            _noon(since, options),
            options,
            None,
            (),
            name=name,
            per_week=aim,
            timed=False,
            source=SOURCE,
        )
        tally.add(f"habits → practices of your own ({short_target(aim)}, from Loop's frequency)")
        if archived:
            yield Removed(practice_id)
            tally.add("archived habits → removed practices (their days kept)")
    else:
        tally.add("habits → days of your practice of the same name")
    for line, day, value, note in days:
        where = f"{member} line {line}"
        try:
            made, said = _day(day, value, note, numerical, at_most, target, unit, name, key,
                              practice_id, options)  # fmt: skip
        except RowProblem as exc:
            tally.leave(f"a row that {exc}", where)
            continue
        if made is None:
            tally.leave(said, where)
            continue
        tally.add(said if said else done_line)
        yield made


def _day(
    day: date,
    value: str,
    note: str,
    numerical: bool,
    at_most: bool,
    target: float,
    unit: str,
    name: str,
    key: str,
    practice_id: str,
    options: Options,
) -> tuple[Entry | None, str]:
    """One row of Checkmarks.csv: (the entry, or None, and the tally's line: "" for a day done)."""
    upper = value.upper()
    moment = _noon(day, options)
    amount = None
    if numerical and upper not in _NOT_DONE | _AUTO | _SKIP | _DONE:
        try:
            amount = int(value) / 1000
        except ValueError:
            raise RowProblem("has an amount that is not a number") from None
    if amount is not None:
        done = amount <= target if at_most else amount > 0
        words = f"{amount:g} {unit}".strip()
        text = f"{words}\n{note}" if note.strip() else words
    elif upper in _DONE:
        done, text = True, note
    elif upper in _SKIP:
        rest = sources.entry(
            sources.stable_id(SOURCE, key, day, "rest"),
            "rest",
            moment,
            options,
            note or None,
            (),
            practice=name,
            practice_id=practice_id,
            timed=False,
            source=SOURCE,
        )
        return rest, f"skipped days of {name} → rest days for {name}"
    elif upper in _AUTO | _NOT_DONE:
        done, text = False, note
    else:
        raise RowProblem(f"has the value {value[:20]!r}, which Loop does not write")
    if done:
        made = sources.entry(
            sources.stable_id(SOURCE, key, day, "done"),
            "practice",
            moment,
            options,
            text or None,
            (),
            name=name,
            practice_id=practice_id,
            timed=False,
            source=SOURCE,
        )
        return made, ""
    if text.strip():
        made = sources.entry(
            sources.stable_id(SOURCE, key, day, "note"),
            sources.JOURNAL_KIND,
            moment,
            options,
            f"{name}: {text.strip()}",
            ("loop",),
            timed=False,
            source=SOURCE,
        )
        return made, "notes on days not done → journal entries"
    if upper in _AUTO:
        return None, "days Loop filled in itself (not marked by you): nothing to bring"
    return None, "days not done or not marked: nothing to bring"
