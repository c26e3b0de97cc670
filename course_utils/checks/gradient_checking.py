"""Checks for the Gradient Checking notebook's five graded functions.

A gradient check is judged by what it computes, not by how: this module computes the same
two-sided differences itself (on the student's own ``forward_propagation`` for the warm-up, on the
course's network for ``gradient_check_n``) and compares. It hands the student's check correct
gradients, gradients with planted bugs and gradients in the order ``model_backward`` makes them,
so that each classic mistake shows as a number that only that mistake gives; the hint names it.
The fixed backward pass (Exercise 5) is judged against the true gradients, a wrong block named with
the factor it is off by, and a numerical gradient told from the formulas (see its section). Only plain data and functions of ``course_utils`` go in (the grader re-runs every check outside
the student's kernel, and sends nothing else).
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

import numpy as np

from ..gradcheck import dictionary_to_vector, gradients_to_vector, network_cost, parameter_keys, vector_to_dictionary
from ..network import model_backward, model_forward
from .core import Checker, as_number, closest_mistake, copied, describe, judging, matching_mistake, unpack
from .networks import KINK_MARGIN, kink_free_network, random_labels

Array = np.ndarray
Parameters = dict[str, Array]

FINE = 1e-7  # a correct backward pass checks below this with epsilon = 1e-7 (measured here: ~1e-8 or less)
L2_LAMBD = 0.7  # the strength of the L2 cost below, as in the Regularization notebook

# ---- hints: one per classic mistake (sample submissions quote them) ----

FORWARD = "J(theta) = theta * x: return theta * x."
BACKWARD_THETA = "that is theta: the derivative of J(theta) = theta * x with respect to theta is x."
BACKWARD = "dJ/dtheta of J(theta) = theta * x is x."

ONE_SIDED = (
    "that is the one-sided difference (J(theta + eps) - J(theta)) / eps: use both sides, "
    "(J(theta + eps) - J(theta - eps)) / (2 * eps), whose error shrinks like eps^2 instead of eps."
)
OVER_EPS = "divided by epsilon instead of 2 * epsilon: theta + eps and theta - eps are 2 * eps apart, gradapprox = (J_plus - J_minus) / (2 * epsilon)."
ABSOLUTE = (
    "that is the absolute difference ||grad - gradapprox||: divide it by ||grad|| + ||gradapprox|| so that it does not "
    "depend on the size of the gradient (the thresholds 1e-7 / 1e-3 are for the relative difference)."
)
NO_NORMS = (
    "the denominator is ||grad + gradapprox||: it is the sum of the two norms, np.linalg.norm(grad) + np.linalg.norm(gradapprox) "
    "(a gradient of the opposite sign would make yours 0)."
)
USES_BACKWARD = (
    "grad is what your backward_propagation returns: the check compares your backward pass with the cost's slope."
)
SIGNED = "a norm is never negative: numerator and denominator are norms, np.linalg.norm(grad - gradapprox), not plain differences."
HALF = (
    "gradapprox came out half the gradient: theta_plus[i] += epsilon changed theta itself (theta_plus = theta is a second name for "
    "the same array, not a copy), so theta_minus was theta again. Start each from a copy: theta_plus = np.copy(theta)."
)
CUMULATIVE = (
    "the +epsilon of one entry leaks into the next: theta_plus and theta_minus must be fresh copies of theta for every i "
    "(theta_plus = np.copy(theta) inside the loop), so that only entry i differs from theta."
)
CALLER = (
    "changed the caller's parameters: perturb a copy, theta_plus = np.copy(theta) with theta = dictionary_to_vector(parameters), "
    "never parameters itself (adding and subtracting epsilon does not give back the same floats)."
)
GRADIENTS_CHANGED = "changed the gradients it was given: read them, gradients_to_vector(gradients) makes a new vector."
ALL_AT_ONCE = (
    "every entry was perturbed at once (theta + epsilon moves them all): perturb one entry at a time, "
    "theta_plus = np.copy(theta); theta_plus[i] += epsilon."
)
ORDER = (
    "the gradient vector is in another order than theta: build it with gradients_to_vector(gradients), which follows "
    "dictionary_to_vector's order W1, b1, W2, b2, ... (model_backward's dictionary starts with the last layer)."
)
COST_IGNORED = "cost_function ignored: when it is given, J = cost_function(parameters, X, Y); only when it is None use network_cost."
EPSILON_IGNORED = "the epsilon argument is ignored: perturb by epsilon, not by a fixed 1e-7."
RETURN = (
    "return two values: difference (a number) and gradapprox (shape (n, 1), like dictionary_to_vector(parameters))."
)
SHAPE = "gradapprox is a column like theta: np.zeros((n, 1)) with n = theta.shape[0] (a 1-D array would broadcast against grad)."

# The warm-up: (x, theta, epsilon). x = 5e9 and -7.3e7 make the absolute difference large (rounding in
# J(theta +- eps) leaves gradapprox off by 0.07 and 4.8) while the relative one stays below 1e-9.
GRADIENT_CHECK_CASES = ((3.0, 4.0, 1e-7), (-2.5, 1.5, 1e-7), (5e9, 1.1, 1e-7), (-7.3e7, 0.7, 1e-7), (0.5, -7.0, 1e-3))
# Networks (dims, m): depth 3 first (the notebook's), then 1, 2 and 4.
GRADIENT_CHECK_N_CASES = (((4, 5, 3, 1), 5), ((3, 1), 4), ((3, 4, 1), 4), ((2, 4, 3, 3, 1), 3))
BIG_EPSILON = 1e-3  # where one-sided and two-sided differences part (by ~1e-4; rounding: ~1e-13)
BIG_EPSILON_MARGIN = 0.05  # hidden pre-activations this far from ReLU's kink: a 1e-3 step never crosses it


# ---- 1, 2. the warm-up J(theta) = theta * x ----


def check_forward_propagation(
    fn: Callable, cases: Sequence[tuple[float, float]] = ((2.0, 4.0), (-3.0, 0.5), (1.5, -2.0))
) -> None:
    """Visible checks of ``forward_propagation(x, theta)``: J = theta * x."""
    c = Checker("forward_propagation")
    for x, theta in cases:
        J = as_number(c, c.call(fn, x, theta), f"forward_propagation({x:g}, {theta:g})")
        c.expect_close(f"J for x = {x:g}, theta = {theta:g}", J, theta * x, hint=FORWARD)
    c.done()


def check_backward_propagation(
    fn: Callable, cases: Sequence[tuple[float, float]] = ((3.0, 4.0), (-2.0, 0.5), (1.5, -2.0))
) -> None:
    """Visible checks of ``backward_propagation(x, theta)``: dJ/dtheta = x."""
    c = Checker("backward_propagation")
    for x, theta in cases:
        dtheta = as_number(c, c.call(fn, x, theta), f"backward_propagation({x:g}, {theta:g})")
        c.expect_close(
            f"dtheta for x = {x:g}, theta = {theta:g}",
            dtheta,
            x,
            hint=matching_mistake(dtheta, {BACKWARD_THETA: theta}, default=BACKWARD),
        )
    c.done()


# ---- 3. gradient_check ----


def check_gradient_check(
    fn: Callable,
    forward: Callable,
    backward: Callable,
    cases: Sequence[tuple[float, float, float]] = GRADIENT_CHECK_CASES,
) -> None:
    """Visible checks of ``gradient_check(x, theta, epsilon)``.

    The expected value is computed from the student's own ``forward`` and ``backward`` (they are
    graded on their own), so a slip there costs this function nothing.
    """
    c = Checker("gradient_check")
    for x, theta, epsilon in cases:
        J_plus, J_minus = (
            as_number(c, c.call(forward, x, theta + s * epsilon), "forward_propagation's J") for s in (1, -1)
        )
        J = as_number(c, c.call(forward, x, theta), "forward_propagation's J")
        grad = as_number(c, c.call(backward, x, theta), "backward_propagation's dtheta")
        got = as_number(
            c,
            c.call(fn, x, theta, epsilon) if epsilon != 1e-7 else c.call(fn, x, theta),
            f"gradient_check({x:g}, {theta:g}" + (f", {epsilon:g})" if epsilon != 1e-7 else ")"),
        )
        variants = {
            "right": _relative(grad, (J_plus - J_minus) / (2 * epsilon)),
            OVER_EPS: _relative(grad, (J_plus - J_minus) / epsilon),
            ONE_SIDED: _relative(grad, (J_plus - J) / epsilon),
            ABSOLUTE: abs(grad - (J_plus - J_minus) / (2 * epsilon)),
        }
        expected = variants["right"]
        if _agrees(got, expected, epsilon):
            c.ok()
            continue
        hint = (
            SIGNED
            if got < 0
            else matching_mistake(
                got,
                {h: value for h, value in variants.items() if h != "right"},
                close=lambda a, b: _agrees(a, b, epsilon),
                right=expected,
            )
        )
        c.fail(
            f"gradient_check({x:g}, {theta:g}, epsilon={epsilon:g}) returned a wrong difference.",
            expected=f"{expected:.3g} (||grad - gradapprox|| / (||grad|| + ||gradapprox||) with your forward and backward)",
            got=f"{got:.3g}",
            hint=hint,
        )
    _check_sign_bug(c, fn, forward, backward, cases[0][0], cases[0][1])
    c.done()


def _check_sign_bug(c: Checker, fn: Callable, forward: Callable, backward: Callable, x: float, theta: float) -> None:
    """The check's purpose: a backward pass of the wrong sign (grad = -gradapprox) must give a
    difference of 1, ||2 grad|| / (||grad|| + ||grad||). Only the stated denominator does: with
    ||grad + gradapprox|| it is a division by zero. ``fn`` calls the notebook's backward_propagation
    (by its global name, or a name it closes over): that name is pointed at a sign-flipped one for
    this call, then put back. A ``gradient_check`` that never calls it checks nothing.

    Only where the function itself is at hand: the grader runs every test again outside the kernel,
    where ``fn`` stands for a function in another process (no code or names to look at) and this
    case is left to the kernel's run."""
    if not hasattr(fn, "__code__") or not hasattr(fn, "__globals__"):
        return
    names = [n for n in fn.__code__.co_names if fn.__globals__.get(n) is backward]
    cells = [cell for cell in fn.__closure__ or () if _holds(cell, backward)]
    if not names and not cells:
        c.fail(
            "gradient_check does not call backward_propagation: grad is the gradient it checks, the one "
            "backward_propagation returns (an x written in its place checks nothing).",
            hint=USES_BACKWARD,
        )
        return

    def flipped(x: Any, theta: Any) -> Any:
        return -backward(x, theta)

    saved = {n: fn.__globals__[n] for n in names}
    try:
        fn.__globals__.update(dict.fromkeys(names, flipped))
        for cell in cells:
            cell.cell_contents = flipped
        with np.errstate(divide="ignore", invalid="ignore"):
            got = as_number(c, c.call(fn, x, theta), f"gradient_check({x:g}, {theta:g}) with a sign-flipped backward")
    finally:
        fn.__globals__.update(saved)
        for cell in cells:
            cell.cell_contents = backward
    # judged with the student's own forward and backward, as the cases above (a slip there costs only those)
    grad = -as_number(c, c.call(backward, x, theta), "backward_propagation's dtheta")
    J_plus, J_minus = (as_number(c, c.call(forward, x, theta + s * 1e-7), "forward_propagation's J") for s in (1, -1))
    expected = _relative(grad, (J_plus - J_minus) / 2e-7)
    if np.isfinite(got) and _agrees(got, expected, 1e-7):
        c.ok()
        return
    c.fail(
        f"gradient_check({x:g}, {theta:g}) with a backward pass of the wrong sign (your backward_propagation's "
        "result negated, the kind of bug a gradient check is for) returned a wrong difference.",
        expected=f"{expected:.3g} (||grad - gradapprox|| / (||grad|| + ||gradapprox||); 1 when the backward pass is right but for its sign)",
        got=f"{got:.3g}",
        hint=NO_NORMS if not np.isfinite(got) or got > expected else None,
    )


def _holds(cell: Any, value: Any) -> bool:
    try:
        return cell.cell_contents is value
    except ValueError:  # an empty cell
        return False


def _relative(grad: Any, gradapprox: Any) -> float:
    grad, gradapprox = np.asarray(grad, dtype=float), np.asarray(gradapprox, dtype=float)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return float(np.linalg.norm(grad - gradapprox) / denominator) if denominator else 0.0


def _agrees(got: float, expected: float, epsilon: float) -> bool:
    """Two relative differences agree: to 1e-4 of their size, or both below the noise that
    rounding puts into a difference quotient with this epsilon (|J| * 1e-16 / epsilon)."""
    noise = FINE if epsilon <= 1e-6 else 1e-10
    if expected < noise:
        return 0 <= got < noise
    return abs(got - expected) <= 1e-4 * expected


# ---- 4. gradient_check_n ----


def l2_network_cost(parameters: Parameters, X: Array, Y: Array) -> float:
    """The network's cross-entropy plus the L2 penalty lambd / (2m) * sum ||W_l||^2, lambd = L2_LAMBD:
    the cost that a check passes as ``cost_function``."""
    m = X.shape[1]
    penalty = sum(float(np.sum(np.square(parameters[key]))) for key in parameters if key.startswith("W"))
    return network_cost(parameters, X, Y) + L2_LAMBD / (2 * m) * penalty


def check_gradient_check_n(
    fn: Callable, cases: Sequence[tuple[Sequence[int], int]] = GRADIENT_CHECK_N_CASES, seed: int = 0
) -> None:
    """Visible checks of ``gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None)``
    -> ``difference, gradapprox``.

    On each network: the right gradients (from ``model_backward``, in its order, ``dA`` keys
    included), then with two planted bugs; then with epsilon = 1e-3, where a one-sided difference
    shows; then with an L2 cost passed as ``cost_function``, with and without the L2 term in the
    gradients. The inputs must come back unchanged.
    """
    c = Checker("gradient_check_n")
    rng = np.random.default_rng(seed)
    for number, (dims, m) in enumerate(cases):
        margin = BIG_EPSILON_MARGIN if number == 0 else 1e-3
        parameters, X = kink_free_network(dims, m, rng, margin=margin)
        Y = random_labels(rng, m)
        ZL, caches = model_forward(X, parameters)
        right = model_backward(ZL, Y, caches)
        runs = [
            (right, 1e-7, None, "the right gradients"),
            (_planted_bugs(right, rng), 1e-7, None, "gradients with two planted bugs"),
        ]
        if number == 0:
            runs.append((right, BIG_EPSILON, None, "the right gradients, epsilon = 1e-3"))
            with_l2 = {
                key: value + (L2_LAMBD / m * parameters["W" + key[2:]] if key.startswith("dW") else 0)
                for key, value in right.items()
            }
            runs.append((with_l2, 1e-7, l2_network_cost, "the L2 cost and its gradients"))
            runs.append((right, 1e-7, l2_network_cost, "the L2 cost and gradients without the L2 term"))
        for gradients, epsilon, cost, what in runs:
            _judge_run(c, fn, parameters, gradients, X, Y, epsilon, cost, f"{len(dims) - 1}-layer network, {what}")
    c.done()


def _planted_bugs(gradients: dict, rng: np.random.Generator) -> dict:
    """A copy with one dW doubled and one db times 4, as a buggy backward pass gives."""
    L = sum(1 for key in gradients if key.startswith("dW"))
    buggy = copied(gradients)
    buggy[f"dW{rng.integers(1, L + 1)}"] *= 2
    buggy[f"db{rng.integers(1, L + 1)}"] *= 4
    return buggy


def _judge_run(
    c: Checker,
    fn: Callable,
    parameters: Parameters,
    gradients: dict,
    X: Array,
    Y: Array,
    epsilon: float,
    cost: Callable | None,
    what: str,
) -> None:
    kept_parameters, kept_gradients = copied(parameters), copied(gradients)
    arguments = (parameters, gradients, X, Y) + ((epsilon,) if epsilon != 1e-7 or cost else ())
    out = c.call(fn, *arguments, **({"cost_function": cost} if cost else {}))
    if not _same(parameters, kept_parameters):
        c.fail(f"changed the parameters it was given ({what}).", hint=CALLER)
    if not _same(gradients, kept_gradients):
        c.fail(f"changed the gradients it was given ({what}).", hint=GRADIENTS_CHANGED)
    c.ok()
    difference, gradapprox = unpack(
        c, out, 2, "should return two values.", expected="difference, gradapprox", hint=RETURN
    )
    n = dictionary_to_vector(parameters).shape[0]
    with judging(c):
        difference = as_number(c, difference, f"difference ({what})")
        c.expect_array(f"gradapprox ({what})", gradapprox, (n, 1), hint=SHAPE)
    cost = cost or network_cost
    right = _central(
        lambda vector: cost(vector_to_dictionary(vector, parameters), X, Y), dictionary_to_vector(parameters), epsilon
    )
    expected = _relative(gradients_to_vector(gradients), right)
    # Rounding in J(theta +- eps) moves each entry by about |J| * 1e-16 / eps.
    atol = 1e-6 if epsilon < 1e-5 else 1e-9
    if np.allclose(gradapprox, right, rtol=0, atol=atol) and _agrees(difference, expected, epsilon):
        c.ok()
        return
    mistakes = _mistakes(parameters, gradients, X, Y, epsilon, cost, right)  # only to name what went wrong
    resembles = closest_mistake(gradapprox, right, ((hint, approx) for hint, approx, _ in mistakes))
    if not np.allclose(gradapprox, right, rtol=0, atol=atol):
        c.expect_close(f"gradapprox ({what})", gradapprox, right, rtol=0, atol=atol, hint=resembles)
    hint = (
        SIGNED
        if difference < 0
        else matching_mistake(
            difference,
            ((h, value) for h, _, value in mistakes),
            close=lambda a, b: _agrees(a, b, epsilon),
            right=expected,
            default=resembles,
        )
    )
    c.fail(
        f"returned a wrong difference ({what}).",
        expected=f"{expected:.4g} (||grad - gradapprox|| / (||grad|| + ||gradapprox||))",
        got=f"{difference:.4g}",
        hint=hint,
    )


def _same(given: dict, kept: dict) -> bool:
    return set(given) == set(kept) and all(
        isinstance(given[k], np.ndarray) and np.array_equal(given[k], kept[k]) for k in kept
    )


def _mistakes(
    parameters: Parameters, gradients: dict, X: Array, Y: Array, epsilon: float, cost: Callable, right: Array
) -> list[tuple[str, Array | None, float | None]]:
    """``(hint, gradapprox, difference)`` of each classic mistake (None for what the mistake leaves
    right, or where it cannot show); ``right`` is the right gradapprox."""
    theta = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    J = lambda vector: cost(vector_to_dictionary(vector, parameters), X, Y)  # noqa: E731
    n = theta.shape[0]
    plus, cumulative_plus, cumulative_minus = (np.zeros((n, 1)) for _ in range(3))
    J_theta = J(theta)
    for i in range(n):
        step, steps = np.zeros((n, 1)), np.zeros((n, 1))
        step[i], steps[: i + 1] = epsilon, epsilon
        plus[i] = J(theta + step)
        cumulative_plus[i], cumulative_minus[i] = J(theta + steps), J(theta - steps)
    approximations = [
        (ONE_SIDED, (plus - J_theta) / epsilon),
        (OVER_EPS, 2 * right),
        (HALF, (plus - J_theta) / (2 * epsilon)),
        (CUMULATIVE, (cumulative_plus - cumulative_minus) / (2 * epsilon)),
        (ALL_AT_ONCE, np.full((n, 1), (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon))),
        (
            COST_IGNORED,
            None
            if cost is network_cost
            else _central(lambda v: network_cost(vector_to_dictionary(v, parameters), X, Y), theta, epsilon),
        ),
        (EPSILON_IGNORED, None if epsilon == 1e-7 else _central(J, theta, 1e-7)),
    ]
    mistakes = [(hint, approx, None if approx is None else _relative(grad, approx)) for hint, approx in approximations]
    total = np.linalg.norm(grad + right)
    mistakes += [
        (ABSOLUTE, None, float(np.linalg.norm(grad - right))),
        (NO_NORMS, None, float(np.linalg.norm(grad - right) / total) if total else None),
    ]
    mistakes += [
        (ORDER, None, _relative(_in_order(gradients, keys), right)) for keys in _other_orders(parameters, gradients)
    ]
    return mistakes


def _central(J: Callable[[Array], float], theta: Array, epsilon: float) -> Array:
    n = theta.shape[0]
    approx = np.zeros((n, 1))
    for i in range(n):
        step = np.zeros((n, 1))
        step[i] = epsilon
        approx[i] = (J(theta + step) - J(theta - step)) / (2 * epsilon)
    return approx


def _other_orders(parameters: Parameters, gradients: dict) -> list[list[str]]:
    """The orders a gradient vector comes out in when it is not built with gradients_to_vector:
    the dictionary's own order (dW, db keys only) and sorted keys."""
    right = ["d" + key for key in parameter_keys(parameters)]
    own = [key for key in gradients if key[:2] in ("dW", "db")]
    return [keys for keys in (own, sorted(right)) if keys != right]


def _in_order(gradients: dict, keys: list[str]) -> Array:
    return np.concatenate([np.asarray(gradients[key], dtype=float).reshape(-1, 1) for key in keys])


# ---- 5. backward_propagation_n_fixed ----
#
# Judged against the true gradients of the course's network (model_backward, the same formulas),
# on 3-layer networks of other widths and sizes m. A backward pass that returns numerical gradients
# instead of fixing the formulas must be caught, robustly, and neither by timing nor by counting calls:
#
# 1. First, the invariance that only the formulas have. The function gets one network's cache, then
#    the same cache with b1 and b2 changed after the forward pass (Z and A kept). No gradient formula
#    reads b1 or b2 (only Z, A, W, and b3 for Z3), so an analytical pass, even a buggy one, returns
#    the same gradients twice. A numerical pass cannot: to perturb a parameter it must re-run the
#    forward pass from the parameters, so its gradients follow the new biases (measured: five blocks
#    of six or more move by over 1%, many ReLU masks flip), however precise its differences are
#    (a fourth-order stencil, complex steps). This test comes first, so that such a pass is named as
#    numerical even where its steps straddle ReLU's kink and its values look like a wrong formula.
# 2. Then exactness. A right analytical pass agrees with the true gradients to rounding (measured:
#    3e-17 or less); a two-sided difference only to 1e-11 at its best epsilon, 1e-9 at 1e-7. That
#    catches what (1) cannot: differences taken on the cached Z and A themselves.

FIXED_CASES = (((4, 5, 3, 1), 8), ((3, 7, 2, 1), 5), ((6, 4, 8, 1), 13))  # (layer dims, m); three layers
EXACT_RTOL, EXACT_ATOL = 1e-10, 1e-13  # rounding; a two-sided difference is off by 1e-11 at best
LOOSE_RTOL, LOOSE_ATOL = 1e-4, 1e-6  # what a finite difference of any epsilon in 1e-8 ... 1e-3 reaches
BIAS_SHIFT = 1.0  # the std of what is added to b1 and b2 in the inconsistent cache: many ReLU masks flip
BACKWARD_ORDER = ("dW3", "db3", "dW2", "db2", "dW1", "db1")  # as the backward pass computes them

FIXED_RETURN = (
    'return the dictionary {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}, '
    "as backward_propagation_n does."
)
FIXED_FACTOR = (
    "a whole block off by a constant factor is a wrong constant in its line: every dW_l and db_l is 1 / m times "
    "a product or a sum, and nothing more (the check's breakdown per parameter showed the same factor)."
)
FIXED_SIGN = "every gradient has the wrong sign: dZ3 = sigmoid(Z3) - Y, not Y - sigmoid(Z3)."
FIXED_M = (
    "every gradient is off by the same factor: m is the number of examples, X.shape[1] (the columns), "
    "read from X on every call, never a fixed number."
)
FIXED_FORMULA = (
    "{key} is the first wrong gradient from the output layer down, so the mistake is in its line or in the dZ it uses: "
    "dZ_l = dA_l * (Z_l > 0), dA_(l-1) = W_l.T @ dZ_l, dW_l = 1 / m * dZ_l @ A_(l-1).T, "
    "db_l = 1 / m * np.sum(dZ_l, axis=1, keepdims=True). Correct only the lines your gradient check pointed at."
)
FIXED_NUMERICAL = (
    "these are not the analytical gradients: they come from the cost itself (finite differences, or the forward "
    "pass re-run from the parameters), not from the formulas applied to the values in caches. "
    "Fix the formulas of backward_propagation_n: the gradient check is there to find the bugs, not to replace the backward pass."
)
FIXED_FROM_CACHE = (
    "read every forward value from caches, as backward_propagation_n does: Z1, A1, Z2, A2 are there; "
    "computing them again from W, b and X (or re-running the forward pass) is what a numerical gradient does."
)
FIXED_CHANGED = (
    "a backward pass only reads its inputs: write each result into a new array (dZ1 = dA1 * (Z1 > 0)), "
    "never into a cached one (Z1[Z1 <= 0] = 0, A1 *= ..., np.multiply(..., out=Z1))."
)


def check_backward_propagation_n_fixed(
    fn: Callable, cases: Sequence[tuple[Sequence[int], int]] = FIXED_CASES, seed: int = 0
) -> None:
    """Visible checks of ``backward_propagation_n_fixed(X, Y, caches)`` -> the gradients ``dW1, db1,
    ..., dW3, db3`` of the 3-layer network whose ``caches`` ``model_forward`` made.

    First the first network's cache, then the same with b1 and b2 changed (see the comment above):
    the gradients must not change. Then on each network: the inputs come back unchanged, the six
    gradients have the parameters' shapes and equal the true ones to rounding; a wrong block is
    named with the factor it is off by.
    """
    c = Checker("backward_propagation_n_fixed")
    _judge_reads_the_cache(c, fn, cases[0], seed)  # first: a numerical pass is named as such, whatever its errors
    for number, (dims, m) in enumerate(cases):
        rng = np.random.default_rng([seed, number])
        parameters, X = kink_free_network(dims, m, rng)
        Y = random_labels(rng, m)
        ZL, caches = model_forward(X, parameters)
        truth = _six(model_backward(ZL, Y, caches))
        what = f"the 3-layer network {list(dims)}, m = {m}"
        grads = _call_fixed(c, fn, X, Y, caches, parameters, what)
        _judge_fixed(c, grads, truth, what)
    c.done()


def _six(gradients: dict) -> dict[str, Array]:
    return {key: gradients[key] for key in BACKWARD_ORDER}


def _call_fixed(c: Checker, fn: Callable, X: Array, Y: Array, caches: list, parameters: Parameters, what: str) -> dict:
    """The student's gradients, after checking that the inputs came back unchanged and that the
    result has the six gradients of the parameters' shapes."""
    kept = copied((X, Y, caches))
    grads = c.call(fn, X, Y, caches)
    for name, given, before in (("X", X, kept[0]), ("Y", Y, kept[1]), ("caches", caches, kept[2])):
        changed = _changed_entry(given, before, name)
        if changed:
            c.fail(f"changed its input {changed} ({what}).", hint=FIXED_CHANGED)
    c.ok()
    with judging(c):
        if not isinstance(grads, dict):
            c.fail("should return a dictionary of gradients.", got=describe(grads), hint=FIXED_RETURN)
        missing = [key for key in sorted(BACKWARD_ORDER) if key not in grads]
        if missing:
            c.fail(
                f"the gradients dictionary is missing {missing}.",
                expected="dW1, db1, dW2, db2, dW3, db3",
                got=sorted(map(str, grads)),
                hint=FIXED_RETURN,
            )
        for key in sorted(BACKWARD_ORDER):
            shape, value = parameters[key[1:]].shape, grads[key]
            if key.startswith("dW"):
                hint = (
                    f"that is {key} transposed: {key} has {key[1:]}'s shape."
                    if np.shape(value) == shape[::-1]
                    else None
                )
            else:
                hint = "db is a column: np.sum(dZ, axis=1, keepdims=True)." if np.shape(value) != shape else None
            c.expect_array(f"{key} ({what})", value, shape, hint=hint or f"{key} has {key[1:]}'s shape {shape}.")
    return grads


def _changed_entry(given: Any, before: Any, name: str) -> str | None:
    """Where ``given`` differs from its copy ``before`` ("caches[1][0][0]"), or None."""
    if isinstance(before, np.ndarray):
        same = isinstance(given, np.ndarray) and given.shape == before.shape and np.array_equal(given, before)
        return None if same else name
    if isinstance(before, (list, tuple)):
        if not isinstance(given, (list, tuple)) or len(given) != len(before):
            return name
        return next(
            (found for i, (g, b) in enumerate(zip(given, before)) if (found := _changed_entry(g, b, f"{name}[{i}]"))),
            None,
        )
    return None


def _exact(got: Array, right: Array) -> bool:
    return bool(np.allclose(got, right, rtol=EXACT_RTOL, atol=EXACT_ATOL))


def _loose(got: Array, right: Array) -> bool:
    return bool(np.allclose(got, right, rtol=LOOSE_RTOL, atol=LOOSE_ATOL))


def _judge_fixed(c: Checker, grads: dict, truth: dict, what: str) -> None:
    """The six gradients against the true ones: exact passes; all of them near but not exact is a
    numerical gradient; else every wrong block is named, with the factor it is off by."""
    if all(_exact(np.asarray(grads[key], dtype=float), truth[key]) for key in BACKWARD_ORDER):
        c.ok()
        return
    got = {key: np.asarray(grads[key], dtype=float) for key in BACKWARD_ORDER}
    wrong = [key for key in BACKWARD_ORDER if not _loose(got[key], truth[key])]
    if not wrong:
        worst = max(float(np.max(np.abs(got[key] - truth[key]))) for key in BACKWARD_ORDER)
        c.fail(
            f"agrees with the true gradients only to about {worst:.0e} ({what}).",
            expected="agreement to rounding (1e-15): the formulas give the gradient exactly",
            got=f"differences up to {worst:.1e}, as finite differences of the cost give",
            hint=FIXED_NUMERICAL,
        )
    factors = {key: _factor(got[key], truth[key]) for key in wrong}
    same = (
        len(wrong) == len(BACKWARD_ORDER) and len({None if f is None else round(f, 6) for f in factors.values()}) == 1
    )
    if same and factors[wrong[0]] is not None:  # one factor everywhere: dZ3 or m, where every gradient starts
        factor = factors[wrong[0]]
        hint = FIXED_SIGN if abs(factor + 1) < 1e-6 else FIXED_M
        got_text = "all six: " + _how_wrong("each", factor, got[wrong[0]], truth[wrong[0]])
    else:
        none_by_a_factor = [key for key in wrong if factors[key] is None]
        hint = FIXED_FORMULA.format(key=none_by_a_factor[0]) if none_by_a_factor else FIXED_FACTOR
        got_text = "; ".join(_how_wrong(key, factors[key], got[key], truth[key]) for key in wrong)
    c.fail(
        f"{len(wrong)} of the 6 gradients {'is' if len(wrong) == 1 else 'are'} wrong ({what}): {got_text}.",
        expected="every dW_l, db_l equal to the true gradient",
        hint=hint,
    )


def _factor(got: Array, right: Array) -> float | None:
    """``k`` if ``got`` is ``k * right`` (to 1e-6 of its size), else None."""
    norm = float(np.sum(right * right))
    if norm == 0:
        return None
    k = float(np.sum(got * right)) / norm
    return k if np.linalg.norm(got - k * right) <= 1e-6 * math.sqrt(norm) * max(1.0, abs(k)) else None


def _how_wrong(key: str, factor: float | None, got: Array, right: Array) -> str:
    """ "dW2 is 2x the true gradient (off by a factor 2)", "db1 is 1/4 of the true gradient", ..."""
    if factor is None:
        index = np.unravel_index(np.argmax(np.abs(got - right)), right.shape)
        where = tuple(int(i) for i in index)
        return (
            f"{key} is wrong, and not by a constant factor (at {where}: {got[index]:.4g} instead of {right[index]:.4g})"
        )
    if abs(factor) < 1e-12:
        return f"{key} is zero"
    if abs(factor + 1) < 1e-6:
        return f"{key} has the wrong sign"
    size, sign = abs(factor), "-" if factor < 0 else ""
    if size > 1:
        shown = f"{round(size)}" if abs(size - round(size)) < 1e-6 else f"{size:.4g}"
        return f"{key} is {sign}{shown}x the true gradient (off by a factor {shown})"
    inverse = 1 / size
    shown = f"{round(inverse)}" if abs(inverse - round(inverse)) < 1e-6 else f"{inverse:.4g}"
    return f"{key} is {sign}1/{shown} of the true gradient (off by a factor {shown})"


def inconsistent_cache(
    dims: Sequence[int], m: int, rng: np.random.Generator
) -> tuple[Array, Array, list, list, dict[str, Array], dict[str, Array]]:
    """``X, Y, caches, moved, truth, shifted``: ``caches`` from ``model_forward``; ``moved`` the same
    with b1 and b2 changed (its Z and A kept); ``truth`` the gradients the formulas give from either,
    and ``shifted`` the gradients of the network with the changed biases (what finite differences of
    the cost, or a forward pass re-run from the parameters, give on ``moved``). Both networks keep
    every hidden pre-activation away from ReLU's kink, so that the two are far apart and each is well
    defined."""
    for _ in range(200):
        parameters, X = kink_free_network(dims, m, rng)
        Y = random_labels(rng, m)
        ZL, caches = model_forward(X, parameters)
        changed = {
            key: parameters[key] + BIAS_SHIFT * rng.standard_normal(parameters[key].shape) for key in ("b1", "b2")
        }
        ZL_moved, caches_moved = model_forward(X, dict(parameters, **changed))
        if all(np.min(np.abs(cache[1])) >= KINK_MARGIN for cache in caches_moved[:-1]):
            truth, shifted = _six(model_backward(ZL, Y, caches)), _six(model_backward(ZL_moved, Y, caches_moved))
            (A0, W1, _), Z1 = caches[0]
            (A1, W2, _), Z2 = caches[1]
            moved = [
                ((A0.copy(), W1.copy(), changed["b1"]), Z1.copy()),
                ((A1.copy(), W2.copy(), changed["b2"]), Z2.copy()),
            ]
            return X, Y, caches, moved + [copied(caches[2])], truth, shifted
    raise RuntimeError("could not draw a test network; try another seed")  # never with the shipped sizes


def _judge_reads_the_cache(c: Checker, fn: Callable, case: tuple[Sequence[int], int], seed: int) -> None:
    """The same network's gradients twice: from its cache, then from that cache with b1 and b2
    changed. Whatever else it gets wrong, a pass that applies formulas to the cache's Z and A returns
    the same gradients both times; one that re-runs the forward pass (finite differences must) does not."""
    dims, m = case
    X, Y, caches, moved, truth, shifted = inconsistent_cache(dims, m, np.random.default_rng([seed, 99]))
    parameters = {
        f"{p}{l}": cache[i]
        for l, cache in ((1, caches[0][0]), (2, caches[1][0]), (3, caches[2]))
        for p, i in (("W", 1), ("b", 2))
    }
    moved_parameters = dict(parameters, b1=moved[0][0][2], b2=moved[1][0][2])
    what = f"the 3-layer network {list(dims)}, m = {m}"
    first = _call_fixed(c, fn, X, Y, caches, parameters, what)
    what_moved = "the same cache with only b1 and b2 changed (after the forward pass: its Z and A kept)"
    again = _call_fixed(c, fn, X, Y, moved, moved_parameters, what_moved)
    first, again = ({key: np.asarray(grads[key], dtype=float) for key in BACKWARD_ORDER} for grads in (first, again))
    if all(_exact(again[key], first[key]) for key in BACKWARD_ORDER):
        c.ok()
        return
    # Nearer the other network's gradients than they are to this one's, by far: a step that straddles
    # ReLU's kink leaves a few entries off, so the whole vector is compared, not each entry.
    vector = lambda grads: np.concatenate([grads[key].ravel() for key in BACKWARD_ORDER])  # noqa: E731
    follows = np.linalg.norm(vector(again) - vector(shifted)) < 0.1 * np.linalg.norm(vector(truth) - vector(shifted))
    c.fail(
        f"returned other gradients for {what_moved}"
        + (": they follow the biases, not the cache's Z and A." if follows else "."),
        expected="the same gradients as from the cache before: no formula reads b1 or b2, only Z, A, W (and b3 for Z3)",
        got="the gradients of the network re-run with the changed biases" if follows else "other gradients",
        hint=FIXED_NUMERICAL if follows else FIXED_FROM_CACHE,
    )
