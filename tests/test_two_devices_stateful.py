"""Any interleaving of commands, clock jumps and syncs on two machines ends in one journal.

Hypothesis drives two machines (tests/sync_sim.py): wins, edits of text and tags, deletes,
restores, new statements, compaction and repair, clocks moved back and forth, and syncs of every
kind (newer-wins, conflicted copies named as the common tools name them, partial, one-way, the
whole home with state/); among them, an entry removed on one machine while the other changes it,
and an entry forgotten on one machine while the other's tool keeps a conflicted copy of the
forgetting machine's file. A second run has three machines, one of them made from an image of
another's disk (the same home and machine id, so the two write one device file), kept in step
by tools that keep conflicted copies. After every command the machine that ran it shows what it
said it did. After syncing all machines (with ``doctor --repair`` and ``doctor --compact`` on
each):

- every machine shows the same journal: the same entries with the same text and tags, the same
  removed entries and the same current statement;
- every acknowledged change of an entry that was not forgotten is in the journal, and the last
  writer wins across kinds of change: the last of its edits, removals and restores on the
  journal's clock says whether it is there; its text is that of its last edit on the clock (of
  the edit that had seen every other, when there is one), its tags every tag given, whether it
  is there or removed; ``edit --history`` shows every text it had, and ``restore`` brings back
  its newest words;
- only an entry that was removed is ever forgotten, and no file under any home holds a word of a
  forgotten entry;
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

from mindlog.domain.journal import event_order, replay
from sync_sim import CONFLICT_STYLES, Link, Machine, clone, conflict_copy, machines, push

SYNC_STYLES = ("newer", *CONFLICT_STYLES)
WHO = st.integers(0, 5)  # a machine: the n-th of them, counted round


def events_of(m: Machine, op: str, ident: str) -> list[dict]:
    return [e for e in m.read().events if e.get("op") == op and e.get("id") == ident]


def no_traceback(result) -> None:
    assert result.exit_code in (0, 1), (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


class TwoMachines(RuleBasedStateMachine):
    CLONE = False  # a third machine, made from an image of the first one's disk
    ROUNDS = 2  # rounds of syncing and repairing at the end

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="mindlog-two-"))
        a, b = machines(self.root, "a", "b")
        self.m = {"a": a, "b": b}
        self.links = [Link(a, b)]
        self.n = 0
        self.texts: dict[str, set[str]] = {}  # entry id -> every text it was given
        self.first: dict[str, str] = {}  # entry id -> the text it was written with
        self.tags: dict[str, set[str]] = {}  # entry id -> tags added (never taken off here)
        self.edits: dict[str, list[tuple[str, str, set[str]]]] = {}  # id -> (text, eid, seen)
        self.deletes: dict[str, set[str]] = {}  # entry id -> eids of its deletes
        self.restores: dict[str, list[set[str]]] = {}  # id -> the deletes each restore had seen
        self.changes: dict[str, set[str]] = {}  # id -> eids of every change acknowledged
        self.statements: list[tuple[str, str]] = []  # (text, day)

    def word(self) -> str:
        self.n += 1
        return f"zq{self.n:04d}x"  # never a part of another word

    def who(self, n: int) -> Machine:
        names = sorted(self.m)
        return self.m[names[n % len(names)]]

    def two(self, n: int, other: int) -> tuple[Machine, Machine]:
        """Two different machines."""
        names = sorted(self.m)
        first = names[n % len(names)]
        rest = [name for name in names if name != first]
        return self.m[first], self.m[rest[other % len(rest)]]

    def style(self, how: str) -> str:
        """A sync between machines that write one file keeps conflicted copies, never only the
        newer file (which would lose one machine's lines whatever mindlog did)."""
        return "syncthing" if self.CLONE and how == "newer" else how

    @initialize()
    def meet(self) -> None:
        self.win(0)
        if self.CLONE:
            a = self.m["a"]
            c = self.m["c"] = clone(a, "c")
            self.links += [Link(a, c), Link(self.m["b"], c)]
            for link in self.links:
                link.sync(self.style("newer"))
        self.win(1)
        self.own = {name: m.own_file() for name, m in self.m.items()}  # what each one writes

    # -- the person's commands -----------------------------------------------------------------

    @rule(who=WHO)
    def win(self, who: int) -> None:
        m = self.who(who)
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

    def live(self, m: Machine, data: st.DataObject, with_text: bool = False, also=None):
        pool = [e for e in m.journal().entries if e.id in self.texts and (e.text or not with_text)]
        if also is not None:  # live on that machine too
            there = {e.id for e in also.journal().entries}
            pool = [e for e in pool if e.id in there]
        return self.pick(data, sorted(pool, key=lambda e: self.first[e.id]))

    def acknowledged(self, m: Machine, ident: str, op: str, before: set[str]) -> str:
        """The id of the line the command just wrote (it said it was done)."""
        (eid,) = {e["eid"] for e in events_of(m, op, ident)} - before
        self.changes.setdefault(ident, set()).add(eid)
        return eid

    def change_text(self, m: Machine, ident: str) -> None:
        updates = events_of(m, "update", ident)
        seen = {e["eid"] for e in updates if "text" in e.get("set", {})}
        text = self.word()
        assert "Changed" in m.run("edit", ident, "--text", text).stdout
        assert m.by_text(text).id == ident  # what it said it did, it did
        eid = self.acknowledged(m, ident, "update", {e["eid"] for e in updates})
        self.texts[ident].add(text)
        self.edits.setdefault(ident, []).append((text, eid, seen))

    def change_tags(self, m: Machine, ident: str, tag: str) -> None:
        (entry,) = [e for e in m.journal().entries if e.id == ident]
        before = {e["eid"] for e in events_of(m, "update", ident)}
        result = m.run("edit", ident, "--tag", f"t{tag}")
        assert ("Changed" in result.stdout) != (f"t{tag}" in entry.tags)
        (now,) = [e for e in m.journal().entries if e.id == ident]
        assert f"t{tag}" in now.tags
        if "Changed" in result.stdout:
            self.acknowledged(m, ident, "update", before)
        self.tags[ident].add(f"t{tag}")

    def remove(self, m: Machine, ident: str) -> None:
        before = {e["eid"] for e in events_of(m, "delete", ident)}
        m.run("delete", ident, "--yes")
        journal = m.journal()
        assert ident in {e.id for e in journal.removed}
        assert ident not in {e.id for e in journal.entries}
        self.deletes.setdefault(ident, set()).add(journal.removed_by[ident])
        self.acknowledged(m, ident, "delete", before)

    @rule(who=WHO, data=st.data())
    def edit_text(self, who: int, data: st.DataObject) -> None:
        m = self.who(who)
        entry = self.live(m, data, with_text=True)
        if entry is not None:
            self.change_text(m, entry.id)

    @rule(who=WHO, data=st.data(), tag=st.sampled_from("abcdef"))
    def edit_tags(self, who: int, data: st.DataObject, tag: str) -> None:
        m = self.who(who)
        entry = self.live(m, data)
        if entry is not None:
            self.change_tags(m, entry.id, tag)

    @rule(who=WHO, data=st.data())
    def delete(self, who: int, data: st.DataObject) -> None:
        m = self.who(who)
        entry = self.live(m, data)
        if entry is not None:
            self.remove(m, entry.id)

    @rule(
        who=WHO,
        other=WHO,
        data=st.data(),
        change=st.sampled_from(["text", "tag"]),
        minutes=st.integers(-30, 30),
    )
    def delete_here_change_there(
        self, who: int, other: int, data: st.DataObject, change: str, minutes: int
    ) -> None:
        """One machine removes an entry; another, not having seen that, changes it, with its
        clock before or after."""
        here, there = self.two(who, other)
        entry = self.live(here, data, with_text=change == "text", also=there)
        if entry is None:
            return
        self.remove(here, entry.id)
        there.tick(minutes=minutes)
        if change == "text":
            self.change_text(there, entry.id)
        else:
            self.change_tags(there, entry.id, "abcdef"[minutes % 6])

    @rule(who=WHO, data=st.data())
    def restore(self, who: int, data: st.DataObject) -> None:
        m = self.who(who)
        pool = [e for e in m.journal().removed if e.id in self.texts]
        entry = self.pick(data, sorted(pool, key=lambda e: self.first[e.id]))
        if entry is None:
            return
        before = events_of(m, "restore", entry.id)
        seen = {e["eid"] for e in events_of(m, "delete", entry.id)}
        said = m.run("restore", entry.id).stdout
        assert f"Brought back: {entry.text}" in said  # its newest words
        assert entry.id in {e.id for e in m.journal().entries}
        self.restores.setdefault(entry.id, []).append(seen)
        self.acknowledged(m, entry.id, "restore", {e["eid"] for e in before})

    @rule(who=WHO)
    def commit(self, who: int) -> None:
        m = self.who(who)
        text = self.word()
        m.run("commit", text)
        journal = m.journal()
        mine = m.by_text(text)
        self.texts[mine.id] = {text}
        self.first[mine.id] = text
        self.tags[mine.id] = set()
        assert journal.statement().text == text  # a new statement is current, whatever the clock
        assert text in m.run("commit", "--show").stdout

    @rule(who=WHO)
    def compact(self, who: int) -> None:
        no_traceback(self.who(who).run("doctor", "--compact", "--yes", code=None))

    @rule(who=WHO)
    def repair(self, who: int) -> None:
        no_traceback(self.who(who).run("doctor", "--repair", code=None))

    @rule(
        who=WHO,
        how=st.sampled_from(("empty", "garbage", "cut short", "a folder", "gone")),
        which=st.sampled_from(("", ".copy")),
    )
    def damage_a_name_file(self, who: int, how: str, which: str) -> None:
        """One of the two files that keep this machine's name, damaged: it still writes the same
        file. (Both damaged at once is tests/test_device_identity.py's: here the machines have
        one host name, and the journal cannot always tell whose file is whose.)"""
        m = self.who(who)
        state = m.home / "state"
        key = self.key(m)
        path = state / f"device-{key}{which}"
        other = state / f"device-{key}{'' if which else '.copy'}"
        if not path.is_file() or not other.is_file():
            return
        data = path.read_bytes()
        path.unlink()
        if how == "a folder":
            path.mkdir()
        elif how != "gone":
            path.write_bytes({"empty": b"", "garbage": b"\xff{[", "cut short": data[:5]}[how])
        assert m.own_file() == self.own[m.name]

    @staticmethod
    def key(m: Machine) -> str:
        from mindlog.store import identity

        with m.environment():
            return identity.key_of(identity.machine_key())

    @rule(who=WHO)
    def repair_then_check(self, who: int) -> None:
        """doctor never advises a repair that repair has just not done."""
        m = self.who(who)
        no_traceback(m.run("doctor", "--repair", code=None))
        report = m.run("doctor", code=None)
        no_traceback(report)
        assert "Run `mindlog doctor --repair`" not in report.stdout, report.stdout

    @rule(
        who=WHO,
        other=WHO,
        data=st.data(),
        style=st.sampled_from(CONFLICT_STYLES),
        tidy=st.sampled_from(["", "--repair", "--compact"]),
    )
    def forget_then_conflicted_copy(
        self, who: int, other: int, data: st.DataObject, style: str, tidy: str
    ) -> None:
        """One machine removes an entry and forgets it; another's tool keeps that machine's
        new file beside its older copy of it (which still holds the entry), and may tidy it."""
        here, there = self.two(who, other)
        entry = self.live(here, data)
        if entry is not None:
            self.remove(here, entry.id)
        no_traceback(here.run("doctor", "--compact", "--yes", code=None))
        name = here.own_file().name
        copied = (here.journal_dir / name).exists() and (there.journal_dir / name).exists()
        if copied:
            conflict_copy(here, there, name, style, n=self.n)
            self.n += 1
        if tidy:
            extra = ["--yes"] if tidy == "--compact" else []
            no_traceback(there.run("doctor", tidy, *extra, code=None))
        if entry is not None:
            assert entry.id in here.journal().forgotten
        if entry is not None and copied:
            # The forget reached the other machine: the entry shows there again only when a
            # restore made without seeing the forget won over it.
            known = {e["eid"] for e in here.read().events}
            if entry.id in {e.id for e in there.journal().entries}:
                assert {e["eid"] for e in events_of(there, "restore", entry.id)} - known

    @rule(who=WHO, hours=st.integers(-60, 60), minutes=st.integers(0, 59))
    def clock(self, who: int, hours: int, minutes: int) -> None:
        self.who(who).tick(hours=hours, minutes=minutes)

    # -- the sync tool -------------------------------------------------------------------------

    def link(self, n: int) -> Link:
        return self.links[n % len(self.links)]

    @rule(link=WHO, how=st.sampled_from(SYNC_STYLES))
    def sync(self, link: int, how: str) -> None:
        self.link(link).sync(self.style(how))

    @rule(link=WHO, how=st.sampled_from(SYNC_STYLES))
    def sync_whole_home(self, link: int, how: str) -> None:
        self.link(link).sync(self.style(how), whole=True)

    @rule(link=WHO, data=st.data(), how=st.sampled_from(SYNC_STYLES))
    def sync_one_file(self, link: int, data: st.DataObject, how: str) -> None:
        names = sorted({m.own_file().name for m in self.m.values()})
        self.link(link).sync(self.style(how), only=[self.pick(data, names)])

    @rule(link=WHO, back=st.booleans())
    def push_one_way(self, link: int, back: bool) -> None:
        chosen = self.link(link)
        if self.CLONE:  # newer over older would lose one twin's lines, whatever mindlog did
            chosen.sync(self.style("newer"))
            return
        src, dst = (chosen.b, chosen.a) if back else (chosen.a, chosen.b)
        push(src, dst)

    @rule(who=WHO, other=WHO, style=st.sampled_from(CONFLICT_STYLES), data=st.data())
    def conflicted_copy(self, who: int, other: int, style: str, data: st.DataObject) -> None:
        source, dest = self.two(who, other)
        names = sorted({m.own_file().name for m in self.m.values()})
        name = self.pick(data, names)
        if (source.journal_dir / name).exists() and (dest.journal_dir / name).exists():
            conflict_copy(source, dest, name, style, n=self.n)
            self.n += 1

    # -- at the end ----------------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            self.settle()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def sync_all(self) -> list[str]:
        made: list[str] = []
        for link in self.links:
            made += link.sync(self.style("newer"))
        return made

    def copies_left(self) -> bool:
        return any(m.read().conflicts for m in self.m.values())

    def tidy(self, command: list[str]) -> None:
        """Every machine runs ``command``, with syncs around, until nothing is left to take in."""
        for _ in range(self.ROUNDS + (2 if self.CLONE else 0)):
            self.sync_all()
            self.sync_all()
            for m in self.m.values():
                no_traceback(m.run(*command, code=None))
            self.sync_all()
            if not self.copies_left() and not self.sync_all():
                break

    def settle(self) -> None:
        ms = list(self.m.values())
        self.tidy(["doctor", "--repair"])
        views = [self.view(m) for m in ms]
        assert all(v == views[0] for v in views), views
        a = ms[0]
        events = a.read().events
        journal = replay(events)
        live = {e.id: e for e in journal.entries}
        gone = {e.id: e for e in journal.removed}
        for ident in self.texts:
            if ident in journal.forgotten:
                assert self.deletes.get(ident), ident  # only a removed entry is forgotten
                continue
            self.check_entry(a, ident, events, live, gone)
        # Restore brings back the newest words.
        if gone:
            ident = sorted(gone)[0]
            said = a.run("restore", ident).stdout
            assert f"Brought back: {gone[ident].text}" in said
        # Compaction everywhere: no forgotten word is left in any file of any home.
        self.tidy(["doctor", "--compact", "--yes"])
        self.tidy(["doctor", "--compact", "--yes"])  # each honours the others' forget lines
        forgotten = set().union(*(m.journal().forgotten for m in ms))
        for ident in forgotten & set(self.texts):
            assert self.deletes.get(ident), ident
            for text in self.texts[ident]:
                for m in ms:
                    assert m.holding(text) == [], (m.name, text)
        views = [self.view(m) for m in ms]
        assert all(v == views[0] for v in views), views
        for m in ms:
            no_traceback(m.run("doctor", code=None))
            assert m.own_file() == self.own[m.name]  # no damage made a machine start a new file

    def check_entry(self, m: Machine, ident: str, events, live, gone) -> None:
        """The last writer wins, and nothing acknowledged is lost (see the module)."""
        assert ident in live or ident in gone, (ident, self.texts[ident])
        entry = live.get(ident) or gone[ident]
        mine = sorted(
            (
                e
                for e in events
                if e.get("id") == ident and e.get("op") in ("update", "delete", "restore")
            ),
            key=event_order,
        )
        if any(e.get("op") == "forget" and e.get("id") == ident for e in events):
            # A restore made where the forget was not seen won over it: the entry is back as
            # that restore had it (the forgetting machine dropped its own lines of it), unless a
            # removal made after it, by any machine that saw it back, is the last change.
            assert ident in live or (mine and mine[-1]["op"] == "delete"), [e["op"] for e in mine]
            assert entry.text in self.texts[ident]
            return
        assert self.changes.get(ident, set()) <= {e["eid"] for e in mine}
        there = not mine or mine[-1]["op"] != "delete"
        assert (ident in live) == there, (ident, [e["op"] for e in mine])
        deleted = self.deletes.get(ident, set())
        if any(deleted <= seen for seen in self.restores.get(ident, [])):
            assert ident in live  # a restore that had seen every removal
        texts = [e["set"]["text"] for e in mine if "text" in e.get("set", {})]
        assert entry.text == (texts[-1] if texts else self.first[ident])
        edits = self.edits.get(ident, [])
        eids = {eid for _, eid, _ in edits}
        last = [text for text, eid, seen in edits if eids - {eid} <= seen]
        if last:
            assert entry.text == last[-1]
        assert self.tags[ident] <= set(entry.tags)
        if ident in live and len(self.texts[ident]) > 1:
            history = m.run("edit", ident, "--history").stdout
            for text in self.texts[ident]:
                assert text in history, (text, history)
        elif ident not in live:
            assert entry.text in m.run("list", "--removed").stdout

    @staticmethod
    def view(m: Machine):
        journal = m.journal()
        statement = journal.statement()
        return (
            sorted((e.id, e.kind, e.day, e.text, tuple(sorted(e.tags))) for e in journal.entries),
            sorted((e.id, e.text, tuple(sorted(e.tags))) for e in journal.removed),
            statement.id if statement else None,
            json.dumps(sorted(journal.forgotten)),
        )


class ThreeMachinesWithAClone(TwoMachines):
    CLONE = True


TwoMachines.TestCase.settings = settings(
    # CI runs 30; MINDLOG_STATEFUL_EXAMPLES=500 searches longer when the store changes.
    max_examples=int(os.environ.get("MINDLOG_STATEFUL_EXAMPLES", "30")),
    stateful_step_count=int(os.environ.get("MINDLOG_STATEFUL_STEPS", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
ThreeMachinesWithAClone.TestCase.settings = settings(
    TwoMachines.TestCase.settings,
    max_examples=int(os.environ.get("MINDLOG_STATEFUL_EXAMPLES", "15")),
)
TestTwoMachines = pytest.mark.slow(TwoMachines.TestCase)
TestThreeMachinesWithAClone = pytest.mark.slow(ThreeMachinesWithAClone.TestCase)
