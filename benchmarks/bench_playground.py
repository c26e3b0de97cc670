"""The playground in a real browser: how fast a control change shows, and how fast it plays.

JupyterLab on a copy of the course's notebooks (the reference solutions: the playground trains
with them), Debian's Chromium through Playwright (tests/support/browser.py); the playground with its
defaults, a 2 x 8 network on 500 points (350 to train, mini-batches of 64: 6 steps an epoch).

- latency: from a key press on a slider (the noise: a new run, new data, one redraw) to the new
  figure in the page (the image's src changing), paused; and while playing, to the status line
  showing the new setting (drawn in the same frame as the figure);
- playing: redraws per second (the image's src changes, counted in the page) and training steps
  per second (the epoch in the status line).

Targets (issue #23): median latency under 200 ms, at least 20 redraws per second while playing.
Measured here (2 cores, 2026-12-02, frames in 128 colours): paused median 97 ms (95th percentile
124 ms), playing median 119 ms (153 ms), 26.6 redraws and 4,338 training steps per second; with
full-colour frames (68 kB instead of 23 kB): 128 / 243 ms paused, 230 / 439 ms playing, 21.2
redraws per second.

    python benchmarks/bench_playground.py [--changes 40] [--seconds 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the repository root, where tests.support is

from tests.support.browser import (  # noqa: E402
    PANEL,
    LabServer,
    chromium,
    inspect,
    open_and_run,
    playground_epoch,
    playground_status,
    poll,
    watch_playground,
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def slider(page, label: str):
    return page.locator(f"{PANEL} .widget-slider:has(.widget-label:text-is('{label}')) .noUi-handle").first


def change_latencies(page, changes: int, playing: bool) -> list[float]:
    """Milliseconds from pressing an arrow key on the noise slider to the figure (paused) or the
    status line (playing) showing the new run."""
    handle, latencies = slider(page, "noise"), []
    readout = page.locator(f"{PANEL} .widget-slider:has(.widget-label:text-is('noise')) .widget-readout").first
    for number in range(changes):
        before = readout.inner_text()  # (aria-valuenow is rounded to one decimal)
        start = page.evaluate("performance.now()")
        handle.press("ArrowRight" if number % 2 == 0 else "ArrowLeft")
        after = poll(lambda: readout.inner_text() != before and readout.inner_text(), 10, "the slider")
        wanted = f"noise={float(after):g}&"
        if playing:
            seen = poll(
                lambda: page.evaluate(
                    "([t, s]) => (window.__statuses.find(([u, text]) => u > t && text.includes(s)) || [0])[0]",
                    [start, wanted],
                ),
                10,
                "the status line",
            )
        else:
            seen = poll(lambda: page.evaluate("t => window.__frames.find(u => u > t) || 0", start), 10, "the figure")
        latencies.append(seen - start)
        time.sleep(0.15)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-playground-") as folder:
        shutil.copytree(
            ROOT / "notebooks", Path(folder) / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
        with LabServer(Path(folder) / "notebooks") as lab, sync_playwright() as playwright:
            browser = chromium(playwright)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            run = open_and_run(page, lab, "playground/Playground.ipynb")
            assert not run.errors, run.errors
            watch_playground(page)
            page.locator(f"{PANEL} .widget-image").first.scroll_into_view_if_needed()

            paused = change_latencies(page, args.changes, playing=False)
            page.locator(f"{PANEL} button:has-text('Play')").first.click()
            time.sleep(1.0)
            frames, first_epoch, start = (
                page.evaluate("window.__frames.length"),
                playground_epoch(page),
                time.monotonic(),
            )
            time.sleep(args.seconds)
            frames, epochs, seconds = (
                page.evaluate("window.__frames.length") - frames,
                playground_epoch(page) - first_epoch,
                time.monotonic() - start,
            )
            playing = change_latencies(page, max(10, args.changes // 2), playing=True)
            still = page.locator(f"{PANEL} button:has-text('Pause')")
            if not still.count():
                errors = "\n".join(e["text"] for e in inspect(page)["errors"])
                raise SystemExit(f"the playground stopped playing: {playground_status(page)}\n{errors}")
            still.first.click()
            browser.close()

    steps_per_epoch = 6  # 350 training examples in mini-batches of 64
    print(
        f"playground in Chromium (JupyterLab; 2 x 8 network, 500 points, Adam, mini-batches of 64); run all {run.timings['run_all']:.1f} s"
    )
    print(
        f"  control change -> new figure, paused:  median {statistics.median(paused):.0f} ms, "
        f"95th percentile {percentile(paused, 0.95):.0f} ms over {len(paused)} changes (target: median under 200 ms)"
    )
    print(
        f"  control change -> new run shown, playing: median {statistics.median(playing):.0f} ms, "
        f"95th percentile {percentile(playing, 0.95):.0f} ms over {len(playing)} changes"
    )
    print(
        f"  playing: {frames / seconds:.1f} redraws per second (target: at least 20), {epochs / seconds:.0f} epochs = "
        f"{epochs * steps_per_epoch / seconds:.0f} training steps per second, over {seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
