"""One line of a journal file: written as JSON, read back and checked, sealed and opened.

The shapes of the lines are in mindlog.store.eventlog's summary. Parsing never fails: a line that
cannot be used gives the reason, and the store reports it as a Problem. A sealed line is opened
with the journal's key (mindlog.store.keys) when it is unlocked here; a morning recorded while
the journal was locked has its routine's items filled in as it is opened (``fill_in_morning``).
Nothing here prints.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from mindlog.domain.errors import StoreError
from mindlog.store.paths import Locations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from typing import Any

SCHEMA = 2


SEALED_V = 3  # the ``v`` of a sealed line (an older mindlog leaves it alone as a newer one)


# The greatest clock a line may carry (a 64-bit integer); a line beyond it is damaged.
MAX_CLOCK = 2**63 - 1


_ESCAPED_SURROGATE = rb"\\u[dD][89a-fA-F]"  # compiled when first used (re keeps it): rarely


def encode_event(event: dict[str, Any]) -> bytes:
    """One event as one line of UTF-8 JSON (newline included)."""
    try:
        return (json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    except UnicodeEncodeError as exc:
        raise StoreError("the text is not valid UTF-8, so it was not saved") from exc
    except (ValueError, RecursionError) as exc:
        raise StoreError("this could not be saved (a value nested too deeply)") from exc


def micros(stamp: Any) -> int:
    """The moment an ISO 8601 time stamp names, in microseconds since 1970 (0 when it names none)."""
    if not isinstance(stamp, str):
        return 0
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return 0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return int(moment.timestamp() * 1_000_000)
    except (OverflowError, ValueError, OSError):
        return 0


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _short(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 64


def _keys(entry: dict[str, Any]) -> bool:
    """True when an added entry has its id, kind, day and time, each ``_short`` (one call for
    the four: this runs for every line of a long journal)."""
    get = entry.get
    a, b, c, d = get("id"), get("kind"), get("day"), get("at")
    return (
        isinstance(a, str) and isinstance(b, str) and isinstance(c, str) and isinstance(d, str)
        and 0 < len(a) <= 64 and 0 < len(b) <= 64 and 0 < len(c) <= 64 and 0 < len(d) <= 64
    )  # fmt: skip


# The journal the last Store was made for: sealed lines open with its key
# (mindlog.store.keys.opener), whoever parses them (doctor, caches).
_WHERE: Locations | None = None
_ASKING = True  # False inside ``never_asking``


def open_for(where: Locations) -> None:
    """Sealed lines parsed from now on are opened with the key of the journal at ``where``."""
    global _WHERE
    _WHERE = where


@contextlib.contextmanager
def never_asking() -> Iterator[None]:
    """Reads inside never ask for the passphrase (greet, and the reads before a write): a locked
    journal raises keys.LockedError instead."""
    global _ASKING
    saved, _ASKING = _ASKING, False
    try:
        yield
    finally:
        _ASKING = saved


# The C scanner json.loads itself runs (an attribute the standard library sets, untyped).
_scan: Callable[[str, int], tuple[Any, int]] = getattr(json.JSONDecoder(), "scan_once")  # noqa: B009


def _loads(text: str) -> Any:
    """``json.loads(text)``, without its steps around the scanner for a line that starts with
    its value and ends with it (every line mindlog writes); anything else goes to json.loads."""
    try:
        value, end = _scan(text, 0)
    except StopIteration:
        return json.loads(text)  # leading space, a byte-order mark, not JSON: it decides
    if end != len(text):
        return json.loads(text)  # trailing space or more: it decides
    return value


def parse_line(raw: bytes, *, unseal: bool = True) -> dict[str, Any] | str:
    """Parse one line of a journal file: the event, or the reason it cannot be used.

    A sealed line is opened (LockedError when the key is not unlocked here); with
    ``unseal=False`` only its visible id and clock are returned (enough for the clock).
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "not valid UTF-8"
    try:
        event = _loads(text)
    except RecursionError:
        return "nested too deeply"
    except ValueError:
        return "not valid JSON"
    if not isinstance(event, dict):
        return "not a JSON object"
    if "sealed" in event:
        return _unsealed(event, unseal)
    if b"\\u" in raw and re.search(_ESCAPED_SURROGATE, raw) and not encodable(event):
        return "text that is not valid Unicode (a lone surrogate)"
    version = event.get("v")
    if type(version) is not int or version < 1:
        return "has no schema version"
    if version > SCHEMA:
        return "written by a newer version of mindlog"
    op = event.get("op")
    if version >= 2:
        clock = event.get("t")
        if not _short(event.get("eid")) or type(clock) is not int or not 0 <= clock <= MAX_CLOCK:
            return "a record without its id or clock"
    else:  # schema 1: the id is the line's own hash, the clock the time it carries
        import hashlib  # here only: reading a journal of schema 2 lines never needs it

        entry = event.get("entry")
        stamp = entry.get("at") if op == "add" and isinstance(entry, dict) else event.get("at")
        event["eid"] = "h" + hashlib.blake2b(raw.strip(), digest_size=8).hexdigest()
        event["t"] = micros(stamp)
    if op == "add":
        entry = event.get("entry")
        if not (isinstance(entry, dict) and _keys(entry)):
            return "an entry without id, kind, day or time"
    elif op in ("update", "delete", "restore", "forget"):
        if not _short(event.get("id")):
            return "a change without the id it applies to"
        if op == "update":
            if not isinstance(event.get("set", {}), dict):
                return "an update without values"
            if not all(_strings(event.get(k, [])) for k in ("tags_add", "tags_remove")):
                return "an update with tags that are not words"
        elif op == "restore":
            if "entry" in event and not isinstance(event["entry"], dict):
                return "a restore without its entry"
            if "undoes" in event and not _short(event["undoes"]):
                return "a restore without the removal it undoes"
        elif op == "forget" and not (
            _short(event.get("deleted_by"))
            and type(event.get("deleted_t", 0)) is int
            and 0 <= event.get("deleted_t", 0) < MAX_CLOCK
        ):
            return "a forget without the removal it makes final"
    else:
        return "an unknown kind of record"
    return event


def _unsealed(event: dict[str, Any], unseal: bool) -> dict[str, Any] | str:
    if event.get("v") != SEALED_V:
        return "written by a newer version of mindlog"
    if not _short(event.get("eid")) or type(event.get("t")) is not int or event["t"] < 0:
        return "a record without its id or clock"
    if not unseal:
        return {"v": SEALED_V, "eid": event["eid"], "t": event["t"]}
    from mindlog.store import keys

    if _WHERE is None:
        raise keys.LockedError()
    opener = keys.opener(_WHERE, asking=_ASKING)
    inner = opener.open_text(event["sealed"])
    if inner is None:
        return "a sealed record that cannot be opened (changed, or sealed for another key)"
    parsed = parse_line(inner, unseal=False)
    if isinstance(parsed, dict) and parsed.get("v") == SEALED_V:
        return "a sealed record inside a sealed record"
    if isinstance(parsed, dict) and (parsed["eid"], parsed["t"]) != (event["eid"], event["t"]):
        return "a sealed record whose id or clock was changed"
    if isinstance(parsed, dict) and b'"sealed_routine"' in inner:  # a morning recorded locked
        return fill_in_morning(parsed, opener)
    return parsed


def seal_event(event: dict[str, Any], recipient: str) -> dict[str, Any]:
    """The sealed line for ``event`` (a whole schema 2 line, with its ``eid`` and ``t``)."""
    from mindlog.store import crypto

    inner = encode_event(event).rstrip(b"\n")
    return {
        "v": SEALED_V,
        "eid": event["eid"],
        "t": event["t"],
        "sealed": crypto.seal_text(inner, recipient),
    }


def encodable(value: Any) -> bool:
    """True when every string in ``value`` can be written as UTF-8 (no lone surrogates)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


LOCKED_MORNING = "sealed_routine"  # the field of a morning recorded while the journal was locked


def locked_morning(texts: list[str], done: str | list[int]) -> dict[str, Any]:
    """The fields of a morning recorded on a locked journal: the routine sealed as it is now
    (``texts``, from jsonfile.sealed_texts) and the numbers of the items done, or "all"."""
    return {"done": [], "routine": [], LOCKED_MORNING: {"texts": texts, "done": done}}


def fill_in_morning(event: dict[str, Any], opener: Any) -> dict[str, Any]:
    """``event`` with a locked morning's items named (see the module); as it is when it is not
    one, or when its routine cannot be opened (kept: nothing of it is lost)."""
    entry = event.get("entry")
    if not isinstance(entry, dict) or not isinstance(entry.get(LOCKED_MORNING), dict):
        return event
    locked = entry[LOCKED_MORNING]
    texts, chosen = locked.get("texts"), locked.get("done")
    if not isinstance(texts, list) or not texts:
        return event
    from mindlog.store import jsonfile

    items: Any = None
    for text in texts:
        opened = opener.open_text(text) if isinstance(text, str) else None
        if opened is None and isinstance(text, str):  # a routine.json not sealed (yet)
            import base64  # here only: most commands never read a morning recorded locked

            with contextlib.suppress(ValueError):
                raw = base64.b64decode(text, validate=True)
                opened = None if raw.startswith(b"age-encryption.org/") else raw
        try:
            found = jsonfile.parse(opened) if opened is not None else None
        except ValueError:
            found = None
        if not isinstance(found, list) or not all(isinstance(i, str) for i in found):
            return event
        items = jsonfile.merge(items, found)
    if chosen == "all":
        done = list(items)
    elif isinstance(chosen, list) and all(type(n) is int for n in chosen):
        done = [item for n, item in enumerate(items, start=1) if n in chosen]
    else:
        return event
    named = {k: v for k, v in entry.items() if k != LOCKED_MORNING}
    return {**event, "entry": named | {"done": done, "routine": list(items)}}
