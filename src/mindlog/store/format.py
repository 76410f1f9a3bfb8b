"""The journal folder's ``format.json``: which schema its lines are, and whether it is encrypted.

``{"schema": 2}`` for plain lines; ``{"schema": 3, "sealed": "age"}`` for an encrypted journal
(schema 2 lines, each sealed); ``{"schema": 2, "decrypted": "age"}`` for a journal that was
encrypted and turned plain again by ``mindlog decrypt`` (its keys.json stays, for the lines other
devices have not opened yet). A newer mindlog raises the schema; an older one then stops writing
(mindlog.store.eventlog). Read by everything that must know whether words are to be sealed.

Whether new words are sealed (``sealed_by``): when format.json says so, and also whenever the
journal folder holds ``keys.json`` and format.json does not say the journal was decrypted. A sync
tool can bring keys.json before format.json, or put back an older format.json; a device that sees
keys.json then still seals what it writes, and its writer puts format.json back to the sealed one
(never downgraded: when sync tools made conflicted copies of format.json, the highest schema
wins, see ``rank``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mindlog.domain.typed import whole

SEALED_FORMAT = 3  # format.json of an encrypted journal: schema 2 lines, sealed


FORMAT_FILE = "format.json"
KEYS_FILE = "keys.json"  # an encrypted journal's key (mindlog.store.keys)


def sealed_journal(folder: Path) -> bool:
    """True when words written to the journal in ``folder`` are sealed (see the module)."""
    try:
        raw: bytes | None = (folder / FORMAT_FILE).read_bytes()
    except FileNotFoundError:
        raw = None
    except OSError:
        raw = b""  # unreadable: decided by keys.json alone
    return sealed_by(folder, raw)


def sealed_by(folder: Path, raw: bytes | None) -> bool:
    """Whether words written to the journal in ``folder`` are sealed, given the bytes of its
    format.json (None when there is none): format.json says so, or keys.json is there and
    format.json does not say that the journal was decrypted."""
    info = _info(raw) if raw is not None else None
    if info is not None and says_format_sealed(info):
        return True
    if info is not None and info.get("decrypted") == "age":
        return False
    return os.path.exists(folder / KEYS_FILE)


PLAN_KEY = "plan"  # in format.json of an encrypted journal: "readable" or "sealed" (see below)
READABLE = "readable"
SEALED = "sealed"


def plan_choice(folder: Path) -> str | None:
    """How an encrypted journal keeps the support plan (issue 22, part 5): "readable" (its lines
    and the crisis country written plain, so that ``mindlog support`` shows them locked),
    "sealed", or None when it was never chosen (encrypted before the choice was offered: sealed).
    Kept in format.json, which every writer reads under the journal's lock anyway, so that
    every device writes the plan the same way, locked or not."""
    try:
        info = _info((folder / FORMAT_FILE).read_bytes())
    except OSError:
        return None
    found = info.get(PLAN_KEY) if info is not None else None
    return found if found in (READABLE, SEALED) else None


def plan_readable(folder: Path) -> bool:
    """True when the journal is encrypted and its plan is to stay readable (``plan_choice``)."""
    try:
        raw = (folder / FORMAT_FILE).read_bytes()
    except OSError:
        return False
    info = _info(raw)
    return info is not None and info.get(PLAN_KEY) == READABLE and sealed_by(folder, raw)


def format_sealed(raw: bytes | None) -> bool:
    """True when format.json itself (its bytes ``raw``) says the journal is encrypted."""
    info = _info(raw) if raw is not None else None
    return info is not None and says_format_sealed(info)


def says_format_sealed(info: dict[str, object]) -> bool:
    return _schema(info) == SEALED_FORMAT and info.get("sealed") == "age"


def rank(raw: bytes) -> tuple[int, bool]:
    """How far along ``raw`` (a format.json) is, for merging copies: the higher schema, then
    sealed before plain. A copy that cannot be read ranks lowest."""
    info = _info(raw)
    if info is None:
        return (0, False)
    return (_schema(info) or 0, info.get("sealed") == "age")


def read_schema(raw: bytes) -> int | None:
    """The schema ``format.json`` names (a byte-order mark and a quoted number are allowed)."""
    info = _info(raw)
    return _schema(info) if info is not None else None


def _info(raw: bytes) -> dict[str, object] | None:
    try:
        info = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return None
    return info if isinstance(info, dict) else None


def _schema(info: dict[str, object]) -> int | None:
    schema = info.get("schema")
    if isinstance(schema, str):
        schema = whole(schema)  # the digits 0 to 9 (mindlog.domain.typed)
    return schema if type(schema) is int and schema >= 1 else None
