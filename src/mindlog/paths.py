"""Where mindlog keeps its files, and how they are created.

``$MINDLOG_HOME`` moves everything under one folder. Otherwise platformdirs' user folders for
``mindlog`` are used: the journal and the support plan in the data folder, settings in the config
folder, and machine-local state (this device's id, caches, the greeting's marker) in the state
folder. Folders are created 0700 and files 0600 whatever the umask. A folder that is a symbolic
link is used through the link, never replaced.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from mindlog.errors import StoreError

DIR_MODE = 0o700
FILE_MODE = 0o600


@dataclass(frozen=True)
class Locations:
    data: Path  # the support plan and other personal files
    journal: Path  # the event log folder: one file per device; safe to sync between machines
    config: Path  # config.json
    state: Path  # machine-local: device id, caches, greeting marker; never synced

    @property
    def config_file(self) -> Path:
        return self.config / "config.json"


def check_home() -> None:
    """A MINDLOG_HOME that is a file is said plainly, never read as an empty journal."""
    home = os.environ.get("MINDLOG_HOME")
    folder = os.path.expanduser(home) if home else None
    if folder and os.path.exists(folder) and not os.path.isdir(folder):
        raise StoreError(
            f"MINDLOG_HOME is {home}, which is a file, not a folder",
            "point MINDLOG_HOME at a folder, or unset it",
        )


def locations() -> Locations:
    home = os.environ.get("MINDLOG_HOME")
    if home:
        base = Path(home).expanduser()
        return Locations(data=base, journal=base / "journal", config=base, state=base / "state")
    import platformdirs

    data = Path(platformdirs.user_data_dir("mindlog", appauthor=False))
    return Locations(
        data=data,
        journal=data / "journal",
        config=Path(platformdirs.user_config_dir("mindlog", appauthor=False)),
        state=Path(platformdirs.user_state_dir("mindlog", appauthor=False)),
    )


def _mindlogs_own(folder: Path) -> bool:
    """True for $MINDLOG_HOME and the folders named mindlog (and all below them); False for the
    shared folders above them, such as ~/.local/share, which belong to the person's system."""
    home = os.environ.get("MINDLOG_HOME")
    if home:
        base = Path(home).expanduser()
        if folder == base or base in folder.parents:
            return True
    return "mindlog" in folder.parts


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (and parents) as private folders; tighten a folder mindlog owns.

    Missing shared folders above mindlog's own (``~/.local/state`` on a new account, say) are
    created as any program would, with the umask's mode.
    """
    try:
        if not path.is_dir():
            missing = [path, *(p for p in path.parents if not p.exists())]
            for folder in reversed(missing):
                if folder == path or _mindlogs_own(folder):
                    folder.mkdir(mode=DIR_MODE, exist_ok=True)
                    os.chmod(folder, DIR_MODE)
                else:
                    folder.mkdir(exist_ok=True)
        st = path.stat()
        if st.st_mode & 0o777 != DIR_MODE and st.st_uid == os.getuid():
            os.chmod(path, DIR_MODE)
    except OSError as exc:
        raise StoreError(f"cannot create the folder {path}: {exc.strerror or exc}") from exc
    return path


def atomic_write(path: Path, data: bytes, *, own_folder: bool = True) -> None:
    """Replace the file at ``path`` with ``data`` so that readers see the old or the new whole.

    A path that is a symbolic link is written through: the link's target is replaced, the link
    stays. The new file is fsynced before the rename and the folder after it. With
    ``own_folder=False`` (a file the person chose, such as an export) the folder must exist and
    is left exactly as it is: mindlog makes private only the folders it owns.
    """
    target = Path(os.path.realpath(path))
    if own_folder:
        ensure_dir(target.parent)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink_quietly(tmp)
        raise
    os.close(fd)
    try:
        os.replace(tmp, target)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    fsync_dir(target.parent)


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
