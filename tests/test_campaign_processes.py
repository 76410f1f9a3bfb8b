"""Real processes: many writers at once, writers killed mid-write, two synced machines, time zones,
no network, and Ctrl-C at every question."""

from __future__ import annotations

import json
import os
import pty
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINDLOG, subprocess_env
from mindlog.domain.journal import replay
from mindlog.store.eventlog import Store
from mindlog.store.paths import Locations


def read_home(home: Path):
    where = Locations(home, home / "journal", home, home / "state")
    return replay(Store(where).read().events)


def mindlog(home, *args, input=None, **env):  # noqa: A002
    return subprocess.run(
        [*MINDLOG, *args],
        env=subprocess_env(home, **env),
        input=input,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# -- many writers at once ------------------------------------------------------------------------

WRITER = r"""
import sys
from mindlog.__main__ import main
kind, n, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(count):
    text = f"{kind}-{n}-{i}"
    argv = {
        "win": ["win", text, "-q"],
        "win-stdin": ["win", "-q"],
        "commit": ["commit", text],
        "setback": ["setback", text],
        "checkin": ["checkin", "--mood", "3", "--date", f"2026-{1 + i % 9:02d}-{1 + int(n) % 28:02d}", text],
        "rest": ["rest", text, "--date", f"2025-{1 + i % 12:02d}-{1 + int(n) % 28:02d}"],
    }[kind]
    sys.argv = ["mindlog", *argv]
    if kind == "win-stdin":
        import io
        sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode()))
    try:
        main()
    except SystemExit as exc:
        assert not exc.code, (argv, exc.code)
"""


def test_many_writers_of_every_kind_at_once_lose_nothing(home, tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    kinds = ["win", "win-stdin", "commit", "setback", "checkin", "rest"]
    per_process = 8
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), kind, str(n), str(per_process)],
            env=subprocess_env(home),
            stderr=subprocess.PIPE,
        )
        for kind in kinds
        for n in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err.decode()
    journal = read_home(home)
    texts = [e.text for e in journal.entries]
    expected = [f"{k}-{n}-{i}" for k in kinds for n in range(2) for i in range(per_process)]
    assert sorted(texts) == sorted(expected)  # each exactly once
    assert len({e.id for e in journal.entries}) == len(expected)


def test_many_morning_runs_on_one_day_keep_one_entry_per_day(home):
    procs = [
        subprocess.Popen(
            [*MINDLOG, "morning", "--done", str(1 + n % 4)],
            env=subprocess_env(home),
            stdout=subprocess.DEVNULL,
        )
        for n in range(8)
    ]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    (morning,) = read_home(home).of_kind("morning")  # one entry for the day, however many ran
    assert len(morning.fields["done"]) == 4  # and every run's item is in it


# -- writers killed at any moment ------------------------------------------------------------------


def test_writers_killed_at_random_moments_never_lose_an_acknowledged_write(home):
    rnd = random.Random(20261128)
    acknowledged, killed = [], 0
    batch = []
    for n in range(60):
        proc = subprocess.Popen(
            [*MINDLOG, "win", f"kill-{n}", "-q"],
            env=subprocess_env(home),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        batch.append((n, proc, rnd.uniform(0.0, 0.09)))
    start = time.monotonic()
    for _, proc, delay in batch:
        remaining = delay - (time.monotonic() - start)
        if remaining > 0:
            time.sleep(remaining)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
    for n, proc, _ in batch:
        code = proc.wait(timeout=60)
        if code == 0:
            acknowledged.append(f"kill-{n}")
        elif code == -signal.SIGKILL:
            killed += 1
    journal_texts = [e.text for e in read_home(home).entries]
    for text in acknowledged:
        assert journal_texts.count(text) == 1
    assert all(journal_texts.count(t) == 1 for t in journal_texts)
    assert killed > 0  # some writers really were cut short
    result = mindlog(home, "win", "after the storm", "-q")
    assert result.returncode == 0
    assert "after the storm" in [e.text for e in read_home(home).entries]


# -- two machines, one synced folder --------------------------------------------------------------


def sync(a: Path, b: Path) -> None:
    """Copy journal files both ways, newer over older, as a file-syncing service would."""
    for src, dst in ((a, b), (b, a)):
        (dst / "journal").mkdir(parents=True, exist_ok=True)
        for path in (src / "journal").glob("*.jsonl"):
            target = dst / "journal" / path.name
            if not target.exists() or path.stat().st_mtime_ns > target.stat().st_mtime_ns:
                shutil.copy2(path, target)


def test_two_machines_syncing_a_folder_see_the_same_entries(tmp_path):
    a, b = tmp_path / "laptop", tmp_path / "desktop"
    writers: dict[str, set[str]] = {}

    def run_on(home, *args):
        before = (
            {p.name: p.read_bytes() for p in (home / "journal").glob("*.jsonl")}
            if (home / "journal").exists()
            else {}
        )
        result = mindlog(home, *args)
        assert result.returncode == 0, result.stderr
        after = {p.name: p.read_bytes() for p in (home / "journal").glob("*.jsonl")}
        for name, data in after.items():
            if before.get(name) != data:
                writers.setdefault(name, set()).add(home.name)
        return result

    run_on(a, "win", "from the laptop")
    run_on(b, "win", "from the desktop")
    sync(a, b)
    first_a = {e.id: e.text for e in read_home(a).entries}
    assert first_a == {e.id: e.text for e in read_home(b).entries} and len(first_a) == 2
    desktop_entry = next(i for i, t in first_a.items() if t == "from the desktop")
    laptop_entry = next(i for i, t in first_a.items() if t == "from the laptop")
    run_on(a, "edit", desktop_entry, "--text", "edited on the laptop")
    run_on(b, "delete", laptop_entry, "--yes")
    run_on(b, "win", "another from the desktop")
    sync(a, b)
    seen_a = sorted((e.id, e.text) for e in read_home(a).entries)
    seen_b = sorted((e.id, e.text) for e in read_home(b).entries)
    assert seen_a == seen_b
    assert sorted(t for _, t in seen_a) == ["another from the desktop", "edited on the laptop"]
    run_on(a, "restore", laptop_entry)
    sync(a, b)
    assert sorted(e.text for e in read_home(b).entries) == sorted(
        e.text for e in read_home(a).entries
    )
    assert all(len(who) == 1 for who in writers.values()), writers  # no file written by both


# -- time zones, daylight saving, travel ----------------------------------------------------------

DST_CASES = [
    # zone, local time, expected day, expected offset
    ("Europe/Berlin", "2026-03-29T01:59:00", "2026-03-28", "+01:00"),
    ("Europe/Berlin", "2026-03-29T03:30:00", "2026-03-28", "+02:00"),
    ("Europe/Berlin", "2026-03-29T03:59:00", "2026-03-28", "+02:00"),
    ("Europe/Berlin", "2026-03-29T04:00:00", "2026-03-29", "+02:00"),
    ("Europe/Berlin", "2026-10-25T00:30:00", "2026-10-24", "+02:00"),
    ("Europe/Berlin", "2026-10-25T03:59:00", "2026-10-24", "+01:00"),
    ("Europe/Berlin", "2026-10-25T04:00:00", "2026-10-25", "+01:00"),
    ("America/New_York", "2026-03-08T01:30:00", "2026-03-07", "-05:00"),
    ("America/New_York", "2026-03-08T03:59:00", "2026-03-07", "-04:00"),
    ("America/New_York", "2026-03-08T04:00:00", "2026-03-08", "-04:00"),
    ("America/New_York", "2026-11-01T00:00:00", "2026-10-31", "-04:00"),
    ("America/New_York", "2026-11-01T03:59:00", "2026-10-31", "-05:00"),
    ("America/New_York", "2026-11-01T04:00:00", "2026-11-01", "-05:00"),
]


@pytest.mark.parametrize("zone,local,day,offset", DST_CASES)
def test_days_and_offsets_across_daylight_saving(home, zone, local, day, offset):
    result = mindlog(home, "win", f"at {local}", "-q", TZ=zone, MINDLOG_NOW=local)
    assert result.returncode == 0, result.stderr
    (entry,) = read_home(home).entries
    assert entry.day == day
    assert entry.at.endswith(offset)
    assert entry.at.startswith(local[:13])


def test_a_traveller_keeps_days_and_order(home):
    stamps = [
        ("2026-11-20T08:00:00+01:00", "Berlin morning"),
        ("2026-11-20T09:00:00-05:00", "New York, later the same day"),  # 15:00 in Berlin
        ("2026-11-21T02:00:00+09:00", "Tokyo, after midnight"),  # the day before there
    ]
    for stamp, text in stamps:
        assert mindlog(home, "win", text, "-q", MINDLOG_NOW=stamp).returncode == 0
    entries = read_home(home).entries
    # Each keeps the logical day it was written on (Tokyo's 02:00 is still the 20th there), and
    # within a day entries are in the order they happened, whatever the offsets.
    assert [(e.day, e.text) for e in entries] == [
        ("2026-11-20", "Berlin morning"),
        ("2026-11-20", "New York, later the same day"),
        ("2026-11-20", "Tokyo, after midnight"),
    ]
    assert {e.at for e in entries} == {s for s, _ in stamps}


# -- no network at all ------------------------------------------------------------------------------

NO_SOCKETS = """
import socket, os
def _refuse(*args, **kwargs):
    with open(os.environ["MINDLOG_SOCKET_MARK"], "a") as handle:
        handle.write("socket used\\n")
    raise OSError("mindlog must not open sockets")
socket.socket = _refuse
socket.create_connection = _refuse
socket.socketpair = _refuse
"""

EVERY_COMMAND = [
    ["win", "a quiet win", "-t", "meaning"],
    ["commit", "my reasons"],
    ["commit", "--reaffirm"],
    ["commit", "--show"],
    ["morning", "--all"],
    ["routine"],
    ["rest", "--date", "yesterday"],
    ["setback", "hard"],
    ["checkin", "--mood", "3"],
    ["boost", "add", "a song"],
    ["boost"],
    ["support"],
    ["support", "add", "people", "Sam"],
    ["list", "--json"],
    ["streaks"],
    ["reflect"],
    [],
    ["greet"],
    ["greet", "--once"],
    ["shell-init", "bash"],
    ["config"],
    ["export", "--format", "md"],
    ["export", "--format", "csv"],
    ["doctor"],
    ["--help"],
]


def test_no_command_ever_opens_a_socket(home, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_SOCKETS)
    mark = tmp_path / "socket-mark"
    for args in EVERY_COMMAND:
        result = mindlog(home, *args, PYTHONPATH=str(site), MINDLOG_SOCKET_MARK=str(mark))
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert not mark.exists()


# -- Ctrl-C at every question ---------------------------------------------------------------------


def interrupt_at_prompt(home, args, prompt: bytes, env=None):
    pid, fd = pty.fork()
    if pid == 0:  # the child: mindlog on a real terminal
        # As a shell at a terminal starts it: Ctrl-C interrupts (a test run started in the
        # background of a script would otherwise hand SIGINT down ignored).
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.environ.update(subprocess_env(home, **(env or {})))
        os.environ.pop("VISUAL", None)
        os.environ.pop("EDITOR", None)
        os.execv(sys.executable, [*MINDLOG, *args])
    seen = b""
    deadline = time.monotonic() + 30
    while prompt not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
    assert prompt in seen, seen
    # Ctrl-C, pressed again every few seconds as a person would if nothing happened, and never
    # a wait for ever.
    status = None
    for _ in range(10):
        os.write(fd, b"\x03")
        for _ in range(20):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.1)
        if done:
            break
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        raise AssertionError(f"mindlog {' '.join(args)} did not stop on Ctrl-C")
    os.close(fd)
    return os.waitstatus_to_exitcode(status), seen


@pytest.mark.parametrize(
    "args,prompt",
    [
        (["win"], b"would you like to note"),
        (["morning"], b"1."),
        (["commit"], b"Why am I seeking recovery"),
        (["checkin"], b"ood"),
        (["setback"], b"?"),
        (["support", "add", "people"], b":"),
    ],
)
def test_ctrl_c_at_a_question_exits_130_and_writes_nothing(home, args, prompt):
    code, _ = interrupt_at_prompt(home, args, prompt)
    assert code == 130
    assert read_home(home).entries == []
    assert not (home / "support.json").exists() or "Sam" not in (home / "support.json").read_text()


def test_ctrl_c_at_the_delete_question_keeps_the_entry(home):
    assert mindlog(home, "win", "keep", "-q").returncode == 0
    entry_id = read_home(home).entries[0].id
    code, _ = interrupt_at_prompt(home, ["delete", entry_id], b"?")
    assert code == 130
    assert [e.text for e in read_home(home).entries] == ["keep"]


def test_umask_000_still_gives_private_files_for_every_kind_of_file(home):
    old = os.umask(0)
    try:
        for args in (
            ["win", "x"],
            ["routine", "add", "Stretch"],
            ["support", "add", "people", "Sam"],
            ["boost", "add", "a song"],
            ["boost"],
            ["greet", "--once"],
            ["checkin", "--mood", "3"],
            ["config", "country", "GB"],
            ["export", "--format", "json", "-o", str(home / "out.json")],
        ):
            assert mindlog(home, *args).returncode == 0, args
    finally:
        os.umask(old)
    paths = [home, *home.rglob("*")]
    for path in paths:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    assert json.loads((home / "out.json").read_text())["mindlog_export"] == 1


def test_check_ins_at_the_same_moment_are_each_kept(home):
    procs = [
        subprocess.Popen(
            [*MINDLOG, "checkin", f"--{scale}", "4"],
            env=subprocess_env(home),
            stdout=subprocess.DEVNULL,
        )
        for scale in ("mood", "energy", "sleep") * 2
    ]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    found = read_home(home).of_kind("checkin")
    assert len(found) == 6 and len({c.id for c in found}) == 6  # every check-in is its own
    given = sorted(name for c in found for name in ("mood", "energy", "sleep") if c.fields[name])
    assert given == sorted(["mood", "energy", "sleep"] * 2)
