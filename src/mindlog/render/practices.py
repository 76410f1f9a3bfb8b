"""Practices of your own drawn with rich: the table of `mindlog practice list` and `streaks`.

Rendering only: it is handed mindlog.practices' figures and draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mindlog import practices
from mindlog.render import user_text

if TYPE_CHECKING:
    from rich.console import RenderableType


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
            Text(practices.target_words(figure.practice.per_week)),
            str(figure.streak.total_days),
            strength_bar(figure.streak.strength),
            practices.run_words(figure),
        )
    return table
