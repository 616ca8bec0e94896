#!/usr/bin/env python3
"""Tests `make lab` itself, as a learner uses it: the command from the README, a real browser, Ctrl-C twice.

  1. starts `make lab` on a free port (LAB_PORT) without opening a browser (LAB_ARGS: --no-browser, a token),
  2. opens the server's front page in Debian's chromium through Playwright and checks it lands on the welcome
     notebook, runs all its cells, and checks: no cell failed, the picture of digits is shown, and the first
     epoch line reads like `Epoch 1: validation 739 / 1000 (73.9%)  35 ms`,
  3. stops it the way Ctrl-C twice does in a terminal (SIGINT to make's process group, twice, while the
     server waits for its "Shut down this Jupyter server?" answer), then checks that make, the server and the
     notebook's kernel are all gone, that the port is free again, and that notebooks/00-welcome.ipynb is
     unchanged (no outputs saved into the lesson).
Helpers (settings, Run All, waiting for Idle) are those of tools/browser_check.py. Screenshots and make's
output go to target/lab-check/. Exit status 0 means every check passed.

Usage: .venv/bin/python tools/lab_check.py [--timeout SECONDS]   (make test runs it; needs the jar and .venv/)
"""
import argparse
import json
import os
import pty
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from browser_check import (CHROMIUM_FLAGS, ROOT, Checks, cell_errors, free_port, lab_settings_dir,
                           run_all_cells, wait_for_server)

WELCOME = ROOT / "notebooks" / "00-welcome.ipynb"
EPOCH_LINE = re.compile(r"^Epoch 1: validation [0-9]+ / 1000 \([0-9.]+%\)  (?:[0-9]{1,3} ms|[1-9][0-9]*\.[0-9] s)$", re.M)


def processes():
    """{pid: (parent pid, command line)} of every process that can be read now (zombies left out)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z":
            found[int(entry.name)] = (int(fields[1]), cmdline)
    return found


def descendants(root_pid):
    procs = processes()
    family, grew = {root_pid}, True
    while grew:
        grew = False
        for pid, (ppid, _) in procs.items():
            if ppid in family and pid not in family:
                family.add(pid)
                grew = True
    return {pid: procs[pid][1] for pid in family if pid in procs}


def port_open(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def ctrl_c_twice(make):
    """What a terminal does on Ctrl-C, twice: SIGINT to the foreground process group (make and the server)."""
    for _ in range(2):
        os.killpg(make.pid, signal.SIGINT)
        time.sleep(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--timeout", type=int, default=300, help="seconds to wait for all cells")
    args = parser.parse_args()
    out = ROOT / "target" / "lab-check"
    out.mkdir(parents=True, exist_ok=True)
    before = WELCOME.read_bytes()

    port, token = free_port(), secrets.token_hex(16)
    settings = lab_settings_dir()
    runtime = Path(tempfile.mkdtemp(prefix="lab-runtime-"))
    workspaces = Path(tempfile.mkdtemp(prefix="lab-workspaces-"))  # not the learner's saved tabs
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTER_RUNTIME_DIR=str(runtime))
    lab_args = (f"--no-browser --IdentityProvider.token={token} --LabApp.expose_app_in_browser=True "
                f"--LabApp.workspaces_dir={workspaces}")
    cmd = [os.environ.get("MAKE", "make"), "--no-print-directory", "lab", f"LAB_PORT={port}", f"LAB_ARGS={lab_args}"]
    log = open(out / "make-lab.log", "w")
    # Its own process group, like a terminal's foreground job, and a terminal as stdin where nobody answers
    # the server's question. Without a terminal the server installs no Ctrl-C handler: SIGINT then stops it
    # at once and leaves the kernels running (measured: jupyter_server 2.21, JJava 1.0a8).
    terminal, terminal_side = pty.openpty()
    make = subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=terminal_side, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    checks = Checks()
    family = {}
    try:
        wait_for_server(f"http://127.0.0.1:{port}/api/status?token={token}", seconds=300)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/?token={token}")
            page.wait_for_url("**/lab/tree/notebooks/00-welcome.ipynb*", timeout=60000)
            checks.check(True, "make lab opens on notebooks/00-welcome.ipynb")
            run_all_cells(page, args.timeout, out)
            errors = cell_errors(page)
            checks.check(not errors, f"no cell failed {errors}")
            pictures = page.eval_on_selector_all(
                ".jp-RenderedImage img", "els => els.map(e => [e.naturalWidth, e.naturalHeight])")
            checks.check(any(w >= 280 and h >= 28 for w, h in pictures), f"the picture of digits is shown {pictures}")
            text = "\n".join(page.eval_on_selector_all(".jp-OutputArea-output", "els => els.map(e => e.innerText)"))
            epoch = EPOCH_LINE.search(text)
            checks.check(epoch is not None, "the first epoch line is shown: "
                         + (epoch.group(0) if epoch else repr([l for l in text.splitlines() if "Epoch" in l])))
            page.screenshot(path=str(out / "welcome.png"), full_page=True)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernels?token={token}", timeout=10) as r:
                kernels = [k["id"] for k in json.load(r)]
            family = descendants(make.pid)
            kernel_pids = [pid for pid, c in family.items() if any(f"kernel-{k}.json" in c for k in kernels)]
            # JJava's kernel is two processes: its launcher and the JVM it starts.
            checks.check(len(kernels) == 1 and kernel_pids,
                         f"one kernel runs, started by make lab's server ({len(kernels)} kernels, pids {kernel_pids})")
            browser.close()
    except Exception as e:  # noqa: BLE001  (reported as a failed check; the server is stopped below)
        checks.check(False, f"the welcome notebook ran in make lab's server: {type(e).__name__}: {e}")
    finally:
        family.update(descendants(make.pid))
        if make.poll() is None:
            ctrl_c_twice(make)
        try:
            make.wait(timeout=60)
            stopped = True
        except subprocess.TimeoutExpired:
            stopped = False
        time.sleep(1)  # the kernels are stopped by the server on its way out
        left = {pid: c for pid, c in processes().items() if pid in family or str(runtime) in c}
        checks.check(stopped, f"Ctrl-C twice stops make lab (exit status {make.returncode})")
        checks.check(not left, f"no server or kernel process is left {left}")
        checks.check(not port_open(port), f"port {port} is free again")
        checks.check(WELCOME.read_bytes() == before, "notebooks/00-welcome.ipynb is unchanged")
        for pid in left:  # never leave anything behind, even when the check failed
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        os.close(terminal)
        os.close(terminal_side)
        log.close()
    print(f"make lab check: {checks.passed} passed, {len(checks.failures)} failed")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
