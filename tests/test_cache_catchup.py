"""After a sync the cache is caught up, not built again: another device's compaction (its file
rewritten) changes only what that file's lines change, many device files cost what one does, and
every answer stays the answer of a full replay (tests/test_cache.py's ``check``)."""

from __future__ import annotations

import os
import re
import sqlite3
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mindlog.cache import build as building
from mindlog.cache import db as cachedb
from mindlog.cache import rows
from mindlog.store.eventlog import conflict_base
from sync_sim import Link, Machine, machines
from test_cache import START, TODAY, check, foreign, play, where_in

OTHER = "laptop-0000abcd.jsonl"


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    found: list[int] = []
    real = building.build
    monkeypatch.setattr(building, "build", lambda *a: found.append(1) or real(*a))
    return found


def rewrite(path, lines: list[bytes]) -> None:
    """The file written anew and renamed over the old one, as a sync tool delivers it."""
    tmp = path.with_name(".sync.tmp")
    tmp.write_bytes(b"".join(lines))
    os.replace(tmp, path)


def test_another_devices_compaction_is_caught_up_without_a_rebuild(tmp_path, builds):
    where = where_in(tmp_path)
    ops = [("add", "win", 0, 0, "a", False), *(("foreign", n) for n in range(6)), ("read",)]
    play(where, ops)
    builds.clear()
    other = where.journal / OTHER
    lines = other.read_bytes().splitlines(keepends=True)
    from mindlog.domain.journal import add_event

    later = START.replace(year=2027)
    event = add_event("win", TODAY, later.isoformat(), "after the compaction")
    rewrite(other, [*lines[:2], *lines[3:], foreign(event, later)])  # one line went, one came
    check(where)
    rewrite(other, lines[4:])  # and again: shorter than before
    check(where)
    assert builds == []


def _cache_of(m: Machine) -> sqlite3.Connection:
    return sqlite3.connect(cachedb.path(m.where))


@pytest.mark.parametrize("how", ["newer", "syncthing"])
def test_a_compaction_on_another_machine_is_caught_up_and_forgets_there_too(
    tmp_path, monkeypatch, how
):
    """B removes an entry and compacts (a forget line, the entry's lines dropped from B's file);
    A's cache takes the forget and the file rewritten without a rebuild, and keeps no word of it."""
    a, b = machines(tmp_path, "a", "b")
    link = Link(a, b)
    a.run("win", "Called my sister", "-q")
    b.run("win", "Walked to the shop", "-q")
    b.run("win", "a secret never to keep", "-q")
    link.sync(how)
    a.run("list")  # A's cache, built
    gone = b.by_text("a secret never to keep").id
    b.tick(minutes=5)
    b.run("delete", gone, "--yes")
    link.sync(how)
    a.run("list")
    found: list[int] = []
    real = building.build
    monkeypatch.setattr(building, "build", lambda *args: found.append(1) or real(*args))
    b.tick(minutes=5)
    b.run("doctor", "--compact", "--yes", code=None)
    assert gone in b.journal().forgotten
    link.sync(how)
    assert "Walked to the shop" in a.run("list").stdout
    assert found == []
    with a.environment():
        check(a.where)
    assert a.holding("a secret never to keep") == []  # nor in A's cache
    with _cache_of(a) as db:
        assert db.execute("SELECT 1 FROM forgotten WHERE id = ?", (gone,)).fetchone()


def test_a_line_copied_into_another_file_counts_once(tmp_path, builds):
    """A change copied into another device's file (as `doctor --repair` takes in a conflicted
    copy's lines) is the same line met twice: applied once, never twice."""
    where = where_in(tmp_path)
    play(where, [("add", "win", 0, 0, "a", False), ("foreign", 1), ("update", 0, "text", 0)])
    mine = [p for p in where.journal.glob("*.jsonl") if p.name != OTHER]
    update = mine[0].read_bytes().splitlines(keepends=True)[-1]
    other = where.journal / OTHER
    with other.open("ab") as f:
        f.write(update)
    check(where)


def test_many_device_files_are_read_in_time_linear_in_their_number(tmp_path):
    """A thousand device files (old machines, conflicted copies): the cache is built, and then
    used, without comparing every file's name with every other's (the benchmark times it)."""
    names = {f"old{n:04d}-{n * 7919 % 2**32:08x}.jsonl" for n in range(2000)}
    names |= {f"old{n:04d}-{n * 7919 % 2**32:08x}.sync-conflict-20261128-101010-AB.jsonl"
              for n in range(40)}  # fmt: skip
    names |= {"old0001-00001eef-PC.jsonl"}  # OneDrive's copy of a file beside it
    started = time.perf_counter()
    copies = rows.conflicts(names)
    took = time.perf_counter() - started
    assert len(copies) == 41
    assert took < 1.0  # comparing every name with every other took minutes at this count
    assert conflict_base("old0001-00001eef-PC.jsonl", names) == "old0001-00001eef.jsonl"


@pytest.mark.parametrize(
    ("name", "others", "base"),
    [
        ("a-b-c.jsonl", {"a.jsonl", "a-b.jsonl"}, "a-b.jsonl"),  # the longest name it starts with
        ("a-b-c.jsonl", {"a.jsonl"}, "a.jsonl"),
        ("desk-0000abcd.jsonl", {"desk.jsonl"}, None),  # a device's own name, not a copy
        ("desk-0000abcd-HOME.jsonl", {"desk-0000abcd.jsonl"}, "desk-0000abcd.jsonl"),
        ("-x.jsonl", {".jsonl"}, ".jsonl"),
    ],
)
def test_a_onedrive_copy_is_known_by_the_name_it_starts_with(name, others, base):
    assert conflict_base(name, {name, *others}) == base


def test_a_conflicted_copy_that_comes_is_caught_up_without_a_rebuild(tmp_path, builds):
    """A sync tool's conflicted copy of another device's file (its lines and one more) is a new
    file read last: the lines it shares count once, the one it adds is applied."""
    where = where_in(tmp_path)
    play(where, [("add", "win", 0, 0, "a", False), ("foreign", 1), ("foreign", 2), ("read",)])
    builds.clear()
    play(where, [("conflict", 3), ("read",), ("foreign", 4), ("conflict", 5)], first_step=10)
    assert len(list(where.journal.glob("*sync-conflict*"))) == 2
    assert builds == []


def _onedrive_bases(name: str, names: set[str]) -> set[str]:
    """Every name ``name`` may be OneDrive's copy of, found the slow way (every other name)."""
    stem = name[: -len(".jsonl")]
    found = set()
    for other in names:
        base = other[: -len(".jsonl")]
        rest = stem[len(base) + 1 :]
        if other != name and stem.startswith(base + "-") and not DEVICE_TAIL.fullmatch(rest):
            found.add(other)
    return found


DEVICE_TAIL = re.compile(r"(.*-)?[0-9a-f]{8}")
PIECES = st.sampled_from(["a", "b", "-", "0000abcd", "PC", "-0000beef", "x-y"])


@given(st.sets(st.lists(PIECES, min_size=1, max_size=5).map("".join), max_size=12))
def test_a_onedrive_copy_is_found_as_comparing_every_name_finds_it(stems):
    names = {stem + ".jsonl" for stem in stems}
    for name in names:
        slow = _onedrive_bases(name, names)
        found = conflict_base(name, names)
        if not slow:
            assert found is None
        else:
            assert found in slow
            assert found == max(slow, key=len)  # the longest: one answer, whatever the order
