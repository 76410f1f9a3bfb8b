"""Checking and repairing the journal: what `mindlog doctor` finds and does.

Reports speak of files and line numbers, never of the text in them. Repair never deletes a byte:
damaged lines are moved into ``journal/damaged/`` (outside the files mindlog reads) before the
file they came from is rewritten with an atomic replace. Lines written by a newer mindlog are not
damage: they stay where they are. Nothing here prints.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from mindlog.errors import StoreError
from mindlog.journal import replay
from mindlog.paths import DIR_MODE, FILE_MODE, Locations, atomic_write, ensure_dir
from mindlog.store import FORMAT_FILE, SCHEMA, SUFFIX, Problem, Store, parse_line

DAMAGED_FOLDER = "damaged"


@dataclass
class Examination:
    files: dict[str, int] = field(default_factory=dict)  # file name -> readable records
    entries: int = 0
    removed: int = 0
    problems: list[Problem] = field(default_factory=list)
    loose_permissions: list[Path] = field(default_factory=list)
    schema: int | None = None
    newer: bool = False

    @property
    def damaged(self) -> list[Problem]:
        return [p for p in self.problems if "newer version" not in p.reason]

    @property
    def healthy(self) -> bool:
        return not self.damaged and not self.loose_permissions and not self.newer


def _own_paths(where: Locations) -> list[Path]:
    """Every folder and file mindlog keeps, for the permission check."""
    found: list[Path] = []
    roots = {where.data, where.journal, where.config, where.state}
    for root in sorted(roots):
        if not root.exists():
            continue
        found.append(root)
        if root == where.config and where.config not in (where.data,):
            found.extend(p for p in [where.config_file] if p.exists())
            continue
        for path in root.rglob("*"):
            if path.is_symlink():
                continue
            found.append(path)
    return sorted(set(found))


def _loose(path: Path) -> bool:
    try:
        st = path.stat()
    except OSError:
        return False
    if st.st_uid != os.getuid():
        return False
    wanted = DIR_MODE if stat.S_ISDIR(st.st_mode) else FILE_MODE
    return stat.S_IMODE(st.st_mode) & ~wanted != 0


def examine(where: Locations) -> Examination:
    store = Store(where)
    result = store.read()
    journal = replay(result.events)
    report = Examination(entries=len(journal.entries), removed=len(journal.removed))
    report.problems = list(result.problems)
    report.newer = result.newer
    for event in result.events:
        name = str(event.get("_file"))
        report.files[name] = report.files.get(name, 0) + 1
    for path in store.files() if store.folder.exists() else []:
        report.files.setdefault(path.name, 0)
    try:
        info = json.loads((store.folder / FORMAT_FILE).read_text(encoding="utf-8"))
        report.schema = info.get("schema") if isinstance(info, dict) else None
    except (OSError, ValueError):
        report.schema = None
    if isinstance(report.schema, int) and report.schema > SCHEMA:
        report.newer = True
    report.loose_permissions = [p for p in _own_paths(where) if _loose(p)]
    return report


@dataclass
class Repair:
    moved_lines: int = 0
    rewritten: list[str] = field(default_factory=list)
    kept_in: list[Path] = field(default_factory=list)
    permissions_fixed: int = 0


def repair(where: Locations, now: datetime) -> Repair:
    """Set damaged lines aside, rewrite their files cleanly, and tighten permissions.

    Refuses (StoreError) while another mindlog holds the journal's lock, and on a journal that a
    newer mindlog has marked as its own.
    """
    store = Store(where)
    done = Repair()
    if store.folder.exists():
        store.check_writable()
        with store.lock(blocking=False):
            for path in store.files():
                _repair_file(store, path, now, done)
    for path in _own_paths(where):
        if _loose(path):
            os.chmod(path, DIR_MODE if path.is_dir() else FILE_MODE)
            done.permissions_fixed += 1
    return done


def _repair_file(store: Store, path: Path, now: datetime, done: Repair) -> None:
    data = path.read_bytes()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    good: list[bytes] = []
    bad: list[tuple[int, bytes]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        parsed = parse_line(raw)
        if isinstance(parsed, str) and "newer version" not in parsed:
            bad.append((number, raw))
        else:
            good.append(raw)
    if not bad:
        return
    folder = ensure_dir(store.folder / DAMAGED_FOLDER)
    kept = folder / f"{now:%Y-%m-%dT%H%M%S}-{path.stem}.txt"
    header = f"# mindlog doctor set these lines of {path.name} aside on {now.isoformat(timespec='seconds')}\n"
    body = header.encode() + b"".join(f"# line {n}\n".encode() + raw + b"\n" for n, raw in bad)
    existing = kept.read_bytes() if kept.exists() else b""
    atomic_write(kept, existing + body)  # kept first: the bytes exist twice before one copy goes
    atomic_write(path, b"".join(raw + b"\n" for raw in good))
    done.moved_lines += len(bad)
    done.rewritten.append(path.name)
    done.kept_in.append(kept)


@dataclass
class Compaction:
    dropped_events: int = 0
    dropped_entries: int = 0
    file: str | None = None


def compact(where: Locations) -> Compaction:
    """Forget removed entries for good, in this machine's own file only.

    An entry whose ``add`` is in this machine's file and which is removed now loses all its
    events here. Files of other machines are left alone (they are theirs to compact), and a
    removal recorded here of an entry added elsewhere is kept, so that it stays removed.
    """
    store = Store(where)
    result = Compaction()
    if not store.folder.exists():
        return result
    store.check_writable()
    with store.lock(blocking=False):
        read = store.read()
        if read.problems and any("newer version" not in p.reason for p in read.problems):
            raise StoreError(
                "the journal has damaged lines; run `mindlog doctor --repair` before compacting"
            )
        removed = {e.id for e in replay(read.events).removed}
        mine = store.folder / (store.device() + SUFFIX)
        if not mine.exists():
            return result
        result.file = mine.name
        added_here = {
            e["entry"]["id"]
            for e in read.events
            if e.get("_file") == mine.name and e.get("op") == "add"
        }
        forget = removed & added_here
        keep: list[bytes] = []
        raw_lines = mine.read_bytes().split(b"\n")
        for raw in raw_lines:
            if not raw.strip():
                continue
            parsed = parse_line(raw)
            target = None
            if isinstance(parsed, dict):
                target = parsed["entry"]["id"] if parsed.get("op") == "add" else parsed.get("id")
            if target in forget:
                result.dropped_events += 1
                continue
            keep.append(raw)
        if result.dropped_events:
            atomic_write(mine, b"".join(raw + b"\n" for raw in keep))
        result.dropped_entries = len(forget)
    return result
