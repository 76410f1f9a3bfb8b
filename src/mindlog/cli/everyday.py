"""The everyday commands' steps, without Typer: ``did``, ``checkin``, ``urge``, ``bring-up``,
``rest``, ``practice list``, ``commit --show``, ``routine`` and ``boost list``.

The Typer commands (cli/practice.py, cli/checkin.py, cli/urge.py, cli/companion.py,
cli/streaks.py, cli/writing.py, cli/boost.py) and the fast path (cli/quick.py, which reads their
options by mindlog.cli.options) both call these functions, so each command says the same words and
stores the same lines whichever way it ran. A problem is raised as a MindlogError: each path
turns it into one line on standard error and exit code 1. Reading goes through the cache
(``Session.view``), never a full replay, so that each stays quick after fifty years.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mindlog.domain import words
from mindlog.domain.errors import MindlogError
from mindlog.domain.journal import add_event, check_text
from mindlog.render import out
from mindlog.usecases.session import Session

if TYPE_CHECKING:
    from mindlog.cache.view import Cached, Full
    from mindlog.domain.model import Entry

# -- did ---------------------------------------------------------------------------------------

DID_LOCKED = (
    "Your journal is locked, so this day joins the practice named {name} (its whole name, in any "
    "case) when the journal is next read."
)


def did(name: str, date: str | None, note: str | None) -> None:
    """``mindlog did NAME [--date DAY] [--note TEXT]``."""
    from mindlog.domain import practices
    from mindlog.domain.days import friendly

    text = check_text(note, "note") if note is not None else None
    session = Session()
    day = session.day(date)
    found: list[str] = []

    def build(journal: Cached | Full) -> list[dict[str, Any]]:
        at, timed = session.when(day)
        if session.locked:  # the practices cannot be read: the day names it by its whole name
            found.append(practices.check_name(name))
            return [add_event("practice", day, at, text, name=found[0], **timed)]
        mine = practices.defined(journal.of_kind("practicedef"))
        practice = practices.match(mine, name)
        found.append(practice.name)
        live = practices.live_ids(mine)
        if any(practices.belongs(e, practice, live) for e in journal.on(day, "practice")):
            return []
        return [
            add_event(
                "practice", day, at, text, name=practice.name, practice_id=practice.id, **timed
            )
        ]

    written = session.write_after_reading(build)
    called = found[0]
    when = "today" if day == session.today else friendly(day.isoformat())
    if not written:
        out.say(f"{called} is already logged for {when}. Nothing more to do.")
        return
    out.say(f"{called}: logged for {when}. Well done for showing up.")
    if session.locked:
        out.say(DID_LOCKED.format(name=called))


def practice_list(as_json: bool) -> None:
    """``mindlog practice list [--json]`` (and ``mindlog practice``): plain lines, without rich
    (mindlog.render.practicelines)."""
    import sys

    from mindlog.domain import practices
    from mindlog.usecases.figures import own_figures

    session = Session()
    figures = own_figures(session.view(), session.today)
    if as_json:
        import json

        sys.stdout.write(json.dumps([f.to_json() for f in figures], indent=2) + "\n")
        return
    if not figures:
        out.say(practices.NONE_YET)
        return
    from mindlog.render.practicelines import lines

    out.write(sys.stdout, lines(figures, out.columns(sys.stdout)))


# -- checkin -----------------------------------------------------------------------------------


def scale_values(raw: list[str], mine: list[str]) -> dict[str, int]:
    """``--scale NAME=N`` values: NAME one of your scales, N from 1 to 5."""
    from mindlog.domain import checkins
    from mindlog.domain.safe import one_line

    given: dict[str, int] = {}
    for item in raw:
        typed, sep, number = item.partition("=")
        if not sep or not typed.strip():
            raise checkins.ScaleError(f"--scale is {item!r}: write it as NAME=N, like anxiety=2")
        # a scale is found by its name in any case and any Unicode form, and kept as it is named
        name = checkins.built_in(typed) or checkins.find_scale(mine, typed)
        if name is None:
            shown = one_line(typed.strip().lower(), 30)
            known = ", ".join(mine) if mine else "none yet"
            raise checkins.ScaleError(
                f"{shown} is not one of your scales (yours: {known}); "
                f"add it with: mindlog checkin scales add {shown}"
            )
        given[name] = checkins.parse_scale(name, number)
    return given


def checkin(
    note: list[str] | None,
    mood: str | None,
    energy: str | None,
    sleep: str | None,
    scale: list[str] | None,
    date: str | None,
) -> None:
    """``mindlog checkin [NOTE...] [--mood N] [--energy N] [--sleep N] [--scale NAME=N]...``:
    with no values, it asks (or reads standard input)."""
    from mindlog.domain.checkins import SCALES, ScaleError, count_words, own_scales, parse_scale

    flags = {"mood": mood, "energy": energy, "sleep": sleep}
    given: dict[str, int] = {}
    try:
        for name, raw in flags.items():
            if raw is not None:
                given[name] = parse_scale(name, raw)
    except ScaleError as exc:
        raise MindlogError(f"{exc}; nothing was saved") from None
    text = check_text(" ".join(note), "note") if note else None
    session = Session()
    day = session.day(date)
    known = session.view_for_writing()  # None when the journal is locked
    mine = [name for _, name in own_scales(known.of_kind("scale"))] if known is not None else []
    try:
        given.update(scale_values(scale or [], mine))
    except ScaleError as exc:
        raise MindlogError(f"{exc}; nothing was saved") from None
    earlier = known.on(day, "checkin") if known is not None else []
    if not given:
        given, asked_text = _ask_checkin(earlier, ask_note=text is None, own=mine)
        text = text if text is not None else asked_text
    if not given and text is None:
        out.say(words.CHECKIN_NOTHING)
        return
    builtin = {name: given.get(name) for name in SCALES}
    extra = {name: got for name, got in given.items() if name not in SCALES}
    fields: dict[str, Any] = {**builtin, **({"scales": extra} if extra else {})}
    at, timed = session.when(day)
    session.write([add_event("checkin", day, at, text, (), **fields, **timed)])
    out.say(words.CHECKIN_SAVED)
    if earlier:
        out.say(count_words(len(earlier) + 1, day == session.today))
    mood_now = given.get("mood")
    if mood_now is not None and mood_now <= 2 and day == session.today:
        out.say(words.CHECKIN_GENTLE)


def _ask_checkin(
    earlier: list[Entry], ask_note: bool, own: list[str]
) -> tuple[dict[str, int], str | None]:
    """Ask for each scale on a terminal (Enter skips), your own after the three, then for a note.

    Piped standard input answers the same questions, one line each (an empty line skips), and
    whatever follows the answers is the note.
    """
    from mindlog.cli import prompts
    from mindlog.domain.checkins import (
        QUESTIONS,
        SCALES,
        ScaleError,
        mean_of,
        own_question,
        parse_scale,
    )

    if not prompts.interactive():
        return _read_checkin(ask_note, own)
    given: dict[str, int] = {}
    out.say("A short check-in (press Enter to skip any):")
    for name in (*SCALES, *own):
        question, meaning = QUESTIONS.get(name, own_question(name))
        before = mean_of(earlier, [name])[name] if earlier else None
        mark = f"; earlier today: {before:g}" if before is not None else ""
        while True:
            answer = prompts.ask(f"  {question} ({meaning}{mark}) ")
            if answer is None or not answer.strip():
                break
            try:
                given[name] = parse_scale(name, answer)
                break
            except ScaleError as exc:
                out.note(str(exc))
    if not ask_note:
        return given, None
    answer = prompts.ask("  Anything you would like to add? (Enter to skip) ")
    if answer is None or not answer.strip():
        return given, None
    return given, check_text(answer, "note")


def _read_checkin(ask_note: bool, own: list[str]) -> tuple[dict[str, int], str | None]:
    from mindlog.cli import prompts
    from mindlog.domain.checkins import SCALES, ScaleError, parse_scale

    lines = prompts.read_piped().split("\n")
    given: dict[str, int] = {}
    asked = (*SCALES, *own)
    for name, answer in zip(asked, lines, strict=False):
        if answer.strip():
            try:
                given[name] = parse_scale(name, answer.rstrip("\r"))
            except ScaleError as exc:
                raise MindlogError(f"{exc}; nothing was saved") from None
    note = "\n".join(lines[len(asked) :])
    if not ask_note or not note.strip():
        return given, None
    return given, check_text(note, "note")


# -- urge --------------------------------------------------------------------------------------


def urge(
    about: str | None,
    strength: str | None,
    instead: str | None,
    passed: bool | None,
    date: str | None,
) -> None:
    """``mindlog urge [--about TEXT] [--strength N] [--instead TEXT] [--passed|--acted]``: with
    none of them, it asks (or reads standard input)."""
    from mindlog.domain import urges

    try:
        level = urges.parse_strength(strength) if strength is not None else None
    except urges.UrgeError as exc:
        raise MindlogError(f"{exc}; nothing was saved") from None
    about_text = check_text(about, "urge") if about is not None else None
    instead_text = check_text(instead, "answer") if instead is not None else None
    session = Session()
    day = session.day(date)
    if (about, strength, instead, passed) == (None, None, None, None):
        about_text, level, instead_text, passed = _ask_urge()
        if (about_text, level, instead_text, passed) == (None, None, None, None):
            out.say(urges.NOTHING)
            return
    fields: dict[str, Any] = {
        "about": about_text,
        "strength": level,
        "instead": instead_text,
        "passed": passed,
    }
    at, timed = session.when(day)
    event = add_event("urge", day, at, None, **fields, **timed)
    events = [event]
    if passed:
        win = urges.win_text(instead_text)
        link = {"urge": event["entry"]["id"], **timed}
        events.append(add_event("win", day, at, win, ["choice"], **link))
    session.write(events)
    if passed:
        out.say(urges.PASSED_REPLY)
        out.say(urges.PASSED_SAVOUR)
    elif passed is False:
        out.say(words.pick(urges.ACTED_REPLIES, event["entry"]["id"]))
        out.say(urges.ACTED_SUPPORT)
    else:
        out.say(urges.NOTED)


def _ask_urge() -> tuple[str | None, int | None, str | None, bool | None]:
    """The four questions on a terminal; piped standard input answers them one line each."""
    from mindlog.cli import prompts
    from mindlog.domain import urges

    if not prompts.interactive():
        lines = prompts.read_piped().split("\n")
        answers = [*lines[:4], *[""] * (4 - len(lines[:4]))]
        try:
            return _urge_answers(answers)
        except urges.UrgeError as exc:
            raise MindlogError(f"{exc}; nothing was saved") from None
    got: list[str] = []
    for number, question in enumerate(urges.QUESTIONS):
        while True:
            answer = prompts.ask(question) or ""
            try:
                if number == 1 and answer.strip():
                    urges.parse_strength(answer)
                if number == 3:
                    urges.parse_passed(answer)
                break
            except urges.UrgeError as exc:
                out.note(str(exc))
        got.append(answer)
    return _urge_answers(got)


def _urge_answers(answers: list[str]) -> tuple[str | None, int | None, str | None, bool | None]:
    from mindlog.domain import urges

    about, strength, instead, passed = (a.rstrip("\r") for a in answers)
    return (
        check_text(about, "urge") if about.strip() else None,
        urges.parse_strength(strength) if strength.strip() else None,
        check_text(instead, "answer") if instead.strip() else None,
        urges.parse_passed(passed),
    )


# -- bring-up ----------------------------------------------------------------------------------

NOTE_SAVED = "Kept for your next session."
NOTHING_SAVED = "Nothing was saved. Whenever something comes to mind, mindlog bring-up keeps it."
NONE_WAITING = "Nothing is waiting to bring up. Whenever something comes to mind: mindlog bring-up"
ASK = "What would you like to bring up at your next session? "


def bring_up(text: str | None, show: bool, done: str | None, date_option: str | None) -> None:
    """``mindlog bring-up [TEXT] [--list | --done N] [--date DAY]``."""
    from mindlog.domain import bringup
    from mindlog.domain.journal import update_event
    from mindlog.domain.safe import visible

    if show and done is not None:
        raise MindlogError("choose one of --list and --done")
    if (show or done is not None) and text is not None:
        raise MindlogError(
            "--list and --done take no text", "to keep a note: mindlog bring-up TEXT"
        )
    session = Session()
    if show:
        _list_notes(session.view().of_kind(bringup.KIND))
        return
    if done is not None:
        marked: list[Any] = []

        def build(journal: Cached | Full) -> list[dict[str, Any]]:
            note = bringup.pick(journal.of_kind(bringup.KIND), done)
            marked.append(note)
            return [update_event(note.id, session.at, done=True)]

        session.write_after_reading(build)
        shown = " ".join(visible(marked[0].text or "", newlines=False).split())
        shown = shown if len(shown) <= 60 else shown[:59].rstrip() + "…"
        out.say(f"Marked as talked through: {shown}")
        out.say("It stays in your journal.")
        return
    day = session.day(date_option)
    note = _note_text(text)
    if note is None:
        out.say(NOTHING_SAVED)
        return
    session.write([add_event(bringup.KIND, day, session.at, note, done=False)])
    known = session.view_for_writing()  # never asks: None while the journal is locked
    if known is None:
        out.say(f"{NOTE_SAVED} See them all with: mindlog bring-up --list")
        return
    waiting = len(bringup.waiting(known.of_kind(bringup.KIND)))
    count = "1 note is" if waiting == 1 else f"{waiting} notes are"
    out.say(f"{NOTE_SAVED} {count} waiting: mindlog bring-up --list")


def _note_lines(number: int, note: Any) -> list[str]:
    from mindlog.domain.days import short
    from mindlog.domain.safe import visible

    text = visible(note.text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lead = f"  {number}. "
    lines = [f"{lead}{text[0]}"] + [" " * len(lead) + line for line in text[1:]]
    lines[-1] += f"  ({short(note.day)})"
    return lines


def _list_notes(entries: list[Entry]) -> None:
    from mindlog.domain import bringup

    notes = bringup.waiting_numbered(entries)
    talked = len(bringup.discussed(entries))
    if not notes:
        out.say(NONE_WAITING)
    else:
        out.say(f"To bring up at your next session ({len(notes)}):")
        for number, note in notes:
            for line in _note_lines(number, note):
                out.say(line)
        out.say("When one has been talked through: mindlog bring-up --done N")
    if talked:
        word = "note" if talked == 1 else "notes"
        stay = "stays" if talked == 1 else "stay"
        out.say(f"{talked} {word} already talked through {stay} in your journal.")


def _note_text(text: str | None) -> str | None:
    from mindlog.cli import prompts

    if text is not None:
        return check_text(text, "note")
    if not prompts.interactive():
        return check_text(prompts.read_piped(), "note")
    answer = prompts.ask(ASK)
    if answer is None or not answer.strip():
        return None
    return check_text(answer, "note")


# -- rest --------------------------------------------------------------------------------------


def rest(reason: str | None, date: str | None) -> None:
    """``mindlog rest [REASON] [--date DAY]``."""
    from mindlog.domain.days import friendly
    from mindlog.domain.safe import one_line

    session = Session()
    day = session.day(date)
    if reason is not None:
        text: str | None = check_text(reason, "reason")
    else:
        from mindlog.cli import prompts

        if not prompts.interactive():
            piped = prompts.read_piped()
            text = piped if piped.strip() else None
        else:
            text = None
    when = "Today" if day == session.today else friendly(day.isoformat())
    known = session.view_for_writing()  # None: encrypted and locked; a second rest is harmless
    # a rest day of one practice only (an import from Loop) leaves the day open for this one
    if known is not None and any(not e.fields.get("practice_id") for e in known.on(day, "rest")):
        out.say(f"{when} is already a rest day. Rest well.")
        return
    at, timed = session.when(day)
    session.write([add_event("rest", day, at, text, **timed)])
    why = f" ({one_line(text, 50)})" if text else ""
    out.say(f"{when} is a rest day{why}. Rest is part of the work; your runs carry across it.")


# -- commit --show, routine, boost list --------------------------------------------------------


def commit_show() -> None:
    """``mindlog commit --show``: the current statement, as plain lines without rich
    (mindlog.render.statement)."""
    import sys

    from mindlog.render.statement import statement_lines

    journal: Cached | Full = Session().view()
    found = statement_lines(
        journal.statement(), len(journal.of_kind("commitment")), out.columns(sys.stdout)
    )
    out.write(sys.stdout, "".join(line + "\n" for line in found))


def routine_list() -> None:
    """``mindlog routine`` and ``mindlog routine list``."""
    from mindlog.usecases import personal

    items = personal.routine(Session())
    if not items:
        out.say("Your routine has no items. Add one with: mindlog routine add TEXT")
        return
    out.say("Your morning routine:")
    for number, item in enumerate(items, start=1):
        out.say(f"  {number}. {item}")


def boost_list() -> None:
    """``mindlog boost list``: every boost, numbered."""
    from mindlog.domain.safe import one_line
    from mindlog.usecases import personal

    items = personal.boosts(Session())
    if not items:
        out.say(words.BOOST_EMPTY)
        return
    out.say("Your boosts:")
    for number, item in enumerate(items, start=1):
        out.say(f"  {number}. {one_line(item, 200)}")


def boost_offer() -> None:
    """``mindlog boost``: one boost, the one after the last offered."""
    from mindlog.usecases import boosts, personal

    session = Session()
    where = session.where
    items = personal.boosts(session)
    if not items:
        out.say(words.BOOST_EMPTY)
        return
    chosen = items[boosts.next_index(items, boosts.last_offered(where))]
    boosts.remember(where, chosen)
    out.say(words.BOOST_INTRO)
    out.say(f"  {chosen}")
