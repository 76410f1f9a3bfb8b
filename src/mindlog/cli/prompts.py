"""Asking the person: one question at a time, or an editor for longer text.

Every question can be skipped with Enter. Ctrl-C propagates as KeyboardInterrupt, which the
command line turns into exit code 130 before anything is written. Questions go to standard
error so that standard output stays clean for scripts, and are shown as every screen shows
text (mindlog.domain.safe.visible): a question that quotes the person's words (a routine item
synced from another device) can never send an escape sequence to the terminal.

What is read is read as bytes and decoded as UTF-8 whatever the locale says (``LC_ALL=C``,
``PYTHONIOENCODING=latin-1``), a byte-order mark allowed (``decode``): piped text that is not
UTF-8 is refused in one line, nothing saved. A terminal whose own encoding is not UTF-8 (an old
ISO-8859-1 terminal) is understood too: an answer typed there that is not UTF-8 is read in the
terminal's encoding.

The editor's modules (shlex, signal, subprocess: ~5 ms) are imported only where the editor is
started: `rest` and `bring-up TEXT` import this module just to ask whether anyone is typing.
"""

from __future__ import annotations

# shlex, signal and subprocess are imported where an editor is opened: every command that may
# ask a question imports this module, and those three cost about a quarter of Python's start.
import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any

from mindlog.domain.errors import MindlogError
from mindlog.domain.safe import visible
from mindlog.store.paths import Locations

NOT_UTF8 = "the text on standard input is not valid UTF-8; nothing was saved"
ANSWER_NOT_UTF8 = "the answer is not valid UTF-8; nothing was saved"


def interactive() -> bool:
    """True when a person is typing at a terminal (so asking makes sense)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def ask(question: str) -> str | None:
    """Ask one question; return the answer without its line ending, or None at end of input.

    The question is shown safely (mindlog.domain.safe.visible), whatever words it quotes. On a
    terminal, a question wider than the terminal is wrapped at words (mindlog.render.out.wrap).
    """
    from mindlog.render.out import columns, linear, wrap, write

    question = visible(question)
    if linear():  # read aloud: choices apart by commas, not by dots
        question = question.replace(" · ", ", ")
    width = columns(sys.stderr)
    if width is not None and len(question) > width // 2:
        tail = question[len(question.rstrip()) :]
        question = "\n".join(wrap(question.rstrip(), width - 8)) + tail
    write(sys.stderr, question)  # flushed; marks and letters the encoding lacks are stood in for
    try:
        raw = _read_line()
    except KeyboardInterrupt:
        sys.stderr.write("\n")  # leave the shell's prompt on a line of its own
        raise
    if raw is None:
        sys.stderr.write("\n")
        return None
    line = raw if isinstance(raw, str) else typed(raw, _terminal_encoding())
    if line is None:
        raise MindlogError(ANSWER_NOT_UTF8)
    return line.rstrip("\r\n")


def read_piped() -> str:
    """All of standard input as UTF-8 (``decode``), less the final line ending that `echo` and
    editors add."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a stand-in for standard input that holds text already
        try:
            text = sys.stdin.read()
        except UnicodeDecodeError:
            raise MindlogError(NOT_UTF8) from None
    else:
        text = _utf8(buffer.read())
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text


def decode(raw: bytes) -> str | None:
    """``raw`` read as UTF-8, a byte-order mark at the start left out; None when it is not
    UTF-8. Whatever the locale says: mindlog's words are UTF-8 everywhere."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def typed(raw: bytes, encoding: str | None) -> str | None:
    """A line typed at a terminal: UTF-8 (``decode``), else the terminal's own ``encoding`` when
    that is an encoding of its own (ISO-8859-1, not ASCII); None when neither reads it."""
    text = decode(raw)
    if text is not None:
        return text
    name = (encoding or "").lower().replace("-", "").replace("_", "")
    if not name or name in ("ascii", "usascii", "ansix3.41968", "646", "utf8"):
        return None
    try:
        return raw.decode(encoding or "")
    except (UnicodeDecodeError, LookupError):
        return None


def _utf8(raw: bytes) -> str:
    text = decode(raw)
    if text is None:
        raise MindlogError(NOT_UTF8)
    return text


def _read_line() -> bytes | str | None:
    """One line of standard input, as bytes when it has them; None at end of input."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a stand-in for standard input that holds text already
        try:
            text = sys.stdin.readline()
        except UnicodeDecodeError:
            raise MindlogError(ANSWER_NOT_UTF8) from None
        return text if text != "" else None
    line = buffer.readline()
    return bytes(line) if line else None


def _terminal_encoding() -> str | None:
    """The encoding the terminal types in, as the locale says (UTF-8 mode aside)."""
    import locale

    try:
        return locale.getencoding()
    except (AttributeError, ValueError):  # pragma: no cover - Python 3.11 has it
        return None


def secret(question: str) -> str:
    """A secret (a passphrase) typed at the terminal, not shown, read as ``ask`` reads answers:
    bytes, decoded as UTF-8 (or the terminal's own encoding), whatever the locale says, so the
    same passphrase typed under ``LC_ALL=C`` is the same passphrase.

    Where the terminal cannot be opened this way (Windows, no ``/dev/tty``, standard input that
    is not a terminal), ``getpass`` asks.
    """
    import getpass

    try:
        import termios
    except ImportError:  # pragma: no cover - Windows: getpass reads characters, not bytes
        return getpass.getpass(question, stream=sys.stderr)
    try:
        real = os.isatty(sys.stdin.fileno())
    except (AttributeError, ValueError, OSError):
        real = False
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY) if real else -1
    except OSError:
        fd = -1
    if fd < 0:
        return getpass.getpass(question, stream=sys.stderr)
    from mindlog.render.out import write

    try:
        try:
            before = termios.tcgetattr(fd)
        except termios.error:
            return getpass.getpass(question, stream=sys.stderr)
        quiet = list(before)
        quiet[3] &= ~termios.ECHO  # what is typed is not shown, from before the question on
        termios.tcsetattr(fd, termios.TCSAFLUSH, quiet)
        try:
            write(sys.stderr, visible(question))
            raw = _tty_line(fd)
        finally:
            termios.tcsetattr(fd, termios.TCSAFLUSH, before)
            sys.stderr.write("\n")
            sys.stderr.flush()
    finally:
        os.close(fd)
    text = typed(raw, _terminal_encoding())
    if text is None:
        raise MindlogError("the passphrase typed is not valid UTF-8; nothing was changed")
    return text.rstrip("\r\n")


def _tty_line(fd: int) -> bytes:
    """One line typed at the terminal ``fd`` (without echo), up to its line ending."""
    line = b""
    while not line.endswith((b"\n", b"\r")):
        chunk = os.read(fd, 1024)
        if not chunk:
            break
        line += chunk
    return line


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


def editor_command(configured: object) -> str | None:
    for candidate in (configured, os.environ.get("VISUAL"), os.environ.get("EDITOR")):
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip()
    return None


# Below this line (as in git) sits guidance that is never saved; the person's own lines that
# start with # (``#1 reason: my kids``) are kept like any other line.
SCISSORS = "# ------------------------ >8 ------------------------"
SCISSORS_NOTE = "# Write above the line. From the line down, nothing is saved."
ENTRY_GUIDE = (
    "# Above the line is the entry's text: change it, then save and close.\n"
    "# Closing without a change leaves it as it is.\n"
)
EDITOR_HINT = "choose one with: mindlog config editor NAME (or set $VISUAL)"


def editor_problem(command: str, exc: BaseException) -> MindlogError:
    """What went wrong starting the editor, in plain words (never the system's error text)."""
    import shlex

    if isinstance(exc, ValueError):
        return MindlogError(f"the editor {command!r} has a quote that is not closed", EDITOR_HINT)

    name = shlex.split(command)[0] if command.strip() else command
    if isinstance(exc, FileNotFoundError):
        said = f"the editor {name!r} is not installed on this computer, so nothing was opened"
    elif isinstance(exc, PermissionError):
        said = f"the editor {name!r} is not allowed to run here, so nothing was opened"
    else:
        said = f"the editor {name!r} did not start, so nothing was opened"
    return MindlogError(said, EDITOR_HINT)


def with_guide(text: str, guide: str) -> str:
    """``text`` for the editor, then the scissors line and ``guide`` below it."""
    if not guide:
        return text
    lead = "" if text.endswith("\n") or not text else "\n"
    body = guide if guide.endswith("\n") else guide + "\n"
    return f"{text}{lead}{SCISSORS}\n{SCISSORS_NOTE}\n{body}"


def above_scissors(edited: str, guide: str) -> str:
    """What the person wrote: everything above the scissors line.

    If the scissors line was deleted, the guidance lines mindlog wrote (exactly as written) are
    left out instead, so no guidance is ever saved as the person's words.
    """
    lines = edited.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.rstrip("\r\n") == SCISSORS:
            return "".join(lines[:number])
    if not guide:
        return edited
    ours = {SCISSORS, SCISSORS_NOTE, *guide.splitlines()}
    return "".join(line for line in lines if line.rstrip("\r\n") not in ours)


def edit(initial: str, command: str, where: Locations, *, guide: str = "") -> str | None:
    """Open ``command`` on a private draft holding ``initial``, with ``guide`` below a scissors line.

    Returns the text above the scissors line, with line endings as typed (``\\r\\n`` stays) and
    the blank lines around it taken off; ``initial`` itself, exactly, when the person changed
    nothing (so the caller can say "No changes"); None when the editor did not finish. The draft
    (see mindlog.store.drafts) is removed afterwards, also when mindlog is stopped while the editor is
    open: SIGHUP (the terminal closed) and SIGTERM end mindlog with 129 and 143, nothing saved.
    Ctrl-C goes to the editor, as in git; if the editor stops on it, so does mindlog (130).
    """
    import shlex

    from mindlog.store import drafts

    try:
        argv = [*shlex.split(command)]
    except ValueError as exc:
        raise editor_problem(command, exc) from None
    if not argv:
        raise MindlogError("the editor setting is empty", EDITOR_HINT)
    written = with_guide(initial, guide)
    path = drafts.create(where, written)
    try:
        with _stopping_cleanly() as interrupted:
            code = _run_editor([*argv, str(path)], command)
        if code != 0:
            if interrupted:
                raise KeyboardInterrupt
            return None
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                edited = handle.read()
        except UnicodeDecodeError:
            raise MindlogError("the edited text is not valid UTF-8; nothing was saved") from None
        except OSError as exc:
            raise MindlogError(f"the edited text cannot be read ({exc.strerror})") from None
    finally:
        drafts.remove(path)
    if edited in (written, written + "\n", written + "\r\n") or (
        written.endswith("\n") and edited == written[:-1]
    ):
        return initial  # saved as it was (perhaps with the line ending editors add)
    text = above_scissors(edited, guide)
    if text == initial:
        return initial
    return text.strip("\r\n")


def _run_editor(argv: list[str], command: str) -> int:
    import signal
    import subprocess

    try:
        process = subprocess.Popen(argv)
    except OSError as exc:
        raise editor_problem(command, exc) from None
    try:
        return process.wait()
    except BaseException as stop:
        # SIGHUP or SIGTERM (SystemExit 129/143): pass it on to the editor, give it a moment.
        signum = (
            stop.code - 128 if isinstance(stop, SystemExit) and isinstance(stop.code, int) else 0
        )
        with contextlib.suppress(OSError, ValueError):
            process.send_signal(signum if signum > 0 else signal.SIGTERM)
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        raise


@contextlib.contextmanager
def _stopping_cleanly() -> Iterator[list[bool]]:
    """While the editor is open: SIGHUP and SIGTERM end mindlog (SystemExit 129 and 143) after
    the ``finally`` clauses that remove the draft; Ctrl-C is left to the editor and remembered."""
    import signal

    interrupted: list[bool] = []

    def stop(signum: int, _frame: object) -> None:
        with contextlib.suppress(Exception):
            sys.stderr.write("\nmindlog: stopped while the editor was open; nothing was saved\n")
            sys.stderr.flush()
        raise SystemExit(128 + signum)

    def note_interrupt(_signum: int, _frame: object) -> None:
        interrupted.append(True)

    wanted: dict[int, Any] = {
        signal.SIGHUP: stop,
        signal.SIGTERM: stop,
        signal.SIGINT: note_interrupt,
    }
    before: dict[int, Any] = {}
    try:
        for signum, handler in wanted.items():
            before[signum] = signal.signal(signum, handler)
    except ValueError:
        pass  # not the main thread (an embedding program): its own handlers stay
    try:
        yield interrupted
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
