"""Practices of your own drawn with rich: the table of `streaks` (the lines of `practice list`).

Rendering only: it is handed mindlog.domain.practices' figures and draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mindlog.domain import practices, urges
from mindlog.domain.reflect import Reflection
from mindlog.domain.safe import one_line
from mindlog.render import out
from mindlog.render.base import user_text
from mindlog.render.out import linear

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def practice_table(
    figures: Sequence[practices.Figures],
    narrow: bool = False,
    width: int | None = None,
    used: int | None = None,  # days since the first day shown up, today included
) -> RenderableType:
    """Your practices as `practice list` writes them (mindlog.render.practicelines), styled: the
    headings and names bold, the strength bars coloured, the runs dim. ``narrow``: stacked lines,
    whatever the width."""
    from rich.console import Group
    from rich.text import Text

    from mindlog.render.base import styled_bar
    from mindlog.render.practicelines import rows

    room = min(width or out.PIPED_WIDTH, out.NARROW - 1) if narrow else width
    drawn = [styled_bar(Text(line, style=style)) for style, line in rows(figures, room, used)]
    for line in drawn:
        line.highlight_regex("✓", "green")
    return Group(*drawn)


def reflection_parts(r: Reflection) -> list[Text]:
    """What `mindlog reflect` adds for practices of your own and for urges."""
    from rich.text import Text

    parts: list[Text] = []
    period = "the last 7 days" if r.span_name == "week" else "the last 30 days"
    if r.own:
        parts += [Text(), Text(f"Your own practices in {period}", style="bold")]
        for name, count, per_week in r.own:
            row = Text("  ")
            row.append_text(user_text(one_line(name, 40)))
            sep, gap = (", ", ": ") if linear() else (" · ", "  ")
            row.append(
                f"{gap}{practices.days_words(count)}{sep}aim {practices.short_target(per_week)}"
            )
            parts.append(row)
    if r.urges is not None and (r.urges.logged or r.urges.helped):
        parts += [Text(), Text(f"Urges in {period}", style="bold")]
        parts.append(Text(f"  {urges.ridden_words(r.urges.ridden_out, r.urges.logged)}"))
        if r.urges.helped:
            parts.append(Text("  What helped you most often:"))
            for text, count in r.urges.helped:
                row = Text("    " if linear() else "    • ")
                row.append_text(user_text(one_line(text, 80)))
                row.append(f"  ({urges.times_words(count)})", style="dim")
                parts.append(row)
    return parts
