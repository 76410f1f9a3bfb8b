"""What helps: figures only from at least 7 days a side, worded to notice, never as a cause."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from mindlog.domain import helps
from mindlog.domain.checkins import day_means
from mindlog.domain.model import FACTORS, Entry
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations

FIRST = date(2026, 10, 1)
CAUSE = re.compile(
    r"\b(because|causes?|caused|makes?|made|leads? to|improves?|boosts?|so that)\b", re.I
)


def entry(n: int, kind: str, day: date, tags=(), **fields) -> Entry:
    return Entry(
        f"e{n}",
        kind,
        day.isoformat(),
        f"{day.isoformat()}T12:00:00+00:00",
        None,
        list(tags),
        fields,
    )


scale_value = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def histories(draw):
    """Up to 40 days, each with any of: a morning, wins with factor tags, a reaffirmation, and
    zero to three check-ins (some scales skipped)."""
    entries: list[Entry] = []
    n = 0
    for offset in range(draw(st.integers(0, 40))):
        day = FIRST + timedelta(days=offset)
        if draw(st.booleans()):
            entries.append(entry(n, "morning", day, done=["water"], routine=["water"]))
            n += 1
        for _ in range(draw(st.integers(0, 2))):
            tags = draw(st.lists(st.sampled_from([*FACTORS, "walk"]), max_size=2, unique=True))
            entries.append(entry(n, "win", day, tags))
            n += 1
        if draw(st.integers(0, 4)) == 0:
            entries.append(entry(n, "reaffirm", day))
            n += 1
        for _ in range(draw(st.integers(0, 3))):
            entries.append(
                entry(n, "checkin", day, mood=draw(scale_value), energy=draw(scale_value))
            )
            n += 1
    return entries


@settings(max_examples=80, deadline=None)
@given(histories(), st.integers(0, 20))
def test_never_a_figure_from_fewer_than_seven_days_a_side(entries, asked):
    for finding in helps.what_helps(entries, min_days=asked):
        assert finding.with_days >= 7 and finding.without_days >= 7
        assert 1 <= finding.with_mean <= 5 and 1 <= finding.without_mean <= 5


@settings(max_examples=50, deadline=None)
@given(histories())
def test_the_days_add_up_and_match_a_direct_count(entries):
    means = day_means(entries)
    marked = helps.marked_days(entries)
    for finding in helps.what_helps(entries):
        days = {d for d, v in means.items() if finding.scale in v}
        inside = [means[d][finding.scale] for d in days if d in marked[finding.key]]
        assert finding.with_days + finding.without_days == len(days)
        assert finding.with_days == len(inside)
        assert abs(finding.with_mean - sum(inside) / len(inside)) < 1e-9


@settings(max_examples=40, deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_the_order_of_entries_changes_nothing(entries, rng):
    shuffled = list(entries)
    rng.shuffle(shuffled)
    assert helps.what_helps(shuffled) == helps.what_helps(entries)


@settings(max_examples=40, deadline=None)
@given(histories())
def test_sentences_notice_and_never_claim_a_cause(entries):
    for finding in helps.what_helps(entries):
        said = helps.sentence(finding)
        assert said.startswith("On days with ")
        assert f"({finding.with_days} and {finding.without_days} days)" in said
        assert not CAUSE.search(said), said
    assert "not a cause" in helps.INTRO  # the one place the word is used: to say it is not one
    assert not CAUSE.search(helps.NOT_YET)


def test_the_example_from_the_issue():
    found = helps.Finding("morning", "mood", 3.4, 2.8, 21, 9)
    assert helps.sentence(found) == (
        "On days with your morning routine your mood averaged 3.4; on other days 2.8 "
        "(21 and 9 days)."
    )


def test_six_days_a_side_shows_nothing_seven_shows_it():
    def history(days_with: int, days_without: int) -> list[Entry]:
        entries = []
        for n in range(days_with + days_without):
            day = FIRST + timedelta(days=n)
            if n < days_with:
                entries.append(entry(1000 + n, "morning", day, done=["w"], routine=["w"]))
            entries.append(entry(n, "checkin", day, mood=4 if n < days_with else 2))
        return entries

    assert [f for f in helps.what_helps(history(6, 10)) if f.key == "morning"] == []
    assert [f for f in helps.what_helps(history(10, 6)) if f.key == "morning"] == []
    (found,) = [f for f in helps.what_helps(history(7, 7)) if f.key == "morning"]
    assert (found.with_mean, found.without_mean, found.with_days, found.without_days) == (
        4,
        2,
        7,
        7,
    )


def test_a_window_limits_the_days():
    entries = [entry(n, "checkin", FIRST + timedelta(days=n), mood=3) for n in range(20)]
    entries += [
        entry(100 + n, "win", FIRST + timedelta(days=n), ["meaning"]) for n in range(0, 20, 2)
    ]
    assert {f.key for f in helps.what_helps(entries)} >= {"wins", "meaning"}
    assert helps.what_helps(entries, FIRST + timedelta(days=10)) == []


# -- through the commands ----------------------------------------------------------------------


def seed(days: int = 30) -> None:
    """Check-ins every day for ``days`` days up to today; the morning routine on two days in three."""
    from mindlog.domain.journal import add_event

    today = date(2026, 11, 28)
    events = []
    for n in range(days):
        day = today - timedelta(days=n)
        at = f"{day}T09:00:00+01:00"
        with_routine = n % 3 != 0
        if with_routine:
            events.append(add_event("morning", day, at, None, done=["Water"], routine=["Water"]))
        events.append(add_event("checkin", day, at, None, mood=4 if with_routine else 2, energy=3))
    Store(locations()).append(events)


def test_reflect_month_shows_what_helps(run):
    seed()
    shown = " ".join(run("reflect", "--month").stdout.split())
    assert "What helps, perhaps" in shown
    assert (
        "On days with your morning routine your mood averaged 4.0; on other days 2.0 (20 and 10 days)."
        in shown
    )
    assert "not a cause" in shown
    assert "What helps" not in run("reflect").stdout  # a week can never have 7 days a side


def test_reflect_month_with_too_few_days_says_so_gently(run):
    seed(10)
    shown = " ".join(run("reflect", "--month").stdout.split())
    assert "Not enough check-ins yet" in shown
    assert "averaged" not in shown


def test_the_export_shows_what_helps(run):
    seed()
    document = run("export").stdout
    assert "## What helps, perhaps" in document
    assert (
        "- On days with your morning routine your mood averaged 4.0; on other days 2.0 (20 and 10 days)."
        in document
    )
    assert document.index("## Check-ins") < document.index("## What helps")
