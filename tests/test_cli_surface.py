"""The command surface: help, version, errors, and what start-up imports."""

from __future__ import annotations

import pytest

from conftest import imports_of
from mindlog import __version__
from mindlog.cli.main import app

COMMANDS = sorted(c.name for c in app.registered_commands) + sorted(
    g.name for g in app.registered_groups
)


def test_version(run):
    assert run("--version").stdout.strip() == f"mindlog {__version__}"


def test_help_lists_every_command(run):
    shown = run("--help").stdout
    for name in COMMANDS:
        assert name in shown


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(run, name):
    shown = run(name, "--help").stdout
    assert "Example" in shown, name


def test_unknown_command_is_a_usage_error(run):
    run("frobnicate", code=2)


def test_bad_flag_is_a_usage_error(run):
    run("win", "x", "--nope", code=2)


def test_logging_a_win_imports_neither_rich_nor_pydantic(home):
    modules = imports_of(home, "win", "x", "-q")
    assert not any(m == "rich" or m.startswith("rich.") for m in modules)
    assert "pydantic" not in modules
