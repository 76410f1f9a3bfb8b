"""Keeping the cache in step with the journal files: built whole, or caught up from where it
stopped.

``fresh(where)`` compares each device file with what the cache was built from (cache.key). When
nothing changed, the cache is used as it is. When files only grew (this machine's appends, or
another device's file that a sync tool appended to), or a new device file came, only the new
lines are read and applied (a line read before in another file counts once), as
``journal.replay`` would apply them, when that can be done exactly: entries not seen before,
and changes ordered (by the journal's clock) after every change already applied; each change
is applied by ``journal.replay`` itself, to the entry as the cache has it. A file rewritten
(another device's compaction) changes only the rows of the lines that went or came
(cache.catchup says when that can be done). Anything else (a file gone, an entry seen a second
time, a change that sorts before one already applied, a forget a restore may undo) builds the
cache whole again, into a new file that replaces the old one (cache.build). Catching up is
cache.catchup; the rows both write are cache.rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager

from mindlog.cache import db as cachedb
from mindlog.cache.catchup import Stale, catch_up
from mindlog.cache.key import stamps
from mindlog.store.paths import Locations

Progress = Callable[[int, str], AbstractContextManager[Callable[[int], None]]]


# Rows changed by a catch-up before a sealed cache is written again (about three a line). Until
# then each read opens and applies those lines again (about 0.25 ms a line); writing the sealed
# cache of a 10-year journal again takes 50-80 ms, once (benchmarks/encryption.py).
RESEAL_AFTER = 32


BIG = 1024 * 1024  # bytes of journal from which building the cache tells its progress
QUICK = 256 * 1024  # bytes of journal built whole even by a caller that cannot wait (~0.05 s)


class Unbuilt(Exception):  # noqa: N818 - a state, not a fault
    """The cache must be built whole from a long journal, and the caller cannot wait
    (``fresh(..., wait=False)``: mindlog greet at login). The next command builds it."""


def fresh(
    where: Locations, progress: Progress | None = None, wait: bool = True
) -> sqlite3.Connection:
    """The cache, in step with the journal files as they are now (built or caught up first).

    ``progress(total, description)``, when given, draws a bar while a long journal is read
    whole (mindlog.render.progress.bar); this module itself never prints. With ``wait`` False,
    a journal of more than ``QUICK`` bytes that must be read whole raises Unbuilt instead (a
    catch-up of new lines is never a wait)."""
    now = stamps(where.journal)
    db = cachedb.open_existing(where)
    if db is not None:
        try:
            before = db.total_changes
            if catch_up(db, where, now):
                # An encrypted journal's cache lives in memory: saved sealed again only when the
                # catch-up was large; a few new lines are cheaper read again than the whole resealed.
                if db.total_changes - before > RESEAL_AFTER and cachedb.sealed(where):
                    cachedb.save_sealed(where, db)
                return db
        except (Stale, sqlite3.Error, OSError, ValueError, KeyError, TypeError):
            pass
        except BaseException:  # the journal locked, say: the cache is left as it is
            db.close()
            raise
        db.close()
    size = sum(s.size for s in now.values())
    if not wait and size > QUICK:
        raise Unbuilt
    from mindlog.cache.build import build  # only when built whole: most commands never are

    if progress is not None and size >= BIG:
        with progress(100, "mindlog: reading your journal once") as advance:
            return build(where, now, advance)
    return build(where, now)
