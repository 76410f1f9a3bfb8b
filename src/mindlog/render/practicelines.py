"""Practices of your own as lines: the table of `mindlog practice list`, written without rich.

`streaks` shows the same lines, styled (mindlog.render.practices.practice_table): one layout for
both. Rendering only: it is handed mindlog.domain.practices' figures.

On a wide terminal, and piped, a table of five columns aligned with spaces (no frame: it reads
the same on any terminal, in any encoding); on a terminal narrower than ``out.NARROW`` columns,
or too narrow for the table, a few stacked lines a practice; in the accessible mode, a sentence
a practice. Each line comes with its style (``Row``): "bold", "dim" or "" (plain output shows
none).
"""

from __future__ import annotations

from collections.abc import Sequence

from mindlog.domain import practices
from mindlog.domain.safe import one_line, visible
from mindlog.render import out

Row = tuple[str, str]  # (style, line): the style is for a screen drawn with rich

HEADINGS = ("your practices", "aim", "days shown up", "strength", "now")
GAP = "  "  # between columns
STRENGTH_WIDTH = 15  # the strength column, wide enough for a bar and its percentage


def bar(strength: float, width: int = 10) -> str:
    """A practice's strength as a bar of ``width`` blocks and its percentage; said in words in
    the accessible mode."""
    from mindlog.domain import words

    if out.linear():
        return f"strength {words.percent(strength)}"
    filled = round(max(0.0, min(strength, 1.0)) * width)
    return "█" * filled + "░" * (width - filled) + f" {words.percent(strength):>4}"


def rows(
    figures: Sequence[practices.Figures], width: int | None, used: int | None = None
) -> list[Row]:
    """Your practices for a terminal ``width`` columns wide (None: piped, never wrapped), and
    below them a line for each practice that devices gave different aims."""
    room = out.PIPED_WIDTH if width is None else width
    if out.linear():
        found = _said(figures, room, used)
    elif width is not None and width < out.NARROW:
        found = _stacked(figures, room, used)
    else:
        found = _table(figures, width, used) or _stacked(figures, room, used)
    return found + choices(figures, room)


def lines(figures: Sequence[practices.Figures], width: int | None, used: int | None = None) -> str:
    """``rows`` as plain text, a newline after each line (safe: mindlog.domain.safe.visible)."""
    return visible("".join(line + "\n" for _, line in rows(figures, width, used)))


def choices(figures: Sequence[practices.Figures], width: int) -> list[Row]:
    """A line for each practice that devices gave different aims: both are shown, none dropped."""
    found = [practices.choice_words(f.practice) for f in figures]
    return [("", line) for said in found if said for line in out.wrap(said, width)]


def _name(figure: practices.Figures) -> str:
    return one_line(figure.practice.name, practices.MAX_NAME)


def _strength(figure: practices.Figures, used: int | None) -> str:
    said = figure.building(used)
    return bar(figure.streak.strength) if said is None else said


def _said(figures: Sequence[practices.Figures], width: int, used: int | None) -> list[Row]:
    """The accessible mode: a heading, then a sentence a practice, its figures in order."""
    from mindlog.render.spoken import labelled

    said: list[Row] = [("bold", "Your practices")]
    for figure in figures:
        label = _name(figure) + (", done today" if figure.done_today else "")
        total = figure.streak.total_days
        phrases = [
            f"aim {practices.short_target(figure.practice.per_week)}",
            f"{practices.days_words(total)} shown up" if total else "",
            _strength(figure, used),
            practices.run_words(figure),
        ]
        sentence = label + labelled("", phrases)
        said += [("", line) for line in out.wrap(sentence, width, commands=False)]
    return said


def _stacked(figures: Sequence[practices.Figures], width: int, used: int | None) -> list[Row]:
    """A narrow screen: the name, then its aim, days and strength, then its run."""
    found: list[Row] = []
    for figure in figures:
        total = figure.streak.total_days
        said = [practices.short_target(figure.practice.per_week)]
        if total:  # none yet: "ready when you are" follows, once
            said.append(f"{practices.days_words(total)} shown up")
        mark = " ✓" if figure.done_today else ""
        found += [("bold", line) for line in out.wrap(_name(figure) + mark, width, commands=False)]
        figures_line = f"  {' · '.join(said)}  {_strength(figure, used)}"
        found += [("", line) for line in out.wrap(figures_line, width, commands=False)]
        run = "  " + practices.run_words(figure)
        found += [("dim", line) for line in out.wrap(run, width, commands=False)]
    return found


def _table(figures: Sequence[practices.Figures], width: int | None, used: int | None) -> list[Row]:
    """The table, its columns aligned with spaces; empty when it is wider than ``width``."""
    table = [
        (
            _name(figure) + (" ✓" if figure.done_today else ""),
            practices.short_target(figure.practice.per_week),
            str(figure.streak.total_days),
            _strength(figure, used),
            practices.run_words(figure),
        )
        for figure in figures
    ]
    sizes = [max(out.cells(row[n]) for row in [HEADINGS, *table]) for n in range(len(HEADINGS))]
    sizes[3] = max(sizes[3], STRENGTH_WIDTH)
    if width is not None and sum(sizes) + len(GAP) * (len(sizes) - 1) > width:
        return []

    def line(row: Sequence[str]) -> str:
        padded = [
            " " * (size - out.cells(cell)) + cell
            if n == 2
            else cell + " " * (size - out.cells(cell))
            for n, (cell, size) in enumerate(zip(row, sizes, strict=True))
        ]
        return GAP.join(padded).rstrip()

    return [("bold", line(HEADINGS)), *(("", line(row)) for row in table)]
