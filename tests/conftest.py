"""Every test gets its own mindlog home in a temporary folder and a fixed clock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mindlog.cli.main import app
from mindlog.domain import personal
from mindlog.domain.journal import Journal, replay
from mindlog.domain.model import SETTING_KINDS
from mindlog.domain.plan import Plan
from mindlog.store.config import DEFAULT_ROUTINE
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations

# The encryption tests' fixtures (a runtime folder, a cheap scrypt, a passphrase file).
pytest_plugins = ["keys_fixtures"]

NOW = "2026-11-28T10:00:00+01:00"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("MINDLOG_HOME", str(folder))
    monkeypatch.setenv("MINDLOG_NOW", NOW)
    for name in ("VISUAL", "EDITOR", "XDG_RUNTIME_DIR"):  # drafts stay in the test's home
        monkeypatch.delenv(name, raising=False)
    for name in ("ACCESSIBLE", "MINDLOG_ACCESSIBLE"):  # the accessible mode only where asked
        monkeypatch.delenv(name, raising=False)
    from mindlog.render import out

    monkeypatch.setattr(out, "_LINEAR", [False])
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERMINAL_WIDTH", "80")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    return folder


class Run:
    """Run mindlog commands in-process, as a person would type them."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None, code: int | None = 0):  # noqa: A002
        result = self.runner.invoke(app, list(args), input=input, prog_name="mindlog")
        if code is not None:
            assert result.exit_code == code, (
                f"exit {result.exit_code}, wanted {code}\nstdout: {result.stdout}\n"
                f"stderr: {result.stderr}\nexception: {result.exception!r}"
            )
        return result


@pytest.fixture
def run() -> Run:
    return Run()


def stored_all() -> Journal:
    """The journal as the domain layer reads it from disk."""
    return replay(Store(locations()).read().events)


def stored() -> Journal:
    """The journal as the domain layer reads it from disk, without what the person keeps beside
    their entries (the plan, boosts, routine, settings: model.SETTING_KINDS; see kept_*)."""
    journal = stored_all()
    journal.entries = [e for e in journal.entries if e.kind not in SETTING_KINDS]
    journal.removed = [e for e in journal.removed if e.kind not in SETTING_KINDS]
    return journal


def kept_plan() -> Plan:
    """The support plan as the journal holds it (mindlog.domain.personal)."""
    return personal.plan_of(stored_all().entries)


def kept_boosts() -> list[str]:
    return personal.texts_of(stored_all().entries, personal.BOOST)


def kept_routine() -> list[str]:
    return personal.routine_of(stored_all().entries, DEFAULT_ROUTINE)


def kept_settings() -> dict[str, Any]:
    return personal.settings_of(stored_all().entries)


def subprocess_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["MINDLOG_HOME"] = str(home)
    env.update(extra)
    return env


MINDLOG = [sys.executable, "-m", "mindlog"]


def imports_of(home: Path, *args: str) -> set[str]:
    """The modules a mindlog command line imports, run in a fresh interpreter that imports
    nothing else first."""
    code = (
        "import sys\n"
        "from mindlog.__main__ import main\n"
        f"sys.argv = ['mindlog', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\n' + ' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    return set(done.stderr.strip().splitlines()[-1].split())
