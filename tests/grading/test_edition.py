"""The student edition (``make student-edition``, autograder/edition.py), as a student gets it.

* It holds what the README promises and nothing of the instructor's: no line of a solution region
  or of a hidden test of the source notebooks in any file, the package's wheel and the zip
  included (the same search finds them in the sources: it can fail).
* A fresh Python 3.13 venv that installs only what the edition lists (its requirements.txt: the
  lock and the course's wheel) runs every notebook with the reference answers typed in, its
  visible checks passing, and the playground.
* Binder's steps, replayed in a fresh Python 3.12 venv (runtime.txt): install binder/
  requirements.txt, run binder/postBuild, start JupyterLab; a notebook runs there in Chromium.
* Colab's way in, in that venv before postBuild (no course_utils): a fresh kernel runs a
  notebook's first cell, which installs the package from the address the edition was built with
  (here the local wheel); where the package is there the cell does nothing.

The venvs are made with uv (``uv venv``, ``uv pip install``: the same requirements as pip reads,
in seconds from uv's cache instead of minutes); postBuild runs pip, as Binder does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder import edition as student_edition
from tests.support import browser
from tests.support.grading_helpers import REGIONS, ROOT, build_submission, load_case, region_lines, write_submission

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
WHEEL = f"course_utils-{VERSION}-py3-none-any.whl"
ASSIGNMENTS = sorted(p.parent.name for p in ROOT.glob("notebooks/*/*.ipynb") if p.parent.name != "playground")
PYENV = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"


def python(version: str) -> str:
    """This machine's Python ``version`` (on PATH, or pyenv's)."""
    found = shutil.which(f"python{version}")
    candidates = ([found] if found else []) + sorted(str(p) for p in PYENV.glob(f"{version}*/bin/python{version}"))
    for candidate in candidates:
        if subprocess.run([candidate, "--version"], capture_output=True).returncode == 0:
            return candidate
    pytest.fail(
        f"Python {version} is needed for this test (the student edition supports it): install it, e.g. `pyenv install {version}`"
    )


def uv(*args: str, cwd: Path | None = None) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("uv")), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=dict(os.environ, UV_NO_PROGRESS="1", UV_PYTHON_DOWNLOADS="never"),
    )
    assert result.returncode == 0, f"uv {' '.join(args)}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> student_edition.Edition:
    """The edition, built as an instructor would, with the Colab address set to where its own wheel
    lies (a local wheel)."""
    from autograder.course import Course

    destination = tmp_path_factory.mktemp("edition")
    course = Course.at(tmp_path_factory.mktemp("edition-course"))
    built = student_edition.build(
        course, destination, package_url=str(destination / student_edition.NAME / "packages" / WHEEL)
    )
    assert built.wheel.name == WHEEL
    return built


def edition_files(edition: student_edition.Edition) -> dict[str, bytes]:
    """Every file a student gets: the folder's, the zip's, and the files inside the wheel."""
    files = {str(p.relative_to(edition.folder)): p.read_bytes() for p in edition.folder.rglob("*") if p.is_file()}
    with zipfile.ZipFile(edition.zip) as archive:
        files |= {f"zip:{name}": archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(edition.wheel) as wheel:
        files |= {f"wheel:{name}": wheel.read(name) for name in wheel.namelist()}
    return files


def test_the_edition_holds_what_the_students_need(edition):
    folder = edition.folder
    for assignment in ASSIGNMENTS + ["playground"]:
        assert len(list((folder / "notebooks" / assignment).glob("*.ipynb"))) == 1, assignment
    assert sorted(p.name for p in (folder / "packages").iterdir()) == [WHEEL]
    requirements = (folder / "requirements.txt").read_text()
    assert (
        requirements.startswith((ROOT / "locks" / "student.txt").read_text()) and f"./packages/{WHEEL}" in requirements
    )
    assert f"- ./packages/{WHEEL}" in (folder / "environment.yml").read_text()
    assert (folder / "binder" / "requirements.txt").read_text() == (ROOT / "locks" / "student.txt").read_text()
    assert (folder / "binder" / "runtime.txt").read_text().strip() == "python-3.12"
    assert (
        os.access(folder / "binder" / "postBuild", os.X_OK) and WHEEL in (folder / "binder" / "postBuild").read_text()
    )
    readme = (folder / "README.md").read_text()
    for words in (
        "Windows",
        "macOS",
        "Linux",
        "python -m pip install -r requirements.txt",
        "python -m course_utils.lab",
        "conda env create -f environment.yml",
        "Binder",
        "Colab",
        "Intel Mac",
        WHEEL,
    ):
        assert words in readme, words
    assert "{" not in readme, "every placeholder filled"
    with zipfile.ZipFile(edition.zip) as archive:
        names = archive.namelist()
        assert sorted(names) == sorted(
            f"{student_edition.NAME}/{p.relative_to(folder).as_posix()}" for p in folder.rglob("*") if p.is_file()
        )
        mode = archive.getinfo(f"{student_edition.NAME}/binder/postBuild").external_attr >> 16
        assert mode & stat.S_IXUSR, "postBuild stays executable"
    with zipfile.ZipFile(edition.wheel) as wheel:
        top = {name.split("/")[0] for name in wheel.namelist()}
        assert top == {"course_utils", f"course_utils-{VERSION}.dist-info"}, (
            "the course's package only: never the grader"
        )
        assert "course_utils/datasets/moons_train.csv" in wheel.namelist()
        assert (
            wheel.read("course_utils/datasets/moons_train.csv") == (ROOT / "datasets" / "moons_train.csv").read_bytes()
        )


def secret_lines() -> dict[str, set[str]]:
    """The lines of the source notebooks' solution regions and hidden tests that appear nowhere a
    student may look (the notebooks' other cells, course_utils): what the edition must not hold."""
    regions = {kind: set() for kind in REGIONS}
    public: set[str] = set()
    for path in ROOT.glob("notebooks/*/*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            inside, outside = region_lines(cell.source)
            for kind, lines in inside.items():
                regions[kind] |= set(lines)
            public |= set(outside)
    for path in (ROOT / "course_utils").rglob("*.py"):
        public |= {line.strip() for line in path.read_text().splitlines()}
    return {
        kind: {line for line in lines - public if len(line) > 3 and not line.startswith("#")}
        for kind, lines in regions.items()
    }


def found_secrets(files: dict[str, bytes], secrets: dict[str, set[str]]) -> list[str]:
    found = []
    for name, data in files.items():
        try:
            text = data.decode()
        except UnicodeDecodeError:
            continue
        # a notebook's lines are JSON strings: read them as the cells' text
        texts = (
            [text]
            if not name.endswith(".ipynb")
            else ["\n".join(c.source for c in nbformat.reads(text, as_version=4).cells)]
        )
        lines = {line.strip() for t in texts for line in t.splitlines()}
        for kind, secret in secrets.items():
            found += [f"{name}: a line of a {kind}: {line!r}" for line in sorted(lines & secret)[:3]]
        for kind, (start, end) in REGIONS.items():
            if start in text or end in text:
                found.append(f"{name}: nbgrader's {kind} marker")
    return found


def test_no_solution_and_no_hidden_test_anywhere_in_the_edition(edition):
    secrets = secret_lines()
    assert len(secrets["solution"]) > 100 and len(secrets["hidden test"]) > 50, {k: len(v) for k, v in secrets.items()}
    sources = {str(p): p.read_bytes() for p in ROOT.glob("notebooks/*/*.ipynb")}
    assert len(found_secrets(sources, secrets)) > 20, "the same search finds them in the source notebooks"
    assert found_secrets(edition_files(edition), secrets) == []


def test_each_notebooks_first_code_cell_installs_the_package_from_the_address_given(edition):
    for path in sorted(edition.folder.glob("notebooks/*/*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        index = student_edition.install_cell_index(nb)
        source = nb.cells[index].source
        assert f"COURSE_PACKAGE = {str(edition.wheel)!r}" in source, path.name
        importing = [
            i for i, c in enumerate(nb.cells) if c.cell_type == "code" and i != index and "course_utils" in c.source
        ]
        assert importing and index < min(importing), f"{path.name}: before anything imports the package"


def typed_in(edition: student_edition.Edition, target: Path) -> Path:
    """A copy of the edition's notebooks with the reference answers typed in (the playground as it is)."""
    for assignment in ASSIGNMENTS:
        [released] = (edition.folder / "notebooks" / assignment).glob("*.ipynb")
        write_submission(
            target / assignment / released.name, build_submission(released, load_case(assignment, "reference"))
        )
    shutil.copytree(edition.folder / "notebooks" / "playground", target / "playground", dirs_exist_ok=True)
    return target


RUN_NOTEBOOK = """
import sys, nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(__import__("pathlib").Path(path).parent)}}).execute()
errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error" or o.get("name") == "stderr"]
print(sys.version.split()[0], len(nb.cells), "cells;", len(errors), "errors or stderr outputs")
for o in errors:
    print(o.get("ename", "stderr"), o.get("evalue", o.get("text", ""))[:300])
sys.exit(1 if errors else 0)
"""


def test_a_fresh_python_3_13_venv_from_the_edition_runs_every_notebook(edition, tmp_path):
    venv = tmp_path / "venv"
    uv("venv", "--quiet", "--python", python("3.13"), str(venv))
    interpreter = str(venv / "bin" / "python")
    uv("pip", "install", "--quiet", "--python", interpreter, "-r", "requirements.txt", cwd=edition.folder)
    shown = subprocess.run(
        [interpreter, "-c", "import course_utils, sys; print(sys.version_info[:2], course_utils.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "(3, 13)" in shown.stdout and str(venv) in shown.stdout, shown.stdout + shown.stderr
    work = typed_in(edition, tmp_path / "work")
    failures = []
    for path in sorted(work.glob("*/*.ipynb"), key=lambda p: p.parent.name == "playground"):  # the playground last
        run = subprocess.run(
            [interpreter, "-c", RUN_NOTEBOOK, str(path)], capture_output=True, text=True, cwd=path.parent
        )
        print(f"{path.name}: {run.stdout.strip().splitlines()[0] if run.stdout.strip() else run.stderr[-300:]}")
        if run.returncode != 0:
            failures.append(f"{path.name}:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
    assert not failures, "\n\n".join(failures)


COLAB = """
import json, sys, nbformat
from nbclient import NotebookClient
notebook, check = sys.argv[1], sys.argv[2]
install = nbformat.read(notebook, as_version=4).cells
install = next(c for c in install if c.cell_type == "code")
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(install.source), nbformat.v4.new_code_cell(check)])
NotebookClient(nb, timeout=600, kernel_name="python3").execute()
print(json.dumps(["".join(o.get("text", o.get("evalue", "")) for o in c.outputs) for c in nb.cells]))  # each cell's text
"""


def test_binder_steps_and_colab_first_cell_in_a_fresh_venv(edition, tmp_path, chromium_browser):
    venv = tmp_path / "binder-venv"
    runtime = (edition.folder / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    uv("venv", "--quiet", "--seed", "--python", python(runtime), str(venv))  # --seed: pip, which postBuild runs
    interpreter = str(venv / "bin" / "python")
    uv("pip", "install", "--quiet", "--python", interpreter, "-r", "binder/requirements.txt", cwd=edition.folder)
    missing = subprocess.run([interpreter, "-c", "import course_utils"], capture_output=True, cwd=tmp_path)
    assert missing.returncode != 0, "the binder requirements alone do not hold the course's package"

    # Colab: a fresh kernel without course_utils runs a notebook's first cell, then imports the package
    [notebook] = (edition.folder / "notebooks" / "initialization").glob("*.ipynb")
    check = "import course_utils.data\nprint(course_utils.__file__)\nprint(course_utils.data.load_dataset('moons').X_train.shape)"
    colab = subprocess.run(
        [interpreter, "-c", COLAB, str(notebook), check], capture_output=True, text=True, cwd=tmp_path
    )
    assert colab.returncode == 0, colab.stdout[-2000:] + colab.stderr[-3000:]
    outputs = json.loads(colab.stdout.strip().splitlines()[-1])
    assert outputs[0] == "" and str(venv) in outputs[1] and "(2, 300)" in outputs[1], outputs
    # where the package is there, the cell does nothing: not even with an address that cannot install
    nowhere = notebook.read_text().replace(str(edition.wheel), "/nowhere/course_utils.whl")
    (tmp_path / "nowhere.ipynb").write_text(nowhere)
    again = subprocess.run(
        [interpreter, "-c", COLAB, str(tmp_path / "nowhere.ipynb"), "print('fine')"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert again.returncode == 0 and json.loads(again.stdout.strip().splitlines()[-1]) == ["", "fine\n"], (
        again.stdout + again.stderr
    )
    subprocess.run(
        [interpreter, "-m", "pip", "uninstall", "--quiet", "--yes", "course_utils"], check=True, capture_output=True
    )

    # Binder: postBuild from the repository's root, with the venv's python first on PATH
    postbuild = subprocess.run(
        [str(edition.folder / "binder" / "postBuild")],
        cwd=edition.folder,
        capture_output=True,
        text=True,
        env=dict(os.environ, PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"),
    )
    assert postbuild.returncode == 0, postbuild.stdout + postbuild.stderr
    root = tmp_path / "binder-home"
    shutil.copytree(edition.folder, root)
    typed_in(edition, root / "notebooks")  # the student's answers, over the released notebooks
    path = next(p for p in (root / "notebooks" / "gradient_checking").glob("*.ipynb")).relative_to(root).as_posix()
    with browser.LabServer(root, python=interpreter) as lab:
        context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(60_000)
        page = context.new_page()
        try:
            result = browser.open_and_run(page, lab, path)
            assert not result.errors and result.executed == result.code_cells and not result.text_reprs, result
            assert browser.explorers(page), "its explorer rendered"
        finally:
            context.close()


@pytest.fixture(scope="module")
def chromium_browser():
    missing = browser.missing_requirements()
    if missing:
        pytest.fail(missing, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = browser.chromium(playwright)
        yield launched
        launched.close()


def test_python_m_course_utils_lab_copies_the_notebooks_and_never_overwrites(edition, tmp_path):
    from course_utils import lab

    work = tmp_path / "my-work"
    first = lab.main(["--notebooks", str(edition.folder / "notebooks"), "--work", str(work), "--copy-only"])
    assert first == 0 and len(list(work.glob("*/*.ipynb"))) == len(ASSIGNMENTS) + 1
    started = work / "initialization" / next((edition.folder / "notebooks" / "initialization").glob("*.ipynb")).name
    started.write_text(started.read_text().replace("YOUR CODE HERE", "MY CODE HERE"))
    assert lab.main(["--notebooks", str(edition.folder / "notebooks"), "--work", str(work), "--copy-only"]) == 0
    assert "MY CODE HERE" in started.read_text(), "never overwritten"
    assert lab.main(["--notebooks", str(tmp_path / "nothing"), "--work", str(work), "--copy-only"]) == 2
    command = lab.lab_command(work, port=8899, ip="127.0.0.1", browser=False)
    assert command[:3] == [sys.executable, "-m", "jupyterlab"] and f"--ServerApp.root_dir={work.resolve()}" in command
    assert "--no-browser" in command and "--port=8899" in command
    assert re.search(r"python -m course_utils\.lab", (edition.folder / "README.md").read_text())
