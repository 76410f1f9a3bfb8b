"""Plain lines for the terminal, without rich: the fast path for short replies and errors.

Every string passed here is made safe first (control characters and escape sequences are shown,
never sent to the terminal). Longer views are drawn by mindlog.render, and reach the terminal
through ``write`` too.

On a terminal, lines are wrapped by mindlog at word boundaries to the terminal's width (the
terminal itself would cut words in two). Piped output is left as it is: one line a line, never
wrapped or padded. Any output encoding works: the marks mindlog draws (``✓ ★ █ ·`` ...) have ASCII
stand-ins, and any other character the encoding cannot show is written as an escape.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable

from mindlog.domain.safe import visible
from mindlog.domain.typed import whole

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from typing import TextIO

# The marks and bars mindlog draws, and what stands in for them where the output's encoding
# cannot show them (LC_ALL=C, PYTHONIOENCODING=ascii or latin-1). One character each, so that
# columns stay aligned, except the ellipsis.
STAND_INS = {
    "✓": "+",
    "★": "*",
    "•": "*",
    "·": ".",
    "…": "...",
    "–": "-",
    "—": "-",
    "○": "o",
    "◇": "~",
    "█": "#",
    "▓": "%",
    "▒": ":",
    "░": ".",
    "▁": "_",
    "▂": ".",
    "▃": "-",
    "▅": "=",
    "▇": "#",
    "─": "-",
    "│": "|",
    "╭": "+",
    "╮": "+",
    "╰": "+",
    "╯": "+",
}

MAX_WIDTH = 100  # a frame wider than this is hard to read
NARROW = 70  # below this, views stack their parts
PIPED_WIDTH = 100_000  # piped output is never wrapped


# The accessible (linear) mode, for screen readers: no frames, bars, blocks, colours or marks
# that carry a meaning alone; numbers said in words; tables as "Label: value" lines. The command
# line decides once (mindlog.cli.access, from ACCESSIBLE, MINDLOG_ACCESSIBLE or the setting
# `accessible`) and sets it here; every view asks ``linear()``, none reads the environment. The
# setting is read only when a view first asks (help piped to a file never needs it).
_LINEAR: list[bool | Callable[[], bool]] = [False]


def set_linear(on: bool | Callable[[], bool]) -> None:
    """Turn the linear mode on or off for this command, or give the function that decides when
    it is first asked (mindlog.cli.access)."""
    _LINEAR[0] = on


def linear() -> bool:
    """True in the accessible mode: lines to be read in order, said in words."""
    found = _LINEAR[0]
    if callable(found):
        found = _LINEAR[0] = bool(found())
    return found


def say(line: str = "") -> None:
    """One line (or a few) on standard output, wrapped at words to a terminal's width."""
    stream = sys.stdout
    shown = visible(line)
    width = columns(stream)
    if width is not None:
        shown = "\n".join(wrap(shown, width))
    write(stream, shown + "\n")


def note(line: str) -> None:
    """A line on standard error that is not the command's result (a warning, a hint)."""
    write(sys.stderr, "mindlog: " + visible(line, newlines=False) + "\n")


def write(stream: TextIO, text: str) -> None:
    """Write ``text``; characters the stream's encoding cannot show get a stand-in or an escape."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if not encoding.lower().replace("-", "").startswith("utf"):
        text = degrade(text, encoding)
    try:
        stream.write(text)
    except UnicodeEncodeError:
        stream.write(degrade(text, encoding))
    stream.flush()


def document(text: str) -> None:
    """A whole document (an export, ``list --json``) on standard output.

    Piped or redirected, it is written as UTF-8 whatever the locale says, as ``-o FILE`` writes
    it, so ``mindlog export > report.md`` keeps every word. On a terminal it is shown safely.
    """
    stream = sys.stdout
    if is_terminal(stream):
        write(stream, visible(text))
        return
    buffer = getattr(stream, "buffer", None)
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    if buffer is None or encoding in ("utf8", "utf_8"):
        write(stream, text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8", "surrogateescape"))
    buffer.flush()


def prepare_streams() -> None:
    """Make standard output and error write an escape for a character their encoding cannot
    show (``LC_ALL=C``, ``PYTHONIOENCODING=ascii``), instead of raising in the middle of a line.

    Called once at start-up; mindlog's own output uses stand-ins before it comes to that.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not encoding.startswith("utf"):
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def degrade(text: str, encoding: str) -> str:
    """``text`` as ``encoding`` can show it: ASCII stand-ins for mindlog's marks, escapes for the rest."""
    try:
        text.encode(encoding)
        return text
    except (UnicodeEncodeError, LookupError):
        pass
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "ascii"
    for mark, stand_in in STAND_INS.items():
        if mark in text and not _encodes(mark, encoding):
            text = text.replace(mark, stand_in)
    return text.encode(encoding, "backslashreplace").decode(encoding)


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


# The exit status of a command whose reader went away before it was done (`mindlog list | head
# -1`): 0, the same for every command, so that `set -o pipefail` scripts carry on (docs/design.md).
READER_GONE = 0


def reader_gone() -> int:
    """The reader of standard output went away: nothing more reaches the pipe (not even the last
    flush when Python ends, which would print a warning), and the command ends quietly with
    READER_GONE."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())
        os.close(nowhere)
    return READER_GONE


def error(message: str, hint: str | None = None) -> None:
    """The one line a person sees when a command cannot do what was asked."""
    line = message if not hint else f"{message} ({hint})"
    note(line)


# -- the terminal's width ------------------------------------------------------------------------


def is_terminal(stream: TextIO) -> bool:
    """True when ``stream`` is a terminal (so lines are wrapped and views framed).

    ``TTY_COMPATIBLE=1`` or ``0`` in the environment says so for tools that cannot tell (the
    same variable rich reads, so plain and rich output agree).
    """
    told = os.environ.get("TTY_COMPATIBLE", "")
    if told in ("0", "1"):
        return told == "1"
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def columns(stream: TextIO) -> int | None:
    """The width to wrap at on a terminal (``COLUMNS`` first, as everywhere); None when piped."""
    if not is_terminal(stream):
        return None
    told = whole(os.environ.get("COLUMNS", ""), 1)  # the digits 0 to 9 only
    if told is not None:
        return told
    for fd in (1, 2, 0):
        try:
            width = os.get_terminal_size(fd).columns
        except (OSError, ValueError):
            continue
        if width > 0:
            return width
    return 80


def cells(text: str) -> int:
    """How many terminal columns ``text`` takes: wide (CJK, most emoji) characters take two."""
    if text.isascii():
        return len(text)
    import unicodedata

    count = 0
    for char in text:
        if unicodedata.combining(char) or char in "\u200b\u200c\u200d\ufe0f":
            continue
        count += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return count


def _hanging(line: str) -> str:
    """The indent for a wrapped line's continuation: under the text after a list mark."""
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    head = stripped.split(" ", 1)[0]
    mark = head in ("*", "-", "•", "★", "·", "✓") or head.rstrip(".:)").isdigit()
    if len(head) <= 4 and mark and " " in stripped:
        return " " * (indent + len(head) + 1)
    return " " * indent


def wrap(text: str, width: int, *, commands: bool = True) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces, never inside a word.

    A word longer than the whole width is cut (there is nothing else to do with it). A wrapped
    line continues under its text (after a list mark such as ``1.``). Existing line breaks are
    kept. With ``commands`` (mindlog's own lines), a gap of three spaces or more parts a command
    from what it does, which goes below it; the person's own text is wrapped without that rule.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if cells(paragraph) <= width:
            lines.append(paragraph.rstrip())
            continue
        columns_gap = re.search(r"\S( {3,})\S", paragraph) if commands else None
        if columns_gap is not None:  # a command, then what it does: the second goes below
            lead = " " * (len(paragraph) - len(paragraph.lstrip(" ")))
            lines += wrap(paragraph[: columns_gap.start(1)], width)
            lines += wrap(lead + "    " + paragraph[columns_gap.end(1) :], width)
            continue
        hang = _hanging(paragraph)
        if cells(hang) > width // 2:
            hang = ""
        lead = paragraph[: len(paragraph) - len(paragraph.lstrip(" "))]
        current = lead
        fresh = True  # nothing but the indent on the current line yet
        for word in _units(paragraph.split(), width - cells(hang)):
            gap = "" if fresh else " "
            if cells(current) + len(gap) + cells(word) <= width:
                current += gap + word
                fresh = False
                continue
            if not fresh:
                lines.append(current)
                current, fresh = hang, True
            while cells(current) + cells(word) > width:
                room = max(width - cells(current), 1)
                piece = _take(word, room)
                lines.append(current + piece)
                word = word[len(piece) :]
                current = hang
            current += word
            fresh = not word
        if not fresh:
            lines.append(current)
    return lines


def phrases(text: str, width: int, indent: int = 2, sep: str = " · ") -> list[str]:
    """A line of phrases joined by ``sep``, each kept whole: a phrase that does not fit on the
    line starts a new one (indented by ``indent``), so that `strength 77%` is never split."""
    parts = text.split(sep)
    lines = [parts[0]]
    for phrase in parts[1:]:
        if cells(lines[-1] + sep + phrase) <= width:
            lines[-1] += sep + phrase
        else:
            lines.append(" " * indent + phrase)
    return lines


def _units(words: list[str], room: int) -> list[str]:
    """Words, with a command kept whole: ``mindlog support`` is not broken after ``mindlog``."""
    units: list[str] = []
    for word in words:
        if units and units[-1].lstrip("`(") == "mindlog" and cells(units[-1] + word) < room:
            units[-1] += " " + word
        else:
            units.append(word)
    return units


def _take(word: str, room: int) -> str:
    """The longest start of ``word`` that fits in ``room`` columns (at least one character)."""
    taken = ""
    for char in word:
        if taken and cells(taken + char) > room:
            break
        taken += char
    return taken


def fit(text: str, width: int, mark: str = "…") -> str:
    """``text`` on one line of at most ``width`` columns, shortened at a word boundary with ``…``."""
    if cells(text) <= width:
        return text
    room = max(width - cells(mark), 1)
    words = text.split(" ")
    kept = ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if cells(candidate) > room:
            break
        kept = candidate
    if not kept:  # a first word longer than the line: cut it, there is nothing else to do
        kept = _take(words[0], room)
    return kept.rstrip(" ,;:.-–—") + mark
