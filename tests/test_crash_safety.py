"""Every rewrite survives a kill at any moment (issue 26): encrypt, decrypt, a passphrase change,
compaction and repair (taking in a sync tool's conflicted copy) are each killed with SIGKILL at
crash points chosen at random, in a real process (tests/crash_runner.py), 50 times or more.

mindlog.store.paths.crash_point marks the moments where a write may be cut short (halfway through
writing a file, before and after it replaces the old one, before a copy is removed); with
``MINDLOG_TEST_CRASH_AT=N`` the process kills itself at the Nth. Each trial first finds nothing
lost: every entry acknowledged before the kill, and one written right after it (which must
succeed), is still there once the command is run again (or, for a passphrase, at once). Then
nothing is left behind: no copy of the journal in a temporary file, and after encrypt (or a
compaction) no word that should be sealed (or forgotten) anywhere under the home, caches included.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import NOW
from mindlog.domain import personal
from mindlog.domain.errors import MindlogError
from mindlog.domain.journal import Journal, replay
from mindlog.domain.model import SETTING_KINDS
from mindlog.store import crypto, keys
from mindlog.store.eventlog import Store
from mindlog.store.paths import CRASH_VARIABLE, Locations

pytestmark = pytest.mark.slow

TRIALS = 50
OLD = "correct horse battery staple"
NEW = "a brand new passphrase here"
SECRET = "tangerine-lighthouse"  # words that must never reach a disk in plain text once sealed
GONE = "marmalade-comet"  # words that must leave every file once forgotten
KEPT = "pomegranate"
RUNNER = Path(__file__).with_name("crash_runner.py")


@dataclass
class Reply:
    code: int
    stdout: str
    stderr: str


class Runner:
    """mindlog command lines in real processes, forked from one that imported mindlog once."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        env = dict(os.environ)
        env["PYTHONPATH"] = str(Path(__file__).parents[1] / "src")
        env.pop(CRASH_VARIABLE, None)
        self.proc = subprocess.Popen(
            [sys.executable, str(RUNNER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        self.env: dict[str, str] = {}

    def __call__(self, home: Path, *argv: str, crash: int | None = None, **env: str) -> Reply:
        out = self.tmp / "out"
        out.mkdir(exist_ok=True)
        extra = {"MINDLOG_HOME": str(home), **self.env, **env}
        if crash is not None:
            extra[CRASH_VARIABLE] = str(crash)
        request = {"argv": list(argv), "env": extra, "out": str(out)}
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        reply = json.loads(self.proc.stdout.readline())
        result = Reply(reply["code"], reply["stdout"], reply["stderr"])
        assert result.code in (0, 1, -9) and "Traceback" not in result.stderr, result
        return result

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    (tmp_path / "old").write_text(OLD + "\n")
    (tmp_path / "new").write_text(NEW + "\n")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(crypto, "SCRYPT_LOG_N", 10)  # the keys made here (stored with them)
    keys._opened.clear()
    found = Runner(tmp_path)
    found.env = {
        "MINDLOG_NOW": NOW,
        "XDG_RUNTIME_DIR": str(runtime),
        keys.PASSPHRASE_FILE_VARIABLE: str(tmp_path / "old"),
        "NO_COLOR": "1",
    }
    yield found
    found.close()
    keys._opened.clear()


def where(home: Path) -> Locations:
    return Locations(home, home / "journal", home, home / "state")


def whole_journal_of(home: Path) -> Journal:
    return replay(Store(where(home)).read().events)


def journal_of(home: Path) -> Journal:
    """The person's entries (the plan, boosts, routine and settings left out: see kept_of)."""
    journal = whole_journal_of(home)
    journal.entries = [e for e in journal.entries if e.kind not in SETTING_KINDS]
    return journal


def kept_of(home: Path) -> tuple[dict[str, list[str]], list[str], list[str]]:
    """The plan's filled sections, the boosts and the routine, as the journal holds them."""
    entries = whole_journal_of(home).entries
    plan = {k: v for k, v in personal.plan_of(entries).sections.items() if v}
    boosts = personal.texts_of(entries, personal.BOOST)
    return plan, boosts, personal.routine_of(entries, [])


def texts(home: Path) -> list[str]:
    return sorted(e.text or "" for e in journal_of(home).entries)


def every_file(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file() and not p.is_symlink()]


def temporary_copies(home: Path) -> list[Path]:
    """mindlog's temporary files in the journal (damaged/ too) and beside the person's files."""
    folders = [home / "journal", home / "journal" / "damaged", home]
    return [p for f in folders if f.is_dir() for p in f.iterdir() if p.name.endswith(".tmp")]


def crash_points(run: Runner, template: Path, tmp: Path, *argv: str, **env: str) -> int:
    """How many crash points the command passes when nothing stops it (found by killing it at
    each in turn on a copy of ``template`` until one run finishes)."""
    n = 0
    while True:
        n += 1
        home = tmp / f"count-{n}"
        shutil.copytree(template, home, symlinks=True)
        done = run(home, *argv, crash=n, **env)
        shutil.rmtree(home)
        if done.code != -9:
            assert done.code == 0, done
            assert n > 3
            return n - 1


def trial_homes(template: Path, tmp: Path, total: int, seed: int):
    """TRIALS copies of ``template``, each with the crash point to kill the command at: every
    point once, then points at random."""
    rnd = random.Random(seed)
    points = list(range(1, total + 1))
    points += [rnd.randint(1, total) for _ in range(max(0, TRIALS - len(points)))]
    for number, point in enumerate(points):
        home = tmp / f"trial-{number}"
        shutil.copytree(template, home, symlinks=True)
        yield home, point, number


def recovery_keys(*outputs: str) -> list[str]:
    return [w for text in outputs for w in text.split() if w.startswith("AGE-SECRET-KEY-1")]


# -- the journals each trial starts from ---------------------------------------------------------


def plain_journal(run, home: Path) -> list[str]:
    """A plain journal with words in every kind of place, and a damaged line of this device."""
    written = [f"win {SECRET} {n}" for n in range(4)]
    for text in written:
        run("win", text)
    run("checkin", "--mood", "3", f"note {SECRET}")
    run("bring-up", f"bring up {SECRET}")
    run("boost", "add", f"boost {SECRET}")
    run("support", "add", "people", f"Anna {SECRET}")
    for item in ("water", f"stretch {SECRET}"):
        run("routine", "add", item)
    for _ in range(4):
        run("routine", "remove", "1")  # the usual four items out: the two above are left
    own = next((home / "journal").glob("*.jsonl"))
    with own.open("ab") as handle:
        handle.write(b'{"v": 2, "damaged ' + SECRET.encode() + b'"\n')
    return [*written, f"note {SECRET}", f"bring up {SECRET}"]


def encrypt_here(run, monkeypatch, tmp_path: Path) -> None:
    with monkeypatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(tmp_path / "old"))
        run("encrypt", "--plan-sealed")
    keys._opened.clear()


# -- encrypt -------------------------------------------------------------------------------------


def test_encrypt_killed_anywhere_loses_nothing_and_leaves_no_plain_word(
    run, home, tmp_path, runner, monkeypatch
):
    written = plain_journal(run, home)
    total = crash_points(runner, home, tmp_path, "encrypt", "--plan-sealed")
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(tmp_path / "old"))
    for trial, point, number in trial_homes(home, tmp_path, total, 26):
        killed = runner(trial, "encrypt", "--plan-sealed", crash=point)
        assert killed.code == -9
        between = f"between {SECRET} {number}"
        assert runner(trial, "win", between, "-q").code == 0
        again = runner(trial, "encrypt", "--plan-sealed")
        assert again.code == 0, again
        keys._opened.clear()
        assert texts(trial) == sorted([*written, between]), point
        assert temporary_copies(trial) == [], point
        for path in every_file(trial):
            assert SECRET.encode() not in path.read_bytes(), (point, path)
        shown = recovery_keys(killed.stdout, again.stdout)
        assert shown, point  # the recovery key was shown, by the run cut short or the next
        keys.open_with(where(trial), shown[-1], recovery=True)  # and it opens the journal
        shutil.rmtree(trial)


def test_adopting_a_gone_device_killed_anywhere_loses_nothing_and_leaves_no_plain_word(
    run, home, tmp_path, runner, monkeypatch
):
    written = plain_journal(run, home)
    with monkeypatch.context() as m:  # a laptop that is gone left its lines in plain text
        m.setenv("MINDLOG_MACHINE_ID", "old-laptop")
        gone = [f"laptop {SECRET} {n}" for n in range(3)]
        for text in gone:
            run("win", text)
    assert len(list((home / "journal").glob("*.jsonl"))) == 2
    sealed = ("--adopt-all", "--plan-sealed")
    total = crash_points(runner, home, tmp_path, "encrypt", *sealed)
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(tmp_path / "old"))
    for trial, point, number in trial_homes(home, tmp_path, total, 22):
        assert runner(trial, "encrypt", *sealed, crash=point).code == -9
        between = f"between {SECRET} {number}"
        assert runner(trial, "win", between, "-q").code == 0
        again = runner(trial, "encrypt", *sealed)
        assert again.code == 0, again
        keys._opened.clear()
        assert texts(trial) == sorted([*written, *gone, between]), point
        assert len(list((trial / "journal").glob("*.jsonl"))) == 1, point
        assert temporary_copies(trial) == [], point
        for path in every_file(trial):
            assert SECRET.encode() not in path.read_bytes(), (point, path)
        shutil.rmtree(trial)


# -- the plan kept readable, or sealed (issue 22, part 5) -----------------------------------------


def only_the_plan_is_plain(home: Path) -> bool:
    """True when SECRET is on the disk only in plain lines of the journal that add the plan's
    lines (the plan kept readable, as chosen): nowhere else, caches included."""
    for path in every_file(home):
        data = path.read_bytes()
        if SECRET.encode() not in data:
            continue
        if path.suffix != ".jsonl":
            return False
        for raw in data.split(b"\n"):
            if SECRET.encode() in raw:
                line = json.loads(raw)
                if line.get("op") != "add" or line["entry"]["kind"] != personal.PLAN_ITEM:
                    return False
    return True


@pytest.mark.parametrize("to", ["--plan-readable", "--plan-sealed"])
def test_changing_how_the_plan_is_kept_killed_anywhere_loses_nothing(
    run, home, tmp_path, runner, monkeypatch, to
):
    written = plain_journal(run, home)
    kept = kept_of(home)
    with monkeypatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(tmp_path / "old"))
        run("encrypt", "--plan-sealed" if to == "--plan-readable" else "--plan-readable")
    keys._opened.clear()
    total = crash_points(runner, home, tmp_path, "encrypt", to)
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(tmp_path / "old"))
    for trial, point, number in trial_homes(home, tmp_path, total, 5):
        assert runner(trial, "encrypt", to, crash=point).code == -9
        between = f"between {SECRET} {number}"
        assert runner(trial, "win", between, "-q").code == 0
        assert runner(trial, "support", "add", "coping", f"walk {SECRET} {number}").code == 0
        again = runner(trial, "encrypt", to)
        assert again.code == 0, again
        keys._opened.clear()
        assert texts(trial) == sorted([*written, between]), point
        plan, boosts, routine = kept_of(trial)
        assert plan["people"] == kept[0]["people"] and plan["coping"] == [f"walk {SECRET} {number}"]
        assert (boosts, routine) == kept[1:], point
        assert temporary_copies(trial) == [], point
        if to == "--plan-sealed":
            for path in every_file(trial):
                assert SECRET.encode() not in path.read_bytes(), (point, path)
        else:
            assert only_the_plan_is_plain(trial), point
            assert runner(trial, "lock").code == 0
            shown = runner(trial, "support", MINDLOG_PASSPHRASE_FILE="")  # locked: no key at all
            assert shown.code == 0 and f"Anna {SECRET}" in shown.stdout, (point, shown)
            assert f"walk {SECRET} {number}" in shown.stdout, point
        shutil.rmtree(trial)


# -- decrypt -------------------------------------------------------------------------------------


def test_decrypt_killed_anywhere_loses_nothing_and_finishes_when_run_again(
    run, home, tmp_path, runner, monkeypatch
):
    written = plain_journal(run, home)
    encrypt_here(run, monkeypatch, tmp_path)
    run("lock")
    run("win", f"sealed {SECRET}")  # written while locked
    run("morning", "--all")  # a morning recorded locked: its routine's items are sealed
    written.append(f"sealed {SECRET}")
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(tmp_path / "old"))
    run("unlock")
    total = crash_points(runner, home, tmp_path, "decrypt")
    for trial, point, number in trial_homes(home, tmp_path, total, 27):
        assert runner(trial, "decrypt", crash=point).code == -9
        between = f"between {number}"
        assert runner(trial, "win", between, "-q").code == 0
        assert runner(trial, "decrypt").code == 0
        keys._opened.clear()
        journal = journal_of(trial)
        assert sorted(e.text or "" for e in journal.entries) == sorted(
            [*written, between, ""]  # the morning has no text
        ), point
        (morning,) = journal.of_kind("morning")
        assert morning.fields["done"] == ["water", f"stretch {SECRET}"]
        assert temporary_copies(trial) == [], point
        own = next((trial / "journal").glob("*.jsonl")).read_bytes()
        assert b'"sealed"' not in own and b"between" in own
        assert kept_of(trial) == (
            {"people": [f"Anna {SECRET}"]},
            [f"boost {SECRET}"],
            ["water", f"stretch {SECRET}"],
        ), point
        shutil.rmtree(trial)


# -- a new passphrase ----------------------------------------------------------------------------


def test_a_passphrase_change_killed_anywhere_keeps_one_working_passphrase(
    run, home, tmp_path, runner, monkeypatch
):
    written = plain_journal(run, home)
    with monkeypatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(tmp_path / "old"))
        recovery = recovery_keys(run("encrypt", "--plan-sealed").stdout)[-1]
    keys._opened.clear()
    change = ("passphrase", "--new-passphrase-file", str(tmp_path / "new"))
    total = crash_points(runner, home, tmp_path, *change)
    for trial, point, number in trial_homes(home, tmp_path, total, 28):
        assert runner(trial, *change, crash=point).code == -9
        between = f"between {SECRET} {number}"
        assert runner(trial, "win", between, "-q").code == 0  # takes the lock: tidies
        opens = []
        for secret in (OLD, NEW):
            try:
                keys.open_with(where(trial), secret)
                opens.append(secret)
            except MindlogError:  # the other one
                continue
        assert len(opens) == 1, point  # the old one or the new one, never none
        keys.open_with(where(trial), recovery, recovery=True)
        keys._opened.clear()
        with monkeypatch.context() as m:
            (tmp_path / "now").write_text(opens[0])
            m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(tmp_path / "now"))
            assert texts(trial) == sorted([*written, between]), point
        keys._opened.clear()
        assert temporary_copies(trial) == [], point
        assert SECRET.encode() not in b"".join(p.read_bytes() for p in every_file(trial))
        shutil.rmtree(trial)


# -- compaction ----------------------------------------------------------------------------------


def test_compaction_killed_anywhere_loses_nothing_and_forgets_everywhere(
    run, home, tmp_path, runner
):
    kept = [f"{KEPT} {n}" for n in range(5)]
    for text in kept[:3]:
        run("win", text)
    own = next((home / "journal").glob("*.jsonl"))
    mine = own.read_bytes()
    for text in kept[3:]:
        run("win", text)
    shutil.copy(own, own.with_name(own.stem + ".sync-conflict-20261128-101010-ABCDEFG.jsonl"))
    own.write_bytes(mine)  # two lines only in a sync tool's conflicted copy, taken in too
    for n in range(3):
        run("win", f"gone {GONE} {n}")
        run("undo", "--yes")
    run("list")  # a cache holding the removed words
    total = crash_points(runner, home, tmp_path, "doctor", "--compact", "--yes")
    for trial, point, number in trial_homes(home, tmp_path, total, 29):
        assert runner(trial, "doctor", "--compact", "--yes", crash=point).code == -9
        left = [p.name for p in temporary_copies(trial)]
        told = runner(trial, "doctor")
        for name in left:  # doctor names what was left behind, never what it holds
            assert name in told.stdout, (point, told.stdout)
        assert GONE not in told.stdout and KEPT not in told.stdout
        between = f"between {number}"
        assert runner(trial, "win", between, "-q").code == 0
        assert temporary_copies(trial) == [], point  # the next writer removed them
        # A forget cut short halfway through its line leaves it torn, as any write: repair
        # sets it aside (compaction asks for that first), then compaction finishes.
        assert runner(trial, "doctor", "--repair").code in (0, 1)
        assert runner(trial, "doctor", "--compact", "--yes").code == 0
        assert texts(trial) == sorted([*kept, between]), point
        assert journal_of(trial).removed == [], point
        for path in every_file(trial):
            assert GONE.encode() not in path.read_bytes(), (point, path)
        shutil.rmtree(trial)


# -- repair: taking in a sync tool's conflicted copy -------------------------------------------------


def test_repair_killed_anywhere_keeps_every_line_of_a_conflicted_copy(run, home, tmp_path, runner):
    for n in range(3):
        run("win", f"here {n}")
    own = next((home / "journal").glob("*.jsonl"))
    mine = own.read_bytes()
    for n in range(3):
        run("win", f"only in the copy {n}")
    copy = own.with_name(own.stem + ".sync-conflict-20261128-101010-ABCDEFG.jsonl")
    shutil.copy(own, copy)  # the sync tool kept this device's newer lines in a copy...
    own.write_bytes(mine + b'{"v": 2, "damaged"\n')  # ...and an older file, with damage
    written = texts(home)
    assert len(written) == 6
    total = crash_points(runner, home, tmp_path, "doctor", "--repair")
    for trial, point, number in trial_homes(home, tmp_path, total, 30):
        assert runner(trial, "doctor", "--repair", crash=point).code == -9
        between = f"between {number}"
        assert runner(trial, "win", between, "-q").code == 0
        assert runner(trial, "doctor", "--repair").code == 0
        assert texts(trial) == sorted([*written, between]), point
        assert temporary_copies(trial) == [], point
        assert not list((trial / "journal").glob("*sync-conflict*")), point
        assert len(list((trial / "journal" / "damaged").iterdir())) == 1, point
        shutil.rmtree(trial)
