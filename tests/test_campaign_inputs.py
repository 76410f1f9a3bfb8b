"""Bad and unusual input across the commands: a clear answer, or accepted safely and kept exactly."""

from __future__ import annotations

import subprocess

import pytest

from conftest import MINDLOG, stored, subprocess_env

ODD_TEXTS = {
    "nul and control characters": "before\x00after\x07\x08 bell",
    "ansi colour": "\x1b[31mred\x1b[0m and \x1b[2J clear",
    "osc title and hyperlink": "\x1b]0;owned\x07 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
    "rich markup": "[bold red]loud[/] [link=http://x]x[/link] [/]",
    "emoji": "🌱 grew a little today 💪🏽👩‍👩‍👧",
    "right to left": "שלום עולם — مرحبا",
    "combining characters": "e\u0301 a\u0308 Z\u0335\u0321",
    "bidi override": "abc\u202edcba\u202c end",
    "carriage return": "hidden\roverwrite",
    "one megabyte": "x" * 1_000_000,
    "leading and trailing space": "  spaced  ",
    "many lines": "one\ntwo\n\nfour",
}


@pytest.mark.parametrize("name", sorted(ODD_TEXTS))
def test_odd_text_is_kept_exactly_and_shown_harmlessly(run, name):
    text = ODD_TEXTS[name]
    run("win", text, "-q")
    assert stored().entries[-1].text == text
    for args in (["list"], ["today"], ["reflect"], ["export", "--format", "md"]):
        shown = run(*args).stdout
        assert (
            "\x1b" not in shown
            and "\x07" not in shown
            and "\x00" not in shown
            and "\u202e" not in shown
        )


@pytest.mark.parametrize(
    "name", ["nul and control characters", "rich markup", "emoji", "right to left"]
)
def test_odd_text_in_every_writing_command(run, name):
    text = ODD_TEXTS[name]
    run("commit", text)
    run("setback", text)
    run("checkin", "--mood", "2", text)
    run("rest", text, "--date", "yesterday")
    run("routine", "add", text)
    texts = [e.text for e in stored().entries]
    assert texts.count(text) == 4
    run("morning", "--all")
    assert text in stored().of_kind("morning")[0].fields["done"]


REFUSED = [
    (["win", ""], 1),
    (["win", "   "], 1),
    (["win", "\n\t"], 1),
    (["commit", ""], 1),
    (["setback", "  "], 1),
    (["routine", "add", ""], 1),
    (["win", "x", "--date", "2026-02-30"], 1),
    (["win", "x", "--date", "tomorrow"], 1),
    (["win", "x", "--date", "2026-11-29"], 1),
    (["win", "x", "--date", "3000-01-01"], 1),
    (["win", "x", "--date", "28.11.2026"], 1),
    (["rest", "--date", "2026-13-01"], 1),
    (["checkin", "--mood", "3", "--date", "next week"], 1),
    (["win", "x", "-t", "two words"], 1),
    (["win", "x", "-t", ""], 1),
    (["win", "x", "-t", "#"], 1),
    (["win", "x", "-t", "a" * 41], 1),
    (["checkin", "--mood", "0"], 1),
    (["checkin", "--mood", "6"], 1),
    (["checkin", "--energy", "x"], 1),
    (["checkin", "--sleep", "-1"], 1),
    (["config", "day_starts_at", "25:00"], 1),
    (["config", "day_starts_at", "soon"], 1),
    (["config", "country", "Germany"], 1),
    (["config", "no_such_setting", "1"], 1),
    (["edit", "ffffffffffff", "--text", "x"], 1),
    (["delete", "ffffffffffff", "--yes"], 1),
    (["restore", "ffffffffffff"], 1),
    (["morning", "--done", "juggling"], 1),
    (["routine", "remove", "99"], 1),
    (["support", "add", "nosuchsection", "x"], 1),
    (["support", "--country", "XYZ"], 1),
    (["export", "--format", "pdf"], 2),
    (["commit", "--show", "--reaffirm"], 1),
    (["import", "/no/such/file.json"], 1),
    (["win", "x", "--no-such-flag"], 2),
]


@pytest.mark.parametrize(
    "args,code", REFUSED, ids=lambda v: repr(v)[:40] if isinstance(v, list) else str(v)
)
def test_bad_input_gets_one_clear_line_and_changes_nothing(run, args, code):
    run("win", "already here", "-q")
    before = [(e.id, e.text) for e in stored().entries]
    result = run(*args, code=code)
    assert "Traceback" not in result.output
    if code == 1:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert [(e.id, e.text) for e in stored().entries] == before


def test_an_ambiguous_id_prefix_is_refused(run):
    for n in range(40):
        run("win", f"w{n}", "-q")
    ids = [e.id for e in stored().entries]
    first = next(c for c in "0123456789abcdef" if sum(i.startswith(c) for i in ids) > 1)
    result = run("delete", first, "--yes", code=1)
    assert len(result.stderr.strip().splitlines()) == 1
    assert len(stored().entries) == 40


def test_invalid_utf8_in_arguments_and_stdin(home):
    env = subprocess_env(home)
    bad_arg = subprocess.run(
        [*MINDLOG, "win", b"caf\xe9".decode("utf-8", "surrogateescape")],
        env=env,
        capture_output=True,
        check=False,
    )
    bad_stdin = subprocess.run(
        [*MINDLOG, "win"], input=b"caf\xe9\n", env=env, capture_output=True, check=False
    )
    for result in (bad_arg, bad_stdin):
        assert result.returncode == 1, result.stderr
        assert b"Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert stored().entries == []


@pytest.mark.parametrize(
    "args", [[], ["today"], ["streaks"], ["reflect"], ["list"], ["morning", "--all"], ["win", "x"]]
)
def test_a_bad_clock_setting_is_one_line_for_every_command(run, monkeypatch, args):
    monkeypatch.setenv("MINDLOG_NOW", "garbage")
    result = run(*args, code=1)
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_an_unreadable_journal_folder_is_one_line_for_the_dashboard(run, home):
    run("win", "x", "-q")
    journal = home / "journal"
    journal.rename(home / "elsewhere")
    journal.write_text("a file where the journal folder should be")
    for args in ([], ["list"], ["streaks"], ["win", "y"]):
        result = run(*args, code=1)
        assert len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)
