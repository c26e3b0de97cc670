"""The student edition: what an instructor hands to students, as a folder and a zip.

What it guarantees:

* It holds the student release only: nbgrader's release of every assignment (no solution, no
  hidden test) and the playground, in ``notebooks/<assignment>/``; the course's package as a wheel
  (``packages/``: ``course_utils`` with its data inside, never the grader); the student lock as
  ``requirements.txt`` (ending with that wheel); ``environment.yml`` for conda; ``binder/`` for
  repo2docker; a README for students (Windows, macOS and Linux with pip, conda, Binder, Colab).
  Nothing else of the repository goes in (tests/grading/test_edition.py reads every file for a line of a
  solution or of a hidden test).
* Every notebook's install cell (its first code cell: it installs ``course_utils`` where it is
  missing, on Colab) points at ``package_url``, the address the instructor publishes the wheel at;
  without one it stays ``None`` and the README says that Colab needs it.
* Building again replaces the edition; the zip holds the folder itself (``improving-dnn/...``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .course import REPO, Course

NAME = "improving-dnn"
FILES = (
    Path(__file__).resolve().parent / "edition-files"
)  # the README, binder/ and the package's pyproject (a template)
LOCK = REPO / "locks" / "student.txt"
PACKAGE_LINE = re.compile(r"^COURSE_PACKAGE = None(?=  #)", re.MULTILINE)
BINDER_PYTHON = "3.12"


@dataclass(frozen=True)
class Edition:
    folder: Path
    zip: Path
    wheel: Path


def install_cell_index(nb) -> int:
    """The index of the notebook's install cell: its first code cell, which sets COURSE_PACKAGE."""
    index = next(i for i, cell in enumerate(nb.cells) if cell.cell_type == "code")
    if not re.search(r"^COURSE_PACKAGE = ", nb.cells[index].source, re.MULTILINE):
        raise ValueError("the first code cell is not the install cell (COURSE_PACKAGE = ...)")
    return index


def build(course: Course, destination: Path, package_url: str | None = None) -> Edition:
    """Release every notebook and build the edition in ``destination/improving-dnn/`` and
    ``destination/improving-dnn.zip``."""
    import nbformat

    destination = Path(destination).resolve()
    folder = destination / NAME
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    course.release()
    for name in course.assignments() + course.ungraded():
        for released in sorted((course.root / "release" / name).glob("*.ipynb")):
            nb = nbformat.read(released, as_version=4)
            cell = nb.cells[install_cell_index(nb)]
            if package_url:
                cell.source = PACKAGE_LINE.sub(lambda _: f"COURSE_PACKAGE = {package_url!r}", cell.source)
            target = folder / "notebooks" / name / released.name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, target)
    wheel = build_wheel(folder / "packages")
    relative_wheel = f"./packages/{wheel.name}"
    lock = LOCK.read_text()
    (folder / "requirements.txt").write_text(lock + f"{relative_wheel}\n    # the course's package (course_utils)\n")
    environment = (REPO / "environment.yml").read_text()
    body = environment[environment.index("name:") :].replace("      - -e .\n", f"      - {relative_wheel}\n")
    (folder / "environment.yml").write_text(
        "# conda or mamba, in this folder: conda env create -f environment.yml\n"
        "# TensorFlow and the course's package come from pip (conda-forge's TensorFlow lags).\n" + body
    )
    binder = folder / "binder"
    binder.mkdir()
    (binder / "requirements.txt").write_text(lock)
    (binder / "runtime.txt").write_text(f"python-{BINDER_PYTHON}\n")
    postbuild = binder / "postBuild"
    postbuild.write_text((FILES / "postBuild").read_text().replace("{wheel}", relative_wheel))
    postbuild.chmod(0o755)
    readme = (FILES / "README.md").read_text()
    colab = (
        f"The notebooks install the package from `{package_url}` there by themselves."
        if package_url
        else "The notebooks cannot install the package there by themselves: this edition was built without an "
        "address for it (ask your instructor, or upload `packages/` and run "
        f"`!pip install {wheel.name}` in a first cell)."
    )
    (folder / "README.md").write_text(readme.replace("{wheel}", wheel.name).replace("{colab}", colab))
    archive = destination / f"{NAME}.zip"
    archive.unlink(missing_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo.from_file(path, Path(NAME) / path.relative_to(folder))
                with open(path, "rb") as data:
                    out.writestr(info, data.read(), zipfile.ZIP_DEFLATED)  # keeps postBuild executable
    return Edition(folder, archive, folder / "packages" / wheel.name)


def build_wheel(target: Path) -> Path:
    """The student package as a wheel in ``target``: ``course_utils`` (its checks included) with the
    course's datasets inside, the student set as its dependencies; the grader is not in it."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="student-package-") as scratch:
        source = Path(scratch)
        shutil.copytree(
            REPO / "course_utils", source / "course_utils", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
        shutil.copytree(
            REPO / "datasets", source / "course_utils" / "datasets", ignore=shutil.ignore_patterns("*.py", "*.md")
        )
        dependencies = ",\n    ".join(json.dumps(spec) for spec in project["dependencies"])  # TOML strings
        (source / "pyproject.toml").write_text(
            (FILES / "pyproject.toml.in")
            .read_text()
            .format(version=project["version"], requires_python=project["requires-python"], dependencies=dependencies)
        )
        (source / "README.md").write_text(
            "The helper package of the course *Improving Deep Neural Networks* (student edition).\n"
        )
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(target), str(source)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"building the student package failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    [wheel] = sorted(target.glob("course_utils-*.whl"))
    return wheel
