"""What the person keeps beside their entries, kept in the journal: the support plan, boosts, the
morning routine and the personal settings.

Pure: entries in, the plan (or list, or settings) out, and the events that change them. Each is
made of entries of its own kind (mindlog.domain.model.SETTING_KINDS), so it syncs, seals, exports
and is forgotten by the same rules as every entry:

- ``planitem``: one line of the support plan; ``text`` is the line, ``section`` its section
  (mindlog.domain.plan.SECTIONS, or one mindlog does not know, kept as it is).
- ``boost``: one boost; ``text`` is the boost.
- ``routineitem``: one item of the morning routine; ``text`` is the item.
- ``setting``: one personal setting set (``name``, ``value``; a null value returns it to its
  default). The setting written last wins, as the commitment statement's versions do.

A line is one entry, never the whole list, so two machines changing the plan or the routine at
the same time both keep their changes: one adds a line, the other removes another, and both
happen. Lines keep their order by ``pos``, a number: a line added at the end gets the next
number, a line put between two others a number between theirs; lines without a number (added
while the journal was locked) come after the others, in the order they were written. Lines are
never updated: a line changed or moved is removed and added again, so that a removal is final
on every machine (an update made elsewhere would bring a removed entry back).

Lines taken in from the small files of earlier versions (support.json, boosts.json, the routine
in config.json or routine.json) get ids made from their words and place (``derived_id``), so that
two machines that both take in the same file add each line once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from mindlog.domain.journal import add_event, delete_event
from mindlog.domain.model import Entry

if TYPE_CHECKING:
    from mindlog.domain.plan import Plan

from mindlog.domain.digest import blake2b

PLAN_ITEM = "planitem"
BOOST = "boost"
ROUTINE_ITEM = "routineitem"
SETTING = "setting"

# The settings that belong to the person and travel with the journal (the others, such as the
# editor, unlock_minutes and accessible, a screen reader's linear mode, are about one computer
# and stay in its config.json: docs/accessibility.md says why).
JOURNAL_SETTINGS = ("country", "day_starts_at", "greet_private")
# A setting (never shown) that says the routine is the person's own: then no item means none,
# not the usual routine.
ROUTINE_SET = "routine_set"


def derived_id(*parts: str) -> str:
    """An id made from ``parts``: the same on every machine that takes in the same words."""
    joined = "\x00".join(parts).encode("utf-8", "surrogatepass")
    return "k" + blake2b(joined, digest_size=6).hexdigest()


def _own_pos(entry: Entry) -> float | None:
    pos = entry.fields.get("pos")
    if isinstance(pos, (int, float)) and not isinstance(pos, bool):
        return float(pos)
    return None


def _places(entries: Sequence[Entry]) -> dict[str, tuple[float, int, int, str]]:
    """Each line's place: its ``pos``; a line without one (added while the journal was locked)
    goes after the lines with a place written before it, in the order written."""
    found: dict[str, tuple[float, int, int, str]] = {}
    top = float("-inf")
    for entry in sorted(entries, key=lambda e: (e.written, e.id)):
        pos = _own_pos(entry)
        if pos is not None:
            found[entry.id] = (pos, 0, entry.written, entry.id)
            top = max(top, pos)
        else:
            found[entry.id] = (top, 1, entry.written, entry.id)
    return found


def ordered(entries: Iterable[Entry], kind: str) -> list[Entry]:
    """The live lines of ``kind`` in their order (see the module)."""
    lines = [e for e in entries if e.kind == kind and e.text is not None]
    places = _places(lines)
    return sorted(lines, key=lambda e: places[e.id])


def plan_of(entries: Iterable[Entry]) -> Plan:
    """The support plan the journal's ``planitem`` entries make."""
    from mindlog.domain.plan import Plan  # the support plan: only where it is read

    plan = Plan()
    for entry in ordered(entries, PLAN_ITEM):
        section = str(entry.fields.get("section", ""))
        plan.sections.setdefault(section, []).append(str(entry.text))
    return plan


def texts_of(entries: Iterable[Entry], kind: str) -> list[str]:
    return [str(e.text) for e in ordered(entries, kind)]


def routine_of(entries: Sequence[Entry], default: Sequence[str]) -> list[str]:
    """The routine's items; ``default`` while the person has not made the routine their own."""
    items = texts_of(entries, ROUTINE_ITEM)
    if items or settings_of(entries).get(ROUTINE_SET):
        return items
    return list(default)


def settings_of(entries: Iterable[Entry]) -> dict[str, Any]:
    """Each personal setting's value: the one written last (a null value: not set)."""
    latest: dict[str, Entry] = {}
    for entry in entries:
        if entry.kind != SETTING:
            continue
        name = str(entry.fields.get("name"))
        found = latest.get(name)
        if found is None or (entry.written, entry.id) > (found.written, found.id):
            latest[name] = entry
    return {
        name: entry.fields.get("value")
        for name, entry in latest.items()
        if entry.fields.get("value") is not None
    }


# -- changes -----------------------------------------------------------------------------------


def setting_event(name: str, value: Any, day: date, at: str) -> dict[str, Any]:
    return add_event(SETTING, day, at, None, name=name, value=value)


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def list_changes(
    current: Sequence[Entry],
    wanted: Sequence[str],
    kind: str,
    day: date,
    at: str,
    **fields: Any,
) -> list[dict[str, Any]]:
    """The events that turn ``current`` (the live lines, in order) into the lines ``wanted``.

    Lines that stay are matched by their words, in order; the others are removed and the new
    ones added in their places. When the lines that stay change their order, they are removed
    and added again in the new order (a removal made elsewhere at the same time then still
    holds for the lines it removed, and an addition made elsewhere is kept).
    """
    unused = list(current)
    matched: list[Entry | None] = []
    for text in wanted:
        found = next((e for e in unused if e.text == text), None)
        if found is not None:
            unused.remove(found)
        matched.append(found)
    events = [delete_event(e.id, at) for e in unused]
    everywhere = _places(current)
    places = [everywhere[e.id] for e in matched if e is not None]
    unplaced = any(_own_pos(e) is None for e in matched if e is not None)
    if places != sorted(places) or (unplaced and None in matched):
        # the lines that stay were moved (or a new line goes among lines that have no place
        # yet): all written again, in order
        events += [delete_event(e.id, at) for e in matched if e is not None]
        matched = [None] * len(wanted)
    positions = _positions(matched)
    for text, entry, pos in zip(wanted, matched, positions, strict=True):
        if entry is None:
            events.append(add_event(kind, day, at, text, **fields, pos=_number(pos)))
    return events


def _positions(matched: Sequence[Entry | None]) -> list[float]:
    """A place for each line: its own for a line that stays, one between its neighbours' for a
    new one (a whole number after the last)."""
    own = [None if e is None else _own_pos(e) for e in matched]
    result: list[float] = []
    index = 0
    while index < len(own):
        value = own[index]
        if value is not None:
            result.append(value)
            index += 1
            continue
        end = index
        while end < len(own) and own[end] is None:
            end += 1
        before = result[-1] if result else None
        after = own[end] if end < len(own) else None
        count = end - index
        for n in range(count):
            if after is None:
                result.append((before if before is not None else -1.0) + n + 1)
            elif before is None:
                result.append(after - (count - n))
            else:
                result.append(before + (after - before) * (n + 1) / (count + 1))
        index = end
    return result


def plan_changes(current: Sequence[Entry], plan: Plan, day: date, at: str) -> list[dict[str, Any]]:
    """The events that make the journal's plan (``current``: its live lines) into ``plan``."""
    events: list[dict[str, Any]] = []
    lines = ordered(current, PLAN_ITEM)
    from mindlog.domain.plan import SECTIONS

    keys = list(dict.fromkeys([*SECTIONS, *plan.sections, *(_section(e) for e in lines)]))
    for key in keys:
        mine = [e for e in lines if _section(e) == key]
        wanted = plan.sections.get(key) or []
        if [e.text for e in mine] != list(wanted):
            events += list_changes(mine, wanted, PLAN_ITEM, day, at, section=key)
    return events


def _section(entry: Entry) -> str:
    return str(entry.fields.get("section", ""))


def taken_in(
    kind: str, items: Sequence[str], day: date, at: str, source: str, **fields: Any
) -> list[dict[str, Any]]:
    """The lines of an earlier version's small file, as entries whose ids come from their words
    and places (``derived_id``): taken in twice, on two machines, they are added once."""
    events = []
    for number, text in enumerate(items):
        event = add_event(kind, day, at, text, **fields, pos=number)
        event["entry"]["id"] = derived_id(source, kind, *fields.values(), str(number), text)
        events.append(event)
    return events
