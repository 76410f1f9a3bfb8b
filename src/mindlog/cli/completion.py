"""Tab completion: what the shell is offered, and the lines that install it.

The shell asks by running mindlog with ``_MINDLOG_COMPLETE`` set (bash, zsh, fish: Typer's
scripts); mindlog.__main__ then leaves the fast path to Typer, which answers with commands,
options and the values below. A command's name is offered with its few words of help
(mindlog.cli.main.GROUPS), never a word of the journal; an entry's first words come only where an
entry's ID is asked for (mindlog.cli.data.complete_ids), shown through mindlog.domain.safe.

Completing never asks for a passphrase, never writes, and never prints a traceback into the
shell: what cannot be read is simply not offered.

``mindlog --install-completion`` writes the script where each shell looks for it and, for bash
and zsh, one line in the start-up file guarded as the greeting's line is
(mindlog.usecases.login.STARTUP_LINES): it does nothing once the script or mindlog is gone.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer._completion_classes import completion_init

from mindlog.domain.safe import one_line
from mindlog.usecases.login import SHELLS

if TYPE_CHECKING:
    from mindlog.domain.journal import Journal

PROG = "mindlog"
VARIABLE = "_MINDLOG_COMPLETE"  # the variable Typer's scripts set (mindlog.__main__ checks it)
MARK = "# mindlog: Tab completion"

completion_init()  # Typer's answers for bash, zsh and fish (it does this only for its own options)


# -- values offered ------------------------------------------------------------------------------


def journal() -> Journal | None:
    """The journal as it is now, or None when it cannot be read without asking (locked)."""
    try:
        from mindlog.domain.journal import replay
        from mindlog.store import keys
        from mindlog.store.eventlog import Store
        from mindlog.store.paths import locations

        asking, keys.ask = keys.ask, None  # never ask: a locked journal offers nothing
        try:
            return replay(Store(locations()).read().events)
        finally:
            keys.ask = asking
    except Exception:  # completing must never print a traceback into the person's shell
        return None


def complete_practices(incomplete: str) -> list[str]:
    """The names of your practices (where a practice's name is asked for)."""
    from mindlog.domain import practices

    found = journal()
    if found is None:
        return []
    names = [one_line(p.name, 40) for p in practices.defined(found.entries)]
    return [n for n in names if n.lower().startswith(incomplete.lower())]


def complete_scales(incomplete: str) -> list[str]:
    """``NAME=`` for each check-in scale of your own (for ``checkin --scale NAME=N``)."""
    from mindlog.domain import checkins

    found = journal()
    if found is None:
        return []
    names = [one_line(n, 40) + "=" for _, n in checkins.own_scales(found.entries)]
    return [n for n in names if n.startswith(incomplete.lower())]


def complete_shells(incomplete: str) -> list[str]:
    return [shell for shell in SHELLS if shell.startswith(incomplete)]


def complete_commands(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Command names for ``mindlog help``, each with its few words of help."""
    from mindlog.cli.usage import short_help

    root = ctx.find_root().command
    names: list[str] = getattr(root, "list_commands", lambda ctx: [])(ctx)
    found = [(name, root.get_command(ctx, name)) for name in names if name.startswith(incomplete)]  # type: ignore[attr-defined]
    from mindlog.domain.words import HELP_TOPICS

    shown = [(name, short_help(sub)) for name, sub in found if sub is not None and not sub.hidden]
    return shown + [(t, "A page of its own") for t in HELP_TOPICS if t.startswith(incomplete)]


# -- installing ----------------------------------------------------------------------------------


def script(shell: str) -> str:
    """The completion script for ``shell`` (Typer's, which asks mindlog itself)."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=PROG, complete_var=VARIABLE, shell=shell)


def places(shell: str, home: Path) -> tuple[Path, Path | None, str | None]:
    """Where ``shell``'s script goes, the start-up file that loads it, and the line there."""
    if shell == "bash":
        target = home / ".bash_completions" / f"{PROG}.sh"
        name = f'"$HOME/.bash_completions/{PROG}.sh"'
        line = f"if [ -f {name} ] && command -v {PROG} >/dev/null 2>&1; then . {name}; fi"
        return target, home / ".bashrc", line
    if shell == "zsh":
        target = home / ".zfunc" / f"_{PROG}"
        line = (
            f'if [ -f "$HOME/.zfunc/_{PROG}" ]; then fpath+=("$HOME/.zfunc"); '
            "autoload -Uz compinit && compinit; fi"
        )
        return target, home / ".zshrc", line
    return home / ".config" / "fish" / "completions" / f"{PROG}.fish", None, None


def install(shell: str, home: Path) -> list[Path]:
    """Write ``shell``'s completion script, and the guarded line at the end of its start-up
    file when it is not there yet (an unguarded ``source`` line Typer wrote is replaced)."""
    from mindlog.store.paths import atomic_write

    target, rc, line = places(shell, home)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, (script(shell) + "\n").encode(), own_folder=False)
    written = [target]
    if rc is None or line is None:
        return written
    before = rc.read_text(encoding="utf-8", errors="surrogateescape") if rc.exists() else ""
    lines = before.splitlines()
    unguarded = f"source '{target}'"
    if unguarded in (old.strip() for old in lines):
        # Rewritten whole or not at all, keeping the file's mode.
        kept = [line if old.strip() == unguarded else old for old in lines]
        mode = rc.stat().st_mode & 0o7777
        atomic_write(
            rc, ("\n".join(kept) + "\n").encode("utf-8", "surrogateescape"), own_folder=False
        )
        rc.chmod(mode)
        written.append(rc)
    elif line not in (old.strip() for old in lines):
        lead = "\n" if before and not before.endswith("\n") else ""
        with rc.open("a", encoding="utf-8") as start_up:
            start_up.write(
                f"{lead}\n{MARK} (does nothing once mindlog or its script is gone)\n{line}\n"
            )
        written.append(rc)
    return written


def shell_of() -> str | None:
    """The shell in ``$SHELL`` when it is one mindlog completes for (bash when it is not set)."""
    named = Path(os.environ.get("SHELL") or "bash").name
    return named if named in SHELLS else None


def _shell_or_exit() -> str:
    from mindlog.render import out

    shell = shell_of()
    if shell is None:
        named = one_line(Path(os.environ.get("SHELL", "")).name, 30)
        out.error(f"Tab completion is for bash, zsh and fish; your shell is {named}")
        raise typer.Exit(1)
    return shell


def install_option(ctx: typer.Context, param: Any, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from mindlog.render import out

    shell = _shell_or_exit()
    try:
        written = install(shell, Path.home())
    except OSError as exc:
        out.error(f"Tab completion could not be written: {exc.strerror or exc}")
        raise typer.Exit(1) from None
    out.say(f"Tab completion for {shell} is in {written[0]}.")
    if len(written) > 1:
        out.say(f"{written[1]} loads it (a guarded line: it does nothing once mindlog is gone).")
    out.say("It works in the terminals you open from now on.")
    raise typer.Exit(0)


def show_option(ctx: typer.Context, param: Any, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from mindlog.render import out

    out.write(sys.stdout, script(_shell_or_exit()) + "\n")
    raise typer.Exit(0)
