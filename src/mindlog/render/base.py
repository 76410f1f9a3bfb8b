"""The pieces every screen is made of: the layout a view is composed for, the console, the
person's text made safe (never markup), frames, paragraphs and bars.

Rendering only: rich is imported inside functions (it costs ~55 ms), nothing reads the disk.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO, cast

from mindlog.domain.safe import visible
from mindlog.render import out
from mindlog.render.out import MAX_WIDTH as MAX_WIDTH  # the sizes views are composed for
from mindlog.render.out import NARROW as NARROW
from mindlog.render.out import PIPED_WIDTH as PIPED_WIDTH
from mindlog.render.out import cells

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.text import Text


class Layout(NamedTuple):  # a tuple of values: made at once, where a dataclass is made slowly
    """The room a view has: its width in columns, whether it goes to a terminal, and whether it
    is read in order by a screen reader (the accessible mode: mindlog.render.out.linear)."""

    width: int
    terminal: bool = True
    linear: bool = False

    @property
    def narrow(self) -> bool:
        return self.terminal and self.width < NARROW


class Adaptive:
    """A renderable composed when it is drawn, for the width and kind of output it gets."""

    def __init__(self, build: Callable[[Layout], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        yield self.build(Layout(options.max_width, options.is_terminal, out.linear()))


def console(stderr: bool = False) -> Console:
    """A console for standard output (or error): the terminal's width, or unwrapped when piped."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    terminal = out.is_terminal(stream)
    made = Console(
        file=stream,
        width=out.columns(stream) if terminal else PIPED_WIDTH,
        force_terminal=terminal,
        # the accessible mode: no colour, no styles, no escape sequence of any kind
        color_system="auto" if terminal and not out.linear() else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    # rich ends the process with exit code 1 when the reader goes away (`| head -1`); mindlog
    # tells that the same way for every command (mindlog.render.out.reader_gone).
    made.on_broken_pipe = _reader_went_away  # type: ignore[method-assign]
    return made


def _reader_went_away() -> None:
    raise BrokenPipeError


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
    if not shown.is_terminal or out.linear():  # no padding for a screen reader to walk through
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    out.write(cast("TextIO", shown.file), text)


def drawn(parts: Iterable[RenderableType]) -> Iterator[str]:
    """Each of ``parts`` drawn for standard output as ``show`` draws it, one text at a time (a
    long view reaches the terminal, or its pager, as it is drawn)."""
    shown = console()
    for part in parts:
        with shown.capture() as captured:
            shown.print(part)
        text = captured.get()
        if not shown.is_terminal or out.linear():
            text = "\n".join(line.rstrip() for line in text.split("\n"))
        yield text


def prose(text: str, width: int, style: str = "") -> Text:
    """mindlog's own sentences, wrapped at words by ``mindlog.render.out.wrap`` (which keeps a command
    such as `mindlog win` on one line) for ``width`` columns."""
    from rich.text import Text

    return Text("\n".join(out.wrap(text, width)), style=style)


def label_gap() -> str:
    """What follows a label before its value: two spaces on a screen; a colon when read aloud."""
    return ": " if out.linear() else "  "


def wrap_phrases(text: str, width: int, indent: int = 2, sep: str = " · ") -> Text:
    """A line of phrases joined by `` · `` kept whole: a phrase that does not fit starts a new line
    (indented by ``indent``), so `strength 77%` is never split in two. In the accessible mode the
    phrases are joined by commas, as a sentence, wrapped at words."""
    from rich.text import Text

    if out.linear():
        return prose(text.replace(sep, ", "), width)
    return Text("\n".join(out.phrases(text, width, indent, sep)))


def frame(
    body: RenderableType, title: str, subtitle: str | None, layout: Layout, style: str = "cyan"
) -> RenderableType:
    """A panel on a terminal (at most ``MAX_WIDTH`` wide); plain lines with a heading when piped."""
    from rich.console import Group
    from rich.text import Text

    if layout.linear and subtitle:
        subtitle = subtitle.replace(" · ", ", ")
    if not layout.terminal or layout.linear:
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
    from rich.panel import Panel  # a frame on a terminal only

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
    if layout.linear:
        return layout.width  # no frame
    return min(layout.width, MAX_WIDTH) - (4 if layout.narrow else 6)


def bullets(rows: list[tuple[Text, Text]]) -> RenderableType:
    """Rows of a mark and a text; a long text wraps under itself, not under the mark. In the
    accessible mode each row is one line, the mark (a word there) before its text, no columns."""
    from rich.table import Table

    if out.linear():
        from rich.console import Group

        return Group(*(mark.copy().append_text(text) for mark, text in rows))

    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for mark, text in rows:
        grid.add_row(mark, text)
    return grid


def strength_bar(strength: float, width: int = 10) -> Text:
    """A practice's strength as a bar of ``width`` blocks and its percentage."""
    from rich.text import Text

    from mindlog.render.practicelines import bar

    said = bar(strength, width)
    if out.linear():  # said, not drawn
        return Text(said)
    filled = said.count("█")
    shown = Text(said[:filled], style="green")
    shown.append(said[filled:width], style="dim")
    shown.append(said[width:])
    return shown


def styled_bar(text: Text) -> Text:
    """``text`` with the blocks of a strength bar (mindlog.render.practicelines.bar) coloured:
    green for the part filled, dim for the rest."""
    text.highlight_regex("█+", "green")
    text.highlight_regex("░+", "dim")
    return text
