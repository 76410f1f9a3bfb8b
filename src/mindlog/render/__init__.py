"""Everything drawn with rich. The only module that imports rich, and only inside functions.

User text always enters rich as ``Text`` made safe by ``mindlog.safe.visible``: it is never
parsed as markup and never carries escape sequences to the terminal. Rendering reads nothing
from disk: it is handed what it shows.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from mindlog.days import friendly
from mindlog.journal import Journal
from mindlog.model import Entry
from mindlog.safe import one_line, visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False, markup=False)


def user_text(text: str, style: str = "") -> Text:
    """A piece of user text, safe and literal."""
    from rich.text import Text

    return Text(visible(text), style=style)


def show(renderable: RenderableType, target: Console | None = None) -> None:
    (target or console()).print(renderable)


def show_statement(current: Entry | None, versions: int, target: Console | None = None) -> None:
    from rich.panel import Panel
    from rich.text import Text

    from mindlog import words

    if current is None or current.text is None:
        show(Text(words.NO_STATEMENT), target)
        return
    version_word = "version" if versions == 1 else "versions"
    subtitle = f"written {friendly(current.day)} · {versions} {version_word} kept"
    panel = Panel(
        user_text(current.text),
        title="Your commitment statement",
        subtitle=subtitle,
        border_style="cyan",
        padding=(1, 2),
    )
    show(panel, target)


def dashboard(
    journal: Journal,
    today: date,
    routine: list[str],
    practice: list[str] | None = None,
    target: Console | None = None,
    welcome: list[str] | None = None,
) -> None:
    """Today's view: statement, morning routine, today's wins, a line per practice, one past win.

    ``welcome`` (a welcome back after time away) opens the view, before anything else."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    parts: list[Any] = [Text(line, style="bold green") for line in welcome or []]
    if parts:
        parts.append(Text())
    statement = journal.statement()
    if statement is not None and statement.text:
        line = Text("Your why  ", style="bold cyan")
        line.append_text(user_text(one_line(statement.text, 110), "italic"))
        parts.append(line)
    else:
        parts.append(Text("Your why  write it when you are ready: mindlog commit", style="dim"))
    parts.append(Text())

    morning = journal.morning(today)
    done = set(morning.fields.get("done", [])) if morning else set()
    heading = Text("This morning", style="bold")
    parts.append(heading)
    if not routine:
        parts.append(Text("  no routine items yet: mindlog routine add TEXT", style="dim"))
    for item in routine:
        row = Text("  ✓ " if item in done else "  · ", style="green" if item in done else "dim")
        row.append_text(user_text(one_line(item, 70)))
        parts.append(row)
    if morning is None:
        parts.append(Text("  when you are ready: mindlog morning", style="dim"))
    parts.append(Text())

    wins = journal.on(today, "win")
    parts.append(Text(f"Today's wins ({len(wins)})" if wins else "Today's wins", style="bold"))
    for win in wins:
        row = Text("  ★ ", style="yellow")
        row.append_text(user_text(one_line(win.text or "", 90)))
        if win.tags:
            row.append(" " + " ".join("#" + visible(t) for t in win.tags), style="dim")
        parts.append(row)
    if not wins:
        parts.append(Text("  any effort counts: mindlog win", style="dim"))

    if practice:
        parts.append(Text())
        for line in practice:
            parts.append(Text(line, style="cyan"))

    # Today's check-in and, on a hard day, a kind word (mindlog.render.checkins).
    from mindlog.render.checkins import today_lines

    kind_lines = today_lines(journal, today)
    if kind_lines:
        parts.append(Text())
        parts.extend(kind_lines)

    past = journal.resurface(today)
    if past is not None:
        parts.append(Text())
        row = Text(f"From {friendly(past.day)}  ", style="bold magenta")
        row.append_text(user_text(one_line(past.text or "", 90), "italic"))
        parts.append(row)

    title = friendly(today.isoformat())
    footer = "Need someone to talk to? mindlog support"
    show(
        Panel(Group(*parts), title=title, subtitle=footer, border_style="cyan", padding=(1, 2)),
        target,
    )
