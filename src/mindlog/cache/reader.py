"""Reading one device file from a byte offset: the events of the lines that follow, and the
damaged ones, as ``Store.read`` reads them (each event tagged ``_file`` and ``_line``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from mindlog.domain.digest import blake2b
from mindlog.domain.model import Problem
from mindlog.domain.record import field, record
from mindlog.store.lines import parse_line

BLOCK = 1 << 20  # bytes read at a time
TORN = "an unfinished last line (a write that was cut short)"


@record
class Part:
    """What one read of a file from ``offset`` found."""

    events: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # damaged whole lines
    newer: bool = False
    end: int = 0  # the offset just after the last whole line: the next read starts here
    lines: int = 0  # whole lines up to ``end``
    tail: bytes = b""  # what follows the last newline (a write that was cut short, or one to come)
    size: int = 0  # the file's size when read
    inode: int = 0
    mtime_ns: int = 0
    mark: bytes = b""  # what the bytes up to ``end`` look like (``mark``)


SAMPLES = 8  # spots sampled across what was read, besides its start and its end
SAMPLE = 512  # bytes read at each spot
TAIL = 4096  # bytes read at the end of what was read


def mark(handle: BinaryIO, end: int) -> bytes:
    """A short fingerprint of a file's first ``end`` bytes, read from a few spots: its start,
    evenly spaced samples and its last 4 KiB. A sync tool delivers a grown file as a new copy
    renamed over the old one (a new inode); when the copy's first ``end`` bytes give the same
    mark as those the cache read, the copy is the old file grown, and only its new lines are read.
    A line removed or changed before ``end`` (another device's compaction) shifts or changes the
    last 4 KiB, and each line holds a unique id and clock, so such a file never gives the same
    mark. Reading the spots costs microseconds, where hashing a 50-year file would cost a second."""
    digest = blake2b(end.to_bytes(8, "little"), digest_size=16)
    spots = [0, *(end * i // (SAMPLES + 1) for i in range(1, SAMPLES + 1))]
    for spot in spots:
        digest.update(os.pread(handle.fileno(), min(SAMPLE, end - spot), spot))
    start = max(0, end - TAIL)
    digest.update(os.pread(handle.fileno(), end - start, start))
    return digest.digest()


def mark_of(path: Path, end: int) -> bytes | None:
    """``mark`` of the file at ``path`` now; None when it is shorter than ``end`` or unreadable."""
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size < end:
                return None
            return mark(handle, end)
    except OSError:
        return None


def read_part(
    path: Path,
    offset: int = 0,
    lines_before: int = 0,
    take: Callable[[dict[str, Any]], None] | None = None,
    tell: Callable[[int], None] | None = None,
    stop: int | None = None,
) -> Part:
    """The whole lines of ``path`` from ``offset`` on (line numbers continue from
    ``lines_before``); raise OSError when the file cannot be read. With ``take``, each event is
    handed to it as it is read instead of kept in ``events`` (a long journal, read whole);
    ``tell`` is told the bytes of each block once its lines are handed on (a progress bar).
    With ``stop`` (just after a newline), only the lines before it are read."""
    part = Part()
    keep = part.events.append if take is None else take
    number = lines_before
    name = path.name
    rest = b""  # the start of a line whose newline is in a later block
    read = 0
    with open(path, "rb") as handle:
        st = os.fstat(handle.fileno())
        handle.seek(offset)
        # In blocks, so that a long journal's bytes are never all in memory beside its events.
        while block := handle.read(
            BLOCK if stop is None else max(0, min(BLOCK, stop - offset - read))
        ):
            read += len(block)
            block = rest + block
            cut = block.rfind(b"\n") + 1
            rest = block[cut:]
            for raw in block[:cut].split(b"\n")[:-1]:
                number += 1
                if not raw.strip():
                    continue
                parsed = parse_line(raw)
                if isinstance(parsed, str):
                    part.newer = part.newer or "newer version" in parsed
                    part.problems.append(Problem(name, number, parsed))
                    continue
                parsed["_file"] = name
                parsed["_line"] = number
                keep(parsed)
            if tell is not None:
                tell(cut)  # the bytes of the lines handed on
        part.end = offset + read - len(rest)
        part.mark = mark(handle, part.end)
    part.size, part.inode, part.mtime_ns = offset + read, st.st_ino, st.st_mtime_ns
    part.tail = rest
    part.lines = number
    return part


def tail_event(part: Part, name: str) -> dict[str, Any] | Problem | None:
    """The unfinished last line as ``Store.read`` sees it: an event when it parses (a line whose
    newline is still to come), else a problem; None when the file ends with a newline."""
    if not part.tail.strip():
        return None
    parsed = parse_line(part.tail)
    number = part.lines + 1
    if isinstance(parsed, str):
        return Problem(name, number, TORN)
    parsed["_file"] = name
    parsed["_line"] = number
    return parsed
