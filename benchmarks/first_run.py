"""Benchmark: the first run on an existing journal (after an install, or after the cache was
removed), at 10 and 50 years, and greet at login while the cache is still to be built.

Run it with the interpreter mindlog is installed in:

    .venv/bin/python benchmarks/first_run.py                    # 10 and 50 years
    .venv/bin/python benchmarks/first_run.py --against OLD/src  # beside another mindlog's sources

Each round removes the cache (and the kept greeting) and runs `mindlog list -n 1`, which reads
the whole journal once and builds the cache; `greet` runs with the cache removed too (it never
waits: issue 25). With ``--against``, the same runs of another copy of mindlog's sources (a
checkout's ``src`` folder, run with PYTHONPATH) take turns with this one's, so the ratio of the
two is measured side by side on a busy machine. The homes are built as in benchmarks/run.py;
every figure is the median of its runs. Goals (issue 25): at most 1 s at 10 years, 4 s at 50.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import LAUNCHER, WORK, base_env, build_mindlog, forget_cache, run_once  # noqa: E402

GOALS = {10: 1000.0, 50: 4000.0}  # ms, the first run


# run.py's launcher, also printing the child's processor time (user and system): on a machine
# shared with other work, the wall time of a long run varies with the load; its CPU time much less.
CPU_LAUNCHER = LAUNCHER.replace(
    "print(elapsed, usage.ru_maxrss,",
    "print(elapsed, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss,",
)


def run_cpu(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall time and CPU time in ms, and peak memory in MiB, of one run of ``cmd``."""
    done = subprocess.run(
        [sys.executable, "-S", "-c", CPU_LAUNCHER, *cmd],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    elapsed, cpu, kib, code = done.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"{' '.join(cmd)} ended with {code}")
    return float(elapsed), float(cpu), int(kib) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, nargs="*", default=[10, 50])
    parser.add_argument("--runs", type=int, default=5, help="interleaved rounds")
    parser.add_argument("--against", type=Path, help="another mindlog's src folder")
    args = parser.parse_args()
    trees: dict[str, dict[str, str]] = {"this": {}}
    if args.against is not None:
        trees["against"] = {"PYTHONPATH": str(args.against.resolve())}
    homes = {}
    for years in args.years:
        home = WORK / "first-run" / f"{years}y"
        count = build_mindlog(home, years * 365)
        homes[years] = home
        print(
            f"{years} years: {count:,} entries, {sum(f.stat().st_size for f in (home / 'journal').iterdir()) / 1e6:.1f} MB"
        )
    cases = [("first run", ["list", "-n", "1"]), ("greet, no cache", ["greet"])]
    jobs = [(tree, years, case, argv) for tree in trees for years in homes for case, argv in cases]
    python = [sys.executable, "-c", "pass"]
    samples: dict[tuple[str, int, str], list[float]] = {}
    cpus: dict[tuple[str, int, str], list[float]] = {}
    memory: dict[tuple[str, int, str], float] = {}
    base: list[float] = []
    rng = random.Random(25)
    command = [sys.executable, "-m", "mindlog"]
    for n in range(args.runs):
        order = list(jobs)
        rng.shuffle(order)
        base.append(run_once(python, base_env())[0])
        for tree, years, case, argv in order:
            forget_cache(homes[years])
            env = base_env(MINDLOG_HOME=str(homes[years]), **trees[tree])
            ms, cpu, mib = run_cpu([*command, *argv], env)
            samples.setdefault((tree, years, case), []).append(ms)
            cpus.setdefault((tree, years, case), []).append(cpu)
            memory[(tree, years, case)] = max(memory.get((tree, years, case), 0.0), mib)
        print(f"\r  round {n + 1} of {args.runs}", end="", flush=True)
    print()
    start = statistics.median(base)
    print(f"python -c pass: {start:.1f} ms")
    failed = False
    for years in homes:
        for case, _ in cases:
            ms = statistics.median(samples[("this", years, case)])
            cpu = statistics.median(cpus[("this", years, case)])
            line = f"  {years:>2} years  {case:<16} {ms:7.0f} ms ({cpu:6.0f} ms CPU)"
            line += f"  {ms / start:6.1f}x start  {memory[('this', years, case)]:4.0f} MiB"
            if "against" in trees:
                other = statistics.median(samples[("against", years, case)])
                other_cpu = statistics.median(cpus[("against", years, case)])
                line += f"   against: {other:7.0f} ms ({other_cpu:6.0f} ms CPU);"
                line += f" this / against {ms / other:.2f} ({cpu / other_cpu:.2f} CPU)"
            if case == "first run" and years in GOALS:
                ok = ms <= GOALS[years]
                failed = failed or not ok
                line += f"   goal {GOALS[years] / 1000:.0f} s: {'ok' if ok else 'over'}"
            print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
