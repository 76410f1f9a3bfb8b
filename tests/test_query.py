"""The pure parts of finding entries: day spans, filters, ids, write order; and the listing view."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mindlog.domain import query
from mindlog.domain.days import DateError
from mindlog.domain.errors import MindlogError
from mindlog.domain.journal import Journal
from mindlog.domain.model import KNOWN_KINDS, Entry

TODAY = date(2026, 11, 28)


def entry(id_, day="2026-11-28", kind="win", text="x", tags=(), at=None, **fields):
    return Entry(id_, kind, day, at or f"{day}T10:00:00+01:00", text, list(tags), fields)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("today", TODAY),
        ("Yesterday", date(2026, 11, 27)),
        ("2026-02-28", date(2026, 2, 28)),
        ("7d", date(2026, 11, 22)),
        ("1d", TODAY),
        ("4w", date(2026, 11, 1)),
        ("3m", date(2026, 8, 29)),
        ("1y", date(2025, 11, 29)),
        (" 2 w ", date(2026, 11, 15)),
        ("saturday", TODAY),
        ("Mon", date(2026, 11, 23)),
        ("sunday", date(2026, 11, 22)),
        ("2027-01-01", date(2027, 1, 1)),
    ],
)
def test_parse_when(text, wanted):
    assert query.parse_when(text, TODAY) == wanted


def test_months_back_land_on_the_months_last_day():
    assert query.parse_when("1m", date(2026, 3, 31)) == date(2026, 3, 1)
    assert query.parse_when("1m", date(2024, 3, 31)) == date(2024, 3, 1)


@pytest.mark.parametrize(
    "text", ["", "soon", "7", "7x", "-3d", "0d", "2026-02-30", "28/11/2026", "9999y", "mo"]
)
def test_parse_when_refuses_what_it_cannot_read(text):
    with pytest.raises(DateError):
        query.parse_when(text, TODAY)


@given(st.integers(min_value=1, max_value=3000))
def test_days_back_are_exact(n):
    # 7d is today and the six days before; 4w is 28 days.
    assert (TODAY - query.parse_when(f"{n}d", TODAY)).days + 1 == n
    assert (TODAY - query.parse_when(f"{n}w", TODAY)).days + 1 == 7 * n


@given(st.integers(min_value=1, max_value=600), st.dates(date(1900, 1, 1), date(2100, 1, 1)))
def test_months_back_are_never_after_today_and_keep_order(n, today):
    back = query.parse_when(f"{n}m", today)
    assert back <= today
    assert query.parse_when(f"{n + 1}m", today) < back
    assert 28 * n <= (today - back).days + 1 <= 31 * n


@given(
    st.lists(
        st.tuples(
            st.dates(date(2026, 1, 1), date(2026, 12, 31)),
            st.sampled_from(["win", "morning", "journal"]),
            st.lists(st.sampled_from(["meaning", "walk", "progress"]), unique=True),
        ),
        max_size=20,
    ),
    st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    st.dates(date(2026, 1, 1), date(2026, 12, 31)),
)
def test_filters_are_an_intersection(items, a, b):
    since, until = min(a, b), max(a, b)
    entries = [
        entry(f"{n:04x}", d.isoformat(), k, f"text {n}", t) for n, (d, k, t) in enumerate(items)
    ]
    both = query.select(entries, query.Filter(since, until, ["win"], ["meaning"]))
    by_span = set(map(id, query.select(entries, query.Filter(since, until))))
    by_kind = set(map(id, query.select(entries, query.Filter(kinds=["win"]))))
    by_tag = set(map(id, query.select(entries, query.Filter(tags=["meaning"]))))
    assert set(map(id, both)) == by_span & by_kind & by_tag


def test_resolve_by_prefix():
    journal = Journal([entry("abc123"), entry("abd456")], [entry("ffe000")])
    assert query.resolve(journal, "abc").id == "abc123"
    assert query.resolve(journal, "ABD").id == "abd456"
    with pytest.raises(MindlogError, match="2 entries"):
        query.resolve(journal, "ab")
    with pytest.raises(MindlogError, match="was removed") as info:
        query.resolve(journal, "ffe")
    assert info.value.hint == "bring it back with: mindlog restore ffe"
    assert query.resolve(journal, "ff", removed=True).id == "ffe000"
    with pytest.raises(MindlogError, match="not removed"):
        query.resolve(journal, "abc", removed=True)
    with pytest.raises(MindlogError, match="give the id"):
        query.resolve(journal, " ")


def test_summary_of_kinds_without_text():
    morning = entry("m", kind="morning", text=None, done=["a"], routine=["a", "b"])
    checkin = entry("c", kind="checkin", text="tired", mood=2, energy=None, sleep=4)
    assert query.describe(morning) == "1 of 2 done"
    assert query.describe(checkin) == "mood 2/5 · sleep 4/5 · tired"


def test_listing_shows_text_literally_and_safely():
    from rich.console import Console

    from mindlog.render.listing import listing

    target = Console(record=True, width=80, file=io.StringIO(), color_system=None, markup=False)
    listing(
        [
            entry("a1", text="[bold]not markup[/bold] \x1b[2J", tags=["meaning"]),
            entry("b2", "2026-11-27", "morning", None, done=["x"], routine=["x"]),
        ],
        target=target,
    )
    shown = target.export_text()
    assert "[bold]not markup[/bold] \\x1b[2J" in shown
    assert "#meaning" in shown and "a1" in shown
    assert "Saturday 28 November 2026" in shown and "Friday 27 November 2026" in shown
    assert "1 of 1 done" in shown
    assert shown.rstrip().endswith("2 entries")


def test_replay_brings_a_removed_entry_back_with_its_newest_words():
    from mindlog.domain.journal import add_event, delete_event, replay, restore_event, update_event
    from mindlog.store.lines import parse_line

    add = add_event("win", TODAY, "2026-11-28T10:00:00+01:00", "first words")
    entry_id = add["entry"]["id"]
    events = [
        add,
        update_event(entry_id, "2026-11-28T10:01:00+01:00", text="second words"),
        delete_event(entry_id, "2026-11-28T10:02:00+01:00"),
        update_event(entry_id, "2026-11-28T10:03:00+01:00", text="changed after its removal"),
        delete_event(entry_id, "2026-11-28T10:04:00+01:00"),
    ]
    removed = replay(events).removed[0]
    assert removed.text == "changed after its removal"  # the last writer wins
    events += [
        restore_event(removed, "2026-11-28T10:05:00+01:00", None),
        {"op": "restore", "id": "no-such-entry", "at": "2026-11-28T10:06:00+01:00"},
    ]
    for n, event in enumerate(events):  # every event is one the store accepts, in this order
        event.update(eid=f"e{n}", t=n)
        assert isinstance(parse_line(json.dumps({"v": 2, **event}).encode()), dict)
    journal = replay(events)
    assert [e.text for e in journal.entries] == ["changed after its removal"]
    assert journal.removed == []
    assert [h["text"] for h in journal.history[entry_id]] == ["first words", "second words"]
    assert replay(events[:3]).entries == [] and len(replay(events[:3]).removed) == 1
    assert [e.text for e in replay(events[:4]).entries] == ["changed after its removal"]
    assert isinstance(parse_line(b'{"v": 1, "op": "restore"}'), str)


def test_a_kind_without_fields_has_no_summary_unless_it_is_one_described_anyway():
    """query.summary answers at once for an entry without fields of its own (most wins), so a
    long list is quick: only the kinds in SUMMED_KINDS say something without fields."""
    from mindlog.domain.practices import own_summary

    for kind in (*KNOWN_KINDS, "a kind of a newer version"):
        bare = entry("k1", kind=kind, text=None)
        if kind not in query.SUMMED_KINDS:
            assert own_summary(bare) == [], kind
        assert query.summary(bare) == " · ".join(own_summary(bare)), kind


@given(
    st.lists(
        st.tuples(
            st.sampled_from([*KNOWN_KINDS, "a kind of a newer version"]),
            st.text(max_size=90) | st.none(),
            st.lists(st.text(min_size=1, max_size=8), max_size=2),
            st.sampled_from(
                [{}, {"name": "walk"}, {"mood": 3}, {"done": ["a"], "routine": ["a", "b"]}]
            ),
        ),
        max_size=8,
    )
)
def test_the_piped_lines_are_the_lines_of_each_entry(found):
    """reading.lines, which makes an Entry only of those that say more than their text
    (query.only_text), gives each entry's reading.line."""
    from mindlog.domain.model import fields_of
    from mindlog.usecases.reading import line, lines

    entries = [
        entry(f"e{n}", kind=kind, text=text, tags=tags, **fields)
        for n, (kind, text, tags, fields) in enumerate(found)
    ]
    assert list(lines(fields_of(entries))) == [line(e) for e in entries]


def _one_line_in_full(text: str, width: int) -> str:
    """mindlog.domain.safe.one_line without its quick answer for short plain text."""
    from mindlog.domain.safe import visible

    shown = " ".join(visible(text, newlines=False).split())
    if len(shown) <= width:
        return shown
    cut = shown[: max(width - 1, 0)]
    if shown[len(cut)] != " ":
        space = cut.rfind(" ")
        if space >= width // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


@given(
    st.text(alphabet=st.sampled_from("ab é\u00a0\t\n\x1b\u2003\u202e世 ."), max_size=30)
    | st.text(max_size=30),
    st.integers(1, 40),
)
def test_one_line_quick_answer_is_the_full_one(text, width):
    from mindlog.domain.safe import one_line

    assert one_line(text, width) == _one_line_in_full(text, width)
