# Everything a student, an instructor or CI needs, from a fresh machine.
#   make lab    - install, build the student release, open JupyterLab on your own copy
#   make test   - install, then run the whole test suite
# Instructor workflow (see README.md): make release / autograde / feedback / grades

PYTHON ?= python3
VENV   := .venv
BIN    := $(abspath $(VENV))/bin
STAMP  := $(VENV)/.installed
WORK   ?= my-work
LAB_PORT ?= 8888
# Jupyter refuses to run as root unless told: containers and CI machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

# nbgrader starts alembic as a subprocess, so the venv's bin/ must be on PATH.
export PATH := $(BIN):$(PATH)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install system test test-under-load lab release autograde feedback grades report bench bench-grading

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@# jsonschema imports rfc3987-syntax, when it is there, to check "iri" formats that nothing here
	@# uses; importing it compiles 38 grammars: 3.5 s in every process that imports nbformat (each
	@# nbgrader command, grading worker and test process). Without it, jsonschema skips those formats.
	$(BIN)/python -m pip uninstall -q -y rfc3987-syntax
	@touch $@

install: $(STAMP)

# Debian packages: bubblewrap, the sandbox student code is graded in (autograder/README.md), and for
# the tests also postgresql, the server they grade into (tests/test_cluster.py), and chromium, the
# browser the notebooks run in through Playwright (tests/test_browser.py; Playwright never downloads
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
# share one graded course) then the trust tests, and all the others, whose report follows. The
# cluster tests come last in theirs, when the graded batch is over: four grading workers at once
# would slow honest cells towards the tests' 10 s cell timeout. Measured in a clean clone on 2 cores
# (2026-12-02, six notebooks, TensorFlow installed): 18m23s and 19m52s, 22m05s in all with the
# installation; later that day, with the student's process started early and the warm nbgrader's
# preloads, 11m56s and 10m29s, 13m09s in all; with the browser tests (tests/test_browser.py, in the
# other group: 3 to 4.5 minutes there), 7m31s and 8m50s, 9m38s in all (14m31s in an earlier run that
# day: this machine's speed varies by up to 2x within a day).
# The test fails if either group fails.
GRADING_TESTS := tests/test_grading.py tests/test_report.py tests/test_secrets.py tests/test_trust.py tests/test_release.py
LAST_TESTS    := tests/test_cluster.py
OTHER_TESTS   := $(filter-out $(GRADING_TESTS) $(LAST_TESTS),$(sort $(wildcard tests/test_*.py))) $(LAST_TESTS)
# One BLAS and one TensorFlow thread per pool in the tests' processes and kernels, as grading kernels
# get (GRADING_THREADS): each group has about one core, and idle pool threads spin while they wait
# for work; with two threads each, executing the Tuning notebook took 257 s instead of 36 s, the
# TensorFlow one 376 s. Every notebook's stated facts hold with one thread (measured 2026-12-02).
test: export OMP_NUM_THREADS = 1
test: export OPENBLAS_NUM_THREADS = 1
test: export MKL_NUM_THREADS = 1
test: export TF_NUM_INTRAOP_THREADS = 1
test: export TF_NUM_INTEROP_THREADS = 1
test: install system
	@log=$$(mktemp /tmp/other-tests-XXXXXX.log); \
	$(BIN)/python -m pytest -p no:cacheprovider --durations=15 $(OTHER_TESTS) >$$log 2>&1 & other=$$!; \
	$(BIN)/python -m pytest --durations=15 $(GRADING_TESTS); grading=$$?; \
	wait $$other; others=$$?; echo; echo "==== the other tests (run at the same time) ===="; cat $$log; rm -f $$log; \
	test $$grading = 0 -a $$others = 0

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
# overwriting a notebook that is already there, so re-running `make lab` never loses work.
release: install
	$(BIN)/python -m autograder release

lab: release
	$(BIN)/python -m autograder workspace $(WORK)
	$(BIN)/jupyter lab --no-browser --ip=127.0.0.1 --port=$(LAB_PORT) --ServerApp.root_dir=$(abspath $(WORK)) $(ALLOW_ROOT)

# WORKERS=N local worker processes (default: one per core); DASK_SCHEDULER=tcp://HOST:8786 an existing cluster
autograde: install system
	$(BIN)/python -m autograder autograde $(if $(WORKERS),--workers $(WORKERS)) $(if $(FORCE),--force)

# REVEAL_HIDDEN=1 shows the hidden tests' code in the feedback (after the deadline)
feedback: install
	$(BIN)/python -m autograder feedback $(if $(filter 1 yes true on,$(REVEAL_HIDDEN)),--reveal-hidden)

grades: install
	$(BIN)/python -m autograder grades

# what the class got wrong: scores and classic mistakes per function -> autograder/reports/
report: install
	$(BIN)/python -m autograder report

bench: install
	$(BIN)/python benchmarks/bench_notebooks.py

# about 30 minutes on 2 cores for 50 submissions in every mode
bench-grading: install
	$(BIN)/python benchmarks/bench_grading.py --submissions $(or $(SUBMISSIONS),50)
