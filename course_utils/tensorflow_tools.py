"""TensorFlow for the course's notebooks, imported once, quietly and when first used:
``from course_utils.tensorflow_tools import tf``.

``tf`` stands for the ``tensorflow`` module and imports it at its first attribute (``tf.Variable``):
grading runs a notebook's setup cell again in its own process for every test it re-runs, and
the checks need NumPy only, so that process never pays TensorFlow's import (5 to 7 s); the
notebook's kernel and the process that runs the student's functions import it once, when they
first use it.

TensorFlow's C++ logging writes start-up notes to stderr (CPU features, oneDNN), which a notebook
shows in red and nbgrader scores as an error; level 2 keeps warnings about real problems out too,
so errors still show. Two notes ignore the level (absl's "All log messages before
absl::InitializeLog()" and oneDNN's "custom operations are on", tensorflow-cpu 2.21): the import
runs with file descriptor 2 on /dev/null, so the C++ code's writes during it go nowhere (an error
of the import is still raised as a Python exception). A kernel started under pytest never shows
them (ipykernel does not forward C-level output then): tests/notebooks/test_browser.py saw them. Thread counts come from ``TF_NUM_INTRAOP_THREADS`` / ``TF_NUM_INTEROP_THREADS``
(the grader sets them to ``GRADING_THREADS``).

Also what the TensorFlow notebook draws: predicted classes, the confusion matrix, digits with
their predictions, the training curves, and ``TensorFlowExplorer``, which retrains the student's
``train_model`` when a control moves. It lives here, not in ``widgets``, so that the other
notebooks never import TensorFlow (a few seconds at start-up); it takes its controls from the same
table, ``controls.CONTROLS``, checks its settings and shows them in a ``panel.Panel`` as every
explorer does (``panel.Controlled``).
"""

from __future__ import annotations

import os
from typing import Any, Callable, Mapping, Sequence

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import importlib  # noqa: E402
import importlib.util  # noqa: E402
import types  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.ticker import LogFormatter, MaxNLocator, StrMethodFormatter  # noqa: E402

from .controls import TENSORFLOW_CONTROLS  # noqa: E402
from .panel import Controlled, Show  # noqa: E402
from .plots import detached_figure  # noqa: E402

__all__ = [
    "tf",
    "predict_classes",
    "confusion_matrix",
    "plot_confusion_matrix",
    "plot_images",
    "plot_training",
    "misclassified",
    "TensorFlowExplorer",
]

Array = np.ndarray


class _TensorFlow(types.ModuleType):
    """The ``tensorflow`` module, imported at the first attribute asked of it."""

    def __getattr__(self, name: str) -> Any:
        module = _import_quietly("tensorflow")
        self.__dict__.update({k: v for k, v in vars(module).items() if k not in ("__name__", "__spec__", "__loader__")})
        return getattr(module, name)

    def __dir__(self) -> list[str]:
        return dir(_import_quietly("tensorflow"))


def _import_quietly(name: str) -> types.ModuleType:
    """``importlib.import_module(name)`` with file descriptor 2 on /dev/null meanwhile (what C++
    code writes to stderr while it loads, and while TensorFlow finds its devices, is lost; Python's
    exceptions are not)."""
    import sys

    if name in sys.modules:
        return sys.modules[name]
    for stream in (sys.stderr, sys.__stderr__):
        if stream is not None:
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
    if importlib.util.find_spec(name) is None:
        raise ModuleNotFoundError(_missing(name), name=name)
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        module = importlib.import_module(name)
        if name == "tensorflow":
            # The first device query loads CUDA where it is missing too: plain tensorflow (not
            # tensorflow-cpu, which has no macOS wheel) then logs "failed call to cuInit" in red
            # under the student's first TensorFlow cell. Asked here, it is said to /dev/null.
            module.config.list_physical_devices()
        return module
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _missing(name: str) -> str:
    """Why ``name`` is not installed, and what to do."""
    import platform
    import sys

    if name == "tensorflow" and sys.platform == "darwin" and platform.machine() == "x86_64":
        return (
            "TensorFlow has no release for Intel Macs that works with NumPy 2, so the course does not install it "
            "there: open this notebook on Binder or Colab (the course's README, 'For students')."
        )
    return f"{name} is not installed: install the course's requirements (the course's README, 'For students')."


tf = _TensorFlow("tensorflow")


def predict_classes(forward_propagation: Callable, X: Any, parameters: Mapping[str, Any]) -> Array:
    """The predicted class of each column of ``X`` (units x examples): the row of the largest logit
    that ``forward_propagation(X, parameters)`` returns, as ints of shape ``(m,)``."""
    # A cast, so that a float64 NumPy array meets the float32 variables.
    logits = forward_propagation(tf.cast(X, tf.float32), parameters)
    return np.argmax(np.asarray(logits), axis=0).astype(int)


def confusion_matrix(labels: Sequence[int] | Array, predictions: Sequence[int] | Array, depth: int = 10) -> Array:
    """Counts of (true class, predicted class): row ``i``, column ``j`` counts the examples of class
    ``i`` predicted ``j``; the diagonal holds the right answers, and the sum is the number of examples."""
    labels, predictions = np.asarray(labels).ravel().astype(int), np.asarray(predictions).ravel().astype(int)
    if labels.shape != predictions.shape:
        raise ValueError(f"{labels.size} labels but {predictions.size} predictions")
    # A negative class would index from the end without an error, so check the range first.
    for name, values in (("labels", labels), ("predictions", predictions)):
        if values.size and (values.min() < 0 or values.max() >= depth):
            raise ValueError(f"{name} must be classes 0 to {depth - 1}, got {values.min()} to {values.max()}")
    matrix = np.zeros((depth, depth), dtype=int)
    np.add.at(
        matrix, (labels, predictions), 1
    )  # add.at counts repeated (label, prediction) pairs; += would count each once
    return matrix


def plot_confusion_matrix(matrix: Array, ax: plt.Axes | None = None, title: str | None = None) -> plt.Axes:
    """The confusion matrix with its counts in the cells (zeros left blank). Only the mistakes are
    shaded, in red: the diagonal's large counts would otherwise wash them out."""
    ax = ax if ax is not None else plt.subplots(figsize=(5, 5))[1]
    matrix = np.asarray(matrix)
    depth = matrix.shape[0]
    mistakes = matrix * (1 - np.eye(depth, dtype=matrix.dtype))
    darkest = max(int(mistakes.max()), 1)
    ax.imshow(mistakes, cmap="Reds", vmin=0, vmax=darkest)
    for true, predicted in zip(*np.nonzero(matrix)):
        count = int(matrix[true, predicted])
        on_diagonal = true == predicted
        color = "white" if not on_diagonal and count > darkest / 2 else "black"
        ax.text(
            predicted,
            true,
            str(count),
            ha="center",
            va="center",
            fontsize="small",
            color=color,
            fontweight="normal" if on_diagonal else "bold",
        )
    ax.set_xticks(range(depth))
    ax.set_yticks(range(depth))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.set_title(title if title is not None else f"{int(mistakes.sum())} mistakes of {int(matrix.sum())}")
    return ax


def plot_images(
    images: Array,
    labels: Sequence[int] | Array,
    predictions: Sequence[int] | Array | None = None,
    n: int = 10,
    axes: Sequence[plt.Axes] | None = None,
) -> Sequence[plt.Axes]:
    """The first ``n`` images (shape ``(k, height, width)``) in a row, dark on white, each titled by its
    label, or "label → predicted" with the wrong ones in red. Axes left over are hidden."""
    if axes is None:
        axes = plt.subplots(1, n, figsize=(1.2 * n, 1.6), squeeze=False)[1][0]
    axes = list(axes)
    labels = np.asarray(labels).ravel()
    shown = min(n, len(axes), len(images))
    for number, ax in enumerate(axes):
        ax.set_axis_off()
        if number >= shown:
            continue
        ax.imshow(np.asarray(images[number]), cmap="gray_r")
        title, color = f"{labels[number]}", "black"
        if predictions is not None:
            predicted = np.asarray(predictions).ravel()[number]
            title, color = f"{labels[number]} → {predicted}", ("black" if predicted == labels[number] else "red")
        ax.set_title(title, color=color, fontsize="medium")
    return axes


def plot_training(
    costs: Sequence[float],
    train_acc: Sequence[float],
    dev_acc: Sequence[float],
    axes: Sequence[plt.Axes] | None = None,
) -> Sequence[plt.Axes]:
    """Two panels, epoch by epoch (from 1): the cost, log scale; the training and dev accuracy."""
    if axes is None:
        axes = plt.subplots(1, 2, figsize=(11, 4))[1]
    left, right = axes
    left.plot(np.arange(1, len(costs) + 1), costs, marker="o", markersize=3)
    left.set_yscale("log")
    # Plain numbers on the log axis: the cost often spans less than a decade, where the default
    # labels read "2×10^0" and "10^-1".
    left.yaxis.set_major_formatter(StrMethodFormatter("{x:g}"))
    left.yaxis.set_minor_formatter(LogFormatter(labelOnlyBase=False))
    left.set_xlabel("epoch")
    left.set_ylabel("cost (cross-entropy)")
    left.set_title("cost per epoch")
    for name, values in (("train", train_acc), ("dev", dev_acc)):
        right.plot(np.arange(1, len(values) + 1), values, marker="o", markersize=3, label=name)
    right.set_ylim(0, 1.02)
    right.set_xlabel("epoch")
    right.set_ylabel("accuracy")
    right.set_title(
        f"train {train_acc[-1]:.1%} · dev {dev_acc[-1]:.1%}" if len(train_acc) and len(dev_acc) else "accuracy"
    )
    right.legend(loc="lower right", fontsize="small")
    for ax in axes:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole epochs
    return axes


def misclassified(labels: Sequence[int] | Array, predictions: Sequence[int] | Array) -> Array:
    """The indices of the examples whose prediction is not their label, in order."""
    return np.flatnonzero(np.asarray(labels).ravel() != np.asarray(predictions).ravel())


class TensorFlowExplorer(Controlled):
    """Move a control, retrain the student's network from scratch with the student's ``train_model``,
    see its curves, its confusion matrix on the dev set and some dev digits it gets wrong: settings
    are tuned on the dev set, and the test set stays out of it (the notebook measures it once, at the end).

    ``train_model(X_train, Y_train, X_dev, Y_dev, layer_dims, learning_rate=..., num_epochs=...,
    minibatch_size=..., seed=..., print_cost=...) -> (parameters, costs, train_acc, dev_acc)`` and
    ``forward_propagation(X, parameters) -> logits`` are the student's. X, Y are units x examples;
    ``images_dev``, ``labels_dev`` are the dev set as images and class numbers, for the drawings.
    The network is ``[n_x, hidden, second_hidden, n_y]``.
    """

    controls = TENSORFLOW_CONTROLS
    second_hidden = 12
    show_mistakes = 8  # misclassified dev digits drawn under the plots

    def __init__(
        self,
        train_model: Callable,
        forward_propagation: Callable,
        X_train: Any,
        Y_train: Any,
        X_dev: Any,
        Y_dev: Any,
        images_dev: Array,
        labels_dev: Array,
    ):
        super().__init__()
        self.train_model, self.forward_propagation = train_model, forward_propagation
        self.data = (X_train, Y_train, X_dev, Y_dev)
        self.images_dev, self.labels_dev = np.asarray(images_dev), np.asarray(labels_dev).ravel().astype(int)
        self.parameters: dict[str, Any] | None = None
        self.costs: list[float] = []
        self.train_acc: list[float] = []
        self.dev_acc: list[float] = []
        self.predictions: Array | None = None  # the predicted class of each dev example, after a run

    def layer_dims(self, settings: Mapping[str, Any]) -> list[int]:
        """The layer sizes for these settings: inputs, ``hidden``, ``second_hidden``, classes."""
        X_train, Y_train, _, _ = self.data
        return [int(X_train.shape[0]), int(settings["hidden"]), self.second_hidden, int(Y_train.shape[0])]

    def run(self, **settings: Any) -> tuple[dict[str, Any], list[float], list[float], list[float]]:
        """Retrain from scratch with the current settings (updated by ``settings``, each checked
        against its row); returns what the student's ``train_model`` returned, and keeps it along with
        the dev predictions."""
        self.set(**settings)
        s = self.settings
        X_train, Y_train, X_dev, Y_dev = self.data
        parameters, costs, train_acc, dev_acc = self.train_model(
            X_train,
            Y_train,
            X_dev,
            Y_dev,
            self.layer_dims(s),
            learning_rate=float(s["learning_rate"]),
            num_epochs=int(s["epochs"]),
            minibatch_size=int(s["mini_batch_size"]),
            seed=int(s["seed"]),
            print_cost=False,
        )
        self.parameters = parameters
        self.costs, self.train_acc, self.dev_acc = (
            [float(c) for c in costs],
            [float(a) for a in train_acc],
            [float(a) for a in dev_acc],
        )
        self.predictions = predict_classes(self.forward_propagation, X_dev, parameters)
        return parameters, self.costs, self.train_acc, self.dev_acc

    def draw(self) -> plt.Figure:
        """One figure: cost and accuracies per epoch, the dev set's confusion matrix, and below them up to
        ``show_mistakes`` misclassified dev digits with what the network said."""
        if self.predictions is None:
            raise RuntimeError("nothing to draw yet: call run() first")
        # Constrained layout, because tight_layout does not handle the nested grids.
        fig = detached_figure((14, 6), layout="constrained")
        rows = fig.add_gridspec(2, 1, height_ratios=(3.2, 1))
        top, bottom = rows[0].subgridspec(1, 3), rows[1].subgridspec(1, self.show_mistakes)
        cost_ax, accuracy_ax, matrix_ax = (fig.add_subplot(top[0, i]) for i in range(3))
        plot_training(self.costs, self.train_acc, self.dev_acc, axes=(cost_ax, accuracy_ax))
        matrix = confusion_matrix(self.labels_dev, self.predictions)
        plot_confusion_matrix(
            matrix,
            ax=matrix_ax,
            title=f"dev set: {int(matrix.sum() - np.trace(matrix))} mistakes of {int(matrix.sum())}",
        )
        wrong = misclassified(self.labels_dev, self.predictions)[: self.show_mistakes]
        image_axes = [fig.add_subplot(bottom[0, i]) for i in range(self.show_mistakes)]
        plot_images(
            self.images_dev[wrong],
            self.labels_dev[wrong],
            self.predictions[wrong],
            n=self.show_mistakes,
            axes=image_axes,
        )
        fig.suptitle(
            f"layers {self.layer_dims(self.settings)} · "
            + ("misclassified dev digits below (label → predicted)" if len(wrong) else "no dev digit misclassified")
        )
        return fig

    def widget(self):
        """The controls, a Train button, a status line and the plots, ready to display (a
        ``panel.Panel``'s box); moving a control retrains (when it is let go: the sliders do not
        update continuously). Training takes seconds and draws nothing until it ends: the status
        line says so meanwhile."""

        def retrain(settings: dict[str, Any], show: Show) -> str:
            self.run(**settings)
            show(self.draw(), "")
            return f"final cost {self.costs[-1]:.4g} · train {self.train_acc[-1]:.1%} · dev {self.dev_acc[-1]:.1%}"

        return self.show_panel(retrain, button="Train", busy="training…")
