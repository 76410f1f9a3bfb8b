"""What the person keeps beside their entries, read from and written to the journal: the support
plan, boosts, the morning routine and the personal settings (mindlog.domain.personal says how).

Earlier versions kept these in small files beside the journal (support.json, boosts.json, the
routine in config.json or routine.json, and country, day_starts_at and greet_private in
config.json). ``take_in`` brings them into the journal once, the first time a command runs:

- every line is added as an entry whose id comes from its words and place, so two processes, or
  two machines that both have the old files, add each line once;
- the lines are written first, and only then is the file moved into the backup folder
  ``taken-in/`` beside the journal folder (a copy of config.json is kept there too, and the routine
  taken out of it): cut short between the two, the next run takes the file in again, adding
  nothing twice;
- a damaged file is left exactly where and as it is, and said (``pending_notes``); its place in
  the journal stays empty until it is fixed or moved away;
- a sealed file (an encrypted journal) is taken in once the key is at hand; until then it is
  used as before (mindlog.store.planfile, mindlog.usecases.boosts, mindlog.store.config).

config.json keeps this computer's settings (the editor, unlock_minutes), and a copy of the
personal settings as last seen in the journal, so that ``mindlog support`` finds the country
even when the journal cannot be read. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from mindlog.domain import personal
from mindlog.domain.errors import MindlogError
from mindlog.domain.journal import add_event
from mindlog.domain.model import Entry
from mindlog.store import config, jsonfile
from mindlog.store.lines import never_asking
from mindlog.store.paths import Locations, ensure_dir

if TYPE_CHECKING:
    from mindlog.cache.view import Cached, Full
    from mindlog.domain.plan import Plan
    from mindlog.store.eventlog import Store


class Session(Protocol):
    """What is needed of mindlog.usecases.session.Session (which imports this module)."""

    where: Locations
    store: Store
    today: date

    @property
    def at(self) -> str: ...

    def view(self) -> Cached | Full: ...

    def view_for_writing(self) -> Cached | Full | None: ...

    def write(self, events: list[dict[str, Any]]) -> None: ...

    def reread(self) -> None: ...


BACKUP_FOLDER = "taken-in"  # beside the journal folder: the small files, as they were
TAKEN_MARK = "taken_in"  # in config.json: its personal settings and routine are in the journal
PLAN_FILE = "support.json"
BOOSTS_FILE = "boosts.json"


def backup_folder(where: Locations) -> Path:
    return where.data / BACKUP_FOLDER


def _locked(exc: BaseException) -> bool:
    return type(exc).__name__ == "LockedError"  # mindlog.store.keys is loaded only when needed


# -- taking in the small files of earlier versions ---------------------------------------------


def waiting(where: Locations) -> bool:
    """Whether a small file of an earlier version is still to be taken in (cheap: a few stats)."""
    if any((where.data / name).exists() for name in (PLAN_FILE, BOOSTS_FILE)):
        return True
    if config.routine_file(where).exists():
        return True
    try:
        raw = jsonfile.read(where.config_file, asking=False)
    except MindlogError:
        return False  # damaged settings: said by config.load, never taken in
    return isinstance(raw, dict) and _to_take(raw)


def _to_take(raw: dict[str, Any]) -> bool:
    """A routine in config.json is always taken in (set there by an older mindlog, say); the
    personal settings once."""
    if isinstance(raw.get("routine"), list) and config.usable_routine(raw["routine"]):
        return True
    return not raw.get(TAKEN_MARK) and (
        "routine" in raw or any(raw.get(k) is not None for k in personal.JOURNAL_SETTINGS)
    )


def take_in(session: Session) -> list[str]:
    """Take the small files of earlier versions into the journal (see the module); returns a
    note for each that has to wait (damaged). Never asks for the passphrase."""
    where = session.where
    if not waiting(where):
        return []
    notes: list[str] = []
    with session.store.lock(), never_asking():
        events: list[dict[str, Any]] = []
        done: list[Path] = []
        for path, make in (
            (where.data / PLAN_FILE, _plan_events),
            (where.data / BOOSTS_FILE, _boost_events),
            (config.routine_file(where), _routine_file_events),
        ):
            found = _read(path, notes)
            if found is None:
                continue
            try:
                events += make(found, session)
            except ValueError:
                notes.append(f"{path} is damaged; it is kept as it is")
                continue
            done.append(path)
        before = len(notes)
        settings = _settings_events(session, notes)
        if settings is not None:
            events += settings
        events = _unknown(session, events)
        if events:
            session.write(events)
        for path in done:
            _keep(where, path)
        if settings is not None and len(notes) == before:
            _mark_settings(where)  # (a routine that cannot be used leaves the file as it is)
    return notes


def _unknown(session: Session, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events whose entries the journal does not know yet (taken in by another process,
    or by another machine whose lines are here already), each line placed after the lines of
    its list already in the journal (without a place when the journal is locked here: then
    after them too)."""
    if not events:
        return events
    session.reread()
    try:
        found = session.view_for_writing()
    except (MindlogError, OSError):
        found = None
    if found is None:
        for event in events:
            event["entry"].pop("pos", None)
        return events  # locked here: added anyway (each line is counted once)
    known = found.known(e["entry"]["id"] for e in events)
    fresh = [e for e in events if e["entry"]["id"] not in known]
    kinds = (personal.PLAN_ITEM, personal.BOOST, personal.ROUTINE_ITEM)
    lines = found.of_kind(*kinds)
    for event in fresh:
        entry = event["entry"]
        if entry["kind"] not in kinds or not isinstance(entry.get("pos"), int):
            continue
        group = [
            e
            for e in lines
            if e.kind == entry["kind"] and e.fields.get("section") == entry.get("section")
        ]
        places = [_pos(e) for e in group]
        top = max((p for p in places if p is not None), default=None)
        if top is not None:
            entry["pos"] = int(top) + 1 + entry["pos"]
    return fresh


def _pos(entry: Entry) -> float | None:
    pos = entry.fields.get("pos")
    return float(pos) if isinstance(pos, (int, float)) and not isinstance(pos, bool) else None


def _read(path: Path, notes: list[str]) -> Any:
    """The value of a small file to take in; None when there is none, or it has to wait."""
    if not path.exists():
        return None
    try:
        value, left = jsonfile.read_whole(path, asking=False)
    except MindlogError as exc:
        if not _locked(exc):
            notes.append(exc.message)
        return None
    if left:
        return None  # additions sealed for a key not at hand: the file waits
    return {} if value is None else value


def left_behind(where: Locations, name: str) -> str | None:
    """What keeps the small file ``name`` (support.json or boosts.json) of an earlier version
    out of the journal: one line when it is damaged; None when there is none or it only waits
    for the key."""
    path = where.data / name
    if not path.exists():
        return None
    notes: list[str] = []
    value = _read(path, notes)
    if value is not None:
        try:
            (_plan_events if name == PLAN_FILE else _boost_events)(value, None)
        except ValueError:
            return f"{path} is damaged; it is kept as it is"
    return notes[0] if notes else None


def _plan_events(value: Any, session: Session | None) -> list[dict[str, Any]]:
    from mindlog.domain.plan import Plan  # the support plan: only where it is read

    plan = Plan.from_json(value)  # ValueError: damaged (said by take_in)
    if session is None:
        return []
    events = []
    for key, items in plan.sections.items():
        events += personal.taken_in(
            personal.PLAN_ITEM, items, session.today, session.at, PLAN_FILE, section=key
        )
    return events


def _boost_events(value: Any, session: Session | None) -> list[dict[str, Any]]:
    items = value.get("items", []) if isinstance(value, dict) else None
    if not isinstance(items, list) or not config.usable_routine(items):
        raise ValueError("not a list of boosts")
    if session is None:
        return []
    return personal.taken_in(personal.BOOST, items, session.today, session.at, BOOSTS_FILE)


def _routine_file_events(value: Any, session: Session) -> list[dict[str, Any]]:
    if not config.usable_routine(value):
        raise ValueError("not a list of lines")
    return _routine_events(list(value), session)


def _routine_events(
    items: list[str], session: Session, source: str = "routine"
) -> list[dict[str, Any]]:
    """The routine's items, with ids from their words and places alone: the same routine taken
    in from config.json on one machine and from routine.json on another is added once."""
    events = personal.taken_in(personal.ROUTINE_ITEM, items, session.today, session.at, source)
    mark = personal.setting_event(personal.ROUTINE_SET, True, session.today, session.at)
    mark["entry"]["id"] = personal.derived_id(source, personal.ROUTINE_SET)
    return [*events, mark]


def _settings_events(session: Session, notes: list[str]) -> list[dict[str, Any]] | None:
    """The personal settings and the routine of config.json, as events; None when there is
    nothing to take in (or the file is damaged: config.load says so)."""
    where = session.where
    try:
        raw = jsonfile.read(where.config_file, asking=False)
    except MindlogError:
        return None
    if not isinstance(raw, dict) or not _to_take(raw):
        return None
    values, _ = config.checked(raw)
    events: list[dict[str, Any]] = []
    for name in personal.JOURNAL_SETTINGS if not raw.get(TAKEN_MARK) else ():
        if name in values:
            event = personal.setting_event(name, values[name], session.today, session.at)
            event["entry"]["id"] = personal.derived_id("config.json", name, repr(values[name]))
            events.append(event)
    if "routine" in values:
        events += _routine_events(values["routine"], session)
    elif "routine" in raw and not raw.get(TAKEN_MARK):
        notes.append(
            f"the routine in {where.config_file} is not a list of lines; it is kept there as "
            "it is, and not in your journal yet"
        )
    return events


def _keep(where: Locations, path: Path) -> None:
    """Move a small file that was taken in (and the additions waiting beside it) into the backup
    folder; a copy already there is kept too, under a new name."""
    folder = ensure_dir(backup_folder(where))
    for source in (path, path.with_name(f".{path.name}.pending")):
        if not source.exists():
            continue
        target = folder / source.name
        number = 1
        while target.exists():
            number += 1
            target = folder / f"{source.name}.{number}"
        os.replace(source, target)


def _mark_settings(where: Locations) -> None:
    """Keep a copy of config.json in the backup folder (sealed, as config.json.age, when the
    journal is encrypted: it may hold the routine's words), then mark it taken in and take the
    routine out of it (its settings stay, as this computer's copy)."""
    from mindlog.store.format import sealed_journal
    from mindlog.store.paths import atomic_write

    folder = ensure_dir(backup_folder(where))
    with contextlib.suppress(OSError, MindlogError):
        data = where.config_file.read_bytes()
        name = "config.json"
        if sealed_journal(where.journal):
            from mindlog.store import keys

            data, name = keys.seal_blob(where, data), "config.json.age"
        target = folder / name
        number = 1
        while target.exists():
            number += 1
            target = folder / f"{name}.{number}"
        atomic_write(target, data)

    def mark(data: dict[str, Any]) -> None:
        if isinstance(data.get("routine"), list) and config.usable_routine(data["routine"]):
            data.pop("routine")
        data[TAKEN_MARK] = 1

    config.update(where, mark)


# -- reading -----------------------------------------------------------------------------------


def view(session: Session) -> Cached | Full:
    """The journal (asking for the passphrase as reading does), with the small files of earlier
    versions taken in first once the key is at hand."""
    found = session.view()
    if waiting(session.where):
        take_in(session)
        found = session.view()
    return found


def sealed_routine(where: Locations) -> Path | None:
    """A file holding the routine sealed, for a morning recorded while the journal is locked
    (mindlog.store.lines.locked_morning): routine.json of an earlier version not taken in yet,
    or this computer's sealed copy of the journal's routine; None when there is neither."""
    for path in (config.routine_file(where), routine_copy(where)):
        if path.exists():
            return path
    return None


def routine_copy(where: Locations) -> Path:
    """This computer's copy of the routine of an encrypted journal, sealed (in the state folder:
    never synced, never taken in)."""
    return where.state / config.ROUTINE_FILE


def copy_routine(where: Locations, entries: list[Entry]) -> None:
    """Keep the sealed copy of an encrypted journal's routine (see routine_copy), from the
    journal's ``entries``."""
    _copy_routine(where, personal.routine_of(entries, config.DEFAULT_ROUTINE))


def _copy_routine(where: Locations, items: list[str]) -> None:
    """Keep the sealed copy of an encrypted journal's routine up to date (see routine_copy)."""
    from mindlog.store.format import sealed_journal

    path = routine_copy(where)
    if not sealed_journal(where.journal):
        path.unlink(missing_ok=True)
        return
    with contextlib.suppress(MindlogError, OSError):
        if jsonfile.read_whole(path, asking=False) != (items, False):
            ensure_dir(where.state)
            jsonfile.update(path, lambda _current: items)  # and what waited beside it


def _copy_addition(where: Locations, added: list[str]) -> None:
    """Items added to an encrypted journal's routine while it is locked: kept sealed beside its
    sealed copy too, so that a morning recorded locked can name them."""
    path = routine_copy(where)
    if not path.exists():
        return
    with contextlib.suppress(MindlogError, OSError):
        jsonfile.update(path, lambda current: jsonfile.merge(current, added), additive=True)


def plan(session: Session) -> Plan:
    found = readable_plan(session.where)
    if found is not None:
        return found[0]
    return personal.plan_of(view(session).of_kind(personal.PLAN_ITEM))


def readable_plan(where: Locations) -> tuple[Plan, dict[str, Any]] | None:
    """The plan and the personal settings kept readable (the crisis country), read from the
    journal's plain lines without the key, when the journal is encrypted, its plan readable
    (mindlog.store.format.plan_choice) and the key not at hand here without asking; None
    otherwise (then the journal is read as always)."""
    from mindlog.store.format import plan_readable

    if not plan_readable(where.journal):
        return None
    from mindlog.store import keys

    try:
        keys.opener(where, asking=False)
        return None  # unlocked: the whole journal is read as always
    except MindlogError:
        pass  # locked (or keys.json missing): the plan's plain lines still tell it
    from mindlog.domain.journal import replay
    from mindlog.store import sealing

    journal = replay(sealing.plain_events(_journal_files(where)))
    return (
        personal.plan_of(journal.of_kind(personal.PLAN_ITEM)),
        personal.settings_of(journal.of_kind(personal.SETTING)),
    )


def _journal_files(where: Locations) -> list[Path]:
    from mindlog.store.eventlog import Store

    with contextlib.suppress(MindlogError):
        return Store(where).files()
    return []


def boosts(session: Session) -> list[str]:
    """The boosts (a damaged boosts.json of an earlier version is said, and left as it is)."""
    found = personal.texts_of(view(session).of_kind(personal.BOOST), personal.BOOST)
    left = left_behind(session.where, BOOSTS_FILE)
    if left is not None and not found:
        raise MindlogError(left)  # as before: the damaged file said, and kept
    _tell_left(session.where, BOOSTS_FILE)
    return found


def _tell_left(where: Locations, name: str) -> None:
    left = left_behind(where, name)
    if left is not None:
        from mindlog.render import out

        out.note(left)


def routine(session: Session) -> list[str]:
    """The routine's items (the usual routine while the person has not changed it)."""
    found = view(session).of_kind(personal.ROUTINE_ITEM, personal.SETTING)
    items = personal.routine_of(found, config.DEFAULT_ROUTINE)
    _copy_routine(session.where, items)
    return items


def settings(found: Cached | Full) -> dict[str, Any]:
    return personal.settings_of(found.of_kind(personal.SETTING))


def journal_settings(session: Session) -> dict[str, Any] | None:
    """The personal settings in the journal; None when it cannot be read without asking."""
    try:
        with never_asking():
            if waiting(session.where):
                take_in(session)
            found = session.view()
    except MindlogError as exc:
        if _locked(exc):
            return None
        raise
    return {k: v for k, v in settings(found).items() if k in personal.JOURNAL_SETTINGS}


# -- changing ----------------------------------------------------------------------------------


def _changed(
    session: Session,
    build: Callable[[Cached | Full | None], list[dict[str, Any]]],
    additive: bool,
) -> None:
    """Take in what waits, then write what ``build`` makes of the journal, with no other writer
    between. A change that only adds never needs the passphrase: on a locked encrypted journal
    ``build`` is given None and writes only what it adds (sealed, as every line then is); any
    other change opens the journal as reading does (asking for the passphrase on a terminal)."""
    if additive:
        journal_settings(session)  # takes in what waits, without asking
    else:
        view(session)
    with session.store.lock():
        session.reread()
        events = build(session.view_for_writing())
        if events:
            session.write(events)


def _additions(
    kind: str, texts: list[str], session: Session, **fields: Any
) -> list[dict[str, Any]]:
    """Lines added while the journal is locked: without a place, so after the others."""
    return [add_event(kind, session.today, session.at, text, **fields) for text in texts]


def change_plan(session: Session, edit: Callable[[Plan], None], *, additive: bool = False) -> Plan:
    """Apply ``edit`` to the plan and keep what changed, line by line (``additive``: an edit
    that only adds, which works on a locked encrypted journal too)."""
    result: list[Plan] = []

    def build(found: Cached | Full | None) -> list[dict[str, Any]]:
        lines = [] if found is None else found.of_kind(personal.PLAN_ITEM)
        wanted = personal.plan_of(lines)
        edit(wanted)
        result.append(wanted)
        if found is None:
            return [
                event
                for key, items in wanted.sections.items()
                for event in _additions(personal.PLAN_ITEM, items, session, section=key)
            ]
        return personal.plan_changes(lines, wanted, session.today, session.at)

    _changed(session, build, additive)
    _tell_left(session.where, PLAN_FILE)
    return result[0]


def _change_list(
    session: Session,
    kind: str,
    edit: Callable[[list[str]], list[str]],
    default: list[str],
    additive: bool,
) -> list[str] | None:
    result: list[list[str] | None] = []

    def build(found: Cached | Full | None) -> list[dict[str, Any]]:
        if found is None:  # locked: only what is added is kept
            result.append(None)
            added = edit([])
            if kind == personal.ROUTINE_ITEM:
                _copy_addition(session.where, added)
            return _additions(kind, added, session)
        lines = personal.ordered(found.of_kind(kind), kind)
        first: list[dict[str, Any]] = []
        if kind == personal.ROUTINE_ITEM and not lines:
            own = personal.settings_of(found.of_kind(personal.SETTING)).get(personal.ROUTINE_SET)
            if not own:  # the usual routine, made the person's own: the same ids everywhere
                first = _routine_events(default, session, "usual")
                lines = [Entry.from_json(e["entry"]) for e in first[:-1]]
        before = [str(e.text) for e in lines]
        wanted = edit(list(before))
        result.append(wanted)
        if wanted == before and not first:
            return []
        return [*first, *personal.list_changes(lines, wanted, kind, session.today, session.at)]

    _changed(session, build, additive)
    if kind == personal.ROUTINE_ITEM and result[0] is not None:
        _copy_routine(session.where, result[0])
    if kind == personal.BOOST:
        _tell_left(session.where, BOOSTS_FILE)
    return result[0]


def change_boosts(
    session: Session, edit: Callable[[list[str]], list[str]], *, additive: bool = False
) -> list[str] | None:
    """Apply ``edit`` to the boosts; None when the journal was locked (only an addition kept)."""
    return _change_list(session, personal.BOOST, edit, [], additive)


def change_routine(
    session: Session, edit: Callable[[list[str]], list[str]], *, additive: bool = False
) -> list[str] | None:
    """Apply ``edit`` to the routine; None when the journal was locked (only an addition kept)."""
    return _change_list(
        session, personal.ROUTINE_ITEM, edit, list(config.DEFAULT_ROUTINE), additive
    )


def set_setting(session: Session, name: str, value: Any) -> None:
    """Keep a personal setting in the journal (None: back to its default), and this computer's
    copy of it in config.json. Needs no passphrase."""
    journal_settings(session)
    session.write([personal.setting_event(name, value, session.today, session.at)])
    remember(session.where, {name: value})


def remember(where: Locations, values: dict[str, Any]) -> None:
    """Keep this computer's copy of the personal settings in config.json up to date (for
    ``mindlog support`` when the journal cannot be read); a file that cannot be written is left."""

    def put(data: dict[str, Any]) -> None:
        waiting = _to_take(data)  # settings of an earlier version: take_in takes them in first
        for name, value in values.items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
        if not waiting:
            data[TAKEN_MARK] = 1  # a copy of the journal's: nothing to take in (no backup copy)

    with contextlib.suppress(MindlogError, OSError):
        config.update(where, put)
