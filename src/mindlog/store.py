"""The journal on disk: an append-only event log, one JSON Lines file per device.

Layout of the journal folder::

    format.json          {"schema": 1}: a newer mindlog raises it; an older one then stops writing
    <device>.jsonl       this machine's events, one JSON object per line, only ever appended to
    .lock                taken (flock) by every writer, so writers on one machine never interleave

Each device appends only to its own file and reading merges them all, so a journal folder synced
between machines (Syncthing, Dropbox, git) never has two machines writing the same file.

An event is one of::

    {"v": 1, "op": "add", "entry": {...}}                        a new entry
    {"v": 1, "op": "update", "id": ID, "at": T, "set": {...}}     new values for some fields
    {"v": 1, "op": "delete", "id": ID, "at": T}                   the entry is removed (kept in the log)
    {"v": 1, "op": "restore", "id": ID, "at": T}                  a removed entry is brought back

A write appends whole lines under the lock and fsyncs before it returns, so a write that returned
survives a crash. Reading never fails on a damaged line: it skips it, leaves its bytes in place,
and reports it as a Problem (file and line number, never the text). This module never prints.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mindlog.errors import NewerStoreError, StoreError
from mindlog.paths import FILE_MODE, Locations, atomic_write, ensure_dir, fsync_dir

SCHEMA = 1
OPS = ("add", "update", "delete", "restore")
FORMAT_FILE = "format.json"
LOCK_FILE = ".lock"
SUFFIX = ".jsonl"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str


@dataclass
class ReadResult:
    events: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    newer: bool = False  # some data was written by a newer mindlog


def encode_event(event: dict[str, Any]) -> bytes:
    """One event as one line of UTF-8 JSON (newline included)."""
    try:
        return (json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    except UnicodeEncodeError as exc:
        raise StoreError("the text is not valid UTF-8, so it was not saved") from exc


def parse_line(raw: bytes) -> dict[str, Any] | str:
    """Parse one line of a journal file: the event, or the reason it cannot be used."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "not valid UTF-8"
    try:
        event = json.loads(text)
    except ValueError:
        return "not valid JSON"
    if not isinstance(event, dict):
        return "not a JSON object"
    version = event.get("v")
    if not isinstance(version, int):
        return "has no schema version"
    if version > SCHEMA:
        return "written by a newer version of mindlog"
    op = event.get("op")
    if op == "add":
        entry = event.get("entry")
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) and entry.get(k) for k in ("id", "kind", "day", "at")
        ):
            return "an entry without id, kind, day or time"
    elif op in ("update", "delete", "restore"):
        if not isinstance(event.get("id"), str) or not isinstance(event.get("at"), str):
            return "a change without the id or time it applies to"
        if op == "update" and not isinstance(event.get("set"), dict):
            return "an update without values"
    else:
        return "an unknown kind of record"
    return event


class Store:
    def __init__(self, where: Locations) -> None:
        self.where = where
        self.folder = where.journal
        self._locked = False

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
        """Every readable event of every device file, each tagged with ``_file`` and ``_line``."""
        result = ReadResult()
        if not self.folder.exists():
            return result
        for path in self.files():
            try:
                data = path.read_bytes()
            except OSError as exc:
                result.problems.append(Problem(path.name, 0, f"cannot be read ({exc.strerror})"))
                continue
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
                    result.problems.append(Problem(path.name, number, parsed))
                    continue
                parsed["_file"] = path.name
                parsed["_line"] = number
                result.events.append(parsed)
        return result

    # -- writing ---------------------------------------------------------------------------

    def device(self) -> str:
        """This machine's name for its own journal file, kept in the (unsynced) state folder.

        It joins the host name and a random part; when the state folder was copied to another
        machine with a different host name, a new one is made, so two machines never share a file.
        """
        # os.uname().nodename is what socket.gethostname() returns, without importing socket (~1.5 ms)
        host = "".join(ch if ch.isalnum() else "-" for ch in os.uname().nodename)[:32] or "host"
        marker = self.where.state / "device"
        try:
            known = marker.read_text().strip()
        except OSError:
            known = ""
        if known.startswith(host + "-") and known.replace("-", "").isalnum():
            return known
        name = f"{host}-{os.urandom(4).hex()}"
        ensure_dir(self.where.state)
        try:
            atomic_write(marker, (name + "\n").encode())
        except OSError as exc:
            raise StoreError(f"cannot write to {self.where.state}: {exc.strerror}") from exc
        return name

    def check_writable(self) -> None:
        """Refuse to write to a journal that a newer mindlog has marked as its own."""
        path = self.folder / FORMAT_FILE
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
            schema = info.get("schema") if isinstance(info, dict) else None
        except FileNotFoundError:
            ensure_dir(self.folder)
            try:
                atomic_write(path, (json.dumps({"schema": SCHEMA}) + "\n").encode())
            except OSError as exc:
                raise StoreError(f"cannot write to the journal: {exc.strerror}") from exc
            return
        except (OSError, ValueError):
            schema = None  # a damaged marker is rewritten below; the entries are elsewhere
        if isinstance(schema, int) and schema > SCHEMA:
            raise NewerStoreError(
                "this journal was written by a newer version of mindlog; "
                "update mindlog before writing to it (nothing was changed)"
            )
        if schema != SCHEMA:
            try:
                atomic_write(path, (json.dumps({"schema": SCHEMA}) + "\n").encode())
            except OSError as exc:
                raise StoreError(f"cannot write to the journal: {exc.strerror}") from exc

    @contextlib.contextmanager
    def lock(self, blocking: bool = True) -> Iterator[None]:
        """Hold the journal's exclusive lock (flock on ``.lock``).

        Re-entrant for this Store: a read-then-write that holds the lock can append through the
        same Store without waiting on itself.
        """
        if self._locked:
            yield
            return
        ensure_dir(self.folder)
        try:
            fd = os.open(self.folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as exc:
            raise StoreError(f"cannot open the journal's lock: {exc.strerror}") from exc
        try:
            flags = fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB
            try:
                fcntl.flock(fd, flags)
            except BlockingIOError:
                raise StoreError("another mindlog is writing to the journal; try again") from None
            self._locked = True
            try:
                yield
            finally:
                self._locked = False
        finally:
            os.close(fd)

    def append(self, events: list[dict[str, Any]]) -> None:
        """Append ``events`` as whole lines, durably, or raise StoreError having written nothing."""
        data = b"".join(encode_event({"v": SCHEMA, **event}) for event in events)
        self.check_writable()
        path = self.folder / (self.device() + SUFFIX)
        with self.lock():
            self._append_bytes(path, data)

    def _append_bytes(self, path: Path, data: bytes) -> None:
        created = not path.exists()
        try:
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, FILE_MODE)
        except OSError as exc:
            raise StoreError(f"cannot write to the journal: {exc.strerror}") from exc
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                data = b"\n" + data  # never glue a new line onto a torn one
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            except BaseException as exc:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, size)  # take back a partial line: nothing half-written
                    os.fsync(fd)
                if isinstance(exc, OSError):
                    raise StoreError(f"cannot write to the journal: {exc.strerror}") from exc
                raise
            if os.fstat(fd).st_mode & 0o777 != FILE_MODE:
                os.fchmod(fd, FILE_MODE)
        finally:
            os.close(fd)
        if created:
            fsync_dir(self.folder)
