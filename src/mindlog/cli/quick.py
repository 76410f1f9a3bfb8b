"""The fast path: the commands that run most often, without importing Typer.

``mindlog greet`` and ``mindlog shell-init`` run at every new terminal; ``mindlog win TEXT``,
``mindlog morning --all``, the dashboard (``mindlog``), ``streaks``, ``reflect``, ``list`` and
``export`` are the everyday ones. Typer and the import of every command module cost more than the work itself (see
benchmarks/run.py), so ``mindlog.__main__`` first offers the command line to ``dispatch``. It
takes only plain, complete command lines; anything else (``--help``, a flag it does not know, a
win without TEXT, which asks or reads standard input) returns None and the Typer app handles it
as usual, with the same words and exit codes.

The commands here parse their few options by hand and then take the same steps as the Typer
commands, through mindlog.usecases.session, mindlog.usecases.wins and mindlog.usecases.reading; tests/test_quick.py runs
the same command lines through both and compares what was stored and printed.

The other everyday commands (``EVERYDAY``: did, checkin, urge, bring-up, rest, practice,
support, commit --show, routine, boost) are read by the one description of their options in
mindlog.cli.options, which a test checks against the Typer commands' parameters, and run the
steps both paths share in mindlog.cli.everyday (tests/test_quick_everyday.py runs them both ways).
The rule is in docs/cache-and-speed.md.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from types import ModuleType

    from mindlog.usecases.session import Session

READING = {
    "today",
    "streaks",
    "reflect",
    "list",
    "morning",
    "export",
}  # and the dashboard (no arguments)

# The everyday commands read by their options' descriptions (mindlog.cli.options).
EVERYDAY = {
    "did",
    "checkin",
    "urge",
    "bring-up",
    "rest",
    "practice",
    "support",
    "commit",
    "routine",
    "boost",
}


HELP_DATA = "helpdata"  # mindlog/cli/helpdata.py, written by mindlog.cli.helpgen
HELP_FLAGS = ("--help", "-h")


def dispatch(argv: Sequence[str]) -> int | None:
    """Run the command line without Typer and return its exit code; None when Typer should."""
    if argv[:1] != ["shell-init"]:  # shell-init writes shell code, at every shell start
        from mindlog.cli import access

        access.switch()  # the accessible mode (Typer's path decides again, the same way)
    if argv and (argv[0] == "help" or argv[-1] in HELP_FLAGS):
        return help_screen(argv)
    if not argv:
        return run_with_session(lambda session: _reading().dashboard(session))
    if argv[0] in READING:
        step = parse_reading(argv)
        return None if step is None else run_with_session(step)
    if argv[0] in ("greet", "shell-init"):
        from mindlog.usecases import login

        return login.fast(argv)
    if argv[0] == "status":  # for status bars: as fast as greet (mindlog.usecases.status)
        from mindlog.usecases import status

        return status.fast(argv)
    if argv[0] == "win":
        parsed = parse_win(argv[1:])
        return None if parsed is None else win(*parsed)
    if argv[0] in EVERYDAY:
        chosen = parse_everyday(argv)
        return None if chosen is None else run_guarded(chosen)
    return None


def parse_everyday(argv: Sequence[str]) -> Callable[[], object] | None:
    """The step for an everyday command line read by its options (mindlog.cli.options); None
    for one the fast path leaves to Typer: a question to ask (a check-in or an urge with no
    values, a note to bring up without its words), ``support --print`` or ``--edit``, ``commit``
    but ``--show``, ``checkin scales``."""
    from mindlog.cli.options import SPECS, command_of, parse

    found = command_of(argv)
    got = None if found is None else parse(SPECS[found[0]], found[1])
    if found is None or got is None:
        return None
    name = found[0]
    from mindlog.cli import everyday

    if name == "did":
        return lambda: everyday.did(got["name"], got["date"], got["note"])
    if name == "checkin":
        mood, energy, sleep, scale = got["mood"], got["energy"], got["sleep"], got["scale"]
        if (mood, energy, sleep) == (None, None, None) and not scale:
            return None  # it asks, or reads standard input
        if got["note"][:1] == ["scales"]:
            return None
        note = got["note"] or None
        return lambda: everyday.checkin(note, mood, energy, sleep, scale or None, got["date"])
    if name == "urge":
        about, strength, instead, passed = (
            got[k] for k in ("about", "strength", "instead", "passed")
        )
        if (about, strength, instead, passed) == (None, None, None, None):
            return None  # it asks, or reads standard input
        return lambda: everyday.urge(about, strength, instead, passed, got["date"])
    if name == "bring-up":
        if got["text"] is None and not got["show"] and got["done"] is None:
            return None  # it asks, or reads standard input
        return lambda: everyday.bring_up(got["text"], got["show"], got["done"], got["date_option"])
    if name == "rest":
        return lambda: everyday.rest(got["reason"], got["date"])
    if name in ("practice", "practice list"):
        return lambda: everyday.practice_list(bool(got.get("as_json")))
    if name == "support":
        if any(got[k] is not None for k in ("edit", "print_page", "fmt", "output", "force")):
            return None
        from mindlog.usecases.support import show_support

        return lambda: show_support(got["country"])
    if name == "commit":
        if not got["show"] or got["reaffirm"] or got["text"] is not None:
            return None
        return everyday.commit_show
    if name in ("routine", "routine list"):
        return everyday.routine_list
    if name == "boost":
        return everyday.boost_offer
    if name == "boost list":
        return everyday.boost_list
    return None


def help_screen(argv: Sequence[str]) -> int | None:
    """``mindlog [COMMAND...] --help`` or ``mindlog help [COMMAND...]``, from helpdata.py; None
    when it is not there, was made from other sources, or does not know the command."""
    words = list(argv[:-1]) if argv[-1] in HELP_FLAGS else list(argv[1:])
    if argv[0] == "help" and len(words) == 1:
        from mindlog.domain.words import HELP_TOPICS

        if words[0] in HELP_TOPICS:
            return topic(words[0])
    try:
        from mindlog.cli import helpdata
    except ImportError:
        return None
    doc = helpdata.HELP.get(" ".join(words))
    if doc is None or fingerprint() != helpdata.FINGERPRINT:
        return None  # Typer says it, or says what it does not know
    import sys

    from mindlog.render import out
    from mindlog.render.helpscreen import compose

    out.write(sys.stdout, compose(doc, out.columns(sys.stdout)))
    return 0


def topic(name: str) -> int:
    """``mindlog help accessibility``: a page of its own (mindlog.domain.words), wrapped at words."""
    import sys

    from mindlog.domain import words
    from mindlog.render import out

    pages = {"accessibility": words.ACCESSIBILITY_HELP}
    width = out.columns(sys.stdout)
    text = pages[name] if width is None else "\n".join(out.wrap(pages[name].rstrip("\n"), width))
    out.write(sys.stdout, text.rstrip("\n") + "\n")
    return 0


def fingerprint() -> str:
    """A checksum of mindlog's sources (all but helpdata.py): help made from other sources is
    not shown."""
    import os
    import zlib

    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found: list[str] = []
    for folder, subfolders, files in os.walk(top):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith((".", "__")))
        found += [os.path.join(folder, f) for f in sorted(files) if f.endswith(".py")]
    total = 0
    for path in found:
        if os.path.basename(path) == HELP_DATA + ".py":
            continue
        total = zlib.crc32(os.path.relpath(path, top).encode(), total)
        with open(path, "rb") as source:
            total = zlib.crc32(source.read(), total)
    return f"{total:08x}"


def parse_win(args: Sequence[str]) -> tuple[str, list[str], bool, str | None] | None:
    """``TEXT [-t TAG]... [-q] [-d DATE]`` as (text, tags, quiet, date); None for anything else."""
    text: str | None = None
    tags: list[str] = []
    quiet = False
    day: str | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-q", "--quiet"):
            quiet = True
        elif arg in ("-t", "--tag", "-d", "--date"):
            if i + 1 >= len(args):
                return None
            i += 1
            if arg in ("-t", "--tag"):
                tags.append(args[i])
            else:
                day = args[i]
        elif arg.startswith("--tag="):
            tags.append(arg[len("--tag=") :])
        elif arg.startswith("--date="):
            day = arg[len("--date=") :]
        elif arg.startswith("-") or text is not None:
            return None  # --help, --, a flag not known here, a second TEXT: Typer says what it is
        else:
            text = arg
        i += 1
    if text is None:
        return None  # asks for the text, or reads it from standard input: the full command
    return text, tags, quiet, day


def _reading() -> ModuleType:
    from mindlog.usecases import reading

    return reading


def parse_reading(argv: Sequence[str]) -> Callable[[Session], None] | None:
    """The step for a plain reading command line (or ``morning --all``); None for anything else."""
    name, args = argv[0], list(argv[1:])
    if name == "today" and not args:
        return lambda session: _reading().dashboard(session)
    if name == "streaks" and args in ([], ["--json"]):
        return lambda session: _reading().show_streaks(session, bool(args))
    if name == "reflect" and args in ([], ["--week"], ["--month"], ["--year"]):
        span = args[0][2:] if args else "week"
        return lambda session: _reading().show_reflection(session, span)
    if name == "morning" and args in (["--all"], ["-a"]):
        from mindlog.usecases import morning

        return lambda session: morning.morning(session, True, None, None)
    if name == "list":
        return parse_list(args)
    if name == "export":
        return parse_export(args)
    return None


def parse_export(args: list[str]) -> Callable[[Session], None] | None:
    """``export`` in Markdown, JSON or CSV: --format, --since, --until, -o FILE, --force and
    (with CSV) --raw. HTML goes to Typer, as does anything else."""
    values: dict[str, str] = {}
    names = {
        "-f": "format", "--format": "format", "--since": "since", "--until": "until",
        "-o": "output", "--output": "output",
    }  # fmt: skip
    flags = {"--force": False, "--raw": False}
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in flags and not flags[arg]:
            flags[arg] = True
            i += 1
            continue
        if arg in names and i + 1 < len(args) and names[arg] not in values:
            values[names[arg]] = args[i + 1]
            i += 2
            continue
        option, _, value = arg.partition("=")
        if not (arg.startswith("--") and option in names and names[option] not in values):
            return None
        values[names[option]] = value
        i += 1
    fmt = values.get("format", "md").lower()
    if fmt not in ("md", "json", "csv") or (flags["--raw"] and fmt != "csv"):
        return None  # HTML (the companion's page), or Typer's words for what does not go together
    output = values.get("output")

    def step(session: Session) -> None:
        from pathlib import Path

        reading = _reading()
        wanted = reading.span(session, values.get("since"), values.get("until"))
        target = None if output is None else Path(output)
        reading.export(session, fmt, wanted, target, flags["--force"], flags["--raw"])

    return step


def parse_list(args: list[str]) -> Callable[[Session], None] | None:
    """``list`` with -n, --search, --kind, --tag, --since, --until, --json, --removed, --no-pager."""
    values: dict[str, list[str]] = {
        "last": [],
        "search": [],
        "kind": [],
        "tag": [],
        "since": [],
        "until": [],
    }
    names = {
        "-n": "last", "--last": "last", "-s": "search", "--search": "search", "-k": "kind",
        "--kind": "kind", "-t": "tag", "--tag": "tag", "--since": "since", "--until": "until",
    }  # fmt: skip
    flags = {"--json": False, "--removed": False, "--no-pager": False}
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in flags:
            flags[arg] = True
        elif arg in names and i + 1 < len(args):
            i += 1
            values[names[arg]].append(args[i])
        elif arg.startswith("--") and "=" in arg and arg.split("=", 1)[0] in names:
            option, value = arg.split("=", 1)
            values[names[option]].append(value)
        else:
            return None  # a flag not known here, a value missing, an argument: Typer says what
        i += 1
    single = ("last", "search", "since", "until")
    if any(len(values[k]) > 1 for k in single):
        return None
    last: int | None = None
    if values["last"]:
        from mindlog.domain.typed import whole

        last = whole(values["last"][0], 1)  # the digits 0 to 9, as Typer's -n reads them
        if last is None:
            return None  # Typer's own words for a number that is not one, or out of range

    def step(session: Session) -> None:
        from mindlog.domain import query

        reading = _reading()
        first = {k: v[0] if v else None for k, v in values.items()}
        wanted = reading.span(session, first["since"], first["until"])
        wanted = query.Filter(
            wanted.since, wanted.until, values["kind"], values["tag"], first["search"]
        )
        paging = not flags["--no-pager"]
        reading.list_entries(session, wanted, last, flags["--json"], flags["--removed"], paging)

    return step


def run_with_session(step: Callable[[Session], None]) -> int:
    """Run ``step`` in a new Session (see ``run_guarded``)."""
    from mindlog.usecases.session import Session

    return run_guarded(lambda: step(Session()))


def run_guarded(step: Callable[[], object]) -> int:
    """Run ``step`` with errors told as mindlog.cli.app tells them: one line and exit code 1;
    Ctrl-C 130; a reader that went away (``| head``) ends it quietly. A step that returns
    False (``support`` given a country code it cannot use) ends with exit code 1."""

    from mindlog.cli import asking
    from mindlog.render import out
    from mindlog.usecases.session import user_error

    asking.install()  # a locked journal asks as on the Typer path (mindlog.cli.asking)
    try:
        result = step()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return out.reader_gone()
    except Exception as exc:
        told = user_error(exc)
        if told is None:
            raise
        out.error(*told)
        return 1
    return 1 if result is False else 0


def win(text: str, tag: list[str], quiet: bool, date: str | None) -> int | None:
    """``mindlog win TEXT``: the same steps as mindlog.cli.writing.win, through mindlog.usecases.wins, with
    errors told as mindlog.cli.app.command tells them (one line, exit code 1). A tag within two
    letters of a factor is left to Typer (None), which asks "did you mean ...?" or says so."""
    from mindlog.domain.journal import check_text
    from mindlog.render import out
    from mindlog.usecases import wins
    from mindlog.usecases.session import Session, user_error

    if wins.near_factors(tag):
        return None
    try:
        session = Session(lean=True)
        day = session.day(date)
        try:
            tag_list = wins.tags(tag)
        except ValueError as exc:
            out.error(str(exc))
            return 1
        reply = wins.log(session, day, check_text(text, "win"), tag_list)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        told = user_error(exc)
        if told is None:
            raise
        out.error(*told)
        return 1
    if not quiet:
        out.say(reply)
    return 0
