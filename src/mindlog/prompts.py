"""Asking the person: one question at a time, or an editor for longer text.

Every question can be skipped with Enter. Ctrl-C propagates as KeyboardInterrupt, which the
command line turns into exit code 130 before anything is written. Questions go to standard
error so that standard output stays clean for scripts.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import sys
from pathlib import Path

from mindlog.errors import MindlogError
from mindlog.paths import FILE_MODE, ensure_dir


def interactive() -> bool:
    """True when a person is typing at a terminal (so asking makes sense)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def ask(question: str) -> str | None:
    """Ask one question; return the answer without its line ending, or None at end of input.

    On a terminal, a question wider than the terminal is wrapped at words (mindlog.out.wrap).
    """
    from mindlog.out import columns, wrap, write

    width = columns(sys.stderr)
    if width is not None and len(question) > width // 2:
        tail = question[len(question.rstrip()) :]
        question = "\n".join(wrap(question.rstrip(), width - 8)) + tail
    write(sys.stderr, question)  # flushed; marks and letters the encoding lacks are stood in for
    try:
        line = sys.stdin.readline()
    except KeyboardInterrupt:
        sys.stderr.write("\n")  # leave the shell's prompt on a line of its own
        raise
    except UnicodeDecodeError:
        raise MindlogError("the answer is not valid UTF-8; nothing was saved") from None
    if line == "":
        sys.stderr.write("\n")
        return None
    return line.rstrip("\r\n")


def read_piped() -> str:
    """All of standard input, less the final line ending that `echo` and editors add."""
    try:
        text = sys.stdin.read()
    except UnicodeDecodeError:
        raise MindlogError(
            "the text on standard input is not valid UTF-8; nothing was saved"
        ) from None
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text


def yes_no_skip(question: str) -> bool | None:
    """Ask a yes/no question: True, False, or None when skipped with Enter (or at end of input)."""
    while True:
        answer = ask(question)
        if answer is None:
            return None
        word = answer.strip().lower()
        if word == "":
            return None
        if word in ("y", "yes", "d", "done"):
            return True
        if word in ("n", "no", "not today"):
            return False
        sys.stderr.write("  (y for yes, n for not today, Enter to skip)\n")


def editor_command(configured: str | None) -> str | None:
    for candidate in (configured, os.environ.get("VISUAL"), os.environ.get("EDITOR")):
        if candidate and candidate.strip():
            return candidate.strip()
    return None


def edit(initial: str, command: str, folder: Path, *, comments: bool = True) -> str | None:
    """Open ``command`` on a private temporary file holding ``initial``.

    Returns the saved text with ``#`` guidance lines removed (kept as typed with
    ``comments=False``, for editing an entry's own text), or None when the editor failed.
    The file lives in mindlog's own private folder and is removed afterwards.
    """
    ensure_dir(folder)
    path = folder / f"edit-{os.getpid()}.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(initial)
    try:
        try:
            done = subprocess.run([*shlex.split(command), str(path)], check=False)
        except (OSError, ValueError) as exc:
            raise MindlogError(f"could not start the editor {command!r}: {exc}") from None
        if done.returncode != 0:
            return None
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise MindlogError("the edited text is not valid UTF-8; nothing was saved") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
    if not comments:
        return text.strip("\n")
    kept = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    return "\n".join(kept).strip("\n")
