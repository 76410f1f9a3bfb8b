"""Every reading command, on a varied history, speaks without shame or alarm."""

from __future__ import annotations

import re

import pytest

READING_COMMANDS = [
    [],
    ["today"],
    ["streaks"],
    ["streaks", "--json"],
    ["reflect"],
    ["reflect", "--week"],
    ["reflect", "--month"],
    ["list"],
    ["commit", "--show"],
    ["greet"],
    ["support"],
    ["support", "--country", "US"],
    ["support", "--country", "GB"],
    ["support", "--country", "IE"],
    ["support", "--country", "DE"],
    ["boost"],
    ["boost", "list"],
    ["routine"],
    ["export", "--format", "md"],
    ["config"],
]

SHAME = re.compile(
    r"\b(lost|lose|losing|broken|broke|break the chain|failed|failure|fail|missed|miss|"
    r"day 0|streak ended|streak over|behind|should have)\b",
    re.IGNORECASE,
)


@pytest.fixture
def varied_history(run):
    run("commit", "I want a life that feels like mine", "--date", "2026-09-01")
    for day in ("2026-09-01", "2026-09-02", "2026-09-03", "2026-10-10", "2026-11-20", "2026-11-28"):
        run("win", f"small step on {day}", "-t", "progress", "--date", day)
    run("morning", "--done", "1", "--date", "2026-11-20")
    run("rest", "tired", "--date", "2026-11-21")
    run("setback", "a hard evening", "--date", "2026-11-22")
    run("checkin", "--mood", "2", "--energy", "1", "--sleep", "3")
    run("boost", "add", "A song that helps")


@pytest.mark.parametrize("args", READING_COMMANDS, ids=lambda a: " ".join(a) or "dashboard")
def test_reading_commands_never_shame_or_alarm(run, varied_history, args):
    result = run(*args, code=None)
    assert result.exit_code == 0, result.output
    found = SHAME.findall(result.stdout + result.stderr)
    assert not found, f"mindlog {' '.join(args)} said {found}"


def test_reading_commands_on_an_empty_journal(run):
    for args in READING_COMMANDS:
        result = run(*args, code=None)
        assert result.exit_code == 0, (args, result.output)
        assert not SHAME.findall(result.stdout + result.stderr), args
