"""The summary cache says exactly what a full read of the journal says, whatever was written."""

from __future__ import annotations

import os
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mindlog import summary
from mindlog.journal import add_event, delete_event, replay, update_event
from mindlog.paths import Locations
from mindlog.store import SCHEMA, Store, encode_event

TODAY = date(2026, 11, 28)
START = datetime.fromisoformat("2026-11-28T10:00:00+01:00")
ROUTINE = ["a", "b", "c", "d"]

ADD = st.tuples(
    st.just("add"),
    st.sampled_from(["win", "win", "morning", "commitment", "reaffirm", "rest", "checkin"]),
    st.integers(0, 20),  # days back: beyond two weeks the summary cannot follow and goes stale
    st.integers(0, 4),
    st.text(max_size=12),
)
UPDATE = st.tuples(
    st.just("update"),
    st.integers(0, 10_000),
    st.sampled_from(["text", "done", "day"]),
    st.integers(0, 20),
)
DELETE = st.tuples(st.just("delete"), st.integers(0, 10_000))
READ = st.tuples(st.just("read"))  # a greeting: rebuilds and saves a stale summary
FOREIGN = st.tuples(st.just("foreign"), st.integers(0, 5))  # another device's file changes
OPS = st.lists(st.one_of(ADD, UPDATE, DELETE, READ, FOREIGN), min_size=1, max_size=25)


def where_in(base: Path) -> Locations:
    return Locations(data=base, journal=base / "journal", config=base, state=base / "state")


def full(where: Locations) -> summary.Summary:
    result = Store(where).read()
    key = summary.journal_key(where.journal, "04:00")
    return summary.Summary.build(
        replay(result.events), key, TODAY, len(result.problems), result.newer
    )


def play(where: Locations, ops) -> int:
    """Apply the operations; check the summary whenever it claims to be fresh; return how often
    a write kept it fresh."""
    ids: list[tuple[str, str]] = []
    kept_fresh = 0
    for step, op in enumerate(ops):
        at = (START + timedelta(seconds=step)).isoformat()
        events = []
        if op[0] == "add":
            _, kind, back, done, text = op
            day = TODAY - timedelta(days=back)
            fields = {"done": ROUTINE[:done], "routine": ROUTINE} if kind == "morning" else {}
            event = add_event(kind, day, at, text or None, [], **fields)
            ids.append((event["entry"]["id"], kind))
            events.append(event)
        elif op[0] in ("update", "delete") and ids:
            entry_id, kind = ids[op[1] % len(ids)]
            if op[0] == "delete":
                events.append(delete_event(entry_id, at))
            elif op[2] == "text":
                events.append(update_event(entry_id, at, text=f"edited {step}"))
            elif op[2] == "done":
                events.append(update_event(entry_id, at, done=ROUTINE[: op[3] % 5]))
            else:
                events.append(
                    update_event(entry_id, at, day=(TODAY - timedelta(days=op[3])).isoformat())
                )
        elif op[0] == "read":
            assert summary.current(where, "04:00", TODAY).view() == full(where).view()
        elif op[0] == "foreign":
            other = where.journal / "other-device.jsonl"
            other.parent.mkdir(parents=True, exist_ok=True)
            event = add_event("win", TODAY - timedelta(days=op[1]), at, "from elsewhere")
            with other.open("ab") as f:
                f.write(encode_event({"v": SCHEMA, "eid": os.urandom(8).hex(), "t": 1, **event}))
        if events:
            was_fresh = _fresh(where) is not None
            with summary.updating(where, "04:00", TODAY) as written:
                written.extend(Store(where).append(events))
            kept_fresh += was_fresh and _fresh(where) is not None
        cached = _fresh(where)
        if cached is not None:
            assert cached.view() == full(where).view()
    assert summary.current(where, "04:00", TODAY).view() == full(where).view()
    return kept_fresh


def _fresh(where: Locations) -> summary.Summary | None:
    saved = summary.load(where)
    if saved is not None and saved.key == summary.journal_key(where.journal, "04:00"):
        return saved
    return None


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_the_cache_always_agrees_with_a_full_read(ops):
    with tempfile.TemporaryDirectory() as tmp:
        play(where_in(Path(tmp)), ops)


def test_writes_after_a_greeting_keep_the_cache_fresh(tmp_path):
    ops = [("add", "win", 0, 0, "a"), ("read",)] + [
        ("add", "win", 1, 0, "b"),
        ("update", 1, "text", 0),
    ] * 3
    ops += [
        ("add", "morning", 0, 2, ""),
        ("update", 4, "done", 4),
        ("delete", 4),
        ("add", "commitment", 0, 0, "w"),
    ]
    assert play(where_in(tmp_path), ops) == 10


def test_folding_old_entries_keeps_the_answer(tmp_path, monkeypatch):
    monkeypatch.setattr(summary, "FOLD_AFTER", 2)
    where = where_in(tmp_path)
    play(where, [("add", "win", 0, 0, "a"), ("read",)])
    # a summary built long ago: its recent window starts earlier, so these are folded on write
    saved = summary.load(where)
    saved.cutoff -= 40
    summary.save(where, saved)
    ops = [("add", "win", back, 0, "x") for back in (2, 15, 16, 20)] + [("add", "rest", 17, 0, "")]
    play(where, ops)
    folded = _fresh(where)
    assert folded is not None and folded.old["wins"]
    assert folded.view() == full(where).view()
