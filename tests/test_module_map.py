"""course_utils's module map (its ``__init__`` docstring) is complete and tells its floors.

The map lists every module once, from the floor up; a module imports only modules listed above it
(any import of the package's own modules, at the top or inside a function), so the map is the
order to read the package in, and an import circle cannot form.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import course_utils

PACKAGE = Path(course_utils.__file__).parent


def mapped() -> list[str]:
    """The modules the map names, in its order."""
    return re.findall(r"^    ``([a-z_]+)``", course_utils.__doc__, re.MULTILINE)


def modules() -> dict[str, list[Path]]:
    """Every module of the package by its name in the map (``checks`` stands for its subpackage)."""
    found: dict[str, list[Path]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts == ("__init__",):
            continue
        found.setdefault(parts[0], []).append(path)
    return found


def imported(path: Path) -> set[str]:
    """The package's modules that ``path`` imports (by their names in the map)."""
    depth = len(path.relative_to(PACKAGE).parts) - 1  # 0 for course_utils/x.py, 1 for checks/x.py
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                parts = (node.module or "").split(".")
                if parts[0] == "course_utils":
                    names.add(parts[1] if len(parts) > 1 else node.names[0].name)
            elif node.level > depth:  # a module of the package (not a sibling inside checks/)
                names.add(node.module.split(".")[0] if node.module else node.names[0].name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "course_utils" and len(parts) > 1:
                    names.add(parts[1])
    return names


def test_the_map_names_every_module_once():
    names = mapped()
    assert len(names) == len(set(names)), f"named twice: {sorted(n for n in names if names.count(n) > 1)}"
    assert set(names) == set(modules()), (f"missing from the map: {sorted(set(modules()) - set(names))}; "
                                          f"in the map but not in the package: {sorted(set(names) - set(modules()))}")


def test_every_module_imports_only_modules_above_it_in_the_map():
    order = {name: i for i, name in enumerate(mapped())}
    wrong = [f"{path.relative_to(PACKAGE)} imports {other}, listed below {name}"
             for name, paths in modules().items() for path in paths
             for other in sorted(imported(path)) if other != name and order.get(other, -1) > order[name]]
    assert not wrong, "\n".join(wrong)


def test_the_import_reader_sees_imports():
    """The floors test would pass vacuously if the reader found nothing."""
    assert {"controls", "panel", "plots"} <= imported(PACKAGE / "tensorflow_tools.py")
    assert {"network", "gradcheck"} <= imported(PACKAGE / "checks" / "gradient_checking.py")
    assert "core" not in imported(PACKAGE / "checks" / "optimization.py")  # a sibling inside checks/
    assert "gradcheck" in imported(PACKAGE / "plots.py")  # inside a function
