"""The journal folder's ``format.json``: which schema its lines are, and whether it is encrypted.

``{"schema": 2}`` for plain lines; ``{"schema": 3, "sealed": "age"}`` for an encrypted journal
(schema 2 lines, each sealed). A newer mindlog raises the schema; an older one then stops writing
(mindlog.store.eventlog). Read by everything that must know whether words are to be sealed.
"""

from __future__ import annotations

import json
from pathlib import Path

from mindlog.domain.typed import whole

SEALED_FORMAT = 3  # format.json of an encrypted journal: schema 2 lines, sealed


FORMAT_FILE = "format.json"


def sealed_journal(folder: Path) -> bool:
    """True when the journal in ``folder`` is encrypted (its format.json says so)."""
    try:
        raw = (folder / FORMAT_FILE).read_bytes()
    except OSError:
        return False
    return read_schema(raw) == SEALED_FORMAT and says_sealed(raw)


def says_sealed(raw: bytes) -> bool:
    try:
        info = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return False
    return isinstance(info, dict) and info.get("sealed") == "age"


def read_schema(raw: bytes) -> int | None:
    """The schema ``format.json`` names (a byte-order mark and a quoted number are allowed)."""
    try:
        info = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return None
    schema = info.get("schema") if isinstance(info, dict) else None
    if isinstance(schema, str):
        schema = whole(schema)  # the digits 0 to 9 (mindlog.domain.typed)
    return schema if type(schema) is int and schema >= 1 else None
