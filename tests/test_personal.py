"""The support plan, boosts, the routine and the personal settings live in the journal: they sync
between machines line by line, earlier versions' small files are taken in once, and a JSON export
restores everything."""

from __future__ import annotations

import json
import subprocess
from datetime import date

import pytest

from conftest import (
    MINDLOG,
    kept_boosts,
    kept_plan,
    kept_routine,
    kept_settings,
    stored,
    stored_all,
    subprocess_env,
)
from mindlog.domain import personal
from mindlog.domain.journal import replay
from mindlog.domain.model import SETTING_KINDS, Entry
from mindlog.store.config import DEFAULT_ROUTINE
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations
from sync_sim import Link, Machine, machines

DAY = date(2026, 11, 28)
PLAN = {"support_plan": 1, "sections": {"reasons": ["my kids", "the sea"], "people": ["Sam"]}}
BOOSTS = {"boosts": 1, "items": ["Here Comes the Sun", "Breathe"]}
SETTINGS = {"country": "GB", "routine": ["Water", "Stretch"], "editor": "vi"}


def old_files(home) -> None:
    """The small files mindlog kept beside the journal before they moved into it."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "support.json").write_text(json.dumps(PLAN))
    (home / "boosts.json").write_text(json.dumps(BOOSTS))
    (home / "config.json").write_text(json.dumps(SETTINGS))


def plan_of(m: Machine) -> dict[str, list[str]]:
    plan = personal.plan_of(m.journal().entries)
    return {k: v for k, v in plan.sections.items() if v}


def routine_of(m: Machine) -> list[str]:
    return personal.routine_of(m.journal().entries, DEFAULT_ROUTINE)


# -- the pure parts ---------------------------------------------------------------------------


def line(kind: str, text: str, pos: float | None, written: int, **fields: object) -> Entry:
    more = dict(fields) if pos is None else {**fields, "pos": pos}
    entry = Entry(f"i{written}", kind, "2026-11-28", "2026-11-28T10:00:00+00:00", text, [], more)
    entry.written = written
    return entry


def test_lines_keep_their_order_and_a_change_touches_only_what_changed():
    current = [line("boost", t, n, n) for n, t in enumerate(["a", "b", "c"])]
    events = personal.list_changes(current, ["a", "x", "c", "d"], "boost", DAY, "t")
    ops = [(e["op"], e.get("id") or e["entry"]["text"]) for e in events]
    assert ops == [("delete", "i1"), ("add", "x"), ("add", "d")]
    places = {e["entry"]["text"]: e["entry"]["pos"] for e in events if e["op"] == "add"}
    assert 0 < places["x"] < 2 < places["d"]


def test_moved_lines_are_written_again_in_the_new_order():
    current = [line("routineitem", t, n, n) for n, t in enumerate(["a", "b"])]
    events = personal.list_changes(current, ["b", "a"], "routineitem", DAY, "t")
    assert [e["op"] for e in events] == ["delete", "delete", "add", "add"]
    assert [e["entry"]["text"] for e in events[2:]] == ["b", "a"]


def test_a_line_added_while_locked_goes_after_the_lines_written_before_it():
    lines = [line("boost", "a", 0, 1), line("boost", "locked", None, 2), line("boost", "b", 1, 3)]
    assert [e.text for e in personal.ordered(lines, "boost")] == ["a", "locked", "b"]


def test_the_setting_written_last_wins_and_null_means_not_set():
    found = [
        line("setting", None, None, 2, name="country", value="GB"),  # type: ignore[arg-type]
        line("setting", None, None, 5, name="country", value="IE"),  # type: ignore[arg-type]
        line("setting", None, None, 3, name="greet_private", value=True),  # type: ignore[arg-type]
        line("setting", None, None, 4, name="greet_private", value=None),  # type: ignore[arg-type]
    ]
    assert personal.settings_of(found) == {"country": "IE"}


# -- hidden where the person's records are shown and counted ----------------------------------


def test_what_is_kept_beside_the_entries_is_never_listed_counted_or_exported_as_entries(run):
    run("support", "add", "reasons", "my kids")
    run("boost", "add", "a song")
    run("routine", "add", "Stretch")
    run("config", "country", "GB")
    assert {e.kind for e in stored_all().entries} == set(SETTING_KINDS)
    assert "No entries yet" in run("list").stdout
    assert json.loads(run("list", "--json").stdout) == []
    for fmt in ("csv", "md"):
        shown = run("export", "--format", fmt).stdout
        assert "my kids" not in shown and "a song" not in shown and "Stretch" not in shown
    figures = json.loads(run("streaks", "--json").stdout)
    assert "my kids" not in json.dumps(figures)
    before = run("streaks", "--json").stdout  # nothing the person did yet: as an empty journal
    run("win", "first step")
    assert [e.kind for e in stored().entries] == ["win"]
    assert [e["kind"] for e in json.loads(run("list", "--json").stdout)] == ["win"]
    assert "my kids" not in run("reflect").stdout
    assert before != run("streaks", "--json").stdout


# -- two machines -----------------------------------------------------------------------------


@pytest.fixture
def ab(tmp_path) -> tuple[Machine, Machine, Link]:
    a, b = machines(tmp_path, "a", "b")
    return a, b, Link(a, b)


def test_two_machines_changing_the_plan_and_the_routine_at_once_keep_both(ab):
    a, b, link = ab
    a.run("support", "add", "reasons", input="my kids\nthe sea\n")
    a.run("routine", "add", "Stretch")
    link.sync()
    a.tick(minutes=1)
    b.tick(minutes=1)
    a.run("support", "add", "people", "Sam")  # at the same time as b's changes
    a.run("routine", "add", "Read")
    b.run("support", "remove", "reasons", "1")
    b.run("support", "add", "people", "Alex")
    b.run("routine", "remove", "water")
    b.run("boost", "add", "a song")
    link.sync()
    for m in (a, b):
        plan = plan_of(m)
        assert plan["reasons"] == ["the sea"]
        assert sorted(plan["people"]) == ["Alex", "Sam"]
        routine = routine_of(m)
        assert "Stretch" in routine and "Read" in routine
        assert "Drink a glass of water" not in routine
        assert personal.texts_of(m.journal().entries, "boost") == ["a song"]
    assert a.run("support").stdout == b.run("support").stdout


def test_a_removed_plan_line_stays_removed_on_every_machine(ab):
    a, b, link = ab
    a.run("support", "add", "signs", input="not sleeping\nskipping meals\n")
    link.sync()
    b.run("support", "remove", "signs", "1")
    link.sync()
    a.run("support", "add", "signs", "staying in")  # after the removal arrived
    link.sync()
    for m in (a, b):
        assert plan_of(m)["signs"] == ["skipping meals", "staying in"]


def test_a_setting_changed_on_one_machine_reaches_the_other(ab):
    a, b, link = ab
    a.run("config", "country", "IE")
    a.run("config", "day_starts_at", "06:00")
    link.sync()
    assert "116 123" in b.run("support").stdout
    shown = b.run("config").stdout
    assert "country         IE" in shown and "06:00" in shown
    b.run("config", "editor", "nano")  # this computer's own: stays in its config.json
    link.sync()
    assert "nano" not in a.run("config").stdout


def test_two_machines_with_the_same_old_files_take_each_line_in_once(ab):
    a, b, link = ab
    for m in (a, b):
        old_files(m.home)
        m.run("support")
    link.sync()
    for m in (a, b):
        assert plan_of(m) == {k: v for k, v in PLAN["sections"].items()}
        assert personal.texts_of(m.journal().entries, "boost") == BOOSTS["items"]
        assert routine_of(m) == SETTINGS["routine"]
        assert not (m.home / "support.json").exists()
        assert json.loads((m.home / "taken-in" / "support.json").read_text()) == PLAN


def test_a_line_removed_before_the_other_machine_took_its_old_file_in_stays_removed(ab):
    a, b, link = ab
    old_files(a.home)
    old_files(b.home)
    a.run("support", "remove", "reasons", "1")  # a takes the file in, then removes a line
    link.sync()
    b.run("support")  # b takes in its own copy of the same file: the line stays removed
    link.sync()
    for m in (a, b):
        assert plan_of(m)["reasons"] == ["the sea"]


# -- taking in the old small files ------------------------------------------------------------


def test_old_small_files_are_taken_in_once_and_kept_as_a_backup(run, home):
    old_files(home)
    before = {name: (home / name).read_bytes() for name in ("support.json", "boosts.json")}
    run("support")
    assert kept_plan().sections["reasons"] == ["my kids", "the sea"]
    assert kept_boosts() == BOOSTS["items"]
    assert kept_routine() == SETTINGS["routine"]
    assert kept_settings() == {"country": "GB", personal.ROUTINE_SET: True}
    for name, data in before.items():
        assert not (home / name).exists()
        assert (home / "taken-in" / name).read_bytes() == data
    assert json.loads((home / "taken-in" / "config.json").read_text()) == SETTINGS
    settings = json.loads((home / "config.json").read_text())
    assert settings == {"country": "GB", "editor": "vi", "taken_in": 1}
    count = len(stored_all().entries)
    run("support")
    run("boost", "list")
    assert len(stored_all().entries) == count  # once


def test_a_new_home_s_settings_are_kept_in_the_journal_with_nothing_to_take_in(run, home):
    """On a new computer, a setting goes to the journal and its copy in config.json is marked as
    the journal's: no backup copy of a file no earlier version wrote."""
    run("config", "country", "GB")
    run("support")
    assert kept_settings() == {"country": "GB"}
    assert json.loads((home / "config.json").read_text()) == {"country": "GB", "taken_in": 1}
    assert not (home / "taken-in").exists()


@pytest.mark.slow
def test_old_files_taken_in_by_processes_racing_are_taken_in_once(home):
    old_files(home)
    env = subprocess_env(home)
    commands = [["support"], ["boost", "list"], ["routine"], ["config"], [], ["support"]]
    running = [
        subprocess.Popen([*MINDLOG, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for args in commands
    ]
    for process in running:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0 and b"Traceback" not in err
    entries = stored_all().entries
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    assert kept_plan().sections["reasons"] == ["my kids", "the sea"]
    assert kept_boosts() == BOOSTS["items"] and kept_routine() == SETTINGS["routine"]
    assert sorted((home / "taken-in").iterdir()) == sorted(
        home / "taken-in" / n for n in ("boosts.json", "config.json", "support.json")
    )


def test_a_journal_written_before_reads_the_same_entries_after_taking_in(run, home):
    """Lines and small files as mindlog wrote them before the plan moved into the journal."""
    old_files(home)
    (home / "journal").mkdir(parents=True)
    lines = [
        {"v": 2, "eid": "e1", "t": 1, "op": "add", "entry": {"id": "w1", "kind": "win",
         "day": "2026-11-27", "at": "2026-11-27T09:00:00+01:00", "text": "walked", "tags": []}},
        {"v": 2, "eid": "e2", "t": 2, "op": "add", "entry": {"id": "m1", "kind": "morning",
         "day": "2026-11-27", "at": "2026-11-27T08:00:00+01:00", "text": None, "tags": [],
         "done": ["Water"], "routine": ["Water", "Stretch"]}},
        {"v": 1, "op": "add", "entry": {"id": "r1", "kind": "rest", "day": "2026-11-26",
         "at": "2026-11-26T20:00:00+01:00", "text": "resting", "tags": []}},
    ]  # fmt: skip
    (home / "journal" / "old-device.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    before = [e.to_json() for e in replay(Store(locations()).read().events).entries]
    shown = run("list").stdout
    assert [e.to_json() for e in stored().entries] == before
    assert run("list").stdout == shown
    assert "walked" in shown and "1 of 2 done" in shown and "resting" in shown


def test_a_damaged_old_file_is_left_as_it_is_and_said(run, home):
    home.mkdir(parents=True)
    (home / "support.json").write_bytes(b'{"sections": [oops')
    (home / "boosts.json").write_text(json.dumps(BOOSTS))
    result = run("support")
    assert "could not be read" in result.stdout and "findahelpline" in result.stdout
    assert (home / "support.json").read_bytes() == b'{"sections": [oops'
    assert kept_boosts() == BOOSTS["items"]  # the others are taken in


# -- a backup restores everything -------------------------------------------------------------

READING = [
    [],
    ["streaks"],
    ["streaks", "--json"],
    ["reflect"],
    ["list"],
    ["list", "--json"],
    ["support"],
    ["boost", "list"],
    ["practice", "list"],
    ["practice", "list", "--json"],
    ["commit", "--show"],
    ["routine"],
    ["config"],
    ["greet"],
]


def screens(m: Machine) -> dict[str, str]:
    return {" ".join(args): m.run(*args).stdout.replace(str(m.home), "HOME") for args in READING}


def test_a_json_export_imported_into_an_empty_home_shows_everything_the_same(tmp_path):
    a, b = machines(tmp_path, "a", "b")
    a.run("win", "walked to the shop", "-t", "competence")
    a.run("commit", "I stay with it for my kids")
    a.run("morning", "--all")
    a.run("support", "add", "reasons", input="my kids\nthe sea\n")
    a.run("support", "add", "people", "Sam, 555 0100")
    a.run("boost", "add", "Here Comes the Sun")
    a.run("boost", "add", "Breathe")
    a.run("routine", "add", "Stretch")
    a.run("routine", "remove", "1")
    a.run("practice", "add", "walk", "--per-week", "3")
    a.run("did", "walk")
    a.run("config", "country", "IE")
    a.run("config", "greet_private", "yes")
    a.run("config", "day_starts_at", "05:00")
    a.run("checkin", "--mood", "4", "steady")
    backup = tmp_path / "backup.json"
    a.run("export", "--format", "json", "-o", str(backup))
    b.run("import", str(backup))
    assert screens(b) == screens(a)


def test_old_exports_are_read_as_before(run, tmp_path):
    export = {
        "mindlog_export": 1,
        "entries": [
            {"id": "w1", "kind": "win", "day": "2026-11-27", "at": "2026-11-27T09:00:00+01:00",
             "text": "walked", "tags": ["competence"]},
        ],
    }  # fmt: skip
    path = tmp_path / "old.json"
    path.write_text(json.dumps(export))
    assert "1 added" in run("import", str(path)).stdout
    assert [e.to_json() for e in stored().entries] == export["entries"]
    assert kept_plan().empty and kept_boosts() == []


def test_the_greeting_follows_the_journal_s_greet_private_set_on_another_machine(ab):
    a, b, link = ab
    a.run("commit", "For my kids, who deserve me at my best")
    a.run("config", "greet_private", "yes")
    link.sync()
    assert not (b.home / "config.json").exists()  # nothing of a's settings file on b
    shown = b.process("greet").stdout
    assert shown.strip() and "my kids" not in shown
    a.run("config", "greet_private", "no")
    link.sync()
    assert "my kids" in b.process("greet").stdout
