"""The nbgrader course: its folders, and each step of the instructor's workflow as one function.

Every step runs nbgrader as a subprocess in the course root (so nbgrader reads
``nbgrader_config.py`` there) with the venv's ``bin/`` on PATH (nbgrader starts ``alembic``).
Nothing here is specific to one assignment: every folder under ``notebooks/`` is one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ROOT = REPO / "autograder"
NOTEBOOKS = REPO / "notebooks"
CONFIG = DEFAULT_ROOT / "nbgrader_config.py"


class GradingError(RuntimeError):
    """An nbgrader step failed as a whole (not one submission: those are reported, not raised)."""


@dataclass(frozen=True)
class Score:
    """One graded notebook of one student, and its per-test scores."""

    student: str
    assignment: str
    notebook: str
    score: float
    max_score: float
    tests: dict[str, tuple[float, float]]  # grade_id -> (score, max)
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Course:
    """A course root (``autograder/`` by default, a temporary copy in tests) and its sources."""

    root: Path = DEFAULT_ROOT
    source: Path = NOTEBOOKS

    @classmethod
    def at(cls, root: Path | str | None = None) -> "Course":
        """The course at ``root`` (or $COURSE_ROOT, or ``autograder/``); a new root gets the config."""
        root = Path(root or os.environ.get("COURSE_ROOT") or DEFAULT_ROOT).resolve()
        root.mkdir(parents=True, exist_ok=True)
        if not (root / "nbgrader_config.py").exists():
            shutil.copy(CONFIG, root / "nbgrader_config.py")
        return cls(root=root)

    # ---- folders ----
    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.root / 'gradebook.db'}"

    def assignments(self) -> list[str]:
        """Every folder of ``notebooks/`` that holds a notebook."""
        return sorted(p.name for p in self.source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))

    def submissions(self) -> list[tuple[str, str]]:
        """``(student, assignment)`` for every ``submitted/<student>/<assignment>/`` folder with a notebook."""
        found = []
        for folder in sorted((self.root / "submitted").glob("*/*/")):
            if any(folder.glob("*.ipynb")):
                found.append((folder.parent.name, folder.name))
        return found

    # ---- running nbgrader ----
    def nbgrader(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = dict(os.environ)
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        command = [sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={self.root}",
                   f"--CourseDirectory.source_directory={self.source}"]
        result = subprocess.run(command, cwd=self.root, env=env, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise GradingError(f"nbgrader {' '.join(args)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
        return result

    # ---- the workflow ----
    def release(self) -> list[Path]:
        """Student versions of every assignment in ``release/<assignment>/``."""
        for assignment in self.assignments():
            self.nbgrader("db", "assignment", "add", assignment)
            self.nbgrader("generate_assignment", assignment, "--force")
        return [self.root / "release" / a for a in self.assignments()]

    def autograde(self) -> list[Score]:
        """Grade every submission in ``submitted/``; a submission that fails is reported, not fatal."""
        problems: dict[tuple[str, str], list[str]] = {}
        for student, assignment in self.submissions():
            result = self.nbgrader("autograde", assignment, f"--student={student}", "--create", "--force", check=False)
            if result.returncode != 0:
                problems[(student, assignment)] = [_last_error(result.stdout + result.stderr)]
        return self.scores(problems)

    def feedback(self) -> Path:
        """HTML feedback for every autograded submission, in ``feedback/<student>/<assignment>/``."""
        for assignment in sorted({a for _, a in self.submissions()}):
            self.nbgrader("generate_feedback", assignment, "--force")
        return self.root / "feedback"

    def export_grades(self, path: Path | None = None) -> Path:
        """All grades as CSV (nbgrader's export), ``grades.csv`` in the course root by default."""
        path = Path(path or self.root / "grades.csv").resolve()
        self.nbgrader("export", f"--to={path}")
        return path

    def scores(self, problems: dict[tuple[str, str], list[str]] | None = None) -> list[Score]:
        """What the gradebook holds for every submission found in ``submitted/``."""
        from nbgrader.api import Gradebook, MissingEntry

        problems = problems or {}
        rows = []
        with Gradebook(self.db_url, course_id="improving-dnn") as gradebook:
            for student, assignment in self.submissions():
                for path in sorted((self.root / "submitted" / student / assignment).glob("*.ipynb")):
                    trouble = tuple(problems.get((student, assignment), ()))
                    try:
                        nb = gradebook.find_submission_notebook(path.stem, assignment, student)
                    except MissingEntry:
                        rows.append(Score(student, assignment, path.stem, 0.0, 0.0, {}, trouble or ("not graded",)))
                        continue
                    tests = {g.name: (float(g.score), float(g.max_score)) for g in nb.grades}
                    rows.append(Score(student, assignment, path.stem, float(nb.score), float(nb.max_score), tests, trouble))
        return rows

    def workspace(self, destination: Path) -> list[tuple[Path, bool]]:
        """Copy the released notebooks into ``destination``; never overwrite a file already there.

        Returns ``(path, copied)`` for every released file.
        """
        done = []
        for source in sorted((self.root / "release").rglob("*")):
            if source.is_dir() or ".ipynb_checkpoints" in source.parts:
                continue
            target = Path(destination) / source.relative_to(self.root / "release")
            copied = not target.exists()
            if copied:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
            done.append((target, copied))
        return done


def _last_error(log: str) -> str:
    """The most telling line of an nbgrader log, for the summary table."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for line in reversed(lines):
        if "Error" in line or "error" in line:
            return line[-200:]
    return lines[-1][-200:] if lines else "nbgrader failed"


def summary_table(scores: list[Score]) -> str:
    """Student, assignment, score, max, problems: one line each, aligned."""
    header = ("student", "assignment", "score", "max", "problems")
    rows = [(s.student, s.assignment, f"{s.score:g}", f"{s.max_score:g}",
             "; ".join(s.problems) or ", ".join(f"{k} {v[0]:g}/{v[1]:g}" for k, v in s.tests.items() if v[0] < v[1]) or "-")
            for s in scores]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)) + "  " + header[4]]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[4] for r in rows]
    return "\n".join(lines)
