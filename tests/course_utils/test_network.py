"""The NumPy scaffolding: every backward pass against a numerical gradient, and the cost's maths."""

import numpy as np
import pytest

from course_utils import layers
from course_utils.network import (
    accuracy,
    compute_cost,
    fill_weights,
    gradient_descent_update,
    layer_dims_of,
    model_backward,
    model_forward,
    predict,
    predict_proba,
    rescale_weights,
)


def numerical_gradient(f, x, h=1e-6):
    """Two-sided difference quotient of scalar f at every entry of x (x is perturbed in place, then restored)."""
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        plus = f()
        x[idx] = old - h
        minus = f()
        x[idx] = old
        grad[idx] = (plus - minus) / (2 * h)
    return grad


def rel_error(a, b):
    return np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))


def random_parameters(dims, rng, std=0.5):
    return {
        k: v
        for l in range(1, len(dims))
        for k, v in (
            (f"W{l}", rng.standard_normal((dims[l], dims[l - 1])) * std),
            (f"b{l}", rng.standard_normal((dims[l], 1)) * 0.1),
        )
    }


@pytest.mark.parametrize("name", sorted(layers.ACTIVATIONS))
def test_activation_backward_matches_numerical_gradient(name):
    rng = np.random.default_rng(0)
    forward, backward = layers.ACTIVATIONS[name]
    Z = rng.standard_normal((4, 5)) + 0.05  # keep ReLU inputs away from its kink at 0
    dA = rng.standard_normal((4, 5))
    _, cache = forward(Z)
    numerical = numerical_gradient(lambda: float(np.sum(forward(Z)[0] * dA)), Z)
    assert rel_error(backward(dA, cache), numerical) < 1e-6


def test_linear_backward_matches_numerical_gradient():
    rng = np.random.default_rng(1)
    A, W, b = rng.standard_normal((3, 6)), rng.standard_normal((4, 3)), rng.standard_normal((4, 1))
    dZ = rng.standard_normal((4, 6))
    _, cache = layers.linear_forward(A, W, b)
    dA, dW, db = layers.linear_backward(dZ, cache)

    def loss():
        return float(np.sum(layers.linear_forward(A, W, b)[0] * dZ))

    for got, x in ((dA, A), (dW, W), (db, b)):
        assert rel_error(got, numerical_gradient(loss, x)) < 1e-7


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_model_backward_matches_numerical_gradient(activation):
    rng = np.random.default_rng(2)
    dims = [3, 5, 4, 1]
    parameters = random_parameters(dims, rng)
    X, Y = rng.standard_normal((3, 7)), rng.integers(0, 2, (1, 7))
    ZL, caches = model_forward(X, parameters, activation)
    grads = model_backward(ZL, Y, caches, activation)

    def cost():
        return compute_cost(model_forward(X, parameters, activation)[0], Y)

    for key in parameters:
        assert rel_error(grads["d" + key], numerical_gradient(cost, parameters[key])) < 1e-5, key


def test_cost_equals_textbook_cross_entropy_and_stays_finite_when_saturated():
    rng = np.random.default_rng(3)
    Z, Y = rng.standard_normal((1, 50)) * 3, rng.integers(0, 2, (1, 50))
    A = 1 / (1 + np.exp(-Z))
    textbook = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    assert compute_cost(Z, Y) == pytest.approx(textbook, rel=1e-12)
    # Saturated: the textbook formula gives inf here, the stable one the exact large value.
    assert compute_cost(np.array([[-800.0, 800.0]]), np.array([[1, 0]])) == pytest.approx(800.0)
    assert compute_cost(np.zeros((1, 4)), np.array([[0, 1, 0, 1]])) == pytest.approx(np.log(2))


def test_sigmoid_is_stable_and_correct():
    Z = np.array([-1000.0, -5.0, 0.0, 5.0, 1000.0])
    with np.errstate(all="raise"):
        A = layers.sigmoid(Z)
    assert np.allclose(A, [0, 1 / (1 + np.exp(5)), 0.5, 1 / (1 + np.exp(-5)), 1])


def test_predict_accuracy_and_parameter_helpers():
    parameters = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.0]])}
    X = np.array([[2.0, 0.0, 1.0], [1.0, 3.0, 1.5]])
    assert predict(X, parameters).tolist() == [[1, 0, 0]]
    assert predict_proba(X, parameters)[0, 0] == pytest.approx(1 / (1 + np.exp(-1)))
    assert accuracy(X, np.array([[1, 0, 1]]), parameters) == pytest.approx(2 / 3)
    assert layer_dims_of(random_parameters([4, 3, 2], np.random.default_rng(0))) == [4, 3, 2]
    scaled = rescale_weights(parameters, 3.0)
    assert scaled["W1"].tolist() == [[3.0, -3.0]] and parameters["W1"].tolist() == [[1.0, -1.0]]
    filled = fill_weights(parameters, 0.5)
    assert filled["W1"].tolist() == [[0.5, 0.5]] and filled["b1"] is not parameters["b1"]
    stepped = gradient_descent_update(parameters, {"dW1": np.ones((1, 2)), "db1": np.ones((1, 1))}, 0.1)
    assert stepped["W1"].tolist() == [[0.9, -1.1]] and parameters["W1"].tolist() == [[1.0, -1.0]]
