"""The listing of entries on a terminal: grouped by day, one row an entry, ids to copy."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from mindlog.domain.days import friendly
from mindlog.domain.model import Entry
from mindlog.domain.query import clock, describe, label
from mindlog.domain.safe import one_line, visible
from mindlog.render.base import MAX_WIDTH, Adaptive, Layout, drawn, user_text
from mindlog.render.out import linear

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


def listing(
    entries: Sequence[Entry], title: str | None = None, target: Console | None = None
) -> None:
    """Entries under a heading per day: time, kind, text (to three lines), tags, id.

    At most ``MAX_WIDTH`` columns wide; on a narrow terminal the id follows the text.
    """
    if target is not None:
        for part in parts(entries, title):
            target.print(part)
        return
    from mindlog.render import out

    for text in texts(entries, title):
        out.write(sys.stdout, text)


def texts(entries: Sequence[Entry], title: str | None = None) -> Iterator[str]:
    """``listing``'s text for standard output, a day at a time (for a pager to show the first
    screen of a long history while the rest is drawn)."""
    return drawn(parts(entries, title))


def parts(entries: Sequence[Entry], title: str | None = None) -> Iterator[RenderableType]:
    """The title, then each day's heading and rows, then the count: drawn one after the other
    they are the listing (each day's columns as wide as every other day's, so the days line up)."""
    from rich.text import Text

    if title:
        yield Text(title, style="bold")
    if linear():  # a line an entry: its time, kind, words, tags and id, said in order
        yield from _said(entries)
        yield from _count(entries)
        return
    kind_width = min(max((len(label(e.kind)) for e in entries), default=4), 12)
    id_width = min(max((len(e.id) for e in entries), default=12), 64)
    start = 0
    while start < len(entries):
        end = start + 1
        while end < len(entries) and entries[end].day == entries[start].day:
            end += 1
        yield Adaptive(_day(entries[start:end], kind_width, id_width))
        start = end
    yield from _count(entries)


def _day(
    entries: Sequence[Entry], kind_width: int, id_width: int
) -> Callable[[Layout], RenderableType]:
    """The drawing of one day's entries (all of one day) for the layout it gets."""

    def build(layout: Layout) -> RenderableType:
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        heading = Text("\n" + one_line(friendly(entries[0].day), 60), style="bold cyan")
        # the same column widths for every day, so the days line up
        table = Table(
            box=None,
            show_header=False,
            padding=(0, 1),
            expand=layout.terminal,
            width=min(layout.width, MAX_WIDTH) if layout.terminal else None,
        )
        table.add_column("time", style="dim", no_wrap=True, width=5)
        table.add_column("kind", no_wrap=True, width=kind_width)
        table.add_column("text", overflow="fold", ratio=1)
        if not layout.narrow:
            table.add_column("id", style="dim", no_wrap=True, width=id_width)
        for entry in entries:
            text = describe(entry)
            lines = text.splitlines() or [""]
            shown = "\n".join(lines[:3]) + (" …" if len(lines) > 3 else "")
            cell = user_text(shown)
            if entry.tags:
                cell.append("  " + " ".join("#" + one_line(t, 40) for t in entry.tags), style="dim")
            kind_style = "yellow" if entry.kind == "win" else ""
            row = [
                user_text(one_line(clock(entry), 5)),
                user_text(one_line(label(entry.kind), 12), kind_style),
                cell,
            ]
            if layout.narrow:
                cell.append("  " + visible(entry.id), style="dim")
            else:
                row.append(user_text(entry.id))
            table.add_row(*row)
        return Group(heading, table)

    return build


def _count(entries: Sequence[Entry]) -> list[Text]:
    from rich.text import Text

    count = len(entries)
    if not entries:
        return []
    return [Text(f"\n{count} {'entry' if count == 1 else 'entries'}", style="dim")]


def _said(entries: Sequence[Entry]) -> list[Text]:
    """The accessible mode's listing: a heading a day, then a line an entry."""
    from rich.text import Text

    lines: list[Text] = []
    current: str | None = None
    for entry in entries:
        if entry.day != current:
            current = entry.day
            lines.append(Text("\n" + one_line(friendly(entry.day), 60)))
        head = ", ".join(p for p in (clock(entry), label(entry.kind)) if p)
        line = user_text(one_line(head, 30) + ": ")
        text = describe(entry)
        own = entry.text or ""
        if text.endswith(own):  # mindlog's summary before the person's words: commas, not dots
            text = text[: len(text) - len(own)].replace(" · ", ", ") + own
        kept = text.splitlines() or [""]
        line.append_text(user_text(" / ".join(kept[:3]) + (" (and more)" if len(kept) > 3 else "")))
        if entry.tags:
            line.append("; tags " + ", ".join(one_line(t, 40) for t in entry.tags))
        line.append_text(user_text(f"; id {entry.id}"))
        lines.append(line)
    return lines
