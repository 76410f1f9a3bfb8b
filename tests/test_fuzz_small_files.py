"""Fuzz: any JSON value in config.json, support.json, boosts.json or a file given to import ends
in exit code 0 or 1 and at most a line or two on stderr, never an uncaught exception."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mindlog.domain import plan
from mindlog.store import planfile
from mindlog.store.paths import locations
from mindlog.usecases import boosts

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(
        ["", "[/]", "[bold]", "05:00", "GB", "vim", "2026-11-28", "10:00", "\x1b[31m"]
    )
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
deep = st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n + "]" * n)


def write(path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")


def calm(result) -> None:
    """Exit 0 or 1; an exception only as the exit itself; no traceback printed."""
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


# -- settings ---------------------------------------------------------------------------------------

config_files = (
    st.fixed_dictionaries(
        {},
        optional={
            "editor": values,
            "day_starts_at": values,
            "country": values,
            "routine": values | st.lists(st.text(max_size=20), max_size=4),
            "other": values,
        },
    )
    | values
    | deep
)


@given(content=config_files)
@FUZZ
def test_any_settings_file(run, home, content):
    write(home / "config.json", content)
    for args in (
        ["config"],
        ["routine"],
        ["morning", "--all"],
        ["config", "country", "GB"],
        ["routine", "add", "Stretch"],
        ["support"],
        ["greet"],
    ):
        calm(run(*args, code=None))


# -- support plan and boosts ------------------------------------------------------------------------

support_files = (
    st.fixed_dictionaries(
        {},
        optional={
            "support_plan": values,
            "sections": st.dictionaries(
                st.sampled_from([*plan.SECTIONS, "other"]) | st.text(max_size=6),
                st.lists(st.text(max_size=30), max_size=3) | values,
                max_size=4,
            )
            | values,
        },
    )
    | values
    | deep
)


@given(content=support_files)
@FUZZ
def test_any_support_file(run, home, content):
    write(planfile.path_of(locations()), content)
    for args in (
        ["support"],
        ["support", "--country", "US"],
        ["support", "add", "people", "Sam"],
        ["support", "remove", "people", "1"],
    ):
        result = run(*args, code=None)
        calm(result)
        if args[-1] in ("support", "US"):
            assert "findahelpline.com" in result.stdout or "988" in result.stdout


boost_files = (
    st.fixed_dictionaries(
        {},
        optional={
            "boosts": values,
            "items": st.lists(st.text(max_size=30) | values, max_size=4) | values,
        },
    )
    | values
    | deep
)


@given(content=boost_files)
@FUZZ
def test_any_boosts_file(run, home, content):
    write(boosts.path_of(locations()), content)
    for args in (
        ["boost"],
        ["boost", "list"],
        ["boost", "add", "A song"],
        ["boost", "remove", "1"],
    ):
        calm(run(*args, code=None))


# -- import -----------------------------------------------------------------------------------------

days = st.sampled_from(["2026-11-28", "0001-01-01", "9999-12-31", "2026-02-30", "", "1899-12-31"])
clocks = st.sampled_from(["10:00", "00:00", "23:59", "24:00", "7:5", ""])
mindlog_entries = st.fixed_dictionaries(
    {
        "id": st.text(min_size=1, max_size=12) | values,
        "kind": st.sampled_from(["win", "morning", "checkin", "commitment"]) | values,
        "day": days | values,
        "at": st.sampled_from(
            ["2026-11-28T10:00:00+01:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:00-12:00"]
        )
        | values,
    },
    optional={
        "text": st.text(max_size=40) | values,
        "tags": values,
        "done": values,
        "mood": values,
    },
)
jrnl_entries = st.fixed_dictionaries(
    {},
    optional={
        "date": days | values,
        "time": clocks | values,
        "title": st.text(max_size=30) | values,
        "body": st.text(max_size=30) | values,
        "tags": values,
        "starred": values,
    },
)
import_files = (
    st.fixed_dictionaries(
        {"mindlog_export": st.just(1) | values, "entries": st.lists(mindlog_entries, max_size=3)}
    )
    | st.fixed_dictionaries(
        {"tags": values, "entries": st.lists(jrnl_entries | values, max_size=3) | values}
    )
    | st.lists(mindlog_entries | values, max_size=3)
    | values
    | deep
)


@given(content=import_files)
@FUZZ
def test_any_file_given_to_import(run, tmp_path, content):
    path = tmp_path / "import.json"
    write(path, content)
    for source in ([], ["--from", "jrnl"], ["--from", "mindlog"]):
        calm(run("import", str(path), *source, code=None))
    calm(run("list", code=None))


@given(lines=st.lists(st.tuples(days, clocks, st.text(max_size=30)), min_size=1, max_size=4))
@FUZZ
def test_any_jrnl_journal_file(run, tmp_path, lines):
    path = tmp_path / "journal.txt"
    path.write_text("".join(f"[{d} {c}] {t}\n" for d, c, t in lines), encoding="utf-8")
    calm(run("import", str(path), code=None))
