"""The class report, made from the sample submissions graded once for the whole run (``graded``):
each classic-mistake case is counted under its own mistake, the figures agree with nbgrader's
scores, and what could not be graded, timed out or was repaired is listed."""

from __future__ import annotations

import csv
import html
import shutil

import pytest

from autograder import gradebook, report
from autograder.records import FAILED, OUTSIDE
from tests.support.grading_helpers import CASES, load_case


def _mistakes_by_student(class_report: report.ClassReport) -> dict[tuple[str, str], list[report.Mistake]]:
    found: dict[tuple[str, str], list[report.Mistake]] = {}
    for summaries in class_report.functions.values():
        for summary in summaries:
            for mistake in summary.mistakes:
                for student in mistake.students:
                    found.setdefault((student, mistake.assignment), []).append(mistake)
    return found


@pytest.fixture(scope="module")
def class_report(graded):
    course, _, _ = graded
    return report.gather(course.db_url)


def _classic_cases(graded) -> list[tuple[str, str]]:
    """Cases whose every lost test is a check that failed (a wrong answer, in or outside the kernel),
    not a timeout, a crash or an unreadable file."""
    course, _, _ = graded
    _, tests, _ = gradebook.report_rows(course.db_url)
    lost: dict[tuple[str, str], set[str]] = {}
    for t in tests:
        if t["score"] < t["max_score"]:
            lost.setdefault((t["student_id"], t["assignment"]), set()).add(t["kind"])
    return [(a, n) for a, n in CASES if lost.get((n, a)) and lost[(n, a)] <= {FAILED, OUTSIDE}]


def test_each_classic_mistake_case_is_counted_under_its_own_mistake(graded, class_report):
    classic = _classic_cases(graded)
    assert len(classic) >= 20, classic  # every notebook's mistake samples
    found = _mistakes_by_student(class_report)
    for assignment, name in classic:
        case = load_case(assignment, name)
        mistakes = found.get((name, assignment), [])
        # Under the functions whose tests lost points, and no other.
        assert {m.function for m in mistakes} == {test.removeprefix("test_") for test in case.expected}, (
            name,
            mistakes,
        )
        said = "\n".join(f"{m.function}: {m.example}\n{m.label}" for m in mistakes)
        for fragment in case.feedback_must_contain:
            if "outside your notebook's kernel" not in fragment:  # the grader's words, not the check's
                assert fragment in said, (name, fragment, said)
    for summaries in class_report.functions.values():
        for summary in summaries:
            for mistake in summary.mistakes:
                assert "reference" not in mistake.students and "correct_unusual" not in mistake.students, mistake


def test_two_mistakes_of_one_function_are_counted_apart(class_report):
    """He with Xavier's spread and He that ignores its rng are two mistakes of one function."""
    he = next(f for f in class_report.functions["initialization"] if f.function == "initialize_parameters_he")
    xavier = [m for m in he.mistakes if "Xavier" in m.label]
    assert len(xavier) == 1 and "own_statistics_transposed_unscaled_xavier" in xavier[0].students
    assert all("own_statistics_transposed_unscaled_xavier" not in m.students for m in he.mistakes if m is not xavier[0])
    assert [len(m.students) for m in he.mistakes] == sorted((len(m.students) for m in he.mistakes), reverse=True)


def test_the_figures_agree_with_the_gradebooks_scores(graded, class_report):
    course, scores, _ = graded
    for assignment, summaries in class_report.functions.items():
        graded_here = {s: v for (s, a), v in scores.items() if a == assignment and v.graded}
        assert set(class_report.totals[assignment]) == set(graded_here)
        for student, score in graded_here.items():
            assert class_report.totals[assignment][student] == pytest.approx((score.score, score.max_score))
        for summary in summaries:
            tests = [t for t in next(iter(graded_here.values())).tests if t.removeprefix("test_") == summary.function]
            assert tests, summary.function
            full = sum(all(v.tests[t][0] >= v.tests[t][1] for t in tests) for v in graded_here.values())
            assert summary.full_marks == full and len(summary.scores) == len(graded_here)
            assert sum(count for _, count in summary.distribution()) == len(graded_here)


def test_timeouts_intake_and_faults_are_listed(graded, tmp_path):
    course, _, _ = graded
    listed = {(a, s, kind) for a, s, kind, _ in report.gather(course.db_url).problems}
    assert ("initialization", "infinite_loop", "timed out or crashed") in listed
    assert ("initialization", "corrupt_file", "intake (repaired or unreadable)") in listed
    assert ("initialization", "old_format", "intake (repaired or unreadable)") in listed  # converted: a note
    if not course.db_url.startswith("sqlite:///"):
        pytest.skip("the fault is written into a copy of the SQLite gradebook")
    copy = tmp_path / "gradebook.db"
    shutil.copy(course.db_url.removeprefix("sqlite:///"), copy)
    gradebook.record_fault(f"sqlite:///{copy}", "lost_worker", "initialization", "worker lost: KilledWorker")
    again = report.gather(f"sqlite:///{copy}")
    assert ("initialization", "lost_worker", "could not be graded", "worker lost: KilledWorker") in again.problems
    assert "lost_worker" not in again.totals["initialization"]  # no scores: nothing counted


def test_the_report_is_written_as_html_and_csv(graded, class_report, tmp_path):
    course, _, _ = graded
    page = report.make(course, tmp_path)
    text = page.read_text()
    assert text.count("data:image/png;base64,") >= 2 * len(class_report.functions) - 1  # histograms and mistake charts
    with (tmp_path / "mistakes.csv").open() as file:
        rows = list(csv.DictReader(file))
    listed = [m for summaries in class_report.functions.values() for f in summaries for m in f.mistakes]
    assert len(rows) == len(listed) and rows
    for row, mistake in zip(rows, listed):
        assert row["mistake"] == mistake.label and int(row["students_count"]) == len(mistake.students)
        assert html.escape(mistake.label) in text
    with (tmp_path / "functions.csv").open() as file:
        functions = list(csv.DictReader(file))
    assert {(r["assignment"], r["function"]) for r in functions} == {
        (f.assignment, f.function) for summaries in class_report.functions.values() for f in summaries
    }
    assert (tmp_path / "scores.csv").exists() and (tmp_path / "problems.csv").exists()


def test_make_report_writes_the_report_of_the_course(graded, tmp_path, capsys):
    from autograder.__main__ import main

    course, scores, _ = graded
    assert main(["--course-dir", str(course.root), "report", "--to", str(tmp_path / "out")]) == 0
    said = capsys.readouterr().out
    assert f"class report of {sum(s.graded for s in scores.values())} graded submission(s)" in said
    assert (tmp_path / "out" / "report.html").exists() and (tmp_path / "out" / "mistakes.csv").exists()
    empty = report.write(report.gather(f"sqlite:///{tmp_path / 'none.db'}"), tmp_path / "empty")
    assert "No graded submission in this gradebook yet" in empty.read_text()
    assert not (tmp_path / "none.db").exists()  # reading never makes a gradebook
