"""Small personal files kept as JSON beside the journal (the support plan, the boost list).

They are read tolerantly and written whole: an update takes a lock beside the file, reads it,
changes it and replaces it atomically (0600, through symbolic links), so two mindlogs changing the
same file at once never lose each other's words. A damaged file is never overwritten: reading it
reports a problem, and an update refuses to go ahead. This module never prints.

When the journal is encrypted (mindlog.keys), the files that hold the person's words
(``SEALED_NAMES``) are written sealed as a whole (an age message for the journal's key) and
opened when read; reading one while the key is not unlocked raises keys.LockedError.
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

SEALED_NAMES = frozenset({"support.json", "boosts.json"})
_AGE = b"age-encryption.org/v1\n"


def _opened(path: Path, raw: bytes) -> bytes:
    """The file's bytes, opened when it is sealed."""
    if not raw.startswith(_AGE):
        return raw
    from mindlog import keys
    from mindlog.paths import locations

    opened = keys.open_blob(locations(), raw, asking=True)
    if opened is None:
        raise Damaged(f"{path} is sealed for another key, or was changed; it is kept as it is")
    return opened


def _sealed(path: Path, data: bytes) -> bytes:
    """``data`` sealed when it is one of the person's files and the journal is encrypted."""
    if path.name not in SEALED_NAMES:
        return data
    from mindlog.paths import locations
    from mindlog.store import sealed_journal

    where = locations()
    if not sealed_journal(where.journal):
        return data
    from mindlog import keys

    return keys.seal_blob(where, data)


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
    raw = _opened(path, raw)
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError:
        raise Damaged(f"{path} is damaged; it is kept as it is") from None


def write(path: Path, value: Any) -> None:
    data = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    try:
        atomic_write(path, _sealed(path, data.encode("utf-8")))
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
