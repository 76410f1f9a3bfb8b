"""The support plan's file of earlier versions: ``support.json`` in the data folder. The plan now
lives in the journal (mindlog.usecases.personal takes this file in once); this module reads it
(and is kept for the tests and tools that write one as an earlier version did).

Storage only: the plan's sections and items are mindlog.domain.plan (pure), the crisis table is
mindlog.domain.crisis. The file is 0600 and written atomically under a lock; a damaged file is never
overwritten. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mindlog.domain.plan import Plan
from mindlog.store import jsonfile
from mindlog.store.paths import Locations

FILE_NAME = "support.json"


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
