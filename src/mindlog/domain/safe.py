"""Make any piece of user text safe to show on a terminal, without changing what is stored.

Control characters and escape sequences are made visible (``\\x1b`` is shown as the four
characters ``\\x1b``), so text can never move the cursor, change colours, set the window
title or hide itself. Bidirectional overrides are made visible too. Ordinary text, including
right-to-left scripts, combining marks and emoji, is left alone. Rich markup is not a concern
here: the renderer never parses user text as markup.
"""

from __future__ import annotations

import re

# C0 and C1 control characters except newline and tab, DEL, and the bidirectional
# embedding/override/isolate controls. Compiled when first used (re keeps it): most text is
# printable, and compiling this one costs a command a third of a millisecond at start-up.
_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = True) -> str:
    """Return ``text`` with every unsafe character replaced by a visible escape.

    With ``newlines=False`` line breaks and tabs are shown as a space as well, for one-line views.
    """
    if text.isprintable():
        return text  # nothing to show differently (the usual case; a test checks it is exact)
    shown = re.sub(_UNSAFE, _escape, text)
    if not newlines:
        shown = shown.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return shown


def one_line(text: str, width: int = 60) -> str:
    """A single safe line of at most ``width`` characters, cut with an ellipsis at a word boundary."""
    if len(text) <= width and text.isprintable() and "  " not in text and text.strip(" ") == text:
        # Nothing to show differently or to join (the only space a printable text can hold is
        # " "): the usual short text as it is, quickly for a long list.
        return text
    shown = " ".join(visible(text, newlines=False).split())
    if len(shown) <= width:
        return shown
    cut = shown[: max(width - 1, 0)]
    if shown[len(cut)] != " ":
        # end at a word boundary, unless that would leave too little (one very long word)
        space = cut.rfind(" ")
        if space >= width // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"
