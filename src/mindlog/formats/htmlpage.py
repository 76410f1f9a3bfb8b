"""The frame of mindlog's printable HTML pages: one self-contained document, made to print.

Pure: it returns strings. A page loads nothing from anywhere: no scripts, no fonts, no images
from elsewhere; its styles are in the page itself, and a Content-Security-Policy says so to the
browser too. Every piece of the person's text goes through ``esc``: made visible (no control
characters) and HTML-escaped, so it is always shown as written and never read as markup.
"""

from __future__ import annotations

import html
import re
from datetime import date

from mindlog.domain.safe import visible

# Nothing may be fetched: styles only from the page itself, pictures only as data.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
:root { color-scheme: light; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: Georgia, 'DejaVu Serif', serif; color: #222; background: #fff;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #bbb; padding-bottom: .15rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
h1, h2, h3, h2 + p.meta, h3 + p.guide { break-after: avoid; page-break-after: avoid; }
p.meta, p.guide, .muted { color: #555; font-size: .9rem; }
p.guide { font-style: italic; margin: 0 0 .4rem; }
blockquote { margin: .5rem 0; padding: .3rem .9rem; border-left: 4px solid #7aa; background: #f4f8f8; }
ul { margin: .3rem 0 .6rem; padding-left: 1.3rem; }
li { margin: .15rem 0; white-space: pre-wrap; break-inside: avoid; page-break-inside: avoid; }
.write-in { border-bottom: 1px solid #999; height: 1.6rem; }
section { break-inside: avoid; page-break-inside: avoid; }
section.long { break-inside: auto; page-break-inside: auto; }
section.plan { break-before: page; page-break-before: always; }
figure { margin: .6rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: .9rem; color: #444; break-after: avoid; page-break-after: avoid; }
svg text { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 11px; fill: #333; }
table.calendar { border-collapse: collapse; margin: .3rem 1.2rem .8rem 0; display: inline-table;
                 vertical-align: top; font-size: .75rem; break-inside: avoid; page-break-inside: avoid; }
table.calendar caption { font-weight: bold; text-align: left; padding-bottom: .2rem; }
table.calendar th { font-weight: normal; color: #666; width: 1.6rem; }
table.calendar td { width: 1.6rem; height: 1.4rem; text-align: center; border: 1px solid #fff; }
.l0 { background: #f1f1f1; color: #666; } .l1 { background: #d8eed8; }
.l2 { background: #afdcaf; } .l3 { background: #7cc47c; } .rest { background: #dde6f6; }
.hard { background: #efe0f0; } .shown { background: #eef6ee; }
td.out { background: #fff; color: #bbb; }
.legend .key { white-space: nowrap; }
.legend .key span { display: inline-block; width: .9rem; height: .9rem; vertical-align: middle;
                    margin: 0 .2rem 0 .6rem; }
.help { border: 2px solid #7aa; padding: .4rem .9rem; border-radius: 6px;
        break-inside: avoid; page-break-inside: avoid; }
@page { margin: 14mm; }
@media print {
  body { margin: 0 auto; max-width: none; font-size: 10.5pt; line-height: 1.35; }
  a { color: inherit; text-decoration: none; }
  h2 { margin-top: 1.1rem; }
  .plan-sections { columns: 2; column-gap: 1.6rem; }
  .plan-sections section { break-inside: avoid; page-break-inside: avoid; }
  .plan-sections h2, .plan-sections h3 { margin-top: .4rem; }
  .plan-sections .write-in { height: 1.3rem; }
}
"""


def esc(text: str) -> str:
    """The person's text, literal and harmless inside HTML (elements and attributes alike)."""
    if text.isprintable() and _TO_ESCAPE.search(text) is None:
        return text  # nothing to escape or to show differently (the usual case)
    return html.escape(visible(text), quote=True)


_TO_ESCAPE = re.compile("[&<>\"']")  # what html.escape(..., quote=True) changes


def long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def page(title: str, body: list[str]) -> str:
    """A whole HTML document: ``title`` (plain text, escaped here) and the body's parts."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{esc(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
