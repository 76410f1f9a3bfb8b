"""Practices of your own: added, logged, renamed and removed through the commands, checked by
what is stored; their figures in streaks, the dashboard, reflect and the export."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import stored
from mindlog.domain import practices
from mindlog.domain.errors import MindlogError

TODAY = date(2026, 11, 28)


def own(kind: str):
    return [e for e in stored().entries if e.kind == kind]


def test_add_stores_a_practice_with_its_target(run):
    result = run("practice", "add", "walk", "--per-week", "3")
    assert "walk" in result.stdout and "3 days a week" in result.stdout
    (entry,) = own("practicedef")
    assert (entry.fields["name"], entry.fields["per_week"], entry.day) == ("walk", 3, "2026-11-28")
    run("practice", "add", "Stretch")
    assert [p.per_week for p in practices.defined(stored().entries)] == [3, 7]


@pytest.mark.parametrize("per_week", ["0", "8", "-1"])
def test_per_week_outside_one_to_seven_is_one_line_and_saves_nothing(run, per_week):
    result = run("practice", "add", "walk", "--per-week", per_week, code=None)
    assert result.exit_code in (1, 2)
    assert len(result.stderr.strip().splitlines()) == 1
    assert own("practicedef") == []


@pytest.mark.parametrize("name", ["morning", "Wins", "walk", "WALK "])
def test_a_name_already_taken_is_refused(run, name):
    run("practice", "add", "walk")
    result = run("practice", "add", name, code=1)
    assert len(result.stderr.strip().splitlines()) == 1
    assert len(own("practicedef")) == 1


@pytest.mark.parametrize("name", ["", "   ", "a\x1bb", "x" * 41])
def test_a_name_that_cannot_be_one_is_refused(run, name):
    run("practice", "add", name, code=1)
    assert own("practicedef") == []


def test_did_matches_by_prefix_in_any_case_and_stores_the_practice(run):
    run("practice", "add", "Walk")
    run("practice", "add", "stretch")
    result = run("did", "WA", "--note", "around the park")
    assert "Walk" in result.stdout
    (entry,) = own("practice")
    walk = practices.defined(stored().entries)[0]
    assert entry.fields == {"name": "Walk", "practice_id": walk.id}
    assert (entry.day, entry.text) == ("2026-11-28", "around the park")


def test_did_twice_on_a_day_is_already_logged_and_writes_nothing(run):
    run("practice", "add", "walk")
    run("did", "walk")
    result = run("did", "w")
    assert "already logged" in result.stdout
    assert len(own("practice")) == 1
    run("did", "walk", "--date", "yesterday")
    assert sorted(e.day for e in own("practice")) == ["2026-11-27", "2026-11-28"]


def test_an_ambiguous_or_unknown_name_is_one_line_listing_the_candidates(run):
    run("practice", "add", "walk")
    run("practice", "add", "water")
    result = run("did", "w", code=1)
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and "walk" in line and "water" in line
    result = run("did", "swim", code=1)
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and "walk" in line and "water" in line
    assert own("practice") == []


def test_did_without_practices_points_to_practice_add(run):
    result = run("did", "walk", code=1)
    assert "mindlog practice add" in result.stderr
    assert stored().entries == []


def test_did_with_a_future_date_is_a_user_error(run):
    run("practice", "add", "walk")
    run("did", "walk", "--date", "2027-01-01", code=1)
    run("did", "walk", "--note", "  ", code=1)
    assert own("practice") == []


def test_rename_keeps_every_day_logged(run):
    run("practice", "add", "walk", "--per-week", "3")
    run("did", "walk", "--date", "yesterday")
    run("practice", "rename", "wa", "evening walk", "--per-week", "4")
    (practice,) = practices.defined(stored().entries)
    assert (practice.name, practice.per_week) == ("evening walk", 4)
    run("did", "eve")
    entries = stored().entries
    assert {e.fields["practice_id"] for e in entries if e.kind == "practice"} == {practice.id}
    (figures,) = practices.figures(entries, TODAY)
    assert figures.streak.total_days == 2


def test_rename_to_a_name_taken_is_refused(run):
    run("practice", "add", "walk")
    run("practice", "add", "swim")
    run("practice", "rename", "walk", "SWIM", code=1)
    assert sorted(p.name for p in practices.defined(stored().entries)) == ["swim", "walk"]


def test_remove_stops_following_but_keeps_the_days_logged(run):
    run("practice", "add", "walk")
    run("did", "walk")
    result = run("practice", "remove", "WALK")
    journal = stored()
    assert practices.defined(journal.entries) == []
    assert [e.kind for e in journal.entries] == ["practice"]
    (removed,) = journal.removed
    assert removed.kind == "practicedef"
    assert f"mindlog restore {removed.id[:6]}" in result.stdout
    run("restore", removed.id[:6])
    assert [p.name for p in practices.defined(stored().entries)] == ["walk"]


def test_list_json_gives_each_with_its_target_and_figures(run):
    run("practice", "add", "walk", "--per-week", "3")
    run("practice", "add", "stretch")
    run("did", "stretch", "--date", "yesterday")
    run("did", "stretch")
    data = json.loads(run("practice", "list", "--json").stdout)
    assert [d["name"] for d in data] == ["walk", "stretch"]
    walk, stretch = data
    assert walk["per_week"] == 3 and walk["unit"] == "weeks" and walk["total_days"] == 0
    assert stretch["unit"] == "days"
    assert (stretch["current"], stretch["longest"], stretch["total_days"]) == (2, 2, 2)
    assert stretch["strength"] == 1.0  # every day since it began (counted from its first day)
    assert json.loads(run("practice", "list", "--json").stdout) == data


def test_streaks_json_gains_practices_exactly_as_the_contract_says(run):
    run("practice", "add", "walk", "--per-week", "3")
    for day in ("2026-11-16", "2026-11-18", "2026-11-20", "2026-11-23", "2026-11-24", "2026-11-26"):
        run("did", "walk", "--date", day)
    data = json.loads(run("streaks", "--json").stdout)
    (walk,) = data["practices"]
    assert set(walk) == {
        *("name", "per_week", "unit", "current", "longest", "total_days", "strength"),
        *("recent_done", "recent_days"),
    }
    assert (walk["name"], walk["per_week"], walk["unit"]) == ("walk", 3, "weeks")
    assert (walk["current"], walk["longest"], walk["total_days"]) == (2, 2, 6)
    assert isinstance(walk["strength"], float) and 0 < walk["strength"] <= 1
    assert {"morning", "wins", "commitment", "today"} <= set(data)


def test_a_rest_day_carries_a_practice_of_your_own(run):
    run("practice", "add", "stretch")
    run("did", "stretch", "--date", "2026-11-26")
    run("rest", "--date", "2026-11-27")
    run("did", "stretch")
    (stretch,) = json.loads(run("streaks", "--json").stdout)["practices"]
    assert (stretch["current"], stretch["total_days"]) == (3, 2)


def test_practices_join_the_dashboard_streaks_reflect_and_export(run):
    run("practice", "add", "walk", "--per-week", "3")
    run("practice", "add", "stretch")
    run("did", "stretch")
    assert "stretch: done today" in run().stdout
    assert "walk: ready when you are" in run("today").stdout
    shown = run("streaks").stdout
    assert "stretch" in shown and "3 a week" in shown
    assert "Your own practices" in run("reflect").stdout
    exported = run("export", "--format", "md").stdout
    assert "## My own practices" in exported and "`stretch`: done on 1 day" in exported


def test_the_built_in_practices_are_unchanged_by_practices_of_your_own(run):
    run("win", "a step")
    before = json.loads(run("streaks", "--json").stdout)
    run("practice", "add", "walk")
    run("did", "walk")
    after = json.loads(run("streaks", "--json").stdout)
    assert {k: v for k, v in after.items() if k != "practices"} == {
        k: v for k, v in before.items() if k != "practices"
    }


def test_practice_on_its_own_lists_them(run):
    assert "No practices of your own yet" in run("practice").stdout
    run("practice", "add", "walk")
    assert "walk" in run("practice").stdout


def test_a_synced_practice_day_without_an_id_belongs_by_name():
    from mindlog.domain.model import Entry

    definition = Entry(
        "p1",
        "practicedef",
        "2026-11-20",
        "2026-11-20T10:00:00+00:00",
        None,
        [],
        {"name": "Walk", "per_week": 7},
    )
    by_hand = Entry(
        "d1", "practice", "2026-11-21", "2026-11-21T10:00:00+00:00", None, [], {"name": "walk"}
    )
    other = Entry(
        "d2",
        "practice",
        "2026-11-22",
        "2026-11-22T10:00:00+00:00",
        None,
        [],
        {"name": "walk", "practice_id": "elsewhere"},
    )
    (figures,) = practices.figures([definition, by_hand, other], date(2026, 11, 22))
    # "elsewhere" is no practice there is: its day is matched by its name.
    assert figures.done_days == frozenset({date(2026, 11, 21), date(2026, 11, 22)})


def test_a_practice_removed_and_added_again_keeps_its_days(run):
    run("practice", "add", "walk")
    run("did", "walk", "--date", "yesterday")
    run("practice", "remove", "walk")
    run("practice", "add", "Walk")
    run("did", "walk")
    (figures,) = practices.figures(stored().entries, TODAY)
    assert figures.streak.total_days == 2 and figures.streak.current == 2


def test_two_practices_renamed_past_each_other_keep_their_own_days(run):
    run("practice", "add", "walk")
    run("practice", "add", "swim")
    run("did", "walk")
    run("practice", "rename", "walk", "stroll")
    run("practice", "rename", "swim", "walk")
    by_name = {
        f.practice.name: f.streak.total_days for f in practices.figures(stored().entries, TODAY)
    }
    assert by_name == {"stroll": 1, "walk": 0}


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("practicedef", {"name": "walk", "per_week": 0}),
        ("practicedef", {"name": "walk", "per_week": 8}),
        ("practicedef", {"name": "walk", "per_week": True}),
        ("practicedef", {"name": "", "per_week": 3}),
        ("practicedef", {"per_week": 3}),
        ("practice", {"name": 3}),
        ("practice", {"name": "walk", "practice_id": 4}),
        ("urge", {"strength": 6}),
        ("urge", {"strength": "4"}),
        ("urge", {"passed": "yes"}),
        ("urge", {"about": 1}),
        ("checkin", {"scales": {"anxiety": 6}}),
        ("checkin", {"scales": ["anxiety"]}),
        ("scale", {"name": ""}),
    ],
)
def test_entries_of_the_new_kinds_that_cannot_be_used_are_damage_not_crashes(kind, fields):
    from mindlog.domain.model import Entry

    data = {"id": "x", "kind": kind, "day": "2026-11-28", "at": "2026-11-28T10:00:00+00:00"}
    with pytest.raises(ValueError):
        Entry.from_json(data | fields)


def test_practices_urges_and_scales_travel_through_export_and_import(run, tmp_path, monkeypatch):
    run("practice", "add", "walk", "--per-week", "3")
    run("practice", "rename", "walk", "long walk")
    run("did", "long", "--date", "yesterday")
    run("urge", "--strength", "2", "--instead", "tea", "--passed")
    run("checkin", "scales", "add", "pain")
    run("checkin", "--scale", "pain=3")
    before_json = run("practice", "list", "--json").stdout
    before = [e.to_json() for e in stored().entries]
    target = tmp_path / "backup.json"
    run("export", "--format", "json", "-o", str(target))
    monkeypatch.setenv("MINDLOG_HOME", str(tmp_path / "elsewhere"))
    run("import", str(target))
    assert [e.to_json() for e in stored().entries] == before
    assert run("practice", "list", "--json").stdout == before_json
    assert "already logged" in run("did", "long", "--date", "yesterday").stdout


names = st.lists(
    st.text(alphabet="abcAB -", min_size=1, max_size=6).filter(lambda s: s.strip()),
    min_size=1,
    max_size=5,
    unique_by=lambda s: s.strip().casefold(),
)


@given(names, st.data())
def test_a_name_finds_its_practice_by_whole_name_or_a_prefix_only_it_has(given_names, data):
    mine = [
        practices.Practice(f"id{n}", name.strip(), 7, TODAY) for n, name in enumerate(given_names)
    ]
    chosen = data.draw(st.sampled_from(mine))
    assert practices.match(mine, chosen.name.swapcase()) == chosen
    prefix = chosen.name[: data.draw(st.integers(1, len(chosen.name)))]
    having = [p for p in mine if p.name.casefold().startswith(prefix.strip().casefold())]
    exact = [p for p in mine if p.name.casefold() == prefix.strip().casefold()]
    if exact or len(having) == 1:
        assert practices.match(mine, prefix.upper()) in exact + having
    else:
        with pytest.raises(MindlogError):
            practices.match(mine, prefix)


def test_one_practice_added_on_two_devices_before_they_sync_is_one_practice(run):
    """Two lines adding "walk" (two devices), each with a day logged against it."""
    from mindlog.domain.journal import replay
    from mindlog.domain.model import Entry

    def entry(eid, kind, day, **fields):
        return Entry(eid, kind, day, f"{day}T10:00:00+00:00", None, [], fields).to_json()

    events = [
        {
            "op": "add",
            "t": 1,
            "eid": "a",
            "entry": entry("p1", "practicedef", "2026-11-26", name="walk", per_week=7),
        },
        {
            "op": "add",
            "t": 2,
            "eid": "b",
            "entry": entry("p2", "practicedef", "2026-11-26", name="Walk", per_week=7),
        },
        {
            "op": "add",
            "t": 3,
            "eid": "c",
            "entry": entry("d1", "practice", "2026-11-27", name="walk", practice_id="p1"),
        },
        {
            "op": "add",
            "t": 4,
            "eid": "d",
            "entry": entry("d2", "practice", "2026-11-28", name="Walk", practice_id="p2"),
        },
    ]
    entries = replay(events).entries
    (figures,) = practices.figures(entries, TODAY)
    assert figures.practice.id == "p1"
    assert figures.streak.total_days == 2 and figures.streak.current == 2
