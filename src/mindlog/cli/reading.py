"""Reading commands: the dashboard (mindlog, mindlog today) and list."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from mindlog import out
from mindlog.cli.app import Session, app, command, version_callback
from mindlog.safe import one_line


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="Show the version and exit.", callback=version_callback, is_eager=True),
    ] = False,
) -> None:
    if ctx.invoked_subcommand is None:
        show_today()


def show_today() -> None:
    session = Session()
    journal = session.journal()
    from mindlog import render

    render.dashboard(journal, session.today, session.config.routine)


@command(
    "today",
    help="Today at a glance: your statement, this morning's routine, today's wins, one past win.\n\n"
    "Example:  mindlog today   (the same as plain mindlog)",
)
def today() -> None:
    show_today()


@command(
    "list",
    help="List your entries, newest last.\n\nExamples:  mindlog list    ·  mindlog list --json",
)
def list_entries(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array of entries.")] = False,
) -> None:
    entries = Session().journal().entries
    if as_json:
        json.dump([e.to_json() for e in entries], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if not entries:
        out.say("No entries yet. `mindlog win` is a good place to start.")
        return
    for entry in entries:
        tags = " ".join("#" + t for t in entry.tags)
        body = entry.text if entry.text is not None else _summary(entry.fields)
        out.say(f"{entry.day}  {entry.id}  {entry.kind:<10} {one_line(body or '', 70)}  {tags}".rstrip())


def _summary(fields: dict[str, object]) -> str:
    done = fields.get("done")
    routine = fields.get("routine")
    if isinstance(done, list) and isinstance(routine, list):
        return f"{len(done)} of {len(routine)} done"
    scales = ("mood", "energy", "sleep")
    if all(k in fields for k in scales):  # a check-in
        return " · ".join(f"{k} {'–' if fields[k] is None else fields[k]}" for k in scales)
    return ""
