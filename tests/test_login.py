"""mindlog greet and shell-init: the greeting's lines, --once, problems, the cache."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import MINDLOG, imports_of, subprocess_env
from mindlog.cache.view import Full
from mindlog.domain import words
from mindlog.domain.journal import add_event, replay
from mindlog.store import eventlog as store
from mindlog.store.eventlog import Store
from mindlog.store.lines import encode_event
from mindlog.store.paths import locations
from mindlog.usecases import login

TODAY = date(2026, 11, 28)


def lines_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def fill(run) -> None:
    run("commit", "I want to be there for my kids.\nAnd for me.")
    run("morning", "--all")
    run("win", "Called my sister", "-t", "meaning", "--date", "yesterday")
    run("win", "Went for a walk")


# -- the greeting --------------------------------------------------------------------------------


def test_a_new_person_is_welcomed_in_two_lines(run, home):
    result = run("greet")
    shown = lines_of(result.stdout)
    assert shown[0].startswith("Welcome to mindlog")
    assert len(shown) == 2
    assert result.stderr == ""
    assert not (home / "state").exists()  # nothing to cache yet, nothing created


def test_the_greeting_has_the_why_the_practices_and_a_past_win(run):
    fill(run)
    shown = lines_of(run("greet").stdout)
    assert len(shown) <= 6
    assert shown[0] == "Your why: I want to be there for my kids."
    assert shown[1].startswith("Morning routine: done today")
    assert shown[2].startswith("Wins: done today · 2 days shown up")
    assert "2 days in a row" in shown[2]
    assert shown[3].startswith("Commitment: done today")
    assert shown[4] == "From Friday 27 November 2026: Called my sister"


def test_practices_of_your_own_add_one_line_of_numbers(run):
    fill(run)
    run("practice", "add", "stretch")
    run("practice", "add", "walk", "--per-week", "3")
    run("did", "stretch")
    first = lines_of(run("greet").stdout)
    assert "Your own practices: 1 of 2 done today" in first
    assert not any("stretch" in line for line in first)  # numbers only, even not private
    assert lines_of(run("greet").stdout) == first  # the day's greeting, kept, says the same
    run("did", "walk")
    assert "Your own practices: 2 of 2 done today" in lines_of(run("greet").stdout)


def test_without_a_statement_it_invites_one_and_encourages(run):
    run("win", "Made tea")
    shown = lines_of(run("greet").stdout)
    assert "mindlog commit" in shown[0]
    assert len(shown) == 5
    assert not shown[4].startswith("From ")  # no earlier win yet: a word of encouragement


def test_user_text_is_shown_safely(run):
    run("commit", "\x1b]0;owned\x07 my why [bold]x[/bold]")
    out = run("greet").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;owned\\x07 my why [bold]x[/bold]" in out


def test_the_greeting_matches_the_streak_engine(run):
    from mindlog.domain.streaks import all_streaks, practice_days
    from mindlog.domain.words import practice_line

    fill(run)
    journal = replay(Store(locations()).read().events)
    days = practice_days(journal.entries)
    used = (TODAY - days.first).days + 1
    expected = [
        practice_line(p, s.current, s.total_days, s.strength, TODAY in days.done[p], used, s.recent)
        for p, s in all_streaks(days, TODAY).items()
    ]
    assert lines_of(run("greet").stdout)[1:4] == expected


# -- once a day ----------------------------------------------------------------------------------


def test_once_greets_on_the_first_call_of_each_logical_day(run, home, monkeypatch):
    fill(run)
    assert lines_of(run("greet", "--once").stdout)
    assert run("greet", "--once").stdout == ""
    assert (home / "state" / "greeted-2026-11-28").exists()
    # 03:30 the next night still belongs to the 28th (the day starts at 04:00)
    monkeypatch.setenv("MINDLOG_NOW", "2026-11-29T03:30:00+01:00")
    assert run("greet", "--once").stdout == ""
    monkeypatch.setenv("MINDLOG_NOW", "2026-11-29T04:05:00+01:00")
    assert lines_of(run("greet", "--once").stdout)
    assert run("greet", "--once").stdout == ""
    markers = sorted(p.name for p in (home / "state").glob("greeted-*"))
    assert markers == ["greeted-2026-11-29"]  # earlier days' markers are tidied away
    assert oct((home / "state" / "greeted-2026-11-29").stat().st_mode & 0o777) == "0o600"


def test_once_follows_the_day_start_setting(run, home, monkeypatch):
    run("win", "x")
    home.joinpath("config.json").write_text('{"day_starts_at": "00:00"}')
    monkeypatch.setenv("MINDLOG_NOW", "2026-11-29T00:30:00+01:00")
    assert lines_of(run("greet", "--once").stdout)
    assert (home / "state" / "greeted-2026-11-29").exists()


def test_plain_greet_never_uses_or_sets_the_marker(run, home):
    fill(run)
    run("greet", "--once")
    assert lines_of(run("greet").stdout)
    assert sorted(p.name for p in (home / "state").glob("greeted-*")) == ["greeted-2026-11-28"]


def test_no_marker_when_nothing_could_be_printed(home, monkeypatch):
    class Closed:
        def write(self, text):
            raise OSError(5, "Input/output error")

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", Closed())
    monkeypatch.setattr(sys, "stderr", Closed())
    assert login.greet(once=True) == 0
    assert list((home / "state").glob("greeted-*")) == []


# -- problems: one line, exit 0 ------------------------------------------------------------------


def test_damaged_lines_add_one_note_with_a_hint(run, home):
    fill(run)
    device = next((home / "journal").glob("*.jsonl"))
    with device.open("ab") as f:
        f.write(b"{not json\n\xff\xfe\n")
    result = run("greet")
    assert len(lines_of(result.stdout)) == 5
    note = lines_of(result.stderr)
    assert len(note) == 1
    assert "2 damaged lines" in note[0] and "mindlog doctor" in note[0]


def test_a_home_that_cannot_be_created_gives_one_line(run, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("MINDLOG_HOME", str(blocker / "home"))
    for args in (("greet",), ("greet", "--once")):
        result = run(*args)
        assert result.stdout == ""
        assert len(lines_of(result.stderr)) == 1
        assert "mindlog doctor" in result.stderr


def test_an_unreadable_journal_folder_gives_one_line(run, home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "journal").write_text("not a folder")
    result = run("greet", "--once")
    assert result.stdout == ""
    assert len(lines_of(result.stderr)) == 1


def test_damaged_settings_still_greet_with_one_note(run, home):
    fill(run)
    home.joinpath("config.json").write_text("{oops")
    result = run("greet")
    assert len(lines_of(result.stdout)) == 5
    assert len(lines_of(result.stderr)) == 1
    assert "damaged" in result.stderr


def test_a_bad_clock_setting_gives_one_line(run, monkeypatch):
    monkeypatch.setenv("MINDLOG_NOW", "yesterday-ish")
    result = run("greet")
    assert len(lines_of(result.stderr)) == 1


def test_a_damaged_cache_is_rebuilt(run, home):
    fill(run)
    first = run("greet").stdout
    (home / "state" / "cache.sqlite3").write_bytes(b"\x00garbage")
    (home / "state" / "greeting.json").write_bytes(b"\x00garbage")
    assert run("greet").stdout == first
    json.loads((home / "state" / "greeting.json").read_text())
    assert (home / "state" / "cache.sqlite3").read_bytes().startswith(b"SQLite format 3")


def test_real_process_on_a_damaged_store_never_shows_a_traceback(home):
    (home / "journal").mkdir(parents=True)
    (home / "journal" / "x.jsonl").write_bytes(b"\x00\x01{{{\n")
    (home / "config.json").write_bytes(b"\xff")
    done = subprocess.run(
        [*MINDLOG, "greet", "--once"],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    assert len(lines_of(done.stderr)) == 1


# -- the cache -----------------------------------------------------------------------------------


def _same_as_a_full_read(where) -> None:
    from mindlog import cache

    kept = login.figures(cache.open_view(where), TODAY)
    result = Store(where).read()
    assert kept == login.figures(Full(replay(result.events), len(result.problems)), TODAY)


def test_writes_and_greetings_keep_the_cache_in_step(run):
    fill(run)
    run("greet")
    where = locations()
    run("win", "One more")
    run("morning", "--done", "1")  # an update of today's morning
    run("commit", "--reaffirm")
    _same_as_a_full_read(where)
    assert "Wins: done today" in run("greet").stdout
    for name in ("cache.sqlite3", "greeting.json"):
        assert oct((where.state / name).stat().st_mode & 0o777) == "0o600"


def test_another_devices_changes_reach_the_greeting(run, home):
    fill(run)
    run("greet")
    other = home / "journal" / "laptop-0000abcd.jsonl"
    event = add_event("commitment", TODAY, "2026-11-28T10:00:30+01:00", "Written on my laptop.")
    other.write_bytes(encode_event({"v": 1, **event}))  # a line of mindlog 0.1
    assert lines_of(run("greet").stdout)[0] == "Your why: Written on my laptop."
    _same_as_a_full_read(locations())


def test_a_deletion_of_an_old_entry_reaches_the_greeting(run):
    from mindlog.cli.app import Session

    run("win", "Old one", "--date", "2026-10-01")
    run("win", "Today's")
    run("greet")
    session = Session()
    old = next(e for e in session.journal().of_kind("win") if e.text == "Old one")
    from mindlog.domain.journal import delete_event

    session.write([delete_event(old.id, session.at)])
    assert "Wins: done today · 1 day shown up" in run("greet").stdout
    _same_as_a_full_read(session.where)


def test_cache_and_store_agree_on_the_journal_files(run, home):
    from mindlog.cache import key

    fill(run)
    (home / "journal" / "notes.txt").write_text("not a device file")
    names = [p.name for p in Store(locations()).files()]
    assert key.SUFFIX == store.SUFFIX
    assert sorted(key.stamps(home / "journal")) == names


def _long_journal(home: Path, wins: int = 1500) -> None:
    """Another device's file of ``wins`` wins, more than greet builds a cache for."""
    from mindlog.cache import fill as filling

    lines = [
        encode_event(
            {"v": 2, "eid": f"e{n:015d}", "t": 1_700_000_000_000_000 + n}
            | add_event("win", TODAY, f"2026-11-28T08:{n // 60 % 60:02d}:{n % 60:02d}+01:00",
                        f"small good thing number {n}")
        )
        for n in range(wins)
    ]  # fmt: skip
    data = b"".join(lines)
    assert len(data) > filling.QUICK
    (home / "journal").mkdir(parents=True, exist_ok=True)
    (home / "journal" / "laptop-0000abcd.jsonl").write_bytes(data)


def test_greet_never_waits_for_a_long_journal_to_be_read_whole(run, home):
    fill(run)
    _long_journal(home)
    where = locations()
    from mindlog import cache

    cache.drop(where)  # after an install, or after the cache was removed
    shown = lines_of(run("greet").stdout)
    assert shown == [words.GREET_GETTING_READY]
    assert not (home / "state" / "cache.sqlite3").exists()  # nothing built, nothing kept
    assert not (home / "state" / "greeting.json").exists()
    assert run("list", "-n", "1").exit_code == 0  # the next command builds it
    shown = lines_of(run("greet").stdout)
    assert shown[0] == "Your why: I want to be there for my kids."
    assert shown[2].startswith("Wins: done today")
    _same_as_a_full_read(where)


@pytest.mark.parametrize("private", [False, True])
def test_while_the_cache_is_rebuilt_greet_shows_only_the_why_it_kept(run, home, private):
    fill(run)
    _long_journal(home)
    if private:
        run("config", "greet_private", "true")
    run("list", "-n", "1")  # the cache built
    run("greet")  # the greeting kept
    other = home / "journal" / "laptop-0000abcd.jsonl"
    lines = other.read_bytes().splitlines(keepends=True)
    tmp = other.with_name(".sync.tmp")
    # the file rewritten with its first two lines swapped, delivered by rename: not a catch-up
    # (a compaction that keeps the order is one: tests/test_cache_catchup.py), so a rebuild
    tmp.write_bytes(b"".join([lines[1], lines[0], *lines[2:]]))
    other.unlink()
    tmp.rename(other)
    kept = (home / "state" / "greeting.json").read_bytes()
    shown = lines_of(run("greet").stdout)
    why = [] if private else ["Your why: I want to be there for my kids."]
    assert shown == [*why, words.GREET_GETTING_READY]
    assert (home / "state" / "greeting.json").read_bytes() == kept  # nothing new kept


def test_a_short_journal_is_built_by_greet_itself(run, home):
    fill(run)
    from mindlog import cache

    cache.drop(locations())
    assert lines_of(run("greet").stdout)[0] == "Your why: I want to be there for my kids."
    assert (home / "state" / "cache.sqlite3").exists()


# -- import cost ---------------------------------------------------------------------------------


HEAVY = (
    "typer",
    "rich",
    "pydantic",
    "click",
    "platformdirs",
    "mindlog.store.eventlog",
    "mindlog.domain.journal",
    "socket",
)


def test_greet_stays_lean(run, home):
    fill(run)
    run("greet")  # works out today's greeting: from now on greet reads only that
    for args in (("greet",), ("greet", "--once"), ("shell-init", "bash")):
        modules = imports_of(home, *args)
        assert "mindlog.usecases.login" in modules
        heavy = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
        assert heavy == [], f"mindlog {' '.join(args)} imports {heavy}"


# -- shell-init ----------------------------------------------------------------------------------


@pytest.mark.parametrize("shell", login.SHELLS)
def test_shell_init_prints_guarded_lines(run, shell):
    text = run("shell-init", shell).stdout
    assert "mindlog greet --once" in text
    assert ("command -q mindlog" if shell == "fish" else "command -v mindlog") in text
    assert "alias" not in text
    assert "alias ml" in run("shell-init", shell, "--alias", "ml").stdout


def test_shell_init_refuses_what_it_does_not_know(run):
    run("shell-init", "tcsh", code=2)
    run("shell-init", "bash", "--alias", "x;rm", code=2)


def test_the_readme_shows_the_startup_lines():
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    for line in login.STARTUP_LINES.values():
        assert line in readme


def test_when_the_marker_cannot_be_written_it_greets_and_says_so(run, home):
    fill(run)
    run("greet")
    for child in (home / "state").iterdir():
        child.unlink()
    (home / "state").rmdir()
    (home / "state").write_text("a file where the state folder should be")
    result = run("greet", "--once")
    assert len(lines_of(result.stdout)) == 5
    assert len(lines_of(result.stderr)) == 1
    assert "cannot remember" in result.stderr


def test_logging_a_win_stays_lean(home):
    modules = imports_of(home, "win", "x", "-q")
    heavy = {
        "typer",
        "click",
        "rich",
        "pydantic",
        "socket",
        "mindlog.cli.main",
        "mindlog.cli.app",
        "mindlog.domain.streaks",
    }
    assert not heavy & modules
    assert "mindlog.cli.quick" in modules


def test_shell_init_imports_next_to_nothing(home):
    modules = imports_of(home, "shell-init", "zsh")
    assert not {"pathlib", "datetime", "mindlog.store.config", "mindlog.cache"} & modules


def test_a_terminal_that_cannot_show_every_character_still_gets_the_greeting(home, monkeypatch):
    import io

    from mindlog.cli.app import Session
    from mindlog.domain.journal import add_event as add

    session = Session()
    session.write([add("commitment", TODAY, session.at, "Für meine Kinder 🌱")])
    buffer = io.BytesIO()
    ascii_out = io.TextIOWrapper(buffer, encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", ascii_out)
    assert login.greet(once=True) == 0
    ascii_out.flush()
    shown = buffer.getvalue().decode("ascii")
    assert "Your why: F\\xfcr meine Kinder \\U0001f331" in shown
    assert (home / "state" / "greeted-2026-11-28").exists()


def test_the_full_command_line_for_win_still_does_not_import_rich(home):
    modules = imports_of(home, "win", "x", "-tmeaning")  # a form only Typer parses
    assert "typer" in modules
    assert not any(m == "rich" or m.startswith("rich.") for m in modules)
