"""From an LMS's "download all submissions" zip to ``submitted/<student>/<assignment>/``.

Canvas and Moodle hand an instructor one zip per assignment whose file names carry the student:

- Canvas: ``<sortablename>[_late]_<user id>_<upload id>_<file name>``, the file name as uploaded,
  ``-1``, ``-2``... appended by Canvas when the student uploaded a file of that name before;
- Moodle: ``<Full Name>_<participant id>_assignsubmission_file_<file name>``, flat or one folder
  per student (``<Full Name>_<id>_assignsubmission_file_/<file name>``).

What this guarantees:

- Every file of the download is accounted for, one line each: collected; replaced by a newer upload
  of the same notebook by the same student (the older is named); or not collected, with the reason
  (not a notebook, not this assignment's notebook, a name that no scheme matches, a student that
  the roster does not know). Nothing is guessed: a file that cannot be tied to one student and one
  of the assignment's notebooks is named and left out.
- A notebook is the assignment's when its name is a released notebook's (Canvas's ``-1`` aside),
  or, renamed, when its cells carry the released notebook's nbgrader ``grade_id``s.
- A late upload is collected and flagged: Canvas marks it in the name; ``due`` flags any upload
  whose time in the zip is after it. The upload's time goes to ``timestamp.txt`` beside the
  notebook, where nbgrader reads it (its late-submission penalties).
- Nothing already in ``submitted/`` is overwritten without saying so: an identical file is left as
  it is, a different one is kept unless ``replace`` (then it is replaced, and the line says so).
- The student's id is the LMS's user id, or the id of the student whose ``lms_user_id`` it is in
  the roster (``roster.py``: nbgrader's student table, or its CSV); with such a roster, an LMS id
  it does not know is named and left out. Moodle numbers a student anew in each assignment (its
  "participant" id): its grading worksheet (``worksheet``, the CSV Moodle offers beside the download)
  ties each participant to an email address, and the student is the roster's with that email (else
  the email itself).

Why not ``nbgrader zip_collect`` as it is: it reads the same download (and this module keeps its
``downloaded/<assignment>/archive/`` folder as the default place for it), but it skips a file that
matches no pattern with a log warning only, stops the whole collection on a student's second upload
when the names carry no timestamp (Canvas's and Moodle's do not), and its ``--force`` empties a
student's folder in ``submitted/``.
"""

from __future__ import annotations

import csv
import datetime
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .cells import SETUP, grade_id
from .roster import Roster

SCHEMES = {
    # the sortable name is lower-case letters and digits; "_late" is Canvas's mark of a late upload
    "canvas": re.compile(r"^(?P<name>[^_/]+?)(?P<late>_late)?_(?P<lms_id>\d+)_(?P<upload>\d+)_(?P<file>[^/]+)$"),
    # the folder form puts the file after "..._assignsubmission_file_/": the slash is dropped first
    "moodle": re.compile(r"^(?P<name>[^/]+?)_(?P<lms_id>\d+)_assignsubmission_(?:file|onlinetext)_(?P<file>[^/]+)$"),
}
_CANVAS_RENUMBERED = re.compile(r"^(?P<stem>.+?)-\d+(?P<suffix>\.[^.]+)$")


@dataclass
class Upload:
    """One file of the download, and what became of it."""

    entry: str  # its path in the zip
    action: str = "skipped"  # collected | replaced-by-newer | skipped | kept-existing
    why: str = ""
    student: str | None = None
    notebook: str | None = None  # the released notebook's name it was taken as
    time: datetime.datetime | None = None
    upload: int = 0  # Canvas's upload id (grows with each upload), 0 for Moodle
    late: bool = False
    data: bytes = field(default=b"", repr=False)


@dataclass
class Collection:
    """The outcome of one collection: one ``Upload`` per file of the download."""

    assignment: str
    lms: str
    uploads: list[Upload]

    def lines(self) -> list[str]:
        """One line per file, collected first, then what was replaced or left out, each with why."""
        order = {"collected": 0, "kept-existing": 1, "replaced-by-newer": 2, "skipped": 3}
        lines = []
        for u in sorted(self.uploads, key=lambda u: (order[u.action], u.student or "", u.entry)):
            where = f"{u.student}/{self.assignment}/{u.notebook}" if u.notebook and u.student else ""
            flag = "  LATE" if u.late and u.action in ("collected", "kept-existing") else ""
            label = {
                "collected": "collected ",
                "kept-existing": "kept      ",
                "replaced-by-newer": "older     ",
                "skipped": "NOT TAKEN ",
            }[u.action]
            lines.append(
                f"{label}{u.entry}" + (f" -> {where}" if where else "") + flag + (f"  ({u.why})" if u.why else "")
            )
        return lines

    def count(self, action: str) -> int:
        return sum(u.action == action for u in self.uploads)


def detect_lms(names: list[str]) -> str:
    """``canvas`` or ``moodle``: the scheme most of the download's file names follow."""
    flat = [_flat(n) for n in names]
    hits = {lms: sum(bool(pattern.match(n)) for n in flat) for lms, pattern in SCHEMES.items()}
    best = max(hits, key=hits.get)
    if not hits[best]:
        raise ValueError(
            "no file of the download is named the way Canvas or Moodle name submissions "
            "(<name>_<user id>_<upload id>_<file> or <Full Name>_<id>_assignsubmission_file_<file>)"
        )
    return best


def collect(
    download: Path,
    assignment: str,
    release: Path,
    submitted: Path,
    *,
    lms: str | None = None,
    roster: Roster | None = None,
    due: datetime.datetime | None = None,
    replace: bool = False,
    worksheet: Path | None = None,
) -> Collection:
    """Fill ``submitted/<student>/<assignment>/`` from ``download`` (a zip, or a folder of zips and
    files) for the released notebooks in ``release`` (the assignment's release folder)."""
    released = {p.name: _grade_ids(p.read_bytes()) for p in sorted(release.glob("*.ipynb"))}
    if not released:
        raise ValueError(f"{release} holds no released notebook: run `make release` first")
    uploads = list(_read_download(download))
    lms = lms or detect_lms([u.entry for u in uploads])
    if lms not in SCHEMES:
        raise ValueError(f"unknown LMS {lms!r}: choose one of {', '.join(SCHEMES)}")
    if worksheet is not None:
        roster = moodle_participants(worksheet, roster or Roster())
    for upload in uploads:
        _identify(upload, SCHEMES[lms], released, roster, due)
    _newest_wins(uploads)
    for upload in uploads:
        if upload.action == "collected":
            _write(upload, submitted / upload.student / assignment, replace)
    return Collection(assignment, lms, uploads)


def moodle_participants(worksheet: Path, roster: Roster) -> Roster:
    """A roster (keyed by participant id) whose ``lms_user_id``s are this assignment's Moodle participant ids, from Moodle's
    grading worksheet ("Identifier" = "Participant 123", "Email address"): each participant is the
    roster's student with that email, or a student whose id is the email."""
    from .roster import Student

    by_email = {s.email.lower(): s for s in roster.values() if s.email}
    mapped = Roster()
    with open(worksheet, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if not {"Identifier", "Email address"} <= set(reader.fieldnames or []):
            raise ValueError(
                f"{worksheet}: not a Moodle grading worksheet (it needs the columns Identifier and Email address)"
            )
        for row in reader:
            number = re.search(r"\d+", row["Identifier"] or "")
            email = (row["Email address"] or "").strip()
            if not number or not email:
                continue
            student = by_email.get(email.lower()) or Student(email, email=email)
            mapped[number.group()] = Student(student.id, student.first_name, student.last_name, email, number.group())
    return mapped


def _read_download(download: Path):
    """Every file of the download (zips inside a folder are opened; folders inside a zip are walked)."""
    sources = sorted(p for p in download.rglob("*") if p.is_file()) if download.is_dir() else [download]
    for source in sources:
        if zipfile.is_zipfile(source):
            with zipfile.ZipFile(source) as archive:
                for info in archive.infolist():
                    if info.is_dir() or PurePosixPath(info.filename).name.startswith("."):
                        continue
                    yield Upload(
                        entry=info.filename,
                        time=datetime.datetime(*info.date_time),
                        data=archive.read(info),
                    )
        else:
            yield Upload(
                entry=source.relative_to(download).as_posix() if download.is_dir() else source.name,
                time=datetime.datetime.fromtimestamp(source.stat().st_mtime).replace(microsecond=0),
                data=source.read_bytes(),
            )


def _flat(entry: str) -> str:
    """Moodle's folder form (``Name_12_assignsubmission_file_/x.ipynb``) as its flat name."""
    parts = PurePosixPath(entry).parts
    return "".join(parts[-2:]) if len(parts) >= 2 and parts[-2].endswith("_") else parts[-1]


def _identify(upload: Upload, scheme: re.Pattern, released: dict[str, set[str]], roster, due) -> None:
    """Which student and which released notebook this file is, or why it is neither."""
    match = scheme.match(_flat(upload.entry))
    if not match:
        upload.why = "its name follows no scheme of the LMS: which student handed it in cannot be told"
        return
    lms_id = match["lms_id"]
    upload.student = (roster or Roster()).student_id(lms_id)
    if upload.student is None:
        upload.why = f"LMS user {lms_id} ({match['name']}) has no lms_user_id in the roster: whose it is is not guessed"
        return
    upload.upload = int(match.groupdict().get("upload") or 0)
    upload.late = bool(match.groupdict().get("late")) or (due is not None and upload.time > due)
    name = match["file"]
    if not name.endswith(".ipynb"):
        upload.why = "not a notebook"
        return
    renumbered = _CANVAS_RENUMBERED.match(name)
    for candidate in (name, renumbered and renumbered["stem"] + renumbered["suffix"]):
        if candidate in released:
            upload.notebook, upload.action = candidate, "collected"
            return
    ids = _grade_ids(upload.data)
    owners = [notebook for notebook, released_ids in released.items() if ids & released_ids]
    if len(owners) == 1:
        upload.notebook, upload.action = owners[0], "collected"
        upload.why = f"renamed: its cells are {owners[0]}'s"
    else:
        upload.why = f"not this assignment's notebook (expected {', '.join(released)})"


def _newest_wins(uploads: list[Upload]) -> None:
    """Of a student's uploads of one notebook, the newest is collected (the zip's time, then
    Canvas's upload id); the others are named as older."""
    groups: dict[tuple[str, str], list[Upload]] = {}
    for u in uploads:
        if u.action == "collected":
            groups.setdefault((u.student, u.notebook), []).append(u)
    for group in groups.values():
        group.sort(key=lambda u: (u.time, u.upload, u.entry))
        for older in group[:-1]:
            older.action = "replaced-by-newer"
            older.why = f"{group[-1].entry} is newer"


def _write(upload: Upload, folder: Path, replace: bool) -> None:
    target = folder / upload.notebook
    if target.exists() and target.read_bytes() != upload.data:
        if not replace:
            upload.action = "kept-existing"
            upload.why = f"{target} is already there and differs: it was kept (REPLACE=1 takes the download's)"
            return
        upload.why = (upload.why + "; " if upload.why else "") + "replaced the different file already in submitted/"
    elif target.exists():
        upload.why = (upload.why + "; " if upload.why else "") + "already there, identical"
    folder.mkdir(parents=True, exist_ok=True)
    target.write_bytes(upload.data)
    # nbgrader reads the submission time here (e.g. for late penalties); UTC is not known from a zip
    (folder / "timestamp.txt").write_text(upload.time.isoformat(" "))


def _grade_ids(data: bytes) -> set[str]:
    """The nbgrader grade_ids of a notebook's cells that name its exercises (none when it is not a
    readable notebook): every notebook has a ``setup`` cell, which says nothing of which it is."""
    try:
        cells = json.loads(data.decode("utf-8")).get("cells", [])
    except (ValueError, UnicodeDecodeError, AttributeError):
        return set()
    return {gid for cell in cells if isinstance(cell, dict) and (gid := grade_id(cell))} - {SETUP}
