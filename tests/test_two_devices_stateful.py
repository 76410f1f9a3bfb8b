"""Any interleaving of commands, clock jumps and syncs on two machines ends in one journal.

Hypothesis drives two machines (tests/sync_sim.py): wins, edits of text and tags, deletes,
restores, new statements, compaction and repair, clocks moved back and forth, and syncs of every
kind (newer-wins, conflicted copies named as the common tools name them, partial, one-way, the
whole home with state/). After every command the machine that ran it shows what it said it did.
After a final sync both ways (and ``doctor --repair`` and ``doctor --compact`` on both):

- both machines show the same journal: the same entries with the same text and tags, the same
  removed entries and the same current statement;
- every acknowledged write that the person did not later delete is there, with its tags, and
  with the text of its latest edit when one edit came after every other;
- an entry restored after every delete of it was seen is there;
- no file under either home holds a word of a forgotten entry;
- each machine writes the file it wrote first, whatever damage its name files took;
- `doctor` right after `doctor --repair` never advises `--repair` again.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from sync_sim import CONFLICT_STYLES, Link, Machine, conflict_copy, machines, push

SYNC_STYLES = ("newer", *CONFLICT_STYLES)
NAMES = ("a", "b")


def events_of(m: Machine, op: str, ident: str) -> list[dict]:
    return [e for e in m.read().events if e.get("op") == op and e.get("id") == ident]


def no_traceback(result) -> None:
    assert result.exit_code in (0, 1), (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


class TwoMachines(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="mindlog-two-"))
        a, b = machines(self.root, *NAMES)
        self.m = {"a": a, "b": b}
        self.link = Link(a, b)
        self.n = 0
        self.texts: dict[str, set[str]] = {}  # entry id -> every text it was given
        self.first: dict[str, str] = {}  # entry id -> the text it was written with
        self.tags: dict[str, set[str]] = {}  # entry id -> tags added (never taken off here)
        self.edits: dict[str, list[tuple[str, str, set[str]]]] = {}  # id -> (text, eid, seen)
        self.deletes: dict[str, set[str]] = {}  # entry id -> eids of its deletes
        self.restores: dict[str, list[set[str]]] = {}  # id -> the deletes each restore had seen
        self.last_change: dict[str, str] = {}  # id -> "delete" or "restore", in real time
        self.statements: list[tuple[str, str]] = []  # (text, day)

    def word(self) -> str:
        self.n += 1
        return f"zq{self.n:04d}x"  # never a part of another word

    @initialize()
    def meet(self) -> None:
        for name in NAMES:
            self.win(name)
        self.own = {name: m.own_file() for name, m in self.m.items()}  # what each one writes

    # -- the person's commands -----------------------------------------------------------------

    @rule(name=st.sampled_from(NAMES))
    def win(self, name: str) -> None:
        m = self.m[name]
        text = self.word()
        m.run("win", text, "-q")
        entry = m.by_text(text)
        self.texts[entry.id] = {text}
        self.first[entry.id] = text
        self.tags[entry.id] = set()

    def pick(self, data: st.DataObject, items: list):
        """One of ``items`` (drawn the same way whatever the list, so that runs replay alike:
        ids and device names are random, so the lists are put in the order of their words)."""
        index = data.draw(st.integers(0, 1000))
        return items[index % len(items)] if items else None

    def live(self, m: Machine, data: st.DataObject, with_text: bool = False):
        pool = [e for e in m.journal().entries if e.id in self.texts and (e.text or not with_text)]
        return self.pick(data, sorted(pool, key=lambda e: self.first[e.id]))

    @rule(name=st.sampled_from(NAMES), data=st.data())
    def edit_text(self, name: str, data: st.DataObject) -> None:
        m = self.m[name]
        entry = self.live(m, data, with_text=True)
        if entry is None:
            return
        seen = {e["eid"] for e in events_of(m, "update", entry.id) if "text" in e.get("set", {})}
        text = self.word()
        assert "Changed" in m.run("edit", entry.id, "--text", text).stdout
        assert m.by_text(text).id == entry.id  # what it said it did, it did
        (mine,) = [e for e in events_of(m, "update", entry.id) if e["set"].get("text") == text]
        self.texts[entry.id].add(text)
        self.edits.setdefault(entry.id, []).append((text, mine["eid"], seen))

    @rule(name=st.sampled_from(NAMES), data=st.data(), tag=st.sampled_from("abcdef"))
    def edit_tags(self, name: str, data: st.DataObject, tag: str) -> None:
        m = self.m[name]
        entry = self.live(m, data)
        if entry is None:
            return
        result = m.run("edit", entry.id, "--tag", f"t{tag}")
        assert ("Changed" in result.stdout) != (f"t{tag}" in entry.tags)
        (now,) = [e for e in m.journal().entries if e.id == entry.id]
        assert f"t{tag}" in now.tags
        self.tags[entry.id].add(f"t{tag}")

    @rule(name=st.sampled_from(NAMES), data=st.data())
    def delete(self, name: str, data: st.DataObject) -> None:
        m = self.m[name]
        entry = self.live(m, data)
        if entry is None:
            return
        m.run("delete", entry.id, "--yes")
        journal = m.journal()
        assert entry.id in {e.id for e in journal.removed}
        self.deletes.setdefault(entry.id, set()).add(journal.removed_by[entry.id])
        self.last_change[entry.id] = "delete"

    @rule(name=st.sampled_from(NAMES), data=st.data())
    def restore(self, name: str, data: st.DataObject) -> None:
        m = self.m[name]
        pool = [e for e in m.journal().removed if e.id in self.texts]
        entry = self.pick(data, sorted(pool, key=lambda e: self.first[e.id]))
        if entry is None:
            return
        seen = {e["eid"] for e in events_of(m, "delete", entry.id)}
        assert "Brought back" in m.run("restore", entry.id).stdout
        assert entry.id in {e.id for e in m.journal().entries}
        self.restores.setdefault(entry.id, []).append(seen)
        self.last_change[entry.id] = "restore"

    @rule(name=st.sampled_from(NAMES))
    def commit(self, name: str) -> None:
        m = self.m[name]
        text = self.word()
        m.run("commit", text)
        journal = m.journal()
        mine = m.by_text(text)
        self.texts[mine.id] = {text}
        self.first[mine.id] = text
        self.tags[mine.id] = set()
        assert journal.statement().text == text  # a new statement is current, whatever the clock
        assert text in m.run("commit", "--show").stdout

    @rule(name=st.sampled_from(NAMES))
    def compact(self, name: str) -> None:
        no_traceback(self.m[name].run("doctor", "--compact", "--yes", code=None))

    @rule(name=st.sampled_from(NAMES))
    def repair(self, name: str) -> None:
        no_traceback(self.m[name].run("doctor", "--repair", code=None))

    @rule(
        name=st.sampled_from(NAMES),
        how=st.sampled_from(("empty", "garbage", "cut short", "a folder", "gone")),
        which=st.sampled_from(("", ".copy")),
    )
    def damage_a_name_file(self, name: str, how: str, which: str) -> None:
        """One of the two files that keep this machine's name, damaged: it still writes the same
        file. (Both damaged at once is tests/test_device_identity.py's: here both machines have
        one host name, and the journal cannot always tell whose file is whose.)"""
        state = self.m[name].home / "state"
        path = state / f"device-{self.key(name)}{which}"
        other = state / f"device-{self.key(name)}{'' if which else '.copy'}"
        if not path.is_file() or not other.is_file():
            return
        data = path.read_bytes()
        path.unlink()
        if how == "a folder":
            path.mkdir()
        elif how != "gone":
            path.write_bytes({"empty": b"", "garbage": b"\xff{[", "cut short": data[:5]}[how])
        assert self.m[name].own_file() == self.own[name]

    def key(self, name: str) -> str:
        from mindlog.store import identity

        with self.m[name].environment():
            return identity.key_of(identity.machine_key())

    @rule(name=st.sampled_from(NAMES))
    def repair_then_check(self, name: str) -> None:
        """doctor never advises a repair that repair has just not done."""
        m = self.m[name]
        no_traceback(m.run("doctor", "--repair", code=None))
        report = m.run("doctor", code=None)
        no_traceback(report)
        assert "Run `mindlog doctor --repair`" not in report.stdout, report.stdout

    @rule(name=st.sampled_from(NAMES), hours=st.integers(-60, 60), minutes=st.integers(0, 59))
    def clock(self, name: str, hours: int, minutes: int) -> None:
        self.m[name].tick(hours=hours, minutes=minutes)

    # -- the sync tool -------------------------------------------------------------------------

    @rule(how=st.sampled_from(SYNC_STYLES))
    def sync(self, how: str) -> None:
        self.link.sync(how)

    @rule(how=st.sampled_from(SYNC_STYLES))
    def sync_whole_home(self, how: str) -> None:
        self.link.sync(how, whole=True)

    @rule(data=st.data(), how=st.sampled_from(SYNC_STYLES))
    def sync_one_file(self, data: st.DataObject, how: str) -> None:
        names = [m.own_file().name for m in self.m.values()]
        self.link.sync(how, only=[self.pick(data, names)])

    @rule(src=st.sampled_from(NAMES))
    def push_one_way(self, src: str) -> None:
        push(self.m[src], self.m["b" if src == "a" else "a"])

    @rule(src=st.sampled_from(NAMES), style=st.sampled_from(CONFLICT_STYLES), data=st.data())
    def conflicted_copy(self, src: str, style: str, data: st.DataObject) -> None:
        source, other = self.m[src], self.m["b" if src == "a" else "a"]
        names = [m.own_file().name for m in self.m.values()]
        name = self.pick(data, names)
        if (source.journal_dir / name).exists() and (other.journal_dir / name).exists():
            conflict_copy(source, other, name, style, n=self.n)

    # -- at the end ----------------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            self.settle()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def settle(self) -> None:
        a, b = self.m["a"], self.m["b"]
        self.link.sync()
        self.link.sync()
        for m in (a, b):
            no_traceback(m.run("doctor", "--repair", code=None))
        self.link.sync()
        views = [self.view(m) for m in (a, b)]
        assert views[0] == views[1]
        journal = a.journal()
        live = {e.id: e for e in journal.entries}
        for ident in self.texts:
            deleted = self.deletes.get(ident, set())
            restored = any(deleted <= seen for seen in self.restores.get(ident, []))
            if deleted and not restored:
                continue
            assert ident in live, (ident, self.texts[ident])
            entry = live[ident]
            assert entry.text in self.texts[ident]
            if deleted:
                continue
            assert self.tags[ident] <= set(entry.tags)
            edits = self.edits.get(ident, [])
            eids = {eid for _, eid, _ in edits}
            last = [text for text, eid, seen in edits if eids - {eid} <= seen]
            if last:
                assert entry.text == last[-1]
            elif not edits:
                assert entry.text == self.first[ident]
        # Compaction on both machines: no forgotten word is left in any file of either home.
        for m in (a, b):
            no_traceback(m.run("doctor", "--compact", "--yes", code=None))
        self.link.sync()
        for m in (a, b):  # each honours the other's forget lines in its own file
            no_traceback(m.run("doctor", "--compact", "--yes", code=None))
        self.link.sync()
        forgotten = a.journal().forgotten | b.journal().forgotten
        for ident in forgotten & set(self.texts):
            for text in self.texts[ident]:
                for m in (a, b):
                    assert m.holding(text) == [], (m.name, text)
        assert self.view(a) == self.view(b)
        for name, m in self.m.items():
            no_traceback(m.run("doctor", code=None))
            assert m.own_file() == self.own[name]  # no damage made a machine start a new file

    @staticmethod
    def view(m: Machine):
        journal = m.journal()
        statement = journal.statement()
        return (
            sorted((e.id, e.kind, e.day, e.text, tuple(sorted(e.tags))) for e in journal.entries),
            sorted(e.id for e in journal.removed),
            statement.id if statement else None,
            json.dumps(sorted(journal.forgotten)),
        )


TwoMachines.TestCase.settings = settings(
    # CI runs 30; MINDLOG_STATEFUL_EXAMPLES=500 searches longer when the store changes.
    max_examples=int(os.environ.get("MINDLOG_STATEFUL_EXAMPLES", "30")),
    stateful_step_count=int(os.environ.get("MINDLOG_STATEFUL_STEPS", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestTwoMachines = pytest.mark.slow(TwoMachines.TestCase)
