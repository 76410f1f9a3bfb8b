"""The five factors on a win: a slip of two letters is asked about, interactive win offers them."""

from __future__ import annotations

import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import MINDLOG, stored, subprocess_env
from mindlog.domain.model import FACTORS, factors_from, near_factor


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)


@pytest.mark.parametrize(
    ("tag", "factor"),
    [("competance", "competence"), ("meanign", "meaning"), ("choise", "choice"),
     ("progres", "progress"), ("Commitmnet", "commitment"), ("chose", "choice")],
)  # fmt: skip
def test_a_tag_within_two_letters_of_a_factor_is_named(tag, factor):
    assert near_factor(tag) == factor


@pytest.mark.parametrize("tag", [*FACTORS, "walk", "sister", "progressive", "mean", "pride"])
def test_factors_and_far_off_tags_are_left_alone(tag):
    assert near_factor(tag) is None


@given(st.sampled_from(FACTORS), st.integers(0, 20), st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
def test_one_letter_changed_in_a_factor_names_that_factor(factor, at, letter):
    at = at % len(factor)
    slip = factor[:at] + letter + factor[at + 1 :]
    assert near_factor(slip) == (None if slip == factor else factor)


@given(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14))
def test_a_tag_three_letters_from_every_factor_is_left_alone(tag):
    from mindlog.domain.model import _distance

    if all(_distance(tag, f) > 2 for f in FACTORS):
        assert near_factor(tag) is None
    elif tag not in FACTORS:
        assert near_factor(tag) in FACTORS


def test_without_a_terminal_a_slip_stops_the_win_with_the_hint(run):
    result = run("win", "Finished the form", "-t", "competance", code=1)
    assert "did you mean competence?" in result.stderr
    assert result.stderr.count("\n") <= 2
    assert stored().entries == []


def test_the_whole_command_line_says_the_same(home):
    """Through python -m mindlog: the fast path hands the slip to the full command line."""
    done = subprocess.run(
        [*MINDLOG, "win", "Finished the form", "-t", "competance"],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 1 and "did you mean competence?" in done.stderr
    assert stored().entries == []


def test_on_a_terminal_the_slip_is_asked_about(run, terminal):
    result = run("win", "Finished the form", "-t", "competance", "-t", "walk", input="\n")
    assert "Did you mean competence?" in result.stderr
    run("win", "Kept my own word", "-t", "progres", input="n\n")
    assert [e.tags for e in stored().entries] == [["competence", "walk"], ["progres"]]


def test_exact_factors_and_other_tags_are_never_asked_about(run, terminal):
    result = run("win", "x", "-t", "Competence", "-t", "walk")
    assert "Did you mean" not in result.stderr
    assert stored().entries[0].tags == ["competence", "walk"]


def test_interactive_win_offers_the_factors_once(run, terminal):
    result = run("win", input="Called my sister\n2 choice\n")
    assert "five factors" in result.stderr
    assert stored().entries[0].tags == ["meaning", "choice"]


def test_enter_skips_the_factors(run, terminal):
    run("win", input="Called my sister\n\n")
    assert stored().entries[0].tags == []


def test_a_word_that_is_no_factor_is_asked_again(run, terminal):
    result = run("win", input="Called my sister\nhappy\nprog\n")
    assert "the numbers 1 to 5" in result.stderr
    assert stored().entries[0].tags == ["progress"]


def test_a_factor_already_given_is_not_asked_again(run, terminal):
    result = run("win", "-t", "meaning", input="Called my sister\n")
    assert "five factors" not in result.stderr
    assert stored().entries[0].tags == ["meaning"]


def test_piped_win_asks_nothing(run):
    run("win", input="Went for a walk\n")
    assert stored().entries[0].tags == []


def test_answers_name_factors_by_number_name_or_start():
    assert factors_from("1, meaning  comp 5 5") == [
        "commitment",
        "meaning",
        "competence",
        "progress",
    ]
    with pytest.raises(ValueError):
        factors_from("c")  # commitment, choice or competence
    with pytest.raises(ValueError):
        factors_from("6")
