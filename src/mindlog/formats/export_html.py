"""The export as one self-contained HTML page, made to print for a therapy session.

Pure: it is handed entries, or the Period of a long history read as it is needed
(mindlog.formats.export.Period), and, with --with-plan, the plan, and returns the page. The page loads
nothing from anywhere (mindlog.formats.htmlpage): its charts are inline SVG drawn here, its styles are in
the page. Every piece of the person's text goes through ``esc``.

In order: the notes to bring up, the commitment statement, the period at a glance, check-in
charts (mood, energy, sleep and any scale of the person's own), a calendar, what helps, wins by
factor and, when asked, the support plan with where to find help.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from mindlog.domain import words
from mindlog.domain.checkins import QUESTIONS, day_means
from mindlog.domain.days import months_back
from mindlog.domain.helps import INTRO as HELPS_INTRO
from mindlog.domain.model import FACTORS, Entry, Fields
from mindlog.domain.plan import Plan
from mindlog.domain.practices import join as join_practices
from mindlog.domain.reflect import OTHER
from mindlog.domain.streaks import REST, SETBACK, SHOWN, day_mark, practice_days, shade
from mindlog.formats import plan_page
from mindlog.formats.export import GLANCE_NAMES, Period, period_of, scale_keys
from mindlog.formats.htmlpage import esc, long_day, page

TITLE = "My mindlog"
PRIVATE = "My own notes, kept with mindlog. Private: I choose who reads them."
CALENDAR_MONTHS = 6  # the calendar shows at most the last six months of the period

CHART_W, CHART_H = 660, 150
# The plot area inside the chart: room on the right for half of the last day's label ("31 May").
LEFT, RIGHT, TOP, BOTTOM = 44, 636, 10, 120
LABEL_CHAR_W = 7.0  # the most one character of an axis label takes (11px DejaVu Sans / Arial)
DAILY_TICKS = 10  # up to this many days from first to last, every day is labelled
JOIN_DAYS = 3  # check-ins at most this many days apart are joined by a line; further, a gap shows


@dataclass
class PlanPart:
    """The support plan for --with-plan: the plan (None when it could not be read) and why not."""

    plan: Plan | None
    problem: str
    country: str | None


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)  # a long history repeats each day on many lines
def _short(iso: str) -> str:
    day = _day(iso)
    return f"{day:%a} {day.day} {day:%b %Y}" if day else iso


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _period(
    dates: tuple[date, date] | None, today: date, since: date | None, until: date | None
) -> tuple[date | None, date | None]:
    """``dates``: the first and the last of the entries' days."""
    first = since or (dates[0] if dates else None)
    last = until or (today if since else dates[1] if dates else None)
    return first, last


# -- charts ----------------------------------------------------------------------------------


def _x(day: date, first: date, last: date) -> float:
    span = max((last - first).days, 1)
    return LEFT + (RIGHT - LEFT) * (day - first).days / span


def _ticks(first: date, last: date) -> list[date]:
    """Days to label along the bottom: every day of a week or so, Mondays for a few weeks,
    month starts for longer spans."""
    span = (last - first).days
    if span <= DAILY_TICKS:
        return [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]
    if span <= 62:
        step = 7 if span <= 31 else 14
        monday = first.toordinal() + (7 - first.weekday()) % 7  # never a day after 9999-12-31
        return [date.fromordinal(n) for n in range(monday, last.toordinal() + 1, step)]
    months = [day for day in _months(first, last) if day >= first]
    every = max(1, len(months) // 8)
    return months[::every]


def joined(
    points: Sequence[tuple[date, float]], most: int = JOIN_DAYS
) -> list[list[tuple[date, float]]]:
    """The points (in date order) in runs to draw as lines: a run ends where the next check-in
    is more than ``most`` days later, so that a line never crosses a gap as if it were known."""
    runs: list[list[tuple[date, float]]] = []
    for point in points:
        if runs and (point[0] - runs[-1][-1][0]).days <= most:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


def label_at(x: float, text: str, width: float = CHART_W) -> tuple[float, str]:
    """Where to anchor a label centred under ``x`` so that all of it lies inside the chart:
    (x, "middle"), or against the edge it would cross ("start" or "end")."""
    half = len(text) * LABEL_CHAR_W / 2
    if x + half > width:
        return min(x, width), "end"
    if x - half < 0:
        return max(x, 0.0), "start"
    return x, "middle"


def _extent(x: float, anchor: str, text: str) -> tuple[float, float]:
    """Where a label anchored at ``x`` begins and ends."""
    width = len(text) * LABEL_CHAR_W
    if anchor == "start":
        return x, x + width
    if anchor == "end":
        return x - width, x
    return x - width / 2, x + width / 2


def axis_labels(first: date, last: date) -> list[tuple[float, str, float, str]]:
    """Each tick along the bottom as (tick x, label, label x, anchor): every label inside the
    chart, and a tick whose label would touch the one before it left out."""
    found: list[tuple[float, str, float, str]] = []
    end = float("-inf")
    for tick in _ticks(first, last):
        tx = _x(tick, first, last)
        text = f"{tick.day} {tick:%b}"
        lx, anchor = label_at(tx, text)
        start, stop = _extent(lx, anchor, text)
        if start < end + LABEL_CHAR_W:  # too near the label before: left out
            continue
        found.append((tx, text, lx, anchor))
        end = stop
    return found


def chart(name: str, points: Sequence[tuple[date, float]], first: date, last: date) -> str:
    """An SVG chart of one scale: a dot a day (the day's mean), joined by a light line."""
    low, high = 1.0, 5.0
    values = [v for _, v in points]
    if values and (min(values) < low or max(values) > high):
        low, high = min(min(values), low), max(max(values), high)
    spread = (high - low) or 1.0

    def y(value: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * (value - low) / spread

    mean = sum(values) / len(values) if values else None
    label = f"{name}: {_plural(len(points), 'day', 'days')} with a check-in" + (
        f", mean {mean:.1f}" if mean is not None else ""
    )
    parts = [
        f'<svg class="chart" role="img" aria-label="{esc(label)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {CHART_W} {CHART_H}" width="100%" style="max-width:{CHART_W}px">',
        f"<title>{esc(label)}</title>",
        f'<rect x="{LEFT}" y="{TOP}" width="{RIGHT - LEFT}" height="{BOTTOM - TOP}" fill="#fafafa"/>',
    ]
    step = 1 if high - low <= 10 else max(1, round((high - low) / 5))
    for level in range(int(low), int(high) + 1, step):
        gy = y(level)
        parts.append(
            f'<line x1="{LEFT}" x2="{RIGHT}" y1="{gy:.1f}" y2="{gy:.1f}" stroke="#ddd" stroke-width="1"/>'
        )
        parts.append(f'<text x="{LEFT - 8}" y="{gy + 4:.1f}" text-anchor="end">{level}</text>')
    for tx, text, lx, anchor in axis_labels(first, last):
        parts.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{BOTTOM}" y2="{BOTTOM + 4}" stroke="#999"/>'
        )
        parts.append(f'<text x="{lx:.1f}" y="{BOTTOM + 17}" text-anchor="{anchor}">{text}</text>')
    for run in joined(points):
        if len(run) > 1:
            path = " ".join(f"{_x(d, first, last):.1f},{y(v):.1f}" for d, v in run)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="#7aa3c4" stroke-width="1.5"/>'
            )
    coords = [(_x(d, first, last), y(v)) for d, v in points]
    for cx, cy in coords:
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="#2f6f9f"/>')
    if mean is not None:
        my = y(mean)
        parts.append(
            f'<line x1="{LEFT}" x2="{RIGHT}" y1="{my:.1f}" y2="{my:.1f}" stroke="#c98a3a" '
            'stroke-dasharray="4 3" stroke-width="1"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _charts(checkins: Sequence[Entry], first: date, last: date) -> list[str]:
    keys = scale_keys(checkins)
    means = day_means(checkins, keys)
    parts = [
        '<section class="long">',
        "<h2>Check-ins</h2>",
        '<p class="meta">My own answers, day by day (a day with several check-ins shows their '
        "mean); the dashed line is the mean of the period.</p>",
    ]
    for key in keys:
        points = sorted((d, v[key]) for d, v in means.items() if key in v and first <= d <= last)
        if not points:
            continue
        scale_words = QUESTIONS[key][1] if key in QUESTIONS else ""
        caption = key.capitalize() + (f" ({scale_words})" if scale_words else "")
        parts.append(f"<figure><figcaption>{esc(caption)}</figcaption>")
        parts.append(f"{chart(key.capitalize(), points, first, last)}</figure>")
    parts.append("</section>")
    return parts


# -- the calendar ----------------------------------------------------------------------------


def _calendar(
    period: Period, first: date, last: date, today: date, own: Sequence[Entry]
) -> list[str]:
    shown_from = max(first, months_back(date(last.year, last.month, 1), CALENDAR_MONTHS - 1))
    shown_from = date(shown_from.year, shown_from.month, 1)
    # Only the days shown matter (a day's practice depends on that day's entries alone).
    entries = list(period.between(max(first, shown_from), last)) if first <= last else []
    days = practice_days(entries)
    join_practices(days, own, today)  # practices of one's own, as the terminal calendar has them
    hard = only = False
    parts = ["<section>", "<h2>Calendar</h2>"]
    if shown_from > first:
        parts.append(f'<p class="meta">The last {CALENDAR_MONTHS} months of the period.</p>')
    for month in _months(shown_from, last):
        parts.append('<table class="calendar">')
        parts.append(f"<caption>{month:%B %Y}</caption>")
        parts.append(
            "<tr>" + "".join(f"<th>{d}</th>" for d in ("M", "T", "W", "T", "F", "S", "S")) + "</tr>"
        )
        # Days by number (0: another month's), so that no date before year 1 or after 9999
        # is ever made for the weeks around them.
        for week in calendar.Calendar().monthdayscalendar(month.year, month.month):
            row = []
            for number in week:
                day = date(month.year, month.month, number) if number else None
                if day is None or not first <= day <= last:  # outside the period: faint
                    row.append(f'<td class="out">{number or ""}</td>')
                    continue
                css = _day_class(*day_mark(days, day))
                hard = hard or css == "hard"
                only = only or css == "shown"
                row.append(f'<td class="{css}">{day.day}</td>')  # every day keeps its number
            parts.append("<tr>" + "".join(row) + "</tr>")
        parts.append("</table>")
    practices = "the morning routine, a win, your statement"
    if days.own_daily:
        practices += ", and each practice of your own done every day"
    keys = [("l1", "some"), ("l3", "all of the day's practice"), ("rest", "a rest day")]
    keys += [("shown", words.SHOWN_ONLY_MARK)] if only else []
    keys += [("hard", words.HARD_DAY_MARK)] if hard else []
    legend = " ".join(
        f'<span class="key"><span class="{css}"></span>{esc(what)}</span>' for css, what in keys
    )
    parts.append(
        f'<p class="legend muted">Each practice is a part of the day: {practices}. {legend}</p>'
    )
    parts.append("</section>")
    return parts


def _day_class(mark: str, share: float) -> str:
    """The calendar cell's class for a day's mark (mindlog.domain.streaks.day_mark)."""
    if mark == SHOWN:
        return f"l{1 + shade(share, 3)}" if share > 0 else "shown"
    return {REST: "rest", SETBACK: "hard"}.get(mark, "l0")


def _months(first: date, last: date) -> Iterator[date]:
    """The first day of each month from ``first``'s to ``last``'s (9999-12 the last there is)."""
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# -- the rest of the page --------------------------------------------------------------------


def _item(entry: Entry) -> str:
    return _line(entry.day, entry.text, entry.tags)


def _line(day: str, text: str | None, tags: Sequence[str]) -> str:
    return f'<li><span class="muted">{_day_shown(day)}</span> · {esc(text or "")}{_tags(tuple(tags))}</li>'


@functools.lru_cache(maxsize=4096)
def _day_shown(iso: str) -> str:
    return esc(_short(iso))


@functools.lru_cache(maxsize=4096)
def _tags(tags: tuple[str, ...]) -> str:
    return "".join(f' <span class="muted">#{esc(t)}</span>' for t in tags)


def _wins(wins: Iterable[Fields]) -> list[str]:
    """The wins by factor (a win with two factors is in both, as mindlog.domain.reflect.by_factor
    groups them), then the rest: only the lines are held, never the wins."""
    groups: dict[str, list[str]] = {f: [] for f in (*FACTORS, OTHER)}
    for _, _, day, _, text, tags, _ in wins:
        line = _line(day, text, tags)
        for factor in [t for t in tags if t in FACTORS] or [OTHER]:
            groups[factor].append(line)
    parts = []
    for factor, lines in groups.items():
        if lines:
            title = words.FACTOR_TITLES.get(factor, factor)
            parts += [f"<h3>{esc(title)} ({len(lines)})</h3>", "<ul>", *lines, "</ul>"]
    return parts


def _glance(counts: dict[str, tuple[int, int]], days: int, shown: int) -> list[str]:
    total = sum(n for n, _ in counts.values())
    items = [f"{_plural(total, 'entry', 'entries')} on {_plural(days, 'day', 'days')}"]
    items.append(words.shown_up_days(shown))
    for kind, (count, kind_days) in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0])):
        items.append(
            f"{GLANCE_NAMES.get(kind, kind)}: {count}, on {_plural(kind_days, 'day', 'days')}"
        )
    return (
        ["<section>", "<h2>At a glance</h2>", "<ul>"]
        + [f"<li>{esc(i)}</li>" for i in items]
        + [
            "</ul>",
            "</section>",
        ]
    )


def to_html(
    entries: Sequence[Entry] | Period,
    statement: Entry | None,
    today: date,
    since: date | None = None,
    until: date | None = None,
    notes: Sequence[Entry] = (),
    helps: Sequence[str] = (),
    plan: PlanPart | None = None,
    own: Sequence[Entry] = (),  # practices of one's own: their definitions and days, all of them
) -> str:
    period = entries if isinstance(entries, Period) else period_of(entries)
    first, last = _period(period.dates, today, since, until)
    shown = f"{long_day(first)} to {long_day(last)}" if first and last else "everything so far"
    body = [
        f"<h1>{esc(TITLE)}</h1>",
        f'<p class="meta">{esc(shown)} · exported {esc(long_day(today))}</p>',
        f'<p class="meta"><em>{esc(PRIVATE)}</em></p>',
    ]
    if notes:
        body += ["<section>", "<h2>To bring up</h2>", "<ul>"]
        body += [_item(note) for note in notes]
        body += ["</ul>", "</section>"]
    body += ["<section>", "<h2>My commitment statement</h2>"]
    if statement is not None and statement.text:
        body.append(f"<blockquote>{esc(statement.text)}</blockquote>".replace("\n", "<br>\n"))
        body.append(f'<p class="meta">Written {esc(_short(statement.day))}.</p>')
    else:
        body.append('<p class="muted">Not written yet.</p>')
    body.append("</section>")
    if not period.counts:
        body.append("<p>No entries in this period.</p>")
    else:
        body += _glance(period.counts, period.days, period.shown)
        checkins = list(period.of_kind("checkin"))
        if checkins and first and last:
            body += _charts(checkins, first, last)
        if first and last:
            body += _calendar(period, first, last, today, own)
        if helps:
            body += [
                "<section>",
                "<h2>What helps, perhaps</h2>",
                f'<p class="meta">{esc(HELPS_INTRO)}</p>',
                "<ul>",
            ]
            body += [f"<li>{esc(h)}</li>" for h in helps]
            body += ["</ul>", "</section>"]
        if "win" in period.counts:
            body += ['<section class="long">', "<h2>Wins by factor</h2>"]
            body += _wins(period.rows("win"))
            body.append("</section>")
    if plan is not None:  # on a page of its own, to hand over or keep apart
        body += ['<section class="long plan">', "<h2>My support plan</h2>"]
        if plan.plan is None:
            body.append(
                f"<p>{esc(plan_page.UNREADABLE.format(problem=plan.problem or 'unknown'))}</p>"
            )
        else:
            body += plan_page.plan_html(plan.plan, level=3)
        body += plan_page.help_html(plan.country, level=3)
        body.append("</section>")
    return page(TITLE, body)
