"""Scratch folders in /tmp that say which process made them, so that leftovers can be found.

Grading makes throwaway folders: a worker's private course (``grading-``), its Jupyter runtime
folder with the kernels' sockets (``jr-``), the warm nbgrader's log files (``nbgrader-``) and the
working folder of each process that serves a student's functions (``grading-``). Each process
removes its own when it ends; a process killed with SIGKILL (a Dask worker on a cluster, an
nbgrader run past its time) cannot. Every name therefore holds the pid and the start time of the
process that made it, and ``remove_abandoned()`` (called when a worker starts) deletes those
of this user whose process is gone. A folder of a process that is still running is never
touched, even when its pid was reused: the start time would differ.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

KINDS = ("grading", "jr", "nbgrader")
_NAME = re.compile(r"^(?:%s)-(\d+)\.(\d+)-" % "|".join(KINDS))


def _started(pid: int) -> str | None:
    """The start time of process ``pid`` (clock ticks since boot), "" where /proc cannot say, None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:  # alive, someone else's
            return ""
        return ""
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]  # field 22 of the line; the name in (...) may hold spaces


def root() -> Path:
    """Where scratch folders go: /tmp (short paths: Unix socket paths are limited to 107 bytes)."""
    return Path("/tmp") if Path("/tmp").is_dir() else Path(tempfile.gettempdir())


def make(kind: str, label: str = "") -> Path:
    """A new, empty folder ``<kind>-<pid>.<start>-<label>-XXXX`` owned by this process."""
    assert kind in KINDS, kind
    tag = f"{kind}-{os.getpid()}.{_started(os.getpid()) or 0}-" + (f"{label}-" if label else "")
    return Path(tempfile.mkdtemp(prefix=tag, dir=root()))


def remove_abandoned(among: Iterable[Path] | None = None) -> list[Path]:
    """Delete this user's scratch folders (of ``among``, default all) whose process has ended;
    returns what was removed."""
    removed = []
    for path in root().iterdir() if among is None else among:
        found = _NAME.match(path.name)
        if not found or not path.is_dir() or path.is_symlink():
            continue
        try:
            if path.stat().st_uid != os.getuid():
                continue
        except OSError:
            continue
        pid, started = int(found.group(1)), found.group(2)
        now = _started(pid)
        if now is None or now not in ("", started):  # gone, or its pid now belongs to another process
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
