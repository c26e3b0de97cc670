"""Interactive explorers: move a control, the network retrains, the plots redraw.

Each control is declared once, in a table of ``Control`` rows; the widgets, the settings dict
and the short settings string that reproduces a run are all derived from that table. Training
itself is ``train.train_steps`` (pure, unit-tested); this module only draws.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence
from urllib.parse import parse_qsl, urlencode

import matplotlib.pyplot as plt
import numpy as np

from .network import Parameters, accuracy, predict, rescale_weights
from .plots import plot_costs, plot_decision_boundary
from .train import TrainConfig, TrainState, train_steps

Array = np.ndarray


@dataclass(frozen=True)
class Control:
    """One control: its name in the settings, its label, and its range."""

    name: str
    label: str
    default: Any
    options: Sequence[str] = ()  # a dropdown when given
    low: float = 0.0
    high: float = 1.0
    step: float | None = None
    log: bool = False  # a log-scale slider: low and high are the extreme values

    def make_widget(self, options: Sequence[str] | None = None):
        import ipywidgets as w

        style, layout = {"description_width": "140px"}, w.Layout(width="420px")
        common = dict(description=self.label, style=style, layout=layout, continuous_update=False)
        if self.options or options:
            common.pop("continuous_update")
            return w.Dropdown(options=list(options or self.options), value=self.default, **common)
        if self.log:
            return w.FloatLogSlider(value=self.default, base=10, min=np.log10(self.low), max=np.log10(self.high),
                                    step=self.step or 0.1, readout_format=".3g", **common)
        if isinstance(self.default, int):
            return w.IntSlider(value=self.default, min=int(self.low), max=int(self.high), step=int(self.step or 1), **common)
        return w.FloatSlider(value=self.default, min=self.low, max=self.high, step=self.step or 0.01, **common)

    def parse(self, text: str) -> Any:
        """The value from its text in a settings string."""
        if self.options or isinstance(self.default, str):
            return text
        return type(self.default)(float(text)) if isinstance(self.default, int) else float(text)


def settings_to_string(settings: Mapping[str, Any]) -> str:
    """A short string that reproduces a run, e.g. ``init=He&scale=1&...`` (the seed included)."""
    return urlencode({k: f"{v:g}" if isinstance(v, float) else v for k, v in settings.items()})


def settings_from_string(text: str, controls: Sequence[Control]) -> dict[str, Any]:
    """Inverse of ``settings_to_string``; unknown names are an error, missing ones take defaults."""
    by_name = {c.name: c for c in controls}
    values = dict(parse_qsl(text))
    unknown = set(values) - set(by_name)
    if unknown:
        raise ValueError(f"unknown settings {sorted(unknown)}; known: {sorted(by_name)}")
    return {c.name: c.parse(values[c.name]) if c.name in values else c.default for c in controls}


INITIALIZATION_CONTROLS: tuple[Control, ...] = (
    Control("init", "initialization", "He"),
    Control("scale", "× weight scale", 1.0, low=0.01, high=100.0, log=True),
    Control("learning_rate", "learning rate", 0.01, low=1e-4, high=1.0, log=True),
    Control("iterations", "iterations", 5000, low=500, high=15000, step=500),
    Control("seed", "seed", 1, low=0, high=99),
)


def call_initializer(initialize: Callable, layers_dims: list[int], rng: np.random.Generator) -> Parameters:
    """Call an initializer whether or not it takes ``rng`` (zeros does not)."""
    takes_rng = len(inspect.signature(initialize).parameters) > 1
    return initialize(list(layers_dims), rng) if takes_rng else initialize(list(layers_dims))


class InitializationExplorer:
    """Pick an initialization and a scale for its weights, retrain, watch cost and boundary.

    ``initializers`` maps a name to a function ``(layers_dims[, rng]) -> parameters`` — the
    student's own functions, so the explorer shows their code at work.
    """

    controls = INITIALIZATION_CONTROLS

    def __init__(self, initializers: Mapping[str, Callable], X_train: Array, Y_train: Array, X_test: Array, Y_test: Array,
                 layers_dims: Sequence[int] = (2, 10, 5, 1), redraw_every: int = 1000):
        self.initializers = dict(initializers)
        self.data = (X_train, Y_train, X_test, Y_test)
        self.layers_dims = list(layers_dims)
        self.redraw_every = redraw_every
        self.settings = {c.name: c.default for c in self.controls}
        if self.settings["init"] not in self.initializers:
            self.settings["init"] = next(iter(self.initializers))
        self.state: TrainState | None = None
        self._widgets: dict[str, Any] = {}
        self._output = None

    def run(self, on_chunk: Callable[["InitializationExplorer"], None] | None = None, **settings: Any) -> TrainState:
        """Retrain from scratch with the current settings (updated by ``settings``)."""
        self.settings.update(settings)
        s = self.settings
        X_train, Y_train, _, _ = self.data
        rng = np.random.default_rng(int(s["seed"]))
        parameters = rescale_weights(call_initializer(self.initializers[s["init"]], self.layers_dims, rng), s["scale"])
        config = TrainConfig(learning_rate=s["learning_rate"])
        self.state = TrainState(parameters=parameters)
        while self.state.iteration < s["iterations"]:
            before = self.state.iteration
            self.state = train_steps(self.state, X_train, Y_train, min(self.redraw_every, s["iterations"] - before), config)
            if on_chunk:
                on_chunk(self)
            if self.state.iteration == before or not np.isfinite(self.state.costs[-1]):
                break
        return self.state

    def accuracies(self) -> tuple[float, float]:
        """Train and test accuracy of the current parameters."""
        X_train, Y_train, X_test, Y_test = self.data
        return accuracy(X_train, Y_train, self.state.parameters), accuracy(X_test, Y_test, self.state.parameters)

    def settings_string(self) -> str:
        return settings_to_string(self.settings)

    def draw(self) -> plt.Figure:
        """Cost curve and decision boundary of the current state, with the accuracies."""
        X_train, Y_train, _, _ = self.data
        fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
        plot_costs(self.state.costs, ax=left, title=f"cost, iteration {self.state.iteration}")
        train_acc, test_acc = self.accuracies()
        parameters = self.state.parameters
        plot_decision_boundary(lambda grid: predict(grid, parameters), X_train, Y_train, ax=right,
                               title=f"train {train_acc:.0%} · test {test_acc:.0%}")
        fig.tight_layout()
        return fig

    def widget(self):
        """The controls, a Train button and the live plots, ready to display."""
        import ipywidgets as w
        from IPython.display import clear_output, display

        self._output = w.Output()
        for control in self.controls:
            options = list(self.initializers) if control.name == "init" else None
            self._widgets[control.name] = control.make_widget(options)
            self._widgets[control.name].value = self.settings[control.name]
        button = w.Button(description="Train", button_style="primary", icon="play")
        status = w.HTML()

        def redraw(explorer: InitializationExplorer) -> None:
            with self._output:
                clear_output(wait=True)
                fig = explorer.draw()
                display(fig)
                plt.close(fig)

        def retrain(_=None) -> None:
            button.disabled = True
            status.value = "training…"
            self.run(on_chunk=redraw, **{name: wid.value for name, wid in self._widgets.items()})
            cost = self.state.costs[-1]
            status.value = f"<code>{self.settings_string()}</code> · final cost {cost:.4g}"
            button.disabled = False

        button.on_click(retrain)
        for wid in self._widgets.values():
            wid.observe(retrain, names="value")
        retrain()
        return w.VBox([*self._widgets.values(), w.HBox([button, status]), self._output])
