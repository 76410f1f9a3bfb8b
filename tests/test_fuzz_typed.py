"""Any number a person can type into any numeric option, and any form of a name, through the
command line: taken when it is a whole number written with 0-9 in range and stored exactly as
that number, else one clear line, nothing changed, never a traceback.

Hypothesis writes numbers from the digits 0-9 mixed with the characters Python also calls
digits or numbers (``²``, ``①``, ``٣``, full-width ``３``, Devanagari, mathematical bold, Roman
numerals, fractions), spaces of several kinds and signs, into every numeric option; and names
(practices, check-in scales) in Unicode NFC and NFD and in any case, which must each be one
name. CI runs 30 examples a test; MINDLOG_FUZZ_EXAMPLES=1000 searches longer.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mindlog.domain import checkins
from sync_sim import Machine

ASCII = "0123456789"
LOOK_ALIKES = "²³¹⁰①②⑤⑩٠١٢٣٥۳३৩３０𝟑𝟘Ⅲ½¾"
SPACES = " \t\u00a0\u3000"
SIGNS = "+-.,e"

numbers = (
    st.text(alphabet=ASCII + LOOK_ALIKES + SPACES + SIGNS, min_size=1, max_size=4)
    | st.text(alphabet=ASCII + LOOK_ALIKES, min_size=1, max_size=2)
    | st.integers(min_value=0, max_value=12).map(str)
    | st.sampled_from(["²", "①", "٣", "３", "1²", "３0", "٣ ", "0３"])
)

FUZZ = settings(
    max_examples=int(os.environ.get("MINDLOG_FUZZ_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def oracle(text: str, low: int, high: int | None) -> int | None:
    """What mindlog must take ``text`` as: the number written with 0-9, in range; else None."""
    word = text.strip()
    if not word or any(c not in ASCII for c in word):
        return None
    number = int(word)
    if number < low or (high is not None and number > high):
        return None
    return number


def last_field(m: Machine, kind: str, *path: str) -> object:
    found = m.journal().of_kind(kind)
    if not found:
        return None
    value: object = found[-1].fields
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def setting(m: Machine, key: str) -> object:
    path = m.home / "config.json"
    return json.loads(path.read_text()).get(key) if path.exists() else None


# name -> (the command line with the number, lowest, highest, what was stored, as a number)
Spec = tuple[Callable[[str], list[str]], int, "int | None", "Callable[[Machine], object] | None"]
OPTIONS: dict[str, Spec] = {
    "checkin --mood": (
        lambda x: ["checkin", f"--mood={x}"],
        1,
        5,
        lambda m: last_field(m, "checkin", "mood"),
    ),
    "checkin --energy": (
        lambda x: ["checkin", "--energy", x],
        1,
        5,
        lambda m: last_field(m, "checkin", "energy"),
    ),
    "checkin --sleep": (
        lambda x: ["checkin", "--sleep", x],
        1,
        5,
        lambda m: last_field(m, "checkin", "sleep"),
    ),
    "checkin --scale": (
        lambda x: ["checkin", "--scale", f"calm={x}"],
        1,
        5,
        lambda m: last_field(m, "checkin", "scales", "calm"),
    ),
    "urge --strength": (
        lambda x: ["urge", f"--strength={x}", "--acted"],
        0,
        5,
        lambda m: last_field(m, "urge", "strength"),
    ),
    "practice --per-week": (
        lambda x: ["practice", "rename", "walk", "walk", f"--per-week={x}"],
        1,
        7,
        lambda m: last_field(m, "practicedef", "per_week"),
    ),
    "config unlock_minutes": (
        lambda x: ["config", "unlock_minutes", "--", x],
        1,
        10080,
        lambda m: int(str(setting(m, "unlock_minutes"))) if setting(m, "unlock_minutes") else None,
    ),
    "list --last": (lambda x: ["list", f"--last={x}"], 1, None, None),
    "bring-up --done": (
        lambda x: ["bring-up", "--done", x],
        1,
        2,
        lambda m: sum(1 for e in m.journal().of_kind("bringup") if e.fields.get("done")),
    ),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-typed")
    m = Machine(root, "home", "fuzz-typed", datetime.fromisoformat("2026-11-28T10:00:00+01:00"))
    m.run("checkin", "scales", "add", "calm")
    m.run("practice", "add", "walk", "--per-week", "3")
    m.run("bring-up", "First thing")
    m.run("bring-up", "Second thing")
    m.run("win", "A win", "-q")
    return m.home


def _machine(template: Path) -> tuple[Path, Machine]:
    root = Path(tempfile.mkdtemp(prefix="mindlog-fuzz-typed-"))
    shutil.copytree(template, root / "home", symlinks=True)
    return root, Machine(
        root, "home", "fuzz-typed", datetime.fromisoformat("2026-11-28T11:00:00+01:00")
    )


def kept(m: Machine) -> dict[str, bytes]:
    return {
        p.relative_to(m.home).as_posix(): p.read_bytes()
        for p in m.home.rglob("*")
        if p.is_file() and not p.name.startswith(".") and "state" not in p.parts
    }


@FUZZ
@given(data=st.data())
def test_any_number_typed_into_any_numeric_option(template, data):
    name = data.draw(st.sampled_from(sorted(OPTIONS)), label="option")
    typed = data.draw(numbers, label="typed")
    build, low, high, stored = OPTIONS[name]
    root, m = _machine(template)
    try:
        files = kept(m)
        result = m.run(*build(typed), code=None)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert "Traceback" not in result.output
        wanted = oracle(typed, low, high)
        if wanted is None:
            assert result.exit_code in (1, 2), (result.exit_code, result.stdout)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("mindlog: "), result.stderr
            if any(c in LOOK_ALIKES for c in typed):
                assert "0 to 9" in lines[0], lines[0]
            assert kept(m) == files  # nothing changed
            return
        assert result.exit_code == 0, (result.exit_code, result.stderr)
        if stored is not None:
            got = stored(m)
            expected = 1 if name == "bring-up --done" else wanted
            assert got == expected and type(got) is int, (got, wanted)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@FUZZ
@given(data=st.data())
def test_any_number_answered_at_a_terminal_or_piped(template, data, monkeypatch):
    typed = data.draw(numbers, label="typed")
    at_terminal = data.draw(st.booleans(), label="at a terminal")
    root, m = _machine(template)
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: at_terminal)
    try:
        before = len(m.journal().of_kind("checkin"))
        # mood, then energy, sleep and calm skipped, then a note (at a terminal: "3" after a
        # refused answer, as a person would type it again)
        answers = f"{typed}\n3\n\n\n\nnote\n" if at_terminal else f"{typed}\n\n\n\nnote\n"
        result = m.run("checkin", input=answers, code=None)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        wanted = oracle(typed, 1, 5)
        after = m.journal().of_kind("checkin")
        if wanted is not None:
            assert result.exit_code == 0, result.stderr
            assert after[-1].fields["mood"] == wanted
        elif typed.strip() == "":
            assert result.exit_code == 0  # skipped
        elif at_terminal:
            assert result.exit_code == 0 and after[-1].fields["mood"] == 3  # asked again
        else:
            assert result.exit_code == 1 and len(after) == before
            assert len(result.stderr.strip().splitlines()) == 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


# -- names in any Unicode form and any case ---------------------------------------------------

PRACTICE_NAMES = [
    "café",
    "crème brûlée",
    "Ångström",
    "ñandú",
    "Zoë's walk",
    "naïve",
    "ṩlow",
    "Straße",
]
SCALE_NAMES = ["café", "ängstlich", "müde", "ñandú", "ḱey", "øre", "ǆemal", "señal"]
FORMS: dict[str, Callable[[str], str]] = {
    "NFC": lambda s: unicodedata.normalize("NFC", s),
    "NFD": lambda s: unicodedata.normalize("NFD", s),
    "NFD upper": lambda s: unicodedata.normalize("NFD", s.upper()),
    "NFC title": lambda s: unicodedata.normalize("NFC", s.title()),
    "lower with spaces": lambda s: f"  {s.lower()} ",
}
forms = st.sampled_from(sorted(FORMS))


@FUZZ
@given(base=st.sampled_from(PRACTICE_NAMES), a=forms, b=forms, c=forms)
def test_a_practice_in_any_form_and_case_is_one_practice(template, base, a, b, c):
    root, m = _machine(template)
    try:
        added = FORMS[a](base)
        m.run("practice", "add", added)
        (definition,) = [
            d for d in m.journal().of_kind("practicedef") if d.fields["name"] != "walk"
        ]
        assert definition.fields["name"] == unicodedata.normalize("NFC", added.strip())
        again = m.run("practice", "add", FORMS[b](base), code=1)
        assert len(again.stderr.strip().splitlines()) == 1
        assert len(m.journal().of_kind("practicedef")) == 2  # walk and this one
        m.run("did", FORMS[c](base))
        (day,) = m.journal().of_kind("practice")
        assert day.fields["practice_id"] == definition.id
    finally:
        shutil.rmtree(root, ignore_errors=True)


@FUZZ
@given(base=st.sampled_from(SCALE_NAMES), a=forms, b=forms, c=forms)
def test_a_scale_in_any_form_and_case_is_one_scale(template, base, a, b, c):
    root, m = _machine(template)
    try:
        m.run("checkin", "scales", "add", FORMS[a](base))
        mine = [n for _, n in checkins.own_scales(m.journal().entries) if n != "calm"]
        assert mine == [unicodedata.normalize("NFC", FORMS[a](base).strip()).lower()]
        assert "already" in m.run("checkin", "scales", "add", FORMS[b](base)).stdout
        m.run("checkin", "--scale", f"{FORMS[c](base).strip()}=4")
        (checkin,) = m.journal().of_kind("checkin")
        assert checkin.fields["scales"] == {mine[0]: 4}
        m.run("checkin", "scales", "remove", FORMS[b](base))
        assert [n for _, n in checkins.own_scales(m.journal().entries)] == ["calm"]
    finally:
        shutil.rmtree(root, ignore_errors=True)
