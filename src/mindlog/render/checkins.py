"""Check-ins drawn with rich: the trend of recent weeks, and today's lines on the dashboard.

``trend_view(checkins.trend(entries, today))`` is the small table for `mindlog streaks` and
`mindlog reflect`; ``today_lines(journal, today)`` is what the dashboard adds for today's
check-in and, on a hard day, a kind word. Rendering only: nothing here reads the disk.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mindlog.domain.safe import visible

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from mindlog.domain.checkins import Trend
    from mindlog.domain.journal import Today

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
    from mindlog.render.out import linear

    if linear():  # the table said: a sentence a scale, a line a week
        from mindlog.render.spoken import trend_sentences

        return Group(*(Text(line) for line in trend_sentences(trend)))
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
    several = any(w.entries > w.checkins for w in trend.weeks)  # some day had more than one
    if several:
        table.add_column("check-ins", justify="right")
    for scale in trend.scales:  # the three built in, then your own
        table.add_column(Text(visible(scale)))  # a Text: a header is never read as markup
    for week in trend.weeks:
        label = "this week" if week is trend.weeks[-1] else f"{week.start.day} {week.start:%b}"
        days = Text(str(week.checkins)) if week.checkins else Text("·", style="dim")
        count = [Text(str(week.entries) if week.entries else "·")] if several else []
        table.add_row(Text(label), days, *count, *(_cell(week.averages[s]) for s in trend.scales))
    from mindlog.render.base import Adaptive

    return Adaptive(lambda layout: Group(narrow_heading if layout.narrow else heading, table))


def today_lines(journal: Today, today: date, width: int | None = None) -> list[Text]:
    """Today's check-in, and a kind word when a hard day was logged (for ``width`` columns)."""

    from mindlog.render.base import PIPED_WIDTH, label_gap, prose, wrap_phrases

    width = width or PIPED_WIDTH

    lines: list[Text] = []
    checkins = journal.on(today, "checkin")
    if checkins:
        from mindlog.domain.checkins import SCALES, day_scales, mean_of  # only for a check-in

        # The day's mean on each scale (your own after the three), and how many check-ins.
        own = [s for s in day_scales(checkins) if s not in SCALES]
        means = mean_of(checkins, (*SCALES, *own))
        shown = [
            f"{visible(s)} {'–' if m is None else f'{round(m, 1):g}'}" for s, m in means.items()
        ]
        if len(checkins) > 1:
            shown.append(f"mean of {len(checkins)} today")
        head = "Check-in" if len(checkins) == 1 else "Check-ins"
        row = wrap_phrases(f"{head}{label_gap()}" + " · ".join(shown), width, indent=2)
        row.stylize("bold", 0, len(head))
        lines.append(row)
    if journal.on(today, "setback"):
        from mindlog.domain import words

        lines.append(prose(words.SETBACK_TODAY, width, "italic magenta"))
    return lines
