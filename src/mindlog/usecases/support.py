"""Reaching out: the support plan and where to find help, shown come what may.

``mindlog support`` and ``support --print`` (mindlog.cli.support) and the HTML export's plan part
(mindlog.cli.companion) read the plan and the country here. Nothing may keep the plan from showing
where to find help: a damaged plan or settings file is said in a note, and the crisis pointer
still follows. The plan's file is mindlog.store.planfile; its lines are mindlog.render.support.
"""

from __future__ import annotations

from mindlog.domain.crisis import country_code
from mindlog.domain.errors import MindlogError
from mindlog.domain.plan import Plan
from mindlog.render import out
from mindlog.store import config
from mindlog.store.paths import Locations, locations
from mindlog.usecases import personal


def plan_and_country(
    country_option: str | None,
) -> tuple[Plan | None, str | None, str | None, bool]:
    """The plan (or the problem reading it) and the country to point to, come what may; the
    last value is False when --country was unusable (then the setting is not used either).

    The plan and the country are the journal's (mindlog.usecases.personal); when the journal
    cannot be read, the country is this computer's copy in config.json."""
    where: Locations | None = None
    plan: Plan | None = None
    problem: str | None = None
    country: str | None = None
    settings_read = False
    try:
        where = locations()
        from mindlog.usecases.session import Session

        session = Session()
        settings_read = True
        country = _code(session.config.values.get("country"))
        readable = personal.readable_plan(session.where)  # locked, and kept readable
        if readable is not None and country is None:
            country = _code(readable[1].get("country"))
        plan = readable[0] if readable is not None else personal.plan(session)
        left = personal.left_behind(session.where, personal.PLAN_FILE)
        if left is not None and plan.empty:
            plan, problem = None, left  # as before: the damaged file said, and kept
        elif left is not None:
            out.note(left)
    except MindlogError as exc:
        problem = exc.message
    except Exception as exc:  # noqa: BLE001 - nothing may keep the plan from showing help
        problem = str(exc) or type(exc).__name__
    if country_option is not None:
        try:
            return plan, problem, country_code(country_option), True
        except ValueError as exc:
            out.note(str(exc))
            return plan, problem, None, False
    if not settings_read and where is not None:
        country = country_setting(where)
    return plan, problem, country, True


def _code(value: object) -> str | None:
    try:
        return None if value is None else country_code(str(value))
    except ValueError:
        out.note(
            "the country setting is not a two-letter code; "
            "change it with: mindlog config country CC"
        )
        return None


def show_support(country_option: str | None) -> bool:
    """Print the plan and the crisis pointer, come what may; False when --country was unusable."""
    plan, problem, country, ok = plan_and_country(country_option)
    from mindlog.render.support import crisis_lines, support_lines

    try:
        lines = support_lines(plan, problem, country)
    except Exception:  # noqa: BLE001 - then at least the pointer to help
        lines = crisis_lines(country)
    for line in lines:
        try:
            out.say(line)
        except Exception:  # noqa: BLE001, S112 - one line that cannot be shown must not hide the rest
            continue
    return ok


def country_setting(where: Locations) -> str | None:
    try:
        settings = config.load(where)
        if settings.problem:
            out.note(settings.problem)
        value = settings.values.get("country")
        return None if value is None else country_code(value)
    except ValueError:
        out.note(
            "the country setting is not a two-letter code; "
            "change it with: mindlog config country CC"
        )
    except Exception:  # noqa: BLE001, S110 - the settings are optional here
        pass
    return None
