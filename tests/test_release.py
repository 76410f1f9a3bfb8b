"""mindlog installs like its peers: one version, a changelog, a manual page made from the
commands, and a wheel and sdist that build, pass twine's check and install into a new
environment where `mindlog --version`, the shell-init line and `man mindlog` work."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
import venv
from pathlib import Path

import pytest

import mindlog
from mindlog.cli.helpgen import every_help
from mindlog.cli.mangen import escape, page

ROOT = Path(__file__).resolve().parent.parent
MAN_PAGE = ROOT / "docs" / "mindlog.1"


@pytest.fixture(scope="module")
def helps():
    return every_help()


def test_one_version(run):
    """The version is written once (mindlog.__version__); pyproject reads it from there."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "mindlog.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", mindlog.__version__)
    assert run("--version").stdout == f"mindlog {mindlog.__version__}\n"


def test_the_changelog_has_this_version_on_top():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, re.M)
    assert releases[0] == mindlog.__version__
    assert releases[-1] == "0.1.0"
    assert "Keep a Changelog" in changelog


def test_the_man_page_is_up_to_date(helps):
    """docs/mindlog.1 is what `python -m mindlog.cli.mangen` writes from the commands today."""
    assert MAN_PAGE.read_text(encoding="utf-8") == page(helps), (
        "write it again: python -m mindlog.cli.mangen"
    )


def test_the_man_page_names_every_command_and_option(helps):
    shown = MAN_PAGE.read_text(encoding="utf-8")
    assert f'"mindlog {mindlog.__version__}"' in shown.split("\n")[1]
    for words, doc in helps.items():
        if words:
            assert f".SS {escape('mindlog ' + words)}\n" in shown, words
        for _, rows, listed in doc["sections"]:
            for names, _ in rows if not listed else ():
                assert escape(names) in shown, (words, names)
    assert "\\fBmindlog support\\fR" in shown  # where to find help, at the end too


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed (Debian: groff)")
def test_the_man_page_is_valid_roff():
    done = subprocess.run(
        ["groff", "-ww", "-z", "-man", str(MAN_PAGE)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr


def _tracked_copy(target: Path) -> Path:
    """The checkout's files (as git lists them, with the ones not yet committed), copied."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout: the files of a build cannot be told")
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _pip(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def _new_venv(where: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    return where / "bin" / "python"


@pytest.mark.slow
def test_the_wheel_and_sdist_build_check_and_install(tmp_path):
    """As a release is made: python -m build, twine check, the wheel installed into a new
    environment; then mindlog --version, the shell-init line and the manual page there."""
    tools = _new_venv(tmp_path / "tools")
    got = _pip(tools, "install", "build", "twine")
    if got.returncode != 0:
        pytest.skip(f"build and twine cannot be installed here (no package index?): {got.stderr}")
    source = _tracked_copy(tmp_path / "source")
    dist = tmp_path / "dist"
    built = subprocess.run(
        [str(tools), "-m", "build", "--outdir", str(dist), str(source)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    version = mindlog.__version__
    wheel = dist / f"mindlog-{version}-py3-none-any.whl"
    sdist = dist / f"mindlog-{version}.tar.gz"
    assert wheel.exists() and sdist.exists(), sorted(p.name for p in dist.iterdir())
    checked = subprocess.run(
        [str(tools.with_name("twine")), "check", "--strict", str(wheel), str(sdist)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr

    fresh = _new_venv(tmp_path / "fresh")
    got = _pip(fresh, "install", str(wheel))
    assert got.returncode == 0, got.stderr
    bin_dir = fresh.parent
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MINDLOG_"))}
    env |= {"PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", "MINDLOG_HOME": str(tmp_path)}
    shown = subprocess.run(
        ["mindlog", "--version"], env=env, capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert shown.stdout == f"mindlog {version}\n"
    init = subprocess.run(
        ["mindlog", "shell-init", "bash"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert "mindlog" in init.stdout and init.stderr == ""
    # the line shell-init gives runs in a new bash without a word on its standard error
    if shutil.which("bash"):
        ran = subprocess.run(
            ["bash", "--norc", "-c", init.stdout],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
            timeout=60,
        )
        assert ran.returncode == 0 and ran.stderr == "", ran.stderr
    # the mindlog of that environment, not this checkout's
    where = subprocess.run(
        [str(fresh), "-c", "import mindlog; print(mindlog.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert str(tmp_path / "fresh") in where.stdout
    installed = tmp_path / "fresh" / "share" / "man" / "man1" / "mindlog.1"
    assert installed.read_text(encoding="utf-8") == MAN_PAGE.read_text(encoding="utf-8")
    if shutil.which("man"):
        # man looks in share/man beside each bin/ on the PATH
        manual = subprocess.run(
            ["man", "-w", "mindlog"], env=env, capture_output=True, text=True, check=False
        )
        assert manual.stdout.strip() == str(installed), manual.stdout + manual.stderr
