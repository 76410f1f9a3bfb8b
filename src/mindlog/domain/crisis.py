"""Where to find crisis help: a number only where it was verified, with the day it was checked.

Pure data and lookups. Everyone else, and everyone who has not set a country, is pointed to
https://findahelpline.com. No country's number is shown to everyone as a default.
"""

from __future__ import annotations

from typing import Any

from mindlog.domain.record import record

FIND_A_HELPLINE = "https://findahelpline.com"
EMERGENCY = "If you are in immediate danger, call your local emergency number."


@record(frozen=True)
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


def pointer(country: str | None) -> list[str]:
    """Where to find help, as plain sentences (no indentation), for any screen or page."""
    found = crisis(country)
    lines = []
    if found is not None:
        name, resources = found
        for resource in resources:
            lines.append(
                f"{name}: {resource.name}, {resource.how} ({resource.detail}); "
                f"last verified {resource.verified}"
            )
    elif country:
        lines.append(f"Helplines for your country ({country}) and every other: {FIND_A_HELPLINE}")
    else:
        lines.append(f"Helplines for every country: {FIND_A_HELPLINE}")
    lines.append(EMERGENCY)
    return lines
