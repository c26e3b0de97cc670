"""The class report (``make report``): what the class got wrong, from what grading stored.

For every assignment and function: the score distribution, the share of full marks and the
classic mistakes found, each with the number of students and who they are, most frequent first
("initialize_parameters_he: ... Xavier's ... — 12 students"); then the submissions the grader could
not grade, those whose code timed out or crashed, and what intake repaired. Written to
``reports/`` in the course root: ``report.html`` (score histograms and a bar chart of mistakes per
function, inline) and the same figures as CSV (``scores.csv``, ``functions.csv``,
``mistakes.csv``, ``problems.csv``).

It reads only the gradebook's records (``gradebook.report_rows``: one structured record per
graded test, kept by the grader when it graded), never a notebook, and never runs student code.
A mistake is a failed check's hint (else its problem), counted once per student and function
whatever inputs found it (``records.mistake_key``).
"""

from __future__ import annotations

import base64
import csv
import html
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import gradebook
from .records import FAILED, NOT_WRITTEN, OUTSIDE, PASSED, TIMEOUT_KINDS, mistake_key

REPORT_FOLDER = "reports"


@dataclass
class Mistake:
    """One classic mistake of one function: what the check said, and who made it."""

    assignment: str
    function: str
    label: str  # the hint (else the problem) as most students got it
    students: list[str]
    example: str  # a problem that came with it


@dataclass
class FunctionSummary:
    """How the class did on one function of one assignment (all its graded tests together)."""

    assignment: str
    function: str
    max_score: float
    scores: list[float]  # one per graded submission
    kinds: Counter = field(default_factory=Counter)  # students per kind of outcome (the worst test's)
    mistakes: list[Mistake] = field(default_factory=list)  # most frequent first

    @property
    def full_marks(self) -> int:
        return sum(1 for s in self.scores if s >= self.max_score)

    @property
    def full_marks_share(self) -> float:
        return self.full_marks / len(self.scores) if self.scores else 0.0

    @property
    def mean(self) -> float:
        return sum(self.scores) / len(self.scores) if self.scores else 0.0

    def distribution(self) -> list[tuple[float, int]]:
        """(score, number of students) for every score obtained, lowest first."""
        return sorted(Counter(self.scores).items())


@dataclass
class ClassReport:
    """Everything the report shows, computed from the gradebook's records."""

    totals: dict[str, dict[str, tuple[float, float]]]  # assignment -> student -> (score, max)
    functions: dict[str, list[FunctionSummary]]  # assignment -> functions in notebook order
    problems: list[tuple[str, str, str, str]]  # (assignment, student, kind, text): fault, timeout, intake


# Outcomes that the report counts per function, worst first (a student's worst test decides).
_SEVERITY = [*sorted(TIMEOUT_KINDS), "error", OUTSIDE, FAILED, NOT_WRITTEN, PASSED]


def gather(url: str) -> ClassReport:
    """The report's figures from the gradebook at ``url``."""
    submissions, tests, events = gradebook.report_rows(url)
    graded = {(row["student_id"], row["assignment"]) for row in submissions}
    tests = [t for t in tests if (t["student_id"], t["assignment"]) in graded]
    # a score an instructor changed in formgrader counts as changed (the mistake found stays listed)
    manual = gradebook.manual_scores(url)
    for t in tests:
        key = (t["student_id"], t["assignment"], t["notebook"], t["test"])
        if key in manual:
            t["score"] = manual[key]

    totals: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    per_student: dict[tuple[str, str, str], list[dict]] = defaultdict(list)  # (assignment, function, student)
    order: dict[str, dict[str, int]] = defaultdict(dict)  # assignment -> function -> first position seen
    for t in tests:
        total = totals[t["assignment"]][t["student_id"]]
        total[0] += t["score"] or 0.0
        total[1] += t["max_score"]
        per_student[(t["assignment"], t["function"], t["student_id"])].append(t)
        order[t["assignment"]].setdefault(t["function"], len(order[t["assignment"]]))

    functions: dict[str, list[FunctionSummary]] = {}
    found: dict[tuple[str, str, str], dict[str, Any]] = {}  # (assignment, function, key) -> labels, students, example
    by_function: dict[tuple[str, str], FunctionSummary] = {}
    for (assignment, function, student), records in sorted(per_student.items()):
        summary = by_function.get((assignment, function))
        if summary is None:
            summary = by_function[(assignment, function)] = FunctionSummary(
                assignment, function, sum(r["max_score"] for r in records), []
            )
        summary.scores.append(sum(r["score"] or 0.0 for r in records))
        summary.kinds[min((r["kind"] for r in records), key=_severity)] += 1
        for r in records:  # a student counts once per mistake, whichever tests found it
            if r["mistake"]:
                entry = found.setdefault(
                    (assignment, function, mistake_key(r["mistake"])),
                    {"labels": Counter(), "students": set(), "example": ""},
                )
                entry["labels"][r["mistake"]] += 1
                entry["example"] = entry["example"] or r["problem"]
                entry["students"].add(student)
    for (assignment, function, _key), entry in found.items():
        by_function[(assignment, function)].mistakes.append(
            Mistake(
                assignment, function, entry["labels"].most_common(1)[0][0], sorted(entry["students"]), entry["example"]
            )
        )
    for summary in by_function.values():
        summary.mistakes.sort(key=lambda m: (-len(m.students), m.label))
        functions.setdefault(summary.assignment, []).append(summary)
    for assignment, summaries in functions.items():
        summaries.sort(key=lambda s: order[assignment][s.function])

    problems = [
        (
            e["assignment"],
            e["student_id"],
            "could not be graded"
            if e["kind"] == "fault"
            else "timed out or crashed"
            if e["kind"] == "grading"
            else "intake (repaired or unreadable)",
            e["text"],
        )
        for e in events
        if e["kind"] == "fault" or (e["student_id"], e["assignment"]) in graded
    ]
    recorded = {(t["student_id"], t["assignment"]) for t in tests}
    problems += [
        (
            assignment,
            student,
            "no test records",
            "graded before the grader kept test records: `make autograde FORCE=1` grades it again",
        )
        for student, assignment in graded - recorded
    ]
    return ClassReport(
        {a: {s: (v[0], v[1]) for s, v in sorted(students.items())} for a, students in sorted(totals.items())},
        dict(sorted(functions.items())),
        sorted(problems),
    )


def _severity(kind: str) -> int:
    return _SEVERITY.index(kind) if kind in _SEVERITY else 0


# ---- writing it ----


def write(report: ClassReport, folder: Path) -> Path:
    """Write ``report.html`` and the CSV files into ``folder``; returns the HTML page's path."""
    folder.mkdir(parents=True, exist_ok=True)
    _csv(
        folder / "scores.csv",
        ["assignment", "student", "score", "max_score"],
        [(a, s, f"{v[0]:g}", f"{v[1]:g}") for a, students in report.totals.items() for s, v in students.items()],
    )
    _csv(
        folder / "functions.csv",
        [
            "assignment",
            "function",
            "max_score",
            "graded",
            "full_marks",
            "full_marks_share",
            "mean_score",
            "distribution",
            *[k.replace(" ", "_") for k in _SEVERITY],
        ],
        [
            (
                f.assignment,
                f.function,
                f"{f.max_score:g}",
                len(f.scores),
                f.full_marks,
                f"{f.full_marks_share:.3f}",
                f"{f.mean:.3f}",
                " ".join(f"{score:g}:{count}" for score, count in f.distribution()),
                *[f.kinds.get(k, 0) for k in _SEVERITY],
            )
            for summaries in report.functions.values()
            for f in summaries
        ],
    )
    _csv(
        folder / "mistakes.csv",
        ["assignment", "function", "mistake", "students_count", "students", "example_problem"],
        [
            (m.assignment, m.function, m.label, len(m.students), " ".join(m.students), m.example)
            for summaries in report.functions.values()
            for f in summaries
            for m in f.mistakes
        ],
    )
    _csv(folder / "problems.csv", ["assignment", "student", "kind", "text"], report.problems)
    page = folder / "report.html"
    page.write_text(_html(report), encoding="utf-8")
    return page


def _csv(path: Path, header: list[str], rows: list) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


def _html(report: ClassReport) -> str:
    e = html.escape
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Class report</title><style>",
        "body{font-family:sans-serif;max-width:70em;margin:2em auto;line-height:1.4}"
        "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;"
        "vertical-align:top}th{background:#f3f3f3}.n{text-align:right}img{max-width:100%}small{color:#666}",
        "</style></head><body><h1>Class report</h1>",
        "<p>From the records grading kept for every test; no student code was run to make it. "
        "The same figures are in the CSV files beside this page.</p>",
    ]
    if not report.totals:
        parts.append("<p><b>No graded submission in this gradebook yet</b>: run <code>make autograde</code> first.</p>")
    for assignment, summaries in report.functions.items():
        students = report.totals.get(assignment, {})
        best = max((v[1] for v in students.values()), default=0)
        parts.append(
            f"<h2>{e(assignment)}</h2><p>{len(students)} graded submission(s), out of {best:g} points; "
            f"mean {sum(v[0] for v in students.values()) / max(len(students), 1):.1f}.</p>"
        )
        parts.append(_figure(_histogram_png(assignment, students)))
        if any(f.mistakes for f in summaries):
            parts.append(_figure(_mistakes_png(assignment, summaries)))
        parts.append(
            "<table><tr><th>function</th><th>points</th><th>full marks</th><th>mean</th><th>scores (score: students)</th>"
            "<th>not written</th><th>failed</th><th>failed outside the kernel</th><th>timed out, crashed</th></tr>"
        )
        for f in summaries:
            stopped = sum(f.kinds.get(k, 0) for k in TIMEOUT_KINDS) + f.kinds.get("error", 0)
            parts.append(
                f"<tr><td>{e(f.function)}</td><td class=n>{f.max_score:g}</td><td class=n>{f.full_marks} "
                f"({f.full_marks_share:.0%})</td><td class=n>{f.mean:.2f}</td><td>"
                f"{e(', '.join(f'{s:g}: {c}' for s, c in f.distribution()))}</td><td class=n>{f.kinds.get(NOT_WRITTEN, 0)}</td>"
                f"<td class=n>{f.kinds.get(FAILED, 0)}</td><td class=n>{f.kinds.get(OUTSIDE, 0)}</td><td class=n>{stopped}</td></tr>"
            )
        parts.append("</table>")
        mistakes = [m for f in summaries for m in f.mistakes]
        if mistakes:
            parts.append(
                "<h3>Mistakes found</h3><table><tr><th>function</th><th>mistake (the check's hint)</th>"
                "<th>students</th><th>who</th></tr>"
            )
            colours = {id(m): _colour(rank) for f in summaries for rank, m in enumerate(f.mistakes)}  # as in the chart
            for m in sorted(mistakes, key=lambda m: (-len(m.students), m.function, m.label)):
                swatch = f"<span style='background:{colours[id(m)]}'>&nbsp;&nbsp;&nbsp;</span> "
                parts.append(
                    f"<tr><td>{swatch}{e(m.function)}</td><td>{e(m.label)}<br><small>{e(m.example)}</small></td>"
                    f"<td class=n>{len(m.students)}</td><td>{e(', '.join(m.students))}</td></tr>"
                )
            parts.append("</table>")
    parts.append("<h2>Submissions that need a look</h2>")
    if report.problems:
        parts.append("<table><tr><th>assignment</th><th>student</th><th>what</th><th>details</th></tr>")
        for assignment, student, kind, text in report.problems:
            parts.append(f"<tr><td>{e(assignment)}</td><td>{e(student)}</td><td>{e(kind)}</td><td>{e(text)}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>None: every submission was graded, ran to its end and needed no repair.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _colour(rank: int) -> str:
    """Matplotlib's colour cycle, as #rrggbb: the n-th mistake of a function in the chart and the table."""
    return [
        "#1f77b4",
        "#ff7f0e",
        "#2ca02c",
        "#d62728",
        "#9467bd",
        "#8c564b",
        "#e377c2",
        "#7f7f7f",
        "#bcbd22",
        "#17becf",
    ][rank % 10]


def _figure(png: bytes) -> str:
    return f"<p><img alt='' src='data:image/png;base64,{base64.b64encode(png).decode()}'></p>"


def _png(figure: Any) -> bytes:
    # A bare Figure (no pyplot): nothing global to close, no GUI backend chosen.
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
    return buffer.getvalue()


def _histogram_png(assignment: str, students: dict[str, tuple[float, float]]) -> bytes:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(6, 2.6))
    axes = figure.subplots()
    best = max((v[1] for v in students.values()), default=1) or 1
    axes.hist([v[0] for v in students.values()], bins=min(20, max(int(best), 1)), range=(0, best), color=_colour(0))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set(title=f"{assignment}: scores", xlabel="points", ylabel="students")
    return _png(figure)


def _mistakes_png(assignment: str, summaries: list[FunctionSummary]) -> bytes:
    """Per function, the students with each of its mistakes (a stacked bar; the table names them)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    shown = [f for f in summaries if f.mistakes]
    figure = Figure(figsize=(7, 0.5 + 0.45 * len(shown)))
    axes = figure.subplots()
    for row, f in enumerate(shown):
        left = 0
        for rank, m in enumerate(f.mistakes):
            axes.barh(row, len(m.students), left=left, color=_colour(rank), edgecolor="white")
            left += len(m.students)
    axes.set_yticks(range(len(shown)), [f.function for f in shown])
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set(
        title=f"{assignment}: classic mistakes per function (colours: the table below)", xlabel="students, per mistake"
    )
    return _png(figure)


def make(course: Any, folder: Path | None = None) -> Path:
    """The report of ``course`` (a ``course.Course``) in ``folder`` (default: ``reports/`` in its root)."""
    return write(gather(course.db_url), folder or course.root / REPORT_FOLDER)
