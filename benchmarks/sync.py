"""Benchmark: the first command after a sync, against a warm run, at 10 and 50 years.

Run it with the interpreter mindlog is installed in:

    .venv/bin/python benchmarks/sync.py            # 10 and 50 years
    .venv/bin/python benchmarks/sync.py --years 10 # one size

A person with two machines meets a sync at the first command of the day: another device's file
has grown by a line or two, or was rewritten by that device's compaction. Sync tools (Syncthing,
Dropbox, unison, rsync) deliver a file as a new copy renamed over the old one. For each size, four
homes hold the same history (built as in benchmarks/run.py) plus another device's file, each with
its cache warm; every round, one command (`mindlog`, the dashboard) runs in each, right after:

- warm: nothing changed;
- in place: one line appended to the other device's file;
- by rename: the other device's file written anew with one more line and renamed over the old;
- compaction: the other device's file written anew without its first line, renamed over the old.

The homes take turns (interleaved), each figure is the median of its runs, and each ratio is that
median over the warm run's median in the same rounds. The goals (issue 25): by rename at most 1.3x
warm, after a compaction at most 3x.

Then many device files (old machines, conflicted copies): the 10-year history spread over 1,000
device files, one in 25 of them a Syncthing conflicted copy holding half of another's lines, beside
the same history in one file. Each round the cache is removed and the command runs (the first
read), then runs again (warm). Goal (issue 25): the first read of 1,000 files at most 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (  # noqa: E402
    DEVICE,
    NOW,
    WORK,
    base_env,
    build_mindlog,
    mindlog_command,
    run_once,
)

OTHER = "laptop-0000beef.jsonl"
CASES = ("warm", "in place", "by rename", "compaction")
GOALS = {"by rename": 1.3, "compaction": 3.0}


class Other:
    """The other device's file in one home, and the lines written to it."""

    def __init__(self, home: Path) -> None:
        self.path = home / "journal" / OTHER
        self.rng = random.Random(str(home))
        self.clock = int(datetime.fromisoformat(NOW).timestamp() * 1_000_000)
        self.path.write_bytes(b"".join(self.line() for _ in range(40)))

    def line(self) -> bytes:
        self.clock += 1_000_000
        at = datetime.fromisoformat(NOW) + timedelta(microseconds=self.clock % 10**9)
        entry = {
            "id": f"{self.rng.getrandbits(48):012x}",
            "kind": "win",
            "day": at.date().isoformat(),
            "at": at.isoformat(timespec="seconds"),
            "text": "a walk before breakfast",
            "tags": [],
        }
        event = {"v": 2, "eid": f"{self.rng.getrandbits(64):016x}", "t": self.clock}
        event |= {"op": "add", "entry": entry}
        return (json.dumps(event, separators=(",", ":")) + "\n").encode()

    def grow_in_place(self) -> None:
        with self.path.open("ab") as out:
            out.write(self.line())

    def replace(self, data: bytes) -> None:
        tmp = self.path.with_name(f".syncthing.{OTHER}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, self.path)

    def grow_by_rename(self) -> None:
        self.replace(self.path.read_bytes() + self.line())

    def compact(self) -> None:
        lines = self.path.read_bytes().splitlines(keepends=True)
        self.replace(b"".join(lines[1:]) + self.line())


def spread(home: Path, files: int) -> None:
    """The history of ``home`` (one device file) spread over ``files`` device files, in turn, one
    in 25 of them a conflicted copy holding the first half of another's lines."""
    journal = home / "journal"
    source = journal / f"{DEVICE}.jsonl"
    lines = source.read_bytes().splitlines(keepends=True)
    source.unlink()
    rng = random.Random(files)
    copies = files // 25
    names = [DEVICE] + [f"old{n:04d}-{rng.getrandbits(32):08x}" for n in range(files - copies - 1)]
    held: dict[str, list[bytes]] = {name: [] for name in names}
    for n, line in enumerate(lines):
        held[names[n * len(names) // len(lines)]].append(line)
    for name, part in held.items():
        (journal / f"{name}.jsonl").write_bytes(b"".join(part))
    for n in range(copies):
        part = held[names[1 + n]]
        copy = journal / f"{names[1 + n]}.sync-conflict-20261128-101010-ABCDEF{n % 10}.jsonl"
        copy.write_bytes(b"".join(part[: len(part) // 2]))


def many_files(command: list[str], files: int, runs: int) -> bool:
    """The first read and a warm run of 1,000 device files, beside one file; True: goal met."""
    homes = {"one file": WORK / "sync" / "files-1", f"{files:,} files": WORK / "sync" / "files-n"}
    for home in homes.values():
        build_mindlog(home, 10 * 365)
    spread(homes[f"{files:,} files"], files)
    samples: dict[str, list[float]] = {}
    for n in range(runs):
        for label, home in homes.items():
            for name in ("cache.sqlite3",):
                (home / "state" / name).unlink(missing_ok=True)
            env = base_env(MINDLOG_HOME=str(home))
            samples.setdefault(f"{label}, first read", []).append(run_once(command, env)[0])
            samples.setdefault(f"{label}, warm", []).append(run_once(command, env)[0])
        print(f"\r  many files: round {n + 1} of {runs}", end="", flush=True)
    print()
    ok = True
    for label, found in samples.items():
        ms = statistics.median(found)
        verdict = ""
        if label == f"{files:,} files, first read":
            ok = ms <= 2000
            verdict = "  ok" if ok else "  over 2 s"
        print(f"  {label:<26} {ms:8.0f} ms{verdict}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, nargs="*", default=[10, 50])
    parser.add_argument("--runs", type=int, default=7, help="interleaved rounds")
    parser.add_argument("--files", type=int, default=1000, help="device files (0: not timed)")
    args = parser.parse_args()
    command = mindlog_command()
    failed = False
    for years in args.years:
        homes: dict[str, Path] = {}
        others: dict[str, Other] = {}
        for case in CASES:
            home = WORK / "sync" / f"{years}y-{case.replace(' ', '-')}"
            build_mindlog(home, years * 365)
            others[case] = Other(home)
            homes[case] = home
            run_once(command, base_env(MINDLOG_HOME=str(home)))  # the cache, built once
        change = {
            "warm": lambda: None,
            "in place": others["in place"].grow_in_place,
            "by rename": others["by rename"].grow_by_rename,
            "compaction": others["compaction"].compact,
        }
        samples: dict[str, list[float]] = {case: [] for case in CASES}
        rng = random.Random(years)
        for n in range(args.runs):
            order = list(CASES)
            rng.shuffle(order)
            for case in order:
                change[case]()
                ms, _ = run_once(command, base_env(MINDLOG_HOME=str(homes[case])))
                samples[case].append(ms)
            print(f"\r  {years} years: round {n + 1} of {args.runs}", end="", flush=True)
        print()
        warm = statistics.median(samples["warm"])
        for case in CASES:
            ms = statistics.median(samples[case])
            ratio = ms / warm
            goal = GOALS.get(case)
            verdict = "" if goal is None else ("  ok" if ratio <= goal else f"  over {goal}x")
            failed = failed or bool(goal and ratio > goal)
            print(f"  {years:>2} years  {case:<11} {ms:8.0f} ms  {ratio:5.2f}x warm{verdict}")
    if args.files and not many_files(command, args.files, args.runs):
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
