"""The sealed front of an encrypted journal's cache (mindlog.cache.front): the everyday screens read
it alone, and every answer is the whole cache's and a full replay's, whatever was written, synced,
compacted or cut short."""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import test_cache
from keys_fixtures import encrypt
from mindlog import cache
from mindlog.cache import fill, front
from mindlog.cache.db import FRONT_NAME, SEALED_NAME
from mindlog.cache.view import Cached
from mindlog.domain import practices
from mindlog.domain.query import Filter
from mindlog.store import keys
from mindlog.store.paths import Locations, locations
from test_cache import ADD, CHANGE, FOREIGN, READ, TODAY, answers, full, play, where_in

pytestmark = pytest.mark.usefixtures("fast_keys")  # tests/keys_fixtures.py


DAYS = ("done", "rest", "morning_share", "first", "own", "own_daily", "runs", "counts")
DAYS += ("last_active", "setback", "shown")  # what PracticeDays holds


def served(view: Cached) -> dict[str, object]:
    """What the dashboard, ``streaks``, ``list -n 5`` and ``greet`` ask: the front answers these."""
    days = view.practice_days(TODAY)
    return {
        "days": {name: getattr(days, name) for name in DAYS},
        "first": view.first_day(),
        "statement": view.statement(),
        "empty": view.empty(),
        "on": [view.on(TODAY), view.on(TODAY, "win"), view.on(TODAY - timedelta(days=2), "win")],
        "morning": view.morning(TODAY),
        "since": [view.since(TODAY - timedelta(days=n)) for n in (10, 43)],
        "setup": [view.of_kind(*practices.SETUP), view.of_kind("routineitem", "setting")],
        "marks": view.practice_marks(),
        "resurface": view.resurface(TODAY),
        "list": [
            view.select(Filter(), 5),
            view.select(Filter(kinds=["win"]), 3),
            view.select(Filter(), 500),
        ],
        "problems": (view.problems, view.newer, view.clock),
    }


def check_front(where: Locations) -> None:
    """As test_cache.check (the view the commands get, against a full replay), and then the front
    itself: made or caught up by now, it answers every question as a replay does, and what it
    serves as the whole cache does."""
    original_check(where)
    view = cache.open_view(where)
    if view is None:
        return
    assert isinstance(view, front.Front)
    reference = full(where)
    journal = reference.journal
    ids = [*(e.id for e in journal.entries + journal.removed), *sorted(journal.forgotten), "x"]
    mine = served(view)
    assert answers(view, ids) == answers(reference, ids)
    assert mine == served(Cached(fill.fresh(where)))


original_check = test_cache.check

# Entries of any day of nearly three years: before the front's first day too.
ADD_ANY_DAY = ADD.map(lambda op: (*op[:2], op[2] * 3 if op[3] % 2 else op[2], *op[3:]))
OPS = st.lists(st.one_of(ADD_ANY_DAY, ADD, CHANGE, READ, READ, FOREIGN), min_size=1, max_size=30)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops=OPS)
@example(ops=[("add", "win", 900, 1, "old", False), ("read",), ("add", "win", 0, 0, "new", False)])
@example(ops=[("add", "practice", 3, 0, "", False), ("read",), ("add", "rest", 500, 1, "", False)])
@example(
    ops=[("add", "win", 365, 0, "a year ago", False), ("read",), ("add", "win", 40, 0, "", False)]
)
def test_the_front_answers_as_the_whole_cache_and_a_full_replay(
    ops, run, home, monkeypatch, passfile, tmp_path
):
    monkeypatch.setattr(test_cache, "check", check_front)
    with tempfile.TemporaryDirectory(dir=tmp_path) as tmp, monkeypatch.context() as m:
        m.setenv("MINDLOG_HOME", tmp)
        run("win", "the first")
        encrypt(run, monkeypatch, passfile)
        play(where_in(Path(tmp)), ops)


def test_every_question_of_the_cache_is_answered_by_the_front_or_the_whole():
    """A question added to Cached must be named by Front, which answers it or asks the whole
    cache: never one left to run on the front's few rows unchecked."""
    asked = {n for n in vars(Cached) if not n.startswith("_")}
    assert asked <= set(vars(front.Front))


def days_ago(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


def history(run) -> None:
    run("practice", "add", "walk")
    for n in (900, 600, 450, 400, 365, 30, 7, 1):
        run("win", f"win {n} days ago", "--date", days_ago(n))
        run("did", "walk", "--date", days_ago(n))
    run("commit", "my why")
    run("rest", "resting", "--date", days_ago(500))


def test_everyday_reads_open_only_the_front_and_a_win_is_caught_up_by_it(
    run, home, monkeypatch, passfile
):
    history(run)
    encrypt(run, monkeypatch, passfile)
    run("list", "-n", "5")  # the front is made from the whole cache
    where = locations()
    sealed = where.state / FRONT_NAME
    assert keys.is_sealed(sealed.read_bytes())
    opened = []  # each time the whole cache is opened
    real = fill.fresh
    monkeypatch.setattr(fill, "fresh", lambda *a, **k: opened.append(1) or real(*a, **k))
    whole_before = (where.state / SEALED_NAME).read_bytes()
    run("win", "a new win")
    for args in (["list", "-n", "5"], ["streaks"], [], ["greet"], ["did", "walk"], ["list"]):
        kept = sealed.read_bytes()
        result = run(*args)
        if args == ["list", "-n", "5"]:
            assert "a new win" in result.stdout  # the front took in the new line by itself
            assert sealed.read_bytes() != kept
            assert (where.state / SEALED_NAME).read_bytes() == whole_before
        if args in (["did", "walk"], ["list"]):
            assert opened, args  # a practice marked; every entry: the whole cache
        else:
            assert not opened, args
        opened.clear()
    # `did walk` marked a practice: the front could not take that in; the whole cache was
    # opened and the front made again from it, and the next everyday read is the front's alone
    run("streaks")
    run("list", "-n", "5")
    assert not opened


def test_a_locked_write_leaves_the_front_behind_and_the_next_read_catches_it_up(
    run, home, monkeypatch, passfile
):
    history(run)
    encrypt(run, monkeypatch, passfile)
    run("list", "-n", "5")
    run("lock")
    keys._opened.clear()
    run("win", "written while locked")
    with monkeypatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
        run("unlock")
    keys._opened.clear()
    assert "written while locked" in run("list", "-n", "5").stdout
    check_front(locations())


@pytest.mark.parametrize("damage", ["cut", "changed", "empty", "not a database"])
def test_a_front_that_does_not_open_is_made_again(run, home, monkeypatch, passfile, damage):
    history(run)
    encrypt(run, monkeypatch, passfile)
    run("win", "before the damage")
    run("list", "-n", "5")
    where = locations()
    path = where.state / FRONT_NAME
    data = path.read_bytes()
    if damage == "cut":  # as a kill half way through a write would (atomic_write never does)
        path.write_bytes(data[: len(data) // 2])
    elif damage == "changed":
        path.write_bytes(data[:-8] + b"changed!")
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(keys.seal_blob(where, b"SQLite format 3\x00" + os.urandom(200)))
    assert "before the damage" in run("list", "-n", "5").stdout
    assert keys.is_sealed(path.read_bytes()) and path.read_bytes() != data
    check_front(where)


def test_the_front_is_never_plain_and_goes_with_the_cache(
    run, home, monkeypatch, passfile, fast_keys, tmp_path
):
    """The canary: a word written in every kind the front keeps is found in no file under the
    home, the state folder, the runtime folder or temp, after the commands that make the front,
    catch it up and make it again."""
    canary = f"canary-{os.urandom(4).hex()}"
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    run("practice", "add", f"walk {canary}")
    run("routine", "add", f"water {canary}")
    run("boost", "add", f"music {canary}")
    run("win", f"a win {canary}", "--date", days_ago(3))
    run("commit", f"why {canary}")
    encrypt(run, monkeypatch, passfile)
    for args in (["win", f"sealed {canary}"], ["did", f"walk {canary}"], ["rest", canary]):
        run(*args)
        for read in (["list", "-n", "5"], ["streaks"], [], ["greet"]):
            run(*read)
    where = locations()
    assert keys.is_sealed((where.state / FRONT_NAME).read_bytes())
    for place in (home, fast_keys, temp):
        for path in place.rglob("*"):
            if path.is_file() and not path.is_symlink():
                assert canary.encode() not in path.read_bytes(), path
    run("doctor", "--compact", "--yes")
    assert not (where.state / FRONT_NAME).exists()
