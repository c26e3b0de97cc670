# Everything a student, an instructor or CI needs, from a fresh machine.
#   make lab    - install the student set, build the student release, open JupyterLab on your own copy
#   make test   - install everything, then run the whole test suite
# Instructor workflow (see README.md): make release / student-edition / autograde / feedback / grades

PYTHON ?= python3
VENV   := .venv
BIN    := $(abspath $(VENV))/bin
WORK   ?= my-work
LAB_PORT ?= 8888

# nbgrader starts alembic as a subprocess, so the venv's bin/ must be on PATH.
export PATH := $(BIN):$(PATH)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install system test test-under-load lint format lab release student-edition lock collect autograde feedback grades lms-grades report formgrader bench bench-grading

# What each command needs, within the student lock's versions (pyproject.toml's extras): release =
# the student set and nbgrader (which cuts the solutions out); grader = and the grading pipeline;
# dev = and the test tools.
$(VENV)/.installed-%: pyproject.toml locks/student.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@# tensorflow-cpu (before 2026-12) and tensorflow share their files: never both
	$(BIN)/python -m pip uninstall -q -y tensorflow-cpu 2>/dev/null
	$(BIN)/python -m pip install -q -c locks/student.txt -e '.[$*]'
	@# jsonschema imports rfc3987-syntax, when it is there, to check "iri" formats that nothing here
	@# uses; importing it compiles 38 grammars: 3.5 s in every process that imports nbformat (each
	@# nbgrader command, grading worker and test process). Without it, jsonschema skips those formats.
	$(BIN)/python -m pip uninstall -q -y rfc3987-syntax
	@touch $@

install: $(VENV)/.installed-dev
.SECONDARY: $(VENV)/.installed-release $(VENV)/.installed-grader $(VENV)/.installed-dev

# The student lock: the student set pinned for every platform and Python a student may have
# (tests/packaging/test_environment.py checks that it resolves on each). After changing the dependencies.
lock: $(VENV)/.installed-dev
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --quiet -o locks/student.txt

# Debian packages: bubblewrap, the sandbox student code is graded in (autograder/README.md), and for
# the tests also postgresql, the server they grade into (tests/grading/test_cluster.py), and chromium, the
# browser the notebooks run in through Playwright (tests/notebooks/test_browser.py; Playwright never downloads
# one). Installed with apt when missing and run as root; otherwise a note says what to install.
DEBIAN_PACKAGES ?= bubblewrap
test: DEBIAN_PACKAGES = bubblewrap postgresql chromium
system:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "note: please install$$missing (sudo apt-get install$$missing): grading runs without its sandbox, the PostgreSQL tests are skipped and the browser tests fail until then"; fi; \
	fi

# Two groups at once, so that both cores work: the tests that grade the sample submissions (they
# share one graded course) then the trust tests and the student edition's (fresh venvs), and all the
# others (every test_*.py of tests/ and its folders), whose report follows. The cluster tests come
# last in theirs, when the graded batch is over: four grading workers at once would slow honest cells
# down. The test fails if either group fails. The current figures: benchmarks/README.md.
TRUST_TESTS   := $(addprefix tests/grading/test_,batch.py problems.py isolation.py preprocessors.py kernel.py scratch.py) \
                 tests/test_imports.py tests/grading/test_intake.py
GRADING_TESTS := tests/grading/test_sample_submissions.py tests/grading/test_report.py tests/grading/test_secrets.py tests/grading/test_lms.py \
                 $(TRUST_TESTS) tests/grading/test_release.py tests/grading/test_edition.py
LAST_TESTS    := tests/grading/test_cluster.py
OTHER_TESTS   := $(filter-out $(GRADING_TESTS) $(LAST_TESTS),$(sort $(wildcard tests/test_*.py tests/*/test_*.py))) $(LAST_TESTS)
# One BLAS and one TensorFlow thread per pool in the tests' processes and kernels, as grading kernels
# get (GRADING_THREADS): each group has about one core, and idle pool threads spin while they wait
# for work (seven times slower with two: benchmarks/README.md). Every notebook's facts hold with one.
test: export OMP_NUM_THREADS = 1
test: export OPENBLAS_NUM_THREADS = 1
test: export MKL_NUM_THREADS = 1
test: export TF_NUM_INTRAOP_THREADS = 1
test: export TF_NUM_INTEROP_THREADS = 1
test: install system lint
	@log=$$(mktemp /tmp/other-tests-XXXXXX.log); \
	$(BIN)/python -m pytest -p no:cacheprovider --durations=15 $(OTHER_TESTS) >$$log 2>&1 & other=$$!; \
	$(BIN)/python -m pytest --durations=15 $(GRADING_TESTS); grading=$$?; \
	wait $$other; others=$$?; echo; echo "==== the other tests (run at the same time) ===="; cat $$log; rm -f $$log; \
	test $$grading = 0 -a $$others = 0

# The house style (pyproject.toml's [tool.ruff]): make test checks it first, make format applies it.
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check --quiet .
	$(BIN)/ruff format --check --quiet .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --quiet --fix .
	$(BIN)/ruff format --quiet .

# make test on a busy machine, as CI's may be: LOAD CPU-bound processes (2 by default) run beside it
# from start to end and are stopped with it, whatever its outcome. Every wait in the tests is for an
# event with a generous limit, never a fixed sleep: this must pass as make test does.
LOAD ?= 2
test-under-load:
	@pids=""; for i in $$(seq $(LOAD)); do $(PYTHON) -c 'while True: pass' & pids="$$pids $$!"; done; \
	trap 'kill $$pids 2>/dev/null' EXIT INT TERM; \
	echo "make test beside $(LOAD) CPU-bound processes:$$pids"; \
	$(MAKE) --no-print-directory test

# The student release goes to autograder/release/; `lab` copies it into $(WORK)/ without ever
# overwriting a notebook that is already there (course_utils.lab, what students run themselves), so
# re-running `make lab` never loses work.
release: $(VENV)/.installed-release
	$(BIN)/python -m autograder release

lab: release
	$(BIN)/python -m course_utils.lab --notebooks autograder/release --work $(WORK) --no-browser --ip 127.0.0.1 --port $(LAB_PORT)

# What students get, in dist/: a folder and a zip (README inside). PACKAGE_URL=<address> is where you
# publish its packages/course_utils-*.whl, for Colab.
student-edition: $(VENV)/.installed-release
	$(BIN)/python -m autograder student-edition $(if $(PACKAGE_URL),--package-url $(PACKAGE_URL))

# An LMS's "download all submissions" zip of one assignment -> autograder/submitted/ (Canvas or
# Moodle, told from the file names): make collect ASSIGNMENT=initialization ZIP=~/Downloads/submissions.zip
# [DUE=2026-12-01T23:59] [REPLACE=1] [ROSTER=students.csv] [WORKSHEET=moodle-grading-worksheet.csv]
collect: $(VENV)/.installed-grader
	$(BIN)/python -m autograder collect $(ASSIGNMENT) $(ZIP) $(if $(LMS),--lms $(LMS)) $(if $(DUE),--due $(DUE)) \
		$(if $(filter 1 yes true on,$(REPLACE)),--replace) $(if $(ROSTER),--roster $(ROSTER)) $(if $(WORKSHEET),--worksheet $(WORKSHEET))

# WORKERS=N local worker processes (default: one per core); DASK_SCHEDULER=tcp://HOST:8786 an existing cluster
autograde: $(VENV)/.installed-grader system
	$(BIN)/python -m autograder autograde $(if $(WORKERS),--workers $(WORKERS)) $(if $(FORCE),--force)

# REVEAL_HIDDEN=1 shows the hidden tests' code in the feedback (after the deadline)
feedback: $(VENV)/.installed-grader
	$(BIN)/python -m autograder feedback $(if $(filter 1 yes true on,$(REVEAL_HIDDEN)),--reveal-hidden)

grades: $(VENV)/.installed-grader
	$(BIN)/python -m autograder grades

# grades in an LMS's import format, one CSV per assignment -> autograder/lms/: make lms-grades LMS=canvas
# (or moodle) [ROSTER=students.csv] [CANVAS_IDS="initialization=123 optimization=124"]
lms-grades: $(VENV)/.installed-grader
	$(BIN)/python -m autograder lms-grades $(or $(LMS),canvas) $(if $(ROSTER),--roster $(ROSTER)) $(foreach id,$(CANVAS_IDS),--canvas-id $(id))

# nbgrader's formgrader over the course (JupyterLab on PORT, 8890 by default): review the graded
# submissions, give manual points and comments; then make feedback / grades / report show them
formgrader: $(VENV)/.installed-grader
	$(BIN)/python -m autograder formgrader $(if $(PORT),--port $(PORT))

# what the class got wrong: scores and classic mistakes per function -> autograder/reports/
report: $(VENV)/.installed-grader
	$(BIN)/python -m autograder report

bench: install
	$(BIN)/python benchmarks/bench_notebooks.py

# about 30 minutes on 2 cores for 50 submissions in every mode
bench-grading: $(VENV)/.installed-grader
	$(BIN)/python benchmarks/bench_grading.py --submissions $(or $(SUBMISSIONS),50)
