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
        ["morning", "--all", "--date", "yesterday"],
        ["morning"],
        ["list", "-n", "0"],
        ["list", "-n", "x"],
        ["list", "-n"],
        ["list", "--help"],
        ["list", "extra"],
        ["list", "-n", "1", "-n", "2"],
        ["streaks", "--json", "--json"],
        ["reflect", "--week", "--month"],
        ["today", "--help"],
        ["--version"],
        ["export", "-o", "x.md"],
        ["export"],  # Markdown brings the notes to bring up: the full command line
        ["export", "--format", "html"],
        ["export", "--format", "pdf"],
        ["export", "-f", "md", "-f", "csv"],
    ],
)
def test_anything_else_is_left_to_the_full_command_line(argv, home):
    assert quick.dispatch(argv) is None
    assert not home.exists()


READING = [
    [],
    ["today"],
    ["streaks"],
    ["streaks", "--json"],
    ["reflect"],
    ["reflect", "--month"],
    ["reflect", "--year"],
    ["list"],
    ["list", "-n", "2"],
    ["list", "--last=3", "--json"],
    ["list", "--search", "SISTER", "-k", "win", "--kind", "morning"],
    ["list", "-s", "nothing like it"],
    ["list", "-t", "meaning", "--tag=walk"],
    ["list", "--since", "7d", "--until", "yesterday"],
    ["list", "--since", "2026-12-01", "--until", "2026-11-01"],
    ["list", "--since", "nonsense"],
    ["list", "--removed"],
    ["list", "--kind", "nothing"],
    ["list", "-t", "two words"],
    ["morning", "--all"],
    ["morning", "-a"],
    ["export", "--format", "json"],
    ["export", "-f", "csv", "--since", "30d"],
    ["export", "--format=JSON", "--until=yesterday"],
    ["export", "-f", "json", "--since", "nonsense"],
]


def _fill(run) -> None:
    run("win", "Called my sister", "-t", "meaning")
    run("win", "A walk", "-t", "walk", "--date", "yesterday")
    run("win", "Old one", "--date", "2026-10-01")
    run("morning", "--done", "1")
    run("commit", "Because my sister matters.")
    run("checkin", "--mood", "3", "--energy", "2", "--sleep", "4", code=None)
    removed = run("win", "to remove", "-q")
    assert removed.exit_code == 0
    entry = next(e for e in stored().entries if e.text == "to remove")
    run("delete", entry.id, "--yes")


@pytest.mark.parametrize("argv", READING, ids=lambda a: " ".join(a)[:40] or "(dashboard)")
@pytest.mark.parametrize("with_cache", [True, False])
def test_reading_commands_on_the_fast_path_do_what_the_commands_do(
    argv, with_cache, run, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr("mindlog.journal.new_id", lambda: f"{next(counter):012x}")
    if not with_cache:
        monkeypatch.setattr("mindlog.cache.open_view", lambda where, progress=None: None)
    results = []
    for path in ("typer", "quick"):
        home = tmp_path / path
        home.mkdir()
        monkeypatch.setenv("MINDLOG_HOME", str(home))
        counter = itertools.count(1)
        _fill(run)
        if path == "typer":
            result = run(*argv, code=None)
            code, out, err = result.exit_code, result.stdout, result.stderr
        else:
            capsys.readouterr()
            code = quick.dispatch(argv)
            captured = capsys.readouterr()
            out, err = captured.out, captured.err
        out = out.replace("\r\n", "\n")  # as CliRunner shows it (CSV ends its rows with CRLF)
        results.append((code, out, err.replace(str(home), "<home>"), _entries()))
    assert results[0] == results[1]
    assert results[0][1] or results[0][2]
