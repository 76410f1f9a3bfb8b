"""Write docs/mindlog.1: mindlog's manual page (roff), made from the help of every command.

The page says what ``mindlog --help`` and each ``mindlog COMMAND --help`` say (the same help
mindlog.cli.helpgen keeps for the fast path), in the groups of ``mindlog --help``, with the
environment, files and exit codes after them. A wheel installs it as share/man/man1/mindlog.1,
so that ``man mindlog`` finds it where the platform looks there (pyproject.toml's data-files).
Write it again after a change to any command:

    python -m mindlog.cli.mangen

tests/test_release.py checks that docs/mindlog.1 is up to date and names every command.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mindlog import __version__
from mindlog.render.helpscreen import Doc

# docs/mindlog.1 of the checkout this module is in (src/mindlog/cli/mangen.py)
PAGE = Path(__file__).resolve().parents[3] / "docs" / "mindlog.1"

SUMMARY = "a private terminal companion for motivation in mental-health recovery"

# What the help of the commands does not say, in plain words. (name, paragraphs or rows)
ENVIRONMENT = [
    ("MINDLOG_HOME", "Keep everything (journal, settings, state) in this folder."),
    (
        "MINDLOG_MACHINE_ID",
        "This computer's name for its own file in the journal. Give each cloned machine "
        "(a copied disk image, a restored backup of a whole system) its own.",
    ),
    (
        "MINDLOG_PAGER, PAGER",
        "The pager for a long list on a terminal: MINDLOG_PAGER, then the pager setting "
        "(mindlog config pager), then PAGER; less -FRX when none is set. Empty, cat, or the "
        "setting off: no pager. mindlog list --no-pager prints straight to the terminal.",
    ),
    ("VISUAL, EDITOR", "The editor for longer texts, unless the editor setting names one."),
    ("NO_COLOR", "No colours."),
    ("COLUMNS, LINES", "The terminal's size, when it cannot be asked."),
]
FILES = [
    (
        "journal/",
        "The journal: one file of JSON lines for each computer that writes to it (the folder "
        "to sync between your computers), in the data folder or $MINDLOG_HOME/journal.",
    ),
    ("config.json", "This computer's settings, in the config folder."),
    ("state/", "Caches that are rebuilt by themselves; removing them loses nothing."),
]
EXIT_STATUS = [
    ("0", "Done; also when the reader of the output went away early (mindlog list | head)."),
    ("1", "Something a person can fix: one line on standard error says what."),
    ("2", "A command line mindlog does not understand (a usage error)."),
    ("130", "Interrupted (Ctrl-C), with nothing half-written."),
]


def escape(text: str) -> str:
    """``text`` as roff shows it literally: backslashes, dashes, a dot or quote that would start
    a request, and any letter beyond ASCII by its code (``\\[u2026]``), for any troff."""
    shown = text.replace("\\", "\\e").replace("-", "\\-")
    shown = "".join(c if c.isascii() else f"\\[u{ord(c):04X}]" for c in shown)
    lines = [("\\&" + line if line.startswith((".", "'")) else line) for line in shown.split("\n")]
    return "\n".join(lines)


def _paragraphs(text: str) -> list[str]:
    """A help's text: each paragraph a .PP; a list under a title ("Examples:") one item a line."""
    lines: list[str] = []
    for paragraph in text.strip().split("\n\n"):
        head, *rest = [line.strip() for line in paragraph.strip("\n").split("\n")]
        lines += [".PP", escape(head)]
        if rest:
            lines += [".RS", ".nf", *(escape(line) for line in rest), ".fi", ".RE"]
    return lines


def _rows(rows: list[tuple[str, str]], bold: bool = True) -> list[str]:
    lines: list[str] = []
    for names, text in rows:
        lines += [".TP", (".B " if bold else "") + escape(names), escape(text)]
    return lines


def page(helps: dict[str, Doc], version: str = __version__) -> str:
    """The manual page, from the help of mindlog (``""``) and of each command (by its words)."""
    root = helps[""]
    lines = [
        ".\\\" mindlog(1): written by mindlog.cli.mangen from the commands' help, not by hand.",
        f'.TH MINDLOG 1 "" "mindlog {version}" "User Commands"',
        ".SH NAME",
        f"mindlog \\- {escape(SUMMARY)}",
        ".SH SYNOPSIS",
        ".B mindlog",
        ".br",
        ".B mindlog",
        "\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]",
        ".br",
        ".B mindlog help",
        "\\fICOMMAND\\fR",
        ".SH DESCRIPTION",
        *_paragraphs(root["text"]),
    ]
    options = [row for title, rows, listed in root["sections"] if not listed for row in rows]
    if options:
        lines += [".SH OPTIONS", *_rows(options)]
    lines += [".SH COMMANDS"]
    groups = [(title, rows) for title, rows, listed in root["sections"] if listed and rows]
    for title, rows in groups:
        lines += [f".SS {escape(title)}", *_rows(rows)]
    for title, rows in groups:
        lines += [f".SH {escape(title.upper())}"]
        for name, _ in rows:
            lines += _command(helps, name)
    lines += [".SH ENVIRONMENT", *_rows(ENVIRONMENT)]
    lines += [".SH FILES", *_rows(FILES)]
    lines += [".SH EXIT STATUS", *_rows(EXIT_STATUS)]
    lines += [
        ".SH SEE ALSO",
        "The guide, the design and the store's rules: docs/ in mindlog's source.",
        "In a crisis, \\fBmindlog support\\fR shows your plan and where to find help.",
    ]
    return "\n".join(lines) + "\n"


def _command(helps: dict[str, Doc], words: str) -> list[str]:
    """A command's part of the page, and its subcommands' after it."""
    doc = helps[words]
    lines = [f".SS {escape('mindlog ' + words)}", ".B " + escape(doc["usage"])]
    lines += _paragraphs(doc["text"])
    for title, rows, listed in doc["sections"]:
        rows = [row for row in rows if row[0] != "-h, --help"]  # said once, under OPTIONS
        if rows and not listed:
            lines += [".PP", f"{escape(title)}:", ".RS", *_rows(rows), ".RE"]
    for sub in helps:
        if sub.startswith(words + " ") and sub.count(" ") == words.count(" ") + 1:
            lines += _command(helps, sub)
    return lines


def main() -> None:
    from mindlog.cli.helpgen import every_help

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else PAGE
    target.write_text(page(every_help()), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
