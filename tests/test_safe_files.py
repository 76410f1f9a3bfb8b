"""Files outside mindlog are never touched, and exports are inert.

Atomic writes go through unpredictable temporary names; links are written through only where
mindlog's own files are concerned; an export never follows a link; shared folders are never
created writable by others; Markdown never loads anything and CSV never runs a formula.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mindlog.domain.errors import MindlogError
from mindlog.domain.model import Entry
from mindlog.formats import csvfile, markdown
from mindlog.store import outfile, paths


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


# -- atomic_write ---------------------------------------------------------------------------------


def test_atomic_write_never_follows_a_link_planted_at_the_old_temporary_name(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("not mindlog's")
    folder = tmp_path / "own"
    folder.mkdir()
    # the name mindlog used to use: .NAME.PID.tmp
    (folder / f".notes.txt.{os.getpid()}.tmp").symlink_to(outside)
    paths.atomic_write(folder / "notes.txt", b"mine\n")
    assert outside.read_text() == "not mindlog's"
    assert (folder / "notes.txt").read_bytes() == b"mine\n"
    assert mode(folder / "notes.txt") == 0o600


def test_atomic_write_temporary_names_are_unpredictable_and_cleaned_up(tmp_path, monkeypatch):
    seen: list[str] = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(os.path.basename(src))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    for _ in range(3):
        paths.atomic_write(tmp_path / "a.json", b"{}")
    assert len(set(seen)) == 3
    assert all(n.startswith(".a.json.") and n.endswith(".tmp") for n in seen)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_atomic_write_through_a_link_by_default_and_replacing_it_when_asked(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    paths.atomic_write(link, b"through")
    assert link.is_symlink() and real.read_text() == "through"
    paths.atomic_write(link, b"replaced", follow_links=False)
    assert not link.is_symlink() and link.read_text() == "replaced"
    assert real.read_text() == "through"
    assert mode(link) == 0o600


def test_atomic_write_replaces_a_dangling_link_itself_when_asked(tmp_path):
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "elsewhere" / "target.md")
    paths.atomic_write(link, b"x", own_folder=False, follow_links=False)
    assert not link.is_symlink() and link.read_bytes() == b"x"
    assert not (tmp_path / "elsewhere").exists()


def test_leftover_temporary_files_are_found_only_when_old(tmp_path):
    old = tmp_path / ".alice.jsonl.ab12cd_9.tmp"
    old.write_text("words")
    legacy = tmp_path / ".alice.jsonl.4242.tmp"
    legacy.write_text("words")
    fresh = tmp_path / ".bob.jsonl.zz99yy.tmp"
    fresh.write_text("being written")
    link = tmp_path / ".carol.jsonl.qq11ww.tmp"
    link.symlink_to(old)
    (tmp_path / "notes.tmp").write_text("not ours")
    long_ago = time.time() - 3600
    for path in (old, legacy):
        os.utime(path, (long_ago, long_ago))
    os.utime(link, (long_ago, long_ago), follow_symlinks=False)
    assert sorted(paths.leftover_temp_files(tmp_path)) == sorted([old, legacy])
    assert paths.leftover_temp_files(tmp_path / "missing") == []


def test_a_write_interrupted_before_the_rename_cleans_up_its_temporary_file(tmp_path, monkeypatch):
    def killed(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        paths.atomic_write(tmp_path / "a.json", b"{}")
    assert list(tmp_path.iterdir()) == []  # cleaned up when Python is still running


def test_shared_folders_are_0755_even_under_umask_000(run, tmp_path, monkeypatch):
    monkeypatch.delenv("MINDLOG_HOME")
    account = tmp_path / "account"
    account.mkdir()
    monkeypatch.setenv("HOME", str(account))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
        monkeypatch.delenv(name, raising=False)
    old = os.umask(0)
    try:
        run("win", "hello", "-q")
        run("config", "country", "GB")
    finally:
        os.umask(old)
    for shared in (".local", ".local/share", ".local/state", ".config"):
        assert mode(account / shared) == 0o755, shared
    for own in (".local/share/mindlog", ".local/state/mindlog", ".config/mindlog"):
        assert mode(account / own) == 0o700, own
    assert mode(account / ".config" / "mindlog" / "config.json") == 0o600


# -- export -o ------------------------------------------------------------------------------------


def test_export_refuses_a_dangling_link_without_force(run, tmp_path):
    link = tmp_path / "report.md"
    target = tmp_path / "planted" / "elsewhere.md"
    link.symlink_to(target)
    run("win", "Called my sister", "-q")
    result = run("export", "-o", str(link), code=1)
    assert len(result.stderr.strip().splitlines()) <= 2
    assert "is a link" in result.stderr and "Traceback" not in result.stderr
    assert link.is_symlink() and not target.exists()
    assert not (tmp_path / "planted").exists()
    run("export", "-o", str(link), "--force")
    assert not link.is_symlink() and "Called my sister" in link.read_text()
    assert not (tmp_path / "planted").exists()
    assert mode(link) == 0o600


def test_export_with_force_replaces_a_link_to_a_folder_not_the_folder(run, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "out.csv"
    link.symlink_to(folder)
    run("win", "Called my sister", "-q")
    run("export", "-o", str(link), "--format", "csv", code=1)
    run("export", "-o", str(link), "--format", "csv", "--force")
    assert not link.is_symlink() and link.is_file() and folder.is_dir()


def test_export_leaves_no_temporary_file_and_plants_are_not_followed(run, tmp_path):
    outside = tmp_path / "victim.txt"
    outside.write_text("keep me")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / f".report.md.{os.getpid()}.tmp").symlink_to(outside)
    run("win", "Called my sister", "-q")
    run("export", "-o", str(out_dir / "report.md"))
    assert outside.read_text() == "keep me"
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == sorted([f".report.md.{os.getpid()}.tmp", "report.md"])


def _read_pipe(pipe: Path, found: list[bytes]) -> threading.Thread:
    """A reader at the other end of the named pipe ``pipe``, as ``>(gzip > file)`` would be."""

    def read() -> None:
        with open(pipe, "rb") as end:
            found.append(end.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader


@pytest.mark.parametrize("fmt", ["md", "json", "csv", "html"])
@pytest.mark.parametrize("through_link", [False, True])
def test_export_into_a_pipe_writes_into_it_and_never_replaces_it(run, tmp_path, fmt, through_link):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    named = pipe
    if through_link:  # as /dev/stdout is a link to what standard output is
        named = tmp_path / "stdout"
        named.symlink_to(pipe)
    run("win", "Called my sister", "-q")
    found: list[bytes] = []
    reader = _read_pipe(pipe, found)
    result = run("export", "--format", fmt, "-o", str(named))  # no --force: nothing is replaced
    reader.join(10)
    assert "Called my sister" in found[0].decode("utf-8")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert named.is_symlink() == through_link
    assert result.stdout == ""  # as on standard output: only the document, nowhere else
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_fast_path_writes_into_a_pipe_too(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    env = dict(os.environ, MINDLOG_HOME=str(tmp_path / "home"))
    mindlog = [sys.executable, "-m", "mindlog"]
    subprocess.run([*mindlog, "win", "Called my sister", "-q"], env=env, check=True)
    found: list[bytes] = []
    reader = _read_pipe(pipe, found)
    done = subprocess.run([*mindlog, "export", "-o", str(pipe)], env=env, capture_output=True)
    reader.join(10)
    assert done.returncode == 0 and done.stdout == b"", done.stderr
    assert b"Called my sister" in found[0]
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_a_device_is_written_into_never_replaced_and_a_full_one_is_one_line():
    assert outfile.is_stream(Path("/dev/null")) and not outfile.is_stream(Path("/etc/hostname"))
    full = Path("/dev/full")
    if not (full.exists() and outfile.is_stream(full)):
        pytest.skip("no /dev/full here")
    with pytest.raises(MindlogError, match="cannot write to /dev/full"):
        outfile.write(full, ["a document"])
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_support_print_refuses_a_link_without_force_like_export(run, tmp_path):
    link = tmp_path / "plan.md"
    target = tmp_path / "elsewhere.md"
    target.write_text("keep me")
    link.symlink_to(target)
    result = run("support", "--print", "-o", str(link), code=1)
    assert "is a link" in result.stderr
    run("support", "--print", "-o", str(link), "--force")
    assert not link.is_symlink() and target.read_text() == "keep me"
    assert "help" in link.read_text()


# -- inert exports --------------------------------------------------------------------------------

HOSTILE = (
    '<img src="https://example.com/t.png"> & <script>alert(1)</script> ![x](https://e.com/i.png)'
)


def entry(text: str, tags: list[str] | None = None, kind: str = "win", **fields) -> Entry:
    return Entry(
        "abc123", kind, "2026-11-28", "2026-11-28T10:00:00+01:00", text, tags or [], fields
    )


def test_markdown_escapes_html_in_every_piece_of_the_persons_text(run):
    run("commit", "My <b>why</b> <img src=https://e.com/x.png>")
    run("win", HOSTILE, "-t", "<img", "-t", "a`b`")
    run("routine", "add", "<iframe src=x>")
    run("morning", "--all")
    run("checkin", "--mood", "3", "<style>*{}</style>")
    md = run("export").stdout
    assert "`#<img`" in md and "`` #a`b` ``" in md  # tags: code spans, shown literally
    md = md.replace("`#<img`", "")
    assert "<img" not in md and "<script" not in md and "<b>" not in md
    assert "<iframe" not in md and "<style" not in md and "![" not in md
    assert "&lt;img src=&quot;" not in md  # quotes stay as typed
    assert '&lt;img src="https://example.com/t.png"&gt; &amp; &lt;script&gt;' in md
    assert "!\\[x](https://e.com/i.png)" in md
    assert "&lt;iframe src=x&gt;" in md


def test_markdown_tags_are_code_spans_whatever_backticks_they_hold():
    from datetime import date

    md = markdown.to_markdown([entry("hello", ["a`b", "<img"])], None, date(2026, 11, 28))
    assert "``#a`b``" in md and "`#<img`" in md


def test_markdown_kinds_and_fields_from_an_import_are_escaped():
    from datetime import date

    odd = [
        entry("x", kind="<img src=k>"),
        entry("y", kind="checkin", **{"<img src=f>": 3}),
    ]
    md = markdown.to_markdown(odd, None, date(2026, 11, 28))
    assert "<img" not in md


FORMULA = 'HYPERLINK("https://e.com","x")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_starting_like_a_formula_get_a_quote(start):
    entries = [entry(start + FORMULA, [start + "tag"])]
    rows = list(csv.DictReader(io.StringIO(csvfile.to_csv(entries), newline="")))
    assert rows[0]["text"] == "'" + start + FORMULA and rows[0]["tags"] == "'" + start + "tag"
    rows = list(csv.DictReader(io.StringIO(csvfile.to_csv(entries, raw=True), newline="")))
    assert rows[0]["text"] == start + FORMULA


def test_csv_export_is_spreadsheet_safe_unless_raw(run):
    # (-meaning would be asked about: within two letters of the factor meaning)
    run("win", "-q", "-t", "-calm", input="=" + FORMULA)
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout, newline="")))
    assert rows[0]["text"] == "'=" + FORMULA and rows[0]["tags"] == "'-calm"
    raw = run("export", "--format", "csv", "--raw").stdout
    assert list(csv.DictReader(io.StringIO(raw, newline="")))[0]["text"] == "=" + FORMULA


def test_ordinary_csv_cells_are_unchanged(run):
    run("win", "Called my sister = good", "-q")
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout, newline="")))
    assert rows[0]["text"] == "Called my sister = good"


def test_raw_goes_with_csv_only(run):
    result = run("export", "--raw", code=2)
    assert "--raw" in result.stderr


def test_export_help_says_exports_are_inert(run):
    shown = " ".join(run("export", "--help").stdout.split())
    assert "--raw" in shown and "formula" in shown and "HTML" in shown


def test_a_cache_can_be_written_without_fsync(tmp_path, monkeypatch):
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    paths.atomic_write(tmp_path / "cache.json", b"{}", durable=False)
    assert synced == [] and (tmp_path / "cache.json").read_bytes() == b"{}"
    paths.atomic_write(tmp_path / "cache.json", b"[]")
    assert len(synced) == 2
