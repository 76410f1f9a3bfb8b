"""The support plan: its sections, its items, and its text form for an editor.

Pure: no files, no screen. The plan follows the six steps of a well-known safety plan, in
mindlog's own words, with reasons for living first (as safety-plan apps and the template itself
add them). Its file is kept by mindlog.store.planfile; the crisis table lives in mindlog.domain.crisis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from mindlog.domain.errors import MindlogError
from mindlog.domain.record import field, record
from mindlog.domain.safe import one_line

FORMAT = 1

# key -> (heading, a line of guidance); the order is the order of the plan.
SECTIONS: dict[str, tuple[str, str]] = {
    "reasons": (
        "My reasons for living",
        "What matters to me and keeps me going: people, hopes, things I want to see or do.",
    ),
    "signs": (
        "Warning signs",
        "Thoughts, feelings or situations that tell me a hard time may be coming.",
    ),
    "coping": (
        "Things I can do on my own",
        "Small things that take my mind off it or calm me down.",
    ),
    "places": (
        "People and places that help me feel better",
        "Company or places that lift me, even without talking about how I feel.",
    ),
    "people": (
        "People I can ask for help",
        "Friends or family I can tell that I am struggling, and how to reach them.",
    ),
    "professionals": (
        "Professionals and services",
        "My doctor, therapist or care team, and services I can call; with their numbers.",
    ),
    "safety": (
        "Making my surroundings safer",
        "What I can put away or ask someone to keep, so a hard moment stays safer.",
    ),
}

MAX_ITEM = 2000  # characters; a plan item is a line, not an essay


class PlanError(MindlogError):
    """Something the person asked of the plan that cannot be done (message meant for them)."""


@record
class Plan:
    sections: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in SECTIONS})
    extra: dict[str, Any] = field(default_factory=dict)  # anything else in the file, kept as it is

    @property
    def empty(self) -> bool:
        return not any(self.sections.get(k) for k in SECTIONS)

    def filled(self) -> list[str]:
        """The keys of the sections that have something in them, in the plan's order."""
        return [k for k in SECTIONS if self.sections.get(k)]

    def to_json(self) -> dict[str, Any]:
        return {**self.extra, "support_plan": FORMAT, "sections": self.sections}

    @classmethod
    def from_json(cls, data: Any) -> Plan:
        """The plan in ``data`` (None: an empty plan); ValueError when it is not a plan."""
        if data is None:
            return cls()
        if not isinstance(data, dict) or not isinstance(data.get("sections"), dict):
            raise ValueError("not a support plan")
        sections: dict[str, list[str]] = {k: [] for k in SECTIONS}
        for key, items in data["sections"].items():
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise ValueError(f"section {key!r} is not a list of lines")
            sections[key] = list(items)  # unknown sections are kept too
        extra = {k: v for k, v in data.items() if k not in ("support_plan", "sections")}
        return cls(sections, extra)


def lower_heading(key: str) -> str:
    """A section's heading inside a sentence: "people I can ask for help"."""
    heading = SECTIONS[key][0]
    if heading.startswith("My "):
        return "my " + heading[3:]
    return heading[0].lower() + heading[1:]


def names() -> str:
    """The section keys as a sentence ends them: "reasons, signs, ... or safety"."""
    keys = list(SECTIONS)
    return ", ".join(keys[:-1]) + " or " + keys[-1]


# -- sections and items ------------------------------------------------------------------------


def section_key(word: str) -> str:
    """A section by its key or the start of it (any case): ``prof`` -> ``professionals``."""
    wanted = word.strip().lower()
    if wanted in SECTIONS:
        return wanted
    matches = [k for k in SECTIONS if wanted and k.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    raise PlanError(
        f"{word!r} is not a section of the plan; the sections are: {', '.join(SECTIONS)}"
    )


def items_from(text: str) -> list[str]:
    """The plan items in a piece of text: one per non-empty line, without a leading bullet."""
    items = []
    for line in text.splitlines():
        item = _unbullet(line)
        if item:
            if len(item) > MAX_ITEM:
                raise PlanError(
                    f"a line of the plan can be at most {MAX_ITEM} characters; nothing was saved"
                )
            items.append(item)
    return items


def _unbullet(line: str) -> str:
    item = line.strip()
    if item[:2] in ("- ", "* ", "• "):
        item = item[2:].strip()
    elif item in ("-", "*", "•"):
        item = ""
    return item


# -- the plan as text for an editor, and back ---------------------------------------------------

EDIT_INTRO = (
    "# Your support plan, in your own words.\n"
    "# Write one thing per line under each heading. Leave a section empty if it does not fit you.\n"
    "# The lines in [brackets] name the sections: keep them. mindlog's own lines starting with #,\n"
    "# like these, are not saved; every line you write is kept, lines starting with # too.\n"
)

_HEADING = re.compile(r"^\s*\[\s*([A-Za-z]+)\s*\]")


def to_text(plan: Plan) -> str:
    """The plan for an editor: the guidance, then each section's heading, its line of guidance
    and its items, one a line (bulleted, so an item starting with ``#`` or ``[`` reads as one)."""
    parts = [EDIT_INTRO]
    for key, (heading, guidance) in SECTIONS.items():
        parts.append(f"\n[{key}] {heading}\n# {guidance}\n")
        parts.extend(f"- {item}\n" for item in plan.sections.get(key, []))
    return "".join(parts)


def fix_note(message: str) -> str:
    """The line above the text when the editor opens again on a plan that needs a fix."""
    return f"# To fix: {one_line(message, 200)}"


def guidance_lines(notes: Iterable[str] = ()) -> frozenset[str]:
    """The lines mindlog writes into the plan's text (and ``notes``, lines it added), exactly as
    written: the only lines ``from_text`` leaves out besides the [section] headings."""
    ours = [*EDIT_INTRO.splitlines(), *(f"# {guide}" for _, guide in SECTIONS.values()), *notes]
    return frozenset(line.strip() for line in ours)


def from_text(text: str, notes: Iterable[str] = ()) -> dict[str, list[str]]:
    """Sections and their items from edited text; PlanError saying what to fix when unclear.

    Every line the person wrote is kept as an item of the section it is under, a line starting
    with ``#`` too (``#1 reason: my kids``); only blank lines, the headings and mindlog's own
    lines of guidance, exactly as ``to_text`` wrote them (and the ``notes`` it added), are left
    out. Only the sections whose heading is in the text are returned: a heading deleted by
    accident leaves that section as it was.
    """
    ours = guidance_lines(notes)
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        if not line.strip() or line.strip() in ours:
            continue
        heading = _HEADING.match(line)
        if heading:
            key = heading.group(1).lower()
            if key not in SECTIONS:
                raise PlanError(
                    f"[{heading.group(1)}] is not a section; "
                    f"the sections are: {', '.join(SECTIONS)}"
                )
            current = key
            sections.setdefault(key, [])
            continue
        if current is None:
            raise PlanError(
                f"{one_line(line, 30)!r} is not under a [section] heading; "
                "write each line under one of them"
            )
        sections[current].extend(items_from(line))
    return sections
