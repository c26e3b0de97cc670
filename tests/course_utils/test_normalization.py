"""The normalization demo's bowl: its steps counted without making them agree with the steps made
one by one, the count is the first step within the tolerance, and a learning rate past
2 / the largest curvature diverges."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from course_utils.normalization import (
    Bowl,
    cost_gap_after,
    gradient_descent,
    make_two_scales,
    plot_bowl,
    steps_to_minimum,
)


@pytest.fixture(scope="module")
def bowls():
    X, y = make_two_scales(60, np.random.default_rng(4))
    mu, sigma = X.mean(axis=1, keepdims=True), X.std(axis=1, keepdims=True)
    return Bowl(X, y), Bowl((X - mu) / sigma, y)


def test_minimum_is_where_the_gradient_vanishes_and_the_data_says(bowls):
    raw, normalized = bowls
    for bowl in bowls:
        assert np.allclose(bowl.gradient(bowl.minimum), 0, atol=1e-8)
    assert np.allclose(raw.minimum.ravel(), [0.003, 2, 1], atol=0.1)  # y = 0.003 x1 + 2 x2 + 1 + noise
    assert raw.cost(raw.minimum) == pytest.approx(normalized.cost(normalized.minimum))  # the same model


@pytest.mark.parametrize("which", [0, 1])
def test_the_count_matches_the_steps_made_one_by_one(bowls, which):
    bowl = bowls[which]
    rate = 1 / bowl.curvatures[-1]
    path = gradient_descent(bowl, rate, 300)
    gaps = [bowl.cost(theta) - bowl.cost(bowl.minimum) for theta in path]
    for t in (0, 1, 7, 300):
        assert cost_gap_after(bowl, rate, t) == pytest.approx(gaps[t], rel=1e-7, abs=1e-14)
    if which == 1:  # normalized: the count is the first step within the tolerance
        steps = steps_to_minimum(bowl, rate, 1e-6)
        assert gaps[steps] <= 1e-6 < gaps[steps - 1]


def test_raw_is_a_trench_and_normalized_a_round_bowl(bowls):
    raw, normalized = bowls
    assert raw.condition_number > 1e6 and normalized.condition_number < 2
    assert (
        steps_to_minimum(raw, 1 / raw.curvatures[-1], 1e-6)
        > 1e6
        >= 10
        >= steps_to_minimum(normalized, 1 / normalized.curvatures[-1], 1e-6)
    )


def test_past_two_over_the_largest_curvature_it_diverges(bowls):
    _, normalized = bowls
    rate = 2.05 / normalized.curvatures[-1]
    assert steps_to_minimum(normalized, rate, 1e-6) is None
    path = gradient_descent(normalized, rate, 400)
    assert normalized.cost(path[-1]) > 1e3 * normalized.cost(path[0])


def test_plot_bowl_draws_contours_a_path_and_says_when_stretched(bowls):
    raw, _ = bowls
    ax = plot_bowl(raw, gradient_descent(raw, 1 / raw.curvatures[-1], 5), stretch=200)
    assert "stretched 200 times" in ax.get_xlabel() and len(ax.collections) >= 1 and len(ax.lines) == 2
