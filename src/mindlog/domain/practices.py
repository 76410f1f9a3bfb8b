"""Practices of your own: what they are, how a name finds one, and their figures.

Pure: entries in, data out. A practice of your own lives in the journal, so it syncs between
devices with everything else:

- kind ``practicedef`` (fields ``name``, ``per_week`` 1-7) is the practice itself, written by
  `mindlog practice add`; a rename or a new ``per_week`` is an update of that entry, and
  `mindlog practice remove` deletes it (recoverable, like any entry).
- kind ``practice`` (fields ``name`` and ``practice_id``) is one day it was done, written by
  `mindlog did`. ``practice_id`` is the ``practicedef`` entry's id: the practice's stable
  identity, so a rename keeps every day already logged. ``name`` is the name it had that day, kept
  for people reading an export. A ``practice`` entry without a ``practice_id`` (made by hand or
  imported), or whose practice was removed, belongs to the practice of that name, compared
  without case: a practice removed and added again keeps its days.

The three built-in practices (morning, wins, commitment) stay in mindlog.domain.streaks, unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass
from datetime import date

from mindlog.domain import streaks, weekly
from mindlog.domain.errors import MindlogError
from mindlog.domain.model import Entry

MAX_NAME = 40
BUILT_IN_NAMES = ("morning", "wins", "commitment")


@dataclass(frozen=True)
class Practice:
    id: str  # the practicedef entry's id: stable across renames
    name: str
    per_week: int
    since: date  # the day it was added

    @property
    def unit(self) -> str:
        return "days" if self.per_week >= 7 else "weeks"


@dataclass(frozen=True)
class Figures:
    practice: Practice
    streak: streaks.Streak
    done_today: bool
    done_days: frozenset[date]
    age: int = 0  # days since it was added (or first done), today counted

    def young(self, days_used: int | None = None) -> bool:
        """Under two weeks old (or mindlog is): "getting started" instead of strength."""
        from mindlog.domain.words import STRENGTH_AFTER

        return min(self.age, days_used if days_used is not None else self.age) < STRENGTH_AFTER

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.practice.name,
            "per_week": self.practice.per_week,
            "unit": self.practice.unit,
            **self.streak.to_json(),
        }


def check_name(raw: str) -> str:
    """A practice's name as typed, trimmed; raise MindlogError when it cannot be one."""
    name = raw.strip()
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
    is the practice, and the days logged against the other are matched to it by name.
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
    kept: dict[str, Practice] = {}
    for _, practice in sorted(found, key=lambda f: f[0]):
        kept.setdefault(practice.name.casefold(), practice)
    return list(kept.values())


def match(practices: Sequence[Practice], typed: str) -> Practice:
    """The practice ``typed`` names: its whole name or a prefix only it has, in any case."""
    word = typed.strip().casefold()
    exact = [p for p in practices if p.name.casefold() == word]
    if exact:
        return exact[0]
    candidates = [p for p in practices if word and p.name.casefold().startswith(word)]
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
    folded = name.casefold()
    if folded in BUILT_IN_NAMES:
        raise MindlogError(f"{name} is one of mindlog's own practices already; choose another name")
    for practice in practices:
        if practice.name.casefold() == folded and practice.id != but:
            raise MindlogError(f"you already have a practice called {practice.name}")


def belongs(entry: Entry, practice: Practice, live: Set[str] | None = None) -> bool:
    """Whether ``entry`` is a day of ``practice``; ``live``: the ids of every practice there is
    (a day naming a practice not among them is matched by its name)."""
    if entry.kind != "practice":
        return False
    ref = entry.fields.get("practice_id")
    if isinstance(ref, str) and ref and (live is None or ref in live):
        return ref == practice.id
    name = entry.fields.get("name")
    return isinstance(name, str) and name.strip().casefold() == practice.name.casefold()


def done_days(
    entries: Iterable[Entry], practice: Practice, live: Set[str] | None = None
) -> set[date]:
    days = set()
    for entry in entries:
        if belongs(entry, practice, live):
            try:
                days.add(date.fromisoformat(entry.day))
            except ValueError:
                continue
    return days


def figures(entries: Sequence[Entry], today: date) -> list[Figures]:
    """Each practice of your own with its run, days shown up and strength as of ``today``.

    A practice done every day follows the built-in practices' rules (mindlog.domain.streaks); one done
    fewer days a week counts weeks that met the target (mindlog.domain.weekly). Rest days carry both.
    """
    rest = {date.fromisoformat(e.day) for e in entries if e.kind == "rest"}
    result = []
    mine = defined(entries)
    live = {p.id for p in mine}
    for practice in mine:
        done = done_days(entries, practice, live)
        if practice.per_week >= 7:
            figure = streaks.streak(done, rest, practice.since, today)
        else:
            figure = weekly.weekly_streak(done, rest, practice.since, today, practice.per_week)
        began = min([practice.since, *done])
        age = max((today - began).days + 1, 0)
        result.append(Figures(practice, figure, today in done, frozenset(done), age))
    return result


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
    strength = words.strength_words(streak.strength, used)
    parts += [strength] if strength else []
    if practice.per_week >= 7 and streak.current >= 2:
        parts.append(f"{streak.current} days in a row")
    elif practice.per_week < 7 and streak.current >= 1:
        parts.append(run_words(figures))
    return " · ".join(parts)


def target_words(per_week: int) -> str:
    if per_week >= 7:
        return "every day"
    return f"{per_week} {'day' if per_week == 1 else 'days'} a week"


def join(days: streaks.PracticeDays, entries: Sequence[Entry], today: date) -> list[Figures]:
    """Your practices' figures, with their days added to ``days`` for the calendar."""
    mine = figures(entries, today)
    days.own = [set(f.done_days) for f in mine]
    days.own_daily = sum(1 for f in mine if f.practice.per_week >= 7)
    return mine


def short_target(per_week: int) -> str:
    return "daily" if per_week >= 7 else f"{per_week} a week"


def in_period(entries: Sequence[Entry], start: date, end: date) -> list[tuple[str, int, int]]:
    """(name, days done from ``start`` to ``end``, days a week) for each practice of your own."""
    result = []
    mine = defined(entries)
    live = {p.id for p in mine}
    for practice in mine:
        count = sum(1 for d in done_days(entries, practice, live) if start <= d <= end)
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
    for entry in entries:
        if entry.kind == "practice":
            ref = entry.fields.get("practice_id") or str(entry.fields.get("name", "")).casefold()
            by_practice.setdefault(str(ref), []).append(entry)
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
