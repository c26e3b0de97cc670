"""nbgrader without its start-up cost, for a worker that grades one submission after another.

Importing nbgrader takes about 1.5 s of CPU (it pulls in jupyter_server), as long as a quarter of
grading a short notebook. ``python -m autograder.warm [MODULE...]`` imports it once (and the modules
named, the ones the notebooks' setup and test cells import, which grading imports in nbgrader's
process too), then for every command it
reads on stdin forks a copy of itself that runs that command, exactly as ``python -m nbgrader``
would: its own session, working folder, environment and output files. The copy is a fresh
process as far as nbgrader is concerned (nothing was configured or started before the fork), and
the caller can kill its whole session when it runs past its time.

Protocol, one JSON line each way: ``{"args", "cwd", "env", "stdout", "stderr"}`` in; ``{"pid"}``
when the copy has started, then ``{"returncode"}`` when it has ended.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Mapping, Sequence

from .problems import RUN_TIMEOUT_MARK


class WarmNbgrader:
    """A ``python -m autograder.warm`` process of this one; ``run`` is ``subprocess.run`` of nbgrader."""

    def __init__(self, preload: Sequence[str] = (), env: Mapping[str, str] | None = None) -> None:
        """``preload``: modules to import before the first fork; ``env``: the process's environment
        (the thread limits its imports start BLAS with)."""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "autograder.warm", *preload],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[1],
            env=None if env is None else dict(env),
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def run(
        self, args: Sequence[str], cwd: Path, env: Mapping[str, str], output: Path, timeout: float | None = None
    ) -> tuple[int, str, str]:
        """(returncode, stdout, stderr) of ``nbgrader *args``; past ``timeout`` s its session is killed."""
        out, err = output.with_suffix(".out"), output.with_suffix(".err")
        request = {"args": list(args), "cwd": str(cwd), "env": dict(env), "stdout": str(out), "stderr": str(err)}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        pid = json.loads(self._reply(None))["pid"]
        try:
            returncode = json.loads(self._reply(timeout))["returncode"]
            note = ""
        except TimeoutError:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:  # it ended just now
                pass
            returncode = json.loads(self._reply(None))["returncode"]
            note = f"\n{RUN_TIMEOUT_MARK}: stopped after {timeout:g} s"
        texts = [p.read_text(errors="replace") if p.exists() else "" for p in (out, err)]
        for p in (out, err):
            p.unlink(missing_ok=True)
        return returncode, texts[0], texts[1] + note

    def _reply(self, timeout: float | None) -> str:
        import select

        if timeout is not None and not select.select([self.process.stdout], [], [], timeout)[0]:
            raise TimeoutError
        line = self.process.stdout.readline()
        if not line:
            raise BrokenPipeError("the warm nbgrader process ended")
        return line

    def close(self) -> None:
        if self.alive():
            self.process.stdin.close()
            self.process.wait(timeout=10)


def _run_one(request: dict) -> int:
    """In the forked copy: become ``python -m nbgrader ARGS`` run in ``cwd`` with ``env``."""
    from nbgrader.apps.nbgraderapp import NbGraderApp

    os.setsid()  # the caller kills this session (nbgrader and the kernel it starts) on a timeout
    os.chdir(request["cwd"])
    sys.path[0] = request["cwd"]  # as for `python -m` started there
    os.environ.clear()
    os.environ.update(request["env"])
    for fd, name in ((1, "stdout"), (2, "stderr")):
        os.dup2(os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    sys.argv = ["nbgrader", *request["args"]]
    try:
        NbGraderApp.launch_instance()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    import logging

    logging.shutdown()  # what atexit would have done: os._exit skips it
    sys.stdout.flush()
    sys.stderr.flush()
    return code


def _preload(modules: Sequence[str]) -> None:
    """Import ``modules`` once, before any fork (``course.instructor_imports``: what the notebooks'
    setup and test cells import, which the step that re-runs the tests outside the kernel imports in
    nbgrader's process for every submission: pyplot alone took about 1 s of each)."""
    import importlib

    for module in modules:
        try:
            importlib.import_module(module)
        except Exception:  # a module missing here is the notebook's problem, reported when it runs
            pass


def serve(preload: Sequence[str] = ()) -> None:
    import nbgrader.apps.nbgraderapp  # noqa: F401  (the cost every forked copy is spared)

    _preload(preload)

    replies = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        replies.flush()
        pid = os.fork()
        if pid == 0:
            os._exit(_run_one(request))  # never back into this loop, nor into atexit handlers
        replies.write(json.dumps({"pid": pid}) + "\n")
        replies.flush()
        _, status = os.waitpid(pid, 0)
        replies.write(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}) + "\n")
        replies.flush()


if __name__ == "__main__":
    serve(sys.argv[1:])
