"""The Markdown export: to read, print or bring to a therapy session.

The commitment statement, a short summary, wins by the five factors, how the morning routine
went, check-ins, then every entry week by week. It is inert: every piece of the person's text
(entries, tags, routine items, kinds and fields brought by an import) has ``&``, ``<`` and ``>``
escaped, so HTML in it shows as text and never loads anything when the file is viewed, and an
image (``![...](...)``) stays text too. Control characters are made visible and Markdown markers
at the start of a line escaped, so a line of the person's own never turns into a heading.

Pure: it reads a Period (mindlog.formats.export), a long history as it is needed, and gives the
document in parts as they are made.
"""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from mindlog.domain.helps import INTRO as HELPS_INTRO
from mindlog.domain.model import FACTORS, Entry, Fields, from_fields
from mindlog.domain.query import summary
from mindlog.domain.words import FACTOR_TITLES, shown_up_days
from mindlog.formats.export import GLANCE_NAMES, KIND_NAMES, Period, date_of, period_of, scale_keys
from mindlog.formats.mdtext import (
    TO_ESCAPE,
    code_span,
    inert,
    md_text,
    table_cell,
    tag_spans,
)

# The names strftime gives (%A, %a, %B, %b), looked up rather than formatted for each day.
_WEEKDAYS = [(f"{d:%A}", f"{d:%a}") for d in (date(2024, 1, n) for n in range(1, 8))]  # Monday on
_MONTHS = [(f"{d:%B}", f"{d:%b}") for d in (date(2024, m, 1) for m in range(1, 13))]


def _long_day(day: date) -> str:
    if day.year < 1000:  # strftime's own way with a short year
        return f"{day:%A} {day.day} {day:%B %Y}"
    return f"{_WEEKDAYS[day.weekday()][0]} {day.day} {_MONTHS[day.month - 1][0]} {day.year}"


class _Pieces:
    """The small pieces a document repeats on many lines (clock times, kind names, tags, days,
    the summary of an entry without fields of its own), each made once for the document."""

    def __init__(self) -> None:
        self.clocks: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.tag_sets: dict[tuple[str, ...], str] = {}
        self.short_days: dict[str, str] = {}
        self.bare: dict[str, str] = {}  # kind -> summary of an entry of that kind without fields

    def clock(self, at: str, fields: dict[str, Any]) -> str:
        """An entry's clock time (query.clock), made inert, from its ``at`` and its fields."""
        at = "" if fields.get("timed") is False or len(at) < 16 else at[11:16]
        shown = self.clocks.get(at)
        if shown is None:
            shown = self.clocks[at] = inert(at, newlines=False)
        return shown

    def name(self, kind: str) -> str:
        shown = self.names.get(kind)
        if shown is None:
            shown = self.names[kind] = inert(KIND_NAMES.get(kind, kind), newlines=False)
        return shown

    def tags(self, tags: Sequence[str]) -> str:
        if not tags:
            return ""
        key = tuple(tags)
        shown = self.tag_sets.get(key)
        if shown is None:
            shown = self.tag_sets[key] = tag_spans(key)
        return shown

    def short_day(self, iso: str) -> str:
        shown = self.short_days.get(iso)
        if shown is None:
            shown = self.short_days[iso] = _short_day(iso)
        return shown

    def summary(self, entry: Entry) -> str:
        """query.summary, which depends on the kind and the fields alone."""
        if entry.fields:
            return summary(entry)
        shown = self.bare.get(entry.kind)
        if shown is None:
            shown = self.bare[entry.kind] = summary(entry)
        return shown


def _period(
    dates: tuple[date, date] | None, today: date, since: date | None, until: date | None
) -> str:
    """``dates``: the first and the last of the entries' days."""
    first = since or (dates[0] if dates else None)
    last = until or (today if since else dates[1] if dates else None)
    if first and last:
        return f"{_long_day(first)} to {_long_day(last)}"
    return "everything so far"


def _summary_lines(counts: dict[str, tuple[int, int]], days: int, shown: int) -> list[str]:
    """``counts``: how many entries of each kind, and on how many days; ``days``: how many
    days the entries are on; ``shown``: how many of them are days shown up."""
    count = sum(n for n, _ in counts.values())
    lines = [
        f"- {count} {_plural(count, 'entry', 'entries')} on {days} {_plural(days, 'day', 'days')}",
        f"- {shown_up_days(shown)}",
    ]
    for kind, (found, on) in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0])):
        name = GLANCE_NAMES.get(kind) or inert(kind, newlines=False)
        lines.append(f"- {name}: {found}, on {on} {_plural(on, 'day', 'days')}")
    return lines


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _item(entry: Entry, with_day: bool = False, pieces: _Pieces | None = None) -> str:
    pieces = pieces or _Pieces()
    if with_day:
        head = f"{pieces.short_day(entry.day)} · "
        text = _line_text(entry.text or pieces.summary(entry))
    else:
        clock = pieces.clock(entry.at, entry.fields)
        head = f"{clock} · " if clock else ""
        text = md_text(entry.text or pieces.summary(entry), first=not head)
    return f"- {head}{text}{pieces.tags(entry.tags)}"


def _line_text(text: str) -> str:
    """``md_text(text)``, sooner for one line with nothing to escape (most of them)."""
    if "\n" in text or TO_ESCAPE.search(text) is not None:
        return md_text(text)
    return text.rstrip()


def _short_day(iso: str) -> str:
    day = date_of(iso)
    if day is None:
        return inert(iso, newlines=False)
    if day.year < 1000:
        return f"{day:%a} {day.day} {day:%b %Y}"
    return f"{_WEEKDAYS[day.weekday()][1]} {day.day} {_MONTHS[day.month - 1][1]} {day.year}"


def _wins_by_factor(wins: Iterable[Fields], pieces: _Pieces) -> list[str]:
    """The wins (each one's fields) under each factor they are tagged with, the others after
    them: only the lines are held, never the wins."""
    lines: list[str] = []
    count = 0
    by_factor: dict[str, list[str]] = {factor: [] for factor in FACTORS}
    other: list[str] = []
    # For each set of tags met: the tags as shown, and the lists of the factors among them
    # (or of the other wins).
    seen: dict[tuple[str, ...], tuple[str, list[list[str]]]] = {}
    short_days, search = pieces.short_days, TO_ESCAPE.search
    for win in wins:  # each win's line made once (as _item makes it), even under two factors
        count += 1
        _, _, iso, _, text, tags, fields = win
        day = short_days.get(iso) or pieces.short_day(iso)
        text = text or pieces.summary(from_fields(win) if fields else _BARE_WIN)
        text = md_text(text) if "\n" in text or search(text) else text.rstrip()
        key = tuple(tags)
        found = seen.get(key)
        if found is None:
            under = [by_factor[factor] for factor in FACTORS if factor in key] or [other]
            found = seen[key] = (pieces.tags(key), under)
        item = f"- {day} · {text}{found[0]}"
        for chosen in found[1]:
            chosen.append(item)
    for factor, chosen in by_factor.items():
        if chosen:
            lines += ["", f"### {FACTOR_TITLES[factor]} ({len(chosen)})", ""]
            lines += chosen
    if other:
        title = FACTOR_TITLES["other"] if len(other) < count else "Wins"  # as reflect says it
        lines += ["", f"### {title} ({len(other)})", ""]
        lines += other
    return lines


def _routine(mornings: Sequence[Entry]) -> list[str]:
    done_on: Counter[str] = Counter()
    offered: Counter[str] = Counter()
    order: dict[str, None] = {}  # the items in the order first met
    full = 0
    for (routine_given, done_given), times in _alike(mornings).items():
        routine = [i for i in routine_given if isinstance(i, str)]
        done = {i for i in done_given if isinstance(i, str)}
        for item in routine + sorted(done - set(routine)):
            order.setdefault(item)
            offered[item] += times
            done_on[item] += times * (item in done)
        if routine and set(routine) <= done:
            full += times
    count = len(mornings)
    lines = [
        "",
        f"Mornings recorded: {count}; every item done on {full} of them.",
        "",
        "| Item | Mornings done |",
        "|---|---|",
    ]
    lines += [f"| {table_cell(item)} | {done_on[item]} of {offered[item]} |" for item in order]
    return lines


def _alike(mornings: Sequence[Entry]) -> dict[tuple[Sequence[Any], Sequence[Any]], int]:
    """How many mornings have each routine and items done (most mornings are like others),
    in the order first met."""
    found: dict[tuple[Sequence[Any], Sequence[Any]], int] = {}
    for morning in mornings:
        fields = morning.fields
        routine, done = fields.get("routine") or (), fields.get("done") or ()
        try:
            key: tuple[Sequence[Any], Sequence[Any]] = (tuple(routine), tuple(done))
            found[key] = found.get(key, 0) + 1
        except TypeError:  # something other than words among them, kept as it is
            found[(_Unique(routine), _Unique(done))] = 1
    return found


class _Unique(list[Any]):
    """Values that are never alike another's (what an import brought, as it is)."""

    __hash__ = object.__hash__  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return self is other


def _checkins(checkins: Sequence[Entry], pieces: _Pieces) -> list[str]:
    keys = scale_keys(checkins)
    header = ["Day", "Time", *(table_cell(k.capitalize()) for k in keys), "Note"]
    lines = ["", "Scales from 1 to 5, as I rated them.", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "---|" * len(header))
    for entry in checkins:
        own = entry.fields.get("scales")
        own = own if isinstance(own, dict) else {}
        values = [entry.fields.get(k, own.get(k)) for k in keys]
        cells = ["–" if v is None else table_cell(str(v)) for v in values]
        clock = pieces.clock(entry.at, entry.fields)
        row = [pieces.short_day(entry.day), clock, *cells, table_cell(entry.text or "")]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _entry_lines(entries: Iterable[Fields], pieces: _Pieces) -> list[str]:
    """Each entry's line in the week by week part (from its fields): time, kind, what it says,
    tags. (The pieces are looked up here rather than asked of ``pieces``: this runs for every
    entry.)"""
    clocks, names, bare, tag_sets = pieces.clocks, pieces.names, pieces.bare, pieces.tag_sets
    search = TO_ESCAPE.search
    lines = []
    for row in entries:
        _, kind, _, at, text, tags, fields = row
        clock = "" if fields.get("timed") is False or len(at) < 16 else at[11:16]
        clock = clocks.get(clock) or pieces.clock(at, fields)
        name = names.get(kind) or pieces.name(kind)
        extra = summary(from_fields(row)) if fields else bare.get(kind)
        if extra is None:
            extra = pieces.summary(from_fields(row))
        if kind == "morning":
            done = [i for i in fields.get("done") or [] if isinstance(i, str)]
            extra += (": " + ", ".join(done)) if done else ""
        body = text or ""
        shown = f"{extra} — {body}" if extra and body else (extra or body)
        lead = f"{clock} · {name}" if clock else name
        tag = (tag_sets.get(tuple(tags)) or pieces.tags(tags)) if tags else ""
        if shown:
            shown = md_text(shown) if "\n" in shown or search(shown) else shown.rstrip()
            lines.append(f"- {lead} — {shown}{tag}")
        else:
            lines.append(f"- {lead}{tag}")
    return lines


_BARE_WIN = Entry("", "win", "", "")  # what a win without fields of its own sums up to


WEEKS_A_PART = 8  # weeks of the week by week part made (and written) at a time


def _weeks(entries: Iterable[Fields], in_order: bool, pieces: _Pieces) -> Iterator[list[str]]:
    """The lines of the week by week part, a few weeks at a time. With ``in_order`` (each day's
    entries together, the days in the order of dates) a week is written once the next one
    starts; otherwise the days are gathered first."""
    days: Iterable[tuple[str, Iterable[Fields]]]
    held: list[Fields] = []
    if in_order:
        days = itertools.groupby(entries, key=_DAY)
    else:
        held = list(entries)
        by_day: dict[str, list[Fields]] = {}
        for row in held:
            by_day.setdefault(row[2], []).append(row)
        days = by_day.items()
    pending: dict[date, dict[str, list[Fields]]] = {}  # monday -> its days -> their entries
    undated: set[str] = set()
    lines: list[str] = []
    number = 0
    for iso, same in days:
        day = date_of(iso)
        if day is None:
            undated.add(iso)
            continue
        monday = day - timedelta(days=day.weekday())
        if in_order and pending and monday not in pending:  # the week before is whole
            for week in pending.items():
                lines += _week(*week, pieces)
            pending.clear()
            number += 1
            if number % WEEKS_A_PART == 0:
                yield lines
                lines = []
        pending.setdefault(monday, {}).setdefault(iso, []).extend(same)
    for week in sorted(pending.items()):
        lines += _week(*week, pieces)
        number += 1
        if number % WEEKS_A_PART == 0:
            yield lines
            lines = []
    if undated:  # not days at all (never in order): after the weeks, in the journal's order
        lines += [_item(from_fields(row), pieces=pieces) for row in held if row[2] in undated]
    yield lines


def _week(monday: date, days: dict[str, list[Fields]], pieces: _Pieces) -> list[str]:
    count = sum(map(len, days.values()))
    lines = ["", f"### Week of {_long_day(monday)} ({count} {_plural(count, 'entry', 'entries')})"]
    for iso in sorted(days):
        day = date_of(iso)
        assert day is not None
        lines += ["", f"**{_long_day(day)}**", ""]
        lines += _entry_lines(days[iso], pieces)
    return lines


_DAY = operator.itemgetter(2)  # a row's day


def to_markdown(
    entries: Sequence[Entry],
    statement: Entry | None,
    today: date,
    since: date | None = None,
    until: date | None = None,
    notes: Sequence[Entry] = (),
    helps: Sequence[str] = (),
) -> str:
    """A document to bring to a therapy session: it reads well on paper and on a screen.

    It opens with ``notes``, the notes to bring up not yet talked through (mindlog.domain.bringup);
    ``helps`` are the sentences of mindlog.domain.helps, shown after the check-ins.
    """
    return "".join(markdown_parts(entries, statement, today, since, until, notes, helps))


def markdown_parts(
    entries: Sequence[Entry] | Period,
    statement: Entry | None,
    today: date,
    since: date | None = None,
    until: date | None = None,
    notes: Sequence[Entry] = (),
    helps: Sequence[str] = (),
) -> Iterator[str]:
    """``to_markdown``'s document in parts, made as they are asked for: written one after the
    other from a Period, a long history never has to be held whole."""
    period = entries if isinstance(entries, Period) else period_of(entries)
    pieces = _Pieces()
    lines = [
        "# My mindlog",
        "",
        f"{_period(period.dates, today, since, until)} · exported {_long_day(today)}",
        "",
        "_My own notes, kept with mindlog. Private: I choose who reads them._",
        "",
    ]
    if notes:
        lines += ["## To bring up", ""] + [_item(note, True, pieces) for note in notes] + [""]
    lines += [
        "## My commitment statement",
        "",
    ]
    if statement is not None and statement.text:
        quoted = md_text(statement.text, "", first=True).split("\n")
        lines += ["> " + line if line else ">" for line in quoted]
        day = date_of(statement.day)
        written = _long_day(day) if day else inert(statement.day, newlines=False)
        lines += ["", f"_Written {written}._"]
    else:
        lines.append("_Not written yet._")
    lines += ["", "## At a glance", ""]
    counts = period.counts
    if not counts:
        lines += ["No entries in this period.", ""]
        yield "\n".join(lines)
        return
    lines += _summary_lines(counts, period.days, period.shown)
    yield "\n".join(lines)  # each part after this one starts on a new line
    if "win" in counts:
        wins = _wins_by_factor(period.rows("win"), pieces)
        yield from _parts(["", "## Wins by factor", *wins])
        del wins
    lines = []
    if "morning" in counts:
        lines += ["", "## How the morning routine went", *_routine(list(period.of_kind("morning")))]
    if "checkin" in counts:
        lines += ["", "## Check-ins"] + _checkins(list(period.of_kind("checkin")), pieces)
    if helps:
        lines += ["", "## What helps, perhaps", "", f"_{HELPS_INTRO}_", ""]
        lines += [f"- {md_text(h, first=True)}" for h in helps]
    from mindlog.domain.practices import export_lines  # practices of your own and urges

    # the practices' definitions too: a day logged against the same practice added on another
    # device is counted with the practice (mindlog.domain.practices.defined)
    own = [*period.of_kind("practicedef"), *period.of_kind("practice"), *period.of_kind("urge")]
    lines += export_lines(own, code_span)
    lines += ["", "## Week by week"]
    yield _part(lines)
    yield from map(_part, _weeks(period.rows(None), period.in_order, pieces))
    yield "\n"


def _part(lines: list[str]) -> str:
    """Lines that follow others in the document."""
    return "\n" + "\n".join(lines) if lines else ""


LINES_A_PART = 4000


def _parts(lines: list[str]) -> Iterator[str]:
    """``_part(lines)``, a few thousand lines at a time."""
    for start in range(0, len(lines), LINES_A_PART):
        yield _part(lines[start : start + LINES_A_PART])
