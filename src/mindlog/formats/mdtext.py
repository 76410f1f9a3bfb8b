"""The person's text in Markdown: shown as written, and never more than text.

Control characters are made visible, ``& < >`` escaped (HTML in it shows as text and loads
nothing) and an image's ``![`` kept as text; a line that would start a Markdown block (a heading,
a quote, a list) has its marker escaped. Used by the Markdown export and the printable plan.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mindlog.domain.safe import visible

_BLOCK = re.compile(r"^(\s*)([#>+*\-=|`~]|\d+(?=[.)]))")


# Text with none of these characters is the same once made inert (see ``inert``): the usual
# case, found with one search instead of escaping it step by step. Control characters as
# mindlog.domain.safe shows them (line breaks and tabs too, for one line), ``& < >`` and the ``!`` of
# an image's ``![`` (a ``!`` alone sends the text the long way, to the same result).
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"


TO_ESCAPE = re.compile(f"[{_UNSAFE}&<>!]")


TO_ESCAPE_LINE = re.compile(f"[\t\n{_UNSAFE}&<>!]")


def inert(text: str, *, newlines: bool = True) -> str:
    """The person's text for Markdown that is only ever text: control characters visible,
    ``& < >`` escaped (HTML shows as written and loads nothing), images kept as text."""
    if (TO_ESCAPE if newlines else TO_ESCAPE_LINE).search(text) is None:
        return text  # nothing to escape (the usual case)
    shown = visible(text, newlines=newlines)
    shown = shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return shown.replace("![", "!\\[")


def code_span(text: str) -> str:
    """``text`` as a Markdown code span: shown literally, whatever backticks it holds."""
    shown = visible(text, newlines=False)
    longest = max((len(run) for run in re.findall("`+", shown)), default=0) if "`" in shown else 0
    fence = "`" * (longest + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def _escape_marker(match: re.Match[str]) -> str:
    lead, marker = match.group(1), match.group(2)
    if marker.isdigit():  # "1. " or "1) ": escape the punctuation, as Markdown does
        return lead + marker + "\\"
    return lead + "\\" + marker


def md_text(text: str, indent: str = "  ", *, first: bool = False) -> str:
    """User text for a Markdown list item: literal, safe, continuation lines kept in the item.

    Lines that would start a Markdown block (a heading, a quote, a list) are escaped; the first
    line only with ``first=True``, when nothing stands before it on its line.
    """
    shown = inert(text)
    if "\n" not in shown and "\r" not in shown:  # one line, the usual case: the same, sooner
        return (_BLOCK.sub(_escape_marker, shown) if first else shown).rstrip()
    lines = shown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    safe = [
        line if n == 0 and not first else _BLOCK.sub(_escape_marker, line)
        for n, line in enumerate(lines)
    ]
    return ("\n" + indent).join(line.rstrip() for line in safe).rstrip()


def table_cell(text: str) -> str:
    return " ".join(inert(text, newlines=False).split()).replace("|", "\\|")


def tag_spans(tags: Sequence[str]) -> str:
    return "  " + " ".join(code_span(f"#{t}") for t in tags) if tags else ""
