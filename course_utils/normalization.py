"""Why normalizing the inputs speeds up gradient descent, measured on a cost whose shape is known.

A linear model ``y_hat = w . x + b`` fitted by least squares, ``J(theta) = 1/(2m) sum (w . x + b - y)^2``
with ``theta = (w_1, ..., w_n, b)``, is a quadratic bowl: its Hessian is ``H = (1/m) A A^T``, where
``A`` is ``X`` (features x examples) with a row of ones added for the bias. Its curvatures, the
eigenvalues of ``H``, follow the scales of the features: a feature in [0, 1000] makes the bowl a
million times steeper along its weight than a feature in [0, 1] makes it along its own.

Gradient descent with learning rate ``alpha`` multiplies the distance to the minimum by ``I - alpha H``
at every step, so after ``t`` steps it is ``(I - alpha H)^t`` times the first: ``steps_to_minimum``
counts the steps exactly from that, for runs far too long to make one by one; ``gradient_descent``
makes them one by one (the two agree: ``tests/course_utils/test_normalization.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import matplotlib.pyplot as plt
import numpy as np

Array = np.ndarray


def make_two_scales(
    m: int, rng: np.random.Generator, *, scales: tuple[float, float] = (1000.0, 1.0), noise: float = 0.1
) -> tuple[Array, Array]:
    """``m`` examples of two features of very different ranges, ``x_1`` uniform in [0, ``scales[0]``]
    and ``x_2`` in [0, ``scales[1]``], and a target that depends on both about equally:
    ``y = 3 x_1 / scales[0] + 2 x_2 / scales[1] + 1`` plus Gaussian noise. ``X`` (2, m), ``y`` (1, m)."""
    X = np.vstack([rng.uniform(0, scales[0], m), rng.uniform(0, scales[1], m)])
    y = 3 * X[0] / scales[0] + 2 * X[1] / scales[1] + 1 + noise * rng.standard_normal(m)
    return X, y.reshape(1, -1)


@dataclass(frozen=True)
class Bowl:
    """The least-squares cost of a linear model on the inputs ``X`` (features x examples) and targets
    ``y`` (1, m), in its parameters ``theta = (w_1, ..., w_n, b)`` (a column)."""

    X: Array
    y: Array

    @cached_property
    def A(self) -> Array:
        """``X`` with a row of ones: ``theta^T A`` are the predictions."""
        return np.vstack([self.X, np.ones((1, self.X.shape[1]))])

    @cached_property
    def hessian(self) -> Array:
        return self.A @ self.A.T / self.X.shape[1]

    @cached_property
    def curvatures(self) -> Array:
        """The eigenvalues of the Hessian, smallest first."""
        return np.linalg.eigvalsh(self.hessian)

    @property
    def condition_number(self) -> float:
        """Largest curvature over smallest: how elongated the bowl is (1: round)."""
        curvatures = self.curvatures
        return float(curvatures[-1] / curvatures[0])

    @cached_property
    def minimum(self) -> Array:
        """``theta*``, the bottom of the bowl (the normal equations)."""
        return np.linalg.solve(self.hessian, self.A @ self.y.T / self.X.shape[1])

    def cost(self, theta: Array) -> float:
        return float(np.mean(np.square(np.reshape(theta, (-1, 1)).T @ self.A - self.y)) / 2)

    def gradient(self, theta: Array) -> Array:
        theta = np.reshape(theta, (-1, 1))
        return self.A @ (theta.T @ self.A - self.y).T / self.X.shape[1]


def gradient_descent(bowl: Bowl, learning_rate: float, steps: int, start: Array | None = None) -> Array:
    """Gradient descent on ``bowl``, one step at a time from ``start`` (zeros by default): every
    ``theta`` it visits, shape ``(steps + 1, n + 1)``."""
    theta = np.zeros((bowl.A.shape[0], 1)) if start is None else np.array(start, dtype=float).reshape(-1, 1)
    path = [theta.ravel()]
    for _ in range(steps):
        theta = theta - learning_rate * bowl.gradient(theta)
        path.append(theta.ravel())
    return np.array(path)


def cost_gap_after(bowl: Bowl, learning_rate: float, steps: int, start: Array | None = None) -> float:
    """``J(theta_t) - J(theta*)`` after ``steps`` steps of gradient descent, without making them:
    the error ``theta_t - theta*`` is ``(I - alpha H)^t`` times the first, and along each eigenvector
    of ``H`` (curvature ``lambda``) the cost gap is ``lambda / 2`` times the squared error there."""
    curvatures, vectors = np.linalg.eigh(bowl.hessian)
    start = np.zeros(len(curvatures)) if start is None else np.asarray(start, dtype=float).ravel()
    error = vectors.T @ (start - bowl.minimum.ravel())
    shrink = np.power(np.abs(1 - learning_rate * curvatures), 2 * steps)  # of the squared error, per direction
    return float(np.sum(curvatures * error**2 / 2 * shrink))


def steps_to_minimum(
    bowl: Bowl, learning_rate: float, tolerance: float, start: Array | None = None, limit: int = 10**12
) -> int | None:
    """The first step ``t`` at which gradient descent's cost is within ``tolerance`` of the minimum
    (``J(theta_t) - J(theta*) <= tolerance``), counted exactly by ``cost_gap_after``; None when it
    diverges (``learning_rate`` of at least 2 / the largest curvature) or needs more than ``limit``.

    Below that rate every direction's error shrinks at every step, so the gap only falls and the first
    such ``t`` is found by bisection."""
    if learning_rate * bowl.curvatures[-1] >= 2:
        return None
    if cost_gap_after(bowl, learning_rate, 0, start) <= tolerance:
        return 0
    low, high = 0, 1
    while cost_gap_after(bowl, learning_rate, high, start) > tolerance:
        low, high = high, 2 * high
        if high > limit:
            return None
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if cost_gap_after(bowl, learning_rate, middle, start) > tolerance else (low, middle)
    return high


def plot_bowl(
    bowl: Bowl,
    path: Array | None = None,
    ax: plt.Axes | None = None,
    title: str | None = None,
    radius: float | None = None,
    stretch: float = 1.0,
    levels: Array | None = None,
) -> plt.Axes:
    """Contours of the cost over the two weights ``(w_1, w_2)``, the bias held at its best value,
    centred on the minimum (a star), ``radius`` either side; ``path`` (rows ``theta``, as
    ``gradient_descent`` returns) is drawn over it. The axes are equal (a round bowl draws circles)
    unless ``stretch`` > 1: then the ``w_1`` axis is stretched that many times, and says so (on
    equal axes the contours of a very elongated bowl are lines). The levels are the cost gaps
    ``J - J*`` (log-spaced by default), so that two bowls with the same costs draw the same levels."""
    if ax is None:
        ax = plt.subplots(figsize=(5, 5))[1]
    best = bowl.minimum.ravel()
    if radius is None:
        radius = 1.3 * float(np.max(np.abs(best[:2])))
    width = radius / stretch
    w1, w2 = np.meshgrid(
        np.linspace(best[0] - width, best[0] + width, 201), np.linspace(best[1] - radius, best[1] + radius, 201)
    )
    # a quadratic: J - J* = (theta - theta*)^T H (theta - theta*) / 2, exactly, with b at its best value
    H = bowl.hessian
    d1, d2 = w1 - best[0], w2 - best[1]
    gaps = (H[0, 0] * d1**2 + 2 * H[0, 1] * d1 * d2 + H[1, 1] * d2**2) / 2
    ax.contour(w1, w2, gaps, levels=np.logspace(-2, 1, 7) if levels is None else levels, colors="0.55", linewidths=0.8)
    if path is not None:
        ax.plot(path[:, 0], path[:, 1], marker="o", markersize=3, linewidth=1, color="C3", label="gradient descent")
        ax.legend(fontsize="small", loc="lower right")
    ax.plot(best[0], best[1], marker="*", color="gold", markeredgecolor="k", markersize=14)
    ax.set_xlim(best[0] - width, best[0] + width)
    ax.set_ylim(best[1] - radius, best[1] + radius)
    ax.set_aspect(1 / stretch)  # one unit of w_1 drawn stretch times longer than one of w_2
    ax.set_xlabel("$w_1$" + (f" (axis stretched {stretch:g} times)" if stretch != 1 else ""))
    ax.set_ylabel("$w_2$")
    if title:
        ax.set_title(title)
    return ax
