"""The fast path (mindlog.quick) does exactly what the Typer commands do, or hands over to them."""

from __future__ import annotations

import itertools

import pytest

from conftest import stored
from mindlog import quick

SAME = [
    ["win", "Called my sister"],
    ["win", "x", "-t", "meaning", "--tag", "Walk", "-t", "#meaning", "--tag=choice"],
    ["win", "x", "-q"],
    ["win", "-q", "before the text"],
    ["win", "x", "--quiet", "--date", "yesterday"],
    ["win", "x", "-d", "2026-11-20"],
    ["win", "x", "--date=2026-11-20"],
    ["win", "x", "--date", "2030-01-01"],
    ["win", "x", "--date", "2026-02-30"],
    ["win", "x", "--date="],
    ["win", ""],
    ["win", "   "],
    ["win", "x", "-t", "two words"],
    ["win", "x", "--tag="],
    ["win", "\x1b[31mred\x07 [bold]not markup[/bold]"],
    ["win", "Ünïcödé 🌱 text", "-t", "Progress"],
]


def _entries():
    return [(e.kind, e.day, e.text, e.tags, e.fields) for e in stored().entries]


@pytest.mark.parametrize("argv", SAME, ids=lambda a: " ".join(a)[:40])
@pytest.mark.parametrize("damaged_config", [False, True])
def test_the_fast_path_does_what_the_command_does(
    argv, damaged_config, run, tmp_path, monkeypatch, capsys
):
    counter = itertools.count(1)
    monkeypatch.setattr("mindlog.journal.new_id", lambda: f"{next(counter):012x}")
    results = []
    for path in ("typer", "quick"):
        home = tmp_path / path
        home.mkdir()
        if damaged_config:
            (home / "config.json").write_text("{not json")
        monkeypatch.setenv("MINDLOG_HOME", str(home))
        counter = itertools.count(1)
        if path == "typer":
            result = run(*argv, code=None)
            code, out, err = result.exit_code, result.stdout, result.stderr
        else:
            capsys.readouterr()
            code = quick.dispatch(argv)
            captured = capsys.readouterr()
            out, err = captured.out, captured.err
        results.append((code, out, err.replace(str(home), "<home>"), _entries()))
    assert results[0] == results[1]


@pytest.mark.parametrize(
    "argv",
    [
        ["win"],
        ["win", "-q"],
        ["win", "--help"],
        ["win", "-h"],
        ["win", "a", "b"],
        ["win", "x", "--nope"],
        ["win", "x", "-t"],
        ["win", "--", "x"],
        ["win", "-qt", "x"],
        ["win", "-tmeaning", "x"],
        ["morning", "--all"],
        [],
    ],
)
def test_anything_else_is_left_to_the_full_command_line(argv, home):
    assert quick.dispatch(argv) is None
    assert not home.exists()
