"""This machine's name for its own journal file, kept so that no damage orphans a file.

A device appends only to its own journal file, ``<host>-<8 random hex digits>.jsonl``
(mindlog.store.eventlog). Which file is this machine's is remembered in the state folder, under a
hash of the machine's key (``machine_key``), twice:

    state/device-KEY        the name on one line (as mindlog 0.2 and later read it)
    state/device-KEY.copy   {"name": NAME, "made": [DEV, INODE, CTIME_NS]}: the name again, and
                            the file system, inode and change time device-KEY had when this
                            machine wrote it

Both are written whole (an atomic replace) under a lock, so two first runs at once agree on one
name; a home synced whole between two machines gives each its own pair, and a new host name
keeps the same file.

Damage never orphans a file. When one of the two is damaged (empty, cut short, garbage, a folder
in its place) the other gives the name, and the next command writes the damaged one again. When
both are damaged, the name is found in the journal: the one device file named for this host that
no other machine's name file claims (of those, the one that begins with what is left of a
cut-short name, when something is left). Only when there is no such file, or more than one, is a
new name made (the old file is then read as any other device's). What a command cannot put right
(a folder where a name file belongs) ``damage`` reports for `mindlog doctor`, and ``set_aside``
moves aside for `mindlog doctor --repair`.

The machine's key, in order: ``MINDLOG_MACHINE_ID`` (cloned machines, tests); the platform's
own id for the machine: on macOS the hardware UUID (IOPlatformUUID, read with ``ioreg``), on
Windows the MachineGuid in the registry; elsewhere ``/etc/machine-id`` or
``/var/lib/dbus/machine-id``; the host name last. Machines that share a key and a state folder
(clones of one disk whose machine id was never made anew) cannot be told apart, so they share
one name and one file; MINDLOG_MACHINE_ID tells them apart. A new name is never the name of a
file already in the journal.

Without asking the system each time: reading macOS's hardware UUID starts a program (ioreg),
which a command run many times a day should not pay for. So there this machine first looks for
the name file it wrote itself: a ``device-KEY`` whose inode and change time are still those its
copy recorded was written on this machine (a sync tool, a backup or another machine makes a new
file, with another inode and change time). ioreg runs only when there is no such file (the first
run, or a state folder restored or synced in), or more than one. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from mindlog.domain.errors import StoreError
from mindlog.domain.record import field, record
from mindlog.store.paths import Locations, atomic_write, ensure_dir, flocked

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any

PREFIX = "device-"
COPY = ".copy"
LOCK = ".device.lock"
LEGACY = "device"  # mindlog 0.1 kept this machine's name here
DAMAGED = "damaged"  # in the state folder: what `doctor --repair` moved out of a name file's way
SUFFIX = ".jsonl"  # a device file's (mindlog.store.eventlog.SUFFIX)
MACHINE_ID_FILES = ("/etc/machine-id", "/var/lib/dbus/machine-id")
IOREG = "/usr/sbin/ioreg"
# Finding the platform's id starts a program (macOS's ioreg): look for the name file this machine
# wrote first (see the module's description).
PROBE_STARTS_A_PROGRAM = sys.platform == "darwin"

_NAME = re.compile(r"[A-Za-z0-9-]{1,48}")  # what a name may be made of (every mindlog's names)
_MADE = re.compile(r"[A-Za-z0-9-]{1,39}-[0-9a-f]{8}")  # the names mindlog makes: <host>-<8 hex>
# Compiled when first used (re keeps them): a command that finds its name files whole never does.
_KEY = r"[0-9a-f]{16}"
_FRAGMENT = r"[A-Za-z0-9-]*"
_UUID = rb'"IOPlatformUUID"\s*=\s*"([0-9A-Fa-f-]{36})"'


# -- the machine's key ----------------------------------------------------------------------------


def machine_key() -> str:
    """What tells this machine from another that shares its state folder (the order is above)."""
    key = os.environ.get("MINDLOG_MACHINE_ID", "").strip()
    return key or platform_id() or _file_id() or host_name()


def _earlier_key() -> str:
    """The key earlier mindlogs used: the platform's own id was not asked (so on macOS and
    Windows, which have no machine id file, it was the host name)."""
    key = os.environ.get("MINDLOG_MACHINE_ID", "").strip()
    return key or _file_id() or host_name()


def platform_id() -> str:
    """The operating system's own id for this machine: macOS's hardware UUID, Windows'
    MachineGuid; "" elsewhere, or when it cannot be read."""
    if sys.platform == "darwin":
        return _mac_hardware_uuid()
    if sys.platform == "win32":
        return _windows_machine_guid()
    return ""


def _mac_hardware_uuid() -> str:
    import subprocess  # here only: it runs when this machine's name file is not found at once

    try:
        done = subprocess.run(
            [IOREG, "-rd1", "-c", "IOPlatformExpertDevice"],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    found = re.search(_UUID, done.stdout or b"")
    return found.group(1).decode("ascii").upper() if found else ""


def _windows_machine_guid() -> str:
    if sys.platform != "win32":
        return ""
    import winreg

    try:
        with winreg.OpenKey(
            winreg.HKEY_LOCAL_MACHINE,
            r"SOFTWARE\Microsoft\Cryptography",
            0,
            winreg.KEY_READ | winreg.KEY_WOW64_64KEY,
        ) as handle:
            value = winreg.QueryValueEx(handle, "MachineGuid")[0]
    except OSError:
        return ""
    return value.strip() if isinstance(value, str) else ""


def _file_id() -> str:
    for path in MACHINE_ID_FILES:
        data = _read_small(Path(path))
        key = data.decode("ascii", "replace").strip() if data else ""
        if key:
            return key
    return ""


def host_name() -> str:
    uname = getattr(os, "uname", None)  # not on Windows
    return uname().nodename if uname else os.environ.get("COMPUTERNAME", "")


def host_part() -> str:
    """The host name as it begins a device file's name (letters and digits of ASCII, and -)."""
    name = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in host_name())
    return name[:32] or "host"


def key_of(key: str) -> str:
    from mindlog.domain.digest import blake2b

    return blake2b(key.encode("utf-8", "replace"), digest_size=8).hexdigest()


# -- the two name files ---------------------------------------------------------------------------


@record
class Names:
    """What this machine's two name files say, under one key."""

    key: str  # the key's hash, as in the files' names
    primary: str | None = None  # the name in device-KEY, when it is one the copy does not deny
    copy: str | None = None  # the name in device-KEY.copy, when it is one
    made: list[int] | None = None  # device-KEY's device, inode and change time when written here
    said: str | None = None  # what device-KEY says, when it has the shape of a name at all
    fragment: str = ""  # what is left of a name in a damaged device-KEY (a cut-short name)
    damaged: bool = False  # either file is there but gives no name (or they disagree)
    blocked: list[Path] = field(default_factory=list)  # not a file, where one of them belongs

    @property
    def name(self) -> str | None:
        return self.copy or self.primary

    @property
    def whole(self) -> bool:
        """Both files there and agreeing."""
        return self.primary is not None and self.primary == self.copy


def _primary(state: Path, key: str) -> Path:
    return state / f"{PREFIX}{key}"


def _copy(state: Path, key: str) -> Path:
    return state / f"{PREFIX}{key}{COPY}"


def _read_small(path: Path) -> bytes | None:
    """The bytes of a small regular file; None when there is none (or it is something else: a
    folder, a pipe, never waited on)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, 4096)
    except OSError:
        return None
    finally:
        os.close(fd)


def _text(path: Path) -> str:
    data = _read_small(path)
    return data.decode("utf-8", "replace").strip() if data else ""


def _identity(path: Path) -> list[int] | None:
    """The device, inode and change time of the file at ``path`` (None for anything else)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return [info.st_dev, info.st_ino, info.st_ctime_ns] if stat.S_ISREG(info.st_mode) else None


def _not_a_file(path: Path) -> bool:
    """Something other than a file is at ``path`` (a link to a file is read as the file; one
    that leads nowhere is replaced as any file)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return os.path.lexists(path)


def _parse_copy(data: bytes | None) -> tuple[str | None, list[int] | None]:
    try:
        info = json.loads(data.decode("utf-8")) if data is not None else None
    except (ValueError, RecursionError):
        return None, None
    if not isinstance(info, dict):
        return None, None
    name, made = info.get("name"), info.get("made")
    if not (isinstance(made, list) and len(made) == 3 and all(type(n) is int for n in made)):
        made = None
    return (name if _is_name(name) else None), made


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and _NAME.fullmatch(value) is not None


def read_names(state: Path, key: str, journal: set[str] | None = None) -> Names:
    """What device-KEY and device-KEY.copy say. The copy, written whole or not at all, decides
    when they differ. A name in device-KEY that is not of the shape mindlog makes may be one cut
    short: it counts when the copy agrees, or when it names a file of the journal (``journal``:
    the journal's file names, when known)."""
    found = Names(key)
    primary, copy = _primary(state, key), _copy(state, key)
    found.copy, found.made = _parse_copy(_read_small(copy))
    if found.copy is None and os.path.lexists(copy):
        found.damaged = True
    text = _text(primary)
    found.said = text if _is_name(text) else None
    trusted = found.said is not None and (
        _MADE.fullmatch(text) is not None
        or text == found.copy
        or (journal is not None and text + SUFFIX in journal)
    )
    if trusted and found.copy is None and journal is not None and text + SUFFIX not in journal:
        # without its copy, a name that only begins a file's name is one cut short
        trusted = not any(n.startswith(text) and n.endswith(SUFFIX) for n in journal)
    if trusted and found.copy in (None, text):
        found.primary = text
    elif os.path.lexists(primary):
        found.damaged = True
        found.fragment = re.match(_FRAGMENT, text).group()  # type: ignore[union-attr]
    found.blocked = [p for p in (primary, copy) if _not_a_file(p)]
    return found


def _keys(state: Path) -> set[str]:
    try:
        names = os.listdir(state)
    except OSError:
        return set()
    keys = set()
    for name in names:
        if name.startswith(PREFIX):
            key = name[len(PREFIX) :].removesuffix(COPY)
            if re.fullmatch(_KEY, key):
                keys.add(key)
    return keys


def _claimed(state: Path, *mine: str) -> set[str]:
    """The names other machines' name files (under other keys) give, whatever their shape."""
    taken: set[str] = set()
    for key in _keys(state) - set(mine):
        names = read_names(state, key)
        taken.update(n for n in (names.said, names.copy) if n)
    return taken


# -- this machine's name --------------------------------------------------------------------------


def device_name(where: Locations, journal: Callable[[], Iterable[str]]) -> str:
    """This machine's name for its journal file (``journal`` gives the journal's file names)."""
    state = where.state
    if PROBE_STARTS_A_PROGRAM and not os.environ.get("MINDLOG_MACHINE_ID", "").strip():
        name = _written_here(state)
        if name:
            return name
    key = key_of(machine_key())
    names = read_names(state, key)
    if names.whole and (
        not PROBE_STARTS_A_PROGRAM or names.made == _identity(_primary(state, key))
    ):
        return str(names.primary)
    try:
        ensure_dir(state)
        with flocked(state / LOCK, "the device lock"):
            return _settle(state, key, set(_names_in(journal)))
    except StoreError:
        if names.primary is not None and not names.damaged:
            return names.primary  # as before: a state folder that cannot be written to
        raise


def _names_in(journal: Callable[[], Iterable[str]]) -> list[str]:
    try:
        return list(journal())
    except (OSError, StoreError):
        return []


def _written_here(state: Path) -> str | None:
    """The name in the one name file that this machine wrote itself, untouched since."""
    found = set()
    for key in _keys(state):
        names = read_names(state, key)
        if names.whole and names.made is not None and names.made == _identity(_primary(state, key)):
            found.add(str(names.primary))
    return found.pop() if len(found) == 1 else None


def _settle(state: Path, key: str, journal: set[str]) -> str:
    """Under the device lock: the name, found or made, written again wherever it is missing."""
    names = read_names(state, key, journal)
    name = names.name
    if name is None and names.damaged:
        name = _from_journal(state, key, names.fragment, journal)
    found = name is not None  # found again by the next command too, should nothing be written
    if name is None:
        name = _from_earlier_key(state, key)
    if name is None:
        name = _from_legacy(state, key)
    if name is None:
        name = _new_name(state, key, journal)
    problem = _remember(state, key, name, names, journal)
    if problem is not None and not found:
        hint = "run mindlog doctor --repair" if names.blocked else None
        raise StoreError(f"cannot write to {state}: {problem}", hint)
    return name


def _from_journal(state: Path, key: str, fragment: str, journal: set[str]) -> str | None:
    """The device file named for this host that no other machine claims (of those, the ones
    beginning with ``fragment``, what is left of a cut-short name); None unless there is one."""
    shape = re.compile(re.escape(host_part()) + r"-[0-9a-f]{8}")
    taken = _claimed(state, key)
    found = [
        stem
        for stem in sorted(n[: -len(SUFFIX)] for n in journal if n.endswith(SUFFIX))
        if shape.fullmatch(stem) and stem not in taken
    ]
    if fragment:
        found = [n for n in found if n.startswith(fragment)] or found
    return found[0] if len(found) == 1 else None


def _from_earlier_key(state: Path, key: str) -> str | None:
    """The name kept under the key an earlier mindlog used (the host name, on macOS and
    Windows), unless another machine sharing this state folder has taken it since, or it was
    kept by this mindlog on another machine (whose key the host name is)."""
    earlier = key_of(_earlier_key())
    if earlier == key:
        return None
    names = read_names(state, earlier)
    if names.copy is not None and names.made != _identity(_primary(state, earlier)):
        return None  # kept by this mindlog for a machine whose key that is, elsewhere
    name = names.name or names.said
    if name is None or name in _claimed(state, key, earlier):
        return None
    return name


def _from_legacy(state: Path, key: str) -> str | None:
    """mindlog 0.1's ``device`` file: keep writing to its file, unless another machine sharing
    this state folder has already taken it."""
    old = _text(state / LEGACY)
    if old.startswith(host_part() + "-") and _is_name(old) and old not in _claimed(state, key):
        return old
    return None


def _new_name(state: Path, key: str, journal: set[str]) -> str:
    """A new name: never one another machine's name file gives, nor a file already there."""
    taken = _claimed(state, key)
    while True:
        name = f"{host_part()}-{os.urandom(4).hex()}"
        if name + SUFFIX not in journal and name not in taken:
            return name


def _remember(state: Path, key: str, name: str, names: Names, journal: set[str]) -> str | None:
    """Write ``name`` into whichever of the two files does not say it (what is not a file is
    left for `doctor --repair`); None when either keeps it now, else the reason neither does."""
    primary, copy = _primary(state, key), _copy(state, key)
    problem: OSError | None = None
    if names.primary != name and not _not_a_file(primary):
        try:
            atomic_write(primary, (name + "\n").encode(), follow_links=False)
        except OSError as exc:
            problem = exc
    made = _identity(primary)
    if (names.copy != name or names.made != made) and not _not_a_file(copy):
        try:
            body = json.dumps({"name": name, "made": made}) + "\n"
            atomic_write(copy, body.encode(), follow_links=False)
        except OSError as exc:
            problem = exc
    kept = read_names(state, key, journal)
    if name in (kept.primary, kept.copy):
        return None
    reason = problem.strerror if problem is not None else None
    return reason or "something that is not a file is in the way"


# -- doctor ---------------------------------------------------------------------------------------


def damage(where: Locations) -> list[Path]:
    """What stands where this machine's name files belong and is not a file (a folder, say):
    every command works around it; `doctor --repair` moves it aside (``set_aside``)."""
    return read_names(where.state, key_of(machine_key())).blocked or []


def set_aside(where: Locations, now: datetime, device: Callable[[], str]) -> list[Path]:
    """Move what ``damage`` finds into ``state/damaged/`` (nothing is deleted) and write the
    name files again, with the name ``device`` finds before anything is moved. Returns where
    each went."""
    blocked = damage(where)
    if not blocked:
        return []
    try:
        name: str | None = device()
    except StoreError:
        name = None  # found (or made) by the next command, once nothing is in the way
    moved = []
    for path in blocked:
        folder = ensure_dir(where.state / DAMAGED)
        target = folder / f"{now:%Y-%m-%dT%H%M%S}-{path.name}"
        with contextlib.suppress(OSError):
            os.rename(path, target)
            moved.append(target)
    state, key = where.state, key_of(machine_key())
    if name is not None:
        with flocked(state / LOCK, "the device lock"):
            _remember(state, key, name, read_names(state, key), set())
    return moved
