"""Importing another app's history (issue 24): Loop, Daylio, Day One and Bearable, from files laid
out as each app writes them, traps included; what is STORED is checked, not only what is said."""

from __future__ import annotations

import io
import json
import os
import time as clock
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import stored
from keys_fixtures import PASSPHRASE, SECRET
from mindlog.domain import practices, streaks
from mindlog.formats import bearable, daylio, sources
from mindlog.store import keys

HABITS_HEADER = (
    "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,"
    "Unit,Target Type,Target Value,Archived?\n"
)


@pytest.fixture(autouse=True)
def berlin():
    """Local time is Europe/Berlin (Daylio and Bearable times are read as local time)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    clock.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    clock.tzset()


def loop_zip(path: Path, walk_rows: str, habits: str | None = None) -> Path:
    """A Loop export as Loop writes it: Habits.csv, then a folder per habit."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "Habits.csv",
            HABITS_HEADER
            + (
                habits
                or "001,Walk,YES_NO,Did you walk today?,,3,7,#FF8F00,,,,false\n"
                '002,"Water, glasses",NUMERICAL,,,1,1,#00897B,glasses,AT_LEAST,8.0,false\n'
                "003,Guitar,YES_NO,,,1,1,#5E35B1,,,,true\n"
            ),
        )
        z.writestr("001 Walk/Checkmarks.csv", "Date,Value,Notes\n" + walk_rows)
        z.writestr("001 Walk/Scores.csv", "Date,Score\n2024-03-05,0.51\n")
        z.writestr(
            "002 Water glasses/Checkmarks.csv",
            "Date,Value,Notes\n2024-03-05,8000,\n2024-03-04,2500,thirsty\n2024-03-03,0,\n",
        )
        z.writestr("003 Guitar/Checkmarks.csv", "Date,Value,Notes\n2023-06-01,YES_MANUAL,\n")
    return path


WALK = (
    "2024-03-05,YES_MANUAL,by the river\n"
    "2024-03-04,SKIP,\n"
    "2024-03-03,YES_AUTO,\n"
    "2024-03-02,NO,tired today\n"
    "2024-03-01,YES_MANUAL,\n"
    "2024-02-30,YES_MANUAL,\n"
    "2024-02-28,UNKNOWN,\n"
)


def of_kind(kind: str):
    return [e for e in stored().entries if e.kind == kind]


def test_loop_habits_become_practices_with_their_days(run, tmp_path):
    result = run("import", str(loop_zip(tmp_path / "Loop.zip", WALK)))
    defs = {e.fields["name"]: e for e in of_kind("practicedef")}
    assert {n: e.fields["per_week"] for n, e in defs.items()} == {"Walk": 3, "Water, glasses": 7}
    walk = defs["Walk"]
    assert walk.day == "2024-02-28"  # since its first day in the file
    done = sorted((e.fields["name"], e.day, e.text) for e in of_kind("practice"))
    assert done == [
        ("Guitar", "2023-06-01", None),  # an archived habit's days are kept
        ("Walk", "2024-03-01", None),
        ("Walk", "2024-03-05", "by the river"),  # YES_MANUAL: done, its note kept
        ("Water, glasses", "2024-03-04", "2.5 glasses\nthirsty"),  # amount x 1000
        ("Water, glasses", "2024-03-05", "8 glasses"),
    ]
    ids = {d.id for d in defs.values()} | {e.id for e in stored().removed}
    assert all(e.fields["practice_id"] in ids for e in of_kind("practice"))
    (rest,) = of_kind("rest")  # SKIP: a rest day of Walk alone
    assert (rest.day, rest.fields["practice_id"]) == ("2024-03-04", walk.id)
    notes = [e.text for e in of_kind("journal")]
    assert notes == ["Walk: tired today"]  # a note on a day not done is kept
    # the archived habit: a removed practice, its day kept
    assert [e.fields["name"] for e in stored().removed] == ["Guitar"]
    assert "a row without a date" in result.stdout and "line 7" in result.stdout
    assert "a day Loop filled in itself" in result.stdout


def test_a_skipped_loop_day_rests_that_practice_only(run, tmp_path):
    rows = "2024-03-03,YES_MANUAL,\n2024-03-02,SKIP,\n2024-03-01,YES_MANUAL,\n"
    habits = "001,Stretch,YES_NO,,,1,1,#FF8F00,,,,false\n"
    run("import", str(loop_zip(tmp_path / "Loop.zip", rows, habits)))
    entries = stored().entries
    (figure,) = practices.figures(entries, date(2024, 3, 3))
    assert figure.streak.current == 3  # done, rest, done: one run carried across the rest
    assert streaks.practice_days(entries).rest == set()  # the built-in practices do not rest
    run("rest", "--date", "2024-03-02")  # a rest day of every practice can still be marked
    assert len(of_kind("rest")) == 2


def test_importing_loop_twice_adds_nothing_and_a_newer_export_adds_only_the_new(run, tmp_path):
    path = loop_zip(tmp_path / "Loop.zip", WALK)
    run("import", str(path))
    before = len(stored().entries) + len(stored().removed)
    again = run("import", str(path))
    assert "0 added" in again.stdout
    assert len(stored().entries) + len(stored().removed) == before
    newer = loop_zip(tmp_path / "Loop-new.zip", "2024-03-07,YES_MANUAL,\n" + WALK)
    result = run("import", str(newer))
    assert "1 added" in result.stdout
    assert [e.day for e in of_kind("practice") if e.fields["name"] == "Walk"][-1] == "2024-03-07"


def test_loop_days_join_a_practice_you_already_have(run, tmp_path):
    run("practice", "add", "walk", "--per-week", "4")
    run("import", str(loop_zip(tmp_path / "Loop.zip", WALK)))
    walks = [e for e in of_kind("practicedef") if e.fields["name"].lower() == "walk"]
    assert len(walks) == 1 and walks[0].fields["per_week"] == 4  # your aim is kept
    days = [e for e in of_kind("practice") if e.fields["practice_id"] == walks[0].id]
    assert len(days) == 2


def test_dry_run_says_what_would_come_in_and_writes_nothing(run, tmp_path, home):
    result = run("import", str(loop_zip(tmp_path / "Loop.zip", WALK)), "--dry-run")
    assert "2 days of Walk (Loop, 3 a week) → your practice Walk" in result.stdout
    assert "1 skipped day of Walk → rest days for Walk" in result.stdout
    assert "Nothing was written" in result.stdout
    assert stored().entries == []


def test_a_zip_that_is_no_export_is_one_line_and_adds_nothing(run, tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("photos/a.jpg", b"\xff\xd8")
    result = run("import", str(path), code=1)
    assert "neither Loop's nor Day One's" in result.stderr
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    assert "damaged zip" in run("import", str(tmp_path / "broken.zip"), code=1).stderr
    assert stored().entries == []


# -- Daylio ----------------------------------------------------------------------------------------

DAYLIO = (
    "full_date,date,weekday,time,mood,activities,note_title,note\n"
    '2024-03-05,5. März,Dienstag,20:39,irritable,"movies / tv | friends","",""\n'
    '2024-03-05,5. März,Dienstag,08:20,good,"","Morning","A <b>bright</b> start<br>tea &amp; toast"\n'
    '2024-03-05,5. März,Dienstag,08:20,ok,"","",""\n'
    '2024-03-04,4. März,Montag,01:30,rad,"walk","",""\n'
    "not a row at all\n"
)


def test_daylio_moods_become_check_ins_and_notes_journal_entries(run, tmp_path):
    path = tmp_path / "daylio_export_2024_03_05.csv"
    path.write_text(DAYLIO, encoding="utf-8")
    result = run("import", str(path))
    checkins = sorted((e.at[:16], e.fields["mood"], e.tags) for e in of_kind("checkin"))
    assert checkins == [
        ("2024-03-04T01:30", 5, ["walk"]),
        ("2024-03-05T08:20", 4, []),
    ]
    (rad,) = [e for e in of_kind("checkin") if e.fields["mood"] == 5]
    assert rad.day == "2024-03-03"  # 01:30 belongs to the day before (day_starts_at 04:00)
    assert rad.at.endswith("+01:00")  # local time, with its offset
    (note,) = of_kind("journal")
    assert note.text == "Morning\nA bright start\ntea & toast"  # HTML made plain
    assert "'irritable'" in result.stdout and "--mood-map" in result.stdout
    assert "an entry that has no full_date" in result.stdout
    # several labels may share a level: given, they come in; the rest is there already
    again = run("import", str(path), "--mood-map", "irritable=2,OK=3")
    assert "2 added" in again.stdout
    moods = sorted(e.fields["mood"] for e in of_kind("checkin"))
    assert moods == [2, 3, 4, 5]
    (irritable,) = [e for e in of_kind("checkin") if e.fields["mood"] == 2]
    assert irritable.tags == ["movies-tv", "friends"]


def test_an_older_tab_separated_daylio_export_with_12_hour_times(run, tmp_path):
    path = tmp_path / "daylio_export.csv"
    path.write_text(
        "year\tdate\tweekday\ttime\tmood\tactivities\tnote\n"
        "2018\t18 May\tFriday\t11:54 pm\tgood\tclean | cook\tWent to a party\n"
        "2018\tMay 17\tThursday\t12:05 am\tawful\t\t\n"
        "2018\t17 Mai\tDonnerstag\t9:00 am\tmeh\t\t\n",
        encoding="utf-8",
    )
    result = run("import", str(path))
    found = sorted((e.at[:16], e.fields["mood"]) for e in of_kind("checkin"))
    assert found == [("2018-05-17T00:05", 1), ("2018-05-18T23:54", 4)]
    assert [e.text for e in of_kind("journal")] == ["Went to a party"]
    assert "in words mindlog cannot read" in result.stdout  # "17 Mai": said, skipped


def test_daylio_activities_can_be_days_of_your_practice(run, tmp_path):
    run("practice", "add", "walk")
    path = tmp_path / "daylio.csv"
    path.write_text(DAYLIO, encoding="utf-8")
    run("import", str(path), "--practice", "Walk=walk")
    (day,) = of_kind("practice")
    assert (day.fields["name"], day.day) == ("walk", "2024-03-03")
    assert run("import", str(path), "--practice", "x=nothing", code=1).stderr


def test_a_newer_daylio_export_adds_only_the_new_entries(run, tmp_path):
    old = tmp_path / "old.csv"
    old.write_text(DAYLIO, encoding="utf-8")
    run("import", str(old))
    header, rest = DAYLIO.split("\n", 1)
    new = tmp_path / "new.csv"
    new.write_text(f'{header}\n2024-03-06,6. März,Mittwoch,09:00,meh,"","",""\n{rest}', "utf-8")
    assert "1 added" in run("import", str(new)).stdout
    assert len(of_kind("checkin")) == 3


def test_a_file_that_is_not_utf8_is_one_line(run, tmp_path):
    path = tmp_path / "daylio.csv"
    path.write_bytes(DAYLIO.encode("utf-8") + "2024-01-01,x,y,10:00,meh,café,,\n".encode("latin-1"))
    result = run("import", str(path), code=1)
    assert "not UTF-8" in result.stderr
    assert stored().entries == []  # nothing is written before the whole file was read


def test_imported_lines_are_sealed_when_the_journal_is_encrypted(
    run, tmp_path, home, monkeypatch, passfile, fast_keys
):
    monkeypatch.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
    run("encrypt")
    path = tmp_path / "daylio.csv"
    path.write_text(DAYLIO.replace("A <b>bright</b> start", SECRET), encoding="utf-8")
    run("import", str(path))
    raw = b"".join(p.read_bytes() for p in (home / "journal").glob("*.jsonl"))
    assert SECRET.encode() not in raw
    assert any(SECRET in (e.text or "") for e in stored().entries)
    assert PASSPHRASE


# -- Day One ---------------------------------------------------------------------------------------


def dayone_zip(path: Path, entries: list[dict]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Journal.json", json.dumps({"metadata": {"version": "1.0"}, "entries": entries}))
        z.writestr("photos/4c1d.jpeg", b"\xff\xd8")
    return path


DAYONE = [
    {
        "uuid": "A1B2C3D4E5F60718293A4B5C6D7E8F90",
        "creationDate": "2024-03-05T23:30:00Z",
        "timeZone": "America/New_York",
        "text": "Dinner at 6\\.30 \\- lovely\n\n![](dayone-moment://4C1D6A2B)\n",
        "tags": ["Family time", "#gratitude"],
        "starred": True,
        "photos": [{"identifier": "4C1D6A2B", "type": "jpeg"}],
        "location": {"placeName": "Home"},
    },
    {
        "uuid": "0F0E",
        "creationDate": "2024-03-06T02:15:00Z",
        "location": {"timeZoneName": "Asia/Tokyo", "placeName": "Shinjuku"},
        "text": "Morning in Tokyo",
    },
    {"uuid": "BAD", "creationDate": "yesterday", "text": "x"},
]


def test_day_one_entries_come_in_on_their_own_local_day(run, tmp_path):
    result = run("import", str(dayone_zip(tmp_path / "Export.zip", DAYONE)))
    found = {e.text.split("\n")[0]: e for e in of_kind("journal")}
    dinner = found["Dinner at 6.30 - lovely"]  # Day One's escapes read
    assert dinner.at == "2024-03-05T18:30:00-05:00"  # its own zone, not UTC or this computer's
    assert dinner.day == "2024-03-05"
    assert "(a photo in Day One, not copied)" in dinner.text
    assert dinner.tags == ["family-time", "gratitude", "starred"]
    tokyo = found["Morning in Tokyo"]
    assert (tokyo.day, tokyo.at) == ("2024-03-06", "2024-03-06T11:15:00+09:00")
    assert "creationDate" in result.stdout  # the damaged entry is said, and skipped
    assert "an entry's place (not brought in)" in result.stdout
    assert "0 added" in run("import", str(tmp_path / "Export.zip")).stdout


def test_a_day_one_json_on_its_own_is_read_too(run, tmp_path):
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps({"metadata": {"version": "1.0"}, "entries": DAYONE[1:2]}))
    assert "1 added" in run("import", str(path)).stdout


# -- Bearable --------------------------------------------------------------------------------------

BEARABLE = (
    "date,weekday,time of day,category,rating/amount,detail,notes\n"
    "22nd Jan 2022,Saturday,am,Mood,8,,Slept in\n"
    "22nd Jan 2022,Saturday,am,Energy,4,,\n"
    "22nd Jan 2022,Saturday,am,Symptom,6,Anxiety,\n"
    "22nd Jan 2022,Saturday,am,Factors,,Caffeine,\n"
    "22nd Jan 2022,Saturday,am,Medication,1,Sertraline 50mg,\n"
    "22nd Jan 2022,Saturday,18:45,Mood,3,,\n"
    "1st Feb 2022,Tuesday,mid,Sleep quality,10,,\n"
    "31st Feb 2022,Thursday,pm,Mood,5,,\n"
)


def test_bearable_readings_become_check_ins_on_the_scale_given(run, tmp_path):
    path = tmp_path / "bearable-export.csv"
    path.write_text(BEARABLE, encoding="utf-8")
    result = run("import", str(path), "--scale", "0-10")
    found = sorted((e.at[:16], e.fields.get("mood"), e.fields.get("energy"), e.fields.get("sleep"),
                    e.fields.get("scales"), e.tags, e.text) for e in of_kind("checkin"))  # fmt: skip
    assert found == [
        ("2022-01-22T09:00", 4, 3, None, {"Anxiety": 3}, ["caffeine"], "Slept in"),
        ("2022-01-22T18:45", 2, None, None, None, [], None),
        ("2022-02-01T14:00", None, None, 5, None, [], None),
    ]
    assert [e.fields["name"] for e in of_kind("scale")] == ["Anxiety"]
    assert "a Medication reading (mindlog has no place for it yet)" in result.stdout
    assert "31st Feb 2022" in result.stdout
    assert "0 added" in run("import", str(path), "--scale", "0-10").stdout


def test_bearable_without_a_scale_finds_it_and_says_so(run, tmp_path):
    path = tmp_path / "bearable.csv"
    path.write_text(BEARABLE, encoding="utf-8")
    result = run("import", str(path))
    assert "0-10 scale" in result.stdout
    assert run("import", str(path), "--scale", "ten", code=1).stderr


# -- pure parts ------------------------------------------------------------------------------------


@given(st.integers(0, 23), st.integers(0, 59))
def test_any_clock_time_is_read_in_24_and_12_hour_forms(hour, minute):
    assert sources.clock(f"{hour}:{minute:02d}") == time(hour, minute)
    half = "am" if hour < 12 else "PM"
    assert sources.clock(f"{(hour + 11) % 12 + 1}:{minute:02d} {half}") == time(hour, minute)


@given(st.dates(date(1900, 1, 1), date(2199, 12, 31)))
def test_any_bearable_date_is_read(day):
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day.day, "th")
    assert bearable.day_of(f"{day.day}{suffix} {day.strftime('%b')} {day.year}") == day


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200), st.text(max_size=40))
def test_any_daylio_note_and_activity_comes_in_whole_or_is_said(note, activity):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"]
    )
    writer.writerow(["2024-03-05", "x", "y", "10:00", "good", activity, "", note])
    tally = sources.Tally("daylio")
    options = sources.Options(zone=datetime.now().astimezone().tzinfo)
    found = list(daylio.read(io.StringIO(buffer.getvalue(), newline=""), options, tally))
    assert len(found) + sum(tally.left.values()) >= 1
    for entry in found:
        assert entry.to_json()  # every entry is one a synced line could hold
        for tag in entry.tags:
            assert tag and " " not in tag and len(tag) <= 40


def loop_backup(path: Path) -> Path:
    """Loop's full backup: its SQLite database, Habits and Repetitions (UTC midnights in ms)."""
    import sqlite3

    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE Habits (id integer primary key autoincrement, archived integer, "
        "color integer, description text, freq_den integer, freq_num integer, highlight integer, "
        "name text, position integer, reminder_hour integer, reminder_min integer, "
        "reminder_days integer not null default 127, type integer not null default 0, "
        "target_type integer not null default 0, target_value real not null default 0, "
        "unit text not null default '', question text, uuid text);"
        "CREATE TABLE Repetitions (id integer primary key autoincrement, "
        "habit integer not null references habits(id), timestamp integer not null, "
        "value integer not null, notes text);"
    )
    db.execute("INSERT INTO Habits VALUES (1,0,5,'',7,3,0,'Walk',0,NULL,NULL,127,0,0,0,'','',"
               "'0b6c1c6a4d1e4b0e9f1f0d2f3a4b5c6d')")  # fmt: skip

    def day(text: str) -> int:
        return (date.fromisoformat(text) - date(1970, 1, 1)).days * 86_400_000

    for rep, (when, value, notes) in enumerate(
        [
            ("2024-03-05", 2, "by the river"),
            ("2024-03-04", 3, None),
            ("2024-03-01", 2, ""),
            ("2024-03-06", 2, None),
        ],
        start=1,  # fmt: skip
    ):
        db.execute("INSERT INTO Repetitions VALUES (?,?,?,?,?)", (rep, 1, day(when), value, notes))
    db.commit()
    db.close()
    return path


def test_loops_full_backup_gives_the_same_days_as_its_csv_export(run, tmp_path):
    run("import", str(loop_zip(tmp_path / "Loop.zip", WALK)))
    result = run("import", str(loop_backup(tmp_path / "Loop Habits Backup 2024-03-06.db")))
    assert "1 added" in result.stdout  # only 2024-03-06 is new: the same ids either way
    walk = [e.day for e in of_kind("practice") if e.fields["name"] == "Walk"]
    assert walk == ["2024-03-01", "2024-03-05", "2024-03-06"]
    (tmp_path / "other.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert "not Loop's backup" in run("import", str(tmp_path / "other.db"), code=1).stderr


def daylio_backup(path: Path) -> Path:
    """Daylio's backup: a zip holding backup.daylio, base64 of its JSON (months from 0)."""
    import base64

    data = {
        "version": 15,
        "pin": 1234,
        "customMoods": [
            {"id": 1, "custom_name": "", "mood_group_id": 1, "predefined_name_id": 1},
            {"id": 2, "custom_name": "", "mood_group_id": 2, "predefined_name_id": 2},
            {"id": 3, "custom_name": "", "mood_group_id": 3, "predefined_name_id": 3},
            {"id": 6, "custom_name": "ok", "mood_group_id": 3, "predefined_name_id": -1},
            {"id": 7, "custom_name": "irritable", "mood_group_id": 4, "predefined_name_id": -1},
        ],
        "tags": [
            {"id": 179, "name": "movies / tv"},
            {"id": 180, "name": "friends"},
            {"id": 181, "name": "walk"},
        ],  # fmt: skip
        "dayEntries": [
            {
                "id": 1,
                "year": 2024,
                "month": 2,
                "day": 5,
                "hour": 20,
                "minute": 39,
                "mood": 7,
                "tags": [179, 180],
                "note": "",
                "note_title": "",
                "timeZoneOffset": 3600000,
            },
            {
                "id": 2,
                "year": 2024,
                "month": 2,
                "day": 5,
                "hour": 8,
                "minute": 20,
                "mood": 2,
                "tags": [],
                "note_title": "Morning",
                "note": "A <b>bright</b> start<br>tea &amp; toast",
                "timeZoneOffset": 3600000,
            },
            {
                "id": 3,
                "year": 2024,
                "month": 2,
                "day": 5,
                "hour": 8,
                "minute": 20,
                "mood": 6,
                "tags": [],
                "note": "",
                "note_title": "",
                "timeZoneOffset": 3600000,
            },
            {
                "id": 4,
                "year": 2024,
                "month": 2,
                "day": 4,
                "hour": 1,
                "minute": 30,
                "mood": 1,
                "tags": [181],
                "note": "",
                "note_title": "",
                "timeZoneOffset": 3600000,
            },
            {"id": 5, "year": 2024, "month": 1, "day": 30, "hour": 1, "minute": 30, "mood": 1},
        ],  # fmt: skip
    }
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("backup.daylio", base64.b64encode(json.dumps(data).encode()))
        z.writestr("assets/photos/2024/3/f64aecf7", b"\xff\xd8")
    return path


def test_daylios_backup_says_each_moods_level_and_matches_its_csv(run, tmp_path):
    csv_path = tmp_path / "daylio.csv"
    csv_path.write_text(DAYLIO, encoding="utf-8")
    run("import", str(csv_path))  # irritable and ok have no level in the CSV: left out
    result = run("import", str(daylio_backup(tmp_path / "backup_2024_03_05.daylio")))
    assert "2 added" in result.stdout  # the backup knows irritable (2) and ok (3)
    moods = sorted((e.at[:16], e.fields["mood"]) for e in of_kind("checkin"))
    assert moods == [
        ("2024-03-04T01:30", 5),
        ("2024-03-05T08:20", 3),
        ("2024-03-05T08:20", 4),
        ("2024-03-05T20:39", 2),
    ]
    assert len(of_kind("journal")) == 1  # the same note: the same id as from the CSV
    assert "no calendar has" in result.stdout  # 30 February
    assert "1234" not in json.dumps([e.to_json() for e in stored().entries])


# -- on a terminal: asked what the file does not say, and before anything is written ---------------


def test_on_a_terminal_unknown_moods_are_asked_and_nothing_is_written_without_a_yes(
    run, tmp_path, monkeypatch
):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    path = tmp_path / "daylio.csv"
    path.write_text(DAYLIO, encoding="utf-8")
    result = run("import", str(path), input="2\nx\n3\nn\n")  # irritable 2, ok: x then 3; no
    assert "irritable (1-5" in result.stderr and "A whole number from 1 to 5" in result.stdout
    assert "moods as levels: irritable 2 · good 4 · ok 3 · rad 5" in result.stdout
    assert "Nothing was written" in result.stdout
    assert stored().entries == []
    result = run("import", str(path), input="2\n\n\n")  # irritable 2, ok left out; Enter: yes
    assert sorted(e.fields["mood"] for e in of_kind("checkin")) == [2, 4, 5]


def test_on_a_terminal_bearables_scale_is_asked(run, tmp_path, monkeypatch):
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    path = tmp_path / "bearable.csv"
    path.write_text(BEARABLE, encoding="utf-8")
    result = run("import", str(path), input="1-10\ny\n")
    assert "Is it 0-10?" in result.stderr
    moods = sorted(e.fields["mood"] for e in of_kind("checkin") if "mood" in e.fields)
    assert moods == [2, 4]  # 3 and 8 on a 1-10 scale


def test_dry_run_works_for_mindlog_and_jrnl_exports_too(run, tmp_path):
    run("win", "a walk by the river")
    exported = run("export", "--format", "json").stdout
    run("delete", stored().entries[0].id, "--yes")
    path = tmp_path / "backup.json"
    path.write_text(exported, encoding="utf-8")
    result = run("import", str(path), "--dry-run")
    assert "Nothing was written (--dry-run)." in result.stdout
    assert stored().entries == []


@given(st.text(alphabet=st.characters(blacklist_characters="<&"), max_size=300))
def test_a_note_without_html_is_kept_as_written(text):
    assert sources.plain(text) == text.strip()


def test_html_notes_are_made_plain_and_words_in_angle_brackets_kept():
    assert sources.plain("<p>one</p><ul><li>a</li><li>b</li></ul>") == "one\n\n- a\n- b"
    assert sources.plain("A <b>bright</b> day, I want <something> now") == (
        "A bright day, I want <something> now"
    )
    assert sources.plain("<i>x</i> <script>alert(1)</script>") == "x <script>alert(1)</script>"


_CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["2024-03-05", "22nd Jan 2022", "am", "mid", "12:60", "25:00", "11:54 pm",
                     "rad", "Mood", "Symptom", "Factors", "9", "-1", "1e9", "<b>x</b>", ""]),
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(_CELL, max_size=9), max_size=6))
def test_no_daylio_or_bearable_row_ends_an_import_in_a_traceback(rows):
    import csv

    for header, reader in (
        (["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"],
         daylio.read),
        (["date", "weekday", "time of day", "category", "rating/amount", "detail", "notes"],
         bearable.read),
    ):  # fmt: skip
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        tally = sources.Tally("x")
        options = sources.Options(scale=(0, 10), zone=datetime.now().astimezone().tzinfo)
        for entry in reader(io.StringIO(buffer.getvalue(), newline=""), options, tally):
            assert entry.to_json()["day"]  # every entry checked as a synced line is


@settings(max_examples=60, deadline=None)
@given(
    st.text(max_size=300),
    st.lists(st.one_of(st.text(max_size=30), st.integers()), max_size=4),
    st.sampled_from(["Europe/Berlin", "Nowhere/Atlantis", "", "UTC", "Pacific/Kiritimati"]),
    st.datetimes(datetime(1900, 1, 2), datetime(2199, 12, 30)),
)
def test_any_day_one_entry_comes_in_on_its_local_day_or_is_said(text, tags, zone, moment):
    from mindlog.formats import dayone

    item = {"uuid": "U1", "creationDate": moment.isoformat() + "Z", "timeZone": zone,
            "text": text, "tags": tags, "starred": True}  # fmt: skip
    tally = sources.Tally("dayone")
    handle = io.BytesIO(json.dumps({"entries": [item]}).encode())
    found = list(dayone.read_json(handle, "Journal.json", sources.Options(), tally))
    assert len(found) + sum(tally.left.values()) >= 1
    for entry in found:
        assert "starred" in entry.tags
        assert datetime.fromisoformat(entry.at).utcoffset() is not None


def test_the_cache_answers_as_a_full_read_after_a_loop_import(run, tmp_path):
    from mindlog.usecases.session import Session

    rows = "2026-10-03,YES_MANUAL,\n2026-10-02,SKIP,\n2026-10-01,YES_MANUAL,\n"
    run("rest", "--date", "2026-09-20")
    run("import", str(loop_zip(tmp_path / "Loop.zip", rows)))
    cached = Session().view().practice_days(date(2026, 11, 28))
    full = streaks.practice_days(stored().entries)
    assert cached.rest == full.rest == {date(2026, 9, 20)}  # a Loop skip rests Walk alone


def test_a_day_one_export_zipped_again_in_its_folder_is_read(run, tmp_path):
    path = tmp_path / "again.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Export/Journal.json", json.dumps({"entries": DAYONE[:2]}))
        z.writestr("Export/photos/4c1d.json", "{}")  # never read as a journal
    assert "2 added" in run("import", str(path)).stdout


def test_a_loop_zip_damaged_inside_is_one_line_and_adds_nothing(run, tmp_path):
    path = tmp_path / "Loop.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Habits.csv", HABITS_HEADER + "001,Walk,YES_NO,,,1,1,#FF8F00,,,,false\n")
        z.writestr("001 Walk/Checkmarks.csv", "Date,Value,Notes\n" + WALK * 50)
    raw = bytearray(path.read_bytes())
    start = raw.index(b"001 Walk/Checkmarks.csv") + len("001 Walk/Checkmarks.csv") + 40
    for n in range(start, start + 30):
        raw[n] ^= 0x5A  # the habit's days, scrambled inside the zip
    path.write_bytes(bytes(raw))
    result = run("import", str(path), code=1)
    assert "damaged" in result.stderr and "Traceback" not in result.output
    assert stored().entries == []


def test_a_jrnl_export_through_a_pipe_is_still_read_whole(run, tmp_path):
    import contextlib
    import threading

    fifo = tmp_path / "jrnl.json"
    os.mkfifo(fifo)
    text = json.dumps({"tags": {}, "entries": [{"title": "By the river", "body": "", "date":
                       "2026-11-20", "time": "09:00", "tags": [], "starred": False}]})  # fmt: skip

    def feed() -> None:
        with open(fifo, "w") as pipe:
            pipe.write(text)
        for _ in range(60):  # a second reader (the pipe read twice) gets nothing, not a hang
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            clock.sleep(0.05)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    result = run("import", str(fifo), code=None)
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stdout
    assert [e.text for e in stored().entries] == ["By the river"]


def test_an_option_for_another_app_is_refused(run, tmp_path):
    path = loop_zip(tmp_path / "Loop.zip", WALK)
    assert "--mood-map goes with a daylio file" in run("import", str(path), "--mood-map", "ok=3",
                                                       code=2).output  # fmt: skip
    assert stored().entries == []
