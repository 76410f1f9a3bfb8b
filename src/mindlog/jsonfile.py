"""Small personal files kept as JSON beside the journal (the support plan, the boost list).

They are read tolerantly and written whole: an update takes a lock beside the file, reads it,
changes it and replaces it atomically (0600, through symbolic links), so two mindlogs changing the
same file at once never lose each other's words. A damaged file is never overwritten: reading it
reports a problem, and an update refuses to go ahead. A file nested deeper than ``MAX_DEPTH`` (which
only a damaged or hostile file is) counts as damaged, so no later step can run out of stack on it.
This module never prints.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mindlog.errors import StoreError
from mindlog.paths import FILE_MODE, atomic_write, ensure_dir

MAX_DEPTH = 64  # lists and objects inside each other; mindlog's own files use three or four


class Damaged(StoreError):
    """The file exists but cannot be used; it is kept exactly as it is."""


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when ``value`` has lists or objects nested more than ``limit`` deep (no recursion)."""
    level: list[Any] = [value] if isinstance(value, (dict, list)) else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        inner: list[Any] = []
        for item in level:
            children = item.values() if isinstance(item, dict) else item
            inner.extend(c for c in children if isinstance(c, (dict, list)))
        level = inner
    return False


def parse(raw: bytes) -> Any:
    """The JSON value in ``raw``; ValueError when it is not UTF-8 JSON nested at most MAX_DEPTH."""
    try:
        value = json.loads(raw.decode("utf-8-sig"))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if too_deep(value):
        raise ValueError("nested too deeply")
    return value


def read(path: Path) -> Any:
    """The file's JSON value; None when there is no file yet; Damaged when it cannot be used."""
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise Damaged(f"{path} cannot be read ({exc.strerror})") from None
    try:
        return parse(raw)
    except ValueError:
        raise Damaged(f"{path} is damaged; it is kept as it is") from None


def write(path: Path, value: Any, *, sort_keys: bool = False) -> None:
    data = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n"
    try:
        atomic_write(path, data.encode("utf-8"))
    except UnicodeEncodeError:
        raise StoreError("the text is not valid UTF-8, so it was not saved") from None
    except OSError as exc:
        raise StoreError(f"cannot save {path}: {exc.strerror or exc}") from exc


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock for changing ``path`` (flock on a hidden file beside it)."""
    folder = Path(os.path.realpath(path)).parent
    ensure_dir(folder)
    try:
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW  # never a link planted at the lock's name
        fd = os.open(folder / f".{path.name}.lock", flags, FILE_MODE)
    except OSError as exc:
        raise StoreError(f"cannot open the lock for {path}: {exc.strerror}") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def update(path: Path, change: Callable[[Any], Any], *, sort_keys: bool = False) -> Any:
    """Read ``path``, apply ``change`` to its value (None when new) and write the result back.

    All under the file's lock: two processes updating at once each see the other's change.
    """
    with locked(path):
        value = change(read(path))
        write(path, value, sort_keys=sort_keys)
    return value
