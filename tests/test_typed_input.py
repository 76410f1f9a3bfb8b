"""What a person types: numbers are written with the digits 0 to 9; a name is one name in any
case and any Unicode form; the same practice added on two devices with different aims keeps both.

``str.isdigit()`` accepts ``²`` and ``①``, which ``int()`` refuses (a traceback), and ``int()``
reads ``٣`` and a full-width ``３`` as 3, which a person may not have meant. Every numeric option,
argument, answer and setting takes 0-9 only (mindlog.domain.typed.whole), with one clear line
otherwise; nothing is stored from a refused number.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import stored
from mindlog.domain import checkins, practices, typed
from mindlog.domain.journal import replay
from mindlog.domain.model import Entry
from sync_sim import Link, machines

# Characters Python calls digits or numbers that are not 0 to 9: superscript, circled, Arabic-
# Indic, full-width, Devanagari, mathematical bold, Roman numeral, a fraction.
OTHER_DIGITS = ["²", "①", "٣", "３", "३", "𝟑", "Ⅲ", "½"]


def entries_now() -> list[tuple[str, str, dict]]:
    return [(e.id, e.kind, dict(e.fields)) for e in stored().entries]


def kept_files(home) -> dict[str, bytes]:
    """Every file mindlog keeps for the person (the journal, settings, plan, boosts)."""
    return {
        p.relative_to(home).as_posix(): p.read_bytes()
        for p in home.rglob("*")
        if p.is_file() and not p.name.startswith(".") and "state" not in p.parts
    }


def one_line_refusal(result, code: int) -> None:
    assert result.exit_code == code, (result.exit_code, result.stderr, repr(result.exception))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mindlog: "), result.stderr
    assert "Traceback" not in result.output and "invalid literal" not in result.stderr


# -- the one reader of numbers -----------------------------------------------------------------


@pytest.mark.parametrize("char", OTHER_DIGITS)
def test_whole_takes_only_the_digits_zero_to_nine(char):
    assert typed.whole(char) is None
    assert typed.whole(f"1{char}") is None
    assert typed.other_digits(char) and "0 to 9" in typed.digits_hint(char)


@given(st.text(max_size=6))
def test_whole_is_int_of_ascii_digits_and_nothing_else(text):
    word = text.strip()
    ascii_number = bool(word) and all(c in "0123456789" for c in word)
    assert typed.whole(text) == (int(word) if ascii_number else None)


def test_whole_keeps_to_its_range_and_to_numbers_python_reads():
    assert typed.whole(" 3 ", 1, 5) == 3
    assert typed.whole("0", 1, 5) is None and typed.whole("6", 1, 5) is None
    assert typed.whole("+3") is None and typed.whole("-3") is None and typed.whole("3.0") is None
    assert typed.whole("1" * 5000) is None  # more digits than Python reads: not a traceback
    assert typed.whole("0" * 50 + "7") == 7


# -- every numeric option, argument and setting -----------------------------------------------


def _with_notes(run) -> None:
    run("bring-up", "A first thing to talk about")
    run("checkin", "scales", "add", "calm")
    run("practice", "add", "walk", "--per-week", "3")
    run("boost", "add", "A song")
    run("support", "add", "people", "Sam")


# (command line with X for the number, exit code of the refusal)
NUMERIC = [
    (["checkin", "--mood", "X"], 1),
    (["checkin", "--energy", "X"], 1),
    (["checkin", "--sleep", "X"], 1),
    (["checkin", "--scale", "calm=X"], 1),
    (["urge", "--strength", "X", "--passed"], 1),
    (["bring-up", "--done", "X"], 1),
    (["morning", "--done", "X"], 1),
    (["practice", "add", "swim", "--per-week", "X"], 2),
    (["practice", "rename", "walk", "walk", "--per-week", "X"], 2),
    (["list", "-n", "X"], 2),
    (["list", "--last=X"], 2),
    (["boost", "remove", "X"], 1),
    (["support", "remove", "people", "X"], 1),
    (["routine", "remove", "X"], 1),
    (["config", "unlock_minutes", "X"], 1),
    (["config", "day_starts_at", "0X:00"], 1),
    (["win", "A walk", "--date", "2026-11-2X"], 1),
    (["list", "--since", "2026-11-2X"], 1),
    (["list", "--since", "Xd"], 1),
]


@pytest.mark.parametrize("char", ["²", "①", "٣", "３"])
@pytest.mark.parametrize(
    ("args", "code"), NUMERIC, ids=lambda v: " ".join(v) if isinstance(v, list) else str(v)
)
def test_a_number_in_other_digits_is_one_clear_line_and_stores_nothing(run, home, args, code, char):
    _with_notes(run)
    before = entries_now()
    files = kept_files(home)
    result = run(*[a.replace("X", char) for a in args], code=None)
    one_line_refusal(result, code)
    if char != "½":
        assert "0 to 9" in result.stderr, result.stderr  # says why a digit was not taken
    assert entries_now() == before
    assert kept_files(home) == files


def test_the_same_numbers_in_ascii_digits_are_taken_and_stored(run, home):
    _with_notes(run)
    run("checkin", "--mood", "3", "--energy", " 4", "--sleep", "2", "--scale", "calm=5")
    (checkin,) = stored().of_kind("checkin")
    assert (checkin.fields["mood"], checkin.fields["energy"], checkin.fields["sleep"]) == (3, 4, 2)
    assert checkin.fields["scales"] == {"calm": 5}
    run("urge", "--strength", "0", "--acted")
    assert stored().of_kind("urge")[0].fields["strength"] == 0
    run("bring-up", "--done", "1")
    assert stored().of_kind("bringup")[0].fields["done"] is True
    run("morning", "--done", "2")
    assert stored().of_kind("morning")[0].fields["done"] == ["Drink a glass of water"]
    run("practice", "rename", "walk", "walk", "--per-week", "5")
    assert stored().of_kind("practicedef")[0].fields["per_week"] == 5
    assert len(run("list", "-n", "2").stdout.strip().splitlines()) == 2
    run("config", "unlock_minutes", "30")
    assert json.loads((home / "config.json").read_text())["unlock_minutes"] == "30"


@pytest.mark.parametrize("char", ["²", "①", "٣", "３"])
def test_answers_at_a_terminal_in_other_digits_are_asked_again(run, monkeypatch, char):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    result = run("checkin", input=f"{char}\n3\n\n\n\n")
    assert "0 to 9" in result.stderr and "Traceback" not in result.output
    (checkin,) = stored().of_kind("checkin")
    assert checkin.fields["mood"] == 3
    result = run("urge", input=f"scrolling\n{char}\n2\n\nn\n")
    assert "0 to 9" in result.stderr
    (urge,) = stored().of_kind("urge")
    assert urge.fields["strength"] == 2


@pytest.mark.parametrize("char", ["²", "①", "٣", "３"])
def test_piped_answers_in_other_digits_are_one_line_and_store_nothing(run, char):
    one_line_refusal(run("checkin", input=f"{char}\n\n\nnote\n", code=None), 1)
    one_line_refusal(run("urge", input=f"scrolling\n{char}\n\nn\n", code=None), 1)
    assert stored().entries == []


@pytest.mark.parametrize("char", ["²", "３"])
def test_the_fast_path_leaves_other_digits_to_typer(char, capsys):
    from mindlog.cli import quick

    assert quick.dispatch(["list", "-n", char]) is None
    assert quick.dispatch(["list", f"--last={char}"]) is None


def test_columns_in_other_digits_is_not_a_width(monkeypatch):
    import io

    from mindlog.render import out

    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    for told in ("²", "３"):
        monkeypatch.setenv("COLUMNS", told)
        assert out.columns(io.StringIO()) != 3


# -- names: one name in any case and any Unicode form -----------------------------------------

NFC = unicodedata.normalize("NFC", "Café")
NFD = unicodedata.normalize("NFD", "café")


def test_a_practice_typed_in_two_unicode_forms_is_one_practice(run):
    assert NFC != NFD
    run("practice", "add", NFC)
    one_line_refusal(run("practice", "add", NFD, code=None), 1)
    run("did", NFD)
    run("did", "CAFÉ", "--date", "yesterday")
    (definition,) = stored().of_kind("practicedef")
    assert definition.fields["name"] == NFC
    days = stored().of_kind("practice")
    assert [d.fields["practice_id"] for d in days] == [definition.id] * 2
    (figures,) = practices.figures(stored().entries, date(2026, 11, 28))
    assert figures.streak.total_days == 2


def test_a_practice_name_is_kept_in_nfc(run):
    run("practice", "add", "cre\u0300me")
    assert stored().of_kind("practicedef")[0].fields["name"] == "crème"


def test_practice_days_synced_in_another_form_belong_to_it():
    def entry(eid, kind, **fields):
        return Entry(eid, kind, "2026-11-27", "2026-11-27T10:00:00+00:00", None, [], fields)

    walk = entry("p1", "practicedef", name="Café", per_week=7)
    other_form = entry("d1", "practice", name=NFD.upper())  # no id: matched by its name
    (practice,) = practices.defined([walk])
    assert practices.belongs(other_form, practice, {"p1"})


def test_a_scale_typed_in_two_forms_and_cases_is_one_scale(run):
    run("checkin", "scales", "add", NFD)
    assert [n for _, n in checkins.own_scales(stored().entries)] == ["café"]
    assert "already" in run("checkin", "scales", "add", NFC.upper()).stdout
    run("checkin", "--scale", f"{NFC}=2")
    run("checkin", "--scale", f"{NFD.upper()}=4")
    assert [c.fields["scales"] for c in stored().of_kind("checkin")] == [{"café": 2}, {"café": 4}]
    one_line_refusal(run("checkin", "--scale", "Mood=²", code=None), 1)
    run("checkin", "--scale", "MOOD=3")
    assert stored().of_kind("checkin")[-1].fields["mood"] == 3
    run("checkin", "scales", "remove", NFC)
    assert checkins.own_scales(stored().entries) == []


def test_scale_values_synced_in_two_forms_are_one_column():
    def checkin(eid, key, value):
        fields = {"mood": None, "energy": None, "sleep": None, "scales": {key: value}}
        return Entry(eid, "checkin", "2026-11-27", "2026-11-27T10:00:00+00:00", None, [], fields)

    found = [checkin("c1", "café", 2), checkin("c2", NFD, 4)]
    assert checkins.day_scales(found) == [*checkins.SCALES, "café"]
    assert checkins.mean_of(found, ["café"]) == {"café": 3.0}
    trend = checkins.trend(found, date(2026, 11, 28))
    assert trend.scales == (*checkins.SCALES, "café")


def test_scales_added_on_two_devices_in_two_forms_are_removed_together(tmp_path):
    a, b = machines(tmp_path, "a", "b")
    link = Link(a, b)
    a.run("checkin", "scales", "add", NFC)
    b.run("checkin", "scales", "add", NFD)
    link.sync()
    assert [n for _, n in checkins.own_scales(a.journal().entries)] == ["café"]
    a.run("checkin", "scales", "remove", "CAFÉ")
    assert checkins.own_scales(a.journal().entries) == []
    assert "No scales of your own yet" in a.run("checkin", "scales").stdout


# -- one practice, two devices, two aims -------------------------------------------------------


def _two_aims(tmp_path):
    a, b = machines(tmp_path, "a", "b")
    link = Link(a, b)
    a.run("practice", "add", "walk", "--per-week", "3")
    b.tick(minutes=1)
    b.run("practice", "add", "Walk", "--per-week", "5")
    b.run("did", "walk")
    link.sync()
    return a, b, link


def test_the_same_practice_added_on_two_devices_with_two_aims_shows_both(tmp_path):
    a, b, _ = _two_aims(tmp_path)
    for m in (a, b):
        (practice,) = practices.defined(m.journal().entries)
        assert (practice.name, practice.per_week, practice.targets) == ("walk", 3, (3, 5))
        listed = m.run("practice", "list").stdout
        assert (
            "3 a week and 5 a week" in listed and "practice rename walk walk --per-week" in listed
        )
        assert "3 a week and 5 a week" in m.run("streaks").stdout
        (shown,) = json.loads(m.run("practice", "list", "--json").stdout)
        assert shown["targets"] == [3, 5] and shown["per_week"] == 3
        streaks = json.loads(m.run("streaks", "--json").stdout)
        assert streaks["practices"][0]["targets"] == [3, 5]
    # the day b logged against its own definition stays a day of the practice
    (figures,) = practices.figures(a.journal().entries, date(2026, 11, 28))
    assert figures.done_today and figures.streak.total_days == 1
    a.run("did", "walk", "--date", "yesterday")
    exported = a.run("export", "--format", "md").stdout
    (counted,) = [line for line in exported.splitlines() if "done on" in line]
    assert "walk" in counted.lower() and "done on 2 days" in counted


def test_choosing_an_aim_settles_it_on_both_definitions(tmp_path):
    a, b, link = _two_aims(tmp_path)
    said = a.run("practice", "rename", "walk", "walk", "--per-week", "5").stdout
    assert "5 days a week" in said
    link.sync()
    definitions = b.journal().of_kind("practicedef")
    assert [d.fields["per_week"] for d in definitions] == [5, 5]
    (practice,) = practices.defined(b.journal().entries)
    assert (practice.per_week, practice.targets) == (5, ())
    assert "aims" not in b.run("practice", "list").stdout
    assert "targets" not in json.loads(b.run("practice", "list", "--json").stdout)[0]


def test_a_rename_and_a_removal_take_the_twin_along(tmp_path):
    a, b, link = _two_aims(tmp_path)
    a.run("practice", "rename", "walk", "evening walk")
    link.sync()
    (practice,) = practices.defined(b.journal().entries)
    assert practice.name == "evening walk" and practice.targets == (3, 5)
    assert {d.fields["name"] for d in b.journal().of_kind("practicedef")} == {"evening walk"}
    (figures,) = practices.figures(b.journal().entries, date(2026, 11, 28))
    assert figures.done_today  # b's day, logged against its own definition, came along
    b.run("practice", "remove", "evening")
    link.sync()
    assert practices.defined(a.journal().entries) == []
    assert a.journal().of_kind("practicedef") == []


def test_twins_with_the_same_aim_are_one_practice_without_a_choice():
    def definition(eid, name, written):
        fields = {"name": name, "per_week": 4}
        at = "2026-11-26T10:00:00+00:00"
        return Entry(eid, "practicedef", "2026-11-26", at, None, [], fields, written)

    (practice,) = practices.defined([definition("p2", NFD, 2), definition("p1", "café", 1)])
    assert (practice.id, practice.twins, practice.targets, practice.choice) == (
        "p1",
        ("p2",),
        (),
        False,
    )
    assert practices.choice_words(practice) is None


def test_replay_keeps_every_aim_until_one_is_chosen(tmp_path):
    a, _, _ = _two_aims(tmp_path)
    events = [e for e in a.read().events if e.get("op") == "add"]
    kinds = [e["entry"]["kind"] for e in events]
    assert kinds.count("practicedef") == 2
    aims = sorted(e["entry"]["per_week"] for e in events if e["entry"]["kind"] == "practicedef")
    assert aims == [3, 5]
    assert len(replay(a.read().events).of_kind("practicedef")) == 2  # both kept in the journal
