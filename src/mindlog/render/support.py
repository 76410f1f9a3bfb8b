"""`mindlog support` as plain lines: the person's own plan first, then where to find help now.

Plain text on purpose (no rich): this view may be reached on a hard day, on a slow machine, in a
damaged installation, and it must appear at once. Every item is made safe to show.
"""

from __future__ import annotations

from mindlog.domain.crisis import EMERGENCY, FIND_A_HELPLINE, crisis
from mindlog.domain.plan import SECTIONS, Plan
from mindlog.domain.safe import visible

PLAN_TITLE = "Your support plan"
HELP_TITLE = "Where to find help right now"


def plan_lines(plan: Plan | None, problem: str | None = None) -> list[str]:
    """The plan, section by section; a gentle invitation when it is empty; one line on a problem."""
    if plan is None:
        return [f"{PLAN_TITLE} could not be read: {problem or 'unknown problem'}"]
    if plan.empty:
        return [
            "Your support plan is empty for now.",
            "When you feel ready, it can hold your reasons for living, your warning signs, what "
            "helps you, and the people and professionals you can turn to, in your own words. "
            "Starting small is fine:",
            "  mindlog support add reasons    what matters to you and keeps you going",
            "  mindlog support add people     someone you could tell that you are struggling",
            "  mindlog support --edit         the whole plan in your editor",
        ]
    lines = [PLAN_TITLE]
    open_sections = []
    for key, (heading, _) in SECTIONS.items():
        items = plan.sections.get(key) or []
        if not items:
            open_sections.append(key)
            continue
        lines += ["", f"{heading}  [{key}]"]
        lines += [
            f"  {n}. {visible(item, newlines=False)}" for n, item in enumerate(items, start=1)
        ]
    if open_sections:
        lines += [
            "",
            f"Room to add, whenever you like: {', '.join(open_sections)}",
            "  mindlog support add SECTION    or    mindlog support --edit",
        ]
    return lines


def crisis_lines(country: str | None) -> list[str]:
    """Where to find crisis help: bundled, verified numbers only for the person's own country."""
    lines = [HELP_TITLE]
    found = crisis(country)
    if found is not None:
        name, resources = found
        for resource in resources:
            lines.append(f"  {name}: {resource.name}, {resource.how} ({resource.detail})")
            lines.append(f"    last verified {resource.verified}")
    elif country:
        lines.append(f"  Helplines for your country ({country}) and every other: {FIND_A_HELPLINE}")
    else:
        lines.append(f"  Helplines for every country: {FIND_A_HELPLINE}")
        lines.append(
            "  To show your country's line here: mindlog config country CC (like US or GB)"
        )
    lines.append(f"  {EMERGENCY}")
    return lines


def support_lines(plan: Plan | None, problem: str | None, country: str | None) -> list[str]:
    return [*plan_lines(plan, problem), "", *crisis_lines(country)]
