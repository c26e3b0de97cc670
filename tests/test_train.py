"""The training loop: pure steps, chunking that changes nothing, and learning that happens."""

import numpy as np

from course_utils.network import accuracy, compute_cost, model_forward
from course_utils.train import TrainConfig, TrainState, train_model, train_steps


def he(dims, rng):
    return {k: v for l in range(1, len(dims)) for k, v in
            ((f"W{l}", rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(2 / dims[l - 1])), (f"b{l}", np.zeros((dims[l], 1))))}


def xor_data(rng, m=200):
    X = rng.uniform(-1, 1, (2, m))
    return X, (X[0:1] * X[1:2] > 0).astype(int)


def test_train_steps_is_pure_and_records_the_cost_before_each_step():
    rng = np.random.default_rng(0)
    X, Y = xor_data(rng)
    start = TrainState(parameters=he([2, 8, 1], rng))
    snapshot = {k: v.copy() for k, v in start.parameters.items()}
    after = train_steps(start, X, Y, 5, TrainConfig(learning_rate=0.1))
    assert all(np.array_equal(start.parameters[k], snapshot[k]) for k in snapshot)
    assert start.iteration == 0 and start.costs == ()
    assert after.iteration == 5 and len(after.costs) == 5
    assert after.costs[0] == compute_cost(model_forward(X, snapshot)[0], Y)


def test_chunked_training_equals_one_run():
    rng = np.random.default_rng(1)
    X, Y = xor_data(rng)
    start = TrainState(parameters=he([2, 8, 1], rng))
    one = train_steps(start, X, Y, 30)
    chunked = start
    for n in (7, 13, 10):
        chunked = train_steps(chunked, X, Y, n)
    assert chunked.costs == one.costs
    assert all(np.array_equal(chunked.parameters[k], one.parameters[k]) for k in one.parameters)


def test_train_model_learns_xor_and_returns_every_cost():
    rng = np.random.default_rng(2)
    X, Y = xor_data(rng)
    parameters, costs = train_model(X, Y, he([2, 16, 8, 1], rng), num_iterations=3000, learning_rate=0.1, progress=False)
    assert costs.shape == (3000,)
    assert costs[-1] < 0.5 * costs[0]
    assert accuracy(X, Y, parameters) > 0.9


def test_divergence_stops_early_without_warnings(recwarn):
    rng = np.random.default_rng(3)
    X, Y = xor_data(rng)
    huge = {k: v * 1e160 for k, v in he([2, 8, 1], rng).items()}
    _, costs = train_model(X, Y, huge, num_iterations=100, learning_rate=1.0, progress=False)
    assert len(costs) < 100 and not np.isfinite(costs[-1])
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
