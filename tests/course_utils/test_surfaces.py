"""The 2-D surfaces: gradients right, trajectories drawn with the student's optimizers, the
number of steps to the minimum measured, divergence stopped."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils.surfaces import (  # noqa: E402
    PLATEAU,
    QUADRATIC,
    ROSENBROCK,
    SADDLE,
    SURFACES,
    best_rate,
    plot_trajectories,
    steps_to_escape,
    steps_to_reach,
    trajectory,
)
from tests.support.optimization_functions import OPTIMIZERS  # noqa: E402


@pytest.mark.parametrize("surface", SURFACES.values(), ids=SURFACES.keys())
def test_gradients_are_the_surfaces_slopes(surface):
    rng = np.random.default_rng(0)
    for x, y in rng.uniform(-1.5, 1.5, (5, 2)):
        eps = 1e-6
        numerical = (
            (surface.f(x + eps, y) - surface.f(x - eps, y)) / (2 * eps),
            (surface.f(x, y + eps) - surface.f(x, y - eps)) / (2 * eps),
        )
        np.testing.assert_allclose(surface.grad(x, y), numerical, rtol=1e-6, atol=1e-6)
    assert surface.f(*surface.minimum) == 0 and np.allclose(surface.grad(*surface.minimum), 0)


def test_gradient_descent_zig_zags_where_momentum_reaches_the_minimum():
    """At learning rate 0.1 on the quadratic (curvature 20 across the valley) a GD step flips y's sign
    and keeps its size: GD bounces forever; momentum averages the bounces away."""
    gd = trajectory(OPTIMIZERS["gd"], QUADRATIC, 0.1, 300)
    momentum = trajectory(OPTIMIZERS["momentum"], QUADRATIC, 0.1, 300)
    assert steps_to_reach(gd, QUADRATIC) is None and np.allclose(np.abs(gd[:, 1]), 1.5)
    assert steps_to_reach(momentum, QUADRATIC) == 123
    assert gd.shape == (301, 2) and tuple(gd[0]) == QUADRATIC.start


def test_a_diverging_run_stops_and_steps_to_reach_needs_to_stay():
    path = trajectory(OPTIMIZERS["gd"], ROSENBROCK, 0.05, 100)
    assert len(path) < 10 and not steps_to_reach(path, ROSENBROCK)
    passing = np.array([[5.0, 5.0], [0.0, 0.0], [3.0, 3.0], [0.001, 0.0], [0.0, 0.0]])
    assert steps_to_reach(passing, QUADRATIC) == 3, "only the last arrival counts"


def test_the_plot_draws_each_path_over_the_contours():
    paths = {name: trajectory(OPTIMIZERS[name], QUADRATIC, 0.09, 50) for name in ("gd", "adam")}
    ax = plot_trajectories(QUADRATIC, paths)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["gd", "adam"]
    assert ax.get_title() == QUADRATIC.name
    plt.close("all")


def test_steps_to_escape_counts_from_halfway_down_the_saddle_or_plateau():
    # the saddle's costs along x = 0: 0.5 at the saddle point, 0.28 at y = 0.5, 0.018 at 0.9, 0 at the minimum
    path = np.array([[0.0, 0.0], [0.0, 0.5], [0.0, 0.9], [0.0, 1.0]])
    assert steps_to_escape(path, SADDLE) == 2
    assert steps_to_escape(path[:2], SADDLE) is None, "never halfway down"
    assert steps_to_escape(path, QUADRATIC) is None, "no saddle, no plateau"
    assert PLATEAU.stall == pytest.approx(float(PLATEAU.f(*PLATEAU.start)), abs=1e-3), "the start is on the plateau"


def test_best_rate_takes_the_fewest_steps_then_the_nearest_end():
    gd, rmsprop = OPTIMIZERS["gd"], OPTIMIZERS["rmsprop"]
    # 0.05 arrives in 133 steps; 0.01 is too slow, 0.1 bounces forever, 0.2 diverges
    assert best_rate(gd, QUADRATIC, 300, rates=(0.2, 0.1, 0.01, 0.05)) == 0.05
    # RMSprop arrives with neither: the rate whose path ends nearer the minimum
    ends = {rate: np.hypot(*trajectory(rmsprop, QUADRATIC, rate, 300)[-1]) for rate in (0.05, 0.5)}
    assert best_rate(rmsprop, QUADRATIC, 300, rates=tuple(ends)) == min(ends, key=ends.get)
    assert best_rate(gd, ROSENBROCK, 100, rates=(0.05, 0.1)) == 0.05, "both diverge: the smaller rate"


def test_the_saddle_and_the_plateau_are_what_the_notebook_says():
    # the saddle point (0, 0), cost 1/2, curving up along x and down along y; minima at (0, +-1)
    assert SADDLE.f(0.0, 0.0) == SADDLE.stall == 0.5 and SADDLE.grad(0.0, 0.0) == (0.0, 0.0)
    assert SADDLE.f(0.0, -1.0) == 0 and SADDLE.f(0.1, 0.0) > 0.5 > SADDLE.f(0.0, 0.1)
    # its start is just off the ridge: the gradient along y is 2e-4
    assert SADDLE.start[1] == 1e-4 and abs(SADDLE.grad(*SADDLE.start)[1]) == pytest.approx(2e-4, rel=1e-3)
    # the plateau's start is four units out, where the slope is about 0.001
    assert abs(PLATEAU.start[0]) == 4 and 5e-4 < np.hypot(*PLATEAU.grad(*PLATEAU.start)) < 1.5e-3
