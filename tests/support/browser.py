"""Course notebooks in a real browser: JupyterLab driven in Debian's Chromium through Playwright.

What this module guarantees:

* ``LabServer`` is one JupyterLab on a free 127.0.0.1 port with a random token, which sees nothing
  of the machine's Jupyter set-up (private runtime, config, data, IPython, settings and workspace
  folders; only the venv's own extensions and kernel). Its settings turn the "Jupyter news" toast
  off and notebook windowing off, so that every cell of a notebook is in the page. Leaving it
  deletes every kernel over the REST API, then stops the server's process group (SIGTERM, then
  SIGKILL).
* ``chromium()`` launches /usr/bin/chromium (or $CHROMIUM) headless, never a downloaded browser;
  ``missing_requirements()`` says what to install when it or Playwright is absent.
* ``open_and_run(page, lab, path)`` opens a notebook in a fresh workspace, waits for its kernel,
  runs all cells from the Run menu and returns when no cell is pending and the kernel has stayed
  idle: a ``RunResult`` with every error and stderr output (in the cells and in the log console,
  where a widget callback's exception goes) and every widget shown as its text repr, each with
  its cell, the number of rendered widget views, how many code cells ran, and the timings.
  Kernels are started as for a student (not as under pytest, where ipykernel hides what C code
  writes to stderr). ``screenshot_notebook`` takes a PNG of the whole notebook.
* ``explorers(page)`` finds the explorer widgets (every ``course_utils.panel.Panel``: a box of
  class ``course-panel``) and ``move_slider(page, lab, explorer)`` moves one slider by a step or
  more, then waits for what proves the redraw, never for a quiet kernel: the panel's status line
  no longer busy and showing the new value in its settings string, and its image changed. It
  reports what the explorer shows and which errors appeared meanwhile.

Written for the course notebooks; another test opens ``playground/Playground.ipynb`` the same way.
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import parse_qsl

if TYPE_CHECKING:  # Playwright is imported only where a browser is used
    from playwright.sync_api import Browser, Locator, Page, Playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    "`make test` installs them; by hand: `apt-get install chromium` (as root) and "
    "`.venv/bin/python -m pip install -e '.[dev]'` (never `playwright install`: the tests use Debian's Chromium)"
)

# The settings a fresh user would change so that the page can be tested: no news toast over the
# notebook, no update check, and every cell rendered (JupyterLab otherwise only renders the cells
# in view, and the checks look at all of them).
LAB_SETTINGS: dict[str, dict[str, Any]] = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "autoStartDefaultKernel": True},
}

# An error or a stderr stream: JupyterLab renders both with this MIME type.
STDERR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
# How a widget looks when the page cannot render it (jupyterlab_widgets missing): its Python repr.
WIDGET_REPR = re.compile(
    r"^\s*[A-Z]\w*\((?:children|value|description|options|outputs|layout|min|max|index)=", re.MULTILINE
)
WIDGET_NODES = ".jupyter-widgets, .widget-vbox"
IDLE = ".jp-Notebook-ExecutionIndicator[data-status='idle']"

# The page's own view of one notebook: outputs that are errors, text reprs of widgets, pending
# prompts, the kernel's status. Runs in the browser; "cell" counts from 0 over all cells.
_INSPECT_JS = """
([stderrSelector, reprSource, widgetNodes]) => {
  const repr = new RegExp(reprSource, 'm');
  const cells = Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell'));
  const errors = [], reprs = [];
  cells.forEach((cell, index) => {
    cell.querySelectorAll(stderrSelector).forEach(node => errors.push({cell: index, text: node.innerText}));
    cell.querySelectorAll(".jp-OutputArea-output[data-mime-type='text/plain']").forEach(node => {
      if (repr.test(node.innerText)) reprs.push({cell: index, text: node.innerText});
    });
    cell.querySelectorAll('.jupyter-widgets').forEach(node => {
      if (/^\\s*Error displaying widget/.test(node.innerText)) reprs.push({cell: index, text: node.innerText});
    });
  });
  const prompts = Array.from(document.querySelectorAll('.jp-InputArea-prompt')).map(p => p.innerText.trim());
  const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
  return {errors, reprs, widgets: document.querySelectorAll(widgetNodes).length, cells: cells.length,
          code_cells: cells.filter(cell => cell.classList.contains('jp-CodeCell')).length,
          pending: prompts.filter(p => p.includes('*')).length, executed: prompts.filter(p => /\\[\\d+\\]/.test(p)).length,
          status: indicator ? indicator.getAttribute('data-status') : null};
}
"""

# Mark every explorer (a course_utils.panel.Panel: a box of class course-panel, holding its sliders,
# its status line and its image) with data-explorer="<index>", in page order; how many there are.
_MARK_EXPLORERS_JS = """
() => {
  document.querySelectorAll('[data-explorer]').forEach(node => node.removeAttribute('data-explorer'));
  const boxes = Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .course-panel'));
  boxes.forEach((box, index) => box.setAttribute('data-explorer', String(index)));
  return boxes.length;
}
"""
PANEL_STATUS = ".course-panel-status"
PANEL_BUSY = "course-panel-busy"  # course_utils.panel.BUSY


def missing_requirements() -> str | None:
    """What is missing to run the browser tests, with how to install it; None when nothing is."""
    missing = []
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium ({CHROMIUM}, the Debian package chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright (the dev extra)")
    return f"missing: {' and '.join(missing)}. {INSTALL_HINT}" if missing else None


def chromium(playwright: "Playwright") -> "Browser":
    """Debian's Chromium, headless (Playwright never downloads a browser here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def poll(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.1) -> Any:
    """The first true value of ``condition()``, tried every ``interval`` s; TimeoutError after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: still not the case after {timeout:.0f} s")
        time.sleep(interval)


class LabServer:
    """One JupyterLab over ``root`` (a context manager): ``url(path)`` opens a notebook in a fresh
    workspace; the server's and kernels' output goes to ``log``."""

    def __init__(
        self,
        root: Path,
        port: int | None = None,
        startup_timeout: float = 180.0,
        page_config: dict[str, Any] | None = None,
        settings: dict[str, dict[str, Any]] | None = None,
        python: str = sys.executable,
        extra_args: tuple[str, ...] = (),
    ):
        from tests.support.grading_helpers import free_port

        self.root = Path(root).resolve()
        self.python = (
            python  # the environment JupyterLab and its kernels run in (another venv's, for the student edition)
        )
        self.extra_args = tuple(extra_args)  # more options for JupyterLab, e.g. a default URL
        self.port = port or free_port()
        self.token = secrets.token_hex(16)
        self.startup_timeout = startup_timeout
        self.page_config = (
            page_config or {}
        )  # e.g. {"disabledExtensions": {"@jupyter-widgets/jupyterlab-manager": True}}
        # user settings on top of LAB_SETTINGS, by plugin, e.g.
        # {"@jupyterlab/apputils-extension/kernels-settings": {"commsOverSubshells": "perComm"}}
        self.settings = {plugin: dict(values) for plugin, values in LAB_SETTINGS.items()}
        for plugin, values in (settings or {}).items():
            self.settings.setdefault(plugin, {}).update(values)
        self.home = Path(tempfile.mkdtemp(prefix="browser-lab-"))
        self.log = self.home / "server.log"
        self.process: subprocess.Popen | None = None
        self._workspaces = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, workspace: str | None = None) -> str:
        """The page that opens ``path`` (relative to the root) in a new, empty workspace."""
        self._workspaces += 1
        workspace = workspace or f"test{self._workspaces}"
        return f"{self.base}/lab/workspaces/{workspace}/tree/{path}?reset&token={self.token}"

    def api(self, method: str, path: str, timeout: float = 10.0) -> Any:
        """Call the server's REST API; the decoded JSON answer (None when empty)."""
        request = urllib.request.Request(
            f"{self.base}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def kernel_activity(self) -> str:
        """The latest ``last_activity`` of the running kernels (the server moves it on each message
        a kernel sends, such as its busy and idle status): changes once a kernel has handled a request."""
        return max((kernel["last_activity"] for kernel in self.api("GET", "/api/kernels")), default="")

    def kernels_idle(self) -> bool:
        """Whether every running kernel says it is idle (what the server last heard from it)."""
        return all(kernel["execution_state"] == "idle" for kernel in self.api("GET", "/api/kernels"))

    def log_text(self, since: int = 0) -> str:
        """The server's (and its kernels') output from byte ``since`` on."""
        with open(self.log, "rb") as f:
            f.seek(since)
            return f.read().decode(errors="replace")

    def start(self) -> "LabServer":
        settings = self.home / "settings"
        for plugin, values in self.settings.items():
            target = settings / f"{plugin}.jupyterlab-settings"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        private = {
            name: self.home / folder
            for name, folder in (
                ("JUPYTER_CONFIG_DIR", "config"),
                ("JUPYTER_DATA_DIR", "data"),
                ("JUPYTER_RUNTIME_DIR", "runtime"),
                ("IPYTHONDIR", "ipython"),
            )
        }
        for folder in private.values():
            folder.mkdir()
        if self.page_config:
            (private["JUPYTER_CONFIG_DIR"] / "labconfig").mkdir()
            (private["JUPYTER_CONFIG_DIR"] / "labconfig" / "page_config.json").write_text(json.dumps(self.page_config))
        env = dict(os.environ, JUPYTER_PREFER_ENV_PATH="1", **{k: str(v) for k, v in private.items()})
        # A kernel started under pytest does not forward what C and C++ code write to its stderr
        # (ipykernel turns that off when PYTEST_CURRENT_TEST is set): the page must show it, as it
        # does for a student.
        env.pop("PYTEST_CURRENT_TEST", None)
        command = [
            self.python,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root}",
            f"--IdentityProvider.token={self.token}",
            "--ServerApp.open_browser=False",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={self.home / 'workspaces'}",
            "--allow-root",
            *self.extra_args,
        ]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=self.root,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )

        def ready() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.log_text()[-3000:]}")
            try:
                return bool(self.api("GET", "/api/status", timeout=2))
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                return False

        try:
            poll(ready, self.startup_timeout, f"JupyterLab on port {self.port} answering /api/status", interval=0.2)
        except BaseException:
            self.stop()
            raise
        return self

    def delete_kernels(self) -> int:
        """Shut down every running kernel (DELETE /api/kernels/<id>); how many there were."""
        kernels = self.api("GET", "/api/kernels")
        for kernel in kernels:
            self.api("DELETE", f"/api/kernels/{kernel['id']}", timeout=30)
        return len(kernels)

    def stop(self, timeout: float = 15.0) -> None:
        """Delete the kernels, then stop the server's process group: SIGTERM, SIGKILL after ``timeout`` s."""
        if self.process is not None and self.process.poll() is None:
            try:
                self.delete_kernels()
            except (OSError, urllib.error.URLError):
                pass
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        if self.process is not None:
            try:  # what is left of the group (a kernel the server did not stop)
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self) -> "LabServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class Problem:
    """An output that should not be there: which cell (from 0, over all cells; -1: the log console,
    where what a widget callback raises or writes to stderr goes) and its text."""

    cell: int
    text: str

    def __str__(self) -> str:
        text = self.text.strip()
        text = text if len(text) <= 1500 else f"{text[:300]}\n[...]\n{text[-1200:]}"  # a traceback's end says the most
        return f"{'the log console' if self.cell < 0 else f'cell {self.cell}'}: {text}"


@dataclass
class RunResult:
    """What a notebook showed after Run All."""

    path: str
    errors: list[Problem] = field(
        default_factory=list
    )  # error outputs and stderr streams, in cells and the log console
    text_reprs: list[Problem] = field(default_factory=list)  # widgets shown as text, not rendered
    widget_nodes: int = 0  # rendered widget views (.jupyter-widgets, .widget-vbox)
    cells: int = 0
    code_cells: int = 0
    executed: int = 0  # code cells with an execution count (all of them unless a cell failed)
    timings: dict[str, float] = field(default_factory=dict)  # "open", "run_all" in seconds


@dataclass
class SliderMove:
    """One slider of an explorer moved (an error's cell is -1 when the log console had it)."""

    explorer: int
    label: str  # the slider's description
    before: str  # aria-valuenow before and after
    after: str
    readout: str  # what the slider shows after the move
    shown_before: str  # the settings string of the explorer's figure, before and after
    shown_after: str
    image_changed: bool  # the explorer's image src differs from before
    redrawn: bool  # the figure shows the slider's last value: exactly that setting changed, to it, and the image too
    errors: list[Problem] = field(default_factory=list)  # new error outputs in the notebook and in the log console
    seconds: float = 0.0


def inspect(page: "Page") -> dict:
    """The page's state now: errors, text reprs, widget count, pending prompts, kernel status."""
    return page.evaluate(_INSPECT_JS, [STDERR, WIDGET_REPR.pattern, WIDGET_NODES])


def wait_until_settled(page: "Page", timeout: float, quiet: float = 1.0, lab: LabServer | None = None) -> dict:
    """Wait until no cell shows ``[*]`` and the kernel has been idle for ``quiet`` seconds, as the
    page shows it (and, with ``lab``, as the server hears it too); the page's last state."""
    since = None

    def settled() -> dict | None:
        nonlocal since
        state = inspect(page)
        if state["pending"] or state["status"] != "idle" or (lab is not None and not lab.kernels_idle()):
            since = None
            return None
        since = since or time.monotonic()
        return state if time.monotonic() - since >= quiet else None

    return poll(settled, timeout, "the notebook finishing (no [*] prompt, kernel idle)", interval=0.2)


def open_notebook(page: "Page", lab: LabServer, path: str, timeout: float = 120.0) -> float:
    """Open ``path`` in a fresh workspace and wait until its kernel is idle; the seconds it took."""
    start = time.monotonic()
    page.goto(lab.url(path))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout * 1000)
    page.wait_for_selector(IDLE, timeout=timeout * 1000)
    # Done when the server runs a kernel for it. A notebook opened while the page is still loading
    # the kernel specs can ask "Select Kernel" (seen once in make test, under load, despite
    # autoStartDefaultKernel): its proposal is the notebook's own kernel, so take it.
    select_kernel = page.locator(".jp-Dialog:has-text('Select Kernel') .jp-mod-accept")

    def kernel_running() -> bool:
        if select_kernel.count():
            select_kernel.first.click()
        return any(
            session["path"].endswith(path) and session.get("kernel") for session in lab.api("GET", "/api/sessions")
        )

    poll(kernel_running, timeout, f"a kernel running for {path}", interval=0.2)
    page.wait_for_selector(IDLE, timeout=timeout * 1000)
    return time.monotonic() - start


def run_all(page: "Page", timeout: float = 300.0, lab: LabServer | None = None) -> dict:
    """Run > Run All Cells, then wait until it is over (Run All stops at the first error)."""
    item = page.locator(".lm-Menu-item[data-command='runmenu:run-all']")

    def clicked() -> bool:  # the item stays disabled until the notebook and its kernel are ready
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        item.wait_for()
        if "lm-mod-disabled" in (item.get_attribute("class") or ""):
            page.keyboard.press("Escape")
            return False
        item.click()
        return True

    # A click that landed while the page was busy can be lost (seen once in make test, under load):
    # when no cell has started after 30 s, click again (the page marks a cell [*] as soon as it
    # handles the click, before the kernel hears of it).
    for attempt in range(3):
        poll(clicked, 120, "Run > Run All Cells enabled", interval=0.3)
        try:
            poll(lambda: (s := inspect(page))["pending"] or s["executed"], 30, "Run All starting")
            break
        except TimeoutError:
            if attempt == 2:
                raise
    return wait_until_settled(page, timeout, lab=lab)


def open_and_run(
    page: "Page", lab: LabServer, path: str, timeout: float = 300.0, screenshot: Path | None = None
) -> RunResult:
    """Open the notebook ``path`` (relative to the server's root) in a fresh workspace, run all its
    cells and collect what the page shows, the log console included (left open): see ``RunResult``.
    With ``screenshot``, a PNG of the whole notebook after Run All goes there."""
    opened = open_notebook(page, lab, path)
    start = time.monotonic()
    state = run_all(page, timeout, lab)
    ran = time.monotonic() - start
    if screenshot is not None:  # before the log console takes part of the window
        screenshot_notebook(page, screenshot)
    open_log_console(page)
    logged = [Problem(-1, text) for text in logged_errors(page)]
    return RunResult(
        path,
        [Problem(**e) for e in state["errors"]] + logged,
        [Problem(**r) for r in state["reprs"]],
        state["widgets"],
        state["cells"],
        state["code_cells"],
        state["executed"],
        {"open": opened, "run_all": ran},
    )


def explorers(page: "Page") -> list["Locator"]:
    """Every explorer on the page, in order: a ``course_utils.panel.Panel``'s box (each gets the
    attribute data-explorer="<index>")."""
    count = page.evaluate(_MARK_EXPLORERS_JS)
    return [page.locator(f"[data-explorer='{index}']") for index in range(count)]


def image_source(explorer: "Locator") -> str | None:
    """The src of the explorer's last image (its figure), None when it shows none."""
    images = explorer.locator("img")
    return images.last.get_attribute("src") if images.count() else None


def panel_status(explorer: "Locator") -> tuple[str, bool]:
    """The settings string in the explorer's status line (what its figure shows) and whether an
    update is running."""
    status = explorer.locator(PANEL_STATUS).first
    code = status.locator("code").first
    return (code.inner_text() if code.count() else ""), PANEL_BUSY in (status.get_attribute("class") or "")


def shows_values(before: str, after: str, readouts: list[str]) -> bool:
    """Whether the settings string ``after`` differs from ``before`` in exactly as many settings as
    there are ``readouts`` (what the moved sliders show), and the new values are those readouts (to
    their three significant digits), in the order of the settings string."""
    old, new = dict(parse_qsl(before)), dict(parse_qsl(after))
    changed = [name for name in new if new[name] != old.get(name)]
    if len(changed) != len(readouts) or set(old) != set(new):
        return False
    return all(_same_value(new[name], readout) for name, readout in zip(changed, readouts))


def _same_value(text: str, readout: str) -> bool:
    try:
        return math.isclose(float(text), float(readout), rel_tol=5e-3)
    except ValueError:
        return text == readout.strip()


def shows_value(before: str, after: str, readout: str) -> bool:
    """``shows_values`` for one slider."""
    return shows_values(before, after, [readout])


LOG_ERRORS = ".jp-LogConsolePanel .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"


def open_log_console(page: "Page") -> None:
    """View > Show Log Console, for the open notebook. What a widget callback prints or raises
    outside an Output widget goes there (and nowhere else in the page)."""
    if page.locator(".jp-LogConsolePanel").count():
        return
    page.click(".lm-MenuBar-itemLabel:text-is('View')")
    page.click(".lm-Menu-item[data-command='logconsole:open']")
    page.wait_for_selector(".jp-LogConsolePanel")


def logged_errors(page: "Page") -> list[str]:
    """The errors and stderr text in the log console (opened by ``open_log_console``)."""
    return page.locator(LOG_ERRORS).all_inner_texts()


def move_slider(
    page: "Page", lab: LabServer, explorer: "Locator", slider: int = 0, presses: int = 1, timeout: float = 240.0
) -> SliderMove:
    """Press ArrowRight ``presses`` times, quickly, on the explorer's ``slider``-th slider (ArrowLeft
    when it is at its maximum): each press is a new value the kernel handles in turn. Then wait,
    up to ``timeout`` s, for what proves that the explorer drew the last one: its status line not
    busy and showing the slider's value in place of the old one (``shows_value``), and its image
    changed; then for the kernel to be idle. The move's errors are the error outputs that appeared
    in the page meanwhile, and in the log console, where an exception in a widget callback goes
    (opened here if it is not open)."""
    index = int(explorer.get_attribute("data-explorer") or -1)
    handle = explorer.locator(".noUi-handle").nth(slider)
    container = explorer.locator(".widget-slider").nth(slider)
    label = container.locator(".widget-label").first.inner_text() if container.count() else ""
    before_src, before = image_source(explorer), handle.get_attribute("aria-valuenow") or ""
    shown_before, _ = panel_status(explorer)
    open_log_console(page)
    errors_before, logged_before = {(e["cell"], e["text"]) for e in inspect(page)["errors"]}, len(logged_errors(page))
    start = time.monotonic()
    handle.focus()
    key = "ArrowLeft" if before == handle.get_attribute("aria-valuemax") else "ArrowRight"
    for _ in range(presses):
        handle.press(key)
    poll(lambda: handle.get_attribute("aria-valuenow") != before, 60, f"slider {label!r} moving")

    def drawn() -> bool:
        shown, busy = panel_status(explorer)
        readout = container.locator(".widget-readout").first.inner_text()
        return not busy and shows_value(shown_before, shown, readout) and image_source(explorer) != before_src

    try:
        poll(drawn, timeout, f"explorer {index} drawing the last value of {label!r}", interval=0.2)
    except TimeoutError:
        pass  # reported below, with what the explorer shows
    state = wait_until_settled(page, timeout, lab=lab)
    shown_after, _ = panel_status(explorer)
    readout = container.locator(".widget-readout").first.inner_text()
    errors = [Problem(**e) for e in state["errors"] if (e["cell"], e["text"]) not in errors_before]
    errors += [Problem(-1, text) for text in logged_errors(page)[logged_before:]]
    image_changed = image_source(explorer) != before_src
    return SliderMove(
        index,
        label,
        before,
        handle.get_attribute("aria-valuenow") or "",
        readout,
        shown_before,
        shown_after,
        image_changed,
        image_changed and shows_value(shown_before, shown_after, readout),
        errors,
        time.monotonic() - start,
    )


def screenshot_notebook(page: "Page", target: Path, max_height: int = 16000) -> Path:
    """A PNG of the whole open notebook panel, from its first cell: the window is made as tall as
    the notebook needs for the shot, then given its size back. At most ``max_height`` pixels:
    Chromium paints nothing further down."""
    target.parent.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size or {"width": 1280, "height": 900}
    scroller = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
    try:
        height = viewport["height"]
        for _ in range(5):  # more than once if the notebook gets only part of the extra height (a split panel)
            hidden = int(page.eval_on_selector(scroller, "node => node.scrollHeight - node.clientHeight"))
            if hidden <= 0 or height >= max_height:
                break
            height = min(max_height, height + hidden + 20)
            page.set_viewport_size({"width": viewport["width"], "height": height})
        page.eval_on_selector(scroller, "node => { node.scrollTop = 0; }")
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").screenshot(path=str(target))
    finally:
        page.set_viewport_size(viewport)
    return target


# ---- the playground (notebooks/playground): its figure is an ipywidgets Image, its status line an HTML ----

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
_PLAYGROUND_BOX = f"document.querySelector(\"{PANEL} .widget-image\").closest('.widget-vbox')"
_WATCH_PLAYGROUND_JS = (
    """() => {
  const box = %s, image = box.querySelector('.widget-image'), status = box.querySelector(':scope > .widget-html');
  window.__frames = []; window.__statuses = [];
  new MutationObserver(() => window.__frames.push(performance.now())).observe(image, {attributes: true, attributeFilter: ['src']});
  new MutationObserver(() => window.__statuses.push([performance.now(), status.innerText]))
    .observe(status, {subtree: true, childList: true, characterData: true});
  return true;
}"""
    % _PLAYGROUND_BOX
)


def watch_playground(page: "Page") -> None:
    """From now on the page records in ``window.__frames`` the time of every new figure of the
    playground (its image's src changing) and in ``window.__statuses`` every ``[time, text]`` of
    its status line."""
    page.evaluate(_WATCH_PLAYGROUND_JS)


def playground_status(page: "Page") -> str:
    """The playground's status line: "epoch N · <settings string>" (an error above it)."""
    return page.evaluate(f"() => {_PLAYGROUND_BOX}.querySelector(':scope > .widget-html').innerText")


def playground_epoch(page: "Page") -> int:
    return int(playground_status(page).split("epoch ", 1)[1].split(" ", 1)[0])
