"""Runs mindlog command lines for tests/test_crash_safety.py, each in a process of its own.

Started once with ``python tests/crash_runner.py``; it imports mindlog, then for each request
(one JSON object a line on stdin: the home, the command line, extra environment) it forks, and
the child runs the command as ``python -m mindlog`` would (``mindlog.__main__.main``), with its
output in files. With ``MINDLOG_TEST_CRASH_AT=N`` in the environment the child kills itself with
SIGKILL at its Nth crash point (mindlog.store.paths.crash_point): a real process, killed as
``kill -9`` or a power cut would. The reply is one JSON line: the exit code (-9 for a kill), and
what the command printed. Forking saves starting Python and importing mindlog hundreds of times.
"""

from __future__ import annotations

import json
import os
import sys


def _run(request: dict[str, object]) -> dict[str, object]:
    folder = str(request["out"])
    out, err = os.path.join(folder, "stdout"), os.path.join(folder, "stderr")
    pid = os.fork()
    if pid == 0:  # the child: one mindlog command, then gone
        code = 70
        try:
            os.environ.update({str(k): str(v) for k, v in dict(request["env"]).items()})  # type: ignore[call-overload]
            for fd, name, mode in ((0, os.devnull, os.O_RDONLY), (1, out, 0), (2, err, 0)):
                flags = mode or os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                target = os.open(name, flags, 0o600)
                os.dup2(target, fd)
                os.close(target)
            sys.argv = ["mindlog", *[str(a) for a in list(request["argv"])]]  # type: ignore[call-overload]
            from mindlog.__main__ import main

            try:
                main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:  # noqa: BLE001 - a traceback is what the test looks for
            import traceback

            traceback.print_exc()
            code = 99
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    with open(out, encoding="utf-8", errors="replace") as handle:
        stdout = handle.read()
    with open(err, encoding="utf-8", errors="replace") as handle:
        stderr = handle.read()
    return {"code": code, "stdout": stdout, "stderr": stderr}


def serve() -> None:
    import mindlog.cli.main  # noqa: F401 - imported once, before any fork
    import mindlog.cli.quick  # noqa: F401
    from mindlog.store import crypto

    crypto.SCRYPT_LOG_N = 10  # keys made here are cheap to open (their cost is kept with them)

    for line in sys.stdin:
        if line.strip():
            reply = _run(json.loads(line))
            sys.stdout.write(json.dumps(reply) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    serve()
