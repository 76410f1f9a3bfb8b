"""Where mindlog keeps its files, and how they are created.

``$MINDLOG_HOME`` moves everything under one folder. Otherwise platformdirs' user folders for
``mindlog`` are used: the journal and the support plan in the data folder, settings in the config
folder, and machine-local state (this device's id, caches, the greeting's marker) in the state
folder. Folders are created 0700 and files 0600 whatever the umask. A folder that is a symbolic
link is used through the link, never replaced. Shared folders above mindlog's own (``~/.local``,
``~/.local/share``, ``~/.config``) that do not exist yet are created 0755 (or stricter, as the umask
asks), never writable by others.

Files are replaced atomically through a temporary file in the same folder, made with O_EXCL under
an unpredictable name (``.NAME.XXXXXXXX.tmp``), so a link planted there is never followed. A write
interrupted by a kill can leave one behind; ``leftover_temp_files`` finds them by age, and a
writer holding the lock every writer of a file holds removes that file's (``remove_temp_files``).
``crash_point`` marks where a write may be cut short, for the tests that kill mindlog there.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from mindlog.domain.errors import StoreError
from mindlog.domain.record import record

DIR_MODE = 0o700
FILE_MODE = 0o600
SHARED_DIR_MODE = 0o755  # folders above mindlog's own: the usual mode, never writable by others
TEMP_SUFFIX = ".tmp"
CRASH_VARIABLE = "MINDLOG_TEST_CRASH_AT"  # tests only: see ``crash_point``
LEFTOVER_AGE = 60.0  # seconds: a temporary file older than this belongs to no write under way


@record(frozen=True)
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
    created 0755, less what the umask takes away: never writable by others, even under umask 000.
    """
    try:
        if not path.is_dir():
            missing = [path, *(p for p in path.parents if not p.exists())]
            for folder in reversed(missing):
                if folder == path or _mindlogs_own(folder):
                    folder.mkdir(mode=DIR_MODE, exist_ok=True)
                    os.chmod(folder, DIR_MODE)
                else:
                    folder.mkdir(mode=SHARED_DIR_MODE, exist_ok=True)
        st = path.stat()
        if st.st_mode & 0o777 != DIR_MODE and st.st_uid == os.getuid():
            os.chmod(path, DIR_MODE)
    except OSError as exc:
        raise StoreError(f"cannot create the folder {path}: {exc.strerror or exc}") from exc
    return path


@contextlib.contextmanager
def flocked(lock_file: Path, what: str, busy: str | None = None) -> Iterator[None]:
    """Hold an exclusive flock on ``lock_file`` (made 0600 if new, never opened through a link
    planted at its name). ``what`` names the lock in the one-line error when it cannot be opened.
    With ``busy``, a lock another process holds is not waited for: StoreError(busy) at once."""
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    except OSError as exc:
        raise StoreError(f"cannot open {what}: {exc.strerror}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if busy is None else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(str(busy)) from None
        yield
    finally:
        os.close(fd)


_steps = 0


def crash_point() -> None:
    """A point where a write to the disk may be cut short; tests kill the process at the Nth.

    Only when ``MINDLOG_TEST_CRASH_AT`` is set (tests/test_crash_safety.py sets it to N, in a real
    process it then kills with SIGKILL at the Nth point, as a power cut or ``kill -9`` would).
    Unset, it costs one look at the environment.
    """
    wanted = os.environ.get(CRASH_VARIABLE)
    if not wanted:
        return
    global _steps
    _steps += 1
    if str(_steps) == wanted.strip():
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def atomic_write(
    path: Path,
    data: bytes,
    *,
    own_folder: bool = True,
    follow_links: bool = True,
    durable: bool = True,
) -> None:
    """Replace the file at ``path`` with ``data`` so that readers see the old or the new whole.

    A path that is a symbolic link is written through: the link's target is replaced, the link
    stays (mindlog's own files that the person linked elsewhere keep working). With
    ``follow_links=False`` a link at ``path`` is itself replaced by the file, and whatever it
    pointed to is left untouched. The new file is written to a temporary file with an
    unpredictable name made with O_EXCL in the target's folder (never through a link planted
    there), 0600, fsynced before the rename and the folder after it. With ``own_folder=False``
    (a file the person chose, such as an export) the folder must exist and is left exactly as it
    is: mindlog makes private only the folders it owns. ``durable=False`` skips the fsyncs, for
    caches that can be rebuilt (the replace stays atomic).
    """
    if follow_links:
        target = Path(os.path.realpath(path))
    else:
        # The link (or file) at ``path`` itself; the folder above it may be a link, which is fine.
        target = Path(os.path.realpath(path.parent)) / path.name
    if own_folder:
        ensure_dir(target.parent)
    fd, tmp = new_private_file(target.parent, f".{target.name}.", TEMP_SUFFIX)
    try:
        os.fchmod(fd, FILE_MODE)
        write_all(fd, data)
        if durable:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink_quietly(tmp)
        raise
    os.close(fd)
    crash_point()
    try:
        os.replace(tmp, target)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    if durable:
        crash_point()
        fsync_dir(target.parent)


def write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` at ``fd``, however many writes it takes (a crash point halfway)."""
    view = memoryview(data)
    half = len(view) // 2
    _write(fd, view[:half])
    crash_point()
    _write(fd, view[half:])


def _write(fd: int, view: memoryview) -> None:
    while view:
        view = view[os.write(fd, view) :]


# ``.NAME.XXXXXXXX.tmp`` (atomic_write) and ``.NAME.PID.tmp`` (mindlog before 0.2). This and
# _OWN_TEMP are compiled when first used (re keeps them): most commands never look for these.
_TEMP_NAME = r"^\..+\.[A-Za-z0-9_]{1,32}\.tmp$"


# Exactly the names atomic_write gives (``.NAME.`` and 12 hex digits) and mindlog before 0.2 gave
# (``.NAME.PID.tmp``): never a sync tool's own temporary files (``.syncthing.NAME.tmp``).
_OWN_TEMP = r"^\.(?P<target>.+)\.(?:[0-9a-f]{12}|[0-9]{1,10})\.tmp$"


def temp_target(name: str) -> str | None:
    """The name of the file whose atomic write made the temporary file ``name``; None when
    ``name`` is not one of mindlog's temporary files."""
    found = re.match(_OWN_TEMP, name)
    return found.group("target") if found else None


def remove_temp_files(folder: Path, wanted: Callable[[str], bool]) -> list[Path]:
    """Remove mindlog's temporary files in ``folder`` made for a file whose name ``wanted``
    accepts (regular files only, never links); returns what was removed.

    Call it only holding the lock every writer of those files holds: then none of them belongs
    to a write under way, and each is what a write cut short (a kill, a power cut) left behind,
    a whole or partial copy of the file it was replacing. The file itself is as it was before
    that write (the rename never happened), so nothing is lost with the copy.
    """
    removed: list[Path] = []
    try:
        found = os.scandir(folder)
    except OSError:
        return removed
    with found:
        for item in found:
            target = temp_target(item.name)
            if target is None or not wanted(target):
                continue
            try:
                if item.is_file(follow_symlinks=False):
                    os.unlink(item.path)
                    removed.append(Path(item.path))
            except OSError:
                continue
    if removed:
        fsync_dir(folder)
    return removed


def leftover_temp_files(folder: Path, *, older_than: float = LEFTOVER_AGE) -> list[Path]:
    """Temporary files an interrupted atomic write left in ``folder``, oldest first.

    Only regular files (never links) whose name has the shape of mindlog's temporary files and
    that nothing has touched for ``older_than`` seconds: a write under way is never listed. They
    hold a copy of what was being written (possibly words that were later forgotten), so they
    are safe to remove. Nothing is removed here; a folder that cannot be read gives ``[]``.
    """
    found: list[tuple[float, Path]] = []
    now = time.time()
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        if not re.match(_TEMP_NAME, name):
            continue
        path = folder / name
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= older_than:
            found.append((info.st_mtime, path))
    return [path for _, path in sorted(found)]


def new_private_file(folder: Path, prefix: str, suffix: str) -> tuple[int, Path]:
    """A new empty file ``PREFIX`` + 12 random hex digits + ``SUFFIX`` in ``folder``, 0600.

    As tempfile.mkstemp does: O_EXCL, so an existing name (a link planted there included) is
    never opened, only another name tried; O_NOFOLLOW and O_CLOEXEC too. (tempfile itself
    costs a few milliseconds to import, at every login.) Returns the open descriptor and path.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(100):
        path = folder / f"{prefix}{os.urandom(6).hex()}{suffix}"
        try:
            return os.open(path, flags, FILE_MODE), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


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


def runtime_folder() -> Path | None:
    """``$XDG_RUNTIME_DIR`` (memory-backed, this login's) when it is set, a folder, and the
    person's own; else None. Drafts and an unlocked key live there, never in synced folders."""
    value = os.environ.get("XDG_RUNTIME_DIR")
    if not value or not os.path.isabs(value):
        return None
    try:
        info = os.stat(value)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return None
    return Path(value)
