"""`mindlog support`: the person's plan first, then where to find crisis help; always works."""

from __future__ import annotations

import json
import os
import stat
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import kept_plan, kept_settings, subprocess_env
from mindlog.domain import plan as plan_domain
from test_cli_surface import imports_of

NUMBERS = ("988", "116 123")
HELP_TITLE = "Where to find help right now"


def plan_file(home):
    return home / "support.json"


def set_country(home, value):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.json").write_text(json.dumps({"country": value}))


def test_no_country_points_to_findahelpline_and_shows_no_number(run):
    shown = run("support").stdout
    assert "https://findahelpline.com" in shown
    assert not any(number in shown for number in NUMBERS)
    assert "mindlog config country" in shown


@pytest.mark.parametrize(
    ("country", "number", "other"),
    [("US", "988", "116 123"), ("GB", "116 123", "988"), ("IE", "116 123", "988")],
)
def test_each_bundled_country_from_the_setting(run, home, country, number, other):
    set_country(home, country)
    shown = run("support").stdout
    assert number in shown
    assert "last verified 2026-11-28" in shown
    assert other not in shown
    assert "findahelpline" not in shown


@pytest.mark.parametrize(
    ("option", "number"), [("us", "988"), ("gb", "116 123"), ("UK", "116 123"), (" ie ", "116 123")]
)
def test_country_option_for_one_time(run, home, option, number):
    set_country(home, "DE")
    shown = run("support", "--country", option).stdout
    assert number in shown
    assert "call or text 988" in shown if number == "988" else "Samaritans" in shown
    assert kept_settings() == {"country": "DE"}  # taken into the journal, and kept
    assert json.loads((home / "config.json").read_text())["country"] == "DE"


def test_us_line_says_call_or_text(run):
    assert "call or text 988" in run("support", "--country", "US").stdout


@pytest.mark.parametrize("country", ["DE", "FR", "JP"])
def test_another_country_points_to_findahelpline(run, home, country):
    set_country(home, country)
    shown = run("support").stdout
    assert "https://findahelpline.com" in shown
    assert f"({country})" in shown
    assert not any(number in shown for number in NUMBERS)


def test_a_bad_country_still_shows_help_and_says_why(run):
    result = run("support", "--country", "Narnia", code=1)
    assert "https://findahelpline.com" in result.stdout
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_bad_country_setting_is_noted_and_help_still_shown(run, home):
    set_country(home, 42)
    result = run("support")
    assert "https://findahelpline.com" in result.stdout
    assert "country" in result.stderr


def test_damaged_journal_and_garbage_settings_do_not_stop_support(run, home):
    run("support", "add", "people", "Sam, 07700 900123")
    journal = home / "journal"
    journal.mkdir(parents=True, exist_ok=True)
    (journal / "a.jsonl").write_bytes(b"\x00\xff garbage {not json\n" * 5)
    (journal / "b.jsonl").write_bytes(os.urandom(300))
    (journal / "format.json").write_text("{{{")
    (home / "config.json").write_bytes(b"\xfe\xfegarbage")
    result = run("support")
    assert "Sam, 07700 900123" in result.stdout
    assert "https://findahelpline.com" in result.stdout
    assert "Traceback" not in result.output


def test_unreadable_settings_and_journal_do_not_stop_support(run, home, monkeypatch):
    home.mkdir(parents=True)
    (home / "config.json").mkdir()  # cannot be read as a file, whoever runs the tests
    (home / "journal").write_text("not a folder")
    monkeypatch.setenv("MINDLOG_NOW", "not a time")
    result = run("support", "--country", "GB")
    assert "116 123" in result.stdout


def test_support_works_in_a_fresh_process_with_a_damaged_home(home):
    import subprocess

    home.mkdir(parents=True)
    (home / "config.json").write_text("[1, 2")
    (home / "journal").mkdir()
    (home / "journal" / "x.jsonl").write_bytes(b"garbage\n")
    done = subprocess.run(
        [sys.executable, "-m", "mindlog", "support"],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "findahelpline" in done.stdout
    assert "Traceback" not in done.stderr


def test_support_on_a_terminal_that_cannot_show_the_words(run, home):
    import subprocess

    run("support", "add", "coping", "Café ☕ with Ana")
    done = subprocess.run(
        [sys.executable, "-m", "mindlog", "support", "--country", "GB"],
        env=subprocess_env(home, PYTHONIOENCODING="ascii"),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Caf\\xe9" in done.stdout and "116 123" in done.stdout


def test_support_does_not_import_rich(home):
    modules = imports_of(home, "support")
    assert not any(m == "rich" or m.startswith("rich.") for m in modules)


def test_empty_plan_gently_invites(run):
    shown = run("support").stdout
    assert "empty for now" in shown
    assert "mindlog support add" in shown
    assert "mindlog support --edit" in shown


def test_the_plan_comes_before_any_crisis_line(run):
    run("support", "add", "professionals", "Dr Okafor, 020 7946 0000")
    run("support", "add", "signs", "I stop answering messages")
    shown = run("support", "--country", "US").stdout
    lines = shown.splitlines()
    first_crisis = min(i for i, line in enumerate(lines) if HELP_TITLE in line or "988" in line)
    assert lines.index("Your support plan") < first_crisis
    assert (
        max(i for i, line in enumerate(lines) if "Dr Okafor" in line or "answering" in line)
        < first_crisis
    )
    # the plan follows the six steps in order
    assert shown.index("Warning signs") < shown.index("Professionals and services")


def test_add_keeps_the_plan_in_the_journal_privately(run, home):
    run("support", "add", "people", "Mum: 07700 900456")
    run("support", "add", "PROF", "GP surgery")
    plan = kept_plan()
    assert plan.sections["people"] == ["Mum: 07700 900456"]
    assert plan.sections["professionals"] == ["GP surgery"]
    # in the journal (so it syncs and is backed up with it), written privately
    assert not plan_file(home).exists()
    for path in (home / "journal").glob("*.jsonl"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_add_reads_piped_lines_as_items(run):
    run("support", "add", "coping", input="Walk round the block\n- Shower\n\n  * Music  \n")
    assert kept_plan().sections["coping"] == [
        "Walk round the block",
        "Shower",
        "Music",
    ]


@pytest.mark.parametrize(
    ("args", "message"), [(("nope", "x"), "not a section"), (("signs", "  "), "empty")]
)
def test_add_errors_are_one_line(run, args, message):
    result = run("support", "add", *args, code=1)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_remove_by_number(run):
    run("support", "add", "people", input="Sam\nAlex\n")
    assert "Sam" in run("support", "remove", "people", "1").stdout
    assert kept_plan().sections["people"] == ["Alex"]
    assert "not a line" in run("support", "remove", "people", "5", code=1).stderr


def test_a_damaged_plan_still_shows_help_in_one_line_and_is_kept(run, home):
    home.mkdir(parents=True)
    plan_file(home).write_bytes(b'{"sections": [oops')
    result = run("support", "--country", "IE")
    assert "116 123" in result.stdout
    problem = [line for line in result.stdout.splitlines() if "could not be read" in line]
    assert len(problem) == 1
    result = run("support", "add", "people", "Sam")  # kept in the journal, the file left alone
    assert "is damaged" in result.stderr
    assert kept_plan().sections["people"] == ["Sam"]
    assert plan_file(home).read_bytes() == b'{"sections": [oops'


def test_text_is_shown_literally_and_safely(run):
    run("support", "add", "coping", "[bold]tea[/] \x1b[31mred\x1b[0m")
    shown = run("support").stdout
    assert "\x1b" not in shown
    assert "[bold]tea[/]" in shown


# -- the whole plan as text ----------------------------------------------------------------------


def test_edit_from_piped_text_replaces_the_sections_it_names(run):
    run("support", "add", "safety", "Pills with Sam")
    run(
        "support",
        "--edit",
        input="[signs] Warning signs\n- Not sleeping\n# a comment\n[people]\nSam\n- Alex\n",
    )
    plan = kept_plan()
    assert plan.sections["signs"] == ["Not sleeping", "# a comment"]  # the person's own line
    assert plan.sections["people"] == ["Sam", "Alex"]
    assert plan.sections["safety"] == ["Pills with Sam"]  # its heading was absent: left as it was


def test_edit_refuses_unclear_text_and_changes_nothing(run):
    run("support", "add", "signs", "Not sleeping")
    result = run("support", "--edit", input="stray words\n[signs]\n- x\n", code=1)
    assert "'stray words' is not under a [section] heading" in result.stderr
    assert run("support", "--edit", input="[feelings]\n- x\n", code=1).stderr.count("\n") == 1
    assert kept_plan().sections["signs"] == ["Not sleeping"]


def test_text_round_trip():
    plan = plan_domain.Plan()
    plan.sections["people"] = ["Sam [my brother]", "# not a comment", "- dash"]
    plan.sections["safety"] = ["Keep the car keys with Alex"]
    assert plan_domain.from_text(plan_domain.to_text(plan)) == plan.sections


def test_edit_in_the_editor(run, home, monkeypatch, tmp_path):
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\n"
        "p = sys.argv[1]\n"
        "t = open(p).read()\n"
        "t = t.replace('[places] People and places that help me feel better\\n',"
        " '[places] People and places that help me feel better\\n- The library\\n')\n"
        "open(p, 'w').write(t)\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    run("support", "add", "people", "Sam")
    result = run("support", "--edit")
    assert "saved" in result.stdout
    plan = kept_plan()
    assert plan.sections["places"] == ["The library"]
    assert plan.sections["people"] == ["Sam"]
    assert not list((home / "state").glob("edit-*"))


def plan_items():
    line = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
    return st.lists(line.filter(lambda t: plan_domain.items_from(t) == [t]), max_size=5)


@given(st.fixed_dictionaries({key: plan_items() for key in plan_domain.SECTIONS}))
def test_any_plan_survives_the_editor_format(sections):
    plan = plan_domain.Plan(dict(sections))
    assert plan_domain.from_text(plan_domain.to_text(plan)) == sections  # plan -> text -> plan


def own_line():
    """A line a person may write under a heading: anything but a heading or mindlog's guidance."""
    line = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
    ours = plan_domain.guidance_lines()
    return line.filter(
        lambda t: (
            len(plan_domain.items_from(t)) == 1
            and t.strip() not in ours
            and not t.lstrip().startswith("[")
        )
    )


@given(
    st.sampled_from(list(plan_domain.SECTIONS)),
    st.lists(own_line(), min_size=1, max_size=6),
    st.sampled_from(["start", "end"]),
)
def test_every_line_the_person_writes_in_the_editor_is_kept(key, lines, where):
    text = plan_domain.to_text(plan_domain.Plan())
    heading = text.splitlines(keepends=True).index(f"[{key}] {plan_domain.SECTIONS[key][0]}\n")
    parts = text.splitlines(keepends=True)
    at = heading + 1 if where == "start" else heading + 2
    written = "".join([*parts[:at], *(line + "\n" for line in lines), *parts[at:]])
    kept = plan_domain.from_text(written)
    assert kept[key] == [item for line in lines for item in plan_domain.items_from(line)]
    assert all(not items for other, items in kept.items() if other != key)


def test_a_hash_line_in_the_editor_is_kept_and_saved(run, monkeypatch, tmp_path):
    """The README's example: ``#1 reason: my kids`` is one of the person's lines, never a comment."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\n"
        "p = sys.argv[1]\n"
        "t = open(p).read()\n"
        "t = t.replace('[reasons] My reasons for living\\n',"
        " '[reasons] My reasons for living\\n#1 reason: my kids\\n')\n"
        "open(p, 'w').write(t)\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    result = run("support", "--edit")
    assert "No changes" not in result.stdout and "saved" in result.stdout
    assert kept_plan().sections["reasons"] == ["#1 reason: my kids"]
    again = run("support", "--edit")  # opened again, the line is there: nothing new to save
    assert kept_plan().sections["reasons"][0] == "#1 reason: my kids"
    assert "saved" in again.stdout or "No changes" in again.stdout


def test_the_editor_opens_again_with_a_note_that_is_never_saved(run, monkeypatch, tmp_path):
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\n"
        "p = sys.argv[1]\n"
        "t = open(p).read()\n"
        "t = t.replace('stray words\\n', '') if 'To fix' in t else 'stray words\\n' + t\n"
        "open(p, 'w').write(t)\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    run("support", "add", "people", "Sam")
    result = run("support", "--edit", input="y\n")
    assert "not under a [section] heading" in result.stderr
    plan = kept_plan()
    assert plan.sections["people"] == ["Sam"]
    assert not any("To fix" in item for items in plan.sections.values() for item in items)


def test_edit_without_an_editor_walks_through_the_sections(run, monkeypatch):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    run("support", "add", "people", "Sam")
    # reasons, signs, coping, places, people, professionals, safety
    answers = "My niece\n\nNot sleeping\n\nTea\nMusic\n\n\nAlex\n\n\n\n"
    result = run("support", "--edit", input=answers)
    assert "already there: Sam" in result.stdout
    plan = kept_plan()
    assert plan.sections["reasons"] == ["My niece"]
    assert plan.sections["signs"] == ["Not sleeping"]
    assert plan.sections["coping"] == ["Tea", "Music"]
    assert plan.sections["people"] == ["Sam", "Alex"]


def test_ten_additions_at_once_all_land(home):
    import subprocess

    env = subprocess_env(home)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "mindlog", "support", "add", "people", f"friend {n}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(10)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    got = sorted(kept_plan().sections["people"])
    assert got == sorted(f"friend {n}" for n in range(10))
