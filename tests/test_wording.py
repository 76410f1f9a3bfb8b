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
    ["reflect", "--year"],
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
    ["export", "--format", "html"],
    ["config"],
    ["bring-up", "--list"],
    ["support", "--print"],
    ["support", "--print", "--format", "html", "--country", "US"],
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
    run("bring-up", "ask about sleep")
    run("bring-up", "the new job")
    run("bring-up", "--done", "1")
    run("support", "add", "reasons", "My niece")


@pytest.mark.parametrize("args", READING_COMMANDS, ids=lambda a: " ".join(a) or "dashboard")
def test_reading_commands_never_shame_or_alarm(run, varied_history, args):
    result = run(*args, code=None)
    assert result.exit_code == 0, result.output
    found = SHAME.findall(result.stdout + result.stderr)
    assert not found, f"mindlog {' '.join(args)} said {found}"
    # Commands are named one way: plainly, never in backticks (Markdown has its own).
    assert "`" not in result.stdout + result.stderr or args[0] == "export", args


@pytest.mark.parametrize("args", READING_COMMANDS, ids=lambda a: " ".join(a) or "dashboard")
def test_coming_back_after_time_away_never_shames(run, varied_history, monkeypatch, args):
    monkeypatch.setenv("MINDLOG_NOW", "2026-12-06T09:00:00+01:00")  # eight days away
    result = run(*args, code=None)
    assert result.exit_code == 0, result.output
    assert not SHAME.findall(result.stdout + result.stderr), args
    assert "`" not in result.stdout + result.stderr or args[0] == "export", args


def test_usage_errors_never_shame(run):
    for args in (["wn"], ["list", "-n", "0"], ["export", "--format", "pdf"], ["edit"]):
        said = run(*args, code=2).stderr
        assert not SHAME.findall(said) and "`" not in said, args


def test_reading_commands_on_an_empty_journal(run):
    for args in READING_COMMANDS:
        result = run(*args, code=None)
        assert result.exit_code == 0, (args, result.output)
        assert not SHAME.findall(result.stdout + result.stderr), args


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _strings(item)


def test_nothing_mindlog_can_say_shames_or_alarms():
    from mindlog import words

    said = [
        s for name in dir(words) if not name.startswith("_") for s in _strings(getattr(words, name))
    ]
    said += [
        words.practice_line("wins", c, t, 0.5, d)
        for c in (0, 1, 5)
        for t in (0, 1, 9)
        for d in (True, False)
    ]
    said += [words.run_words(c, lg) for c in (0, 1, 3) for lg in (0, 3, 9)]
    said += [words.showed_up_line(n) for n in range(8)] + [
        words.statement_age(d) for d in (0, 1, 5, 400)
    ]
    said += [
        words.practice_line("wins", 2, 5, 0.4, d, used)
        for d in (True, False)
        for used in (None, 1, 5, 13, 14, 400)
    ]
    said += [words.what_lasts(t, lg) for t in (1, 2, 40) for lg in (0, 1, 2, 30)]
    said += [words.strength_words(0.3, u) for u in (None, 1, 2, 14)]
    said += [words.wins_heading(s, n) for s in ("week", "month", "year") for n in (0, 1, 9)]
    said += [words.and_more(n) for n in (1, 12)]
    said += [
        p
        for span in ("week", "month", "year")
        for seed in "abcdefgh"
        for p in words.reflection_prompts(seed, span=span)
    ]
    said += [words.REAFFIRMED_ON.format(day="Monday 2 November 2026")]
    said += [
        words.morning_reply(d, 4, day) for d in (0, 2, 4) for day in (None, "Friday 27 November")
    ]
    assert len(said) > 60
    found = [s for s in said if SHAME.search(s)]
    assert not found, found
    assert not [s for s in said if "`" in s], "commands are named without backticks"


def test_every_companion_sentence_is_gentle(run):
    """Reasons, the printed plan, notes to bring up, what helps, the HTML page: every sentence."""
    from mindlog import crisis, export_html, helps, plan, plan_page
    from mindlog.cli import companion

    said = [f"{heading} {guide}" for heading, guide in plan.SECTIONS.values()]
    said += [plan.lower_heading(key) for key in plan.SECTIONS]
    said += [plan_page.TITLE, plan_page.INTRO, plan_page.UNREADABLE, plan_page.ROOM]
    said += [plan_page.HELP_HEADING, crisis.EMERGENCY, export_html.TITLE, export_html.PRIVATE]
    said += [line for country in (None, "US", "GB", "IE", "DE") for line in crisis.pointer(country)]
    said += [helps.INTRO, helps.NOT_YET]
    said += [
        helps.sentence(helps.Finding(key, scale, 3.4, 2.8, 21, 9))
        for key in helps.LABELS
        for scale in helps.SCALES
    ]
    said += [companion.NOTE_SAVED, companion.NOTHING_SAVED, companion.NONE_WAITING, companion.ASK]
    for args in (
        ["bring-up", "first"],
        ["bring-up", "second"],
        ["bring-up", "--list"],
        ["bring-up", "--done", "1"],
        ["bring-up", "--list"],
        ["bring-up", "--done", "9"],
        ["support", "add", "reasons", "My niece"],
        ["support", "--print", "--format", "html"],
        ["export", "--format", "html", "--with-plan"],
        ["streaks"],
        ["reflect", "--month"],
    ):
        result = run(*args, code=None)
        said.append(result.stdout + result.stderr)
    found = [s for s in said if SHAME.search(s)]
    assert not found, found
