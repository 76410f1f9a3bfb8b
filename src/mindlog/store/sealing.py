"""Turning this device's own journal file sealed or plain, line by line (encrypt and decrypt).

The store's ownership rule holds: only this device's own file is rewritten (an atomic replace,
under the journal's lock), never another device's. Every line keeps its id and clock, so a copy of
it elsewhere still counts once. Another device seals its own file the next time it writes
(Store.append does it when the journal says it is encrypted, without any passphrase) and unseals
its own file when ``mindlog decrypt`` is run there.

A morning recorded while the journal is locked (``mindlog morning --all`` or ``--done 2``: writing
never needs the passphrase) cannot name the routine's items, which are sealed in routine.json. It
carries the routine as it was, still sealed (``sealed_routine``: the file and any additions
waiting beside it, as base64 texts, with the item numbers done or "all"); ``fill_in_morning``,
run on each sealed line as it is opened, turns that into the usual ``done`` and ``routine`` lists,
so every reader (and ``mindlog decrypt``) sees an ordinary morning.

Damaged lines of the file are never lost: they are set aside in ``journal/damaged/`` (sealed when
the journal is encrypted) before the file is rewritten without them. Nothing here prints.

Cut short at any moment, neither direction leaves words in the wrong form for long: ``encrypt``
marks the journal sealed (format.json) before it seals, and this device's file is marked sealed
(``state/sealed.json``) only after it and the small files are, so the next write finishes what
was left; ``decrypt`` marks the journal plain first and removes the mark before it opens the file,
and running it again finishes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any, Protocol

from mindlog.domain.errors import MindlogError
from mindlog.store.lines import SCHEMA, SEALED_V, encode_event, parse_line, seal_event
from mindlog.store.paths import Locations, atomic_write, ensure_dir


class Store(Protocol):
    """What sealing needs of mindlog.store.eventlog.Store (which calls it on its own writes)."""

    where: Locations
    folder: Path

    def own_file(self) -> Path: ...


DAMAGED_FOLDER = "damaged"
MARK_FILE = "sealed.json"  # state: this device's files already sealed, and for which recipient


def _lines(path: Path) -> list[bytes]:
    data = path.read_bytes()
    return [raw for raw in data.split(b"\n") if raw.strip()]


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def set_aside(store: Store, name: str, damaged: list[bytes], sealed_for: str | None) -> None:
    """Keep ``damaged`` lines of ``name`` in journal/damaged/, sealed when ``sealed_for``."""
    if not damaged:
        return
    body = b"".join(raw + b"\n" for raw in damaged)
    digest = hashlib.blake2b(body, digest_size=6).hexdigest()
    folder = ensure_dir(store.folder / DAMAGED_FOLDER)
    if sealed_for is not None:
        from mindlog.store import crypto

        atomic_write(folder / f"{Path(name).stem}-{digest}.age", crypto.seal(body, sealed_for))
    else:
        atomic_write(folder / f"{Path(name).stem}-{digest}.txt", body)


def seal_own(store: Store, recipient: str) -> int:
    """Seal every plain line of this device's file; returns how many were sealed.

    Call under ``store.lock()``, once the journal says it is encrypted. Damaged plain lines are
    set aside, sealed. The person's small files (the support plan, boosts, the routine) are
    sealed too, so that a device that joins an encrypted journal, or an ``encrypt`` cut short,
    keeps no word in plain text once this is done. Only then is the file marked as sealed:
    until the mark is there, every write does this again (``Store.append``), so a kill at any
    moment leaves nothing half done for long.
    """
    path = store.own_file()
    count = 0
    if path.exists() and not _is_link(path):
        kept: list[bytes] = []
        damaged: list[bytes] = []
        for raw in _lines(path):
            parsed = parse_line(raw, unseal=False)
            if isinstance(parsed, str):
                damaged.append(raw)
            elif parsed.get("v") == SEALED_V:
                kept.append(raw)
            else:
                event = {k: v for k, v in parsed.items() if not k.startswith("_")}
                event["v"] = SCHEMA  # a schema 1 line keeps the id and clock it was read with
                kept.append(encode_event(seal_event(event, recipient)).rstrip(b"\n"))
                count += 1
        if count or damaged:
            set_aside(store, path.name, damaged, recipient)
            atomic_write(path, b"".join(raw + b"\n" for raw in kept))
    _seal_set_aside(store, recipient)
    try:
        _seal_small_files(store.where)
    except (OSError, MindlogError):
        return count  # not marked: tried again at the next write, which it never stops
    mark(store, recipient)
    return count


def _seal_small_files(where: Locations) -> None:
    """The support plan, boosts and routine sealed where they are still plain (no key needed)."""
    from mindlog.store import config, jsonfile

    for name in sorted(jsonfile.SEALED_NAMES):
        path = where.data / name
        if path.exists():
            jsonfile.seal_if_plain(path)
    config.seal_routine(where)  # out of config.json, into routine.json, sealed


def _seal_set_aside(store: Store, recipient: str) -> None:
    """Copies of damaged lines kept in plain text before encryption: sealed in their place."""
    from mindlog.store import crypto

    folder = store.folder / DAMAGED_FOLDER
    try:
        found = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and not _is_link(p))
    except OSError:
        return
    for plain in found:
        with contextlib.suppress(OSError):
            atomic_write(plain.with_suffix(".age"), crypto.seal(plain.read_bytes(), recipient))
            plain.unlink()


def unseal_own(store: Store) -> tuple[int, int]:
    """Write this device's sealed lines back in plain text: (opened, left sealed).

    Call under ``store.lock()`` with the key unlocked, once the journal says it is decrypted. A
    sealed line that cannot be opened is left as it is (it holds no plain words, and may open
    with another key later). The mark goes first: should the journal be encrypted again before
    this is done, the next write seals the file again, never leaving plain lines in it.
    """
    with contextlib.suppress(OSError):
        (store.where.state / MARK_FILE).unlink()
    path = store.own_file()
    opened = left = 0
    if path.exists() and not _is_link(path):
        kept: list[bytes] = []
        for raw in _lines(path):
            outer = parse_line(raw, unseal=False)
            if isinstance(outer, dict) and outer.get("v") == SEALED_V:
                inner = parse_line(raw)
                if isinstance(inner, dict):
                    event = {k: v for k, v in inner.items() if not k.startswith("_")}
                    kept.append(encode_event(event).rstrip(b"\n"))
                    opened += 1
                    continue
                left += 1
            kept.append(raw)
        if opened:
            atomic_write(path, b"".join(raw + b"\n" for raw in kept))
    return opened, left


def counts(path: Path) -> tuple[int, int]:
    """How many lines of the journal file ``path`` are plain, and how many sealed (damaged lines
    are neither); (0, 0) when it cannot be read. Needs no key."""
    plain = sealed = 0
    try:
        found = _lines(path)
    except OSError:
        return 0, 0
    for raw in found:
        parsed = parse_line(raw, unseal=False)
        if isinstance(parsed, dict):
            if parsed.get("v") == SEALED_V:
                sealed += 1
            else:
                plain += 1
    return plain, sealed


def mark(store: Store, recipient: str) -> None:
    """Remember that this device's file is sealed for ``recipient`` (so it is not read again)."""
    known = _marks(store)
    known[store.own_file().name] = recipient
    with contextlib.suppress(OSError):
        atomic_write(store.where.state / MARK_FILE, json.dumps(known).encode())


def _marks(store: Store) -> dict[str, Any]:
    with contextlib.suppress(OSError, ValueError):
        found = json.loads((store.where.state / MARK_FILE).read_bytes())
        if isinstance(found, dict):
            return found
    return {}


def sealed_already(store: Store, recipient: str) -> bool:
    return _marks(store).get(store.own_file().name) == recipient
