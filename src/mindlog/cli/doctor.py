"""`mindlog doctor`: check the journal, set damage aside, and compact."""

from __future__ import annotations

from typing import Annotated

import typer

from mindlog import doctor, out, prompts
from mindlog.cli.app import Session, command, fail


@command(
    "doctor",
    help=(
        "Check your journal: entries, files, damaged lines (by file and line, never their text), "
        "permissions and format. Exits 0 when all is well, 1 when something needs a look.\n\n"
        "--repair sets damaged lines aside in journal/damaged/ (never deleting them), fixes "
        "permissions and rewrites the files cleanly. --compact forgets removed entries for good.\n\n"
        "Examples:  mindlog doctor    ·  mindlog doctor --repair    ·  mindlog doctor --compact --yes"
    ),
)
def run_doctor(
    repair: Annotated[
        bool, typer.Option("--repair", help="Set damage aside and fix permissions.")
    ] = False,
    compact: Annotated[
        bool, typer.Option("--compact", help="Forget removed entries for good (after asking).")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before compacting.")] = False,
) -> None:
    session = Session()
    where = session.where
    if repair:
        done = doctor.repair(where, session.now)
        if done.moved_lines:
            lines = "line" if done.moved_lines == 1 else "lines"
            out.say(f"Set {done.moved_lines} damaged {lines} aside, kept in:")
            for path in done.kept_in:
                out.say(f"  {path}")
            out.say(f"Rewrote cleanly: {', '.join(done.rewritten)}")
        if done.permissions_fixed:
            out.say(f"Made {done.permissions_fixed} files or folders private again.")
        if not done.moved_lines and not done.permissions_fixed:
            out.say("Nothing needed repair.")
    if compact:
        removed = len(session.journal().removed)
        if removed == 0:
            out.say("There are no removed entries to forget.")
        else:
            if not yes:
                if not prompts.interactive():
                    raise fail("compacting forgets removed entries for good; add --yes to go ahead")
                entries = "entry" if removed == 1 else "entries"
                answer = prompts.ask(
                    f"Forget {removed} removed {entries} for good? They cannot be restored after. [y/N] "
                )
                if (answer or "").strip().lower() not in ("y", "yes"):
                    out.say("Nothing was changed.")
                    raise typer.Exit(0)
            result = doctor.compact(where)
            count = result.dropped_entries
            out.say(
                f"Forgot {count} removed {'entry' if count == 1 else 'entries'} from this computer's file."
            )
    report = doctor.examine(where)
    _tell(report)
    if not report.healthy:
        raise typer.Exit(1)


def _tell(report: doctor.Examination) -> None:
    files = len(report.files)
    out.say(
        f"Journal: {report.entries} entries ({report.removed} removed, restorable) "
        f"in {files} file{'s' if files != 1 else ''}; format {report.schema or 'not yet written'}."
    )
    for problem in report.damaged:
        where = f"{problem.file}, line {problem.line}" if problem.line else problem.file
        out.say(f"  damaged: {where}: {problem.reason}")
    if report.newer:
        out.say("  Some of it was written by a newer mindlog: update mindlog to read all of it.")
    for path in report.loose_permissions:
        out.say(f"  not private: {path}")
    if report.healthy:
        out.say("All is well: every line can be read and every file is private.")
    elif report.damaged or report.loose_permissions:
        out.say(
            "Run `mindlog doctor --repair` to set damage aside (nothing is deleted) and fix permissions."
        )
