"""Encryption benchmark: each command on an encrypted 10-year journal beside the same journal plain.

    .venv/bin/python benchmarks/encryption.py [--runs 20] [--size "50 years"]

It builds the 10-year store of benchmarks/run.py (``build_mindlog``), copies it, turns encryption
on in the copy (``mindlog encrypt``, the passphrase from a file, which seals every line), unlocks
it, and times each command on both stores in one hyperfine run, so that the ratios compare runs
made side by side. Issue 13's bars: ``win`` on the encrypted journal at most 1.3x its plain time
(locked and unlocked: writing never needs the key); the dashboard, ``list -n 5`` and ``streaks``
(unlocked) at most 1.2x plain (issue 22, part 7; issue 13's bar was 1.5x). ``greet`` is shown too.
A separate file from run.py, which times everything else.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from run import DEVICE, NOW, SIZES, WORK, base_env, build_mindlog, mindlog_command, time_all


def clean_env(**extra: str) -> dict[str, str]:
    return base_env(**extra)


def time_commands(
    commands: dict[str, list[str]], env: dict[str, str], runs: int
) -> dict[str, float]:
    """The median time in ms of each command, the commands run interleaved (run.time_all)."""
    jobs = [("mindlog", label, "", argv, env) for label, argv in commands.items()]
    found = time_all(jobs, runs)
    return {label: found[("mindlog", label, "")]["ms"] for label in commands}


PASSPHRASE = "a benchmark passphrase, not a secret"


def own_file(home: Path) -> None:
    """Make the benchmark's device file the own file of the machine the timed commands run as."""
    machine = base_env()["MINDLOG_MACHINE_ID"]
    key = hashlib.blake2b(machine.encode(), digest_size=8).hexdigest()  # as Store._marker
    (home / "state" / f"device-{key}").write_text(DEVICE + "\n")


def build(runtime: str, size: str = "10 years") -> dict[str, str]:
    """The plain and the encrypted homes of a journal of ``size`` (built again each time)."""
    tag = "10y" if size == "10 years" else size.replace(" ", "-")
    plain = WORK / f"enc-plain-{tag}"
    sealed = WORK / f"enc-sealed-{tag}"
    for home in (plain, sealed):
        shutil.rmtree(home, ignore_errors=True)
    start = time.perf_counter()
    entries = build_mindlog(plain, SIZES[size])
    print(f"built the {size} store: {entries:,} entries in {time.perf_counter() - start:.1f} s")
    # The history is this device's own file on both sides (as on a person's machine), so that
    # `mindlog encrypt` seals every line of it (another device's file it leaves to that device)
    # and the wins timed go to the same file.
    own_file(plain)
    shutil.copytree(plain, sealed)
    secret = WORK / "enc-passphrase"
    secret.write_text(PASSPHRASE)
    env = clean_env(
        MINDLOG_HOME=str(sealed),
        MINDLOG_NOW=NOW,
        MINDLOG_PASSPHRASE_FILE=str(secret),
        XDG_RUNTIME_DIR=runtime,
    )
    start = time.perf_counter()
    subprocess.run([*mindlog_command(), "encrypt"], env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"mindlog encrypt (scrypt, then sealing every line): {time.perf_counter() - start:.1f} s")
    return {"plain": str(plain), "encrypted": str(sealed)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per command (default 20)")
    parser.add_argument(
        "--size",
        default="10 years",
        choices=[s for s in SIZES if s != "empty"],
        help="the journal's length (default: 10 years, where the bars apply)",
    )
    options = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    runtime = WORK / "enc-runtime"
    shutil.rmtree(runtime, ignore_errors=True)
    runtime.mkdir(mode=0o700)
    homes = build(str(runtime), options.size)
    mindlog = mindlog_command()
    env = clean_env(MINDLOG_NOW=NOW, NO_COLOR="1", COLUMNS="100", XDG_RUNTIME_DIR=str(runtime))
    env.pop("MINDLOG_HOME", None)
    env.pop("MINDLOG_PASSPHRASE_FILE", None)
    for home in homes.values():  # warm the greeting's summary on both sides
        subprocess.run(
            ["env", f"MINDLOG_HOME={home}", *mindlog, "greet"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    jobs = {
        "win": ["win", "-q", "benchmark win"],
        "greet": ["greet"],
        "dashboard": [],
        "list -n 5": ["list", "-n", "5"],
        "streaks": ["streaks"],
    }
    commands = {"python -c pass": [sys.executable, "-c", "pass"]}
    for label, home in homes.items():
        for name, args in jobs.items():
            commands[f"{name} {label}"] = ["env", f"MINDLOG_HOME={home}", *mindlog, *args]
    timings = time_commands(commands, env, options.runs)
    # win on a locked journal: the key gone from the runtime folder
    for item in os.scandir(runtime / "mindlog"):
        os.unlink(item.path)
    locked = time_commands(
        {
            "win plain": commands["win plain"],
            "win encrypted": commands["win encrypted"],
        },
        env,
        options.runs,
    )
    base = timings["python -c pass"]
    print(f"\n{'command':<14}{'plain':>10}{'encrypted':>12}{'ratio':>8}   bar")
    bars = {"win": 1.3, "dashboard": 1.2, "list -n 5": 1.2, "streaks": 1.2, "greet": None}
    results = []
    for name in jobs:
        plain, sealed = timings[f"{name} plain"], timings[f"{name} encrypted"]
        bar = bars[name]
        verdict = "" if bar is None else ("ok" if sealed / plain <= bar else "OVER") + f" {bar}x"
        print(f"{name:<14}{plain:>8.1f}ms{sealed:>10.1f}ms{sealed / plain:>7.2f}x   {verdict}")
        results.append((name, sealed / plain))
    plain, sealed = locked["win plain"], locked["win encrypted"]
    verdict = ("ok" if sealed / plain <= 1.3 else "OVER") + " 1.3x"
    print(f"{'win, locked':<14}{plain:>8.1f}ms{sealed:>10.1f}ms{sealed / plain:>7.2f}x   {verdict}")
    print(f"\n(medians; python -c pass: {base:.1f} ms; unlocked unless said; {options.size})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
