"""Interactive explorers: move a control, the network retrains, the plots redraw.

Each explorer picks its rows of the one table of controls (``controls.CONTROLS``) and says what a
change does: ``LiveView`` redraws (no training), ``Explorer`` retrains from scratch, showing the
run as it goes, ``SearchExplorer`` searches. All are ``panel.Controlled``: their settings are
checked against their rows, and their widgets are a ``panel.Panel``, which keeps one update at a
time and shows the figure of the last values set, from whatever thread a change comes. A
training explorer's ``TrainConfig`` comes from its rows (``controls.train_config``); it only makes
the starting parameters. Training itself is ``train.train_steps`` (pure, unit-tested); this module
only draws, on figures pyplot does not know (``plots.detached_figure``).
"""

from __future__ import annotations

import inspect
from dataclasses import replace
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .batchnorm import BatchNorm, with_batchnorm
from .controls import (  # noqa: F401 (the table, as before)
    BATCHNORM_CONTROLS,
    CONTROLS,
    EPSILON_CONTROLS,
    INITIALIZATION_CONTROLS,
    OPTIMIZATION_CONTROLS,
    REGULARIZATION_CONTROLS,
    SEARCH_CONTROLS,
    TENSORFLOW_CONTROLS,
    TRAJECTORY_CONTROLS,
    Control,
    controls,
    settings_from_string,
    settings_to_string,
    train_config,
)
from .network import Parameters, accuracy, predict, rescale_weights
from .optimizers import OPTIMIZER_NAMES, optimizer_named
from .panel import Controlled, Show
from .plots import detached_figure, plot_costs, plot_decision_boundary, plot_difference_against_epsilon
from .surfaces import SURFACES, plot_trajectories, steps_to_escape, steps_to_reach, trajectory
from .train import Regularizers, TrainConfig, TrainState, train_steps

Array = np.ndarray


def call_initializer(initialize: Callable, layer_dims: list[int], rng: np.random.Generator) -> Parameters:
    """Call an initializer whether or not it takes ``rng`` (zeros does not)."""
    takes_rng = len(inspect.signature(initialize).parameters) > 1
    return initialize(list(layer_dims), rng) if takes_rng else initialize(list(layer_dims))


class LiveView(Controlled):
    """Controls over a plot that is redrawn (no training) whenever one moves: a subclass sets
    ``controls`` and writes ``draw() -> Figure`` from ``self.settings``."""

    def draw(self) -> Figure:
        raise NotImplementedError

    def widget(self):
        """The controls above the plot, ready to display (a ``panel.Panel``'s box)."""

        def redraw(settings: dict[str, Any], show: Show) -> str:
            self.set(**settings)
            show(self.draw(), "")
            return ""

        return self.show_panel(redraw, busy="drawing…")


class Explorer(Controlled):
    """Move a control, retrain from scratch, redraw the cost and the decision boundary.

    A subclass says which rows of ``CONTROLS`` it shows (``controls``) and makes the starting
    parameters (``initial_parameters(settings)``); the ``TrainConfig`` is its rows' (the one
    mapping, ``controls.train_config``, with the student's ``functions`` by their graded names and
    the values ``given`` that a row's maker reads). The data are a training set and the set the
    accuracy is compared on (``eval_name``: "test" or "dev").
    """

    eval_name = "test"
    functions: Mapping[str, Callable] = {}  # the student's functions the rows' makers use, by graded name
    given: Mapping[str, Any] = {}  # values a row's maker reads that no control sets

    def __init__(
        self,
        X_train: Array,
        Y_train: Array,
        X_eval: Array,
        Y_eval: Array,
        layer_dims: Sequence[int] = (2, 10, 5, 1),
        redraw_every: int = 1000,
    ):
        super().__init__()
        self.data = (X_train, Y_train, X_eval, Y_eval)
        self.layer_dims = list(layer_dims)
        self.redraw_every = redraw_every
        self.state: TrainState | None = None

    def initial_parameters(self, settings: Mapping[str, Any]) -> Parameters:
        raise NotImplementedError

    def start(self, settings: Mapping[str, Any]) -> tuple[Parameters, TrainConfig]:
        """The starting parameters and the ``TrainConfig`` of these settings (the config first: a
        setting it cannot build leaves no trace of the run)."""
        config = train_config(self.controls, settings, self.functions, **self.given)
        return self.initial_parameters(settings), config

    def total_steps(self, settings: Mapping[str, Any], config: TrainConfig) -> int:
        """How many steps a run takes (an explorer that counts epochs converts them here)."""
        return int(settings["iterations"])

    def run(self, on_chunk: Callable[["Explorer"], None] | None = None, **settings: Any) -> TrainState:
        """Retrain from scratch with the current settings (updated by ``settings``, each checked
        against its row: a misspelt name or a value out of range is refused)."""
        self.set(**settings)
        X_train, Y_train, _, _ = self.data
        parameters, config = self.start(self.settings)
        iterations = self.total_steps(self.settings, config)
        self.state = TrainState(parameters=parameters)
        while self.state.iteration < iterations:
            before = self.state.iteration
            self.state = train_steps(self.state, X_train, Y_train, min(self.redraw_every, iterations - before), config)
            if on_chunk:
                on_chunk(self)
            if self.state.iteration == before or not np.isfinite(self.state.costs[-1]):
                break
        return self.state

    def accuracies(self) -> tuple[float, float]:
        """Accuracy of the current parameters on the training set and on the other set."""
        X_train, Y_train, X_eval, Y_eval = self.data
        return accuracy(X_train, Y_train, self.state.parameters), accuracy(X_eval, Y_eval, self.state.parameters)

    def draw(self) -> Figure:
        """Cost curve and decision boundary of the current state, with the accuracies."""
        fig = detached_figure((11, 4))
        left, right = fig.subplots(1, 2)
        plot_costs(self.state.costs, ax=left, title=f"cost, iteration {self.state.iteration}")
        self.draw_boundary(right)
        fig.tight_layout()
        return fig

    def draw_boundary(self, ax: Axes) -> None:
        """The current decision boundary over the training set, the accuracies in its title."""
        X_train, Y_train, _, _ = self.data
        train_acc, eval_acc = self.accuracies()
        parameters = self.state.parameters
        plot_decision_boundary(
            lambda grid: predict(grid, parameters),
            X_train,
            Y_train,
            ax=ax,
            title=f"train {train_acc:.0%} · {self.eval_name} {eval_acc:.0%}",
        )

    def widget(self):
        """The controls, a Train button and the live plots, ready to display (a ``panel.Panel``'s
        box): each change retrains from scratch and shows the run every ``redraw_every`` steps."""

        def retrain(settings: dict[str, Any], show: Show) -> str:
            self.run(
                on_chunk=lambda explorer: show(explorer.draw(), f"training… iteration {explorer.state.iteration}"),
                **settings,
            )
            return f"final cost {self.state.costs[-1]:.4g}"

        return self.show_panel(retrain, button="Train", busy="training…")


class InitializationExplorer(Explorer):
    """Pick an initialization and a scale for its weights, retrain, watch cost and boundary.

    ``initializers`` maps a name to a function ``(layer_dims[, rng]) -> parameters`` — the
    student's own functions, so the explorer shows their code at work.
    """

    controls = INITIALIZATION_CONTROLS

    def __init__(
        self,
        initializers: Mapping[str, Callable],
        X_train: Array,
        Y_train: Array,
        X_test: Array,
        Y_test: Array,
        layer_dims: Sequence[int] = (2, 10, 5, 1),
        redraw_every: int = 1000,
    ):
        self.initializers = dict(initializers)
        names = tuple(self.initializers)
        # the initialization's options are the names of the initializers given (He first when it is one)
        self.controls = tuple(
            replace(c, options=names, default=c.default if c.default in names else names[0]) if c.name == "init" else c
            for c in self.controls
        )
        super().__init__(X_train, Y_train, X_test, Y_test, layer_dims, redraw_every)

    def initial_parameters(self, settings: Mapping[str, Any]) -> Parameters:
        rng = np.random.default_rng(int(settings["seed"]))
        return rescale_weights(
            call_initializer(self.initializers[settings["init"]], self.layer_dims, rng), settings["scale"]
        )


class RegularizationExplorer(Explorer):
    """Choose L2's ``lambd`` and dropout's ``keep_prob``, retrain a network too big for its data,
    and compare training and dev accuracy: the bias/variance trade-off, seen.

    ``regularizers`` holds the student's L2 and dropout functions (``train.Regularizers``);
    ``initialize(layer_dims, rng)`` makes the starting parameters.
    """

    controls = REGULARIZATION_CONTROLS
    eval_name = "dev"

    def __init__(
        self,
        regularizers: Regularizers,
        initialize: Callable,
        X_train: Array,
        Y_train: Array,
        X_dev: Array,
        Y_dev: Array,
        layer_dims: Sequence[int],
        redraw_every: int = 2000,
    ):
        super().__init__(X_train, Y_train, X_dev, Y_dev, layer_dims, redraw_every)
        self.regularizers, self.initialize = regularizers, initialize
        self.functions = regularizers.by_name()

    def initial_parameters(self, settings: Mapping[str, Any]) -> Parameters:
        return self.initialize(list(self.layer_dims), np.random.default_rng(int(settings["seed"])))


class OptimizationExplorer(Explorer):
    """Pick an optimizer, its learning rate and betas, the mini-batch size and the learning-rate
    decay; retrain; compare the cost curves of the runs so far and see the decision boundary.

    ``functions`` maps the Optimization notebook's graded names (``update_parameters_with_gd``,
    ``random_mini_batches``, ``initialize_adam``, ``schedule_lr_decay``...) to the student's own
    functions; ``initialize(layer_dims, rng)`` makes the starting parameters. The decay counts
    whole intervals of ``time_interval`` epochs (``schedule_lr_decay``).
    """

    controls = OPTIMIZATION_CONTROLS
    keep_runs = 6

    def __init__(
        self,
        functions: Mapping[str, Callable],
        initialize: Callable,
        X_train: Array,
        Y_train: Array,
        X_test: Array,
        Y_test: Array,
        layer_dims: Sequence[int] = (2, 5, 2, 1),
        time_interval: int = 1000,
        redraw_every: int = 2000,
    ):
        super().__init__(X_train, Y_train, X_test, Y_test, layer_dims, redraw_every)
        self.functions, self.initialize, self.time_interval = dict(functions), initialize, time_interval
        self.given = {"time_interval": time_interval}  # the decay's interval (row decay_rate)
        self.runs: list[
            tuple[str, tuple[float, ...]]
        ] = []  # (label, epoch costs) of the runs so far, the last one current

    def initial_parameters(self, settings: Mapping[str, Any]) -> Parameters:
        self.runs = (self.runs + [(self.label(settings), ())])[-self.keep_runs :]
        return self.initialize(list(self.layer_dims), np.random.default_rng(int(settings["seed"])))

    def total_steps(self, settings: Mapping[str, Any], config: TrainConfig) -> int:
        X_train, Y_train, _, _ = self.data
        return int(settings["epochs"]) * len(config.epoch_batches(X_train, Y_train, 0))

    @staticmethod
    def label(settings: Mapping[str, Any]) -> str:
        extra = {
            "momentum": f" β={settings['beta']:g}",
            "rmsprop": f" β2={settings['beta']:g}",
            "adam": f" β1={settings['beta1']:g} β2={settings['beta2']:g}",
        }.get(settings["optimizer"], "")
        decay = f", decay {settings['decay_rate']:g}" if settings["decay_rate"] else ""
        return f"{settings['optimizer']}{extra}, lr {settings['learning_rate']:.2g}, batch {int(settings['mini_batch_size'])}{decay}"

    def draw(self) -> Figure:
        """The epoch costs of the runs so far (the current one bold) and the current decision boundary."""
        if self.runs:
            self.runs[-1] = (self.runs[-1][0], self.state.epoch_costs)
        fig = detached_figure((12, 4))
        left, right = fig.subplots(1, 2)
        for number, (label, costs) in enumerate(self.runs):
            left.plot(
                np.arange(1, len(costs) + 1), costs, label=label, linewidth=2.0 if number == len(self.runs) - 1 else 0.8
            )
        left.set_xlabel("epoch")
        left.set_ylabel("cost (average over the epoch)")
        left.set_title(f"epoch {self.state.epoch}")
        left.legend(fontsize="x-small")
        self.draw_boundary(right)
        fig.tight_layout()
        return fig


class EpsilonExplorer(LiveView):
    """Move epsilon, see the student's gradient check of each backward pass at that step: the
    relative difference against epsilon from 1e-1 to 1e-12, where truncation error falls (like
    epsilon^2) and round-off error rises (like 1/epsilon).

    ``gradient_check_n(parameters, gradients, X, Y, epsilon)`` is the student's function;
    ``gradients`` maps a name ("fixed backward", "buggy backward") to the gradients it checks.
    """

    controls = EPSILON_CONTROLS

    def __init__(
        self,
        gradient_check_n: Callable,
        parameters: Parameters,
        gradients: Mapping[str, dict],
        X: Array,
        Y: Array,
        epsilons: Sequence[float] = tuple(10.0 ** -np.arange(1, 12.5, 0.5)),
    ):
        self.check = lambda grads, epsilon: float(gradient_check_n(parameters, grads, X, Y, epsilon)[0])  # noqa: E731
        self.gradients = dict(gradients)
        self.epsilons = list(epsilons)
        self.curves = {
            name: [self.check(grads, eps) for eps in self.epsilons] for name, grads in self.gradients.items()
        }
        super().__init__()

    def differences(self, epsilon: float | None = None) -> dict[str, float]:
        """The relative difference of each backward pass at ``epsilon`` (default: the setting)."""
        epsilon = self.settings["epsilon"] if epsilon is None else epsilon
        return {name: self.check(grads, epsilon) for name, grads in self.gradients.items()}

    def draw(self) -> Figure:
        fig = detached_figure((7, 4))
        ax = fig.subplots()
        epsilon = self.settings["epsilon"]
        plot_difference_against_epsilon(self.epsilons, self.curves, ax=ax, marker=epsilon)
        ax.set_title(
            f"epsilon = {epsilon:.1e}: "
            + ", ".join(f"{name} {value:.1e}" for name, value in self.differences().items()),
            fontsize="medium",
        )
        fig.tight_layout()
        return fig


class TrajectoryExplorer(LiveView):
    """The student's four optimizers from the same start on a 2-D surface, redrawn as a slider
    moves (a few milliseconds a path): which reach the minimum, and in how many steps.

    ``functions`` maps the graded names to the student's functions, as for ``OptimizationExplorer``.
    """

    controls = TRAJECTORY_CONTROLS

    def __init__(self, functions: Mapping[str, Callable], names: Sequence[str] = OPTIMIZER_NAMES):
        self.functions, self.names = dict(functions), list(names)
        super().__init__()

    def paths(self) -> dict[str, Array]:
        """Each optimizer's path with the current settings."""
        s = self.settings
        surface = SURFACES[s["surface"]]
        return {
            name: trajectory(
                optimizer_named(name, self.functions, s["beta"], s["beta1"], s["beta2"]),
                surface,
                s["learning_rate"],
                int(s["steps"]),
            )
            for name in self.names
        }

    def draw(self) -> Figure:
        surface = SURFACES[self.settings["surface"]]
        paths = self.paths()
        labels = {}
        for name, path in paths.items():
            reached = steps_to_reach(path, surface)
            labels[
                f"{name}: "
                + (
                    f"{reached} steps"
                    if reached is not None
                    else "diverged"
                    if len(path) <= self.settings["steps"]
                    else "not there"
                )
                + (f", escapes at {steps_to_escape(path, surface)}" if surface.stall is not None else "")
            ] = path
        fig = detached_figure((7, 5))
        ax = fig.subplots()
        plot_trajectories(surface, labels, ax=ax)
        fig.tight_layout()
        return fig


class BatchNormExplorer(Explorer):
    """Pick a depth, a learning rate and batch norm on or off; retrain; compare the cost curves of
    the runs so far, side by side. ``batchnorm_forward`` and ``batchnorm_backward`` are the
    student's; ``initialize(layer_dims, rng)`` makes the starting parameters; hidden layers have
    ``width`` units. The accuracy on the other set is measured in test mode."""

    controls = BATCHNORM_CONTROLS
    eval_name = "dev"
    keep_runs = 6

    def __init__(
        self,
        batchnorm_forward: Callable,
        batchnorm_backward: Callable,
        initialize: Callable,
        X_train: Array,
        Y_train: Array,
        X_dev: Array,
        Y_dev: Array,
        width: int = 16,
        redraw_every: int = 100,
    ):
        super().__init__(X_train, Y_train, X_dev, Y_dev, (X_train.shape[0], 1), redraw_every)
        self.bn, self.initialize, self.width = BatchNorm(batchnorm_forward, batchnorm_backward), initialize, width
        self.functions = {"batchnorm_forward": batchnorm_forward, "batchnorm_backward": batchnorm_backward}
        self.runs: list[tuple[str, tuple[float, ...]]] = []

    def initial_parameters(self, settings: Mapping[str, Any]) -> Parameters:
        self.layer_dims = [self.data[0].shape[0]] + [self.width] * (int(settings["depth"]) - 1) + [1]
        parameters = self.initialize(list(self.layer_dims), np.random.default_rng(int(settings["seed"])))
        label = f"{settings['depth']} layers, lr {settings['learning_rate']:.2g}, batch norm {settings['batchnorm']}"
        self.runs = (self.runs + [(label, ())])[-self.keep_runs :]
        return with_batchnorm(parameters) if settings["batchnorm"] == "on" else parameters

    def accuracies(self) -> tuple[float, float]:
        X_train, Y_train, X_eval, Y_eval = self.data
        parameters = self.state.parameters
        with np.errstate(over="ignore", invalid="ignore"):
            if "gamma1" in parameters:
                return (
                    self.bn.accuracy(X_train, Y_train, parameters, self.state.running),
                    self.bn.accuracy(X_eval, Y_eval, parameters, self.state.running),
                )
            return accuracy(X_train, Y_train, parameters), accuracy(X_eval, Y_eval, parameters)

    def draw(self) -> Figure:
        """The cost curves of the runs so far (the current one bold), log scale, with its accuracies."""
        if self.runs:
            self.runs[-1] = (self.runs[-1][0], self.state.costs)
        fig = detached_figure((8, 4))
        ax = fig.subplots()
        for number, (label, costs) in enumerate(self.runs):
            ax.plot(np.arange(len(costs)), costs, label=label, linewidth=2.0 if number == len(self.runs) - 1 else 0.8)
        ax.set_yscale("log")
        ax.set_xlabel("iteration")
        ax.set_ylabel("cost (cross-entropy)")
        train_acc, dev_acc = self.accuracies()
        ax.set_title(f"iteration {self.state.iteration}: train {train_acc:.1%} · dev {dev_acc:.1%}")
        ax.legend(fontsize="x-small")
        fig.tight_layout()
        return fig


class SearchExplorer(Controlled):
    """A random search running live: each trial's dev score appears on the plot as it finishes, a
    progress bar counts the trials, then one refinement around the best ``top_k`` runs as many more.
    Moving a control (or the Search button) searches again.

    ``random_search(train_and_evaluate, space, n_trials, rng)`` and ``refine_space(trials, space,
    top_k)`` are the student's; ``train_and_evaluate`` scores a configuration (``tuning.SearchTask``).
    """

    controls = SEARCH_CONTROLS

    def __init__(
        self,
        random_search: Callable,
        refine_space: Callable,
        train_and_evaluate: Callable,
        space: Mapping[str, tuple],
        x: str = "learning_rate",
    ):
        super().__init__()
        self.random_search, self.refine_space, self.evaluate = random_search, refine_space, train_and_evaluate
        self.space, self.x = dict(space), x
        self.groups: dict[str, list[dict]] = {}

    def run(self, on_trial: Callable[["SearchExplorer"], None] | None = None, **settings: Any) -> dict[str, list[dict]]:
        """A coarse search of ``trials`` configurations, then a fine one in the refined space;
        returns the trials of each, best first. ``settings`` are checked, as ``Explorer.run``'s."""
        self.set(**settings)
        n, rng = int(self.settings["trials"]), np.random.default_rng(int(self.settings["seed"]))
        self.groups = {"coarse": [], "fine": []}

        def search(group: str, space: Mapping[str, tuple]) -> list[dict]:
            def evaluate(config: Mapping[str, Any]) -> float:
                score = float(self.evaluate(config))
                self.groups[group].append({"config": dict(config), "score": score})
                if on_trial:
                    on_trial(self)
                return score

            trials = self.random_search(evaluate, dict(space), n, rng)
            self.groups[group] = list(trials)
            return self.groups[group]

        coarse = search("coarse", self.space)
        search("fine", self.refine_space(coarse, dict(self.space), int(self.settings["top_k"])))
        return self.groups

    def best(self) -> dict:
        """The best trial of both searches."""
        return max((t for trials in self.groups.values() for t in trials), key=lambda t: t["score"])

    def draw(self) -> Figure:
        from .tuning import plot_trials

        fig = detached_figure((7, 4))
        ax = fig.subplots()
        shown = {name: trials for name, trials in self.groups.items() if trials}
        if shown:
            plot_trials(shown, x=self.x, ax=ax)
            best = self.best()
            ax.set_title(f"best so far: dev {best['score']:.1%} at {self.x} {best['config'][self.x]:.3g}")
        fig.tight_layout()
        return fig

    def widget(self):
        """The controls, a Search button, a progress bar and the live plot, ready to display (a
        ``panel.Panel``'s box)."""
        import ipywidgets as w

        progress = w.IntProgress(value=0, min=0, max=1, description="trials")

        def search(settings: dict[str, Any], show: Show) -> str:
            progress.value, progress.max = 0, 2 * int(settings["trials"])

            def on_trial(explorer: "SearchExplorer") -> None:
                progress.value = sum(len(trials) for trials in explorer.groups.values())
                show(explorer.draw(), f"searching… trial {progress.value} of {progress.max}")

            self.run(on_trial=on_trial, **settings)
            show(self.draw(), "")
            best = self.best()
            return "best: " + ", ".join(
                f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in best["config"].items()
            )

        return self.show_panel(search, button="Search", icon="search", extra=[progress], busy="searching…")
