"""The panel every explorer shows (course_utils/panel.py): the figure a student ends up with is the
one of the last values they set, whatever thread each change comes on, and no figure of an
explorer ever passes through pyplot.

The threads stand for what JupyterLab 4.6 and ipykernel 7 do: widget messages are handled on a
subshell's thread (one per widget with ``commsOverSubshells: perComm``) while a cell may run in
the main one."""

from __future__ import annotations

import threading

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils import panel as panel_module  # noqa: E402
from course_utils.controls import controls, settings_to_string  # noqa: E402
from course_utils.panel import BUSY, Panel  # noqa: E402
from course_utils.plots import detached_figure  # noqa: E402
from tests.course_utils.test_widgets_plots import he  # noqa: E402


def figure_of(settings: dict) -> bytes:
    """The PNG a panel shows for ``settings`` in these tests: the settings, as a title."""
    figure = detached_figure((2, 1))
    figure.suptitle(settings_to_string(settings))
    return panel_module.png(figure)


class SlowWork:
    """The explorer's work: draws its settings; the first time it sees ``hold_at`` it waits, in
    the middle of its update, until ``release`` is set (another change comes meanwhile)."""

    def __init__(self, hold_at: dict | None = None) -> None:
        self.hold_at, self.holding, self.release = hold_at, threading.Event(), threading.Event()
        self.calls: list[dict] = []

    def __call__(self, settings: dict, show) -> str:
        self.calls.append(settings)
        if self.hold_at is not None and all(settings[k] == v for k, v in self.hold_at.items()):
            self.hold_at = None
            self.holding.set()
            assert self.release.wait(30), "the test never released the update"
        figure = detached_figure((2, 1))
        figure.suptitle(settings_to_string(settings))
        show(figure, "")
        return "done"


ROWS = controls("learning_rate", "iterations")  # a log slider and an int slider


def make_panel(work) -> Panel:
    return Panel(ROWS, work, {"learning_rate": 0.01, "iterations": 5000}, button="Train")


def on_thread(action) -> threading.Thread:
    thread = threading.Thread(target=action, daemon=True)
    thread.start()
    return thread


def overlapping(first: tuple[str, object], second: tuple[str, object]) -> tuple[Panel, SlowWork]:
    """A panel whose control ``first[0]`` is set to ``first[1]`` on one thread; while that update
    draws, ``second`` is set on another thread (each as a subshell would: the handler runs there)."""
    work = SlowWork(hold_at={first[0]: first[1]})
    panel = make_panel(work)
    panel.update()
    threads = [on_thread(lambda: setattr(panel.widgets[first[0]], "value", first[1]))]
    assert work.holding.wait(30)
    threads.append(on_thread(lambda: setattr(panel.widgets[second[0]], "value", second[1])))
    threads[1].join(1.0)  # without the panel's lock, the second update finishes here, before the first
    work.release.set()
    for thread in threads:
        thread.join(30)
    return panel, work


def test_the_last_value_set_is_drawn_when_a_change_comes_during_an_update():
    """A change handled (on a subshell's thread) while an earlier one is still drawing: without
    the panel's lock, the later change finished first and the earlier one's figure replaced it,
    leaving the figure of a value the slider no longer showed."""
    panel, _ = overlapping(("learning_rate", 0.1), ("learning_rate", 0.3))
    assert panel.values() == {"learning_rate": 0.3, "iterations": 5000}
    assert panel.drawn == panel.values(), "the figure shows the last value set"
    assert panel.image.value == figure_of(panel.values())
    assert "learning_rate=0.3&amp;" in panel.status.value and BUSY not in panel.status._dom_classes


def test_two_controls_moved_on_two_threads_end_with_both_values():
    """``commsOverSubshells: perComm``: each widget has its thread, so two sliders moved one after
    the other are handled at once. The figure ends with both new values."""
    panel, work = overlapping(("learning_rate", 0.1), ("iterations", 1000))
    assert panel.drawn == {"learning_rate": 0.1, "iterations": 1000}
    assert panel.image.value == figure_of(panel.drawn)
    assert work.calls[-1] == panel.drawn


def test_values_already_drawn_are_not_drawn_again_but_the_button_redraws():
    work = SlowWork()
    panel = make_panel(work)
    assert panel.update() and panel.shown == 1
    assert not panel.update(), "nothing changed: skipped"
    panel.widgets["iterations"].value = 1000
    assert panel.shown == 2
    panel.button.click()
    assert panel.shown == 3 and len(work.calls) == 3


def test_a_failing_update_says_so_and_runs_again_next_time():
    calls = []

    def work(settings, show):
        calls.append(settings)
        if len(calls) == 2:
            raise ValueError("the student's function raised")
        show(detached_figure((2, 1)), "")
        return "fine"

    panel = make_panel(work)
    panel.update()
    with pytest.raises(ValueError):
        panel.widgets["iterations"].value = 1000
    assert "failed" in panel.status.value and "the student&#x27;s function raised" in panel.status.value
    assert panel.drawn is None and BUSY not in panel.status._dom_classes and not panel.button.disabled
    assert panel.update(), "the same values again: the figure does not show them yet"
    assert panel.drawn == {"learning_rate": 0.01, "iterations": 1000} and panel.status.value.endswith("· fine")


def test_the_status_line_says_which_settings_the_figure_shows_and_when_it_is_busy():
    seen = []

    def work(settings, show):
        seen.append((panel.status.value, BUSY in panel.status._dom_classes, panel.button.disabled))
        show(detached_figure((2, 1)), "training… iteration 10")
        seen.append((panel.status.value, BUSY in panel.status._dom_classes, panel.button.disabled))
        return "final cost 0.5"

    panel = make_panel(work)
    panel.update()
    code = "<code>learning_rate=0.01&amp;<wbr>iterations=5000</code>"
    assert seen == [(f"{code} · working…", True, True), (f"{code} · training… iteration 10", True, True)]
    assert panel.status.value == f"{code} · final cost 0.5" and BUSY not in panel.status._dom_classes


def explorers(data):
    """One explorer of each kind: a live view, a retraining explorer, a search."""
    import tests.support.optimization_functions as f
    from course_utils.widgets import InitializationExplorer, SearchExplorer, TrajectoryExplorer
    from tests.checks.test_tuning import refine_with, search_with

    functions = {name: getattr(f, name) for name in dir(f) if not name.startswith("_")}
    return {
        "live view": (TrajectoryExplorer(functions), "learning rate", 0.2),
        "explorer": (InitializationExplorer({"He": he}, *data, redraw_every=100), "iterations", 1000),
        "search": (
            SearchExplorer(
                search_with(),
                refine_with(),
                lambda config: -abs(np.log10(config["learning_rate"]) + 2),
                {"learning_rate": ("log", 1e-5, 1.0)},
            ),
            "trials (coarse, then fine)",
            5,
        ),
    }


def test_no_figure_of_an_explorer_is_ever_known_to_pyplot(data, monkeypatch):
    """pyplot's open figures are global: a cell ending in the main thread shows and closes them
    all, one that a slider's handler (another thread) is drawing included. Every figure an
    explorer shows is drawn without pyplot."""
    plt.close("all")
    open_while_shown = []
    real_png = panel_module.png

    def png(figure):
        open_while_shown.append(plt.get_fignums())
        return real_png(figure)

    monkeypatch.setattr(panel_module, "png", png)
    for kind, (explorer, label, value) in explorers(data).items():
        if kind == "explorer":
            explorer.settings["iterations"] = 300
        box = explorer.widget()
        slider = next(child for child in box.children if getattr(child, "description", "") == label)
        shown = explorer.panel.shown
        slider.value = value
        assert explorer.panel.shown > shown, kind
        assert explorer.panel.drawn == explorer.panel.values() == explorer.settings, kind
    assert open_while_shown and all(nums == [] for nums in open_while_shown), open_while_shown
    assert plt.get_fignums() == []
