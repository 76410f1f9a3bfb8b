"""The reading commands' steps: the dashboard, streaks, reflect, list and export.

Free of Typer (and of rich, which mindlog.render imports when something is drawn), so that the
Typer commands in mindlog.cli and the fast path in mindlog.cli.quick take exactly the same steps;
tests/test_quick.py runs the same command lines through both and compares them. Each asks its
questions of ``Session.view()``: the cache (mindlog.cache), or a full replay when there is none.
"""

from __future__ import annotations

import itertools
import json
import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from mindlog.domain import query
from mindlog.domain.model import SETTING_KINDS, fields_of, is_record
from mindlog.domain.safe import one_line, visible
from mindlog.render import out
from mindlog.usecases import personal
from mindlog.usecases.figures import own_figures

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from pathlib import Path

    from mindlog.cache.view import Cached, Full
    from mindlog.domain.model import Entry, Fields
    from mindlog.domain.streaks import PracticeDays
    from mindlog.formats.export import Period
    from mindlog.usecases.session import Session

_T = TypeVar("_T")
TREND_WEEKS = 6
CHART_DAYS = 43  # the check-in chart's days (checkins.daily_series: 42), and one more


def dashboard(session: Session) -> None:
    """Today's view (``mindlog``, ``mindlog today``)."""
    journal = session.view()
    from mindlog.domain import practices, reflect, streaks, words
    from mindlog.render import dashboard

    days = journal.practice_days(session.today)
    # Back after three days or more: a welcome and what lasts open the view, in place of the
    # practice lines (numbers that moved are not the first thing to see after time away).
    welcome = reflect.coming_back(active_days(journal, session.today), days, session.today)
    used = reflect.days_used(days, session.today)
    practice = (
        []
        if welcome
        else [
            words.practice_line(name, s.current, s.total_days, s.strength, done, used, s.recent)
            for name, s, done in streaks.today_lines(days, session.today)
        ]
        + [practices.line(f, used) for f in own_figures(journal, session.today)]
    )
    dashboard.dashboard(
        journal,
        session.today,
        personal.routine(session),
        practice,
        welcome=welcome,
    )


OWN_KINDS = ("practicedef", "practice", "urge", "rest", "setback")


def own(journal: Cached | Full) -> list[Entry]:
    """The entries practices of one's own and urges are worked out from (few, whatever the
    length of the journal)."""
    return journal.of_kind(*OWN_KINDS)


def active_days(journal: Cached | Full, today: date) -> set[date]:
    """The days with any entry that tell how long the person was away: the last days, and the
    first day (any day before them is as far away as it for that question)."""
    from mindlog.domain import reflect

    found = reflect.active_days(journal.since(today - timedelta(days=reflect.NEAR_DAYS)))
    first = journal.first_day()
    if first is not None:
        found.add(first)
    return found


def shown_up_json(days: PracticeDays, today: date) -> dict[str, Any]:
    """The days shown up, as `streaks --json` gives them: in all (up to today), the first one,
    and those of the last seven days (or of the days since the first, when fewer)."""
    from mindlog.domain import streaks

    week = [today - timedelta(days=n) for n in range(7)]
    counted = [d for d in week if days.first is not None and days.first <= d]
    return {
        "days": streaks.days_done(days, today),
        "first": None if days.first is None else days.first.isoformat(),
        "last_7_days": sum(1 for d in counted if streaks.showed_up(days, d)),
        "of_days": len(counted),
    }


def trend(session: Session) -> list[Any]:
    """The check-ins of recent weeks, drawn, or nothing when there are none."""
    from mindlog.domain import checkins
    from mindlog.render.checkins import trend_view

    # The trend reads only the last weeks; a day more than that covers any start of the week.
    journal = session.view()
    recent = journal.since(session.today - timedelta(weeks=TREND_WEEKS, days=1), "checkin")
    found = checkins.trend(recent, session.today, TREND_WEEKS, journal.first_day())
    return [] if found.empty else [trend_view(found)]


def show_streaks(session: Session, as_json: bool) -> None:
    from mindlog.domain import practices, reflect, streaks

    journal = session.view()
    days = journal.practice_days(session.today)
    figures = streaks.all_streaks(days, session.today)
    setup = journal.of_kind(*practices.SETUP)
    mine = practices.join(days, setup, session.today, journal.practice_marks())
    if as_json:
        data: dict[str, Any] = {"today": session.today.isoformat()}
        data.update({p: s.to_json() for p, s in figures.items()})
        data["shown_up"] = shown_up_json(days, session.today)
        data["practices"] = [f.to_json() for f in mine]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    from mindlog.domain import checkins
    from mindlog.render import base
    from mindlog.render.streaks import streaks_view
    from mindlog.render.trend import TrendChart

    for line in reflect.coming_back(active_days(journal, session.today), days, session.today):
        out.say(line)  # a welcome back opens the view, before any number
    used = reflect.days_used(days, session.today)
    # The chart shows the check-ins of the last six weeks: those are enough.
    recent = journal.since(session.today - timedelta(days=CHART_DAYS), "checkin")
    chart = TrendChart(
        checkins.daily_series(recent, session.today, since=days.first), session.today
    )
    extra = trend(session) if chart.empty else [chart, *trend(session)]
    base.show(streaks_view(figures, days, session.today, extra, used=used, own=mine))


def show_reflection(session: Session, span: str) -> None:
    from mindlog.domain import reflect

    journal = session.view()
    result = reflect.reflect_on(journal, session.today, span)
    from mindlog.render import base
    from mindlog.render.streaks import reflection_view

    extra = trend(session)
    if span == "month":
        from mindlog.domain import helps
        from mindlog.render.helps import helps_view

        # What helps looks at the month's days only: their entries are enough.
        found = helps.what_helps(journal.since(result.start), result.start, session.today)
        extra = [helps_view([helps.sentence(f) for f in found]), *extra]
    base.show(reflection_view(result, extra))


# -- list --------------------------------------------------------------------------------------


def span(session: Session, since: str | None, until: str | None) -> query.Filter:
    # --since never starts after today (nothing is there yet); --until may name a day to come.
    return query.Filter(
        since=session.day(since) if since else None,
        until=query.parse_when(until, session.today) if until else None,
    )


def line(entry: Entry, width: int = 70) -> str:
    """One plain line for an entry: day, id, kind (in plain words), text (cut), tags."""
    tags = " ".join("#" + t for t in entry.tags)
    body = one_line(query.describe(entry), width)
    return f"{entry.day}  {entry.id}  {one_line(query.label(entry.kind), 12):<10} {body}  {tags}".rstrip()


def lines(rows: Iterable[Fields], width: int = 70) -> Iterator[str]:
    """``line`` of each entry given by its own fields (mindlog.domain.model.Fields), the same
    text, quicker for a long history: a kind's label made once, and an Entry made only of an
    entry that says more than its text."""
    from mindlog.domain.model import from_fields

    labels: dict[str, str] = {}
    describe, only_text = query.describe, query.only_text
    for row in rows:
        entry_id, kind, day, _, text, tags, fields = row
        shown = labels.get(kind)
        if shown is None:
            shown = labels[kind] = f"{one_line(query.label(kind), 12):<10}"
        body = (text or "") if only_text(kind, fields) else describe(from_fields(row))
        marks = " ".join("#" + t for t in tags)
        yield f"{day}  {entry_id}  {shown} {one_line(body, width)}  {marks}".rstrip()


LINES_A_WRITE = 2000  # plain lines written at a time


def list_entries(
    session: Session,
    wanted: query.Filter,
    last: int | None,
    as_json: bool,
    removed: bool,
    paging: bool = True,
) -> None:
    """``mindlog list``: on a terminal, the listing (through a pager when it is longer than the
    screen and ``paging``); piped, one plain line an entry, written as they are read."""
    journal = session.view()
    if as_json:
        for part in entries_json_parts(journal, wanted, last, removed):
            out.document(part)  # written as it is laid out: a long history is never held twice
        return
    if out.is_terminal(sys.stdout):
        found = journal.select(wanted, last, removed)
        if not found:
            out.say(nothing_found(journal, wanted, removed))
            return
        from mindlog.render import pager
        from mindlog.render.listing import texts
        from mindlog.usecases.paging import pager_command

        title = "Removed entries (mindlog restore ID brings one back)" if removed else None
        pager.page(texts(found, title), pager_command(session.config, paging))
        return
    # Piped: the whole span is read one entry at a time, never held (a million entries stream).
    every = last is None and not removed
    if every:
        chosen = journal.stream_fields(wanted)
    else:
        chosen = fields_of(journal.select(wanted, last, removed))
    written = 0
    for block in iter(lambda: list(itertools.islice(chosen, LINES_A_WRITE)), []):
        out.write(sys.stdout, visible("\n".join(lines(block))) + "\n")
        written += len(block)
    if not written:
        out.say(nothing_found(journal, wanted, removed))


def entries_json(
    journal: Cached | Full, wanted: query.Filter, last: int | None, removed: bool
) -> str:
    """The entries as a JSON array, laid out as ``json.dumps(..., indent=2)`` lays it out."""
    return "".join(entries_json_parts(journal, wanted, last, removed))


def entries_json_parts(
    journal: Cached | Full, wanted: query.Filter, last: int | None, removed: bool
) -> Iterator[str]:
    """``entries_json``'s text, in parts to write one after the other."""
    every = last is None and not removed  # the whole span: read one entry at a time
    blocks: Iterable[str] | None
    if every:
        blocks = journal.stream_json(wanted, "  ")
    else:
        blocks = journal.select_json(wanted, last, removed, "  ")
    if blocks is None:
        from mindlog.formats import jsontext

        yield jsontext.dumps([e.to_json() for e in journal.select(wanted, last, removed)]) + "\n"
    else:
        yield from json_array(iter(blocks), "  ", "[\n  ", "\n]\n", "[]\n")


BLOCKS_A_PART = 2000  # entries laid out (and written) at a time


def json_array(
    blocks: Iterator[str],
    indent: str,
    start: str,
    end: str,
    empty: str,
    tally: _Tally | None = None,
) -> Iterator[str]:
    """The cache's JSON text of each entry (``blocks``, laid out ``indent`` deeper) separated by
    commas, between ``start`` and ``end`` (``empty`` when there are none), a few thousand
    entries at a time; ``tally`` counts them."""
    first = next(blocks, None)
    if first is None:
        yield empty
        return
    yield start
    comma = ",\n" + indent
    blocks = itertools.chain([first], blocks)
    lead = ""
    while chunk := list(itertools.islice(blocks, BLOCKS_A_PART)):
        yield lead + comma.join(chunk)
        lead = comma
        if tally is not None:
            tally.count += len(chunk)
    yield end


def companion_parts(journal: Cached | Full, entries: Sequence[Entry] | Period) -> dict[str, Any]:
    """What the Markdown and HTML exports add for a therapy session: the notes to bring up still
    waiting (whatever the period; mindlog.domain.bringup) and what helps over the exported ``entries``
    (mindlog.domain.helps)."""
    from mindlog.domain import bringup, helps
    from mindlog.formats import export

    notes = bringup.waiting(journal.of_kind(bringup.KIND))  # a few, whatever the history
    if isinstance(entries, export.Period):
        found = helps.what_helps_of(entries.of_kind)
    else:
        found = helps.what_helps(entries)
    return {"notes": notes, "helps": [helps.sentence(f) for f in found]}


def export_period(journal: Cached | Full, wanted: query.Filter) -> Period:
    """The entries a Markdown export of ``wanted`` holds: from the cache, counted by SQLite and
    read as they are written out; else from the replayed journal."""
    from mindlog.cache.view import Cached
    from mindlog.formats import export

    if not isinstance(journal, Cached) or wanted.kinds or wanted.tags or wanted.search:
        return export.period_of(journal.select(wanted))
    tally = journal.tally(wanted)
    return export.Period(
        tally.counts,
        tally.days,
        tally.dates,
        tally.in_order,
        lambda kind: journal.stream(wanted, kind),
        lambda kind: journal.stream_fields(wanted, kind),
        lambda first, last: journal.stream(within(wanted, first, last)),
        tally.shown,
    )


def within(wanted: query.Filter, first: date, last: date) -> query.Filter:
    """``wanted``'s days from ``first`` to ``last``."""
    since = max(first, wanted.since) if wanted.since else first
    until = min(last, wanted.until) if wanted.until else last
    return wanted.replace(since=since, until=until)


def export_document(
    session: Session, fmt: str, wanted: query.Filter, raw: bool = False
) -> tuple[Iterable[str], Callable[[], int]]:
    """``export``'s document in ``fmt`` (md, json, csv), in parts to write one after the other,
    and how many entries were in it, to ask once it is written (``raw``: CSV cells exactly as
    written). JSON and CSV are made as the entries are read, one at a time."""
    journal = session.view()
    tally = _Tally()
    if fmt == "json":  # a backup: what the person keeps beside their entries too
        wanted = wanted.replace(everything=True)
        blocks = journal.stream_json(wanted, "    ")
        if blocks is not None:  # the cache's JSON text of each entry, two levels deeper
            head = '{\n  "mindlog_export": 1,\n  "entries": '
            parts = json_array(
                blocks, "    ", head + "[\n    ", "\n  ]\n}\n", head + "[]\n}\n", tally
            )
            return parts, lambda: tally.count
    from mindlog.formats import csvfile, export, markdown

    if fmt == "csv":
        return csvfile.csv_parts(
            tally.through(journal.stream_fields(wanted)), raw=raw
        ), lambda: tally.count
    if fmt == "json":  # without the cache
        found = journal.select(wanted)
        return [export.to_json(found)], lambda: len(found)
    period = export_period(journal, wanted)
    document = markdown.markdown_parts(
        period,
        journal.statement(),
        session.today,
        wanted.since,
        wanted.until,
        **companion_parts(journal, period),
    )
    return document, lambda: sum(n for n, _ in period.counts.values())


class _Tally:
    """Counts what passes ``through`` it."""

    def __init__(self) -> None:
        self.count = 0

    def through(self, items: Iterable[_T]) -> Iterator[_T]:
        for item in items:
            self.count += 1
            yield item


def deliver_export(
    session: Session, document: Iterable[str], count: Callable[[], int], output: Path | None
) -> None:
    """The export (its parts, in order) on standard output as they are made, or in the file
    ``output`` (readable only by the person, written whole or not at all); ``count`` says how
    many entries it held, once written."""
    from mindlog.store import outfile
    from mindlog.store.format import sealed_journal

    if sealed_journal(session.where.journal):  # the person's choice; said, never refused
        out.note("this export is plain text, as exports always are; your journal stays encrypted")
    if output is None or outfile.screen(output):
        for part in document:
            out.document(part)
        return
    private = outfile.write(output, document)
    written = count()
    if private:  # into a pipe or a device it goes on as standard output would: nothing more said
        out.say(
            f"Wrote {written} {'entry' if written == 1 else 'entries'} to {output} "
            "(readable only by you)."
        )


def export(
    session: Session,
    fmt: str,
    wanted: query.Filter,
    output: Path | None = None,
    force: bool = False,
    raw: bool = False,
) -> None:
    """``mindlog export`` in Markdown, JSON or CSV, to standard output or to ``output``."""
    from mindlog.store import outfile  # only an export writes a file

    outfile.check(output, force, "mindlog.md")
    document, count = export_document(session, fmt, wanted, raw)
    deliver_export(session, document, count, output)


def nothing_found(journal: Cached | Full, wanted: query.Filter, removed: bool) -> str:
    pool = [
        e for e in (journal.removed if removed else journal.entries) if e.kind not in SETTING_KINDS
    ]
    if not pool:
        if removed:
            return "Nothing has been removed."
        return "No entries yet. A good place to start: mindlog win"
    kinds = {e.kind for e in pool if is_record(e.kind)}
    if wanted.kinds and not set(wanted.kinds) & kinds:
        names = sorted({one_line(query.label(k), 30) for k in kinds})  # as the listing names them
        return f"No entries of that kind. Kinds in your journal: {', '.join(names)}."
    return "No entries match."
