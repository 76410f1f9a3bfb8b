"""Small personal files kept as JSON beside the journal (the support plan, the boost list).

They are read tolerantly and written whole: an update takes a lock beside the file, reads it,
changes it and replaces it atomically (0600, through symbolic links), so two mindlogs changing the
same file at once never lose each other's words. A damaged file is never overwritten: reading it
reports a problem, and an update refuses to go ahead. A file nested deeper than ``FILE_DEPTH`` (which
only a damaged or hostile file is) counts as damaged, so no later step can run out of stack on it.
This module never prints.

When the journal is encrypted (mindlog.store.keys), the files that hold the person's words
(``SEALED_NAMES``) are written sealed as a whole (an age message for the journal's key) and
opened when read; reading one while the key is not unlocked raises keys.LockedError. An
update that only adds (``update(..., additive=True)``: `boost add`, `support add`) works while the
journal is locked: what it adds is sealed on its own into ``.NAME.pending`` beside the file, one
line each, and merged in (lists extended, objects merged) when the file is next read with the key.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from mindlog.domain.errors import MindlogError, StoreError
from mindlog.domain.model import FILE_DEPTH, too_deep
from mindlog.store.paths import FILE_MODE, atomic_write, ensure_dir, flocked, remove_temp_files

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from typing import Any

SEALED_NAMES = frozenset({"support.json", "boosts.json", "routine.json"})
_AGE = b"age-encryption.org/v1\n"


def _opened(path: Path, raw: bytes, asking: bool) -> bytes:
    """The file's bytes, opened when it is sealed."""
    if not raw.startswith(_AGE):
        return raw
    from mindlog.store import keys
    from mindlog.store.paths import locations

    opened = keys.open_blob(locations(), raw, asking=asking)
    if opened is None:
        raise Damaged(f"{path} is sealed for another key, or was changed; it is kept as it is")
    return opened


def _sealed(path: Path, data: bytes) -> bytes:
    """``data`` sealed when it is one of the person's files and the journal is encrypted."""
    if path.name not in SEALED_NAMES:
        return data
    from mindlog.store.format import sealed_journal
    from mindlog.store.paths import locations

    where = locations()
    if not sealed_journal(where.journal):
        return data
    from mindlog.store import keys

    return keys.seal_blob(where, data)


class Damaged(StoreError):
    """The file exists but cannot be used; it is kept exactly as it is."""


def parse(raw: bytes) -> Any:
    """The JSON value in ``raw``; ValueError when it is not UTF-8 JSON nested at most FILE_DEPTH."""
    try:
        value = json.loads(raw.decode("utf-8-sig"))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if too_deep(value, FILE_DEPTH):
        raise ValueError("nested too deeply")
    return value


def read(path: Path, *, asking: bool = True) -> Any:
    """The file's JSON value; None when there is no file yet; Damaged when it cannot be used.
    ``asking=False``: a sealed file of a locked journal raises keys.LockedError, never asks."""
    return _read(path, asking=asking)[0]


def read_whole(path: Path, *, asking: bool = True) -> tuple[Any, bool]:
    """``read``, and whether some additions waiting beside the file could not be opened (sealed
    for a key that is not at hand): then the file is not yet whole."""
    value, left = _read(path, asking=asking)
    return value, bool(left)


def sealed_texts(path: Path) -> list[str]:
    """A sealed file and the additions waiting beside it, as base64 texts, opened by nobody: what
    a write on a locked journal can carry for a reader with the key (see mindlog.store.sealing)."""
    import base64  # an encrypted journal's only: not paid by every command

    texts = [base64.b64encode(path.read_bytes()).decode("ascii")]
    with contextlib.suppress(OSError):
        lines = _pending(path).read_bytes().splitlines()
        texts.extend(line.decode("ascii", "replace") for line in lines if line.strip())
    return texts


def _read(path: Path, asking: bool) -> tuple[Any, list[bytes]]:
    """The value (with additions made while locked merged in) and the additions that could not
    be opened (kept for later)."""
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None, []
    except OSError as exc:
        raise Damaged(f"{path} cannot be read ({exc.strerror})") from None
    raw = _opened(path, raw, asking)
    try:
        value = parse(raw)
    except ValueError:
        raise Damaged(f"{path} is damaged; it is kept as it is") from None
    return _with_pending(path, value, asking)


def _pending(path: Path) -> Path:
    return path.with_name(f".{path.name}.pending")


def _with_pending(path: Path, value: Any, asking: bool) -> tuple[Any, list[bytes]]:
    try:
        lines = [line for line in _pending(path).read_bytes().splitlines() if line.strip()]
    except OSError:
        return value, []
    from mindlog.store import keys
    from mindlog.store.paths import locations

    opener = keys.opener(locations(), asking=asking)
    left: list[bytes] = []
    for line in lines:
        opened = opener.open_text(line.decode("ascii", "replace"))
        try:
            addition = json.loads(opened) if opened is not None else None
        except ValueError:
            addition = None
        if addition is None:
            left.append(line)
        else:
            value = merge(value, addition)
    return value, left


def merge(value: Any, addition: Any) -> Any:
    """``addition`` merged into ``value``: objects key by key, lists extended by what is new."""
    if value is None:
        return addition
    if isinstance(value, dict) and isinstance(addition, dict):
        merged = dict(value)
        for key, item in addition.items():
            merged[key] = merge(merged.get(key), item) if key in merged else item
        return merged
    if isinstance(value, list) and isinstance(addition, list):
        return value + [item for item in addition if item not in value]
    return value


def _add_pending(path: Path, addition: Any) -> None:
    """Seal ``addition`` on its own line beside ``path`` (no key needed), durably."""
    import base64

    from mindlog.store import keys
    from mindlog.store.paths import locations

    sealed = keys.seal_blob(locations(), json.dumps(addition, ensure_ascii=False).encode())
    line = base64.b64encode(sealed) + b"\n"
    try:
        fd = os.open(_pending(path), os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StoreError(f"cannot save {path}: {exc.strerror or exc}") from exc


def _settle(path: Path, left: list[bytes]) -> None:
    """After a write that merged the additions in: keep only those that could not be opened."""
    pending = _pending(path)
    if left:
        atomic_write(pending, b"".join(line + b"\n" for line in left))
    else:
        with contextlib.suppress(FileNotFoundError):
            pending.unlink()


def write(path: Path, value: Any, *, sort_keys: bool = False) -> None:
    data = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n"
    try:
        atomic_write(path, _sealed(path, data.encode("utf-8")))
    except UnicodeEncodeError:
        raise StoreError("the text is not valid UTF-8, so it was not saved") from None
    except OSError as exc:
        raise StoreError(f"cannot save {path}: {exc.strerror or exc}") from exc


def seal_if_plain(path: Path) -> bool:
    """Write the file at ``path`` sealed when it is still plain and the journal is encrypted (no
    key needed: what is plain is read as it is); True when it was. A damaged file, or one
    already sealed, is left as it is. For ``mindlog encrypt`` and a device that joins an
    encrypted journal (mindlog.store.sealing)."""
    if path.name not in SEALED_NAMES:
        return False
    with locked(path):
        _tidy(path)
        try:
            raw = path.read_bytes()
        except OSError:
            return False
        if raw.startswith(_AGE):
            return False
        try:
            parse(raw)
        except ValueError:
            return False  # damaged: kept exactly as it is
        sealed = _sealed(path, raw)  # the same bytes, sealed
        if not sealed.startswith(_AGE):
            return False  # the journal is not encrypted (any more)
        try:
            atomic_write(path, sealed)
        except OSError as exc:
            raise StoreError(f"cannot save {path}: {exc.strerror or exc}") from exc
    return True


def _tidy(path: Path) -> None:
    """Under the file's lock: the temporary copies a write cut short left of it (and of the
    additions waiting beside it) are removed; they may hold words in plain text."""
    target = Path(os.path.realpath(path))
    names = (target.name, _pending(target).name)
    remove_temp_files(target.parent, names.__contains__)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock for changing ``path`` (flock on a hidden file beside it)."""
    folder = Path(os.path.realpath(path)).parent
    ensure_dir(folder)
    with flocked(folder / f".{path.name}.lock", f"the lock for {path}"):
        yield


def update(
    path: Path, change: Callable[[Any], Any], *, additive: bool = False, sort_keys: bool = False
) -> Any:
    """Read ``path``, apply ``change`` to its value (None when new) and write the result back.

    All under the file's lock: two processes updating at once each see the other's change.
    ``additive``: the change only adds, so on a locked encrypted journal it is kept sealed
    beside the file (see the module) and None is returned.
    """
    with locked(path):
        _tidy(path)
        try:
            current, left = _read(path, asking=not additive)
        except MindlogError as exc:
            if not additive or type(exc).__name__ != "LockedError":
                raise
            _add_pending(path, change(None))
            return None
        value = change(current)
        write(path, value, sort_keys=sort_keys)
        _settle(path, left)
    return value
