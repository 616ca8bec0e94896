#!/usr/bin/env python3
"""Run every workbook notebook top to bottom, headless, through the real JJava kernel.

For each notebook this script
  1. checks the stored file: kernelspec `java`, no outputs, no execution counts, none of the
     magics/classes the notebooks must not use (they would break on IJava);
  2. executes it with nbclient in the notebook's own folder (so `%classpath ../target/nn-workbook.jar`
     resolves like it does in JupyterLab), with NN_WORKBOOK_TEST=1 in the kernel's environment;
  3. fails on any error output (an exception or a compile error in any cell);
  4. reads the lines the notebook prints of the form `RESULT name = value` and checks them against
     tools/notebook-checks.json, which must have an entry for every notebook;
  5. runs every exercise with its reference solution: a code cell whose first line is
     `// EXERCISE: <name>` is replaced by docs/solutions/<notebook stem>/<name>.java before execution,
     and the notebook must then print `RESULT exercise_<name> = pass` (from nn.checks.Check).

Executed copies (with outputs) and the kernel's own log go to target/notebooks-executed/, never back
into notebooks/. The last line printed is `notebooks: N passed, M failed`; the exit status is non-zero
when anything failed.

Usage: tools/run_notebooks.py [--checks FILE] [--out DIR] [--timeout SECONDS] [NOTEBOOK ...]
       (no NOTEBOOK: every notebooks/*.ipynb)
"""
import argparse
import json
import math
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "java"

# `RESULT name = value` alone on a line; name is a word (dots allowed), value is the rest of the line.
RESULT_LINE = re.compile(r"^RESULT\s+([A-Za-z_][\w.]*)\s*=\s*(.+?)\s*$", re.MULTILINE)

# Things a notebook must not contain (contract: notebooks run on JJava and on IJava 1.3/1.4).
FORBIDDEN = [
    (re.compile(r"^\s*%jars\b", re.MULTILINE), "%jars (use %classpath)"),
    (re.compile(r"^\s*%%?time\b", re.MULTILINE), "%time (measure with System.nanoTime)"),
    (re.compile(r"^\s*%addMaven", re.MULTILINE), "%addMaven* (use %maven)"),
    (re.compile(r"^\s*%maven\s+-", re.MULTILINE), "%maven with flags"),
    (re.compile(r"io\.github\.spencerpark\."), "io.github.spencerpark.* classes"),
    (re.compile(r"org\.dflib\."), "org.dflib.* classes"),
    (re.compile(r"(?<![\w.])/(?:work|root)/"), "a machine-specific absolute path"),
]

OPS = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "between": lambda a, b: b[0] <= a <= b[1],
}


def parse_value(text):
    """A RESULT value as a float when it reads as a number (also NaN/Infinity as Java prints them),
    otherwise the string as printed."""
    try:
        return float(text)
    except ValueError:
        return text


def check_stored(nb, path):
    """Problems with the notebook as stored in the repository (before running it)."""
    problems = []
    spec = nb.metadata.get("kernelspec", {}).get("name")
    if spec != KERNEL:
        problems.append(f"kernelspec is {spec!r}, expected {KERNEL!r} (select the Java kernel and save)")
    dirty = [i for i, c in enumerate(nb.cells, 1)
             if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)]
    if dirty:
        problems.append(f"stored with outputs or execution counts in cell(s) {dirty}: "
                        "clear all outputs before committing (Edit > Clear Outputs of All Cells)")
    for i, c in enumerate(nb.cells, 1):
        if c.cell_type != "code":
            continue
        for pattern, what in FORBIDDEN:
            if pattern.search(c.source):
                problems.append(f"cell {i} uses {what}")
    return problems


EXERCISE_LINE = re.compile(r"^\s*//\s*EXERCISE:\s*([A-Za-z_]\w*)\s*$")


def use_solutions(nb, path):
    """Replaces every exercise cell by its reference solution; returns (exercise names, problems)."""
    names, problems = [], []
    for i, c in enumerate(nb.cells, 1):
        if c.cell_type != "code" or not c.source.strip():
            continue
        m = EXERCISE_LINE.match(c.source.splitlines()[0])
        if not m:
            continue
        name = m.group(1)
        names.append(name)
        solution = ROOT / "docs" / "solutions" / path.stem / f"{name}.java"
        if not solution.is_file():
            problems.append(f"cell {i} is exercise {name!r} but there is no reference solution "
                            f"{solution.relative_to(ROOT)}")
            continue
        c.source = solution.read_text(encoding="utf-8")
    return names, problems


def collect_output(nb):
    """(stdout text, stderr text, list of error outputs) over all cells of an executed notebook."""
    out, err, errors = [], [], []
    for i, c in enumerate(nb.cells, 1):
        for o in c.get("outputs", []):
            if o.output_type == "stream":
                (out if o.name == "stdout" else err).append(o.text)
            elif o.output_type == "error":
                # JJava puts the useful part (the failing line, the compiler's message, the stack) in the
                # traceback; keep its first lines.
                trace = [strip_ansi(t).strip() for t in o.get("traceback", [])]
                trace = [t for t in trace if t][:8]
                errors.append((i, o.ename, strip_ansi(str(o.evalue)), trace))
            elif o.output_type in ("execute_result", "display_data"):
                text = o.get("data", {}).get("text/plain")
                if isinstance(text, list):
                    text = "".join(text)
                if text:
                    out.append(text + "\n")
    return "".join(out), "".join(err), errors


def check_results(results, checks):
    """Problems with the notebook's RESULT values against its declared checks."""
    problems = []
    for chk in checks:
        name, op, want = chk["result"], chk.get("op", ">="), chk.get("value")
        if op not in OPS:
            problems.append(f"check for {name}: unknown op {op!r} (use one of {sorted(OPS)})")
            continue
        if name not in results:
            problems.append(f"RESULT {name} missing: the notebook must print a line `RESULT {name} = <value>`")
            continue
        got, raw = results[name]
        if isinstance(want, str):
            got = raw  # a string check compares the value exactly as printed
        try:
            ok = OPS[op](got, want) and not (isinstance(got, float) and math.isnan(got))
        except TypeError:
            ok = False
        if not ok:
            problems.append(f"RESULT {name} = {got!r}, expected {op} {want!r}")
    return problems


def strip_ansi(s):
    return re.sub(r"\x1b\[[0-9;]*m", "", s)


def run_one(path, checks, checks_file, out_dir, timeout):
    """Runs one notebook; returns (passed, seconds, problems, results, stderr text)."""
    nb = nbformat.read(path, as_version=4)
    problems = check_stored(nb, path)
    exercises, solution_problems = use_solutions(nb, path)
    problems += solution_problems
    if checks is None:
        problems.append(f"no entry for {path.name} in {checks_file.name}: every notebook "
                        "declares its key RESULT(s) there")
        checks = []

    out_dir.mkdir(parents=True, exist_ok=True)
    executed_path = out_dir / path.name
    log_path = out_dir / (path.stem + ".kernel.log")
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=timeout,
        startup_timeout=120,
        allow_errors=False,
        record_timing=True,
        # The kernel's working directory: the notebook's own folder, as under JupyterLab.
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    start = time.monotonic()
    crashed = None
    with open(log_path, "w") as log:
        try:
            # stdout/stderr are passed on to the kernel process: its own log stays out of the report.
            client.execute(stdout=log, stderr=log)
        except CellExecutionError as e:
            crashed = strip_ansi(str(e)).strip().splitlines()
        except CellTimeoutError as e:
            crashed = [f"a cell ran longer than {timeout} s: {e}"]
        except DeadKernelError as e:
            crashed = [f"the kernel died: {e} (see {log_path})"]
    seconds = time.monotonic() - start
    nbformat.write(nb, executed_path)

    stdout, stderr, errors = collect_output(nb)
    for cell, ename, evalue, trace in errors:
        problems.append(f"cell {cell} raised {ename}: {evalue}" + "".join("\n          " + t for t in trace))
    if crashed and not errors:
        problems.append("execution stopped: " + " | ".join(crashed[-6:]))
    # name -> (value, value as printed); when a name is printed twice the last one counts.
    results = {m.group(1): (parse_value(m.group(2)), m.group(2)) for m in RESULT_LINE.finditer(stdout)}
    if not crashed:
        problems += check_results(results, checks)
        problems += check_results(results, [
            {"result": f"exercise_{name}", "op": "==", "value": "pass"} for name in exercises])
    elif checks:
        problems.append("key results not checked: the notebook did not run to the end")
    return not problems, seconds, problems, results, stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", type=Path)
    ap.add_argument("--checks", type=Path, default=ROOT / "tools" / "notebook-checks.json")
    ap.add_argument("--out", type=Path, default=ROOT / "target" / "notebooks-executed")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    args = ap.parse_args()

    all_checks = json.loads(args.checks.read_text())
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    paths = [p.resolve() for p in paths]
    if not paths:
        print("No notebooks found in notebooks/.")
        print("notebooks: 0 passed, 1 failed")
        return 1

    # The kernel inherits this process's environment. Notebooks may read NN_WORKBOOK_TEST to know they
    # are under test; learners who never set it see the default behaviour.
    os.environ["NN_WORKBOOK_TEST"] = "1"
    # The kernel's JVM heap under test: what a modest laptop gives by default (a quarter of 8 GB), so a
    # notebook that needs more fails here rather than on a learner's machine. JJava reads JJAVA_JVM_OPTS.
    os.environ.setdefault("JJAVA_JVM_OPTS", "-Xmx2g")
    print(f"Kernel: {KERNEL}, NN_WORKBOOK_TEST=1, JJAVA_JVM_OPTS={os.environ['JJAVA_JVM_OPTS']}, "
          f"cell timeout {args.timeout} s")

    passed = failed = 0
    total_start = time.monotonic()
    for path in paths:
        print(f"--- {path.name}", flush=True)
        ok, seconds, problems, results, stderr = run_one(
            path, all_checks.get(path.name), args.checks, args.out, args.timeout)
        for name, (_, raw) in results.items():
            print(f"    RESULT {name} = {raw}")
        if stderr.strip():
            print(f"    (stderr: {len(stderr.splitlines())} line(s), see the executed copy)")
        for p in problems:
            print(f"    FAIL: {p}")
        print(f"    {'PASS' if ok else 'FAIL'} {path.name} in {seconds:.1f} s", flush=True)
        passed += ok
        failed += not ok

    # A check entry for a notebook that no longer exists is a stale promise: flag it on full runs.
    if not args.notebooks:
        names = {p.name for p in paths}
        for stale in sorted(set(all_checks) - names):
            if stale.startswith("_"):
                continue
            print(f"--- {stale}\n    FAIL: listed in {args.checks.name} but there is no notebooks/{stale}")
            failed += 1

    print(f"Executed copies: {os.path.relpath(args.out, Path.cwd())}/  "
          f"(total {time.monotonic() - total_start:.1f} s)")
    print(f"notebooks: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
