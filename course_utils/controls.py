"""The controls of every explorer and of the playground, declared once.

``CONTROLS`` is the one table: a row is a control's name in the settings, its label, default,
range or options, and the ``TrainConfig`` fields it sets. Each explorer picks its rows (the
``*_CONTROLS`` tuples below, with its own defaults where it needs them) and the playground picks
``PLAYGROUND_CONTROLS`` from the same table; widgets, settings dicts and the short settings string
that reproduces a run are all derived from the rows. Nothing here draws or trains: the explorers
(``widgets``, ``framework``), the playground and the panel that shows them (``panel``) import it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence
from urllib.parse import parse_qsl, urlencode

import numpy as np


@dataclass(frozen=True)
class Control:
    """One control: its name in the settings, its label, its range, and the ``TrainConfig``
    fields it sets (``config``; none for a control of the data, the network or the initialization)."""

    name: str
    label: str
    default: Any
    options: Sequence[str] = ()  # a dropdown when given
    low: float = 0.0
    high: float = 1.0
    step: float | None = None
    log: bool = False  # a log-scale slider: low and high are the extreme values
    choices: Sequence[float] = ()  # a slider over these values only (a log scale that also has 0)
    config: tuple[str, ...] = ()  # the TrainConfig fields this control sets

    def make_widget(self, options: Sequence[str] | None = None):
        import ipywidgets as w

        style, layout = {"description_width": "140px"}, w.Layout(width="420px")
        common = dict(description=self.label, style=style, layout=layout, continuous_update=False)
        if self.options or options:
            common.pop("continuous_update")
            return w.Dropdown(options=list(options or self.options), value=self.default, **common)
        if self.choices:
            return w.SelectionSlider(options=[(f"{v:g}", v) for v in self.choices], value=self.default, **common)
        if self.log:
            return w.FloatLogSlider(value=self.default, base=10, min=np.log10(self.low), max=np.log10(self.high),
                                    step=self.step or 0.1, readout_format=".3g", **common)
        if isinstance(self.default, int):
            return w.IntSlider(value=self.default, min=int(self.low), max=int(self.high), step=int(self.step or 1), **common)
        return w.FloatSlider(value=self.default, min=self.low, max=self.high, step=self.step or 0.01, **common)

    def check(self, value: Any) -> Any:
        """``value`` as this control holds it, if its widget can take it; else a ValueError that
        names the control and says what it takes."""
        if self.options:
            if value not in self.options:
                raise ValueError(f"{self.name}={value!r}: it is one of {', '.join(map(repr, self.options))}")
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ValueError(f"{self.name}={value!r}: it is a number")
        if self.choices:
            match = [choice for choice in self.choices if np.isclose(choice, value, rtol=1e-9, atol=0)]
            if not match:
                raise ValueError(f"{self.name}={value!r}: it is one of {', '.join(f'{c:g}' for c in self.choices)}")
            value = match[0]
        elif not self.low <= value <= self.high:
            raise ValueError(f"{self.name}={value!r}: it is between {self.low:g} and {self.high:g}")
        return int(value) if isinstance(self.default, int) else float(value)

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


# The one table of controls. Each explorer (and the playground) picks its rows with ``controls``.
CONTROLS: dict[str, Control] = {c.name: c for c in (
    Control("dataset", "dataset", "moons", options=("circles", "moons", "spirals")),
    Control("noise", "noise", 0.2, low=0.0, high=0.5, step=0.05),
    Control("test_fraction", "test share", 0.3, low=0.1, high=0.9, step=0.1),
    Control("hidden_layers", "hidden layers", 2, low=1, high=6),
    Control("activation", "activation", "relu", options=("relu", "tanh", "sigmoid"), config=("hidden_activation",)),
    Control("init", "initialization", "He"),
    Control("scale", "× weight scale", 1.0, low=0.01, high=100.0, log=True),
    Control("lambd", "L2 λ (lambd)", 0.0, choices=(0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.7, 1.0, 3.0, 10.0), config=("l2",)),
    Control("keep_prob", "dropout keep_prob", 1.0, low=0.5, high=1.0, step=0.01, config=("forward", "backward")),
    Control("learning_rate", "learning rate", 0.01, low=1e-4, high=1.0, log=True, config=("learning_rate",)),
    Control("iterations", "iterations", 5000, low=500, high=15000, step=500),
    Control("seed", "seed", 1, low=0, high=99, config=("seed",)),
    Control("epsilon", "epsilon (ε)", 1e-7, low=1e-12, high=1e-1, step=0.5, log=True),
    Control("optimizer", "optimizer", "adam", options=("gd", "momentum", "rmsprop", "adam"), config=("optimizer",)),
    Control("beta", "β (momentum, RMSprop)", 0.9, choices=(0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999), config=("optimizer",)),
    Control("beta1", "β1 (Adam)", 0.9, choices=(0.0, 0.5, 0.8, 0.9, 0.95, 0.99), config=("optimizer",)),
    Control("beta2", "β2 (Adam)", 0.999, choices=(0.9, 0.99, 0.999, 0.9999), config=("optimizer",)),
    Control("mini_batch_size", "mini-batch size", 64, choices=(1, 8, 16, 32, 64, 128, 256, 1024), config=("mini_batch_size", "batches")),
    Control("decay_rate", "lr decay rate", 0.0, choices=(0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0), config=("schedule",)),
    Control("epochs", "epochs", 1000, low=100, high=5000, step=100),
    Control("surface", "surface", "quadratic", options=("quadratic", "rosenbrock")),
    Control("steps", "steps", 300, low=10, high=3000, step=10),
    Control("depth", "layers (depth)", 8, low=2, high=12),
    Control("hidden", "hidden units", 25, low=2, high=128),
    Control("batchnorm", "batch norm", "on", options=("on", "off"), config=("batchnorm",)),
    Control("trials", "trials (coarse, then fine)", 8, low=4, high=40),
    Control("top_k", "refine around the best", 4, low=2, high=10),
)}


def controls(*names: str, **changes: Mapping[str, Any]) -> tuple[Control, ...]:
    """The rows ``names`` of ``CONTROLS``, in that order; ``changes`` gives a row other fields,
    e.g. ``iterations={"default": 10000, "high": 30000}``."""
    return tuple(replace(CONTROLS[name], **changes.get(name, {})) for name in names)


INITIALIZATION_CONTROLS = controls("init", "scale", "learning_rate", "iterations", "seed")
EPSILON_CONTROLS = controls("epsilon")
TRAJECTORY_CONTROLS = controls("surface", "learning_rate", "beta", "beta1", "beta2", "steps", learning_rate={"default": 0.1})
OPTIMIZATION_CONTROLS = controls("optimizer", "learning_rate", "beta", "beta1", "beta2", "mini_batch_size", "decay_rate", "epochs", "seed",
                                 learning_rate={"default": 0.0007})
BATCHNORM_CONTROLS = controls("depth", "learning_rate", "batchnorm", "iterations", "seed",
                              learning_rate={"default": 1.0, "high": 10.0}, iterations={"default": 300, "low": 50, "high": 2000, "step": 50})
SEARCH_CONTROLS = controls("trials", "top_k", "seed")
REGULARIZATION_CONTROLS = controls("lambd", "keep_prob", "learning_rate", "iterations", "seed",
                                   learning_rate={"default": 0.3}, iterations={"default": 5000, "high": 30000})
TENSORFLOW_CONTROLS = controls("learning_rate", "hidden", "epochs", "mini_batch_size", "seed",
                               learning_rate={"default": 0.003, "high": 0.1}, epochs={"default": 20, "low": 5, "high": 60, "step": 5},
                               mini_batch_size={"default": 32})
