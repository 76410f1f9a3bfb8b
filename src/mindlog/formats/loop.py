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
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import IO, Any

from mindlog.domain.model import Entry
from mindlog.domain.practices import BUILT_IN_NAMES, MAX_NAME, short_target
from mindlog.domain.typed import name as typed_name
from mindlog.domain.typed import name_key
from mindlog.formats import sources
from mindlog.formats.sources import Options, Removed, RowProblem, SourceProblem, Tally

SOURCE = "loop"
HABITS = "Habits.csv"
CHECKMARKS = "Checkmarks.csv"
_DONE = {"YES_MANUAL"}
_AUTO = {"YES_AUTO"}
_SKIP = {"SKIP"}
_NOT_DONE = {"NO", "UNKNOWN", "-1", ""}
_DIGITS = re.compile(r"^-?[0-9]{1,3}$")


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
        if not folder:
            continue  # the Checkmarks.csv of every habit side by side, at the top: not read
        position = folder.split(" ", 1)[0]
        found.setdefault(position.lstrip("0") or "0", member)
    return found


def _noon(day: date, options: Options) -> datetime:
    start = options.day_start
    clock = start if (start.hour, start.minute) > (12, 0) else time(12, 0)
    return sources.local(datetime.combine(day, clock), options)


def _yes(raw: str) -> bool:
    return raw.strip().lower() in ("true", "1", "yes")


@dataclass(frozen=True)
class Habit:
    """A habit as Loop keeps it (a row of Habits.csv, or of the backup's Habits table)."""

    name: str
    numerical: bool
    per_week: int
    archived: bool
    unit: str = ""
    at_most: bool = False
    target: float = 0.0


Day = tuple[str, date, str, str]  # (where in the file, day, value as Loop writes it, notes)


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

        def cell(key: str, row: dict[str, str | None] = row) -> str:
            value = row.get(key)
            return value if isinstance(value, str) else ""

        try:
            habit = Habit(
                practice_name(cell("Name")),
                cell("Type").strip().upper() in ("NUMERICAL", "MEASURABLE", "1"),
                per_week(cell("FrequencyNumerator"), cell("FrequencyDenominator")),
                _yes(cell("Archived?")),
                " ".join(cell("Unit").split())[:20],
                cell("Target Type").strip().upper() in ("AT_MOST", "1"),
                _number(cell("Target Value")),
            )
        except RowProblem as exc:
            tally.leave(f"a habit that {exc}", where)
            continue
        member = folders.get(cell("Position").strip().lstrip("0") or "0")
        days = list(_checkmarks(archive, member, tally)) if member else []
        yield from habit_entries(habit, days, options, tally)


def _number(raw: str) -> float:
    try:
        return float(raw or 0)
    except ValueError:
        return 0.0


def _checkmarks(archive: zipfile.ZipFile, member: str, tally: Tally) -> Iterator[Day]:
    with archive.open(member) as handle:
        for line, cells in enumerate(csv.reader(_text(handle)), start=1):
            if line == 1 and cells[:1] == ["Date"]:
                continue
            where = f"{member} line {line}"
            try:
                day = date.fromisoformat(cells[0].strip())
            except (ValueError, IndexError):
                tally.leave("a row without a date like 2024-03-01", where)
                continue
            value = cells[1].strip() if len(cells) > 1 else ""
            yield where, day, value, cells[2] if len(cells) > 2 else ""


def read_db(raw: bytes, options: Options, tally: Tally) -> Iterator[Entry | Removed]:
    """Every practice, day done, rest day and note of Loop's full backup (its SQLite database:
    ``Habits``, and ``Repetitions`` with millisecond timestamps of UTC midnights)."""
    import sqlite3

    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(raw)
        habits = db.execute(
            "SELECT id, name, type, freq_num, freq_den, archived, unit, target_type, target_value"
            " FROM Habits ORDER BY position, id"
        ).fetchall()
    except sqlite3.DatabaseError:
        db.close()
        raise SourceProblem(
            "the file is a database, but not Loop's backup; nothing was imported"
        ) from None
    try:
        for row in habits:
            habit_id, name, kind, num, den, archived, unit, target_type, target = row
            try:
                habit = Habit(
                    practice_name(str(name or "")),
                    kind == 1,
                    per_week(str(num), str(den)),
                    bool(archived),
                    " ".join(str(unit or "").split())[:20],
                    target_type == 1,
                    float(target) if isinstance(target, (int, float)) else 0.0,
                )
            except RowProblem as exc:
                tally.leave(f"a habit that {exc}", f"Habits row {habit_id}")
                continue
            days = list(_repetitions(db, habit_id, habit.numerical, tally))
            yield from habit_entries(habit, days, options, tally)
    except sqlite3.DatabaseError:
        raise SourceProblem("the backup is damaged; nothing was imported") from None
    finally:
        db.close()


_NAMED = {2: "YES_MANUAL", 1: "YES_AUTO", 0: "NO", 3: "SKIP", -1: "UNKNOWN"}


def _repetitions(db: Any, habit_id: object, numerical: bool, tally: Tally) -> Iterator[Day]:
    rows = db.execute(
        "SELECT id, timestamp, value, notes FROM Repetitions WHERE habit = ? ORDER BY timestamp",
        (habit_id,),
    )
    for rep_id, stamp, value, notes in rows:
        where = f"Repetitions row {rep_id}"
        if type(stamp) is not int or type(value) is not int:
            tally.leave("a row without a date like 2024-03-01", where)
            continue
        try:
            day = date(1970, 1, 1) + timedelta(days=stamp // 86_400_000)
        except OverflowError:
            tally.leave("a date outside the days mindlog keeps", where)
            continue
        shown = str(value) if numerical and value != -1 else _NAMED.get(value, str(value))
        yield where, day, shown, str(notes or "")


def habit_entries(
    habit: Habit, days: list[Day], options: Options, tally: Tally
) -> Iterator[Entry | Removed]:
    """A habit's practice (unless you have one of its name), then its days."""
    days = [d for d in days if not _outside(d, tally)]
    practice_id, name, new = sources.practice_for(habit.name, options, SOURCE)
    key = name_key(name)
    aim = habit.per_week
    done_line = f"days of {name} (Loop, {short_target(aim)}) → your practice {name}"
    if new:
        since = min((d[1] for d in days), default=options.today)
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
        if habit.archived:
            yield Removed(practice_id)
            tally.add("archived habits → removed practices (their days kept)")
    else:
        tally.add("habits → days of your practice of the same name")
    for where, day, value, note in days:
        try:
            made, said = _day(day, value, note, habit, name, key, practice_id, options)
        except RowProblem as exc:
            tally.leave(f"a row that {exc}", where)
            continue
        if made is None:
            tally.leave(said, where)
            continue
        tally.add(said if said else done_line)
        yield made


def _outside(found: Day, tally: Tally) -> bool:
    if sources.outside(found[1]):
        tally.leave("a date outside the days mindlog keeps", found[0])
        return True
    return False


def _day(
    day: date,
    value: str,
    note: str,
    habit: Habit,
    name: str,
    key: str,
    practice_id: str,
    options: Options,
) -> tuple[Entry | None, str]:
    """One row of Checkmarks.csv: (the entry, or None, and the tally's line: "" for a day done)."""
    upper = value.upper()
    if not habit.numerical:
        upper = _NAMED.get(int(upper), upper) if _DIGITS.match(upper) else upper
    moment = _noon(day, options)
    amount = None
    if habit.numerical and upper not in _NOT_DONE | _AUTO | _SKIP | _DONE:
        try:
            amount = int(value) / 1000
        except ValueError:
            raise RowProblem("has an amount that is not a number") from None
    if amount is not None:
        done = amount <= habit.target if habit.at_most else amount > 0
        words = f"{amount:g} {habit.unit}".strip()
        text = (f"{words}\n{note}" if note.strip() else words) if done else note
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
        return None, "a day Loop filled in itself, not marked by you (nothing to bring)"
    return None, "a day not done or not marked (nothing to bring)"
