"""`mindlog boost`: the person's own lift-me-ups, offered in turn."""

from __future__ import annotations

import stat

import pytest

from conftest import kept_boosts
from mindlog.domain import words
from mindlog.usecases import boosts


def offered(run):
    lines = run("boost").stdout.splitlines()
    assert lines[0] == words.BOOST_INTRO
    return lines[1].strip()


def test_empty_list_invites_gently_with_an_example(run):
    assert run("boost").stdout.strip() == words.BOOST_EMPTY
    assert "mindlog boost add" in run("boost", "list").stdout


def test_add_list_and_store_privately(run, home):
    run("boost", "add", "Here Comes the Sun")
    run("boost", "add", input="A podcast about walking\n")
    assert kept_boosts() == ["Here Comes the Sun", "A podcast about walking"]
    assert not (home / "boosts.json").exists()  # in the journal, written privately
    for path in (home / "journal").glob("*.jsonl"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    shown = run("boost", "list").stdout
    assert "1. Here Comes the Sun" in shown and "2. A podcast about walking" in shown


def test_rotation_offers_a_different_one_each_time(run):
    for text in ("one", "two", "three"):
        run("boost", "add", text)
    seen = [offered(run) for _ in range(7)]
    assert all(a != b for a, b in zip(seen, seen[1:], strict=False))
    assert set(seen[:3]) == {"one", "two", "three"}
    assert seen[:3] == seen[3:6]


def test_rotation_survives_removing_the_last_offered(run):
    for text in ("one", "two", "three"):
        run("boost", "add", text)
    assert offered(run) == "one"
    assert offered(run) == "two"
    run("boost", "remove", "2")
    assert offered(run) in ("one", "three")
    assert kept_boosts() == ["one", "three"]


def test_a_single_boost_is_offered_each_time(run):
    run("boost", "add", "Only one")
    assert offered(run) == offered(run) == "Only one"


def test_the_last_offered_is_remembered_without_the_words(run, home):
    run("boost", "add", "Something private")
    offered(run)
    remembered = (home / "state" / boosts.LAST_FILE).read_text()
    assert "private" not in remembered


@pytest.mark.parametrize(
    ("args", "message"), [(("remove", "3"), "not the number"), (("add", " "), "empty")]
)
def test_errors_are_one_line(run, args, message):
    run("boost", "add", "one")
    result = run("boost", *args, code=1)
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert kept_boosts() == ["one"]


def test_duplicates_are_refused(run):
    run("boost", "add", "Walk")
    run("boost", "add", "walk", code=1)
    assert kept_boosts() == ["Walk"]


def test_a_damaged_list_is_kept_and_said_in_one_line(run, home):
    home.mkdir(parents=True)
    (home / "boosts.json").write_bytes(b"{oops")
    result = run("boost", code=1)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "is damaged" in run("boost", "add", "x").stderr  # kept in the journal
    assert kept_boosts() == ["x"]
    assert (home / "boosts.json").read_bytes() == b"{oops"


def test_text_is_shown_safely(run):
    run("boost", "add", "[red]song[/] \x1b]0;title\x07")
    shown = offered(run) + run("boost", "list").stdout
    assert "\x1b" not in shown and "\x07" not in shown
    assert "[red]song[/]" in shown
