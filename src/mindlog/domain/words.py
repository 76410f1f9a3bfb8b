"""What mindlog says: short, warm, person-first lines, chosen stably so they do not flicker.

Kept in one place so that every command speaks the same way and a test can read them all.
Never shame, never alarm: no "lost", "broken", "failed" or "missed" anywhere here.

Commands are named plainly, without quotes or backticks (`mindlog win`, written as
mindlog win), usually after a colon: "write it when you are ready: mindlog commit".
Sentences start with a capital letter; one-line errors (``mindlog: ...``) do not.
"""

from __future__ import annotations

import zlib
from datetime import date

WIN_REPLIES = (
    "Noted. Take a breath and let yourself feel that effort for a moment.",
    "Saved. Pause here: what did it feel like to do that?",
    "That counts. Give yourself a few seconds to enjoy it.",
    "Kept in your log. Notice the quiet satisfaction of having done it.",
    "Well done. Let that effort land before you move on.",
)

WIN_SAVED = "Your win is saved, for {day}."  # the accessible mode's plain confirmation


def day_said(day: date, today: date) -> str:
    """A day in a sentence: today, yesterday, or its full date."""
    from mindlog.domain.days import friendly

    if day == today:
        return "today"
    if (today - day).days == 1:
        return "yesterday"
    return friendly(day.isoformat())


COMMIT_SAVED = "Your statement is saved. It is yours to return to whenever you need it."
REAFFIRMED = "You re-read your statement and stood by it today. That is commitment in action."
REAFFIRMED_ON = (
    "Noted: on {day} you re-read your statement and stood by it. That is commitment in action."
)

STATEMENT_QUESTIONS = (
    "Why am I seeking recovery?",
    "What matters most to me, and how does recovery serve it?",
    "What will I tell myself when it gets hard?",
)

# Shown below the editor's scissors line (mindlog.cli.prompts), so none of it is saved.
STATEMENT_TEMPLATE = (
    "# Your commitment statement: why you chose recovery, in your own words.\n"
    "# Some questions that may help:\n" + "".join(f"#   {q}\n" for q in STATEMENT_QUESTIONS)
)

NO_STATEMENT = (
    "You have not written a commitment statement yet. "
    "When you are ready, mindlog commit helps you write one."
)


def pick(options: tuple[str, ...], seed: str) -> str:
    """One of ``options``, the same for the same seed."""
    return options[zlib.crc32(seed.encode()) % len(options)]


def morning_reply(done: int, total: int, day: str | None = None) -> str:
    """The reply to a morning; ``day`` names a day other than today (``Friday 27 November``)."""
    name = "Morning routine" if day is None else f"Morning routine for {day}"
    if total and done == total:
        return f"{name}: all {total} done. A steady start to the day."
    if done:
        return f"{name}: {done} of {total} done. Every part you did counts."
    if day is not None:
        return f"{name}: noted. However that morning went, you checked in with yourself."
    return "Noted. However this morning went, you checked in with yourself, and that counts."


def morning_locked_reply(done: str | int, day: str | None = None) -> str:
    """The reply to a morning recorded while the journal is locked (items by number, or all)."""
    name = "Morning routine" if day is None else f"Morning routine for {day}"
    what = "every item" if done == "all" else "1 item" if done == 1 else f"{done} items"
    return (
        f"{name}: {what} noted. Your journal is locked, so the items' names stay sealed until "
        "you next unlock it."
    )


def percent(strength: float) -> str:
    """Strength as a percentage; a little is shown as a little, never as nothing."""
    if 0 < strength < 0.005:
        return "under 1%"
    return f"{round(strength * 100)}%"


PRACTICE_NAMES = {"morning": "Morning routine", "wins": "Wins", "commitment": "Commitment"}


STRENGTH_AFTER = 14  # days of use before strength is a percentage; words until then
GENTLE_UNTIL = 42  # days of use during which a low strength is said in words (``building``)
LOW_STRENGTH = 0.4


def building(strength: float, days_used: int | None, recent: tuple[int, int]) -> str | None:
    """Words in place of a percentage while it would say little or discourage: the first two
    weeks ("building: 5 of 6 days so far"), and a low strength in the first six weeks
    ("building: 4 of the last 14 days"); None when the percentage is shown. ``recent``: the days
    done of the last two weeks, and how many days that is (mindlog.domain.streaks.Streak)."""
    done, days = recent
    if strength <= 0 and done == 0:
        return "ready when you are"
    if days_used is None:
        return None
    if days_used >= GENTLE_UNTIL or (days_used >= STRENGTH_AFTER and strength >= LOW_STRENGTH):
        return None
    if done == 0 or days <= 0:
        return "ready when you are"
    if days_used < STRENGTH_AFTER:
        return f"building: {done} of {days} {'day' if days == 1 else 'days'} so far"
    return f"building: {done} of the last {days} days"


def strength_words(strength: float, days_used: int | None, recent: tuple[int, int] = (0, 0)) -> str:
    """Strength once it means something; before that, what was built in words (``building``;
    on day one nothing: the day's own line says it is a start)."""
    if days_used is not None and days_used <= 1:
        return ""
    return building(strength, days_used, recent) or f"strength {percent(strength)}"


def practice_line(
    practice: str,
    current: int,
    total_days: int,
    strength: float,
    done_today: bool,
    days_used: int | None = None,
    recent: tuple[int, int] = (0, 0),
) -> str:
    """One line about a practice: what lasts (total days, strength) beside the current run.

    Shared by the dashboard and the login greeting, so they speak alike. A practice not yet
    begun is an invitation, not a row of zeros. ``days_used`` counts the days since the first
    entry, today included: strength is shown from two weeks on (see ``strength_words``).
    """
    name = PRACTICE_NAMES.get(practice, practice)
    if total_days == 0:
        return f"{name}: ready when you are"
    today = "done today" if done_today else "open today"
    days = "1 day" if total_days == 1 else f"{total_days} days"
    parts = [
        f"{name}: {today}",
        f"{days} shown up",
        strength_words(strength, days_used, recent),
    ]
    parts = [part for part in parts if part]
    if current >= 2:
        parts.append(f"{current} days in a row")
    return " · ".join(parts)


# -- check-ins, setbacks and boosts ------------------------------------------------------------

CHECKIN_SAVED = "Checked in. Thank you for taking a moment to notice how you are."
CHECKIN_UPDATED = "Check-in updated. Noticing how you are, again, is care too."
CHECKIN_NOTHING = "Nothing was recorded. A check-in is here whenever you want one."
CHECKIN_GENTLE = "If today is heavy, your own plan is close by: mindlog support"

SETBACK_REPLIES = (
    "Thank you for writing this down. Setbacks are part of recovery, not the end of it.",
    "Noted, gently. A hard day tells you about a situation; it is not a verdict on you.",
    "Showing up to write this on a hard day is itself effort, and it counts.",
    "Kept in your log. Recovery has hard days in it; this is one of them, and you are still here.",
)
SETBACK_SUPPORT = (
    "Nothing you have built goes away. If you would like support, mindlog support has your plan."
)
SETBACK_TODAY = (
    "A hard day, and you still showed up. Be as kind to yourself as you would be to a friend."
)
HARD_DAY_MARK = "a hard day written down (you showed up)"  # the calendars' mark of a setback day
SHOWN_ONLY_MARK = "shown up: a check-in or a note"  # the printed calendar's day without a practice

BOOST_EMPTY = (
    "Your boost list is empty for now. Add a song, a podcast or a few words that lift you,\n"
    "for example:  mindlog boost add 'Here Comes the Sun'"
)
BOOST_INTRO = "Something you chose to lift you:"

# -- the login greeting (mindlog greet) ------------------------------------------------------------

GREET_WHY = "Your why: "
GREET_NO_WHY = "Your why: whenever you are ready, mindlog commit helps you write it."
GREET_WELCOME = (
    "Welcome to mindlog. Whenever you are ready:",
    "mindlog commit for your why, mindlog morning for your routine, mindlog win for an effort.",
)
GREET_PAST = "From {day}: "
# The greeting of a long journal whose cache is still to be built (mindlog greet never waits).
GREET_GETTING_READY = (
    "Good to see you. Your next mindlog command reads your journal once; then your days are here."
)
GREET_ENCOURAGEMENTS = (
    "Whatever today holds, one small effort is enough to count.",
    "You are here again, and that is a kind of showing up.",
    "Any effort counts today, however small it looks.",
    "Go gently today. Your effort adds up, even on slow days.",
    "Notice one thing you do well today; mindlog win keeps it.",
)
GREET_PROBLEM = "the greeting could not be shown: {reason}"
GREET_HINT = "run mindlog doctor"
GREET_DAMAGED = "{count} damaged {lines} in the journal are kept as they are"
GREET_NEWER = "some entries were written by a newer mindlog; update mindlog to see them"
GREET_LOCKED = "Your journal is locked. mindlog unlock opens it for this session."
STATUS_LOCKED = "the journal is locked, so its numbers cannot be worked out yet"
GREET_NO_MARKER = "cannot remember the greeting for today ({reason}), so it may show again"


# -- streaks and reflections -------------------------------------------------------------------

PROMPTS = {
    "meaning": (
        "What gave your effort meaning {span}?",
        "Which small thing you did mattered most to you, and why?",
    ),
    "choice": (
        "Where did you have a choice, and what did you choose?",
        "What did you decide for yourself, at your own pace?",
    ),
    "competence": (
        "What are you getting better at, even a little?",
        "Which coping skill came more easily than it used to?",
    ),
    "progress": (
        "By your own measure, where did you move forward?",
        "What would you tell someone about the way you have come?",
    ),
    "commitment": (
        "What helped you keep your promise to yourself?",
        "Does your statement still say what you want it to say?",
    ),
}

FACTOR_TITLES = {
    "commitment": "Commitment",
    "meaning": "Meaning",
    "choice": "Choice",
    "competence": "Competence",
    "progress": "Progress",
    "other": "Other efforts",
}


SPAN_WORDS = {"week": "this week", "month": "this month", "year": "this year"}
PERIODS = {"week": "the last 7 days", "month": "the last 30 days", "year": "the last 365 days"}


def reflection_prompts(seed: str, count: int = 3, span: str = "week") -> list[str]:
    """Gentle questions tied to the factors, the same all day: meaning, choice, competence always,
    with the wording varied by day, and speaking of the span looked back on."""
    chosen = []
    for factor in ("meaning", "choice", "competence")[:count]:
        chosen.append(pick(PROMPTS[factor], seed + factor).format(span=SPAN_WORDS[span]))
    return chosen


def showed_up_line(count: int, span: int = 7, so_far: bool = False) -> str:
    """How many days the person showed up; ``so_far``: ``span`` counts from their first day."""
    if count == 0:
        return f"This is a quiet stretch: no entries in the last {span} days. Whenever you are ready, one small step is enough."
    if so_far:
        return f"You showed up {count} of {span} days so far."
    return f"You showed up {count} of the last {span} days."


def shown_up_days(days: int) -> str:
    """The days shown up in an export's period (mindlog.domain.streaks: any record of yours)."""
    count = "1 day" if days == 1 else f"{days} days"
    return f"Shown up on {count}, hard days and rest days included"


def wins_heading(span: str, count: int) -> str:
    return f"Your wins in {PERIODS.get(span, PERIODS['week'])} ({count})"


def and_more(count: int) -> str:
    return f"and {count} more"


WELCOME_BACK = "Welcome back. Picking up again is its own kind of strength."
BACK_INVITE = "Whenever you are ready, one small step is enough: mindlog win"
DAY_ONE = "Day one: a start. Everything you log from here adds up."


def what_lasts(total_days: int, longest: int) -> str:
    """What stays with the person after time away: every day shown up, their longest run."""
    days = "1 day" if total_days == 1 else f"{total_days} days"
    line = f"You have shown up on {days} in all"
    if longest >= 2:
        line += f", and your longest run was {longest} days"
    return line + ". That is still yours."


def statement_age(days: int) -> str:
    if days <= 0:
        return "written today"
    if days == 1:
        return "written yesterday"
    if days < 60:
        return f"your words for {days} days now"
    return f"your words for {days // 30} months now"


def run_words(current: int, longest: int) -> str:
    """What can end, said without loss: only what is, never what is not."""
    if current >= 1:
        text = "1 day in a row" if current == 1 else f"{current} days in a row"
    else:
        text = "ready when you are"
    if longest > current:
        text += f" · longest {longest}"
    return text


# -- what an entry is, in plain words, and undo ----------------------------------------------------

# Each kind of entry as a person names it, in every reply that names one (never the kind's own
# name, which is for files and scripts).
KIND_WORDS = {
    "win": "win",
    "morning": "morning routine",
    "commitment": "commitment statement",
    "reaffirm": "re-reading of your statement",
    "rest": "rest day",
    "checkin": "check-in",
    "setback": "hard day",
    "bringup": "note to bring up",
    "practicedef": "practice",
    "practice": "practice",
    "urge": "urge",
    "scale": "check-in scale",
}

# The same kinds in a listing's narrow column.
KIND_LABELS = {
    "practicedef": "practice",
    "reaffirm": "re-read",
    "checkin": "check-in",
    "setback": "hard day",
    "bringup": "bring-up",
    "commitment": "statement",
}
REAFFIRM_SUMMARY = "your commitment statement"  # after the listing's "re-read"

UNDO_CHANGES = {  # what undo will undo: "Undo: deleting the win 'walked to the shop' on ...?"
    "add": "adding {thing}",
    "delete": "deleting {thing}",
    "update": "changing {thing}",
    "restore": "bringing back {thing}",
}
UNDO_QUESTION = "Undo: {change}?"
UNDO_DONE = {
    "add": "Undone: {thing} is taken out. To bring it back: mindlog restore {id}",
    "delete": "Undone: {thing} is back.",
    "update": "Undone: {thing} reads as it did before the change.",
    "restore": "Undone: {thing} is taken out again. To bring it back: mindlog restore {id}",
}
UNDO_NOTHING = "There is nothing to undo."
UNDO_KEPT = "Nothing was changed."
UNDO_NEEDS_YES = (
    "undoing a change needs a yes, and there is no terminal to ask on; nothing was changed"
)
UNDO_YES_HINT = "add --yes to undo it without being asked"


# -- the five factors on a win -------------------------------------------------------------------------

FACTOR_QUESTION = (
    "Does it touch one of the five factors? 1 commitment · 2 meaning · 3 choice · "
    "4 competence · 5 progress (numbers or names, Enter skips): "
)
FACTOR_AGAIN = "  (the numbers 1 to 5 or the factors' names, apart by spaces; Enter skips)"
FACTOR_NEAR_QUESTION = "Did you mean {factor}? (y or Enter: tag it {factor}; n: keep {tag}) "
FACTOR_NEAR = "{tag!r} is close to the factor {factor}; nothing was saved"
FACTOR_NEAR_HINT = "did you mean {factor}? then: -t {factor}"


# -- the accessible mode (mindlog help accessibility) ---------------------------------------------

HELP_TOPICS = ("accessibility",)  # `mindlog help TOPIC`: a page of its own, not a command
ACCESSIBILITY_HELP = """\
Accessibility: a linear mode for screen readers

mindlog can show every screen as plain lines to be read in order: no frames, no bars or block characters, no colour, no marks that carry a meaning alone, and nothing that moves the cursor or draws over a line.

- Tables become "Label: value" lines, one a row: "Morning routine, done today: 32 days shown up, strength 83%, 14 days in a row."
- Calendars and charts become sentences, every number in words: "Mood, last 6 weeks: average 3.2, lowest week 2.6 (the week of Monday 2 November 2026), highest week 3.7 (this week)."
- The morning routine says "done" and "not yet"; dates are written out in full.
- Long work (a large import, building the cache) says how far it is as a few lines: "mindlog: importing, 40 %".
- Questions are asked one line at a time and read your answer as a line: any screen reader can follow them.
- Every command that saves something says so in a sentence (unless you ask for quiet with -q).

To turn it on for every command on this computer:
  mindlog config accessible true
For one terminal, or to try it, set either variable (the convention other tools share):
  export ACCESSIBLE=1
  MINDLOG_ACCESSIBLE=1 mindlog streaks
A variable that is set decides for that command, MINDLOG_ACCESSIBLE first; 0, false, no, off or an empty value turn the mode off. To turn the setting off: mindlog config accessible false

The setting belongs to this computer, like the editor: a screen reader is part of a computer, and your other devices keep their own way of showing things. Your entries are the same in both modes.
"""
