"""Checking the journal: what `mindlog doctor` finds (``examine``), and the steps that repair
(mindlog.usecases.repair) and compaction (mindlog.usecases.compaction) share with it.

Reports speak of files and line numbers, never of the text in them. What repair will do is
worked out here as repair does it (its rules are in mindlog.usecases.repair's summary), so
that doctor never advises a repair that repair then does not do. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mindlog.domain.errors import StoreError
from mindlog.domain.journal import Journal, replay
from mindlog.domain.model import Problem
from mindlog.store import drafts, identity
from mindlog.store.eventlog import ReadResult, Store
from mindlog.store.format import FORMAT_FILE, read_schema
from mindlog.store.lines import SCHEMA, SEALED_V, parse_line
from mindlog.store.paths import (
    DIR_MODE,
    FILE_MODE,
    Locations,
    leftover_temp_files,
)

DAMAGED_FOLDER = "damaged"


def _target(event: dict[str, object]) -> object:
    entry = event.get("entry")
    if event.get("op") == "add" and isinstance(entry, dict):
        return entry.get("id")
    return event.get("id")


@dataclass
class Examination:
    files: dict[str, int] = field(default_factory=dict)  # file name -> readable records
    entries: int = 0
    removed: int = 0
    problems: list[Problem] = field(default_factory=list)
    loose_permissions: list[Path] = field(default_factory=list)
    schema: int | None = None
    format_damaged: bool = False
    newer: bool = False
    own: list[str] = field(default_factory=list)  # this device's files
    conflicts: dict[str, int] = field(default_factory=dict)  # conflicted copy -> lines only there
    own_copies: list[str] = field(default_factory=list)  # conflicted copies of this device's file
    links: list[str] = field(default_factory=list)  # device files that are links (never rewritten)
    duplicates: int = 0  # lines met twice, counted once
    leftovers: list[Path] = field(default_factory=list)  # temporary files of a cut-short write
    drafts: list[Path] = field(default_factory=list)  # drafts left when mindlog was stopped
    name_damage: list[Path] = field(default_factory=list)  # in the way of this machine's name files
    refused: bool = False  # repair would refuse: the journal is of a newer mindlog
    to_set_aside: int = 0  # damaged lines repair would set aside (or copy) now
    # Damaged lines of files other devices write that repair here leaves to them:
    # (file, line) -> "torn" (a last line cut short there) or "kept" (a copy is kept already).
    left: dict[tuple[str, int], str] = field(default_factory=dict)
    # An encrypt or decrypt cut short (or not run yet on this computer): this computer's files
    # still plain in an encrypted journal, or still sealed in one turned plain (names; for the
    # device file, with how many lines).
    not_sealed: list[str] = field(default_factory=list)
    not_opened: list[str] = field(default_factory=list)
    # Other devices' files with lines in plain text in an encrypted journal (names, with how
    # many lines): sealed when that device next saves, or here by ``encrypt --adopt-all``.
    plain_elsewhere: list[str] = field(default_factory=list)
    recovery_unshown: bool = False  # encrypt was cut short before showing the recovery key
    forgotten_here: int = 0  # lines of forgotten entries still in this computer's file

    @property
    def damaged(self) -> list[Problem]:
        return [p for p in self.problems if "newer version" not in p.reason]

    @property
    def healthy(self) -> bool:
        return not (
            self.damaged
            or self.loose_permissions
            or self.newer
            or self.conflicts
            or self.leftovers
            or self.drafts
            or self.format_damaged
            or self.name_damage
            or self.not_sealed
            or self.not_opened
            or self.plain_elsewhere
            or self.recovery_unshown
            or self.forgotten_here
        )

    @property
    def needs_repair(self) -> bool:
        """`mindlog doctor --repair` would change something (what doctor advises it for)."""
        return not self.refused and bool(
            self.to_set_aside
            or self.loose_permissions
            or self.conflicts
            or self.leftovers
            or self.drafts
            or self.format_damaged
            or self.name_damage
        )


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


def leftover_files(where: Locations) -> list[Path]:
    """Temporary files that a write cut short left in mindlog's folders (they may hold words)."""
    folders = sorted({where.data, where.journal, where.config, where.state})
    return [path for folder in folders for path in leftover_temp_files(folder)]


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


Advance = Callable[[int], None]  # told of progress: 100 steps for each of examine, repair, compact


def _nothing(n: int) -> None:
    """No progress bar."""


def _read(store: Store, advance: Advance = _nothing) -> tuple[ReadResult, Journal]:
    """Every line read and replayed (80 of the 100 steps of the work that reads it)."""
    result = store.read()
    advance(40)
    journal = replay(result.events)
    advance(40)
    return result, journal


def journal_bytes(where: Locations) -> int:
    """The size of the journal's files (a long journal's check shows its progress)."""
    store = Store(where)
    total = 0
    for path in store.files() if store.folder.is_dir() else []:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def examine(where: Locations, advance: Advance = _nothing) -> Examination:
    store = Store(where)
    result, journal = _read(store, advance)
    report = Examination(entries=len(journal.entries), removed=len(journal.removed))
    report.problems = [*result.problems, *journal.problems]
    report.newer = result.newer
    report.duplicates = result.duplicates
    for event in result.events:
        name = str(event.get("_file"))
        report.files[name] = report.files.get(name, 0) + 1
    paths = store.files() if store.folder.exists() else []
    for path in paths:
        report.files.setdefault(path.name, 0)
        if _is_link(path):
            report.links.append(path.name)
    for copy in result.conflicts:
        if copy not in report.links:  # a link is read but never tidied (nor asked about again)
            report.conflicts[copy] = report.files.get(copy, 0)
    if paths and store.own_file().exists():
        report.own = [store.own_file().name]
        report.own_copies = [c for c in report.conflicts if result.conflicts[c] in report.own]
    try:
        raw = (store.folder / FORMAT_FILE).read_bytes()
    except OSError:
        raw = None
    if raw is not None:
        report.schema = read_schema(raw)
        report.format_damaged = report.schema is None
    if report.schema is not None and report.schema > SCHEMA and not store.check_sealed():
        report.newer = report.refused = True
    if report.format_damaged and result.newer:  # the lines cannot tell which format it was
        report.refused = True
    _plan_repair(store, result, journal, report)
    report.name_damage = identity.damage(where)
    report.loose_permissions = [p for p in _own_paths(where) if _loose(p)]
    report.leftovers = sorted(set(leftover_files(where)) | set(_rewrite_leftovers(store)))
    report.drafts = drafts.leftovers(where)
    if paths:
        _unfinished(store, report)
    if paths and not _is_link(store.own_file()):  # a link is never rewritten, so never compacted
        own = store.own_file().name
        report.forgotten_here = sum(
            1
            for event in result.events
            if event.get("_file") == own
            and event.get("op") != "forget"
            and _target(event) in journal.forgotten
        )
    advance(20)
    return report


def _plan_repair(store: Store, result: ReadResult, journal: Journal, report: Examination) -> None:
    """What repair would do with the damaged lines (as ``repair`` does it): the lines of this
    device's own file are set aside; of a file another device writes, a copy is kept once, and
    a torn last line is left to its owner."""
    bad = _bad_lines(result, journal)
    own = store.own_file().name if bad else ""
    for name, numbers in sorted(bad.items()):
        path = store.folder / name
        if name in result.conflicts or not path.is_file():
            continue
        if name == own and not _is_link(path):
            report.to_set_aside += len(numbers)
            continue
        damaged, kept, torn = _aside_plan(store, path, numbers, skip_torn=True)
        if torn is not None:
            report.left[(name, torn)] = "torn"
        for n, _ in damaged:
            if kept.exists():
                report.left[(name, n)] = "kept"
            else:
                report.to_set_aside += 1


def _rewrite_leftovers(store: Store) -> list[Path]:
    """What a rewrite cut short left in the journal folder, whatever its age, when no mindlog is
    writing now (then none belongs to a write under way); else only what ``leftover_files``
    finds by age. Nothing is removed here."""
    if not store.folder.is_dir():
        return []
    try:
        with store.lock(blocking=False, tidy=False):
            return store.rewrite_leftovers()
    except StoreError:
        return []


def _unfinished(store: Store, report: Examination) -> None:
    """This computer's files not yet as the journal says they should be: plain in an encrypted
    journal, or sealed in one turned plain (an ``encrypt`` or ``decrypt`` cut short, or one not
    yet run here). Another device's files are left to it."""
    from mindlog.store import config, jsonfile, keys

    where = store.where
    sealed = store.check_sealed()
    encrypted_once = sealed or keys.keys_path(where).exists()
    if not encrypted_once:
        return
    plain = locked = 0
    mine = store.own_file()
    from mindlog.store import format as journal_format
    from mindlog.store import sealing

    # A readable plan's lines are plain as the person chose (issue 22, part 5): not reported.
    ids = sealing.readable_ids(store.folder) if journal_format.plan_readable(store.folder) else None
    with contextlib.suppress(OSError):
        for _, raw in _numbered(mine) if not _is_link(mine) else []:
            parsed = parse_line(raw, unseal=False)
            if isinstance(parsed, dict):
                if parsed.get("v") == SEALED_V:
                    locked += 1
                elif ids is None or not sealing.readable(parsed, ids):
                    plain += 1
    if sealed and plain:
        report.not_sealed.append(f"{mine.name} ({plain} {'line' if plain == 1 else 'lines'})")
    if not sealed and locked:
        report.not_opened.append(f"{mine.name} ({locked} {'line' if locked == 1 else 'lines'})")
    for name in sorted(jsonfile.SEALED_NAMES):
        try:
            head = (where.data / name).read_bytes()[: len(keys.AGE_MAGIC)]
        except OSError:
            continue
        if sealed and head != keys.AGE_MAGIC:
            report.not_sealed.append(name)
        elif not sealed and head == keys.AGE_MAGIC:
            report.not_opened.append(name)
    if sealed and config.usable_routine(config.load(where).values.get("routine")):
        report.not_sealed.append(where.config_file.name)
    if sealed:
        from mindlog.store import adoption

        for found in adoption.others(store):
            if found.plain:
                lines = "line" if found.plain == 1 else "lines"
                report.plain_elsewhere.append(f"{found.name} ({found.plain} {lines})")
    report.recovery_unshown = keys.recovery_unshown(where)


def _bad_lines(result: ReadResult, journal: Journal) -> dict[str, set[int]]:
    """The damaged lines (file -> line numbers): lines the store cannot read and entries that are
    not valid for their kind. Lines of a newer mindlog are not damage and stay where they are."""
    bad: dict[str, set[int]] = {}
    for problem in [*result.problems, *journal.problems]:
        if "newer version" not in problem.reason and problem.line:
            bad.setdefault(problem.file, set()).add(problem.line)
    return bad


def _numbered(path: Path) -> list[tuple[int, bytes]]:
    data = path.read_bytes()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return [(n, raw) for n, raw in enumerate(lines, start=1) if raw.strip()]


def _aside_plan(
    store: Store, path: Path, bad: set[int], skip_torn: bool
) -> tuple[list[tuple[int, bytes]], Path, int | None]:
    """The damaged lines of ``path`` to keep a copy of, where the copy goes, and (with
    ``skip_torn``) the number of a torn last line left out."""
    data = path.read_bytes()
    lines = _numbered(path)
    torn = None
    if skip_torn and data and not data.endswith(b"\n") and lines and lines[-1][0] in bad:
        torn = lines[-1][0]
        bad = bad - {torn}
    damaged = [(n, raw) for n, raw in lines if n in bad]
    digest = hashlib.blake2b(b"\n".join(raw for _, raw in damaged), digest_size=6).hexdigest()
    sealed = store.check_sealed()
    kept = store.folder / DAMAGED_FOLDER / f"{path.stem}-{digest}.{'age' if sealed else 'txt'}"
    return damaged, kept, torn
