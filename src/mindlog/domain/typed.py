"""What a person types, read the same way everywhere: numbers and names.

Pure: no disk, no screen.

A number is written with the ASCII digits 0 to 9 and nothing else (spaces around it are left
out). ``str.isdigit()`` and ``int()`` take digits of every script: ``int()`` refuses some of the
characters ``isdigit()`` accepts (``²``, ``①``), and reads others (``٣``, full-width ``３``) as
numbers a person may not have meant. Every number mindlog reads from a person (options,
arguments, answers, settings, dates) goes through ``whole``.

A name (a practice of your own, a check-in scale of your own) is one name however it was typed:
``café`` typed as one character or as ``e`` and a combining accent, ``Walk`` or ``walk``.
``name`` is the form kept (Unicode NFC, spaces around it left out) and ``name_key`` the form
names are compared in; every place a name is matched compares ``name_key``.
"""

from __future__ import annotations

DIGITS = frozenset("0123456789")
# Python reads at most 4300 digits by default; a longer number is not one mindlog takes.
MAX_DIGITS = 4000


def whole(text: str, low: int | None = None, high: int | None = None) -> int | None:
    """``text`` as a whole number written with the digits 0 to 9, from ``low`` to ``high``
    (each when given); None when it is not one (or is outside them)."""
    word = text.strip()
    if not word or not all(char in DIGITS for char in word):
        return None
    significant = word.lstrip("0")
    if len(significant) > MAX_DIGITS:
        return None
    number = int(word)
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number


def other_digits(text: str) -> bool:
    """Whether ``text`` holds a digit or number sign other than 0 to 9 (``²``, ``①``, ``３``)."""
    return any(char.isnumeric() and char not in DIGITS for char in text)


def digits_hint(text: str) -> str:
    """A few words to add to a message about a number, when ``text`` holds digits mindlog does
    not read (they look like numbers, so the person deserves to know why they were not taken)."""
    return "; type it with the digits 0 to 9" if other_digits(text) else ""


def name(text: str) -> str:
    """A name as it is kept: Unicode NFC, without the spaces around it."""
    import unicodedata  # here: greet and win, which read numbers, never load it

    return unicodedata.normalize("NFC", text.strip())


def name_key(text: str) -> str:
    """What names are compared by: the same for ``Café``, ``café`` and ``cafe`` + U+0301."""
    import unicodedata

    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text.strip()).casefold())
