"""What a student installs: the student set (pyproject.toml's dependencies), its universal lock
(locks/student.txt) and environment.yml, one list under three forms that must agree, installable
on every machine a student may have.

The lock is checked against PyPI (the registry; no other network): for macOS on Apple silicon and
on Intel, Linux on x86-64 and on ARM, and Windows on x86-64, each with Python 3.11, 3.12 and 3.13,
uv resolves the student set within the lock's pins. Intel Macs get every package but TensorFlow,
which has no wheel for them (README, "For students"). conda-forge cannot be reached from here:
environment.yml's names are checked against a mapping, and its pip section as conda hands it to
pip (a requirements file next to environment.yml) against pip itself.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from autograder.cells import without_magics

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "locks" / "student.txt"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
STUDENT_SET = [Requirement(spec) for spec in PROJECT["dependencies"]]

# (uv's --python-platform, what a marker sees there) for every machine a student may have
PLATFORMS = {
    "aarch64-apple-darwin": {"sys_platform": "darwin", "platform_machine": "arm64"},
    "x86_64-apple-darwin": {"sys_platform": "darwin", "platform_machine": "x86_64"},
    "x86_64-unknown-linux-gnu": {"sys_platform": "linux", "platform_machine": "x86_64"},
    "aarch64-unknown-linux-gnu": {"sys_platform": "linux", "platform_machine": "aarch64"},
    "x86_64-pc-windows-msvc": {"sys_platform": "win32", "platform_machine": "AMD64"},
}
PYTHONS = ("3.11", "3.12", "3.13")
NOT_SERVED = {("x86_64-apple-darwin", "tensorflow")}  # no wheel: said in the README

# pip name -> conda-forge name (the same names, read on conda-forge's feedstocks); None: installed by
# environment.yml's pip section (conda-forge's TensorFlow lags behind the tested 2.21)
CONDA_FORGE = {
    "numpy": "numpy",
    "matplotlib": "matplotlib",
    "pillow": "pillow",
    "scikit-learn": "scikit-learn",
    "tqdm": "tqdm",
    "ipywidgets": "ipywidgets",
    "ipykernel": "ipykernel",
    "jupyterlab": "jupyterlab",
    "nbformat": "nbformat",
    "tensorflow": None,
}


def uv() -> str:
    return str(Path(sys.executable).with_name("uv"))


def lock_pins() -> dict[str, list[tuple[str, Marker | None]]]:
    """The lock's pins: name -> [(version, marker)] (a name may be pinned once per Python range)."""
    pins: dict[str, list[tuple[str, Marker | None]]] = {}
    for line in LOCK.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            requirement = Requirement(line)
            [spec] = requirement.specifier
            pins.setdefault(canonicalize_name(requirement.name), []).append((spec.version, requirement.marker))
    return pins


def pinned_for(pins, name: str, environment: dict[str, str]) -> str | None:
    """The version the lock installs of ``name`` where a marker sees ``environment``."""
    versions = [version for version, marker in pins.get(name, []) if marker is None or marker.evaluate(environment)]
    assert len(versions) <= 1, (name, environment, versions)
    return versions[0] if versions else None


def marker_environment(platform: str, python: str) -> dict[str, str]:
    return {
        **PLATFORMS[platform],
        "python_version": python,
        "python_full_version": f"{python}.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "os_name": "nt" if platform.endswith("windows-msvc") else "posix",
        "platform_system": {"darwin": "Darwin", "linux": "Linux", "win32": "Windows"}[
            PLATFORMS[platform]["sys_platform"]
        ],
    }


def test_python_3_11_to_3_13_are_supported_everywhere():
    assert PROJECT["requires-python"] == ">=3.11,<3.14"
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python.removeprefix("python") == PROJECT["requires-python"]


def test_every_dependency_has_a_tested_range():
    for spec in PROJECT["dependencies"] + [s for extra in PROJECT["optional-dependencies"].values() for s in extra]:
        requirement = Requirement(spec)
        if canonicalize_name(requirement.name) == "course-utils":  # an extra of this project
            continue
        assert any(s.operator in ("<", "==") for s in requirement.specifier), f"{spec}: give an upper bound or a pin"


def test_the_student_set_holds_no_grader_and_no_test_tool():
    names = {canonicalize_name(r.name) for r in STUDENT_SET}
    assert not names & {"nbgrader", "distributed", "psycopg2-binary", "playwright", "pytest", "nbclient", "uv"}, names
    assert "tensorflow" in names and "tensorflow-cpu" not in names, "tensorflow-cpu has no macOS or Linux ARM wheel"
    extras = PROJECT["optional-dependencies"]
    assert extras["release"] == ["nbgrader==0.9.6"] and "course_utils[release]" in extras["grader"]
    assert "course_utils[grader]" in extras["dev"]


def third_party_imports() -> set[str]:
    """The top-level modules that course_utils and the notebooks import and the standard library
    does not have."""
    sources = [path.read_text() for path in (ROOT / "course_utils").rglob("*.py")]
    for path in (ROOT / "notebooks").glob("*/*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                sources.append(without_magics(cell.source))
    modules = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"course_utils", "google"}  # google.colab: only on Colab, guarded


def test_everything_the_notebooks_import_is_in_the_student_lock():
    """course_utils and the notebooks import only what the student set brings (directly or as a
    dependency): a student never meets a ModuleNotFoundError that the grader's venv hid."""
    distributions = importlib.metadata.packages_distributions()
    pins = lock_pins()
    missing = {
        module: distributions.get(module)
        for module in third_party_imports()
        if not any(canonicalize_name(d) in pins for d in distributions.get(module, []))
    }
    assert not missing, f"imported, but not in locks/student.txt: {missing}"


def test_the_lock_pins_every_requirement_of_the_student_set_within_its_range():
    pins = lock_pins()
    header = LOCK.read_text().splitlines()[:3]
    assert any("uv pip compile pyproject.toml --universal" in line for line in header), "made by `make lock`"
    for platform in PLATFORMS:
        for python in PYTHONS:
            environment = marker_environment(platform, python)
            for requirement in STUDENT_SET:
                name = canonicalize_name(requirement.name)
                version = pinned_for(pins, name, environment)
                wanted = requirement.marker is None or requirement.marker.evaluate(environment)
                assert (version is not None) == wanted, (
                    f"{name} on {platform} / Python {python}: pinned {version}, wanted {wanted}"
                )
                if version is not None:
                    assert requirement.specifier.contains(version), (
                        f"{name}=={version} outside {requirement.specifier}: run `make lock`"
                    )


def resolve(platform: str, python: str) -> tuple[int, str]:
    """uv's resolution of the student set for one machine, within the lock's pins."""
    result = subprocess.run(
        [
            uv(),
            "pip",
            "compile",
            "pyproject.toml",
            "--constraints",
            str(LOCK),
            "--python-platform",
            platform,
            "--python-version",
            python,
            "--no-header",
            "--no-annotate",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, UV_NO_PROGRESS="1", UV_PYTHON_DOWNLOADS="never"),
    )  # never fetch a Python
    return result.returncode, result.stdout if result.returncode == 0 else result.stdout + result.stderr


def test_the_lock_resolves_for_every_student_machine_and_python():
    """Each resolution must succeed and stay inside the lock: what it picks is what the lock pins
    there (a package the lock lacks, or a pin without a wheel for that machine, fails it)."""
    combos = [(platform, python) for platform in PLATFORMS for python in PYTHONS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(combos, pool.map(lambda combo: resolve(*combo), combos)))
    pins, problems = lock_pins(), []
    for (platform, python), (code, output) in results.items():
        where = f"{platform}, Python {python}"
        if code != 0:
            problems.append(f"{where}: does not resolve:\n{output[-1500:]}")
            continue
        picked = {
            canonicalize_name(r.name): str(next(iter(r.specifier)).version)
            for r in map(
                Requirement, (line for line in output.splitlines() if line and not line.startswith(("#", " ")))
            )
        }
        environment = marker_environment(platform, python)
        for name, version in picked.items():
            if pinned_for(pins, name, environment) != version:
                problems.append(
                    f"{where}: picks {name}=={version}, the lock pins {pinned_for(pins, name, environment)}"
                )
        served = "tensorflow" in picked
        if served == ((platform, "tensorflow") in NOT_SERVED):
            problems.append(f"{where}: tensorflow {'installed' if served else 'missing'}")
    assert not problems, "\n".join(problems)


def environment_yml() -> tuple[list[str], list[str]]:
    """environment.yml's conda dependencies (without python and pip) and its pip section."""
    dependencies = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    conda = [
        d
        for d in dependencies
        if isinstance(d, str) and d.split(">")[0].split("=")[0].split("<")[0] not in ("python", "pip")
    ]
    [pip] = [d["pip"] for d in dependencies if isinstance(d, dict)]
    return conda, pip


def test_environment_yml_is_the_student_set_under_conda_forge_names():
    conda, pip = environment_yml()
    by_name = {canonicalize_name(r.name): r for r in STUDENT_SET}
    assert set(by_name) == set(CONDA_FORGE), "every package of the student set has its conda-forge name in CONDA_FORGE"
    expected_conda = {(CONDA_FORGE[name], str(r.specifier)) for name, r in by_name.items() if CONDA_FORGE[name]}
    got = {(Requirement(d).name, str(Requirement(d).specifier)) for d in conda}
    assert got == expected_conda
    from_pip = {name for name, conda_name in CONDA_FORGE.items() if conda_name is None}
    assert {canonicalize_name(Requirement(line).name) for line in pip if not line.startswith("-")} == from_pip
    for line in pip:
        if not line.startswith("-"):
            requirement = Requirement(line)
            assert str(requirement) == str(by_name[canonicalize_name(requirement.name)]), (
                "the same range and marker as pyproject.toml"
            )
    assert pip[-1] == "-e .", "and the course's package itself, last"


def test_environment_yml_pip_section_is_what_pip_accepts():
    """conda writes the pip section, a line each, to a requirements file beside environment.yml and
    runs ``pip install -r`` on it: pip must take every line (the `--no-deps` line of old did not)."""
    _, pip = environment_yml()
    with tempfile.NamedTemporaryFile("w", suffix=".requirements.txt", dir=ROOT, delete=False) as file:
        file.write("\n".join(pip) + "\n")
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--dry-run",
                "--no-deps",
                "--ignore-installed",
                "--disable-pip-version-check",
                "-q",
                "-r",
                file.name,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(file.name)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_intel_mac_is_told_where_the_tensorflow_notebook_runs(monkeypatch):
    """Where the lock installs no TensorFlow (NOT_SERVED), the notebook's first use of ``tf`` says
    why and where to go, instead of a bare ModuleNotFoundError."""
    import platform

    import pytest

    from course_utils import tensorflow_tools

    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(platform, "machine", lambda: "x86_64")
    monkeypatch.setattr(tensorflow_tools.importlib.util, "find_spec", lambda name: None)
    monkeypatch.delitem(sys.modules, "tensorflow", raising=False)
    with pytest.raises(ModuleNotFoundError, match="no release for Intel Macs.*Binder or Colab"):
        tensorflow_tools._import_quietly("tensorflow")
    assert (
        "Intel Mac" in (ROOT / "README.md").read_text()
        and "Intel Mac" in (ROOT / "autograder" / "edition-files" / "README.md").read_text()
    )
