"""The words of support, check-ins, setbacks and boosts: warm, never shaming or alarming."""

from __future__ import annotations

import re

import pytest

from mindlog.domain import plan, words

BANNED = re.compile(
    r"\b(lost|lose|broken|break|failed|fail|missed|day 0|streak ended|risk)\b", re.I
)

READING = [
    ["support"],
    ["support", "--country", "US"],
    ["support", "--country", "GB"],
    ["support", "--country", "DE"],
    ["boost"],
    ["boost", "list"],
    ["today"],
]
WRITING = [
    ["setback", "A hard day"],
    ["checkin", "--mood", "1"],
    ["checkin", "--mood", "5", "--energy", "2"],
    ["support", "add", "people", "Sam"],
    ["boost", "add", "A song"],
]


def test_word_constants_are_gentle():
    lines = [
        *words.SETBACK_REPLIES,
        words.SETBACK_SUPPORT,
        words.SETBACK_TODAY,
        words.CHECKIN_SAVED,
        words.CHECKIN_UPDATED,
        words.CHECKIN_NOTHING,
        words.CHECKIN_GENTLE,
        words.BOOST_EMPTY,
        words.BOOST_INTRO,
        *(f"{h} {g}" for h, g in plan.SECTIONS.values()),
    ]
    for line in lines:
        assert not BANNED.search(line), line


@pytest.mark.parametrize("args", READING + WRITING, ids=lambda a: " ".join(a))
def test_outputs_are_gentle_before_and_after_use(run, args):
    for step in (args, *WRITING, args):
        result = run(*step, code=None)
        assert result.exit_code in (0, 1)
        assert not BANNED.search(result.output), (step, result.output)


@pytest.mark.parametrize("name", ["support", "checkin", "setback", "boost"])
def test_help_is_gentle(run, name):
    assert not BANNED.search(run(name, "--help").stdout)
