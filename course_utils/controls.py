"""The controls room: every control of the explorers and the playground, declared once, and the one
way their settings become a ``TrainConfig``.

``CONTROLS`` is the one table. A row is a control's name in the settings, its label, default, range
or options, where the playground shows it (``group``) and what it sets: in words, what lies outside
``TrainConfig`` (``sets``: the data, the layers, the initial parameters), and the ``TrainConfig``
fields (``config``), built by the row's maker from the settings and the student's functions
(``make``; without one, the field is the setting's value). Each explorer picks its rows (the
``*_CONTROLS`` tuples below, with its own defaults where it needs them), the playground picks
``PLAYGROUND_CONTROLS``, and ``train_config(rows, settings, functions)`` is the one mapping from
their settings to a ``TrainConfig``. Widgets, checked settings and the short settings string that
reproduces a run are all derived from the rows; option lists come from the registries they choose
from (``optimizers``, ``surfaces``, ``layers``, ``data``).

A setting that trains with other code is another row: L2's ``lambd`` is the student's L2 functions
in the Regularization explorer (row ``lambd``) and the course's own penalty ``TrainConfig.l2`` in
the playground (row ``l2``); the learning-rate decay is ``schedule_lr_decay`` every
``time_interval`` epochs in the Optimization explorer (row ``decay_rate``) and ``update_lr`` every
epoch in the playground (row ``decay_per_epoch``). Nothing here draws: the explorers (``widgets``,
``tensorflow_tools``) and the playground are siblings that never import each other; ``panel`` shows rows.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping, Sequence
from urllib.parse import parse_qsl, urlencode

import numpy as np

from .batchnorm import BatchNorm
from .data import GENERATORS
from .layers import ACTIVATIONS
from .optimizers import OPTIMIZER_NAMES, optimizer_named, over_pairs
from .surfaces import SURFACES
from .train import Regularizers, TrainConfig, dropout_passes

Settings = Mapping[str, Any]
Functions = Mapping[str, Callable]  # the student's functions by their graded names
Maker = Callable[[Settings, Functions], dict[str, Any]]  # (settings, functions) -> TrainConfig fields


@dataclass(frozen=True)
class Control:
    """One control: its name in the settings, its label, its range; where the playground shows it
    (``group``); what it sets outside ``TrainConfig``, in words (``sets``), and the ``TrainConfig``
    fields it sets (``config``), built by ``make(settings, functions)`` (without a maker, the one
    field is the setting's value; rows that share a maker build their fields together). ``key`` is
    the row's key in ``CONTROLS`` when another row has the same name because it trains with other
    code (the name otherwise)."""

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
    make: Maker | None = None  # builds the config fields; None: the one field is the setting's value
    group: str = ""  # the playground's box of controls it stands in
    sets: str = ""  # what it sets outside TrainConfig, e.g. "the data"
    key: str = ""  # its key in CONTROLS when another row has the same name

    def make_widget(self, description_width: str = "140px", width: str = "420px"):
        """This control's widget at its default: a dropdown, a slider over the choices, a log or a
        linear slider."""
        import ipywidgets as w

        style, layout = {"description_width": description_width}, w.Layout(width=width)
        common = dict(description=self.label, style=style, layout=layout, continuous_update=False)
        if self.options:
            common.pop("continuous_update")
            return w.Dropdown(options=list(self.options), value=self.default, **common)
        if self.choices:
            return w.SelectionSlider(options=[(f"{v:g}", v) for v in self.choices], value=self.default, **common)
        if self.log:
            return w.FloatLogSlider(
                value=self.default,
                base=10,
                min=np.log10(self.low),
                max=np.log10(self.high),
                step=self.step or 0.1,
                readout_format=".3g",
                **common,
            )
        if isinstance(self.default, int):
            return w.IntSlider(
                value=self.default, min=int(self.low), max=int(self.high), step=int(self.step or 1), **common
            )
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
            # a log slider's value is 10 ** its exponent, worked out in the browser: an end may come back rounded off
            ends = [end for end in (self.low, self.high) if np.isclose(value, end, rtol=1e-9, atol=0)]
            if not ends:
                raise ValueError(f"{self.name}={value!r}: it is between {self.low:g} and {self.high:g}")
            value = ends[0]
        return int(value) if isinstance(self.default, int) else float(value)

    def parse(self, text: str) -> Any:
        """The value from its text in a settings string."""
        if self.options or isinstance(self.default, str):
            return text
        return type(self.default)(float(text)) if isinstance(self.default, int) else float(text)


def defaults(rows: Sequence[Control]) -> dict[str, Any]:
    """The rows' defaults, by name: where every explorer's settings start."""
    return {row.name: row.default for row in rows}


def _refuse_unknown(rows: Sequence[Control], names: Sequence[str], owner: str) -> None:
    """A ValueError if a name is no row's: it names the rows' names, and the nearest one to a misspelling."""
    known = [row.name for row in rows]
    unknown = sorted(set(names) - set(known))
    if unknown:
        near = [match for name in unknown for match in difflib.get_close_matches(name, known, n=1)]
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        raise ValueError(f"unknown settings {unknown}{hint}: the settings of {owner} are {', '.join(known)}")


def check_settings(rows: Sequence[Control], settings: Settings, owner: str = "these controls") -> dict[str, Any]:
    """``settings`` as the rows hold them; a ValueError for a name that is no row's (it names the
    valid ones) or a value out of its row's range (``Control.check``)."""
    _refuse_unknown(rows, list(settings), owner)
    by_name = {row.name: row for row in rows}
    return {name: by_name[name].check(value) for name, value in settings.items()}


def settings_to_string(settings: Mapping[str, Any]) -> str:
    """A short string that reproduces a run, e.g. ``init=He&scale=1&...`` (the seed included)."""
    return urlencode({k: f"{v:g}" if isinstance(v, float) else v for k, v in settings.items()})


def settings_from_string(text: str, controls: Sequence[Control]) -> dict[str, Any]:
    """Inverse of ``settings_to_string``; unknown names are an error, missing ones take defaults."""
    values = dict(parse_qsl(text))
    _refuse_unknown(controls, list(values), "these controls")
    return {c.name: c.parse(values[c.name]) if c.name in values else c.default for c in controls}


# ---- the makers: TrainConfig fields from the settings and the student's functions (graded names) ----


def _optimizer(settings: Settings, functions: Functions) -> dict[str, Any]:
    """The optimizer named, of the student's functions, with its betas. ``over_pairs`` gives batch
    norm's gamma and beta the rule of W and b; a plain network's parameters go through it unchanged."""
    s = settings
    return {"optimizer": over_pairs(optimizer_named(s["optimizer"], functions, s["beta"], s["beta1"], s["beta2"]))}


def _mini_batches(settings: Settings, functions: Functions) -> dict[str, Any]:
    return {"mini_batch_size": int(settings["mini_batch_size"]), "batches": functions["random_mini_batches"]}


def _dropout(settings: Settings, functions: Functions) -> dict[str, Any]:
    """Inverted dropout with the student's two functions; none at keep_prob 1 (nor their functions
    asked for: a student who has not written them yet can still train)."""
    if settings["keep_prob"] >= 1:
        return {"forward": None, "backward": None}
    forward, backward = dropout_passes(
        functions["forward_propagation_with_dropout"],
        functions["backward_propagation_with_dropout"],
        settings["keep_prob"],
    )
    return {"forward": forward, "backward": backward}


def _your_l2_and_dropout(settings: Settings, functions: Functions) -> dict[str, Any]:
    """The student's L2 functions of strength lambd, and dropout, built together: with both, the
    backward pass is dropout's with the student's L2 term added (``train.Regularizers.config``)."""
    config = Regularizers.named(functions).config(settings["lambd"], settings.get("keep_prob", 1.0))
    return {"forward": config.forward, "cost": config.cost, "backward": config.backward}


def _decay_every_interval(settings: Settings, functions: Functions) -> dict[str, Any]:
    """The student's ``schedule_lr_decay``: decay by whole intervals of ``time_interval`` epochs
    (a value the explorer gives, not a control)."""
    decay, interval = settings["decay_rate"], settings["time_interval"]
    if not decay:
        return {"schedule": None}
    schedule_lr_decay = functions["schedule_lr_decay"]
    return {"schedule": lambda learning_rate0, epoch: schedule_lr_decay(learning_rate0, epoch, decay, interval)}


def _decay_every_epoch(settings: Settings, functions: Functions) -> dict[str, Any]:
    """The student's ``update_lr``: decay every epoch."""
    decay = settings["decay_rate"]
    if not decay:
        return {"schedule": None}
    update_lr = functions["update_lr"]
    return {"schedule": lambda learning_rate0, epoch: update_lr(learning_rate0, epoch, decay)}


def _batchnorm(settings: Settings, functions: Functions) -> dict[str, Any]:
    on = settings["batchnorm"] == "on"
    return {"batchnorm": BatchNorm(functions["batchnorm_forward"], functions["batchnorm_backward"]) if on else None}


def train_config(
    rows: Sequence[Control], settings: Settings, functions: Functions | None = None, **given: Any
) -> TrainConfig:
    """The ``TrainConfig`` these settings make: every row's ``config`` fields, built by its maker from
    the settings and the student's ``functions`` (by their graded names), or the setting's value for
    a row without one. ``given``: values a maker reads that no control sets (the Optimization
    explorer's ``time_interval``). A maker shared by several rows runs once; two makers that build
    the same field are a mistake of the table, refused."""
    values, functions = {**given, **settings}, functions if functions is not None else {}
    fields: dict[str, Any] = {}
    built_by: dict[str, str] = {}
    makers_run: list[Maker] = []
    for row in rows:
        if row.make is None:
            made = {field: settings[row.name] for field in row.config}
        elif row.make in makers_run:
            continue
        else:
            made = row.make(values, functions)
            makers_run.append(row.make)
        for field in made:
            if field in built_by:
                raise ValueError(
                    f"the rows {built_by[field]!r} and {row.name!r} both build TrainConfig.{field}: give them one maker"
                )
            built_by[field] = row.name
        fields.update(made)
    return TrainConfig(**fields)


LAMBDS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.7, 1.0, 3.0, 10.0)  # 0, then a log scale

# fmt: off
# (a row a line: the table reads as one)
# The one table of controls, by key. Each explorer (and the playground) picks its rows with ``controls``.
CONTROLS: dict[str, Control] = {c.key or c.name: c for c in (
    Control("dataset", "dataset", "moons", options=tuple(GENERATORS), group="data", sets="the data"),
    Control("noise", "noise", 0.2, low=0.0, high=0.5, step=0.05, group="data", sets="the data"),
    Control("test_fraction", "test share", 0.3, low=0.1, high=0.9, step=0.1, group="data", sets="the data"),
    Control("hidden_layers", "hidden layers", 2, low=1, high=6, group="network", sets="the layers"),
    Control("activation", "activation", "relu", options=tuple(ACTIVATIONS), config=("hidden_activation",), group="network"),
    Control("init", "initialization", "He", group="network", sets="the initial parameters"),  # options: the explorer's
    Control("scale", "× weight scale", 1.0, low=0.01, high=100.0, log=True, group="network", sets="the initial parameters"),
    # L2 of strength lambd, two rows. The Regularization explorer's trains with the student's L2
    # functions (the cost, the backward pass); with dropout on, its maker builds both (one backward pass).
    Control("lambd", "L2 λ (lambd)", 0.0, choices=LAMBDS, config=("cost", "backward"), make=_your_l2_and_dropout,
            group="regularization"),
    # The playground's trains with the course's own L2 penalty, which combines with batch norm, any
    # activation and dropout (the student's L2 functions are written for the plain ReLU network).
    Control("lambd", "L2 λ", 0.0, choices=LAMBDS, config=("l2",), group="regularization", key="l2"),
    Control("keep_prob", "dropout keep_prob", 1.0, low=0.5, high=1.0, step=0.01, config=("forward", "backward"), make=_dropout,
            group="regularization"),
    Control("learning_rate", "learning rate", 0.01, low=1e-4, high=1.0, log=True, config=("learning_rate",), group="optimization"),
    Control("iterations", "iterations", 5000, low=500, high=15000, step=500),
    Control("seed", "seed", 1, low=0, high=99, config=("seed",), group="data", sets="the initialization"),
    Control("epsilon", "epsilon (ε)", 1e-7, low=1e-12, high=1e-1, step=0.5, log=True),
    Control("optimizer", "optimizer", "adam", options=OPTIMIZER_NAMES, config=("optimizer",), make=_optimizer, group="optimization"),
    Control("beta", "β (momentum), β2 (RMSprop)", 0.9, choices=(0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999), config=("optimizer",),
            make=_optimizer, group="optimization"),
    Control("beta1", "β1 (Adam)", 0.9, choices=(0.0, 0.5, 0.8, 0.9, 0.95, 0.99), config=("optimizer",), make=_optimizer,
            group="optimization"),
    Control("beta2", "β2 (Adam)", 0.999, choices=(0.9, 0.99, 0.999, 0.9999), config=("optimizer",), make=_optimizer,
            group="optimization"),
    Control("mini_batch_size", "mini-batch size", 64, choices=(1, 8, 16, 32, 64, 128, 256, 1024), config=("mini_batch_size", "batches"),
            make=_mini_batches, group="optimization"),
    # Learning-rate decay, two rows: the Optimization explorer's decays by whole intervals of epochs
    # (schedule_lr_decay), the playground's every epoch (update_lr).
    Control("decay_rate", "lr decay rate", 0.0, choices=(0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0), config=("schedule",),
            make=_decay_every_interval, group="optimization"),
    Control("decay_rate", "lr decay / epoch", 0.0, choices=(0.0, 0.001, 0.003, 0.01, 0.03, 0.1), config=("schedule",),
            make=_decay_every_epoch, group="optimization", key="decay_per_epoch"),
    Control("epochs", "epochs", 1000, low=100, high=5000, step=100),
    Control("surface", "surface", "quadratic", options=tuple(SURFACES)),
    Control("steps", "steps", 300, low=10, high=3000, step=10),
    Control("depth", "layers (depth)", 8, low=2, high=12),
    Control("hidden", "hidden units", 25, low=2, high=128, group="network", sets="the layers"),
    Control("batchnorm", "batch norm", "on", options=("on", "off"), config=("batchnorm",), make=_batchnorm, group="network"),
    Control("trials", "trials (coarse, then fine)", 8, low=4, high=40),
    Control("top_k", "refine around the best", 4, low=2, high=10),
)}
# fmt: on


def controls(*keys: str, **changes: Mapping[str, Any]) -> tuple[Control, ...]:
    """The rows ``keys`` of ``CONTROLS``, in that order; ``changes`` gives a row (by its key) other
    fields, e.g. ``iterations={"default": 10000, "high": 30000}``."""
    misplaced = set(changes) - set(keys)
    if misplaced:
        raise ValueError(f"changes to rows not picked: {sorted(misplaced)}")
    rows = tuple(replace(CONTROLS[key], **changes.get(key, {})) for key in keys)
    names = [row.name for row in rows]
    if len(set(names)) < len(names):
        raise ValueError(f"two rows set one setting in {keys}: pick one of them")
    return rows


# fmt: off
INITIALIZATION_CONTROLS = controls("init", "scale", "learning_rate", "iterations", "seed")
EPSILON_CONTROLS = controls("epsilon")
TRAJECTORY_CONTROLS = controls("surface", "learning_rate", "beta", "beta1", "beta2", "steps", learning_rate={"default": 0.1})
OPTIMIZATION_CONTROLS = controls("optimizer", "learning_rate", "beta", "beta1", "beta2", "mini_batch_size", "decay_rate", "epochs", "seed",
                                 learning_rate={"default": 0.0007})
BATCHNORM_CONTROLS = controls("depth", "learning_rate", "batchnorm", "iterations", "seed",
                              learning_rate={"default": 1.0, "high": 10.0}, iterations={"default": 300, "low": 50, "high": 2000, "step": 50})
SEARCH_CONTROLS = controls("trials", "top_k", "seed")
# With the student's L2, dropout's passes come from L2's maker too (both change the backward pass).
REGULARIZATION_CONTROLS = controls("lambd", "keep_prob", "learning_rate", "iterations", "seed",
                                   keep_prob={"make": _your_l2_and_dropout},
                                   learning_rate={"default": 0.3}, iterations={"default": 5000, "high": 30000})
TENSORFLOW_CONTROLS = controls("learning_rate", "hidden", "epochs", "mini_batch_size", "seed",
                               learning_rate={"default": 0.003, "high": 0.1}, epochs={"default": 20, "low": 5, "high": 60, "step": 5},
                               mini_batch_size={"default": 32})
PLAYGROUND_CONTROLS = controls(
    "dataset", "noise", "test_fraction", "hidden_layers", "hidden", "activation", "init", "scale", "l2", "keep_prob",
    "optimizer", "learning_rate", "beta", "beta1", "beta2", "decay_per_epoch", "mini_batch_size", "batchnorm", "seed",
    hidden={"label": "units per layer", "default": 8, "low": 1, "high": 32},
    init={"default": "he", "options": ("zeros", "random", "he", "xavier")},
    scale={"label": "weight scale ×"}, keep_prob={"label": "keep_prob"}, beta={"label": "β mom., β2 RMSprop"},
    mini_batch_size={"label": "mini-batch size", "choices": (8, 16, 32, 64, 128, 256, 512)},  # 512: the whole training set
    batchnorm={"default": "off"}, seed={"sets": "the data, the initialization"},
)
# fmt: on
