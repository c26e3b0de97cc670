"""Correct answers in a notebook turned upside down: cells reversed, test cells made markdown,
the setup cell deleted. Graded as the instructor's notebook: full marks."""

EXPECTED = {}


def transform(nb):
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "setup"][::-1]
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.cell_type = "markdown"
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
    return nb
