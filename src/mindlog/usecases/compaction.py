"""`mindlog doctor --compact`: removals made final.

Compaction records a ``forget`` for each removed entry (every device drops that entry's lines
from its own file when it compacts) and drops the lines of forgotten entries from this device's
files, after tidying conflicted copies (mindlog.usecases.repair), so no file of this device keeps
a forgotten word. It keeps a copy of every forget line in this device's own file (a forget then
travels with every file, and an older copy of one file cannot bring its entry back), and takes
the forgotten entries' lines out of the damaged lines set aside in ``journal/damaged/``. Nothing
here prints.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mindlog.domain.errors import StoreError
from mindlog.domain.journal import forget_event
from mindlog.store import drafts
from mindlog.store.eventlog import ReadResult, Store
from mindlog.store.lines import parse_line
from mindlog.store.paths import (
    Locations,
    atomic_write,
)
from mindlog.usecases.doctor import (
    DAMAGED_FOLDER,
    Advance,
    _bad_lines,
    _is_link,
    _nothing,
    _numbered,
    _read,
    _target,
    leftover_files,
)
from mindlog.usecases.repair import Repair, _take_in_conflicts


@dataclass
class Compaction:
    dropped_events: int = 0
    dropped_entries: int = 0
    file: str | None = None


def compact(
    where: Locations, removed_ids: set[str] | None = None, advance: Advance = _nothing
) -> Compaction:
    """Forget removed entries for good: record it for every device, and drop their lines here.

    ``removed_ids`` are the removed entries the person agreed to forget (all removed ones when
    None). Only this device's files are rewritten; other devices drop the lines from theirs when
    they compact, and until then every reader leaves the entries out.
    """
    store = Store(where)
    result = Compaction()
    if not store.folder.exists():
        return result
    store.check_writable()
    with store.lock(blocking=False):
        read, journal = _read(store, lambda n: advance(n // 2))
        mine = store.own_file()
        bad = _bad_lines(read, journal)
        if bad.get(mine.name):
            raise StoreError(
                "this computer's journal file has damaged lines; run `mindlog doctor --repair` "
                "before compacting"
            )
        chosen = [e for e in journal.removed if removed_ids is None or e.id in removed_ids]
        forgets = [
            forget_event(e.id, journal.removed_by[e.id], journal.removed_at[e.id]) for e in chosen
        ]
        if forgets:
            store.append(forgets, after=read.clock)
        if read.conflicts:
            _take_in_conflicts(store, read, journal, bad, datetime.now().astimezone(), Repair())
        read, journal = _read(store, lambda n: advance(n // 2))
        forgotten = journal.forgotten
        result.dropped_entries = len(chosen)
        if mine.exists() and not _is_link(mine):
            result.dropped_events, copied = _drop(mine, forgotten, _forgets(read, forgotten))
            result.file = mine.name
            if copied and store.sealed:  # forget lines copied from a plain file are sealed here
                from mindlog.store import keys, sealing

                sealing.seal_own(store, keys.recipient(where))
        _forget_set_aside(store, forgotten)
    _forget_elsewhere(where)
    advance(20)
    return result


def _forgets(read: ReadResult, forgotten: set[str]) -> dict[object, tuple[str, int]]:
    """Where the forget lines of the forgotten entries are: each line's id -> its file and
    line number."""
    return {
        event.get("eid"): (str(event["_file"]), int(event["_line"]))
        for event in read.events
        if event.get("op") == "forget" and event.get("id") in forgotten
    }


def _drop(
    path: Path, forgotten: set[str], forgets: dict[object, tuple[str, int]] | None = None
) -> tuple[int, int]:
    """Rewrite ``path`` without the lines of forgotten entries (their forget lines stay).

    With ``forgets`` (see ``_forgets``), a copy of each forget line it does not hold yet is put
    first (so that its last lines keep its clock): the same line, which counts once, so that a
    forget travels with every device's file and no older copy of one file, taken in or arriving
    late, can bring its entry back. Returns how many lines were dropped and how many copied in.
    """
    keep: list[bytes] = []
    held: set[object] = set()
    dropped = 0
    for _, raw in _numbered(path):
        parsed = parse_line(raw)
        if isinstance(parsed, dict):
            held.add(parsed.get("eid"))
            if parsed.get("op") != "forget" and _target(parsed) in forgotten:
                dropped += 1
                continue
        keep.append(raw + b"\n")
    wanted: dict[str, set[int]] = {}
    for eid, (name, number) in (forgets or {}).items():
        if eid not in held:
            wanted.setdefault(name, set()).add(number)
    added: list[bytes] = []
    for name, numbers in sorted(wanted.items()):
        with contextlib.suppress(OSError):
            added += [raw + b"\n" for n, raw in _numbered(path.with_name(name)) if n in numbers]
    if dropped or added:
        atomic_write(path, b"".join(added + keep), follow_links=False)
    return dropped, len(added)


_NAMED = re.compile(rb'(?<!\\)"id"\s*:\s*"([^"\\]{1,64})"')


def _forget_set_aside(store: Store, forgotten: set[str]) -> None:
    """Take the lines of forgotten entries out of the copies of damaged lines kept in
    ``journal/damaged/`` (a line names its entry's id before any of its words, even when it was
    cut short); a copy left with no line is removed. A sealed copy is opened with the journal's
    key and sealed again; one that cannot be opened holds no readable words and is left."""
    if not forgotten:
        return
    folder = store.folder / DAMAGED_FOLDER
    try:
        copies = sorted(p for p in folder.iterdir() if p.is_file() and not _is_link(p))
    except OSError:
        return
    names = {i.encode() for i in forgotten}
    for path in copies:
        with contextlib.suppress(OSError):
            data = path.read_bytes()
            sealed = path.suffix == ".age"
            if sealed:
                from mindlog.store import keys

                try:
                    opened = keys.open_blob(store.where, data)
                except keys.LockedError:
                    continue  # left for a compaction with the key unlocked
                if opened is None:
                    continue
                data = bytes(opened)
            lines = data.split(b"\n")
            kept: list[bytes] = []
            for raw in lines:
                if any(m.group(1) in names for m in _NAMED.finditer(raw)):
                    if kept and kept[-1].startswith(b"# line "):
                        kept.pop()  # the number of the line that is no longer kept
                    continue
                kept.append(raw)
            if len(kept) == len(lines):
                continue
            if not any(raw.strip() and not raw.startswith(b"#") for raw in kept):
                path.unlink()
                continue
            body = b"\n".join(kept)
            if sealed:
                from mindlog.store import keys

                body = keys.seal_blob(store.where, body)
            atomic_write(path, body)


def _forget_elsewhere(where: Locations) -> None:
    """Caches and leftovers may hold forgotten words: remove them (caches are rebuilt), with any
    copy a sync tool made of a cache when the whole home is synced."""
    from mindlog import cache

    cache.drop(where)  # every cache file; built again, without those words, when needed
    copies = [
        path
        for prefix in ("cache", "greeting", "summary")
        for path in where.state.glob(prefix + "*")
        if path.is_file() and not path.is_symlink()
    ]
    for path in [*copies, *leftover_files(where)]:
        with contextlib.suppress(OSError):
            path.unlink()
    drafts.remove_leftovers(where)
