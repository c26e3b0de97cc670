"""The packages' imports: no import circle among the grader's modules."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.grading_helpers import ROOT


def imports_of(path: Path) -> set[str]:
    """The package modules ``path`` imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found |= {node.module} if node.module else {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("autograder."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.ImportFrom) and node.module == "autograder":
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("autograder.")}
    return found


def test_the_grader_has_no_import_circle():
    package = ROOT / "autograder"
    modules = {p.stem for p in package.glob("*.py")}
    graph = {m: imports_of(package / f"{m}.py") & modules - {m} for m in modules}
    assert graph["worker"] and "course" in graph["worker"], "the reading of imports found nothing: it is broken"

    def cycle_from(start: str, path: tuple[str, ...]) -> tuple[str, ...] | None:
        for nxt in sorted(graph[path[-1]]):
            if nxt == start:
                return path + (nxt,)
            if nxt not in path:
                found = cycle_from(start, path + (nxt,))
                if found:
                    return found
        return None

    circles = [c for m in sorted(modules) if (c := cycle_from(m, (m,)))]
    assert not circles, f"import circle: {' -> '.join(circles[0])}"
