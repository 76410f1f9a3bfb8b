"""Building the cache of a long journal in two halves at once (cache.reading): the second half
read by a second process gives the very rows one reading in order gives, and whatever that
process cannot do (it ends early, a line is in both halves, a file changes under it) is read
again by the first, so the cache still answers as a full replay."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from mindlog import cache
from mindlog.cache import build as building
from mindlog.cache import db as cachedb
from mindlog.cache import reading
from mindlog.cache.key import stamps
from test_cache import OPS, check, play, where_in


@pytest.fixture
def halves(monkeypatch):
    """Every journal read in two halves (one byte is long enough), on any machine."""
    monkeypatch.setattr(reading, "HALVES", 1)
    monkeypatch.setattr(reading, "_can_fork", lambda: True)
    joined: list[list[reading.Segment]] = []  # what each first process was left to read
    real = reading._Other.join

    def join(self, reader):
        left = real(self, reader)
        joined.append(left)
        return left

    monkeypatch.setattr(reading._Other, "join", join)
    return joined


def tables(where) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the cache, table by table, in order."""
    db = sqlite3.connect(cachedb.path(where))
    try:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            name: sorted(db.execute(f"SELECT * FROM {name}"), key=repr) for name in sorted(names)
        }
    finally:
        db.close()


def built(where) -> dict[str, list[tuple[object, ...]]]:
    cache.drop(where)
    building.build(where, stamps(where.journal)).close()
    return tables(where)


def a_long_day(where, days: int = 60) -> None:
    ops = [("add", kind, back, 2, "sister", False) for back in range(days, 0, -1)
           for kind in ("morning", "win", "practice", "win")]  # fmt: skip
    play(where, [*ops, ("update", 7, "text", 0), ("delete", 30, "text", 0), ("foreign", 3)])


def test_two_halves_give_the_rows_of_one_reading(tmp_path, halves, monkeypatch):
    where = where_in(tmp_path)
    a_long_day(where)
    together = built(where)
    assert halves and halves[-1] == []  # the second half was read by the second process
    monkeypatch.setattr(reading, "HALVES", 1 << 40)
    assert built(where) == together
    check(where)


def test_a_second_process_that_ends_early_leaves_its_half_to_the_first(
    tmp_path, halves, monkeypatch
):
    where = where_in(tmp_path)
    a_long_day(where)
    monkeypatch.setattr(reading, "_second_half", lambda *args: os._exit(1))
    broken = built(where)
    assert halves and halves[-1]  # read again here
    monkeypatch.setattr(reading, "HALVES", 1 << 40)
    assert built(where) == broken
    check(where)
    assert not [p for p in where.state.iterdir() if p.name.endswith(".tmp")]


def test_a_line_in_both_halves_counts_once(tmp_path, halves):
    where = where_in(tmp_path)
    a_long_day(where, 20)
    (device,) = [p for p in where.journal.iterdir() if p.name.endswith(".jsonl") and "foreign" not in p.name and p.stat().st_size > 2000]  # fmt: skip
    copy = device.with_name(device.stem + ".sync-conflict-20261128-101010-ABCDEFG.jsonl")
    copy.write_bytes(device.read_bytes())  # the same lines again, read after: counted once
    built(where)
    assert halves and halves[-1]  # met in both halves: the second read again, here
    check(where)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(OPS)
def test_a_cache_built_in_two_halves_agrees_with_a_full_replay(halves, ops):
    with tempfile.TemporaryDirectory() as tmp:
        where = where_in(Path(tmp))
        play(where, [op for op in ops if op[0] != "read"])
        cache.drop(where)
        check(where)


def test_a_short_journal_or_one_processor_is_read_in_one(tmp_path, monkeypatch):
    where = where_in(tmp_path)
    a_long_day(where, 10)
    order = sorted(stamps(where.journal))
    now = stamps(where.journal)
    assert reading.halves(where, order, now)[1] == []  # far shorter than HALVES
    monkeypatch.setattr(reading, "HALVES", 1)
    monkeypatch.setattr(reading, "_can_fork", lambda: False)
    assert reading.halves(where, order, now)[1] == []
    monkeypatch.setattr(reading, "_can_fork", lambda: True)
    first, second = reading.halves(where, order, now)
    assert first and second
    read = [(n, a, b) for n, a, b in first + second]
    for (n, _, stop), (m, start, _) in zip(read, read[1:], strict=False):
        if n == m:  # a file cut in two: after a whole line
            assert stop == start and (where.journal / n).read_bytes()[stop - 1 : stop] == b"\n"


def test_a_second_half_whose_file_went_is_read_again_by_the_first(tmp_path, halves, monkeypatch):
    """Another mindlog may remove every cache file while this one builds (cache.drop): the
    second half's file gone, the first process reads that half itself."""
    where = where_in(tmp_path)
    a_long_day(where)
    real = reading._Other._copy

    def copy(self, db):
        self.stage.unlink()
        return real(self, db)

    monkeypatch.setattr(reading._Other, "_copy", copy)
    read_here = built(where)
    assert halves and halves[-1]
    monkeypatch.setattr(reading, "HALVES", 1 << 40)
    assert built(where) == read_here
    check(where)


def test_a_file_whose_first_half_cannot_be_read_is_left_out_whole(tmp_path, halves, monkeypatch):
    """As one reading leaves out a file it cannot read (it is read again another time), a file
    cut in two whose first half cannot be read is left out whole, its second half too."""
    where = where_in(tmp_path)
    a_long_day(where)
    now = stamps(where.journal)
    first, second = reading.halves(where, sorted(now), now)
    cut = second[0][0]
    assert first[-1][0] == cut  # the file cut in two
    real = reading.read_part

    def failing(path, *args, unless_second=True):
        if path.name == cut and (args[-1] is not None or not unless_second):
            raise OSError("cannot be read")
        return real(path, *args)

    monkeypatch.setattr(reading, "read_part", failing)
    in_halves = built(where)
    assert all(row[0] != cut for row in in_halves["files"])
    monkeypatch.setattr(reading, "HALVES", 1 << 40)
    monkeypatch.setattr(
        reading, "read_part", lambda path, *args: failing(path, *args, unless_second=False)
    )
    assert built(where) == in_halves
