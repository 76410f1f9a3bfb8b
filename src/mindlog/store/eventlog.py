"""The journal on disk: an append-only event log, one JSON Lines file per device.

Layout of the journal folder::

    format.json          {"schema": 2}: a newer mindlog raises it; an older one then stops writing
                         ({"schema": 3, "sealed": "age"}: the journal is encrypted, see below;
                         a damaged one stops nothing: the lines tell, see Store.check_writable)
    keys.json            an encrypted journal's key (mindlog.store.keys)
    <device>.jsonl       one device's events, one JSON object per line, only ever appended to
    .lock                taken (flock) by every writer, so writers on one machine never interleave
    damaged/             lines `mindlog doctor --repair` set aside (never read as events)

The rules every device keeps (docs/store.md, "How mindlog keeps your words", says them for people):

1. Ownership. A device appends only to its own file, named ``<host>-<random>.jsonl`` and remembered
   per machine in the state folder (mindlog.store.identity). Nothing ever rewrites another
   device's file.
2. Order that survives clocks. Every line carries ``t``, a hybrid logical clock in microseconds:
   the wall clock, but never less than one more than the greatest ``t`` already in the journal's
   files. A change is therefore ordered after everything its writer had seen, whatever the clocks,
   and in that order the last writer wins across kinds of change (mindlog.domain.journal.replay).
3. Idempotent replay. Every line carries its own id ``eid``; a line met twice (in a sync tool's
   conflicted copy, or a file copied under two names) counts once.
4. Forgetting propagates: ``forget`` names the delete it makes final; every device drops the
   entry's lines from its own file when it compacts, and keeps a copy of the forget line there
   (as it takes in the forget lines of a conflicted copy), so no older copy of a file brings the
   entry back.

An event (schema 2; schema 1 lines, without ``eid`` and ``t``, are still read: their id is a hash
of the line and their ``t`` the time stamp they carry)::

    {"v": 2, "eid": E, "t": T, "op": "add", "entry": {...}}
    {"v": 2, "eid": E, "t": T, "op": "update", "id": ID, "at": AT, "set": {...},
                                                "tags_add": [...], "tags_remove": [...]}
    {"v": 2, "eid": E, "t": T, "op": "delete", "id": ID, "at": AT}
    {"v": 2, "eid": E, "t": T, "op": "restore", "id": ID, "at": AT, "undoes": E, "entry": {...}}
    {"v": 2, "eid": E, "t": T, "op": "forget", "id": ID, "deleted_by": E, "deleted_t": T}

Encryption (mindlog.store.keys, mindlog.store.crypto; imported only for an encrypted journal). In a journal
whose format.json says ``"schema": 3`` every new line is sealed on its own for the journal's
public key, so writing never needs the passphrase. Its id and clock stay visible, so ordering,
dedup and damage handling work without the key; the rest, with the same id and clock inside to
bind them, is an age message (older mindlogs read such a line as one of a newer version and
leave it alone, and refuse to write to the journal)::

    {"v": 3, "eid": E, "t": T, "sealed": "<base64 age message of the schema 2 line>"}

A sealed line that cannot be opened (changed, or sealed for another key) is damaged; one met
while the key is not unlocked stops the read (LockedError), never counted as damage. Whether a
write is sealed is decided while it holds the lock (``check_writable``), from format.json and
keys.json (mindlog.store.format.sealed_by): ``encrypt`` and ``decrypt`` change them only under it.

A write appends whole lines under the lock and fsyncs before it returns, so a write that returned
survives a crash. Rewrites (sealing, compaction, repair) replace a file whole (paths.atomic_write)
under the lock; taking the lock removes the temporary copies one cut short left behind. Reading
never fails on a line: one that cannot be used is skipped, its bytes left in place, and reported
as a Problem (file and line number, never the text). This module checks the shape of a line;
mindlog.domain.model checks each entry's fields. It never prints.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from mindlog.domain.errors import NewerStoreError, StoreError
from mindlog.domain.model import Problem
from mindlog.domain.record import field, record
from mindlog.store import identity, lines
from mindlog.store.format import (
    FORMAT_FILE,
    KEYS_FILE,
    PLAN_KEY,
    SEALED_FORMAT,
    format_sealed,
    plan_choice,
    rank,
    read_schema,
    sealed_by,
    sealed_journal,
)
from mindlog.store.lines import SCHEMA, encode_event, parse_line, seal_event
from mindlog.store.paths import (
    FILE_MODE,
    Locations,
    atomic_write,
    ensure_dir,
    flocked,
    fsync_dir,
    remove_temp_files,
    temp_target,
    write_all,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from typing import Any

OPS = ("add", "update", "delete", "restore", "forget")
LOCK_FILE = ".lock"
SUFFIX = identity.SUFFIX  # ".jsonl"
TAIL = 64 * 1024  # bytes read from the end of each file to find the greatest clock in it
TAIL_LINES = 16  # whole lines looked at there
# The journal's clock follows lines only up to FAR_CLOCK (the year 146,140 in microseconds), so
# that a line from a device gone wrong can never push the next write's clock to where it could
# not be read back (lines.MAX_CLOCK is the greatest a line may carry).
FAR_CLOCK = 2**62

# How the common sync tools name the copy they keep when two machines changed one file:
#   Syncthing    NAME.sync-conflict-20261128-101010-ABCDEFG.jsonl
#   Dropbox      NAME (conflicted copy 2026-11-28).jsonl, NAME (Anna's conflicted copy 2026-11-28).jsonl
#   Nextcloud    NAME (conflicted copy 2026-11-28 101010).jsonl
#   Unison 2.52  NAME (conflict_on_2026-11-28).jsonl, NAME (conflict #1_on_2026-11-28).jsonl
#   Google Drive NAME (1).jsonl
#   OneDrive     NAME-HOSTNAME.jsonl (recognised when NAME.jsonl is there too)
# These (pattern, flags) and _DEVICE_TAIL are compiled when first used (re keeps them): a command
# that only writes never reads another file's name.
_CONFLICT_MARKS = (
    (r"^(?P<base>.+?)\.sync-conflict-\d{8}-\d{6}(-[A-Za-z0-9]+)?$", 0),
    (r"^(?P<base>.+?) \([^()]*conflict[^()]*\)$", re.IGNORECASE),
    (r"^(?P<base>.+?) \(\d+\)$", 0),
)


_DEVICE_TAIL = r"(.*-)?[0-9a-f]{8}"


@record
class ReadResult:
    events: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    newer: bool = False  # some data was written by a newer mindlog
    duplicates: int = 0  # lines met a second time (conflicted copies); counted once
    conflicts: dict[str, str] = field(default_factory=dict)  # conflicted copy -> the file it copies
    clock: int = 0  # the greatest ``t`` read


def conflict_base(name: str, names: set[str]) -> str | None:
    """The device file that ``name`` is a sync tool's conflicted copy of, or None."""
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    for mark, flags in _CONFLICT_MARKS:
        found = re.match(mark, stem, flags)
        if found:
            return found.group("base") + SUFFIX
    # OneDrive: NAME-HOSTNAME beside NAME (a device's own name ends in 8 hex); the longest such
    # NAME. Each "-" of the name is tried, never every other name: a folder of a thousand files
    # is sorted out in a thousand steps, not a million.
    cut = len(stem)
    while (cut := stem.rfind("-", 0, cut)) >= 0:
        other = stem[:cut] + SUFFIX
        if other != name and other in names and not re.fullmatch(_DEVICE_TAIL, stem[cut + 1 :]):
            return other
    return None


def _wall_clock() -> int:
    return time.time_ns() // 1000


class Store:
    def __init__(self, where: Locations, clock: Callable[[], int] = _wall_clock) -> None:
        self.where = where
        self.folder = where.journal
        self.clock = (
            clock  # the wall clock in microseconds; the journal's clock never goes below it
        )
        self._locked = False
        self._names: list[str] = []  # the journal folder's names, seen when the lock was taken
        self.tidied: list[Path] = []  # what taking the lock removed (see ``rewrite_leftovers``)
        self._device: str | None = None
        self.sealed = False  # the journal is encrypted (known after check_writable)
        lines.open_for(where)  # sealed lines read from now on open with this journal's key

    # -- reading ---------------------------------------------------------------------------

    def files(self) -> list[Path]:
        if self.folder.exists() and not self.folder.is_dir():
            raise StoreError(f"the journal {self.folder} is not a folder; nothing was read from it")
        try:
            return sorted(p for p in self.folder.glob("*" + SUFFIX) if p.is_file())
        except OSError as exc:
            raise StoreError(
                f"cannot read the journal folder {self.folder}: {exc.strerror}"
            ) from exc

    def read(self) -> ReadResult:
        """Every readable event of every device file, once each, tagged with ``_file`` and ``_line``.

        Files that are not conflicted copies are read first, so that a line met twice is credited
        to the device file that holds it.
        """
        result = ReadResult()
        if not self.folder.exists():
            return result
        paths = self.files()
        names = {p.name for p in paths}
        for path in paths:
            base = conflict_base(path.name, names)
            if base is not None:
                result.conflicts[path.name] = base
        seen: set[str] = set()
        for path in sorted(paths, key=lambda p: (p.name in result.conflicts, p.name)):
            try:
                data = path.read_bytes()
            except OSError as exc:
                result.problems.append(Problem(path.name, 0, f"cannot be read ({exc.strerror})"))
                continue
            self._read_lines(path.name, data, result, seen)
        return result

    def _read_lines(self, name: str, data: bytes, result: ReadResult, seen: set[str]) -> None:
        lines = data.split(b"\n")
        torn = lines[-1] != b""
        if not torn:
            lines.pop()
        last = len(lines)
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            parsed = parse_line(raw)
            if isinstance(parsed, str):
                if torn and number == last:
                    parsed = "an unfinished last line (a write that was cut short)"
                if "newer version" in parsed:
                    result.newer = True
                result.problems.append(Problem(name, number, parsed))
                continue
            if parsed["eid"] in seen:
                # Every device keeps a copy of a forget line in its own file (rule 4).
                if parsed.get("op") != "forget" or name in result.conflicts:
                    result.duplicates += 1
                continue
            seen.add(parsed["eid"])
            if parsed["t"] <= FAR_CLOCK:
                result.clock = max(result.clock, parsed["t"])
            parsed["_file"] = name
            parsed["_line"] = number
            result.events.append(parsed)

    # -- this device -------------------------------------------------------------------------

    def device(self) -> str:
        """This machine's name for its own journal file (mindlog.store.identity: kept in the
        state folder under the machine's key, twice, and found again from the journal when
        both copies are damaged, so that no damage makes this machine start a new file)."""
        if self._device is None:
            self._device = identity.device_name(self.where, self._file_names)
        return self._device

    def _file_names(self) -> list[str]:
        return [p.name for p in self.files()] if self.folder.is_dir() else []

    def own_file(self) -> Path:
        """The one file this device writes."""
        return self.folder / (self.device() + SUFFIX)

    # -- writing ---------------------------------------------------------------------------

    def check_writable(self) -> None:
        """Refuse to write to a journal that a newer mindlog has marked as its own, and decide
        whether what is written now is sealed (``self.sealed``, mindlog.store.format.sealed_by;
        when format.json is damaged, keys.json and the lines say: ``sealed_by_lines``).

        Called holding the journal's lock (``append`` does), so that the decision holds for the
        lines written under it: an ``encrypt`` or ``decrypt`` changes it only under the lock.
        There, conflicted copies of format.json are merged into it (the highest schema wins), and
        a format.json older than keys.json says is put back to the sealed one.
        """
        path = self.folder / FORMAT_FILE
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raw = None
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror}") from exc
        schema = read_schema(raw) if raw is not None else None
        if raw is not None and schema is None:
            # Damaged: the lines say what it would have (`doctor` reports the file and
            # `doctor --repair` writes it anew); a word is never held back for it.
            self.sealed = self.sealed_by_lines()
            return
        if self._locked:
            raw, schema = self._merge_format_copies(raw, schema)
        self.sealed = sealed_by(self.folder, raw)
        if self.sealed and (format_sealed(raw) or schema is None or schema <= SCHEMA):
            if self._locked and not format_sealed(raw):  # never downgraded (format.py)
                self.write_format(sealed=True)
            return
        if schema is not None and schema > SCHEMA:
            raise NewerStoreError(
                "this journal was written by a newer version of mindlog; "
                "update mindlog before writing to it (nothing was changed)"
            )
        if schema != SCHEMA:
            self.write_format()

    def _merge_format_copies(
        self, raw: bytes | None, schema: int | None
    ) -> tuple[bytes | None, int | None]:
        """format.json merged with the conflicted copies a sync tool made of it: the copy
        furthest along (mindlog.store.format.rank) becomes format.json; the copies that could be
        read are removed. Under the lock only."""
        copies = [name for name in self._names if _format_copy(name)]
        if not copies:
            return raw, schema
        best = raw
        merged: list[Path] = []
        for name in copies:
            path = self.folder / name
            try:
                found = path.read_bytes()
            except OSError:
                continue
            if read_schema(found) is None:
                continue  # a damaged copy is left where it is
            merged.append(path)
            if best is None or rank(found) > rank(best):
                best = found
        if best is not raw and best is not None:
            try:
                atomic_write(self.folder / FORMAT_FILE, best, follow_links=False)
            except OSError as exc:
                raise StoreError(f"cannot write to the journal: {exc.strerror}") from exc
        for path in merged:
            with contextlib.suppress(OSError):
                path.unlink()
        self._names = [name for name in self._names if name not in copies]
        return best, read_schema(best) if best is not None else None

    def check_sealed(self) -> bool:
        """True when what is written to the journal is sealed (format.json, or keys.json, says
        so: mindlog.store.format.sealed_by; when format.json is damaged, the lines say so)."""
        self.sealed = sealed_journal(self.folder)
        if not self.sealed and self.format_damaged():
            with contextlib.suppress(NewerStoreError):
                self.sealed = self.sealed_by_lines()
        return self.sealed

    def format_damaged(self) -> bool:
        """format.json is there but names no schema."""
        try:
            raw = (self.folder / FORMAT_FILE).read_bytes()
        except OSError:
            return False
        return read_schema(raw) is None

    def sealed_by_lines(self) -> bool:
        """Whether the journal is encrypted, told without format.json: keys.json is there, or
        some line is sealed. NewerStoreError when some line is of a newer mindlog (its format
        cannot be known, so nothing is written)."""
        sealed = os.path.lexists(self.folder / KEYS_FILE)
        for path in self.files() if self.folder.exists() else []:
            try:
                data = path.read_bytes()
            except OSError:
                continue
            for raw in data.split(b"\n"):
                parsed = parse_line(raw, unseal=False) if raw.strip() else None
                if isinstance(parsed, dict):
                    sealed = sealed or parsed.get("v") == lines.SEALED_V
                elif parsed is not None and "newer version" in parsed:
                    raise NewerStoreError(
                        "format.json is damaged and some of this journal was written by a newer "
                        "version of mindlog; update mindlog before writing to it "
                        "(nothing was changed)"
                    )
        return sealed

    def write_format(
        self, sealed: bool = False, *, decrypted: bool = False, plan: str | None = None
    ) -> None:
        """Write format.json: sealed, plain, or ``decrypted`` (plain, with keys.json kept: see
        mindlog.store.format). Sealed, it keeps how the plan is kept (``plan``, or as it was:
        mindlog.store.format.plan_choice)."""
        ensure_dir(self.folder)
        info: dict[str, Any] = {"schema": SCHEMA}
        if sealed:
            info = {"schema": SEALED_FORMAT, "sealed": "age"}
            choice = plan if plan is not None else plan_choice(self.folder)
            if choice is not None:
                info[PLAN_KEY] = choice
        elif decrypted:
            info["decrypted"] = "age"
        try:
            atomic_write(  # a link at its name is replaced, never written through
                self.folder / FORMAT_FILE,
                (json.dumps(info) + "\n").encode(),
                follow_links=False,
            )
        except OSError as exc:
            raise StoreError(f"cannot write to the journal: {exc.strerror}") from exc

    @contextlib.contextmanager
    def lock(self, blocking: bool = True, *, tidy: bool = True) -> Iterator[None]:
        """Hold the journal's exclusive lock (flock on ``.lock``).

        Re-entrant for this Store: a read-then-write that holds the lock can append through the
        same Store without waiting on itself. Taking it removes what a rewrite cut short left in
        the journal folder (``rewrite_leftovers``, kept in ``tidied``), unless ``tidy`` is False.
        """
        if self._locked:
            yield
            return
        ensure_dir(self.folder)
        busy = None if blocking else "another mindlog is writing to the journal; try again"
        with flocked(self.folder / LOCK_FILE, "the journal's lock", busy):
            self._locked = True
            try:
                self._names = _names(self.folder)
                if tidy:
                    self.tidied = self._tidy()
                yield
            finally:
                self._locked = False
                self._names = []

    def rewrite_leftovers(self) -> list[Path]:
        """The temporary copies that rewrites cut short left in the journal folder: of a device
        file, format.json or keys.json, and of the copies doctor and encryption set aside in
        damaged/. Every mindlog writes these only holding the journal's lock, so, looked at
        under it, none belongs to a write under way (a rewrite replaces its file only once the
        copy is whole, so each file is still as it was)."""
        if not self._locked:
            raise RuntimeError("rewrite_leftovers needs the journal's lock")
        found = [
            self.folder / name
            for name in self._names
            if (target := temp_target(name)) is not None and _journal_file(target)
        ]
        if DAMAGED in self._names:
            found += [
                self.folder / DAMAGED / name
                for name in _names(self.folder / DAMAGED)
                if temp_target(name) is not None
            ]
        return [path for path in found if path.is_file() and not path.is_symlink()]

    def _tidy(self) -> list[Path]:
        if DAMAGED not in self._names and not any(n.endswith(".tmp") for n in self._names):
            return []  # the usual case: nothing left behind, nothing more to look at
        # Of the device files, only this device's own: another device rewrites only its own
        # file, under a lock of its own, and a copy a sync tool brought of its temporary file may
        # be one it is still writing (doctor names it once it is old).
        own = self.own_file().name
        removed = remove_temp_files(
            self.folder, lambda target: target == own or target in (FORMAT_FILE, KEYS_FILE)
        )
        if DAMAGED in self._names:
            removed += remove_temp_files(self.folder / DAMAGED, lambda target: True)
        self._names = _names(self.folder)
        return removed

    def latest_clock(self) -> int:
        """The greatest ``t`` at the end of any file in the journal (each file's clock only grows)."""
        latest = 0
        for path in self.files() if self.folder.exists() else []:
            latest = max(latest, _tail_clock(path))
        return latest

    def append(self, events: list[dict[str, Any]], after: int = 0) -> list[dict[str, Any]]:
        """Append ``events`` as whole lines, durably, or raise StoreError having written nothing.

        Each gets its own ``eid`` and a ``t`` greater than ``after`` and than every ``t`` in the
        journal's files. Returns the events as written.
        """
        path = self.own_file()
        with self.lock():
            self.check_writable()  # under the lock: an encrypt cannot come between (format.py)
            clock = max(self.clock(), after + 1, self.latest_clock() + 1)
            written = [
                {"v": SCHEMA, "eid": os.urandom(8).hex(), "t": clock + n, **event}
                for n, event in enumerate(events)
            ]
            lines = written
            if self.sealed:
                from mindlog.store import keys, sealing

                to = keys.recipient(self.where)
                if not sealing.sealed_already(self, to):  # plain lines from before: seal them
                    sealing.seal_own(self, to)
                plain = sealing.stays_plain(self, written)  # a readable plan (format.plan_choice)
                lines = [
                    e if keep else seal_event(e, to) for e, keep in zip(written, plain, strict=True)
                ]
            data = [encode_event(e) for e in lines]
            for event, line in zip(written, data, strict=True):
                event["_bytes"] = len(line)  # what the line took on disk (caches follow appends)
            self.append_lines(path, b"".join(data))
        return written

    def append_lines(self, path: Path, data: bytes) -> None:
        """Append whole lines to this device's ``path``, durably; nothing is left half-written."""
        try:
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
        except OSError as exc:
            raise StoreError(f"cannot write to the journal: {exc.strerror}") from exc
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise StoreError(f"{path} is not a plain file; nothing was written")
            size = info.st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                data = b"\n" + data  # never glue a new line onto a torn one
            try:
                write_all(fd, data)
                os.fsync(fd)
            except BaseException as exc:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, size)  # take back a partial line: nothing half-written
                    os.fsync(fd)
                if isinstance(exc, OSError):
                    raise StoreError(f"cannot write to the journal: {exc.strerror}") from exc
                raise
            if info.st_mode & 0o777 != FILE_MODE:
                os.fchmod(fd, FILE_MODE)
        finally:
            os.close(fd)
        if size == 0:
            fsync_dir(self.folder)


DAMAGED = "damaged"  # the folder of lines set aside (mindlog.usecases.repair, store.sealing)


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _journal_file(name: str) -> bool:
    """A file of the journal folder that mindlog rewrites whole (under the journal's lock)."""
    return name.endswith(SUFFIX) or name in (FORMAT_FILE, KEYS_FILE)


def _format_copy(name: str) -> bool:
    """A sync tool's conflicted copy of format.json (named as ``_CONFLICT_MARKS`` say)."""
    if not (name.startswith("format") and name.endswith(".json")) or name == FORMAT_FILE:
        return False
    stem = name[: -len(".json")]
    return any(
        (found := re.match(mark, stem, flags)) is not None and found.group("base") == "format"
        for mark, flags in _CONFLICT_MARKS
    )


def _tail_clock(path: Path) -> int:
    """The greatest ``t`` among the whole lines in the last part of ``path``."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            start = max(0, size - TAIL)
            handle.seek(start)
            data = handle.read()
    except OSError:
        return 0
    lines = data.split(b"\n")
    if start:
        lines = lines[1:]  # the first piece may be part of a line
    latest, counted = 0, 0
    for raw in reversed(lines):  # the last few whole lines are enough: a file's clock only grows
        parsed = parse_line(raw, unseal=False) if raw.strip() else None
        if isinstance(parsed, dict) and parsed["t"] <= FAR_CLOCK:
            latest = max(latest, parsed["t"])
            counted += 1
            if counted == TAIL_LINES:
                break
    return latest
