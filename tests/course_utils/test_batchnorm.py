"""Batch norm as a layer of the course's network (course_utils.batchnorm), with reference functions
for the student's two: its gradients are the cost's, test mode treats each example on its own,
the running statistics follow their stated average, and training with it is one more TrainConfig
choice (chunked or not, the same run)."""

from __future__ import annotations

import numpy as np
import pytest

from course_utils.batchnorm import BatchNorm, activation_inputs, with_batchnorm
from course_utils.layers import ACTIVATIONS
from course_utils.network import compute_cost
from course_utils.train import TrainConfig, TrainState, train_run, train_steps
from tests.checks.test_batchnorm import backward_compact, forward_with

BN = BatchNorm(forward_with(), backward_compact)


def network(dims, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1])) * np.sqrt(2 / dims[l - 1])
        parameters[f"b{l}"] = rng.normal(0, 0.1, (dims[l], 1))
    return with_batchnorm(parameters)


def test_with_batchnorm_adds_gamma_and_beta_to_the_hidden_layers_only():
    parameters = network([3, 5, 4, 1])
    assert sorted(parameters) == ["W1", "W2", "W3", "b1", "b2", "b3", "beta1", "beta2", "gamma1", "gamma2"]
    assert parameters["gamma2"].shape == (4, 1) and np.all(parameters["gamma2"] == 1) and not parameters["beta1"].any()


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_gradients_are_the_derivative_of_the_cost(activation):
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(3, 7)), (rng.random((1, 7)) > 0.5).astype(float)
    parameters = network([3, 5, 4, 1], seed=2)
    for key in parameters:  # gamma and beta away from 1 and 0, so that every term counts
        if key.startswith(("gamma", "beta")):
            parameters[key] = parameters[key] + rng.normal(0, 0.3, parameters[key].shape)

    def cost(p):
        return compute_cost(BN.forward_pass(X, p, None, "train", activation)[0], Y)

    ZL, caches, _ = BN.forward_pass(X, parameters, None, "train", activation)
    grads = BN.backward_pass(ZL, Y, caches, activation)
    assert sorted(grads) == sorted("d" + key for key in parameters)
    for key, value in parameters.items():
        numerical = np.zeros_like(value)
        for index in np.ndindex(*value.shape):
            for sign in (1, -1):
                nudged = {k: v.copy() for k, v in parameters.items()}
                nudged[key][index] += sign * 1e-6
                numerical[index] += sign * cost(nudged) / 2e-6
        np.testing.assert_allclose(grads["d" + key], numerical, rtol=1e-4, atol=1e-8, err_msg=key)


def test_test_mode_treats_each_example_on_its_own():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(3, 9))
    parameters = network([3, 5, 4, 1])
    running = {l: (rng.normal(size=(n, 1)), rng.uniform(0.5, 2, (n, 1))) for l, n in ((1, 5), (2, 4))}
    batch, _, after = BN.forward_pass(X, parameters, running, "test")
    alone, _, _ = BN.forward_pass(X[:, 4:5], parameters, running, "test")
    np.testing.assert_allclose(alone, batch[:, 4:5], rtol=1e-12)
    assert all(np.array_equal(after[l][i], running[l][i]) for l in running for i in (0, 1)), (
        "test mode leaves them alone"
    )
    train, _, _ = BN.forward_pass(X[:, 4:5], parameters, running, "train")
    assert not np.allclose(train, batch[:, 4:5]), "in train mode an example alone is normalized by itself"


def test_running_statistics_average_the_batches_and_converge_to_the_data():
    rng = np.random.default_rng(4)
    X = rng.normal(2.0, 3.0, size=(3, 50))
    parameters = network([3, 5, 1])
    Z1 = parameters["W1"] @ X + parameters["b1"]
    running = None
    for k in range(1, 61):  # the same batch, the same parameters: the averages close in as 0.9^k
        _, _, running = BN.forward_pass(X, parameters, running, "train")
        mean, var = running[1]
        np.testing.assert_allclose(mean, (1 - 0.9**k) * Z1.mean(axis=1, keepdims=True), rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(var, 0.9**k + (1 - 0.9**k) * Z1.var(axis=1, keepdims=True), rtol=1e-9)
    assert np.allclose(running[1][0], Z1.mean(axis=1, keepdims=True), rtol=1e-2)


def test_training_with_batchnorm_is_a_config_choice_and_chunks_do_not_matter():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(2, 64))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    config = TrainConfig(learning_rate=0.1, batchnorm=BN)
    start = TrainState(parameters=network([2, 8, 8, 1], seed=6))
    once = train_steps(start, X, Y, 200, config)
    twice = train_steps(train_steps(start, X, Y, 120, config), X, Y, 80, config)
    assert once.costs[-1] < 0.6 * once.costs[0]
    for key in once.parameters:
        np.testing.assert_array_equal(once.parameters[key], twice.parameters[key])
    for l in once.running:
        np.testing.assert_array_equal(once.running[l][0], twice.running[l][0])
    state = train_run(X, Y, start.parameters, num_iterations=200, config=config, progress=False)
    np.testing.assert_array_equal(state.parameters["W1"], once.parameters["W1"])
    assert BN.accuracy(X, Y, state.parameters, state.running) > 0.8


def test_batchnorm_does_not_combine_with_a_custom_forward_pass():
    with pytest.raises(ValueError, match="batch norm has its own forward and backward"):
        TrainConfig(batchnorm=BN, forward=lambda X, p, rng: (X, []))


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_activation_inputs_are_z_or_its_normalized_form(activation):
    """Without batch norm, W A + b; with it, gamma * Z_norm + beta over the examples given: each unit's
    mean its beta and its standard deviation its gamma (less epsilon's share), whatever the activation."""
    rng = np.random.default_rng(6)
    X = rng.normal(1.0, 2.0, size=(3, 40))
    parameters = network([3, 5, 4, 1], seed=3)
    parameters["gamma2"], parameters["beta2"] = rng.uniform(0.5, 2, (4, 1)), rng.normal(0, 1, (4, 1))
    plain = {key: value for key, value in parameters.items() if key[0] in "Wb"}
    A1 = ACTIVATIONS[activation][0](parameters["W1"] @ X + parameters["b1"])[0]
    np.testing.assert_allclose(
        activation_inputs(X, plain, 2, hidden_activation=activation), parameters["W2"] @ A1 + parameters["b2"]
    )
    inputs = activation_inputs(X, parameters, 2, BN, activation)
    np.testing.assert_allclose(inputs.mean(axis=1, keepdims=True), parameters["beta2"], atol=1e-12)
    ratio = (
        inputs.std(axis=1, keepdims=True) / parameters["gamma2"]
    )  # sqrt(var / (var + epsilon)): sigmoid's var is small
    assert np.all(ratio <= 1) and np.all(ratio > 0.99), ratio
