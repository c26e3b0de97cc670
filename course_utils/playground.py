"""The playground: every technique of the course as a live control, on the 2-D datasets.

What the TensorFlow Playground does in a web page, on the course's own NumPy network: pick the
data, the network, the initialization, L2 and dropout, the optimizer and its betas, the learning
rate and its decay, the mini-batch size and batch norm; press play and watch the decision
boundary, the train and test costs and accuracies move.

One table drives it all: ``PLAYGROUND_CONTROLS`` (rows of ``controls.CONTROLS``) gives the widgets
and the box each stands in (its ``group``), the settings, the settings string, the checks of
``Playground(**settings)``, and through each row's ``config`` and ``make`` the ``TrainConfig``
(``controls.train_config``, the mapping every explorer uses too). A new control is one row.

Training is ``train.train_steps`` with the student's own functions (``notebook_functions``), in
chunks of whole epochs; the same settings and epochs give the same parameters however the run was
cut into chunks, so the settings string reproduces a run exactly. Any change of a control starts
a new run (the last runs stay on the cost plot as faint lines, to compare).
"""

from __future__ import annotations

import asyncio
import io
import math
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .batchnorm import with_batchnorm
from .controls import PLAYGROUND_CONTROLS, settings_from_string
from .controls import train_config as config_of_rows
from .data import GENERATORS, Dataset, split_indices
from .layers import sigmoid
from .network import Parameters, compute_cost, model_forward, rescale_weights
from .notebook_functions import EXPECTED_NOTEBOOK, CourseFunctions, course_functions
from .panel import Controlled, control_widgets
from .plots import CLASS_COLORS, decision_grid
from .train import TrainConfig, TrainState, train_steps

Array = np.ndarray
POINTS = 500  # examples in a dataset, train and test together

Settings = Mapping[str, Any]
Functions = Mapping[str, Callable]


class PlaygroundError(ValueError):
    """Settings the playground cannot train with, said in words (shown in the status line)."""


def train_config(settings: Settings, functions: Functions) -> TrainConfig:
    """The ``TrainConfig`` of these settings (``controls.train_config`` of the playground's rows),
    once they are settings the playground can train with (a PlaygroundError says why not)."""
    if settings["keep_prob"] < 1 and settings["batchnorm"] == "on":
        raise PlaygroundError(
            "dropout and batch norm do not combine here (your dropout functions build the plain network): "
            "set keep_prob to 1 or batch norm off"
        )
    if settings["keep_prob"] < 1 and settings["activation"] != "relu":
        raise PlaygroundError(
            f"your dropout network is LINEAR -> RELU -> DROPOUT: with activation={settings['activation']!r} "
            "set keep_prob to 1 (or the activation to relu)"
        )
    return config_of_rows(PLAYGROUND_CONTROLS, settings, functions)


def make_data(settings: Settings) -> Dataset:
    """``POINTS`` examples of the dataset with that noise, split into train and test by ``test_fraction``."""
    seed = int(settings["seed"])
    X, Y = GENERATORS[settings["dataset"]](POINTS, np.random.default_rng([seed, 0]), noise=settings["noise"])
    train, test = split_indices(POINTS, settings["test_fraction"], seed)
    return Dataset(settings["dataset"], X[:, train], Y[:, train], X[:, test], Y[:, test])


def layer_dims(settings: Settings) -> list[int]:
    return [2] + [int(settings["hidden"])] * int(settings["hidden_layers"]) + [1]


def initial_parameters(settings: Settings, functions: Functions) -> Parameters:
    """The student's initialization: zeros; random with the scale as standard deviation; He, or
    Xavier (He's weights over sqrt 2: variance 1 / n_(l-1)), each times the scale."""
    dims, rng, scale, init = (
        layer_dims(settings),
        np.random.default_rng([int(settings["seed"]), 1]),
        settings["scale"],
        settings["init"],
    )
    if init == "zeros":
        parameters = functions["initialize_parameters_zeros"](dims)
    elif init == "random":
        parameters = functions["initialize_parameters_random"](dims, rng, scale)
    else:
        parameters = rescale_weights(
            functions["initialize_parameters_he"](dims, rng), scale / (math.sqrt(2) if init == "xavier" else 1)
        )
    parameters = {key: np.array(value, dtype=float) for key, value in parameters.items()}
    return with_batchnorm(parameters) if settings["batchnorm"] == "on" else parameters


@dataclass(frozen=True)
class Preset:
    """A story in one click: the settings, then one run per entry of ``runs`` (changes to the
    settings), each trained ``epochs`` epochs; the earlier runs stay on the cost plot."""

    description: str
    settings: dict
    runs: tuple[dict, ...] = ({},)
    epochs: int = 200


PRESETS: dict[str, Preset] = {
    "zeros never learn": Preset(
        "every weight 0: the hidden units stay identical and the cost stays at log 2", {"init": "zeros"}, epochs=100
    ),
    "overfit, then L2": Preset(
        "a big network on few noisy points fits the noise; L2 narrows the gap between train and test",
        {
            "dataset": "moons",
            "noise": 0.35,
            "test_fraction": 0.8,
            "hidden_layers": 3,
            "hidden": 32,
            "learning_rate": 0.01,
        },
        runs=({"lambd": 0.0}, {"lambd": 0.3}),
        epochs=300,
    ),
    "GD vs Adam": Preset(
        "the same learning rate and mini-batches: Adam is far lower after as many epochs",
        {"dataset": "moons", "learning_rate": 0.003},
        runs=({"optimizer": "gd"}, {"optimizer": "adam"}),
        epochs=150,
    ),
    "deep net with and without batch norm": Preset(
        "six sigmoid layers: without batch norm the gradient hardly reaches the first layers and the cost stays at log 2",
        {
            "dataset": "moons",
            "noise": 0.1,
            "hidden_layers": 6,
            "activation": "sigmoid",
            "init": "xavier",
            "optimizer": "gd",
            "learning_rate": 0.3,
        },
        runs=({"batchnorm": "off"}, {"batchnorm": "on"}),
        epochs=150,
    ),
}


def controls_table() -> str:
    """The table of controls as Markdown: name, range, default, and what each one sets (its row's
    ``sets``, then its ``TrainConfig`` fields)."""
    rows = ["| control | range | default | sets |", "|---|---|---|---|"]
    for c in PLAYGROUND_CONTROLS:
        if c.options:
            values = " / ".join(c.options)
        elif c.choices:
            values = ", ".join(f"{v:g}" for v in c.choices)
        else:
            values = f"{c.low:g} to {c.high:g}" + (" (log scale)" if c.log else "")
        sets = [c.sets] if c.sets else []
        sets += [f"`TrainConfig.{name}`" for name in c.config]
        rows.append(f"| `{c.name}` ({c.label}) | {values} | {c.default} | {', '.join(sets)} |")
    return "\n".join(rows)


def run_label(settings: Settings) -> str:
    """What sets a run apart, for the legend: the settings that differ from the defaults."""
    changed = [
        f"{c.name}={settings[c.name]:g}" if isinstance(settings[c.name], float) else f"{c.name}={settings[c.name]}"
        for c in PLAYGROUND_CONTROLS
        if settings[c.name] != c.default
    ]
    return ", ".join(changed) or "defaults"


class Playground(Controlled):
    """``Playground(dataset="moons", optimizer="adam", ...)``: the settings are the names of
    ``PLAYGROUND_CONTROLS`` (the rest take their defaults); ``functions`` are the student's
    (by default read from the course's notebooks beside the playground's folder).

    ``step(epochs)`` trains, ``evaluate()`` measures, ``history`` holds a row per chunk,
    ``settings_string()`` reproduces the run (``Playground.from_string``), ``widget()`` plays it.
    """

    controls = PLAYGROUND_CONTROLS
    keep_runs = 3
    max_history = 1000

    def __init__(self, functions: Functions | None = None, **settings: Any) -> None:
        super().__init__()
        self.functions = functions if functions is not None else course_functions()
        self.runs: list[tuple[str, Array, Array]] = []  # (label, epochs, test costs) of earlier runs
        self.history: list[dict] = []
        self.error: str | None = None
        self.run_number = 0  # counts the runs started: a view redraws the data when it moves
        self.runs_kept = 0  # counts the runs kept for comparison: a view redraws their curves when it moves
        self._label = ""
        self.update(**settings)

    @classmethod
    def from_string(cls, text: str, functions: Functions | None = None) -> "Playground":
        return cls(functions, **settings_from_string(text, PLAYGROUND_CONTROLS))

    # ---- a run ----
    def update(self, **settings: Any) -> None:
        """Change settings (checked against the table: ``Controlled.set``) and start a new run."""
        self.set(**settings)
        self.reset()

    def reset(self) -> None:
        """A new run from the current settings (the last one kept for comparison, if it trained)."""
        if self.history and self.history[-1]["epoch"] > 0:
            self.runs = (
                self.runs
                + [
                    (
                        self._label,
                        np.array([h["epoch"] for h in self.history]),
                        np.array([h["test_cost"] for h in self.history]),
                    )
                ]
            )[-self.keep_runs :]
            self.runs_kept += 1
        self.run_number += 1
        self._label = run_label(self.settings)
        self.data = make_data(self.settings)
        self.history, self.error = [], None
        try:
            self.config = self._call(train_config, self.settings, self.functions)
            self.state = TrainState(parameters=self._call(initial_parameters, self.settings, self.functions))
            self.steps_per_epoch = len(self._call(self.config.epoch_batches, self.data.X_train, self.data.Y_train, 0))
        except PlaygroundError as error:
            self.error, self.config, self.state = str(error), None, None
            return
        self.history.append(self.evaluate())

    def _notebooks(self, names: Sequence[str]) -> str:
        notebook_of = (
            self.functions.notebook_of if isinstance(self.functions, CourseFunctions) else CourseFunctions().notebook_of
        )
        return ", ".join(sorted({notebook_of(name) for name in names}))

    def _call(self, function: Callable, *args: Any) -> Any:
        """Call into the student's code: a function these settings need and that is missing, not
        written yet, or raising, becomes a PlaygroundError that names it and its notebook (an error
        outside the student's code is raised as it is)."""
        try:
            return function(*args)
        except PlaygroundError:
            raise
        except KeyError as error:
            missing = error.args[0] if error.args else None
            if missing in EXPECTED_NOTEBOOK and missing not in self.functions:
                raise PlaygroundError(f"these settings need your {missing} ({self._notebooks([missing])})") from None
            self._blame(error)
        except Exception as error:
            self._blame(error)

    def _blame(self, error: Exception) -> None:
        """Raise ``error`` as a PlaygroundError naming the student's function it came from (the
        innermost in its traceback); raise it as it is when it came from nowhere in their code."""
        import traceback

        names = [frame.name for frame in traceback.extract_tb(error.__traceback__) if frame.name in self.functions]
        if not names:
            raise error
        name, notebook = names[-1], self._notebooks(names[-1:])
        if isinstance(error, NotImplementedError):
            raise PlaygroundError(
                f"{name} is not written yet (it raises NotImplementedError): write it in {notebook} first"
            ) from None
        raise PlaygroundError(f"your {name} ({notebook}) raised {type(error).__name__}: {error}") from None

    @property
    def epoch(self) -> int:
        return self.state.epoch if self.state is not None else 0

    @property
    def diverged(self) -> bool:
        return self.state is not None and bool(self.state.costs) and not np.isfinite(self.state.costs[-1])

    def step(self, epochs: int = 1) -> dict | None:
        """Train ``epochs`` more epochs; returns the new row of ``history`` (None when the settings
        cannot train or the cost has diverged)."""
        if self.state is None or self.diverged:
            return None
        try:
            self.state = self._call(
                train_steps,
                self.state,
                self.data.X_train,
                self.data.Y_train,
                epochs * self.steps_per_epoch,
                self.config,
            )
        except PlaygroundError as error:
            self.error = str(error)
            return None
        row = self.evaluate()
        self.history.append(row)
        if len(self.history) > self.max_history:  # a long play: every other row, the first and the last kept
            self.history = self.history[:-1:2] + [row]
        if self.diverged:
            self.error = f"the cost diverged in epoch {self.epoch + 1}: lower the learning rate or the weight scale"
        return row

    def train(self, epochs: int, chunk: int = 10) -> dict | None:
        """Train until epoch ``epochs`` in chunks of ``chunk`` epochs (a row of history each)."""
        row = self.history[-1] if self.history else None
        while self.state is not None and self.epoch < epochs and not self.diverged and self.error is None:
            row = self.step(min(chunk, epochs - self.epoch))
        return row

    def logits(self, X: Array) -> Array:
        """The network's logits on ``X`` at inference: no dropout, batch norm with its running statistics."""
        parameters, activation = self.state.parameters, self.settings["activation"]
        with np.errstate(over="ignore", invalid="ignore"):
            if self.config.batchnorm is not None:
                return self.config.batchnorm.forward_pass(X, parameters, self.state.running, "test", activation)[0]
            return model_forward(X, parameters, activation)[0]

    def evaluate(self) -> dict:
        """The epoch, and the cross-entropy (no L2 term) and accuracy on the train and test sets."""
        row = {"epoch": self.epoch}
        for name, X, Y in (
            ("train", self.data.X_train, self.data.Y_train),
            ("test", self.data.X_test, self.data.Y_test),
        ):
            ZL = self.logits(X)
            with np.errstate(over="ignore", invalid="ignore"):
                row[f"{name}_cost"] = compute_cost(ZL, Y) if np.all(np.isfinite(ZL)) else float("nan")
            row[f"{name}_accuracy"] = float(np.mean((ZL > 0) == (Y == 1)))
        return row

    def run_preset(self, name: str) -> list[dict]:
        """Play the preset ``name`` to the end without drawing; returns each run's last row."""
        preset, results = PRESETS[name], []
        base = {c.name: c.default for c in self.controls} | preset.settings
        for changes in preset.runs:
            self.update(**(base | changes))
            results.append(self.train(preset.epochs))
        return results

    # ---- the view ----
    def png(self) -> bytes:
        """The current view as PNG bytes (what the widget shows): ``IPython.display.Image(playground.png())``."""
        view = PlaygroundView()
        view.update(self)
        return view.png()

    def widget(self) -> "PlaygroundWidget":
        """The controls, play / pause / step / reset, the presets and the live view (display it)."""
        return PlaygroundWidget(self)


class PlaygroundView:
    """One figure whose artists are updated in place: the decision boundary over the data (train
    points filled, test points hollow), the train and test costs (earlier runs' test costs faint),
    and the accuracies. ``png()`` renders it (no pyplot, no global state).

    A frame redraws only what moves (the boundary, the points over it, the current curves, the
    titles) over a saved background: axes, ticks and legends take most of matplotlib's time, so
    the background is drawn again only when the data, the earlier runs or the axes' limits change
    (the epoch axis grows by doubling, the cost axis by decades).
    """

    resolution = 60

    def __init__(self, dpi: int = 72) -> None:
        self.figure = Figure(figsize=(12, 3.6), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        self.boundary, self.costs, self.accuracies = self.figure.subplots(
            1, 3, gridspec_kw={"width_ratios": [1, 1.25, 1.25]}
        )
        self.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.14, top=0.9, wspace=0.18)
        self.lines = {}
        for name, color in (("train", "#444444"), ("test", "#ff7f0e")):
            (self.lines[f"{name}_cost"],) = self.costs.plot(
                [], [], color=color, linewidth=2, label=f"{name} cost", animated=True
            )
            (self.lines[f"{name}_accuracy"],) = self.accuracies.plot(
                [], [], color=color, linewidth=2, label=name, animated=True
            )
        self.costs.set_yscale("log")
        self.costs.set_xlabel("epoch")
        self.costs.set_title("cost (cross-entropy)", fontsize="medium")
        self.accuracies.set_ylim(0.4, 1.01)
        self.accuracies.set_xlabel("epoch")
        self.accuracies.set_title("accuracy", fontsize="medium")
        self.accuracies.legend(fontsize="x-small", loc="lower right")
        self.message = self.costs.text(
            0.5,
            0.5,
            "",
            transform=self.costs.transAxes,
            ha="center",
            va="center",
            wrap=True,
            color="#b00020",
            fontsize="small",
            animated=True,
        )
        self.title = self.boundary.set_title("", fontsize="medium", animated=True)
        self.ghosts: list = []
        self.points: list = []
        self._data_key = self._runs_key = self._background_key = None
        self.background = None
        self.frames = self.backgrounds = 0  # how many of each were drawn

    def _draw_data(self, playground: Playground) -> None:
        ax, data = self.boundary, playground.data
        if self._data_key is not None:
            self.image.remove()
        for points in self.points:
            points.remove()
        X = np.hstack([data.X_train, data.X_test])
        self.xx, self.yy, self.grid = decision_grid(X, self.resolution, margin=0.3)
        extent = (self.xx.min(), self.xx.max(), self.yy.min(), self.yy.max())
        self.image = ax.imshow(
            np.full(self.xx.shape, 0.5),
            origin="lower",
            extent=extent,
            cmap="RdBu",
            vmin=0,
            vmax=1,
            alpha=0.55,
            aspect="auto",
            interpolation="bilinear",
            animated=True,
        )
        self.points = []
        for X_, Y_, filled in ((data.X_train, data.Y_train, True), (data.X_test, data.Y_test, False)):
            colors = np.array(CLASS_COLORS)[Y_.ravel()]
            self.points.append(
                ax.scatter(
                    X_[0],
                    X_[1],
                    s=12,
                    c=colors if filled else "none",
                    edgecolors="k" if filled else colors,
                    linewidths=0.4 if filled else 0.9,
                    animated=True,
                )
            )
        ax.set_xlim(extent[:2])
        ax.set_ylim(extent[2:])
        ax.set_xticks([])
        ax.set_yticks([])
        self._data_key = playground.run_number

    def _draw_runs(self, playground: Playground) -> None:
        for line in self.ghosts:
            line.remove()
        self.ghosts = [
            self.costs.plot(epochs, costs, linewidth=1, alpha=0.5, linestyle="--", label=f"earlier: {label}"[:70])[0]
            for label, epochs, costs in playground.runs
        ]
        self.costs.legend(fontsize="x-small", loc="lower left")
        self._runs_key = playground.runs_kept

    @staticmethod
    def _limits(playground: Playground) -> tuple[float, tuple[float, float]]:
        """The epoch axis' end (a power of two times 10) and the cost axis' decades, for all curves shown."""
        epochs = [h["epoch"] for h in playground.history] + [
            e for _, run_epochs, _ in playground.runs for e in run_epochs
        ]
        costs = [c for h in playground.history for c in (h["train_cost"], h["test_cost"])] + [
            c for _, _, run_costs in playground.runs for c in run_costs
        ]
        costs = [c for c in costs if np.isfinite(c) and c > 0] or [0.1, 1.0]
        end = 10 * 2 ** max(0, math.ceil(math.log2(max(max(epochs, default=1), 1) / 10)))
        return end, (10.0 ** math.floor(math.log10(min(costs))), 10.0 ** math.ceil(math.log10(max(costs) * 1.01)))

    def update(self, playground: Playground) -> None:
        """Bring every artist up to the playground's state."""
        if self._data_key != playground.run_number:
            self._draw_data(playground)
        if self._runs_key != playground.runs_kept or self.costs.get_legend() is None:
            self._draw_runs(playground)
        end, cost_limits = self._limits(playground)
        self.costs.set_xlim(0, end)
        self.costs.set_ylim(*cost_limits)
        self.accuracies.set_xlim(0, end)
        if playground.state is not None:
            with np.errstate(over="ignore", invalid="ignore"):
                probability = sigmoid(playground.logits(self.grid)).reshape(self.xx.shape)
            self.image.set_data(np.nan_to_num(probability, nan=0.5))
        else:
            self.image.set_data(np.full(self.xx.shape, 0.5))
        history = playground.history
        epochs = [h["epoch"] for h in history]
        for key, line in self.lines.items():
            line.set_data(epochs, [h[key] for h in history])
        last = history[-1] if history else None
        self.title.set_text(
            f"epoch {playground.epoch}"
            + (f" · train {last['train_accuracy']:.0%} · test {last['test_accuracy']:.0%}" if last else "")
        )
        self.message.set_text(playground.error or "")
        self._wanted_background = (self._data_key, self._runs_key, end, cost_limits)

    def render(self) -> None:
        """Draw the figure into the canvas: the background when it changed, then what moves."""
        if self.background is None or self._background_key != self._wanted_background:
            self.canvas.draw()  # everything but the animated artists
            self.background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._background_key = self._wanted_background
            self.backgrounds += 1
        else:
            self.canvas.restore_region(self.background)
        for artist in (self.image, *self.points, self.title, *self.lines.values(), self.message):
            self.figure.draw_artist(artist)
        self.frames += 1

    def png(self) -> bytes:
        """The figure as PNG bytes: 128 colours and fast zlib, a third of the bytes of a full-colour
        frame (23 kB against 68 kB), encoded in 2.6 ms: a frame is sent many times a second."""
        from PIL import Image

        self.render()
        buffer = io.BytesIO()
        frame = Image.frombuffer("RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        frame.convert("RGB").quantize(128, method=Image.Quantize.FASTOCTREE).save(
            buffer, format="png", compress_level=1
        )
        return buffer.getvalue()


class PlaygroundWidget:
    """The playground on screen: the controls in their groups, play / pause / step / reset, the
    presets, the live figure (an ipywidgets ``Image``) and a status line with the settings string.

    Playing is a task on the kernel's event loop: it trains about ``train_seconds`` worth of epochs,
    redraws, and yields, so the kernel handles every control change between two frames. A change
    starts a new run at once (and keeps playing if it was). With ipykernel 7, JupyterLab sends
    widget messages to a subshell, whose thread runs a control's handler while the loop draws: one
    lock keeps every change of the run and every frame whole.
    """

    train_seconds = 0.02  # training per frame; drawing one takes about as long

    def __init__(self, playground: Playground) -> None:
        import ipywidgets as w

        self.playground, self.view = playground, PlaygroundView()
        self.lock = threading.RLock()
        self.playing, self.task, self.queue, self.target, self._syncing = False, None, [], None, False
        self.plays = 0  # how many times play started: the play loop of an earlier one ends
        self.epochs_per_frame, self.frame_times = 1, []  # (time, epoch) of every frame drawn
        self.image = w.Image(format="png", layout=w.Layout(width="864px"))
        self.status = w.HTML()
        self.widgets = control_widgets(
            playground.controls, playground.settings, self._changed, description_width="110px", width="255px"
        )
        self.play_button = w.Button(
            description="Play", icon="play", button_style="success", layout=w.Layout(width="90px")
        )
        self.step_button = w.Button(description="Step", icon="step-forward", layout=w.Layout(width="80px"))
        self.reset_button = w.Button(description="Reset", icon="undo", layout=w.Layout(width="80px"))
        self.preset = w.Dropdown(
            options=list(PRESETS),
            description="story",
            layout=w.Layout(width="330px"),
            style={"description_width": "40px"},
        )
        self.preset_button = w.Button(description="Show", icon="film", layout=w.Layout(width="80px"))
        self.play_button.on_click(lambda _: self.pause() if self.playing else self.play())
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        self.preset_button.on_click(lambda _: self.show_preset(self.preset.value))
        grouped: dict[str, list] = {}  # each row's group, in the order the rows first name them
        for control in playground.controls:
            grouped.setdefault(control.group, []).append(self.widgets[control.name])
        groups = [w.VBox([w.HTML(f"<b>{group}</b>"), *widgets]) for group, widgets in grouped.items()]
        buttons = w.HBox([self.play_button, self.step_button, self.reset_button, self.preset, self.preset_button])
        self.box = w.VBox([buttons, w.HBox(groups, layout=w.Layout(flex_flow="row wrap")), self.image, self.status])
        self.redraw()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)

    # ---- what the buttons and controls do ----
    def _changed(self, name: str, value: Any) -> None:
        if self._syncing:
            return
        with self.lock:
            self.queue, self.target = [], None
            try:
                self.playground.update(**{name: value})
            except ValueError as error:
                self.playground.error = str(error)
            self.redraw()

    def set_controls(self, settings: Settings) -> None:
        """Move the widgets to ``settings`` without starting a run per widget."""
        self._syncing = True
        try:
            for name, value in settings.items():
                self.widgets[name].value = value
        finally:
            self._syncing = False

    def step(self) -> None:
        """One epoch, then a redraw."""
        with self.lock:
            self.playground.step(1)
            self.redraw()

    def reset(self) -> None:
        with self.lock:
            self.queue, self.target = [], None
            self.playground.reset()
            self.redraw()

    def show_preset(self, name: str) -> None:
        """Play the preset's runs one after the other (the earlier ones stay on the cost plot)."""
        preset = PRESETS[name]
        base = {c.name: c.default for c in self.playground.controls} | preset.settings
        with self.lock:
            self.queue = [(base | changes, preset.epochs) for changes in preset.runs]
            self._next_run()
        self.play()

    def _next_run(self) -> None:
        settings, self.target = self.queue.pop(0)
        self.playground.update(**settings)
        self.set_controls(self.playground.settings)

    # ---- playing ----
    def play(self) -> None:
        with self.lock:
            if self.playing:
                return
            self.playing, self.plays = True, self.plays + 1
            self.play_button.description, self.play_button.icon, self.play_button.button_style = (
                "Pause",
                "pause",
                "warning",
            )
        self.task = asyncio.get_running_loop().create_task(self._play(self.plays))

    def pause(self) -> None:
        """Stop playing: once the button says Play again, no frame is on its way (the lock)."""
        with self.lock:
            self.playing = False
            self.play_button.description, self.play_button.icon, self.play_button.button_style = (
                "Play",
                "play",
                "success",
            )

    async def _play(self, play: int) -> None:
        try:
            while True:
                # asked under the lock: a pause from another thread stops the next frame; and a loop
                # that a pause and a new play overtook (it was still waiting to wake up) ends
                with self.lock:
                    if not self.playing or play != self.plays:
                        break
                    self.advance()
                    if self.playground.error:
                        self.pause()
                    self.redraw()
                await asyncio.sleep(0.001)  # the kernel handles the messages that came in meanwhile
        except Exception as error:  # shown in the status line, its traceback under the widget's cell
            import traceback

            traceback.print_exc()
            with self.lock:
                self.playground.error = f"the playground stopped: {type(error).__name__}: {error}"
                self.pause()
                self.redraw()

    def advance(self) -> None:
        """Train one frame's worth of epochs (about ``train_seconds``), or move on in a preset."""
        playground = self.playground
        if self.target is not None and playground.epoch >= self.target:
            if self.queue:
                return self._next_run()
            self.target = None
            return self.pause()
        epochs = self.epochs_per_frame
        if self.target is not None:
            epochs = min(epochs, self.target - playground.epoch)
        start = time.perf_counter()
        playground.step(epochs)
        seconds = time.perf_counter() - start
        self.epochs_per_frame = int(np.clip(round(epochs * self.train_seconds / max(seconds, 1e-4)), 1, 100))

    def redraw(self) -> None:
        with self.lock:
            self._redraw()

    def _redraw(self) -> None:
        self.view.update(self.playground)
        self.image.value = self.view.png()
        self.frame_times.append((time.perf_counter(), self.playground.epoch))
        error = self.playground.error
        self.status.value = (
            f"<span style='color:#b00020'>{error}</span><br>" if error else ""
        ) + f"epoch {self.playground.epoch} · <code>{self.playground.settings_string()}</code>"
