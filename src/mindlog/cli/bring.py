"""`mindlog import` for other apps' exports (Loop, Daylio, Day One, Bearable): the preview, the
questions a file leaves open (asked on a terminal only), then the import and its report. The
steps are mindlog.usecases.bring_in's; this module opens the file and talks to the person."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import IO

from mindlog.cli import prompts
from mindlog.domain.errors import MindlogError
from mindlog.domain.typed import name_key
from mindlog.formats import sources
from mindlog.render import out
from mindlog.usecases import bring_in
from mindlog.usecases.session import Session

STDIN_LIMIT = 256 * 1024 * 1024  # bytes read from standard input (a file is read as it goes)


def _opener(file: Path) -> tuple[bring_in.Opener, int]:
    if str(file) == "-":
        raw = sys.stdin.buffer.read(STDIN_LIMIT + 1)
        if len(raw) > STDIN_LIMIT:
            raise MindlogError(
                "standard input holds more than any export; give the file's name instead. "
                "Nothing was imported"
            )
        return (lambda: io.BytesIO(raw)), len(raw)
    size = os.stat(file).st_size

    def opened() -> IO[bytes]:
        return open(file, "rb")

    return opened, size


def _options(session: Session, mood_map: str | None, scale: str | None,
             practice: list[str]) -> sources.Options:  # fmt: skip
    options = sources.Options(day_start=session.config.day_start, today=session.today)
    if mood_map:
        options.mood_map = sources.parse_mood_map(mood_map)
    if scale:
        options.scale = sources.parse_scale(scale)
    view = session.view()
    options.practices = bring_in.your_practices(session)
    options.scales = frozenset(
        name_key(str(e.fields.get("name", ""))) for e in view.of_kind("scale")
    )
    chosen: dict[str, str] = {}
    for pair in practice:
        activity, sep, name = pair.partition("=")
        if not sep or not activity.strip() or not name.strip():
            raise MindlogError(f"--practice {pair!r} is not ACTIVITY=PRACTICE, like walking=walk")
        if name_key(name) not in options.practices:
            raise MindlogError(
                f"none of your practices is called {name.strip()!r}",
                "add it first: mindlog practice add NAME",
            )
        chosen[name_key(activity)] = name
    options.activity_practices = chosen
    return options


def bring_in_file(
    session: Session,
    file: Path,
    source: str,
    dry_run: bool,
    mood_map: str | None,
    scale: str | None,
    practice: list[str],
) -> None:
    opener, size = _opener(file)
    options = _options(session, mood_map, scale, practice)
    shown = "standard input" if str(file) == "-" else file.name
    asking = prompts.interactive() and not dry_run
    if source == "bearable" and options.scale is None:
        options.scale = _bearable_scale(session, opener, options, asking)
    preview = _preview(session, opener, source, options, size)
    asked = source == "daylio" and preview.tally.asked and asking
    if asked and _ask_moods(preview.tally.asked, options):
        preview = _preview(session, opener, source, options, size)
    for line in bring_in.summary(preview, shown):
        out.say(line)
    if source == "daylio" and preview.tally.asked:
        labels = ",".join(f"{label}=N" for label in preview.tally.asked[:5])
        out.say(f"To bring those moods in too, give each a level: --mood-map '{labels}'")
    if dry_run:
        out.say(bring_in.totals(preview, written=False))
        out.say("Nothing was written (--dry-run).")
        return
    if preview.new == 0:
        out.say(bring_in.totals(preview, written=True))
        return
    if asking:
        answer = prompts.ask(f"Bring {bring_in.number(preview.new)} in? [Y/n] ")
        if answer is None or answer.strip().lower() not in ("", "y", "yes"):
            out.say("Nothing was written. Your file is as it was.")
            return
    from mindlog.render.progress import bar_when

    with bar_when(size >= bring_in.BIG, size, "mindlog: importing") as advance:
        done = bring_in.run(session, opener, source, options, write=True, advance=advance)
    out.say(bring_in.totals(done, written=True))
    if done.removed:
        out.say(
            f"{done.removed} of those were removed earlier; see them with mindlog list --removed."
        )


def _preview(
    session: Session, opener: bring_in.Opener, source: str, options: sources.Options, size: int
) -> bring_in.Outcome:
    """The file read through once, writing nothing (with a bar when it is large)."""
    from mindlog.render.progress import bar_when

    with bar_when(size >= bring_in.BIG, size, "mindlog: reading") as advance:
        return bring_in.run(session, opener, source, options, write=False, advance=advance)


def _ask_moods(labels: list[str], options: sources.Options) -> bool:
    """Ask the level of each mood label the file does not say; True when one was given."""
    out.say("Daylio moods are your own words. Which level is each (1 low to 5 good)?")
    given = False
    for label in list(labels):
        while True:
            answer = prompts.ask(f"  {label} (1-5, Enter leaves these check-ins out): ")
            if answer is None or not answer.strip():
                break
            if answer.strip() in ("1", "2", "3", "4", "5"):
                options.mood_map[name_key(label)] = int(answer.strip())
                given = True
                break
            out.say("  A whole number from 1 to 5, please (or Enter).")
    return given


def _bearable_scale(
    session: Session, opener: bring_in.Opener, options: sources.Options, asking: bool
) -> tuple[int, int]:
    """Bearable's rating scale: asked on a terminal, else found from the highest rating."""
    options.scale = (0, 1_000_000)  # every rating read, to find the highest
    found = bring_in.run(session, opener, "bearable", options, write=False)
    from mindlog.formats.bearable import guess_scale

    guess = guess_scale(found.tally.top)
    shown = f"{guess[0]}-{guess[1]}"
    if asking:
        answer = prompts.ask(
            f"Bearable does not say its rating scale. Is it {shown}? "
            "(Enter for yes, or type it, like 1-5 or 0-10): "
        )
        if answer and answer.strip():
            return sources.parse_scale(answer)
    else:
        out.say(f"Ratings read on a {shown} scale (--scale says another).")
    return guess
