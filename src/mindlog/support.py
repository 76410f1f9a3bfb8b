"""The support plan and where to find crisis help: kept apart from the journal, so that
``mindlog support`` works even when the journal or the settings cannot be read.

The plan follows the six steps of a well-known safety plan, in mindlog's own words. It lives in
``support.json`` in the data folder (0600, written atomically under a lock). The crisis table
bundles a number only where it was verified, with the date it was last checked; everyone else,
and everyone who has not set a country, is pointed to https://findahelpline.com.
Pure apart from ``load`` and ``change``, which read and write the plan's file; nothing here prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mindlog import jsonfile
from mindlog.errors import MindlogError
from mindlog.paths import Locations
from mindlog.safe import one_line

FILE_NAME = "support.json"
FORMAT = 1

# key -> (heading, a line of guidance); the order is the order of the plan.
SECTIONS: dict[str, tuple[str, str]] = {
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


@dataclass
class Plan:
    sections: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in SECTIONS})
    extra: dict[str, Any] = field(default_factory=dict)  # anything else in the file, kept as it is

    @property
    def empty(self) -> bool:
        return not any(self.sections.get(k) for k in SECTIONS)

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
    return heading[0].lower() + heading[1:]


def path_of(where: Locations) -> Path:
    return where.data / FILE_NAME


def load(where: Locations) -> Plan:
    """The stored plan (empty when there is none); jsonfile.Damaged when it cannot be used."""
    path = path_of(where)
    data = jsonfile.read(path)
    try:
        return Plan.from_json(data)
    except ValueError:
        raise jsonfile.Damaged(f"{path} is damaged; it is kept as it is") from None


def change(where: Locations, edit: Callable[[Plan], None], *, additive: bool = False) -> Plan:
    """Apply ``edit`` to the stored plan and save it, under the plan's lock (``additive``: an
    edit that only adds, kept sealed beside the plan on a locked encrypted journal)."""
    path = path_of(where)
    result: list[Plan] = []

    def apply(data: Any) -> Any:
        try:
            plan = Plan.from_json(data)
        except ValueError:
            raise jsonfile.Damaged(
                f"{path} is damaged; it is kept as it is, and nothing was changed"
            ) from None
        edit(plan)
        result.append(plan)
        return plan.to_json()

    jsonfile.update(path, apply, additive=additive)
    return result[0]


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
    "# Your support plan, in your own words. It stays on this computer, apart from your journal.\n"
    "# Write one thing per line under each heading. Leave a section empty if it does not fit you.\n"
    "# The lines in [brackets] name the sections: keep them. Lines starting with # are not saved.\n"
)

_HEADING = re.compile(r"^\s*\[\s*([A-Za-z]+)\s*\]")


def to_text(plan: Plan) -> str:
    parts = [EDIT_INTRO]
    for key, (heading, guidance) in SECTIONS.items():
        parts.append(f"\n[{key}] {heading}\n# {guidance}\n")
        parts.extend(f"- {item}\n" for item in plan.sections.get(key, []))
    return "".join(parts)


def from_text(text: str) -> dict[str, list[str]]:
    """Sections and their items from edited text; PlanError saying what to fix when unclear.

    Only the sections whose heading is in the text are returned: a heading deleted by accident
    leaves that section as it was.
    """
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
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


# -- where to find crisis help ------------------------------------------------------------------

FIND_A_HELPLINE = "https://findahelpline.com"


@dataclass(frozen=True)
class Resource:
    name: str
    how: str  # what to do: "call or text 988"
    detail: str  # "free, 24/7"
    verified: str  # YYYY-MM-DD, when it was last checked against the service's own pages


_SAMARITANS = Resource("Samaritans", "call 116 123", "free, 24/7", "2026-11-28")
CRISIS: dict[str, tuple[str, tuple[Resource, ...]]] = {
    "US": (
        "United States",
        (
            Resource(
                "988 Suicide & Crisis Lifeline", "call or text 988", "free, 24/7", "2026-11-28"
            ),
        ),
    ),
    "GB": ("United Kingdom", (_SAMARITANS,)),
    "IE": ("Ireland", (_SAMARITANS,)),
}
ALIASES = {"UK": "GB"}  # not an ISO code, but what many people type


def country_code(value: Any) -> str:
    """A two-letter country code, upper case; ValueError with a message for the person if not."""
    if not isinstance(value, str):
        raise ValueError("the country setting is not a two-letter code like US, GB or DE")
    code = value.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise ValueError(f"{value!r} is not a two-letter country code like US, GB or DE")
    return ALIASES.get(code, code)


def crisis(country: str | None) -> tuple[str, tuple[Resource, ...]] | None:
    """The bundled, verified resources for ``country`` (its name and them), or None."""
    return CRISIS.get(country) if country else None
