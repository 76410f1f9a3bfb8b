"""`mindlog doctor --repair`: damage set aside, conflicted copies taken in, leftovers removed,
permissions tightened.

Repair never deletes a byte and never rewrites a file another device writes (the store's
ownership rule, see mindlog.store.eventlog):

- this device's own files: damaged lines are moved into ``journal/damaged/`` (outside the files
  mindlog reads) before the file is rewritten with an atomic replace;
- another device's file: a copy of its damaged lines is set aside, and the file is left to its
  owner (every reader skips those lines meanwhile);
- a sync tool's conflicted copy: every line found only there is first appended to this device's
  own file (the same line, so it keeps its id and counts once), then the copy is removed; the
  lines of forgotten entries are left out, their forget lines never;
- a link in the journal folder is read but never rewritten.

What doctor finds is mindlog.usecases.doctor. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from mindlog.domain.errors import NewerStoreError
from mindlog.domain.journal import Journal
from mindlog.store import drafts, identity
from mindlog.store.eventlog import ReadResult, Store
from mindlog.store.format import FORMAT_FILE, read_schema
from mindlog.store.lines import parse_line
from mindlog.store.paths import (
    DIR_MODE,
    FILE_MODE,
    Locations,
    atomic_write,
    ensure_dir,
    fsync_dir,
)
from mindlog.usecases.doctor import (
    DAMAGED_FOLDER,
    Advance,
    _aside_plan,
    _bad_lines,
    _is_link,
    _loose,
    _nothing,
    _numbered,
    _own_paths,
    _read,
    _target,
    leftover_files,
)


@dataclass
class Repair:
    moved_lines: int = 0
    rewritten: list[str] = field(default_factory=list)
    kept_in: list[Path] = field(default_factory=list)
    left_to_owner: list[str] = field(default_factory=list)  # other devices' files with damage
    merged: dict[str, int] = field(default_factory=dict)  # conflicted copy -> lines taken in
    leftovers_removed: int = 0
    drafts_removed: int = 0
    format_rewritten: bool = False
    permissions_fixed: int = 0
    name_files_moved: list[Path] = field(default_factory=list)  # what stood in their way


def repair(where: Locations, now: datetime, advance: Advance = _nothing) -> Repair:
    """Set damage aside, take in conflicted copies, remove leftovers and tighten permissions.

    Refuses (StoreError) while another mindlog holds the journal's lock, and on a journal that a
    newer mindlog has marked as its own.
    """
    done = Repair()
    store = Store(where)
    done.name_files_moved = identity.set_aside(where, now, store.device)
    if store.folder.exists():
        with store.lock(blocking=False):
            done.leftovers_removed += len(store.tidied)  # taking the lock removed them
            _repair_format(store, now, done)
            store.check_writable()
            result, journal = _read(store, advance)
            bad = _bad_lines(result, journal)
            own = store.own_file().name
            for path in store.files():
                if path.name in result.conflicts:
                    continue
                lines = bad.get(path.name)
                if not lines:
                    continue
                if path.name == own and not _is_link(path):
                    _set_aside(store, path, lines, now, done, rewrite=True)
                else:
                    _set_aside(store, path, lines, now, done, rewrite=False, skip_torn=True)
                    done.left_to_owner.append(path.name)
            _take_in_conflicts(store, result, journal, bad, now, done)
    for path in leftover_files(where):
        with contextlib.suppress(OSError):
            path.unlink()
            done.leftovers_removed += 1
    done.drafts_removed = len(drafts.remove_leftovers(where))
    for path in _own_paths(where):
        if _loose(path):
            os.chmod(path, DIR_MODE if path.is_dir() else FILE_MODE)
            done.permissions_fixed += 1
    advance(20 if store.folder.exists() else 100)
    return done


def _repair_format(store: Store, now: datetime, done: Repair) -> None:
    """A damaged ``format.json`` is set aside and written anew, unless newer lines are about."""
    path = store.folder / FORMAT_FILE
    try:
        raw = path.read_bytes()
    except OSError:
        return
    if read_schema(raw) is not None:
        return
    try:
        sealed = store.sealed_by_lines()  # written as the lines and keys.json show it was
    except NewerStoreError:
        return  # lines of a newer mindlog: which format it had cannot be told
    folder = ensure_dir(store.folder / DAMAGED_FOLDER)
    atomic_write(folder / f"{now:%Y-%m-%dT%H%M%S}-format.json.txt", raw)
    store.write_format(sealed=sealed)
    done.format_rewritten = True


def _set_aside(
    store: Store,
    path: Path,
    bad: set[int],
    now: datetime,
    done: Repair,
    rewrite: bool,
    skip_torn: bool = False,
) -> None:
    """Keep a copy of the damaged lines; with ``rewrite``, take them out of ``path`` after.

    ``skip_torn``: a torn last line of a file another device is still writing is left out: its
    owner finishes or repairs it, and a copy here would outlive the entry if it is forgotten.
    """
    damaged, kept, _ = _aside_plan(store, path, bad, skip_torn)
    if not damaged:
        return
    if not rewrite and kept.exists():
        return  # the same damage of another device's file is copied once
    sealed = kept.suffix == ".age"
    if not kept.exists():
        ensure_dir(kept.parent)
        what = "set these lines aside" if rewrite else "copied these damaged lines"
        header = f"# mindlog doctor {what} of {path.name} on {now.isoformat(timespec='seconds')}\n"
        if not rewrite:
            header += "# the file itself is left to the device that writes it\n"
        body = header.encode() + b"".join(
            f"# line {n}\n".encode() + raw + b"\n" for n, raw in damaged
        )
        if sealed:  # an encrypted journal's set-aside copies are sealed too (mindlog.store.keys)
            from mindlog.store import keys

            body = keys.seal_blob(store.where, body)
        atomic_write(kept, body)  # kept first: the bytes exist twice before one copy goes
    done.kept_in.append(kept)
    done.moved_lines += len(damaged)
    if rewrite:
        gone = {n for n, _ in damaged}
        kept_lines = [raw + b"\n" for n, raw in _numbered(path) if n not in gone]
        atomic_write(path, b"".join(kept_lines), follow_links=False)
        done.rewritten.append(path.name)


def _take_in_conflicts(
    store: Store,
    result: ReadResult,
    journal: Journal,
    bad: dict[str, set[int]],
    now: datetime,
    done: Repair,
) -> None:
    """Append each line found only in a conflicted copy to this device's file, then remove the copy.

    Lines already in another file, and lines of forgotten entries, are not taken in; damaged lines
    are set aside first. A forget found only in a copy is taken in, so that what it forgot stays
    forgotten. The copy goes only once everything in it is safe elsewhere.
    """
    if not result.conflicts:
        return
    unique: dict[str, set[int]] = {}
    for event in result.events:
        name = str(event.get("_file"))
        if name in result.conflicts and (
            event.get("op") == "forget" or _target(event) not in journal.forgotten
        ):
            unique.setdefault(name, set()).add(int(event["_line"]))
    mine = store.own_file()
    elsewhere = b"".join(
        p.read_bytes() for p in store.files() if p.name not in result.conflicts and p.is_file()
    )
    taken: list[bytes] = []
    for name in sorted(result.conflicts):
        path = store.folder / name
        if _is_link(path):
            continue
        if bad.get(name):
            _set_aside(store, path, bad[name], now, done, rewrite=False)
        wanted = unique.get(name, set())
        lines = [
            raw + b"\n"
            for n, raw in _numbered(path)
            if n in wanted or (_newer(raw) and raw + b"\n" not in elsewhere)
        ]
        taken += lines
        done.merged[name] = len(lines)
    if taken:
        # Before this device's own lines, so that the file's last lines keep its newest clock.
        store.check_writable()
        own = mine.read_bytes() if mine.exists() else b""
        atomic_write(mine, b"".join(taken) + own, follow_links=False)
        if store.sealed:  # plain lines taken in from a copy are sealed in this device's file
            from mindlog.store import keys, sealing

            sealing.seal_own(store, keys.recipient(store.where))
    for name in done.merged:
        (store.folder / name).unlink()
    if done.merged:
        fsync_dir(store.folder)


def _newer(raw: bytes) -> bool:
    reason = parse_line(raw)
    return isinstance(reason, str) and "newer version" in reason
