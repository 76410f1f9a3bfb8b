"""Reminders on this computer: the record of what mindlog installed, and the installing.

A reminder belongs to a computer (its timer runs there, and another computer of the person's may
want other times or none), so the record is kept in the state folder, which is never synced:
``reminders.json``, one object per reminder (its key, time, days and how it was installed: no
word of the person's). What is installed is one of:

- a systemd user timer: ``mindlog-remind-KEY.service`` and ``.timer`` in
  ``$XDG_CONFIG_HOME/systemd/user`` (``~/.config/systemd/user``), then ``systemctl --user
  daemon-reload`` and ``enable --now``; removing disables it, deletes the two files and reloads.
- a crontab line, where there is no systemd user instance: ``crontab -l`` is read, the line
  (marked ``# mindlog-remind:KEY``) added, and the whole written back with ``crontab -``; every
  other line is kept as it was, and what was there before is first copied to
  ``crontab-before.txt`` in the state folder. When ``crontab -l`` cannot be read for any reason
  but "no crontab" yet, nothing is written.

This module never prints; a program that fails is a StoreError with its own words.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from mindlog.domain import reminders as rules
from mindlog.domain.errors import MindlogError, StoreError
from mindlog.store import jsonfile
from mindlog.store.paths import Locations, atomic_write, ensure_dir

NAME = "reminders.json"
CRONTAB_COPY = "crontab-before.txt"
TIMEOUT = 30  # seconds for systemctl and crontab
NOTIFY_TIMEOUT = 10


def record_file(where: Locations) -> Path:
    return where.state / NAME


def load(where: Locations) -> dict[str, rules.Reminder]:
    """The reminders installed from this computer, by key; a damaged record reads as none."""
    try:
        data = jsonfile.read(record_file(where))
    except StoreError:
        return {}
    found: dict[str, rules.Reminder] = {}
    items = data.get("reminders") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        reminder = _reminder(item)
        if reminder is not None:
            found[reminder.key] = reminder
    return found


def _reminder(item: Any) -> rules.Reminder | None:
    try:
        key, at, days, how = item["key"], item["at"], item["days"], item["how"]
        if not (isinstance(key, str) and rules.valid_key(key) and how in ("systemd", "cron")):
            return None
        chosen = tuple(sorted({int(d) for d in days if isinstance(d, int) and 0 <= d <= 6}))
        return rules.Reminder(key, rules.read_time(str(at)), chosen or rules.EVERY_DAY, how)
    except (KeyError, TypeError, ValueError, MindlogError):
        return None


def keep(where: Locations, reminder: rules.Reminder | None, key: str) -> None:
    """Record ``reminder`` under ``key`` (None: forget ``key``)."""

    def change(data: Any) -> dict[str, Any]:
        items = data.get("reminders") if isinstance(data, dict) else None
        kept = [
            i
            for i in (items if isinstance(items, list) else [])
            if not (isinstance(i, dict) and i.get("key") == key)
        ]
        if reminder is not None:
            kept.append(reminder.to_json())
        return {"format": 1, "reminders": kept}

    ensure_dir(where.state)
    jsonfile.update(record_file(where), change)


# -- running programs ----------------------------------------------------------------------------


def _run(argv: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(argv, input=stdin, capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise StoreError(f"{argv[0]} could not be run ({exc})") from None


def _said(done: subprocess.CompletedProcess[bytes]) -> str:
    text = (done.stderr or done.stdout or b"").decode("utf-8", "replace").strip()
    return text.splitlines()[0][:160] if text else f"exit code {done.returncode}"


def has_systemd_user() -> bool:
    """Whether this login has a systemd user instance to hand timers to."""
    if shutil.which("systemctl") is None:
        return False
    try:
        done = subprocess.run(
            ["systemctl", "--user", "show-environment"],
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def has_crontab() -> bool:
    return shutil.which("crontab") is not None


def unit_folder() -> Path:
    """Where a person's own systemd units live: $XDG_CONFIG_HOME/systemd/user."""
    base = os.environ.get("XDG_CONFIG_HOME") or ""
    folder = Path(base) if os.path.isabs(base) else Path.home() / ".config"
    return folder / "systemd" / "user"


def install_timer(key: str, service: str, timer: str) -> list[Path]:
    """Write the two units, reload and start the timer; when any step cannot be done, take back
    the steps before it, so that nothing half installed is left."""
    folder = unit_folder()
    paths = [folder / rules.unit_name(key, "service"), folder / rules.unit_name(key, "timer")]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in zip(paths, (service, timer), strict=True):
            atomic_write(path, text.encode("utf-8"), own_folder=False)  # 0600: the user's own
    except OSError as exc:
        _remove_files(paths)
        raise StoreError(f"cannot write the timer in {folder} ({exc.strerror or exc})") from None
    for argv in (
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", paths[1].name],
    ):
        done = _run(argv)
        if done.returncode != 0:
            remove_timer(key)
            raise StoreError(
                f"systemctl did not take the timer: {_said(done)}",
                "nothing was left installed; mindlog remind add --cron uses crontab instead",
            )
    return paths


def remove_timer(key: str) -> None:
    """Stop and disable the timer, delete its two units and reload (what is gone stays gone)."""
    folder = unit_folder()
    timer = rules.unit_name(key, "timer")
    if shutil.which("systemctl") is not None:
        with contextlib.suppress(StoreError):
            _run(["systemctl", "--user", "disable", "--now", timer])
    _remove_files([folder / rules.unit_name(key, "service"), folder / timer])
    if shutil.which("systemctl") is not None:
        with contextlib.suppress(StoreError):
            _run(["systemctl", "--user", "daemon-reload"])


def _remove_files(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def read_crontab() -> str:
    """This user's crontab as it is ("" when there is none yet); StoreError when it cannot be
    read (then nothing may be written: the person's own lines would be lost)."""
    done = _run(["crontab", "-l"])
    if done.returncode == 0:
        try:
            return done.stdout.decode("utf-8")
        except UnicodeDecodeError:
            raise StoreError(
                "the crontab is not UTF-8 text, so mindlog leaves it as it is",
                "mindlog remind add uses a systemd timer where there is one",
            ) from None
    if b"no crontab" in (done.stderr or b"").lower():
        return ""
    raise StoreError(f"crontab -l did not answer: {_said(done)}; the crontab is left as it is")


def write_crontab(where: Locations, before: str, after: str) -> None:
    """Replace the crontab ``before`` with ``after`` (a copy of ``before`` kept in the state
    folder first); an empty result removes the crontab, as it was before mindlog added to it."""
    if read_crontab() != before:
        raise StoreError("the crontab changed meanwhile; try again", None)
    if before:
        atomic_write(where.state / CRONTAB_COPY, before.encode("utf-8"))
    if not after.strip():
        done = _run(["crontab", "-r"])
    else:
        done = _run(["crontab", "-"], after.encode("utf-8"))
    if done.returncode != 0:
        raise StoreError(f"crontab did not take the change: {_said(done)}")
    if read_crontab() != after:
        raise StoreError(
            "the crontab reads back differently from what mindlog wrote",
            f"what it was before is kept in {where.state / CRONTAB_COPY}",
        )


def notify(title: str, line: str) -> None:
    """Show a desktop notification with notify-send when it is there; nothing otherwise, and
    never an error (a reminder that cannot be shown is simply not shown)."""
    program = shutil.which("notify-send")
    if program is None:
        return
    env = dict(os.environ)
    if "DBUS_SESSION_BUS_ADDRESS" not in env:  # cron: the login's bus, where it is the usual one
        bus = Path(f"/run/user/{os.getuid()}/bus")
        if bus.exists():
            env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={bus}"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            [program, "--app-name=mindlog", title, line],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=NOTIFY_TIMEOUT,
            env=env,
            check=False,
        )
