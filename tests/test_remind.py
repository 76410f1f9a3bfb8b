"""Reminders (`mindlog remind`) and `mindlog status`: real files, and fake systemctl, crontab and
notify-send programs on PATH that record what they were asked, in real processes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import MINDLOG, subprocess_env
from mindlog.cli import quick
from mindlog.domain import reminders as rules
from mindlog.store import reminders as installed
from mindlog.store.paths import locations

MONDAY = "2026-11-30T08:45:00+01:00"  # after the 08:30 reminders below
SECRETS = ("SECRETWIN", "SECRETWHY", "SECRETWALK", "SECRETITEM")

SYSTEMCTL = r"""#!/bin/sh
printf '%s\n' "$*" >> "$FAKE_LOG/systemctl.log"
if [ "$2" = show-environment ]; then
  [ -n "$FAKE_SYSTEMD" ] && exit 0
  echo "Failed to connect to bus" >&2; exit 1
fi
[ -n "$FAKE_SYSTEMCTL_FAILS" ] && [ "$2" = enable ] && { echo "unit refused" >&2; exit 1; }
exit 0
"""

CRONTAB = r"""#!/bin/sh
printf '%s\n' "$*" >> "$FAKE_LOG/crontab.log"
tab="$FAKE_LOG/crontab.txt"
case "$1" in
  -l)
    [ -n "$FAKE_CRONTAB_DENIED" ] && { echo "crontab: permission denied" >&2; exit 1; }
    [ -f "$tab" ] || { echo "no crontab for person" >&2; exit 1; }
    /bin/cat "$tab";;
  -) /bin/cat > "$tab";;
  -r) /bin/rm -f "$tab";;
  *) exit 2;;
esac
"""

NOTIFY = r"""#!/bin/sh
for word in "$@"; do printf '%s\n' "$word" >> "$FAKE_LOG/notify.log"; done
printf -- '--\n' >> "$FAKE_LOG/notify.log"
"""


@pytest.fixture
def fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of fake programs first on PATH, and the folder they record to (returned)."""
    bin_dir = tmp_path / "bin"
    log = tmp_path / "log"
    bin_dir.mkdir()
    log.mkdir()
    for name, text in (("systemctl", SYSTEMCTL), ("crontab", CRONTAB), ("notify-send", NOTIFY)):
        path = bin_dir / name
        path.write_text(text)
        path.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("FAKE_SYSTEMD", raising=False)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    return log


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def _units(tmp_path: Path) -> Path:
    return tmp_path / "xdg" / "systemd" / "user"


# -- systemd -------------------------------------------------------------------------------------


def test_a_systemd_timer_is_shown_installed_and_taken_away(run, fakes, tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_SYSTEMD", "1")
    result = run("remind", "add", "morning", "8:30", "--days", "mon-fri", "--yes")
    units = _units(tmp_path)
    timer = units / "mindlog-remind-morning.timer"
    service = units / "mindlog-remind-morning.service"
    assert str(timer) in result.stdout and "OnCalendar=" in result.stdout  # shown first
    text = timer.read_text()
    assert "OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 08:30:00" in text
    assert "Persistent=true" in text and "WantedBy=timers.target" in text
    assert '"remind" "fire" "morning"' in service.read_text()
    assert f'Environment="MINDLOG_HOME={os.environ["MINDLOG_HOME"]}"' in service.read_text()
    calls = _lines(fakes / "systemctl.log")
    assert "--user daemon-reload" in calls
    assert "--user enable --now mindlog-remind-morning.timer" in calls
    listed = run("remind", "list").stdout
    assert "morning routine: 08:30, mon-fri (systemd timer)" in listed

    run("remind", "remove", "morning")
    assert not timer.exists() and not service.exists()
    calls = _lines(fakes / "systemctl.log")
    assert "--user disable --now mindlog-remind-morning.timer" in calls
    assert calls[-1] == "--user daemon-reload"
    assert "No reminders" in run("remind", "list").stdout


def test_a_timer_systemd_refuses_leaves_nothing_behind(run, fakes, tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_SYSTEMD", "1")
    monkeypatch.setenv("FAKE_SYSTEMCTL_FAILS", "1")
    result = run("remind", "add", "checkin", "21:00", "--yes", code=1)
    assert "systemctl did not take the timer: unit refused" in result.stderr
    assert list(_units(tmp_path).iterdir()) == []
    assert "No reminders" in run("remind", "list").stdout


# -- crontab -------------------------------------------------------------------------------------

THEIRS = (
    "# my own crontab\n"
    "MAILTO=me@example.org\n"
    "*/5 * * * * /usr/bin/backup --note '50% done' # keep\n"
    "\n"
    "@reboot echo hello\n"
)


@pytest.mark.parametrize("before", [None, THEIRS])
def test_a_crontab_line_is_added_and_removed_leaving_the_crontab_as_it_was(
    run, fakes, before, monkeypatch
):
    tab = fakes / "crontab.txt"
    if before is not None:
        tab.write_text(before)
    monkeypatch.setenv("FAKE_SYSTEMD", "")  # no systemd user instance here
    result = run("remind", "add", "win", "20:15", "--days", "sat-sun", "--yes")
    assert "crontab" in result.stdout
    added = tab.read_text()
    assert added.startswith(before or "")
    line = added[len(before or "") :]
    assert line.startswith("15 20 * * 6,0 ") and line.endswith(" # mindlog-remind:win\n")
    assert "remind fire win" in line
    assert "No reminders" not in run("remind", "list").stdout

    run("remind", "add", "win", "20:30", "--yes")  # again: replaces its own line, only it
    assert tab.read_text().count("mindlog-remind:win") == 1
    assert "30 20 * * * " in tab.read_text()

    run("remind", "remove", "win")
    if before is None:
        assert not tab.exists()  # as before: no crontab at all
    else:
        assert tab.read_text() == before


def test_a_crontab_that_cannot_be_read_is_never_written(run, fakes, monkeypatch):
    tab = fakes / "crontab.txt"
    tab.write_text(THEIRS)
    monkeypatch.setenv("FAKE_CRONTAB_DENIED", "1")
    result = run("remind", "add", "morning", "08:30", "--cron", "--yes", code=1)
    assert result.stderr.count("\n") == 1 and "permission denied" in result.stderr
    assert tab.read_text() == THEIRS
    assert "-" not in _lines(fakes / "crontab.log")
    assert installed.load(locations()) == {}


def test_without_yes_and_without_a_terminal_nothing_is_installed(run, fakes, monkeypatch):
    monkeypatch.setenv("FAKE_SYSTEMD", "1")
    result = run("remind", "add", "morning", "08:30", code=1)
    assert "OnCalendar=*-*-* 08:30:00" in result.stdout  # what it would install is shown
    assert "add --yes" in result.stderr
    assert (
        not (fakes / "systemctl.log").exists()
        or "enable" not in (fakes / "systemctl.log").read_text()
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["nothing-like-it", "08:30"], "practice"),
        (["morning", "25:00"], "time of day"),
        (["morning", "08:30", "--days", "someday"], "mon-fri"),
    ],
)
def test_what_cannot_be_a_reminder_is_one_line(run, fakes, args, said):
    result = run("remind", "add", *args, "--yes", code=1)
    assert said in result.stderr and result.stderr.count("\n") == 1


def test_removing_what_is_not_there_is_one_line(run, fakes):
    result = run("remind", "remove", "morning", code=1)
    assert "no reminder for 'morning'" in result.stderr


# -- ringing -------------------------------------------------------------------------------------


def _ring(home: Path, fakes: Path, now: str, key: str) -> subprocess.CompletedProcess[str]:
    env = subprocess_env(home, MINDLOG_NOW=now)
    env.pop("FAKE_SYSTEMD", None)
    return subprocess.run(
        [*MINDLOG, "remind", "fire", key], env=env, capture_output=True, text=True, check=False
    )


def _notified(fakes: Path) -> list[str]:
    return _lines(fakes / "notify.log")


@pytest.fixture
def morning_reminder(run, fakes, monkeypatch):
    monkeypatch.setenv("MINDLOG_NOW", MONDAY)
    run("remind", "add", "morning", "08:30", "--days", "mon-fri", "--cron", "--yes")
    return (fakes / "crontab.txt").read_text()


def test_the_crontab_line_itself_rings_with_a_neutral_line(home, fakes, morning_reminder):
    line = morning_reminder.strip()
    command = line.split(" ", 5)[5]  # after the five time fields, as cron runs it
    env = subprocess_env(home, MINDLOG_NOW=MONDAY)
    done = subprocess.run(["/bin/sh", "-c", command], env=env, capture_output=True, check=False)
    assert done.returncode == 0 and done.stdout == b"" and done.stderr == b""
    assert _notified(fakes) == ["--app-name=mindlog", "mindlog", rules.MESSAGES["morning"], "--"]


def test_silent_once_the_morning_is_done(run, home, fakes, morning_reminder):
    run("morning", "--all")
    done = _ring(home, fakes, MONDAY, "morning")
    assert done.returncode == 0 and done.stdout == done.stderr == ""
    assert _notified(fakes) == []


@pytest.mark.parametrize("mark", [["rest"], ["setback", "a hard one"]])
def test_silent_on_a_rest_day_or_a_hard_day(run, home, fakes, morning_reminder, mark):
    run(*mark, code=None)
    assert _ring(home, fakes, MONDAY, "morning").returncode == 0
    assert _notified(fakes) == []


def test_silent_in_quiet_hours(run, home, fakes, morning_reminder):
    run("config", "quiet_hours", "22:00-09:00")
    assert _ring(home, fakes, MONDAY, "morning").returncode == 0
    assert _notified(fakes) == []
    run("config", "quiet_hours", "22:00-08:40")  # over by 08:45
    _ring(home, fakes, MONDAY, "morning")
    assert rules.MESSAGES["morning"] in _notified(fakes)


@pytest.mark.parametrize(
    "now",
    [
        "2026-11-30T07:00:00+01:00",  # a timer catching up at start-up, before today's time
        "2026-11-28T09:00:00+01:00",  # a Saturday: not one of its days
    ],
)
def test_silent_when_it_is_not_its_time(home, fakes, morning_reminder, now):
    assert _ring(home, fakes, now, "morning").returncode == 0
    assert _notified(fakes) == []


def test_silent_once_removed_and_for_what_is_not_a_reminder(run, home, fakes, morning_reminder):
    run("remind", "remove", "morning")
    assert _ring(home, fakes, MONDAY, "morning").returncode == 0
    assert _ring(home, fakes, MONDAY, "../../etc").returncode == 0
    assert _notified(fakes) == []


def test_without_notify_send_it_is_silent_and_never_an_error(home, fakes, morning_reminder):
    (fakes.parent / "bin" / "notify-send").unlink()
    env = subprocess_env(home, MINDLOG_NOW=MONDAY)
    env["PATH"] = str(fakes.parent / "bin")  # nothing else: no notify-send anywhere
    done = subprocess.run(
        [*MINDLOG, "remind", "fire", "morning"], env=env, capture_output=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")


def _private(run) -> None:
    run("commit", "SECRETWHY is my reason")
    run("win", "SECRETWIN happened")
    run("practice", "add", "SECRETWALK")
    run("routine", "add", "SECRETITEM")


def test_a_practice_reminder_never_shows_a_private_word(run, home, fakes, monkeypatch):
    monkeypatch.setenv("MINDLOG_NOW", MONDAY)
    _private(run)
    run("remind", "add", "secretw", "08:00", "--cron", "--yes")  # the first letters suffice
    tab = (fakes / "crontab.txt").read_text()
    assert not any(s.lower() in tab.lower() for s in SECRETS)
    key = tab.rsplit("mindlog-remind:", 1)[1].strip()
    assert key.startswith("practice-")
    _ring(home, fakes, MONDAY, key)
    shown = _notified(fakes)
    assert rules.PRACTICE_MESSAGE in shown
    assert not any(s.lower() in " ".join(shown).lower() for s in SECRETS)
    assert "SECRETWALK: 08:00, every day (crontab)" in run("remind", "list").stdout

    run("did", "SECRETWALK")
    (fakes / "notify.log").unlink()
    _ring(home, fakes, MONDAY, key)
    assert _notified(fakes) == []  # done today: silent
    run("remind", "remove", "SECRETWALK")
    assert not (fakes / "crontab.txt").exists()


def test_the_record_is_this_computers_and_holds_no_words(run, home, fakes, monkeypatch):
    monkeypatch.setenv("MINDLOG_NOW", MONDAY)
    _private(run)
    run("remind", "add", "SECRETWALK", "08:00", "--cron", "--yes")
    record = home / "state" / "reminders.json"
    text = record.read_text()
    assert not any(s.lower() in text.lower() for s in SECRETS)
    assert not (home / "journal" / "reminders.json").exists()
    assert json.loads(text)["reminders"][0]["how"] == "cron"


# -- the pure parts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        (None, (0, 1, 2, 3, 4, 5, 6)),
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("Sat-Sun", (5, 6)),
        ("sat-mon", (0, 5, 6)),
        ("mon,wed,friday", (0, 2, 4)),
        ("daily", (0, 1, 2, 3, 4, 5, 6)),
    ],
)
def test_days_are_read_as_a_person_writes_them(typed, days):
    assert rules.read_days(typed) == days


def test_days_and_their_calendars():
    week = rules.Reminder("win", "07:05", (0, 1, 2, 3, 4))
    assert rules.days_words(week.days) == "mon-fri"
    assert rules.on_calendar(week) == "Mon,Tue,Wed,Thu,Fri *-*-* 07:05:00"
    assert rules.cron_line(week, ["py"], {}).startswith("5 7 * * 1,2,3,4,5 py remind fire win")
    sunday = rules.Reminder("win", "07:05", (6,))
    assert " * * 0 " in rules.cron_line(sunday, ["py"], {})


def test_a_percent_sign_is_escaped_for_cron_and_systemd():
    reminder = rules.Reminder("win", "07:05")
    line = rules.cron_line(reminder, ["/opt/50%/python"], {"MINDLOG_HOME": "/h/a b"})
    assert "/opt/50\\%/python" in line and "MINDLOG_HOME='/h/a b'" in line
    assert "50%%" in rules.service_text("win", ["/opt/50%/python"], {})


@pytest.mark.parametrize(
    ("span", "at", "quiet"),
    [
        ("22:00-07:00", "23:30", True),
        ("22:00-07:00", "06:59", True),
        ("22:00-07:00", "07:00", False),
        ("13:00-14:00", "13:30", True),
        ("13:00-14:00", "12:00", False),
    ],
)
def test_quiet_hours_may_span_midnight(span, at, quiet):
    from datetime import time

    hours = rules.read_quiet_hours(span)
    assert rules.quiet(time.fromisoformat(at), hours) is quiet


def test_quiet_hours_that_cannot_be_used_are_one_line(run):
    result = run("config", "quiet_hours", "late", code=1)
    assert "22:00-07:00" in result.stderr


crontab_lines = st.lists(
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=30
    ).filter(lambda line: rules.CRON_MARK not in line),
    max_size=6,
)


@given(crontab_lines, st.sampled_from(["morning", "win", "practice-abc123"]))
def test_adding_then_removing_a_line_gives_the_crontab_back(lines, key):
    before = "".join(line + "\n" for line in lines)
    line = rules.cron_line(rules.Reminder(key, "08:30"), ["/usr/bin/python3"], {})
    after = rules.with_line(before, line, key)
    assert after.startswith(before) and rules.is_marked(after.splitlines()[-1], key)
    assert rules.without_line(after, key) == before


# -- status --------------------------------------------------------------------------------------


def test_status_counts_the_week_the_run_the_morning_and_the_practices(run, monkeypatch):
    monkeypatch.setenv("MINDLOG_NOW", MONDAY)
    run("win", "one", "--date", "yesterday")
    assert run("status").stdout == "week 0/1 · run 1 · morning open · practices 0/3\n"
    _private(run)
    run("morning", "--all")
    found = json.loads(run("status", "--format", "json").stdout)
    assert found == {
        "day": "2026-11-30",
        "week_shown_up": 1,
        "week_days": 1,
        "run": 2,
        "runs": {"morning": 1, "wins": 2, "commitment": 1},
        "morning_done": True,
        "practices_done": 3,
        "practices_total": 4,
        "shown_up": 2,
    }
    line = run("status").stdout
    assert line == "week 1/1 · run 2 · morning done · practices 3/4\n"
    assert not any(s.lower() in line.lower() for s in SECRETS)


STATUS = [
    ["status"],
    ["status", "--format", "json"],
    ["status", "-f", "line"],
    ["status", "--format=json"],
]


@pytest.mark.parametrize("argv", STATUS, ids=" ".join)
def test_status_is_the_same_on_both_paths(argv, run, capsys, monkeypatch):
    _private(run)
    run("morning", "--done", "1")
    run("practice", "add", "stretch")
    typer = run(*argv, code=None)
    capsys.readouterr()
    code = quick.dispatch(argv)
    fast = capsys.readouterr()
    assert (code, fast.out, fast.err) == (typer.exit_code, typer.stdout, typer.stderr)
    assert not any(s.lower() in fast.out.lower() for s in SECRETS)


@pytest.mark.parametrize("argv", [["status", "--format", "xml"], ["status", "extra"]])
def test_status_leaves_what_it_does_not_know_to_typer(argv, run):
    assert quick.dispatch(argv) is None
    assert run(*argv, code=2).stderr


def test_status_runs_without_typer_or_rich(home, run):
    from conftest import imports_of

    run("win", "one")
    found = imports_of(home, "status")
    assert not {m for m in found if m.split(".")[0] in ("typer", "rich", "click")}


def test_status_in_a_real_process_is_one_line(home, run):
    run("win", "one")
    done = subprocess.run(
        [*MINDLOG, "status"], env=subprocess_env(home), capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.count("\n") == 1 and done.stdout.startswith("week 1/")


# -- an encrypted journal --------------------------------------------------------------------------


@pytest.mark.usefixtures("fast_keys")
def test_locked_status_uses_the_days_numbers_and_a_reminder_rings(
    run, home, fakes, monkeypatch, passfile
):
    from mindlog.store import keys

    monkeypatch.setenv("MINDLOG_NOW", MONDAY)
    run("remind", "add", "morning", "08:30", "--cron", "--yes")
    run("win", "SECRETWIN")
    with monkeypatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
        run("encrypt")
    keys._opened.clear()
    run("morning", "--done", "1")
    unlocked = run("status").stdout  # not locked yet: worked out, and kept (numbers only)
    assert (
        unlocked == "week 1/1 · run 1 · morning done · practices 3/3\n"
    )  # item 1 re-reads the why
    run("lock")
    keys._opened.clear()
    assert run("status").stdout == unlocked  # the day's numbers, kept: no key needed
    run("win", "another")  # the files changed: the numbers need the key
    result = run("status", code=1)
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert "locked" in result.stderr
    env = {k: v for k, v in os.environ.items() if k != keys.PASSPHRASE_FILE_VARIABLE}
    done = subprocess.run(
        [*MINDLOG, "remind", "fire", "morning"], env=env, capture_output=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    assert rules.MESSAGES["morning"] in _notified(fakes)  # it cannot tell, so it reminds


def test_on_a_terminal_it_asks_first(run, fakes, monkeypatch):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    result = run("remind", "add", "checkin", "21:00", "--cron", input="\n")
    assert "Install it? [y/N]" in result.stderr and "Nothing was installed." in result.stdout
    assert not (fakes / "crontab.txt").exists()
    run("remind", "add", "checkin", "21:00", "--cron", input="y\n")
    assert "remind fire checkin" in (fakes / "crontab.txt").read_text()
    assert "a check-in: 21:00, every day (crontab)" in run("remind").stdout


def test_a_relative_home_is_carried_as_a_whole_path(run, fakes, home, monkeypatch):
    monkeypatch.chdir(home.parent)
    monkeypatch.setenv("MINDLOG_HOME", home.name)
    run("remind", "add", "morning", "08:30", "--cron", "--yes")
    assert f"MINDLOG_HOME={home} " in (fakes / "crontab.txt").read_text()
