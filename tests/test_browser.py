"""Every notebook of the course, as a student gets it (the release) with the reference solutions
typed in, run in a real browser: JupyterLab in Debian's Chromium through Playwright (see
tests/browser.py).

For each notebook, after Run All: no error and no stderr output, in a cell or in the log console
(where a widget callback's exception goes); every code cell ran; no widget shown as its text repr
(``VBox(children=(...``: what the page shows without jupyterlab_widgets) and widget views rendered;
and every explorer (a widget box with a slider and an image, found in the page, at least as many as
the notebook's cells display) redraws its image, without error, when one of its sliders moves one
step.

Screenshots, rewritten on each run, go to test-artifacts/browser/ at the repository root:
``<assignment>-1-run-all.png`` (the whole notebook after Run All) and
``<assignment>-2-explorer<N>-moved.png`` (each explorer after its slider moved; ``-failed.png``
when the page could not be driven).

One JupyterLab (over a temporary folder of ``<assignment>/<Notebook>.ipynb``) and one Chromium
serve the whole module; each notebook opens in a fresh workspace, and its kernel is deleted when
its test ends. Chromium and Playwright must be installed (``make test`` installs both): without
them the tests fail with what to install, they never skip. Measured on 2 cores with one thread per
pool (2026-12-02): 2m29s for the module alone, from 10 s (Gradient_Checking) to 30 s (TensorFlow) a
notebook and 12 to 20 s for the playground, plus 10 s to release the course and start JupyterLab;
3.5 to 4.5 minutes within make test, beside the grading tests.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest

import browser
from grading_helpers import build_submission, load_case, write_submission

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
# The playground is no assignment: its own test opens it with tests/browser.py.
ASSIGNMENTS = sorted(p.parent.name for p in ROOT.glob("notebooks/*/*.ipynb") if p.parent.name != "playground")
VIEWPORT = {"width": 1280, "height": 900}


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
        problems.append(f"{len(found)} explorers (a widget box with a slider and an image) in the page; "
                        f"the notebook displays {expected_explorers}")
    for explorer in found:
        move = browser.move_slider(page, lab, explorer)
        explorer.screenshot(path=str(ARTIFACTS / f"{assignment}-2-explorer{move.explorer}-moved.png"))
        print(f"explorer {move.explorer}: {move.label!r} {move.before} -> {move.after}, "
              f"{'redrawn' if move.image_changed else 'NOT redrawn'} in {move.seconds:.1f} s")
        where = f"explorer {move.explorer}, slider {move.label!r} moved from {move.before} to {move.after}"
        if not move.image_changed:
            problems.append(f"{where}: its image did not change")
        problems += [f"{where}: error, {problem}" for problem in move.errors]

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

    page.locator(f"{panel} button:has-text('Play')").first.click()
    browser.poll(lambda: epoch() >= 50, 30, "the playground playing to epoch 50")
    time.sleep(1.0)
    frames, playing_epoch = page.evaluate("window.__frames.length"), epoch()
    assert frames >= 5 and playing_epoch > 50, (frames, playing_epoch)

    # two controls while it plays: a slider (a new run on new data) and a dropdown (the optimizer)
    noise = page.locator(f"{panel} .widget-slider:has(.widget-label:text-is('noise'))").first
    noise.locator(".noUi-handle").press("ArrowRight")
    browser.poll(lambda: "noise=0.25&" in status(), 30, "the status line showing noise=0.25")
    optimizer = page.locator(f"{panel} .widget-dropdown:has(label:text-is('optimizer')) select").first
    optimizer.select_option("momentum")
    browser.poll(lambda: "optimizer=momentum&" in status() and "noise=0.25&" in status(), 30, "the status line showing optimizer=momentum")
    restarted = page.evaluate("window.__statuses.filter(([t, s]) => s.includes('optimizer=momentum')).map(([t, s]) => s.split(' ')[1])")
    assert restarted and int(restarted[0]) < playing_epoch, "a change starts a new run"
    frames = page.evaluate("window.__frames.length")
    browser.poll(lambda: page.evaluate("window.__frames.length") >= frames + 10, 30, "the figure changing 10 more times")
    assert epoch() > 0, "the new run plays"
    page.screenshot(path=str(ARTIFACTS / "playground-2-playing.png"))

    page.locator(f"{panel} button:has-text('Pause')").first.click()
    browser.poll(lambda: page.locator(f"{panel} button:has-text('Play')").count(), 10, "the Play button back")
    paused = epoch()
    time.sleep(0.7)
    assert epoch() == paused, "paused: no more epochs"
    page.locator(f"{panel} .widget-image").first.screenshot(path=str(ARTIFACTS / "playground-3-paused.png"))

    problems = [str(problem) for problem in (browser.inspect(page)["errors"])]
    problems += browser.logged_errors(page)[logged:]
    kernel_log = lab.log_text()[len(activity_log):]
    if "Traceback" in kernel_log:
        problems.append(kernel_log[-3000:])
    assert "stopped" not in status() and not problems, "\n\n".join(problems)
