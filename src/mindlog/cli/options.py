"""The options of the everyday commands, said once, without Typer.

The fast path (mindlog.cli.quick) reads a command line by these descriptions, and
tests/test_quick.py checks each against the Typer command's own parameters (every spelling, what
it takes, the name it is given to): an option added to a Typer command without its line here
fails that test. ``parse`` takes only what it fully understands and returns None for anything
else (an option not known here, ``--``, ``-dVALUE``, a value missing or given twice, a value that
starts with ``-``, too many or too few arguments): Typer then reads the command line and says
what it is, in its own words, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mindlog.domain.record import record

if TYPE_CHECKING:
    from collections.abc import Sequence

VALUE = "value"  # one value: --date yesterday, --date=yesterday
VALUES = "values"  # repeatable: --scale a=1 --scale b=2
FLAG = "flag"  # True when given: --json


@record(frozen=True)
class Option:
    names: tuple[str, ...]  # every spelling, as Typer declares them
    dest: str  # the Typer parameter's name
    takes: str = VALUE
    off: tuple[str, ...] = ()  # a flag's other half (--passed/--acted): sets it False


@record(frozen=True)
class Spec:
    options: tuple[Option, ...] = ()
    arguments: tuple[str, ...] = ()  # the positional arguments' names, in order
    needed: int = 0  # how many of them must be given
    many: bool = False  # the last argument takes any number of words


DATE = Option(("--date", "-d"), "date")

SPECS: dict[str, Spec] = {
    "did": Spec((DATE, Option(("--note", "-n"), "note")), ("name",), needed=1),
    "checkin": Spec(
        (
            Option(("--mood",), "mood"),
            Option(("--energy",), "energy"),
            Option(("--sleep",), "sleep"),
            Option(("--scale",), "scale", VALUES),
            DATE,
        ),
        ("note",),
        many=True,
    ),
    "urge": Spec(
        (
            Option(("--about",), "about"),
            Option(("--strength", "-s"), "strength"),
            Option(("--instead", "-i"), "instead"),
            Option(("--passed",), "passed", FLAG, off=("--acted",)),
            DATE,
        )
    ),
    "bring-up": Spec(
        (
            Option(("--list", "-l"), "show", FLAG),
            Option(("--done",), "done"),
            Option(("--date", "-d"), "date_option"),
        ),
        ("text",),
    ),
    "rest": Spec((DATE,), ("reason",)),
    "practice": Spec(),
    "practice list": Spec((Option(("--json",), "as_json", FLAG),)),
    "support": Spec(
        (
            Option(("--country",), "country"),
            Option(("--edit",), "edit", FLAG),
            Option(("--print",), "print_page", FLAG),
            Option(("--format", "-f"), "fmt"),
            Option(("--output", "-o"), "output"),
            Option(("--force",), "force", FLAG),
        )
    ),
    "commit": Spec(
        (Option(("--show",), "show", FLAG), Option(("--reaffirm",), "reaffirm", FLAG), DATE),
        ("text",),
    ),
    "routine": Spec(),
    "routine list": Spec(),
    "boost": Spec(),
    "boost list": Spec(),
}


def command_of(argv: Sequence[str]) -> tuple[str, list[str]] | None:
    """The longest command named in ``SPECS`` that ``argv`` starts with, and the rest of it."""
    if len(argv) >= 2 and f"{argv[0]} {argv[1]}" in SPECS:
        return f"{argv[0]} {argv[1]}", list(argv[2:])
    if argv and argv[0] in SPECS:
        return argv[0], list(argv[1:])
    return None


def parse(spec: Spec, args: Sequence[str]) -> dict[str, Any] | None:
    """Each option's and argument's value by its name (None, a list or a bool when not given);
    None when the command line is anything but plain (see the module)."""
    found: dict[str, Any] = {}
    for each in spec.options:
        found[each.dest] = [] if each.takes == VALUES else None
    seen: set[str] = set()
    by_name = {name: o for o in spec.options for name in (*o.names, *o.off)}
    words: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-") or arg == "-":
            if arg == "-":
                return None  # standard input, in some commands: Typer's
            words.append(arg)
            continue
        name, equals, attached = arg.partition("=")
        option = by_name.get(name if arg.startswith("--") else arg)
        if option is None:
            return None  # --help, --, -dVALUE, -lq, an option not known here
        if option.takes == FLAG:
            if equals or option.dest in seen:
                return None
            found[option.dest] = name not in option.off
        else:
            if equals:
                value = attached
            elif i < len(args) and not args[i].startswith("-"):
                value = args[i]
                i += 1
            else:
                return None  # a value missing (or one Typer reads as an option)
            if option.takes == VALUES:
                found[option.dest].append(value)
            elif option.dest in seen:
                return None
            else:
                found[option.dest] = value
        seen.add(option.dest)
    if len(words) < spec.needed:
        return None  # asked for by Typer, or said missing
    names = spec.arguments
    if len(words) > len(names) and not spec.many:
        return None  # an argument too many: Typer's words
    for n, argument in enumerate(names):
        if spec.many and n == len(names) - 1:
            found[argument] = words[n:]
        else:
            found[argument] = words[n] if n < len(words) else None
    return found
