"""Encryption at rest: `mindlog encrypt`, `unlock`, `lock`, `passphrase` and `decrypt`.

The work is done in mindlog.store.keys (the key and where the unlocked key is kept), mindlog.store.sealing
(this device's own file, sealed or plain) and mindlog.store.crypto (age and scrypt). This module asks
for passphrases and tells what was done. Reading commands ask for the key through
mindlog.cli.asking (installed here and by the fast path); greet never asks.
"""

from __future__ import annotations

import contextlib
import sys
from datetime import UTC
from typing import Annotated, Any

import typer

from mindlog.cli import asking, prompts
from mindlog.cli.app import Session, command, fail
from mindlog.domain.errors import MindlogError
from mindlog.render import out
from mindlog.store import config, keys
from mindlog.store.eventlog import Store
from mindlog.store.format import READABLE, SEALED, plan_choice, sealed_journal
from mindlog.store.paths import Locations, locations, runtime_folder
from mindlog.usecases import personal

MIN_LENGTH = 8

BEFORE = (
    "Encrypting seals your journal, boosts and routine on this computer, and every line written "
    "from now on (your support plan too, if you choose). Writing never needs the passphrase; reading asks for it once a "
    "session. You will also get a recovery key, shown once, to keep on paper. The one thing "
    "that cannot be undone: if neither the passphrase nor the recovery key is known any more, "
    "no one can open the journal, not even mindlog."
)
CHOOSE = f"Choose a passphrase of at least {MIN_LENGTH} characters; a few unrelated words make a good one."
NEW = "New passphrase: "
NEW_AGAIN = "The same new passphrase again: "
DIFFER = "The two passphrases differ. Once more:"
TOO_SHORT = f"That is shorter than {MIN_LENGTH} characters. Once more:"
ENCRYPTED = (
    "Your journal is encrypted. New lines are sealed as they are written, with no passphrase "
    "needed; reading asks for it once a session (mindlog unlock, mindlog lock)."
)
RECOVERY_INTRO = (
    "Your recovery key, shown only this once. Write it on paper and keep it somewhere safe:"
)
RECOVERY_AFTER = (
    "Either your passphrase or this key opens your journal, on any device. If you forget the "
    "passphrase, mindlog passphrase --recovery sets a new one with this key. Without either "
    "of them, no one can open the journal, not even mindlog."
)
STAYS_PLAIN = "{count} {lines} written on {host} ({name}) stay in plain text until that device next saves something."
IF_GONE = (
    "If a device is gone for good (replaced, reinstalled, no longer used), mindlog encrypt "
    "--adopt-all copies its lines here, sealed."
)
GONE_QUESTION = (
    "{host} ({name}) has {count} {lines} in plain text, the last from {day}. Is that device gone for good "
    "(replaced, reinstalled, no longer used), so this computer seals them? [y/N] "
)
PLAN_QUESTION = (
    "Keep your support plan readable without the passphrase? Recommended: the plan is there when "
    "it is needed most, on a day when the passphrase will not come. Its lines and your crisis "
    "country then stay in plain text on this disk and the synced folder; everything else is "
    "sealed. [Y/n] "
)
PLAN_READABLE_SAID = (
    "Your support plan stays readable without the passphrase: mindlog support shows it even "
    "while the journal is locked (to seal it too: mindlog encrypt --plan-sealed)."
)
PLAN_SEALED_SAID = (
    "Your support plan is sealed like the rest: mindlog support asks for the passphrase, and "
    "where to find help always shows (to keep it readable: mindlog encrypt --plan-readable)."
)
PLAN_STAYS_SEALED = (
    "{count} {lines} of your plan in files of other devices stay sealed until mindlog unlock "
    "runs there."
)
UNLOCKED = "Unlocked for {minutes} minutes on this computer, or until mindlog lock or logout."
UNLOCKED_NO_RUNTIME = (
    "Unlocked for {minutes} minutes on this computer, or until mindlog lock. This system has no "
    "private runtime folder ($XDG_RUNTIME_DIR), so the key is kept in a private file in "
    "mindlog's state folder until then."
)
UNLOCK_NOT_KEPT = (
    "Your passphrase is right, but the key could not be kept here; reading asks again."
)
LOCKED_NOW = "Locked. Reading asks for your passphrase again; writing works as always."
NOT_UNLOCKED = "The journal was not unlocked on this computer; it stays locked."
PASSPHRASE_CHANGED = (
    "Your passphrase is changed. No line of the journal was rewritten; other devices use the new "
    "one as soon as keys.json reaches them."
)
DECRYPTED = (
    "Your journal is in plain text again on this computer ({count} lines opened). Lines another "
    "device sealed stay sealed until mindlog decrypt runs there; reading them still needs your "
    "passphrase, so keys.json stays until then."
)
NOT_ENCRYPTED = "the journal is not encrypted"
ENCRYPTED_MEANWHILE = (
    "another mindlog encrypted the journal meanwhile; nothing was changed here "
    "(mindlog unlock opens it with its passphrase)"
)

asking.install()  # every command asks for the key the same way (the fast path installs it too)


def _minutes(where: Locations) -> int:
    return keys.unlock_minutes(config.load(where).values)


def _current(where: Locations, *, recovery: bool = False, question: str = asking.PASSPHRASE) -> str:
    """The journal's identity: from the recovery key, or from the passphrase (file or asked)."""
    if recovery:
        found = asking.identity(where, asking.RECOVERY, recovery=True)
        if found is not None:
            return found
        secret = prompts.read_piped().strip() or None
        if secret is None:
            raise MindlogError("no recovery key was given; nothing was changed")
        return keys.open_with(where, secret, recovery=True)
    secret = keys.passphrase_from_file()
    if secret is not None:
        return keys.open_with(where, secret)
    found = asking.identity(where, question)
    if found is None:
        raise MindlogError(
            asking.NO_TERMINAL, f"set {keys.PASSPHRASE_FILE_VARIABLE} to a file that holds it"
        )
    return found


def _tell(line: str) -> None:
    from mindlog.render.out import columns, wrap, write

    width = columns(sys.stderr)
    write(sys.stderr, "\n".join(wrap(line, width) if width else [line]) + "\n")
    sys.stderr.flush()


def _new_passphrase(from_file: str | None = None, *, explain: str | None = None) -> str:
    """A new passphrase: from a file (scripts), else typed twice at the terminal, after
    ``explain`` and the minimum are said; a second and third try when the two differ or it is
    too short."""
    if from_file is not None:
        try:
            with open(from_file, encoding="utf-8") as handle:
                secret: str | None = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or "not valid UTF-8"
            raise MindlogError(f"cannot read the passphrase file {from_file}: {reason}") from None
        assert secret is not None
        secret = secret[:-1] if secret.endswith("\n") else secret
    else:
        secret = keys.passphrase_from_file()
    if secret is None:
        if not prompts.interactive():
            raise MindlogError(
                "there is no terminal to ask for a new passphrase; nothing was changed",
                f"set {keys.PASSPHRASE_FILE_VARIABLE} to a file that holds it",
            )
        if explain:
            _tell(explain)
        _tell(CHOOSE)
        for attempt in range(asking.TRIES):
            last = attempt == asking.TRIES - 1
            typed = prompts.secret(NEW)
            if len(typed.strip()) < MIN_LENGTH:
                if not last:
                    _tell(TOO_SHORT)
                    continue
                secret = typed
                break
            if prompts.secret(NEW_AGAIN) == typed:
                secret = typed
                break
            if last:
                raise MindlogError("the two passphrases differ; nothing was changed")
            _tell(DIFFER)
    assert secret is not None
    if len(secret.strip()) < MIN_LENGTH:
        raise MindlogError(
            f"a passphrase needs at least {MIN_LENGTH} characters; nothing was changed",
            "a few unrelated words make a good one",
        )
    return secret


def _forget_caches(where: Locations) -> None:
    """The caches go with the change (a plain one holds words; a sealed one needs the old key)."""
    from mindlog import cache

    cache.drop(where)


@command(
    "encrypt",
    help=(
        "Encrypt your journal at rest: the lines on this computer, your boosts and routine, and "
        "every line written from now on; your support plan too with --plan-sealed (by default it "
        "stays readable, so that mindlog support works while the journal is locked). Asks for a new passphrase twice (in "
        "scripts, from the file MINDLOG_PASSPHRASE_FILE names) and shows a recovery key once, to "
        "keep on paper. Lines in files of devices that are gone (asked for each, or all with "
        "--adopt-all) are copied into this computer's file, sealed.\n\n"
        "Examples:  mindlog encrypt    ·  mindlog encrypt --adopt-all    ·  "
        "mindlog encrypt --plan-sealed"
    ),
)
def encrypt(
    adopt_all: Annotated[
        bool,
        typer.Option(
            "--adopt-all",
            help=(
                "Every other device that left lines in plain text is gone: copy its lines here, "
                "sealed, and remove its file once they are safe."
            ),
        ),
    ] = False,
    plan_readable: Annotated[
        bool | None,
        typer.Option(
            "--plan-readable/--plan-sealed",
            help=(
                "Keep your support plan (and crisis country) readable without the passphrase, "
                "so that mindlog support works locked (the default, and asked on a terminal), or "
                "seal it like the rest. Run again to change it."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    where = locations()
    store = Store(where)
    store.check_writable()  # a journal of a newer mindlog is left alone
    new: keys.NewKeys | None = None
    if sealed_journal(where.journal):  # this device joins (or finishes an encrypt cut short)
        identity = keys.opener(where).identity
    elif keys.read_keys(where) is not None:  # encrypted before, and decrypted: the same key
        identity = _current(where)
    else:
        passphrase = _new_passphrase(explain=BEFORE)
        store.files()  # a journal path that is not a folder is said before anything is made
        new = keys.prepare(passphrase)  # the slow part, before the lock
        identity = new.identity
    from mindlog.store import adoption, sealing

    before = plan_choice(where.journal) if sealed_journal(where.journal) else None
    choice = _plan_choice(plan_readable, before)  # asked before the lock is taken
    gone = _gone(adoption.others(store), adopt_all)
    recovery: str | None = None
    adopted = 0
    with store.lock():  # every step below is whole or not done; run again, it finishes the rest
        if new is not None:
            if keys.read_keys(where) is not None:
                raise fail(ENCRYPTED_MEANWHILE)
            keys.save_new(where, new)  # keys.json first: from now on nothing is written plain
            recovery = new.recovery
        elif keys.recovery_unshown(where):  # the key was made here, its recovery key not shown
            recovery = keys.new_recovery(where, identity)
        store.write_format(sealed=True, plan=choice)
        recipient = keys.recipient(where)
        keys.hold(where, identity)  # a readable plan's sealed lines are opened with it
        sealed = sealing.seal_own(store, recipient)  # and the small files, routine
        for name in gone:  # copied here sealed; the old file removed once they are safe
            adopted += adoption.adopt(store, name, recipient)
        if gone and not sealing.plan_open(store, recipient):
            sealing.seal_own(store, recipient)  # a readable plan's lines among those copied
        _forget_caches(where)  # a plain cache holds words
        plain = [found for found in adoption.others(store) if found.plain]
        plan_elsewhere = (
            _plan_sealed_elsewhere(store) if choice == READABLE and before != READABLE else 0
        )
    keys.unlock(where, identity, _minutes(where))
    _keep_routine_copy()
    out.say(ENCRYPTED)
    if recovery is not None:
        out.say("")
        out.say(RECOVERY_INTRO)
        out.say(f"  {recovery}")
        out.say(RECOVERY_AFTER)
        out.say("")
        sys.stdout.flush()
        keys.recovery_shown(where)
    out.say(sealed_words(sealed, adopted, len(gone)))
    for found in plain:
        said = STAYS_PLAIN.format(
            count=found.plain, lines=_lines(found.plain), host=found.host, name=found.name
        )
        out.say(said)
    if plain:
        out.say(IF_GONE)
    out.say(PLAN_READABLE_SAID if choice == READABLE else PLAN_SEALED_SAID)
    if plan_elsewhere:
        out.say(PLAN_STAYS_SEALED.format(count=plan_elsewhere, lines=_lines(plan_elsewhere)))


def _plan_choice(flag: bool | None, before: str | None) -> str:
    """How the plan is kept: as the flag says; else as chosen before; else asked on a terminal
    (Enter: readable, the recommended); readable without a terminal."""
    if flag is not None:
        return READABLE if flag else SEALED
    if before is not None:
        return before
    if prompts.interactive() and prompts.yes_no_skip(PLAN_QUESTION) is False:
        return SEALED
    return READABLE


def _plan_sealed_elsewhere(store: Store) -> int:
    """How many lines of the plan (or the country) other devices' files hold sealed: they turn
    readable when mindlog unlock runs there (only that device rewrites its file)."""
    from mindlog.store import sealing
    from mindlog.store.eventlog import conflict_base
    from mindlog.store.lines import never_asking, parse_line

    own = store.own_file().name
    paths = store.files()
    names = {p.name for p in paths}
    ids = sealing.readable_ids(store.folder)
    opened = []
    with never_asking(), contextlib.suppress(MindlogError):
        for path in paths:
            if path.name == own or conflict_base(path.name, names) is not None:
                continue
            for raw in path.read_bytes().split(b"\n"):
                if sealing.SEALED_KEY in raw:
                    found = parse_line(raw)
                    if isinstance(found, dict):
                        opened.append(found)
    ids |= {i for event in opened if (i := sealing.readable_entry(event)) is not None}
    return sum(1 for event in opened if sealing.readable(event, ids))


def _lines(count: int) -> str:
    return "line" if count == 1 else "lines"


def sealed_words(sealed: int, adopted: int, devices: int) -> str:
    """What encrypt sealed here, and copied from devices that are gone."""
    said = f"Sealed {sealed} {_lines(sealed)} written on this computer"
    if devices:
        them = "a device that is gone" if devices == 1 else f"{devices} devices that are gone"
        said += f", and {adopted} {_lines(adopted)} of {them}, copied here"
    return said + "."


def _gone(others: list[Any], adopt_all: bool) -> list[str]:
    """The files of other devices whose plain lines are copied here: every one with --adopt-all,
    else those the person says are gone (asked on a terminal; none without one)."""
    waiting = [found for found in others if found.plain]
    if adopt_all:
        return [found.name for found in waiting]
    if not waiting or not prompts.interactive():
        return []
    from datetime import datetime

    chosen = []
    for found in waiting:
        last = datetime.fromtimestamp(found.last / 1_000_000, tz=UTC).date()
        question = GONE_QUESTION.format(
            host=found.host,
            name=found.name,
            count=found.plain,
            lines=_lines(found.plain),
            day=last.isoformat(),
        )
        if prompts.yes_no_skip(question) is True:
            chosen.append(found.name)
    return chosen


@command(
    "unlock",
    help=(
        "Unlock your encrypted journal for this login session (unlock_minutes, 720 unless set), "
        "so that reading does not ask again. The key is kept in memory-backed storage of your "
        "own ($XDG_RUNTIME_DIR), never in the journal's folder.\n\n"
        "Examples:  mindlog unlock    ·  mindlog unlock --recovery"
    ),
)
def unlock(
    recovery: Annotated[
        bool, typer.Option("--recovery", help="Use the recovery key instead of the passphrase.")
    ] = False,
) -> None:
    where = locations()
    if keys.read_keys(where) is None:
        raise fail(NOT_ENCRYPTED + "; there is nothing to unlock")
    identity = _current(where, recovery=recovery)
    minutes = _minutes(where)
    kept = keys.unlock(where, identity, minutes)
    if sealed_journal(where.journal):
        from mindlog.store import sealing

        store = Store(where)
        recipient = keys.recipient(where)
        keys.hold(where, identity)  # a readable plan's sealed lines are opened with it
        with store.lock():
            if not sealing.plan_open(store, recipient):
                sealing.seal_own(store, recipient)
        config.seal_routine(where)  # a routine set on this device before it joined: sealed
        _keep_routine_copy()
    if kept is None:
        out.say(UNLOCK_NOT_KEPT)
    else:
        in_memory = runtime_folder() is not None
        out.say((UNLOCKED if in_memory else UNLOCKED_NO_RUNTIME).format(minutes=minutes))


@command(
    "lock",
    help=(
        "Lock your encrypted journal again on this computer: reading asks for the passphrase; "
        "writing still works.\n\nExample:  mindlog lock"
    ),
)
def lock() -> None:
    where = locations()
    if keys.read_keys(where) is None:
        raise fail(NOT_ENCRYPTED + "; there is nothing to lock")
    out.say(LOCKED_NOW if keys.lock(where) else NOT_UNLOCKED)


@command(
    "passphrase",
    help=(
        "Change the passphrase of your encrypted journal, without rewriting it. Asks for the "
        "current one (or the recovery key with --recovery), then the new one twice.\n\n"
        "Examples:  mindlog passphrase    ·  mindlog passphrase --recovery"
    ),
)
def passphrase(
    recovery: Annotated[
        bool, typer.Option("--recovery", help="Prove it with the recovery key instead.")
    ] = False,
    new_file: Annotated[
        str | None,
        typer.Option(
            "--new-passphrase-file",
            help="Read the new passphrase from this file (for scripts).",
            show_default=False,
        ),
    ] = None,
) -> None:
    where = locations()
    if keys.read_keys(where) is None:
        raise fail(NOT_ENCRYPTED + "; there is no passphrase to change")
    identity = _current(where, recovery=recovery, question=asking.CURRENT)
    wrapped = keys.wrap_for_passphrase(identity, _new_passphrase(new_file))
    with Store(where).lock():  # every writer of keys.json holds the journal's lock
        keys.change_passphrase(where, wrapped)
    out.say(PASSPHRASE_CHANGED)


@command(
    "decrypt",
    help=(
        "Turn encryption off: this computer's lines, support plan, boosts and routine are written "
        "in plain text again, and new lines are not sealed. Run it on each of your devices.\n\n"
        "Example:  mindlog decrypt"
    ),
)
def decrypt() -> None:
    where = locations()
    if keys.read_keys(where) is None and not sealed_journal(where.journal):
        raise fail(NOT_ENCRYPTED)
    store = Store(where)
    store.check_writable()  # a journal of a newer mindlog is left alone
    keys.opener(where)  # the key, unlocked or asked for, before anything changes
    from mindlog.store import sealing
    from mindlog.usecases import smallfiles

    with store.lock():  # every step below is whole or not done; run again, it finishes the rest
        store.write_format(decrypted=True)  # first: nothing is sealed from now on
        opened, _ = sealing.unseal_own(store)
        smallfiles.rewrite_all(where)
        config.unseal_routine(where)  # back into config.json, in plain text
        personal.routine_copy(where).unlink(missing_ok=True)  # the sealed copy for locked mornings
        _forget_caches(where)  # a sealed cache needs the key
    if not any(sealing.counts(path)[1] for path in store.files()):
        keys.lock(where)  # nothing sealed is left to read: the unlocked key is not left behind
    out.say(DECRYPTED.format(count=opened))


def _keep_routine_copy() -> None:
    """Bring this computer's sealed copy of the routine up to date, for mornings recorded while
    the journal is locked (with the key at hand); a journal that cannot be read now keeps the
    copy it had."""
    with contextlib.suppress(MindlogError, OSError):
        session = Session(lean=True)  # read whole, once: no cache is built here
        personal.copy_routine(session.where, session.journal().entries)
