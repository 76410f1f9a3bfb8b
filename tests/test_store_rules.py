"""The store's rules, checked on the pure parts: line ids and clocks, replay in any order, forget
against restore, conflicted-copy names, per-kind checks, and this machine's own file."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import stored
from mindlog.domain.journal import (
    add_event,
    delete_event,
    event_order,
    forget_event,
    replay,
    restore_event,
    update_event,
)
from mindlog.domain.model import Entry
from mindlog.store.eventlog import Store, conflict_base
from mindlog.store.format import read_schema
from mindlog.store.lines import micros, parse_line
from mindlog.store.paths import locations

DAY = date(2026, 11, 28)
AT = "2026-11-28T10:00:00+01:00"


def stamped(events: list[dict], start: int = 1) -> list[dict]:
    """Give events ids and clocks in the order they were made, as the store does."""
    return [{**e, "eid": f"e{start + n}", "t": start + n} for n, e in enumerate(events)]


def view(events: list[dict]) -> tuple:
    journal = replay(events)
    return (
        [(e.id, e.text, tuple(e.tags), e.day) for e in journal.entries],
        sorted(e.id for e in journal.removed),
        sorted(journal.forgotten),
        journal.statement().id if journal.statement() else None,
    )


# -- a history of changes, made one after another ---------------------------------------------

OPS = st.lists(
    st.tuples(
        st.sampled_from(["win", "commit", "text", "tag", "untag", "delete", "restore", "forget"]),
        st.integers(0, 5),
        st.sampled_from(["a", "b", "c"]),
    ),
    max_size=30,
)


def history(ops: list[tuple[str, int, str]]) -> list[dict]:
    """Events as a person's commands would make them, each seeing the journal so far."""
    events: list[dict] = []
    for op, pick, word in ops:
        journal = replay(events)
        t = len(events) + 1
        made: dict | None = None
        if op in ("win", "commit"):
            kind = "win" if op == "win" else "commitment"
            made = add_event(kind, DAY, AT, f"{op} {t}")
        elif op in ("text", "tag", "untag", "delete") and journal.entries:
            entry = journal.entries[pick % len(journal.entries)]
            made = {
                "text": update_event(entry.id, AT, text=f"changed {t}"),
                "tag": update_event(entry.id, AT, tags_add=[word]),
                "untag": update_event(entry.id, AT, tags_remove=[word]),
                "delete": delete_event(entry.id, AT),
            }[op]
        elif op in ("restore", "forget") and journal.removed:
            entry = journal.removed[pick % len(journal.removed)]
            made = (
                restore_event(entry, AT, journal.removed_by[entry.id])
                if op == "restore"
                else forget_event(
                    entry.id, journal.removed_by[entry.id], journal.removed_at[entry.id]
                )
            )
        if made is not None:
            events.append({**made, "eid": f"e{t:03d}", "t": t})
    return events


@given(OPS, st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None)
def test_replay_does_not_depend_on_the_order_lines_are_read_in(ops, rng):
    events = history(ops)
    shuffled = list(events)
    rng.shuffle(shuffled)
    assert view(shuffled) == view(events)


@given(OPS, st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None)
def test_a_line_met_twice_counts_once(ops, rng):
    events = history(ops)
    doubled = events + [dict(e) for e in rng.sample(events, k=len(events) // 2)]
    store_like = {e["eid"]: e for e in doubled}.values()  # the store keeps the first of each id
    assert view(list(store_like)) == view(events)


@given(OPS)
@settings(max_examples=150, deadline=None)
def test_every_acknowledged_change_shows_in_the_replay(ops):
    """Each event, replayed after all that came before it, has the effect its command said."""
    events = history(ops)
    for n, event in enumerate(events):
        journal = replay(events[: n + 1])
        live = {e.id: e for e in journal.entries}
        target = event.get("id") or event["entry"]["id"]
        if event["op"] == "add":
            assert target in live
        elif event["op"] == "update" and "text" in event["set"]:
            assert live[target].text == event["set"]["text"]
        elif event["op"] == "update":
            tags = live[target].tags
            assert all(t in tags for t in event.get("tags_add", []))
            assert not any(t in tags for t in event.get("tags_remove", []))
        elif event["op"] == "delete":
            assert target not in live and target in {e.id for e in journal.removed}
        elif event["op"] == "restore":
            assert target in live
        elif event["op"] == "forget":
            assert target in journal.forgotten and target not in live


def test_a_restore_made_while_another_machine_forgot_wins_and_keeps_the_words():
    add = add_event("win", DAY, AT, "Walked to the lake")
    entry_id = add["entry"]["id"]
    made = stamped([add, delete_event(entry_id, AT)])
    delete_id = made[1]["eid"]
    removed = replay(made).removed[0]
    on_a = {**restore_event(removed, AT, delete_id), "eid": "ra", "t": 10}
    on_b = {**forget_event(entry_id, delete_id, made[1]["t"]), "eid": "fb", "t": 11}
    # B compacted: its add line is gone; only A's restore carries the entry.
    journal = replay([made[1], on_a, on_b])
    assert [e.text for e in journal.entries] == ["Walked to the lake"]
    assert not journal.forgotten


def test_a_restore_that_never_saw_a_second_removal_still_wins_over_its_forget():
    """Two machines removed the entry before syncing; one restored, the other forgot (and its
    own removal's line went with its compaction): the restore came later, so it stands."""
    add = add_event("win", DAY, AT, "Wrote to my friend")
    entry_id = add["entry"]["id"]
    on_a = stamped([add, delete_event(entry_id, AT)])
    removed = replay(on_a).removed[0]
    restore = {**restore_event(removed, AT, on_a[1]["eid"]), "eid": "r", "t": 30}
    forget = {**forget_event(entry_id, "delete-on-b", 20), "eid": "f", "t": 40}
    assert [e.text for e in replay([*on_a, restore, forget]).entries] == ["Wrote to my friend"]
    earlier = {**forget_event(entry_id, "delete-on-b", 35), "eid": "f", "t": 40}
    assert replay([*on_a, restore, earlier]).entries == []  # removed after the restore: final


def test_a_forget_is_honoured_even_before_the_delete_arrives():
    add = stamped([add_event("win", DAY, AT, "gone for good")])
    journal = replay(
        [*add, {**forget_event(add[0]["entry"]["id"], "some-delete", 5), "eid": "f", "t": 9}]
    )
    assert journal.entries == [] and journal.removed == []


# -- changes made without seeing one another: the last writer wins ----------------------------

UNSEEN = st.lists(
    st.tuples(st.sampled_from(["text", "tag", "delete", "restore"]), st.integers(1, 40)),
    max_size=12,
)


@given(UNSEEN)
@settings(max_examples=300, deadline=None)
def test_the_last_writer_wins_across_kinds_of_change(changes):
    """Edits, tag changes, removals and restores of one entry, made on machines that had not
    seen one another, in any order of their clocks (ties too): the last of them on the journal's
    clock says whether the entry is there; every edit is applied, in that order, whether the
    entry is there or removed, and kept in its history."""
    add = stamped([add_event("win", DAY, AT, "first words")])
    entry = replay(add).entries[0]
    events = []
    for n, (op, t) in enumerate(changes):
        made = {
            "text": update_event(entry.id, AT, text=f"words {n}"),
            "tag": update_event(entry.id, AT, tags_add=[f"t{n}"]),
            "delete": delete_event(entry.id, AT),
            "restore": restore_event(entry, AT, None),
        }[op]
        events.append({**made, "eid": f"c{n:02d}", "t": 1 + t})
    journal = replay([*add, *events])
    ordered = sorted(events, key=event_order)
    there = not ordered or ordered[-1]["op"] != "delete"
    texts = [e["set"]["text"] for e in ordered if "text" in e.get("set", {})]
    tags = {tag for e in ordered for tag in e.get("tags_add", [])}
    found = journal.entries if there else journal.removed
    assert [(e.id, e.text, set(e.tags)) for e in found] == [
        (entry.id, texts[-1] if texts else "first words", tags)
    ]
    assert (journal.removed if there else journal.entries) == []
    updates = [e for e in ordered if e["op"] == "update"]
    assert len(journal.history.get(entry.id, [])) == len(updates)


def test_an_edit_after_a_removal_brings_the_entry_back_and_a_later_removal_takes_it_away():
    add = stamped([add_event("win", DAY, AT, "old words")])
    entry_id = add[0]["entry"]["id"]
    removal = {**delete_event(entry_id, AT), "eid": "d", "t": 10}
    edit = {**update_event(entry_id, AT, text="new words"), "eid": "u", "t": 20}
    journal = replay([*add, removal, edit])
    assert [e.text for e in journal.entries] == ["new words"]
    assert journal.removed == [] and journal.removed_by == {} and journal.removed_at == {}
    assert journal.history[entry_id] == [{"text": "old words", "replaced_at": AT}]
    later = {**delete_event(entry_id, AT), "eid": "d2", "t": 30}
    journal = replay([*add, removal, edit, later])
    assert [e.text for e in journal.removed] == ["new words"]  # restore brings these back
    assert journal.removed_by == {entry_id: "d2"}


def test_an_edit_with_values_wrong_for_the_kind_does_not_bring_an_entry_back():
    add = stamped([add_event("checkin", DAY, AT, None, mood=3)])
    entry_id = add[0]["entry"]["id"]
    removal = {**delete_event(entry_id, AT), "eid": "d", "t": 5}
    bad = {**update_event(entry_id, AT, mood=11), "eid": "u", "t": 9}
    journal = replay([*add, removal, bad])
    assert journal.entries == [] and [e.fields["mood"] for e in journal.removed] == [3]


@pytest.mark.parametrize("edit_t", [25, 50])  # before or after the forget's own line
def test_an_edit_made_without_seeing_a_forget_never_brings_the_entry_back(edit_t):
    """Forgetting is final: an edit made elsewhere holds only what it changed, so it cannot
    bring back an entry whose lines every device drops (only a restore, which carries the whole
    entry, undoes the removal a forget names)."""
    add = stamped([add_event("win", DAY, AT, "forget me")])
    entry_id = add[0]["entry"]["id"]
    removal = {**delete_event(entry_id, AT), "eid": "d", "t": 10}
    forget = {**forget_event(entry_id, "d", 10), "eid": "f", "t": 40}
    edit = {**update_event(entry_id, AT, text="changed elsewhere"), "eid": "u", "t": edit_t}
    for events in ([*add, removal, forget, edit], [removal, forget, edit]):
        journal = replay(events)
        assert journal.entries == [] and journal.removed == []
        assert journal.forgotten == {entry_id} and journal.history == {}


def test_two_machines_tagging_at_once_keep_both_tags():
    add = stamped([add_event("win", DAY, AT, "x")])
    entry_id = add[0]["entry"]["id"]
    a = {**update_event(entry_id, AT, tags_add=["meaning"]), "eid": "a", "t": 5}
    b = {**update_event(entry_id, AT, tags_add=["choice"]), "eid": "b", "t": 5}
    assert sorted(replay([*add, a, b]).entries[0].tags) == ["choice", "meaning"]


def test_the_statement_is_the_latest_days_version_written_last():
    older_day = add_event("commitment", date(2026, 10, 17), AT, "back-dated", timed=False)
    today = add_event("commitment", DAY, AT, "today's")
    second_today = add_event("commitment", DAY, "2026-11-28T09:00:00+01:00", "written later")
    events = [{**older_day, "eid": "x", "t": 30}, {**today, "eid": "y", "t": 10}]
    assert replay(events).statement().text == "today's"
    events.append({**second_today, "eid": "z", "t": 20})  # a clock behind: earlier `at`, later t
    assert replay(events).statement().text == "written later"


# -- lines ----------------------------------------------------------------------------------


def test_schema_1_lines_get_an_id_from_their_bytes_and_a_clock_from_their_time():
    raw = json.dumps(
        {
            "v": 1,
            "op": "add",
            "entry": {"id": "a", "kind": "win", "day": "2026-11-28", "at": AT, "text": "x"},
        }
    ).encode()
    one, two = parse_line(raw), parse_line(raw)
    assert one["eid"] == two["eid"] and one["t"] == micros(AT)
    assert parse_line(raw.replace(b'"x"', b'"y"'))["eid"] != one["eid"]


@pytest.mark.parametrize(
    "line",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"v":2,"eid":"e","t":1,"op":"add","entry":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"v":2,"op":"add","entry":{"id":"a","kind":"win","day":"2026-11-28","at":"x"}}',
        b'{"v":2,"eid":"e","t":"soon","op":"delete","id":"a"}',
        b'{"v":2,"eid":"e","t":1,"op":"update","id":"a","tags_add":[5]}',
        b'{"v":2,"eid":"e","t":1,"op":"forget","id":"a"}',
        b'{"v":true,"op":"delete","id":"a","at":"x"}',
    ],
)
def test_a_line_that_cannot_be_used_is_a_reason_not_a_crash(line):
    assert isinstance(parse_line(line), str)


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "morning", "done": 5},
        {"kind": "morning", "done": [{}]},
        {"kind": "checkin", "mood": 9},
        {"kind": "checkin", "energy": True},
        {"kind": "checkin", "sleep": "3"},
        {"kind": "win", "day": "[/]"},
        {"kind": "win", "day": "0000-01-01"},
        {"kind": "win", "at": "yesterday"},
        {"kind": "win", "tags": "meaning"},
        {"kind": "win", "text": 5},
        {"kind": "reaffirm", "statement": ["x"]},
        {"kind": "mystery", "deep": json.loads("[" * 50 + "]" * 50)},
    ],
)
def test_an_entry_that_is_not_valid_for_its_kind_is_a_problem_not_an_entry(fields):
    data = {"id": "a", "day": "2026-11-28", "at": AT, "text": None, "tags": []} | fields
    with pytest.raises(ValueError):
        Entry.from_json(data)
    journal = replay(
        [{"op": "add", "entry": data, "eid": "e", "t": 1, "_file": "f.jsonl", "_line": 3}]
    )
    assert journal.entries == [] and [(p.file, p.line) for p in journal.problems] == [
        ("f.jsonl", 3)
    ]


def test_an_update_with_values_wrong_for_the_kind_changes_nothing():
    add = stamped([add_event("checkin", DAY, AT, None, mood=3)])
    bad = {**update_event(add[0]["entry"]["id"], AT, mood=11), "eid": "u", "t": 9}
    assert replay([*add, bad]).entries[0].fields["mood"] == 3


@pytest.mark.parametrize(
    ("raw", "schema"),
    [
        (b'{"schema": 2}', 2),
        (b'{"schema": "3"}', 3),
        (b'\xef\xbb\xbf{"schema": 3}', 3),
        (b'{"schema": 1}\n', 1),
        (b"{", None),
        (b'{"schema": "two"}', None),
        (b"[" * 100_000, None),
    ],
)
def test_format_json_is_read_leniently_but_never_guessed(raw, schema):
    assert read_schema(raw) == schema


# -- conflicted copies ------------------------------------------------------------------------

MINE = "laptop-1a2b3c4d.jsonl"


@pytest.mark.parametrize(
    "name",
    [
        "laptop-1a2b3c4d.sync-conflict-20261128-101010-ABCDEFG.jsonl",
        "laptop-1a2b3c4d (conflicted copy 2026-11-28).jsonl",
        "laptop-1a2b3c4d (Anna's laptop's conflicted copy).jsonl",
        "laptop-1a2b3c4d (conflicted copy 2026-11-28 101010).jsonl",
        "laptop-1a2b3c4d (conflict on 2026-11-28).jsonl",
        "laptop-1a2b3c4d (1).jsonl",
        "laptop-1a2b3c4d-DESKTOP.jsonl",
    ],
)
def test_the_common_sync_tools_conflicted_copies_are_recognised(name):
    assert conflict_base(name, {MINE, name}) == MINE


@pytest.mark.parametrize("name", [MINE, "desktop-99aa88bb.jsonl", "laptop-1a2b3c4d-deadbeef.jsonl"])
def test_device_files_are_not_taken_for_conflicted_copies(name):
    # a host named laptop-1a2b3c4d has the device file laptop-1a2b3c4d-deadbeef.jsonl
    assert (
        conflict_base(name, {"laptop-1a2b3c4d-deadbeef.jsonl", MINE, "desktop-99aa88bb.jsonl"})
        is None
    )


# -- this machine's own file --------------------------------------------------------------------


def test_each_machine_sharing_a_whole_home_gets_its_own_file(monkeypatch, home):
    monkeypatch.setenv("MINDLOG_MACHINE_ID", "machine-a")
    a = Store(locations()).device()
    monkeypatch.setenv("MINDLOG_MACHINE_ID", "machine-b")
    b = Store(locations()).device()
    assert a != b
    monkeypatch.setenv("MINDLOG_MACHINE_ID", "machine-a")
    assert Store(locations()).device() == a


def test_a_mindlog_0_1_machine_keeps_writing_to_its_file(home):
    state = home / "state"
    state.mkdir(parents=True)
    name = "".join(ch if ch.isalnum() else "-" for ch in os.uname().nodename)[:32] + "-0badcafe"
    (state / "device").write_text(name + "\n")
    assert Store(locations()).device() == name


def test_clocks_never_go_back_whatever_the_wall_clock_says(run, home, monkeypatch):
    run("win", "first")
    monkeypatch.setenv("MINDLOG_NOW", "2020-01-01T10:00:00+00:00")  # the clock was set back
    run("win", "second")
    ts = [
        json.loads(line)["t"]
        for line in next((home / "journal").glob("*.jsonl")).read_text().splitlines()
    ]
    assert ts[1] > ts[0]
    assert [e.text for e in stored().entries] == ["second", "first"]  # by day, as always
