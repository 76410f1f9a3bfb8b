"""The commands run most often import what they need and no more: a guard on their start-up
cost that timing cannot get wrong (the times themselves are measured by benchmarks/run.py).

Every command pays for each module it imports before it does anything; ``dataclasses`` (with
``inspect``, ``ast``, ``dis``...) and ``typing`` together cost about as much again as Python's own
start. The everyday path makes its classes with mindlog.domain.record and imports typing only
for mypy (see docs/cache-and-speed.md)."""

from __future__ import annotations

import json

from conftest import imports_of

# Never imported by `win TEXT` nor by a greet whose figures are kept for the day.
NEVER = (
    "dataclasses",
    "inspect",
    "typing",
    "ast",
    "dis",
    "tokenize",
    "copy",
    "hashlib",  # loads OpenSSL; blake2b alone is what names this machine's file
    "rich",
    "typer",
    "click",
    "platformdirs",
)


def heavy(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_a_win_imports_no_more_than_it_needs(run, home):
    run("win", "Went for a walk")
    modules = imports_of(home, "win", "Called my sister", "-q")
    assert "mindlog.usecases.wins" in modules  # it did log the win
    assert heavy(modules, (*NEVER, "sqlite3", "mindlog.cache")) == []
    texts = [e["entry"]["text"] for e in map(json.loads, lines_written(home)) if e["op"] == "add"]
    assert texts == ["Went for a walk", "Called my sister"]


def test_a_kept_greeting_imports_no_more_than_it_needs(run, home):
    run("commit", "I want to be there for my kids.")
    run("win", "Went for a walk")
    run("greet")  # works out today's figures and keeps them
    kept = (home / "state" / "greeting.json").read_bytes()
    for args in (("greet",), ("status",)):  # status shows the kept figures too
        modules = imports_of(home, *args)
        assert "mindlog.cache.greeting" in modules  # from the kept figures
        found = heavy(modules, (*NEVER, "sqlite3", "mindlog.cache.view", "mindlog.store.eventlog"))
        assert found == [], f"mindlog {' '.join(args)} imports {found}"
    assert (home / "state" / "greeting.json").read_bytes() == kept


def lines_written(home) -> list[str]:
    return [
        line
        for path in sorted((home / "journal").glob("*.jsonl"))
        for line in path.read_text().splitlines()
        if line.strip()
    ]


# The other everyday commands read the journal through the cache (SQLite), and may ask a
# question (mindlog.cli.prompts), but make their classes without dataclasses too. (They do
# import typing: mindlog.cache.view and mindlog.domain.practices declare typing.NamedTuples.)
EVERYDAY = (
    ("did", "walk"),
    ("rest", "--date", "yesterday"),
    ("support",),
    ("routine",),
    ("list", "-n", "5"),
)


def test_the_everyday_commands_import_no_more_than_they_need(run, home):
    run("practice", "add", "walk")
    run("win", "Went for a walk")
    for args in EVERYDAY:
        modules = imports_of(home, *args)
        never = [name for name in NEVER if name != "typing"]
        found = heavy(modules, (*never, "subprocess", "signal", "shlex"))
        assert found == [], f"mindlog {' '.join(args)} imports {found}"
