"""environment.yml (conda, Binder) and pyproject.toml (pip) must describe the same environment."""

import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def normalized(specs):
    return {(r.name.lower().replace("_", "-"), str(r.specifier)) for r in map(Requirement, specs)}


def test_environment_yml_lists_exactly_the_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))]
    expected = normalized(project["dependencies"] + project["optional-dependencies"]["dev"])
    assert normalized(conda) == expected


def test_every_dependency_has_a_tested_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for spec in project["dependencies"] + project["optional-dependencies"]["dev"]:
        specifier = Requirement(spec).specifier
        assert any(s.operator in ("<", "==") for s in specifier), f"{spec}: give an upper bound or a pin"


def test_python_version_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python.removeprefix("python") == project["requires-python"]
