"""Student-facing assertion helpers.

A failed check raises ``CheckFailed``: an ``AssertionError`` whose message names the function,
the key, what was expected and what came back, and a hint when the mistake is a known classic.
In Jupyter it renders as that message alone, never as a 40-line traceback from inside this
package (IPython asks an exception for ``_render_traceback_`` before formatting a traceback).
nbgrader still sees an error output, so a failed check scores 0 for its cell.

Below ``Checker``, one helper per recipe that every notebook's checks share: the rng discipline
(``only_from_rng``, ``expect_reproducible``), copies of what goes into a student's function
(``copied``, ``Checker.call_on_copies``), return values unpacked (``unpack``), values described for a
message (``describe`` and its kin) and a result matched to the classic mistake it shows
(``matching_mistake``, ``closest_mistake``). Each module passes its own wording and tolerances.
"""

from __future__ import annotations

import contextlib
import math
import sys
import warnings
from typing import Any, Callable, Iterable, Iterator, Mapping, TypeVar

import numpy as np

RED, GREEN, BOLD, RESET = "\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[0m"

T = TypeVar("T")


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
                self.fail(
                    "not written yet.",
                    hint="replace the line `raise NotImplementedError(...)` with your code, run that cell, then this one.",
                )
            except CheckFailed:
                raise
            except Exception as error:  # the student's own bug: name it, keep the message short
                self.fail(
                    f"raised {type(error).__name__} when called as {self.function}({shown}).",
                    got=str(error),
                    hint="run the function on that input in a new cell to see the full traceback.",
                )
        return result

    def call_on_copies(self, fn: Callable, *args: Any, **kwargs: Any) -> Any:
        """``call`` with a deep copy of every argument (see ``copied``): a function that writes into
        its inputs spoils neither the check's own values nor the next call."""
        return self.call(fn, *copied(args), **copied(kwargs))

    def expect_type(self, key: str, value: Any, expected: type | tuple[type, ...]) -> None:
        if not isinstance(value, expected):
            names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            self.fail(f"{key} has the wrong type.", expected=names, got=type(value).__name__)
        self.ok()

    def expect_keys(
        self, value: Mapping, expected: Iterable[str], what: str = "the returned dictionary", hint: str | None = None
    ) -> None:
        expected = list(expected)
        missing = [k for k in expected if k not in value]
        extra = [k for k in value if k not in expected]
        if missing or extra:
            problem = (
                f"{what} has the wrong keys"
                + (f": missing {missing}" if missing else "")
                + (f", unexpected {extra}" if extra else "")
                + "."
            )
            self.fail(problem, expected=sorted(expected), got=sorted(value), hint=hint)
        self.ok()

    def expect_array(
        self, key: str, value: Any, shape: tuple[int, ...], *, floating: bool = True, hint: str | None = None
    ) -> None:
        """``value`` is a NumPy array of this shape (and of a floating dtype)."""
        if not isinstance(value, np.ndarray):
            self.fail(f"{key} is not a NumPy array.", expected=f"np.ndarray of shape {shape}", got=type(value).__name__)
        if value.shape != shape:
            self.fail(f"{key} has the wrong shape.", expected=shape, got=value.shape, hint=hint)
        if floating and not np.issubdtype(value.dtype, np.floating):
            self.fail(
                f"{key} has dtype {value.dtype}.",
                expected="a floating dtype such as float64",
                got=value.dtype,
                hint="np.zeros(shape) and rng.standard_normal(shape) give float64; do not pass dtype=int.",
            )
        if floating and not np.all(np.isfinite(value)):
            self.fail(f"{key} contains inf or nan.", expected="finite numbers")
        self.ok()

    def expect_close(
        self, key: str, got: Any, expected: Any, *, rtol: float = 1e-6, atol: float = 1e-8, hint: str | None = None
    ) -> None:
        got_array, expected_array = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
        if got_array.shape != expected_array.shape:
            self.fail(f"{key} has the wrong shape.", expected=expected_array.shape, got=got_array.shape, hint=hint)
        if not np.allclose(got_array, expected_array, rtol=rtol, atol=atol):
            worst = (
                np.unravel_index(np.argmax(np.abs(got_array - expected_array)), got_array.shape)
                if got_array.ndim
                else ()
            )
            self.fail(
                f"{key} has wrong values"
                + (f" (first big difference at index {tuple(int(i) for i in worst)})" if worst else "")
                + ".",
                expected=_short(expected_array[worst] if worst else expected_array),
                got=_short(got_array[worst] if worst else got_array),
                hint=hint,
            )
        self.ok()

    def done(self) -> None:
        """Print the one green line that says everything passed."""
        print(f"{GREEN}✓ {self.function}: all {self.passed} checks passed.{RESET}")


def as_number(
    c: Checker,
    value: Any,
    what: str,
    hint: str = "return a number: float(value), or np.squeeze(value) if it came out of np.dot.",
) -> float:
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
        c.fail(
            "returned something this check cannot read.",
            got=f"{type(error).__name__}: {error}",
            hint="compare what your function returns with the structure its docstring describes.",
        )


def same_global_state(before: tuple, after: tuple) -> bool:
    """Two ``np.random.get_state()`` results are the same: NumPy's global generator did not move
    (a function that should draw from its ``rng`` argument used ``np.random.*`` if it did)."""
    return before[0] == after[0] and np.array_equal(before[1], after[1]) and before[2:] == after[2:]


# ---- the rng discipline: everything random comes from the rng argument, and a seed reproduces it ----


@contextlib.contextmanager
def only_from_rng(
    c: Checker,
    hint: str | None,
    *,
    expected: str = "all randomness drawn from rng",
    got: str | None = "np.random's state changed",
) -> Iterator[None]:
    """Fails ``c`` if the body (a call of the student's function) moved NumPy's global generator.

    Only the state is compared, so any way of drawing from ``rng`` passes; a function that should
    draw nothing at all is held to the same rule (``expected`` says so)."""
    before = np.random.get_state()
    yield
    if not same_global_state(before, np.random.get_state()):
        c.fail("uses NumPy's global generator (np.random.*).", expected=expected, got=got, hint=hint)


def expect_reproducible(
    c: Checker,
    first: T,
    again: T,
    problem: str,
    hint: str | None,
    *,
    same: Callable[[T, T], bool] = np.array_equal,
    other: Any = None,
    ignored: str | None = None,
    ignored_hint: str | None = None,
    identical: Callable[[T, Any], bool] | None = None,
) -> None:
    """The same seed gave the same result, and (when ``ignored`` is given) another seed another one.

    Fails ``c`` with ``problem`` unless ``same(first, again)``; then, with ``ignored``, fails it with
    ``ignored`` (and ``ignored_hint``, else ``hint``) if ``identical(first, other)`` (``same`` unless
    given). Counts no passed check: each module counts its own, so its closing line stays the same."""
    if not same(first, again):
        c.fail(problem, hint=hint)
    if ignored is not None and (identical or same)(first, other):
        c.fail(ignored, hint=hint if ignored_hint is None else ignored_hint)


# ---- copies: what goes into a student's function is the student's to change ----


def copied(value: Any, dtype: Any = None) -> Any:
    """A deep copy of the arrays in ``value``, through dicts, lists and tuples (other values are
    returned as they are: numbers, strings and an rng are not the student's to change).

    With ``dtype``, a dict's values (at any depth) become fresh arrays of that dtype, whatever they
    were: the state a student's function returned (a list, float32) goes into its next call as the
    plain arrays the exercise hands out."""
    if isinstance(value, dict):
        return {key: copied(v, dtype) for key, v in value.items()}
    if dtype is not None:
        return np.array(value, dtype=dtype)
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (list, tuple)):
        return type(value)(copied(v) for v in value)
    return value


# ---- return values ----


def unpack(
    c: Checker, out: Any, n: int, problem: str, *, expected: Any = None, got: Any = None, hint: str | None = None
) -> tuple:
    """``out`` as a tuple of its ``n`` values; anything but a tuple or list of ``n`` fails ``c`` with
    ``problem`` (``got`` defaults to what came back and its length, e.g. "tuple of 3")."""
    if not (isinstance(out, (tuple, list)) and len(out) == n):
        c.fail(problem, expected=expected, got=type_and_length(out) if got is None else got, hint=hint)
    return tuple(out)


# ---- matching a wrong result to the classic mistake that gives it ----

Mistakes = Mapping[Any, Any] | Iterable[tuple[Any, Any]]


def matching_mistakes(
    got: Any,
    mistakes: Mistakes,
    *,
    rtol: float = 1e-5,
    atol: float = 1e-8,
    close: Callable[[Any, Any], bool] | None = None,
    right: Any = None,
) -> Iterator[str]:
    """The hints of the classic mistakes whose value ``got`` matches, in the order given (lazily, so
    that a mistake's value can be worked out only when the ones before it did not match).

    ``mistakes``: ``{hint: value}`` or ``(hint, value)`` pairs (a hint may then name several values);
    a hint or value of None (a mistake that cannot show on this input) is passed over.
    The tolerance rule: ``got`` matches ``value`` when they have the same shape and
    ``np.allclose(got, value, rtol, atol)``, i.e. every ``|got - value| <= atol + rtol * |value|``
    (NumPy's rule, no broadcasting); or when ``close(got, value)``, for a module that states its own.
    With ``right`` (the right result), a mistake whose value also matches ``right`` is passed over:
    on this input it cannot be told from the right answer."""

    def matches(a: Any, b: Any) -> bool:
        return (
            close(a, b)
            if close is not None
            else bool(np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=rtol, atol=atol))
        )

    for hint, value in mistakes.items() if isinstance(mistakes, Mapping) else mistakes:
        if (
            hint is not None
            and value is not None
            and matches(got, value)
            and (right is None or not matches(value, right))
        ):
            yield hint


def matching_mistake(
    got: Any,
    mistakes: Mistakes,
    *,
    rtol: float = 1e-5,
    atol: float = 1e-8,
    close: Callable[[Any, Any], bool] | None = None,
    right: Any = None,
    default: str | None = None,
) -> str | None:
    """The hint of the first classic mistake whose value ``got`` matches (the rule of
    ``matching_mistakes``), else ``default``."""
    return next(matching_mistakes(got, mistakes, rtol=rtol, atol=atol, close=close, right=right), default)


def within_ratio(tolerance: float) -> Callable[[float, float], bool]:
    """A ``close`` rule for ``matching_mistake``: ``got / value`` is within ``tolerance`` of 1 (a measured
    spread against the spread a wrong formula gives)."""
    return lambda got, value: abs(got / value - 1) <= tolerance


def closest_mistake(got: Any, right: Any, mistakes: Mistakes, *, ratio: float = 10.0) -> str | None:
    """The hint of the classic mistake whose value is nearest ``got`` (by the largest difference of
    any entry; ties go to the hint that sorts first), if it is ``ratio`` times nearer than ``right``.

    For results that match no mistake to a tolerance, yet recognisably resemble one: with epsilon =
    1e-7, a one-sided difference is off by only ~1e-8, yet ten times nearer than the right one."""

    def distance(value: Any) -> float:
        return float(np.max(np.abs(got - value)))

    found = [
        (distance(value), hint)
        for hint, value in (mistakes.items() if isinstance(mistakes, Mapping) else mistakes)
        if hint is not None and value is not None
    ]
    best, hint = min(found, default=(np.inf, None))
    return hint if best < distance(right) / ratio else None


@contextlib.contextmanager
def stderr_to_stdout() -> Iterator[None]:
    """Send stderr and warnings to stdout for the duration (see ``Checker.call``)."""
    with contextlib.redirect_stderr(sys.stdout), warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = _warning_to_stdout
        yield


def _warning_to_stdout(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"{category.__name__}: {message}", file=sys.stdout)


# ---- describing a value for a message ----


def describe(value: Any) -> str:
    """What a value is, in a few words, for a "got:" line: an array's shape, a sequence's length
    and the kinds of its first items, else the type's name."""
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape}"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(
            describe(v) if isinstance(v, (np.ndarray, tuple, list)) else type(v).__name__ for v in value[:4]
        )
        return _clip(f"{type(value).__name__} of {len(value)}: ({inner}{', ...' if len(value) > 4 else ''})", 160)
    return type(value).__name__


def describe_values(value: Any) -> str:
    """A few values of an array (its first four entries), for "expected:" and "got:" lines."""
    flat = np.asarray(value, dtype=float).ravel()
    shown = np.array2string(flat[:4], precision=4, separator=", ")
    return shown if flat.size <= 4 else f"{shown[:-1]}, ...] (shape {np.shape(value)})"


def type_and_length(value: Any, joiner: str = "of") -> str:
    """The type's name, and the length of a tuple or list ("tuple of 3")."""
    return type(value).__name__ + (f" {joiner} {len(value)}" if isinstance(value, (tuple, list)) else "")


def shape_or_type(value: Any) -> Any:
    """An array's shape, or the type's name of anything without one."""
    return getattr(value, "shape", type(value).__name__)


def _short(value: Any) -> str:
    """A one-line description of a value for messages: an argument as the student would write it."""
    if isinstance(value, np.ndarray):
        if value.size <= 6:
            return np.array2string(value, precision=4, separator=", ").replace("\n", "")
        return f"array of shape {value.shape}"
    if isinstance(value, np.random.Generator):
        return "rng"
    if isinstance(value, float):
        return f"{value:.4g}"
    return _clip(repr(value), 60)


def _clip(text: str, limit: int) -> str:
    """``text``, cut to ``limit`` characters with "..." at the end when longer."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
