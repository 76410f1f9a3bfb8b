"""Bringing in another app's history: Loop, Daylio, Day One, Bearable (`mindlog import`).

The file is read twice, row by row, never whole: once for the preview (what will come in and
how, what will not and why), and once to write, a thousand entries at a time, each batch
checked against the journal first (``known``), so importing the same file again adds nothing
and the memory an import takes does not grow with the file. Nothing is written before the
whole file was read once: a file that is not the app's export at all adds nothing.

The readers (mindlog.formats.loop, .daylio, .dayone, .bearable) are pure; this module opens
the file (through the ``Opener`` the command line hands it), asks the journal what it has, and
writes through the session, so the store's rules hold: this device's own file, the journal's
clock, and sealing when the journal is encrypted.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from mindlog.domain.journal import delete_event
from mindlog.domain.model import Entry
from mindlog.domain.practices import defined
from mindlog.domain.safe import one_line
from mindlog.domain.typed import name_key
from mindlog.formats import sources
from mindlog.formats.sources import Options, Removed, SourceProblem, Tally
from mindlog.usecases.session import Session

Opener = Callable[[], IO[bytes]]
BATCH = 5000  # entries looked up and written at a time (one catch-up of the cache each)
BIG = 4 * 1024 * 1024  # bytes of file from which the import shows a progress bar
SQLITE = b"SQLite format 3\x00"
MAX_DB = 512 * 1024 * 1024  # bytes of a Loop backup (read whole: SQLite needs it all)
NAMES = {"loop": "Loop", "daylio": "Daylio", "dayone": "Day One", "bearable": "Bearable"}


@dataclass
class Outcome:
    """What an import found (``tally``) and what it adds (or added)."""

    tally: Tally
    new: int = 0
    present: int = 0
    removed: int = 0  # already present but removed earlier
    practices: dict[str, str] = field(default_factory=dict)


class _Counted(io.RawIOBase):
    """A file that tells ``advance`` how many bytes were read (the progress bar)."""

    def __init__(self, inner: IO[bytes], advance: Callable[[int], None]) -> None:
        self.inner, self.advance = inner, advance

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.inner.seekable()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.inner.seek(offset, whence)

    def tell(self) -> int:
        return self.inner.tell()

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(len(buffer))
        buffer[: len(data)] = data
        self.advance(len(data))
        return len(data)

    def close(self) -> None:
        self.inner.close()
        super().close()


def items(source: str, handle: IO[bytes], options: Options, tally: Tally) -> Iterator[Any]:
    """The entries (and removals) the file of ``source`` holds, read by that app's reader."""
    if source == "loop" and handle.read(16) == SQLITE:
        handle.seek(0)
        raw = handle.read(MAX_DB + 1)
        if len(raw) > MAX_DB:
            raise SourceProblem("the database is larger than any Loop backup; nothing was imported")
        from mindlog.formats import loop

        yield from loop.read_db(raw, options, tally)
        return
    handle.seek(0)
    if source in ("loop", "dayone"):
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError):
            archive = None
        if source == "loop":
            if archive is None:
                raise SourceProblem("the file is not a zip as Loop exports; nothing was imported")
            from mindlog.formats import loop

            yield from _guarded(loop.read(archive, options, tally))
            return
        from mindlog.formats import dayone

        if archive is None:
            handle.seek(0)
            yield from _guarded(dayone.read_json(handle, "the file", options, tally))
        else:
            yield from _guarded(dayone.read(archive, options, tally))
        return
    if source == "daylio" and handle.read(2) == b"PK":
        from mindlog.formats import daylio

        handle.seek(0)
        try:
            backup = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError):
            raise SourceProblem("the file is a damaged zip; nothing was imported") from None
        yield from _guarded(daylio.read_backup(backup, options, tally))
        return
    handle.seek(0)
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    if source == "daylio":
        from mindlog.formats import daylio

        yield from _guarded(daylio.read(_csv_lines(text), options, tally))
    elif source == "bearable":
        from mindlog.formats import bearable

        yield from _guarded(bearable.read(_csv_lines(text), options, tally))
    else:  # pragma: no cover - the command line offers only these
        raise SourceProblem(f"mindlog cannot read {source} files")


def _csv_lines(text: io.TextIOWrapper) -> Iterator[str]:
    import csv

    csv.field_size_limit(sources.CELL_LIMIT)  # a long note, not the whole memory
    yield from text


def _guarded(found: Iterable[Any]) -> Iterator[Any]:
    """A reader's items; a file that is not what it says (bytes that are not UTF-8, a cell
    beyond any note, a damaged zip) becomes one line, not a traceback."""
    import csv

    try:
        yield from found
    except UnicodeDecodeError:
        raise SourceProblem("the file is not UTF-8 text; nothing was imported") from None
    except csv.Error as exc:
        raise SourceProblem(
            f"the file is not CSV mindlog can read ({exc}); nothing was imported"
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError):
        raise SourceProblem(
            "the zip is damaged or packed in a way mindlog cannot read; nothing was imported"
        ) from None


def your_practices(session: Session) -> dict[str, tuple[str, str]]:
    """The person's practices by name (any case): name key -> (id, name)."""
    view = session.view()
    found = defined(view.of_kind("practicedef"))
    return {name_key(p.name): (p.id, p.name) for p in found}


def run(
    session: Session,
    opener: Opener,
    source: str,
    options: Options,
    write: bool,
    advance: Callable[[int], None] = lambda n: None,
) -> Outcome:
    """Read the file through; write what is new when ``write``. The preview is ``write`` False."""
    outcome = Outcome(Tally(source))
    batch: list[Entry] = []
    removals: list[str] = []

    def flush() -> None:
        if not batch:
            return
        known = session.view().known(e.id for e in batch)
        seen: set[str] = set()
        new: list[Entry] = []
        for entry in batch:
            state = known.get(entry.id)
            if state is not None or entry.id in seen:
                outcome.present += 1
                outcome.removed += state == "removed"
            else:
                new.append(entry)
            seen.add(entry.id)
        outcome.new += len(new)
        fresh = {e.id for e in new}
        if write and new:
            events = [{"op": "add", "entry": e.to_json()} for e in new]
            events += [delete_event(i, session.at) for i in removals if i in fresh]
            session.write(events)
        batch.clear()
        removals.clear()

    with opener() as raw:
        handle = io.BufferedReader(_Counted(raw, advance), 1024 * 1024)
        for item in items(source, handle, options, outcome.tally):
            if isinstance(item, Removed):
                removals.append(item.id)
                continue
            if len(batch) >= BATCH:
                flush()
            batch.append(item)
        flush()
    return outcome


# -- what is said: the preview and the report ------------------------------------------------


_SINGULAR = {"days": "day", "notes": "note", "habits": "habit", "activities": "activity",
             "entries": "entry", "factors": "factor", "photos,": "photo,", "tags": "tag",
             "check-ins": "check-in", "skipped": "skipped", "archived": "archived",
             "new": "new", "sleep": "sleep", "Daylio": "Daylio", "Day": "Day"}  # fmt: skip
_READINGS = re.compile(r"\b(readings|ratings)\b")


def singular(line: str) -> str:
    """A line of the preview said of one thing: ``1 day of Walk``, not ``1 days``."""
    words = line.split(" ")
    words[0] = _SINGULAR.get(words[0], words[0])
    line = " ".join(words)
    if line.startswith("skipped days"):
        line = "skipped day" + line[len("skipped days") :]
    if line.startswith("archived habits"):
        line = "archived habit" + line[len("archived habits") :]
    if line.startswith("Daylio entries"):
        line = "Daylio entry" + line[len("Daylio entries") :]
    if line.startswith("Day One entries"):
        line = "Day One entry" + line[len("Day One entries") :]
    if line.startswith("new scales"):
        line = "new scale" + line[len("new scales") :]
    return _READINGS.sub(lambda m: m.group(1)[:-1], line, count=1)


def number(n: int) -> str:
    return f"{n:,}"


def summary(outcome: Outcome, name: str) -> list[str]:
    """The lines of the preview (and of the report after writing)."""
    tally = outcome.tally
    app = NAMES.get(tally.source, tally.source)
    lines = [f"From {app} ({one_line(name, 60)}):"]
    if not tally.counts:
        lines.append("  nothing mindlog can bring in")
    for line, count in tally.counts.items():
        lines.append(f"  {number(count)} {one_line(singular(line) if count == 1 else line, 100)}")
    if tally.seen_values:
        moods = " · ".join(one_line(label, 30) for label in tally.seen_values)
        lines.append(f"  moods as levels: {moods} (change with --mood-map 'label=3')")
    if tally.how:
        lines += [f"  {one_line(k, 60)}: {one_line(v, 100)}" for k, v in tally.how.items()]
    if tally.left:
        lines.append("Not brought in:")
        for reason, count in tally.left.most_common():
            where = tally.first_where.get(reason)
            at = f" (first at {one_line(where, 60)})" if where else ""
            lines.append(f"  {number(count)} × {one_line(reason, 120)}{at}")
    return lines


def totals(outcome: Outcome, written: bool) -> str:
    present = number(outcome.present)
    if written:
        return f"{number(outcome.new)} added, {present} already in your journal."
    return f"{number(outcome.new)} to add, {present} already in your journal."
