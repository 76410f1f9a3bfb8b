"""Two (or more) machines that share a journal the way people share one: through a sync tool.

Each ``Machine`` is a mindlog home of its own (``MINDLOG_HOME``), with its own machine id
(``MINDLOG_MACHINE_ID``, so each has its own device file even when the host name is the same, as
here, where every machine runs on this one host) and its own clock (``MINDLOG_NOW``), which a test
can skew and set back. Commands run as a person types them: in-process through Typer's CliRunner
with that machine's environment, or as real processes (``popen``) where processes matter.

A ``Link`` between two machines syncs their files the ways sync tools do:

- ``sync()``: both ways, remembering what each side had at the last sync (as Unison and
  Syncthing do): a file changed on one side is copied (or deleted) on the other; a file changed
  on both sides is a conflict, settled by ``how``: ``"newer"`` keeps the newer file (by
  modification time) on both sides; a tool's name (``"syncthing"``, ``"dropbox"``,
  ``"dropbox-named"``, ``"onedrive"``, ``"unison"``) keeps the newer file and puts the other
  beside it under that tool's name for a conflicted copy;
- ``only=`` limits a sync to some files (a partial sync: one file arrived, another not yet);
- ``whole=True`` syncs the whole home, ``state/`` included, not only the journal folder;
- ``push()`` copies one way only (newer over older), ``deliver()`` puts one file from one machine
  onto another as it is (late, stale or out of order), and ``conflict_copy()`` puts it beside the
  other machine's own version under a tool's conflict name, as a tool does instead of overwriting.

``clone()`` makes a machine from an image of another's disk: the same home and machine id, so the
two write one device file, and a sync between them makes conflicted copies of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from mindlog.cli.main import app
from mindlog.domain.journal import Journal, replay
from mindlog.store.eventlog import ReadResult, Store
from mindlog.store.paths import Locations

MINDLOG = [sys.executable, "-m", "mindlog"]

# The names the common sync tools give the copy they keep when one file changed on two machines.
CONFLICT_STYLES = ("syncthing", "dropbox", "dropbox-named", "nextcloud", "onedrive", "unison")


def conflict_name(name: str, style: str, n: int = 0) -> str:
    """The name ``style``'s tool gives a conflicted copy of ``name`` (``n`` tells copies apart)."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = "." + ext if ext else ""
    if style == "syncthing":
        return f"{stem}.sync-conflict-20261128-{101010 + n:06d}-ABCDEFG{ext}"
    if style == "dropbox":
        extra = f" ({n})" if n else ""
        return f"{stem} (conflicted copy 2026-11-28){extra}{ext}"
    if style == "dropbox-named":
        who = "Anna's laptop" if not n else f"Anna's laptop {n}"
        return f"{stem} ({who}'s conflicted copy){ext}"
    if style == "nextcloud":
        return f"{stem} (conflicted copy 2026-11-28 {101010 + n:06d}){ext}"
    if style == "onedrive":
        return f"{stem}-ANNASPC{n or ''}{ext}"
    if style == "unison":  # as Unison 2.52 names it with -copyonconflict (tests/test_unison.py)
        number = f" #{n}" if n else ""
        return f"{stem} (conflict{number}_on_2026-11-28){ext}"
    raise ValueError(style)


@dataclass
class Machine:
    """One computer with mindlog: its home, its machine id and its clock."""

    root: Path
    name: str
    machine_id: str
    now: datetime
    extra_env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.home = self.root / self.name
        self.runner = CliRunner()

    # -- where things are -----------------------------------------------------------------------

    @property
    def where(self) -> Locations:
        return Locations(self.home, self.home / "journal", self.home, self.home / "state")

    @property
    def journal_dir(self) -> Path:
        return self.home / "journal"

    def env(self, **extra: str) -> dict[str, str]:
        return {
            "MINDLOG_HOME": str(self.home),
            "MINDLOG_MACHINE_ID": self.machine_id,
            "MINDLOG_NOW": self.now.isoformat(),
            **self.extra_env,
            **extra,
        }

    @contextlib.contextmanager
    def environment(self) -> Iterator[None]:
        """This machine's environment in os.environ, for calling the domain layer directly."""
        saved = {k: os.environ.get(k) for k in self.env()}
        os.environ.update(self.env())
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value

    # -- the clock ------------------------------------------------------------------------------

    def set_clock(self, moment: datetime | str) -> None:
        self.now = datetime.fromisoformat(moment) if isinstance(moment, str) else moment

    def tick(self, **delta: float) -> None:
        """Move this machine's clock (back, with negative values)."""
        self.now = self.now + timedelta(**delta)

    # -- running commands -----------------------------------------------------------------------

    def run(self, *args: str, input: str | None = None, code: int | None = 0) -> Result:  # noqa: A002
        """Run a mindlog command on this machine, in-process, as a person would type it."""
        result = self.runner.invoke(
            app, list(args), input=input, env=self.env(), prog_name="mindlog"
        )
        if code is not None:
            assert result.exit_code == code, (
                f"{self.name}: mindlog {' '.join(args)}: exit {result.exit_code}, wanted {code}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}\n"
                f"exception: {result.exception!r}"
            )
        return result

    def popen(self, *args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
        """Start a mindlog command on this machine as a real process."""
        env = dict(os.environ)
        env.update(self.env())
        return subprocess.Popen([*MINDLOG, *args], env=env, **kwargs)

    def process(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:  # noqa: A002
        env = dict(os.environ)
        env.update(self.env())
        return subprocess.run(
            [*MINDLOG, *args],
            env=env,
            input=input,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    # -- what is stored -------------------------------------------------------------------------

    def read(self) -> ReadResult:
        return Store(self.where).read()

    def journal(self) -> Journal:
        """The journal as the domain layer reads it from this machine's disk."""
        return replay(self.read().events)

    def texts(self) -> list[str | None]:
        return sorted((e.text for e in self.journal().entries), key=str)

    def by_text(self, text: str) -> Any:
        (found,) = [e for e in self.journal().entries if e.text == text]
        return found

    def device_files(self) -> list[Path]:
        return sorted(self.journal_dir.glob("*.jsonl"))

    def own_file(self) -> Path:
        """This machine's device file (run a writing command first)."""
        with self.environment():
            return self.journal_dir / (Store(self.where).device() + ".jsonl")

    def files(self) -> Iterator[Path]:
        """Every file under this machine's home."""
        yield from (p for p in sorted(self.home.rglob("*")) if p.is_file() or p.is_symlink())

    def holding(self, words: str) -> list[Path]:
        """Every file under the home whose bytes hold ``words`` (as typed, or escaped in JSON)."""
        found = []
        needles = {words.encode(), words.encode("unicode_escape")}
        for path in self.files():
            if path.is_symlink():
                continue
            data = path.read_bytes()
            if any(n in data for n in needles):
                found.append(path)
        return found


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _copy(src: Path, dst: Path) -> None:
    """Copy a file with its modification time, as sync tools do (replacing ``dst`` whole)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.sync-tmp")
    tmp.write_bytes(src.read_bytes())
    st = src.stat()
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.chmod(tmp, 0o600)
    os.replace(tmp, dst)


def _skip(rel: str) -> bool:
    # The lock is a local file of each machine's; sync tools' own temporary files are not synced.
    name = rel.rsplit("/", 1)[-1]
    return name == ".lock" or name.endswith(".sync-tmp")


class Link:
    """A sync tool between two machines, remembering what each side had at the last sync."""

    def __init__(self, a: Machine, b: Machine) -> None:
        self.a, self.b = a, b
        self.base: dict[str, str | None] = {}
        self._copies = 0

    def _scope(self, m: Machine, whole: bool) -> Path:
        return m.home if whole else m.journal_dir

    def _rels(self, whole: bool) -> set[str]:
        rels: set[str] = set()
        for m in (self.a, self.b):
            top = self._scope(m, whole)
            if top.exists():
                for p in top.rglob("*"):
                    if p.is_file() and not p.is_symlink():
                        rel = p.relative_to(m.home).as_posix()
                        if not _skip(rel):
                            rels.add(rel)
        return rels

    def sync(
        self,
        how: str = "newer",
        only: Iterable[str] | None = None,
        whole: bool = False,
    ) -> list[str]:
        """Sync both ways; returns the names of the conflicted copies made."""
        made: list[str] = []
        wanted = set(only) if only is not None else None
        for rel in sorted(self._rels(whole)):
            name = rel.rsplit("/", 1)[-1]
            if wanted is not None and name not in wanted and rel not in wanted:
                continue
            pa, pb = self.a.home / rel, self.b.home / rel
            if pa.is_dir() or pb.is_dir():  # a folder where the other side has a file: a tool
                continue  # reports it and leaves both as they are
            ha, hb = _digest(pa), _digest(pb)
            base = self.base.get(rel)
            if ha == hb:
                self.base[rel] = ha
                continue
            if ha == base:  # only b changed it
                self._take(pb, pa)
            elif hb == base:  # only a changed it
                self._take(pa, pb)
            else:  # changed on both sides since the last sync
                if ha is None or hb is None:  # changed on one side, deleted on the other
                    src, dst = (pa, pb) if hb is None else (pb, pa)
                    self._take(src, dst)
                else:
                    newer_a = pa.stat().st_mtime_ns >= pb.stat().st_mtime_ns
                    win, lose = (pa, pb) if newer_a else (pb, pa)
                    if how != "newer":
                        copy_rel = self._conflict_rel(rel, how)
                        for m in (self.a, self.b):
                            _copy(lose, m.home / copy_rel)
                        self.base[copy_rel] = _digest(self.a.home / copy_rel)
                        made.append(copy_rel.rsplit("/", 1)[-1])
                    self._take(win, lose)
            self.base[rel] = _digest(pa)
        return made

    def _conflict_rel(self, rel: str, how: str) -> str:
        folder, _, name = rel.rpartition("/")
        while True:
            candidate = conflict_name(name, how, self._copies)
            self._copies += 1
            full = f"{folder}/{candidate}" if folder else candidate
            if not (self.a.home / full).exists() and not (self.b.home / full).exists():
                return full

    @staticmethod
    def _take(src: Path, dst: Path) -> None:
        if src.exists():
            _copy(src, dst)
        elif dst.exists():
            dst.unlink()


def push(src: Machine, dst: Machine, only: Iterable[str] | None = None) -> None:
    """Copy journal files one way, newer over older (a one-way mirror, deletions not carried)."""
    wanted = set(only) if only is not None else None
    for path in sorted(src.journal_dir.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(src.home).as_posix()
        if _skip(rel) or (wanted is not None and path.name not in wanted):
            continue
        target = dst.home / rel
        if not target.exists() or path.stat().st_mtime_ns > target.stat().st_mtime_ns:
            _copy(path, target)


def snapshot(m: Machine, name: str) -> bytes:
    """The bytes of one journal file of ``m`` now (to deliver later, out of order)."""
    return (m.journal_dir / name).read_bytes()


def deliver(data: bytes, dst: Machine, name: str, mtime_ns: int | None = None) -> Path:
    """Put ``data`` as journal file ``name`` on ``dst``, replacing what is there (a late arrival,
    keeping ``mtime_ns``, the time the file had where it came from, as sync tools do)."""
    target = dst.journal_dir / name
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{name}.sync-tmp")
    tmp.write_bytes(data)
    os.chmod(tmp, 0o600)
    if mtime_ns is not None:
        os.utime(tmp, ns=(mtime_ns, mtime_ns))
    os.replace(tmp, target)
    return target


def conflict_copy(src: Machine, dst: Machine, name: str, style: str, n: int = 0) -> Path:
    """Put ``src``'s journal file ``name`` on ``dst`` beside its own version, as a tool's
    conflicted copy named in ``style`` (instead of overwriting)."""
    target = dst.journal_dir / conflict_name(name, style, n)
    _copy(src.journal_dir / name, target)
    return target


def clone(m: Machine, name: str) -> Machine:
    """A machine made from an image of ``m``'s disk: its whole home (``state/`` included, with
    the cache and which device file is its own) and its machine id, so that it writes to the
    same device file as ``m``; modification times are kept, as an image keeps them."""
    twin = Machine(m.root, name, m.machine_id, m.now, dict(m.extra_env))
    shutil.copytree(m.home, twin.home, symlinks=True)
    return twin


def machines(root: Path, *names: str, now: str = "2026-11-28T10:00:00+01:00") -> list[Machine]:
    return [
        Machine(root, name, f"machine-{name}-{n:04d}", datetime.fromisoformat(now))
        for n, name in enumerate(names)
    ]
