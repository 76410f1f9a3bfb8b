"""Benchmark: every everyday command on an empty, a 10-year and a 50-year journal, beside jrnl 4.6.

Run it with the interpreter mindlog is installed in (the same one times ``python -c pass``):

    .venv/bin/python benchmarks/run.py              # everything (installs jrnl 4.6 once)
    .venv/bin/python benchmarks/run.py --no-jrnl    # mindlog only
    .venv/bin/python benchmarks/run.py --million    # also a journal of a million entries

It builds, under benchmarks/.work/ (git-ignored), journals written directly as device files
(schema 2 lines, what ``mindlog import`` and a person's years of use leave): every day a morning,
0 to 8 wins and, on the first of the month, a new commitment statement; on the first day a
practice of their own (walk, then done on most days), three boosts and a support plan (10 years:
about 21,000 entries; 50 years: about 105,000); the same history in jrnl's plain-text format
(mornings, wins and statements); and a virtual environment with jrnl 4.6 from PyPI.

Timing: every command of every store and ``python -c pass`` take turns, run after run
(interleaved), so that a busy moment on the machine falls on all of them alike; each figure is
the median of its runs, and each ratio is that median over the median of ``python -c pass``.
Peak memory is the child's maximum resident set size (wait4). mindlog's cache is built before
timing (one run of each store), as it is on a person's machine after the first command.

It prints the table, writes it to benchmarks/results.md and draws benchmarks/results.svg (time
against journal size, mindlog and jrnl), then checks the goals of issue 11.
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
JRNL_VERSION = "4.6"
DEVICE = "bench-0000abcd"
SIZES = {"empty": 0, "10 years": 3650, "50 years": 18250}
ROUTINE = [
    "Re-read my commitment statement",
    "Drink a glass of water",
    "Five minutes of movement",
    "Set one intention for today",
]
SENTENCE = (
    "walked to the park called my sister cooked a real dinner answered two emails went to group "
    "read ten pages stretched for five minutes opened the curtains took my medication on time "
    "said no kindly wrote in my journal tidied the kitchen watered the plants listened to music "
    "sat outside in the sun texted a friend back made the appointment"
)
WORDS = SENTENCE.split()

# command name -> (mindlog arguments, jrnl arguments or None)
COMMANDS: dict[str, tuple[list[str], list[str] | None]] = {
    "win TEXT": (["win", "-q", "benchmark win"], ["benchmark entry"]),
    "greet": (["greet"], None),
    "status": (["status"], None),
    "dashboard": ([], None),
    "streaks": (["streaks"], None),
    "reflect": (["reflect"], None),
    "list -n 5": (["list", "-n", "5"], ["-n", "5"]),
    "list --search WORD": (["list", "--search", "sister"], ["-contains", "sister"]),
    "morning --all": (["morning", "--all"], None),
    "list --json": (["list", "--json"], ["--format", "json"]),
    "export (md)": (["export"], ["--format", "markdown"]),
    "--help": (["--help"], ["--help"]),
    "help COMMAND": (["help", "export"], None),
    # the other everyday commands (issue 25): each at most 6x `python -c pass` at 10 years
    "did NAME": (["did", "walk"], None),
    "checkin --mood N": (["checkin", "--mood", "3", "--sleep", "4"], None),
    "urge --strength N": (["urge", "--strength", "2", "--instead", "tea", "--passed"], None),
    "bring-up TEXT": (["bring-up", "benchmark note"], None),
    "rest": (["rest", "--date", "yesterday"], None),
    "practice list": (["practice", "list"], None),
    "support": (["support"], None),
    "commit --show": (["commit", "--show"], None),
    "routine": (["routine"], None),
    "boost list": (["boost", "list"], None),
    # The first run on an existing journal: the cache removed before each run, then built whole
    # (after an install; benchmarks/first_run.py times it beside another version, and greet).
    "first run": (["list", "-n", "1"], None),
}
NOT_EMPTY = {"did NAME"}  # needs the practice the other journals set up on their first day
EVERYDAY = ("did NAME", "checkin --mood N", "urge --strength N", "bring-up TEXT", "rest")
EVERYDAY += ("practice list", "support", "commit --show", "routine", "boost list")
FRESH = ("first run",)  # the cache is removed before each run of these
FIRST_RUN_GOALS = {"10 years": 1000, "50 years": 4000}  # ms (issue 25)
GOALS_10Y = {"win TEXT": 4, "greet": 4, "status": 4, "dashboard": 8, "streaks": 8, "reflect": 8}
GOALS_10Y |= {"list -n 5": 15, "list --search WORD": 15, "morning --all": 15}
GOALS_10Y |= {"list --json": 25, "export (md)": 25}
GOALS_10Y |= {"--help": 10, "help COMMAND": 10}  # issue 23: help costs at most 10 starts
GOALS_10Y |= {name: 6 for name in EVERYDAY}  # issue 25: every everyday command
FLAT = ("greet", "status", "win TEXT", "dashboard", "streaks", "list -n 5", "morning --all")


def mindlog_command() -> list[str]:
    script = Path(sys.executable).with_name("mindlog")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mindlog"]


# -- building the journals -----------------------------------------------------------------------


def history(days: int, seed: int = 4, wins: int = 8):
    """(moment, kind, text, tags, done) of every entry of ``days`` days ending today."""
    rng = random.Random(seed)
    tz = timezone(timedelta(hours=1))
    first = TODAY - timedelta(days=days - 1)
    for n in range(days):
        day = first + timedelta(days=n)
        at = datetime(day.year, day.month, day.day, 8, 0, tzinfo=tz)
        if day.day == 1 or n == 0:
            yield (
                at,
                "commitment",
                f"Statement of {day:%B %Y}: " + " ".join(rng.choices(WORDS, k=30)),
                [],
                None,
            )
        done = rng.sample(ROUTINE, rng.randint(1, len(ROUTINE)))
        yield at + timedelta(minutes=5), "morning", None, [], done
        for w in range(rng.randint(0, wins)):
            tags = rng.sample(
                ("meaning", "choice", "competence", "progress", "walk"), rng.randint(0, 2)
            )
            text = " ".join(rng.choices(WORDS, k=8))
            yield (
                at + timedelta(hours=1, minutes=w * (600 // max(wins, 1))),
                "win",
                text,
                tags,
                None,
            )


def with_practices(entries, rng: random.Random):
    """``entries`` with what a person sets up on the first day (a practice of their own, a few
    boosts, their support plan) and a day of that practice on most mornings."""
    first = True
    for at, kind, text, tags, done in entries:
        if first:
            first = False
            yield at, "practicedef", None, [], {"name": "walk", "per_week": 7}
            for n, song in enumerate(("Here Comes the Sun", "A long bath", "Call Sam")):
                yield at, "boost", song, [], {"pos": float(n + 1)}
            for n, (section, item) in enumerate(
                (("reasons", "My sister"), ("coping", "A walk round the block"),
                 ("people", "Sam, 07700 900123"))
            ):  # fmt: skip
                yield at, "planitem", item, [], {"section": section, "pos": float(n + 1)}
        yield at, kind, text, tags, done
        if kind == "morning" and rng.random() < 0.7:
            yield at + timedelta(hours=9), "practice", None, [], {"name": "walk"}


def build_mindlog(home: Path, days: int, wins: int = 8) -> int:
    """A mindlog home whose journal holds ``days`` days of history, written as one device file."""
    shutil.rmtree(home, ignore_errors=True)
    (home / "journal").mkdir(parents=True)
    (home / "state").mkdir()
    (home / "journal" / "format.json").write_text('{"schema": 2}\n')
    (home / "state" / "device.json").write_text(json.dumps({"benchmark": DEVICE}) + "\n")
    rng = random.Random(7)
    count = 0
    with open(home / "journal" / f"{DEVICE}.jsonl", "w", encoding="utf-8") as out:
        for at, kind, text, tags, done in with_practices(history(days, wins=wins), rng):
            entry = {
                "id": f"{rng.getrandbits(48):012x}",
                "kind": kind,
                "day": at.date().isoformat(),
                "at": at.isoformat(timespec="seconds"),
                "text": text,
                "tags": tags,
            }
            if isinstance(done, dict):  # the fields of a practice, a boost, a plan item
                entry |= done
            elif done is not None:
                entry |= {"done": done, "routine": ROUTINE}
            line = {
                "v": 2,
                "eid": f"{rng.getrandbits(64):016x}",
                "t": int(at.timestamp() * 1_000_000),
                "op": "add",
                "entry": entry,
            }
            out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    return count


def build_jrnl(journal: Path, days: int) -> int:
    """The same history in jrnl's plain-text format."""
    parts = [(at, text or "Morning routine done.") for at, _, text, _, _ in history(days)]
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_text(
        "".join(f"[{t.strftime('%Y-%m-%d %I:%M:%S %p')}] {text}\n\n" for t, text in parts)
    )
    return len(parts)


def jrnl_home(home: Path, journal: Path) -> dict[str, str]:
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
    return {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home)}


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


def base_env(**extra: str) -> dict[str, str]:
    """The environment of every timed command: bytecode caching on, as on a person's machine."""
    env = dict(os.environ)
    for name in ("PYTHONDONTWRITEBYTECODE", "MINDLOG_NO_GREET", "PYTHONPROFILEIMPORTTIME"):
        env.pop(name, None)
    env |= {"MINDLOG_NOW": NOW, "MINDLOG_MACHINE_ID": "benchmark", "NO_COLOR": "1"}
    env |= {"COLUMNS": "100"} | extra
    return env


# Each command is started from this small launcher (a fresh interpreter without site, which
# forks and execs it): the child's peak memory (ru_maxrss from wait4) then counts nothing of the
# benchmark's own memory, which a child started straight from here would inherit in the count.
LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
elapsed = (time.perf_counter() - start) * 1000
print(elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time in ms (fork to exit) and peak memory in MiB (the maximum resident set size)."""
    done = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, *cmd],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    elapsed, kib, code = done.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"{' '.join(cmd)} ended with {code}")
    return float(elapsed), int(kib) / 1024


Job = tuple[str, str, str, list[str], dict[str, str]]  # (tool, command, store, argv, env)


def forget_cache(home: Path) -> None:
    """Remove mindlog's cache and kept greeting: the next command reads the journal whole."""
    for name in ("cache.sqlite3", "greeting.json"):
        (home / "state" / name).unlink(missing_ok=True)


def time_all(
    jobs: list[Job], runs: int, seed: int = 11
) -> dict[tuple[str, str, str], dict[str, float]]:
    """Run every job ``runs`` times, interleaved (a new random order each round)."""
    samples: dict[tuple[str, str, str], list[float]] = {}
    memory: dict[tuple[str, str, str], float] = {}
    rng = random.Random(seed)
    for n in range(runs):
        order = list(jobs)
        rng.shuffle(order)
        for tool, name, store, argv, env in order:
            if name in FRESH:
                forget_cache(Path(env["MINDLOG_HOME"]))
            ms, mib = run_once(argv, env)
            samples.setdefault((tool, name, store), []).append(ms)
            memory[(tool, name, store)] = max(memory.get((tool, name, store), 0.0), mib)
        print(f"\r  round {n + 1} of {runs}", end="", flush=True)
    print()
    return {
        key: {"ms": statistics.median(values), "MiB": memory[key]}
        for key, values in samples.items()
    }


# -- the report ------------------------------------------------------------------------------------


def table(results, stores: list[str], tools: list[str]) -> list[str]:
    base = results[("python", "python -c pass", "-")]["ms"]
    # A column with nothing timed in it (jrnl is not timed at a million entries) is left out.
    columns = [
        (t, s) for t in tools for s in stores if any(k[0] == t and k[2] == s for k in results)
    ]
    head = "| command | " + " | ".join(f"{tool} {store}" for tool, store in columns) + " |"
    lines = [
        f"`python -c pass`: {base:.1f} ms. Each cell: the ratio to it (median of interleaved runs), "
        "the time, and the peak memory.",
        "",
        head,
        "|---|" + "---|" * len(columns),
    ]
    for name in COMMANDS:
        cells = []
        for tool, store in columns:
            got = results.get((tool, name, store))
            cells.append(
                f"{got['ms'] / base:.1f}x ({got['ms']:.0f} ms, {got['MiB']:.0f} MiB)"
                if got
                else "–"
            )
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    return lines


def svg(results, sizes: dict[str, int], path: Path) -> None:
    """Time against journal size (entries), one line per command and tool, drawn by hand."""
    shown = [
        ("mindlog", "dashboard", "#1b7f8c"),
        ("mindlog", "list -n 5", "#3a9a3a"),
        ("mindlog", "greet", "#7a5cb8"),
        ("mindlog", "list --json", "#c07a1a"),
        ("jrnl", "list -n 5", "#c0392b"),
        ("jrnl", "list --json", "#8e3b2f"),
    ]
    stores = list(sizes)
    top = max(
        (results[(t, n, s)]["ms"] for t, n, _ in shown for s in stores if (t, n, s) in results),
        default=1.0,
    )
    most = max(sizes.values()) or 1
    width, height, left, bottom = 640, 360, 60, 40

    def x(entries: int) -> float:
        return left + (width - left - 20) * entries / most

    def y(ms: float) -> float:
        return height - bottom - (height - bottom - 20) * ms / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 20 * len(shown)}" '
        'font-family="sans-serif" font-size="12">',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#555"/>',
        f'<line x1="{left}" y1="20" x2="{left}" y2="{height - bottom}" stroke="#555"/>',
        f'<text x="{width / 2}" y="{height - 8}" text-anchor="middle">entries in the journal</text>',
        f'<text x="14" y="{height / 2}" transform="rotate(-90 14 {height / 2})" text-anchor="middle">ms</text>',
    ]
    for entries in sizes.values():
        parts.append(
            f'<text x="{x(entries):.0f}" y="{height - bottom + 15}" text-anchor="middle">{entries:,}</text>'
        )
    for frac in (0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<text x="{left - 5}" y="{y(top * frac) + 4:.0f}" text-anchor="end">{top * frac:.0f}</text>'
        )
    for n, (tool, name, colour) in enumerate(shown):
        points = [
            (x(sizes[s]), y(results[(tool, name, s)]["ms"]))
            for s in stores
            if (tool, name, s) in results
        ]
        if not points:
            continue
        line = " ".join(f"{a:.1f},{b:.1f}" for a, b in points)
        dash = ' stroke-dasharray="5,3"' if tool == "jrnl" else ""
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
        )
        label = (
            f"{tool} {name}"
            if tool == "mindlog"
            else f"jrnl ({'-n 5' if name == 'list -n 5' else '--format json'})"
        )
        ly = height + 12 + 20 * n
        parts.append(
            f'<line x1="{left}" y1="{ly - 4}" x2="{left + 30}" y2="{ly - 4}" stroke="{colour}" stroke-width="2"{dash}/>'
        )
        parts.append(f'<text x="{left + 38}" y="{ly}">{label}</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n")


# -- main ------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-jrnl", action="store_true", help="time mindlog only")
    parser.add_argument("--runs", type=int, default=9, help="interleaved runs of each command")
    parser.add_argument("--million", action="store_true", help="also a million-entry journal")
    parser.add_argument("--only", default="", help="comma-separated commands to time")
    options = parser.parse_args()

    WORK.mkdir(exist_ok=True)
    mindlog = mindlog_command()
    names = [n for n in COMMANDS if not options.only or n in options.only.split(",")]
    homes: dict[str, Path] = {}
    sizes: dict[str, int] = {}
    for store, days in SIZES.items():
        home = WORK / f"mindlog-{store.replace(' ', '')}"
        start = time.perf_counter()
        sizes[store] = build_mindlog(home, days) if days else 0
        if not days:
            shutil.rmtree(home, ignore_errors=True)
            home.mkdir(parents=True)
        homes[store] = home
        env = base_env(MINDLOG_HOME=str(home))
        started = time.perf_counter()
        subprocess.run(
            [*mindlog, "list", "-n", "1"], env=env, check=True, stdout=subprocess.DEVNULL
        )
        print(
            f"{store}: {sizes[store]:,} entries written in {started - start:.1f} s; "
            f"mindlog's cache built in {time.perf_counter() - started:.1f} s"
        )

    jobs: list[Job] = [
        ("python", "python -c pass", "-", [sys.executable, "-c", "pass"], base_env())
    ]
    for store, home in homes.items():
        env = base_env(MINDLOG_HOME=str(home))
        for name in names:
            if not (sizes[store] == 0 and name in NOT_EMPTY):
                jobs.append(("mindlog", name, store, [*mindlog, *COMMANDS[name][0]], env))

    tools = ["mindlog"]
    if not options.no_jrnl and (exe := jrnl_venv()) is not None:
        tools.append("jrnl")
        for store, days in SIZES.items():
            jhome = WORK / f"jrnl-{store.replace(' ', '')}"
            journal = jhome / "journal.txt"
            shutil.rmtree(jhome, ignore_errors=True)
            if days:
                build_jrnl(journal, days)
            else:
                journal.parent.mkdir(parents=True)
                journal.write_text("")
            env = base_env(**jrnl_home(jhome, journal))
            for name in names:
                if COMMANDS[name][1] is not None:
                    jobs.append(("jrnl", name, store, [str(exe), *COMMANDS[name][1]], env))

    print(
        f"interpreter: {sys.executable} (Python {sys.version.split()[0]}); mindlog: {' '.join(mindlog)}"
    )
    for _, _, _, argv, env in jobs:  # once each before timing: caches built, bytecode written
        run_once(argv, env)
    results = time_all(jobs, options.runs)

    if options.million:
        home = WORK / "mindlog-million"
        count = build_mindlog(home, 18250, wins=100)
        env = base_env(MINDLOG_HOME=str(home))
        built, mib = run_once([*mindlog, "list", "-n", "1"], env)
        print(
            f"a million: {count:,} entries; the cache built in {built / 1000:.0f} s ({mib:.0f} MiB)"
        )
        for name in names:  # once each: a million entries is a stress size, not an everyday one
            if name in FRESH:
                continue  # the cache's build, timed above
            ms, mib = run_once([*mindlog, *COMMANDS[name][0]], env)
            results[("mindlog", name, "a million")] = {"ms": ms, "MiB": mib}
        sizes["a million"] = count

    stores = list(sizes)
    lines = table(results, stores, tools)
    text = "\n".join(lines)
    print()
    print(text)
    (HERE / "results.md").write_text(
        "# mindlog beside jrnl 4.6 (benchmarks/run.py)\n\n" + text + "\n\n"
        f"Journals: {', '.join(f'{s}: {n:,} entries' for s, n in sizes.items())}.\n"
    )
    svg(results, {s: n for s, n in sizes.items() if s in SIZES}, HERE / "results.svg")
    print("\nwritten: benchmarks/results.md, benchmarks/results.svg\n")

    base = results[("python", "python -c pass", "-")]["ms"]
    checks = []
    for name, bar in GOALS_10Y.items():
        if ("mindlog", name, "10 years") in results:
            ratio = results[("mindlog", name, "10 years")]["ms"] / base
            checks.append(
                (f"{name}: {ratio:.1f}x python -c pass at 10 years (goal {bar}x)", ratio <= bar)
            )
    for name in FLAT:
        if ("mindlog", name, "50 years") in results:
            grew = (
                results[("mindlog", name, "50 years")]["ms"]
                / results[("mindlog", name, "10 years")]["ms"]
            )
            checks.append(
                (f"{name}: 50 years {grew:.2f}x its 10-year time (goal 1.3x)", grew <= 1.3)
            )
    for store, bar in FIRST_RUN_GOALS.items():
        if ("mindlog", "first run", store) in results:
            ms = results[("mindlog", "first run", store)]["ms"]
            checks.append(
                (f"first run: {ms / 1000:.2f} s at {store} (goal {bar / 1000:.0f} s)", ms <= bar)
            )
    for name, bar in (("dashboard", 80), ("greet", 25)):
        if ("mindlog", name, "50 years") in results:
            mib = results[("mindlog", name, "50 years")]["MiB"]
            checks.append((f"{name}: {mib:.0f} MiB at 50 years (goal {bar} MiB)", mib <= bar))
    for key, got in results.items():
        if key[2] == "a million":
            checks.append(
                (
                    f"{key[1]}: {got['ms'] / 1000:.2f} s at a million entries (goal 2 s)",
                    got["ms"] <= 2000,
                )
            )
    for what, ok in checks:
        print(f"  {'ok  ' if ok else 'OVER'} {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
