"""The Gradient Checking notebook's checks: every correct implementation passes, each classic mistake
fails with a message that names the function and the mistake. The correct implementations live
here only: course_utils never holds a graded solution."""

import numpy as np
import pytest

from course_utils.checks import CheckFailed
from course_utils.checks import gradient_checking as g
from course_utils.gradcheck import dictionary_to_vector, gradients_to_vector, network_cost, vector_to_dictionary


def not_written(*args, **kwargs):
    raise NotImplementedError("Not written yet")


# ======== the warm-up ========


def forward(x, theta):
    return theta * x


def backward(x, theta):
    return x


def backward_numpy(x, theta):
    return np.float64(x)


def forward_one_element_array(x, theta):
    return np.multiply(theta, x)


def gradient_check(x, theta, epsilon=1e-7):
    gradapprox = (forward(x, theta + epsilon) - forward(x, theta - epsilon)) / (2 * epsilon)
    grad = backward(x, theta)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_sum_denominator(x, theta, epsilon=1e-7):
    gradapprox = (forward(x, theta + epsilon) - forward(x, theta - epsilon)) / (2 * epsilon)
    grad = backward(x, theta)
    return np.linalg.norm(grad - gradapprox) / np.linalg.norm(grad + gradapprox)


def gradient_check_without_backward(x, theta, epsilon=1e-7):
    gradapprox = (forward(x, theta + epsilon) - forward(x, theta - epsilon)) / (2 * epsilon)
    grad = x  # the derivative written in, not the backward pass under test
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_abs_and_halves(x, theta, epsilon=1e-7):
    J_plus, J_minus = forward(x, theta + epsilon), forward(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / 2 / epsilon
    grad = backward(x, theta)
    return float(abs(grad - gradapprox) / (abs(grad) + abs(gradapprox)))


def gradient_check_over_eps(x, theta, epsilon=1e-7):
    gradapprox = (forward(x, theta + epsilon) - forward(x, theta - epsilon)) / epsilon
    grad = backward(x, theta)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_absolute(x, theta, epsilon=1e-7):
    gradapprox = (forward(x, theta + epsilon) - forward(x, theta - epsilon)) / (2 * epsilon)
    return np.linalg.norm(backward(x, theta) - gradapprox)


def gradient_check_signed(x, theta, epsilon=1e-7):
    gradapprox = (forward(x, theta + epsilon) - forward(x, theta - epsilon)) / (2 * epsilon)
    grad = backward(x, theta)
    return (grad - gradapprox) / (grad + gradapprox)


# ======== gradient_check_n: correct ones ========


def check_n(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    if cost_function is None:
        cost_function = network_cost
    theta = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    n = theta.shape[0]
    gradapprox = np.zeros((n, 1))
    for i in range(n):
        theta_plus = np.copy(theta)
        theta_plus[i] += epsilon
        theta_minus = np.copy(theta)
        theta_minus[i] -= epsilon
        J_plus = cost_function(vector_to_dictionary(theta_plus, parameters), X, Y)
        J_minus = cost_function(vector_to_dictionary(theta_minus, parameters), X, Y)
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)), gradapprox


def sample(name, function="gradient_check_n"):
    """A function of a sample submission (tests/submissions/gradient_checking/), run with the names
    the notebook's setup cell gives it."""
    import course_utils.gradcheck as helpers
    from course_utils.layers import sigmoid
    from course_utils.network import compute_cost, model_backward, model_forward
    from tests.support.grading_helpers import sample_function

    names = {key: getattr(helpers, key) for key in dir(helpers) if not key.startswith("_")}
    names |= {
        "sigmoid": sigmoid,
        "model_forward": model_forward,
        "model_backward": model_backward,
        "compute_cost": compute_cost,
    }
    return sample_function("gradient_checking", name, function, names)


# Perturbs the caller's own arrays, putting back the saved float exactly; lists turned into columns.
check_n_in_place_restored = sample("correct_unusual")


def check_n_identity_steps(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    """Rows of epsilon * I as steps; the tuple returned as a list."""
    cost = network_cost if cost_function is None else cost_function
    theta = dictionary_to_vector(parameters)
    steps = epsilon * np.eye(theta.shape[0])
    gradapprox = np.array(
        [
            [
                (
                    cost(vector_to_dictionary(theta + s[:, None], parameters), X, Y)
                    - cost(vector_to_dictionary(theta - s[:, None], parameters), X, Y)
                )
                / (2 * epsilon)
            ]
            for s in steps
        ]
    )
    grad = gradients_to_vector(gradients)
    return [np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)), gradapprox]


# ======== gradient_check_n: the classic mistakes ========


def _approx(parameters, X, Y, epsilon, cost, numerator):
    theta = dictionary_to_vector(parameters)
    out = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        out[i] = numerator(theta, i, lambda v: cost(vector_to_dictionary(v, parameters), X, Y))
    return out


def _with(numerator=None, *, divide=2, difference=None, grad_vector=None):
    def check(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
        cost = cost_function or network_cost

        def central(theta, i, J):
            plus, minus = theta.copy(), theta.copy()
            plus[i] += epsilon
            minus[i] -= epsilon
            return (J(plus) - J(minus)) / (divide * epsilon)

        step = (lambda theta, i, J: numerator(theta, i, J, epsilon)) if numerator else central
        gradapprox = _approx(parameters, X, Y, epsilon, cost, step)
        grad = grad_vector(gradients) if grad_vector else gradients_to_vector(gradients)
        if difference:
            return difference(grad, gradapprox), gradapprox
        return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)), gradapprox

    return check


def one_sided(theta, i, J, epsilon):
    plus = theta.copy()
    plus[i] += epsilon
    return (J(plus) - J(theta)) / epsilon


def no_copy(theta, i, J, epsilon):
    theta_plus = theta
    theta_plus[i] += epsilon
    J_plus = J(theta_plus)
    theta_minus = theta
    theta_minus[i] -= epsilon
    return (J_plus - J(theta_minus)) / (2 * epsilon)


def check_n_cumulative(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    theta = dictionary_to_vector(parameters)
    theta_plus, theta_minus = np.copy(theta), np.copy(theta)  # once, outside the loop
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        theta_plus[i] += epsilon
        theta_minus[i] -= epsilon
        gradapprox[i] = (
            network_cost(vector_to_dictionary(theta_plus, parameters), X, Y)
            - network_cost(vector_to_dictionary(theta_minus, parameters), X, Y)
        ) / (2 * epsilon)
    grad = gradients_to_vector(gradients)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)), gradapprox


def check_n_all_at_once(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    theta = dictionary_to_vector(parameters)
    J = lambda v: network_cost(vector_to_dictionary(v, parameters), X, Y)  # noqa: E731
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        gradapprox[i] = (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon)
    grad = gradients_to_vector(gradients)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)), gradapprox


check_n_in_place_not_restored = sample("changes_parameters_and_fixed_bug_left_in")


def check_n_ignores_cost(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    return check_n(parameters, gradients, X, Y, epsilon)


def check_n_ignores_epsilon(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    return check_n(parameters, gradients, X, Y, 1e-7, cost_function)


def check_n_only_difference(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    return check_n(parameters, gradients, X, Y, epsilon, cost_function)[0]


def check_n_flat_gradapprox(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    difference, gradapprox = check_n(parameters, gradients, X, Y, epsilon, cost_function)
    return difference, gradapprox.ravel()


def dictionary_order(gradients):
    return np.concatenate([v.reshape(-1, 1) for k, v in gradients.items() if k[:2] in ("dW", "db")])


def sorted_order(gradients):
    return np.concatenate([gradients[k].reshape(-1, 1) for k in sorted(gradients) if k[:2] in ("dW", "db")])


def absolute(grad, gradapprox):
    return np.linalg.norm(grad - gradapprox)


def no_norms(grad, gradapprox):
    return np.linalg.norm(grad - gradapprox) / np.linalg.norm(grad + gradapprox)


CHECK_GRADIENT_CHECK = lambda fn: g.check_gradient_check(fn, forward, backward)  # noqa: E731

CORRECT = [
    (g.check_forward_propagation, forward),
    (g.check_forward_propagation, forward_one_element_array),
    (g.check_backward_propagation, backward),
    (g.check_backward_propagation, backward_numpy),
    (CHECK_GRADIENT_CHECK, gradient_check),
    (CHECK_GRADIENT_CHECK, gradient_check_abs_and_halves),
    (g.check_gradient_check_n, check_n),
    (g.check_gradient_check_n, check_n_in_place_restored),
    (g.check_gradient_check_n, check_n_identity_steps),
]


@pytest.mark.parametrize("check, fn", CORRECT, ids=[fn.__name__ for _, fn in CORRECT])
def test_correct_implementation_passes(check, fn, capsys):
    check(fn)
    assert "all" in capsys.readouterr().out


@pytest.mark.parametrize("seed", [1, 7, 2024])
def test_correct_implementations_pass_with_other_seeds(seed):
    for fn in (check_n, check_n_in_place_restored, check_n_identity_steps):
        g.check_gradient_check_n(fn, cases=(((5, 4, 4, 1), 6), ((2, 3, 1), 2)), seed=seed)


def test_gradient_check_is_judged_with_the_students_own_backward():
    """A wrong backward costs backward_propagation, not gradient_check: the right gradient_check of a
    wrong backward gives the large difference the check expects."""
    wrong_backward = lambda x, theta: theta  # noqa: E731

    def gradient_check_of_wrong(x, theta, epsilon=1e-7):
        gradapprox = (forward(x, theta + epsilon) - forward(x, theta - epsilon)) / (2 * epsilon)
        grad = wrong_backward(x, theta)
        return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))

    g.check_gradient_check(gradient_check_of_wrong, forward, wrong_backward)
    with pytest.raises(CheckFailed, match="wrong difference"):
        g.check_gradient_check(gradient_check, forward, wrong_backward)  # this one calls the right backward


MISTAKES = [
    (g.check_forward_propagation, lambda x, theta: theta + x, "forward_propagation", "theta \\* x"),
    (g.check_backward_propagation, lambda x, theta: theta, "backward_propagation", "that is theta"),
    (g.check_backward_propagation, not_written, "backward_propagation", "not written yet"),
    (CHECK_GRADIENT_CHECK, gradient_check_over_eps, "gradient_check", "instead of 2 \\* epsilon"),
    (CHECK_GRADIENT_CHECK, gradient_check_absolute, "gradient_check", "absolute difference"),
    (CHECK_GRADIENT_CHECK, gradient_check_signed, "gradient_check", "never negative"),
    (CHECK_GRADIENT_CHECK, gradient_check_sum_denominator, "gradient_check", "sum of the two norms"),
    (CHECK_GRADIENT_CHECK, gradient_check_without_backward, "gradient_check", "does not call backward_propagation"),
    (g.check_gradient_check_n, _with(one_sided), "gradient_check_n", "one-sided difference"),
    (g.check_gradient_check_n, _with(divide=1), "gradient_check_n", "instead of 2 \\* epsilon"),
    (g.check_gradient_check_n, _with(no_copy), "gradient_check_n", "half the gradient"),
    (g.check_gradient_check_n, check_n_cumulative, "gradient_check_n", "leaks into the next"),
    (g.check_gradient_check_n, check_n_in_place_not_restored, "gradient_check_n", "changed the caller's parameters"),
    (g.check_gradient_check_n, _with(difference=absolute), "gradient_check_n", "absolute difference"),
    (g.check_gradient_check_n, _with(difference=no_norms), "gradient_check_n", "sum of the two norms"),
    (g.check_gradient_check_n, check_n_all_at_once, "gradient_check_n", "perturbed at once"),
    (g.check_gradient_check_n, _with(grad_vector=dictionary_order), "gradient_check_n", "another order"),
    (g.check_gradient_check_n, _with(grad_vector=sorted_order), "gradient_check_n", "another order"),
    (g.check_gradient_check_n, check_n_ignores_cost, "gradient_check_n", "cost_function ignored"),
    (g.check_gradient_check_n, check_n_ignores_epsilon, "gradient_check_n", "epsilon argument is ignored"),
    (g.check_gradient_check_n, check_n_only_difference, "gradient_check_n", "return two values"),
    (g.check_gradient_check_n, check_n_flat_gradapprox, "gradient_check_n", "a column like theta"),
    (g.check_gradient_check_n, not_written, "gradient_check_n", "not written yet"),
]


@pytest.mark.parametrize("check, fn, function, message", MISTAKES, ids=[f"{m[2]}-{i}" for i, m in enumerate(MISTAKES)])
def test_classic_mistake_is_named(check, fn, function, message):
    with pytest.raises(CheckFailed, match=message) as failure:
        check(fn)
    assert failure.value.function == function


def test_the_mistakes_are_caught_on_other_seeds_too():
    for fn, message in (
        (_with(one_sided), "one-sided"),
        (_with(grad_vector=dictionary_order), "another order"),
        (check_n_cumulative, "leaks into the next"),
        (_with(difference=no_norms), "sum of the two norms"),
    ):
        for seed in (3, 11):
            with pytest.raises(CheckFailed, match=message):
                g.check_gradient_check_n(fn, seed=seed)


# ======== backward_propagation_n_fixed ========

from course_utils.checks.networks import numerical_gradients  # noqa: E402
from course_utils.layers import sigmoid  # noqa: E402
from course_utils.network import model_backward, model_forward  # noqa: E402


def fixed_pass(X, Y, caches):
    (A0, W1, b1), Z1 = caches[0]
    (A1, W2, b2), Z2 = caches[1]
    A2, W3, b3 = caches[2]
    m = X.shape[1]
    Z3 = W3 @ A2 + b3
    dZ3 = sigmoid(Z3) - Y
    dW3 = 1 / m * dZ3 @ A2.T
    db3 = 1 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (Z2 > 0)
    dW2 = 1 / m * dZ2 @ A1.T
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (Z1 > 0)
    dW1 = 1 / m * dZ1 @ X.T
    db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


def fixed_in_place_on_its_own_arrays(X, Y, caches):
    """dZ written into dA (its own array), the mask from A; the result in another dictionary order."""
    (A0, W1, b1), Z1 = caches[0]
    (A1, W2, b2), Z2 = caches[1]
    A2, W3, b3 = caches[2]
    m = A0.shape[1]
    dZ3 = sigmoid(W3 @ A2 + b3)
    dZ3 -= Y
    dA2 = W3.T @ dZ3
    dA2 *= A2 > 0
    dA1 = W2.T @ dA2
    dA1 *= A1 > 0
    grads = {}
    for l, dZ, A_prev in ((3, dZ3, A2), (2, dA2, A1), (1, dA1, A0)):
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / m
        grads[f"dW{l}"] = dZ @ A_prev.T / m
    return grads


def model_backward_pass(X, Y, caches):
    """The course's own backward pass, dA keys and all."""
    A_prev, W, b = caches[-1]
    return model_backward(W @ A_prev + b, Y, caches)


def scaled(**factors):
    def backward(X, Y, caches):
        grads = fixed_pass(X, Y, caches)
        return {key: value * factors.get(key, 1) for key, value in grads.items()}

    return backward


def parameters_of(caches):
    (A0, W1, b1), _ = caches[0]
    (A1, W2, b2), _ = caches[1]
    A2, W3, b3 = caches[2]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}


def finite_differences(epsilon):
    def backward(X, Y, caches):
        parameters = parameters_of(caches)
        return numerical_gradients(lambda p: network_cost(p, X, Y), parameters, epsilon)

    return backward


def richardson(X, Y, caches):
    """A fourth-order stencil at its best step: within ~1e-12 of the truth, so only the cache with
    changed biases can tell it from the formulas."""
    parameters = parameters_of(caches)
    cost = lambda p: network_cost(p, X, Y)  # noqa: E731
    h = 1e-3
    coarse, fine = numerical_gradients(cost, parameters, 2 * h), numerical_gradients(cost, parameters, h)
    return {key: (4 * fine[key] - coarse[key]) / 3 for key in fine}


def numerical_on_the_cache(X, Y, caches):
    """dZ3 by central differences of the cost in Z3 itself, the rest by the formulas: it reads only the
    cache (the changed biases cannot show it), and agrees with the truth to ~1e-10 only."""
    from course_utils.network import compute_cost

    A2, W3, b3 = caches[2]
    Z3 = W3 @ A2 + b3
    dZ3 = np.zeros_like(Z3)
    for j in range(Z3.shape[1]):
        step = np.zeros_like(Z3)
        step[0, j] = 1e-6
        dZ3[0, j] = (compute_cost(Z3 + step, Y) - compute_cost(Z3 - step, Y)) / 2e-6 * Z3.shape[1]
    return _from_dZ3(caches, dZ3)


def _from_dZ3(caches, dZ3):
    """The formulas of the backward pass, from a given dZ3 down."""
    (A0, W1, b1), Z1 = caches[0]
    (A1, W2, b2), Z2 = caches[1]
    A2, W3, b3 = caches[2]
    m = dZ3.shape[1]
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (Z2 > 0)
    dZ1 = (W2.T @ dZ2) * (Z1 > 0)
    return {
        "dW3": dZ3 @ A2.T / m,
        "db3": np.sum(dZ3, axis=1, keepdims=True) / m,
        "dW2": dZ2 @ A1.T / m,
        "db2": np.sum(dZ2, axis=1, keepdims=True) / m,
        "dW1": dZ1 @ A0.T / m,
        "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
    }


def forward_again(X, Y, caches):
    """The formulas, but on a forward pass run again from the cache's parameters."""
    _, new_caches = model_forward(X, parameters_of(caches))
    return fixed_pass(X, Y, new_caches)


def mask_from_biases(X, Y, caches):
    """Z1 computed again (for its mask only) from W1, X and b1."""
    (A0, W1, b1), Z1 = caches[0]
    return fixed_pass(X, Y, [((A0, W1, b1), W1 @ X + b1), caches[1], caches[2]])


def writes_into_the_cache(X, Y, caches):
    (A0, W1, b1), Z1 = caches[0]
    grads = fixed_pass(X, Y, caches)
    np.maximum(Z1, 0, out=Z1)
    return grads


def with_change(key, change):
    def backward(X, Y, caches):
        grads = fixed_pass(X, Y, caches)
        grads[key] = change(grads[key])
        return grads

    return backward


def no_relu_derivative(X, Y, caches):
    (A0, W1, b1), Z1 = caches[0]
    return fixed_pass(X, Y, [((A0, W1, b1), np.abs(Z1) + 1), caches[1], caches[2]])


def sign_flipped(X, Y, caches):
    return {key: -value for key, value in fixed_pass(X, Y, caches).items()}


def m_fixed_at_8(X, Y, caches):
    return {key: value * X.shape[1] / 8 for key, value in fixed_pass(X, Y, caches).items()}


def gradients_as_tuple(X, Y, caches):
    grads = fixed_pass(X, Y, caches)
    return tuple(grads[key] for key in ("dW1", "db1", "dW2", "db2", "dW3", "db3"))


FIXED_CORRECT = [
    fixed_pass,
    fixed_in_place_on_its_own_arrays,
    model_backward_pass,
    sample("correct_unusual", "backward_propagation_n_fixed"),
]


@pytest.mark.parametrize("fn", FIXED_CORRECT, ids=["plain", "in_place_own_arrays", "model_backward", "correct_unusual"])
@pytest.mark.parametrize("seed", [0, 1, 7, 2024])
def test_correct_fixed_backward_passes(fn, seed, capsys):
    g.check_backward_propagation_n_fixed(fn, seed=seed)
    g.check_backward_propagation_n_fixed(
        fn, cases=(((5, 6, 4, 1), 9), ((2, 3, 3, 1), 3), ((7, 10, 8, 1), 20)), seed=seed
    )
    assert "all" in capsys.readouterr().out


FIXED_MISTAKES = [
    (scaled(dW2=2, db1=4), "dW2 is 2x the true gradient \\(off by a factor 2\\); db1 is 4x the true gradient"),
    (scaled(db1=4), "db1 is 4x the true gradient \\(off by a factor 4\\)"),
    (scaled(dW2=2), "dW2 is 2x the true gradient"),
    (scaled(db1=1 / 4), "db1 is 1/4 of the true gradient \\(off by a factor 4\\)"),
    (sample("changes_parameters_and_fixed_bug_left_in", "backward_propagation_n_fixed"), "db1 is 4x the true gradient"),
    (sample("leaks_into_next_and_fixed_wrong_way", "backward_propagation_n_fixed"), "db1 is 1/4 of the true gradient"),
    (no_relu_derivative, "dW1 is the first wrong gradient"),
    (sign_flipped, "dZ3 = sigmoid\\(Z3\\) - Y"),
    (m_fixed_at_8, "m is the number of examples"),
    (finite_differences(1e-7), "these are not the analytical gradients"),
    (numerical_on_the_cache, "agrees with the true gradients only to about"),
    (finite_differences(1e-5), "these are not the analytical gradients"),
    (richardson, "these are not the analytical gradients"),
    (forward_again, "they follow the biases"),
    (mask_from_biases, "read every forward value from caches"),
    (writes_into_the_cache, "a backward pass only reads its inputs"),
    (with_change("dW1", lambda dW: dW.T), "that is dW1 transposed"),
    (with_change("db2", lambda db: db.ravel()), "db is a column"),
    (with_change("db3", lambda db: np.repeat(db, 4, axis=1)), "db is a column"),
    (lambda X, Y, caches: {k: v for k, v in fixed_pass(X, Y, caches).items() if k != "db3"}, "missing \\['db3'\\]"),
    (gradients_as_tuple, "return the dictionary"),
    (not_written, "not written yet"),
]


@pytest.mark.parametrize("fn, message", FIXED_MISTAKES, ids=[f"fixed-{i}" for i in range(len(FIXED_MISTAKES))])
def test_fixed_backward_mistake_is_named(fn, message):
    with pytest.raises(CheckFailed, match=message) as failure:
        g.check_backward_propagation_n_fixed(fn)
    assert failure.value.function == "backward_propagation_n_fixed"


def test_a_numerical_pass_is_told_from_the_formulas_on_other_seeds_too():
    """Seeds 8, 15 and 36 draw a network where the larger steps straddle ReLU's kink in a few entries:
    the whole vector still follows the changed biases."""
    for seed in (1, 7, 8, 15, 36, 2024):
        for fn in (finite_differences(1e-7), finite_differences(1e-4), richardson, forward_again):
            with pytest.raises(CheckFailed, match="they follow the biases") as failure:
                g.check_backward_propagation_n_fixed(fn, seed=seed)
            assert failure.value.hint == g.FIXED_NUMERICAL


def test_the_numerical_sample_is_caught():
    """gradient_order_and_fixed_numerical's fixed pass returns gradient_check_n's gradapprox: it needs
    the notebook's gradient_check_n (or the sample's own, whose gradapprox is right too)."""
    import course_utils.gradcheck as helpers
    from tests.support.grading_helpers import sample_function

    names = {key: getattr(helpers, key) for key in dir(helpers) if not key.startswith("_")} | {
        "gradient_check_n": check_n
    }
    fn = sample_function(
        "gradient_checking", "gradient_order_and_fixed_numerical", "backward_propagation_n_fixed", names
    )
    with pytest.raises(CheckFailed, match="these are not the analytical gradients"):
        g.check_backward_propagation_n_fixed(fn)


@pytest.mark.parametrize("seed", range(6))
def test_the_changed_biases_separate_the_formulas_from_the_cost(seed):
    """The cache with b1 and b2 changed: the formulas (which never read b1 or b2) give exactly what they
    give on the original cache, the true gradients; a forward pass re-run from its parameters gives
    those of another network, far from them in five blocks of six or more."""
    for dims, m in g.FIXED_CASES:
        X, Y, caches, moved, truth, shifted = g.inconsistent_cache(dims, m, np.random.default_rng([seed, 99]))
        got, again = fixed_pass(X, Y, caches), fixed_pass(X, Y, moved)
        assert all(np.array_equal(got[key], again[key]) for key in truth)
        assert all(np.allclose(got[key], truth[key], rtol=1e-12, atol=1e-15) for key in truth)
        far = [key for key in truth if not np.allclose(shifted[key], truth[key], rtol=1e-2, atol=1e-4)]
        assert len(far) >= 5, far


def test_the_sign_flip_case_leaves_the_notebook_names_as_they_were():
    """gradient_check's denominator is judged with backward_propagation flipped in sign for one call:
    the student's namespace gets its own function back, also when the call fails."""
    g.check_gradient_check(gradient_check, forward, backward)
    assert gradient_check.__globals__["backward"] is backward
    with pytest.raises(CheckFailed, match="wrong sign"):
        g.check_gradient_check(gradient_check_sum_denominator, forward, backward)
    assert gradient_check_sum_denominator.__globals__["backward"] is backward


def test_outside_the_kernel_the_sign_case_is_left_to_the_kernels_run():
    """The grader re-runs each test with stand-ins for the student's functions (calls to another
    process: no code, no names to swap); the check runs there without the sign-flipped case."""

    class StandIn:  # as autograder.isolation.RemoteFunction: only callable
        def __init__(self, function):
            self.function, self.__name__ = function, function.__name__

        def __call__(self, *args, **kwargs):
            return self.function(*args, **kwargs)

    g.check_gradient_check(StandIn(gradient_check), StandIn(forward), StandIn(backward))
