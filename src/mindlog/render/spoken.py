"""The accessible mode's sentences: what a calendar, a chart or a table shows, said in words.

In the accessible mode (mindlog.render.out.linear) a screen reader reads every line in order, so
nothing may be carried by a bar, a shade, a colour or a place in a grid alone. These functions
are handed what the drawn views are handed and return plain lines; the views use them in place
of their grids. Dates are said with mindlog.domain.days.friendly. Rendering only: pure text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from mindlog.domain.checkins import Trend, Week
from mindlog.domain.days import friendly
from mindlog.domain.safe import visible
from mindlog.domain.streaks import BEFORE, NOTHING, REST, SETBACK, SHOWN, PracticeDays, day_mark

# How much of the day's practice was done, as the calendar's four shades say it.
SHARES = ("a quarter", "half", "three quarters", "all")
SHARE_LEVELS = len(SHARES)


def days_count(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def number(value: float) -> str:
    """A value of a 1 to 5 scale: ``3``, ``3.4``."""
    return f"{round(value, 1):g}"


def scale_name(scale: str) -> str:
    """A scale's name to open a sentence with (the person's own names shown safely)."""
    shown = visible(scale, newlines=False)
    return shown[:1].upper() + shown[1:]


def day_words(days: PracticeDays, day: date) -> str | None:
    """What one day of the calendar was, in words; None before the first day shown up."""
    from mindlog.domain.streaks import shade

    mark, share = day_mark(days, day)
    if mark == BEFORE:
        return None
    if mark == SHOWN and share > 0:
        return f"{SHARES[shade(share, SHARE_LEVELS)]} of the day's practice"
    if mark == SHOWN:
        return "shown up"
    if mark == SETBACK:
        return "a hard day, written down"
    if mark == REST:
        return "a rest day"
    return "nothing logged"


def calendar_sentences(days: PracticeDays, today: date, first: date) -> list[str]:
    """The calendar from ``first`` to ``today`` as two sentences: the days counted, then the last
    seven days one by one."""
    from mindlog.domain.streaks import shade

    counts = [0] * SHARE_LEVELS
    plain = rest = hard = empty = 0
    start: date | None = None
    day = first
    while day <= today:
        mark, share = day_mark(days, day)
        if mark != BEFORE and start is None:
            start = day
        if mark == SHOWN and share > 0:
            counts[shade(share, SHARE_LEVELS)] += 1
        elif mark == SHOWN:
            plain += 1
        elif mark == SETBACK:
            hard += 1
        elif mark == REST:
            rest += 1
        elif mark == NOTHING:
            empty += 1
        day += timedelta(days=1)
    if start is None:
        return ["Recent weeks: nothing logged yet. Any day you show up will be counted here."]
    practised = sum(counts)
    told = [f"shown up on {days_count(practised + plain + rest + hard)}"]
    if practised:
        shares = [
            f"{SHARES[i]} of the day's practice on {days_count(counts[i])}"
            for i in range(SHARE_LEVELS - 1, -1, -1)
            if counts[i]
        ]
        told.append(", ".join(shares))
    if plain:
        told.append(f"shown up without a practice on {days_count(plain)}")
    if rest:
        told.append(f"{days_count(rest)} of rest")
    if hard:
        told.append(f"{days_count(hard)} hard, written down")
    if empty:
        told.append(f"nothing logged on {days_count(empty)}")
    since = "today" if start == today else f"{friendly(start.isoformat())} to today"
    lines = [f"Recent weeks, {since}: " + "; ".join(told) + "."]
    week = [today - timedelta(days=n) for n in range(6, -1, -1)]
    said = []
    for one in week:
        what = day_words(days, one)
        if what is None:
            continue
        name = "today" if one == today else f"{one:%A}"
        said.append(f"{name}, {what}")
    if said and start != today:
        lines.append("The last seven days: " + "; ".join(said) + ".")
    return lines


def series_sentences(series: dict[str, list[float | None]], today: date | None) -> list[str]:
    """The day-by-day chart of check-ins: for each scale its average, its lowest and highest
    day and today's answer (days named by how long ago, when ``today`` is not known)."""
    shown = max((len(values) for values in series.values()), default=0)
    span = "today" if shown == 1 else f"the last {shown} days"
    lines = [f"Check-ins, day by day, {span}; answers from 1 to 5."]
    for scale, values in series.items():
        dated = [(len(values) - 1 - i, v) for i, v in enumerate(values) if v is not None]
        name = scale_name(scale)
        if not dated:
            lines.append(f"{name}: no answers in these days.")
            continue
        mean = sum(v for _, v in dated) / len(dated)
        told = [f"average {mean:.1f} on {days_count(len(dated))} with a check-in"]
        if len(dated) > 1:
            low_day, low = min(reversed(dated), key=lambda pair: pair[1])
            high_day, high = max(reversed(dated), key=lambda pair: pair[1])
            told.append(f"lowest {number(low)} {_day(low_day, today)}")
            told.append(f"highest {number(high)} {_day(high_day, today)}")
        if dated[-1][0] == 0:
            told.append(f"today {number(dated[-1][1])}")
        lines.append(f"{name}: " + ", ".join(told) + ".")
    return lines


def _day(ago: int, today: date | None) -> str:
    if ago == 0:
        return "today"
    if today is None:
        return "yesterday" if ago == 1 else f"{ago} days ago"
    return "on " + friendly((today - timedelta(days=ago)).isoformat())


def trend_sentences(trend: Trend) -> list[str]:
    """The weekly table of check-ins: for each scale its average, lowest and highest week, then
    each week as a line of ``Label: value`` phrases."""
    count = len(trend.weeks)
    span = "this week" if count == 1 else f"last {count} weeks"
    lines = ["Check-ins, recent weeks: weekly averages of your own answers, 1 to 5."]
    last = trend.weeks[-1] if trend.weeks else None

    def week_name(week: Week) -> str:
        if week is last:
            return "this week"
        return f"the week of {friendly(week.start.isoformat())}"

    for scale in trend.scales:
        given = [(w, w.averages[scale]) for w in trend.weeks if w.averages.get(scale) is not None]
        averages = [v for _, v in given if v is not None]
        name = scale_name(scale)
        if not averages:
            continue
        told = [f"average {sum(averages) / len(averages):.1f}"]
        if len(given) > 1:
            low_week, low = min(reversed(given), key=lambda pair: pair[1] or 0.0)
            high_week, high = max(reversed(given), key=lambda pair: pair[1] or 0.0)
            told.append(f"lowest week {low or 0.0:.1f} ({week_name(low_week)})")
            told.append(f"highest week {high or 0.0:.1f} ({week_name(high_week)})")
        lines.append(f"{name}, {span}: " + ", ".join(told) + ".")
    for week in trend.weeks:
        label = "This week" if week is last else f"Week of {friendly(week.start.isoformat())}"
        if not week.checkins:
            lines.append(f"{label}: no check-ins.")
            continue
        said = [f"check-ins on {days_count(week.checkins)}"]
        if week.entries > week.checkins:
            said[0] += f" ({week.entries} check-ins)"
        said += [
            f"{visible(s, newlines=False)} {week.averages[s]:.1f}"
            for s in trend.scales
            if week.averages.get(s) is not None
        ]
        lines.append(f"{label}: " + ", ".join(said) + ".")
    return lines


def labelled(label: str, phrases: Sequence[str]) -> str:
    """A ``Label: value, value.`` line (a row of a table, said)."""
    shown = [p.replace(" · ", ", ") for p in phrases if p]  # a sentence: commas, not dots
    return f"{label}: " + ", ".join(shown) + "." if shown else f"{label}."
