"""Long work shows a progress bar on a terminal (building the cache, a large import, doctor on a
long journal) and nothing at all when standard error is not a terminal or the work is small."""

from __future__ import annotations

import json
import os
import pty
import select
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from conftest import MINDLOG, stored, subprocess_env
from mindlog.cli import doctor as cli_doctor
from mindlog.cli import transfer as cli_transfer
from mindlog.formats import importer
from mindlog.store.paths import locations
from mindlog.usecases import compaction, doctor, repair


def export_file(path: Path, count: int, words: int = 30) -> Path:
    """A mindlog export of ``count`` wins, about 250 bytes each with the default words."""
    first = date(2001, 1, 1)
    entries = [
        {
            "id": f"imp{n:09d}",
            "kind": "win",
            "day": (first + timedelta(days=n // 8)).isoformat(),
            "at": f"{(first + timedelta(days=n // 8)).isoformat()}T{8 + n % 8:02d}:00:00+01:00",
            "text": " ".join(["a small good thing"] * (words // 4)) + f" number {n}",
            "tags": [],
        }
        for n in range(count)
    ]
    path.write_text(json.dumps({"mindlog_export": 1, "entries": entries}))
    return path


def on_a_terminal(home: Path, *args: str) -> tuple[int, bytes]:
    """Run mindlog with a pseudo-terminal as its standard error (and output); all it wrote."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: mindlog on a real terminal
        os.environ.update(subprocess_env(home, TERM="xterm-256color", COLUMNS="80"))
        for name in ("NO_COLOR", "_TYPER_FORCE_DISABLE_TERMINAL"):
            os.environ.pop(name, None)
        os.execv(sys.executable, [*MINDLOG, *args])
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), seen


def test_a_large_import_shows_a_bar_on_a_terminal(home, tmp_path):
    source = export_file(tmp_path / "export.json", 20_000)
    assert source.stat().st_size >= cli_transfer.BIG_IMPORT
    code, seen = on_a_terminal(home, "import", str(source))
    assert code == 0, seen
    assert b"mindlog: importing" in seen  # the bar, drawn on the terminal
    assert b"Read 20000 entries: 20000 added" in seen
    assert len(stored().entries) == 20_000


def test_a_small_import_on_a_terminal_never_flashes_a_bar(home, tmp_path):
    code, seen = on_a_terminal(home, "import", str(export_file(tmp_path / "e.json", 50)))
    assert code == 0, seen
    assert b"mindlog: importing" not in seen
    assert b"Read 50 entries: 50 added" in seen


def test_no_bar_when_standard_error_is_not_a_terminal(run, home, tmp_path, monkeypatch):
    monkeypatch.setattr(cli_transfer, "BIG_IMPORT", 1)
    monkeypatch.setattr(cli_doctor, "BIG", 1)
    result = run("import", str(export_file(tmp_path / "e.json", 1200)))
    assert result.stderr == ""
    assert "Read 1200 entries: 1200 added" in result.stdout
    assert len(stored().entries) == 1200
    for args in (["doctor"], ["doctor", "--repair"], ["doctor", "--compact", "--yes"]):
        result = run(*args)
        assert result.stderr == ""
        assert "mindlog:" not in result.stdout


def test_import_and_doctor_tell_their_progress_and_never_print(home, tmp_path, capsys):
    data = importer.load(export_file(tmp_path / "e.json", 1234).read_bytes())
    steps: list[int] = []
    entries = importer.entries_from(data, None, advance=steps.append)
    assert len(entries) == importer.count(data) == 1234
    assert 0 < sum(steps) <= 1234
    assert capsys.readouterr() == ("", "")

    where = locations()
    from mindlog.usecases.session import Session

    Session().write(importer.plan(entries, {}).events())
    for work in (
        lambda advance: doctor.examine(where, advance),
        lambda advance: repair.repair(where, Session().now, advance),
        lambda advance: compaction.compact(where, None, advance),
    ):
        steps.clear()
        work(steps.append)
        assert sum(steps) == 100
    assert capsys.readouterr() == ("", "")
    assert doctor.journal_bytes(where) > 1234 * 100


def test_the_first_run_draws_its_bar_only_once_the_work_takes_a_while(monkeypatch):
    import contextlib
    import io

    from mindlog.render import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    drawn: list[tuple[str, int]] = []

    @contextlib.contextmanager
    def bar(total, description):
        drawn.append(("drawn", total))
        yield lambda n: drawn.append(("advance", n))

    monkeypatch.setattr(progress, "bar", bar)
    monkeypatch.setattr(sys, "stderr", Terminal())
    clock = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    with progress.late_bar(100, "mindlog: reading your journal once") as advance:
        advance(10)
        clock[0] += progress.LATE / 2
        advance(5)
        assert drawn == []  # quick so far: nothing on the screen
        clock[0] += progress.LATE
        advance(20)
        advance(1)
    assert drawn == [("drawn", 100), ("advance", 35), ("advance", 1)]
    drawn.clear()
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # piped: never a bar
    with progress.late_bar(100, "mindlog: reading your journal once") as advance:
        clock[0] += 10
        advance(50)
    assert drawn == []


def test_a_first_run_piped_shows_no_bar(run, home, monkeypatch):
    from mindlog.cache import fill

    monkeypatch.setattr(fill, "BIG", 1)
    source = export_file(home.parent / "e.json", 300)
    run("import", str(source))
    from mindlog import cache

    cache.drop(locations())
    result = run("list", "-n", "1")
    assert result.stderr == ""
    assert (home / "state" / "cache.sqlite3").exists()
