"""The listing of entries on a terminal: grouped by day, one row an entry, ids to copy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mindlog.days import friendly
from mindlog.model import Entry
from mindlog.query import clock, describe
from mindlog.render import console, show, user_text
from mindlog.safe import one_line

if TYPE_CHECKING:
    from rich.console import Console


def listing(
    entries: Sequence[Entry], title: str | None = None, target: Console | None = None
) -> None:
    """Entries under a heading per day: time, kind, text (to three lines), tags, id."""
    from rich.table import Table
    from rich.text import Text

    target = target or console()
    if title:
        show(Text(title, style="bold"), target)
    kind_width = min(max((len(e.kind) for e in entries), default=4), 12)
    id_width = min(max((len(e.id) for e in entries), default=12), 64)
    current: str | None = None
    table: Table | None = None
    for entry in entries:
        if entry.day != current:
            if table is not None:
                show(table, target)
            current = entry.day
            show(Text("\n" + one_line(friendly(entry.day), 60), style="bold cyan"), target)
            # the same column widths for every day, so the days line up
            table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
            table.add_column("time", style="dim", no_wrap=True, width=5)
            table.add_column("kind", no_wrap=True, width=kind_width)
            table.add_column("text", overflow="fold", ratio=1)
            table.add_column("id", style="dim", no_wrap=True, width=id_width)
        text = describe(entry)
        lines = text.splitlines() or [""]
        shown = "\n".join(lines[:3]) + (" …" if len(lines) > 3 else "")
        cell = user_text(shown)
        if entry.tags:
            cell.append("  " + " ".join("#" + one_line(t, 40) for t in entry.tags), style="dim")
        kind_style = "yellow" if entry.kind == "win" else ""
        assert table is not None
        table.add_row(
            user_text(one_line(clock(entry), 5)),
            user_text(one_line(entry.kind, 12), kind_style),
            cell,
            user_text(entry.id),
        )
    if table is not None:
        show(table, target)
        count = len(entries)
        show(Text(f"\n{count} {'entry' if count == 1 else 'entries'}", style="dim"), target)
