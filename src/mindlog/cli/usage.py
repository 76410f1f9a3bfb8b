"""Usage errors in mindlog's voice, and one placeholder style in every command's help.

Click (vendored by Typer) finds a mistyped command, an unknown option, a value that does not fit
or a missing argument, and raises a UsageError. ``Group.invoke`` and ``Group.make_context`` below
are where every one of them passes on its way out, for mindlog and for every sub-command: there
it becomes one line, ``mindlog: ...`` with a hint (``try: mindlog win --help``), on standard error
and exit code 2, instead of a boxed panel.

Placeholders are the names a person types in their place, in capitals: TEXT, DAY, ID, N, SHELL.
``Command`` gives every argument and option without one its placeholder, and writes arguments in
the usage line as ``ID`` (needed) or ``[TEXT]`` (optional).
"""

from __future__ import annotations

import copy
import sys
from difflib import get_close_matches
from typing import Any

import typer
from typer._click import exceptions as click_errors
from typer._click import types as click_types
from typer._types import TyperChoice
from typer.core import TyperArgument, TyperCommand, TyperGroup

from mindlog.domain.safe import one_line
from mindlog.domain.typed import digits_hint, whole
from mindlog.render import out
from mindlog.render.helpscreen import Doc, compose

ECHO = 30  # at most this much of what was typed is repeated back (it may be private words)

DAY_NAMES = ("date", "since", "until")
NAMED = {"number": "N", "entry_id": "ID"}


def placeholder(param: Any) -> str | None:
    """The placeholder for a parameter without one: TEXT, DAY, N, ...; None for a flag."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if isinstance(param.type, TyperChoice):
        return "|".join(str(getattr(c, "value", c)) for c in param.type.choices)  # md|json|csv
    if param.name in DAY_NAMES:
        return "DAY"
    if isinstance(param.type, (click_types.IntParamType, click_types.FloatParamType)):
        return "N"
    if isinstance(param, TyperArgument):
        return NAMED.get(str(param.name), str(param.name or "text").upper())
    return "TEXT"


def _digits(value: object) -> int:
    """A number typed with the digits 0 to 9 (mindlog.domain.typed.whole), as Click reads one."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    number = whole(str(value))
    if number is None:
        raise ValueError(value)
    return number


class WholeNumber(click_types.IntRange):
    """A whole number option: the digits 0 to 9 only (``²``, ``①`` or ``３`` is a usage error
    in mindlog's words, never a traceback nor a number the person did not mean)."""

    _number_class = staticmethod(_digits)  # type: ignore[assignment]

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        super().__init__(min=low, max=high)


class _Words(click_types.StringParamType):
    """Text, shown in help by the argument's placeholder alone (not ``ID <str>``)."""

    def get_metavar(self, param: Any, ctx: Any) -> str:
        return ""


def _no_type(param: Any = None, ctx: Any = None) -> str:
    return ""


class Command(TyperCommand):
    """A command whose help names every value the same way (see the module's description)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.metavar is None:
                param.metavar = placeholder(param)
            if isinstance(param, TyperArgument) and type(param.type) is click_types.StringParamType:
                param.type = _Words()
            elif isinstance(param, TyperArgument):
                # The placeholder says it all (FILE, not FILE <path>); a copy, as Click shares
                # some types between parameters.
                param.type = copy.copy(param.type)
                param.type.get_metavar = _no_type  # type: ignore[method-assign]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click_errors.UsageError as exc:
            exc.ctx = exc.ctx or ctx  # so that the hint names this command
            raise

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        # Typer writes a needed argument as {ID}; mindlog writes it as ID, and [TEXT] when optional.
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]

    def get_help(self, ctx: Any) -> str:
        return shown_help(ctx)


class Group(TyperGroup):
    """mindlog's top command (and its groups: routine, practice, ...): usage errors of every
    command below it become one line, and help is plain lines (mindlog.render.helpscreen)."""

    # The order of mindlog's commands in help and completion (mindlog.cli.app.arrange); the
    # others follow in the order they were registered.
    order: dict[str, int] = {}

    def get_help(self, ctx: Any) -> str:
        return shown_help(ctx)

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        if ctx.parent is not None:
            return names  # a group's own commands (routine, practice...): as registered
        return sorted(names, key=lambda name: Group.order.get(name, len(Group.order)))

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except click_errors.UsageError as exc:
            raise usage_exit(exc) from None
        except BrokenPipeError:
            raise typer.Exit(out.reader_gone()) from None  # `mindlog --help | head -1`

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except click_errors.UsageError as exc:
            raise usage_exit(exc) from None
        except BrokenPipeError:
            raise typer.Exit(out.reader_gone()) from None  # `mindlog win --help | head -1`


# -- help ----------------------------------------------------------------------------------------


def shown_help(ctx: Any) -> str:
    """The help of ``ctx``'s command, for standard output as it is (a terminal or a pipe)."""
    from mindlog.cli import access

    access.switch()  # help is shown before any command runs: the accessible mode here too
    return compose(help_doc(ctx), out.columns(sys.stdout)).rstrip("\n")


def help_doc(ctx: Any) -> Doc:
    """What the help of ``ctx``'s command says: its usage, text, arguments, options and commands
    (in the groups of ``rich_help_panel``, in the order they were registered)."""
    command = ctx.command
    usage = " ".join([command_path(ctx), *command.collect_usage_pieces(ctx)])
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is not None:
            names, text = record
            (arguments if isinstance(param, TyperArgument) else options).append((names, text))
    panels: dict[str, list[tuple[str, str]]] = {}
    for name in getattr(command, "list_commands", lambda ctx: [])(ctx):
        sub = command.get_command(ctx, name)
        if sub is None or sub.hidden:
            continue
        panel = getattr(sub, "rich_help_panel", None) or "Commands"
        panels.setdefault(panel, []).append((name, short_help(sub)))
    sections: list[tuple[str, list[tuple[str, str]], bool]] = [
        ("Arguments", arguments, False),
        *((title, rows, True) for title, rows in panels.items()),
        ("Options", options, False),
    ]
    return Doc(usage=usage, text=command.help or "", sections=sections)


def short_help(command: Any) -> str:
    """A command's few words in its group's list: its short help, or its help's first line."""
    text = command.short_help or (command.help or "").strip().split("\n", 1)[0]
    return " ".join(text.split())


def usage_exit(exc: click_errors.UsageError) -> typer.Exit:
    """Tell the person what was not understood, in one line with a hint; return Exit(2)."""
    if isinstance(exc, click_errors.NoArgsIsHelpError):
        out.write(sys.stderr, exc.format_message() + "\n")
        return typer.Exit(2)
    message, hint = explain(exc)
    out.error(message, hint)
    return typer.Exit(2)


def command_path(ctx: Any) -> str:
    path = getattr(ctx, "command_path", "") or "mindlog"
    return path if path.startswith("mindlog") else "mindlog" + path[path.find(" ") :]


def help_hint(ctx: Any) -> str:
    return f"try: {command_path(ctx)} --help"


def explain(exc: click_errors.UsageError) -> tuple[str, str]:
    """(message, hint) for a usage error: plain words, sentence case, no Click phrasing."""
    ctx = exc.ctx
    where = command_path(ctx)
    hint = help_hint(ctx)
    text = exc.message.strip()
    if text.startswith("No such command"):
        typed = text.split("'", 2)[1] if text.count("'") >= 2 else text
        names = sorted(getattr(ctx.command, "commands", {})) if ctx is not None else []
        close = get_close_matches(typed, names, n=1)
        message = f"there is no command {one_line(typed, ECHO)!r}"
        if where != "mindlog":
            message += f" in {where}"
        if close:
            message += f"; did you mean {where} {close[0]}?"
        return message, hint
    if text.startswith("Got unexpected extra argument"):
        extra = text[text.rfind("(") + 1 : text.rfind(")")] if "(" in text else ""
        message = f"more was given than {where} takes (left over: {one_line(extra, ECHO)})"
        return message + "; words that belong together go in quotes", hint
    if isinstance(exc, click_errors.NoSuchOption):
        message = f"there is no option {one_line(exc.option_name, ECHO)} for {where}"
        known = [o for p in ctx.command.params for o in p.opts if o.startswith("--")] if ctx else []
        close = get_close_matches(exc.option_name, list(exc.possibilities or known), n=1)
        if close:
            message += f"; did you mean {close[0]}?"
        return message, hint
    if isinstance(exc, click_errors.BadOptionUsage):
        if "requires an argument" in text:
            return f"{exc.option_name} needs a value", hint
        return _plain(text), hint
    if isinstance(exc, click_errors.MissingParameter):
        param = exc.param
        name = param.metavar or str(param.name).upper() if param is not None else "a value"
        if param is not None and not isinstance(param, TyperArgument):
            name = max(param.opts, key=len)
        usage = " ".join(ctx.command.collect_usage_pieces(ctx)) if ctx is not None else ""
        return f"{name} is missing: {where} {usage}".rstrip(), hint
    if isinstance(exc, click_errors.BadParameter):
        return _bad_value(exc), hint
    return _plain(text), hint


def _bad_value(exc: click_errors.BadParameter) -> str:
    param = exc.param
    if param is None:
        return _plain(exc.message)  # raised by mindlog itself, already in its words
    name = max(param.opts, key=len) if param.opts and not isinstance(param, TyperArgument) else ""
    name = name or str(param.metavar or param.name or "the value").upper()
    given = one_line(exc.message.split(" is not", 1)[0], ECHO) if " is not" in exc.message else None
    kind = param.type
    if isinstance(kind, TyperChoice):
        choices = [str(getattr(c, "value", c)) for c in kind.choices]
        listed = ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
        return f"{name} can be {listed}, not {given}" if given else f"{name} can be {listed}"
    if isinstance(kind, click_types.IntRange):
        low, high = kind.min, kind.max
        if low is not None and high is not None:
            wanted = f"a whole number from {low} to {high}"
        elif low is not None:
            wanted = f"a whole number, {low} or more"
        elif high is not None:
            wanted = f"a whole number, {high} or less"
        else:
            wanted = "a whole number"
        return f"{name} needs {wanted}" + (f", not {given}{digits_hint(given)}" if given else "")
    if isinstance(kind, (click_types.IntParamType, click_types.FloatParamType)):
        return f"{name} needs a number" + (f", not {given}" if given else "")
    return _plain(exc.message)


def _plain(text: str) -> str:
    """Click's sentence as mindlog says things: no trailing full stop, a small first letter."""
    text = text.strip().rstrip(".")
    if text[:1].isupper() and not text[1:2].isupper():
        text = text[0].lower() + text[1:]
    return text
