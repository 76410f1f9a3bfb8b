"""The everyday commands on the fast path (issue 25): did, checkin, urge, bring-up, rest,
practice list, support, commit --show, routine and boost.

Their options are described once (mindlog.cli.options); these tests check each description
against the Typer command's own parameters, run the same command lines both ways (same exit
code, output and stored lines; bad input and a locked encrypted journal too), and check what is
left to Typer.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
import typer

from conftest import imports_of
from keys_fixtures import PASSPHRASE, encrypt
from mindlog.cli import options, quick
from mindlog.cli.main import app
from mindlog.store import keys
from test_quick import _entries, _one_way, both_ways


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
    results = both_ways(run, tmp_path, monkeypatch, capsys, argv, lambda home: _fill(run))
    assert None not in (results[0][0], results[1][0]), "the fast path took it"
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

    def prepare(home):
        run("practice", "add", "walk")
        run("boost", "add", "Here Comes the Sun")
        encrypt(run, monkeypatch, passfile)
        run("lock")
        keys._opened.clear()

    def kept():
        keys._opened.clear()
        with monkeypatch.context() as m:
            m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
            found = _entries()
        keys._opened.clear()
        return found

    results = both_ways(run, tmp_path, monkeypatch, capsys, argv, prepare, kept)
    assert None not in (results[0][0], results[1][0]), "the fast path took it"
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


# -- practice list and commit --show: plain lines, without rich -------------------------------

# A statement longer than any line, with wide characters (two columns each), a tab, an escape
# sequence and text that looks like markup: shown literally.
STATEMENT = (
    "I choose recovery because 家族 and my friends 🌱 matter more than any one hard day; "
    "[bold]not markup[/bold] \x1b[31m stays inert, and every small step (a walk, a call, a meal) "
    "is a way of saying yes to the person I am becoming.\nWith love,\tme"
)
PRACTICE = "Evening walk 散歩 by the river, whatever"  # 40 characters at most


def _statement_and_practice(run) -> None:
    run("commit", STATEMENT)
    run("practice", "add", PRACTICE)
    run("practice", "add", "stretch", "--per-week", "3")
    run("did", "evening")


def _both_ways(argv, run, capsys, monkeypatch, width: int | None) -> str:
    """``argv`` on a terminal ``width`` columns wide (None: piped), run both ways: the same."""
    if width is not None:
        monkeypatch.setenv("TTY_COMPATIBLE", "1")
        monkeypatch.setenv("COLUMNS", str(width))
    else:
        monkeypatch.setenv("TTY_COMPATIBLE", "0")
    typer_way = _one_way("typer", run, capsys, argv)
    quick_way = _one_way("quick", run, capsys, argv)
    assert typer_way == quick_way
    code, shown, err = quick_way
    assert code == 0 and err == "", err
    return shown


def _words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


@pytest.mark.parametrize("width", [60, 200])
def test_commit_show_frames_the_statement_at_words_on_a_terminal(
    width, home, run, capsys, monkeypatch
):
    from mindlog.domain.safe import visible
    from mindlog.render.out import cells

    _statement_and_practice(run)
    shown = _both_ways(["commit", "--show"], run, capsys, monkeypatch, width).splitlines()
    frame = min(width, 100)
    # every edge lines up, as the terminal draws it (a tab goes on to the next of its stops)
    assert all(cells(line.expandtabs()) == frame for line in shown), shown
    assert shown[0].startswith("╭") and "Your commitment statement" in shown[0]
    assert shown[-1].startswith("╰") and shown[0].endswith("╮") and shown[-1].endswith("╯")
    inside = [line[1:-1].strip() for line in shown[1:-1]]
    said = " ".join(inside)
    assert "written" in said + shown[-1] and "1 version kept" in said + shown[-1]
    body = [line for line in inside if line and not line.startswith(("written", "1 version"))]
    assert _words(body) == visible(STATEMENT).split()  # every word whole, in order
    assert "\x1b" not in "".join(shown) and "\\x1b[31m" in said


@pytest.mark.parametrize("width", [60, 200])
def test_practice_list_fits_the_terminal_without_cutting_a_word(
    width, home, run, capsys, monkeypatch
):
    from mindlog.render.out import cells

    _statement_and_practice(run)
    shown = _both_ways(["practice", "list"], run, capsys, monkeypatch, width).splitlines()
    assert all(cells(line) <= width for line in shown), shown
    first = shown[0] if width == 60 else shown[1]  # below the headings of the table
    assert first.startswith(PRACTICE + " ✓")  # the name, whole
    if width == 60:  # stacked: the name, its figures, its run
        assert "your practices" not in shown[0]
        assert shown[1].startswith("  daily · 1 day shown up")
    else:  # a table, its columns aligned whatever the width of the characters
        heading = shown[0]
        assert heading.split("  ")[0] == "your practices"
        aims = [heading.index("aim"), *(cells(row[: row.index("daily")]) for row in shown[1:2])]
        assert len(set(aims)) == 1, shown
        assert "✓" in shown[1] and "1 day in a row" in shown[1]
        said = " ".join(shown[2].split())
        assert said == "stretch 3 a week 0 ready when you are ready when you are"


def test_practice_list_and_the_statement_piped_are_plain_unwrapped_lines(
    home, run, capsys, monkeypatch
):
    from mindlog.domain.safe import visible

    _statement_and_practice(run)
    shown = _both_ways(["commit", "--show"], run, capsys, monkeypatch, None).splitlines()
    assert shown[:4] == ["Your commitment statement", "", *visible(STATEMENT).split("\n")]
    assert shown[5].startswith("written ") and "│" not in "".join(shown)
    listed = _both_ways(["practice", "list"], run, capsys, monkeypatch, None).splitlines()
    assert listed[0].split("  ")[0] == "your practices" and PRACTICE in listed[1]


def test_without_box_characters_the_frame_has_stand_ins(home, run):
    """An output encoding that cannot show the frame (PYTHONIOENCODING=ascii, an old terminal)
    gets ASCII corners and edges, still lined up; the person's words are escaped, not lost."""
    import subprocess
    import sys

    from conftest import subprocess_env

    _statement_and_practice(run)
    env = subprocess_env(home) | {"PYTHONIOENCODING": "ascii", "TTY_COMPATIBLE": "1"}
    env["COLUMNS"] = "60"
    done = subprocess.run(
        [sys.executable, "-m", "mindlog", "commit", "--show"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("ascii").splitlines()
    assert lines[0].startswith("+-") and lines[0].endswith("-+") and lines[-1].startswith("+-")
    assert all(line.startswith("|") and line.endswith("|") for line in lines[1:-1])
    assert "\\u5bb6\\u65cf" in done.stdout.decode("ascii")  # 家族, escaped
    listed = subprocess.run(
        [sys.executable, "-m", "mindlog", "practice", "list"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert b"evening walk \\u6563\\u6b69 by the river, whatever +" in listed.stdout.lower()


def test_practice_list_and_commit_show_never_import_rich(home, run):
    run("practice", "add", "walk")
    run("commit", "Because I matter.")
    for args in (["practice", "list"], ["commit", "--show"], ["practice"]):
        modules = imports_of(home, *args)
        assert not {"rich", "typer", "click", "mindlog.render.base"} & modules, args
        assert "mindlog.usecases.reading" not in modules, args
    for args in (["rest", "--date", "yesterday"], ["bring-up", "Ask about sleep"]):
        modules = imports_of(home, *args)
        assert not {"subprocess", "shlex", "rich"} & modules, args  # no editor is started
