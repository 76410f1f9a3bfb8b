"""The morning routine checked off: `mindlog morning` (all of it, items by name or number, or
each asked in turn), the same steps in Typer and on the fast path (``morning --all``).

On an encrypted journal that is locked, a morning is still recorded: by number, with the routine
as it is, still sealed (``morning_locked``); its items are named when the journal is next read
with the key (mindlog.store.lines.fill_in_morning).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mindlog.domain.days import friendly
from mindlog.domain.errors import MindlogError
from mindlog.domain.journal import add_event, update_event
from mindlog.domain.safe import one_line
from mindlog.domain.typed import digits_hint, whole
from mindlog.render import out

if TYPE_CHECKING:
    from collections.abc import Callable

    from mindlog.usecases.session import Session


def find_item(items: list[str], wanted: str) -> str:
    """An item by its number (1-based, the digits 0 to 9), its exact words, or words found in
    only one item (any case)."""
    key = wanted.strip()
    number = whole(key, 1, len(items))
    if number is not None:
        return items[number - 1]
    lowered = key.lower()
    matches = [i for i in items if i.lower() == lowered]
    if not matches and lowered:
        matches = [i for i in items if i.lower().startswith(lowered)]
    if not matches and lowered:
        matches = [i for i in items if lowered in i.lower()]
    if len(matches) == 1:
        return matches[0]
    listing = "; ".join(f"{n}. {i}" for n, i in enumerate(items, start=1)) or "none yet"
    if matches:
        raise MindlogError(f"{wanted!r} matches more than one routine item: {listing}")
    raise MindlogError(
        f"{wanted!r} is not in your routine{digits_hint(wanted)}. Your items: {listing}"
    )


ITEM_WIDTH = 120  # a routine item in the morning's question (the question wraps on a terminal)

LOCKED_ROUTINE = "the journal is locked, so your routine's items cannot be shown"


LOCKED_ROUTINE_HINT = (
    "run mindlog unlock; or, while it is locked, record by number: "
    "mindlog morning --all, mindlog morning --done 2"
)


def morning(
    session: Session,
    all_: bool,
    done: list[str] | None,
    date: str | None,
    ask: Callable[[str], bool | None] | None = None,
) -> None:
    """The morning routine checked off: all of it, the items named, or each asked with ``ask``
    (the command line's yes, no or skip; without it, nothing is asked and nothing is ticked)."""
    from mindlog.domain import words
    from mindlog.store import config
    from mindlog.usecases import personal

    numbers = {whole(d) for d in done or []}
    by_number = bool(done) and None not in numbers
    locked = (all_ or by_number) and session.view_for_writing() is None  # a write: never asks
    if locked and personal.sealed_routine(session.where) is not None:
        chosen = sorted(n for n in numbers if n is not None)
        morning_locked(session, "all" if all_ else chosen, date)
        return
    try:
        # sealed: on a terminal the passphrase is asked for; locked with no sealed copy of the
        # routine here (it was never read on this computer since encrypting): the usual one
        items = list(config.DEFAULT_ROUTINE) if locked else personal.routine(session)
    except MindlogError as exc:
        if type(exc).__name__ != "LockedError":  # mindlog.store.keys is loaded only when needed
            raise
        raise MindlogError(LOCKED_ROUTINE, LOCKED_ROUTINE_HINT) from None
    if not items:
        raise MindlogError(
            "your routine has no items yet", "add one with: mindlog routine add TEXT"
        )
    day = session.day(date)
    known = session.view_for_writing()  # None: encrypted and locked (writing needs no key)
    existing = known.morning(day) if known is not None else None
    before = list(existing.fields.get("done", [])) if existing else []
    # What the person asked for, as changes to the day: applied below to the morning as it is
    # when the write happens, so a run elsewhere in the meantime keeps its items too.
    add: set[str] = set()
    drop: set[str] = set()
    if all_:
        add = set(items)
    elif done:
        add = {find_item(items, d) for d in done}
    else:
        when = "today" if day == session.today else friendly(day.isoformat())
        out.say(f"Your morning routine for {when} (y done, n not today, Enter skips):")
        for number, item in enumerate(items, start=1):
            mark = " (done earlier)" if item in before else ""
            # the item may have come from another device: shown as every screen shows it
            shown = one_line(item, ITEM_WIDTH)
            answer = ask(f"  {number}. {shown}{mark}? ") if ask is not None else None
            if answer is True:
                add.add(item)
            elif answer is False:
                drop.add(item)
        if not add and not drop and existing is None:
            out.say("Nothing was recorded. The routine is here whenever you want it.")
            return

    def build(journal: Any) -> list[dict[str, Any]]:
        current = journal.morning(day)
        chosen = (set(current.fields.get("done", [])) if current else set()) - drop | add
        done_items = [i for i in items if i in chosen] + sorted(chosen - set(items))
        if current is not None:
            return [update_event(current.id, session.at, done=done_items, routine=items)]
        at, timed = session.when(day)
        return [add_event("morning", day, at, None, done=done_items, routine=items, **timed)]

    (event,) = session.write_after_reading(build)
    done_items = event["entry"]["done"] if event["op"] == "add" else event["set"]["done"]
    other_day = None if day == session.today else friendly(day.isoformat())
    out.say(words.morning_reply(len([i for i in done_items if i in items]), len(items), other_day))


def morning_locked(session: Session, chosen: str | list[int], date: str | None) -> None:
    """A morning on an encrypted journal that is locked: the items done are recorded by number
    (or all), with the routine as it is, still sealed; their names are filled in when the
    journal is read with the key (mindlog.store.lines.fill_in_morning). Never asks."""
    from mindlog.domain import words
    from mindlog.store import jsonfile, lines
    from mindlog.usecases import personal

    day = session.day(date)
    sealed = personal.sealed_routine(session.where)
    if sealed is None:
        raise MindlogError(LOCKED_ROUTINE, "run mindlog unlock first; then your routine opens here")
    fields = lines.locked_morning(jsonfile.sealed_texts(sealed), chosen)

    at, timed = session.when(day)
    session.write([add_event("morning", day, at, None, **fields, **timed)])  # adds, reads nothing
    other_day = None if day == session.today else friendly(day.isoformat())
    out.say(
        words.morning_locked_reply(chosen if isinstance(chosen, str) else len(chosen), other_day)
    )
