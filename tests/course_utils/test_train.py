"""The training loop: pure steps, chunking that changes nothing, and learning that happens."""

import numpy as np
import pytest

from course_utils.network import accuracy, compute_cost, model_backward, model_forward
from course_utils.train import TrainConfig, TrainState, train_model, train_steps
from tests.course_utils.test_widgets_plots import he


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
    parameters, costs = train_model(
        X, Y, he([2, 16, 8, 1], rng), num_iterations=3000, learning_rate=0.1, progress=False
    )
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


# ---- L2 and dropout plugged in through Regularizers (the student's functions; here, test versions) ----

from course_utils.train import Regularizers  # noqa: E402
from tests.support.regularization_functions import REGULARIZERS, dropout_backward, l2_backward, l2_cost  # noqa: E402


def test_no_regularization_is_the_plain_network():
    rng = np.random.default_rng(4)
    X, Y = xor_data(rng)
    start = TrainState(parameters=he([2, 8, 1], rng))
    plain = train_steps(start, X, Y, 20, TrainConfig(learning_rate=0.1))
    assert train_steps(start, X, Y, 20, REGULARIZERS.config(0.0, 1.0, learning_rate=0.1)).costs == plain.costs
    assert Regularizers().config(0.0, 1.0) == TrainConfig()


def test_l2_trains_with_the_regularized_cost_and_shrinks_the_weights():
    rng = np.random.default_rng(5)
    X, Y = xor_data(rng)
    start = he([2, 16, 8, 1], rng)
    config = REGULARIZERS.config(lambd=5.0, learning_rate=0.1)
    state = train_steps(TrainState(parameters=start), X, Y, 300, config)
    assert state.costs[0] == l2_cost(model_forward(X, start)[0], Y, start, 5.0)
    plain = train_steps(TrainState(parameters=start), X, Y, 300, TrainConfig(learning_rate=0.1))
    squares = lambda p: sum(np.sum(v**2) for k, v in p.items() if k[0] == "W")  # noqa: E731
    assert squares(state.parameters) < 0.8 * squares(plain.parameters)


def test_dropout_draws_new_masks_each_step_and_chunking_changes_nothing():
    rng = np.random.default_rng(6)
    X, Y = xor_data(rng)
    start = TrainState(parameters=he([2, 16, 8, 1], rng))
    config = REGULARIZERS.config(keep_prob=0.7, learning_rate=0.1, seed=3)
    one = train_steps(start, X, Y, 12, config)
    chunked = train_steps(train_steps(start, X, Y, 5, config), X, Y, 7, config)
    assert one.costs == chunked.costs
    first, second = (config.run_forward(X, start.parameters, np.random.default_rng([3, i]))[0] for i in (0, 1))
    assert not np.allclose(first, second), "step 0 and step 1 must use different masks"
    assert (
        train_steps(start, X, Y, 12, REGULARIZERS.config(keep_prob=0.7, learning_rate=0.1, seed=4)).costs != one.costs
    )


def test_dropout_and_l2_together_add_the_l2_term_to_the_dropout_gradients():
    rng = np.random.default_rng(7)
    X, Y = xor_data(rng, m=30)
    parameters = he([2, 6, 5, 1], rng)
    config = REGULARIZERS.config(lambd=0.7, keep_prob=0.8)
    ZL, caches = config.run_forward(X, parameters, np.random.default_rng(1))
    grads = config.run_backward(X, Y, ZL, caches)
    dropout_only = dropout_backward(X, Y, caches, 0.8)
    for l in (1, 2, 3):
        np.testing.assert_allclose(
            grads[f"dW{l}"], dropout_only[f"dW{l}"] + 0.7 / 30 * parameters[f"W{l}"], rtol=1e-12, atol=1e-14
        )
        np.testing.assert_array_equal(grads[f"db{l}"], dropout_only[f"db{l}"])
    assert config.run_cost(ZL, Y, parameters) == l2_cost(ZL, Y, parameters, 0.7)


def test_a_configuration_names_the_function_it_misses():
    import pytest

    with pytest.raises(ValueError, match="needs your dropout_forward, dropout_backward"):
        Regularizers(l2_cost, l2_backward).config(lambd=0.1, keep_prob=0.9)


# ---- mini-batches, optimizers and learning-rate schedules (the Optimization notebook's functions) ----


def moons_like(rng, m=120):
    X = rng.standard_normal((2, m))
    return X, (X[0:1] + 0.5 * np.sin(2 * X[1:2]) > 0).astype(int)


def test_the_default_config_trains_as_before_mini_batches_existed():
    """Full batch, no optimizer: the same numbers as plain gradient descent written out."""
    rng = np.random.default_rng(5)
    X, Y = xor_data(rng)
    start = he([2, 8, 1], rng)
    state = train_steps(TrainState(parameters=start), X, Y, 3, TrainConfig(learning_rate=0.1))
    parameters, expected = start, []
    for _ in range(3):
        ZL, caches = model_forward(X, parameters)
        expected.append(compute_cost(ZL, Y))
        grads = model_backward(ZL, Y, caches)
        parameters = {k: v - 0.1 * grads["d" + k] for k, v in parameters.items()}
    assert list(state.costs) == expected and state.epoch == 3 and list(state.epoch_costs) == expected
    assert all(np.array_equal(state.parameters[k], parameters[k]) for k in parameters)


def test_mini_batches_make_epochs_and_their_average_cost():
    from tests.support.optimization_functions import random_mini_batches

    rng = np.random.default_rng(6)
    X, Y = moons_like(rng, 130)
    config = TrainConfig(learning_rate=0.0, mini_batch_size=32, batches=random_mini_batches, seed=4)
    state = train_steps(
        TrainState(parameters=he([2, 4, 1], rng)), X, Y, 12, config
    )  # 5 batches an epoch: 2 epochs and 2 batches
    assert (state.iteration, state.epoch, state.batch) == (12, 2, 2) and len(state.epoch_costs) == 2
    # with learning rate 0 every epoch's average is the full-batch cost
    full = compute_cost(model_forward(X, state.parameters)[0], Y)
    assert state.epoch_costs[0] == pytest.approx(full) and state.epoch_costs[1] == pytest.approx(full)
    assert len({round(c, 12) for c in state.costs[:5]}) == 5, "each batch its own cost"
    # each epoch draws its own batches, the same whenever they are asked for
    first, second = config.epoch_batches(X, Y, 0), config.epoch_batches(X, Y, 1)
    assert [b[0].shape[1] for b in first] == [32, 32, 32, 32, 2]
    assert not np.array_equal(first[0][0], second[0][0]) and np.array_equal(
        first[0][0], config.epoch_batches(X, Y, 0)[0][0]
    )


@pytest.mark.parametrize("name", ["gd", "momentum", "rmsprop", "adam"])
def test_every_optimizer_is_pure_in_chunks_and_learns(name):
    from tests.support.optimization_functions import OPTIMIZERS, random_mini_batches

    rng = np.random.default_rng(7)
    X, Y = moons_like(rng)
    start = TrainState(parameters=he([2, 8, 4, 1], rng))
    snapshot = {k: v.copy() for k, v in start.parameters.items()}
    learning_rate = 0.3 if name in ("gd", "momentum") else 0.01
    config = TrainConfig(
        learning_rate=learning_rate, optimizer=OPTIMIZERS[name], mini_batch_size=40, batches=random_mini_batches
    )
    one = train_steps(start, X, Y, 600, config)
    chunked = start
    for n in (7, 293, 300):
        chunked = train_steps(chunked, X, Y, n, config)
    assert all(np.array_equal(start.parameters[k], snapshot[k]) for k in snapshot), (
        "the student's in-place update changed the start"
    )
    assert chunked.costs == one.costs and chunked.epoch_costs == one.epoch_costs
    assert one.epoch == 200 and one.epoch_costs[-1] < 0.5 * one.epoch_costs[0]
    assert accuracy(X, Y, one.parameters) > 0.9


def test_adam_counts_its_steps_from_one_across_chunks():
    from course_utils.optimizers import Optimizer
    from tests.support.optimization_functions import initialize_adam, update_parameters_with_adam

    seen = []

    def recording_adam(parameters, grads, v, s, t, *args):
        seen.append(t)
        return update_parameters_with_adam(parameters, grads, v, s, t, *args)

    rng = np.random.default_rng(8)
    X, Y = moons_like(rng)
    config = TrainConfig(optimizer=Optimizer.adam(initialize_adam, recording_adam))
    state = train_steps(TrainState(parameters=he([2, 3, 1], rng)), X, Y, 2, config)
    train_steps(state, X, Y, 2, config)
    assert seen == [1, 2, 3, 4]


def test_a_schedule_sets_each_epochs_learning_rate():
    from tests.support.optimization_functions import schedule_lr_decay

    rates = []
    config = TrainConfig(
        learning_rate=0.5,
        schedule=lambda lr0, epoch: schedule_lr_decay(lr0, epoch, 1.0, 2),
        update=lambda p, g, lr: rates.append(lr) or p,
    )
    rng = np.random.default_rng(9)
    X, Y = moons_like(rng)
    train_steps(TrainState(parameters=he([2, 3, 1], rng)), X, Y, 5, config)
    assert rates == [0.5, 0.5, 0.25, 0.25, 0.5 / 3]


def test_train_model_by_epochs_returns_the_epoch_costs():
    from tests.support.optimization_functions import OPTIMIZERS, random_mini_batches

    rng = np.random.default_rng(10)
    X, Y = moons_like(rng, 100)
    config = TrainConfig(
        learning_rate=0.01, optimizer=OPTIMIZERS["adam"], mini_batch_size=30, batches=random_mini_batches
    )
    _, costs = train_model(X, Y, he([2, 5, 1], rng), num_epochs=50, config=config, progress=False)
    assert costs.shape == (50,) and costs[-1] < costs[0]


def test_mini_batches_without_the_students_function_say_so():
    with pytest.raises(ValueError, match="needs your random_mini_batches"):
        TrainConfig(mini_batch_size=64)


def test_the_courses_l2_penalty_is_the_derivative_of_its_cost():
    """TrainConfig(l2=...): the cost gains lambd / (2 m) * sum of the squared weights, each dW gains
    lambd / m * W, for the plain network and for batch norm alike."""
    from course_utils.batchnorm import BatchNorm, with_batchnorm
    from tests.checks.test_batchnorm import backward_compact, forward_with

    rng = np.random.default_rng(11)
    X, Y = rng.normal(size=(3, 6)), (rng.random((1, 6)) > 0.5).astype(float)
    plain = {f"W{l}": rng.normal(size=(n, p)) for l, (n, p) in enumerate(((4, 3), (1, 4)), 1)} | {
        "b1": np.zeros((4, 1)),
        "b2": np.zeros((1, 1)),
    }
    for config, parameters in (
        (TrainConfig(l2=0.7), plain),
        (TrainConfig(l2=0.7, batchnorm=BatchNorm(forward_with(), backward_compact)), with_batchnorm(plain)),
    ):

        def cost(p):
            ZL = config.batchnorm.forward_pass(X, p)[0] if config.batchnorm else model_forward(X, p)[0]
            return config.run_cost(ZL, Y, p)

        if config.batchnorm:
            ZL, caches, _ = config.batchnorm.forward_pass(X, parameters)
        else:
            ZL, caches = model_forward(X, parameters)
        assert cost(parameters) == pytest.approx(
            compute_cost(ZL, Y) + 0.7 / 12 * (np.sum(plain["W1"] ** 2) + np.sum(plain["W2"] ** 2))
        )
        grads = config.l2_gradients(config.run_backward(X, Y, ZL, caches), parameters, 6)
        for key, value in parameters.items():
            index = (0, 0)
            nudged = [{k: v.copy() for k, v in parameters.items()} for _ in range(2)]
            nudged[0][key][index] += 1e-6
            nudged[1][key][index] -= 1e-6
            assert grads["d" + key][index] == pytest.approx(
                (cost(nudged[0]) - cost(nudged[1])) / 2e-6, rel=1e-5, abs=1e-9
            ), key
    with pytest.raises(ValueError, match="does not combine with a custom cost"):
        TrainConfig(l2=0.1, cost=lambda ZL, Y, p: 0.0)
