"""`mindlog checkin scales [add NAME | remove NAME]`: check-in scales of your own.

Kept apart from cli/checkin.py, which hands its words here when the first is ``scales``.
"""

from __future__ import annotations

from typing import Any

from mindlog.cli.app import Session, fail
from mindlog.domain import checkins
from mindlog.domain.journal import Journal, add_event, delete_event
from mindlog.render import out


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
