"""course_utils.gradcheck (one vector for every parameter, and back), its plots and the epsilon
explorer. The gradient check itself is the student's: the reference is the notebook's
(tests/support/reference.py)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils.gradcheck import (  # noqa: E402
    compare_by_parameter,
    comparison_table,
    dictionary_to_vector,
    disagreement_by_parameter,
    entry_keys,
    gradients_to_vector,
    network_cost,
    parameter_keys,
    vector_to_dictionary,
)
from course_utils.network import compute_cost, model_backward, model_forward  # noqa: E402
from course_utils.plots import plot_difference_against_epsilon, plot_gradient_disagreement  # noqa: E402
from tests.support.reference import reference_solutions  # noqa: E402


@pytest.fixture
def network():
    rng = np.random.default_rng(0)
    dims = (3, 4, 2, 1)
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1]))
        parameters[f"b{l}"] = rng.standard_normal((dims[l], 1))
    X, Y = rng.standard_normal((3, 5)), (rng.random((1, 5)) < 0.5).astype(float)
    ZL, caches = model_forward(X, parameters)
    return parameters, model_backward(ZL, Y, caches), X, Y


reference_check = reference_solutions("Gradient_Checking")["gradient_check_n"]


def test_the_vector_is_W1_b1_W2_b2_in_order_row_by_row(network):
    parameters, gradients, _, _ = network
    theta = dictionary_to_vector(parameters)
    assert parameter_keys(parameters) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert theta.shape == (12 + 4 + 8 + 2 + 2 + 1, 1)
    np.testing.assert_array_equal(theta[:3, 0], parameters["W1"][0])  # W1's first row first
    np.testing.assert_array_equal(theta[12:16, 0], parameters["b1"][:, 0])
    assert entry_keys(parameters)[11:13] == ["W1", "b1"] and len(entry_keys(parameters)) == theta.shape[0]
    # the gradients in the same order, whatever the dictionary's own order (model_backward's is dW3 first) and its dA keys
    assert list(gradients)[0] == "dW3" and "dA1" in gradients
    np.testing.assert_array_equal(
        gradients_to_vector(gradients),
        dictionary_to_vector({k[1:]: v for k, v in gradients.items() if k[:2] in ("dW", "db")}),
    )


def test_vector_to_dictionary_inverts_and_makes_new_arrays(network):
    parameters, _, _, _ = network
    theta = dictionary_to_vector(parameters)
    back = vector_to_dictionary(theta, parameters)
    assert list(back) == parameter_keys(parameters)
    for key in parameters:
        np.testing.assert_array_equal(back[key], parameters[key])
    kept = parameters["W1"][0, 0]
    back["W1"][0, 0], theta[0, 0] = 98.0, 99.0
    assert parameters["W1"][0, 0] == kept and back["W1"][0, 0] == 98.0
    with pytest.raises(ValueError, match="theta has 28 entries, the parameters have 29"):
        vector_to_dictionary(theta[:-1], parameters)


def test_network_cost_is_the_course_cost(network):
    parameters, _, X, Y = network
    assert network_cost(parameters, X, Y) == compute_cost(model_forward(X, parameters)[0], Y)


def test_the_plot_and_the_summary_point_at_the_wrong_parameter(network):
    parameters, gradients, X, Y = network
    buggy = dict(gradients, db2=gradients["db2"] * 3)
    difference, gradapprox = reference_check(parameters, buggy, X, Y)
    assert difference > 1e-3 and reference_check(parameters, gradients, X, Y)[0] < 1e-7
    disagreement = disagreement_by_parameter(gradients_to_vector(buggy), gradapprox, parameters)
    assert max(disagreement, key=disagreement.get) == "b2"
    assert max(v for k, v in disagreement.items() if k != "b2") < 1e-7
    ax = plot_gradient_disagreement(gradients_to_vector(buggy), gradapprox, parameters)
    assert len(ax.collections) == 6 and ax.get_yscale() == "log"
    [labels] = [[t.get_text() for t in ax.texts]]
    assert labels == parameter_keys(parameters)
    plt.close("all")


def test_the_comparison_per_parameter_names_the_block_and_its_factor(network):
    """Each block's own relative difference and the factor that fits it: a block scaled by k shows
    (k - 1) / (k + 1) and k; a block with a wrong formula a large difference and no such factor; the
    others rounding and 1. The table prints one line a parameter."""
    parameters, gradients, X, Y = network
    wrong = np.array([[1.0], [-2.0]]) * np.abs(gradients["db2"]).max()
    buggy = dict(gradients, dW1=gradients["dW1"] * 3, db2=wrong)
    _, gradapprox = reference_check(parameters, buggy, X, Y)
    comparison = compare_by_parameter(gradients_to_vector(buggy), gradapprox, parameters)
    assert list(comparison) == parameter_keys(parameters)
    assert comparison["W1"]["relative"] == pytest.approx(0.5, rel=1e-6)  # (3 - 1) / (3 + 1)
    assert comparison["W1"]["factor"] == pytest.approx(3, rel=1e-6)
    assert comparison["b2"]["relative"] > 0.1 and abs(comparison["b2"]["factor"] - 1) > 0.1
    assert all(
        row["relative"] < 1e-7 and row["factor"] == pytest.approx(1, rel=1e-6)
        for key, row in comparison.items()
        if key not in ("W1", "b2")
    )
    zero = compare_by_parameter(np.zeros_like(gradapprox), np.zeros_like(gradapprox), parameters)
    assert all(row["relative"] == 0 and np.isnan(row["factor"]) for row in zero.values())
    table = comparison_table(comparison).splitlines()
    assert len(table) == 1 + 6 and table[1].split()[0] == "W1" and table[1].split()[-1] == "3.0000"


def test_the_epsilon_plot_draws_a_curve_per_backward_pass_and_the_thresholds():
    ax = plot_difference_against_epsilon([1e-1, 1e-7], {"fixed": [1e-3, 1e-9], "buggy": [0.3, 0.3]}, marker=1e-7)
    assert [line.get_label() for line in ax.lines[:2]] == ["fixed", "buggy"] and ax.get_xscale() == "log"
    plt.close("all")


def test_the_epsilon_explorer_runs_the_students_check_and_redraws_when_epsilon_moves(network):
    from course_utils.widgets import CONTROLS, EpsilonExplorer

    parameters, gradients, X, Y = network
    calls = []

    def counting_check(*args, **kwargs):
        calls.append(args[4])
        return reference_check(*args, **kwargs)

    buggy = dict(gradients, dW1=gradients["dW1"] * 2)
    explorer = EpsilonExplorer(
        counting_check, parameters, {"fixed": gradients, "buggy": buggy}, X, Y, epsilons=(1e-2, 1e-7, 1e-12)
    )
    assert sorted(set(calls)) == [1e-12, 1e-7, 1e-2]
    assert explorer.curves["fixed"][1] < 1e-7 < 1e-3 < min(explorer.curves["buggy"])
    assert explorer.controls[0].label == CONTROLS["epsilon"].label and explorer.settings == {"epsilon": 1e-7}
    box = explorer.widget()
    slider = box.children[0]
    calls.clear()
    slider.value = 1e-3
    assert explorer.settings["epsilon"] == pytest.approx(1e-3) and calls == [pytest.approx(1e-3)] * 2
    assert "epsilon=0.001" in explorer.settings_string()
    plt.close("all")
