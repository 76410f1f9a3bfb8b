"""Encryption at rest (issue 13): what a person and a script can rely on, checked on real files."""

from __future__ import annotations

import base64
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import imports_of, kept_routine, stored
from keys_fixtures import PASSPHRASE, SECRET
from mindlog.store import crypto, keys
from mindlog.store.eventlog import Store
from mindlog.store.lines import SEALED_V, encode_event, parse_line, seal_event
from mindlog.store.paths import locations

pytestmark = pytest.mark.usefixtures("fast_keys")  # tests/keys_fixtures.py


def with_passphrase(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(path))


def encrypt(run, monkeypatch, passfile, *args: str) -> str:
    """Turn encryption on the way a script does; return the recovery key it showed."""
    with monkeypatch.context() as m:
        with_passphrase(m, passfile)
        result = run("encrypt", *args)
    keys._opened.clear()
    (key,) = [w for w in result.stdout.split() if w.startswith("AGE-SECRET-KEY-1")]
    return key


def lock(run) -> None:
    run("lock")
    keys._opened.clear()


def journal_bytes(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted((home / "journal").glob("*.jsonl")))


def own_lines(home: Path) -> list[dict]:
    (path,) = [p for p in (home / "journal").glob("*.jsonl")]
    return [json.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


# -- turning it on ----------------------------------------------------------------------------------


def test_encrypt_seals_every_line_and_the_journal_reads_the_same(run, home, monkeypatch, passfile):
    run("win", f"before {SECRET}")
    run("commit", f"why {SECRET}")
    before = [(e.id, e.text) for e in stored().entries]
    key = encrypt(run, monkeypatch, passfile)
    assert len(key) > 60
    assert SECRET.encode() not in journal_bytes(home)
    assert all(set(line) == {"v", "eid", "t", "sealed"} for line in own_lines(home))
    info = json.loads((home / "journal" / "format.json").read_text())
    assert info == {"schema": 3, "sealed": "age", "plan": "readable"}  # the plan: the default
    assert json.loads((home / "journal" / "keys.json").read_text())["recipient"].startswith("age1")
    assert [(e.id, e.text) for e in stored().entries] == before  # unlocked by encrypt


def test_encrypt_without_a_passphrase_in_a_script_changes_nothing(run, home):
    run("win", "plain")
    result = run("encrypt", code=1)
    assert result.stderr.startswith("mindlog: there is no terminal to ask for a new passphrase")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (home / "journal" / "keys.json").exists()
    assert b"plain" in journal_bytes(home)


def test_encrypt_on_a_terminal_asks_twice_and_refuses_two_different_answers(run, home, monkeypatch):
    run("win", "plain")
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    answers = iter(["a long passphrase", "another one"])
    monkeypatch.setattr("getpass.getpass", lambda *a, **k: next(answers))
    result = run("encrypt", code=1)
    assert "differ" in result.stderr
    assert not (home / "journal" / "keys.json").exists()
    answers = iter(["a long passphrase", "a long passphrase"])
    run("encrypt")
    assert b"plain" not in journal_bytes(home)


# -- writing never needs the passphrase ---------------------------------------------------------


def test_writing_works_on_a_locked_journal_without_asking(run, home, monkeypatch, passfile):
    encrypt(run, monkeypatch, passfile)
    lock(run)

    def never(*a, **k):
        raise AssertionError("asked for the passphrase while writing")

    monkeypatch.setattr("getpass.getpass", never)
    run("win", f"win {SECRET}", "-t", "progress")
    run("commit", f"statement {SECRET}")
    run("checkin", "--mood", "3", f"note {SECRET}")
    run("rest", f"rest {SECRET}")
    run("setback", f"setback {SECRET}")
    run("morning", "--all")
    assert SECRET.encode() not in journal_bytes(home)
    with monkeypatch.context() as m:
        with_passphrase(m, passfile)
        kinds = sorted(e.kind for e in stored().entries)
    assert kinds == ["checkin", "commitment", "morning", "rest", "setback", "win"]


def test_reading_a_locked_journal_without_a_terminal_is_one_line(run, home, monkeypatch, passfile):
    run("win", "x")
    encrypt(run, monkeypatch, passfile)
    lock(run)
    for args in (["list"], [], ["streaks"], ["export", "--format", "md"]):
        result = run(*args, code=1)
        assert result.stderr == "mindlog: the journal is locked; run mindlog unlock\n", args


def test_reading_on_a_terminal_asks_once_then_the_session_is_unlocked(
    run, home, monkeypatch, passfile, fast_keys
):
    run("win", "first")
    encrypt(run, monkeypatch, passfile)
    lock(run)
    asked = []
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda q, **k: asked.append(q) or PASSPHRASE)
    assert "first" in run("list").stdout
    keys._opened.clear()  # a new process
    assert "first" in run("list").stdout
    assert len(asked) == 1
    (kept,) = (fast_keys / "mindlog").iterdir()
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    assert not any(p.name.startswith("key-") for p in home.rglob("*"))


def test_a_wrong_passphrase_is_one_line_and_changes_nothing(
    run, home, monkeypatch, passfile, tmp_path, fast_keys
):
    run("win", "x")
    encrypt(run, monkeypatch, passfile)
    lock(run)
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n")
    with_passphrase(monkeypatch, wrong)
    for args in (["unlock"], ["list"], ["passphrase"], ["decrypt"]):
        result = run(*args, code=1)
        assert result.stderr == f"mindlog: {keys.WRONG}\n", args
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before
    assert not list((fast_keys / "mindlog").iterdir())


def test_greet_never_asks_and_says_the_journal_is_locked(run, home, monkeypatch, passfile):
    run("win", "x")
    encrypt(run, monkeypatch, passfile)
    run("commit", "a reason of my own")
    shown = run("greet").stdout  # unlocked: the numbers and the person's why
    assert "Wins" in shown and "Your why: a reason of my own" in shown
    assert run("greet").stdout == shown  # the day's greeting, kept: its words sealed
    kept = (locations().state / "greeting.json").read_bytes()
    assert b"reason of my own" not in kept
    run("config", "greet_private", "true")
    private = run("greet").stdout
    assert "Wins" in private and "reason of my own" not in private
    lock(run)
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)

    def never(*a, **k):
        raise AssertionError("greet asked")

    monkeypatch.setattr("getpass.getpass", never)
    monkeypatch.setattr("mindlog.cli.prompts.secret", never)
    for _ in range(2):  # the kept greeting, then (the files changed) one worked out anew
        result = run("greet")
        assert result.stdout.strip() == (
            "Your journal is locked. mindlog unlock opens it for this session."
        )
        assert result.stderr == ""
        run("win", "y")


# -- keys ------------------------------------------------------------------------------------------


def test_unlock_lock_and_expiry(run, home, monkeypatch, passfile, fast_keys):
    run("win", "x")
    encrypt(run, monkeypatch, passfile)
    lock(run)
    assert not list((fast_keys / "mindlog").iterdir())
    run("config", "unlock_minutes", "5")
    with monkeypatch.context() as m:
        with_passphrase(m, passfile)
        assert "5 minutes" in run("unlock").stdout
    keys._opened.clear()
    run("list")
    (kept,) = (fast_keys / "mindlog").iterdir()
    record = json.loads(kept.read_text())
    record["expires"] = 1.0  # long past
    kept.write_text(json.dumps(record))
    keys._opened.clear()
    run("list", code=1)
    assert not kept.exists()  # an expired key is removed when met


def test_passphrase_changes_without_rewriting_the_journal_and_recovery_opens_it(
    run, home, monkeypatch, passfile, tmp_path
):
    run("win", "x")
    key = encrypt(run, monkeypatch, passfile)
    before = journal_bytes(home)
    new = tmp_path / "new"
    new.write_text("a brand new passphrase\n")
    with monkeypatch.context() as m:
        with_passphrase(m, passfile)
        run("passphrase", "--new-passphrase-file", str(new))
    assert journal_bytes(home) == before
    lock(run)
    with monkeypatch.context() as m:
        with_passphrase(m, passfile)
        run("unlock", code=1)
    with monkeypatch.context() as m:
        with_passphrase(m, new)
        run("unlock")
    lock(run)
    run("unlock", "--recovery", input=key.lower() + "\n")
    keys._opened.clear()
    assert [e.text for e in stored().entries] == ["x"]
    lock(run)
    run("passphrase", "--recovery", "--new-passphrase-file", str(passfile), input=key + "\n")
    with_passphrase(monkeypatch, passfile)
    run("unlock")


def test_a_passphrase_needs_eight_characters(run, home, tmp_path, monkeypatch):
    short = tmp_path / "short"
    short.write_text("abc\n")
    with_passphrase(monkeypatch, short)
    assert "at least 8" in run("encrypt", code=1).stderr


def test_a_swapped_key_file_is_refused_by_writers(run, home, monkeypatch, passfile, tmp_path):
    run("win", "x")
    encrypt(run, monkeypatch, passfile)
    data = json.loads((home / "journal" / "keys.json").read_text())
    data["recipient"] = crypto.new_identity()[1]  # someone else's key
    (home / "journal" / "keys.json").write_text(json.dumps(data))
    before = journal_bytes(home)
    result = run("win", "y", code=1)
    assert "not the one this computer knows" in result.stderr
    assert journal_bytes(home) == before


# -- damage --------------------------------------------------------------------------------------


def test_a_tampered_sealed_line_is_damaged_kept_and_set_aside_sealed(
    run, home, monkeypatch, passfile
):
    run("win", f"one {SECRET}")
    run("win", f"two {SECRET}")
    run("win", "three")
    encrypt(run, monkeypatch, passfile)
    (path,) = (home / "journal").glob("*.jsonl")
    lines = path.read_bytes().splitlines()
    first = json.loads(lines[0])
    first["sealed"] = first["sealed"][:-8] + "AAAAAAA="  # the ciphertext changed
    second = json.loads(lines[1])
    second["t"] += 1  # the visible clock changed: it no longer matches the sealed one
    lines[0] = json.dumps(first).encode()
    lines[1] = json.dumps(second).encode()
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = run("list")
    assert [e.text for e in stored().entries] == ["three"]
    assert "2 damaged lines" in result.stderr
    report = run("doctor", code=1).stdout
    assert "line 1" in report and "line 2" in report
    run("doctor", "--repair")
    (kept,) = (home / "journal" / "damaged").iterdir()
    assert kept.suffix == ".age" and SECRET.encode() not in kept.read_bytes()
    assert [e.text for e in stored().entries] == ["three"]


def test_compaction_forgets_sealed_lines(run, home, monkeypatch, passfile):
    run("win", "keep")
    run("win", "forget me")
    encrypt(run, monkeypatch, passfile)
    gone = [e for e in stored().entries if e.text == "forget me"][0]
    run("delete", gone.id, "--yes")
    run("doctor", "--compact", "--yes")
    opened = [parse_line(json.dumps(line).encode()) for line in own_lines(home)]
    assert all(isinstance(e, dict) for e in opened)
    targets = {
        (e.get("entry") or {}).get("id") or e.get("id") for e in opened if e["op"] != "forget"
    }
    assert gone.id not in targets
    assert [e.text for e in stored().entries] == ["keep"]


def test_compaction_takes_a_forgotten_entrys_line_out_of_a_sealed_set_aside_copy(
    run, home, monkeypatch, passfile
):
    run("win", "keep")
    run("win", f"forget me {SECRET} and the rest")
    (path,) = (home / "journal").glob("*.jsonl")
    data = path.read_bytes()
    conflict = path.with_name(path.stem + ".sync-conflict-20261128-101010-ABCDEFG.jsonl")
    conflict.write_bytes(data[: data.index(SECRET.encode()) + 5])  # caught mid-write
    encrypt(run, monkeypatch, passfile)
    with_passphrase(monkeypatch, passfile)
    run("doctor", "--repair")
    (kept,) = (home / "journal" / "damaged").iterdir()
    gone = [e for e in stored().entries if e.text != "keep"][0]
    assert kept.suffix == ".age"
    assert gone.id.encode() in keys.open_blob(locations(), kept.read_bytes())
    run("delete", gone.id, "--yes")
    run("doctor", "--compact", "--yes")
    assert list((home / "journal" / "damaged").iterdir()) == []
    assert [e.text for e in stored().entries] == ["keep"]


# -- devices -------------------------------------------------------------------------------------


def copy_journal(home: Path, other: Path) -> None:
    shutil.copytree(home / "journal", other / "journal", dirs_exist_ok=True)


def test_another_device_reads_and_writes_with_the_same_passphrase(
    run, home, tmp_path, monkeypatch, passfile
):
    run("win", "from the laptop")
    encrypt(run, monkeypatch, passfile)
    other = tmp_path / "desk"
    copy_journal(home, other)
    monkeypatch.setenv("MINDLOG_HOME", str(other))
    monkeypatch.setenv("MINDLOG_MACHINE_ID", "the-desktop")
    (tmp_path / "desk-run").mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "desk-run"))  # its own login session
    keys._opened.clear()
    run("list", code=1)  # locked there
    run("win", "from the desktop")  # writing needs nothing
    with monkeypatch.context() as m:
        with_passphrase(m, passfile)
        run("unlock")
    assert sorted(e.text for e in stored().entries) == ["from the desktop", "from the laptop"]
    copy_journal(other, home)
    monkeypatch.setenv("MINDLOG_HOME", str(home))
    monkeypatch.delenv("MINDLOG_MACHINE_ID")
    assert sorted(e.text for e in stored().entries) == ["from the desktop", "from the laptop"]


def test_another_devices_plain_file_is_never_rewritten_and_it_seals_its_own_when_it_writes(
    run, home, tmp_path, monkeypatch, passfile
):
    other = tmp_path / "desk"
    monkeypatch.setenv("MINDLOG_HOME", str(other))
    monkeypatch.setenv("MINDLOG_MACHINE_ID", "the-desktop")
    run("win", f"desk {SECRET}")
    desk_file = next((other / "journal").glob("*.jsonl")).name
    copy_journal(other, home)
    monkeypatch.setenv("MINDLOG_HOME", str(home))
    monkeypatch.delenv("MINDLOG_MACHINE_ID")
    run("win", "laptop")
    encrypt(run, monkeypatch, passfile)
    assert SECRET.encode() in (home / "journal" / desk_file).read_bytes()  # not this device's
    assert sorted(e.text for e in stored().entries) == [f"desk {SECRET}", "laptop"]
    copy_journal(home, other)  # the desk gets format.json, keys.json and the sealed lines
    monkeypatch.setenv("MINDLOG_HOME", str(other))
    monkeypatch.setenv("MINDLOG_MACHINE_ID", "the-desktop")
    keys._opened.clear()
    run("win", "desk again")  # locked there: seals its own file, no passphrase
    assert SECRET.encode() not in journal_bytes(other)
    with_passphrase(monkeypatch, passfile)
    assert sorted(e.text for e in stored().entries) == ["desk again", f"desk {SECRET}", "laptop"]


def test_decrypt_writes_this_devices_lines_plain_and_keeps_reading_the_others(
    run, home, tmp_path, monkeypatch, passfile
):
    run("win", "laptop")
    run("boost", "add", "a song")
    encrypt(run, monkeypatch, passfile)
    assert b"a song" not in journal_bytes(home)  # a boost is a line of the journal: sealed
    other = tmp_path / "desk"
    copy_journal(home, other)
    monkeypatch.setenv("MINDLOG_HOME", str(other))
    monkeypatch.setenv("MINDLOG_MACHINE_ID", "the-desktop")
    run("win", "desk, sealed")
    copy_journal(other, home)
    monkeypatch.setenv("MINDLOG_HOME", str(home))
    monkeypatch.delenv("MINDLOG_MACHINE_ID")
    run("decrypt")  # still unlocked here since encrypt
    info = json.loads((home / "journal" / "format.json").read_text())
    assert info == {"schema": 2, "decrypted": "age"}  # keys.json stays, and seals no more
    assert b"laptop" in journal_bytes(home)
    assert b"a song" in journal_bytes(home)
    run("win", "plain again")
    assert b"plain again" in journal_bytes(home)
    assert sorted(e.text for e in stored().entries) == ["desk, sealed", "laptop", "plain again"]


# -- the cache -------------------------------------------------------------------------------------


def test_the_cache_of_an_encrypted_journal_is_kept_sealed(run, home, monkeypatch, passfile):
    run("win", "before the key")
    run("list")
    state = locations().state
    assert (state / "cache.sqlite3").exists()  # a plain journal's cache, as always
    encrypt(run, monkeypatch, passfile)
    assert not (state / "cache.sqlite3").exists()  # it held words: gone with encryption
    run("win", "after the key")
    assert "after the key" in run("list").stdout
    sealed = state / "cache.sqlite3.age"
    assert keys.is_sealed(sealed.read_bytes())
    assert not (state / "cache.sqlite3").exists()
    run("win", "caught up")
    assert "caught up" in run("list").stdout  # read from the sealed cache and caught up
    assert not any(b"caught up" in p.read_bytes() for p in state.rglob("*") if p.is_file())
    lock(run)
    kept = sealed.read_bytes()
    result = run("list", code=1)
    assert result.stderr == "mindlog: the journal is locked; run mindlog unlock\n"
    assert sealed.read_bytes() == kept  # locked: the cache is left as it is
    with_passphrase(monkeypatch, passfile)
    run("unlock")
    sealed.write_bytes(kept[:-8] + b"changed!")  # cannot be opened: built again
    assert "caught up" in run("list").stdout
    assert sealed.read_bytes() != kept and keys.is_sealed(sealed.read_bytes())
    run("decrypt")
    assert not sealed.exists()
    assert "caught up" in run("list").stdout and (state / "cache.sqlite3").exists()


# -- costs and interfaces --------------------------------------------------------------------------


def test_a_plain_journal_imports_no_crypto(home):
    for args in (["win", "plain"], ["checkin", "--mood", "3"], ["list"]):
        found = imports_of(home, *args)
        assert "pyrage" not in found and "mindlog.store.crypto" not in found, args
    assert "mindlog.store.keys" not in imports_of(home, "win", "plain")


def test_sealed_lines_keep_their_id_and_clock_visible_and_bound(home):
    Store(locations())  # the journal sealed lines are opened for
    identity, recipient = crypto.new_identity()
    keys._opened[recipient] = crypto.Opener(identity)
    (home / "journal").mkdir(parents=True)
    keys.write_keys(
        locations(), {"mindlog_keys": 1, "recipient": recipient, "passphrase": {"wrapped": ""}}
    )
    event = {
        "v": 2,
        "eid": "e1",
        "t": 7,
        "op": "delete",
        "id": "abc",
        "at": "2026-11-28T10:00:00+01:00",
    }
    line = seal_event(event, recipient)
    assert (line["v"], line["eid"], line["t"]) == (SEALED_V, "e1", 7)
    assert parse_line(encode_event(line)) == event
    assert parse_line(encode_event(line), unseal=False) == {"v": SEALED_V, "eid": "e1", "t": 7}
    other = dict(line, eid="e2")
    assert "changed" in parse_line(encode_event(other))
    keys._opened.clear()
    with pytest.raises(keys.LockedError):
        parse_line(encode_event(line))


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=2000))
def test_sealing_round_trips_and_tampering_is_caught(data):
    identity, recipient = crypto.new_identity()
    sealed = crypto.seal(data, recipient)
    assert crypto.open_sealed(sealed, identity) == data
    assert crypto.open_sealed(sealed, crypto.new_identity()[0]) is None
    flipped = bytearray(sealed)
    flipped[-1] ^= 1
    assert crypto.open_sealed(bytes(flipped), identity) is None


def test_bech32_matches_age_s_own_key_text():
    identity, recipient = crypto.new_identity()
    stretched = crypto.passphrase_identity("pass phrase", b"0" * 16, 10, 8, 1)
    assert stretched.startswith("AGE-SECRET-KEY-1")
    assert crypto.recipient_of(stretched).startswith("age1")  # age accepts it as its own
    again = crypto.passphrase_identity("pass phrase", b"0" * 16, 10, 8, 1)
    assert again == stretched != crypto.passphrase_identity("pass phrasE", b"0" * 16, 10, 8, 1)
    assert os.environ.get(keys.PASSPHRASE_FILE_VARIABLE) is None


def test_boost_add_and_support_add_work_locked_and_join_the_sealed_files(
    run, home, monkeypatch, passfile
):
    run("boost", "add", "first song")
    run("support", "add", "people", "Sam, 555 0100")
    encrypt(run, monkeypatch, passfile, "--plan-sealed")  # the plan sealed like the rest
    lock(run)
    assert "unlocked" in run("boost", "add", f"song {SECRET}").stdout
    run("support", "add", "coping", f"walk {SECRET}")
    run("boost", "list", code=1)  # reading needs the key
    found = [p for p in home.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert found == []  # added as sealed lines of the journal
    with_passphrase(monkeypatch, passfile)
    assert f"song {SECRET}" in run("boost", "list").stdout
    run("boost", "add", "third song")
    shown = run("boost", "list").stdout
    assert "1. first song" in shown and f"2. song {SECRET}" in shown and "3. third" in shown
    assert f"walk {SECRET}" in run("support").stdout and "Sam" in run("support").stdout


# -- the routine -----------------------------------------------------------------------------------


def config_routine(home: Path):
    path = home / "config.json"
    return json.loads(path.read_text()).get("routine") if path.exists() else None


def mornings() -> dict[str, tuple[list[str], list[str]]]:
    """Each day's morning as the domain layer reads it: (done, routine)."""
    return {
        e.day: (e.fields["done"], e.fields["routine"])
        for e in stored().entries
        if e.kind == "morning"
    }


ROUTINE = ["Drink water", f"Stretch {SECRET}", "Open the curtains"]


def routine_of_three(run) -> None:
    for item in ("Drink water", f"Stretch {SECRET}", "Open the curtains"):
        run("routine", "add", item)
    for _ in range(4):
        run("routine", "remove", "1")  # the usual four items out: the three above are left


def test_encrypt_seals_the_routine_and_decrypt_opens_it_back(run, home, monkeypatch, passfile):
    routine_of_three(run)
    assert config_routine(home) is None  # the routine is the journal's
    encrypt(run, monkeypatch, passfile)
    assert f"2. Stretch {SECRET}" in run("routine").stdout  # unlocked: read as always
    run("routine", "add", "Make the bed")
    run("routine", "remove", "water")
    assert run("routine").stdout.split("\n")[1:4] == [
        f"  1. Stretch {SECRET}",
        "  2. Open the curtains",
        "  3. Make the bed",
    ]
    assert not any(SECRET.encode() in p.read_bytes() for p in home.rglob("*") if p.is_file())
    assert keys.is_sealed((home / "state" / "routine.json").read_bytes())  # for locked mornings
    with_passphrase(monkeypatch, passfile)
    new = home.parent / "new-passphrase"
    new.write_text("another long passphrase\n")
    run("passphrase", "--new-passphrase-file", str(new))
    run("decrypt")
    assert SECRET.encode() in journal_bytes(home)
    assert kept_routine() == [f"Stretch {SECRET}", "Open the curtains", "Make the bed"]


def test_a_routine_left_in_the_settings_is_taken_in_sealed_by_any_command(
    run, home, monkeypatch, passfile
):
    routine_of_three(run)
    encrypt(run, monkeypatch, passfile)
    path = home / "config.json"
    settings = json.loads(path.read_text()) if path.exists() else {}
    # set on this device before it joined the encrypted journal (or by an older mindlog)
    (home / "config.json").write_text(json.dumps(settings | {"routine": [f"Read {SECRET}"]}))
    lock(run)
    run("routine", "add", "Make the bed")  # locked: taken into the journal, sealed
    assert config_routine(home) is None
    assert not any(SECRET.encode() in p.read_bytes() for p in home.rglob("*") if p.is_file())
    assert (home / "taken-in" / "config.json.age").exists()  # the backup copy, sealed
    (home / "config.json").write_text(json.dumps(settings | {"routine": ["Sing"]}))
    with_passphrase(monkeypatch, passfile)
    run("unlock")
    assert config_routine(home) is None
    assert run("routine").stdout.split("\n")[1:] == [
        f"  {n}. {item}"
        for n, item in enumerate([*ROUTINE, f"Read {SECRET}", "Make the bed", "Sing"], start=1)
    ] + [""]


def test_morning_on_a_locked_journal_records_by_number_and_names_on_reading(
    run, home, monkeypatch, passfile
):
    routine_of_three(run)
    encrypt(run, monkeypatch, passfile)
    lock(run)

    def never(*a, **k):
        raise AssertionError("asked for the passphrase while writing")

    monkeypatch.setattr("getpass.getpass", never)
    assert "every item noted" in run("morning", "--all").stdout
    result = run("morning", "--done", "2", "--done", "3", "--date", "yesterday")
    assert "2 items noted" in result.stdout and "locked" in result.stdout
    run("routine", "add", f"Walk {SECRET}")  # an addition waits sealed beside the routine
    run("morning", "--done", "4", "--date", "2026-11-26")
    for args in (["morning", "--done", "water"], ["morning"]):  # names needed: the key is
        result = run(*args, code=1)
        assert result.stderr.startswith("mindlog: the journal is locked, so your routine")
        assert "mindlog morning --all" in result.stderr
    run("routine", "remove", "1", code=1)  # a change other than adding needs the key
    found = [p for p in home.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert found == []
    with monkeypatch.context() as m:
        with_passphrase(m, passfile)
        assert mornings() == {
            "2026-11-28": (ROUTINE, ROUTINE),
            "2026-11-27": (ROUTINE[1:], ROUTINE),
            "2026-11-26": ([f"Walk {SECRET}"], [*ROUTINE, f"Walk {SECRET}"]),
        }
        assert "3 of 3 done" in run("list").stdout
        run("decrypt")
    lines = [
        json.loads(x)
        for x in (home / "journal").glob("*.jsonl").__next__().read_bytes().splitlines()
    ]
    written = [
        line["entry"]
        for line in lines
        if line.get("op") == "add" and line["entry"]["kind"] == "morning"
    ]
    assert all("sealed_routine" not in entry for entry in written)  # plain: an ordinary morning
    assert sorted(len(entry["done"]) for entry in written) == [1, 2, 3]


def test_a_locked_morning_whose_routine_cannot_be_opened_is_kept_as_written(
    run, home, monkeypatch, passfile
):
    from mindlog.store.lines import fill_in_morning, locked_morning

    routine_of_three(run)
    encrypt(run, monkeypatch, passfile)
    with_passphrase(monkeypatch, passfile)
    opener = keys.opener(locations())
    event = {"op": "add", "entry": {"kind": "morning", **locked_morning(["bm90IGFnZQ=="], "all")}}
    assert fill_in_morning(event, opener) == event  # another key or changed: nothing lost
    texts = [base64.b64encode((home / "state" / "routine.json").read_bytes()).decode()]
    event["entry"] |= locked_morning(texts, [3, 9])
    entry = fill_in_morning(event, opener)["entry"]
    assert entry == {"kind": "morning", "done": ["Open the curtains"], "routine": ROUTINE}


def test_what_encryption_says_never_shames_or_alarms(run, home, monkeypatch, passfile):
    from mindlog.cli import crypt
    from test_wording import SHAME

    said = [v for k, v in vars(crypt).items() if k.isupper() and isinstance(v, str)]
    said += [v for k, v in vars(keys).items() if k.isupper() and isinstance(v, str)]
    from mindlog.domain import words
    from mindlog.usecases import morning

    said += [morning.LOCKED_ROUTINE, morning.LOCKED_ROUTINE_HINT]
    said += [words.morning_locked_reply(n, d) for n in ("all", 1, 3) for d in (None, "Friday")]
    run("win", "x")
    with monkeypatch.context() as m:
        with_passphrase(m, passfile)
        said += [run(*args).output for args in (["encrypt"], ["unlock"], ["lock"], ["decrypt"])]
    assert len(said) > 15
    assert not [s for s in said if SHAME.search(s)]


def test_plain_lines_taken_in_from_a_conflicted_copy_are_sealed(run, home, monkeypatch, passfile):
    run("win", f"copied {SECRET}")
    (path,) = (home / "journal").glob("*.jsonl")
    conflict = path.with_name(path.stem + ".sync-conflict-20261128-101010-ABCDEFG.jsonl")
    shutil.copy(path, conflict)
    path.write_bytes(b"")  # the copy holds the only line
    encrypt(run, monkeypatch, passfile)
    with_passphrase(monkeypatch, passfile)
    run("doctor", "--repair")
    assert not conflict.exists()
    assert SECRET.encode() not in journal_bytes(home)
    assert [e.text for e in stored().entries] == [f"copied {SECRET}"]
