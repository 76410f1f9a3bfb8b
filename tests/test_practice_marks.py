"""The days of practices of one's own are read as marks (mindlog.domain.practices.Marked): the
cache and a full replay give the same, the figures from them are the figures from every entry,
and the everyday views never make an entry of each day done."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import stored
from mindlog import cache
from mindlog.cache.view import Cached, Full
from mindlog.domain import practices
from mindlog.domain.model import Entry
from mindlog.store.paths import locations
from mindlog.usecases import login

TODAY = date(2026, 11, 28)


def entry(n: int, kind: str, day: date, **fields: object) -> Entry:
    return Entry(
        f"e{n:04d}",
        kind,
        day.isoformat(),
        f"{day.isoformat()}T09:00:00+00:00",
        None,
        [],
        dict(fields),
    )


def test_figures_from_marks_are_the_figures_from_every_entry():
    walk = entry(1, "practicedef", TODAY - timedelta(days=60), name="walk", per_week=7)
    twin = entry(2, "practicedef", TODAY - timedelta(days=50), name="Walk", per_week=3)
    swim = entry(3, "practicedef", TODAY - timedelta(days=40), name="swim", per_week=2)
    found = [walk, twin, swim]
    for n in range(60):
        day = TODAY - timedelta(days=n)
        if n % 5 == 0:  # by name, in another case
            found.append(entry(100 + n, "practice", day, name="WALK"))
        elif n % 5 == 1:  # by the twin's id
            found.append(entry(100 + n, "practice", day, name="walk", practice_id="e0002"))
        elif n % 5 == 2:  # a removed practice's id: by its name
            found.append(entry(100 + n, "practice", day, name="swim", practice_id="gone"))
        elif n % 5 == 3:
            found.append(entry(100 + n, "rest", day, practice_id="e0003"))
        else:
            found.append(entry(100 + n, "setback", day))
    found.append(entry(999, "practice", TODAY, name="walk", practice_id="e0001"))
    found.append(entry(998, "practice", date(2026, 1, 1), practice_id="e0001"))  # no name
    setup = [e for e in found if e.kind in practices.SETUP]
    marked = practices.marks(found)
    assert practices.figures(setup, TODAY, marked) == practices.figures(found, TODAY)
    assert [len(f.done_days) for f in practices.figures(found, TODAY)] == [25, 12]
    start = TODAY - timedelta(days=6)
    assert practices.in_period(setup, start, TODAY, marked) == practices.in_period(
        found, start, TODAY
    )


def test_the_cache_gives_the_marks_a_replay_gives_and_greet_reads_no_day_as_an_entry(
    run, monkeypatch
):
    run("practice", "add", "walk")
    run("practice", "add", "swim", "--per-week", "2")
    for n in range(0, 40, 3):
        run("did", "walk", "--date", (TODAY - timedelta(days=n)).isoformat())
    run("did", "swim")
    view = cache.open_view(locations())
    assert isinstance(view, Cached)
    journal = stored()
    assert view.practice_marks() == Full(journal).practice_marks()
    assert sorted(len(m.days) for m in view.practice_marks()) == [1, 14]

    asked: list[tuple[str, ...]] = []
    of_kind = Cached.of_kind

    def spy(self: Cached, *kinds: str) -> list[Entry]:
        asked.append(kinds)
        return of_kind(self, *kinds)

    monkeypatch.setattr(Cached, "of_kind", spy)
    greeting = login.figures(view, TODAY)
    assert greeting.own == (2, 2)
    assert not any("practice" in kinds for kinds in asked)
