"""The layout is the design: packages by layer, no import circles, and the rules checked.

The rules are import-linter contracts in pyproject.toml (docs/architecture.md explains them);
these tests run them, show that breaking one fails, and check what a contract cannot say: no
module-level circle anywhere (imports inside functions count too), and the fast path importing
neither Typer nor rich when it starts.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
LINT = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True, no_logo=True))"


def lint(cwd: Path, src: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LINT],
        cwd=cwd,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_contracts_hold():
    done = lint(ROOT, SRC)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_a_change_that_breaks_a_layer_fails(tmp_path):
    shutil.copytree(SRC / "mindlog", tmp_path / "src" / "mindlog")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    days = tmp_path / "src" / "mindlog" / "domain" / "days.py"
    days.write_text(days.read_text() + "\n\ndef _where():\n    from mindlog.store import paths\n")
    done = lint(tmp_path, tmp_path / "src")
    assert done.returncode == 1
    assert "mindlog.domain.days -> mindlog.store.paths" in done.stdout


def test_no_import_circles_anywhere():
    graph = grimp.build_graph("mindlog", cache_dir=None)
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    circles = []
    for module in sorted(edges):
        # A circle through ``module``: a module it imports that leads back to it.
        for other in sorted(edges[module]):
            if other.startswith("mindlog") and graph.chain_exists(other, module):
                circles.append((module, other))
    assert circles == []


def test_the_top_of_the_package_holds_only_its_entry_points():
    top = sorted(p.name for p in (SRC / "mindlog").iterdir() if p.suffix == ".py")
    assert top == ["__init__.py", "__main__.py"]
    layers = sorted(p.name for p in (SRC / "mindlog").iterdir() if (p / "__init__.py").exists())
    assert layers == ["cache", "cli", "domain", "formats", "render", "store", "usecases"]


def test_the_fast_path_starts_without_typer_or_rich():
    code = (
        "import sys, json\n"
        "import mindlog.__main__, mindlog.cli.quick\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    modules = set(json.loads(done.stdout))
    assert not {"typer", "click", "rich", "mindlog.cli.main", "mindlog.cli.app"} & modules
