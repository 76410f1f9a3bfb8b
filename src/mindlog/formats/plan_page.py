"""The support plan as one printable page, in Markdown or HTML, with where to find crisis help.

Pure: it is handed the plan, the country and the day, and returns the document. Empty sections
keep a little room to write by hand, as the paper template does. The person's words are shown
literally: escaped for Markdown (mindlog.formats.mdtext.md_text) and for HTML (mindlog.formats.htmlpage.esc).
"""

from __future__ import annotations

from datetime import date

from mindlog.domain.crisis import crisis, pointer
from mindlog.domain.plan import SECTIONS, Plan
from mindlog.formats.htmlpage import esc, long_day, page
from mindlog.formats.mdtext import md_text

TITLE = "My support plan"
INTRO = "In my own words, kept with mindlog. I choose who reads it."
HELP_HEADING = "Where to find help right now"
UNREADABLE = "My plan could not be read just now ({problem}). Where to find help is below."
ROOM = "Room to write by hand:"


def _verified(country: str | None) -> str:
    found = crisis(country)
    if found is None:
        return ""
    days = sorted({r.verified for r in found[1]})
    return f"Numbers last verified {', '.join(days)}."


def _printed(day: date | None) -> str:
    return f"Printed {long_day(day)}. " if day else ""


def markdown(plan: Plan | None, country: str | None, day: date | None, problem: str = "") -> str:
    lines = [f"# {TITLE}", "", f"_{_printed(day)}{INTRO}_", ""]
    if plan is None:
        lines += [UNREADABLE.format(problem=md_text(problem or "unknown", first=True)), ""]
    else:
        lines += plan_markdown(plan)
    lines += [f"## {HELP_HEADING}", ""]
    lines += [f"- {line}" for line in pointer(country)]
    verified = _verified(country)
    if verified:
        lines += ["", f"_{verified}_"]
    return "\n".join(lines) + "\n"


def plan_markdown(plan: Plan, level: str = "##") -> list[str]:
    lines: list[str] = []
    for key, (heading, guidance) in SECTIONS.items():
        lines += [f"{level} {heading}", "", f"_{guidance}_", ""]
        items = plan.sections.get(key) or []
        if items:
            lines += [f"- {md_text(item, first=True)}" for item in items]
        else:
            lines += [f"_{ROOM}_", "", "- ", "- "]
        lines.append("")
    return lines


def plan_html(plan: Plan, level: int = 2) -> list[str]:
    """The plan's sections, in two columns on paper so that a plan fits one page."""
    parts: list[str] = ['<section class="long plan-sections">']
    for key, (heading, guidance) in SECTIONS.items():
        items = plan.sections.get(key) or []
        parts.append(f'<section class="plan-{key}">')
        parts.append(f"<h{level}>{esc(heading)}</h{level}>")
        parts.append(f'<p class="guide">{esc(guidance)}</p>')
        if items:
            parts.append("<ul>")
            parts += [f"<li>{esc(item)}</li>" for item in items]
            parts.append("</ul>")
        else:
            parts.append(f'<p class="muted">{esc(ROOM)}</p>')
            parts += ['<div class="write-in"></div>'] * 2
        parts.append("</section>")
    parts.append("</section>")
    return parts


def help_html(country: str | None, level: int = 2) -> list[str]:
    parts = [f'<section class="help"><h{level}>{esc(HELP_HEADING)}</h{level}>', "<ul>"]
    parts += [f"<li>{esc(line)}</li>" for line in pointer(country)]
    parts.append("</ul>")
    verified = _verified(country)
    if verified:
        parts.append(f'<p class="meta">{esc(verified)}</p>')
    parts.append("</section>")
    return parts


def html(plan: Plan | None, country: str | None, day: date | None, problem: str = "") -> str:
    body = [f"<h1>{esc(TITLE)}</h1>", f'<p class="meta">{esc(_printed(day) + INTRO)}</p>']
    if plan is None:
        body.append(f"<p>{esc(UNREADABLE.format(problem=problem or 'unknown'))}</p>")
    else:
        body += plan_html(plan)
    body += help_html(country)
    return page(TITLE, body)
