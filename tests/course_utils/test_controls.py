"""The controls room (course_utils/controls.py, panel.py): one table whose option lists are the
registries', one mapping from settings to a ``TrainConfig`` for every explorer and the playground
(the same configurations their hand-written code made), one meaning per row, settings refused
with the valid names whatever the explorer, and explorers that never import each other."""

from __future__ import annotations

import dataclasses

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import tests.support.optimization_functions as opt  # noqa: E402
from course_utils.batchnorm import BatchNorm  # noqa: E402
from course_utils.controls import (  # noqa: E402
    CONTROLS,
    OPTIMIZATION_CONTROLS,
    PLAYGROUND_CONTROLS,
    REGULARIZATION_CONTROLS,
    TRAJECTORY_CONTROLS,
    controls,
    defaults,
    settings_from_string,
    train_config,
)
from course_utils.data import GENERATORS  # noqa: E402
from course_utils.layers import ACTIVATIONS  # noqa: E402
from course_utils.optimizers import OPTIMIZER_NAMES, optimizer_named, over_pairs  # noqa: E402
from course_utils.panel import Controlled  # noqa: E402
from course_utils.surfaces import SURFACES  # noqa: E402
from course_utils.train import TrainConfig, TrainState, train_steps  # noqa: E402
from tests.checks.test_batchnorm import backward_compact, forward_with  # noqa: E402
from tests.checks.test_tuning import refine_with, search_with  # noqa: E402
from tests.course_utils.test_widgets_plots import he  # noqa: E402
from tests.support.regularization_functions import REGULARIZERS  # noqa: E402

OPTIMIZATION = {name: getattr(opt, name) for name in dir(opt) if not name.startswith("_")}


# ---- the table ----


def test_the_option_lists_are_the_registries():
    for key, registry in (
        ("optimizer", OPTIMIZER_NAMES),
        ("surface", tuple(SURFACES)),
        ("activation", tuple(ACTIVATIONS)),
        ("dataset", tuple(GENERATORS)),
    ):
        assert tuple(CONTROLS[key].options) == registry, key
    rows = {c.name: c for c in (*PLAYGROUND_CONTROLS, *TRAJECTORY_CONTROLS, *OPTIMIZATION_CONTROLS)}
    assert rows["optimizer"].options == OPTIMIZER_NAMES and tuple(rows["surface"].options) == tuple(SURFACES)
    assert tuple(rows["activation"].options) == tuple(ACTIVATIONS) and tuple(rows["dataset"].options) == tuple(
        GENERATORS
    )


def test_each_l2_row_says_what_it_trains_with():
    """Two rows set ``lambd``: the Regularization explorer's trains with the student's L2 functions
    (the cost and the backward pass), the playground's with the course's penalty (``TrainConfig.l2``)."""
    yours, course = CONTROLS["lambd"], CONTROLS["l2"]
    assert yours.name == course.name == "lambd" and yours.label != course.label
    assert yours.config == ("cost", "backward") and course.config == ("l2",)
    assert next(c for c in REGULARIZATION_CONTROLS if c.name == "lambd") == yours
    assert next(c for c in PLAYGROUND_CONTROLS if c.name == "lambd") == course

    calls = []
    spied = dataclasses.replace(REGULARIZERS, l2_cost=lambda *a: calls.append("cost") or REGULARIZERS.l2_cost(*a))
    config = train_config(REGULARIZATION_CONTROLS, defaults(REGULARIZATION_CONTROLS) | {"lambd": 0.3}, spied.by_name())
    assert config.l2 == 0 and config.cost is not None
    config.run_cost(np.zeros((1, 3)), np.ones((1, 3)), {"W1": np.ones((1, 2))})
    assert calls == ["cost"], "the student's L2 cost trains the Regularization explorer"
    config = train_config(controls("l2"), {"lambd": 0.3})
    assert config.l2 == 0.3 and config.cost is None and config.backward is None
    with pytest.raises(ValueError, match="two rows set one setting"):
        controls("lambd", "l2")


def test_two_makers_that_build_one_field_are_refused():
    """The table's guard: the student's L2 maker (which builds dropout's passes too) and the
    playground's dropout maker both build the forward and backward passes, so the Regularization
    explorer's keep_prob takes L2's maker."""
    rows = (CONTROLS["lambd"], CONTROLS["keep_prob"])
    with pytest.raises(
        ValueError, match=r"the rows 'lambd' and 'keep_prob' both build TrainConfig\.(forward|backward)"
    ):
        train_config(rows, {"lambd": 0.1, "keep_prob": 0.8}, REGULARIZERS.by_name())


def test_a_browser_rounding_at_a_log_sliders_end_is_taken_and_beyond_it_is_refused():
    rate = CONTROLS["learning_rate"]
    assert rate.check(1e-4 * (1 - 1e-13)) == 1e-4 and rate.check(1.0 + 1e-13) == 1.0
    with pytest.raises(ValueError, match="between 0.0001 and 1"):
        rate.check(1e-4 * 0.99)


# ---- one mapping, the configurations the hand-written code made (kept here as it was) ----


def old_regularization(settings):
    return REGULARIZERS.config(
        settings["lambd"], settings["keep_prob"], learning_rate=settings["learning_rate"], seed=int(settings["seed"])
    )


def old_optimization(settings, time_interval=5):
    optimizer = optimizer_named(
        settings["optimizer"], OPTIMIZATION, settings["beta"], settings["beta1"], settings["beta2"]
    )
    decay, schedule_lr_decay = settings["decay_rate"], OPTIMIZATION["schedule_lr_decay"]
    schedule = (lambda lr0, epoch: schedule_lr_decay(lr0, epoch, decay, time_interval)) if decay > 0 else None
    return TrainConfig(
        learning_rate=settings["learning_rate"],
        optimizer=optimizer,
        mini_batch_size=int(settings["mini_batch_size"]),
        batches=OPTIMIZATION["random_mini_batches"],
        schedule=schedule,
        seed=int(settings["seed"]),
    )


def old_playground(settings, functions):
    """The playground's FIELD_MAKERS, as they were."""

    def dropout(which):
        if settings["keep_prob"] >= 1:
            return None
        keep_prob = settings["keep_prob"]
        if which == "forward":
            return lambda X, parameters, rng: functions["forward_propagation_with_dropout"](
                X, parameters, keep_prob, rng
            )
        return lambda X, Y, ZL, caches: functions["backward_propagation_with_dropout"](X, Y, caches, keep_prob)

    s, decay = settings, settings["decay_rate"]
    return TrainConfig(
        learning_rate=s["learning_rate"],
        hidden_activation=s["activation"],
        seed=s["seed"],
        l2=s["lambd"],
        mini_batch_size=s["mini_batch_size"],
        optimizer=over_pairs(optimizer_named(s["optimizer"], functions, s["beta"], s["beta1"], s["beta2"])),
        schedule=(lambda lr0, epoch: functions["update_lr"](lr0, epoch, decay)) if decay else None,
        batches=functions["random_mini_batches"],
        forward=dropout("forward"),
        backward=dropout("backward"),
        batchnorm=BatchNorm(functions["batchnorm_forward"], functions["batchnorm_backward"])
        if s["batchnorm"] == "on"
        else None,
    )


def explorer_cases(data):
    """(explorer, its settings, the config its old ``start`` made) for several settings of each."""
    from course_utils.widgets import (
        BatchNormExplorer,
        InitializationExplorer,
        OptimizationExplorer,
        RegularizationExplorer,
    )

    def with_defaults(explorer, **settings):
        return explorer, defaults(explorer.controls) | settings

    cases = []
    for settings in ({}, {"init": "He", "learning_rate": 0.3, "seed": 4}):
        explorer, s = with_defaults(InitializationExplorer({"He": he}, *data), **settings)
        cases.append(("initialization", explorer, s, TrainConfig(learning_rate=s["learning_rate"])))
    for settings in (
        {},
        {"lambd": 0.1},
        {"keep_prob": 0.8, "seed": 3},
        {"lambd": 0.7, "keep_prob": 0.6, "learning_rate": 0.1},
    ):
        explorer, s = with_defaults(
            RegularizationExplorer(REGULARIZERS, he, *data, layer_dims=[2, 8, 4, 1]), **settings
        )
        cases.append(("regularization", explorer, s, old_regularization(s)))
    for settings in (
        {},
        {"optimizer": "momentum", "beta": 0.8, "decay_rate": 1.0, "mini_batch_size": 16},
        {"optimizer": "rmsprop", "beta": 0.99, "learning_rate": 0.01},
        {"optimizer": "gd", "mini_batch_size": 8, "decay_rate": 0.3},
        {"optimizer": "adam", "beta1": 0.5, "beta2": 0.99, "seed": 7},
    ):
        explorer, s = with_defaults(
            OptimizationExplorer(OPTIMIZATION, he, *data, layer_dims=[2, 5, 1], time_interval=5), **settings
        )
        cases.append(("optimization", explorer, s, old_optimization(s)))
    for settings in ({}, {"batchnorm": "off", "depth": 3}, {"depth": 4, "learning_rate": 0.3}):
        explorer, s = with_defaults(BatchNormExplorer(forward_with(), backward_compact, he, *data, width=5), **settings)
        on = s["batchnorm"] == "on"
        cases.append(
            (
                "batch norm",
                explorer,
                s,
                TrainConfig(learning_rate=s["learning_rate"], batchnorm=explorer.bn if on else None),
            )
        )
    return cases


def assert_same_config(old: TrainConfig, new: TrainConfig, parameters: dict, X, Y) -> None:
    """The plain fields equal, the same functions given, and the same training from ``parameters``
    (costs and parameters bit for bit: every function field at work)."""
    for field in dataclasses.fields(TrainConfig):
        before, after = getattr(old, field.name), getattr(new, field.name)
        if field.name in ("optimizer", "schedule", "forward", "backward", "cost"):
            assert (before is None) == (after is None), field.name
        else:
            assert before == after, (field.name, before, after)
    steps = 3 * len(old.epoch_batches(X, Y, 0))
    first, second = (train_steps(TrainState(parameters=dict(parameters)), X, Y, steps, config) for config in (old, new))
    assert first.costs == second.costs and first.iteration == second.iteration == steps
    for key, value in first.parameters.items():
        np.testing.assert_array_equal(second.parameters[key], value, err_msg=key)


def test_every_explorer_builds_the_config_its_hand_written_code_built(data):
    kinds = set()
    for kind, explorer, settings, old in explorer_cases(data):
        parameters, new = explorer.start(settings)
        if kind in ("initialization", "batch norm"):
            # their old code left TrainConfig.seed at 0; the seed row sets it, and nothing these
            # configurations do draws from it (no dropout, no mini-batches)
            assert old.forward is None and old.mini_batch_size is None and new.seed == settings["seed"]
            old = dataclasses.replace(old, seed=new.seed)
        assert_same_config(old, new, parameters, *data[:2])
        kinds.add(kind)
    assert kinds == {"initialization", "regularization", "optimization", "batch norm"}


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"keep_prob": 0.8, "lambd": 0.3, "decay_rate": 0.01, "optimizer": "momentum", "beta": 0.8},
        {"batchnorm": "on", "optimizer": "rmsprop", "mini_batch_size": 32, "hidden_layers": 3},
        {"activation": "tanh", "mini_batch_size": 512, "optimizer": "gd", "learning_rate": 0.1, "seed": 5},
        {"optimizer": "adam", "beta1": 0.5, "beta2": 0.99, "decay_rate": 0.1, "keep_prob": 0.7},
    ],
    ids=["defaults", "dropout-l2-decay", "batchnorm", "tanh-full-batch", "adam-betas"],
)
def test_the_playground_builds_the_config_its_field_makers_built(settings, playground_functions):
    from course_utils.playground import Playground
    from course_utils.playground import train_config as playground_config

    playground = Playground(playground_functions, **settings)
    assert playground.error is None
    new = playground_config(playground.settings, playground_functions)
    old = old_playground(playground.settings, playground_functions)
    assert_same_config(old, new, playground.state.parameters, playground.data.X_train, playground.data.Y_train)


@pytest.fixture(scope="module")
def playground_functions():
    from course_utils.notebook_functions import course_functions
    from tests.support.grading_helpers import ROOT

    return course_functions(ROOT / "notebooks")


def outcomes(config: TrainConfig) -> dict:
    """Every field of ``config``, its functions replaced by what they compute on a fixed small case
    (two configurations built apart never share a closure, but they can compute the same)."""
    rng = np.random.default_rng(0)
    parameters = {
        "W1": rng.standard_normal((3, 2)),
        "b1": rng.standard_normal((3, 1)),
        "W2": rng.standard_normal((1, 3)),
        "b2": rng.standard_normal((1, 1)),
    }
    grads, later = (
        {"d" + key: rng.standard_normal(value.shape) for key, value in parameters.items()} for _ in range(2)
    )
    X, Y, logits = rng.standard_normal((2, 5)), (rng.random((1, 5)) > 0.5).astype(float), rng.standard_normal((1, 5))
    ZL, caches = config.run_forward(X, parameters, np.random.default_rng(1))

    def two_steps(optimizer):  # two: Adam's first step, bias-corrected, does not depend on its betas
        once, state = optimizer.step(parameters, grads, optimizer.init(parameters), 1, 0.1)
        return tuple(optimizer.step(once, later, state, 2, 0.1)[0]["W1"].ravel())

    computed = {
        "optimizer": two_steps,
        "schedule": lambda schedule: tuple(schedule(0.1, epoch) for epoch in (0, 5, 50)),
        "forward": lambda _: tuple(ZL.ravel()),
        "cost": lambda _: config.run_cost(logits, Y, parameters),  # not the forward's ZL: the cost alone
        "backward": lambda _: tuple(config.run_backward(X, Y, ZL, caches)["dW1"].ravel()),
    }
    return {
        f.name: computed[f.name](getattr(config, f.name))
        if f.name in computed and getattr(config, f.name) is not None
        else getattr(config, f.name)
        for f in dataclasses.fields(config)
    }


def test_a_control_of_an_explorer_changes_only_the_fields_its_row_names(data):
    """As the playground's test of the same name, for the explorers' rows with a maker: before, the
    Regularization explorer's lambd row said ``TrainConfig.l2`` while it set the cost and the backward pass."""
    from course_utils.widgets import BatchNormExplorer, OptimizationExplorer, RegularizationExplorer

    regularization = RegularizationExplorer(REGULARIZERS, he, *data, layer_dims=[2, 3, 1])
    optimization = OptimizationExplorer(OPTIMIZATION, he, *data, layer_dims=[2, 3, 1], time_interval=5)
    batchnorm = BatchNormExplorer(forward_with(), backward_compact, he, *data, width=3)
    both = {"lambd": 0.1, "keep_prob": 0.8}
    cases = [
        (regularization, both, "lambd", 0.3),
        (regularization, both, "keep_prob", 0.6),
        (regularization, {}, "lambd", 0.3),
        (regularization, {}, "keep_prob", 0.6),
        (optimization, {"optimizer": "momentum"}, "beta", 0.5),
        (optimization, {}, "beta1", 0.5),
        (optimization, {}, "beta2", 0.99),
        (optimization, {}, "optimizer", "rmsprop"),
        (optimization, {}, "mini_batch_size", 16),
        (optimization, {}, "decay_rate", 0.3),
        (batchnorm, {}, "batchnorm", "off"),
    ]
    for explorer, base, name, value in cases:
        settings = defaults(explorer.controls) | base
        row = next(c for c in explorer.controls if c.name == name)
        before, after = (outcomes(explorer.start(s)[1]) for s in (settings, settings | {name: value}))
        differ = {field for field in before if before[field] != after[field]}
        assert differ and differ <= set(row.config), (type(explorer).__name__, name, differ, row.config)


# ---- settings refused with the valid names, whatever the explorer ----


def explorer_of_each_kind(data):
    """One explorer of each kind, and a record of every call into the student's code."""
    from course_utils.playground import Playground
    from course_utils.tensorflow_tools import TensorFlowExplorer
    from course_utils.widgets import EpsilonExplorer, OptimizationExplorer, SearchExplorer, TrajectoryExplorer

    calls = []

    def spy(function):
        def spied(*args, **kwargs):
            calls.append(function.__name__)
            return function(*args, **kwargs)

        spied.__name__ = function.__name__
        return spied

    def train_model(*args, **kwargs):
        raise AssertionError("a refused setting never reaches the student's train_model")

    functions = {name: spy(f) for name, f in OPTIMIZATION.items() if callable(f)}
    network = {"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))}
    return calls, {
        "live view": TrajectoryExplorer(functions),
        "live view (epsilon)": EpsilonExplorer(
            spy(lambda *args: (0.0,)), network, {"g": {}}, data[0], data[1], epsilons=(1e-3,)
        ),
        "training explorer": OptimizationExplorer(functions, spy(he), *data, layer_dims=[2, 4, 1]),
        "search": SearchExplorer(
            spy(search_with()), spy(refine_with()), spy(lambda config: 0.5), {"learning_rate": ("log", 1e-5, 1.0)}
        ),
        "tensorflow": TensorFlowExplorer(train_model, None, *data, np.zeros((1, 8, 8)), np.zeros(1)),
        "playground": Playground(dict(functions)),
    }


def change(explorer, **settings):
    """What a student types: ``run(**settings)`` (a live view, which does not train: ``set``;
    the playground: ``update``)."""
    if hasattr(explorer, "update") and hasattr(explorer, "reset"):
        return explorer.update(**settings)
    return (explorer.run if hasattr(explorer, "run") else explorer.set)(**settings)


def test_a_misspelt_or_out_of_range_setting_is_refused_with_the_valid_ones_for_every_explorer(data):
    calls, explorers = explorer_of_each_kind(data)
    calls.clear()
    for kind, explorer in explorers.items():
        assert isinstance(explorer, Controlled), kind
        names = [c.name for c in explorer.controls]
        before = dict(explorer.settings)
        misspelt = names[0][:-1]
        with pytest.raises(ValueError) as refused:
            change(explorer, **{misspelt: 1})
        message = str(refused.value)
        assert f"unknown settings ['{misspelt}'] (did you mean {names[0]}?)" in message, (kind, message)
        assert message.endswith(", ".join(names)), (kind, message)
        row = next(c for c in explorer.controls if not c.options and not c.choices)
        with pytest.raises(ValueError, match=rf"{row.name}=.*: it is between {row.low:g} and {row.high:g}"):
            change(explorer, **{row.name: row.high * 10 + 1})
        assert explorer.settings == before, kind
    assert calls == [], "nothing of the student's ran with a refused setting"


def test_a_settings_string_with_an_unknown_name_says_the_known_ones():
    with pytest.raises(
        ValueError, match=r"unknown settings \['lr'\]: the settings of these controls are surface, learning_rate"
    ):
        settings_from_string("lr=0.1", TRAJECTORY_CONTROLS)
