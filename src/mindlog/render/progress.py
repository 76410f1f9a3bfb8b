"""A progress bar on standard error, for work that takes a while (building mindlog's cache of a
long journal, importing a large file, checking a long journal). Shown only on a terminal; it
leaves no trace when done. The work itself is told nothing but an ``advance(n)`` to call."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def bar(total: int, description: str) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``; a bar of ``total`` steps is drawn while the block runs, when
    standard error is a terminal (else ``advance`` does nothing)."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    from mindlog.render.out import linear

    if linear():  # no bar redrawn in place: a few lines a screen reader reads once each
        with said(total, description) as advance:
            yield advance
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from mindlog.render.base import console

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task, n)


STEP = 20  # the accessible mode says every 20 %


@contextlib.contextmanager
def said(total: int, description: str) -> Iterator[Callable[[int], None]]:
    """Progress as a line at each fifth of the work (``mindlog: importing, 40 %``), and one
    when it is done; nothing is drawn over, nothing moves the cursor."""
    from mindlog.render.out import write

    done = [0, 0]  # steps so far, the last percentage said

    def advance(n: int) -> None:
        done[0] += n
        share = min(100, done[0] * 100 // max(total, 1)) // STEP * STEP
        if share > done[1] and share < 100:
            done[1] = share
            write(sys.stderr, f"{description}, {share} %\n")

    write(sys.stderr, f"{description}, 0 %\n")
    yield advance
    write(sys.stderr, f"{description}, 100 %, done\n")


LATE = 0.3  # seconds of work before ``late_bar`` draws its bar


@contextlib.contextmanager
def late_bar(total: int, description: str) -> Iterator[Callable[[int], None]]:
    """``bar(total, description)``, drawn only once the work has taken ``LATE`` seconds (and
    only on a terminal): a first run on a long journal shows its progress, a quick one shows
    nothing. rich is imported only when the bar is drawn."""
    if not sys.stderr.isatty():
        yield _nothing
        return
    import time

    start = time.monotonic()
    done = 0
    drawn: list[Callable[[int], None]] = []
    with contextlib.ExitStack() as stack:

        def advance(n: int) -> None:
            nonlocal done
            if drawn:
                drawn[0](n)
                return
            done += n
            if time.monotonic() - start >= LATE:
                drawn.append(stack.enter_context(bar(total, description)))
                drawn[0](done)

        yield advance


def _nothing(n: int) -> None:
    """No bar: nothing to draw."""


def bar_when(
    large: bool, total: int, description: str
) -> contextlib.AbstractContextManager[Callable[[int], None]]:
    """``bar(total, description)`` for a large piece of work; for a small one, nothing at all
    (a bar that flashes for a moment tells nothing)."""
    if not large or total <= 0:
        return contextlib.nullcontext(_nothing)
    return bar(total, description)
