"""The cache's SQLite file: where it lives, its tables, opening it and throwing it away.

It lives in the state folder (this machine's own, never synced), 0600 in the 0700 folder like
the journal. It is only ever a cache: any error opening or reading it means it is deleted and
built again, and nothing a write needs is in it. ``secure_delete`` is on, so a row deleted from
it leaves no words behind in the file; a full rebuild writes a new file and renames it over the
old one.

Beside an encrypted journal (mindlog.store.format.sealed_journal) the cache never sits on the disk in
plain text: it lives in memory (``sqlite3.Connection.deserialize``) and is written as one sealed
file, ``cache.sqlite3.age`` (mindlog.store.keys.seal_blob: no passphrase needed to write it), after each
build or catch-up. Reading it needs the key: a cache that cannot be opened is built again; a locked
journal raises keys.LockedError and leaves the file alone. A plain journal imports none of this.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from mindlog.store.paths import FILE_MODE, Locations, ensure_dir

NAME = "cache.sqlite3"
SEALED_NAME = "cache.sqlite3.age"  # beside an encrypted journal: the whole file, sealed
FRONT_NAME = "cache-front.sqlite3.age"  # and the small part opened first (cache.front)
FORMAT = 15  # raise it when the tables change: an older cache is then rebuilt
OLD_FILES = ("summary.json", "greeting.json")  # an earlier cache; greet's (cache.greeting)

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE files(
    name TEXT PRIMARY KEY,
    size INTEGER, mtime_ns INTEGER, inode INTEGER,  -- the file as it was read (see cache.key)
    end_offset INTEGER, lines INTEGER,              -- whole lines read so far
    problems INTEGER, newer INTEGER,                -- damaged whole lines among them
    tail INTEGER,                                   -- 1: an unfinished last line (a problem)
    mark BLOB                                       -- the bytes read, in short (cache.reader.mark)
) WITHOUT ROWID;
CREATE TABLE entries(             -- kept in seq order, which is mostly the journal's order: read
    id TEXT NOT NULL,             -- in the journal's order, the rows come nearly in file order
    live INTEGER NOT NULL,        -- 1 in the journal, 0 removed (mindlog restore)
    day TEXT NOT NULL,
    dayno INTEGER,                -- the day's ordinal; NULL when it is not a date
    at_us INTEGER NOT NULL,       -- the moment it was written, in UTC microseconds (order)
    seq INTEGER PRIMARY KEY,      -- order among entries of the same day and moment
    written INTEGER NOT NULL,     -- the journal's clock when it was added (Entry.written)
    moved INTEGER NOT NULL,       -- 1: restored at some time (replay put it after every add)
    kind TEXT NOT NULL,
    at TEXT NOT NULL,             -- the entry's own fields (kind and day above), apart, so that
    text TEXT,                    -- reading one needs no JSON parsed but its tags and the rest;
    tags TEXT NOT NULL,           -- the tags and the rest as JSON text, laid out as `list --json`
    rest TEXT NOT NULL            -- shows them (rest: '' or ',' then the other fields' lines)
);
CREATE TABLE search(              -- what --search looks in, apart: a narrow table is quick to scan
    seq INTEGER PRIMARY KEY,      -- the entry's seq (unique: entries.seq)
    live INTEGER NOT NULL,
    words TEXT NOT NULL           -- mindlog.domain.query.searchable: every word, folded
);
CREATE TABLE lines(               -- every line read and where: when another device rewrites its
    eid TEXT NOT NULL,            -- file (a compaction), what went and what came is known by id,
    file INTEGER NOT NULL,        -- and only that file's rows change (cache.catchup); names.file
    line INTEGER NOT NULL,        -- a line met twice has a row for each place
    op TEXT NOT NULL,             -- the event's op; 'bad': an add whose entry cannot be used
    id TEXT,                      -- the entry it adds or names
    ref TEXT                      -- the removal a restore undoes, or a forget makes final
);                                -- (found by eid: lines_eid, made once the rows are in)
CREATE TABLE names(file INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);  -- lines.file's names
CREATE TABLE history(id TEXT, n INTEGER, data TEXT, PRIMARY KEY(id, n)) WITHOUT ROWID;
CREATE TABLE orphans(id TEXT PRIMARY KEY) WITHOUT ROWID;  -- changed but never added, or forgotten
CREATE TABLE forgotten(id TEXT PRIMARY KEY) WITHOUT ROWID;  -- forgotten for good (journal.forgotten)
CREATE TABLE days(                -- every day with a live entry, and the practices done on it
    dayno INTEGER PRIMARY KEY,
    morning INTEGER, wins INTEGER, commitment INTEGER, rest INTEGER,
    share REAL,                   -- how complete the day's morning was; NULL: no morning
    shown INTEGER,                -- 1: a day shown up (mindlog.domain.streaks), 0: setup only
    setback INTEGER               -- 1: a hard day written down (carries runs as rest does)
);
CREATE TABLE runs(                -- each practice's runs of days: all done, or all rest
    practice TEXT, first INTEGER, last INTEGER, done INTEGER,
    PRIMARY KEY(practice, first)
) WITHOUT ROWID;
"""


INDEXES = """
CREATE INDEX entries_order ON entries(live, day, at_us, seq);
CREATE INDEX entries_kind ON entries(live, kind, day, at_us, seq);
CREATE INDEX entries_dayno ON entries(live, dayno);
CREATE INDEX entries_marks ON entries(live, kind, rest, day) WHERE kind = 'practice';
CREATE UNIQUE INDEX entries_id ON entries(id);
CREATE INDEX runs_last ON runs(practice, last);
CREATE INDEX lines_eid ON lines(eid);
CREATE INDEX lines_restores ON lines(id) WHERE op = 'restore';
"""  # made once the rows are in (cache.build.fill): faster than keeping them up to date row by row


# The columns an entry is read from (mindlog.cache.rows.entry_of; without ``written``, its
# own fields: rows.fields_of).
FIELDS = "id, kind, day, at, text, tags, rest"
ENTRY = FIELDS + ", written"


def json_of(indent: str = "") -> str:
    """SQL that lays an entry out as ``jsontext.dumps(entry.to_json())`` does (``list --json``)
    from its columns, every line after the first ``indent`` deeper (an entry inside a list).
    SQLite's json_quote quotes a string as the json module does (a test compares the two)."""
    nl = "\n" + indent
    inner = f"replace(tags || rest, char(10), '{nl}')" if indent else "tags || rest"
    return (
        f"""'{{{nl}  "id": ' || json_quote(id) || ',{nl}  "kind": ' || json_quote(kind)"""
        f""" || ',{nl}  "day": ' || json_quote(day) || ',{nl}  "at": ' || json_quote(at)"""
        f""" || ',{nl}  "text": ' || json_quote(text) || ',{nl}  "tags": ' || {inner}"""
        f""" || '{nl}}}'"""
    )


def path(where: Locations) -> Path:
    return where.state / NAME


def sealed(where: Locations) -> bool:
    """True when the journal is encrypted: the cache is then kept in memory and saved sealed."""
    from mindlog.store.format import sealed_journal

    return sealed_journal(where.journal)


def save_sealed(where: Locations, db: sqlite3.Connection) -> None:
    """Write the in-memory cache ``db`` sealed for the journal's key (replaced whole)."""
    from mindlog.store import keys
    from mindlog.store.paths import atomic_write

    ensure_dir(where.state)
    sealed_data = keys.seal_blob(where, db.serialize())
    # A cache: replaced whole, never through a link, not synced to the disk (rebuilt after a crash).
    atomic_write(where.state / SEALED_NAME, sealed_data, follow_links=False, durable=False)
    with contextlib.suppress(OSError):
        os.unlink(path(where))  # never a plain copy beside the sealed one


def open_sealed(
    where: Locations, name: str = SEALED_NAME, drop_it: Callable[[Locations], None] | None = None
) -> sqlite3.Connection | None:
    """The sealed database ``name`` of the state folder, opened into memory; None when there is
    none, or when it does not open for this key or as a database (then ``drop_it``, the whole
    cache's ``drop`` unless said, removes it to be built again). Raises keys.LockedError while
    the journal is locked (the file is left: it is still good for later)."""
    from mindlog.store import keys

    try:
        source = open(where.state / name, "rb")  # noqa: SIM115 - closed below
    except OSError:
        return None
    with source:
        data = keys.open_blob_file(where, source)
    if data is not None:
        db = connect(":memory:")
        try:
            db.deserialize(data)
            return db
        except sqlite3.Error:
            db.close()
    (drop_it or drop)(where)  # sealed for another key, changed, or not a database
    return None


def connect(file: Path | str) -> sqlite3.Connection:
    db = sqlite3.connect(file, isolation_level=None, check_same_thread=False)
    try:
        # A cache: a crash may leave it stale or damaged, and then it is built again, so it is
        # not synced to the disk; deleted rows are overwritten (secure_delete) so no words linger.
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA secure_delete=ON")
        db.execute("PRAGMA journal_mode=MEMORY")  # reads the file: not a database, an error
        db.execute("PRAGMA temp_store=MEMORY")
    except BaseException:
        db.close()
        raise
    return db


def open_existing(where: Locations) -> sqlite3.Connection | None:
    """The cache as it is on disk, or None when there is none or it is of another format.

    Beside an encrypted journal, the sealed cache opened into memory (see the module)."""
    file = path(where)
    db: sqlite3.Connection | None = None
    try:
        if sealed(where):
            with contextlib.suppress(OSError):
                os.unlink(file)  # a plain cache left by an encrypt cut short: never kept
            db = open_sealed(where)
            if db is None:
                return None
        elif not file.is_file():
            return None
        else:
            db = connect(file)
        row = db.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()
    except sqlite3.Error:
        if db is not None:
            db.close()
        drop(where)
        return None
    if row is None or row[0] != FORMAT:
        db.close()
        drop(where)
        return None
    return db


def create(where: Locations) -> tuple[sqlite3.Connection, Path | None]:
    """A new, empty cache in a temporary file beside the real one (``install`` puts it there);
    beside an encrypted journal, in memory (None for the file; ``save_sealed`` keeps it)."""
    ensure_dir(where.state)
    tmp: Path | None = None
    if sealed(where):
        db = connect(":memory:")
    else:
        target = path(where)
        tmp = target.with_name(f".{NAME}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        os.close(fd)
        db = connect(tmp)
    db.execute("PRAGMA journal_mode=OFF")  # being built: nothing to roll back to
    db.execute("PRAGMA cache_size=-65536")  # 64 MiB of pages while it is built
    db.executescript(SCHEMA)
    db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
    return db, tmp


def install(where: Locations, tmp: Path) -> None:
    os.replace(tmp, path(where))
    for old in OLD_FILES:
        with contextlib.suppress(OSError):
            os.unlink(where.state / old)


def drop(where: Locations) -> None:
    """Delete the cache and every file an earlier one left (it is built again when needed)."""
    names = [NAME, NAME + "-journal", NAME + "-wal", NAME + "-shm", SEALED_NAME, FRONT_NAME]
    names += OLD_FILES
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(where.state / name)
    with contextlib.suppress(OSError), os.scandir(where.state) as found:
        for item in found:
            if item.name.startswith(f".{NAME}.") and item.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(item.path)
