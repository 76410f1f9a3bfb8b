"""Practices of your own drawn with rich: the table of `mindlog practice list` and `streaks`.

Rendering only: it is handed mindlog.practices' figures and draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mindlog import practices, urges
from mindlog.reflect import Reflection
from mindlog.render import user_text
from mindlog.safe import one_line

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def practice_table(figures: Sequence[practices.Figures]) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    from mindlog.render.streaks import strength_bar

    table = Table(box=None, padding=(0, 2, 0, 0), show_header=True, header_style="bold")
    table.add_column("your practices", no_wrap=True)
    table.add_column("aim", no_wrap=True)
    table.add_column("days shown up", justify="right", no_wrap=True)
    table.add_column("strength", no_wrap=True, min_width=15)
    table.add_column("now")
    for figure in figures:
        name = user_text(figure.practice.name)
        if figure.done_today:
            name.append(" ✓", style="green")
        table.add_row(
            name,
            Text(practices.short_target(figure.practice.per_week)),
            str(figure.streak.total_days),
            strength_bar(figure.streak.strength),
            practices.run_words(figure),
        )
    return table


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
            row.append(f"  {practices.days_words(count)} · aim {practices.short_target(per_week)}")
            parts.append(row)
    if r.urges is not None and (r.urges.logged or r.urges.helped):
        parts += [Text(), Text(f"Urges in {period}", style="bold")]
        parts.append(Text(f"  {urges.ridden_words(r.urges.ridden_out, r.urges.logged)}"))
        if r.urges.helped:
            parts.append(Text("  What helped you most often:"))
            for text, count in r.urges.helped:
                row = Text("    • ")
                row.append_text(user_text(one_line(text, 80)))
                row.append(f"  ({urges.times_words(count)})", style="dim")
                parts.append(row)
    return parts
