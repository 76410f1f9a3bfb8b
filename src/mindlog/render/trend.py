"""The check-in trend as a small chart in the terminal: one row per scale, one mark a day.

Rendering only: it is handed ``checkins.daily_series`` and draws it. Blocks (▁ to █) where the
terminal can show them; plain ASCII stand-ins where its encoding cannot. A day without a check-in
is a quiet dot (or a space), never a mark of absence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console, ConsoleOptions, RenderResult

BLOCKS = "▁▂▃▄▅▆▇█"
ASCII = "_.-=#"
NAME_WIDTH = 8


def mark(value: float | None, ascii_only: bool) -> str:
    """One day's mark: its height follows the value from 1 to 5."""
    if value is None:
        return " " if ascii_only else "·"
    levels = ASCII if ascii_only else BLOCKS
    share = (min(max(value, 1.0), 5.0) - 1.0) / 4.0
    return levels[round(share * (len(levels) - 1))]


def row(values: list[float | None], ascii_only: bool) -> str:
    return "".join(mark(v, ascii_only) for v in values)


class TrendChart:
    """A rich renderable: the last days of each scale, as wide as the terminal allows."""

    def __init__(self, series: dict[str, list[float | None]], today: date | None = None) -> None:
        self.series = series
        self.today = today  # the last day of every series: said in the accessible mode

    @property
    def empty(self) -> bool:
        return not any(v is not None for values in self.series.values() for v in values)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        from mindlog.render.out import linear

        if linear():  # the chart said in sentences
            from mindlog.render.spoken import series_sentences

            for sentence in series_sentences(self.series, self.today):
                yield Text(sentence)
            return
        ascii_only = options.ascii_only
        days = max(len(values) for values in self.series.values()) if self.series else 0
        room = max(options.max_width - NAME_WIDTH - 10, 7)
        shown = min(days, room)
        heading = Text("Check-ins, day by day", style="bold")
        span = "today only" if shown == 1 else f"the last {shown} days, today on the right"
        heading.append(f"  {span}; bars from 1 to 5", style="dim")
        yield heading
        for scale, values in self.series.items():
            recent = values[-shown:]
            given = [v for v in recent if v is not None]
            line = Text(f"{scale:<{NAME_WIDTH}}", style="dim")
            line.append(row(recent, ascii_only), style="cyan")
            if given:
                line.append(f"  mean {sum(given) / len(given):.1f}", style="dim")
            yield line
