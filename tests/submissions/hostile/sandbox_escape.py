"""Correct answers from a student who also tries to get out: the zeros cell, when it runs,
looks for the instructor's notebooks and the classmates' submissions (and prints whatever it
finds), writes into the course_utils package, the repository and /tmp, opens a network
connection, and every call of the He function tries again from inside the hidden tests, quoting
the test that called it. Graded in the sandbox, none of it works: full marks, and nothing
secret in the feedback (tests/grading/test_secrets.py checks the files)."""
import numpy as np

EXPECTED = {}  # the answers are right: every test at full marks

ESCAPE = '''
import os as _os, pathlib as _pathlib, socket as _socket, sys as _sys
import course_utils as _cu

_repo = _pathlib.Path(_cu.__file__).resolve().parents[1]
_leaks = []
for _top in [_repo, _pathlib.Path("/tmp"), _pathlib.Path.cwd().parent.parent.parent, _pathlib.Path("/work")]:
    for _dir, _subdirs, _files in _os.walk(_top):
        if _dir.startswith(_os.getcwd()):
            continue  # its own notebook
        _subdirs[:] = [d for d in _subdirs if d not in {".venv", ".git", "site-packages", "node_modules", ".mirror"}]
        for _name in _files:
            if _name.endswith((".ipynb", ".py", ".db", ".json")) and len(_leaks) < 40:
                try:
                    _text = open(_os.path.join(_dir, _name), errors="replace").read()
                except OSError:
                    continue
                if "BEGIN HIDDEN TESTS" in _text or "CLASSMATE-PRIVATE" in _text or "BEGIN SOLUTION" in _text:
                    _leaks.append(_text)
print("\\n".join(_leaks))
for _target in [_repo / "course_utils" / "escaped_marker.py", _repo / "escaped_marker.txt", _pathlib.Path("/tmp/escaped_marker.txt")]:
    try:
        _target.write_text("written by a submission")
        print("wrote", _target)
    except OSError as _error:
        print("could not write", _target, type(_error).__name__)
try:
    _socket.create_connection(("127.0.0.1", 22), timeout=1)
    print("network: connected")
except OSError as _error:
    print("network:", type(_error).__name__)
'''


def initialize_parameters_zeros(layers_dims):
    return {k: v for l in range(1, len(layers_dims)) for k, v in
            ((f"W{l}", np.zeros((layers_dims[l], layers_dims[l - 1]))), (f"b{l}", np.zeros((layers_dims[l], 1))))}


def initialize_parameters_he(layers_dims, rng):
    import inspect

    try:  # quote the hidden test that called this, and IPython's history of every cell run
        print("".join(frame.code_context[0] for frame in inspect.stack()[1:4] if frame.code_context))
        print("\n".join(get_ipython().user_ns.get("In", [])))  # noqa: F821 (IPython's global)
    except Exception:
        pass
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(2 / layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


PREPEND = {"initialize_parameters_zeros": ESCAPE}  # runs when the answer cell runs
