"""The figures of practices of one's own, as `practice list`, `streaks`, the dashboard and the
greeting show them: a module of its own, so that `practice list` imports no more than it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from mindlog.cache.view import Cached, Full
    from mindlog.domain.practices import Figures


def own_figures(journal: Cached | Full, today: date) -> list[Figures]:
    """The figures of practices of one's own (mindlog.domain.practices.figures), worked out from
    their few definitions, rests and hard days and the marks of the days done: never an entry
    for each of fifty years of days."""
    from mindlog.domain import practices

    return practices.figures(journal.of_kind(*practices.SETUP), today, journal.practice_marks())
