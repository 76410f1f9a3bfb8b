"""Reasons for living, the printable plan, and notes to bring up to a session."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from conftest import kept_plan, stored, subprocess_env
from mindlog.domain import bringup


def set_country(home, value):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.json").write_text(json.dumps({"country": value}))


# -- reasons -----------------------------------------------------------------------------------


def test_reasons_are_added_and_shown_first(run):
    run("support", "add", "signs", "I stop answering messages")
    run("support", "add", "reasons", "My niece and nephew")
    run("support", "add", "reasons", input="Seeing the sea again\n- Finishing my course\n")
    assert kept_plan().sections["reasons"] == [
        "My niece and nephew",
        "Seeing the sea again",
        "Finishing my course",
    ]
    shown = run("support").stdout
    assert shown.index("My reasons for living") < shown.index("Warning signs")
    assert shown.index("My niece and nephew") < shown.index("I stop answering")


def test_reasons_in_the_editor_text(run):
    run("support", "--edit", input="[reasons]\n- My dog, Biscuit\n[people]\nSam\n")
    plan = kept_plan()
    assert plan.sections["reasons"] == ["My dog, Biscuit"]
    assert plan.sections["people"] == ["Sam"]


def test_an_empty_plan_invites_reasons(run):
    assert "mindlog support add reasons" in run("support").stdout


# -- support --print ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "expected", "absent"),
    [
        ("US", "call or text 988", "116 123"),
        ("GB", "116 123", "988"),
        ("DE", "https://findahelpline.com", "988"),
        (None, "https://findahelpline.com", "116 123"),
    ],
)
def test_print_has_the_whole_plan_and_the_crisis_pointer(run, home, country, expected, absent):
    if country:
        set_country(home, country)
    run("support", "add", "reasons", "My niece")
    run("support", "add", "professionals", "Dr Okafor, 020 7946 0000")
    page = run("support", "--print").stdout
    assert page.startswith("# My support plan")
    for heading in ("My reasons for living", "Warning signs", "Making my surroundings safer"):
        assert f"## {heading}" in page
    assert page.index("My niece") < page.index("Dr Okafor") < page.index("Where to find help")
    assert expected in page and absent not in page
    assert ("last verified 2026-11-28" in page) == (country in ("US", "GB"))
    assert "Room to write by hand" in page  # the empty sections keep room
    assert "Printed Saturday 28 November 2026" in page


def test_print_to_a_file_in_html(run, home, tmp_path):
    run("support", "add", "people", 'Sam <script>alert("x")</script> & co')
    target = tmp_path / "plan.html"
    result = run("support", "--print", "--format", "html", "-o", str(target), "--country", "IE")
    assert str(target) in result.stdout
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "Sam &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page
    assert "<script" not in page
    assert "Samaritans" in page and "last verified 2026-11-28" in page
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    # never replaced without --force, and nothing half-written
    run("support", "--print", "-o", str(target), code=1)
    assert target.read_text() == page
    run("support", "--print", "-o", str(target), "--force")
    assert target.read_text().startswith("# My support plan")


def test_print_options_belong_with_print(run):
    result = run("support", "--format", "html", code=1)
    assert "--print" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    run("support", "--print", "--edit", code=1)
    run("support", "--print", "--format", "pdf", code=2)


def test_print_into_a_missing_folder_says_so(run, tmp_path):
    result = run("support", "--print", "-o", str(tmp_path / "nope" / "plan.md"), code=1)
    assert "no folder" in result.stderr


def test_print_works_with_a_damaged_plan_journal_and_settings(run, home):
    home.mkdir(parents=True)
    (home / "support.json").write_bytes(b'{"sections": [oops')
    (home / "config.json").write_bytes(b"\xfe\xfegarbage")
    (home / "journal").mkdir()
    (home / "journal" / "x.jsonl").write_bytes(os.urandom(200))
    result = run("support", "--print", "--country", "GB")
    assert "could not be read" in result.stdout
    assert "116 123" in result.stdout
    assert (home / "support.json").read_bytes() == b'{"sections": [oops'


def test_support_and_print_while_another_mindlog_holds_the_journal(run, home):
    """The plan never waits for the journal: a writer holding its lock changes nothing."""
    run("support", "add", "people", "Sam")
    run("win", "something small")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from mindlog.store.paths import locations\n"
            "from mindlog.store.eventlog import Store\n"
            "with Store(locations()).lock():\n"
            "    print('held', flush=True)\n"
            "    time.sleep(60)\n",
        ],
        env=subprocess_env(home),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        for args in (["support"], ["support", "--print"]):
            done = subprocess.run(
                [sys.executable, "-m", "mindlog", *args],
                env=subprocess_env(home),
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
            assert done.returncode == 0, done.stderr
            assert "Sam" in done.stdout and "findahelpline" in done.stdout
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_print_with_an_unreadable_journal_folder(run, home):
    home.mkdir(parents=True)
    (home / "journal").write_text("not a folder")
    assert "findahelpline" in run("support", "--print").stdout


# -- bring-up ----------------------------------------------------------------------------------


def test_bring_up_keeps_a_note_that_waits(run):
    result = run("bring-up", "How to say no to extra shifts")
    assert "Kept for your next session" in result.stdout
    (note,) = stored().of_kind("bringup")
    assert note.text == "How to say no to extra shifts"
    assert note.fields["done"] is False
    assert note.day == "2026-11-28"


def test_bring_up_reads_piped_text_and_asks_on_a_terminal(run, monkeypatch):
    run("bring-up", input="Sleep has been better\n")
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    run("bring-up", input="The new medication\n")
    run("bring-up", input="\n")  # skipped: nothing saved
    assert [n.text for n in stored().of_kind("bringup")] == [
        "Sleep has been better",
        "The new medication",
    ]


def test_bring_up_empty_text_is_an_error(run):
    assert "empty" in run("bring-up", "   ", code=1).stderr
    assert stored().of_kind("bringup") == []


def test_bring_up_list_and_done(run):
    run("bring-up", "first", "--date", "2026-11-20")
    run("bring-up", "second")
    run("bring-up", "third")
    listing = run("bring-up", "--list").stdout
    assert listing.index("1. first") < listing.index("2. second") < listing.index("3. third")
    result = run("bring-up", "--done", "2")
    assert "second" in result.stdout and "stays in your journal" in result.stdout
    journal = stored()
    assert [n.text for n in bringup.waiting(journal.entries)] == ["first", "third"]
    (talked,) = bringup.discussed(journal.entries)
    assert talked.text == "second"
    assert journal.history[talked.id][0]["done"] is False  # an update: the note stays
    listing = run("bring-up", "--list").stdout
    assert "3. third" in listing and "second" not in listing  # each note keeps its number
    assert "1 note already talked through stays in your journal" in listing
    assert "already been talked through" in run("bring-up", "--done", "2", code=1).stderr
    run("bring-up", "--done", "3")  # the number a printed list showed marks that note
    assert [n.text for n in bringup.waiting(stored().entries)] == ["first"]
    assert "1. first" in run("bring-up", "--list").stdout


@pytest.mark.parametrize("number", ["0", "4", "x", ""])
def test_bring_up_done_with_a_wrong_number(run, number):
    run("bring-up", "one")
    result = run("bring-up", "--done", number, code=1)
    assert "bring-up --list" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert bringup.waiting(stored().entries)[0].text == "one"


def test_bring_up_list_when_none(run):
    assert "Nothing is waiting" in run("bring-up", "--list").stdout
    assert "no notes waiting" in run("bring-up", "--done", "1", code=1).stderr


def test_bring_up_refuses_mixed_options(run):
    run("bring-up", "text", "--list", code=1)
    run("bring-up", "--list", "--done", "1", code=1)


def test_the_export_opens_with_the_notes_still_waiting(run):
    run("win", "walked", "--date", "2026-11-27")
    run("bring-up", "first")
    run("bring-up", "second", "--date", "2026-10-01")
    run("bring-up", "# not a heading")
    run("bring-up", "--done", "1")  # second is the oldest: it is number 1
    document = run("export", "--since", "2026-11-01").stdout
    opening = document[: document.index("## My commitment statement")]
    assert "## To bring up" in opening
    assert "- Sat 28 Nov 2026 · first" in opening
    assert "# not a heading" in opening
    assert not any(line.startswith("# not") for line in document.splitlines())
    assert "second" not in opening


# -- the check-in trend in the terminal --------------------------------------------------------


def test_streaks_draws_the_check_in_trend_day_by_day(run):
    for day, mood in (("2026-11-26", 1), ("2026-11-27", 3), ("2026-11-28", 5)):
        run("checkin", "--mood", str(mood), "--energy", "3", "--date", day)
    shown = run("streaks").stdout
    assert "Check-ins, day by day" in shown
    mood_row = next(line for line in shown.splitlines() if line.startswith("mood "))
    assert mood_row.split()[1].endswith("▁▅█")  # 1, 3, 5: low, middle, full; today on the right
    assert "mean 3.0" in mood_row


def test_streaks_without_check_ins_draws_no_chart(run):
    run("win", "something")
    assert "day by day" not in run("streaks").stdout


def _chart(encoding: str, width: int = 80) -> str:
    import io

    from rich.console import Console

    from mindlog.render.trend import TrendChart

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding)
    Console(file=stream, width=width, color_system=None).print(
        TrendChart({"mood": [1, 2, None, 3, 4, 5, 2.5], "energy": [None] * 7})
    )
    stream.flush()
    return raw.getvalue().decode(encoding)


def test_the_chart_uses_ascii_where_blocks_cannot_be_shown():
    shown = _chart("ascii")
    assert "mood    _. -=#-" in shown
    assert _chart("utf-8").count("█") == 1


def test_the_chart_fits_a_narrow_terminal():
    from mindlog.render.trend import TrendChart

    chart = TrendChart({"mood": [3.0] * 42})
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=40, color_system=None, record=True)
    console.print(chart)
    rows = [line for line in console.export_text().splitlines() if line.startswith("mood")]
    assert rows and all(len(line) <= 40 for line in rows)
