"""One meaning of a day shown up, in every view; strength that counts from the first day."""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mindlog.domain import practices, streaks
from mindlog.domain.journal import add_event
from mindlog.domain.model import Entry
from mindlog.domain.streaks import practice_days, streak
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations

TODAY = date(2026, 11, 28)
ROUTINE = ["Re-read my commitment statement", "Drink a glass of water"]


def entry(kind: str, back: int, **fields: object) -> Entry:
    day = (TODAY - timedelta(days=back)).isoformat()
    return Entry(f"{kind}{back}{len(fields)}", kind, day, f"{day}T09:00:00+00:00", None, [], fields)


# -- the rules ---------------------------------------------------------------------------------


def test_a_setback_day_is_shown_up_and_carries_a_run_as_a_rest_day_does():
    days = practice_days([entry("win", 2), entry("setback", 1), entry("win", 0)])
    assert streaks.showed_up(days, TODAY - timedelta(days=1))
    assert streaks.day_mark(days, TODAY - timedelta(days=1)) == (streaks.SETBACK, 0.0)
    (wins,) = [s for p, s, _ in streaks.today_lines(days, TODAY) if p == "wins"]
    assert (wins.current, wins.total_days) == (3, 2)


def test_setup_is_not_showing_up_and_nothing_before_the_first_day_counts():
    days = practice_days([entry("scale", 5, name="calm"), entry("checkin", 2)])
    assert days.first == TODAY - timedelta(days=2)
    assert streaks.day_mark(days, TODAY - timedelta(days=5))[0] == streaks.BEFORE
    assert streaks.day_mark(days, TODAY - timedelta(days=2)) == (streaks.SHOWN, 0.0)
    assert streaks.day_mark(days, TODAY - timedelta(days=1))[0] == streaks.NOTHING
    assert streaks.days_done(days) == 1


def test_the_re_read_item_ticked_in_a_morning_is_a_reaffirmation(run):
    run("morning", "--done", "1")
    data = json.loads(run("streaks", "--json").stdout)
    assert data["commitment"]["total_days"] == 1 and data["morning"]["total_days"] == 1
    assert "Commitment: done today" in run("greet").stdout
    assert streaks.reaffirms("reread my commitment statement")
    assert not streaks.reaffirms("Drink a glass of water")


def test_adding_a_practice_never_reshades_earlier_days():
    earlier = [entry("win", 3), entry("reaffirm", 3)]
    before = practice_days(earlier)
    mine = [entry("practicedef", 0, name="walk", per_week=7)]
    after = practice_days(earlier + mine)
    practices.join(after, mine, TODAY)
    day = TODAY - timedelta(days=3)
    assert streaks.day_share(after, day) == streaks.day_share(before, day) == 2 / 3


def test_day_one_reflects_one_of_one_days_so_far(run):
    run("win", "first step", "-q")
    assert "You showed up 1 of 1 days so far." in run("reflect").stdout
    assert "15 weeks" not in run("streaks").stdout and "Aug" not in run("streaks").stdout


# -- strength ----------------------------------------------------------------------------------


@given(st.integers(1, 400))
def test_a_perfect_run_from_the_first_day_reads_full_strength(length):
    done = {TODAY - timedelta(days=n) for n in range(length)}
    assert streak(done, set(), TODAY - timedelta(days=length - 1), TODAY).strength > 0.999


@given(
    st.sets(st.integers(0, 120), max_size=100),
    st.sets(st.integers(0, 120), max_size=20),
    st.integers(0, 120),
    st.integers(0, 120),
)
def test_strength_is_within_0_and_1_and_never_falls_for_a_day_more_shown_up(
    done, rest, first, extra
):
    first = max([first, *done, *rest])
    as_days = {TODAY - timedelta(days=n) for n in done}
    rested = {TODAY - timedelta(days=n) for n in rest}
    start = TODAY - timedelta(days=first)
    before = streak(as_days, rested, start, TODAY)
    after = streak(as_days | {TODAY - timedelta(days=min(extra, first))}, rested, start, TODAY)
    assert 0.0 <= before.strength <= 1.0 and 0.0 <= after.strength <= 1.0
    assert after.strength >= before.strength - 1e-12
    assert 0 <= before.recent[0] <= before.recent[1] <= streaks.RECENT


# -- every view counts the same days ---------------------------------------------------------

KINDS = ["win", "setback", "rest", "checkin", "morning", "reread", "reaffirm", "scale", "bringup"]
JOURNALS = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 25)), max_size=14)


def write(found: list[tuple[str, int]]) -> None:
    events = []
    for n, (kind, back) in enumerate(found):
        day = TODAY - timedelta(days=back)
        at = f"{day.isoformat()}T09:{n:02d}:00+01:00"
        fields: dict[str, object] = {}
        if kind in ("morning", "reread"):
            done = ROUTINE[:1] if kind == "reread" else ROUTINE[1:]
            kind, fields = "morning", {"done": done, "routine": ROUTINE}
        elif kind == "scale":
            fields = {"name": "calm"}
        events.append(add_event(kind, day, at, None if kind != "win" else "a step", [], **fields))
    if events:
        Store(locations()).append(events)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(JOURNALS)
def test_every_view_counts_the_same_days_shown_up(run, found):
    from mindlog.domain.reflect import lasting
    from mindlog.usecases import login
    from mindlog.usecases.session import Session

    saved = os.environ["MINDLOG_HOME"]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MINDLOG_HOME"] = folder
        try:
            write(found)
            backs = {b for k, b in found if k != "scale"}
            expected_all = len(backs)
            first = max(backs, default=None)
            data = json.loads(run("streaks", "--json").stdout)["shown_up"]
            assert data["days"] == expected_all
            week = {b for b in backs if b < 7}
            assert data["last_7_days"] == len(week)
            assert data["of_days"] == (0 if first is None else min(7, first + 1))
            shown = run("reflect").stdout
            said = re.search(r"You showed up (\d+) of (?:the last )?(\d+) days", shown)
            if week:
                assert said is not None
                assert (int(said[1]), int(said[2])) == (len(week), data["of_days"])
            journal = Session().view()
            days = journal.practice_days(TODAY)
            assert lasting(days, TODAY)[0] == expected_all
            if found:
                assert login.figures(journal, TODAY).shown_up == expected_all
            if found:  # the exports say the same: Markdown and the HTML page
                for form in ("md", "html"):
                    text = run("export", "--format", form).stdout
                    said = re.search(r"Shown up on (\d+) days?,", text)
                    assert said is not None and int(said[1]) == expected_all, form
            streaks_json = json.loads(run("streaks", "--json").stdout)
            for practice, figures in streaks.all_streaks(days, TODAY).items():
                assert streaks_json[practice] == figures.to_json()
        finally:
            os.environ["MINDLOG_HOME"] = saved
