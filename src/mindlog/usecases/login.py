"""Login: the short greeting for a shell's start-up file, and the lines that run it.

This module imports neither Typer nor rich: ``mindlog greet`` and ``mindlog shell-init`` are
dispatched here straight from ``mindlog.__main__`` (the Typer commands in ``mindlog.cli.login``
call the same functions), because they run at every new terminal.

``greet`` always returns exit code 0 and never lets a traceback out: whatever goes wrong
(a damaged store, a home that cannot be created, no permission, an unreadable setting) becomes
one short line on standard error with a hint. It reads the journal through mindlog's cache
(``mindlog.cache``), so its cost does not grow with years of entries.

``--once``: the first call of a logical day greets; later calls that day print nothing. The
marker is an empty file ``greeted-YYYY-MM-DD`` in the state folder, created with O_EXCL so that
two terminals opened at the same moment greet only once. It is created just before printing and
taken back when nothing could be printed (standard output closed), so the next shell tries again.
A problem line counts as the day's greeting (it is not repeated in every new terminal); when the
marker itself cannot be written, the greeting is shown with one line saying so.
"""

from __future__ import annotations

import contextlib
import os
import sys

from mindlog.render.out import linear, write

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:  # imported where they are used: shell-init runs at every shell start-up
    from collections.abc import Sequence
    from datetime import date
    from pathlib import Path
    from typing import Any

    from mindlog.cache.greeting import Greeting
    from mindlog.cache.view import Cached, Full
    from mindlog.domain.streaks import PracticeDays, Streak
    from mindlog.store.paths import Locations

MAX_LINES = 6
# The one line for each shell's start-up file (the README shows these; a test runs them).
STARTUP_LINES = {
    "bash": 'command -v mindlog >/dev/null 2>&1 && eval "$(mindlog shell-init bash)"',
    "zsh": 'command -v mindlog >/dev/null 2>&1 && eval "$(mindlog shell-init zsh)"',
    "fish": "command -q mindlog; and mindlog shell-init fish | source",
}
MARKER_PREFIX = "greeted-"
SHELLS = ("bash", "zsh", "fish")


# -- the greeting --------------------------------------------------------------------------------


def _first_line(text: str | None) -> str:
    return next((line.strip() for line in (text or "").splitlines() if line.strip()), "")


def figures(journal: Cached | Full, today: date, follow: dict[str, Any] | None = None) -> Greeting:
    """What the greeting shows, worked out from the journal (or the cache of it). ``follow``,
    when given, is filled with what a greeting kept for the day needs to follow a line written
    later that day (mindlog.cache.greeting.follow): whether today is a day shown up, each
    practice's longest run, and its figures were it done today too."""
    from mindlog.cache.greeting import Greeting
    from mindlog.domain.days import AWAY
    from mindlog.domain.streaks import days_done, if_done, last_active, showed_up, today_lines

    found = Greeting(problems=journal.problems, newer=journal.newer)
    from mindlog.domain.personal import settings_of

    chosen = settings_of(journal.of_kind("setting")).get("greet_private")
    found.private = chosen if isinstance(chosen, bool) else None
    if journal.empty():
        return found
    found.empty = False
    statement = journal.statement()
    found.why = _first_line(statement.text if statement else None)
    days = journal.practice_days(today)
    found.week = week_shown_up(days, today)
    lines = today_lines(days, today)
    found.practices = [
        (practice, st.current, st.total_days, st.strength, done_today, *st.recent)
        for practice, st, done_today in lines
    ]
    found.used = (today - days.first).days + 1 if days.first is not None else None
    last = last_active(days, today)  # as welcome_back(the days shown up, today)
    found.welcome = last is not None and (today - last).days - 1 >= AWAY
    found.shown_up = days_done(days)
    found.longest = max((st.longest for _, st, _ in lines), default=0)
    if follow is not None:
        follow["shown"] = showed_up(days, today)
        follow["longest"] = [st.longest for _, st, _ in lines]
        follow["if_done"] = [
            None if done_today else _kept_line(if_done(days, practice, today))
            for practice, _, done_today in lines
        ]
    from mindlog.domain import practices

    setup = journal.of_kind(*practices.SETUP)  # today's marks only: never every day done
    marked = journal.practice_marks(today)
    found.own = practices.done_today(setup, today, marked)
    if follow is not None:  # the practices of one's own and today's marks, to follow a `did`
        defs = [e for e in setup if e.kind == "practicedef"]
        follow["own"] = {
            "defs": [[e.to_json(), e.written] for e in defs],
            "marks": [[m.ref, m.name, list(m.days)] for m in marked],
        }
    past = journal.resurface(today)
    if past is not None and _first_line(past.text):
        found.past = (past.day, _first_line(past.text))
    return found


def _kept_line(st: Streak) -> list[Any]:
    """A practice's figures were it done today (see ``figures``): its line's, then its longest run."""
    return [st.current, st.total_days, st.strength, *st.recent, st.longest]


def week_shown_up(days: PracticeDays, today: date) -> tuple[int, int]:
    """Days shown up this week, Monday to today (streaks.showed_up), and how many days that is."""
    from datetime import timedelta

    from mindlog.domain.streaks import showed_up

    week = [today - timedelta(days=back) for back in range(today.weekday() + 1)]
    return sum(1 for day in week if showed_up(days, day)), len(week)


def greeting(found: Greeting, today: date, private: bool = False) -> list[str]:
    """The greeting's lines (at most six), made safe for the terminal.

    After three days or more away it opens with a welcome back and what lasts (days shown up,
    the longest run, the person's own why), not with numbers that moved. ``private`` (the
    ``greet_private`` setting) leaves out every word the person wrote: numbers only.
    """
    from mindlog.domain import words
    from mindlog.domain.days import friendly
    from mindlog.domain.safe import one_line

    if found.empty:
        return list(words.GREET_WELCOME)
    if not found.ready:  # the cache is still to be built: nothing is known but the why kept
        shown = [] if private or not found.why else [words.GREET_WHY + one_line(found.why, 66)]
        return [*shown, words.GREET_GETTING_READY]
    why = None
    if private:
        pass  # numbers only: none of the person's words on a shared screen
    elif found.why:
        why = words.GREET_WHY + one_line(found.why, 66)
    else:
        why = words.GREET_NO_WHY
    if found.welcome:
        lines = [words.WELCOME_BACK, words.what_lasts(found.shown_up, found.longest)]
        if why is not None:
            lines.append(why)
        lines.append(words.BACK_INVITE)
        return lines
    lines = [] if why is None else [why]
    for practice, current, total, strength, done_today, *recent in found.practices:
        line = words.practice_line(
            practice, current, total, strength, done_today, found.used, (recent[0], recent[1])
        )
        lines.append(line.replace(PHRASE, ", ") if linear() else line)  # read as a sentence
    if found.own[1]:  # numbers only: the names are the person's words
        lines.append(practices_today(*found.own))
    past = None if private else found.past
    if found.used == 1:
        lines.append(words.DAY_ONE)
    elif past is not None:
        day, text = past
        lines.append(words.GREET_PAST.format(day=friendly(day)) + one_line(text, 60))
    else:
        lines.append(words.pick(words.GREET_ENCOURAGEMENTS, today.isoformat()))
    return lines


def practices_today(done: int, count: int) -> str:
    """The greeting's one line for practices of one's own."""
    if count == 1:
        return "Your own practice: done today" if done else "Your own practice: open today"
    return f"Your own practices: {done} of {count} done today"


PHRASE = " · "  # what joins the phrases of a practice line (mindlog.domain.words.practice_line)


def screen_lines(lines: list[str], width: int | None, room: int) -> list[str]:
    """The greeting's lines laid out in at most ``room`` lines of ``width`` columns.

    Piped (no width), the lines are left as they are. On a terminal, mindlog breaks them itself,
    so the terminal never cuts a word: a practice line breaks between its phrases (never inside
    `strength 77%`), and its last phrases are left out when the room runs short; any other line is
    wrapped at words, or shortened at a word boundary with an ellipsis when the room runs short.
    """
    from mindlog.render.out import cells, fit, wrap

    lines = lines[:room]
    if width is None:
        return lines
    width = max(width, 20)

    def phrased(line: str) -> list[str]:
        parts = line.split(PHRASE)
        rows = [parts[0]]
        for part in parts[1:]:
            if cells(rows[-1] + PHRASE + part) <= width:
                rows[-1] += PHRASE + part
            else:
                rows.append("  " + part)
        return [row if cells(row) <= width else fit(row, width) for row in rows]

    laid = [phrased(line) if PHRASE in line else wrap(line, width) for line in lines]
    while sum(len(rows) for rows in laid) > room:
        longest = max(range(len(laid)), key=lambda i: (len(laid[i]), -i))
        if len(laid[longest]) <= 1:
            break
        laid[longest] = (
            [fit(lines[longest], width)] if PHRASE not in lines[longest] else [laid[longest][0]]
        )
    return [row for rows in laid for row in rows][:room]


def _reason(exc: BaseException) -> str:
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    if isinstance(exc, OSError):
        name = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or exc}{name}"
    return str(exc) or type(exc).__name__


def _note(line: str, hint: str | None) -> str:
    from mindlog.domain.safe import one_line

    text = line if not hint else f"{line} ({hint})"
    return "mindlog: " + one_line(text, 200)


def greet(once: bool = False) -> int:
    """Print the greeting (see the module's description). Always returns 0."""
    try:
        return _greet(once)
    except KeyboardInterrupt:
        return 0
    except BaseException as exc:  # noqa: BLE001 - a login greeting must never break a shell
        if isinstance(exc, SystemExit):
            return 0
        try:
            from mindlog.domain import words

            sys.stderr.write(
                _note(words.GREET_PROBLEM.format(reason=_reason(exc)), words.GREET_HINT) + "\n"
            )
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
        return 0


def _greet(once: bool) -> int:
    from mindlog.domain import words

    lines: list[str] = []
    notes: list[str] = []
    marker: Path | None = None
    try:
        from mindlog.domain.days import logical_day, now
        from mindlog.store import config
        from mindlog.store.paths import check_home, locations

        check_home()
        where = locations()
        settings = config.load(where)
        if settings.problem:
            notes.append(_note(settings.problem, words.GREET_HINT))
        today = logical_day(now(), settings.day_start)
        if once:
            marker = where.state / f"{MARKER_PREFIX}{today.isoformat()}"
            if os.path.lexists(marker):
                return 0
        found = _figures(where, today)
        # the journal's setting; this computer's copy in config.json when it has none
        own = found.private if found.private is not None else settings.get("greet_private")
        private = own is True
        lines = greeting(found, today, private=private)
        if found.problems:
            count = found.problems
            damaged = words.GREET_DAMAGED.format(
                count=count, lines="line" if count == 1 else "lines"
            )
            notes.append(_note(damaged, words.GREET_HINT))
        if found.newer:
            notes.append(_note(words.GREET_NEWER, None))
    except KeyboardInterrupt:
        return 0
    except Exception as exc:  # noqa: BLE001 - every problem becomes one line
        lines = []
        hint = getattr(exc, "hint", None) or words.GREET_HINT
        notes = [_note(words.GREET_PROBLEM.format(reason=_reason(exc)), hint)]
        if type(exc).__name__ == "LockedError":  # an encrypted journal, locked: never ask
            lines, notes = [words.GREET_LOCKED], []
    claimed = False
    if marker is not None:
        try:
            claimed = _claim(marker)
        except Exception as exc:  # noqa: BLE001 - greet anyway, and say it cannot remember
            if lines:
                notes.append(
                    _note(words.GREET_NO_MARKER.format(reason=_reason(exc)), words.GREET_HINT)
                )
        else:
            if not claimed:
                return 0  # another terminal greeted a moment ago
    try:
        # At most six screen lines: the greeting on standard output, and one note on standard
        # error, both laid out for the terminal's width (mindlog.render.out.columns; None when piped).
        from mindlog.render.out import columns, wrap

        note: list[str] = []
        if notes:
            width = columns(sys.stderr)
            note = wrap(notes[0], width)[:2] if width else [notes[0]]
        if lines:
            room = MAX_LINES - max(len(note), 1)
            shown = screen_lines(lines, columns(sys.stdout), room)
            write(sys.stdout, "".join(line + "\n" for line in shown))
        if note:
            write(sys.stderr, "".join(line + "\n" for line in note))
    except (OSError, ValueError, AttributeError):
        if claimed and marker is not None:
            _unlink(marker)
        return 0
    if claimed and marker is not None:
        _tidy_markers(marker)
    return 0


def _figures(where: Locations, today: date, words: bool = True) -> Greeting:
    """Today's figures: kept from an earlier greeting today when the journal files are as they
    were (mindlog.cache.greeting), else worked out from the cache and kept. ``words=False``
    (numbers only, as `mindlog status` shows): an encrypted journal's kept figures are used as
    they are, without its words."""
    from mindlog.cache import greeting as kept

    found = kept.load(where, today)
    if found is not None:
        if (
            found.sealed and words
        ):  # its words open only while the journal is unlocked (LockedError)
            return _opened_words(where, found)
        return found
    key = kept.key_now(where, today)  # taken first: a write during the reading makes it stale
    if not key[2]:
        return kept.Greeting()  # nothing written yet: nothing to keep
    marks = kept.marks_now(where, key)  # what the key saw, to follow the lines written after it
    from mindlog import cache
    from mindlog.cache.view import Full
    from mindlog.render.progress import late_bar  # rich only if a bar is drawn
    from mindlog.store import lines as journal_lines
    from mindlog.store.format import sealed_journal

    sealed = sealed_journal(where.journal)
    with journal_lines.never_asking():
        if sealed:
            from mindlog.store import keys

            keys.opener(where, asking=False)  # locked: LockedError, one kind line
            journal_lines.open_for(where)  # sealed lines open with this journal's key
        try:  # never a wait at login: a long journal's cache is built by the next command
            journal: Cached | Full | None = cache.open_view(where, late_bar, wait=False)
        except Exception as exc:
            if type(exc).__name__ != "Unbuilt":
                raise
            return kept.Greeting(empty=False, why=kept.earlier_why(where), ready=False)
        if journal is None:
            from mindlog.domain.journal import replay
            from mindlog.store.eventlog import Store

            result = Store(where).read()
            whole = replay(result.events)
            journal = Full(whole, len(result.problems) + len(whole.problems), result.newer)
    journal.few_pages()
    follow: dict[str, Any] = {"marks": marks}
    found = figures(journal, today, follow)
    if sealed:  # kept with numbers only; its words sealed for the journal's key
        import base64

        from mindlog.store import keys

        blob = keys.seal_blob(where, kept.words_of(found))
        kept.save(where, today, kept.private(found, base64.b64encode(blob).decode()), key)
    else:
        kept.save(where, today, found, key, follow)
    return found


def _opened_words(where: Locations, found: Greeting) -> Greeting:
    """An encrypted journal's kept greeting with its words opened: LockedError while locked."""
    import base64
    import binascii

    from mindlog.cache import greeting as kept
    from mindlog.store import keys

    try:
        blob = base64.b64decode(found.words, validate=True)
    except (binascii.Error, ValueError):
        blob = b""
    opened = keys.open_blob(where, blob)  # never asks
    return kept.with_words(found, opened)


def _claim(marker: Path) -> bool:
    """Create today's marker; False when it exists already (another terminal was first)."""
    from mindlog.store.paths import FILE_MODE, ensure_dir

    ensure_dir(marker.parent)
    try:
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def _unlink(path: str | Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _tidy_markers(keep: Path) -> None:
    """Remove the markers of earlier days."""
    try:
        with os.scandir(keep.parent) as found:
            for item in found:
                if item.name.startswith(MARKER_PREFIX) and item.name != keep.name:
                    _unlink(item.path)
    except OSError:
        pass


# -- shell start-up lines ------------------------------------------------------------------------


def shell_lines(shell: str, alias: str | None = None) -> str:
    """The lines for a shell's start-up file: greet once a day, only in an interactive terminal.

    They do nothing in scripts, in ``scp``/``rsync``/``ssh host command`` sessions or when standard
    input or output is not a terminal, and nothing at all once mindlog is uninstalled.
    ``MINDLOG_NO_GREET=1`` in the environment turns the greeting off without editing the file.
    """
    if shell not in SHELLS:
        raise ValueError(f"{shell!r} is not a shell mindlog knows: use bash, zsh or fish")
    if alias is not None and not valid_alias(alias):
        raise ValueError(f"{alias!r} cannot be an alias: use letters, digits, - or _")
    head = "# mindlog: a greeting once a day in interactive terminals (MINDLOG_NO_GREET=1: off)"
    if shell == "fish":
        body = [
            head,
            "if command -q mindlog",
            *([f"    alias {alias} mindlog"] if alias else []),
            # `mindlog shell-init fish | source` runs these lines with the pipe as standard input,
            # so the terminal is checked on standard output and standard error.
            "    if status is-interactive; and test -t 1; and test -t 2"
            "; and not set -q MINDLOG_NO_GREET",
            "        mindlog greet --once",
            "    end",
            "end",
        ]
    else:
        interactive = "[[ $- == *i* ]]" if shell == "bash" else "[[ -o interactive ]]"
        body = [
            head,
            "if command -v mindlog >/dev/null 2>&1; then",
            *([f"  alias {alias}='mindlog'"] if alias else []),
            f'  if {interactive} && [ -t 0 ] && [ -t 1 ] && [ -z "${{MINDLOG_NO_GREET-}}" ]; then',
            "    mindlog greet --once",
            "  fi",
            "fi",
        ]
    return "\n".join(body) + "\n"


def valid_alias(name: str) -> bool:
    return (
        bool(name)
        and len(name) <= 32
        and all(c.isascii() and (c.isalnum() or c in "-_") for c in name)
        and not name.startswith("-")
    )


def shell_init(shell: str, alias: str | None = None) -> int:
    """Print the start-up lines; a shell mindlog does not know is a usage error (exit 2)."""
    try:
        text = shell_lines(shell, alias)
    except ValueError as exc:
        # The same line as the full command line's usage errors (mindlog.cli.usage).
        sys.stderr.write(f"mindlog: {exc} (try: mindlog shell-init --help)\n")
        return 2
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


# -- the fast path -------------------------------------------------------------------------------


def fast(argv: Sequence[str]) -> int | None:
    """Run ``greet`` or ``shell-init`` without Typer when the arguments are plain; None otherwise
    (then the full command line handles them, with --help and usage errors)."""
    if not argv:
        return None
    if argv[0] == "greet" and all(a == "--once" for a in argv[1:]):
        return greet(once=len(argv) > 1)
    if argv[0] == "shell-init" and len(argv) in (2, 4) and argv[1] in SHELLS:
        if len(argv) == 2:
            return shell_init(argv[1])
        if argv[2] == "--alias" and valid_alias(argv[3]):
            return shell_init(argv[1], argv[3])
    return None


def numbers(where: Locations, today: date) -> Greeting:
    """Today's figures for `mindlog status`: as greet finds them (kept for the day), numbers
    only; never asks for a passphrase (keys.LockedError when they must be worked out from an
    encrypted journal that is locked)."""
    return _figures(where, today, words=False)
