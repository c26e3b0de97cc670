"""Open the course: ``python -m course_utils.lab`` (any OS, no ``make`` needed).

Copies the student notebooks into your work folder, never overwriting a notebook that is already
there (running it again never loses work), then starts JupyterLab in that folder. In the student
edition the notebooks are its ``notebooks/`` folder; in the course repository ``make lab`` passes
the release (``--notebooks autograder/release``).

    python -m course_utils.lab                   # notebooks/ -> my-work/, JupyterLab opens in your browser
    python -m course_utils.lab --work ~/dnn      # another work folder
    python -m course_utils.lab --copy-only       # copy, do not start JupyterLab
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


def copy_notebooks(source: Path, destination: Path) -> list[tuple[Path, bool]]:
    """Copy every file under ``source`` into ``destination`` (same layout); never overwrite a file
    already there. Returns ``(path, copied)`` for every file."""
    done = []
    for path in sorted(Path(source).rglob("*")):
        if path.is_dir() or ".ipynb_checkpoints" in path.parts:
            continue
        target = Path(destination) / path.relative_to(source)
        copied = not target.exists()
        if copied:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        done.append((target, copied))
    return done


def lab_command(work: Path, port: int | None = None, ip: str | None = None, browser: bool = True) -> list[str]:
    """The command that starts JupyterLab over ``work`` with this Python."""
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={Path(work).resolve()}"]
    if port is not None:
        command.append(f"--port={port}")
    if ip is not None:
        command.append(f"--ip={ip}")
    if not browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # Jupyter refuses root without it (containers, CI machines)
        command.append("--allow-root")
    return command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_utils.lab", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--notebooks",
        type=Path,
        default=Path("notebooks"),
        help="the student notebooks (default: notebooks/, the student edition's folder)",
    )
    parser.add_argument("--work", type=Path, default=Path("my-work"), help="your work folder (default: my-work/)")
    parser.add_argument(
        "--port", type=int, default=None, help="JupyterLab's port (default: 8888, or the next free one)"
    )
    parser.add_argument("--ip", default=None, help="JupyterLab's address (default: localhost)")
    parser.add_argument("--no-browser", action="store_true", help="print the address instead of opening a browser")
    parser.add_argument("--copy-only", action="store_true", help="copy the notebooks, do not start JupyterLab")
    args = parser.parse_args(argv)

    if not any(args.notebooks.glob("*/*.ipynb")):
        print(
            f"No notebooks in {args.notebooks.resolve()}: run this from the student edition's folder (the one with "
            "notebooks/ in it), or give --notebooks DIR.",
            file=sys.stderr,
        )
        return 2
    for path, copied in copy_notebooks(args.notebooks, args.work):
        print(
            ("copied  " if copied else "kept    ")
            + str(path)
            + ("" if copied else "  (already there: your work is untouched)")
        )
    if args.copy_only:
        return 0
    print(f"\nStarting JupyterLab in {args.work.resolve()} (Ctrl+C to stop it).", flush=True)
    try:
        return subprocess.call(lab_command(args.work, args.port, args.ip, browser=not args.no_browser))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
