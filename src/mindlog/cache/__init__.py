"""mindlog's cache: the journal replayed once, kept so that reading commands need not replay it.

The journal files stay the only truth. The cache is one SQLite file in the state folder (this
machine's own), built from the device files and keyed to them (cache.key): each reading command
first brings it in step with the files (cache.fill: nothing to do, new lines read from where it
stopped, or a whole rebuild) and then asks it questions (cache.view). It is safe to delete at
any moment, never needed for a write to succeed, and holds nothing the journal does not.

    key.py     what the cache was built from: each device file's name, size, mtime and inode
    reader.py  one device file read from a byte offset, as the store reads it
    db.py      the SQLite file: its tables, opening, creating, dropping
    fill.py    in step with the files: used as it is, caught up, or built whole (``fresh``)
    catchup.py only the new lines applied (and a rewritten file's lines that went taken out),
               when that can be done exactly
    build.py   built whole, line by line (changes by journal.replay)
    rows.py    the rows both write: an entry, a file, the days' practices and their runs
    view.py    the journal's questions answered by the cache (Cached) or by a replay (Full)
    front.py   beside an encrypted journal: the small sealed part the everyday screens read

When the cache cannot be used (no SQLite, a full disk, a damaged file), ``open_view`` returns
None and the commands replay the journal as they always could. Beside an encrypted journal the
cache is kept sealed (cache.db); while the journal is locked ``open_view`` raises keys.LockedError.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from mindlog.cache.fill import Progress
    from mindlog.cache.view import Cached
    from mindlog.store.paths import Locations


def open_view(
    where: Locations, progress: Progress | None = None, wait: bool = True
) -> Cached | None:
    """The journal's questions, answered by a cache in step with the files; None when the
    cache cannot be used (then a full replay answers them). ``progress`` draws a bar while a
    long journal is read whole (see cache.fill.fresh); with ``wait`` False, a long journal
    that must be read whole raises cache.fill.Unbuilt instead, and the cache is left as it is."""
    try:
        from mindlog.cache import fill, key
        from mindlog.cache.view import Cached

        now = key.stamps(where.journal)
        if not now:
            drop(where)  # nothing written yet (or every file gone): nothing to keep
            return None
        from mindlog.cache import db as cachedb

        if cachedb.sealed(where):
            # An encrypted journal: its small sealed front first (cache.front), the whole
            # cache only for what the front does not hold, and then the front made again.
            from mindlog.cache import front

            def whole() -> Cached:
                try:
                    return Cached(fill.fresh(where, progress, wait))
                except fill.Unbuilt:  # asked of a front already opened: answered, at a wait
                    return Cached(fill.fresh(where, progress))

            found = front.open_front(where, now, whole)
            if found is not None:
                return found
            db = fill.fresh(where, progress, wait)
            front.remake(where, db)
        else:
            db = fill.fresh(where, progress, wait)
        try:
            return Cached(db)
        except BaseException:
            db.close()
            raise
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be used is rebuilt another time
        if type(exc).__name__ == "LockedError":  # an encrypted journal, locked: the cache stays
            raise
        if type(exc).__name__ == "Unbuilt":  # built by the next command that can wait
            raise
        drop(where)
        return None


def drop(where: Locations) -> None:
    """Delete the cache (after forgetting for good, say); it is built again when needed."""
    from mindlog.cache import db

    db.drop(where)
