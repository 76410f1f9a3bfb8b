"""Small JSON files (settings, support plan, boosts) and imports: no lost update, no traceback.

Parallel changes from real processes are all kept; values of the wrong kind, whole files of the
wrong shape and files nested 100,000 deep give one note or one line, never a traceback.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import (
    MINDLOG,
    kept_boosts,
    kept_plan,
    kept_routine,
    kept_settings,
    stored,
    subprocess_env,
)
from mindlog.store import config, planfile
from mindlog.store.paths import locations
from mindlog.usecases import boosts

DEEP = "[" * 100_000 + "]" * 100_000


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stderr + result.stdout


# -- settings with values of the wrong kind ---------------------------------------------------------


@pytest.mark.parametrize(
    "values, ignored",
    [
        ({"editor": 5}, "editor"),
        ({"editor": ["vim"]}, "editor"),
        ({"editor": ""}, "editor"),
        ({"day_starts_at": {}}, "day_starts_at"),
        ({"day_starts_at": "25:99"}, "day_starts_at"),
        ({"country": 44}, "country"),
        ({"routine": "water"}, "routine"),
        ({"routine": ["water", 5]}, "routine"),
        ({"routine": [["water"]]}, "routine"),
    ],
)
def test_a_setting_of_the_wrong_kind_is_ignored_with_one_note(run, home, values, ignored):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.json").write_text(json.dumps(values))
    for args in (["win", "a small step", "-q"], ["morning", "--all"], ["config"], ["routine"]):
        result = run(*args)
        no_traceback(result)
        assert result.stderr.count(ignored) == 1, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    loaded = config.load(locations())
    assert loaded.ignored == [ignored]
    assert loaded.routine == config.DEFAULT_ROUTINE
    assert loaded.day_start == config.DEFAULT_DAY_START


def test_an_editor_setting_of_the_wrong_kind_falls_back_to_the_environment(
    run, home, monkeypatch, tmp_path
):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.json").write_text(json.dumps({"editor": ["vim"]}))
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "New words\\n" > "$1"\n')
    script.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    run("win", "Old words", "-q")
    entry_id = stored().entries[0].id
    run("edit", entry_id)
    assert stored().entries[0].text == "New words"


@pytest.mark.parametrize("content", ["[]", "5", '"text"', "null", DEEP, "{", "\ufeff{}"])
def test_a_settings_file_of_the_wrong_shape_never_stops_mindlog(run, home, content):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.json").write_text(content)
    for args in (["win", "a small step", "-q"], ["config"], ["routine"], ["support"], ["greet"]):
        result = run(*args, code=None)
        no_traceback(result)
        assert result.exit_code == 0, (args, result.output)
    result = run("config", "country", "GB", code=None)
    no_traceback(result)
    assert result.exit_code == 0  # the country is the journal's: kept there
    assert kept_settings()["country"] == "GB"
    if content not in ("null", "\ufeff{}"):
        assert (home / "config.json").read_text() == content  # never overwritten


def test_changing_one_setting_keeps_values_mindlog_does_not_use(run, home):
    home.mkdir(parents=True, exist_ok=True)
    kept = {"editor": 5, "from_a_newer_mindlog": {"x": [1, 2]}, "routine": ["Water"]}
    (home / "config.json").write_text(json.dumps(kept))
    run("config", "country", "gb")
    # the routine was taken into the journal (config.json's copy in taken-in/), the rest kept
    kept.pop("routine")
    assert json.loads((home / "config.json").read_text()) == {
        **kept,
        "country": "GB",
        "taken_in": 1,
    }
    assert kept_routine() == ["Water"] and kept_settings()["country"] == "GB"
    assert json.loads((home / "taken-in" / "config.json").read_text())["routine"] == ["Water"]


def test_a_routine_of_the_wrong_kind_is_never_replaced(run, home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.json").write_text(json.dumps({"routine": ["Water", 5]}))
    result = run("routine", "add", "Stretch")
    assert "could not be used (routine)" in result.stderr and "Traceback" not in result.stderr
    assert json.loads((home / "config.json").read_text()) == {"routine": ["Water", 5]}


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        "5",
        DEEP,
        json.dumps({"sections": {"people": [5]}}),
        json.dumps({"sections": []}),
        json.dumps({"sections": {"people": ["[/]", "[bold]x"]}, "extra": [[[]]]}),
    ],
)
def test_a_support_file_of_any_shape_still_shows_where_to_find_help(run, home, content):
    home.mkdir(parents=True, exist_ok=True)
    planfile.path_of(locations()).write_text(content)
    result = run("support", code=None)
    no_traceback(result)
    assert "findahelpline.com" in result.stdout
    result = run("support", "add", "people", "Sam", code=None)
    no_traceback(result)


@pytest.mark.parametrize(
    "content", ["[]", "5", DEEP, json.dumps({"items": "song"}), json.dumps({"items": [1]})]
)
def test_a_boosts_file_of_any_shape_gives_one_line(run, home, content):
    home.mkdir(parents=True, exist_ok=True)
    path = boosts.path_of(locations())
    path.write_text(content)
    for args in (["boost"], ["boost", "list"], ["boost", "remove", "1"]):
        result = run(*args, code=1)
        no_traceback(result)
        assert len(result.stderr.strip().splitlines()) <= 2
    # an addition is kept in the journal; the damaged file is said, and left as it is
    result = run("boost", "add", "A song")
    assert "is damaged" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert kept_boosts() == ["A song"]
    assert path.read_text() == content


# -- imports ----------------------------------------------------------------------------------------


def test_import_of_a_deeply_nested_file_says_so_in_one_line(run, tmp_path):
    for content in (
        DEEP,
        '{"entries": [' + DEEP + "]}",
        '{"mindlog_export": 1, "entries": ' + DEEP + "}",
    ):
        path = tmp_path / "deep.json"
        path.write_text(content)
        result = run("import", str(path), code=1)
        no_traceback(result)
        assert "nested" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert stored().entries == []


@pytest.mark.parametrize("when", [("0001-01-01", "00:00"), ("9999-12-31", "23:59")])
@pytest.mark.parametrize(
    "zone", ["UTC", "Europe/Berlin", "America/Los_Angeles", "Pacific/Kiritimati"]
)
def test_import_of_jrnl_entries_at_the_edges_of_the_calendar(
    run, tmp_path, monkeypatch, when, zone
):
    import time

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        day, clock = when
        path = tmp_path / "jrnl.json"
        path.write_text(
            json.dumps(
                {"tags": {}, "entries": [{"date": day, "time": clock, "title": "Old", "body": ""}]}
            )
        )
        result = run("import", str(path), code=1)
        no_traceback(result)
        assert day in result.stderr and len(result.stderr.strip().splitlines()) == 1
        text = tmp_path / "journal.txt"
        text.write_text(f"[{day} {clock}] Old\n")
        result = run("import", str(text), code=1)
        no_traceback(result)
        assert stored().entries == []
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_import_of_a_mindlog_entry_at_the_edge_of_the_calendar(run, tmp_path):
    entry = {"id": "a1", "kind": "win", "day": "9999-12-31", "at": "9999-12-31T23:59:00-05:00"}
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"mindlog_export": 1, "entries": [entry]}))
    result = run("import", str(path), code=1)
    no_traceback(result)
    assert "9999-12-31" in result.stderr


def test_import_refuses_numbers_json_does_not_allow(run, tmp_path):
    path = tmp_path / "x.json"
    path.write_text(
        '{"mindlog_export": 1, "entries": [{"id": "a", "kind": "win", '
        '"day": "2026-11-28", "at": "2026-11-28T10:00:00+01:00", "mood": NaN}]}'
    )
    no_traceback(run("import", str(path), code=1))


def test_jrnl_tags_of_the_wrong_kind_are_left_out(run, tmp_path):
    path = tmp_path / "jrnl.json"
    entries = [{"date": "2026-11-01", "time": "09:00", "title": "Walk", "body": "", "tags": 5}]
    path.write_text(json.dumps({"tags": {}, "entries": entries}))
    run("import", str(path))
    assert stored().entries[0].tags == []


# -- no lost updates: real processes at once -------------------------------------------------------


def parallel(home: Path, commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    env = subprocess_env(home)
    started = [
        subprocess.Popen(
            [*MINDLOG, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for args in commands
    ]
    done = []
    for process in started:
        out, err = process.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    for result in done:
        assert result.returncode == 0, result.stderr
    return done


@pytest.mark.slow
def test_parallel_routine_adds_are_all_kept(home):
    parallel(home, [["routine", "add", f"Item {n}"] for n in range(8)])
    routine = kept_routine()
    assert sorted(routine) == sorted([*config.DEFAULT_ROUTINE, *(f"Item {n}" for n in range(8))])


@pytest.mark.slow
def test_parallel_settings_of_different_keys_are_all_kept(home, tmp_path):
    commands = [
        ["config", "country", "GB"],
        ["config", "day_starts_at", "05:00"],
        ["config", "editor", "nano"],
        ["routine", "add", "Stretch"],
        ["config", "country", "GB"],
        ["config", "day_starts_at", "05:00"],
        ["config", "editor", "nano"],
        ["routine", "remove", "water"],
    ]
    parallel(home, commands)
    values = kept_settings()
    assert values["country"] == "GB" and values["day_starts_at"] == "05:00"
    assert config.load(locations()).values["editor"] == "nano"
    assert "Stretch" in kept_routine() and "Drink a glass of water" not in kept_routine()


@pytest.mark.slow
def test_parallel_support_adds_are_all_kept(home):
    parallel(home, [["support", "add", "people", f"Friend {n}"] for n in range(8)])
    plan = kept_plan()
    assert sorted(plan.sections["people"]) == sorted(f"Friend {n}" for n in range(8))


@pytest.mark.slow
def test_parallel_boost_adds_are_all_kept(home):
    parallel(home, [["boost", "add", f"Song {n}"] for n in range(8)])
    assert sorted(kept_boosts()) == sorted(f"Song {n}" for n in range(8))
