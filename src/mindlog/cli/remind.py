"""`mindlog remind add|list|remove` (and `fire`, which the timer runs), and `mindlog status`.

The steps are mindlog.usecases.reminders' and mindlog.usecases.status' (which the fast path
runs too); what a reminder can be for and when it rings is mindlog.domain.reminders'.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from mindlog.cli import prompts
from mindlog.cli.app import Session, app, command, fail, handle_errors
from mindlog.cli.completion import complete_practices
from mindlog.domain import reminders as rules
from mindlog.domain.safe import one_line
from mindlog.render import out
from mindlog.usecases import reminders, status

remind_app = typer.Typer(
    help=(
        "Reminders on this computer, through a systemd user timer (or crontab where there is "
        "none): silent once the practice is done today, on a rest day, and in quiet hours "
        "(mindlog config quiet_hours 22:00-08:00). A reminder shows one neutral line, never "
        "your words.\n\n"
        "Examples:  mindlog remind add morning 08:30    ·  "
        "mindlog remind add walk 18:00 --days mon-fri    ·  mindlog remind list    ·  "
        "mindlog remind remove walk"
    ),
    invoke_without_command=True,
    rich_markup_mode="rich",
)
app.add_typer(remind_app, name="remind")


def complete_for(incomplete: str) -> list[str]:
    """morning, win, checkin and the names of your practices."""
    found = [w for w in rules.BUILT_IN if w.startswith(incomplete.lower())]
    return found + complete_practices(incomplete)


@remind_app.callback()
@handle_errors
def remind_main(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        show_list()


@command(
    "add",
    on=remind_app,
    help=(
        "Add a reminder for your morning routine (morning), a win (win), a check-in (checkin) "
        "or a practice of yours (its name). mindlog shows what it will install and asks first "
        "(--yes: without asking, for scripts). Adding one again for the same thing replaces it.\n\n"
        "Examples:  mindlog remind add morning 08:30    ·  "
        "mindlog remind add walk 18:00 --days mon-fri    ·  mindlog remind add checkin 21:00 --yes"
    ),
)
def remind_add(
    name: Annotated[
        str,
        typer.Argument(
            metavar="FOR",
            help="morning, win, checkin, or the name of a practice of yours.",
            show_default=False,
            autocompletion=complete_for,
        ),
    ],
    at: Annotated[
        str, typer.Argument(metavar="HH:MM", help="The time of day.", show_default=False)
    ],
    days: Annotated[
        str | None,
        typer.Option(
            "--days",
            metavar="DAYS",
            help="Which days: mon-fri, sat-sun, mon,wed,fri (every day when left out).",
            show_default=False,
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Install it without asking.")] = False,
    cron: Annotated[
        bool,
        typer.Option("--cron", help="Use a crontab line even where systemd could run a timer."),
    ] = False,
) -> None:
    session = Session()
    prepared = reminders.prepare(session, name, at, days, cron)
    reminder = prepared.reminder
    when = f"{reminder.at}, {rules.days_words(reminder.days)}"
    out.say(f"A reminder for {one_line(prepared.label, 60)} at {when}.")
    if prepared.replaces is not None:
        old = prepared.replaces
        out.say(f"It replaces the one at {old.at}, {rules.days_words(old.days)}.")
    if reminder.how == "systemd":
        out.say("mindlog will add these two files and start the timer:")
        for path, text in prepared.files.items():
            out.say(f"  {path}")
            for row in text.splitlines():
                out.say(f"    {row}")
        out.say("  then: systemctl --user daemon-reload; systemctl --user enable --now")
    else:
        out.say("mindlog will add this line to your crontab (your other lines stay as they are):")
        out.say(f"  {prepared.line}")
    out.say(f'It shows: "{rules.TITLE}: {rules.message(reminder.key)}", never your words.')
    if not yes:
        if not prompts.interactive():
            raise fail("nothing was installed", "add --yes to install it without being asked")
        answer = prompts.ask("Install it? [y/N] ")
        if answer is None or answer.strip().lower() not in ("y", "yes"):
            out.say("Nothing was installed.")
            return
    reminders.install(session, prepared)
    out.say(
        f"Done: the reminder is set on this computer. mindlog remind remove "
        f"{_typed(prepared)} takes it away."
    )


def _typed(prepared: reminders.Prepared) -> str:
    if rules.practice_ref(prepared.reminder.key) is None:
        return prepared.reminder.key
    import shlex

    return shlex.quote(one_line(prepared.label, 60))


def show_list() -> None:
    session = Session()
    found = reminders.listing(session)
    if not found:
        out.say("No reminders on this computer. Add one with: mindlog remind add morning 08:30")
        return
    for reminder, label in found:
        way = "systemd timer" if reminder.how == "systemd" else "crontab"
        out.say(f"{one_line(label, 40)}: {reminder.at}, {rules.days_words(reminder.days)} ({way})")


@command(
    "list",
    on=remind_app,
    help="The reminders set on this computer.\n\nExample:  mindlog remind list",
)
def remind_list() -> None:
    show_list()


@command(
    "remove",
    on=remind_app,
    help=(
        "Take a reminder away: exactly what mindlog remind add installed (the timer's two files, "
        "or its one crontab line).\n\nExamples:  mindlog remind remove morning    ·  "
        "mindlog remind remove walk"
    ),
)
def remind_remove(
    name: Annotated[
        str,
        typer.Argument(
            metavar="FOR",
            help="What the reminder is for, as remind list shows it.",
            show_default=False,
            autocompletion=complete_for,
        ),
    ],
) -> None:
    session = Session()
    reminder = reminders.find(session, name)
    reminders.take_away(session.where, reminder)
    out.say("The reminder is gone from this computer.")


@command(
    "fire",
    on=remind_app,
    hidden=True,
    help="What a reminder's timer runs: a notification unless it is done, a rest day or quiet.",
)
def remind_fire(
    key: Annotated[str, typer.Argument(help="The reminder's key.", show_default=False)],
) -> None:
    raise typer.Exit(reminders.fire(key))


class Format(str, Enum):
    line = "line"
    json = "json"


@command(
    "status",
    help=(
        "One line of numbers for a status bar or a script: days shown up this week, the current "
        "run, whether the morning is done, and today's practices. None of your words.\n\n"
        "Examples:  mindlog status    ·  mindlog status --format json"
    ),
)
def status_command(
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="line (the default) or json.")
    ] = Format.line,
) -> None:
    raise typer.Exit(status.status(fmt.value))
