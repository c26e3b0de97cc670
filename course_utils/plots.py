"""Plots the notebooks share. Each takes an optional ``ax`` and returns it, so that plots compose
into subplots and tests can inspect what was drawn."""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

Array = np.ndarray
CLASS_COLORS = ("#d62728", "#1f77b4")  # class 0 red, class 1 blue, in every plot of the course


def detached_figure(figsize: tuple[float, float], **kwargs) -> Figure:
    """A figure that pyplot knows nothing of, with an Agg canvas of its own: the explorers draw on
    these. pyplot's list of figures is global: a cell that ends (in the main thread) shows and
    closes every open pyplot figure, even one that a widget's handler (on another thread) is
    drawing; a detached figure is only ever shown where it is given."""
    figure = Figure(figsize=figsize, **kwargs)
    FigureCanvasAgg(figure)
    return figure


def _axes(ax: plt.Axes | None, figsize: tuple[float, float] = (5, 4)) -> plt.Axes:
    return ax if ax is not None else plt.subplots(figsize=figsize)[1]


def plot_dataset(X: Array, Y: Array, ax: plt.Axes | None = None, title: str | None = None) -> plt.Axes:
    """Scatter a 2-D dataset (X of shape (2, m)), coloured by its 0/1 labels."""
    ax = _axes(ax)
    labels = np.asarray(Y).ravel()
    for label, color in enumerate(CLASS_COLORS):
        points = X[:, labels == label]
        ax.scatter(points[0], points[1], s=14, c=color, edgecolors="k", linewidths=0.3, label=f"y = {label}")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="upper right", fontsize="small")
    if title:
        ax.set_title(title)
    return ax


def decision_grid(X: Array, resolution: int = 200, margin: float = 0.25) -> tuple[Array, Array, Array]:
    """A grid covering the data: returns ``xx, yy`` and the grid points as columns (2, r*r)."""
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution))
    return xx, yy, np.vstack([xx.ravel(), yy.ravel()])


def plot_decision_boundary(
    predict: Callable[[Array], Array],
    X: Array,
    Y: Array,
    ax: plt.Axes | None = None,
    title: str | None = None,
    resolution: int = 200,
) -> plt.Axes:
    """Shade the plane by ``predict`` (columns in, 0/1 row out) and scatter the data on top."""
    ax = _axes(ax)
    xx, yy, grid = decision_grid(X, resolution)
    Z = np.asarray(predict(grid)).reshape(xx.shape)
    ax.contourf(xx, yy, Z, levels=[-0.5, 0.5, 1.5], colors=CLASS_COLORS, alpha=0.25)
    plot_dataset(X, Y, ax=ax, title=title)
    return ax


def plot_costs(
    costs: Mapping[str, Sequence[float]] | Sequence[float],
    ax: plt.Axes | None = None,
    log: bool = True,
    title: str = "Training cost",
    xlabel: str = "iteration",
) -> plt.Axes:
    """Cost per iteration (or per ``xlabel``: "epoch"), one line per run (pass a dict name -> costs to compare runs)."""
    ax = _axes(ax, figsize=(6, 4))
    runs = costs if isinstance(costs, Mapping) else {"cost": costs}
    for name, values in runs.items():
        ax.plot(np.arange(len(values)), values, label=name)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("cost (cross-entropy)")
    ax.set_title(title)
    if isinstance(costs, Mapping):
        ax.legend(fontsize="small")
    return ax


def plot_layer_statistics(
    stats: Mapping[str, Mapping[str, Sequence[float]]], axes: Sequence[plt.Axes] | None = None
) -> Sequence[plt.Axes]:
    """Per-layer activation spread and gradient size for several initializations, log scale; and
    between them the spread of the backward signal ``dA^[l]`` when every run has it.

    ``stats`` maps a run name to the dict that ``diagnostics.layer_statistics`` returns.
    """
    panels = (
        ("activation_std", "std of the activations $A^{[l]}$ (forward)"),
        ("backward_std", "std of the backward signal $dA^{[l]}$"),
        ("gradient_norm", r"norm of the gradient $dW^{[l]}$"),
    )
    panels = tuple(panel for panel in panels if all(panel[0] in run for run in stats.values()))
    if axes is None:
        axes = plt.subplots(1, len(panels), figsize=(5.5 * len(panels), 4))[1]
    for ax, (key, label) in zip(axes, panels):
        for name, run in stats.items():
            values = np.asarray(run[key], dtype=float)
            ax.plot(np.arange(1, len(values) + 1), values, marker="o", markersize=3, label=name)
        ax.set_yscale("log")
        ax.set_xlabel("layer $l$")
        ax.set_title(label)
        ax.legend(fontsize="small")
    return axes


def plot_gradient_disagreement(
    grad: Array,
    gradapprox: Array,
    parameters: Mapping[str, Array],
    ax: plt.Axes | None = None,
    title: str | None = None,
) -> plt.Axes:
    """``|grad - gradapprox|`` for every parameter entry (log scale), in the vector's order, each
    parameter (``W1, b1, ...``) in its own shaded band: the band that stands out holds the bug."""
    from .gradcheck import entry_keys, parameter_keys

    ax = _axes(ax, figsize=(10, 3.5))
    gap = np.abs(np.asarray(grad, dtype=float).reshape(-1) - np.asarray(gradapprox, dtype=float).reshape(-1))
    keys = np.array(entry_keys(parameters))
    floor = 1e-16  # an exact agreement still gets a dot, at the bottom
    for number, key in enumerate(parameter_keys(parameters)):
        where = np.flatnonzero(keys == key)
        ax.axvspan(where[0] - 0.5, where[-1] + 0.5, color="0.92" if number % 2 else "white", zorder=0)
        ax.scatter(where, np.maximum(gap[where], floor), s=12, zorder=2, label=key)
        ax.annotate(
            key,
            ((where[0] + where[-1]) / 2, 1.0),
            xycoords=("data", "axes fraction"),
            ha="center",
            va="bottom",
            fontsize="small",
        )
    ax.set_yscale("log")
    ax.set_xlim(-0.5, len(gap) - 0.5)
    ax.set_xlabel("parameter entry (the order of dictionary_to_vector)")
    ax.set_ylabel("|grad - gradapprox|")
    if title:
        ax.set_title(title, pad=18)
    return ax


def plot_difference_against_epsilon(
    epsilons: Sequence[float],
    differences: Mapping[str, Sequence[float]],
    ax: plt.Axes | None = None,
    marker: float | None = None,
) -> plt.Axes:
    """The relative difference of a gradient check against epsilon, log-log, one curve per backward
    pass (``differences`` maps its name to the values), with the thresholds 1e-7 and 1e-3 drawn."""
    ax = _axes(ax, figsize=(6, 4))
    for name, values in differences.items():
        ax.plot(epsilons, np.maximum(np.asarray(values, dtype=float), 1e-16), marker="o", markersize=3, label=name)
    for level, text in ((1e-7, "fine below"), (1e-3, "wrong above")):
        ax.axhline(level, color="0.5", linestyle=":", linewidth=1)
        ax.annotate(
            text,
            (1.0, level),
            xycoords=("axes fraction", "data"),
            ha="right",
            va="bottom",
            fontsize="small",
            color="0.4",
        )
    if marker is not None:
        ax.axvline(marker, color="k", linewidth=1)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.invert_xaxis()  # smaller steps to the right
    ax.set_xlabel("epsilon")
    ax.set_ylabel("relative difference")
    ax.legend(fontsize="small")
    return ax
