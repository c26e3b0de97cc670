"""The search plumbing of course_utils.tuning: the digits task's split, its deterministic scores,
the grid search and the plot of the trials."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils.checks.networks import random_parameters  # noqa: E402
from course_utils.tuning import digits_parity_task, grid_search, log_grid, plot_trials  # noqa: E402


def he(layers_dims, rng):
    return random_parameters(layers_dims, rng)


@pytest.fixture(scope="module")
def task():
    return digits_parity_task(he, hidden=(16,), iterations=100)


def test_digits_parity_split_keeps_train_dev_and_test_apart(task):
    assert (
        task.X_train.shape == (64, 1078) and task.X_dev.shape == (64, 360) and task.X_test.shape == (64, 359)
    )  # 1,797 digits
    assert 0.45 < task.Y_train.mean() < 0.55 and set(np.unique(task.Y_dev)) == {0, 1}
    seen = {column.tobytes() for column in task.X_train.T}
    assert not any(column.tobytes() in seen for column in task.X_dev.T), "no dev example is a training example"
    assert task.layer_dims == (64, 16, 1)


def test_a_task_scores_a_configuration_the_same_every_time_and_records_it(task):
    calls = len(task.calls)
    config = {"learning_rate": 0.5, "lambd": 1.0}
    assert task(config) == task(config)
    assert task.calls[calls:] == [config, config]
    assert task({"learning_rate": 0.5}) > task({"learning_rate": 1e-4}) + 0.2, "a sane learning rate beats a tiny one"
    task.test_score(config)
    assert len(task.calls) == calls + 4, "the test set is scored apart from the search's calls"


def test_grid_search_tries_every_combination_best_first():
    scores = []

    def evaluate(config):
        scores.append(config)
        return -abs(np.log10(config["learning_rate"]) + 1) - config["lambd"]

    trials = grid_search(evaluate, {"learning_rate": log_grid(1e-3, 1.0, 4), "lambd": [0.0, 0.5]})
    assert len(trials) == len(scores) == 8
    assert [t["score"] for t in trials] == sorted((t["score"] for t in trials), reverse=True)
    assert trials[0]["config"] == {"learning_rate": pytest.approx(0.1), "lambd": 0.0}
    assert log_grid(1e-3, 10, 5) == pytest.approx([1e-3, 1e-2, 1e-1, 1.0, 10.0])


def test_plot_trials_draws_each_group_on_a_log_axis():
    trials = [{"config": {"learning_rate": lr, "lambd": 1.0}, "score": 0.5 + lr} for lr in (1e-3, 1e-2, 1e-1)]
    ax = plot_trials({"coarse": trials, "fine": trials[:2]})
    assert ax.get_xscale() == "log" and len(ax.collections) == 2
    ax = plot_trials({"coarse": trials}, y="lambd")
    assert ax.get_yscale() == "log"
    plt.close("all")
