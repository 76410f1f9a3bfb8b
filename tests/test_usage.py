"""Usage errors in mindlog's voice: one line, a hint, exit code 2; `mindlog help`."""

from __future__ import annotations

import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINDLOG, stored, subprocess_env

USAGE_ERRORS = [
    (["wn"], "there is no command 'wn'; did you mean mindlog win?", "try: mindlog --help"),
    (["routine", "ad", "x"], "did you mean mindlog routine add?", "try: mindlog routine --help"),
    (
        ["shell-init", "tcsh"],
        "'tcsh' is not a shell mindlog knows",
        "try: mindlog shell-init --help",
    ),
    (
        ["list", "-n", "0"],
        "--last needs a whole number, 1 or more, not 0",
        "try: mindlog list --help",
    ),
    (["list", "-n", "many"], "--last needs a whole number", "try: mindlog list --help"),
    (["list", "-n"], "-n needs a value", "try: mindlog list --help"),
    (["list", "--sinc", "3d"], "did you mean --since?", "try: mindlog list --help"),
    (
        ["export", "--format", "pdf"],
        "--format can be md, json, csv or html, not 'pdf'",
        "try: mindlog export --help",
    ),
    (["edit"], "ID is missing: mindlog edit [OPTIONS] ID", "try: mindlog edit --help"),
    (["--bogus"], "there is no option --bogus for mindlog", "try: mindlog --help"),
    (["help", "wn"], "did you mean mindlog win?", "try: mindlog --help"),
]


def _one_line(stderr: str, message: str, hint: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("mindlog: ") and not lines[0].startswith("mindlog: mindlog")
    assert message in lines[0] and lines[0].endswith(f"({hint})"), lines[0]
    assert not any(c in stderr for c in "╭│╰"), stderr


@pytest.mark.parametrize(("args", "message", "hint"), USAGE_ERRORS, ids=lambda a: str(a))
def test_usage_errors_are_one_line_with_a_hint(run, args, message, hint):
    result = run(*args, code=2)
    assert result.stdout == ""
    _one_line(result.stderr, message, hint)
    assert stored().entries == []


@pytest.mark.parametrize(
    "args", [["wn"], ["shell-init", "tcsh"], ["list", "-n", "0"], ["win", "--bogus", "x"]]
)
def test_usage_errors_in_a_real_process(home, args):
    done = subprocess.run(
        [*MINDLOG, *args], env=subprocess_env(home), capture_output=True, text=True, check=False
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("mindlog: ") and "(try: mindlog" in done.stderr
    assert "Traceback" not in done.stderr and "╭" not in done.stderr


def test_the_fast_path_says_usage_errors_the_same_way(capsys):
    from mindlog.usecases import login

    assert login.shell_init("tcsh") == 2
    _one_line(
        capsys.readouterr().err,
        "'tcsh' is not a shell mindlog knows",
        "try: mindlog shell-init --help",
    )


@pytest.mark.parametrize("words", [[], ["win"], ["routine", "add"], ["export"]])
def test_help_is_the_same_as_dash_dash_help(run, words):
    assert run("help", *words).stdout == run(*words, "--help").stdout


def test_help_names_values_one_way(run):
    for words in (["win"], ["edit"], ["list"], ["import"], ["export"], ["shell-init"], ["rest"]):
        shown = run(*words, "--help").stdout
        assert "<str>" not in shown and "<path>" not in shown, words
        assert "{" not in shown.splitlines()[1], words
    assert "Usage: mindlog edit [OPTIONS] ID" in run("edit", "--help").stdout
    assert "Usage: mindlog win [OPTIONS] [TEXT]" in run("win", "--help").stdout
    assert "Usage: mindlog shell-init [OPTIONS] SHELL" in run("shell-init", "--help").stdout
    assert "DAY" in run("win", "--help").stdout


WORDS = [
    "win",
    "wn",
    "list",
    "lst",
    "export",
    "edit",
    "routine",
    "add",
    "config",
    "reflect",
    "--month",
    "--year",
    "--week",
    "-n",
    "0",
    "3",
    "x",
    "--format",
    "pdf",
    "md",
    "--since",
    "7d",
    "--date",
    "monday",
    "--bogus",
    "-t",
    "--json",
    "help",
    "streaks",
    "shell-init",
    "tcsh",
    "bash",
    "--alias",
    "rest",
    "--yes",
    "delete",
    "checkin",
    "--mood",
]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
def test_any_command_line_ends_in_a_known_way(run, argv):
    result = run(*argv, code=None)
    assert result.exit_code in (0, 1, 2), (argv, result.exception)
    assert "Traceback" not in result.stderr and "╭" not in result.stderr, argv
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("mindlog: "), (argv, result.stderr)
        assert "(try: mindlog" in lines[0], (argv, lines)
        assert not lines[0].startswith("mindlog: mindlog"), (argv, lines)


def test_a_usage_error_repeats_little_of_what_was_typed(run):
    private = "talked to my therapist about the night my father left and what I felt"
    said = run(private, code=2).stderr
    assert len(said.splitlines()) == 1 and private not in said
    assert "there is no command 'talked to my therapist" in said


def test_words_left_over_are_a_usage_error_that_suggests_quotes(run):
    said = run("win", "called", "my", "sister", code=2).stderr
    assert said.startswith("mindlog: more was given than mindlog win takes (left over: my sister)")
    assert "in quotes" in said and stored().entries == []
