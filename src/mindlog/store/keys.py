"""The keys of an encrypted journal: where they are kept, unlocking and locking.

An encrypted journal has one age key pair (see mindlog.store.crypto). Its public half, the recipient,
seals every new line, so writing never needs the passphrase. Its private half, the identity, opens
them; it is kept only encrypted:

    journal/keys.json    (synced with the journal)
        {"mindlog_keys": 1,
         "recipient": "age1...",
         "passphrase": {"kdf": "scrypt", "log_n": 17, "r": 8, "p": 1, "salt": B64,
                        "wrapped": B64},   the identity, sealed to the passphrase's own age key
         "recovery": {"recipient": "age1...", "wrapped": B64}}   ... and to the recovery key

Unlocking puts the identity, for ``unlock_minutes`` (a setting, default 720), in a 0600 file in
``$XDG_RUNTIME_DIR/mindlog/`` (memory-backed, the person's own, emptied at logout), named after the
recipient so two journals never mix; never in the synced folder. Where there is no runtime folder
(macOS, some ssh and container logins), the same file is kept in the state folder
(``state/unlocked/``, 0700 and 0600) with the same expiry: on a disk, so it outlives a logout until
it expires or ``mindlog lock`` removes it (docs/encryption.md says this risk).
``MINDLOG_PASSPHRASE_FILE`` names a file holding the passphrase (for scripts); the passphrase itself
is never taken from an environment variable.

How a key is got is decided in one place, ``opener``: this process, the unlocked key file, the
passphrase file, then ``ask`` (set by the command line, mindlog.cli.asking, on both the Typer path
and the fast path: three tries on a terminal, None without one).

keys.json is written only under the journal's lock (mindlog.store.eventlog.Store.lock): ``encrypt``
makes a new key pair before it takes the lock (``prepare``) and saves it only if no keys.json
appeared meanwhile (``save_new``), so two encrypts at once never replace the key that lines were
already sealed for. Its presence alone makes writers seal (mindlog.store.format).

This computer remembers the recipient it last unlocked (``state/journal-recipient``): a keys.json
swapped on the synced folder for one with another recipient is refused by writers until the
person unlocks again, so new lines are never sealed for someone else's key.

For caches (anything in the state folder that holds words): when ``format.sealed_journal(folder)``
is true, write ``seal_blob(where, data)`` (needs no key) and read with ``open_blob(where, raw)``
(None: tampered or another key, so rebuild; LockedError: locked, so do not drop the cache, it is
still good for later). A write on a locked journal cannot open the cache, so it leaves it to
catch up at the next unlocked read.

Nothing here prints; questions go through ``ask``, which the command line sets (greet leaves it
unset and so never asks).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from mindlog.domain.errors import MindlogError, StoreError
from mindlog.domain.record import record
from mindlog.store.format import KEYS_FILE
from mindlog.store.paths import Locations, atomic_write, ensure_dir, runtime_folder

if TYPE_CHECKING:
    from mindlog.store.crypto import Opener

PIN_FILE = "journal-recipient"
RECOVERY_UNSHOWN = "recovery-unshown"  # state: a recovery key made here, not shown yet
FORMAT = 1
UNLOCK_MINUTES = 720
RUNTIME_FOLDER = "mindlog"
STATE_FOLDER = "unlocked"  # where there is no runtime folder
PASSPHRASE_FILE_VARIABLE = "MINDLOG_PASSPHRASE_FILE"
AGE_MAGIC = b"age-encryption.org/v1\n"

LOCKED = "the journal is locked; run mindlog unlock"
WRONG = "that passphrase does not open this journal; nothing was changed"
WRONG_RECOVERY = "that recovery key does not open this journal; nothing was changed"

# How the command line asks for the journal's key (None: never ask, as greet). Given the journal,
# it returns the identity the person's passphrase opens, None when there is no one to ask, and
# raises MindlogError when what was typed does not open it.
ask: Callable[[Locations], str | None] | None = None


# For how many minutes a passphrase asked for while reading keeps the journal unlocked (the
# unlock_minutes setting: the command line, which reads settings, sets it beside ``ask``).
def _default_minutes(where: Locations) -> int:
    return UNLOCK_MINUTES


minutes_for: Callable[[Locations], int] = _default_minutes

_opened: dict[str, Opener] = {}  # recipient -> its opener, for this process
_by_journal: dict[Path, Opener] = {}  # journal folder -> its opener (many lines are opened)
_declined: dict[str, LockedError] = {}  # recipient -> how asking ended, when it did not open it


class LockedError(MindlogError):
    """The journal is encrypted and its key is not unlocked here."""

    def __init__(self, message: str = LOCKED, hint: str | None = None) -> None:
        super().__init__(message, hint)


# -- keys.json ----------------------------------------------------------------------------------


def keys_path(where: Locations) -> Path:
    return where.journal / KEYS_FILE


def read_keys(where: Locations) -> dict[str, Any] | None:
    """keys.json, checked; None when there is none; StoreError when it cannot be used."""
    path = keys_path(where)
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
        ok = (
            isinstance(data, dict)
            and data.get("mindlog_keys") == FORMAT
            and isinstance(data.get("recipient"), str)
            and isinstance(data.get("passphrase"), dict)
            and isinstance(data["passphrase"].get("wrapped"), str)
        )
    except (ValueError, RecursionError):
        ok = False
    if not ok:
        raise StoreError(
            f"{path} is damaged, so the journal's key cannot be found; nothing was changed",
            "bring back keys.json from another device or a backup",
        )
    return data  # type: ignore[no-any-return]


def write_keys(where: Locations, data: dict[str, Any]) -> None:
    try:
        atomic_write(keys_path(where), (json.dumps(data, indent=1) + "\n").encode())
    except OSError as exc:
        raise StoreError(f"cannot save the journal's key: {exc.strerror}") from exc


def recipient(where: Locations) -> str:
    """The recipient new lines are sealed for (no passphrase needed)."""
    data = read_keys(where)
    if data is None:
        raise StoreError(
            f"the journal is encrypted but {keys_path(where)} is missing; nothing was saved",
            "bring back keys.json from another device or a backup",
        )
    found = str(data["recipient"])
    pinned = _pinned(where)
    if pinned is not None and pinned != found:
        raise StoreError(
            "the journal's key in keys.json is not the one this computer knows; nothing was saved",
            "run mindlog unlock to check it with your passphrase",
        )
    return found


def _pinned(where: Locations) -> str | None:
    with contextlib.suppress(OSError, UnicodeDecodeError):
        return (where.state / PIN_FILE).read_text(encoding="ascii").strip() or None
    return None


def _pin(where: Locations, found: str) -> None:
    with contextlib.suppress(OSError, StoreError):
        atomic_write(where.state / PIN_FILE, (found + "\n").encode())


@record(frozen=True)
class NewKeys:
    """A new key pair and its keys.json, made (``prepare``) before it is saved (``save_new``)."""

    data: dict[str, Any]
    identity: str
    recovery: str  # the recovery key, shown once


def prepare(passphrase: str) -> NewKeys:
    """A new key pair for a journal, wrapped for ``passphrase`` and a new recovery key (the slow
    part, scrypt: done before the journal's lock is taken)."""
    from mindlog.store import crypto

    identity, public = crypto.new_identity()
    data = {
        "mindlog_keys": FORMAT,
        "recipient": public,
        "passphrase": wrap_for_passphrase(identity, passphrase),
    }
    recovery = _add_recovery(data, identity)
    return NewKeys(data, identity, recovery)


def save_new(where: Locations, new: NewKeys) -> None:
    """Save a new key pair as the journal's (under the journal's lock). Until ``recovery_shown``,
    this computer remembers that its recovery key was not shown yet (``recovery_unshown``): an
    ``encrypt`` cut short before showing it makes and shows a new one when it is run again."""
    public = str(new.data["recipient"])
    try:
        atomic_write(where.state / RECOVERY_UNSHOWN, (public + "\n").encode())
    except OSError as exc:
        raise StoreError(f"cannot write to {where.state}: {exc.strerror}") from exc
    write_keys(where, new.data)
    _pin(where, public)
    _remember(public, new.identity)


def create(where: Locations, passphrase: str) -> tuple[str, str]:
    """A new key pair for the journal, saved wrapped; returns (identity, recovery key)."""
    new = prepare(passphrase)
    save_new(where, new)
    return new.identity, new.recovery


def _add_recovery(data: dict[str, Any], identity: str) -> str:
    """Wrap ``identity`` in ``data`` for a new recovery key; returns the recovery key."""
    from mindlog.store import crypto

    recovery, recovery_public = crypto.new_identity()
    data["recovery"] = {
        "recipient": recovery_public,
        "wrapped": crypto.seal_text(identity.encode(), recovery_public),
    }
    return recovery


def recovery_unshown(where: Locations) -> bool:
    """True when this computer made the journal's key and its recovery key was never shown (an
    ``encrypt`` cut short)."""
    with contextlib.suppress(OSError, UnicodeDecodeError, StoreError):
        found = (where.state / RECOVERY_UNSHOWN).read_text(encoding="ascii").strip()
        data = read_keys(where)
        return data is not None and found == data["recipient"]
    return False


def new_recovery(where: Locations, identity: str) -> str:
    """A new recovery key for the journal (the old one stops opening it); under the journal's
    lock. Returns it, to be shown once."""
    data = read_keys(where)
    if data is None:
        raise MindlogError("the journal is not encrypted")
    recovery = _add_recovery(data, identity)
    write_keys(where, data)
    return recovery


def recovery_shown(where: Locations) -> None:
    with contextlib.suppress(OSError):
        (where.state / RECOVERY_UNSHOWN).unlink()


def wrap_for_passphrase(identity: str, passphrase: str) -> dict[str, Any]:
    from base64 import b64encode  # here only: every command imports this module

    from mindlog.store import crypto

    salt = crypto.new_salt()
    log_n, r, p = crypto.SCRYPT_LOG_N, crypto.SCRYPT_R, crypto.SCRYPT_P
    stretched = crypto.passphrase_identity(passphrase, salt, log_n, r, p)
    return {
        "kdf": "scrypt",
        "log_n": log_n,
        "r": r,
        "p": p,
        "salt": b64encode(salt).decode("ascii"),
        "wrapped": crypto.seal_text(identity.encode(), crypto.recipient_of(stretched)),
    }


def change_passphrase(where: Locations, wrapped: dict[str, Any]) -> None:
    """Keep the same identity, wrapped for a new passphrase (``wrap_for_passphrase``), in
    keys.json: no line of the journal is rewritten. Call under the journal's lock (every writer
    of keys.json holds it), so that nothing else written to keys.json meanwhile is undone."""
    data = read_keys(where)
    if data is None:
        raise MindlogError("the journal is not encrypted")
    data["passphrase"] = wrapped
    write_keys(where, data)


# -- unlocking ----------------------------------------------------------------------------------


def open_with(where: Locations, secret: str, *, recovery: bool = False) -> str:
    """The journal's identity, unwrapped with a passphrase (or the recovery key); MindlogError
    when it does not open it. Nothing is saved."""
    from base64 import b64decode  # here only: every command imports this module

    from mindlog.store import crypto

    data = read_keys(where)
    if data is None:
        raise MindlogError("the journal is not encrypted; there is nothing to unlock")
    if recovery:
        try:
            key = secret.strip().upper()
            found = crypto.open_text(data.get("recovery", {}).get("wrapped"), key)
        except crypto.Unusable:
            found = None
        if found is None:
            raise MindlogError(WRONG_RECOVERY)
    else:
        wrap = data["passphrase"]
        try:
            salt = b64decode(str(wrap.get("salt")), validate=True)
            stretched = crypto.passphrase_identity(
                secret, salt, int(wrap["log_n"]), int(wrap["r"]), int(wrap["p"])
            )
        except (ValueError, KeyError, TypeError, crypto.Unusable):
            raise StoreError(f"{keys_path(where)} is damaged; nothing was changed") from None
        found = crypto.open_text(wrap["wrapped"], stretched)
        if found is None:
            raise MindlogError(WRONG)
    identity = found.decode("ascii", "replace")
    try:
        if crypto.recipient_of(identity) != data["recipient"]:
            raise crypto.Unusable("another key")
    except crypto.Unusable:
        raise StoreError(
            f"{keys_path(where)} does not hold this journal's key; nothing was changed"
        ) from None
    return identity


def unlock(where: Locations, identity: str, minutes: int) -> Path | None:
    """Keep ``identity`` for ``minutes`` in ``key_file`` (the runtime folder, or where this system
    has none the state folder; see the module) and return it; None when it cannot be kept (then
    reading asks again)."""
    public = read_keys(where)
    found = str(public["recipient"]) if public else ""
    _pin(where, found)
    _remember(found, identity)
    path = key_file(where, found)
    record = {"recipient": found, "identity": identity, "expires": time.time() + minutes * 60}
    try:
        ensure_dir(path.parent)
        atomic_write(path, json.dumps(record).encode())
    except (OSError, StoreError):
        return None
    return path


def lock(where: Locations) -> bool:
    """Forget the unlocked key here (the runtime folder's and the state folder's); True when one
    was kept."""
    _opened.clear()
    _by_journal.clear()
    _declined.clear()
    try:
        data = read_keys(where)
    except StoreError:
        data = None
    kept = False
    if data is not None:
        found = str(data["recipient"])
        for path in (runtime_file(found), _state_file(where, found)):
            if path is not None:
                with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                    path.unlink()
                    kept = True
    return kept


def _name(found: str) -> str:
    from mindlog.domain.digest import sha256  # without OpenSSL: every unlocked read names it

    return f"key-{sha256(found.encode()).hexdigest()[:16]}.json"


def runtime_file(found: str) -> Path | None:
    """Where the unlocked key of the journal with recipient ``found`` is kept in the runtime
    folder, or None when this system has none."""
    base = runtime_folder()
    if base is None:
        return None
    return base / RUNTIME_FOLDER / _name(found)


def _state_file(where: Locations, found: str) -> Path:
    return where.state / STATE_FOLDER / _name(found)


def key_file(where: Locations, found: str) -> Path:
    """Where the unlocked key is kept here: the runtime folder, else the state folder."""
    return runtime_file(found) or _state_file(where, found)


def _from_runtime(where: Locations, found: str) -> str | None:
    path = key_file(where, found)
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            return None
        record = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("recipient") != found:
        return None
    expires = record.get("expires")
    if not isinstance(expires, (int, float)) or expires < time.time():
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    identity = record.get("identity")
    return identity if isinstance(identity, str) else None


def passphrase_from_file() -> str | None:
    """The passphrase in the file ``MINDLOG_PASSPHRASE_FILE`` names (its last newline taken off)."""
    name = os.environ.get(PASSPHRASE_FILE_VARIABLE)
    if not name:
        return None
    try:
        text = Path(name).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not valid UTF-8"
        raise MindlogError(f"cannot read the passphrase file {name}: {reason}") from None
    return text[:-1] if text.endswith("\n") else text


def _remember(found: str, identity: str) -> None:
    from mindlog.store import crypto

    _opened[found] = crypto.Opener(identity)
    _declined.pop(found, None)


def hold(where: Locations, identity: str) -> None:
    """Keep ``identity`` for this process (a command that already has the key: encrypt, unlock)."""
    _remember(recipient(where), identity)


def opener(where: Locations, *, asking: bool = True) -> Opener:
    """What opens the journal's sealed lines here; LockedError when its key is not unlocked.

    Tried in turn: this process, the unlocked key file (``key_file``), ``MINDLOG_PASSPHRASE_FILE``,
    and, when ``asking`` and the command line allows it, ``ask`` (a right answer unlocks for
    ``minutes_for``). Every command on both paths gets its key here.
    """
    known = _by_journal.get(where.journal)
    if known is not None and known is _opened.get(known.recipient):
        return known
    data = read_keys(where)
    if data is None:
        raise StoreError(
            f"the journal has sealed lines but {keys_path(where)} is missing",
            "bring back keys.json from another device or a backup",
        )
    found = str(data["recipient"])
    if found in _opened:
        _by_journal[where.journal] = _opened[found]
        return _opened[found]
    identity = _from_runtime(where, found)
    if identity is None:
        secret = passphrase_from_file()
        if secret is not None:
            identity = open_with(where, secret)
    if identity is None and asking and ask is not None:
        if found in _declined:  # asked once in this process already: never a second round
            raise _declined[found]
        try:
            identity = ask(where)  # None: no terminal
        except LockedError as exc:
            _declined[found] = exc
            raise
        if identity is not None:
            unlock(where, identity, minutes_for(where))
    if identity is None:
        raise LockedError()
    _remember(found, identity)
    _by_journal[where.journal] = _opened[found]
    return _opened[found]


def unlock_minutes(values: dict[str, Any]) -> int:
    value = values.get("unlock_minutes")
    try:
        return max(1, int(value)) if value is not None else UNLOCK_MINUTES
    except (TypeError, ValueError):
        return UNLOCK_MINUTES


# -- whole files: caches, the support plan, boosts ----------------------------------------------


def seal_blob(where: Locations, data: bytes) -> bytes:
    """``data`` sealed for the journal's key (an age message; no passphrase needed)."""
    from mindlog.store import crypto

    return crypto.seal(data, recipient(where))


def open_blob(where: Locations, data: bytes, *, asking: bool = False) -> bytes | None:
    """What ``seal_blob`` sealed; None when it cannot be opened (tampered, another key). Raises
    LockedError when the key is not unlocked here."""
    return opener(where, asking=asking).open(data)


def open_blob_file(where: Locations, source: BinaryIO) -> memoryview | None:
    """``open_blob`` of an open file, read as it is opened (for a large cache). Never asks."""
    return opener(where, asking=False).open_file(source)


def is_sealed(data: bytes) -> bool:
    return data.startswith(AGE_MAGIC)
