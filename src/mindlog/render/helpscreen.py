"""The help of mindlog and of each command, as plain lines (no frames, no padding).

A help is handed in as a ``Doc``: the usage line, the text (paragraphs; a paragraph's own line
breaks, such as the examples', are kept), and sections of rows: Arguments, Options, and the
commands in their groups. mindlog.cli.usage makes it from the Typer commands; the fast path shows
the same ones, kept in mindlog.cli.helpdata, so ``mindlog --help`` costs no more than a start.

On a terminal, lines are wrapped to its width and, where two fit side by side, the commands of a
group are shown two to a line; piped, every row is on lines of its own, wrapped at 80 columns,
never padded.
"""

from __future__ import annotations

from typing import TypedDict

PIPED_WIDTH = 80
NAME_ROOM = 28  # an option's names longer than this put its text on the line below


class Doc(TypedDict):
    usage: str
    text: str
    # (title, rows, commands?): rows are (names, what it does); commands are shown side by side
    sections: list[tuple[str, list[tuple[str, str]], bool]]


def compose(doc: Doc, width: int | None) -> str:
    """The help as text, for a terminal ``width`` columns wide (None: piped)."""
    import textwrap

    from mindlog.render import out

    side_by_side = width is not None and not out.linear()  # read in order: one a line
    room = max(width or PIPED_WIDTH, 30)
    lines = [f"Usage: {doc['usage']}", ""]
    for paragraph in doc["text"].strip().split("\n\n"):
        head, *rest = [line.strip() for line in paragraph.strip("\n").split("\n")]
        lines += textwrap.wrap(head, room) or [""]
        # A list under its title ("Examples:"), each item on its own line, indented.
        indent = "  " if head.endswith(":") else ""
        for line in rest:
            lines += textwrap.wrap(line, room, initial_indent=indent, subsequent_indent=indent)
        lines.append("")
    commands = [row[0] for title, rows, listed in doc["sections"] if listed for row in rows]
    name_width = max((len(name) for name in commands), default=0)
    for title, rows, listed in doc["sections"]:
        if not rows:
            continue
        lines.append(f"{title}:")
        if listed:
            lines += _commands(rows, name_width, room, side_by_side)
        else:
            lines += _options(rows, room)
        lines.append("")
    return "\n".join(line.rstrip() for line in lines).rstrip("\n") + "\n"


def _commands(
    rows: list[tuple[str, str]], name_width: int, room: int, side_by_side: bool
) -> list[str]:
    """A group's commands: two to a line where they fit, else one a line, wrapped."""
    cells = [f"  {name.ljust(name_width)}  {text}" for name, text in rows]
    half = room // 2
    if side_by_side and all(len(cell) < half for cell in cells):
        pairs = [cells[i : i + 2] for i in range(0, len(cells), 2)]
        return ["".join(p.ljust(half) for p in pair).rstrip() for pair in pairs]
    return _options([(name.ljust(name_width), text) for name, text in rows], room)


def _options(rows: list[tuple[str, str]], room: int) -> list[str]:
    """Arguments or options: the names, then what each does, wrapped under itself."""
    import textwrap

    names = min(max((len(n) for n, _ in rows), default=0), NAME_ROOM)
    indent = 2 + names + 2
    lines: list[str] = []
    for name, text in rows:
        text_room = max(room - indent, 20)
        wrapped = textwrap.wrap(text, text_room) or [""]
        if len(name) > names:
            lines.append(f"  {name}")
            lines += [" " * indent + part for part in wrapped]
            continue
        lines.append(f"  {name.ljust(names)}  {wrapped[0]}")
        lines += [" " * indent + part for part in wrapped[1:]]
    return lines
