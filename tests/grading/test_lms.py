"""The LMS in and out: Canvas's and Moodle's submission downloads collected into submitted/, and
grades written in their import formats. The zips are built here to each LMS's naming scheme."""

from __future__ import annotations

import csv
import datetime
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from autograder import cells, lms_collect, lms_grades, roster
from autograder.__main__ import main
from autograder.course import Course

ASSIGNMENT = "initialization"
NOTEBOOK = "Initialization.ipynb"


def released(course: Course) -> bytes:
    return (course.root / "release" / ASSIGNMENT / NOTEBOOK).read_bytes()


def other_assignment(course: Course) -> bytes:
    return next((course.root / "release" / "optimization").glob("*.ipynb")).read_bytes()


def make_zip(path: Path, entries: list[tuple[str, bytes, tuple]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, when in entries:
            archive.writestr(zipfile.ZipInfo(name, date_time=when), data)
    return path


def notebook_variant(data: bytes, marker: str) -> bytes:
    """The released notebook with one answer typed in: a different file of the same notebook."""
    nb = json.loads(data)
    for cell in nb["cells"]:
        if cells.is_solution(cell):
            cell["source"] = f"# {marker}\n" + "".join(cell["source"])
            break
    return json.dumps(nb).encode()


EARLY, LATER = (2026, 11, 30, 10, 0, 0), (2026, 12, 1, 9, 30, 0)


@pytest.fixture()
def canvas_zip(released_course, tmp_path):
    nb = released(released_course)
    first, second = notebook_variant(nb, "first upload"), notebook_variant(nb, "second upload")
    return make_zip(
        tmp_path / "submissions.zip",
        [
            ("doejane_1001_5001_Initialization.ipynb", nb, EARLY),
            # uploaded twice: Canvas numbers the second file of the same name
            ("smithbob_1002_5002_Initialization.ipynb", first, EARLY),
            ("smithbob_1002_5107_Initialization-1.ipynb", second, LATER),
            ("leeann_late_1003_5200_Initialization.ipynb", nb, LATER),  # Canvas's late mark
            ("kimray_1004_5300_my_work.ipynb", nb, EARLY),  # renamed: its cells say whose it is
            ("kimray_1004_5301_notes.pdf", b"%PDF-1.4", EARLY),  # not a notebook
            ("parkjo_1005_5400_Optimization.ipynb", other_assignment(released_course), EARLY),
            ("Initialization.ipynb", nb, EARLY),  # no student in the name
        ],
    )


def outcome(collection: lms_collect.Collection) -> dict[str, tuple[str, str | None]]:
    return {u.entry: (u.action, u.student) for u in collection.uploads}


def test_canvas_download_is_collected_and_every_file_accounted_for(released_course, canvas_zip, tmp_path):
    submitted = tmp_path / "submitted"
    done = lms_collect.collect(canvas_zip, ASSIGNMENT, released_course.root / "release" / ASSIGNMENT, submitted)
    assert done.lms == "canvas"
    assert outcome(done) == {
        "doejane_1001_5001_Initialization.ipynb": ("collected", "1001"),
        "smithbob_1002_5002_Initialization.ipynb": ("replaced-by-newer", "1002"),
        "smithbob_1002_5107_Initialization-1.ipynb": ("collected", "1002"),
        "leeann_late_1003_5200_Initialization.ipynb": ("collected", "1003"),
        "kimray_1004_5300_my_work.ipynb": ("collected", "1004"),
        "kimray_1004_5301_notes.pdf": ("skipped", "1004"),
        "parkjo_1005_5400_Optimization.ipynb": ("skipped", "1005"),
        "Initialization.ipynb": ("skipped", None),
    }
    # the newest upload wins, under the released notebook's name, with its time for nbgrader
    assert b"second upload" in (submitted / "1002" / ASSIGNMENT / NOTEBOOK).read_bytes()
    assert (submitted / "1002" / ASSIGNMENT / "timestamp.txt").read_text() == "2026-12-01 09:30:00"
    assert (submitted / "1004" / ASSIGNMENT / NOTEBOOK).exists()
    assert sorted(p.name for p in submitted.iterdir()) == ["1001", "1002", "1003", "1004"]
    text = "\n".join(done.lines())
    assert "smithbob_1002_5107_Initialization-1.ipynb is newer" in text
    assert "leeann_late_1003_5200_Initialization.ipynb -> 1003/initialization/Initialization.ipynb  LATE" in text
    assert "renamed: its cells are Initialization.ipynb's" in text
    assert "kimray_1004_5301_notes.pdf  (not a notebook)" in text
    assert "parkjo_1005_5400_Optimization.ipynb  (not this assignment's notebook" in text
    assert "NOT TAKEN Initialization.ipynb  (its name follows no scheme" in text


def test_nothing_in_submitted_is_overwritten_without_saying_so(released_course, canvas_zip, tmp_path):
    submitted = tmp_path / "submitted"
    mine = submitted / "1001" / ASSIGNMENT / NOTEBOOK
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"the copy already there")
    release = released_course.root / "release" / ASSIGNMENT
    done = lms_collect.collect(canvas_zip, ASSIGNMENT, release, submitted)
    kept = next(u for u in done.uploads if u.student == "1001")
    assert kept.action == "kept-existing" and "already there and differs" in kept.why
    assert mine.read_bytes() == b"the copy already there"
    again = lms_collect.collect(canvas_zip, ASSIGNMENT, release, submitted, replace=True)
    assert mine.read_bytes() == released(released_course)
    assert (
        "replaced the different file already in submitted/" in next(u for u in again.uploads if u.student == "1001").why
    )
    # a second run over the same download changes nothing and says the files were identical
    third = lms_collect.collect(canvas_zip, ASSIGNMENT, release, submitted)
    assert "already there, identical" in next(u for u in third.uploads if u.student == "1001").why


def test_moodle_download_in_folders_with_a_deadline_and_a_worksheet(released_course, tmp_path):
    nb = released(released_course)
    download = make_zip(
        tmp_path / "moodle.zip",
        [
            ("Jane Doe_88001_assignsubmission_file_/Initialization.ipynb", nb, EARLY),
            ("Bob Smith_88002_assignsubmission_file_/Initialization.ipynb", nb, LATER),
            ("Ann Lee_88003_assignsubmission_onlinetext_onlinetext.html", b"<p>hi</p>", EARLY),
            ("Ray Kim_88004_assignsubmission_file_Initialization.ipynb", nb, EARLY),  # the flat form
        ],
    )
    worksheet = tmp_path / "worksheet.csv"
    worksheet.write_text(
        "Identifier,Full name,Email address,Status,Grade\n"
        "Participant 88001,Jane Doe,jane@uni.edu,Submitted,\n"
        "Participant 88002,Bob Smith,bob@uni.edu,Submitted,\n"
        "Participant 88003,Ann Lee,ann@uni.edu,Submitted,\n"
    )
    known = roster.Roster({"jdoe": roster.Student("jdoe", "Jane", "Doe", "jane@uni.edu")})
    done = lms_collect.collect(
        download,
        ASSIGNMENT,
        released_course.root / "release" / ASSIGNMENT,
        tmp_path / "submitted",
        roster=known,
        due=datetime.datetime(2026, 12, 1, 0, 0),
        worksheet=worksheet,
    )
    assert done.lms == "moodle"
    assert outcome(done) == {
        "Jane Doe_88001_assignsubmission_file_/Initialization.ipynb": ("collected", "jdoe"),  # the roster's id
        "Bob Smith_88002_assignsubmission_file_/Initialization.ipynb": ("collected", "bob@uni.edu"),
        "Ann Lee_88003_assignsubmission_onlinetext_onlinetext.html": ("skipped", "ann@uni.edu"),
        # not on the worksheet: whose it is is not guessed from the name
        "Ray Kim_88004_assignsubmission_file_Initialization.ipynb": ("skipped", None),
    }
    late = {u.student: u.late for u in done.uploads if u.action == "collected"}
    assert late == {"jdoe": False, "bob@uni.edu": True}
    assert "has no lms_user_id in the roster" in "\n".join(done.lines())


def test_a_roster_with_lms_ids_maps_them_and_names_the_unknown(released_course, canvas_zip, tmp_path):
    path = tmp_path / "students.csv"
    path.write_text(
        "id,first_name,last_name,email,lms_user_id\njdoe,Jane,Doe,jane@uni.edu,1001\nbsmith,Bob,Smith,,1002\n"
    )
    done = lms_collect.collect(
        canvas_zip,
        ASSIGNMENT,
        released_course.root / "release" / ASSIGNMENT,
        tmp_path / "submitted",
        roster=roster.from_csv(path),
    )
    students = {u.student for u in done.uploads if u.action == "collected"}
    assert students == {"jdoe", "bsmith"}
    assert any("LMS user 1003 (leeann)" in line and "NOT TAKEN" in line for line in done.lines())


def test_make_collect_path_fills_a_course_and_says_what_it_did(released_course, canvas_zip, tmp_path, capsys):
    course = Course.at(tmp_path / "course")
    shutil.copytree(released_course.root / "release", course.root / "release")
    assert main(["--course-dir", str(course.root), "collect", ASSIGNMENT, str(canvas_zip)]) == 0
    said = capsys.readouterr().out
    assert "canvas: 4 notebook(s) collected" in said and "(1 late), 1 older upload(s) left out" in said
    assert "3 file(s) not taken" in said
    assert sorted(s for s, _ in course.submissions()) == ["1001", "1002", "1003", "1004"]
    assert main(["--course-dir", str(course.root), "collect", "no_such_assignment", str(canvas_zip)]) == 2
    assert "no assignment 'no_such_assignment'" in capsys.readouterr().err


def read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="") as handle:
        return list(csv.reader(handle))


def test_grades_in_canvas_and_moodle_import_formats(graded, tmp_path):
    course, scores, _ = graded
    gathered = {a.name: a for a in lms_grades.gather(course.db_url)}
    assignment = gathered[ASSIGNMENT]
    expected = {}
    for (student, name), score in scores.items():
        if name == ASSIGNMENT:
            expected[student] = expected.get(student, 0.0) + score.score
    assert {g.student: g.score for g in assignment.grades} == pytest.approx(expected)
    maximum = next(s.max_score for (_, name), s in scores.items() if name == ASSIGNMENT)
    assert assignment.max_score == pytest.approx(maximum)

    first, second = sorted(expected)[:2]
    people = roster.Roster(
        {
            first: roster.Student(first, "Jane", "Doe", "jane@uni.edu", "1001"),
            second: roster.Student(second),  # nothing known but the id
        }
    )
    canvas = lms_grades.write("canvas", assignment, people, tmp_path, lms_assignment_id="777")
    rows = read_csv(canvas.path)
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Initialization (777)"]
    assert rows[1][0].strip() == "Points Possible" and float(rows[1][5]) == pytest.approx(maximum)
    by_name = {row[0]: row for row in rows[2:]}
    assert by_name["Doe, Jane"][1] == "1001" and float(by_name["Doe, Jane"][5]) == pytest.approx(expected[first])
    assert by_name[second][3] == second  # no Canvas id: matched by SIS Login ID
    assert len(rows) - 2 == len(expected) == canvas.rows

    moodle = lms_grades.write("moodle", assignment, people, tmp_path)
    rows = read_csv(moodle.path)
    assert rows[0] == ["Email address", "Full name", "Student ID", "Initialization"]
    assert rows[1:] == [["jane@uni.edu", "Jane Doe", first, f"{expected[first]:g}"]]
    assert len(moodle.unmatched) == len(expected) - 1 and all("no email address" in u for u in moodle.unmatched)


def test_make_lms_grades_writes_one_file_per_graded_assignment(graded, tmp_path, capsys):
    course, scores, _ = graded
    assert main(["--course-dir", str(course.root), "lms-grades", "canvas", "--to", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.glob("canvas-*.csv"))
    assert written == sorted(f"canvas-{a}.csv" for a in {a for _, a in scores})
    assert "student(s), out of" in capsys.readouterr().out
