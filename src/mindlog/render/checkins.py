"""Check-ins drawn with rich: the trend of recent weeks, and today's lines on the dashboard.

``trend_view(checkins.trend(entries, today))`` is the small table for `mindlog streaks` and
`mindlog reflect`; ``today_lines(journal, today)`` is what the dashboard adds for today's
check-in and, on a hard day, a kind word. Rendering only: nothing here reads the disk.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mindlog import words
from mindlog.checkins import SCALES, Trend, value
from mindlog.journal import Journal
from mindlog.safe import visible

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

BARS = "▁▂▃▅▇"  # 1..5


def _cell(average: float | None) -> Text:
    from rich.text import Text

    if average is None:
        return Text("·", style="dim")
    bar = BARS[min(max(round(average), 1), 5) - 1]
    return Text(f"{average:.1f} {bar}")


def trend_view(trend: Trend) -> RenderableType:
    """Weekly averages of the person's own 1-5 answers; a gentle line when there are none."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if trend.empty:
        return Text(
            "Check-ins: none in recent weeks. Whenever you like: mindlog checkin", style="dim"
        )
    about = "weekly averages of your own answers, 1 to 5"
    heading = Text("Check-ins, recent weeks", style="bold")
    heading.append(f"  {about}", style="dim")
    narrow_heading = Group(Text("Check-ins, recent weeks", style="bold"), Text(about, style="dim"))
    table = Table(
        box=None,
        padding=(0, 2, 0, 0),
    )
    table.add_column("week of")
    table.add_column("days", justify="right")
    for scale in SCALES:
        table.add_column(Text(visible(scale)))  # a Text: a header is never read as markup
    for week in trend.weeks:
        label = "this week" if week is trend.weeks[-1] else f"{week.start.day} {week.start:%b}"
        days = Text(str(week.checkins)) if week.checkins else Text("·", style="dim")
        table.add_row(Text(label), days, *(_cell(week.averages[s]) for s in SCALES))
    from mindlog.render import Adaptive

    return Adaptive(lambda layout: Group(narrow_heading if layout.narrow else heading, table))


def today_lines(journal: Journal, today: date, width: int | None = None) -> list[Text]:
    """Today's check-in, and a kind word when a hard day was logged (for ``width`` columns)."""

    from mindlog.render import PIPED_WIDTH, prose, wrap_phrases

    width = width or PIPED_WIDTH

    lines: list[Text] = []
    checkins = journal.on(today, "checkin")
    if checkins:
        latest = checkins[-1]
        shown = []
        for scale in SCALES:
            got = value(latest, scale)
            shown.append(f"{visible(scale)} {got if got is not None else '–'}")
        row = wrap_phrases("Check-in  " + " · ".join(shown), width, indent=2)
        row.stylize("bold", 0, len("Check-in"))
        lines.append(row)
    if journal.on(today, "setback"):
        lines.append(prose(words.SETBACK_TODAY, width, "italic magenta"))
    return lines
