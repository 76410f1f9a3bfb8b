"""Practices of your own: what they are, how a name finds one, and their figures.

Pure: entries in, data out. A practice of your own lives in the journal, so it syncs between
devices with everything else:

- kind ``practicedef`` (fields ``name``, ``per_week`` 1-7) is the practice itself, written by
  `mindlog practice add`; a rename or a new ``per_week`` is an update of that entry, and
  `mindlog practice remove` deletes it (recoverable, like any entry). Two devices may each add
  a practice of the same name before they sync: the one added first is the practice and the
  others are its twins (``Practice.twins``), renamed, changed and removed with it. When their
  ``per_week`` differ, no aim is dropped: ``Practice.targets`` holds them all and
  `mindlog practice list` and `mindlog streaks` ask the person to choose (``choice_words``).
- kind ``practice`` (fields ``name`` and ``practice_id``) is one day it was done, written by
  `mindlog did`. ``practice_id`` is the ``practicedef`` entry's id: the practice's stable
  identity, so a rename keeps every day already logged. ``name`` is the name it had that day, kept
  for people reading an export. A ``practice`` entry without a ``practice_id`` (made by hand or
  imported), or whose practice was removed, belongs to the practice of that name: a practice
  removed and added again keeps its days.

Names are compared in any case and any Unicode form (mindlog.domain.typed.name_key): ``Walk``
and ``walk``, ``café`` typed in two forms, are one practice.

The three built-in practices (morning, wins, commitment) stay in mindlog.domain.streaks, unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence, Set
from datetime import date
from typing import Any, NamedTuple

from mindlog.domain import streaks
from mindlog.domain.errors import MindlogError
from mindlog.domain.model import Entry
from mindlog.domain.record import record
from mindlog.domain.typed import name as typed_name
from mindlog.domain.typed import name_key

MAX_NAME = 40
BUILT_IN_NAMES = ("morning", "wins", "commitment")


@record(frozen=True)
class Practice:
    id: str  # the practicedef entry's id: stable across renames
    name: str
    per_week: int
    since: date  # the day it was added
    # the same practice added on other devices before they synced: their practicedef ids
    twins: tuple[str, ...] = ()
    # every aim those devices gave it (days a week), first added first, when they differ
    targets: tuple[int, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        """The practicedef entries that are this practice: its own and its twins'."""
        return (self.id, *self.twins)

    @property
    def choice(self) -> bool:
        """Whether devices gave it different aims, and the person is asked to choose one."""
        return len(self.targets) > 1

    @property
    def unit(self) -> str:
        return "days" if self.per_week >= 7 else "weeks"


@record(frozen=True)
class Figures:
    practice: Practice
    streak: streaks.Streak
    done_today: bool
    done_days: frozenset[date]
    age: int = 0  # days since it was added (or first done), today counted

    def building(self, days_used: int | None = None) -> str | None:
        """Words in place of its strength while the practice (or mindlog) is young
        (mindlog.domain.words.building), else None."""
        from mindlog.domain.words import building

        used = min(self.age, days_used) if days_used is not None else self.age
        return building(self.streak.strength, used, self.streak.recent)

    def to_json(self) -> dict[str, object]:
        found: dict[str, object] = {
            "name": self.practice.name,
            "per_week": self.practice.per_week,
            "unit": self.practice.unit,
            **self.streak.to_json(),
        }
        if self.practice.choice:  # aims from devices that added it apart: none is dropped
            found["targets"] = list(self.practice.targets)
        return found


def check_name(raw: str) -> str:
    """A practice's name as typed, trimmed, in Unicode NFC (mindlog.domain.typed.name); raise
    MindlogError when it cannot be one."""
    name = typed_name(raw)
    if not name:
        raise MindlogError("a practice needs a name, like walk or stretch; nothing was saved")
    if len(name) > MAX_NAME or not name.isprintable():
        raise MindlogError(
            f"a practice's name is one short line (at most {MAX_NAME} characters); "
            "nothing was saved"
        )
    return name


def check_per_week(value: int) -> int:
    if not 1 <= value <= 7:
        raise MindlogError(
            f"--per-week is {value}: use a number of days from 1 to 7 (7 is every day)"
        )
    return value


def defined(entries: Iterable[Entry]) -> list[Practice]:
    """Your practices, in the order they were added.

    Two devices may each add a practice of the same name before they sync: the one added first
    is the practice and the others are its twins; the days logged against a twin are its days.
    When they were given different aims, each aim is kept in ``targets`` (the first is used
    until the person chooses), so nothing one device said is dropped.
    """
    found = []
    for entry in entries:
        if entry.kind != "practicedef":
            continue
        try:
            since = date.fromisoformat(entry.day)
        except ValueError:
            continue
        practice = Practice(
            entry.id, str(entry.fields["name"]), int(entry.fields["per_week"]), since
        )
        found.append(((entry.written, entry.day, entry.at, entry.id), practice))
    groups: dict[str, list[Practice]] = {}
    for _, practice in sorted(found, key=lambda f: f[0]):
        groups.setdefault(name_key(practice.name), []).append(practice)
    result = []
    for first, *others in groups.values():
        targets = tuple(dict.fromkeys(p.per_week for p in (first, *others)))
        result.append(
            Practice(
                first.id,
                first.name,
                first.per_week,
                first.since,
                tuple(p.id for p in others),
                targets if len(targets) > 1 else (),
            )
        )
    return result


def live_ids(practices: Iterable[Practice]) -> set[str]:
    """The ids of every practicedef entry that is one of ``practices`` (twins included)."""
    return {entry_id for p in practices for entry_id in p.ids}


def match(practices: Sequence[Practice], typed: str) -> Practice:
    """The practice ``typed`` names: its whole name or a prefix only it has, in any case."""
    word = name_key(typed)
    exact = [p for p in practices if name_key(p.name) == word]
    if exact:
        return exact[0]
    candidates = [p for p in practices if word and name_key(p.name).startswith(word)]
    if len(candidates) == 1:
        return candidates[0]
    names = ", ".join(p.name for p in practices)
    if candidates:
        could = ", ".join(p.name for p in candidates)
        raise MindlogError(f"{typed!r} could be {could}: type a little more of the name")
    if not practices:
        raise MindlogError(
            "you have no practices of your own yet", "add one with: mindlog practice add NAME"
        )
    raise MindlogError(f"none of your practices is called {typed!r}; yours are: {names}")


def taken(practices: Sequence[Practice], name: str, but: str | None = None) -> None:
    """Raise MindlogError when ``name`` is a built-in practice or one of yours (other than ``but``)."""
    folded = name_key(name)
    if folded in BUILT_IN_NAMES:
        raise MindlogError(f"{name} is one of mindlog's own practices already; choose another name")
    for practice in practices:
        if name_key(practice.name) == folded and practice.id != but:
            raise MindlogError(f"you already have a practice called {practice.name}")


class Marked(NamedTuple):
    """The days of the ``practice`` entries that name their practice alike: all ``belongs`` and
    ``done_days`` read of them, so that fifty years of days need no Entry each (``marks``;
    the cache gives the same, mindlog.cache.view.Cached.practice_marks)."""

    ref: str  # the field practice_id ("" when there is none, or it is not a text)
    name: str | None  # the field name (None when there is none, or it is not a text)
    days: tuple[str, ...]  # their days as written, sorted


def mark_key(fields: dict[str, Any]) -> tuple[str, str | None]:
    """(ref, name) of a ``practice`` entry with these fields (see ``Marked``)."""
    ref, name = fields.get("practice_id"), fields.get("name")
    return (ref if isinstance(ref, str) else "", name if isinstance(name, str) else None)


def gather(found: Iterable[tuple[tuple[str, str | None], Iterable[str]]]) -> list[Marked]:
    """The marks of days grouped by (ref, name), however they were found; in one order."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for key, days in found:
        groups.setdefault(key, []).extend(days)
    ordered = sorted(groups.items(), key=lambda g: (g[0][0], g[0][1] is not None, g[0][1] or ""))
    return [Marked(ref, name, tuple(sorted(days))) for (ref, name), days in ordered]


def may_be_since(day: str, since: str) -> bool:
    """Whether a day written ``day`` may be ``since`` (a date in full) or later: a date written
    in full is compared as text; any other spelling (``2026-W48-6``) is kept, and read as a
    date where the days are counted. The cache asks SQLite the same (Cached.practice_marks)."""
    full = len(day) == 10 and day[4] == day[7] == "-"
    if full and (day[:4] + day[5:7] + day[8:]).strip(DIGITS) == "":
        return day >= since
    return True


DIGITS = "0123456789"


def marks(entries: Iterable[Entry]) -> list[Marked]:
    """The marks of the ``practice`` entries among ``entries``."""
    return gather((mark_key(e.fields), (e.day,)) for e in entries if e.kind == "practice")


def _names(ref: str, name: str | None, practice: Practice, live: Set[str] | None) -> bool:
    """The one rule of ``belongs``, for a day whose practice_id is ``ref`` and name ``name``."""
    if ref and (live is None or ref in live):
        return ref in practice.ids
    return name is not None and name_key(name) == name_key(practice.name)


def belongs(entry: Entry, practice: Practice, live: Set[str] | None = None) -> bool:
    """Whether ``entry`` is a day of ``practice``; ``live``: the ids of every practice there is,
    twins included (``live_ids``; a day naming a practice not among them is matched by its
    name)."""
    if entry.kind != "practice":
        return False
    return _names(*mark_key(entry.fields), practice, live)


def rests_for(entry: Entry, practice: Practice) -> bool:
    """Whether ``entry`` is a rest day of ``practice`` alone (field ``practice_id``, as an import
    from Loop writes for a skipped day); a rest day without it rests every practice."""
    ref = entry.fields.get("practice_id")
    return entry.kind == "rest" and isinstance(ref, str) and ref in practice.ids


def done_days(
    entries: Iterable[Entry], practice: Practice, live: Set[str] | None = None
) -> set[date]:
    return marked_days(marks(entries), practice, live)


def marked_days(
    found: Iterable[Marked], practice: Practice, live: Set[str] | None = None
) -> set[date]:
    """``done_days`` of the marks ``found``."""
    days: set[date] = set()
    for mark in found:
        if _names(mark.ref, mark.name, practice, live):
            try:  # every day a date, as nearly always: all at once
                days.update(map(date.fromisoformat, mark.days))
            except ValueError:  # one is not: day by day, leaving it out
                for day in mark.days:
                    try:
                        days.add(date.fromisoformat(day))
                    except ValueError:
                        continue
    return days


KINDS = ("practicedef", "practice", "rest", "setback")  # what ``figures`` is worked out from
# what it is worked out from beside the marks of the days done (few, however long the journal)
SETUP = ("practicedef", "rest", "setback")


def carried(entries: Iterable[Entry]) -> set[date]:
    """The days that carry a run of every practice without it: rest days and hard days
    (setbacks); a rest day of one practice only (``rests_for``) carries that one's alone."""
    found = set()
    for entry in entries:
        if entry.kind == "setback" or (
            entry.kind == "rest" and not entry.fields.get("practice_id")
        ):
            try:
                found.add(date.fromisoformat(entry.day))
            except ValueError:
                continue
    return found


def figures(
    entries: Sequence[Entry], today: date, marked: Sequence[Marked] | None = None
) -> list[Figures]:
    """Each practice of your own with its run, days shown up and strength as of ``today``;
    ``marked``: the marks of the days done (``marks``), when ``entries`` holds only the ``SETUP``
    kinds (else they are found among ``entries``).

    A practice done every day follows the built-in practices' rules (mindlog.domain.streaks); one done
    fewer days a week counts weeks that met the target (mindlog.domain.weekly). Rest days and hard
    days carry both.
    """
    every = carried(entries)
    rests = [e for e in entries if e.kind == "rest" and e.fields.get("practice_id")]
    found = marks(entries) if marked is None else marked
    result = []
    mine = defined(entries)
    live = live_ids(mine)
    for practice in mine:
        done = marked_days(found, practice, live)
        rest = every | {date.fromisoformat(e.day) for e in rests if rests_for(e, practice)}
        if practice.per_week >= 7:
            figure = streaks.streak(done, rest, practice.since, today)
        else:
            from mindlog.domain import weekly  # a practice of a few days a week

            figure = weekly.weekly_streak(done, rest, practice.since, today, practice.per_week)
        began = min(practice.since, min(done)) if done else practice.since
        age = max((today - began).days + 1, 0)
        result.append(Figures(practice, figure, today in done, frozenset(done), age))
    return result


def done_today(entries: Sequence[Entry], today: date, marked: Sequence[Marked]) -> tuple[int, int]:
    """How many of your practices were done ``today``, and how many there are: what ``figures``
    says of them (``done_today``, by the same rule of which days are whose), from the marks of
    today's days alone (``marked``), never every day of fifty years."""
    mine = defined(entries)
    live = live_ids(mine)
    done = sum(1 for practice in mine if today in marked_days(marked, practice, live))
    return done, len(mine)


def run_words(figures: Figures) -> str:
    """The run, said in the practice's own unit."""
    current, longest = figures.streak.current, figures.streak.longest
    per_week = figures.practice.per_week
    if per_week >= 7:
        from mindlog.domain import words

        return words.run_words(current, longest)
    unit = "week" if current == 1 else "weeks"
    text = f"{current} {unit} in a row at {per_week} a week" if current else "ready when you are"
    if longest > current:
        text += f" · longest {longest}"
    return text


# -- what mindlog says about them (read by tests/test_wording.py) --------------------------------

NONE_YET = (
    "No practices of your own yet. Add one whenever you like: mindlog practice add walk "
    "(or --per-week 3 for a few days a week)."
)


def line(figures: Figures, days_used: int | None = None) -> str:
    """One line for the dashboard and the greeting, in the built-in practices' voice (strength
    once it means something, see mindlog.domain.words.strength_words)."""
    practice, streak = figures.practice, figures.streak
    from mindlog.domain import words
    from mindlog.domain.safe import one_line

    name = one_line(practice.name, MAX_NAME)
    if streak.total_days == 0:
        return f"{name}: ready when you are"
    today = "done today" if figures.done_today else "open today"
    days = "1 day" if streak.total_days == 1 else f"{streak.total_days} days"
    parts = [f"{name}: {today}", f"{days} shown up"]
    used = min(figures.age, days_used) if days_used is not None else figures.age
    strength = words.strength_words(streak.strength, used, streak.recent)
    parts += [strength] if strength else []
    if practice.per_week >= 7 and streak.current >= 2:
        parts.append(f"{streak.current} days in a row")
    elif practice.per_week < 7 and streak.current >= 1:
        parts.append(run_words(figures))
    return " · ".join(parts)


def choice_words(practice: Practice) -> str | None:
    """When devices gave a practice different aims: one line that shows them all and how to
    choose (nothing is dropped until the person does); None otherwise."""
    if not practice.choice:
        return None
    import shlex

    from mindlog.domain.safe import one_line

    name = one_line(practice.name, MAX_NAME)
    shown = [short_target(n) for n in practice.targets]
    aims = ", ".join(shown[:-1]) + f" and {shown[-1]}"
    typed = shlex.quote(name)
    return (
        f"{name} was added on different devices with different aims ({aims}); "
        f"{short_target(practice.per_week)} counts until you choose: "
        f"mindlog practice rename {typed} {typed} --per-week N"
    )


def target_words(per_week: int) -> str:
    if per_week >= 7:
        return "every day"
    return f"{per_week} {'day' if per_week == 1 else 'days'} a week"


def join(
    days: streaks.PracticeDays,
    entries: Sequence[Entry],
    today: date,
    marked: Sequence[Marked] | None = None,
) -> list[Figures]:
    """Your practices' figures, with their days added to ``days`` for the calendar."""
    mine = figures(entries, today, marked)
    days.own = [set(f.done_days) for f in mine]
    days.own_daily = [f.practice.since for f in mine if f.practice.per_week >= 7]
    return mine


def short_target(per_week: int) -> str:
    return "daily" if per_week >= 7 else f"{per_week} a week"


def in_period(
    entries: Sequence[Entry], start: date, end: date, marked: Sequence[Marked] | None = None
) -> list[tuple[str, int, int]]:
    """(name, days done from ``start`` to ``end``, days a week) for each practice of your own;
    ``marked``: the marks of the days done, as ``figures`` takes them."""
    result = []
    found = marks(entries) if marked is None else marked
    mine = defined(entries)
    live = live_ids(mine)
    for practice in mine:
        count = sum(1 for d in marked_days(found, practice, live) if start <= d <= end)
        result.append((practice.name, count, practice.per_week))
    return result


def days_words(count: int) -> str:
    if count == 0:
        return "ready when you are"
    return "1 day" if count == 1 else f"{count} days"


# -- in `mindlog list` and the therapy export ------------------------------------------------------


def own_summary(entry: Entry) -> list[str]:
    """Short descriptions of the fields of the kinds this module and mindlog.domain.urges add."""
    fields = entry.fields
    if entry.kind == "practicedef":
        return [f"practice {fields.get('name')}, {target_words(int(fields.get('per_week', 7)))}"]
    if entry.kind == "practice":
        return [f"did {fields.get('name')}"]
    if entry.kind == "scale":
        return [f"check-in scale {fields.get('name')}"]
    if entry.kind == "urge":
        from mindlog.domain.urges import describe

        return [describe(entry)]
    scales = fields.get("scales")
    if entry.kind == "checkin" and isinstance(scales, dict):
        return [f"{k} {v}/5" for k, v in scales.items() if isinstance(v, int)]
    return []


def export_lines(entries: Sequence[Entry], literal: Callable[[str], str]) -> list[str]:
    """The export's sections for practices of your own and urges (Markdown; ``literal`` shows
    the person's words as written)."""
    from mindlog.domain.urges import looking_back

    lines: list[str] = []
    by_practice: dict[str, list[Entry]] = {}
    # a day logged against a twin (the same practice added on another device) is the practice's
    same = {twin: p.id for p in defined(entries) for twin in p.twins}
    for entry in entries:
        if entry.kind == "practice":
            ref = entry.fields.get("practice_id") or name_key(str(entry.fields.get("name", "")))
            by_practice.setdefault(same.get(str(ref), str(ref)), []).append(entry)
    if by_practice:
        lines += ["", "## My own practices", ""]
        for done in by_practice.values():
            name = str(done[-1].fields.get("name", ""))
            days = len({e.day for e in done})
            lines.append(f"- {literal(name)}: done on {days} {'day' if days == 1 else 'days'}")
    urges = [e for e in entries if e.kind == "urge"]
    if urges:
        last = max(e.day for e in urges)
        week = looking_back(
            urges,
            date.fromisoformat(last),
            days=(date.fromisoformat(last) - date(1, 1, 1)).days + 1,
        )
        lines += ["", "## Urges", ""]
        lines.append(f"- Noted: {len(urges)}; rode out without acting: {week.ridden_out}")
        for text, count in week.helped:
            lines.append(
                f"- What helped: {literal(text)} ({'once' if count == 1 else f'{count} times'})"
            )
    return lines
