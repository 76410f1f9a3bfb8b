"""The command surface: help, version, errors, and what start-up imports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import subprocess_env
from mindlog import __version__
from mindlog.cli import app

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


def imports_of(home, *args):
    code = (
        "import sys, json\n"
        "from mindlog.__main__ import main\n"
        f"sys.argv = ['mindlog', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_logging_a_win_imports_neither_rich_nor_pydantic(home):
    modules = imports_of(home, "win", "x", "-q")
    assert not any(m == "rich" or m.startswith("rich.") for m in modules)
    assert "pydantic" not in modules
