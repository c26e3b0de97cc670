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

.PHONY: install test lab release autograde feedback grades bench clean-grading

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

install: $(STAMP)

test: install
	$(BIN)/python -m pytest

# The student release goes to autograder/release/; `lab` copies it into $(WORK)/ without ever
# overwriting a notebook that is already there, so re-running `make lab` never loses work.
release: install
	$(BIN)/python -m autograder release

lab: release
	$(BIN)/python -m autograder workspace $(WORK)
	$(BIN)/jupyter lab --no-browser --ip=127.0.0.1 --port=$(LAB_PORT) --ServerApp.root_dir=$(abspath $(WORK)) $(ALLOW_ROOT)

# WORKERS=N local worker processes (default: one per core); DASK_SCHEDULER=tcp://HOST:8786 an existing cluster
autograde: install
	$(BIN)/python -m autograder autograde $(if $(WORKERS),--workers $(WORKERS)) $(if $(FORCE),--force)

feedback: install
	$(BIN)/python -m autograder feedback

grades: install
	$(BIN)/python -m autograder grades

bench: install
	$(BIN)/python benchmarks/bench_notebooks.py
