"""The README and the pages in docs/ name only commands and options that exist, and the README
stays short enough to read in five minutes.

Every `mindlog COMMAND ...` in code (backticks or a fenced block) is walked through the real
command tree (Typer's click command): each word that names a command must be one, and every
--option after it must belong to the command reached. Every other --option written in code must
belong to some mindlog command, or be one of the few options of other tools these pages show.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer.main

from mindlog.cli.main import app

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
PAGES = [
    README,
    *(
        ROOT / "docs" / name
        for name in (
            "guide.md",
            "design.md",
            "store.md",
            "encryption.md",
            "accessibility.md",
            "cache-and-speed.md",
            "contributing.md",
        )
    ),
]

# Options these pages show that belong to other programs (pytest, pip, twine, unison, the benchmark and
# picture scripts), not to mindlog.
OTHERS = {
    "--check",
    "--no-jrnl",
    "--runs",
    "--million",
    "--strict-markers",
    "--strict",
    "--against",
    "--size",  # benchmarks/encryption.py
}
# Words these pages write after `mindlog` on purpose that are not commands: the example of a
# mistyped command.
MISTAKES = {"wn"}

CODE = re.compile(r"```[^\n]*\n(.*?)```|`([^`\n]+)`", re.S)
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]*)")


def tree() -> click.Command:
    return typer.main.get_command(app)


def options_of(command: click.Command) -> set[str]:
    names = {"--help"}
    for param in command.params:
        names.update(o for o in (*param.opts, *param.secondary_opts) if o.startswith("-"))
    return names


def every_option(command: click.Command) -> set[str]:
    names = options_of(command)
    for sub in getattr(command, "commands", {}).values():
        names |= every_option(sub)
    return names


def code_of(text: str) -> list[str]:
    """Each line of code in ``text``: fenced blocks line by line, and each inline code span."""
    found: list[str] = []
    for block, span in CODE.findall(text):
        # In a block, a comment after the code (`  # ...`) is words about it, not code.
        found.extend(
            [re.sub(r"\s#\s.*$", "", line) for line in block.splitlines()] if block else [span]
        )
    return found


def uses_in(code: str) -> list[list[str]]:
    """The words of each `mindlog ...` in one line of code, up to a shell operator or comment."""
    uses = []
    for match in re.finditer(r"(?<![\w/-])mindlog((?:\s+[^\s|;&#)>`'\"]+)*)", code):
        uses.append(match.group(1).split())
    return uses


def problems_with(words: list[str], root: click.Command) -> list[str]:
    command, path, problems = root, ["mindlog"], []
    rest = list(words)
    while rest and not rest[0].startswith("-"):
        subs = getattr(command, "commands", None)
        if not subs:
            break  # an argument
        word = rest.pop(0)
        if word in MISTAKES:
            return []
        if word not in subs:
            if word.isupper() or not re.fullmatch(r"[a-z][a-z-]*", word):
                break  # a placeholder (COMMAND) or a value, not a command's name
            problems.append(f"{' '.join(path)} has no command {word!r}")
            return problems
        command = subs[word]
        path.append(word)
    known = options_of(command)
    for word in rest:
        option = word.split("=", 1)[0]
        if option.startswith("--") and option not in known:
            problems.append(f"{' '.join(path)} has no option {option}")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_command_named_exists_with_its_options(page):
    root = tree()
    problems = []
    for code in code_of(page.read_text(encoding="utf-8")):
        for words in uses_in(code):
            problems += problems_with(words, root)
    assert not problems, f"{page.name}: " + "; ".join(sorted(set(problems)))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_option_named_exists(page):
    known = every_option(tree()) | OTHERS
    named = {o for code in code_of(page.read_text(encoding="utf-8")) for o in OPTION.findall(code)}
    assert named - known == set(), f"{page.name} names options mindlog does not have"


def test_the_readme_is_read_in_five_minutes():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 260


def test_the_readme_links_every_page():
    readme = README.read_text(encoding="utf-8")
    for page in PAGES[1:]:
        assert f"(docs/{page.name})" in readme
        assert page.exists()


def test_the_check_finds_what_does_not_exist():
    root = tree()
    assert problems_with(["calendar"], root) == ["mindlog has no command 'calendar'"]
    assert problems_with(["commit", "--reread"], root) == ["mindlog commit has no option --reread"]
    assert problems_with(["practice", "add", "walk", "--per-week", "3"], root) == []
    assert problems_with(["help", "win"], root) == []
    assert uses_in("mindlog win -t meaning` · `x") == [["win", "-t", "meaning"]]
