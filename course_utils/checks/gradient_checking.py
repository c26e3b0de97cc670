"""Checks for the Gradient Checking notebook's four graded functions.

A gradient check is judged by what it computes, not by how: this module computes the same
two-sided differences itself (on the student's own ``forward_propagation`` for the warm-up, on the
course's network for ``gradient_check_n``) and compares. It hands the student's check correct
gradients, gradients with planted bugs and gradients in the order ``model_backward`` makes them,
so that each classic mistake shows as a number that only that mistake gives; the hint names it.
Only plain data and functions of ``course_utils`` go in (the grader re-runs every check outside
the student's kernel, and sends nothing else).
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from ..gradcheck import dictionary_to_vector, gradients_to_vector, network_cost, parameter_keys, vector_to_dictionary
from ..network import model_backward, model_forward
from .core import Checker, as_number, closest_mistake, copied, judging, matching_mistake, unpack
from .networks import kink_free_network, random_labels

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
    c.done()


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
