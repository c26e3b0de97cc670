"""The packages' imports: no import circle among the modules of the grader (autograder/), nor among
those of the course's package (course_utils/, its checks/ included), whoever edits them next.

Every import counts, at the top of a module or inside a function (a deferred import that closes a
circle is one all the same). Modules are named relative to their package, with dots
(``checks.core``); a subpackage's ``__init__`` is the subpackage (``checks``), the package's own is
``__init__``. Importing a submodule is not counted as importing its parents' ``__init__``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.grading_helpers import ROOT


def modules_of(package: str) -> dict[str, Path]:
    """``{module: file}`` for every module of ``package``."""
    root, modules = ROOT / package, {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)] = path
    return modules


def imports_of(package: str, module: str, modules: dict[str, Path]) -> set[str]:
    """The modules of ``package`` that ``module`` imports, at the top or inside functions."""
    path = modules[module]
    here = [] if module == "__init__" else module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()

    def add(parts: list[str], names: list[str]) -> None:
        """``from <parts> import <names>``, or ``import <parts>`` (no names): each name that is a
        module of the package, and the module ``parts`` itself when a name is not."""
        submodules = {".".join([*parts, name]) for name in names} & modules.keys()
        found.update(submodules)
        if len(submodules) < len(names) or not names:
            found.add(".".join(parts) or "__init__")

    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[:len(here) - node.level + 1]
            add([*base, *(node.module.split(".") if node.module else [])], [a.name for a in node.names])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == package:
            add(node.module.split(".")[1:], [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == package:
                    add(alias.name.split(".")[1:], [])
    return found & modules.keys() - {module}


def import_graph(package: str) -> dict[str, set[str]]:
    modules = modules_of(package)
    return {module: imports_of(package, module, modules) for module in modules}


def circles(graph: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """A circle through each module that is on one (``("a", "b", "a")``), in the modules' order."""

    def cycle_from(start: str, path: tuple[str, ...]) -> tuple[str, ...] | None:
        for nxt in sorted(graph[path[-1]]):
            if nxt == start:
                return path + (nxt,)
            if nxt not in path:
                found = cycle_from(start, path + (nxt,))
                if found:
                    return found
        return None

    return [c for m in sorted(graph) if (c := cycle_from(m, (m,)))]


def test_the_grader_has_no_import_circle():
    graph = import_graph("autograder")
    assert graph["worker"] and "course" in graph["worker"], "the reading of imports found nothing: it is broken"
    found = circles(graph)
    assert not found, f"import circle: {' -> '.join(found[0])}"


def test_course_utils_has_no_import_circle():
    graph = import_graph("course_utils")
    assert "layers" in graph["network"] and {"checks.core", "network"} <= graph["checks.regularization"] \
        and "checks.core" in graph["checks"], "the reading of imports found nothing: it is broken"
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})[0] == ("a", "b", "c", "a"), "the search is broken"
    found = circles(graph)
    assert not found, f"import circle: {' -> '.join(found[0])}"
