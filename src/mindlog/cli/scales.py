"""`mindlog checkin scales [add NAME | remove NAME]`: check-in scales of your own.

Kept apart from cli/checkin.py, which hands its words here when the first is ``scales``.
"""

from __future__ import annotations

from typing import Any

from mindlog.cli.app import Session, fail
from mindlog.domain import checkins
from mindlog.domain.journal import Journal, add_event, delete_event
from mindlog.domain.safe import one_line
from mindlog.render import out


def _own_flags(raw: list[str], mine: list[str]) -> dict[str, int]:
    """``--scale NAME=N`` values: NAME one of your scales, N from 1 to 5."""
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


def _scales(words: list[str]) -> None:
    action, rest = (words[0], words[1:]) if words else ("list", [])
    if action == "list" and not rest:
        session = Session()
        mine = checkins.own_scales(session.journal().entries)
        if not mine:
            out.say(checkins.SCALES_NONE)
            return
        out.say("Your own check-in scales, asked after mood, energy and sleep:")
        for _, name in mine:
            out.say(f"  {name}")
        return
    if action not in ("add", "remove") or len(rest) != 1:
        raise fail(
            "use: mindlog checkin scales, mindlog checkin scales add NAME, or "
            "mindlog checkin scales remove NAME"
        )
    try:
        name = checkins.check_scale_name(rest[0])
    except checkins.ScaleError as exc:
        raise fail(f"{exc}; nothing was saved") from None
    session = Session()

    def build(journal: Journal) -> list[dict[str, Any]]:
        mine = checkins.own_scales(journal.entries)
        same = [entry_id for entry_id, known in mine if checkins.same_scale(known, name)]
        if action == "add":
            if same:
                return []
            return [add_event("scale", session.today, session.at, None, name=name)]
        if not same:
            known = ", ".join(n for _, n in mine) or "none yet"
            raise fail(f"{name} is not one of your scales (yours: {known})")
        return [
            delete_event(entry_id, session.at)
            for entry_id in checkins.scale_ids(journal.entries, name)
        ]

    written = session.write_after_reading(build)
    if action == "add" and not written:
        out.say(f"{name} is already one of your scales.")
        return
    out.say(checkins.SCALE_ADDED if action == "add" else checkins.SCALE_REMOVED)
