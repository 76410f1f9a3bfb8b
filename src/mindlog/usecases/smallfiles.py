"""The person's small files (the support plan, boosts) sealed or opened when encryption is turned
on or off: each is read and written back through mindlog.store.jsonfile, which seals the files that
hold words while the journal is encrypted. Nothing here prints."""

from __future__ import annotations

from pathlib import Path

from mindlog.store import jsonfile
from mindlog.store.paths import Locations


def rewrite_all(where: Locations) -> list[Path]:
    """Write each small file again, sealed or plain as the journal now is; returns the damaged
    ones, which are kept exactly as they are."""
    damaged: list[Path] = []
    for name in sorted(jsonfile.SEALED_NAMES):
        path = where.data / name
        if not path.exists():
            continue
        try:
            jsonfile.update(path, lambda value: value)
        except jsonfile.Damaged:
            damaged.append(path)
    return damaged
