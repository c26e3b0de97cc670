"""Plots draw what they are given; the explorer retrains when a control moves and reproduces
a run from its settings string."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils.plots import plot_costs, plot_dataset, plot_decision_boundary, plot_layer_statistics
from course_utils.widgets import (
    INITIALIZATION_CONTROLS,
    InitializationExplorer,
    settings_from_string,
    settings_to_string,
)


def he(dims, rng):
    return {
        k: v
        for l in range(1, len(dims))
        for k, v in (
            (f"W{l}", rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(2 / dims[l - 1])),
            (f"b{l}", np.zeros((dims[l], 1))),
        )
    }


def zeros(dims):
    return {
        k: v
        for l in range(1, len(dims))
        for k, v in ((f"W{l}", np.zeros((dims[l], dims[l - 1]))), (f"b{l}", np.zeros((dims[l], 1))))
    }


def test_decision_boundary_shades_by_the_prediction(data):
    X, Y, _, _ = data
    ax = plot_decision_boundary(lambda grid: (grid[0:1] > 0).astype(int), X, Y, title="half")
    assert ax.get_title() == "half"
    assert len(ax.collections) >= 3  # the shading and one scatter per class
    plt.close("all")


def test_plot_dataset_colours_each_class(data):
    X, Y, _, _ = data
    ax = plot_dataset(X, Y)
    sizes = sorted(len(c.get_offsets()) for c in ax.collections)
    assert sizes == sorted([int((Y == 0).sum()), int((Y == 1).sum())])
    plt.close("all")


def test_plot_costs_draws_one_line_per_run():
    ax = plot_costs({"a": [3.0, 2.0, 1.0], "b": [1.0, 0.5]})
    assert [line.get_label() for line in ax.get_lines()] == ["a", "b"]
    assert list(ax.get_lines()[1].get_ydata()) == [1.0, 0.5]
    assert ax.get_yscale() == "log"
    plt.close("all")


def test_plot_layer_statistics_has_both_panels():
    stats = {"x": {"activation_std": [1, 0.1, 0.01], "gradient_norm": [1, 1, 1]}}
    axes = plot_layer_statistics(stats)
    assert [len(ax.get_lines()) for ax in axes] == [1, 1]
    assert list(axes[0].get_lines()[0].get_ydata()) == [1, 0.1, 0.01]
    plt.close("all")


def test_settings_string_round_trip():
    settings = {"init": "He", "scale": 0.5, "learning_rate": 0.01, "iterations": 500, "seed": 7}
    text = settings_to_string(settings)
    assert settings_from_string(text, INITIALIZATION_CONTROLS) == settings
    with pytest.raises(ValueError, match="unknown settings"):
        settings_from_string("colour=red", INITIALIZATION_CONTROLS)


def test_explorer_trains_with_the_students_functions_and_reproduces_a_run(data):
    explorer = InitializationExplorer({"He": he, "zeros": zeros}, *data)
    state = explorer.run(init="He", iterations=1500, learning_rate=0.3, seed=4)
    assert state.iteration == 1500 and state.costs[-1] < state.costs[0]
    train_accuracy, _ = explorer.accuracies()
    assert train_accuracy > 0.85
    again = InitializationExplorer({"He": he, "zeros": zeros}, *data)
    again.run(**settings_from_string(explorer.settings_string(), INITIALIZATION_CONTROLS))
    assert again.state.costs == state.costs
    explorer.run(init="zeros", iterations=500)
    assert explorer.accuracies()[0] == pytest.approx(max(np.mean(data[1]), 1 - np.mean(data[1])))
    fig = explorer.draw()
    assert len(fig.axes) == 2
    plt.close("all")


def test_moving_a_control_retrains(data):
    explorer = InitializationExplorer({"He": he, "zeros": zeros}, *data, redraw_every=250)
    explorer.settings.update(iterations=500)
    box = explorer.widget()
    assert explorer.state.iteration == 500
    controls = {child.description: child for child in box.children if hasattr(child, "description")}
    controls["iterations"].value = 1000
    assert explorer.state.iteration == 1000
    controls["× weight scale"].value = 0.01
    assert explorer.settings["scale"] == pytest.approx(0.01) and explorer.state.iteration == 1000
    plt.close("all")


def test_every_explorer_takes_its_controls_from_the_one_table():
    from course_utils.widgets import CONTROLS, REGULARIZATION_CONTROLS, controls

    for row in (*INITIALIZATION_CONTROLS, *REGULARIZATION_CONTROLS):
        assert row.name in CONTROLS and row.label == CONTROLS[row.name].label
    [iterations] = controls("iterations", iterations={"high": 30000})
    assert iterations.high == 30000 and CONTROLS["iterations"].high == 15000, (
        "a change is the explorer's, not the table's"
    )
    lambd = next(c for c in REGULARIZATION_CONTROLS if c.name == "lambd")
    assert lambd.choices[0] == 0 and lambd.choices[-1] == 10, "lambd: 0, then a log scale up to 10"


def test_regularization_explorer_compares_train_and_dev_and_reproduces_a_run(data):
    from course_utils.widgets import REGULARIZATION_CONTROLS, RegularizationExplorer
    from tests.support.regularization_functions import REGULARIZERS

    explorer = RegularizationExplorer(REGULARIZERS, he, *data, layer_dims=[2, 16, 8, 1], redraw_every=250)
    state = explorer.run(lambd=0.1, keep_prob=0.8, iterations=500, learning_rate=0.3, seed=2)
    assert state.iteration == 500 and state.costs[-1] < state.costs[0]
    again = RegularizationExplorer(REGULARIZERS, he, *data, layer_dims=[2, 16, 8, 1])
    again.run(**settings_from_string(explorer.settings_string(), REGULARIZATION_CONTROLS))
    assert again.state.costs == state.costs
    box = explorer.widget()
    sliders = {child.description: child for child in box.children if hasattr(child, "description")}
    sliders["L2 λ (lambd)"].value = 0.0
    assert explorer.settings["lambd"] == 0.0 and explorer.state.iteration == 500
    assert "dev" in explorer.draw().axes[1].get_title()
    plt.close("all")


def test_optimization_explorer_trains_with_the_students_optimizers_and_keeps_the_runs(data):
    import tests.support.optimization_functions as f
    from course_utils.widgets import OPTIMIZATION_CONTROLS, OptimizationExplorer

    functions = {name: getattr(f, name) for name in dir(f) if not name.startswith("_")}
    explorer = OptimizationExplorer(functions, he, *data, layer_dims=[2, 8, 1], time_interval=5, redraw_every=50)
    first = explorer.run(
        optimizer="adam", learning_rate=0.01, mini_batch_size=32, epochs=100, decay_rate=0.0
    )  # the fewest epochs
    batches = -(-data[0].shape[1] // 32)
    assert first.iteration == 100 * batches and first.epoch == 100 and first.epoch_costs[-1] < first.epoch_costs[0]
    explorer.run(optimizer="gd", learning_rate=0.1, decay_rate=1.0)
    again = OptimizationExplorer(functions, he, *data, layer_dims=[2, 8, 1], time_interval=5)
    again.run(**settings_from_string(explorer.settings_string(), OPTIMIZATION_CONTROLS))
    assert again.state.costs == explorer.state.costs
    fig = explorer.draw()
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(labels) == 2 and labels[0].startswith("adam β1=0.9") and labels[1].endswith("decay 1")
    plt.close("all")


def test_trajectory_explorer_redraws_the_students_optimizers_when_a_slider_moves():
    import tests.support.optimization_functions as f
    from course_utils.widgets import TrajectoryExplorer

    functions = {name: getattr(f, name) for name in dir(f) if not name.startswith("_")}
    explorer = TrajectoryExplorer(functions)
    box = explorer.widget()
    sliders = {child.description: child for child in box.children if hasattr(child, "description")}
    sliders["learning rate"].value = 0.09
    assert explorer.settings["learning_rate"] == pytest.approx(0.09, rel=0.05)
    labels = [t.get_text() for t in explorer.draw().axes[0].get_legend().get_texts()]
    assert [label.split(":")[0] for label in labels] == ["gd", "momentum", "rmsprop", "adam"] and "steps" in labels[0]
    sliders["surface"].value = "saddle"  # a surface with a saddle point: each label says when the path left it
    labels = [t.get_text() for t in explorer.draw().axes[0].get_legend().get_texts()]
    assert all(", escapes at " in label for label in labels), labels
    plt.close("all")


def test_batchnorm_explorer_compares_depths_and_batchnorm_and_reproduces_a_run(data):
    from course_utils.widgets import BATCHNORM_CONTROLS, CONTROLS, BatchNormExplorer
    from tests.checks.test_batchnorm import backward_compact, forward_with

    assert all(row.label == CONTROLS[row.name].label for row in BATCHNORM_CONTROLS)
    explorer = BatchNormExplorer(forward_with(), backward_compact, he, *data, width=6, redraw_every=40)
    with_bn = explorer.run(depth=5, learning_rate=1.0, batchnorm="on", iterations=120)
    assert with_bn.running is not None and "gamma4" in with_bn.parameters and with_bn.costs[-1] < 0.5 * with_bn.costs[0]
    explorer.run(batchnorm="off", learning_rate=0.1)
    assert "gamma1" not in explorer.state.parameters and explorer.state.running is None
    again = BatchNormExplorer(forward_with(), backward_compact, he, *data, width=6)
    again.run(**settings_from_string(explorer.settings_string(), BATCHNORM_CONTROLS))
    assert again.state.costs == explorer.state.costs
    fig = explorer.draw()
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["5 layers, lr 1, batch norm on", "5 layers, lr 0.1, batch norm off"]
    assert "dev" in fig.axes[0].get_title()
    plt.close("all")


def test_search_explorer_shows_each_trial_as_it_finishes_then_refines():
    from course_utils.widgets import SearchExplorer
    from tests.checks.test_tuning import refine_with, search_with

    def evaluate(config):
        return 1.0 - abs(np.log10(config["learning_rate"]) + 2)

    seen = []
    space = {"learning_rate": ("log", 1e-5, 1.0)}
    explorer = SearchExplorer(search_with(), refine_with(), evaluate, space)
    groups = explorer.run(
        on_trial=lambda e: seen.append(sum(len(t) for t in e.groups.values())), trials=10, top_k=3, seed=4
    )
    assert seen == list(range(1, 21)), "a redraw after every trial, coarse then fine"
    refined = refine_with()(groups["coarse"], space, 3)["learning_rate"]
    assert all(refined[1] <= t["config"]["learning_rate"] <= refined[2] for t in groups["fine"])
    assert explorer.best()["score"] >= groups["coarse"][0]["score"]
    assert "best so far" in explorer.draw().axes[0].get_title()
    plt.close("all")


def test_search_explorer_searches_again_when_a_control_moves():
    from course_utils.widgets import SearchExplorer
    from tests.checks.test_tuning import refine_with, search_with

    calls = []

    def evaluate(config):
        calls.append(config)
        return 1.0 - abs(np.log10(config["learning_rate"]) + 2)

    explorer = SearchExplorer(search_with(), refine_with(), evaluate, {"learning_rate": ("log", 1e-5, 1.0)})
    box = explorer.widget()
    assert len(calls) == 2 * 8  # the first search, on display
    trials = next(child for child in box.children if getattr(child, "description", "") == "trials (coarse, then fine)")
    trials.value = 5
    assert len(calls) == 16 + 10 and explorer.settings["trials"] == 5
    plt.close("all")
