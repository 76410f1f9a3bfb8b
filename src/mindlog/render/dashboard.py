"""The dashboard (``mindlog``, ``mindlog today``), drawn with rich (the statement alone, as
`commit --show` shows it: mindlog.render.statement).

Rendering only: it is handed the journal (or the cache's view of it) and the day.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from mindlog.domain.days import friendly
from mindlog.domain.journal import Today
from mindlog.domain.safe import one_line, visible
from mindlog.render import out
from mindlog.render.base import (
    Adaptive,
    Layout,
    bullets,
    frame,
    inner_width,
    label_gap,
    prose,
    show,
    user_text,
    wrap_phrases,
)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def dashboard(
    journal: Today,
    today: date,
    routine: list[str],
    practice: list[str] | None = None,
    target: Console | None = None,
    welcome: list[str] | None = None,
) -> None:
    """Today's view: statement, morning routine, today's wins, a line per practice, one past win.

    ``welcome`` (a welcome back after time away) opens the view, before anything else."""
    from rich.text import Text

    statement = journal.statement()
    morning = journal.morning(today)
    done = set(morning.fields.get("done", [])) if morning else set()
    wins = journal.on(today, "win")
    past = journal.resurface(today)

    from mindlog.render.checkins import today_lines

    def build(layout: Layout) -> RenderableType:
        from rich.console import Group

        width = inner_width(layout)
        parts: list[Any] = [prose(line, width, "bold green") for line in welcome or []]
        if parts:
            parts.append(Text())
        if statement is not None and statement.text:
            label = "Your why" + label_gap()
            line = Text(label, style="bold cyan")
            room = min(width, 110 + len(label)) - len(label)
            line.append_text(user_text(out.fit(one_line(statement.text, 400), room), "italic"))
            parts.append(line)
        else:
            parts.append(
                prose(
                    f"Your why{label_gap()}write it when you are ready: mindlog commit",
                    width,
                    "dim",
                )
            )
        parts.append(Text())

        parts.append(Text("This morning", style="bold"))
        rows: list[tuple[Text, Text]] = []
        if not routine:
            rows.append((Text("  "), Text("no routine items yet: mindlog routine add TEXT", "dim")))
        done_mark, open_mark = ("  done: ", "  not yet: ") if layout.linear else ("  ✓ ", "  · ")
        for item in routine:
            if item in done:
                rows.append((Text(done_mark, style="green"), user_text(one_line(item, 70))))
            else:
                rows.append((Text(open_mark, style="dim"), user_text(one_line(item, 70))))
        if morning is None:
            rows.append((Text("  "), Text("when you are ready: mindlog morning", "dim")))
        parts.append(bullets(rows))
        parts.append(Text())

        parts.append(Text(f"Today's wins ({len(wins)})" if wins else "Today's wins", style="bold"))
        rows = []
        for win in wins:
            text = user_text(one_line(win.text or "", 90))
            if win.tags:
                text.append(" " + " ".join("#" + one_line(t, 40) for t in win.tags), style="dim")
            rows.append((Text("  " if layout.linear else "  ★ ", style="yellow"), text))
        if not wins:
            rows.append((Text("  "), Text("any effort counts: mindlog win", "dim")))
        parts.append(bullets(rows))

        if practice:
            parts.append(Text())
            for practice_line in practice:
                shown = wrap_phrases(visible(practice_line), width, indent=2)
                shown.stylize("cyan")
                parts.append(shown)

        kind_lines = today_lines(journal, today, width)
        if kind_lines:
            parts.append(Text())
            parts.extend(kind_lines)

        if past is not None:
            parts.append(Text())
            label = f"From {one_line(friendly(past.day), 40)}"
            said = user_text(one_line(past.text or "", 90), "italic")
            if layout.linear:
                row = Text(label + label_gap())
                row.append_text(said)
                parts.append(row)
            elif layout.narrow:
                parts.append(Text(label, style="bold magenta"))
                parts.append(bullets([(Text("  "), said)]))
            else:
                row = Text(label + "  ", style="bold magenta")
                row.append_text(said)
                parts.append(row)

        footer = "Need someone to talk to? mindlog support"
        return frame(Group(*parts), friendly(today.isoformat()), footer, layout)

    show(Adaptive(build), target)
