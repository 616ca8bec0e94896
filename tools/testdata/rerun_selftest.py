#!/usr/bin/env python3
"""Self-test of tools/rerun_cells.py: a notebook whose cells re-run safely passes; one with a cell that counts
its own runs, one with a cell that reads a variable a later cell changes, and one with a cell that changes
state silently, fail for the cell that shows it. The
notebooks are plain Java (no jar needed), written to a temporary folder. Run: make test-tools"""
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

TOOL = Path(__file__).resolve().parent.parent / "rerun_cells.py"


def notebook(folder, name, sources):
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    path = Path(folder) / name
    nbformat.write(nb, path)
    return path


with tempfile.TemporaryDirectory() as folder:
    good = notebook(folder, "good.ipynb", [
        "int[] counts = {1, 2, 3};",
        'long start = System.nanoTime();\nint total = 0;\nfor (int c : counts) total += c;\n'
        'System.out.println("total " + total + " in " + (System.nanoTime() - start) / 1e6 + " ms");',
        'System.out.println(" network  |  seconds  |\\n---------------------\\n       A  |  " + System.nanoTime() % 1000 '
        '+ "  |");   // a table with a timing column, as Tablesaw prints it',
    ])
    counts_itself = notebook(folder, "counts-itself.ipynb", [
        "int epochs = 0;",
        'epochs++;\nSystem.out.println("trained " + epochs + " epoch(s)");',
    ])
    later_changes = notebook(folder, "later-changes.ipynb", [
        "double[] delta = {1, 2, 3};",
        'System.out.println("delta has " + delta.length + " rows");',
        "delta = new double[] {4, 5};",
    ])
    silent = notebook(folder, "silent.ipynb", [
        "int[] epochs = {0};",
        "if (epochs.length > 0) epochs[0]++;   // trains one more epoch, and prints nothing",
        'System.out.println("trained " + epochs[0] + " epoch(s)");',
    ])
    says_first = notebook(folder, "says-first.ipynb", [
        "int epochs = 0;",
        '// Run the cell above first: this one trains one more epoch each time.\nepochs++;\n'
        'System.out.println("trained " + epochs + " epoch(s)");',
    ])
    proc = subprocess.run([sys.executable, str(TOOL), str(good), str(counts_itself), str(later_changes),
                           str(silent), str(says_first)], capture_output=True, text=True)
report = proc.stdout
print(report)
expect = [
    ("PASS good.ipynb", "a notebook whose cells re-run safely passes (timings, and a seconds column, masked)"),
    ("FAIL: cell 1 ('epochs++;') prints something else when run again from below: line 1: first run 'trained 1 epoch(s)', "
     "second run 'trained 2 epoch(s)'", "a cell that trains again is caught"),
    ("FAIL: cell 2 ('System.out.println(\"trained \" + epochs[0] + \" epoch(s)\");') prints something else when "
     "run again from above: line 1: first run 'trained 1 epoch(s)', second run 'trained 2 epoch(s)'",
     "a cell that changes something silently is caught by a later cell"),
    ("FAIL: cell 1 ('System.out.println(\"delta has \" + delta.length + \" rows\");') prints something else when "
     "run again from below: line 1: first run 'delta has 3 rows', second run 'delta has 2 rows'",
     "a cell reading a variable a later cell changed is caught"),
    ("PASS says-first.ipynb", "a cell that says what to run first is a warning"),
    ("re-run check: 2 passed, 3 failed", "summary line"),
]
bad = [why for text, why in expect if text not in report]
if proc.returncode == 0:
    bad.append("exit status 0 despite failures")
for b in bad:
    print("SELFTEST FAIL:", b)
print(f"re-run self-test: {len(expect) + 1 - len(bad)} passed, {len(bad)} failed")
sys.exit(1 if bad else 0)
