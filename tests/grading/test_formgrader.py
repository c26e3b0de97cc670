"""nbgrader's formgrader over the course, in Chromium, as an instructor uses it: the graded
submissions with the scores `make grades` exports; manual points and a comment given on one of
them, which `make grades`, `make report` and the student's feedback then show; and its Autograde
button, refused with the command that grades."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from autograder import batch, gradebook, report
from autograder.__main__ import formgrader_command
from autograder.course import Course
from tests.grading.test_batch import ASSIGNMENT, hand_in
from tests.support import browser

NOTEBOOK = "Initialization"
TEST = "test_initialize_parameters_he"  # the test the own_statistics_transposed_unscaled_xavier submission fails (among others)
COMMENT = "Xavier's spread: He's is sqrt(2/n). Two points back for the clear derivation."


@pytest.fixture(scope="module", autouse=True)
def requirements() -> None:
    missing = browser.missing_requirements()
    if missing:
        pytest.fail(missing, pytrace=False)


def exported(course: Course, path: Path) -> dict[str, tuple[float, float]]:
    with open(course.export_grades(path)) as handle:
        return {row["student_id"]: (float(row["score"]), float(row["max_score"])) for row in csv.DictReader(handle)}


def test_formgrader_review_manual_points_and_comment(tmp_path, monkeypatch):
    course = Course.at(tmp_path / "course")
    hand_in(course, {"ada": "untouched", "bob": "own_statistics_transposed_unscaled_xavier"})
    graded = batch.autograde(course, workers=0, progress=False)
    assert not graded.faults
    before = exported(course, tmp_path / "before.csv")
    he_points = next(s.tests[TEST] for s in graded.scores if s.student == "bob")
    assert he_points[0] == 0 and he_points[1] >= 2  # bob lost the He test's points
    # the server make formgrader starts: JupyterLab over the course root, opening on /formgrader
    command, env = formgrader_command(course, port=0, open_browser=False)
    assert f"--ServerApp.root_dir={course.root}" in command and "--ServerApp.default_url=/formgrader" in command
    monkeypatch.setenv("PATH", env["PATH"])

    from playwright.sync_api import sync_playwright

    with (
        browser.LabServer(course.root, extra_args=("--ServerApp.default_url=/formgrader",)) as lab,
        sync_playwright() as playwright,
    ):
        chromium = browser.chromium(playwright)
        try:
            # the token on every request, as the login cookie would carry it
            page = chromium.new_context(extra_http_headers={"Authorization": f"token {lab.token}"}).new_page()
            # the course's submissions of the notebook, with the scores make grades exports
            page.goto(f"{lab.base}/formgrader/gradebook/{ASSIGNMENT}/{NOTEBOOK}")
            page.wait_for_selector("td.score:has-text('/')", timeout=60_000)
            page.click("#toggle_names")
            shown = {}
            for row in page.locator("tbody tr").all():
                name = row.locator("a.name-shown").inner_text().strip()
                shown[name] = row.locator("td.score").inner_text().strip()
            assert shown == {s: f"{score:g} / {maximum:g}" for s, (score, maximum) in before.items()}

            # bob's submission: two manual points on the He test, and a comment
            page.click("a.name-shown:has-text('bob')")
            score = page.locator(f"input.score#{TEST}")
            score.wait_for(timeout=60_000)
            # formgrader binds its fields once it has fetched the grades and comments
            page.wait_for_function(
                "() => window.formgrader && formgrader.grades && formgrader.grades.loaded && formgrader.comments.loaded",
                timeout=60_000,
            )
            score.fill("2")
            score.press("Tab")
            # comments go on the student's answer (nbgrader's solution cells), named after its function
            comment = page.locator(f"textarea#{TEST.removeprefix('test_')}-comment")
            comment.fill(COMMENT)
            comment.press("Tab")

            def saved() -> bool:  # formgrader saves each field as it is left (PUT to its API)
                return gradebook.manual_scores(course.db_url).get(("bob", ASSIGNMENT, NOTEBOOK, TEST)) == 2

            browser.poll(saved, 120, "formgrader saving bob's manual points", interval=0.5)

            # formgrader's Autograde button (Manage Submissions): refused, with the command
            page.goto(f"{lab.base}/formgrader/manage_submissions/{ASSIGNMENT}")
            page.wait_for_selector("td.autograde a", timeout=60_000)
            page.locator("tbody tr", has_text="ada").locator("td.autograde a").click()
            modal = page.locator("#error-modal")
            modal.wait_for(timeout=120_000)
            said = modal.inner_text()
            assert "This course is not graded by nbgrader's own autograde" in said and "make autograde" in said
        finally:
            chromium.close()

    after = exported(course, tmp_path / "after.csv")
    assert after["bob"][0] == pytest.approx(before["bob"][0] + 2) and after["ada"] == before["ada"]
    # the class report counts the manual points
    totals = report.gather(course.db_url).totals[ASSIGNMENT]
    assert totals["bob"][0] == pytest.approx(before["bob"][0] + 2)
    assert totals["ada"][0] == pytest.approx(before["ada"][0])
    # the student's feedback shows the new score and the comment
    course.feedback(progress=False)
    page_html = (course.root / "feedback" / "bob" / ASSIGNMENT / f"{NOTEBOOK}.html").read_text()
    assert COMMENT.replace("'", "&#39;") in page_html or COMMENT in page_html
    assert f"{before['bob'][0] + 2:g}" in page_html
    # and pipeline grading leaves the manual grade alone: nothing to grade again
    again = batch.autograde(course, workers=0, progress=False)
    assert not again.graded and exported(course, tmp_path / "again.csv")["bob"] == after["bob"]
