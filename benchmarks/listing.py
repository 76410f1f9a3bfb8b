"""Benchmark: `mindlog list` piped, in lines a second, on long journals (issue 25: at least 100,000).

    .venv/bin/python benchmarks/listing.py            # 50 years, and 50 years of busy days
    .venv/bin/python benchmarks/listing.py --runs 9

It builds its journals under benchmarks/.work/ (git-ignored) as benchmarks/run.py does (one device
file of schema 2 lines: every day a morning, wins, a statement on the first of the month), reads
each once so that the cache is built (as on a person's machine after the first command), then
times ``mindlog list`` and ``mindlog list -n 100000`` with standard output a pipe that this script
reads to the end, counting lines, as ``| wc -l`` would. Each figure is the median of its runs,
from the start of the process to its end (Python's start included); the peak memory is the
child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402  (benchmarks/run.py: the journals and the environment)

GOAL = 100_000  # lines a second, piped (issue 25)
JOURNALS = {"50 years": (18250, 8), "50 busy years": (18250, 20)}  # (days, wins a day at most)
COMMANDS = {"list": ["list"], "list -n 100000": ["list", "-n", "100000"]}


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, int, float, float]:
    """Seconds from start to end, lines read from standard output, peak memory in MiB, and the
    child's processor seconds (user and system: what a busy machine's other work does not
    lengthen)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    lines = 0
    while block := child.stdout.read(1 << 16):
        lines += block.count(b"\n")
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} ended with {child.returncode}")
    return elapsed, lines, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    mindlog = bench.mindlog_command()
    rows = []
    slowest = float("inf")
    for name, (days, wins) in JOURNALS.items():
        home = bench.WORK / f"listing-{days}-{wins}"
        entries = bench.build_mindlog(home, days, wins=wins)
        env = bench.base_env(MINDLOG_HOME=str(home))
        timed([*mindlog, "list", "-n", "1"], env)  # the cache, built once
        for command, args in COMMANDS.items():
            samples = [timed([*mindlog, *args], env) for _ in range(options.runs)]
            seconds = statistics.median(s[0] for s in samples)
            lines = samples[0][1]
            rate = lines / seconds
            slowest = min(slowest, rate)
            memory = max(s[2] for s in samples)
            cpu = statistics.median(s[3] for s in samples)
            rows.append(
                f"| {name} ({entries:,} entries) | `mindlog {command}` | {lines:,} | "
                f"{seconds:.2f} s | {rate:,.0f} | {lines / cpu:,.0f} | {memory:.0f} MiB |"
            )
            print(rows[-1], flush=True)
    print()
    print(
        "| journal | command (piped) | lines | time | lines a second | lines a processor second"
        " | peak memory |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    met = slowest >= GOAL
    print(f"\nslowest: {slowest:,.0f} lines a second ({'meets' if met else 'below'} {GOAL:,})")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
