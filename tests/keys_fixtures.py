"""Fixtures of the encryption tests: a private runtime folder, a cheap scrypt, a passphrase file.

Imported by the test files that use them (``from keys_fixtures import fast_keys, passfile``),
each marking ``fast_keys`` as autouse for itself with ``pytestmark``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mindlog.store import crypto, keys

PASSPHRASE = "correct horse battery staple"
SECRET = "tangerine-lighthouse-7"


@pytest.fixture
def fast_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private runtime folder, a cheap scrypt (stored with the key, so reading it back works)
    and no passphrase file unless a test names one; the runtime folder is given."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv(keys.PASSPHRASE_FILE_VARIABLE, raising=False)
    monkeypatch.setattr(crypto, "SCRYPT_LOG_N", 10)
    keys._opened.clear()
    keys._declined.clear()
    yield runtime
    keys._opened.clear()
    keys._declined.clear()


@pytest.fixture
def passfile(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE + "\n")
    return path


def encrypt(run, monkeypatch: pytest.MonkeyPatch, passfile: Path, *args: str):
    """Turn encryption on as a script does (the passphrase from a file); the run's result."""
    with monkeypatch.context() as m:
        m.setenv(keys.PASSPHRASE_FILE_VARIABLE, str(passfile))
        result = run("encrypt", *args)
    keys._opened.clear()
    return result
