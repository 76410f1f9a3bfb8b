"""`mindlog streaks` and `mindlog reflect` drawn with rich: practice lines, a calendar, reflections.

Rendering only: it is handed the engine's results and draws them. An empty day is simply empty
(a dim dot), never red; rest days have their own mark.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mindlog import words
from mindlog.reflect import Reflection
from mindlog.render import user_text
from mindlog.safe import one_line
from mindlog.streaks import PRACTICES, PracticeDays, Streak

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

SHADES = ("░", "▒", "▓", "█")  # a quarter, half, three quarters, all of the day's practice
REST = "○"
EMPTY = "·"


def strength_bar(strength: float, width: int = 10) -> Text:
    from rich.text import Text

    filled = round(max(0.0, min(strength, 1.0)) * width)
    bar = Text("█" * filled, style="green")
    bar.append("░" * (width - filled), style="dim")
    bar.append(f" {words.percent(strength):>4}")
    return bar


def practice_rows(
    streaks: dict[str, Streak], done_today: dict[str, bool], young: bool = False
) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, padding=(0, 2, 0, 0), show_header=True, header_style="bold")
    table.add_column("practice", no_wrap=True)
    table.add_column("days shown up", justify="right", no_wrap=True)
    table.add_column("strength", no_wrap=True, min_width=15)
    table.add_column("now")
    for practice in PRACTICES:
        s = streaks[practice]
        mark = Text(" ✓", style="green") if done_today.get(practice) else Text("")
        name = Text(words.PRACTICE_NAMES[practice])
        name.append_text(mark)
        table.add_row(
            name,
            str(s.total_days),
            Text(words.GETTING_STARTED, style="dim") if young else strength_bar(s.strength),
            words.run_words(s.current, s.longest),
        )
    return table


def day_share(days: PracticeDays, day: date) -> float:
    """How much of the day's practice was done, 0..1: each practice a third, the morning by how
    complete the routine was."""
    share = days.morning_share.get(day, 0.0) if day in days.done["morning"] else 0.0
    share += 1.0 if day in days.done["wins"] else 0.0
    share += 1.0 if day in days.done["commitment"] else 0.0
    share += sum(1.0 for own in days.own if day in own)  # practices of your own
    return min(share / (3 + days.own_daily), 1.0)


def calendar_view(days: PracticeDays, today: date, weeks: int = 16) -> RenderableType:
    """A GitHub-style grid: a column a week (oldest left), a row a weekday, shaded by the day."""
    from rich.console import Group
    from rich.text import Text

    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    labels = [" "] * (2 * weeks + 2)
    month_seen = None
    for w in range(weeks):
        monday = first + timedelta(weeks=w)
        if monday.month != month_seen and all(
            c == " " for c in labels[max(2 * w - 1, 0) : 2 * w + 3]
        ):
            labels[2 * w : 2 * w + 3] = f"{monday:%b}"
            month_seen = monday.month
    header = Text("     " + "".join(labels).rstrip(), style="dim")
    rows: list[Any] = [header]
    for weekday in range(7):
        row = Text(f"{('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')[weekday]}  ", style="dim")
        for w in range(weeks):
            day = first + timedelta(weeks=w, days=weekday)
            if day > today:
                row.append("  ")
                continue
            share = day_share(days, day)
            if share > 0:
                level = min(int(share * len(SHADES) - 1e-9), len(SHADES) - 1)
                row.append(SHADES[level] + " ", style="green")
            elif day in days.rest:
                row.append(REST + " ", style="blue")
            else:
                row.append(EMPTY + " ", style="dim")
        rows.append(row)
    legend = Text("     ", style="dim")
    legend.append(f"{EMPTY} nothing logged  ", style="dim")
    legend.append(" ".join(SHADES), style="green")
    legend.append(" more of the day's practice  ", style="dim")
    legend.append(REST, style="blue")
    legend.append(" rest day", style="dim")
    rows.append(legend)
    return Group(*rows)


def streaks_view(
    streaks: dict[str, Streak],
    days: PracticeDays,
    today: date,
    extra: list[Any] | None = None,
    own: RenderableType | None = None,
    young: bool = False,  # under two weeks of use: "getting started" instead of strength
) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    done_today = {p: today in days.done[p] for p in PRACTICES}
    parts: list[Any] = [
        practice_rows(streaks, done_today, young),
        *([Text(), own] if own is not None else []),  # practices of your own
        Text(),
        Text("Recent weeks", style="bold"),
        calendar_view(days, today),
    ]
    if extra:
        parts.extend([Text(), *extra])
    parts.append(Text())
    parts.append(
        Text(
            "Days shown up and strength keep what you have built; a rest day (mindlog rest) "
            "carries a run across.",
            style="dim",
        )
    )
    return Group(*parts)


def reflection_view(r: Reflection, extra: list[Any] | None = None) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    parts: list[Any] = []
    if r.welcome_back:
        parts.append(Text(words.WELCOME_BACK, style="bold green"))
        parts.append(Text())
    if r.statement is not None and r.statement.text:
        head = Text("Your statement", style="bold cyan")
        if r.statement_days is not None:
            head.append(f"  {words.statement_age(r.statement_days)}", style="dim")
        parts.append(head)
        parts.append(user_text(r.statement.text, "italic"))
    else:
        parts.append(Text(words.NO_STATEMENT, style="dim"))
    parts.append(Text())
    parts.append(Text(words.wins_heading(r.span_name, r.wins_count), style="bold"))
    if not r.groups:
        parts.append(
            Text("  None logged in this stretch. Any effort counts: mindlog win", style="dim")
        )
    for factor, wins in r.groups.items():
        parts.append(Text(f"  {words.FACTOR_TITLES[factor]}", style="bold magenta"))
        for win in wins:
            row = Text("    ★ ", style="yellow")
            row.append_text(user_text(one_line(win.text or "", 90)))
            row.append(f"  {win.day}", style="dim")
            parts.append(row)
        if r.more.get(factor):
            parts.append(Text(f"    {words.and_more(r.more[factor])}", style="dim"))
    if r.resurfaced:
        parts.append(Text())
        parts.append(Text("Looking back", style="bold"))
        for label, win in r.resurfaced:
            row = Text(f"  {label}: ", style="magenta")
            row.append_text(user_text(one_line(win.text or "", 90), "italic"))
            parts.append(row)
    from mindlog.render.practices import reflection_parts  # practices of your own, urges

    parts.extend(reflection_parts(r))
    parts.append(Text())
    parts.append(Text(words.showed_up_line(r.showed_up, r.span_days)))
    parts.append(Text())
    parts.append(Text("To reflect on", style="bold"))
    for prompt in r.prompts:
        parts.append(Text(f"  • {prompt}"))
    if extra:
        parts.extend([Text(), *extra])
    return Group(*parts)
