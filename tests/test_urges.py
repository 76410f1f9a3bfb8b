"""`mindlog urge`: stored as an urge; one that passed is also a choice win; one acted on is kept
with respect, lowers nothing and points gently to support."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import stored
from mindlog.domain import urges


def test_an_urge_that_passed_is_stored_and_is_also_a_choice_win(run):
    result = run(
        "urge", "--about", "drinking", "--strength", "4", "--instead", "Called Sam", "--passed"
    )
    assert urges.PASSED_REPLY in result.stdout
    urge, win = stored().entries
    assert urge.kind == "urge"
    assert urge.fields == {
        "about": "drinking",
        "strength": 4,
        "instead": "Called Sam",
        "passed": True,
    }
    assert win.kind == "win" and win.tags == ["choice"] and win.fields["urge"] == urge.id
    assert win.text == "Rode out an urge: Called Sam"
    assert json.loads(run("streaks", "--json").stdout)["wins"]["total_days"] == 1


def test_an_urge_acted_on_lowers_nothing_and_points_to_support(run):
    run("win", "a step", "--date", "yesterday")
    run("win", "a step")
    before = json.loads(run("streaks", "--json").stdout)
    result = run("urge", "--about", "drinking", "--strength", "5", "--acted")
    assert "mindlog support" in result.stdout
    assert json.loads(run("streaks", "--json").stdout) == before
    (urge,) = [e for e in stored().entries if e.kind == "urge"]
    assert urge.fields["passed"] is False
    assert [e.kind for e in stored().entries].count("win") == 2


@pytest.mark.parametrize("bad", ["6", "-1", "x", "2.5"])
def test_strength_outside_zero_to_five_is_one_line_and_saves_nothing(run, bad):
    result = run("urge", "--strength", bad, "--passed", code=1)
    assert len(result.stderr.strip().splitlines()) == 1 and "0" in result.stderr
    assert stored().entries == []


def test_asking_on_a_terminal_asks_again_after_a_bad_answer(run, monkeypatch):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    result = run("urge", input="to scroll\n9\n3\nwent outside\nmaybe\ny\n")
    assert "0 to 5" in result.stderr or "0 (faint)" in result.stderr
    urge, win = stored().entries
    assert urge.fields == {
        "about": "to scroll",
        "strength": 3,
        "instead": "went outside",
        "passed": True,
    }
    assert win.tags == ["choice"]


def test_piped_answers_one_line_each(run):
    run("urge", input="to scroll\n2\n\nn\n")
    (urge,) = stored().entries
    assert urge.fields == {"about": "to scroll", "strength": 2, "instead": None, "passed": False}


def test_nothing_answered_saves_nothing(run):
    assert urges.NOTHING in run("urge", input="").stdout
    assert stored().entries == []


def test_ctrl_c_while_asked_saves_nothing(run, monkeypatch):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)

    def interrupted(question: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("mindlog.cli.prompts.ask", interrupted)
    result = run("urge", code=None)
    assert result.exit_code == 130
    assert stored().entries == []


def test_reflect_shows_urges_ridden_out_and_what_helped_most_often(run):
    run("urge", "--instead", "a walk", "--passed", "--date", "2026-11-20")
    run("urge", "--instead", "A walk", "--passed")
    run("urge", "--instead", "tea", "--passed")
    run("urge", "--acted")
    shown = run("reflect").stdout
    assert "You rode out 2 urges" in shown  # the one on the 20th is older than a week
    helped = shown[shown.index("What helped you most often") :]
    assert helped.index("a walk") < helped.index("tea")
    week = urges.looking_back(stored().entries, date(2026, 11, 28))
    assert (week.ridden_out, week.logged) == (2, 3)
    assert week.helped == [("a walk", 2), ("tea", 1)]


def test_urges_show_in_list_and_export(run):
    run("urge", "--about", "drinking", "--strength", "3", "--passed")
    assert "urge about drinking" in run("list").stdout
    exported = run("export", "--format", "md").stdout
    assert "## Urges" in exported and "rode out without acting: 1" in exported
