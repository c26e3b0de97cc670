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
    from tests.support.grading_helpers import sample_function

    return sample_function(
        "gradient_checking",
        name,
        function,
        {key: getattr(helpers, key) for key in dir(helpers) if not key.startswith("_")},
    )


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


check_n_in_place_not_restored = sample("changes_parameters")


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
