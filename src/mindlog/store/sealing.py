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

The support plan can stay readable without the passphrase (issue 22, part 5; the choice is in
format.json: mindlog.store.format.plan_choice). Then the lines that add or restore a plan line or
the crisis country setting, and the changes to those entries, are written plain (``readable``),
by every writer (``Store.append``, ``seal_own``, adoption): ``mindlog support`` then reads them
without the key (``plain_events``). Turning a sealed plan readable needs the key to find its
sealed lines; ``seal_own`` does that when the key is at hand here (``encrypt``, ``unlock``), and
its mark says whether it has (``plan_open``).

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
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from mindlog.domain.errors import MindlogError
from mindlog.store.format import plan_readable
from mindlog.store.identity import SUFFIX
from mindlog.store.lines import SCHEMA, SEALED_V, encode_event, parse_line, seal_event
from mindlog.store.paths import Locations, atomic_write, ensure_dir


class Store(Protocol):
    """What sealing needs of mindlog.store.eventlog.Store (which calls it on its own writes)."""

    where: Locations
    folder: Path

    def own_file(self) -> Path: ...


# The kinds of mindlog.domain.personal (PLAN_ITEM, SETTING; a test checks they agree), named here
# so that a sealed write does not import the plan's rules.
PLAN_ITEM = "planitem"
SETTING = "setting"
READABLE_SETTINGS = ("country",)  # settings kept with a readable plan: where to find help
CHANGES = ("update", "delete", "restore", "forget")
SEALED_KEY = b'"sealed":'  # in every sealed line (and in a plain one only inside a string)
PLAN_MARK = " plan"  # after the recipient in the mark: the plan's sealed lines opened here
PLAN_WAITING = " plan?"  # ... readable, but the sealed ones not looked at yet (no key here)


def readable_entry(event: dict[str, Any]) -> str | None:
    """The id of the entry ``event`` adds or restores when it is a plan line or the crisis
    country; None for any other."""
    entry = event.get("entry")
    if event.get("op") not in ("add", "restore") or not isinstance(entry, dict):
        return None
    kind = entry.get("kind")
    if kind == PLAN_ITEM or (kind == SETTING and entry.get("name") in READABLE_SETTINGS):
        return str(entry.get("id"))
    return None


def readable(event: dict[str, Any], ids: set[str]) -> bool:
    """True when ``event`` stays plain in a journal whose plan is readable: it adds a plan line
    or the country (``readable_entry``), or changes one of ``ids`` (such entries)."""
    if readable_entry(event) is not None:
        return True
    return event.get("op") in CHANGES and event.get("id") in ids


def plain_events(paths: list[Path]) -> Iterator[dict[str, Any]]:
    """The events of the plain lines of the journal files ``paths``, each once (no key needed;
    sealed and damaged lines are passed over)."""
    seen: set[str] = set()
    for path in paths:
        try:
            found = _lines(path)
        except OSError:
            continue
        for raw in found:
            if SEALED_KEY in raw and raw.lstrip().startswith(b'{"v":3'):
                continue  # sealed, as Store writes it: not parsed at all
            parsed = parse_line(raw, unseal=False)
            if not isinstance(parsed, dict) or parsed.get("v") == SEALED_V:
                continue
            if parsed["eid"] in seen:
                continue
            seen.add(parsed["eid"])
            yield parsed


def _journal_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIX) and p.is_file())
    except OSError:
        return []


def readable_ids(folder: Path) -> set[str]:
    """The ids of the plan lines (and country settings) written plain in the journal."""
    found = (readable_entry(event) for event in plain_events(_journal_files(folder)))
    return {entry_id for entry_id in found if entry_id is not None}


def stays_plain(store: Store, events: list[dict[str, Any]]) -> list[bool]:
    """For each of ``events`` about to be written to an encrypted journal: True when it is
    written plain (a readable plan: ``readable``)."""
    if not plan_readable(store.folder):
        return [False] * len(events)
    ids: set[str] | None = None
    new: set[str] = set()
    kept = []
    for event in events:
        entry_id = readable_entry(event)
        if entry_id is not None:
            new.add(entry_id)
            kept.append(True)
        elif event.get("op") in CHANGES:
            if event.get("id") in new:
                kept.append(True)
                continue
            if ids is None:
                ids = readable_ids(store.folder)  # only for a change: a win never reads this
            kept.append(event.get("id") in ids)
        else:
            kept.append(False)
    return kept


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

    When the journal's plan is readable (mindlog.store.format.plan_choice), its lines stay (or,
    with the key at hand here, become) plain; see the module.
    """
    path = store.own_file()
    count = 0
    readable_plan = plan_readable(store.folder)
    opened: dict[int, dict[str, Any]] = {}
    waiting = False  # sealed lines that may be the plan's, not looked at (no key here)
    if path.exists() and not _is_link(path):
        raws = _lines(path)
        ids = readable_ids(store.folder) if readable_plan else set()
        if readable_plan and not plan_open(store, recipient):  # else none of them is the plan's
            opened, waiting = _open_sealed(raws)
            ids |= {i for e in opened.values() if (i := readable_entry(e)) is not None}
        kept: list[bytes] = []
        damaged: list[bytes] = []
        changed = 0
        for number, raw in enumerate(raws):
            parsed = parse_line(raw, unseal=False)
            if isinstance(parsed, str):
                damaged.append(raw)
            elif parsed.get("v") == SEALED_V:
                inner = opened.get(number)
                if inner is not None and readable(inner, ids):
                    kept.append(encode_event(_bare(inner)).rstrip(b"\n"))  # the plan: readable
                    changed += 1
                else:
                    kept.append(raw)
            elif readable_plan and readable(parsed, ids):
                kept.append(raw)  # the plan, readable as the person chose
            else:
                event = _bare(parsed)
                event["v"] = SCHEMA  # a schema 1 line keeps the id and clock it was read with
                kept.append(encode_event(seal_event(event, recipient)).rstrip(b"\n"))
                count += 1
        if count or damaged or changed:
            set_aside(store, path.name, damaged, recipient)
            atomic_write(path, b"".join(raw + b"\n" for raw in kept))
    _seal_set_aside(store, recipient)
    try:
        _seal_small_files(store.where)
    except (OSError, MindlogError):
        return count  # not marked: tried again at the next write, which it never stops
    suffix = (PLAN_WAITING if waiting else PLAN_MARK) if readable_plan else ""
    mark(store, recipient + suffix)
    return count


def _bare(event: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in event.items() if not k.startswith("_")}


def _open_sealed(raws: list[bytes]) -> tuple[dict[int, dict[str, Any]], bool]:
    """The sealed lines of ``raws`` opened, by their place, when the key is at hand here without
    asking; True beside them when some could not be looked at (the journal locked)."""
    from mindlog.store import keys
    from mindlog.store.lines import never_asking

    opened: dict[int, dict[str, Any]] = {}
    with never_asking():
        for number, raw in enumerate(raws):
            if SEALED_KEY not in raw:
                continue
            try:
                inner = parse_line(raw)
            except (keys.LockedError, MindlogError):
                return {}, True
            if isinstance(inner, dict):
                opened[number] = inner
    return opened, False


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
    """True when this device's file is sealed for ``recipient``, the plan kept as the journal
    says (readable: its sealed lines maybe not looked at yet, see ``plan_open``)."""
    found = _marks(store).get(store.own_file().name)
    if plan_readable(store.folder):
        return found in (recipient + PLAN_MARK, recipient + PLAN_WAITING)
    return found == recipient


def plan_open(store: Store, recipient: str) -> bool:
    """True when this device's file is as the journal says, its plan's sealed lines opened when
    the plan is readable (``seal_own`` with the key at hand)."""
    found = _marks(store).get(store.own_file().name)
    return found == recipient + (PLAN_MARK if plan_readable(store.folder) else "")
