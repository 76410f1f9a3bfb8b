"""Small personal files kept as JSON beside the journal (the support plan, the boost list).

They are read tolerantly and written whole: an update takes a lock beside the file, reads it,
changes it and replaces it atomically (0600, through symbolic links), so two mindlogs changing the
same file at once never lose each other's words. A damaged file is never overwritten: reading it
reports a problem, and an update refuses to go ahead. This module never prints.
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


class Damaged(StoreError):
    """The file exists but cannot be used; it is kept exactly as it is."""


def read(path: Path) -> Any:
    """The file's JSON value; None when there is no file yet; Damaged when it cannot be used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Damaged(f"{path} cannot be read ({exc.strerror})") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError:
        raise Damaged(f"{path} is damaged; it is kept as it is") from None


def write(path: Path, value: Any) -> None:
    data = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
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
        fd = os.open(folder / f".{path.name}.lock", os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError as exc:
        raise StoreError(f"cannot open the lock for {path}: {exc.strerror}") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def update(path: Path, change: Callable[[Any], Any]) -> Any:
    """Read ``path``, apply ``change`` to its value (None when new) and write the result back."""
    with locked(path):
        value = change(read(path))
        write(path, value)
    return value
