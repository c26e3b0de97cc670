"""Every notebook of the course, as a student gets it (the release) with the reference solutions
typed in, run in a real browser: JupyterLab in Debian's Chromium through Playwright (see
tests/support/browser.py).

For each notebook, after Run All: no error and no stderr output, in a cell or in the log console
(where a widget callback's exception goes); every code cell ran; no widget shown as its text repr
(``VBox(children=(...``: what the page shows without jupyterlab_widgets) and widget views rendered;
and every explorer (a ``course_utils.panel.Panel``, found in the page, at least as many as the
notebook's cells display) draws the new value when one of its sliders moves one step: its status
line shows that value in its settings string and its image changed, without error. The test waits
for that proof (up to 4 minutes), never for a quiet kernel. Two sliders moved at once, each change
on a thread of its own: the last test.

Screenshots, rewritten on each run, go to test-artifacts/browser/ at the repository root:
``<assignment>-1-run-all.png`` (the whole notebook after Run All) and
``<assignment>-2-explorer<N>-moved.png`` (each explorer after its slider moved; ``-failed.png``
when the page could not be driven).

One JupyterLab (over a temporary folder of ``<assignment>/<Notebook>.ipynb``) and one Chromium
serve the module (the two-sliders test starts a JupyterLab of its own, with another setting); each
notebook opens in a fresh workspace, and its kernel is deleted when its test ends. Chromium and Playwright must be installed (``make test`` installs both): without
them the tests fail with what to install, they never skip. Measured on 2 cores with one thread per
pool (2026-12-06, idle machine): 4m13s for the module alone (the module before waits were for
events: 3m56s the same hour), from 24 s (Gradient_Checking) to 40 s (TensorFlow) a notebook with its
moves, the playground 17 s and the two sliders 20 to 30 s, plus 15 s to release the course and
start JupyterLab.
"""

from __future__ import annotations

import ast
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest

from tests.support import browser
from tests.support.grading_helpers import build_submission, load_case, write_submission

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
# The playground is no assignment: its own test opens it with tests/support/browser.py.
ASSIGNMENTS = sorted(p.parent.name for p in ROOT.glob("notebooks/*/*.ipynb") if p.parent.name != "playground")
VIEWPORT = {"width": 1280, "height": 900}
WAIT = 120.0  # seconds: the limit of a wait for something the page must do (a few seconds when all goes well)


def displayed_explorers(notebook: Path) -> int:
    """How many explorers the notebook's cells display: code cells that end with
    ``<...>Explorer(...).widget()`` or ``explorer.widget()`` after making one."""
    ends_with_widget = re.compile(r"\.widget\(\)\s*(#.*)?$")
    return sum(1 for cell in nbformat.read(notebook, as_version=4).cells
               if cell.cell_type == "code" and "Explorer" in cell.source and ends_with_widget.search(cell.source.strip()))


@pytest.fixture(scope="module", autouse=True)
def requirements() -> None:
    """Chromium and Playwright, checked first: the tests fail without them, saying how to install."""
    missing = browser.missing_requirements()
    if missing:
        pytest.fail(missing, pytrace=False)


@pytest.fixture(scope="module")
def notebooks(released_course, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A folder of the released notebooks with the reference solutions typed in, and each
    assignment's notebook path relative to it."""
    root = tmp_path_factory.mktemp("browser-notebooks")
    paths = {}
    for assignment in ASSIGNMENTS:
        released = next((released_course.root / "release" / assignment).glob("*.ipynb"))
        write_submission(root / assignment / released.name, build_submission(released, load_case(assignment, "reference")))
        paths[assignment] = f"{assignment}/{released.name}"
    # the playground as released, beside the notebooks whose functions it trains with
    playground = released_course.root / "release" / "playground" / "Playground.ipynb"
    (root / "playground").mkdir()
    shutil.copy(playground, root / "playground" / playground.name)
    paths["playground"] = "playground/Playground.ipynb"
    return root, paths


@pytest.fixture(scope="module")
def lab(requirements, notebooks):
    with browser.LabServer(notebooks[0]) as server:
        yield server


@pytest.fixture(scope="module")
def chromium(requirements):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = browser.chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture
def page(chromium, lab):
    context = chromium.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()
    lab.delete_kernels()


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_notebook_runs_and_its_explorers_redraw_in_the_browser(assignment, notebooks, lab, page):
    path = notebooks[1][assignment]
    expected_explorers = displayed_explorers(notebooks[0] / path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{assignment}-*.png"):
        old.unlink()
    try:
        result = browser.open_and_run(page, lab, path, screenshot=ARTIFACTS / f"{assignment}-1-run-all.png")
    except Exception:
        try:
            page.screenshot(path=str(ARTIFACTS / f"{assignment}-failed.png"))
        finally:
            raise
    print(f"{path}: opened in {result.timings['open']:.1f} s, ran in {result.timings['run_all']:.1f} s, "
          f"{result.widget_nodes} widget nodes")

    problems = [f"error output, {problem}" for problem in result.errors]
    if result.executed != result.code_cells:
        problems.append(f"{result.executed} of {result.code_cells} code cells ran")
    problems += [f"widget shown as text (is jupyterlab_widgets installed?), {problem}" for problem in result.text_reprs]
    if expected_explorers and not result.widget_nodes:
        problems.append("no widget rendered (.jupyter-widgets / .widget-vbox)")

    found = browser.explorers(page)
    if len(found) < expected_explorers:
        problems.append(f"{len(found)} explorers (a course-panel box) in the page; "
                        f"the notebook displays {expected_explorers}")
    for explorer in found:
        move = browser.move_slider(page, lab, explorer)
        explorer.screenshot(path=str(ARTIFACTS / f"{assignment}-2-explorer{move.explorer}-moved.png"))
        print(f"explorer {move.explorer}: {move.label!r} {move.before} -> {move.after}, "
              f"{'redrawn' if move.redrawn else 'NOT redrawn'} in {move.seconds:.1f} s: {move.shown_after}")
        where = f"explorer {move.explorer}, slider {move.label!r} moved from {move.before} to {move.after} (shows {move.readout})"
        if not move.redrawn:
            problems.append(f"{where}: its figure does not show that value ({'image changed' if move.image_changed else 'image unchanged'}; "
                            f"settings shown before {move.shown_before!r}, after {move.shown_after!r})")
        problems += [f"{where}: error, {problem}" for problem in move.errors]
        status = explorer.locator(browser.PANEL_STATUS).first.inner_text()
        if assignment == "tensorflow" and not ("· dev " in status and "test" not in status):
            problems.append(f"{where}: the explorer tunes on the dev set, its status line shows {status!r}")

    assert not problems, f"{path} in the browser (screenshots in {ARTIFACTS}):\n" + "\n\n".join(problems)


def test_playground_plays_and_follows_two_controls_in_the_browser(notebooks, lab, page):
    """Run all, press play, change a slider and a dropdown while it plays, pause: the figure keeps
    changing, each change starts a new run with that setting, and no error shows in the page, in
    the log console or in the kernel (the play loop prints a traceback under its cell)."""
    path = notebooks[1]["playground"]
    for old in ARTIFACTS.glob("playground-*.png"):
        old.unlink()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        result = browser.open_and_run(page, lab, path, screenshot=ARTIFACTS / "playground-1-run-all.png")
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "playground-failed.png"))
        raise
    assert not result.errors and not result.text_reprs and result.executed == result.code_cells, result
    panel, status, epoch = browser.PANEL, lambda: browser.playground_status(page), lambda: browser.playground_epoch(page)
    assert epoch() == 0 and "dataset=moons" in status()
    browser.open_log_console(page)
    logged, activity_log = len(browser.logged_errors(page)), lab.log_text()
    browser.watch_playground(page)
    page.locator(f"{panel} .widget-image").first.scroll_into_view_if_needed()

    # Every wait below is for an event, with a limit a busy machine cannot reach (WAIT).
    page.locator(f"{panel} button:has-text('Play')").first.click()
    browser.poll(lambda: epoch() > 50 and page.evaluate("window.__frames.length") >= 5, WAIT,
                 "the playground playing past epoch 50, in 5 frames or more")
    playing_epoch = epoch()

    # two controls while it plays: a slider (a new run on new data) and a dropdown (the optimizer)
    noise = page.locator(f"{panel} .widget-slider:has(.widget-label:text-is('noise'))").first
    noise.locator(".noUi-handle").press("ArrowRight")
    browser.poll(lambda: "noise=0.25&" in status(), WAIT, "the status line showing noise=0.25")
    optimizer = page.locator(f"{panel} .widget-dropdown:has(label:text-is('optimizer')) select").first
    optimizer.select_option("momentum")
    browser.poll(lambda: "optimizer=momentum&" in status() and "noise=0.25&" in status(), WAIT,
                 "the status line showing optimizer=momentum")
    restarted = page.evaluate("window.__statuses.filter(([t, s]) => s.includes('optimizer=momentum')).map(([t, s]) => s.split(' ')[1])")
    assert restarted and int(restarted[0]) < playing_epoch, "a change starts a new run"
    frames = page.evaluate("window.__frames.length")
    browser.poll(lambda: page.evaluate("window.__frames.length") >= frames + 10, WAIT, "the figure changing 10 more times")
    assert epoch() > 0, "the new run plays"
    page.screenshot(path=str(ARTIFACTS / "playground-2-playing.png"))

    page.locator(f"{panel} button:has-text('Pause')").first.click()
    browser.poll(lambda: page.locator(f"{panel} button:has-text('Play')").count(), WAIT, "the Play button back")
    paused, frames = epoch(), page.evaluate("window.__frames.length")
    time.sleep(1.0)  # what must not happen has no event to wait for: a second in which it could
    assert epoch() == paused and page.evaluate("window.__frames.length") == frames, "paused: no more epochs, no more frames"
    page.locator(f"{panel} .widget-image").first.screenshot(path=str(ARTIFACTS / "playground-3-paused.png"))

    problems = [str(problem) for problem in (browser.inspect(page)["errors"])]
    problems += browser.logged_errors(page)[logged:]
    kernel_log = lab.log_text()[len(activity_log):]
    if "Traceback" in kernel_log:
        problems.append(kernel_log[-3000:])
    assert "stopped" not in status() and not problems, "\n\n".join(problems)


# With this JupyterLab setting every widget's messages go to a subshell of its own. ipykernel 7.4
# sends a comm's message to the subshell its widget last published from: the main shell for the
# first change of a widget made by a cell, that widget's subshell for the changes after it. From
# the second move on, two sliders moved one after the other are handled at once, on two threads.
PER_COMM = {"@jupyterlab/apputils-extension/kernels-settings": {"commsOverSubshells": "perComm"}}
TWO_SLIDERS = [
    "import threading\n"
    "from course_utils.notebook_functions import notebook_functions\n"
    "from course_utils.widgets import TrajectoryExplorer\n"
    "explorer = TrajectoryExplorer(notebook_functions('Optimization.ipynb'))\n"
    "box, threads = explorer.widget(), []\n"
    "for name, widget in explorer.panel.widgets.items():  # which thread handles each change\n"
    "    widget.observe(lambda change, name=name: threads.append((name, threading.current_thread().name)), names='value')\n"
    "box",
    "print(threads)",
]


def test_two_sliders_moved_at_once_on_two_threads_end_with_both_values(notebooks, chromium):
    """``commsOverSubshells: perComm``: the learning rate and the number of steps of the optimizer
    race, moved one right after the other, twice; the second time they are handled on two subshell
    threads at once. Each time the figure ends with both new values (the panel's lock, and each
    update reading the controls when it starts)."""
    root = notebooks[0]
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in TWO_SLIDERS]),
                   root / "optimization" / "Two_Sliders.ipynb")
    with browser.LabServer(root, settings=PER_COMM) as lab:
        context = chromium.new_context(viewport=VIEWPORT)
        context.set_default_timeout(60_000)
        page = context.new_page()
        try:
            result = browser.open_and_run(page, lab, "optimization/Two_Sliders.ipynb")
            assert not result.errors and result.executed == result.code_cells == 2, result
            [explorer] = browser.explorers(page)
            sliders = explorer.locator(".widget-slider")
            labels = [sliders.nth(i).locator(".widget-label").first.inner_text() for i in range(sliders.count())]
            moved = [labels.index("learning rate"), labels.index("steps")]
            for time_round in ("first", "second"):
                before, _ = browser.panel_status(explorer)
                for index in moved:
                    sliders.nth(index).locator(".noUi-handle").press("ArrowRight")

                def both_drawn() -> bool:
                    shown, busy = browser.panel_status(explorer)
                    readouts = [sliders.nth(i).locator(".widget-readout").first.inner_text() for i in moved]
                    return not busy and browser.shows_values(before, shown, readouts)

                browser.poll(both_drawn, WAIT, f"the figure showing both new values, the {time_round} time")
            browser.wait_until_settled(page, WAIT, lab=lab)
            # the second cell again: the threads the updates ran on
            page.locator(".jp-Notebook .jp-Cell").nth(1).locator(".jp-InputArea-editor").click()
            page.keyboard.press("Shift+Enter")
            output = page.locator(".jp-Notebook .jp-Cell").nth(1).locator(".jp-OutputArea-output")
            browser.poll(lambda: "subshell" in output.inner_text(), WAIT, "the second cell listing subshell threads")
            threads = output.inner_text()
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "two-sliders-failed.png"))
            raise
        finally:
            context.close()
    handled = ast.literal_eval(threads.strip())  # [(setting, thread), ...] in the order handled
    print(handled)
    assert len(handled) == 4 and {name for name, _ in handled} == {"learning_rate", "steps"}, handled
    second = {thread for _, thread in handled[2:]}
    assert len(second) == 2 and all(thread.startswith("subshell-") for thread in second), \
        f"the second moves were not handled on two subshells: {handled}"
