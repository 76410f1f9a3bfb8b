"""`mindlog export --format html`: one self-contained page to print, checked in a real browser."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mindlog.domain.journal import add_event
from mindlog.domain.model import Entry
from mindlog.domain.safe import visible
from mindlog.formats.htmlpage import esc
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations

TODAY = date(2026, 11, 28)
HOSTILE = '<img src=x onerror="alert(1)"> & </li><script>steal()</script>'
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def seed(days: int = 35) -> None:
    """Five weeks: check-ins most days, the routine on two days in three, a few factor wins."""
    events = [
        add_event(
            "commitment",
            TODAY - timedelta(days=days),
            f"{TODAY - timedelta(days=days)}T09:00:00+01:00",
            "Be there for <my> family & me",
        )
    ]
    for n in range(days):
        day = TODAY - timedelta(days=n)
        at = f"{day}T09:00:00+01:00"
        routine = n % 3 != 0
        if routine:
            events.append(add_event("morning", day, at, None, done=["Water"], routine=["Water"]))
        if n % 4 == 0:
            events.append(add_event("win", day, at, f"Walked {n}", ["meaning"]))
        if n % 6 != 5:
            events.append(
                add_event(
                    "checkin", day, at, None, mood=4 if routine else 2, energy=3, sleep=1 + n % 5
                )
            )
    Store(locations()).append(events)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


@pytest.fixture
def page(run, home, tmp_path) -> Path:
    seed()
    run("win", HOSTILE, "-t", "<b>", "--date", "2026-11-27")
    run("bring-up", HOSTILE)
    run("bring-up", "Sleep has been better")
    run("support", "add", "reasons", HOSTILE)
    run("support", "add", "people", "Sam: 07700 900123")
    run("config", "country", "US")
    target = tmp_path / "session.html"
    result = run("export", "--format", "html", "--with-plan", "-o", str(target))
    assert "session.html" in result.stdout
    return target


def test_the_page_loads_nothing_from_anywhere(page):
    text = page.read_text()
    tags = parsed(text)
    names = {tag for tag, _ in tags.tags}
    assert not names & {
        "script",
        "link",
        "img",
        "iframe",
        "object",
        "embed",
        "base",
        "form",
        "audio",
        "video",
    }
    for _, attrs in tags.tags:
        assert not set(attrs) & {"src", "href", "srcset", "action", "poster", "background"}
        assert not any(name.startswith("on") for name in attrs)
    assert "url(" not in text and "@import" not in text
    assert "default-src 'none'" in text
    assert sorted(set(re_urls(text))) == ["http://www.w3.org/2000/svg"]  # a name, never fetched


def re_urls(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<)]+", text.replace("https://findahelpline.com", ""))


def test_every_piece_of_the_persons_text_is_escaped(page):
    text = page.read_text()
    assert HOSTILE not in text
    assert "<script" not in text.lower()
    escaped = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;/li&gt;&lt;script&gt;steal()&lt;/script&gt;"
    assert text.count(escaped) >= 3  # the win, the note and the plan's reason
    assert "#&lt;b&gt;" in text  # a tag too
    assert "Be there for &lt;my&gt; family &amp; me" in text  # the statement
    shown = "".join(parsed(text).text)
    assert HOSTILE in shown  # shown literally, as written


def test_the_page_has_every_part_in_order(page):
    text = page.read_text()
    order = [
        "<h2>To bring up</h2>",
        "<h2>My commitment statement</h2>",
        "<h2>At a glance</h2>",
        "<h2>Check-ins</h2>",
        "<h2>Calendar</h2>",
        "<h2>What helps, perhaps</h2>",
        "<h2>Wins by factor</h2>",
        "<h2>My support plan</h2>",
        "Where to find help right now",
    ]
    places = [text.index(part) for part in order]
    assert places == sorted(places)
    assert text.count("<svg") == 3  # mood, energy, sleep
    assert "call or text 988" in text and "last verified 2026-11-28" in text
    assert "On days with your morning routine your mood averaged 4.0" in text


def test_without_the_plan_it_is_left_out(run, tmp_path):
    seed()
    target = tmp_path / "s.html"
    run("export", "--format", "html", "-o", str(target))
    assert "My support plan" not in target.read_text()
    assert "--with-plan goes with --format html" in run("export", "--with-plan", code=2).stderr


def test_an_empty_journal_still_makes_a_page(run, tmp_path):
    target = tmp_path / "empty.html"
    run("export", "--format", "html", "-o", str(target))
    assert "No entries in this period." in target.read_text()


def test_days_in_year_1_and_9999_make_a_page(run, tmp_path):
    """Another device can bring entries dated at the ends of the calendar: the calendar and the
    charts of a period that reaches them never make a day before 0001-01-01 or after 9999-12-31
    (the weeks around those months, the month after December 9999)."""
    events = []
    for day in (date(1, 1, 1), date(1, 1, 2), date(9999, 12, 30), date(9999, 12, 31)):
        at = f"{day.isoformat()}T10:00:00+00:00"
        events.append(add_event("win", day, at, "at the edge", ["meaning"]))
        events.append(add_event("checkin", day, at, None, mood=3, energy=2))
    Store(locations()).append(events)
    for span, month in (([], "December 9999"), (["--until", "0001-06-30"], "January 1")):
        target = tmp_path / "edge.html"
        run("export", "--format", "html", *span, "-o", str(target), "--force")
        page = target.read_text()
        assert "<h2>Calendar</h2>" in page and "<h2>Check-ins</h2>" in page
        assert f"<caption>{month}</caption>" in page


def _pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, by pdftotext when it is there (poppler-utils)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; the browser made the PDF")
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout.split("\f")


def _chart_pixels(pdf: Path, page_number: int) -> int:
    """How many pixels of the page carry the charts' blue (their dots and lines)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftoppm", "-r", "40", "-f", str(page_number), "-l", str(page_number), str(pdf)],
        capture_output=True,
        check=True,
    )
    data = done.stdout  # PPM: P6, width, height, 255, then RGB bytes
    header_end = 0
    for _ in range(4):
        while data[header_end : header_end + 1].isspace():
            header_end += 1
        while not data[header_end : header_end + 1].isspace():
            header_end += 1
    pixels = data[header_end + 1 :]
    count = 0
    for i in range(0, len(pixels) - 2, 3):
        r, g, b = pixels[i], pixels[i + 1], pixels[i + 2]
        if b > 140 and b - r > 50 and b > g:
            count += 1
    return count


@pytest.mark.skipif(
    browser() is None,
    reason="no Chromium found: install the Debian package chromium (.ci/run does when it can)",
)
def test_a_real_browser_prints_the_page_with_its_charts(page, tmp_path):
    chrome = browser()
    pdf = tmp_path / "session.pdf"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [chrome, *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "What helps, perhaps" in dom and "Sleep has been better" in dom
    assert "<script" not in dom.lower()
    subprocess.run(
        [chrome, *flags, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert dom.count("<svg") == 3  # the browser built the three charts
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        # Without poppler-utils the PDF's own page objects still say it has pages.
        assert len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes())) >= 2
        return
    pages = _pdf_pages(pdf)
    text = "\n".join(pages)
    for words in (
        "To bring up",
        "Sleep has been better",
        "Mood (1 low, 5 good)",
        "Energy",
        "Calendar",
        "Where to find help",
    ):
        assert words in text, words
    chart_pages = [
        n for n, p in enumerate(pages, start=1) if "Mood (1 low" in p or "Sleep (1 poorly" in p
    ]
    assert chart_pages, "no page carries the charts"
    assert all(_chart_pixels(pdf, n) > 50 for n in chart_pages)
    assert _chart_pixels(pdf, len([p for p in pages if p.strip()])) < _chart_pixels(
        pdf, chart_pages[0]
    )


# -- escaping, for any text ----------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_is_shown_literally_and_never_as_markup(text):
    shown = esc(text)
    assert not set(shown) & set("<>\"'")
    tags = parsed(f"<p>{shown}</p>")
    assert [tag for tag, _ in tags.tags] == ["p"]
    assert "".join(tags.text) == visible(text)


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1), st.lists(st.text(min_size=1, max_size=10), max_size=3))
def test_any_win_and_tags_keep_the_page_to_its_own_elements(text, tags):
    from mindlog.formats import export_html

    win = Entry("w1", "win", "2026-11-27", "2026-11-27T10:00:00+01:00", text, tags)
    page = export_html.to_html([win], None, TODAY, notes=[win])
    found = {tag for tag, _ in parsed(page).tags}
    assert found <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "h2",
        "h3",
        "p",
        "em",
        "section",
        "ul",
        "li",
        "span",
        "table",
        "caption",
        "tr",
        "th",
        "td",
        "blockquote",
        "br",
    }


def test_with_a_damaged_plan_the_page_still_says_where_to_find_help(run, home, tmp_path):
    home.mkdir(parents=True)
    (home / "support.json").write_bytes(b"{oops")
    (home / "config.json").write_text('{"country": "GB"}')
    target = tmp_path / "s.html"
    run("win", "walked")
    run("export", "--format", "html", "--with-plan", "-o", str(target))
    page = target.read_text()
    assert "could not be read" in page and "116 123" in page
    assert (home / "support.json").read_bytes() == b"{oops"


def test_printing_the_plan_does_not_import_rich(home):
    from conftest import imports_of

    for args in (["support", "--print"], ["support", "--print", "--format", "html"]):
        modules = imports_of(home, *args)
        assert not any(m == "rich" or m.startswith("rich.") for m in modules), args


def test_a_chart_has_a_dot_a_day_and_labels_its_scale():
    from mindlog.formats import export_html

    points = [(TODAY - timedelta(days=n), float(1 + n % 5)) for n in range(20)]
    svg = export_html.chart("Mood", points, TODAY - timedelta(days=19), TODAY)
    assert svg.count("<circle") == 20
    assert 'aria-label="Mood: 20 days with a check-in, mean 3.0"' in svg
    wide = export_html.chart("Steps", [(TODAY, 0.0), (TODAY, 100.0)], TODAY, TODAY)
    assert wide.count("<text") < 12  # a scale of its own gets a few levels, not a hundred


def test_the_calendar_shows_at_most_six_months():
    from mindlog.formats import export_html

    wins = [
        Entry(
            f"w{n}", "win", (TODAY - timedelta(days=n)).isoformat(), f"{TODAY}T10:00:00+01:00", "x"
        )
        for n in range(0, 700, 9)
    ]
    page = export_html.to_html(wins, None, TODAY)
    assert re.findall(r"<caption>(.*?)</caption>", page) == [
        "June 2026",
        "July 2026",
        "August 2026",
        "September 2026",
        "October 2026",
        "November 2026",
    ]
    assert "The last 6 months of the period." in page


@given(st.text())
def test_escaping_text_with_nothing_to_escape_is_the_long_way_round_too(text):
    """``esc`` returns most text as it is, found with one search: the same as escaping it."""
    assert esc(text) == html.escape(visible(text), quote=True)
