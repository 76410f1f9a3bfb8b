"""The printed page (`export --format html`, `support --print --format html`): the calendar numbers
every day and marks what the terminal calendar marks; the charts break at gaps and keep their labels
inside; printed in headless Chromium, headings and the crisis box are never stranded and the plan
fits one page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mindlog.domain.model import Entry
from mindlog.domain.streaks import BEFORE, REST, SETBACK, SHOWN, day_mark, practice_days
from mindlog.formats import export_html
from mindlog.formats.export_html import CHART_W, JOIN_DAYS, LABEL_CHAR_W, joined

TODAY = date(2026, 11, 28)  # a Saturday, as the tests' clock says
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
KINDS = ("win", "rest", "setback", "morning", "commitment", "checkin")


def entry(n: int, kind: str, day: date) -> Entry:
    fields: dict[str, object] = {}
    if kind == "morning":
        fields = {"done": ["Water"], "routine": ["Water", "Stretch"]}
    if kind == "checkin":
        fields = {"mood": 3}
    return Entry(f"e{n}", kind, day.isoformat(), f"{day}T10:00:00+01:00", "x", [], fields)


entries_st = st.lists(
    st.tuples(st.integers(0, 27), st.sampled_from(KINDS)), min_size=1, max_size=30
).map(
    lambda found: [
        entry(n, kind, TODAY - timedelta(days=ago)) for n, (ago, kind) in enumerate(found)
    ]
)


def cells(page: str) -> list[tuple[str, str]]:
    """(class, text) of every calendar cell on the page, in order."""
    return re.findall(r'<td class="([^"]*)">([^<]*)</td>', page)


# -- the calendar ----------------------------------------------------------------------------------


def test_a_day_s_mark_is_its_practice_else_a_hard_day_else_rest_else_nothing():
    days = practice_days(
        [
            entry(1, "win", TODAY),
            entry(2, "rest", TODAY - timedelta(days=1)),
            entry(3, "setback", TODAY - timedelta(days=2)),
            entry(4, "setback", TODAY),
            entry(5, "rest", TODAY - timedelta(days=2)),
            entry(6, "setback", TODAY - timedelta(days=3)),
        ]
    )
    assert day_mark(days, TODAY) == (SHOWN, pytest.approx(1 / 3))
    assert day_mark(days, TODAY - timedelta(days=1)) == (REST, 0.0)
    assert day_mark(days, TODAY - timedelta(days=2)) == (SETBACK, 0.0)
    assert day_mark(days, TODAY - timedelta(days=3)) == (SETBACK, 0.0)
    assert day_mark(days, TODAY - timedelta(days=4)) == (BEFORE, 0.0)  # before the first day


def test_a_practice_of_one_s_own_shades_the_day_in_both_calendars(run, tmp_path):
    run("practice", "add", "Stretch")
    run("did", "stretch", "--date", "2026-11-26")
    run("setback", "a hard evening", "--date", "2026-11-25")
    shown = run("streaks").stdout
    thu = next(line for line in shown.splitlines() if line.startswith("Thu"))
    wed = next(line for line in shown.splitlines() if line.startswith("Wed"))
    assert thu.rstrip()[-1] in "░▒▓█" and wed.rstrip().endswith("◇")
    assert "◇ hard day" in shown
    target = tmp_path / "page.html"
    run("export", "--format", "html", "-o", str(target))
    page = target.read_text()
    marks = {text: css for css, text in cells(page) if css != "out"}
    assert marks["26"].startswith("l") and marks["26"] != "l0"
    assert marks["25"] == "hard"
    assert "a hard day written down" in page and "practice of your own" in page


@settings(max_examples=60, deadline=None)
@given(entries_st)
def test_the_printed_calendar_marks_each_day_as_the_terminal_calendar_does(entries):
    from rich.console import Console

    from mindlog.render.streaks import HARD_DAY, REST_MARK, SHADES, SHOWN_UP, calendar_view

    first = TODAY - timedelta(days=27)  # four whole weeks: Sunday 1 Nov to Saturday 28 Nov
    # a win long before, so that the terminal draws every week (it starts at the first day's)
    entries = [entry(98, "win", TODAY - timedelta(days=90)), *entries]
    console = Console(record=True, width=80, file=io.StringIO(), color_system=None)
    console.print(calendar_view(practice_days(entries), TODAY, weeks=5))
    rows = {line[:3]: line[5:] for line in console.export_text().splitlines()[1:8]}
    terminal = {}
    for n in range(28):
        day = first + timedelta(days=n)
        week = (day - (TODAY - timedelta(days=TODAY.weekday(), weeks=4))).days // 7
        glyph = rows[f"{day:%a}"][2 * week]
        terminal[day.day] = (
            "done"
            if glyph in SHADES
            else {REST_MARK: "rest", HARD_DAY: "hard", SHOWN_UP: "shown"}.get(glyph, "empty")
        )
    page = export_html.to_html(entries, None, TODAY, since=first, until=TODAY)
    printed = {
        int(text): "done" if css in ("l1", "l2", "l3") else {"l0": "empty"}.get(css, css)
        for css, text in cells(page)
        if css != "out"
    }
    assert printed == terminal


@settings(max_examples=60, deadline=None)
@given(
    st.dates(date(2000, 1, 1), date(2040, 12, 31)),
    st.integers(0, 400),
    st.lists(st.tuples(st.integers(0, 400), st.sampled_from(KINDS)), max_size=10),
)
def test_every_day_of_the_period_keeps_its_number(first, length, found):
    last = first + timedelta(days=length)
    entries = [
        entry(n, kind, first + timedelta(days=min(ago, length)))
        for n, (ago, kind) in enumerate(found)
    ]
    entries.append(entry(99, "win", first))  # a period with something in it draws a calendar
    page = export_html.to_html(entries, None, last, since=first, until=last)
    shown_from = date(last.year, last.month, 1)
    for _ in range(export_html.CALENDAR_MONTHS - 1):
        shown_from = (shown_from - timedelta(days=1)).replace(day=1)
    shown_from = max(first.replace(day=1), shown_from)
    inside = [(css, text) for css, text in cells(page) if css != "out"]
    days = [
        max(first, shown_from) + timedelta(days=n)
        for n in range((last - max(first, shown_from)).days + 1)
    ]
    assert [text for _, text in inside] == [str(d.day) for d in days]
    assert all(css in ("l0", "l1", "l2", "l3", "rest", "hard", "shown") for css, _ in inside)


# -- the charts ------------------------------------------------------------------------------------


@given(st.sets(st.integers(0, 120), max_size=40))
def test_chart_lines_join_only_check_ins_close_together(offsets):
    points = [(TODAY + timedelta(days=n), 3.0) for n in sorted(offsets)]
    runs = joined(points)
    assert [p for run in runs for p in run] == points
    for run in runs:
        assert all((b[0] - a[0]).days <= JOIN_DAYS for a, b in zip(run, run[1:], strict=False))
    for before, after in zip(runs, runs[1:], strict=False):
        assert (after[0][0] - before[-1][0]).days > JOIN_DAYS


def test_a_chart_draws_no_line_across_an_eight_day_gap():
    days = [TODAY - timedelta(days=n) for n in (20, 19, 18, 9, 8, 0)]
    svg = export_html.chart("Mood", [(d, 3.0) for d in days], days[0], TODAY)
    lines = re.findall(r'<polyline points="([^"]*)"', svg)
    assert len(lines) == 2  # 20-18 and 9-8; the last day alone is a dot
    assert svg.count("<circle") == 6
    ends = [[float(xy.split(",")[0]) for xy in found.split()] for found in lines]
    gap = (export_html._x(days[2], days[0], TODAY), export_html._x(days[3], days[0], TODAY))
    assert all(not (min(xs) < gap[1] and max(xs) > gap[0]) or xs == [] for xs in ends)
    assert max(ends[0]) <= gap[0] and min(ends[1]) >= gap[1]


def _extent(x: float, anchor: str, text: str) -> tuple[float, float]:
    width = len(text) * LABEL_CHAR_W
    return {"start": (x, x + width), "end": (x - width, x)}.get(
        anchor, (x - width / 2, x + width / 2)
    )


@settings(max_examples=300)
@given(st.dates(date(1, 1, 1), date(9999, 12, 31)), st.integers(0, 3000))
def test_axis_labels_lie_inside_the_chart_and_never_on_each_other(first, span):
    last = min(first + timedelta(days=min(span, (date.max - first).days)), date.max)
    labels = export_html.axis_labels(first, last)
    spans = [_extent(x, anchor, text) for _, text, x, anchor in labels]
    assert labels or first == last  # a span of days always has a label
    assert all(a >= 0 and b <= CHART_W for a, b in spans)
    spans.sort()
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:], strict=False))


def test_a_one_week_export_labels_its_last_day_whole():
    first = date(2026, 12, 1)
    last = date(2026, 12, 7)
    svg = export_html.chart("Mood", [(first, 3.0), (last, 4.0)], first, last)
    (label,) = re.findall(r'<text x="([0-9.]+)" y="[0-9.]+" text-anchor="(\w+)">7 Dec</text>', svg)
    a, b = _extent(float(label[0]), label[1], "7 Dec")
    assert a >= 0 and b <= CHART_W
    assert len(re.findall(r">\d+ Dec</text>", svg)) == 7  # a week: every day labelled


# -- printed in a real browser ---------------------------------------------------------------------


def _browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


printing = pytest.mark.skipif(
    _browser() is None or shutil.which("pdftotext") is None,
    reason="needs headless Chromium and pdftotext (Debian: chromium, poppler-utils; .ci/run "
    "installs them when it can)",
)

HEADINGS = (
    "To bring up",
    "My commitment statement",
    "At a glance",
    "Check-ins",
    "Calendar",
    "What helps, perhaps",
    "Wins by factor",
    "My support plan",
    "Where to find help right now",
)


def _pages(html: Path, tmp_path: Path, paper: str) -> list[str]:
    """The text of each page of ``html`` printed by Chromium on ``paper`` (A4 or Letter)."""
    sized = tmp_path / f"{html.stem}-{paper}.html"
    sized.write_text(html.read_text().replace("<style>", f"<style>@page {{ size: {paper}; }}", 1))
    pdf = sized.with_suffix(".pdf")
    subprocess.run(
        [
            _browser() or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            sized.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    pages = done.stdout.split("\f")
    return [p for p in pages if p.strip()]


def _typical_plan(run) -> None:
    """A plan of the usual size: two or three lines in each section."""
    for section, lines in {
        "reasons": ["my kids", "the sea in the morning", "finishing the course"],
        "signs": ["not sleeping", "skipping meals", "staying in bed past noon"],
        "coping": ["a walk round the block", "music, loud", "a cold shower"],
        "places": ["the library", "Jo's kitchen"],
        "people": ["Sam: 07700 900123", "Mum: 07700 900456"],
        "professionals": [
            "Dr Patel, GP: 020 7946 0000",
            "Community mental health team: 020 7946 0001",
        ],
        "safety": ["give the pills to Jo", "no alcohol in the house"],
    }.items():
        for line in lines:
            run("support", "add", section, line)
    run("config", "country", "GB")


def _three_weeks(run) -> None:
    run(
        "commit", "A life that feels like mine, with my kids and my friends", "--date", "2026-11-07"
    )
    for n in range(21):
        day = (TODAY - timedelta(days=n)).isoformat()
        if n != 3:
            run("win", f"A small step, day {n}", "-t", "competence", "--date", day)
        if n < 4 or n > 12:  # an eight-day gap in the check-ins
            run("checkin", "--mood", str(2 + n % 3), "--energy", "3", "--sleep", "4", "--date", day)
    run("rest", "tired", "--date", "2026-11-20")
    run("setback", "a hard evening", "--date", "2026-11-25")
    run("bring-up", "ask about sleep")


def _last_line(page: str) -> str:
    return page.strip().splitlines()[-1].strip()


@printing
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_plan_prints_on_one_page(run, tmp_path, paper):
    _typical_plan(run)
    target = tmp_path / "plan.html"
    run("support", "--print", "--format", "html", "-o", str(target))
    (page,) = _pages(target, tmp_path, paper)
    assert "My support plan" in page and "no alcohol in the house" in page
    assert "Where to find help right now" in page and "116 123" in page


@printing
def test_an_empty_plan_prints_on_one_page_with_room_to_write(run, tmp_path):
    target = tmp_path / "plan.html"
    run("support", "--print", "--format", "html", "-o", str(target))
    (page,) = _pages(target, tmp_path, "A4")
    assert page.count("Room to write by hand") == 7 and "Where to find help right now" in page


@printing
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_three_weeks_with_the_plan_print_on_four_pages_the_plan_on_the_last(run, tmp_path, paper):
    _three_weeks(run)
    _typical_plan(run)
    target = tmp_path / "session.html"
    run("export", "--format", "html", "--with-plan", "-o", str(target))
    pages = _pages(target, tmp_path, paper)
    assert len(pages) <= 4, [p[:200] for p in pages]
    *journal, plan = pages
    assert plan.strip().startswith("My support plan")  # a page of its own, to hand over
    assert "Where to find help right now" in plan and "116 123" in plan  # the box with its plan
    assert all("My support plan" not in p for p in journal)
    for page in pages:  # no page ends on a heading
        assert _last_line(page) not in HEADINGS, page
        assert not re.fullmatch(r"\w+ \(\d+\)", _last_line(page)), page  # a factor's heading
    text = "\n".join(pages)
    for n in range(7, 29):  # every day of the period has its number in the calendar
        assert re.search(rf"\b{n}\b", text)
    assert "a hard day written down" in text


@printing
def test_a_one_week_export_prints_whole_labels(run, tmp_path):
    _three_weeks(run)
    target = tmp_path / "week.html"
    run("export", "--format", "html", "--since", "2026-11-22", "-o", str(target))
    pages = _pages(target, tmp_path, "A4")
    text = "\n".join(pages)
    assert "28 Nov" in text and "22 Nov" in text
    assert len(pages) <= 2
