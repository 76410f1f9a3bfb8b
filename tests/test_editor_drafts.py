"""The editor: the person's own # lines are kept, line endings too, an unchanged text is not a
change, and drafts are private, removed after use (also when mindlog is stopped), and found when
a kill left one behind."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINDLOG, stored, subprocess_env
from mindlog.cli import prompts
from mindlog.domain import words
from mindlog.store import drafts, planfile
from mindlog.store.paths import locations


def editor(tmp_path: Path, monkeypatch, body: str, name: str = "editor.py") -> Path:
    """An editor: a Python script run on the draft (``p`` is its path, ``t`` its text)."""
    script = tmp_path / name
    log = tmp_path / "seen.txt"
    script.write_text(
        "import sys\n"
        "p = sys.argv[1]\n"
        "t = open(p, encoding='utf-8', newline='').read()\n"
        f"open({str(log)!r}, 'w', encoding='utf-8', newline='').write(p + '\\n' + t)\n" + body
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    return log


def seen(log: Path) -> tuple[Path, str]:
    path, text = log.read_text(encoding="utf-8").split("\n", 1)
    return Path(path), text


WRITE_ABOVE = "open(p, 'w', encoding='utf-8', newline='').write({text!r} + t[t.index('# ---'):])\n"


@pytest.fixture(autouse=True)
def no_runtime_dir(monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)


# -- the person's words, as typed -------------------------------------------------------------------


def test_lines_of_the_persons_own_starting_with_hash_are_kept(run, tmp_path, monkeypatch):
    text = "#1 reason: my kids\n# 2: my health\nI choose this."
    log = editor(tmp_path, monkeypatch, WRITE_ABOVE.format(text=text + "\n"))
    run("commit")
    assert stored().statement().text == text
    _, shown = seen(log)
    assert prompts.SCISSORS in shown and "Why am I seeking recovery?" in shown


def test_guidance_is_never_saved_even_when_the_scissors_line_is_deleted(run, tmp_path, monkeypatch):
    body = (
        f"t = t.replace({prompts.SCISSORS!r} + '\\n', '')\n"
        "open(p, 'w', encoding='utf-8', newline='').write('#1 my kids\\n' + t)\n"
    )
    editor(tmp_path, monkeypatch, body)
    run("commit")
    assert stored().statement().text == "#1 my kids"


def test_windows_line_endings_are_kept_as_typed(run, tmp_path, monkeypatch):
    editor(tmp_path, monkeypatch, WRITE_ABOVE.format(text="one\r\ntwo\r\n"))
    run("commit")
    assert stored().statement().text == "one\r\ntwo"


def test_closing_the_editor_on_the_current_statement_saves_nothing(run, tmp_path, monkeypatch):
    run("commit", "I want to live well.\r\nFor my kids.")
    editor(tmp_path, monkeypatch, "")
    result = run("commit")
    assert "No changes" in result.stdout
    assert len(stored().of_kind("commitment")) == 1


def test_a_first_statement_left_empty_saves_nothing(run, tmp_path, monkeypatch):
    editor(tmp_path, monkeypatch, "")
    assert "Nothing was saved" in run("commit").stdout
    assert stored().of_kind("commitment") == []


def test_edit_closed_unchanged_says_no_changes_and_writes_nothing(run, tmp_path, monkeypatch):
    run("win", "placeholder", "-q")
    entry_id = stored().entries[0].id
    run("edit", entry_id, "--text", "line one\r\n#2 line two\n")
    editor(tmp_path, monkeypatch, "")
    result = run("edit", entry_id)
    assert "No changes" in result.stdout
    assert len(stored().history[entry_id]) == 1
    editor(tmp_path, monkeypatch, "open(p, 'w', newline='').write(t.replace('two', 'TWO'))\n")
    run("edit", entry_id)
    assert stored().entries[0].text == "line one\r\n#2 line TWO"


def test_support_edit_closed_unchanged_says_no_changes(run, tmp_path, monkeypatch, home):
    run("support", "add", "people", "Sam")
    before = [p.read_bytes() for p in sorted((home / "journal").glob("*.jsonl"))]
    editor(tmp_path, monkeypatch, "")
    assert "No changes" in run("support", "--edit").stdout
    assert [p.read_bytes() for p in sorted((home / "journal").glob("*.jsonl"))] == before


def test_no_sentence_of_the_editor_shames():
    from test_wording import SHAME

    for text in (prompts.SCISSORS_NOTE, prompts.ENTRY_GUIDE, words.STATEMENT_TEMPLATE):
        assert not SHAME.search(text)


# -- where drafts live ------------------------------------------------------------------------------


def test_drafts_live_in_the_state_folder_privately_and_are_removed(
    run, tmp_path, monkeypatch, home
):
    log = editor(tmp_path, monkeypatch, WRITE_ABOVE.format(text="Mine\n"))
    run("commit")
    path, _ = seen(log)
    assert path.parent == home / "state" / "drafts"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.name.startswith(f"draft-{os.getpid()}-") and path.suffix == ".txt"
    assert not path.exists() and list(path.parent.iterdir()) == []


def test_drafts_live_in_the_runtime_folder_when_there_is_one(run, tmp_path, monkeypatch, home):
    runtime = tmp_path / "run-user"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    body = (
        "import os, stat\n"
        f"open({str(tmp_path / 'mode')!r}, 'w').write(oct(stat.S_IMODE(os.stat(p).st_mode)))\n"
    ) + WRITE_ABOVE.format(text="Mine\n")
    log = editor(tmp_path, monkeypatch, body)
    run("commit")
    path, _ = seen(log)
    assert runtime in path.parents and path.parent.parent == runtime / "mindlog"
    assert (tmp_path / "mode").read_text() == "0o600"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not path.exists()
    assert not (home / "state" / "drafts").exists()
    assert drafts.folders(locations())[0] == path.parent


def test_draft_names_are_unpredictable(tmp_path):
    where = locations()
    made = [drafts.create(where, "x") for _ in range(3)]
    assert len({p.name for p in made}) == 3
    for path in made:
        drafts.remove(path)


# -- leftovers ---------------------------------------------------------------------------------------


def finished_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_leftover_drafts_are_those_whose_mindlog_stopped(tmp_path):
    where = locations()
    folder = drafts.folder(where)
    gone = finished_pid()
    left = folder / f"draft-{gone}-abc123.txt"
    left.write_text("you were writing this")
    live = drafts.create(where, "still being written")
    legacy = where.state / f"edit-{gone}.txt"
    legacy.write_text("older mindlog")
    (folder / f"draft-{gone}-link.txt").symlink_to(left)
    assert sorted(drafts.leftovers(where)) == sorted([left, legacy])
    assert sorted(drafts.remove_leftovers(where)) == sorted([left, legacy])
    assert not left.exists() and not legacy.exists() and live.exists()
    drafts.remove(live)


# -- stopped while the editor is open ----------------------------------------------------------------


def stop_while_editing(
    home: Path, tmp_path: Path, signum: int, args: list[str], group: bool = False
):
    """Start mindlog on a terminal with an editor that waits, then send it ``signum`` (to the
    whole foreground group, as the terminal does for Ctrl-C, with ``group``)."""
    ready = tmp_path / "ready"
    script = tmp_path / "slow-editor.py"
    script.write_text(
        "import sys, time\n"
        "p = sys.argv[1]\n"
        "import os\n"
        "open(p, 'a').write('\\nwords not yet saved')\n"
        f"open({str(ready)!r}, 'w').write(p + '\\n' + str(os.getpid()))\n"
        "time.sleep(60)\n"
    )
    pid, fd = pty.fork()
    if pid == 0:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # as a shell at a terminal starts it
        os.environ.update(subprocess_env(home))
        os.environ.pop("XDG_RUNTIME_DIR", None)
        os.environ.pop("VISUAL", None)
        os.environ["EDITOR"] = f"{sys.executable} {script}"
        os.execv(sys.executable, [*MINDLOG, *args])
    deadline = time.monotonic() + 30
    while not ready.exists() and time.monotonic() < deadline:
        ready_fds, _, _ = select.select([fd], [], [], 0.2)
        if ready_fds:
            try:
                os.read(fd, 4096)
            except OSError:
                break
    assert ready.exists()
    time.sleep(0.2)
    name, editor_pid = ready.read_text().split("\n")
    draft = Path(name)
    assert draft.exists()
    if group:
        os.killpg(os.getpgid(pid), signum)
    else:
        os.kill(pid, signum)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    with contextlib.suppress(ProcessLookupError):
        os.kill(int(editor_pid), signal.SIGKILL)  # an editor orphaned by SIGKILL
    return os.waitstatus_to_exitcode(status), draft


@pytest.mark.slow
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
@pytest.mark.parametrize("args", [["commit"], ["support", "--edit"]])
def test_stopped_while_editing_removes_the_draft_and_saves_nothing(
    home, tmp_path, signum, code, args
):
    exit_code, draft = stop_while_editing(home, tmp_path, signum, args)
    assert exit_code == code
    assert not draft.exists()
    assert stored().of_kind("commitment") == []
    assert not planfile.path_of(locations()).exists()
    assert drafts.leftovers(locations()) == []


@pytest.mark.slow
def test_a_killed_mindlog_leaves_a_draft_that_is_found(home, tmp_path):
    exit_code, draft = stop_while_editing(home, tmp_path, signal.SIGKILL, ["commit"])
    assert exit_code == -signal.SIGKILL
    assert draft.exists()
    assert drafts.leftovers(locations()) == [draft]
    assert "words not yet saved" in draft.read_text()
    drafts.remove_leftovers(locations())
    assert not draft.exists()


@pytest.mark.slow
def test_ctrl_c_in_the_editor_stops_the_editor_and_then_mindlog(home, tmp_path):
    exit_code, draft = stop_while_editing(home, tmp_path, signal.SIGINT, ["commit"], group=True)
    assert exit_code == 130
    assert not draft.exists()
    assert stored().of_kind("commitment") == []
