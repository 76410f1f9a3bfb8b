"""`mindlog list`: your entries, found by day, kind, tag or words; and the completion of ids and
setting names that the commands on your data share (cli.changes, cli.transfer, cli.settings).
"""

from __future__ import annotations

from typing import Annotated

import typer

from mindlog.cli import completion
from mindlog.cli.app import Session, command
from mindlog.cli.usage import WholeNumber
from mindlog.domain import query
from mindlog.domain.days import DAY_HELP
from mindlog.domain.model import SETTING_KINDS
from mindlog.domain.safe import one_line
from mindlog.store import config as settings
from mindlog.usecases import reading

DATE_HELP_SHORT = DAY_HELP


_span = reading.span
_line = reading.line


# -- shell completion of ids and settings ------------------------------------------------------


def _ids(incomplete: str, removed: bool) -> list[tuple[str, str]]:
    """Entry ids for the shell to offer, newest first, each with a few words of its text."""
    journal = completion.journal()  # None when it cannot be read without asking
    if journal is None:
        return []
    pool = journal.removed if removed else journal.entries
    found = [
        e for e in reversed(pool) if e.id.startswith(incomplete) and e.kind not in SETTING_KINDS
    ]
    return [(e.id, one_line(query.describe(e), 50)) for e in found[:50]]


def complete_ids(incomplete: str) -> list[tuple[str, str]]:
    return _ids(incomplete, removed=False)


def complete_removed(incomplete: str) -> list[tuple[str, str]]:
    return _ids(incomplete, removed=True)


def complete_keys(incomplete: str) -> list[tuple[str, str]]:
    return [(k, v[2]) for k, v in settings.SETTINGS.items() if k.startswith(incomplete)]


# -- list --------------------------------------------------------------------------------------


SinceOption = Annotated[
    str | None,
    typer.Option("--since", help="From this day on: " + query.WHEN_HELP, metavar="DAY"),
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Up to and including this day.", metavar="DAY")
]


@command(
    "list",
    help=(
        "List your entries, newest last; filters narrow it down.\n\n"
        "--kind can be given more than once (any of them); --tag too (all of them). "
        "--search looks for words in the text and tags, ignoring case. -n shows only the last "
        "few. On a terminal a long list opens in a pager (less; $MINDLOG_PAGER, "
        "mindlog config pager or $PAGER choose another). Days: "
        + query.WHEN_HELP
        + "\n\nExamples:  mindlog list --since 7d    ·  mindlog list --kind win --tag meaning"
        "    ·  "
        "mindlog list --search sister --json    ·  mindlog list --removed"
    ),
)
def list_entries(
    since: SinceOption = None,
    until: UntilOption = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="Only this kind: win, morning, check-in, hard day, … (repeatable).",
            show_default=False,
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            "-t",
            metavar="TAG",
            help="Only entries with this tag (repeatable).",
            show_default=False,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="WORDS",
            help="Only entries containing all these words (any order, any case).",
        ),
    ] = None,
    last: Annotated[
        int | None,
        typer.Option(
            "--last",
            "-n",
            metavar="N",
            click_type=WholeNumber(1),
            help="Only the last N entries that match.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array of entries.")] = False,
    removed: Annotated[
        bool,
        typer.Option("--removed", help="List removed entries (mindlog restore brings one back)."),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print straight to the terminal, never through a pager ($PAGER, less).",
        ),
    ] = False,
) -> None:
    session = Session()
    wanted = _span(session, since, until)
    wanted = query.Filter(wanted.since, wanted.until, kind or [], tag or [], search)
    reading.list_entries(session, wanted, last, as_json, removed, not no_pager)
