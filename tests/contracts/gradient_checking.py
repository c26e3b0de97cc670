"""The Gradient Checking notebook's contracts (see tests/contracts/__init__.py)."""

from tests.contracts import Clause

CONTRACT = {
    "forward_propagation": [
        Clause(r"Return $J(\theta) = \theta x$.", "J(theta) = theta * x", "forward_sum_and_cost_ignored"),
    ],
    "backward_propagation": [
        Clause(r"$\frac{dJ}{d\theta} = x$", "with respect to theta is x", "backward_wrong_variable_and_no_copy"),
    ],
    "gradient_check": [
        Clause(
            "`gradapprox = (J_plus - J_minus) / (2 * epsilon)`",
            "instead of 2 * epsilon",
            "over_epsilon_and_all_at_once",
        ),
        Clause(
            "Compute `grad` with `backward_propagation`",
            "does not call backward_propagation",
            "without_backward_and_one_value",
        ),
        Clause("Return their **relative difference**", "absolute difference", "absolute_difference_and_one_sided"),
        Clause(
            r"{\lVert \text{grad} \rVert_2 + \lVert \text{gradapprox} \rVert_2}",
            "backward pass of the wrong sign",
            "sum_in_denominator",
        ),
        Clause("with `np.linalg.norm` for each", "a norm is never negative", "signed_and_flat_gradapprox"),
    ],
    "gradient_check_n": [
        Clause("For each entry $i$ of $\\theta$", "perturbed at once", "over_epsilon_and_all_at_once"),
        Clause("`theta_plus = np.copy(theta)`", "half the gradient", "backward_wrong_variable_and_no_copy"),
        Clause("and in every later entry", "leaks into the next", "leaks_into_next_and_fixed_wrong_way"),
        Clause("`theta_plus[i] += epsilon`", "the epsilon argument is ignored", "epsilon_ignored_and_cache_recomputed"),
        Clause(r"$= \frac{J^+_i - J^-_i}{2 \varepsilon}$", "one-sided difference", "absolute_difference_and_one_sided"),
        Clause(
            "when `cost_function` is `None`, use `network_cost`",
            "cost_function ignored",
            "forward_sum_and_cost_ignored",
        ),
        Clause(
            "`grad = gradients_to_vector(gradients)`", "another order than theta", "gradient_order_and_fixed_numerical"
        ),
        Clause("as in Exercise 3", "sum of the two norms", "sum_in_denominator"),
        Clause("**return two values:", "return two values", "without_backward_and_one_value"),
        Clause(
            "`gradapprox` of shape $(n, 1)$ like `theta`",
            "gradapprox is a column like theta",
            "signed_and_flat_gradapprox",
        ),
        Clause(
            "Never change `parameters` or `gradients`.",
            "changed the parameters it was given",
            "changes_parameters_and_fixed_bug_left_in",
        ),
    ],
    "backward_propagation_n_fixed": [
        Clause(
            "correct the lines your check pointed at",
            "db1 is 4x the true gradient",
            "changes_parameters_and_fixed_bug_left_in",
        ),
        Clause(
            r"db^{[l]} = \frac{1}{m} \sum_{i=1}^{m}",
            "a whole block off by a constant factor",
            "leaks_into_next_and_fixed_wrong_way",
        ),
        Clause(
            "Returning `gradapprox`, or any finite difference of the cost, is no fix",
            "these are not the analytical gradients",
            "gradient_order_and_fixed_numerical",
        ),
        Clause(
            "from the values in `caches`",
            "read every forward value from caches",
            "epsilon_ignored_and_cache_recomputed",
        ),
        Clause(
            "Never change `X`, `Y` or `caches`.", "a backward pass only reads its inputs", "signed_and_flat_gradapprox"
        ),
        Clause(r"$dW^{[l]}$ has the shape of", "transposed", "forward_sum_and_cost_ignored"),
    ],
}
