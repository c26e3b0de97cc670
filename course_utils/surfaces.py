"""Two-parameter cost surfaces, to watch optimizers move on a map.

A point ``(x, y)`` is handed to an ``Optimizer`` as the parameters ``{"W1": [[x]], "b1": [[y]]}``
(gradients ``{"dW1": [[df/dx]], "db1": [[df/dy]]}``), the layout the course's update functions
expect, so the student's own momentum, RMSprop and Adam draw the trajectories.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .optimizers import Optimizer

Array = np.ndarray


@dataclass(frozen=True)
class Surface:
    """A function of two variables, its gradient, its minimum, a start and the box to draw."""

    name: str
    f: Callable[[Array, Array], Array]
    grad: Callable[[float, float], tuple[float, float]]
    minimum: tuple[float, float]
    start: tuple[float, float]
    box: tuple[float, float, float, float]  # x_min, x_max, y_min, y_max
    stall: float | None = None  # the cost where paths stall (at a saddle point, on a plateau); the minimum's is 0


def _quadratic(x, y):
    return 0.5 * (np.square(x) + 20.0 * np.square(y))


def _rosenbrock(x, y):
    return np.square(1 - x) + 100.0 * np.square(y - np.square(x))


# An elongated bowl (curvature 20 times larger across than along the valley: the condition number
# 20) and Rosenbrock's banana-shaped valley, minimum at (1, 1).
QUADRATIC = Surface(
    "ill-conditioned quadratic", _quadratic, lambda x, y: (x, 20.0 * y), (0.0, 0.0), (-9.0, 1.5), (-10, 2, -2, 2)
)
ROSENBROCK = Surface(
    "Rosenbrock",
    _rosenbrock,
    lambda x, y: (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)),
    (1.0, 1.0),
    (-1.5, 2.0),
    (-2, 2, -1, 3),
)


def _saddle(x, y):
    return np.square(x) + 0.5 * np.square(np.square(y) - 1)


def _plateau(x, y):
    return 1 - np.exp(-0.5 * (np.square(x) + np.square(y)))


# A saddle point at (0, 0), cost 1/2: curving up along x, down along y, towards two minima at
# (0, -1) and (0, 1); the start lies just off the ridge (y = 1e-4), so the paths come down to the
# saddle and must leave it along y, where the gradient (2y(y^2 - 1)) starts at 2e-4.
SADDLE = Surface(
    "saddle point at (0, 0)",
    _saddle,
    lambda x, y: (2 * x, 2 * y * (y * y - 1)),
    (0.0, 1.0),
    (1.5, 1e-4),
    (-2, 2, -1.5, 1.5),
    stall=0.5,
)
# A well of width 1 in a plain of cost 1: four units from its centre the slope is 4 e^-8, about 0.001.
PLATEAU = Surface(
    "plateau around a well",
    _plateau,
    lambda x, y: (x * np.exp(-0.5 * (x * x + y * y)), y * np.exp(-0.5 * (x * x + y * y))),
    (0.0, 0.0),
    (-4.0, 1.0),
    (-5, 2, -2.5, 2.5),
    stall=1.0,
)
SURFACES = {"quadratic": QUADRATIC, "rosenbrock": ROSENBROCK, "saddle": SADDLE, "plateau": PLATEAU}
# The learning rates the Optimization notebook's races pick from (``best_rate``).
RATES = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0)


def trajectory(
    optimizer: Optimizer, surface: Surface, learning_rate: float, steps: int, start: tuple[float, float] | None = None
) -> Array:
    """The points an optimizer visits from ``start`` (the surface's by default): shape ``(steps + 1, 2)``.
    A run that leaves the drawing far behind (diverges) stops there."""
    x, y = start or surface.start
    parameters = {"W1": np.array([[float(x)]]), "b1": np.array([[float(y)]])}
    state = optimizer.init(parameters)
    points = [(float(x), float(y))]
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            gx, gy = surface.grad(points[-1][0], points[-1][1])
            grads = {"dW1": np.array([[gx]]), "db1": np.array([[gy]])}
            parameters, state = optimizer.step(parameters, grads, state, t, learning_rate)
            point = (float(parameters["W1"][0, 0]), float(parameters["b1"][0, 0]))
            points.append(point)
            if not (math.isfinite(point[0]) and math.isfinite(point[1])) or max(abs(point[0]), abs(point[1])) > 1e6:
                break
    return np.array(points)


def steps_to_reach(path: Array, surface: Surface, tolerance: float = 1e-2) -> int | None:
    """The first step at which ``path`` is within ``tolerance`` of the minimum and stays there; None if never."""
    distance = np.hypot(path[:, 0] - surface.minimum[0], path[:, 1] - surface.minimum[1])
    outside = np.flatnonzero(~(distance < tolerance))
    if len(outside) == 0:
        return 0
    last = int(outside[-1])
    return None if last == len(path) - 1 else last + 1


def steps_to_escape(path: Array, surface: Surface) -> int | None:
    """The first step at which ``path`` is halfway down from the surface's ``stall`` cost (the saddle
    point's, the plateau's) to the minimum's, 0; None if never (or the surface has no stall)."""
    if surface.stall is None:
        return None
    below = np.flatnonzero(surface.f(path[:, 0], path[:, 1]) < surface.stall / 2)
    return int(below[0]) if len(below) else None


def best_rate(optimizer: Optimizer, surface: Surface, steps: int, rates: Sequence[float] = RATES) -> float:
    """The rate of ``rates`` with which ``optimizer`` reaches the minimum (``steps_to_reach``) in the
    fewest steps; for an optimizer that never does, the rate with which its path ends nearest the
    minimum (a run that diverges counts as farthest). Ties go to the smaller rate."""

    def score(rate: float) -> tuple[int, float]:
        path = trajectory(optimizer, surface, rate, steps)
        reached = steps_to_reach(path, surface)
        if reached is not None:
            return 0, reached
        if len(path) <= steps:
            return 2, 0.0
        return 1, float(np.hypot(path[-1, 0] - surface.minimum[0], path[-1, 1] - surface.minimum[1]))

    return min(sorted(rates), key=score)


def plot_trajectories(
    surface: Surface, paths: Mapping[str, Array], ax: plt.Axes | None = None, levels: Sequence[float] | None = None
) -> plt.Axes:
    """Contours of the surface (log-spaced levels) with each path drawn over them, its start and
    end marked, and the minimum as a star."""
    if ax is None:
        ax = plt.subplots(figsize=(6, 4.5))[1]
    x_min, x_max, y_min, y_max = surface.box
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, 300), np.linspace(y_min, y_max, 300))
    zz = surface.f(xx, yy)
    if levels is None:
        levels = np.logspace(-2, np.log10(zz.max()), 20)
    ax.contour(xx, yy, zz, levels=levels, colors="0.75", linewidths=0.7)
    for name, path in paths.items():
        (line,) = ax.plot(path[:, 0], path[:, 1], marker="o", markersize=2, linewidth=1, label=name)
        ax.plot(*path[-1], marker="x", color=line.get_color(), markersize=8)
    ax.plot(*surface.start, marker="o", color="k", markersize=5)
    ax.plot(*surface.minimum, marker="*", color="gold", markeredgecolor="k", markersize=14)
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    ax.set_title(surface.name)
    ax.legend(fontsize="small", loc="best")
    return ax
