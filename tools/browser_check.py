#!/usr/bin/env python3
"""Checks in a real browser that a notebook's nn.plot charts render, update live, and survive a reload.

What it does:
  1. copies the notebook next to itself (so relative %classpath lines still work) as _browser-check-NAME,
  2. starts JupyterLab on 127.0.0.1 (free port, random token) with the project's Python environment,
  3. opens the copy in Debian's chromium through Playwright (never a downloaded browser), runs all cells,
     waits for "| Idle",
  4. asserts: the live training chart is a plotly SVG with a title, it was redrawn during training (titles
     "Training: epoch N" seen by a MutationObserver), every other chart has a title, a digit grid picture is
     there; then saves, reloads the page and asserts the chart is still there,
  5. exports the saved notebook with `jupyter nbconvert --to html` and asserts every chart's PNG is in it.
Screenshots and the HTML go to target/browser-check/. Exit status 0 means every check passed.

Usage: python tools/browser_check.py [NOTEBOOK] [--min-charts N] [--no-grid]
  NOTEBOOK defaults to tools/testdata/plot-check.ipynb. First build the jar (mvn -q -B package) and make the
  Python environment: python3 -m venv .venv && .venv/bin/pip install -r requirements.txt; run this script
  with .venv/bin/python (JupyterLab is taken from the same environment).
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PLOTLY_MIME = "application/vnd.plotly.v1+json"

# Records every distinct chart title the page shows, including ones replaced a moment later.
TITLE_RECORDER = """
window.__titles = [];
new MutationObserver(() => {
  for (const t of document.querySelectorAll('.plot-container .gtitle')) {
    const text = t.textContent;
    if (text && !window.__titles.includes(text)) window.__titles.push(text);
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"JupyterLab did not answer at {url} within {seconds} s")


class Checks:
    def __init__(self):
        self.failures = []
        self.passed = 0

    def check(self, ok, what):
        print(("PASS " if ok else "FAIL ") + what, flush=True)
        if ok:
            self.passed += 1
        else:
            self.failures.append(what)


def wait_until_idle(page, timeout_s):
    """Waits until every code cell has run (no [*] or empty prompt) and the kernel status reads Idle."""
    page.wait_for_function(
        """() => {
          const status = document.body.innerText.includes('| Idle');
          const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
          const done = prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
          return status && done;
        }""",
        timeout=timeout_s * 1000,
        polling=500,
    )


def lab_settings_dir():
    """A fresh JupyterLab settings folder (JUPYTERLAB_SETTINGS_DIR) for a test run: every cell's output
    rendered at once (with windowing, off-screen charts are not drawn), no news pop-up and no attempt to
    reach the internet for it, and no autosave (a test never writes outputs into the notebook it opened)."""
    settings = Path(tempfile.mkdtemp(prefix="lab-settings-"))
    for plugin, values in [("notebook-extension/tracker", {"windowingMode": "none"}),
                           ("apputils-extension/notification", {"fetchNews": "false", "checkForUpdates": False}),
                           ("docmanager-extension/plugin", {"autosave": False})]:
        folder, name = plugin.split("/")
        (settings / "@jupyterlab" / folder).mkdir(parents=True, exist_ok=True)
        (settings / "@jupyterlab" / folder / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
    return settings


def run_all_cells(page, timeout_s, out):
    """Runs every cell of the notebook open in the page and waits until the kernel is idle again."""
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60000)
    page.wait_for_timeout(3000)  # JJava's status reads "Unknown" until the first cell runs
    page.click(".jp-CodeCell .jp-InputArea-editor")  # Run All does nothing without a focused cell
    run_command(page, "runmenu:run-all")
    page.wait_for_timeout(1000)
    try:
        wait_until_idle(page, timeout_s)
    except Exception:
        page.screenshot(path=str(out / "failed-run.png"), full_page=True)
        print(page.inner_text("#jp-main-statusbar"))
        raise


def cell_errors(page):
    return page.eval_on_selector_all(".jp-OutputArea-output[data-mime-type*='error']",
                                     "els => els.map(e => e.innerText.slice(0, 300))")


def run_command(page, command):
    page.evaluate("c => window.jupyterapp.commands.execute(c)", command)


def chart_titles(page):
    return page.eval_on_selector_all(
        ".plot-container svg.main-svg .gtitle", "els => els.map(e => e.textContent)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="?", default=str(ROOT / "tools/testdata/plot-check.ipynb"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--timeout", type=int, default=300, help="seconds to wait for all cells")
    parser.add_argument("--out", default=str(ROOT / "target/browser-check"))
    parser.add_argument("--min-charts", type=int, default=5, help="plotly charts the notebook must show")
    parser.add_argument("--no-grid", action="store_true", help="the notebook shows no digit grid")
    args = parser.parse_args()

    if not os.access(args.chromium, os.X_OK):
        print(f"No browser at {args.chromium}: the browser check drives Debian's chromium (never a downloaded "
              "build). Install it (Debian/Ubuntu: sudo apt-get install chromium) or pass --chromium PATH.")
        print("browser check: 0 passed, 1 failed")
        return 1
    source = Path(args.notebook).resolve()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    copy = source.with_name("_browser-check-" + source.name)
    shutil.copyfile(source, copy)
    relative = copy.relative_to(ROOT).as_posix()

    port = free_port()
    token = secrets.token_hex(16)
    settings = lab_settings_dir()
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTER_RUNTIME_DIR=tempfile.mkdtemp(prefix="lab-runtime-"))
    bin_dir = Path(sys.executable).parent
    lab_cmd = [str(bin_dir / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}",
               "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        lab_cmd.append("--allow-root")
    log = open(out / "jupyterlab.log", "w")
    lab = subprocess.Popen(lab_cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    checks = Checks()
    try:
        wait_for_server(f"http://127.0.0.1:{port}/api/status?token={token}")
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=args.chromium, args=CHROMIUM_FLAGS)  # Playwright uses a fresh profile
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.add_init_script(TITLE_RECORDER)
            page.goto(f"http://127.0.0.1:{port}/lab/tree/{relative}?token={token}")
            run_all_cells(page, args.timeout, out)
            page.wait_for_timeout(2000)  # let plotly finish drawing the last charts

            errors = cell_errors(page)
            checks.check(not errors, f"no cell failed {errors}")
            titles = chart_titles(page)
            print("chart titles:", titles)
            live = [t for t in titles if t.startswith("Training: epoch")]
            checks.check(len(live) == 1, "the live training chart is a plotly SVG with its title")
            seen = page.evaluate("() => window.__titles")
            redraws = sorted({t for t in seen if t.startswith("Training: epoch")})
            print("live titles seen:", redraws)
            checks.check(len(redraws) >= 2, f"the live chart was redrawn during training ({len(redraws)} titles)")
            checks.check(len(titles) >= args.min_charts and all(t.strip() for t in titles),
                         f"every chart has a title ({len(titles)} charts)")
            axis_titles = page.eval_on_selector_all(".plot-container .g-xtitle, .plot-container .g-ytitle",
                                                   "els => els.map(e => e.textContent)")
            checks.check(any(t for t in axis_titles), f"axis titles shown {sorted(set(axis_titles))}")
            pictures = page.eval_on_selector_all(
                ".jp-RenderedImage img", "els => els.map(e => [e.naturalWidth, e.naturalHeight])")
            if not args.no_grid:
                # A grid of digits is at least ten 28-pixel digits wide (one row or several).
                checks.check(any(w >= 280 and h >= 28 for w, h in pictures), f"a digit grid picture is shown {pictures}")
            live_chart = page.locator(".plot-container", has=page.locator(".gtitle", has_text="Training: epoch"))
            if live_chart.count():
                live_chart.first.scroll_into_view_if_needed()
                page.screenshot(path=str(out / "notebook.png"))
                live_chart.first.screenshot(path=str(out / "live-chart.png"))

            run_command(page, "docmanager:save")
            page.wait_for_timeout(2000)
            page.reload()
            page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60000)
            page.wait_for_timeout(4000)
            # A saved plotly output carries the PNG the renderer made; the renderer shows that picture and
            # draws the interactive chart when the mouse enters it. Enter each one.
            for plot in page.query_selector_all(".jp-RenderedPlotly"):
                plot.scroll_into_view_if_needed()
                plot.hover()
                page.wait_for_timeout(300)
            page.wait_for_timeout(1500)
            after = chart_titles(page)
            print("after reload:", after)
            checks.check(any(t.startswith("Training: epoch") for t in after) and len(after) >= len(titles),
                         f"after reload the charts are still there ({len(after)} charts)")
            page.screenshot(path=str(out / "after-reload.png"))
            browser.close()

        saved = json.loads(copy.read_text())
        htmls = ["".join(o["data"].get("text/html", "")) for c in saved["cells"] if c["cell_type"] == "code"
                 for o in c.get("outputs", []) if PLOTLY_MIME in o.get("data", {})]
        pngs = [h.split("base64,", 1)[1][:200] for h in htmls if "data:image/png;base64," in h]
        checks.check(len(htmls) >= args.min_charts and len(pngs) == len(htmls),
                     f"saved notebook: every chart has a PNG copy ({len(pngs)} of {len(htmls)})")
        html = out / "export.html"
        subprocess.run([str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--output", str(html.with_suffix("")),
                        str(copy)], check=True, cwd=ROOT, env=env, capture_output=True)
        text = html.read_text()
        checks.check(bool(pngs) and all(png in text for png in pngs),
                     "the static HTML export shows every chart (as PNG)")
    finally:
        lab.terminate()
        try:
            lab.wait(timeout=15)
        except subprocess.TimeoutExpired:
            lab.kill()
        log.close()
        copy.unlink(missing_ok=True)
        shutil.rmtree(settings, ignore_errors=True)
    print(f"{checks.passed} passed, {len(checks.failures)} failed")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
