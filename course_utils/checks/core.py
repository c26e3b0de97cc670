"""Student-facing assertion helpers.

A failed check raises ``CheckFailed``: an ``AssertionError`` whose message names the function,
the key, what was expected and what came back, and a hint when the mistake is a known classic.
In Jupyter it renders as that message alone, never as a 40-line traceback from inside this
package (IPython asks an exception for ``_render_traceback_`` before formatting a traceback).
nbgrader still sees an error output, so a failed check scores 0 for its cell.
"""

from __future__ import annotations

import contextlib
import math
import sys
import warnings
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy as np

RED, GREEN, BOLD, RESET = "\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[0m"


class CheckFailed(AssertionError):
    """A check that failed, with a message written for the student."""

    def __init__(self, function: str, problem: str, *, expected: Any = None, got: Any = None, hint: str | None = None):
        self.function, self.problem, self.expected, self.got, self.hint = function, problem, expected, got, hint
        super().__init__(self.report(color=False))

    def report(self, color: bool = True) -> str:
        red, bold, reset = (RED, BOLD, RESET) if color else ("", "", "")
        lines = [f"{red}{bold}✗ {self.function}: {self.problem}{reset}"]
        if self.expected is not None:
            lines.append(f"    expected: {self.expected}")
        if self.got is not None:
            lines.append(f"    got:      {self.got}")
        if self.hint:
            lines.append(f"    hint:     {self.hint}")
        return "\n".join(lines)

    def _render_traceback_(self) -> list[str]:
        return self.report(color=True).split("\n")


class Checker:
    """Checks for one student function; counts what passed for the closing green line."""

    def __init__(self, function: str):
        self.function = function
        self.passed = 0

    def fail(self, problem: str, *, expected: Any = None, got: Any = None, hint: str | None = None) -> None:
        raise CheckFailed(self.function, problem, expected=expected, got=got, hint=hint)

    def ok(self) -> None:
        self.passed += 1

    def call(self, fn: Callable, *args: Any, **kwargs: Any) -> Any:
        """Call the student's function; "not written yet" and crashes become one clear message.

        Anything the function prints to stderr, and any warning it raises, is shown on stdout
        instead: nbgrader scores a test cell 0 for any stderr output, and a correct answer must
        keep its marks whatever it prints.
        """
        shown = ", ".join([_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()])
        with stderr_to_stdout():
            try:
                result = fn(*args, **kwargs)
            except NotImplementedError:
                self.fail("not written yet.", hint="replace the line `raise NotImplementedError(...)` with your code, run that cell, then this one.")
            except CheckFailed:
                raise
            except Exception as error:  # the student's own bug: name it, keep the message short
                self.fail(f"raised {type(error).__name__} when called as {self.function}({shown}).", got=str(error),
                          hint="run the function on that input in a new cell to see the full traceback.")
        return result

    def expect_type(self, key: str, value: Any, expected: type | tuple[type, ...]) -> None:
        if not isinstance(value, expected):
            names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            self.fail(f"{key} has the wrong type.", expected=names, got=type(value).__name__)
        self.ok()

    def expect_keys(self, value: Mapping, expected: Iterable[str], what: str = "the returned dictionary", hint: str | None = None) -> None:
        expected = list(expected)
        missing = [k for k in expected if k not in value]
        extra = [k for k in value if k not in expected]
        if missing or extra:
            problem = f"{what} has the wrong keys" + (f": missing {missing}" if missing else "") + (f", unexpected {extra}" if extra else "") + "."
            self.fail(problem, expected=sorted(expected), got=sorted(value), hint=hint)
        self.ok()

    def expect_array(self, key: str, value: Any, shape: tuple[int, ...], *, floating: bool = True, hint: str | None = None) -> None:
        """``value`` is a NumPy array of this shape (and of a floating dtype)."""
        if not isinstance(value, np.ndarray):
            self.fail(f"{key} is not a NumPy array.", expected=f"np.ndarray of shape {shape}", got=type(value).__name__)
        if value.shape != shape:
            self.fail(f"{key} has the wrong shape.", expected=shape, got=value.shape, hint=hint)
        if floating and not np.issubdtype(value.dtype, np.floating):
            self.fail(f"{key} has dtype {value.dtype}.", expected="a floating dtype such as float64", got=value.dtype,
                      hint="np.zeros(shape) and rng.standard_normal(shape) give float64; do not pass dtype=int.")
        if floating and not np.all(np.isfinite(value)):
            self.fail(f"{key} contains inf or nan.", expected="finite numbers")
        self.ok()

    def expect_close(self, key: str, got: Any, expected: Any, *, rtol: float = 1e-6, atol: float = 1e-8, hint: str | None = None) -> None:
        got_array, expected_array = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
        if got_array.shape != expected_array.shape:
            self.fail(f"{key} has the wrong shape.", expected=expected_array.shape, got=got_array.shape, hint=hint)
        if not np.allclose(got_array, expected_array, rtol=rtol, atol=atol):
            worst = np.unravel_index(np.argmax(np.abs(got_array - expected_array)), got_array.shape) if got_array.ndim else ()
            self.fail(f"{key} has wrong values" + (f" (first big difference at index {tuple(int(i) for i in worst)})" if worst else "") + ".",
                      expected=_short(expected_array[worst] if worst else expected_array),
                      got=_short(got_array[worst] if worst else got_array), hint=hint)
        self.ok()

    def done(self) -> None:
        """Print the one green line that says everything passed."""
        print(f"{GREEN}✓ {self.function}: all {self.passed} checks passed.{RESET}")


def as_number(c: Checker, value: Any, what: str,
              hint: str = "return a number: float(value), or np.squeeze(value) if it came out of np.dot.") -> float:
    """A Python float, NumPy float or 0-d array, as a finite float; anything else fails ``c``."""
    if isinstance(value, (bool, np.bool_)):
        c.fail(f"{what} is a boolean, not a number.", got=repr(value))
    if isinstance(value, (int, float, np.integer, np.floating)):
        result = float(value)
    elif isinstance(value, np.ndarray) and value.shape == () and np.issubdtype(value.dtype, np.number):
        result = float(value)
    elif isinstance(value, np.ndarray):
        c.fail(f"{what} is an array of shape {value.shape}, not a number.", expected="a number (float)", hint=hint)
    else:
        c.fail(f"{what} has the wrong type.", expected="a number (float)", got=type(value).__name__)
    if not math.isfinite(result):
        c.fail(f"{what} is {result}.", expected="a finite number")
    c.ok()
    return result


@contextlib.contextmanager
def judging(c: Checker) -> Iterator[None]:
    """While reading a student's return value: anything a check did not foresee becomes a short
    message, never a traceback from inside course_utils."""
    try:
        yield
    except CheckFailed:
        raise
    except Exception as error:  # noqa: BLE001
        c.fail("returned something this check cannot read.", got=f"{type(error).__name__}: {error}",
               hint="compare what your function returns with the structure its docstring describes.")


def same_global_state(before: tuple, after: tuple) -> bool:
    """Two ``np.random.get_state()`` results are the same: NumPy's global generator did not move
    (a function that should draw from its ``rng`` argument used ``np.random.*`` if it did)."""
    return before[0] == after[0] and np.array_equal(before[1], after[1]) and before[2:] == after[2:]


@contextlib.contextmanager
def stderr_to_stdout() -> Iterator[None]:
    """Send stderr and warnings to stdout for the duration (see ``Checker.call``)."""
    with contextlib.redirect_stderr(sys.stdout), warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = _warning_to_stdout
        yield


def _warning_to_stdout(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"{category.__name__}: {message}", file=sys.stdout)


def _short(value: Any) -> str:
    """A one-line description of a value for messages."""
    if isinstance(value, np.ndarray):
        if value.size <= 6:
            return np.array2string(value, precision=4, separator=", ").replace("\n", "")
        return f"array of shape {value.shape}"
    if isinstance(value, np.random.Generator):
        return "rng"
    if isinstance(value, float):
        return f"{value:.4g}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
