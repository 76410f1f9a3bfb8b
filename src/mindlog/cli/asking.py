"""Asking for the journal's key: one way, on both the Typer path and the fast path.

mindlog.store.keys.opener decides how a key is got (this process, the unlocked key file, the
passphrase file); when none of them has it, it calls ``keys.ask``, which ``install`` sets to
``identity`` below. On a terminal: up to three tries; an empty Enter is "nothing typed", never a
wrong passphrase; after a wrong one the recovery key is named. Without a terminal: None, and the
command says in one line that the journal is locked (exit code 1). greet never imports this
module, so it never asks. No Typer here: the fast path (mindlog.cli.quick) installs it too.
"""

from __future__ import annotations

import sys

from mindlog.domain.errors import MindlogError
from mindlog.store import keys
from mindlog.store.paths import Locations

TRIES = 3
PASSPHRASE = "Passphrase for your journal: "
CURRENT = "Current passphrase: "
RECOVERY = "Recovery key: "
NOTHING_TYPED = "Nothing typed. Type your passphrase, then Enter."
TRY_AGAIN = (
    "That passphrase does not open this journal. Try again; if it is gone, your recovery key "
    "opens it: mindlog unlock --recovery"
)
TRY_AGAIN_RECOVERY = "That recovery key does not open this journal. Try again."
STILL_LOCKED_NOTHING = "nothing was typed, so the journal stays locked; nothing was changed"
RECOVERY_HINT = (
    "if the passphrase is gone, mindlog unlock --recovery opens it with the recovery key"
)
NO_TERMINAL = "there is no terminal to ask for your passphrase; nothing was changed"


def _tell(line: str) -> None:
    from mindlog.render.out import write

    write(sys.stderr, line + "\n")
    sys.stderr.flush()


def identity(where: Locations, question: str = PASSPHRASE, *, recovery: bool = False) -> str | None:
    """The journal's identity, from a passphrase (or the recovery key) typed at the terminal;
    None when there is no terminal. keys.LockedError after three tries that do not open it (the
    journal stays locked: a cache is kept, and this process does not ask again)."""
    from mindlog.cli import prompts  # only when a key is asked for: it brings subprocess in

    if not prompts.interactive():
        return None
    wrong = False
    for attempt in range(1, TRIES + 1):
        secret = prompts.secret(question)
        last = attempt == TRIES
        if not secret.strip():
            if not last:
                _tell(NOTHING_TYPED)
            continue
        try:
            return keys.open_with(where, secret, recovery=recovery)
        except MindlogError as exc:
            if str(exc) not in (keys.WRONG, keys.WRONG_RECOVERY):
                raise  # keys.json damaged: said at once
            wrong = True
            if not last:
                _tell(TRY_AGAIN_RECOVERY if recovery else TRY_AGAIN)
    if not wrong:
        raise keys.LockedError(STILL_LOCKED_NOTHING)
    if recovery:
        raise keys.LockedError(keys.WRONG_RECOVERY)
    raise keys.LockedError(keys.WRONG, RECOVERY_HINT)


def _minutes(where: Locations) -> int:
    from mindlog.store import config

    return keys.unlock_minutes(config.load(where).values)


def install() -> None:
    """Let every command of this process ask for the key on a terminal, and keep it unlocked as
    long as the settings say (``unlock_minutes``)."""
    keys.ask = identity
    keys.minutes_for = _minutes
