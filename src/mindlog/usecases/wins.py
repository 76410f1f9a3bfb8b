"""Logging a win: the steps shared by `mindlog win` in Typer and on the fast path."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mindlog.domain import words
from mindlog.domain.journal import add_event
from mindlog.domain.model import near_factor, normalize_tag
from mindlog.render.out import linear
from mindlog.usecases.session import Session


def tags(raw: Iterable[str]) -> list[str]:
    """The tags as stored: normalised, each once, in the order given; ValueError for a bad one."""
    return list(dict.fromkeys(normalize_tag(t) for t in raw))


def near_factors(raw: Iterable[str]) -> bool:
    """True when a tag (as typed) is within two letters of a factor: the win asks about it."""
    for tag in raw:
        try:
            if near_factor(normalize_tag(tag)) is not None:
                return True
        except ValueError:
            continue  # a tag that cannot be one: said by the win's own steps
    return False


def log(session: Session, day: date, text: str, tag_list: list[str]) -> str:
    """Store the win and return the line that invites a moment of savouring."""
    at, timed = session.when(day)
    event = add_event("win", day, at, text, tag_list, **timed)
    session.write([event])
    reply = words.pick(words.WIN_REPLIES, event["entry"]["id"])
    if linear():  # the accessible mode says plainly what was saved, then the kind word
        return words.WIN_SAVED.format(day=words.day_said(day, session.today)) + " " + reply
    return reply
