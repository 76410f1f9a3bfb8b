"""Property tests for the pure parts and the storage round trip."""

from __future__ import annotations

import re
import tempfile
from datetime import date, datetime, time, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from mindlog.domain.days import logical_day, parse_day
from mindlog.domain.journal import add_event, replay
from mindlog.domain.safe import visible
from mindlog.store.eventlog import Store
from mindlog.store.lines import parse_line
from mindlog.store.paths import Locations

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@given(st.text())
def test_visible_text_carries_no_control_characters(text):
    assert not CONTROL.search(visible(text))
    assert not CONTROL.search(visible(text, newlines=False))
    assert "\n" not in visible(text, newlines=False)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs"))))
def test_ordinary_text_is_shown_unchanged(text):
    assert visible(text) == text


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    st.builds(time, st.integers(0, 23), st.integers(0, 59)),
)
def test_logical_day_is_the_calendar_day_or_the_one_before(moment, start):
    day = logical_day(moment, start)
    assert day in (moment.date(), moment.date() - timedelta(days=1))
    assert (day == moment.date()) == (moment.time() >= start)


@given(st.dates(max_value=date(2100, 1, 1)), st.dates(max_value=date(2100, 1, 1)))
def test_parse_day_never_accepts_the_future(day, today):
    try:
        parsed = parse_day(day.isoformat(), today)
    except ValueError:
        assert day > today
    else:
        assert parsed == day <= today


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(min_size=1), min_size=1, max_size=8))
def test_texts_round_trip_through_the_store_exactly(texts):
    with tempfile.TemporaryDirectory() as folder:
        from pathlib import Path

        base = Path(folder)
        store = Store(Locations(base, base / "journal", base, base / "state"))
        at = datetime(2026, 11, 28, 10, tzinfo=timezone(timedelta(hours=1)))
        events = []
        for n, text in enumerate(texts):
            events.append(
                add_event("win", date(2026, 11, 28), (at + timedelta(seconds=n)).isoformat(), text)
            )
        try:
            store.append(events)
        except Exception:
            assert any(not _utf8(t) for t in texts)
            return
        read = store.read()
        assert read.problems == []
        assert [e.text for e in replay(read.events).entries] == texts


def _utf8(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


@given(st.binary(max_size=200))
def test_any_bytes_are_an_event_or_a_reason(raw):
    parsed = parse_line(raw)
    assert isinstance(parsed, (dict, str))


def test_midnight_start_is_the_calendar_day():
    assert logical_day(datetime(2026, 1, 1, 0, 0), time(0, 0)) == date(2026, 1, 1)
