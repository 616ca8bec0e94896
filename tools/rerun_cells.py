#!/usr/bin/env python3
"""Check that every cell of a notebook can be run again on its own: "A cell either re-runs safely alone or
says which cell to run first."

For each notebook, runs the code cells top to bottom through the JJava kernel (exercises replaced by their
reference solutions, as tools/run_notebooks.py does), as a learner's "Run All" would. Then, in the same
kernel, two more passes, each compared with the first run:

  1. every code cell once more, from the last cell back to the first: each cell runs again in the state the
     cells below it leave, as when a learner goes back up to a cell. This catches a cell that trains a
     network a second time, or reads a variable that a later cell has changed;
  2. every code cell twice more, top to bottom, each time twice in a row: a cell that trains a network
     again, or changes something silently (without printing), shows it in its own second output or in a
     later cell's output.

A cell fails the check when it raises an error, or prints something other than in the first run (after
masking what legitimately changes: timings such as `0.4 s` or `12 ms` or in a table column headed
`seconds`, and object hashes such as `@1b2c3d`).
Each cell is reported once, for the first pass that finds it.

A cell whose first line is a comment naming the cell to run first (`// Run ... first`) is still run again,
but its differences are reported as warnings, not failures: it says what to do.

Usage: tools/rerun_cells.py [--timeout SECONDS] NOTEBOOK ...
Exit status 1 if any cell failed. Takes about four times as long as running the notebooks.
"""
import argparse
import os
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_notebooks import KERNEL, strip_ansi, use_solutions  # noqa: E402

TIMING = re.compile(r"\d+(?:[.,]\d+)?(?:e-?\d+)?\s*(?:ms|s)\b")
HASH = re.compile(r"@[0-9a-f]{4,}\b")
SAYS_RUN_FIRST = re.compile(r"^\s*//.*\brun\b.*\bfirst\b", re.IGNORECASE)


TIME_HEADER = re.compile(r"^(?:seconds|time|.*\((?:s|ms)\)|ms)$", re.IGNORECASE)


def mask_time_columns(text):
    """In a printed Tablesaw table, the cells of a column headed `seconds`, `time`, `... (s)` or `... (ms)`."""
    out, timed = [], set()
    for line in text.splitlines(keepends=True):
        cells = line.rstrip("\n").split("|")
        if re.fullmatch(r"\s*-+\s*", line):
            pass  # the rule under a table's header
        elif len(cells) < 2:
            timed = set()  # a table ends at a line without columns
        elif any(TIME_HEADER.match(c.strip()) for c in cells):
            timed = {i for i, c in enumerate(cells) if TIME_HEADER.match(c.strip())}
        elif timed:
            line = "|".join("<time>" if i in timed else c for i, c in enumerate(cells)) + \
                ("\n" if line.endswith("\n") else "")
        out.append(line)
    return "".join(out)


def text_of(outputs):
    """The cell's printed text and plain-text values, with timings and hashes masked; and its errors."""
    parts, errors = [], []
    for o in outputs:
        if o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type == "error":
            errors.append(f"{o.ename}: {strip_ansi(str(o.evalue))}")
        elif o.output_type in ("execute_result", "display_data"):
            plain = o.get("data", {}).get("text/plain", "")
            parts.append("".join(plain) if isinstance(plain, list) else plain)
    text = "".join(parts)
    return HASH.sub("@…", TIMING.sub("<time>", mask_time_columns(text))), errors


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())):
        if x != y:
            return f"line {i + 1}: first run {x!r}, second run {y!r}"
    return f"first run {len(a.splitlines())} lines, second run {len(b.splitlines())} lines"


def check(path, timeout):
    nb = nbformat.read(path, as_version=4)
    _, problems = use_solutions(nb, path)
    failures, warnings = list(problems), []
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=timeout, startup_timeout=120, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent.resolve())}})
    log_dir = Path(__file__).resolve().parent.parent / "target" / "notebooks-rerun"
    log_dir.mkdir(parents=True, exist_ok=True)
    with open(log_dir / (path.stem + ".kernel.log"), "w") as log, client.setup_kernel(stdout=log, stderr=log):
        cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]
        first = {}
        for index, cell in cells:
            client.execute_cell(cell, index)
            first[index], errors = text_of(cell.outputs)
            if errors:
                failures.append(f"cell {index} fails on its first run: {errors[0]}")
        reported = set()

        def compare(index, cell, when):
            client.execute_cell(cell, index)
            second, errors = text_of(cell.outputs)
            line = cell.source.splitlines()[0]
            if index in reported:
                return
            if errors:
                problem = f"cell {index} ({line[:60]!r}) fails when {when}: {errors[0]}"
            elif second != first[index]:
                problem = f"cell {index} ({line[:60]!r}) prints something else when {when}: " + \
                    first_difference(first[index], second)
            else:
                return
            reported.add(index)
            (warnings if SAYS_RUN_FIRST.match(line) else failures).append(problem)

        for index, cell in reversed(cells):
            compare(index, cell, "run again from below")
        for index, cell in cells:
            compare(index, cell, "run again from above")
            compare(index, cell, "run twice in a row")
    return failures, warnings


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="+", type=Path)
    ap.add_argument("--timeout", type=int, default=600)
    args = ap.parse_args()
    os.environ["NN_WORKBOOK_TEST"] = "1"
    os.environ.setdefault("JJAVA_JVM_OPTS", "-Xmx2g")
    failed = 0
    for path in args.notebooks:
        path = path.resolve()
        print(f"--- {path.name}", flush=True)
        try:
            failures, warnings = check(path, args.timeout)
        except CellExecutionError as e:
            failures, warnings = [f"execution stopped: {strip_ansi(str(e)).splitlines()[-1]}"], []
        for w in warnings:
            print(f"    warning (the cell says what to run first): {w}")
        for f in failures:
            print(f"    FAIL: {f}")
        print(f"    {'FAIL' if failures else 'PASS'} {path.name}", flush=True)
        failed += bool(failures)
    print(f"re-run check: {len(args.notebooks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
