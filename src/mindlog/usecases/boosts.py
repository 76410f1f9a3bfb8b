"""The person's own boosts: songs, podcasts, words that lift them.

Kept in the journal, one entry a boost (mindlog.usecases.personal; ``boosts.json`` of earlier
versions is taken in once, and read here). ``mindlog boost`` offers one at a time, going round the list so that each offer differs
from the last; which one was offered last is remembered (as a hash, not the words) in the
machine's state folder. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mindlog.domain.errors import MindlogError
from mindlog.store import jsonfile
from mindlog.store.paths import Locations, atomic_write

FILE_NAME = "boosts.json"
LAST_FILE = "boost-last"
FORMAT = 1


def path_of(where: Locations) -> Path:
    return where.data / FILE_NAME


def _items(data: Any, path: Path) -> list[str]:
    if data is None:
        return []
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise jsonfile.Damaged(f"{path} is damaged; it is kept as it is")
    return list(items)


def load(where: Locations) -> list[str]:
    path = path_of(where)
    return _items(jsonfile.read(path), path)


def change(
    where: Locations, edit: Callable[[list[str]], None], *, additive: bool = False
) -> list[str] | None:
    """Apply ``edit`` to the stored list and save it, under the list's lock.

    ``additive`` (an edit that only adds): on a locked encrypted journal the addition is kept
    sealed beside the list and None is returned (see mindlog.store.jsonfile).
    """
    path = path_of(where)
    result: list[list[str]] = []

    def apply(data: Any) -> Any:
        items = _items(data, path)
        edit(items)
        result.append(items)
        extra = data if isinstance(data, dict) else {}
        return {**extra, "boosts": FORMAT, "items": items}

    if jsonfile.update(path, apply, additive=additive) is None:
        return None
    return result[0]


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def next_index(items: list[str], last: str | None) -> int:
    """The boost to offer now: the one after the last offered (by fingerprint), else the first."""
    if not items:
        raise MindlogError("there are no boosts yet")
    for index, item in enumerate(items):
        if fingerprint(item) == last:
            return (index + 1) % len(items)
    return 0


def last_offered(where: Locations) -> str | None:
    try:
        return (where.state / LAST_FILE).read_text(encoding="ascii").strip() or None
    except (OSError, ValueError):
        return None


def remember(where: Locations, text: str) -> None:
    """Note which boost was offered; if it cannot be written, the next offer may repeat."""
    with contextlib.suppress(OSError, MindlogError):
        atomic_write(where.state / LAST_FILE, (fingerprint(text) + "\n").encode())
