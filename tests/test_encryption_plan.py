"""The plan in a crisis (issue 22, part 5): at `encrypt` the person chooses whether the support
plan stays readable without the passphrase (the default, asked on a terminal) or is sealed like
the rest; a readable plan's lines and the crisis country are written plain by every writer, so
`mindlog support` shows them while the journal is locked, without asking; the choice travels in
format.json and can be changed, rewriting only this device's file. Real files, real devices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import stored
from keys_fixtures import SECRET, encrypt
from mindlog.store import keys
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations

pytestmark = pytest.mark.usefixtures("fast_keys")  # tests/keys_fixtures.py

PLAN_WORD = "lighthouse-keeper-Anna"  # the plan's words: plain when the plan is readable


def lock(run) -> None:
    run("lock")
    keys._opened.clear()


def unlocked(monkeypatch, passfile) -> None:
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))


def on_device(run, monkeypatch, device: str, *args: str, **env: str):
    with monkeypatch.context() as m:
        m.setenv("MINDLOG_MACHINE_ID", device)
        for name, value in env.items():
            m.setenv(name, value)
        return run(*args)


def lines_of(path: Path) -> list[dict]:
    return [json.loads(raw) for raw in path.read_bytes().splitlines() if raw.strip()]


def every_byte(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())


def own_file() -> Path:
    return Store(locations()).own_file()


def a_plan(run) -> None:
    run("win", f"a win {SECRET}")
    run("support", "add", "people", f"{PLAN_WORD} 555 0100")
    run("support", "add", "coping", "walk round the block")
    run("config", "country", "GB")


def test_a_readable_plan_shows_while_locked_without_asking(run, home, monkeypatch, passfile):
    a_plan(run)
    said = encrypt(run, monkeypatch, passfile).stdout  # no terminal, no flag: readable
    assert "stays readable without the passphrase" in said
    assert json.loads((home / "journal" / "format.json").read_text())["plan"] == "readable"
    lock(run)
    shown = run("support").stdout  # locked, no terminal: never asks, never refuses
    assert f"{PLAN_WORD} 555 0100" in shown and "walk round the block" in shown
    assert "Samaritans" in shown  # the crisis pointer, for the country the plan keeps
    data = every_byte(home)
    assert SECRET.encode() not in data  # everything else sealed
    assert PLAN_WORD.encode() in data  # the plan plain, as chosen (honest: said at encrypt)
    plain = [line for line in lines_of(own_file()) if "sealed" not in line]
    assert {line["entry"]["kind"] for line in plain} == {"planitem", "setting"}
    assert [line["entry"]["name"] for line in plain if line["entry"]["kind"] == "setting"] == [
        "country"
    ]
    unlocked(monkeypatch, passfile)
    report = run("doctor").stdout  # the plan's plain lines are not "plain lines" left behind
    assert "All is well" in report


def test_the_country_comes_from_the_plan_on_a_device_that_never_unlocked(
    run, home, monkeypatch, passfile
):
    a_plan(run)
    encrypt(run, monkeypatch, passfile)
    lock(run)
    (home / "config.json").unlink(missing_ok=True)  # a new computer: no copy of the country
    shown = on_device(run, monkeypatch, "new-laptop", "support").stdout
    assert f"{PLAN_WORD} 555 0100" in shown and "Samaritans" in shown


def test_plan_changes_written_locked_stay_readable_removals_too(run, home, monkeypatch, passfile):
    a_plan(run)
    encrypt(run, monkeypatch, passfile)
    lock(run)
    run("support", "add", "reasons", "my cat")  # locked: written plain, never asking
    assert "my cat" in run("support").stdout
    run("boost", "add", f"song {SECRET}")  # boosts stay sealed: not the plan
    with monkeypatch.context() as m:
        unlocked(m, passfile)
        run("support", "remove", "people", "1")
        run("config", "country", "IE")
    lock(run)
    shown = run("support").stdout
    assert PLAN_WORD not in shown and "my cat" in shown  # the removal is readable too
    assert "Samaritans" in shown and "Ireland" in shown
    assert SECRET.encode() not in every_byte(home)


def test_a_sealed_plan_is_sealed_and_help_still_shows(run, home, monkeypatch, passfile):
    a_plan(run)
    said = encrypt(run, monkeypatch, passfile, "--plan-sealed").stdout
    assert "sealed like the rest" in said
    lock(run)
    run("support", "add", "reasons", f"{PLAN_WORD} reason")  # locked: sealed
    assert PLAN_WORD.encode() not in every_byte(home)
    shown = run("support")  # locked, no terminal: said in a line, and help still follows
    assert "locked" in shown.stdout and "If you are in immediate danger" in shown.stdout


def test_asked_on_a_terminal_enter_keeps_it_readable_and_n_seals_it(
    run, home, monkeypatch, passfile
):
    a_plan(run)
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    asked: list[str] = []
    monkeypatch.setattr("mindlog.cli.prompts.ask", lambda q: asked.append(q) or "n")
    said = encrypt(run, monkeypatch, passfile).stdout
    assert len(asked) == 1 and "needed most" in asked[0]  # the reason is said with the question
    assert "sealed like the rest" in said
    said = encrypt(run, monkeypatch, passfile).stdout  # chosen: not asked again
    assert len(asked) == 1 and "sealed like the rest" in said


def test_changing_it_rewrites_only_this_devices_file_and_counts_the_rest(
    run, home, monkeypatch, passfile
):
    a_plan(run)
    encrypt(run, monkeypatch, passfile, "--plan-sealed")
    on_device(run, monkeypatch, "desktop", "support", "add", "places", "the library")
    desktop = [p for p in (home / "journal").glob("*.jsonl") if p != own_file()][0]
    before = desktop.read_bytes()
    assert b"the library" not in before  # the desktop sealed it, as the journal said
    said = encrypt(run, monkeypatch, passfile, "--plan-readable").stdout
    assert "1 line of your plan in files of other devices stay sealed" in said
    assert desktop.read_bytes() == before  # a device writes only its own file
    assert PLAN_WORD.encode() in own_file().read_bytes()  # this device's plan lines opened
    assert SECRET.encode() not in every_byte(home)
    lock(run)
    shown = run("support").stdout
    assert PLAN_WORD in shown and "the library" not in shown  # until the desktop unlocks
    on_device(
        run, monkeypatch, "desktop", "unlock", **{keys.PASSPHRASE_FILE_VARIABLE: str(passfile)}
    )
    keys._opened.clear()
    run("lock")
    assert b"the library" in desktop.read_bytes()
    assert "the library" in run("support").stdout
    # and back: this device seals its plan lines at once, the desktop at its next write
    said = encrypt(run, monkeypatch, passfile, "--plan-sealed").stdout
    assert "stay in plain text until that device next saves" in said
    assert PLAN_WORD.encode() not in own_file().read_bytes()
    on_device(run, monkeypatch, "desktop", "win", "-q", "a desk win")  # locked: no key needed
    assert b"the library" not in every_byte(home)
    unlocked(monkeypatch, passfile)
    assert "a desk win" in {e.text for e in stored().entries}
    assert "the library" in run("support").stdout


def test_the_store_names_the_plan_kinds_as_the_domain_does():
    from mindlog.domain import personal
    from mindlog.store import sealing

    assert (sealing.PLAN_ITEM, sealing.SETTING) == (personal.PLAN_ITEM, personal.SETTING)
    assert set(sealing.READABLE_SETTINGS) <= set(personal.JOURNAL_SETTINGS)
