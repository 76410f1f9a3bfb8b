"""The everyday commands on the fast path (issue 25): did, checkin, urge, bring-up, rest,
practice list, support, commit --show, routine and boost.

Their options are described once (mindlog.cli.options); these tests check each description
against the Typer command's own parameters, run the same command lines both ways (same exit
code, output and stored lines; bad input and a locked encrypted journal too), and check what is
left to Typer.
"""

from __future__ import annotations

import io
import itertools
from typing import Any

import pytest
import typer

from conftest import imports_of
from keys_fixtures import PASSPHRASE
from mindlog.cli import options, quick
from mindlog.cli.main import app
from mindlog.store import keys
from test_quick import _entries, _one_way


def _click_command(name: str) -> Any:
    """The command Typer makes of ``name`` (Typer keeps its own copy of click: no isinstance)."""
    command: Any = typer.main.get_command(app)
    for word in name.split():
        command = command.commands[word]
    return command


@pytest.mark.parametrize("name", sorted(options.SPECS))
def test_each_description_names_every_parameter_of_the_typer_command(name):
    """A new option on the Typer command without its line in mindlog.cli.options fails here."""
    spec = options.SPECS[name]
    command = _click_command(name)
    declared = {}
    arguments = []
    for param in command.params:
        if param.param_type_name == "argument":
            arguments.append((param.name, param.required, param.nargs == -1))
            continue
        assert param.param_type_name == "option"
        takes = (
            options.FLAG if param.is_flag else options.VALUES if param.multiple else options.VALUE
        )
        declared[param.name] = (set(param.opts), set(param.secondary_opts), takes)
    described = {o.dest: (set(o.names), set(o.off), o.takes) for o in spec.options}
    assert described == declared
    assert [a for a, _, _ in arguments] == list(spec.arguments)
    assert sum(required for _, required, _ in arguments) == spec.needed
    assert any(many for _, _, many in arguments) == spec.many


def test_every_everyday_command_is_described():
    described = {name.split()[0] for name in options.SPECS}
    assert described == quick.EVERYDAY


@pytest.mark.parametrize(
    "args, expected",
    [
        (["walk"], {"name": "walk", "date": None, "note": None}),
        (
            ["-d", "yesterday", "walk", "--note=ten"],
            {"name": "walk", "date": "yesterday", "note": "ten"},
        ),
        (["walk", "--date="], {"name": "walk", "date": "", "note": None}),
        ([], None),  # the name is missing: Typer says so
        (["walk", "run"], None),  # an argument too many
        (["walk", "--nope"], None),
        (["walk", "-dyesterday"], None),
        (["walk", "--date"], None),
        (["walk", "--date", "-1"], None),
        (["walk", "-d", "x", "-d", "y"], None),
        (["--", "walk"], None),
        (["-"], None),
        (["walk", "--help"], None),
    ],
)
def test_parsing_takes_only_plain_command_lines(args, expected):
    assert options.parse(options.SPECS["did"], args) == expected


def test_flags_repeatable_values_and_many_words():
    checkin = options.parse(
        options.SPECS["checkin"], ["--scale", "a=1", "slept", "--scale=b=2", "well", "--mood", "3"]
    )
    assert checkin is not None
    assert checkin["scale"] == ["a=1", "b=2"] and checkin["note"] == ["slept", "well"]
    assert checkin["mood"] == "3" and checkin["energy"] is None
    urge = options.parse(options.SPECS["urge"], ["--acted"])
    assert urge is not None and urge["passed"] is False
    assert options.parse(options.SPECS["urge"], ["--passed", "--acted"]) is None
    assert options.parse(options.SPECS["urge"], ["--passed=yes"]) is None


# -- both ways ---------------------------------------------------------------------------------

SAME = [
    ["did", "stretch"],
    ["did", "str", "--note", "Ten minutes"],
    ["did", "walk", "-d", "2026-11-20"],
    ["did", "WALK", "--date=yesterday"],  # already logged
    ["did", "nothing"],
    ["did", "walk", "--date", "nonsense"],
    ["did", "walk", "--note", "   "],
    ["checkin", "--mood", "2"],
    ["checkin", "--mood", "9"],
    ["checkin", "--energy=4", "slept", "well"],
    ["checkin", "--scale", "anxiety=2"],
    ["checkin", "--scale", "calm=2"],
    ["checkin", "--sleep", "3", "-d", "yesterday"],
    ["urge", "--strength", "4", "--passed"],
    ["urge", "-s", "9"],
    ["urge", "--about", "drinking", "--acted"],
    ["urge", "-i", "Made tea", "--date", "yesterday"],
    ["bring-up", "Ask about sleep"],
    ["bring-up", "Ask about sleep", "--date", "yesterday"],
    ["bring-up", "--list"],
    ["bring-up", "-l"],
    ["bring-up", "--done", "1"],
    ["bring-up", "--done", "7"],
    ["bring-up", "--list", "--done", "1"],
    ["bring-up", "x", "--list"],
    ["bring-up", ""],
    ["bring-up", "\x1b[31mred\x07 [bold]not markup[/bold]"],
    ["rest"],
    ["rest", "Visiting family", "--date", "yesterday"],
    ["rest", "--date", "2030-01-01"],
    ["practice"],
    ["practice", "list"],
    ["practice", "list", "--json"],
    ["support"],
    ["support", "--country", "GB"],
    ["support", "--country", "XX"],
    ["commit", "--show"],
    ["routine"],
    ["routine", "list"],
    ["boost"],
    ["boost", "list"],
]


def _fill(run) -> None:
    run("win", "Called my sister", "-t", "meaning")
    run("commit", "Because my sister matters.")
    run("checkin", "--mood", "3", "--energy", "2", "--sleep", "4", code=None)
    run("checkin", "scales", "add", "calm")
    run("practice", "add", "stretch")
    run("practice", "add", "walk", "--per-week", "3")
    run("did", "walk", "--date", "yesterday")
    run("bring-up", "How to sleep better")
    run("bring-up", "Mum's visit")
    run("bring-up", "--done", "2")
    run("boost", "add", "Here Comes the Sun")
    run("boost", "add", "A long bath")
    run("support", "add", "people", input="Sam\n\n")
    run("routine", "add", "Stretch for a minute")


@pytest.fixture
def no_stdin(monkeypatch):
    """Standard input piped and empty, as CliRunner gives it, on both paths."""
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))


@pytest.mark.parametrize("argv", SAME, ids=lambda a: " ".join(a)[:40])
def test_each_everyday_command_does_the_same_both_ways(
    argv, run, tmp_path, monkeypatch, capsys, no_stdin
):
    counter = itertools.count(1)
    monkeypatch.setattr("mindlog.domain.journal.new_id", lambda: f"{next(counter):012x}")
    results = []
    for path in ("typer", "quick"):
        home = tmp_path / path
        home.mkdir()
        monkeypatch.setenv("MINDLOG_HOME", str(home))
        counter = itertools.count(1)
        _fill(run)
        code, out, err = _one_way(path, run, capsys, argv)
        assert code is not None, "the fast path took it"
        results.append((code, out, err.replace(str(home), "<home>"), _entries()))
    assert results[0] == results[1]
    assert results[0][1] or results[0][2]
    assert "Traceback" not in results[0][1] + results[0][2]


LOCKED = [
    ["did", "walk"],
    ["did", "walk", "--date", "yesterday", "--note", "slow"],
    ["checkin", "--mood", "4", "a calm day"],
    ["checkin", "--scale", "calm=2"],
    ["urge", "--strength", "3", "--passed"],
    ["bring-up", "Ask about sleep"],
    ["bring-up", "--list"],
    ["rest"],
    ["practice", "list"],
    ["commit", "--show"],
    ["routine"],
    ["boost", "list"],
    ["support"],
]


@pytest.mark.usefixtures("fast_keys")
@pytest.mark.parametrize("argv", LOCKED, ids=lambda a: " ".join(a)[:40])
def test_on_a_locked_journal_both_ways_write_and_say_the_same(
    argv, run, tmp_path, monkeypatch, capsys, passfile, no_stdin
):
    """Writing works locked (the change joins the journal when it is next read); reading says in
    one line that the journal is locked (no terminal to ask on): the same on both paths."""
    counter = itertools.count(1)
    monkeypatch.setattr("mindlog.domain.journal.new_id", lambda: f"{next(counter):012x}")
    results = []
    for path in ("typer", "quick"):
        home = tmp_path / path
        home.mkdir()
        monkeypatch.setenv("MINDLOG_HOME", str(home))
        counter = itertools.count(1)
        run("practice", "add", "walk")
        run("boost", "add", "Here Comes the Sun")
        with monkeypatch.context() as m:
            m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
            run("encrypt")
        keys._opened.clear()
        run("lock")
        keys._opened.clear()
        code, out, err = _one_way(path, run, capsys, argv)
        assert code is not None, "the fast path took it"
        keys._opened.clear()
        with monkeypatch.context() as m:
            m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
            kept = _entries()
        keys._opened.clear()
        results.append((code, out, err.replace(str(home), "<home>"), kept))
    assert results[0] == results[1]
    assert "Traceback" not in results[0][1] + results[0][2]
    assert PASSPHRASE not in results[0][1] + results[0][2]


@pytest.mark.parametrize(
    "argv",
    [
        ["did"],  # asks for the name: Typer says it is missing
        ["did", "walk", "--nope"],
        ["did", "walk", "extra"],
        ["checkin"],  # asks
        ["checkin", "a note only"],  # asks for the values
        ["checkin", "scales"],
        ["checkin", "scales", "add", "calm"],
        ["checkin", "--mood"],
        ["urge"],  # asks
        ["urge", "--passed", "--acted"],
        ["bring-up"],  # asks
        ["bring-up", "--done"],
        ["rest", "a", "b"],
        ["practice", "add", "walk"],
        ["practice", "--json"],
        ["support", "--print"],
        ["support", "--edit"],
        ["support", "--print", "-o", "plan.md"],
        ["support", "add", "people"],
        ["commit"],
        ["commit", "My reasons"],
        ["commit", "--reaffirm"],
        ["commit", "--show", "--reaffirm"],
        ["routine", "add", "Water"],
        ["routine", "remove", "1"],
        ["boost", "add", "x"],
        ["boost", "remove", "1"],
        ["boost", "list", "extra"],
    ],
)
def test_anything_else_is_left_to_typer(argv, home):
    assert quick.dispatch(argv) is None
    assert not home.exists()


def test_the_everyday_commands_start_without_typer(home, run):
    run("practice", "add", "walk")
    run("boost", "add", "Here Comes the Sun")
    for args in (["did", "walk"], ["checkin", "--mood", "3"], ["rest"], ["boost", "list"]):
        modules = imports_of(home, *args)
        assert not {"typer", "click", "rich", "mindlog.cli.main", "mindlog.cli.app"} & modules, args
