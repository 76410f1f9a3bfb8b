"""Everything drawn with rich. The only module that imports rich, and only inside functions.

User text always enters rich as ``Text`` made safe by ``mindlog.domain.safe.visible``: it is never
parsed as markup (titles and subtitles too are ``Text``, never strings) and never carries escape
sequences to the terminal. Rendering reads nothing from disk: it is handed what it shows.

Every view is composed for the width it gets (``Layout``): on a terminal, panels are at most
``MAX_WIDTH`` columns wide and below ``NARROW`` columns views stack what a wide screen puts side
by side; piped output (not a terminal) is plain lines, with no frame, no padding and no wrapping.
What is drawn reaches the stream through ``mindlog.render.out.write``, so an output encoding that cannot
show a mark or a letter gets a stand-in or an escape, never an exception.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO, cast

from mindlog.render import out
from mindlog.domain.days import friendly
from mindlog.domain.journal import Journal
from mindlog.domain.model import Entry
from mindlog.render.out import cells
from mindlog.domain.safe import one_line, visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.text import Text

MAX_WIDTH = 100  # a panel wider than this is hard to read
NARROW = 70  # below this, views stack their parts
PIPED_WIDTH = 100_000  # piped output is never wrapped


@dataclass(frozen=True)
class Layout:
    """The room a view has: its width in columns, and whether it goes to a terminal."""

    width: int
    terminal: bool = True

    @property
    def narrow(self) -> bool:
        return self.terminal and self.width < NARROW


class Adaptive:
    """A renderable composed when it is drawn, for the width and kind of output it gets."""

    def __init__(self, build: Callable[[Layout], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        yield self.build(Layout(options.max_width, options.is_terminal))


def console(stderr: bool = False) -> Console:
    """A console for standard output (or error): the terminal's width, or unwrapped when piped."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    terminal = out.is_terminal(stream)
    return Console(
        file=stream,
        width=out.columns(stream) if terminal else PIPED_WIDTH,
        force_terminal=terminal,
        color_system="auto" if terminal else None,
        highlight=False,
        emoji=False,
        markup=False,
    )


def user_text(text: str, style: str = "") -> Text:
    """A piece of user text, safe and literal."""
    from rich.text import Text

    return Text(visible(text), style=style)


def show(renderable: RenderableType, target: Console | None = None) -> None:
    """Draw ``renderable`` on ``target``, or on standard output made safe for its encoding.

    Piped output loses the spaces that pad lines on a terminal.
    """
    if target is not None:
        target.print(renderable)
        return
    shown = console()
    with shown.capture() as captured:
        shown.print(renderable)
    text = captured.get()
    if not shown.is_terminal:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    out.write(cast("TextIO", shown.file), text)


def prose(text: str, width: int, style: str = "") -> Text:
    """mindlog's own sentences, wrapped at words by ``mindlog.render.out.wrap`` (which keeps a command
    such as `mindlog win` on one line) for ``width`` columns."""
    from rich.text import Text

    return Text("\n".join(out.wrap(text, width)), style=style)


def wrap_phrases(text: str, width: int, indent: int = 2, sep: str = " · ") -> Text:
    """A line of phrases joined by `` · `` kept whole: a phrase that does not fit starts a new line
    (indented by ``indent``), so `strength 77%` is never split in two."""
    from rich.text import Text

    phrases = text.split(sep)
    lines = [phrases[0]]
    for phrase in phrases[1:]:
        if out.cells(lines[-1] + sep + phrase) <= width:
            lines[-1] += sep + phrase
        else:
            lines.append(" " * indent + phrase)
    return Text("\n".join(lines))


def frame(
    body: RenderableType, title: str, subtitle: str | None, layout: Layout, style: str = "cyan"
) -> RenderableType:
    """A panel on a terminal (at most ``MAX_WIDTH`` wide); plain lines with a heading when piped."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    if not layout.terminal:
        parts: list[Any] = [Text(visible(title), style="bold"), Text(), body]
        if subtitle:
            parts += [Text(), Text(visible(subtitle), style="dim")]
        return Group(*parts)
    if subtitle and cells(subtitle) + 6 > min(layout.width, MAX_WIDTH):
        # too narrow for the frame's edge: the last lines inside instead, never cut
        room = inner_width(layout)
        if " · " in subtitle:
            below = wrap_phrases(visible(subtitle), room, indent=0)
            below.stylize("dim")
        else:
            below = prose(visible(subtitle), room, "dim")
        body = Group(body, Text(), below)
        subtitle = None
    return Panel(
        body,
        title=Text(visible(title)),
        subtitle=Text(visible(subtitle)) if subtitle else None,
        border_style=style,
        padding=(0, 1) if layout.narrow else (1, 2),
        width=min(layout.width, MAX_WIDTH),
    )


def inner_width(layout: Layout) -> int:
    """The columns inside ``frame`` for ``layout``."""
    if not layout.terminal:
        return PIPED_WIDTH
    return min(layout.width, MAX_WIDTH) - (4 if layout.narrow else 6)


def show_statement(current: Entry | None, versions: int, target: Console | None = None) -> None:
    from rich.text import Text

    from mindlog.domain import words

    if current is None or current.text is None:
        show(Text(words.NO_STATEMENT), target)
        return
    version_word = "version" if versions == 1 else "versions"
    subtitle = f"written {friendly(current.day)} · {versions} {version_word} kept"
    body = user_text(current.text)

    def build(layout: Layout) -> RenderableType:
        return frame(body, "Your commitment statement", subtitle, layout)

    show(Adaptive(build), target)


def bullets(rows: list[tuple[Text, Text]]) -> RenderableType:
    """Rows of a mark and a text; a long text wraps under itself, not under the mark."""
    from rich.table import Table

    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for mark, text in rows:
        grid.add_row(mark, text)
    return grid


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
            label = "Your why  "
            line = Text(label, style="bold cyan")
            room = min(width, 110 + len(label)) - len(label)
            line.append_text(user_text(out.fit(one_line(statement.text, 400), room), "italic"))
            parts.append(line)
        else:
            parts.append(
                prose("Your why  write it when you are ready: mindlog commit", width, "dim")
            )
        parts.append(Text())

        parts.append(Text("This morning", style="bold"))
        rows: list[tuple[Text, Text]] = []
        if not routine:
            rows.append((Text("  "), Text("no routine items yet: mindlog routine add TEXT", "dim")))
        for item in routine:
            if item in done:
                rows.append((Text("  ✓ ", style="green"), user_text(one_line(item, 70))))
            else:
                rows.append((Text("  · ", style="dim"), user_text(one_line(item, 70))))
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
            rows.append((Text("  ★ ", style="yellow"), text))
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
            if layout.narrow:
                parts.append(Text(label, style="bold magenta"))
                parts.append(bullets([(Text("  "), said)]))
            else:
                row = Text(label + "  ", style="bold magenta")
                row.append_text(said)
                parts.append(row)

        footer = "Need someone to talk to? mindlog support"
        return frame(Group(*parts), friendly(today.isoformat()), footer, layout)

    show(Adaptive(build), target)
