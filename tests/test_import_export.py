"""Export and import: round trips, the real jrnl fixture, bad files, Markdown for a session."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import stored
from mindlog.domain.model import Entry
from mindlog.formats import csvfile, export, importer, markdown, mdtext

FIXTURES = Path(__file__).parent / "fixtures"
JRNL = FIXTURES / "jrnl-4.6-export.json"


@pytest.fixture
def berlin():
    """Local time is Europe/Berlin for the test (jrnl times are read as local time)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def fill(run):
    run("commit", "Because my kids deserve me well.\nAnd so do I.")
    run("win", "Called my sister", "-t", "meaning", "-t", "choice", "-q")
    run("win", "Walked | 10 min", "-t", "progress", "-q", "--date", "2026-11-20")
    run("win", "# not a heading\n> not a quote", "-q", "--date", "2026-11-19")
    run("morning", "--done", "water", "--date", "2026-11-27")
    run("morning", "--all")


# -- round trips --------------------------------------------------------------------------------


def test_export_then_import_into_an_empty_home_gives_the_same_entries(run, tmp_path, monkeypatch):
    fill(run)
    before = [e.to_json() for e in stored().entries]
    target = tmp_path / "backup.json"
    run("export", "--format", "json", "-o", str(target))
    monkeypatch.setenv("MINDLOG_HOME", str(tmp_path / "elsewhere"))
    assert stored().entries == []
    result = run("import", str(target))
    assert "Read 6 entries: 6 added, 0 already in your journal" in result.stdout
    assert [e.to_json() for e in stored().entries] == before
    again = run("import", str(target), "--from", "mindlog")
    assert "0 added, 6 already" in again.stdout
    assert len(stored().entries) == 6


def test_list_json_output_can_be_imported_too(run, tmp_path, monkeypatch):
    fill(run)
    target = tmp_path / "list.json"
    target.write_text(run("list", "--json").stdout)
    monkeypatch.setenv("MINDLOG_HOME", str(tmp_path / "elsewhere"))
    run("import", str(target))
    assert len(stored().entries) == 6


texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200
).filter(lambda t: t.strip())


@given(st.lists(texts, min_size=1, max_size=5))
@settings(max_examples=60, deadline=None)
def test_any_text_survives_export_and_import(items):
    entries = [
        Entry(f"{n:012x}", "win", "2026-11-28", "2026-11-28T10:00:00+01:00", text, ["meaning"], {})
        for n, text in enumerate(items)
    ]
    document = export.to_json(entries)
    back = importer.entries_from(importer.load(document.encode("utf-8")), None)
    assert back == entries
    rows = list(csv.reader(io.StringIO(csvfile.to_csv(entries, raw=True), newline="")))
    assert [r[4] for r in rows[1:]] == items
    safe = list(csv.reader(io.StringIO(csvfile.to_csv(entries), newline="")))
    for cell, text in zip([r[4] for r in safe[1:]], items, strict=True):
        assert cell == ("'" + text if text[0] in "=+-@\t\r" else text)


@given(texts)
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_text_round_trips_through_the_command_line(run, tmp_path, text):
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    os.environ["MINDLOG_HOME"] = str(folder / "a")
    run("win", "-q", input=text)
    written = [e.to_json() for e in stored().entries]
    target = folder / "out.json"
    run("export", "--format", "json", "-o", str(target), "--force")
    os.environ["MINDLOG_HOME"] = str(folder / "b")
    run("import", str(target))
    assert [e.to_json() for e in stored().entries] == written


# -- jrnl ---------------------------------------------------------------------------------------


def test_the_jrnl_fixture_is_imported_with_every_field(run, berlin):
    result = run("import", str(JRNL))
    assert "Read 6 entries: 6 added, 0 already in your journal" in result.stdout
    entries = stored().entries
    assert [e.kind for e in entries] == ["journal"] * 6
    got = [(e.day, e.at, e.text, e.tags) for e in entries]
    assert got == [
        (
            "2026-10-02",
            "2026-10-02T07:45:00+02:00",
            "Made my bed and opened the curtains.\nSmall, but it set the tone. @morning",
            ["morning"],
        ),
        (
            "2026-10-02",
            "2026-10-02T21:10:00+02:00",
            "Called my sister even though I was nervous.\nShe was glad I did. #win #relationships",
            ["win", "relationships"],
        ),
        (
            "2026-10-05",
            "2026-10-05T12:00:00+02:00",
            "Went to therapy. Talked about the setback last week without beating myself up.",
            ["starred"],
        ),
        (
            "2026-10-09",
            "2026-10-09T08:30:00+02:00",
            "Hard day.\nDidn't want to get up. Got up anyway and drank water. #win",
            ["win"],
        ),
        (
            "2026-10-12",
            "2026-10-12T22:00:00+02:00",
            "Reasons I keep going.\nLine one: for my kids.\nLine two: because I am worth it. "
            "\u00dcn\u00efc\u00f6d\u00e9 \u2014 ok \U0001f331",
            [],
        ),
        (
            "2026-10-20",
            "2026-10-20T09:00:00+02:00",
            "Walked around the block for 10 minutes #win #progress",
            ["win", "progress"],
        ),
    ]
    assert all(e.fields == {"source": "jrnl"} for e in entries)
    assert len({e.id for e in entries}) == 6
    again = run("import", str(JRNL), "--from", "jrnl")
    assert "0 added, 6 already in your journal" in again.stdout
    assert len(stored().entries) == 6
    # jrnl entries are found and exported like any other
    assert len(json.loads(run("list", "--kind", "journal", "--tag", "win", "--json").stdout)) == 3
    assert "Reasons I keep going." in run("export", "--since", "2026-10-01").stdout


def test_a_plain_jrnl_journal_file_gives_the_same_entries_as_its_export(run, berlin):
    result = run("import", str(FIXTURES / "jrnl-4.6-journal.txt"))
    assert "Read 6 entries: 6 added" in result.stdout
    from_text = [e.to_json() for e in stored().entries]
    assert "0 added, 6 already" in run("import", str(JRNL)).stdout
    assert [e.to_json() for e in stored().entries] == from_text
    assert stored().entries[2].tags == ["starred"]


def test_jrnl_ids_are_stable_and_winter_time_keeps_its_offset(berlin):
    item = {
        "title": "Late thoughts.",
        "body": "",
        "date": "2026-12-03",
        "time": "01:30",
        "tags": [],
        "starred": False,
    }
    (first,) = importer.from_jrnl({"entries": [item]})
    (second,) = importer.from_jrnl({"entries": [dict(item)]})
    assert first.id == second.id == importer.jrnl_id(item)
    assert first.at == "2026-12-03T01:30:00+01:00"
    assert (
        first.day == "2026-12-02"
    )  # before the day starts at 04:00: the day before, as in mindlog
    changed = importer.jrnl_id(item | {"body": "more"})
    assert changed != first.id


def test_jrnl_day_follows_the_day_start_setting(run, tmp_path, berlin):
    late = {
        "entries": [
            {
                "title": "Could not sleep.",
                "body": "",
                "date": "2026-11-20",
                "time": "01:30",
                "tags": [],
                "starred": False,
            }
        ],
        "tags": {},
    }
    path = tmp_path / "late.json"
    path.write_text(json.dumps(late))
    run("config", "day_starts_at", "00:00")
    run("import", str(path))
    (entry,) = stored().entries
    assert (entry.day, entry.at) == ("2026-11-20", "2026-11-20T01:30:00+01:00")


def test_removed_entries_are_not_brought_back_by_an_import(run, berlin):
    run("import", str(JRNL))
    gone = stored().entries[0].id
    run("delete", gone, "--yes")
    result = run("import", str(JRNL))
    assert "0 added, 6 already" in result.stdout and "mindlog list --removed" in result.stdout
    assert gone in {e.id for e in stored().removed}


def test_an_entry_forgotten_for_good_is_not_brought_back_by_an_import(run, berlin):
    """After ``doctor --compact`` forgot a removed entry, importing the file that holds it again
    adds nothing: the cache knows the ids it forgot (its ``known``), as a full reading does."""
    run("import", str(JRNL))
    gone = stored().entries[0].id
    run("delete", gone, "--yes")
    run("doctor", "--compact", "--yes", code=None)
    assert gone in stored().forgotten
    run("list")  # the cache, built again after the compaction
    result = run("import", str(JRNL))
    assert "0 added, 6 already" in result.stdout
    assert gone not in {e.id for e in stored().entries + stored().removed}


# -- bad files ----------------------------------------------------------------------------------


def bad(run, tmp_path, data: bytes, *args):
    path = tmp_path / "bad.json"
    path.write_bytes(data)
    result = run("import", str(path), *args, code=1)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert stored().entries == []
    return result.stderr


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"hello, this is not json", "not JSON"),
        (b'{"entries": [', "not JSON"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (b'"just a string"', "neither a mindlog nor a jrnl export"),
        (b'{"something": 1}', "neither a mindlog nor a jrnl export"),
        (b'{"mindlog_export": 2, "entries": []}', "newer version of mindlog"),
        (b'{"mindlog_export": 1, "entries": {}}', "no list of entries"),
        (b'[{"id": "a", "kind": "win"}]', "entry 1 of the file"),
        (
            b'[{"id": "a", "kind": "win", "day": "2026-11-28", "at": "2026-11-28T10:00:00+01:00", '
            b'"tags": ["two words"]}]',
            "a tag that is not one word",
        ),
        (
            b'{"entries": [{"title": "x", "date": "2026-13-01", "time": "07:00"}]}',
            "entry 1 of the file",
        ),
        (b'[{"id": "a", "kind": "win", "day": "2026-11-28", "at": "10:00"}]', "ISO 8601 time"),
        (
            b'[{"id": "a", "kind": "win", "day": "2026-11-28", "at": "2026-11-28T10:00:00"}]',
            "UTC offset",
        ),
    ],
)
def test_bad_files_import_nothing(run, tmp_path, data, words):
    assert words in bad(run, tmp_path, data)


def test_one_bad_entry_among_good_ones_imports_nothing(run, tmp_path):
    good = {
        "id": "a1",
        "kind": "win",
        "day": "2026-11-28",
        "at": "2026-11-28T10:00:00+01:00",
        "text": "ok",
        "tags": [],
    }
    data = {
        "mindlog_export": 1,
        "entries": [good, good | {"id": "a2"}, good | {"id": "a3", "tags": "x"}],
    }
    assert "entry 3 of the file" in bad(run, tmp_path, json.dumps(data).encode())


def test_a_huge_file_is_refused_without_reading_it(run, tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(importer.MAX_BYTES + 1)
    result = run("import", str(path), code=1)
    assert "larger than 50 MB" in result.stderr
    assert stored().entries == []


def test_the_wrong_source_is_named(run, tmp_path):
    assert "looks like a jrnl export" in bad(run, tmp_path, JRNL.read_bytes(), "--from", "mindlog")


def test_a_missing_file_is_one_line(run, tmp_path):
    result = run("import", str(tmp_path / "nope.json"), code=1)
    assert "nope.json" in result.stderr and len(result.stderr.strip().splitlines()) == 1


# -- export -------------------------------------------------------------------------------------


def test_export_to_a_file_is_private_and_never_overwrites_by_surprise(run, tmp_path):
    fill(run)
    target = tmp_path / "session.md"
    assert "Wrote 6 entries" in run("export", "-o", str(target)).stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("# My mindlog")
    target.write_text("mine")
    result = run("export", "-o", str(target), code=1)
    assert "--force" in result.stderr and target.read_text() == "mine"
    run("export", "-o", str(target), "--force", "--format", "csv")
    assert target.read_text().startswith("id,kind,day,at,text,tags,fields")
    run("export", "-o", str(tmp_path), code=1)  # a folder


def test_export_json_shape_and_span(run):
    fill(run)
    data = json.loads(
        run("export", "--format", "json", "--since", "2026-11-20", "--until", "2026-11-27").stdout
    )
    assert set(data) == {"mindlog_export", "entries"} and data["mindlog_export"] == 1
    assert sorted(e["day"] for e in data["entries"]) == ["2026-11-20", "2026-11-27"]


def test_export_csv_has_a_header_and_one_entry_a_row(run):
    fill(run)
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout, newline="")))
    assert len(rows) == 6
    mornings = [r for r in rows if r["kind"] == "morning"]
    assert json.loads(mornings[0]["fields"])["done"] == ["Drink a glass of water"]
    wins = {r["text"]: r for r in rows if r["kind"] == "win"}
    assert wins["Called my sister"]["tags"] == "meaning choice"
    assert "# not a heading\n> not a quote" in wins


def test_markdown_for_a_therapy_session(run):
    fill(run)
    run("import", str(JRNL))
    checkin = {
        "mindlog_export": 1,
        "entries": [
            {
                "id": "c1",
                "kind": "checkin",
                "day": "2026-11-26",
                "at": "2026-11-26T20:00:00+01:00",
                "text": "Tired but ok",
                "tags": [],
                "mood": 3,
                "energy": 2,
                "sleep": None,
            }
        ],
    }
    path = Path(os.environ["MINDLOG_HOME"]) / "c.json"
    path.write_text(json.dumps(checkin))
    run("import", str(path))
    md = run("export", "--since", "2026-11-01").stdout
    assert md.startswith("# My mindlog\n")
    assert "Sunday 1 November 2026 to Saturday 28 November 2026" in md
    assert "> Because my kids deserve me well.\n> And so do I." in md
    assert "### Meaning (1)" in md and "### Choice (1)" in md and "### Progress (1)" in md
    assert "## How the morning routine went" in md
    assert "| Drink a glass of water | 2 of 2 |" in md
    assert "| Five minutes of movement | 1 of 2 |" in md
    assert "## Check-ins" in md and "| Thu 26 Nov 2026 | 20:00 | 3 | 2 | – | Tired but ok |" in md
    assert "### Week of Monday 23 November 2026" in md and "**Saturday 28 November 2026**" in md
    assert "win — # not a heading\n  &gt; not a quote" in md  # the person's lines stay text
    assert "Walked \\| 10 min" not in md.split("## Week by week")[1]  # only table cells escape |
    assert "Made my bed" not in md  # October is outside the span


def test_markdown_of_an_empty_period(run):
    md = run("export", "--since", "7d").stdout
    assert "No entries in this period." in md and "_Not written yet._" in md


def test_markdown_text_is_made_safe():
    entry = Entry(
        "x1", "win", "2026-11-28", "2026-11-28T10:00:00+01:00", "evil \x1b[2J\n1. list", [], {}
    )
    md = markdown.to_markdown([entry], None, date(2026, 11, 28))
    assert "\x1b" not in md and "\\x1b[2J" in md and "1\\. list" in md


@given(
    st.text(st.sampled_from("![&<>\n\t\r\x1b\x85\u202e\u2028 a`") | st.characters(), max_size=30),
    st.booleans(),
)
@example("an image ![x](y)", True)
@example("an image ![x](y)", False)
@example("a line\u2028 and a tab\t", False)
def test_inert_text_is_escaped_step_by_step_whatever_it_holds(text, newlines):
    # mdtext.inert skips the steps for text that needs none: the result is the same
    from mindlog.domain.safe import visible

    shown = visible(text, newlines=newlines)
    shown = shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert mdtext.inert(text, newlines=newlines) == shown.replace("![", "!\\[")


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["2026-11-02", "2026-11-09", "2026-11-10", "0001-01-01", "not a day"]),
            st.sampled_from(["win", "morning", "journal"]),
            st.text(alphabet="ab#>1.!&<[\n\r `", max_size=12),
            st.lists(st.sampled_from(["meaning", "walk", "`x`"]), max_size=2),
        ),
        max_size=30,
    ),
    st.integers(1, 3),
)
def test_markdown_written_in_parts_is_the_same_document(items, weeks):
    entries = [
        Entry(f"e{n}", kind, day, f"{day}T08:0{n % 10}:00+01:00", text or None, tags, {})
        for n, (day, kind, text, tags) in enumerate(items)
    ]
    today = date(2026, 11, 28)
    whole = markdown.to_markdown(entries, None, today)
    before = markdown.WEEKS_A_PART
    markdown.WEEKS_A_PART = weeks  # a part every week or few: the same document
    try:
        parts = list(markdown.markdown_parts(entries, None, today))
    finally:
        markdown.WEEKS_A_PART = before
    assert "".join(parts) == whole
    assert whole.endswith("\n") if entries else whole.endswith("No entries in this period.\n")


def test_import_plan_counts_duplicates_inside_a_file():
    entry = Entry("a", "win", "2026-11-28", "2026-11-28T10:00:00+01:00", "x", [], {})
    plan = importer.plan([entry, entry], {})
    assert (plan.read, len(plan.new), plan.present) == (2, 1, 1)


def test_export_leaves_the_chosen_folder_as_it_is(run, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    run("win", "Called my sister", "-q")
    run("export", "-o", str(shared / "session.md"))
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE((shared / "session.md").stat().st_mode) == 0o600
    result = run("export", "-o", str(tmp_path / "nowhere" / "x.md"), code=1)
    assert "there is no folder" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_export_to_a_link_is_refused_and_with_force_replaces_the_link_only(run, tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    run("win", "Called my sister", "-q")
    result = run("export", "-o", str(link), code=1)
    assert result.stderr.count("\n") <= 2 and "is a link" in result.stderr
    assert link.is_symlink() and real.read_text() == "old"
    run("export", "-o", str(link), "--force")
    assert not link.is_symlink() and "Called my sister" in link.read_text()
    assert real.read_text() == "old"  # the file it pointed to is never touched


def test_import_reads_standard_input(run, berlin):
    result = run("import", "-", input=JRNL.read_bytes())
    assert "Read 6 entries: 6 added" in result.stdout
    assert len(stored().entries) == 6


CELLS = st.text(alphabet=st.sampled_from("ab ,\"\r\n\t\x1f\x00=+-@'é"), max_size=8)


@given(
    st.lists(
        st.tuples(
            CELLS.filter(bool),
            CELLS.filter(bool),
            st.none() | CELLS,
            st.lists(CELLS, max_size=3),
            st.dictionaries(CELLS, CELLS, max_size=2),
        ),
        max_size=5,
    ),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_csv_rows_are_the_csv_modules_own(rows, raw):
    """Rows with nothing to quote or make safe are joined by commas without the csv module:
    the same text it writes, cell for cell, whatever the cells hold."""
    entries = [
        Entry(entry_id, kind, "2026-11-28", "2026-11-28T10:00:00+01:00", text, tags, fields)
        for entry_id, kind, text, tags, fields in rows
    ]
    expected = io.StringIO()
    writer = csv.writer(expected)
    writer.writerow(csvfile.CSV_COLUMNS)
    for e in entries:
        extra = json.dumps(e.fields, ensure_ascii=False, sort_keys=True) if e.fields else ""
        row = [e.id, e.kind, e.day, e.at, e.text or "", " ".join(e.tags), extra]
        writer.writerow(row if raw else [csvfile.spreadsheet_safe(cell) for cell in row])
    assert csvfile.to_csv(entries, raw=raw) == expected.getvalue()
