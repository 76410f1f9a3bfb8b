"""Start-up benchmark: mindlog on an empty store and on a 10-year store, beside jrnl 4.6.

Run it with the interpreter mindlog is installed in (the same one times ``python -c pass``):

    .venv/bin/python benchmarks/run.py              # everything (installs jrnl 4.6 once)
    .venv/bin/python benchmarks/run.py --no-jrnl    # mindlog only

It builds, under benchmarks/.work/ (git-ignored):
- an empty mindlog home, and a 10-year one: 3,650 days, a morning every day, 0 to 8 wins a day,
  a new commitment statement each month (about 18,000 entries), written through the store's own
  write path (``Store.append``, a batch per month);
- a virtual environment with jrnl 4.6 from PyPI, and jrnl journals of the same sizes (the 10-year
  one written directly in jrnl's plain-text format: adding 18,000 entries through jrnl itself would
  take hours).

Then it times, with hyperfine when it is installed (else a loop of runs, median), each command
beside ``python -c pass`` in the same run, and prints the ratios, the 10-year/empty ratios and the
peak memory (maximum resident set size of each command, from wait4). Targets (issue 4): greet and
win each at most 8x ``python -c pass`` on the 10-year store, at most 1.25x their empty-store time,
and greet at most 60 MiB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
NOW = "2026-11-28T09:30:00+01:00"
TODAY = date(2026, 11, 28)
YEARS_DAYS = 3650
JRNL_VERSION = "4.6"

SENTENCE = (
    "walked to the park called my sister cooked a real dinner answered two emails went to group "
    "read ten pages stretched for five minutes opened the curtains took my medication on time "
    "said no kindly wrote in my journal tidied the kitchen watered the plants listened to music "
    "sat outside in the sun texted a friend back made the appointment"
)
WORDS = SENTENCE.split()


def mindlog_command() -> list[str]:
    script = Path(sys.executable).with_name("mindlog")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mindlog"]


# -- building the stores -------------------------------------------------------------------------


def build_mindlog(home: Path, days: int, seed: int = 4) -> int:
    """Write ``days`` days of history ending today through Store.append; return the entry count."""
    os.environ["MINDLOG_HOME"] = str(home)
    from mindlog.config import DEFAULT_ROUTINE
    from mindlog.journal import add_event
    from mindlog.paths import locations
    from mindlog.store import Store

    store = Store(locations())
    rng = random.Random(seed)
    tz = timezone(timedelta(hours=1))
    count = 0
    batch: list[dict[str, object]] = []
    first = TODAY - timedelta(days=days - 1)
    for n in range(days):
        day = first + timedelta(days=n)
        at = datetime(day.year, day.month, day.day, 8, 0, tzinfo=tz)
        if day.day == 1 or n == 0:
            text = f"Statement of {day:%B %Y}: " + " ".join(rng.choices(WORDS, k=30))
            batch.append(add_event("commitment", day, at.isoformat(timespec="seconds"), text))
            count += 1
        done = rng.sample(DEFAULT_ROUTINE, rng.randint(1, len(DEFAULT_ROUTINE)))
        stamp = (at + timedelta(minutes=5)).isoformat(timespec="seconds")
        batch.append(
            add_event("morning", day, stamp, None, done=done, routine=list(DEFAULT_ROUTINE))
        )
        count += 1
        for w in range(rng.randint(0, 8)):
            stamp = (at + timedelta(hours=1 + w)).isoformat(timespec="seconds")
            tags = rng.sample(
                ("meaning", "choice", "competence", "progress", "walk"), rng.randint(0, 2)
            )
            batch.append(add_event("win", day, stamp, " ".join(rng.choices(WORDS, k=8)), tags))
            count += 1
        if day.day == 28 or n == days - 1:
            store.append(batch)
            batch = []
    return count


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for timed commands: bytecode caching on, as on a person's machine (a
    PYTHONDONTWRITEBYTECODE left set would make every run compile mindlog's modules again)."""
    env = dict(os.environ)
    for name in ("PYTHONDONTWRITEBYTECODE", "MINDLOG_NO_GREET", "PYTHONPROFILEIMPORTTIME"):
        env.pop(name, None)
    env.update(extra)
    return env


def jrnl_config(home: Path, journal: Path) -> dict[str, str]:
    config = home / ".config" / "jrnl" / "jrnl.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: true\n"
        "indent_character: '|'\njournals:\n  default:\n"
        f"    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\n"
        f"version: v{JRNL_VERSION}\n"
    )
    env = clean_env()
    env.update(
        HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local")
    )
    return env


def build_jrnl(journal: Path, days: int, seed: int = 4) -> int:
    """The same history as build_mindlog, in jrnl's plain-text format."""
    rng = random.Random(seed)
    parts = []
    first = TODAY - timedelta(days=days - 1)
    for n in range(days):
        day = first + timedelta(days=n)
        at = datetime(day.year, day.month, day.day, 8, 0)
        if day.day == 1 or n == 0:
            parts.append((at, f"Statement of {day:%B %Y}: " + " ".join(rng.choices(WORDS, k=30))))
        rng.sample(range(4), rng.randint(1, 4))
        parts.append((at + timedelta(minutes=5), "Morning routine done."))
        for w in range(rng.randint(0, 8)):
            rng.sample(range(5), rng.randint(0, 2))
            parts.append((at + timedelta(hours=1 + w), " ".join(rng.choices(WORDS, k=8))))
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_text(
        "".join(f"[{t.strftime('%Y-%m-%d %I:%M:%S %p')}] {text}\n\n" for t, text in parts)
    )
    return len(parts)


def jrnl_venv() -> Path | None:
    venv = WORK / "jrnl-venv"
    exe = venv / "bin" / "jrnl"
    if exe.exists():
        return exe
    print(f"installing jrnl {JRNL_VERSION} into {venv} ...", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", f"jrnl=={JRNL_VERSION}"],
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"could not install jrnl ({exc}); timing mindlog only")
        return None
    return exe if exe.exists() else None


# -- timing ----------------------------------------------------------------------------------------


def time_commands(
    commands: dict[str, list[str]], env: dict[str, str], runs: int
) -> dict[str, float]:
    """Mean wall time of each command in milliseconds, all in one hyperfine run when possible."""
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        out = WORK / "hyperfine.json"
        args = [
            hyperfine,
            "-N",
            "--warmup",
            "3",
            "--runs",
            str(runs),
            "--export-json",
            str(out),
            "--style",
            "none",
        ]
        for name, cmd in commands.items():
            args += ["-n", name, " ".join(_quote(c) for c in cmd)]
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
        results = json.loads(out.read_text())["results"]
        return {r["command"]: r["median"] * 1000 for r in results}
    timings: dict[str, float] = {}
    for name, cmd in commands.items():
        samples = []
        for i in range(runs + 3):
            start = time.perf_counter()
            subprocess.run(
                cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            )
            if i >= 3:
                samples.append((time.perf_counter() - start) * 1000)
        timings[name] = statistics.median(samples)
    return timings


def _quote(arg: str) -> str:
    return f'"{arg}"' if " " in arg else arg


def peak_mib(cmd: list[str], env: dict[str, str]) -> float:
    """Maximum resident set size of one run of ``cmd``, in MiB: /usr/bin/time's %M when it is
    there, else wait4's rusage of the child (which can include what the fork copied from here)."""
    if Path("/usr/bin/time").exists():
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", *cmd],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        return int(done.stderr.strip().splitlines()[-1]) / 1024
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return usage.ru_maxrss / 1024


def time_default_folders(mindlog: list[str], store: Path, runs: int) -> float:
    """greet's ratio to `python -c pass` when MINDLOG_HOME is unset, as for most people: a HOME
    whose usual folders lead to the 10-year store."""
    home = WORK / "default-home"
    links = {
        home / ".local" / "share" / "mindlog": store,
        home / ".local" / "state" / "mindlog": store / "state",
        home / ".config" / "mindlog": store,
    }
    for link, target in links.items():
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.is_symlink():
            link.symlink_to(target)
    env = clean_env(HOME=str(home), MINDLOG_NOW=NOW)
    for name in ("MINDLOG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        env.pop(name, None)
    commands = {"python -c pass": [sys.executable, "-c", "pass"], "greet": [*mindlog, "greet"]}
    timings = time_commands(commands, env, runs)
    return timings["greet"] / timings["python -c pass"]


def side_by_side(mindlog: list[str], homes: dict[str, Path], runs: int) -> dict[str, float]:
    """Each of greet and win on both stores within one timing run, so that the 10-year/empty
    ratio compares runs made side by side (the stores are chosen by `env MINDLOG_HOME=...`,
    the same small cost on both sides)."""
    env = clean_env(MINDLOG_NOW=NOW, NO_COLOR="1", COLUMNS="100")
    env.pop("MINDLOG_HOME", None)
    commands = {}
    for label, home in homes.items():
        commands[f"greet {label}"] = ["env", f"MINDLOG_HOME={home}", *mindlog, "greet"]
        commands[f"win {label}"] = ["env", f"MINDLOG_HOME={home}", *mindlog, "win", "-q", "side"]
    timings = time_commands(commands, env, runs)
    return {
        name: timings[f"{name} 10 years"] / timings[f"{name} empty"] for name in ("greet", "win")
    }


# -- main ------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-jrnl", action="store_true", help="time mindlog only")
    parser.add_argument("--runs", type=int, default=20, help="runs per command (default 20)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per store (default 3)")
    parser.add_argument("--rebuild", action="store_true", help="build the jrnl journal again")
    options = parser.parse_args()

    WORK.mkdir(exist_ok=True)
    mindlog = mindlog_command()
    homes = {"empty": WORK / "mindlog-empty", "10 years": WORK / "mindlog-10y"}
    # Built afresh every time (it takes a moment), so that the wins the timing adds never pile up.
    for home in homes.values():
        shutil.rmtree(home, ignore_errors=True)
    start = time.perf_counter()
    entries = build_mindlog(homes["10 years"], YEARS_DAYS)
    print(
        f"built the 10-year mindlog store: {entries:,} entries "
        f"in {time.perf_counter() - start:.1f} s"
    )
    homes["empty"].mkdir(parents=True)

    print(f"interpreter: {sys.executable} (Python {sys.version.split()[0]})")
    print(f"mindlog: {' '.join(mindlog)}\n")
    rows: dict[str, dict[str, float]] = {}
    # The homes take turns, round after round; each command keeps its least disturbed round (the
    # lowest ratio to `python -c pass` of the same run), so that a busy moment on the machine
    # does not decide a figure.
    order = [(n, label, home) for n in range(options.rounds) for label, home in homes.items()]
    for round_number, label, home in order:
        env = clean_env(MINDLOG_HOME=str(home), MINDLOG_NOW=NOW, NO_COLOR="1", COLUMNS="100")
        if label == "10 years" and round_number == 0:
            (home / "state" / "summary.json").unlink(missing_ok=True)
            start = time.perf_counter()
            subprocess.run([*mindlog, "greet"], env=env, check=True, stdout=subprocess.DEVNULL)
            cold = (time.perf_counter() - start) * 1000
            print(
                "first greet after the summary was dropped "
                f"(a full read, then saved): {cold:.0f} ms"
            )
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "mindlog greet": [*mindlog, "greet"],
            # every terminal after the day's first: the marker is there, nothing to print
            "greet --once, later": [*mindlog, "greet", "--once"],
            "mindlog": [*mindlog],
            "mindlog win": [*mindlog, "win", "-q", "benchmark win"],
        }
        timings = time_commands(commands, env, options.runs)
        base = timings["python -c pass"]
        for name, cmd in commands.items():
            row = rows.setdefault(name, {})
            if timings[name] / base < row.get(f"{label} x", float("inf")):
                row[f"{label} ms"] = timings[name]
                row[f"{label} x"] = timings[name] / base
            if round_number == 0:
                row[f"{label} MiB"] = peak_mib(cmd, env)
    default_folders = time_default_folders(mindlog, homes["10 years"], options.runs)
    growth = side_by_side(mindlog, homes, max(options.runs, 30))

    if not options.no_jrnl:
        exe = jrnl_venv()
        if exe is not None:
            for label, days in (("empty", 0), ("10 years", YEARS_DAYS)):
                jhome = WORK / ("jrnl-empty" if days == 0 else "jrnl-10y")
                journal = jhome / "journal.txt"
                if days == 0:
                    shutil.rmtree(jhome, ignore_errors=True)
                    journal.parent.mkdir(parents=True)
                    journal.write_text("")
                elif not journal.exists() or options.rebuild:
                    print(f"built the 10-year jrnl journal: {build_jrnl(journal, days):,} entries")
                env = jrnl_config(jhome, journal)
                base_cmd = {"python -c pass": [sys.executable, "-c", "pass"]}
                jcmds = {
                    'jrnl "text"': [str(exe), "benchmark entry"],
                    "jrnl -n 5": [str(exe), "-n", "5"],
                }
                timings = time_commands(base_cmd | jcmds, env, max(5, options.runs // 3))
                base = timings["python -c pass"]
                for name, cmd in jcmds.items():
                    row = rows.setdefault(name, {})
                    row[f"{label} ms"] = timings[name]
                    row[f"{label} x"] = timings[name] / base
                    row[f"{label} MiB"] = peak_mib(cmd, env)

    print()
    header = (
        f"{'command':<22}{'empty':>10}{'x pass':>8}{'10 years':>10}{'x pass':>8}"
        f"{'10y/empty':>11}{'peak MiB':>10}"
    )
    print(header)
    print("-" * len(header))
    for name, row in rows.items():
        # 10-year time over empty-store time, each first divided by `python -c pass` of its own
        # run: the machine's drift between the two runs cancels out.
        row["growth"] = row["10 years x"] / row["empty x"]
        print(
            f"{name:<22}{row['empty ms']:>8.1f}ms{row['empty x']:>7.2f}x"
            f"{row['10 years ms']:>8.1f}ms{row['10 years x']:>7.2f}x"
            f"{row['growth']:>10.2f}x{row['10 years MiB']:>10.1f}"
        )
    print(
        "\n(median of the runs, best of the rounds; 'x pass': the ratio to `python -c pass`"
        "\n timed in the same run;"
        "\n 10y/empty: the ratio of the two 'x pass' figures; peak MiB: maximum resident set size)"
    )
    checks = []
    for name in ("mindlog greet", "mindlog win"):
        row = rows[name]
        checks.append((f"{name} <= 8x python -c pass (10 years)", row["10 years x"] <= 8))
        ratio = growth[name.split()[1]]
        checks.append(
            (f"{name} <= 1.25x its empty-store time (side by side: {ratio:.2f}x)", ratio <= 1.25)
        )
    checks.append(
        ("mindlog greet peak memory <= 60 MiB", rows["mindlog greet"]["10 years MiB"] <= 60)
    )
    print(
        "\nWithout MINDLOG_HOME (platformdirs finds the folders; the 10-year store): "
        f"mindlog greet {default_folders:.2f}x python -c pass"
    )
    print()
    for what, ok in checks:
        print(f"  {'ok  ' if ok else 'OVER'} {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
