"""Adopting the lines of a device that is gone, so that ``encrypt`` can seal them (issue 22).

A device writes only its own file (mindlog.store.eventlog, rule 1), and seals it itself the next
time it saves something. A device that will never save again (an old laptop, this computer
before a reinstall or a restore) would leave its lines in plain text for good. Once the person
says it is gone (or runs ``mindlog encrypt --adopt-all``), ``adopt`` copies every line of its
file into this device's own file, sealed, each keeping its id and clock (``eid``, ``t``), so that
replay (mindlog.domain.journal.replay) counts each once wherever it is met; then removes the old
file, only after reading this device's file back and finding every line of it there.

Cut short at any moment, nothing is lost: this device's file is replaced whole (with the copies
added) before the old file is removed; run again, a line already copied (its ``eid`` is in this
device's file) is not copied twice, and the old file is then removed. Damaged lines of the old
file are set aside in ``journal/damaged/``, sealed, first. A device that was not gone after all
loses nothing either: its next lines start its file anew, and the copies here count once.

``others`` counts what stays plain in other devices' files (encrypt's reply, and doctor).
Conflicted copies a sync tool made are left to ``mindlog doctor --repair``. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from mindlog.domain.errors import StoreError
from mindlog.store import sealing
from mindlog.store.eventlog import SUFFIX, Store, conflict_base
from mindlog.store.format import plan_readable
from mindlog.store.lines import SCHEMA, SEALED_V, encode_event, parse_line, seal_event
from mindlog.store.paths import atomic_write, crash_point


@dataclass(frozen=True)
class Elsewhere:
    """Another device's file in the journal: how many of its lines are plain and sealed."""

    name: str
    plain: int
    sealed: int
    last: int  # the greatest clock of its lines (microseconds since 1970), 0 when none

    @property
    def host(self) -> str:
        """The host part of its name (``laptop`` of ``laptop-1a2b3c4d.jsonl``)."""
        stem = self.name[: -len(SUFFIX)]
        head, _, tail = stem.rpartition("-")
        return head if head and len(tail) == 8 else stem


def _lines(path: Path) -> list[bytes]:
    return [raw for raw in path.read_bytes().split(b"\n") if raw.strip()]


def _is_file(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return path.is_file() and not path.is_symlink()
    return False


def others(store: Store) -> list[Elsewhere]:
    """Every other device's file (conflicted copies aside), with its plain and sealed lines."""
    own = store.own_file().name
    paths = store.files()
    names = {p.name for p in paths}
    found = []
    ids = sealing.readable_ids(store.folder) if plan_readable(store.folder) else None
    for path in paths:
        if path.name == own or conflict_base(path.name, names) is not None:
            continue
        plain = sealed = last = 0
        try:
            raws = _lines(path)
        except OSError:
            continue
        for raw in raws:
            parsed = parse_line(raw, unseal=False)
            if isinstance(parsed, str):
                continue
            if parsed.get("v") == SEALED_V:
                sealed += 1
            elif ids is None or not sealing.readable(parsed, ids):
                plain += 1  # a readable plan's lines are plain as the person chose
            if isinstance(parsed.get("t"), int):
                last = max(last, parsed["t"])
        found.append(Elsewhere(path.name, plain, sealed, last))
    return found


def _eids(path: Path) -> set[str]:
    try:
        raws = _lines(path)
    except FileNotFoundError:
        return set()
    found = set()
    for raw in raws:
        parsed = parse_line(raw, unseal=False)
        if isinstance(parsed, dict):
            found.add(str(parsed["eid"]))
    return found


def adopt(store: Store, name: str, recipient: str) -> int:
    """Copy every line of the device file ``name`` into this device's own file, sealed for
    ``recipient``, then remove ``name`` (see the module). Under ``store.lock()``, with the
    journal encrypted. Returns how many lines were copied (0 when they were all here already)."""
    path = store.folder / name
    own = store.own_file()
    if name == own.name or not name.endswith(SUFFIX) or not _is_file(path) or own.is_symlink():
        return 0  # this device's file a link the person made: never rewritten (as seal_own)
    try:
        raws = _lines(path)
        have = _eids(own)
        before = own.read_bytes() if own.exists() else b""
    except OSError as exc:
        raise StoreError(f"cannot read {path.name}: {exc.strerror}; nothing was changed") from exc
    wanted: set[str] = set()
    ids = sealing.readable_ids(store.folder) if plan_readable(store.folder) else None
    copied: list[bytes] = []
    sealed_copied = False
    damaged: list[bytes] = []
    for raw in raws:
        parsed = parse_line(raw, unseal=False)
        if isinstance(parsed, str):
            damaged.append(raw)
            continue
        eid = str(parsed["eid"])
        wanted.add(eid)
        if eid in have:
            continue
        have.add(eid)
        if parsed.get("v") == SEALED_V or (ids is not None and sealing.readable(parsed, ids)):
            copied.append(raw.strip())  # sealed, or the plan kept readable: as it is
            sealed_copied = sealed_copied or parsed.get("v") == SEALED_V
        else:
            event = {k: v for k, v in parsed.items() if not k.startswith("_")}
            event["v"] = SCHEMA  # a schema 1 line keeps the id and clock it was read with
            copied.append(encode_event(seal_event(event, recipient)).rstrip(b"\n"))
    sealing.set_aside(store, name, damaged, recipient)
    if copied:
        if before and not before.endswith(b"\n"):
            before += b"\n"  # a last line cut short stays a line of its own (read as damaged)
        crash_point()
        atomic_write(own, before + b"".join(raw + b"\n" for raw in copied))
    if ids is not None and sealed_copied:
        sealing.mark(store, recipient + sealing.PLAN_WAITING)  # sealed plan lines may be among them
    if not wanted <= _eids(own):  # every line is safe here before the old file goes
        raise StoreError(f"the lines of {name} could not all be copied; {name} was kept")
    crash_point()
    try:
        path.unlink()
        fd = os.open(store.folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StoreError(f"cannot remove {name}: {exc.strerror}; its lines are copied") from exc
    return len(copied)
