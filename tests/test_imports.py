"""The packages' imports: no import circle among the modules of the grader (autograder/), nor among
those of the course's package (course_utils/, its checks/ included), whoever edits them next; and
course_utils keeps to its module map (its ``__init__`` docstring): every module named once, each
importing only modules above it, the explorers siblings that never import each other.

Every import counts, at the top of a module or inside a function (a deferred import that closes a
circle is one all the same). Modules are named relative to their package, with dots
(``checks.core``); a subpackage's ``__init__`` is the subpackage (``checks``), the package's own is
``__init__``. Importing a submodule is not counted as importing its parents' ``__init__``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import course_utils
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
            base = here[: len(here) - node.level + 1]
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
    assert (
        "layers" in graph["network"]
        and {"checks.core", "network"} <= graph["checks.regularization"]
        and "checks.core" in graph["checks"]
    ), "the reading of imports found nothing: it is broken"
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})[0] == ("a", "b", "c", "a"), "the search is broken"
    found = circles(graph)
    assert not found, f"import circle: {' -> '.join(found[0])}"


def mapped() -> list[str]:
    """The modules course_utils's map names, in its order (``checks`` stands for the subpackage)."""
    return re.findall(r"^    ``([a-z_]+)``", course_utils.__doc__, re.MULTILINE)


def floors(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The import graph by the names of the map: a module of ``checks`` is ``checks``."""
    by_map: dict[str, set[str]] = {}
    for module, imports in graph.items():
        if module != "__init__":
            top = module.split(".")[0]
            by_map.setdefault(top, set()).update(other.split(".")[0] for other in imports)
    return {module: imports - {module} for module, imports in by_map.items()}


def test_course_utils_map_names_every_module_once():
    names, modules = mapped(), set(floors(import_graph("course_utils")))
    assert len(names) == len(set(names)), f"named twice: {sorted(n for n in names if names.count(n) > 1)}"
    assert set(names) == modules, (
        f"missing from the map: {sorted(modules - set(names))}; "
        f"in the map but not in the package: {sorted(set(names) - modules)}"
    )


def test_every_module_of_course_utils_imports_only_modules_above_it_in_the_map():
    order, graph = {name: i for i, name in enumerate(mapped())}, floors(import_graph("course_utils"))
    assert {"controls", "panel", "plots"} <= graph["tensorflow_tools"] and "gradcheck" in graph["plots"], (
        "the reading of imports found nothing (plots imports gradcheck inside a function): it is broken"
    )
    wrong = [
        f"{module} imports {other}, listed below it"
        for module, imports in sorted(graph.items())
        for other in sorted(imports)
        if order.get(other, -1) > order.get(module, -1)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_explorers_the_playground_and_tensorflow_never_import_each_other():
    graph = floors(import_graph("course_utils"))
    siblings = {"widgets", "playground", "tensorflow_tools"}
    for module in sorted(siblings):
        assert {"controls", "panel"} <= graph[module], f"{module}: the reading of imports found nothing: it is broken"
        seen, todo = set(), [module]
        while todo:
            for nxt in graph.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        assert not seen & (siblings - {module}), f"{module} imports another explorer module: {sorted(seen & siblings)}"
