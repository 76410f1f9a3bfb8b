"""The fast path (mindlog.cli.quick) does exactly what the Typer commands do, or hands over to them."""

from __future__ import annotations

import itertools
import shutil

import pytest

from conftest import stored
from mindlog.cli import quick

SAME = [
    ["win", "Called my sister"],
    ["win", "x", "-t", "meaning", "--tag", "Walk", "-t", "#meaning", "--tag=choice"],
    ["win", "x", "-q"],
    ["win", "-q", "before the text"],
    ["win", "x", "--quiet", "--date", "yesterday"],
    ["win", "x", "-d", "2026-11-20"],
    ["win", "x", "--date=2026-11-20"],
    ["win", "x", "--date", "2030-01-01"],
    ["win", "x", "--date", "2026-02-30"],
    ["win", "x", "--date="],
    ["win", ""],
    ["win", "   "],
    ["win", "x", "-t", "two words"],
    ["win", "x", "--tag="],
    ["win", "\x1b[31mred\x07 [bold]not markup[/bold]"],
    ["win", "Ünïcödé 🌱 text", "-t", "Progress"],
    ["win", "x", "-t", "competence", "-t", "walk", "-t", "progressive"],  # factors, far-off tags
]


def _one_way(path: str, run, capsys, argv: list[str]) -> tuple[int | None, str, str]:
    """Exit code, standard output and standard error of ``argv`` run through Typer ("typer") or
    the fast path ("quick")."""
    if path == "typer":
        result = run(*argv, code=None)
        return result.exit_code, result.stdout, result.stderr
    capsys.readouterr()
    code = quick.dispatch(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _entries():
    return [(e.kind, e.day, e.text, e.tags, e.fields) for e in stored().entries]


def both_ways(run, tmp_path, monkeypatch, capsys, argv, prepare=None, kept=_entries):
    """``argv`` run through Typer and by the fast path, each in a fresh home made ready by
    ``prepare(home)``, with the same entry ids: each way's exit code, standard output, standard
    error and what ``kept()`` finds stored."""
    counter = itertools.count(1)
    monkeypatch.setattr("mindlog.domain.journal.new_id", lambda: f"{next(counter):012x}")
    results = []
    for path in ("typer", "quick"):
        home = tmp_path / path
        home.mkdir()
        monkeypatch.setenv("MINDLOG_HOME", str(home))
        counter = itertools.count(1)
        if prepare is not None:
            prepare(home)
        code, out, err = _one_way(path, run, capsys, argv)
        out = out.replace("\r\n", "\n")  # as CliRunner shows it (CSV ends its rows with CRLF)
        results.append((code, out, err.replace(str(home), "<home>"), kept()))
    return results


@pytest.mark.parametrize("argv", SAME, ids=lambda a: " ".join(a)[:40])
@pytest.mark.parametrize("damaged_config", [False, True])
def test_the_fast_path_does_what_the_command_does(
    argv, damaged_config, run, tmp_path, monkeypatch, capsys
):
    def prepare(home):
        if damaged_config:
            (home / "config.json").write_text("{not json")

    results = both_ways(run, tmp_path, monkeypatch, capsys, argv, prepare)
    assert results[0] == results[1]


@pytest.mark.parametrize(
    "argv",
    [
        ["win"],
        ["win", "-q"],
        ["win", "a", "b"],
        ["win", "x", "--nope"],
        ["win", "x", "-t"],
        ["win", "--", "x"],
        ["win", "--", "--help"],  # TEXT, not help
        ["win", "-t", "--help"],  # help with a value half-typed: Typer's
        ["win", "-qt", "x"],
        ["win", "-tmeaning", "x"],
        ["win", "x", "-t", "competance"],  # asks "did you mean competence?", or says so
        ["win", "x", "-t", "walk", "--tag=Progres"],
        ["morning", "--all", "--date", "yesterday"],
        ["morning"],
        ["list", "-n", "0"],
        ["list", "-n", "x"],
        ["list", "-n"],
        ["list", "extra"],
        ["list", "-n", "1", "-n", "2"],
        ["streaks", "--json", "--json"],
        ["reflect", "--week", "--month"],
        ["--version"],
        ["export", "--format", "html"],
        ["export", "-f", "html", "-o", "x.html"],
        ["export", "--with-plan"],
        ["export", "--raw"],  # --raw goes with CSV: Typer's words
        ["export", "-f", "csv", "--raw", "--raw"],
        ["export", "-o", "x.md", "-o", "y.md"],
        ["export", "-ox.md"],
        ["export", "--format", "pdf"],
        ["export", "-f", "md", "-f", "csv"],
    ],
)
def test_anything_else_is_left_to_the_full_command_line(argv, home):
    assert quick.dispatch(argv) is None
    assert not home.exists()
    # (``--help`` is the fast path's too: tests/test_shell.py)


READING = [
    [],
    ["today"],
    ["streaks"],
    ["streaks", "--json"],
    ["reflect"],
    ["reflect", "--month"],
    ["reflect", "--year"],
    ["list"],
    ["list", "-n", "2"],
    ["list", "--last=3", "--json"],
    ["list", "--search", "SISTER", "-k", "win", "--kind", "morning"],
    ["list", "-s", "nothing like it"],
    ["list", "-t", "meaning", "--tag=walk"],
    ["list", "--since", "7d", "--until", "yesterday"],
    ["list", "--since", "2026-12-01", "--until", "2026-11-01"],
    ["list", "--since", "nonsense"],
    ["list", "--removed"],
    ["list", "--kind", "nothing"],
    ["list", "-t", "two words"],
    ["list", "--no-pager"],
    ["list", "-n", "1", "--no-pager", "--json"],
    ["morning", "--all"],
    ["morning", "-a"],
    ["export", "--format", "json"],
    ["export", "-f", "csv", "--since", "30d"],
    ["export", "--format=JSON", "--until=yesterday"],
    ["export", "-f", "json", "--since", "nonsense"],
]


def _fill(run) -> None:
    run("win", "Called my sister", "-t", "meaning")
    run("win", "A walk", "-t", "walk", "--date", "yesterday")
    run("win", "Old one", "--date", "2026-10-01")
    run("morning", "--done", "1")
    run("commit", "Because my sister matters.")
    run("checkin", "--mood", "3", "--energy", "2", "--sleep", "4", code=None)
    # practices of one's own and an urge: the dashboard, streaks and reflect show them
    run("practice", "add", "stretch")
    run("practice", "add", "walk", "--per-week", "3")
    run("did", "stretch")
    run("did", "walk", "--date", "yesterday")
    run("urge", "--about", "drinking", "--strength", "4", "--instead", "Called Sam", "--passed")
    removed = run("win", "to remove", "-q")
    assert removed.exit_code == 0
    entry = next(e for e in stored().entries if e.text == "to remove")
    run("delete", entry.id, "--yes")


@pytest.mark.parametrize("argv", READING, ids=lambda a: " ".join(a)[:40] or "(dashboard)")
@pytest.mark.parametrize("with_cache", [True, False])
def test_reading_commands_on_the_fast_path_do_what_the_commands_do(
    argv, with_cache, run, tmp_path, monkeypatch, capsys
):
    if not with_cache:
        monkeypatch.setattr("mindlog.cache.open_view", lambda where, progress=None: None)
    results = both_ways(run, tmp_path, monkeypatch, capsys, argv, lambda home: _fill(run))
    assert results[0] == results[1]
    assert results[0][1] or results[0][2]
    if argv in ([], ["streaks"]):
        assert "stretch" in results[0][1] and "walk" in results[0][1]
    if argv == ["streaks", "--json"]:
        assert '"practices"' in results[0][1]
    if argv == ["reflect"]:
        assert "Your own practices" in results[0][1]


# -- the Markdown export on both paths ----------------------------------------------------------

MARKDOWN = [
    ["export"],
    ["export", "-f", "md", "--since", "7d"],
    ["export", "--format=MD", "--until", "yesterday"],
    ["export", "--since", "2026-11-27", "--until=2026-11-27"],
    ["export", "--since", "2026-12-01", "--until", "2026-11-01"],
    ["export", "--since", "nonsense"],
    ["export", "-o", "{home}/out.md"],
    ["export", "--output={home}/out.md", "--force", "--since", "3d"],
    ["export", "-o", "{home}/taken.md"],
    ["export", "-o", "{home}/taken.md", "--force"],
    ["export", "-o", "{home}"],
    ["export", "-o", "{home}/no/such/folder.md"],
    ["export", "-o", "-"],
    ["export", "-f", "csv", "--raw", "-o", "{home}/out.csv"],
    ["export", "--force", "-f", "json", "--output", "{home}/taken.md"],
]


def _companion_fill(run) -> None:
    """A journal with everything the Markdown export shows: notes to bring up (one talked
    through), enough check-ins for what helps, text that needs escaping, and a damaged line."""
    _fill(run)
    for n in range(1, 21):
        day = f"2026-11-{n:02d}"
        run("checkin", "--mood", str(2 + n % 3), "--energy", str(1 + n % 4), "--date", day)
        if n % 2:
            run("morning", "--all", "--date", day)
        if n % 3:
            run("win", f"Win {n}", "-t", "competence", "--date", day, "-q")
    run("win", "# not a heading\n> nor a quote\n1. nor a list <b>&</b> ![x](y)\x1b[31m", "-q")
    run("win", "tagged", "-t", "`odd`", "-q")
    run("bring-up", "Sleep since the new medication")
    run("bring-up", "The week at work")
    run("bring-up", "talked through")
    run("bring-up", "--done", "3")
    (folder,) = [p for p in stored_folder().iterdir() if p.suffix == ".jsonl"]
    with open(folder, "a", encoding="utf-8") as handle:
        handle.write("{a damaged line\n")


def stored_folder():
    from mindlog.store.paths import locations

    return locations().journal


@pytest.fixture(scope="module")
def companion_home(tmp_path_factory):
    """A home filled by _companion_fill once for the tests below (each works on a copy)."""
    from conftest import NOW, Run

    folder = tmp_path_factory.mktemp("companion") / "home"
    counter = itertools.count(1)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (("MINDLOG_HOME", str(folder)), ("MINDLOG_NOW", NOW)):
            patch.setenv(name, value)
        patch.setenv("NO_COLOR", "1")
        patch.setattr("mindlog.domain.journal.new_id", lambda: f"{next(counter):012x}")
        _companion_fill(Run())
    return folder


@pytest.mark.parametrize("argv", MARKDOWN, ids=lambda a: " ".join(a)[:40])
@pytest.mark.parametrize("journal, with_cache", [("full", True), ("full", False), ("empty", True)])
def test_the_markdown_export_on_the_fast_path_is_the_same_to_the_byte(
    argv, journal, with_cache, companion_home, run, tmp_path, monkeypatch, capsys
):
    if not with_cache:
        monkeypatch.setattr("mindlog.cache.open_view", lambda where, progress=None: None)
    results = []
    for path in ("typer", "quick"):
        home = tmp_path / path
        if journal == "full":
            shutil.copytree(companion_home, home)
        else:
            home.mkdir()
        monkeypatch.setenv("MINDLOG_HOME", str(home))
        (home / "taken.md").write_text("kept\n")
        args = [a.replace("{home}", str(home)) for a in argv]
        assert quick.parse_reading(args) is not None  # this command line takes the fast path
        code, out, err = _one_way(path, run, capsys, args)
        files = {
            p.name: p.read_bytes() for p in sorted(home.iterdir()) if p.suffix in (".md", ".csv")
        }
        results.append(
            (
                code,
                out.replace("\r\n", "\n").replace(str(home), "<home>"),
                err.replace(str(home), "<home>"),
                files,
                _entries(),
            )
        )
    assert results[0] == results[1]
    code, out, err, files, _ = results[0]
    if argv == ["export"]:
        assert code == 0
        if journal == "full":
            assert "## To bring up" in out and "Sleep since the new medication" in out
            assert "talked through" not in out.split("## My commitment statement")[0]
            assert "## What helps, perhaps" in out
            assert "  &gt; nor a quote\n  1\\. nor a list &lt;b&gt;&amp;&lt;/b&gt; !\\[x](y)" in out
            assert err  # the damaged line is told, on both paths alike
        else:
            assert "No entries in this period." in out
    if argv[:2] == ["export", "-o"] and argv[2] == "{home}/out.md":
        assert code == 0 and files["out.md"].startswith(b"# My mindlog")
        assert "Wrote" in out
    if argv == ["export", "-o", "{home}/taken.md"]:
        assert code == 1 and files["taken.md"] == b"kept\n"


def test_the_entry_point_and_the_fast_path_name_the_same_commands():
    from mindlog.__main__ import QUICK
    from mindlog.cli.quick import EVERYDAY, READING

    assert {name for (name,) in QUICK} == READING | EVERYDAY | {
        "greet",
        "shell-init",
        "win",
        "status",
    }
