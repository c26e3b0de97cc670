"""The TensorFlow notebook's helpers count, find and draw what they are given, and its explorer
trains with the student's own ``train_model``, retrains when a control moves and reproduces a run
from its settings string. widgets.py stays free of TensorFlow."""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import tests.support.tensorflow_functions as f
from course_utils.data import load_digit_images
from course_utils.tensorflow_tools import (
    TensorFlowExplorer,
    confusion_matrix,
    misclassified,
    plot_confusion_matrix,
    plot_images,
    plot_training,
    predict_classes,
    tf,
)
from course_utils.widgets import CONTROLS, TENSORFLOW_CONTROLS, settings_from_string

LABELS = np.array([0, 0, 1, 2, 2, 2, 1])
PREDICTIONS = np.array([0, 1, 1, 2, 0, 2, 1])  # example 1: 0 taken for 1; example 4: 2 taken for 0


def test_confusion_matrix_rows_are_true_classes_and_columns_predictions():
    matrix = confusion_matrix(LABELS, PREDICTIONS, depth=3)
    assert matrix.tolist() == [[1, 1, 0], [0, 2, 0], [1, 0, 2]]
    assert matrix.sum() == len(LABELS) and np.trace(matrix) == 5
    assert confusion_matrix([3, 3], [3, 3]).shape == (10, 10), "ten classes unless told"
    with pytest.raises(ValueError, match="classes 0 to 2"):
        confusion_matrix([0, -1], [0, 0], depth=3)


def test_misclassified_gives_the_indices_of_the_mistakes():
    assert misclassified(LABELS, PREDICTIONS).tolist() == [1, 4]
    assert misclassified(LABELS, LABELS).tolist() == []


def test_predict_classes_takes_the_largest_logit_of_each_column():
    parameters = {"W1": tf.Variable([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]), "b1": tf.Variable([[0.0], [0.0], [0.5]])}
    X = np.array([[2.0, 0.0, -1.0], [1.0, 3.0, -1.0]])  # float64: cast to the variables' float32
    predictions = predict_classes(f.forward_propagation, X, parameters)
    assert predictions.tolist() == [0, 1, 2] and predictions.dtype.kind == "i"


def test_plots_draw_what_they_are_given():
    ax = plot_confusion_matrix(confusion_matrix(LABELS, PREDICTIONS, depth=3))
    assert sorted(t.get_text() for t in ax.texts) == ["1", "1", "1", "2", "2"], "one count per non-empty cell"
    assert ax.get_title() == "2 mistakes of 7"
    shaded = ax.get_images()[0].get_array()
    assert shaded[0, 1] == 1 and shaded[2, 0] == 1 and np.trace(shaded) == 0, "only the mistakes are shaded"

    images = np.arange(3 * 64).reshape(3, 8, 8)
    axes = plot_images(images, [4, 5, 6], [4, 7, 6], n=5)
    assert [a.get_title() for a in axes] == ["4 → 4", "5 → 7", "6 → 6", "", ""]
    red = [matplotlib.colors.same_color(a.title.get_color(), "red") for a in axes[:3]]
    assert red == [False, True, False], "only the mistake in red"
    assert [a.get_title() for a in plot_images(images, [4, 5, 6], n=2)] == ["4", "5"]

    cost_ax, accuracy_ax = plot_training([2.0, 1.0, 0.5], [0.5, 0.7, 0.9], [0.4, 0.6, 0.8])
    assert list(cost_ax.get_lines()[0].get_xdata()) == [1, 2, 3] and list(cost_ax.get_lines()[0].get_ydata()) == [
        2.0,
        1.0,
        0.5,
    ]
    assert [line.get_label() for line in accuracy_ax.get_lines()] == ["train", "dev"]
    assert accuracy_ax.get_title() == "train 90.0% · dev 80.0%"
    plt.close("all")


@pytest.fixture(scope="module")
def digits():
    """200 training and 100 dev digits, small enough for a 5-epoch run (the fewest) of about a second."""
    d = load_digit_images()
    images_dev, labels_dev = d.images_dev[:100], d.labels_dev[:100]
    return (
        f.normalize(d.images_train[:200]),
        f.one_hot_matrix(d.labels_train[:200], 10),
        f.normalize(images_dev),
        f.one_hot_matrix(labels_dev, 10),
        images_dev,
        labels_dev,
    )


def test_the_explorer_takes_its_controls_from_the_one_table():
    assert [c.name for c in TENSORFLOW_CONTROLS] == ["learning_rate", "hidden", "epochs", "mini_batch_size", "seed"]
    assert all(row.label == CONTROLS[row.name].label for row in TENSORFLOW_CONTROLS)
    rows = {c.name: c for c in TENSORFLOW_CONTROLS}
    assert (rows["learning_rate"].default, rows["learning_rate"].low, rows["learning_rate"].high) == (0.003, 1e-4, 0.1)
    assert (rows["epochs"].default, rows["epochs"].low, rows["epochs"].high, rows["epochs"].step) == (20, 5, 60, 5)
    assert rows["hidden"].default == 25 and rows["mini_batch_size"].default == 32
    assert CONTROLS["epochs"].default == 1000, "the changes are the explorer's, not the table's"


def test_explorer_trains_with_the_students_functions_and_reproduces_a_run(digits):
    explorer = TensorFlowExplorer(f.train_model, f.forward_propagation, *digits)
    parameters, costs, train_acc, dev_acc = explorer.run(
        learning_rate=0.01, hidden=16, epochs=5, mini_batch_size=64, seed=3
    )
    assert explorer.settings == {"learning_rate": 0.01, "hidden": 16, "epochs": 5, "mini_batch_size": 64, "seed": 3}
    assert tuple(parameters["W1"].shape) == (16, 64) and tuple(parameters["W2"].shape) == (12, 16)
    assert len(explorer.costs) == len(explorer.train_acc) == len(explorer.dev_acc) == 5
    assert explorer.costs[-1] < explorer.costs[0]
    assert explorer.predictions.shape == (100,)
    assert np.mean(explorer.predictions == digits[5]) == pytest.approx(explorer.dev_acc[-1]), (
        "predictions of the final parameters"
    )

    settings = settings_from_string(explorer.settings_string(), TENSORFLOW_CONTROLS)
    assert settings == explorer.settings
    again = TensorFlowExplorer(f.train_model, f.forward_propagation, *digits)
    again.run(**settings)
    assert again.costs == explorer.costs, "same settings, same run"

    fig = explorer.draw()
    cost_ax, accuracy_ax, matrix_ax, *image_axes = fig.axes
    assert len(image_axes) == TensorFlowExplorer.show_mistakes
    assert len(cost_ax.get_lines()[0].get_xdata()) == 5 and len(accuracy_ax.get_lines()) == 2
    mistakes = misclassified(digits[5], explorer.predictions)
    assert matrix_ax.get_title() == f"dev set: {len(mistakes)} mistakes of 100", (
        "tuned on the dev set, never the test set"
    )
    shown = [a.get_title() for a in image_axes if a.get_title()]
    assert shown == [f"{digits[5][i]} → {explorer.predictions[i]}" for i in mistakes[: len(image_axes)]]
    plt.close("all")


def test_moving_a_control_retrains(digits):
    explorer = TensorFlowExplorer(f.train_model, f.forward_propagation, *digits)
    explorer.settings.update(epochs=5)  # the slider's lowest
    box = explorer.widget()
    first = list(explorer.costs)
    assert len(first) == 5
    controls = {child.description: child for child in box.children if hasattr(child, "description")}
    assert set(controls) == {c.label for c in TENSORFLOW_CONTROLS}
    assert all(getattr(c, "continuous_update", False) is False for c in controls.values()), (
        "retrain on release, not while dragging"
    )
    controls["learning rate"].value = 0.03
    assert explorer.settings["learning_rate"] == pytest.approx(0.03, rel=0.05)
    assert len(explorer.costs) == 5 and explorer.costs != first
    status = box.children[-2].children[1].value
    assert "learning_rate=0.03" in status and "· dev " in status and "test" not in status
    plt.close("all")


def test_widgets_stays_free_of_tensorflow():
    code = "import sys, course_utils.widgets; sys.exit('tensorflow' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0, "course_utils.widgets imported TensorFlow"
