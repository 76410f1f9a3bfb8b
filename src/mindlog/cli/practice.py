"""Practices of your own: `mindlog practice add|list|remove|rename` and `mindlog did NAME`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mindlog.cli import everyday
from mindlog.cli.app import DATE_HELP, Session, app, command, handle_errors
from mindlog.cli.completion import complete_practices
from mindlog.cli.usage import WholeNumber
from mindlog.domain import practices
from mindlog.domain.journal import Journal, add_event, delete_event, update_event
from mindlog.render import out

practice_app = typer.Typer(
    help=(
        "Practices of your own, beside morning, wins and commitment: a walk, stretching, "
        "taking your medication. Each can be every day or a few days a week.\n\n"
        "Examples:  mindlog practice add walk --per-week 3    ·  mindlog practice list    ·  "
        "mindlog practice rename walk 'evening walk'    ·  mindlog did walk"
    ),
    invoke_without_command=True,
    rich_markup_mode="rich",
)
app.add_typer(practice_app, name="practice")


PerWeek = Annotated[
    int | None,
    typer.Option(
        "--per-week",
        "-w",
        click_type=WholeNumber(),
        help="How many days a week, 1 to 7 (7, the default, is every day).",
        show_default=False,
    ),
]


@practice_app.callback()
@handle_errors
def practice_main(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        everyday.practice_list(as_json=False)


@command(
    "add",
    on=practice_app,
    help=(
        "Add a practice of your own. With --per-week N it counts weeks that reached N days.\n\n"
        "Examples:  mindlog practice add stretch    ·  mindlog practice add swim --per-week 2"
    ),
)
def practice_add(
    name: Annotated[str, typer.Argument(help="A short name, like walk or stretch.")],
    per_week: PerWeek = None,
) -> None:
    chosen = practices.check_name(name)
    target = practices.check_per_week(7 if per_week is None else per_week)
    session = Session()

    def build(journal: Journal) -> list[dict[str, Any]]:
        practices.taken(practices.defined(journal.entries), chosen)
        return [
            add_event("practicedef", session.today, session.at, None, name=chosen, per_week=target)
        ]

    session.write_after_reading(build)
    how = "every day" if target == 7 else f"{target} {'day' if target == 1 else 'days'} a week"
    out.say(f"Added {chosen}, {how}. Log a day with: mindlog did {_quoted(chosen)}")


@command(
    "list",
    on=practice_app,
    help=(
        "Your practices with their target, days shown up, strength and run.\n\n"
        "Examples:  mindlog practice list    ·  mindlog practice list --json"
    ),
)
def practice_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print them as JSON.")] = False,
) -> None:
    everyday.practice_list(as_json)


@command(
    "remove",
    on=practice_app,
    help=(
        "Stop following a practice. The days you logged stay in your journal, and "
        "mindlog restore brings the practice back.\n\n"
        "Example:  mindlog practice remove walk"
    ),
)
def practice_remove(
    name: Annotated[
        str,
        typer.Argument(
            help="Its name, or the first letters of it.", autocompletion=complete_practices
        ),
    ],
) -> None:
    session = Session()
    found: list[practices.Practice] = []

    def build(journal: Journal) -> list[dict[str, Any]]:
        found.append(practices.match(practices.defined(journal.entries), name))
        # the same practice added on other devices goes with it
        return [delete_event(entry_id, session.at) for entry_id in found[0].ids]

    session.write_after_reading(build)
    out.say(
        f"{found[0].name} is no longer followed. The days you logged stay in your journal; "
        f"to bring it back: mindlog restore {found[0].id[:6]}"
    )


@command(
    "rename",
    on=practice_app,
    help=(
        "Give a practice a new name; every day already logged stays with it. "
        "--per-week changes how many days a week it asks for.\n\n"
        "Examples:  mindlog practice rename walk 'evening walk'    ·  "
        "mindlog practice rename walk walk --per-week 4"
    ),
)
def practice_rename(
    old: Annotated[
        str,
        typer.Argument(
            help="Its name now, or the first letters of it.", autocompletion=complete_practices
        ),
    ],
    new: Annotated[str, typer.Argument(help="The new name.")],
    per_week: PerWeek = None,
) -> None:
    chosen = practices.check_name(new)
    target = None if per_week is None else practices.check_per_week(per_week)
    session = Session()
    found: list[practices.Practice] = []

    def build(journal: Journal) -> list[dict[str, Any]]:
        mine = practices.defined(journal.entries)
        practice = practices.match(mine, old)
        practices.taken(mine, chosen, but=practice.id)
        found.append(practice)
        values: dict[str, Any] = {"name": chosen}
        if target is not None:
            values["per_week"] = target  # the aim chosen, also where devices gave different ones
        # the same practice added on other devices is renamed (and given the aim) with it
        return [update_event(entry_id, session.at, **values) for entry_id in practice.ids]

    session.write_after_reading(build)
    before = found[0]
    said = f"{before.name} is now {chosen}" if before.name != chosen else f"{chosen} is kept"
    if target is not None and (target != before.per_week or before.choice):
        said += f", {target} {'day' if target == 1 else 'days'} a week"
    out.say(said + ". Every day you logged stays with it.")


@command(
    "did",
    help=(
        "Log a day of one of your own practices (its name or the first letters of it, any case).\n\n"
        "Examples:  mindlog did walk    ·  mindlog did str --date yesterday    ·  "
        "mindlog did swim --note 'Twenty lengths'"
    ),
)
def did(
    name: Annotated[
        str,
        typer.Argument(
            help="The practice: its name or the first letters.", autocompletion=complete_practices
        ),
    ],
    date: Annotated[
        str | None, typer.Option("--date", "-d", help=DATE_HELP, show_default=False)
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", "-n", help="A few words, if you like.", show_default=False),
    ] = None,
) -> None:
    everyday.did(name, date, note)


def _quoted(name: str) -> str:
    return name if name.replace("-", "").isalnum() else repr(name)
