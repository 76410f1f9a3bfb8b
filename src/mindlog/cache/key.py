"""What the cache was built from: each device file's name, size, mtime_ns and inode.

A file whose four values are unchanged is taken as unchanged. A file that only grew is read from
where the cache stopped: grown in place, or delivered by a sync tool as a grown copy renamed over
the old one (a new inode). Either way its first bytes must give the mark the cache kept
(cache.reader.mark): a file written anew can be given the inode number of one removed before.
A file rewritten (another device's compaction, or ``doctor`` there) is read again whole and only
its lines that went or came are changed (cache.catchup); a file gone makes the cache be built
again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

SUFFIX = (
    ".jsonl"  # the journal's device files (mindlog.store.eventlog.SUFFIX; a test checks they agree)
)


class Stamp(NamedTuple):  # a tuple of values: made at once, where a dataclass is made slowly
    name: str
    size: int
    mtime_ns: int
    inode: int


def stamps(folder: Path) -> dict[str, Stamp]:
    """The device files in the journal folder now (as ``Store.files`` finds them)."""
    found: dict[str, Stamp] = {}
    try:
        entries = os.scandir(folder)
    except FileNotFoundError:
        return found  # nothing written yet
    with entries:
        for item in entries:
            if not item.name.endswith(SUFFIX):
                continue
            try:
                if not item.is_file():
                    continue
                st = item.stat()
            except OSError:
                continue
            found[item.name] = Stamp(item.name, st.st_size, st.st_mtime_ns, st.st_ino)
    return found
