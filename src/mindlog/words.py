"""What mindlog says: short, warm, person-first lines, chosen stably so they do not flicker.

Kept in one place so that every command speaks the same way and a test can read them all.
Never shame, never alarm: no "lost", "broken", "failed" or "missed" anywhere here.
"""

from __future__ import annotations

import zlib

WIN_REPLIES = (
    "Noted. Take a breath and let yourself feel that effort for a moment.",
    "Saved. Pause here: what did it feel like to do that?",
    "That counts. Give yourself a few seconds to enjoy it.",
    "Kept in your log. Notice the quiet satisfaction of having done it.",
    "Well done. Let that effort land before you move on.",
)

COMMIT_SAVED = "Your statement is saved. It is yours to return to whenever you need it."
REAFFIRMED = "You re-read your statement and stood by it today. That is commitment in action."

STATEMENT_QUESTIONS = (
    "Why am I seeking recovery?",
    "What matters most to me, and how does recovery serve it?",
    "What will I tell myself when it gets hard?",
)

STATEMENT_TEMPLATE = (
    "# Your commitment statement: why you chose recovery, in your own words.\n"
    "# Lines that start with # are guidance and are not saved. Some questions that may help:\n"
    + "".join(f"#   {q}\n" for q in STATEMENT_QUESTIONS)
    + "#\n"
)

NO_STATEMENT = (
    "You have not written a commitment statement yet. "
    "When you are ready, `mindlog commit` helps you write one."
)


def pick(options: tuple[str, ...], seed: str) -> str:
    """One of ``options``, the same for the same seed."""
    return options[zlib.crc32(seed.encode()) % len(options)]


def morning_reply(done: int, total: int) -> str:
    if total and done == total:
        return f"Morning routine: all {total} done. A steady start to the day."
    if done:
        return f"Morning routine: {done} of {total} done. Every part you did counts."
    return "Noted. However this morning went, you checked in with yourself, and that counts."
