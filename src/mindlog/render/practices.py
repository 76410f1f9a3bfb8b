"""Practices of your own drawn with rich: the table of `mindlog practice list` and `streaks`.

Rendering only: it is handed mindlog.domain.practices' figures and draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mindlog.domain import practices, urges
from mindlog.domain.reflect import Reflection
from mindlog.domain.safe import one_line
from mindlog.render.base import user_text
from mindlog.render.out import linear
from mindlog.render.spoken import labelled

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def practice_table(
    figures: Sequence[practices.Figures],
    narrow: bool = False,
    width: int | None = None,
    used: int | None = None,  # days since the first day shown up, today included
) -> RenderableType:
    """Your practices as a table; on a narrow screen, a few stacked lines each. Below it, a line
    for each practice devices gave different aims (mindlog.domain.practices.choice_words)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from mindlog.render.base import PIPED_WIDTH, prose, strength_bar

    def strength(figure: practices.Figures) -> Text:
        said = figure.building(used)
        return strength_bar(figure.streak.strength) if said is None else Text(said, style="dim")

    def name(figure: practices.Figures, style: str = "") -> Text:
        shown = user_text(one_line(figure.practice.name, practices.MAX_NAME), style)
        if figure.done_today:
            shown.append(" ✓", style="green")
        return shown

    if linear():  # a line a practice, its figures said in order
        said: list[Any] = [Text("Your practices", style="bold")]
        for figure in figures:
            label = user_text(one_line(figure.practice.name, practices.MAX_NAME))
            if figure.done_today:
                label.append(", done today")
            total = figure.streak.total_days
            phrases = [
                f"aim {practices.short_target(figure.practice.per_week)}",
                f"{practices.days_words(total)} shown up" if total else "",
                strength(figure).plain,
                practices.run_words(figure),
            ]
            label.append(labelled("", phrases))
            said.append(label)
        return Group(*said, *choices(figures, width or PIPED_WIDTH))

    if narrow:
        rows: list[Any] = []
        for figure in figures:
            days = practices.days_words(figure.streak.total_days)
            aim = practices.short_target(figure.practice.per_week)
            shown = Text(f"  {aim} · {days} shown up  ")
            shown.append_text(strength(figure))
            run = "  " + practices.run_words(figure)
            rows += [name(figure, "bold"), shown, prose(run, width or PIPED_WIDTH, "dim")]
        return Group(*rows, *choices(figures, width or PIPED_WIDTH))

    table = Table(box=None, padding=(0, 2, 0, 0), show_header=True, header_style="bold")
    table.add_column("your practices", no_wrap=True)
    table.add_column("aim", no_wrap=True)
    table.add_column("days shown up", justify="right", no_wrap=True)
    table.add_column("strength", no_wrap=True, min_width=15)
    table.add_column("now", no_wrap=True)
    for figure in figures:
        table.add_row(
            name(figure),
            Text(practices.short_target(figure.practice.per_week)),
            str(figure.streak.total_days),
            strength(figure),
            practices.run_words(figure),
        )
    notes = choices(figures, width or PIPED_WIDTH)
    return Group(table, *notes) if notes else table


def choices(figures: Sequence[practices.Figures], width: int) -> list[Text]:
    """A line for each practice that devices gave different aims: both are shown, none dropped."""
    from mindlog.render.base import prose

    found = [practices.choice_words(f.practice) for f in figures]
    return [prose(line, width) for line in found if line]


def adaptive_table(figures: Sequence[practices.Figures], used: int | None = None) -> RenderableType:
    """The table, drawn for the width it gets."""
    from mindlog.render.base import Adaptive

    return Adaptive(lambda layout: practice_table(figures, layout.narrow, layout.width, used))


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
