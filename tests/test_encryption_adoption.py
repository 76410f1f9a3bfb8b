"""encrypt seals what it can own (issue 22): the plain lines of devices that are gone are copied
into this device's file, sealed, before their file is removed; what stays plain is counted in the
reply and reported by doctor. Real files, real devices' names (MINDLOG_MACHINE_ID)."""

from __future__ import annotations

import pytest

from conftest import stored
from keys_fixtures import SECRET
from mindlog.store import keys
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations

pytestmark = pytest.mark.usefixtures("fast_keys")  # tests/keys_fixtures.py


def on_device(run, monkeypatch, device: str, *args: str) -> None:
    with monkeypatch.context() as m:
        m.setenv("MINDLOG_MACHINE_ID", device)
        run(*args)


def history(run, monkeypatch) -> list[str]:
    """A journal written on an old laptop (schema 2 lines and an edit) before this computer."""
    on_device(run, monkeypatch, "old-laptop", "win", f"old {SECRET} one")
    on_device(run, monkeypatch, "old-laptop", "win", f"old {SECRET} two")
    on_device(run, monkeypatch, "old-laptop", "checkin", "--mood", "3", f"note {SECRET}")
    run("win", "here")
    return sorted([f"old {SECRET} one", f"old {SECRET} two", f"note {SECRET}", "here"])


def encrypt(run, monkeypatch, passfile, *args: str):
    with monkeypatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
        result = run("encrypt", *args)
    return result


def texts() -> list[str]:
    return sorted(e.text or "" for e in stored().entries)


def every_byte(home) -> bytes:
    return b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())


def test_what_stays_plain_is_counted_and_doctor_reports_it(run, home, monkeypatch, passfile):
    history(run, monkeypatch)
    said = encrypt(run, monkeypatch, passfile).stdout
    assert "Sealed 1 line written on this computer." in said
    assert "3 lines written on" in said and "stay in plain text" in said
    assert "mindlog encrypt --adopt-all" in said
    report = run("doctor", code=1).stdout
    assert "in plain text, written by another device" in report and "(3 lines)" in report
    assert "All is well" not in report


def test_adopt_all_copies_a_gone_devices_lines_sealed_and_removes_its_file(
    run, home, monkeypatch, passfile
):
    written = history(run, monkeypatch)
    before = {(e.id, e.text, e.day) for e in stored().entries}
    encrypt(run, monkeypatch, passfile)
    said = encrypt(run, monkeypatch, passfile, "--adopt-all").stdout
    assert "3 lines of a device that is gone, copied here" in said
    assert "stay in plain text" not in said
    files = list((home / "journal").glob("*.jsonl"))
    assert len(files) == 1  # the old laptop's file went once its lines were safe here
    assert SECRET.encode() not in every_byte(home)
    keys._opened.clear()
    with monkeypatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
        assert texts() == written
        assert {(e.id, e.text, e.day) for e in stored().entries} == before
        listed = run("list", "--json").stdout  # the cache, built anew, agrees
        assert all(text in listed for text in written)
        assert "All is well" in run("doctor").stdout
    assert len(encrypt(run, monkeypatch, passfile, "--adopt-all").stdout) > 0  # again: no change
    assert [p.read_bytes() for p in (home / "journal").glob("*.jsonl")] == [files[0].read_bytes()]


def test_a_device_adopted_by_mistake_loses_nothing_when_it_writes_again(
    run, home, monkeypatch, passfile
):
    written = history(run, monkeypatch)
    journal = home / "journal"
    old = [p for p in journal.glob("*.jsonl") if p.name != Store(locations()).own_file().name]
    copy = old[0].read_bytes()
    encrypt(run, monkeypatch, passfile, "--adopt-all")
    old[0].write_bytes(copy)  # a sync tool brings its file back from the laptop
    on_device(run, monkeypatch, "old-laptop", "win", "still here")
    keys._opened.clear()
    with monkeypatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
        assert texts() == sorted([*written, "still here"])  # each line counted once
        assert SECRET.encode() not in old[0].read_bytes()  # the laptop sealed its own file


def test_on_a_terminal_the_person_says_which_devices_are_gone(run, home, monkeypatch, passfile):
    history(run, monkeypatch)
    on_device(run, monkeypatch, "desktop", "win", "desk")
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    asked: list[str] = []

    def answer(question: str) -> str:
        if "support plan" in question:
            return ""  # the plan readable (asked first, before the devices)
        asked.append(question)
        return "y" if len(asked) == 1 else "n"

    monkeypatch.setattr("mindlog.cli.prompts.ask", answer)
    said = encrypt(run, monkeypatch, passfile).stdout
    assert len(asked) == 2 and all("gone for good" in q for q in asked)
    assert "of a device that is gone, copied here" in said
    assert len(list((home / "journal").glob("*.jsonl"))) == 2
    assert "stay in plain text" in said
