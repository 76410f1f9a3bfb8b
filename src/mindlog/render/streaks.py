"""`mindlog streaks` and `mindlog reflect` drawn with rich: practice lines, a calendar, reflections.

Rendering only: it is handed the engine's results and draws them. An empty day is simply empty
(a dim dot), never red; rest days have their own mark.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mindlog.domain import words
from mindlog.domain.days import friendly
from mindlog.domain.practices import days_words
from mindlog.domain.reflect import Reflection
from mindlog.domain.safe import one_line
from mindlog.domain.streaks import (
    BEFORE,
    PRACTICES,
    REST,
    SETBACK,
    SHOWN,
    PracticeDays,
    Streak,
    day_mark,
    shade,
)
from mindlog.render.base import (
    PIPED_WIDTH,
    Adaptive,
    Layout,
    bullets,
    prose,
    strength_bar,
    user_text,
)
from mindlog.render.out import cells, linear
from mindlog.render.spoken import calendar_sentences, labelled

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import RenderableType
    from rich.text import Text

    from mindlog.domain.practices import Figures

SHADES = ("░", "▒", "▓", "█")  # a quarter, half, three quarters, all of the day's practice
SHOWN_UP = "•"  # shown up, without a practice (a check-in, a note)
REST_MARK = "○"
HARD_DAY = "◇"  # a setback written down: shown up, and a run carried as by a rest day
EMPTY = "·"


def practice_rows(
    streaks: dict[str, Streak],
    done_today: dict[str, bool],
    narrow: bool = False,
    width: int | None = None,
    used: int | None = None,  # days since the first day shown up: words before a percentage
) -> RenderableType:
    """A table of the practices; on a narrow screen, a few stacked lines per practice instead."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if linear():  # a line a practice, its figures said in order
        said: list[Any] = [Text("Practices", style="bold")]
        for practice in PRACTICES:
            s = streaks[practice]
            title = words.PRACTICE_NAMES[practice] + (
                ", done today" if done_today.get(practice) else ""
            )
            figures = [] if s.total_days == 0 else [f"{days_words(s.total_days)} shown up"]
            figures += [_strength(s, used).plain, words.run_words(s.current, s.longest)]
            said.append(prose(labelled(title, figures), width or PIPED_WIDTH))
        return Group(*said)

    if narrow:
        rows: list[Any] = []
        for practice in PRACTICES:
            s = streaks[practice]
            name = Text(words.PRACTICE_NAMES[practice], style="bold")
            if done_today.get(practice):
                name.append(" ✓", style="green")
            strength = _strength(s, used)
            run = prose("  " + words.run_words(s.current, s.longest), width or PIPED_WIDTH, "dim")
            if not s.total_days:  # no count of days before the first (as practices of one's own)
                rows += [name, *([Text("  ") + strength] if strength.plain else []), run]
                continue
            days = days_words(s.total_days)
            shown = Text(f"  {days} shown up  ")
            if width is not None and cells(f"  {days} shown up  ") + 16 > width:
                shown = Text(f"  {days} shown up\n  ")  # the bar below, on a very narrow screen
            shown.append_text(strength)
            rows += [name, shown, run]
        return Group(*rows)

    table = Table(box=None, padding=(0, 2, 0, 0), show_header=True, header_style="bold")
    table.add_column("practice", no_wrap=True)
    table.add_column("days shown up", justify="right", no_wrap=True)
    table.add_column("strength", no_wrap=True, min_width=15)
    table.add_column("now", no_wrap=True)
    for practice in PRACTICES:
        s = streaks[practice]
        mark = Text(" ✓", style="green") if done_today.get(practice) else Text("")
        name = Text(words.PRACTICE_NAMES[practice])
        name.append_text(mark)
        table.add_row(
            name,
            str(s.total_days),
            _strength(s, used),
            words.run_words(s.current, s.longest),
        )
    return table


def _strength(s: Streak, used: int | None) -> Text:
    from rich.text import Text

    if s.total_days == 0:
        return Text("")  # not begun: the run's column invites
    said = words.building(s.strength, used, s.recent)
    return strength_bar(s.strength) if said is None else Text(said, style="dim")


def calendar_view(
    days: PracticeDays, today: date, weeks: int = 16, narrow: bool = False
) -> RenderableType:
    """A GitHub-style grid: a column a week (oldest left), a row a weekday, shaded by the day."""
    from rich.console import Group
    from rich.text import Text

    last_monday = today - timedelta(days=today.weekday())
    if days.first is None or days.first > today:
        weeks = 1  # nothing shown up yet: no empty weeks before the first day
    else:  # no weeks before the first day
        began = days.first - timedelta(days=days.first.weekday())
        weeks = max(1, min(weeks, (last_monday - began).days // 7 + 1))
    first = last_monday - timedelta(weeks=weeks - 1)
    if linear():  # the grid said in sentences
        return Group(*(Text(line) for line in calendar_sentences(days, today, first)))
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
            mark, share = day_mark(days, day)
            if day > today or mark == BEFORE:
                row.append("  ")
            elif mark == SHOWN and share > 0:
                row.append(SHADES[shade(share, len(SHADES))] + " ", style="green")
            elif mark == SHOWN:
                row.append(SHOWN_UP + " ", style="green")
            elif mark == SETBACK:
                row.append(HARD_DAY + " ", style="magenta")
            elif mark == REST:
                row.append(REST_MARK + " ", style="blue")
            else:
                row.append(EMPTY + " ", style="dim")
        rows.append(row)
    rows.extend(_legend(narrow))
    return Group(*rows)


def _legend(narrow: bool) -> list[Text]:
    """What the marks mean, in two short lines."""
    from rich.text import Text

    empty = Text("     ", style="dim")
    empty.append(f"{EMPTY} nothing logged  ", style="dim")
    shades = Text(" ".join((SHOWN_UP, *SHADES)), style="green")
    shades.append(" shown up, more of the day's practice", style="dim")
    empty.append(REST_MARK, style="blue")
    empty.append(" rest day  ", style="dim")
    empty.append(HARD_DAY, style="magenta")
    empty.append(" hard day", style="dim")
    return [empty, Text("     ").append_text(shades)]


def _weeks(layout: Layout, most: int = 16) -> int:
    """As many weeks of the calendar as fit (a day label, then two columns a week)."""
    if not layout.terminal or layout.linear:
        return most
    return max(1, min(most, (layout.width - 6) // 2))


def streaks_view(
    streaks: dict[str, Streak],
    days: PracticeDays,
    today: date,
    extra: list[Any] | None = None,
    own: Sequence[Figures] | None = None,  # practices of your own (mindlog.domain.practices)
    used: int | None = None,  # days since the first day shown up: words before a percentage
) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    done_today = {p: today in days.done[p] for p in PRACTICES}

    from mindlog.render.practices import practice_table as own_table

    def build(layout: Layout) -> RenderableType:
        parts: list[Any] = [
            practice_rows(streaks, done_today, narrow=layout.narrow, width=layout.width, used=used),
            *([Text(), own_table(own, layout.narrow, layout.width, used)] if own else []),
            Text(),
            *([] if layout.linear else [Text("Recent weeks", style="bold")]),
            calendar_view(days, today, _weeks(layout), narrow=layout.narrow),
        ]
        if extra:
            parts.extend([Text(), *extra])
        parts.append(Text())
        about = (
            "Days shown up and strength keep what you have built; a rest day (mindlog rest) "
            "or a hard day (mindlog setback) carries a run across."
        )
        parts.append(prose(about, layout.width if layout.terminal else PIPED_WIDTH, "dim"))
        return Group(*parts)

    return Adaptive(build)


def reflection_view(r: Reflection, extra: list[Any] | None = None) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    def build(layout: Layout) -> RenderableType:
        width = layout.width if layout.terminal else PIPED_WIDTH
        parts: list[Any] = []
        if r.welcome_back:
            parts.append(prose(words.WELCOME_BACK, width, "bold green"))
            parts.append(Text())
        if r.statement is not None and r.statement.text:
            head = Text("Your statement", style="bold cyan")
            if r.statement_days is not None:
                gap = ", " if layout.linear else "  "
                head.append(f"{gap}{words.statement_age(r.statement_days)}", style="dim")
            parts.append(head)
            parts.append(user_text(r.statement.text, "italic"))
        else:
            parts.append(prose(words.NO_STATEMENT, width, "dim"))
        parts.append(Text())
        parts.append(Text(words.wins_heading(r.span_name, r.wins_count), style="bold"))
        if not r.groups:
            none = "  None logged in this stretch. Any effort counts: mindlog win"
            parts.append(prose(none, width, "dim"))
        for factor, wins in r.groups.items():
            parts.append(Text(f"  {words.FACTOR_TITLES[factor]}", style="bold magenta"))
            rows = []
            for win in wins:
                text = user_text(one_line(win.text or "", 90))
                if layout.linear:  # the day said, after a comma; no star
                    text.append(f", {one_line(friendly(win.day), 40)}")
                    rows.append((Text("    "), text))
                    continue
                text.append(f"  {one_line(win.day, 20)}", style="dim")
                rows.append((Text("    ★ ", style="yellow"), text))
            parts.append(bullets(rows))
            if r.more.get(factor):
                parts.append(Text(f"    {words.and_more(r.more[factor])}", style="dim"))
        if r.resurfaced:
            parts.append(Text())
            parts.append(Text("Looking back", style="bold"))
            rows = []
            for label, win in r.resurfaced:
                text = Text(f"{label}: ", style="magenta")
                text.append_text(user_text(one_line(win.text or "", 90), "italic"))
                rows.append((Text("  "), text))
            parts.append(bullets(rows))
        from mindlog.render.practices import reflection_parts  # practices of your own, urges

        parts.extend(reflection_parts(r))
        parts.append(Text())
        parts.append(prose(words.showed_up_line(r.showed_up, r.span_days, r.so_far), width))
        parts.append(Text())
        parts.append(Text("To reflect on", style="bold"))
        mark = "  " if layout.linear else "  • "
        parts.append(bullets([(Text(mark), Text(prompt)) for prompt in r.prompts]))
        if extra:
            parts.extend([Text(), *extra])
        return Group(*parts)

    return Adaptive(build)
