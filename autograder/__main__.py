"""python -m autograder {release,workspace,student-edition,collect,autograde,feedback,grades,lms-grades,report,formgrader} [--course-dir DIR]

The instructor's workflow in one command per step (the Makefile calls these). The course root is
autograder/ unless --course-dir or $COURSE_ROOT says otherwise; the gradebook is its gradebook.db
unless $GRADEBOOK_URL names another database (e.g. postgresql+psycopg2://user@host:5432/grades).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import batch, sandbox, settings
from .course import Course, GradingError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m autograder", description="Release, grade and report the course's notebooks."
    )
    parser.add_argument(
        "--course-dir", type=Path, default=None, help="nbgrader course root (default: autograder/ or $COURSE_ROOT)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("release", help="student versions of every notebook -> release/")
    workspace = commands.add_parser("workspace", help="copy the release into a folder, never overwriting")
    workspace.add_argument("destination", type=Path)
    edition = commands.add_parser("student-edition", help="what students get, as a folder and a zip -> dist/")
    edition.add_argument(
        "--to", type=Path, default=Path("dist"), help="where the folder and the zip go (default: dist/)"
    )
    edition.add_argument(
        "--package-url",
        default=os.environ.get("PACKAGE_URL") or None,
        help="where the course's package (the wheel in packages/) will be published, for Colab "
        "(default: $PACKAGE_URL; none: the notebooks cannot install it there by themselves)",
    )
    collect = commands.add_parser(
        "collect", help="an LMS's download (Canvas, Moodle) of one assignment -> submitted/<student>/<assignment>/"
    )
    collect.add_argument("assignment", help="the assignment's folder name, e.g. initialization")
    collect.add_argument(
        "download",
        type=Path,
        nargs="?",
        default=None,
        help="the zip the LMS gave (or a folder of them; default: downloaded/<assignment>/archive/ in the course root)",
    )
    collect.add_argument("--lms", choices=("canvas", "moodle"), default=None, help="(default: told from the names)")
    collect.add_argument(
        "--due", default=None, help="the deadline, e.g. 2026-12-01T23:59: later uploads are flagged late"
    )
    collect.add_argument(
        "--replace", action="store_true", help="replace a different notebook already in submitted/ (default: keep it)"
    )
    collect.add_argument(
        "--roster", type=Path, default=None, help="nbgrader's student CSV (default: the gradebook's students)"
    )
    collect.add_argument(
        "--worksheet",
        type=Path,
        default=None,
        help="Moodle's grading worksheet CSV: ties its participant ids to emails",
    )
    autograde = commands.add_parser("autograde", help="grade everything in submitted/<student>/<assignment>/")
    autograde.add_argument(
        "--workers",
        type=int,
        default=None,
        help="local worker processes (default: one per core; 0: grade in this process)",
    )
    autograde.add_argument(
        "--scheduler",
        default=None,
        help="a Dask scheduler address, e.g. tcp://HOST:8786 (default: $DASK_SCHEDULER, else a local cluster)",
    )
    autograde.add_argument(
        "--force", action="store_true", help="grade again what was already graded from the same files"
    )
    feedback = commands.add_parser("feedback", help="feedback (HTML and notebook) -> feedback/<student>/<assignment>/")
    feedback.add_argument(
        "--reveal-hidden",
        action="store_true",
        default=_truthy(os.environ.get("REVEAL_HIDDEN")),
        help="show the hidden tests' code (after the deadline; default: $REVEAL_HIDDEN)",
    )
    grades = commands.add_parser("grades", help="export every grade as CSV")
    grades.add_argument("--to", type=Path, default=None, help="CSV path (default: grades.csv in the course root)")
    lms_grades = commands.add_parser("lms-grades", help="grades in Canvas's or Moodle's import format, per assignment")
    lms_grades.add_argument("lms", choices=("canvas", "moodle"))
    lms_grades.add_argument("--to", type=Path, default=None, help="folder (default: lms/ in the course root)")
    lms_grades.add_argument(
        "--roster", type=Path, default=None, help="nbgrader's student CSV (default: the gradebook's students)"
    )
    lms_grades.add_argument(
        "--canvas-id",
        action="append",
        default=[],
        metavar="ASSIGNMENT=ID",
        help="the Canvas assignment a column fills, e.g. initialization=12345 (default: Canvas makes a new one)",
    )
    report = commands.add_parser(
        "report", help="the class report (HTML and CSV): scores and mistakes per function -> reports/"
    )
    report.add_argument("--to", type=Path, default=None, help="folder (default: reports/ in the course root)")
    formgrader = commands.add_parser(
        "formgrader", help="nbgrader's formgrader on this course (JupyterLab): review, manual points, comments"
    )
    formgrader.add_argument("--port", type=int, default=8890, help="(default: 8890)")
    formgrader.add_argument("--no-browser", action="store_true", help="print the address instead of opening it")
    args = parser.parse_args(argv)
    try:
        settings.current()  # a GRADING_* setting that is not of its type is said first, with its name
    except settings.SettingError as error:
        print(error, file=sys.stderr)
        return 2

    course = Course.at(args.course_dir, gradebook_url=os.environ.get("GRADEBOOK_URL") or None)
    try:
        if args.command == "release":
            for folder in course.release():
                print(f"released {folder.name}: {folder}")
        elif args.command == "workspace":
            for path, copied in course.workspace(args.destination):
                print(
                    ("copied  " if copied else "kept    ")
                    + str(path)
                    + ("" if copied else "  (already there: your work is untouched)")
                )
        elif args.command == "student-edition":
            from . import edition as student_edition

            built = student_edition.build(course, args.to, args.package_url)
            print(
                f"student edition: {built.folder} and {built.zip} ({built.zip.stat().st_size / 1e6:.1f} MB); "
                + (
                    f"Colab installs the package from {args.package_url}"
                    if args.package_url
                    else f"publish {built.wheel.name} and build again with PACKAGE_URL=<its address> for Colab"
                )
            )
        elif args.command == "collect":
            return _collect(course, args)
        elif args.command == "lms-grades":
            return _lms_grades(course, args)
        elif args.command == "formgrader":
            return formgrader_server(course, args.port, open_browser=not args.no_browser)
        elif args.command == "autograde":
            if not course.submissions():
                print(
                    f"no submissions in {course.root / 'submitted'}: put them in submitted/<student_id>/<assignment>/<Notebook>.ipynb"
                )
                return 0
            print(sandbox.status())
            try:
                done = batch.autograde(course, force=args.force, workers=args.workers, scheduler=args.scheduler)
            except batch.CannotGrade as error:
                print(f"{error}\nNothing was graded and the gradebook was not touched.", file=sys.stderr)
                return 2
            print(batch.summary_table(done.scores))
            print(
                f"\ngraded {len(done.graded)} submission(s) now, {done.already} already graded from the same files; "
                f"autograded copies in {course.root / 'autograded'}, gradebook {_shown(course.db_url)}"
            )
            if done.faults:
                print(
                    f"{len(done.faults)} submission(s) could not be graded (the grader's problem; nothing was recorded "
                    "for them and `make autograde` will grade them again):",
                    file=sys.stderr,
                )
                for (student, assignment), why in sorted(done.faults.items()):
                    print(f"  {student}/{assignment}: {why}", file=sys.stderr)
                return 1
        elif args.command == "feedback":
            print(
                f"feedback written to {course.feedback(reveal_hidden=args.reveal_hidden)}"
                + (" (hidden tests shown)" if args.reveal_hidden else " (hidden tests' code withheld)")
            )
        elif args.command == "grades":
            print(f"grades exported to {course.export_grades(args.to)}")
        elif args.command == "report":
            from . import report as class_report

            gathered = class_report.gather(course.db_url)
            page = class_report.write(gathered, args.to or course.root / class_report.REPORT_FOLDER)
            graded = sum(len(students) for students in gathered.totals.values())
            print(
                f"class report of {graded} graded submission(s) written to {page} (and its figures as CSV beside it)"
                if graded
                else f"no graded submission in the gradebook yet (run `make autograde` first); {page} says so"
            )
    except GradingError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def formgrader_command(course: Course, port: int, open_browser: bool = True) -> tuple[list[str], dict[str, str]]:
    """The command (and environment) that serves formgrader over the course root: JupyterLab, whose
    nbgrader extension reads the root's nbgrader_config.py and gradebook; it opens on /formgrader."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # nbgrader runs alembic
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={course.root}",
        "--ServerApp.default_url=/formgrader",
        f"--port={port}",
        "--ip=127.0.0.1",
        *([] if open_browser else ["--no-browser"]),
    ]
    return command, env


def formgrader_server(course: Course, port: int, open_browser: bool = True) -> int:
    import subprocess

    if not (course.root / "gradebook.db").exists() and not os.environ.get("GRADEBOOK_URL"):
        print("no gradebook yet: `make autograde` first, then formgrader shows its scores", file=sys.stderr)
    command, env = formgrader_command(course, port, open_browser)
    print(
        f"formgrader on http://127.0.0.1:{port}/formgrader (Ctrl-C stops it). Its Autograde button is refused: "
        "`make autograde` grades; here you review, give manual points and comments, then `make feedback`."
    )
    return subprocess.call(command, cwd=course.root, env=env)


def _roster(course: Course, path: Path | None):
    from . import roster

    return roster.from_csv(path) if path else roster.from_gradebook(course.db_url)


def _collect(course: Course, args: argparse.Namespace) -> int:
    import datetime

    from . import lms_collect

    if args.assignment not in course.assignments():
        print(f"no assignment {args.assignment!r}: the course's are {', '.join(course.assignments())}", file=sys.stderr)
        return 2
    download = args.download or course.root / "downloaded" / args.assignment / "archive"
    if not download.exists():
        print(f"{download} does not exist: give the LMS's zip (make collect ZIP=...)", file=sys.stderr)
        return 2
    if not course.released_notebooks(args.assignment):
        course.release()
    try:
        due = datetime.datetime.fromisoformat(args.due) if args.due else None
        done = lms_collect.collect(
            download,
            args.assignment,
            course.root / "release" / args.assignment,
            course.root / "submitted",
            lms=args.lms,
            roster=_roster(course, args.roster),
            due=due,
            replace=args.replace,
            worksheet=args.worksheet,
        )
    except (ValueError, OSError) as error:
        print(f"nothing collected: {error}", file=sys.stderr)
        return 2
    print("\n".join(done.lines()))
    late = sum(u.late for u in done.uploads if u.action == "collected")
    print(
        f"\n{done.lms}: {done.count('collected')} notebook(s) collected into {course.root / 'submitted'}"
        f" ({late} late), {done.count('replaced-by-newer')} older upload(s) left out, "
        f"{done.count('kept-existing')} kept as they were in submitted/, {done.count('skipped')} file(s) not taken"
    )
    if done.lms == "moodle" and not args.worksheet:
        print(
            "note: Moodle numbers students anew in each assignment; with --worksheet (Moodle's grading "
            "worksheet) they are tied to emails, so that a student keeps one id across assignments"
        )
    return 0


def _lms_grades(course: Course, args: argparse.Namespace) -> int:
    from . import lms_grades

    ids = dict(item.split("=", 1) for item in args.canvas_id if "=" in item)
    roster = _roster(course, args.roster)
    folder = args.to or course.root / "lms"
    assignments = [a for a in lms_grades.gather(course.db_url) if a.grades]
    if not assignments:
        print("no graded submission in the gradebook yet (run `make autograde` first)")
        return 0
    for assignment in assignments:
        written = lms_grades.write(args.lms, assignment, roster, folder, ids.get(assignment.name))
        print(f"{written.path}: {written.rows} student(s), out of {assignment.max_score:g} points")
        for line in written.unmatched:
            print(f"  not written: {line}", file=sys.stderr)
    return 0


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "yes", "true", "on"}


def _shown(url: str) -> str:
    """A database URL fit to print: without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    sys.exit(main())
