"""Drafts: the private files an editor opens on, and those a stopped mindlog left behind.

A draft holds the person's words while their editor is open (a statement, an entry, the support
plan), so it lives where as few eyes and disks as possible see it: in ``$XDG_RUNTIME_DIR/mindlog/``
(memory on most systems, emptied at logout) when that folder exists and is the person's own,
else in the state folder's ``drafts/`` (0700, never synced). With ``$MINDLOG_HOME`` set, drafts in
the runtime folder go in a subfolder of their own for that home, so two homes never mix.

Each draft is made with O_EXCL under an unpredictable name, ``draft-PID-XXXXXXXX.txt`` (PID: the
mindlog that made it), 0600, and removed after use; mindlog removes it also when it is stopped
(SIGHUP when the terminal closes, SIGTERM) while the editor is open. Only a kill that leaves no
time (SIGKILL, a power cut) leaves one behind: ``leftovers`` finds drafts whose mindlog is no
longer running (and ``edit-PID.txt`` files from earlier versions), so ``mindlog doctor`` can offer
the words back and ``remove`` can tidy them away. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from pathlib import Path

from mindlog.domain.errors import MindlogError
from mindlog.store.paths import FILE_MODE, Locations, ensure_dir, new_private_file, runtime_folder

RUNTIME_FOLDER = "mindlog"
STATE_FOLDER = "drafts"
PREFIX = "draft-"
SUFFIX = ".txt"
_DRAFT = re.compile(r"^draft-(\d+)-[A-Za-z0-9_]+\.txt$")
_LEGACY = re.compile(r"^edit-(\d+)\.txt$")  # mindlog before drafts: state/edit-PID.txt


def _runtime_folder(where: Locations) -> Path | None:
    base = runtime_folder()
    if base is None:
        return None
    folder = base / RUNTIME_FOLDER
    if os.environ.get("MINDLOG_HOME"):
        home = hashlib.sha256(os.fsencode(os.path.abspath(where.state))).hexdigest()[:16]
        folder = folder / f"home-{home}"
    return folder


def folders(where: Locations) -> list[Path]:
    """Every folder a draft of this home may be in: the runtime folder first, then the state's."""
    found = [where.state / STATE_FOLDER]
    runtime = _runtime_folder(where)
    return [runtime, *found] if runtime is not None else found


def folder(where: Locations) -> Path:
    """The folder new drafts go in, created 0700."""
    runtime = _runtime_folder(where)
    if runtime is not None:
        with contextlib.suppress(MindlogError):  # then the state folder
            return ensure_dir(runtime)
    return ensure_dir(where.state / STATE_FOLDER)


def create(where: Locations, text: str) -> Path:
    """A new draft holding ``text`` exactly (line endings as they are), 0600."""
    fd, path = new_private_file(folder(where), f"{PREFIX}{os.getpid()}-", SUFFIX)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except BaseException:
        remove(path)
        raise
    return path


def remove(path: Path) -> None:
    """Remove a draft; one already gone is fine."""
    with contextlib.suppress(OSError):
        os.unlink(path)


def _running(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, someone else's: the number was reused; not ours to judge
    return True


def leftovers(where: Locations) -> list[Path]:
    """Drafts whose mindlog is no longer running, oldest first: words written when it stopped.

    A draft of a mindlog still running (its editor open in another terminal) is never listed.
    Links and anything that is not a regular file are left alone.
    """
    found: list[tuple[float, Path]] = []
    places = [(f, _DRAFT) for f in folders(where)] + [(where.state, _LEGACY)]
    for place, pattern in places:
        try:
            names = os.listdir(place)
        except OSError:
            continue
        for name in names:
            match = pattern.match(name)
            if match is None or _running(int(match.group(1))):
                continue
            path = place / name
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                found.append((info.st_mtime, path))
    return [path for _, path in sorted(found)]


def remove_leftovers(where: Locations) -> list[Path]:
    """Remove every leftover draft; the paths removed."""
    gone = leftovers(where)
    for path in gone:
        remove(path)
    return gone
