"""Urges: what one was about, how strong (0-5), what you did instead, and whether it passed.

Pure: no disk, no screen. An urge is a journal entry of kind ``urge`` with the fields ``about``,
``strength`` (0-5 or null), ``instead`` and ``passed`` (true, false or null); its text is unused.
One that passed is also a win tagged ``choice`` (its field ``urge`` names the urge), so riding
it out joins the wins practice. One acted on is kept with the same respect as a setback: it
lowers nothing, and nothing here judges it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from mindlog.domain.model import Entry
from mindlog.domain.typed import digits_hint, whole

LOW, HIGH = 0, 5

PASSED_REPLY = "You rode it out."
PASSED_SAVOUR = "That took strength and choice. It is kept with your wins."
ACTED_REPLIES = (
    "Thank you for writing it down. Urges are part of recovery, and noticing them is how you learn.",
    "Noted, gently. What happened tells you about a hard moment; it is not a verdict on you.",
    "Kept in your log. Writing this down honestly is itself an act of showing up.",
)
ACTED_SUPPORT = (
    "Nothing you have built goes away. If it would help to reach someone, mindlog support "
    "has your plan."
)
NOTED = "Your urge is noted. Writing it down is a way of looking after yourself."
NOTHING = "Nothing was saved. Come back whenever you like."
QUESTIONS = (
    "What was the urge about? (a few words, or Enter to skip) ",
    "How strong was it, 0 to 5? (Enter to skip) ",
    "What did you do instead? (Enter to skip) ",
    "Did it pass without acting on it? (y/n, Enter to skip) ",
)


class UrgeError(ValueError):
    """A value that cannot be used (the message is meant for the person)."""


def parse_strength(raw: str) -> int:
    number = whole(raw, LOW, HIGH)
    if number is not None:
        return number
    shown = raw if len(raw) <= 20 else raw[:19] + "…"
    raise UrgeError(
        f"strength is {shown!r}: use a whole number from 0 (faint) to 5 (very strong)"
        + digits_hint(raw)
    )


def parse_passed(raw: str) -> bool | None:
    word = raw.strip().casefold()
    if not word:
        return None
    if word in ("y", "yes", "passed", "p"):
        return True
    if word in ("n", "no", "acted", "a"):
        return False
    raise UrgeError("answer y if it passed without acting on it, n if not (or Enter to skip)")


def win_text(instead: str | None) -> str:
    """The text of the win an urge that passed becomes."""
    return f"Rode out an urge: {instead}" if instead else "Rode out an urge"


class UrgeWeek(NamedTuple):  # a tuple of values: made at once, where a dataclass is made slowly
    ridden_out: int  # urges that passed in the period
    logged: int  # urges logged in the period
    helped: list[tuple[str, int]]  # what you did instead of urges that passed, most often first


def looking_back(entries: Iterable[Entry], today: date, days: int = 7, top: int = 3) -> UrgeWeek:
    """Urges ridden out in the last ``days`` days, and the strategies that helped most often
    (over all urges that passed, so a strategy that has served you is never forgotten)."""
    start = (today - timedelta(days=days - 1)).isoformat()
    end = today.isoformat()
    ridden = logged = 0
    helped: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for entry in entries:
        if entry.kind != "urge" or entry.day > end:
            continue
        recent = entry.day >= start
        logged += recent
        passed = entry.fields.get("passed") is True
        ridden += recent and passed
        instead = entry.fields.get("instead")
        if passed and isinstance(instead, str) and instead.strip():
            key = " ".join(instead.split()).casefold()
            helped[key] += 1
            shown.setdefault(key, " ".join(instead.split()))
    ranked = sorted(helped.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return UrgeWeek(ridden, logged, [(shown[k], n) for k, n in ranked])


def ridden_words(ridden_out: int, logged: int) -> str:
    """How many urges were ridden out, said without counting the others against you."""
    if ridden_out == 0:
        if logged:
            return "You noted every urge honestly; that is how you learn what helps."
        return "No urges noted in this stretch."
    times = "1 urge" if ridden_out == 1 else f"{ridden_out} urges"
    return f"You rode out {times}. Each one was a choice you made."


def times_words(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def describe(entry: Entry) -> str:
    """An urge in a few words, for `mindlog list` and the export."""
    fields = entry.fields
    parts = ["urge"]
    if isinstance(fields.get("about"), str):
        parts[0] += f" about {fields['about']}"
    if isinstance(fields.get("strength"), int):
        parts.append(f"strength {fields['strength']}/5")
    if isinstance(fields.get("instead"), str):
        parts.append(f"instead: {fields['instead']}")
    if fields.get("passed") is True:
        parts.append("rode it out")
    elif fields.get("passed") is False:
        parts.append("acted on it")
    return " · ".join(parts)
