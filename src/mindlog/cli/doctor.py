"""`mindlog doctor`: check the journal, set damage aside, and compact."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Annotated

import typer

from mindlog.cli import prompts
from mindlog.cli.app import Session, command, fail
from mindlog.render import out
from mindlog.usecases import compaction, doctor
from mindlog.usecases import repair as repairing

BIG = 4 * 1024 * 1024  # bytes of journal from which doctor shows its progress


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
    from mindlog.render.progress import bar_when  # rich only if a bar is drawn

    session = Session()
    where = session.where
    large = doctor.journal_bytes(where) >= BIG

    def checking(what: str) -> AbstractContextManager[Callable[[int], None]]:
        return bar_when(large, 100, f"mindlog: {what}")

    if repair:
        with checking("repairing your journal") as advance:
            done = repairing.repair(where, session.now, advance)
        _tell_repair(done)
    if compact:
        removed = {e.id for e in session.journal().removed}
        if removed and not yes:
            if not prompts.interactive():
                raise fail("compacting forgets removed entries for good; add --yes to go ahead")
            entries = "entry" if len(removed) == 1 else "entries"
            answer = prompts.ask(
                f"Forget {len(removed)} removed {entries} for good? They cannot be restored after. [y/N] "
            )
            if (answer or "").strip().lower() not in ("y", "yes"):
                out.say("Nothing was changed.")
                raise typer.Exit(0)
        # Also when nothing was removed here: entries forgotten on another device lose their
        # lines in this device's file too.
        with checking("compacting your journal") as advance:
            result = compaction.compact(where, removed, advance)
        count = result.dropped_entries
        if count:
            out.say(
                f"Forgot {count} removed {'entry' if count == 1 else 'entries'} for good. "
                "Other devices drop their copies when they compact; until then none of them shows it."
            )
        elif result.dropped_events:
            out.say(
                "Dropped the lines of entries forgotten on another device from this computer's file."
            )
        else:
            out.say("There are no removed entries to forget.")
    with checking("checking your journal") as advance:
        report = doctor.examine(where, advance)
    _tell(report)
    if not report.healthy:
        raise typer.Exit(1)


LEFT = {  # why repair here leaves a damaged line of a file another device writes
    "torn": " (left to the device that writes it, which repairs it)",
    "kept": " (a copy is kept in journal/damaged; the device that writes it repairs it)",
}


def _tell_repair(done: repairing.Repair) -> None:
    if done.format_rewritten:
        out.say("Set a damaged format.json aside and wrote it anew.")
    if done.moved_lines:
        lines = "line" if done.moved_lines == 1 else "lines"
        out.say(f"Set {done.moved_lines} damaged {lines} aside, kept in:")
        for path in dict.fromkeys(done.kept_in):
            out.say(f"  {path}")
        if done.rewritten:
            out.say(f"Rewrote cleanly: {', '.join(done.rewritten)}")
    if done.left_to_owner:
        out.say(
            "Left to the devices that write them (`mindlog doctor --repair` there repairs them): "
            + ", ".join(dict.fromkeys(done.left_to_owner))
        )
    for path in done.name_files_moved:
        out.say(
            f"Moved what stood where this computer's name is kept to {path}, and wrote the name again."
        )
    for name, count in done.merged.items():
        lines = "line" if count == 1 else "lines"
        out.say(
            f"Took {count} {lines} found only in the conflicted copy {name} into this computer's file, and removed the copy."
        )
    if done.leftovers_removed:
        files = "file" if done.leftovers_removed == 1 else "files"
        out.say(
            f"Removed {done.leftovers_removed} temporary {files} left by a write that was cut short."
        )
    if done.drafts_removed:
        drafts = "draft" if done.drafts_removed == 1 else "drafts"
        out.say(f"Removed {done.drafts_removed} unsaved {drafts} left when mindlog stopped.")
    if done.permissions_fixed:
        out.say(f"Made {done.permissions_fixed} files or folders private again.")
    if not (
        done.drafts_removed
        or done.moved_lines
        or done.permissions_fixed
        or done.merged
        or done.leftovers_removed
        or done.format_rewritten
        or done.name_files_moved
    ):
        out.say("Nothing needed repair here.")


def _tell(report: doctor.Examination) -> None:
    files = len(report.files)
    out.say(
        f"Journal: {report.entries} entries ({report.removed} removed, restorable) "
        f"in {files} file{'s' if files != 1 else ''}; format {report.schema or 'not yet written'}."
    )
    if report.own:
        out.say(f"  this computer writes: {', '.join(report.own)}")
    for problem in report.damaged:
        where = f"{problem.file}, line {problem.line}" if problem.line else problem.file
        left = LEFT.get(report.left.get((problem.file, problem.line), ""), "")
        out.say(f"  damaged: {where}: {problem.reason}{left}")
    if report.format_damaged and report.refused:
        out.say(
            "  damaged: format.json, and some lines are of a newer mindlog: update mindlog "
            "before writing to this journal"
        )
    elif report.format_damaged:
        out.say(
            "  damaged: format.json (what you write is still saved: mindlog tells the journal's "
            "format from its lines until it is written anew)"
        )
    for path in report.name_damage:
        out.say(
            f"  not a file: {path}, where this computer's name is kept (worked around until it is moved aside)"
        )
    for name, count in report.conflicts.items():
        lines = "line" if count == 1 else "lines"
        out.say(
            f"  conflicted copy from a sync tool: {name} ({count} {lines} found only there; read as usual)"
        )
    if report.own_copies:
        out.say(
            "  A sync tool copied this computer's own file as if another computer wrote to it too. "
            "If two computers share one machine id, set MINDLOG_MACHINE_ID to a different text "
            "on each (the README says how)."
        )
    for name in report.links:
        out.say(f"  a link, read but never rewritten: {name}")
    if report.duplicates:
        out.say(f"  {report.duplicates} lines appear in more than one file; each counts once.")
    for path in report.leftovers:
        out.say(f"  left behind by a write that was cut short: {path}")
    for name in report.not_sealed:
        out.say(f"  not encrypted yet on this computer: {name}")
    if report.not_sealed:
        out.say("  (`mindlog encrypt` encrypts them, with the same key)")
    for name in report.plain_elsewhere:
        out.say(f"  in plain text, written by another device: {name}")
    if report.plain_elsewhere:
        out.say(
            "  (that device seals them the next time it saves something; if it is gone for "
            "good, mindlog encrypt --adopt-all copies them here, sealed)"
        )
    for name in report.not_opened:
        out.say(f"  still encrypted on this computer: {name}")
    if report.not_opened:
        out.say("  (`mindlog decrypt` finishes turning them into plain text)")
    if report.recovery_unshown:
        out.say(
            "  Your recovery key was not shown when the journal was encrypted: "
            "`mindlog encrypt` shows a new one."
        )
    if report.forgotten_here:
        lines = "line" if report.forgotten_here == 1 else "lines"
        out.say(
            f"  {report.forgotten_here} {lines} of entries forgotten for good are still in this "
            "computer's file: `mindlog doctor --compact` drops them."
        )
    for path in report.drafts:
        out.say(f"  you were writing this when mindlog stopped: {path}")
    if report.drafts:
        out.say("  (open it to keep what you need; `mindlog doctor --repair` removes it)")
    if report.newer:
        out.say("  Some of it was written by a newer mindlog: update mindlog to read all of it.")
    for path in report.loose_permissions:
        out.say(f"  not private: {path}")
    if report.healthy:
        out.say("All is well: every line can be read and every file is private.")
    elif report.needs_repair:
        out.say(
            "Run `mindlog doctor --repair` to set damage aside (nothing is deleted), take in "
            "conflicted copies, remove leftovers and fix permissions."
        )
    if report.left:
        out.say(
            "Damage in a file another device writes is repaired on that device: "
            "run `mindlog doctor --repair` there."
        )
