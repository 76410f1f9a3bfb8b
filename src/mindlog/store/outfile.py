"""A file the person names with ``-o`` (``export``, ``support --print``): checked, then written.

A regular file is written whole or not at all (mindlog.store.paths.atomic_write), readable only by
the person; it is never replaced without ``--force``, and a link at its name is replaced only
with ``--force`` (the link itself, never what it points to). A name that leads to a pipe or a
device (``-o /dev/stdout``, a named pipe, bash's ``>(gzip > file)``) is written into as it is
made, like standard output: it is never replaced by a file, and needs no ``--force``. Nothing
here prints; errors are one line (MindlogError).
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

from mindlog.domain.errors import MindlogError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path


def screen(output: Path | None) -> bool:
    """True when ``output`` means standard output (no ``-o``, or ``-o -``)."""
    return output is None or str(output) == "-"


def is_stream(output: Path) -> bool:
    """True when ``output`` (links followed) is a pipe or a device, not a file to replace."""
    try:
        mode = os.stat(output).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def check(output: Path | None, force: bool, example: str) -> None:
    """Say, before any work, why ``output`` cannot be written; ``example`` is a file name to
    suggest when it is a folder."""
    if output is None or screen(output) or is_stream(output):
        return
    if output.is_symlink() and not force:
        raise MindlogError(
            f"{output} is a link; nothing was written",
            "add --force to replace the link itself (what it points to is left alone)",
        )
    if output.is_dir() and not output.is_symlink():
        raise MindlogError(f"{output} is a folder; give a file name, like {output / example}")
    if output.exists() and not force:
        raise MindlogError(
            f"{output} already exists; nothing was written", "add --force to replace it"
        )
    if not output.parent.is_dir():
        raise MindlogError(f"there is no folder {output.parent}; nothing was written")


def write(output: Path, parts: Iterable[str]) -> bool:
    """Write the document (its parts, in order) to ``output``, checked by :func:`check`.

    True when a file readable only by the person was written; False for a pipe or a device,
    written into as the parts come (shown safely when it is a terminal)."""
    if not is_stream(output):
        from mindlog.store.paths import atomic_write

        data = b"".join(part.encode("utf-8") for part in parts)
        atomic_write(output, data, own_folder=False, follow_links=False)
        return True
    from mindlog.domain.safe import visible

    try:
        fd = os.open(output, os.O_WRONLY | os.O_NOCTTY)
    except OSError as exc:
        raise MindlogError(f"cannot write to {output}: {exc.strerror}") from exc
    try:
        terminal = os.isatty(fd)
        for part in parts:
            view = memoryview((visible(part) if terminal else part).encode("utf-8"))
            while view:
                view = view[os.write(fd, view) :]
    except OSError as exc:
        raise MindlogError(f"cannot write to {output}: {exc.strerror}") from exc
    finally:
        os.close(fd)
    return False
