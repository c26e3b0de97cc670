"""The playground: one table drives its controls and its TrainConfig, a run is reproduced by its
settings string, it trains with the student's functions read from the notebooks (and says which
one is missing or not written yet), and its widget plays, steps, resets and restarts on a change
while the kernel's event loop stays free. In the browser: tests/notebooks/test_browser.py."""

from __future__ import annotations

import asyncio
import math

import nbformat
import numpy as np
import pytest

from autograder.course import Course
from course_utils.batchnorm import with_batchnorm
from course_utils.controls import settings_from_string
from course_utils.network import compute_cost, gradient_descent_update
from course_utils.notebook_functions import EXPECTED_NOTEBOOK, CourseFunctions, course_functions, notebook_functions
from course_utils.optimizers import optimizer_named, over_pairs
from course_utils.playground import PLAYGROUND_CONTROLS, PRESETS, Playground, Preset, controls_table, train_config
from tests.course_utils.test_controls import outcomes
from tests.support.grading_helpers import ROOT

DEFAULTS = {c.name: c.default for c in PLAYGROUND_CONTROLS}


async def until(condition, what: str, timeout: float = 120.0) -> None:
    """Let the event loop run (the play loop is a task on it) until ``condition()`` holds: a wait
    on the event, not on a number of seconds that a busy machine could miss."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError(f"{what}: still not the case after {timeout:.0f} s")
        await asyncio.sleep(0.01)


@pytest.fixture(scope="module")
def functions() -> CourseFunctions:
    return course_functions(ROOT / "notebooks")


def other_value(control):
    """A value of the control other than its default, inside its range."""
    if control.options:
        return next(o for o in control.options if o != control.default)
    if control.choices:
        return next(c for c in control.choices if c != control.default)
    value = control.high if control.default != control.high else control.low
    return int(value) if isinstance(control.default, int) else float(value)


# ---- the one table ----


def test_every_control_is_in_one_group_and_in_the_table_shown():
    groups = [c.group for c in PLAYGROUND_CONTROLS]
    assert all(groups) and list(dict.fromkeys(groups)) == ["data", "network", "regularization", "optimization"]
    table = controls_table()
    assert all(f"`{name}`" in table for name in DEFAULTS)
    assert "`TrainConfig.optimizer`" in table and "`TrainConfig.l2`" in table


@pytest.mark.parametrize("control", [c for c in PLAYGROUND_CONTROLS if c.config], ids=lambda c: c.name)
def test_a_control_changes_the_train_config_fields_its_row_names_and_no_other(control, functions):
    base = dict(DEFAULTS)
    if control.name == "keep_prob":
        base["keep_prob"] = 1.0
    changed = base | {control.name: other_value(control) if control.name != "keep_prob" else 0.8}
    if control.name in ("beta", "beta1", "beta2"):  # an optimizer that reads it
        base["optimizer"] = changed["optimizer"] = "momentum" if control.name == "beta" else "adam"
    before, after = outcomes(train_config(base, functions)), outcomes(train_config(changed, functions))
    differ = {name for name in before if before[name] != after[name]}
    assert differ and differ <= set(control.config), (control.name, differ)


def test_the_optimizer_row_reaches_the_update_rule(functions):
    """The betas are not only passed along: two settings of beta give two different updates."""
    parameters = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))}
    grads = {"dW1": np.full((2, 2), 0.5), "db1": np.ones((2, 1))}
    steps = []
    for beta1 in (0.5, 0.9):
        config = train_config(DEFAULTS | {"beta1": beta1}, functions)
        state = config.optimizer.init(parameters)
        config.optimizer.step(parameters, grads, state, 1, 0.1)
        state = config.optimizer.step(parameters, grads, state, 1, 0.1)[1]
        steps.append(config.optimizer.step(parameters, {k: -v for k, v in grads.items()}, state, 2, 0.1)[0]["W1"])
    assert not np.allclose(*steps)


def test_settings_are_checked_against_the_table(functions):
    with pytest.raises(ValueError, match="unknown settings \\['lr'\\]"):
        Playground(functions, lr=0.1)
    with pytest.raises(ValueError, match="learning_rate=5.0: it is between 0.0001 and 1"):
        Playground(functions, learning_rate=5.0)
    with pytest.raises(ValueError, match="optimizer='sgd': it is one of 'gd', 'momentum', 'rmsprop', 'adam'"):
        Playground(functions, optimizer="sgd")
    with pytest.raises(ValueError, match="mini_batch_size=50: it is one of 8, 16, 32, 64"):
        Playground(functions, mini_batch_size=50)
    assert Playground(functions, hidden=3.0).settings["hidden"] == 3 and isinstance(
        Playground(functions, hidden=3.0).settings["hidden"], int
    )


def test_one_line_builds_a_configured_playground_and_its_string_reproduces_the_run(functions):
    first = Playground(
        functions,
        dataset="spirals",
        optimizer="rmsprop",
        beta=0.99,
        keep_prob=0.8,
        lambd=0.01,
        decay_rate=0.01,
        mini_batch_size=32,
        hidden_layers=3,
        seed=7,
    )
    text = first.settings_string()
    assert "dataset=spirals" in text and "optimizer=rmsprop" in text and "seed=7" in text
    assert settings_from_string(text, PLAYGROUND_CONTROLS) == first.settings
    first.train(30, chunk=30)
    again = Playground.from_string(text, functions)
    again.train(30, chunk=4)
    assert again.epoch == first.epoch == 30
    for key, value in first.state.parameters.items():
        np.testing.assert_array_equal(again.state.parameters[key], value)
    assert again.history[-1] == first.history[-1]
    # and a different seed is a different run
    other = Playground.from_string(text.replace("seed=7", "seed=8"), functions)
    other.train(30)
    assert not np.array_equal(other.state.parameters["W1"], first.state.parameters["W1"])


def test_it_trains_and_measures_what_it_shows(functions):
    playground = Playground(functions, dataset="moons", noise=0.1)
    start = playground.history[0]
    assert start["epoch"] == 0 and start["train_cost"] > 0.3
    assert playground.data.n_train == 350 and playground.data.n_test == 150  # 500 points, test share 0.3
    end = playground.train(100)
    assert end["epoch"] == 100 and end["train_cost"] < start["train_cost"] / 3 and end["test_accuracy"] >= 0.95
    assert (
        playground.steps_per_epoch == math.ceil(350 / 64)
        and playground.state.iteration == 100 * playground.steps_per_epoch
    )
    # the costs shown are the cross-entropy alone (what the notebook says): no L2 term, even with L2
    regularized = Playground(functions, lambd=1.0)
    regularized.train(20)
    row, logits = regularized.history[-1], regularized.logits(regularized.data.X_train)
    assert row["train_cost"] == pytest.approx(compute_cost(logits, regularized.data.Y_train), rel=1e-12)
    assert (
        regularized.config.run_cost(logits, regularized.data.Y_train, regularized.state.parameters)
        > row["train_cost"] + 0.01
    )


def test_xavier_is_he_over_root_two_and_the_scale_multiplies(functions):
    he, xavier = Playground(functions, init="he"), Playground(functions, init="xavier", scale=2.0)
    np.testing.assert_allclose(xavier.state.parameters["W2"], he.state.parameters["W2"] * 2 / math.sqrt(2))
    random = Playground(functions, init="random", scale=10.0)
    assert 7 < np.std(np.concatenate([v.ravel() for k, v in random.state.parameters.items() if k[0] == "W"])) < 13


def test_batch_norm_trains_gamma_and_beta_with_every_optimizer(functions):
    for optimizer in ("gd", "momentum", "rmsprop", "adam"):
        playground = Playground(functions, batchnorm="on", optimizer=optimizer)
        gamma = playground.state.parameters["gamma1"].copy()
        playground.train(5)
        assert not np.allclose(playground.state.parameters["gamma1"], gamma), optimizer
        assert playground.state.running and playground.error is None


def test_over_pairs_gives_gamma_and_beta_the_rule_of_w_and_b(functions):
    rng = np.random.default_rng(0)
    parameters = with_batchnorm(
        {
            "W1": rng.standard_normal((3, 2)),
            "b1": rng.standard_normal((3, 1)),
            "W2": rng.standard_normal((1, 3)),
            "b2": np.zeros((1, 1)),
        }
    )
    parameters["gamma1"] = rng.standard_normal((3, 1))
    grads = {"d" + key: rng.standard_normal(value.shape) for key, value in parameters.items()}
    gd = over_pairs(optimizer_named("gd", functions))
    updated, _ = gd.step(parameters, grads, gd.init(parameters), 1, 0.1)
    expected = gradient_descent_update(parameters, grads, 0.1)
    assert set(updated) == set(parameters)
    for key in parameters:
        np.testing.assert_allclose(updated[key], expected[key])
    adam = over_pairs(optimizer_named("adam", functions))
    updated, _ = adam.step(parameters, grads, adam.init(parameters), 1, 0.1)
    for key in parameters:  # Adam's first step moves every parameter by about the learning rate
        np.testing.assert_allclose(np.abs(updated[key] - parameters[key]), 0.1, rtol=1e-5)


# ---- what it says when it cannot train ----


def test_a_missing_function_is_named_with_its_notebook(functions):
    without = CourseFunctions({k: v for k, v in functions.items() if k != "initialize_adam"})
    playground = Playground(without, optimizer="adam")
    assert playground.state is None and playground.step() is None
    assert "initialize_adam" in playground.error and "Optimization.ipynb" in playground.error
    playground.update(optimizer="gd")
    assert playground.error is None and playground.train(2)["epoch"] == 2


def test_settings_that_do_not_combine_are_explained(functions):
    assert "dropout and batch norm do not combine" in Playground(functions, keep_prob=0.8, batchnorm="on").error
    assert "activation='tanh'" in Playground(functions, keep_prob=0.8, activation="tanh").error
    assert Playground(functions, keep_prob=0.8, batchnorm="off").error is None


def test_a_diverging_run_stops_and_says_so(functions):
    playground = Playground(
        functions, init="random", scale=100.0, optimizer="momentum", learning_rate=1.0, hidden_layers=6, hidden=32
    )
    row = playground.train(100)
    assert playground.diverged and math.isnan(row["train_cost"])
    assert playground.error == "the cost diverged in epoch 1: lower the learning rate or the weight scale"
    assert playground.step() is None and playground.epoch == 0
    assert playground.png()[:4] == b"\x89PNG"  # the view still draws (the boundary of nan probabilities at 0.5)


def test_the_loader_runs_only_imports_and_definitions(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("%matplotlib inline\nimport math\nraise SystemExit('a setup cell never runs')"),
        nbformat.v4.new_code_cell(
            "def twice(x):\n    return 2 * math.sqrt(x)\n\nprint(undefined_name)\ntrain_for_an_hour()",
            metadata={"nbgrader": {"solution": True, "grade_id": "twice"}},
        ),
        nbformat.v4.new_code_cell("def not_an_answer():\n    pass"),
    ]
    (tmp_path / "week").mkdir()
    nbformat.write(nb, tmp_path / "week" / "Week.ipynb")
    assert list(notebook_functions(tmp_path / "week" / "Week.ipynb")) == ["twice"]
    assert notebook_functions(tmp_path / "week" / "Week.ipynb")["twice"](4) == 4
    found = course_functions(tmp_path, wanted=("twice", "elsewhere"))
    assert list(found) == ["twice"] and found.notebook_of("twice") == "Week.ipynb"
    assert course_functions(tmp_path, wanted=("elsewhere",)) == {}


def test_from_the_student_release_it_finds_every_function_and_says_which_is_not_written(released_course):
    assert Course().ungraded() == ["playground"] and "playground" not in Course().assignments()
    released = released_course.root / "release"
    source = nbformat.read(ROOT / "notebooks" / "playground" / "Playground.ipynb", as_version=4)
    assert [c.source for c in nbformat.read(released / "playground" / "Playground.ipynb", as_version=4).cells] == [
        c.source for c in source.cells
    ]
    stubs = course_functions(released)
    assert set(stubs) == set(EXPECTED_NOTEBOOK)
    playground = Playground(stubs)
    assert playground.state is None
    assert (
        "initialize_parameters_he is not written yet" in playground.error and "Initialization.ipynb" in playground.error
    )
    # the student wrote their initializations: the next missing one is the optimizer's
    written = course_functions(ROOT / "notebooks")
    stubs.update(
        {
            name: written[name]
            for name in ("initialize_parameters_he", "initialize_parameters_zeros", "initialize_parameters_random")
        }
    )
    playground = Playground(stubs)
    assert "not written yet" in playground.error and "Optimization.ipynb" in playground.error


# ---- the widget, without a browser ----


def test_the_widget_follows_its_controls_and_its_buttons(functions):
    widget = Playground(functions).widget()
    first = widget.image.value
    assert first[:4] == b"\x89PNG" and widget.playground.epoch == 0
    widget.step_button.click()
    assert widget.playground.epoch == 1 and widget.image.value != first
    widget.widgets["learning_rate"].value = 0.1
    assert widget.playground.settings["learning_rate"] == pytest.approx(0.1) and widget.playground.epoch == 0
    assert "learning_rate=0.1" in widget.status.value
    widget.widgets["hidden"].value = 4
    assert widget.playground.state.parameters["W1"].shape == (4, 2)
    widget.widgets["keep_prob"].value = 0.8
    widget.widgets["batchnorm"].value = "on"
    assert "do not combine" in widget.status.value
    widget.reset_button.click()
    assert widget.playground.epoch == 0


def test_playing_keeps_the_event_loop_free_and_a_change_restarts_the_run(functions):
    async def scenario():
        widget = Playground(functions).widget()
        widget.play()
        # this coroutine runs while it plays: the loop yields between frames
        await until(
            lambda: widget.playground.epoch > 10 and len(widget.frame_times) > 5, "10 epochs and 5 frames played"
        )
        widget.widgets["optimizer"].value = "momentum"  # what a slider's message does, between two frames
        after_change = widget.playground.epoch
        await until(lambda: widget.playground.epoch > 0, "the new run playing")
        widget.pause()
        await until(widget.task.done, "the play loop ending")
        return widget, after_change

    widget, after_change = asyncio.run(scenario())
    assert after_change == 0 and widget.playground.settings["optimizer"] == "momentum" and widget.playground.epoch > 0
    assert widget.task.done() and not widget.playing and widget.play_button.description == "Play"
    assert widget.playground.runs and "defaults" in widget.playground.runs[-1][0]  # the first run kept, to compare


def test_a_preset_plays_its_runs_one_after_the_other(functions, monkeypatch):
    monkeypatch.setitem(
        PRESETS,
        "short",
        Preset("two short runs", {"dataset": "circles"}, ({"optimizer": "gd"}, {"optimizer": "adam"}), 12),
    )

    async def scenario():
        widget = Playground(functions).widget()
        widget.show_preset("short")
        await until(lambda: not widget.playing, "the preset's runs ending")
        return widget

    widget = asyncio.run(scenario())
    assert not widget.playing and widget.playground.epoch == 12
    assert widget.playground.settings["optimizer"] == "adam" and widget.widgets["optimizer"].value == "adam"
    assert widget.widgets["dataset"].value == "circles"
    assert [label for label, _, _ in widget.playground.runs][-1] == "dataset=circles, optimizer=gd"


def test_every_preset_is_valid(functions):
    for name, preset in PRESETS.items():
        for changes in preset.runs:
            playground = Playground(functions, **(preset.settings | changes))
            assert playground.error is None, (name, playground.error)


def test_an_error_inside_the_play_loop_is_shown_and_stops_it(functions):
    async def scenario():
        widget = Playground(functions).widget()
        widget.playground.step = lambda epochs=1: 1 / 0
        widget.play()
        await until(lambda: not widget.playing, "the play loop stopping")
        return widget

    widget = asyncio.run(scenario())
    assert not widget.playing and "ZeroDivisionError" in widget.status.value


def test_controls_moved_from_another_thread_while_playing_never_break_a_frame(functions):
    """JupyterLab 4.6 with ipykernel 7 sends widget messages to a subshell: a control's handler
    runs in another thread while the play loop draws in the main one (seen in the browser: a
    frame drawing the points the handler had just removed)."""
    import threading

    async def scenario():
        widget = Playground(functions).widget()
        widget.play()
        await until(lambda: widget.playground.epoch > 0, "the playground playing")

        def move() -> None:
            for number in range(60):
                widget.widgets["noise"].value = 0.25 if number % 2 == 0 else 0.2
                threading.Event().wait(0.01)

        mover = threading.Thread(target=move)
        mover.start()
        while mover.is_alive():
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)
        playing = widget.playing
        widget.pause()
        await until(widget.task.done, "the play loop ending")
        return widget, playing

    widget, playing = asyncio.run(scenario())
    assert playing and widget.playground.error is None and "stopped" not in widget.status.value, widget.status.value
    assert widget.playground.settings["noise"] == 0.2 and widget.playground.epoch > 0


def test_the_view_follows_new_data_and_new_runs(functions):
    from course_utils.playground import PlaygroundView

    playground, view = Playground(functions), PlaygroundView()
    view.update(playground)
    view.png()
    for noise in (0.3, 0.35, 0.3):  # new data each time (a freed dataset's id may come back: never a key)
        playground.train(3)
        playground.update(noise=noise)
        view.update(playground)
        np.testing.assert_array_equal(view.points[0].get_offsets(), playground.data.X_train.T)
        assert view.png()[:4] == b"\x89PNG"
    assert len(view.ghosts) == len(playground.runs) == 3
    assert view.backgrounds == view.frames == 4  # new data: the background is drawn again
    playground.step(1)  # within the same limits: only what moves is drawn
    view.update(playground)
    view.png()
    assert view.frames == 5 and view.backgrounds == 4


def test_a_handed_in_playground_is_never_collected_for_grading(tmp_path):
    course = Course.at(tmp_path)
    for assignment in ("initialization", "playground"):
        (tmp_path / "submitted" / "alice" / assignment).mkdir(parents=True)
        (tmp_path / "submitted" / "alice" / assignment / "Notebook.ipynb").write_text("{}")
    assert course.submissions() == [("alice", "initialization")]


def test_after_a_pause_from_another_thread_no_frame_follows(functions):
    """The Pause button's message can come on a subshell's thread while a frame is being made:
    once pause() returns there, the epoch and the figure stay as they are."""
    import threading

    async def scenario(delay: float):
        widget = Playground(functions).widget()
        widget.play()
        await until(lambda: widget.playground.epoch > 0, "the playground playing")
        seen = []

        def pause() -> None:
            threading.Event().wait(delay)  # the play loop is drawing by then, most likely
            widget.pause()
            seen.append((widget.playground.epoch, len(widget.frame_times)))

        pauser = threading.Thread(target=pause)
        pauser.start()
        while pauser.is_alive():
            await asyncio.sleep(0.001)
        await asyncio.sleep(0.1)
        return seen[0], (widget.playground.epoch, len(widget.frame_times))

    outcomes = [asyncio.run(scenario(0.003 * attempt)) for attempt in range(1, 11)]
    assert all(at_pause == later and at_pause[0] > 0 for at_pause, later in outcomes), outcomes


def test_pause_then_play_at_once_leaves_one_play_loop(functions):
    async def scenario():
        widget = Playground(functions).widget()
        widget.play()
        await until(lambda: widget.playground.epoch > 0, "the playground playing")
        first = widget.task
        widget.pause()
        widget.play()  # before the first loop woke up again
        await until(first.done, "the first play loop ending")  # it must: one loop plays at a time
        second = widget.task
        assert widget.playing and not second.done(), "the second loop plays on"
        widget.pause()
        await until(second.done, "the second play loop ending")
        return first, second

    first, second = asyncio.run(scenario())
    assert first is not second


def test_a_function_of_the_student_that_raises_is_named_never_a_traceback(functions):
    def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon):
        return parameters["W9"]  # a classic: a layer that is not there

    broken = CourseFunctions(
        dict(functions) | {"update_parameters_with_adam": update_parameters_with_adam}, functions.notebooks
    )
    playground = Playground(broken)
    assert playground.error is None and playground.step() is None
    assert playground.error == "your update_parameters_with_adam (Optimization.ipynb) raised KeyError: 'W9'"
    widget = Playground(broken).widget()
    widget.step_button.click()
    assert "raised KeyError" in widget.status.value
