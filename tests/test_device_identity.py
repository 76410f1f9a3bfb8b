"""This machine's name for its journal file survives damage and platforms (issue 26, rule 5), a
damaged format.json does not stop a word being saved, and `doctor` never advises a repair that
`doctor --repair` then does not do."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import stored
from sync_sim import Link, machines

CUT = b'{"v":2,"eid":"cut-short","t":1,"op":"ad'  # a write cut short: no end, no newline
ADVICE = "Run `mindlog doctor --repair`"


def device_files(home: Path) -> list[Path]:
    return sorted((home / "journal").glob("*.jsonl"))


def name_files(home: Path) -> tuple[Path, Path]:
    """This machine's two name files: ``device-KEY`` and its copy."""
    (primary,) = [p for p in (home / "state").glob("device-*") if not p.name.endswith(".copy")]
    return primary, primary.with_name(primary.name + ".copy")


def texts() -> list[str]:
    return sorted(str(e.text) for e in stored().entries)


def _damage(path: Path, how: str) -> None:
    if how == "empty":
        path.write_bytes(b"")
    elif how == "garbage":
        path.write_bytes(b"\x00\xff\xfe\x89PNG {{{ not a name at all \xc3")
    elif how == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif how == "directory":
        path.unlink()
        path.mkdir()
        (path / "something").write_text("left here by someone")
    else:
        raise ValueError(how)


# -- a damaged name file never orphans this machine's file ------------------------------------------


@pytest.mark.parametrize("copy", ["kept", "damaged too", "missing"])
@pytest.mark.parametrize("how", ["empty", "garbage", "truncated", "directory"])
def test_a_damaged_name_file_never_orphans_this_machines_file(run, home, how, copy):
    run("win", "first")
    (mine,) = device_files(home)
    with mine.open("ab") as handle:  # this machine's last write was cut short
        handle.write(CUT)
    primary, second = name_files(home)
    _damage(primary, how)
    if copy == "damaged too":
        _damage(second, how)
    elif copy == "missing":  # as an earlier mindlog left it: the name in one place only
        second.unlink()

    run("win", "second")

    assert device_files(home) == [mine]  # no new file: the old one is not "another device's"
    assert texts() == ["first", "second"]
    report = run("doctor", code=1)
    assert f"this computer writes: {mine.name}" in report.stdout
    assert ADVICE in report.stdout
    repaired = run("doctor", "--repair")  # exits 0: all is well after it
    assert "Nothing needed repair" not in repaired.stdout
    assert "All is well" in repaired.stdout
    assert b"cut-short" not in mine.read_bytes()
    kept = list((home / "journal" / "damaged").iterdir())
    assert any(b"cut-short" in p.read_bytes() for p in kept)
    assert primary.read_text() == mine.stem + "\n"
    assert json.loads(second.read_text())["name"] == mine.stem
    assert texts() == ["first", "second"]
    assert "All is well" in run("doctor").stdout


def test_the_name_is_written_again_in_both_places_by_the_next_command(run, home):
    run("win", "first")
    (mine,) = device_files(home)
    primary, second = name_files(home)
    primary.write_bytes(b"")
    run("win", "second")
    assert primary.read_text() == mine.stem + "\n"
    second.unlink()
    run("win", "third")
    assert json.loads(second.read_text())["name"] == mine.stem
    assert device_files(home) == [mine]
    assert "All is well" in run("doctor").stdout


def test_when_the_journal_cannot_tell_a_new_file_is_started_and_nothing_is_lost(run, home):
    run("win", "first")
    (mine,) = device_files(home)
    twin = mine.with_name(mine.stem[:-8] + "0badcafe.jsonl")  # another file named for this host
    shutil.copy(mine, twin)
    primary, second = name_files(home)
    for path in (primary, second):
        _damage(path, "garbage")
    run("win", "second")  # which of the two was this machine's cannot be told: a third file
    assert len(device_files(home)) == 3
    assert texts() == ["first", "second"]  # the copy's line counts once
    assert "All is well" in run("doctor").stdout


# -- doctor and doctor --repair agree -----------------------------------------------------------------


def test_doctor_never_advises_a_repair_that_repair_does_not_do(run, home):
    run("win", "mine")
    theirs = home / "journal" / "desk-0a1b2c3d.jsonl"
    line = (device_files(home)[0]).read_bytes().replace(b"mine", b"theirs")
    theirs.write_bytes(line + CUT)  # another device's write, cut short (or still arriving)
    theirs.chmod(0o600)

    report = run("doctor", code=1)
    assert "desk-0a1b2c3d.jsonl, line 2" in report.stdout
    assert "(left to the device that writes it, which repairs it)" in report.stdout
    assert ADVICE not in report.stdout
    assert "run `mindlog doctor --repair` there" in report.stdout
    before = theirs.read_bytes()
    repaired = run("doctor", "--repair", code=1)
    assert "Nothing needed repair here." in repaired.stdout
    assert ADVICE not in repaired.stdout
    assert theirs.read_bytes() == before


def test_another_devices_damage_is_copied_once_and_then_left_to_it(run, home):
    run("win", "mine")
    theirs = home / "journal" / "desk-0a1b2c3d.jsonl"
    theirs.write_bytes(b"{not json\n")
    theirs.chmod(0o600)
    assert ADVICE in run("doctor", code=1).stdout  # a copy of the damage is not kept yet
    first = run("doctor", "--repair", code=1)
    assert "Set 1 damaged line aside" in first.stdout
    report = run("doctor", code=1)
    assert "a copy is kept in journal/damaged" in report.stdout
    assert ADVICE not in report.stdout
    again = run("doctor", "--repair", code=1)
    assert "Nothing needed repair here." in again.stdout
    assert len(list((home / "journal" / "damaged").iterdir())) == 1


# -- the machine's key ------------------------------------------------------------------------------


@pytest.fixture
def ids(monkeypatch, tmp_path):
    """The platform's id and the machine id file under the test's control."""
    from mindlog.store import identity

    found = {"platform": "", "file": ""}
    calls: list[str] = []

    def platform_id() -> str:
        calls.append("probe")
        return os.environ.get("FAKE_PLATFORM_ID", found["platform"])

    machine_id = tmp_path / "machine-id"
    monkeypatch.setattr(identity, "platform_id", platform_id)
    monkeypatch.setattr(identity, "MACHINE_ID_FILES", (str(machine_id),))
    monkeypatch.delenv("MINDLOG_MACHINE_ID", raising=False)

    class Ids:
        probes = calls

        @staticmethod
        def set(platform: str = "", file: str = "") -> None:
            found["platform"] = platform
            if file:
                machine_id.write_text(file + "\n")
            elif machine_id.exists():
                machine_id.unlink()

    return Ids


def test_the_machine_key_comes_from_the_best_source_there_is(ids, monkeypatch):
    from mindlog.store import identity

    ids.set(platform="HARDWARE-UUID", file="abc123")
    monkeypatch.setenv("MINDLOG_MACHINE_ID", "chosen")
    assert identity.machine_key() == "chosen"
    monkeypatch.delenv("MINDLOG_MACHINE_ID")
    assert identity.machine_key() == "HARDWARE-UUID"
    ids.set(file="abc123")
    assert identity.machine_key() == "abc123"
    ids.set()
    assert identity.machine_key() == identity.host_name()


def test_ioreg_is_never_run_on_linux(monkeypatch):
    from mindlog.store import identity

    def refuse(*args, **kwargs):
        raise AssertionError("a program was started")

    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(identity.sys, "platform", "linux")
    assert identity.platform_id() == ""


def test_the_hardware_uuid_is_read_from_ioreg(monkeypatch):
    from mindlog.store import identity

    seen = []
    out = (
        b"+-o J314sAP  <class IOPlatformExpertDevice, id 0x100000200>\n"
        b'    "IOPlatformSerialNumber" = "C02XXXXXXX"\n'
        b'    "IOPlatformUUID" = "1a2b3c4d-0000-4111-8222-0123456789ab"\n'
    )

    def fake(argv, **kwargs):
        seen.append(argv)
        return subprocess.CompletedProcess(argv, 0, out, b"")

    monkeypatch.setattr(subprocess, "run", fake)
    assert identity._mac_hardware_uuid() == "1A2B3C4D-0000-4111-8222-0123456789AB"
    assert seen == [["/usr/sbin/ioreg", "-rd1", "-c", "IOPlatformExpertDevice"]]

    def missing(argv, **kwargs):
        raise FileNotFoundError(argv[0])

    monkeypatch.setattr(subprocess, "run", missing)
    assert identity._mac_hardware_uuid() == ""


def test_on_macos_the_platform_id_is_asked_once_not_at_every_command(run, home, ids, monkeypatch):
    from mindlog.store import identity

    monkeypatch.setattr(identity, "PROBE_STARTS_A_PROGRAM", True)
    ids.set(platform="UUID-OF-THIS-MAC")
    run("win", "first")
    assert len(ids.probes) == 1
    for n in range(4):
        run("win", f"more {n}")
    assert len(ids.probes) == 1  # the name file this machine wrote is found without asking
    (mine,) = device_files(home)
    primary, _ = name_files(home)
    restored = primary.with_name("restored")
    restored.write_bytes(primary.read_bytes())
    os.replace(restored, primary)  # as a backup or a sync tool puts it back: another file
    run("win", "restored")
    assert len(ids.probes) == 2  # asked again once, and the same name kept
    run("win", "after")
    assert len(ids.probes) == 2
    assert device_files(home) == [mine]


def test_a_mac_keeps_the_file_it_wrote_under_its_host_name(run, home, ids, monkeypatch):
    from mindlog.store import identity

    ids.set()  # an earlier mindlog on a Mac: no machine id file, so the host name was the key
    run("win", "before the update")
    (mine,) = device_files(home)
    name_files(home)[1].unlink()  # it kept the name in one place
    monkeypatch.setattr(identity, "PROBE_STARTS_A_PROGRAM", True)
    ids.set(platform="UUID-OF-THIS-MAC")
    run("win", "after the update")
    assert device_files(home) == [mine]
    for path in (home / "state").iterdir():  # the state folder synced to another Mac: new files
        if path.is_file():
            synced = path.with_name(path.name + ".sync-tmp")
            synced.write_bytes(path.read_bytes())
            os.replace(synced, path)
    monkeypatch.setenv("FAKE_PLATFORM_ID", "UUID-OF-ANOTHER-MAC")
    run("win", "from the other mac")
    assert len(device_files(home)) == 2  # that name is taken: the other Mac starts its own file
    assert texts() == ["after the update", "before the update", "from the other mac"]


def test_two_macs_with_one_host_name_sharing_a_whole_home_keep_their_own_files(
    tmp_path, ids, monkeypatch
):
    from mindlog.store import identity

    monkeypatch.setattr(identity, "PROBE_STARTS_A_PROGRAM", True)
    a, b = machines(tmp_path, "a", "b")  # one host name: every machine here runs on this host
    for m, uuid in ((a, "UUID-A"), (b, "UUID-B")):
        m.machine_id = ""  # no MINDLOG_MACHINE_ID
        m.extra_env["FAKE_PLATFORM_ID"] = uuid
    link = Link(a, b)
    a.run("win", "a1")
    link.sync(whole=True)
    b.run("win", "b1")
    link.sync(whole=True)
    a.run("win", "a2")
    b.run("win", "b2")
    link.sync(whole=True)  # a file changed on both sides would keep only the newer version
    assert a.own_file() != b.own_file()
    for m in (a, b):
        assert m.texts() == ["a1", "a2", "b1", "b2"]
        assert len(m.device_files()) == 2
    for m in (a, b):
        m.home.chmod(0o700)  # made by the sync here
        assert f"this computer writes: {m.own_file().name}" in m.run("doctor").stdout


def test_a_windows_machine_reads_its_machine_guid_only_on_windows(monkeypatch):
    from mindlog.store import identity

    monkeypatch.setattr(identity.sys, "platform", "linux")
    assert identity._windows_machine_guid() == ""


# -- a damaged format.json --------------------------------------------------------------------------


def test_a_damaged_format_json_of_a_newer_journal_still_stops_writes(run, home):
    run("win", "before")
    journal = home / "journal"
    newer = {"v": 99, "eid": "n1", "t": 1, "op": "add"}
    (journal / "future-0a0b0c0d.jsonl").write_text(json.dumps(newer) + "\n")
    (journal / "format.json").write_bytes(b"\x00garbage")
    before = {p.name: p.read_bytes() for p in device_files(home)}
    result = run("win", "after", code=1)
    assert "newer" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in device_files(home)} == before
    report = run("doctor", code=1)
    assert ADVICE not in report.stdout
    assert "update mindlog" in report.stdout
    run("doctor", "--repair", code=1)
    assert (journal / "format.json").read_bytes() == b"\x00garbage"


@pytest.fixture
def sealing(tmp_path, monkeypatch):
    """A cheap key for encrypting in tests, and the passphrase in a file."""
    from mindlog.store import crypto, keys

    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(crypto, "SCRYPT_LOG_N", 10)
    passphrase = tmp_path / "passphrase"
    passphrase.write_text("correct horse battery staple\n")
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passphrase))
    keys._opened.clear()
    yield
    keys._opened.clear()


SECRET = "tangerine-lighthouse-7"


@pytest.mark.parametrize("lines", [True, False])
def test_a_damaged_format_json_never_lets_plain_words_into_an_encrypted_journal(
    run, home, sealing, lines
):
    if lines:
        run("win", "before")
    run("encrypt")
    journal = home / "journal"
    (journal / "format.json").write_bytes(b'{"schema": ')  # cut short
    run("win", SECRET)
    assert all(SECRET.encode() not in p.read_bytes() for p in device_files(home))
    last = json.loads(device_files(home)[0].read_bytes().splitlines()[-1])
    assert last["v"] == 3 and "sealed" in last
    assert SECRET in texts()
    assert ADVICE in run("doctor", code=1).stdout
    run("doctor", "--repair")
    assert json.loads((journal / "format.json").read_text()) == {"schema": 3, "sealed": "age"}
    run("win", SECRET + " again")
    assert all(SECRET.encode() not in p.read_bytes() for p in device_files(home))


def test_sealed_lines_without_keys_json_and_format_json_are_never_joined_by_plain_ones(
    run, home, sealing
):
    run("win", "before")
    run("encrypt")
    journal = home / "journal"
    (journal / "format.json").write_bytes(b"??")
    (journal / "keys.json").rename(home / "keys.json.elsewhere")
    before = {p.name: p.read_bytes() for p in device_files(home)}
    result = run("win", SECRET, code=1)
    assert len(result.stderr.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in device_files(home)} == before


def test_computers_that_share_a_machine_id_are_told_how_to_tell_them_apart(tmp_path):
    a, b = machines(tmp_path, "a", "b")
    a.machine_id = b.machine_id = "one-disk-image"  # cloned: the same id, and a whole home synced
    link = Link(a, b)
    a.run("win", "a1")
    link.sync(whole=True)
    b.run("win", "b1")
    a.run("win", "a2")  # both appended to the one file they share
    assert link.sync("syncthing", whole=True)
    report = a.run("doctor", code=1)
    assert "set MINDLOG_MACHINE_ID to a different text on each" in report.stdout
    a.run("doctor", "--repair", code=None)
    assert a.texts() == ["a1", "a2", "b1"]  # the conflicted copy's line is taken in
    b.machine_id = "the-other-one"
    b.run("win", "b2")
    link.sync(whole=True)
    assert a.own_file() != b.own_file()
