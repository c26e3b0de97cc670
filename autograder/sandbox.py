"""Running a student's code where it can read only what it needs and write only its scratch folder.

Every process that runs student code during grading (the grading kernel, and the separate process
``isolation.py`` calls functions in) is started through ``command()``. With bubblewrap (Debian's
``bubblewrap`` package, the ``bwrap`` command) it runs:

- as the unprivileged user ``nobody`` in namespaces of its own (no capabilities, no other
  processes visible), with no network at all;
- in a file system made only of read-only binds: the operating system's libraries, this Python
  and its installed packages, ``course_utils`` and the course datasets, plus its scratch folder
  (the throwaway copy being graded) read-write and an empty, private ``/tmp``;
- with a cleared environment (no database URL or other secret of the grader's leaks in).

So the instructor's source notebooks, the other submissions, the gradebook and the repository
are simply not there, and nothing outside the scratch folder can be written. Without bubblewrap
(an instructor's laptop, a container that forbids namespaces) the same code runs unsandboxed and
``status()`` says which protections are off. ``GRADING_SANDBOX=off`` turns the sandbox off.

The grading kernel is started as ``python -m autograder.sandbox kernel -f CONNECTION_FILE``
(its kernelspec, written by ``course.Course``): this launcher runs with the grader's rights,
takes the kernel's working folder as scratch, and execs bubblewrap around ``kernel.py``. The
kernel then talks to nbgrader over Unix sockets in the connection file's folder (ZeroMQ's ``ipc``
transport), since it has no network, and is interrupted by message, since signals do not cross
into its namespace.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from . import settings

REPO = Path(__file__).resolve().parents[1]
INSIDE = Path("/opt/grading")  # where the grader's own scripts appear inside the sandbox
NOBODY = "65534"
# Files of /etc that Python and its libraries read; /etc as a whole holds secrets (shadow, keys).
ETC = ("ld.so.cache", "localtime", "passwd", "group", "nsswitch.conf", "fonts", "matplotlibrc", "mime.types")
# What the grader passes on to student code; everything else in its environment stays out.
PASSED_ON = (
    "GRADING_MEMORY_MB",
    "GRADING_REPLY_FD",
    "MPLBACKEND",
    "PYTHONHASHSEED",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "TF_NUM_INTRAOP_THREADS",
    "TF_NUM_INTEROP_THREADS",
    "TF_CPP_MIN_LOG_LEVEL",
    "LANG",
    "LC_ALL",
    "TZ",
)


def wanted() -> bool:
    """False when the instructor turned the sandbox off (``GRADING_SANDBOX=off``)."""
    return settings.get("GRADING_SANDBOX")


@functools.lru_cache(maxsize=None)
def _works() -> str | None:
    """None if bubblewrap can make a sandbox here, else why not."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed"
    trial = subprocess.run([bwrap, *_isolation_flags(), "--ro-bind", "/", "/", "true"], capture_output=True, text=True)
    if trial.returncode != 0:
        return f"bubblewrap cannot create namespaces here ({trial.stderr.strip()[:120]})"
    return None


def available() -> bool:
    """True when student code will run sandboxed."""
    return wanted() and _works() is None


def status() -> str:
    """One line for the instructor: which protections grading has on this machine."""
    if available():
        return (
            "sandbox on (bubblewrap): student code runs as nobody, without network, sees only its own "
            "notebook, the course's packages and data, and writes only its scratch folder"
        )
    reason = "turned off by GRADING_SANDBOX=off" if not wanted() else _works()
    return (
        f"SANDBOX OFF ({reason}): student code runs with the grader's rights and can read the source "
        "notebooks and other submissions and write files; only the out-of-kernel verification of the "
        "tests and the removal of hidden tests from feedback still hold"
    )


def _isolation_flags() -> list[str]:
    return [
        "--unshare-all",
        "--unshare-user",
        "--uid",
        NOBODY,
        "--gid",
        NOBODY,
        "--cap-drop",
        "ALL",
        "--die-with-parent",
        "--new-session",
        "--hostname",
        "grading",
    ]


def _readable() -> list[tuple[Path, Path]]:
    """Folders student code may read, as ``(where it is, where it appears)``: this Python, its
    packages, course_utils and the data. A folder reached through a symbolic link (a shared venv
    linked into the checkout, a home on a linked mount) appears at its real path and at the path
    this process uses, which is the one in ``sys.executable`` and in the packages' paths."""
    package = importlib.util.find_spec("course_utils")
    folders = [Path(sys.base_prefix), Path(sys.prefix), REPO / "datasets"]
    if package is not None and package.submodule_search_locations:
        folders += [Path(p) for p in package.submodule_search_locations]
    return _both_paths(f for f in folders if f.exists())


def _both_paths(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    """``(real path, real path)`` and, where a link leads there, ``(real path, linked path)``."""
    found: dict[Path, Path] = {}
    for path in paths:
        real, seen = Path(path).resolve(), Path(os.path.abspath(path))
        found.setdefault(real, real)
        if seen != real:
            found.setdefault(seen, real)
    return [(real, shown) for shown, real in found.items()]


def command(
    argv: Sequence[str],
    scratch: Path,
    writable: Sequence[Path] = (),
    readable: Sequence[Path] = (),
    scripts: Sequence[Path] = (),
    env: Mapping[str, str] | None = None,
) -> list[str]:
    """``argv`` wrapped in bubblewrap (or unchanged when the sandbox is unavailable).

    ``scratch`` becomes the working folder and $HOME; ``writable`` folders are bound read-write
    and ``readable`` files or folders read-only, at the same path; each of ``scripts`` (the
    grader's own files) appears read-only in ``INSIDE`` under its name, and ``argv`` items naming
    one (as a ``Path``) are rewritten to point there. Of ``env`` (default: this process's environment) only the names in
    ``PASSED_ON`` reach the sandboxed process.
    """
    env = os.environ if env is None else env
    if not available():
        return [str(a) for a in argv]
    inside = {Path(s).resolve(): str(INSIDE / Path(s).name) for s in scripts}
    argv = [inside.get(Path(a).resolve(), str(a)) if isinstance(a, Path) else str(a) for a in argv]
    wrapped = [
        shutil.which("bwrap"),
        *_isolation_flags(),
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--tmpfs",
        "/tmp",
        "--ro-bind",
        "/usr",
        "/usr",
    ]
    for top in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / top
        if path.is_symlink():
            wrapped += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            wrapped += ["--ro-bind", str(path), str(path)]
    for name in ETC:
        wrapped += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    for real, shown in [*_readable(), *_both_paths(readable)]:
        wrapped += ["--ro-bind", str(real), str(shown)]
    for script in scripts:
        wrapped += ["--ro-bind", str(Path(script).resolve()), str(INSIDE / Path(script).name)]
    for folder in [Path(scratch), *writable]:
        wrapped += ["--bind", str(Path(folder).resolve()), str(Path(folder).resolve())]
    # The sandbox's own root (where the mount points were made) is read-only too.
    wrapped += [
        "--remount-ro",
        "/",
        "--chdir",
        str(Path(scratch).resolve()),
        "--clearenv",
        "--setenv",
        "HOME",
        str(Path(scratch).resolve()),
        "--setenv",
        "PATH",
        f"{sys.prefix}/bin:/usr/bin:/bin",
        "--setenv",
        "MPLCONFIGDIR",
        "/tmp/matplotlib",
        "--setenv",
        "PYTHONDONTWRITEBYTECODE",
        "1",
    ]
    for name in PASSED_ON:
        if name in env:
            wrapped += ["--setenv", name, env[name]]
    return wrapped + ["--", *map(str, argv)]


def launch_kernel(connection_file: str) -> None:
    """Replace this process with the grading kernel, sandboxed when possible (kernelspec entry).

    The kernel sees its connection file (read-only) and the folder of its sockets, which must be
    this process's own Jupyter runtime folder: never a shared one such as /tmp.
    """
    import json

    from jupyter_core.paths import jupyter_runtime_dir

    kernel = Path(__file__).with_name("kernel.py")
    if not available():
        os.execv(sys.executable, [sys.executable, str(kernel), "-f", connection_file])
    connection = Path(connection_file).resolve()
    info = json.loads(connection.read_text())
    sockets = Path(info.get("ip", "")).parent.resolve()
    runtime = Path(jupyter_runtime_dir()).resolve()
    if info.get("transport") != "ipc" or sockets != runtime or runtime in {Path("/"), Path("/tmp"), Path.home()}:
        sys.exit(
            f"grading kernel: refusing to start: a sandboxed kernel needs the ipc transport with its sockets in "
            f"a private runtime folder (got transport {info.get('transport')!r}, sockets in {sockets})"
        )
    argv = command(
        [sys.executable, kernel, "-f", connection],
        scratch=Path.cwd(),
        writable=[sockets],
        readable=[connection],
        scripts=[kernel],
    )
    os.execv(argv[0], argv)


if __name__ == "__main__":
    if sys.argv[1:2] == ["kernel"] and sys.argv[2:3] == ["-f"] and len(sys.argv) == 4:
        launch_kernel(sys.argv[3])
    elif sys.argv[1:] == ["status"]:
        print(status())
    else:
        sys.exit("usage: python -m autograder.sandbox kernel -f CONNECTION_FILE | status")
