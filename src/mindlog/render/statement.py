"""`mindlog commit --show`: the commitment statement, as plain lines (without rich).

On a terminal it is framed (``boxed``), as a statement worth setting apart: at most
``out.MAX_WIDTH`` columns wide, the statement wrapped at words inside it, when it was written and
how many versions are kept on its lower edge (inside, below the statement, when the edge is too
short for them). Piped, and in the accessible mode, it is plain lines with a heading: nothing to
walk through but the words. The frame's corners and edges have stand-ins where the output's
encoding cannot show them (``LC_ALL=C``: mindlog.render.out.STAND_INS).

Rendering only: it is handed the statement and the number of its versions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mindlog.domain.days import friendly
from mindlog.domain.safe import visible
from mindlog.render import out

if TYPE_CHECKING:
    from mindlog.domain.model import Entry

TITLE = "Your commitment statement"


def statement_lines(current: Entry | None, versions: int, width: int | None) -> list[str]:
    """The statement for a terminal ``width`` columns wide (None: piped, never wrapped)."""
    from mindlog.domain import words

    room = out.PIPED_WIDTH if width is None else width
    if current is None or current.text is None:
        return out.wrap(words.NO_STATEMENT, room)
    version_word = "version" if versions == 1 else "versions"
    written = visible(f"written {friendly(current.day)} · {versions} {version_word} kept")
    body = visible(current.text)
    if width is not None:  # on a terminal a tab is the spaces to its stop: the frame lines up
        body = body.expandtabs()
    if width is None or out.linear():
        if out.linear():
            written = written.replace(" · ", ", ")
        text = out.wrap(body, room, commands=False)
        return [TITLE, "", *text, "", *out.wrap(written, room)]
    return boxed(body, TITLE, written, width)


def boxed(body: str, title: str, subtitle: str | None, width: int) -> list[str]:
    """``body`` in a frame of rounded corners at most ``out.MAX_WIDTH`` wide, wrapped at words
    inside it; ``title`` on its upper edge, ``subtitle`` on its lower one (below the body,
    inside, when the edge is too short for it); all three safe text already. Below
    ``out.NARROW`` columns the frame leaves less room around the text."""
    outer = max(min(width, out.MAX_WIDTH), 8)
    narrow = width < out.NARROW
    across, down = (1, 0) if narrow else (2, 1)
    inner = outer - 2 - 2 * across
    text = out.wrap(body, inner, commands=False)
    if subtitle and out.cells(subtitle) + 6 > outer:
        below = out.phrases(subtitle, inner, indent=0)
        text += ["", *(line for phrase in below for line in out.wrap(phrase, inner))]
        subtitle = None
    side = " " * across
    inside = [f"│{side}{line}{' ' * (inner - out.cells(line))}{side}│" for line in text]
    space = ["│" + " " * (outer - 2) + "│"] * down
    return [
        _edge("╭", title, "╮", outer),
        *space,
        *inside,
        *space,
        _edge("╰", subtitle or "", "╯", outer),
    ]


def _edge(left: str, label: str, right: str, outer: int) -> str:
    """An edge of the frame, ``label`` in its middle between two spaces (shortened to fit)."""
    room = outer - 2
    if label:
        label = f" {out.fit(label, max(room - 4, 1))} "
    fill = room - out.cells(label)
    before = fill // 2
    return left + "─" * before + label + "─" * (fill - before) + right
