#!/usr/bin/env python3
"""Self-test of tools/run_notebooks.py: runs it on the notebooks in tools/testdata/ and checks that the
good one passes and each bad one fails for its own reason. Run: make test-tools.
With --stored, only the checks of the stored files (nbformat validation, outputs, kernel, forbidden magics),
without a kernel: the exact problems each test notebook must get (make test runs this part)."""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNNER = HERE.parent / "run_notebooks.py"

# notebook -> text that must appear in its report (None: it must pass)
EXPECT = {
    "jblas-ok.ipynb": None,
    "throws.ipynb": "SizeException",
    "compile-error.ipynb": "CompilationException",
    "missing-result.ipynb": "RESULT loss missing",
    "no-entry.ipynb": "no entry for no-entry.ipynb",
    "dirty.ipynb": "stored with outputs or execution counts",
    "forbidden.ipynb": "uses %jars",
    "no-id.ipynb": "nbformat warns: MissingIDFieldWarning",
    "invalid.ipynb": "not a valid nbformat 4.5 notebook",
}

# The stored-file problems of each test notebook, exactly (the ones the runner finds before running it).
STORED = {
    "jblas-ok.ipynb": [],
    "dirty.ipynb": ["stored with outputs or execution counts in cell(s) [1]: clear all outputs before committing "
                    "(Edit > Clear Outputs of All Cells)"],
    "forbidden.ipynb": ["cell 1 uses %jars (use %classpath)"],
    "no-id.ipynb": ["nbformat warns: MissingIDFieldWarning: Cell is missing an id field, this will become a hard "
                    "error in future nbformat versions (cell(s) [1]; saving the notebook in JupyterLab 4 adds the "
                    "ids)"],
    "invalid.ipynb": ["not a valid nbformat 4.5 notebook: Additional properties are not allowed ('colour' was "
                      "unexpected)"],
}
if sys.argv[1:] == ["--stored"]:
    sys.path.insert(0, str(RUNNER.parent))
    import run_notebooks  # noqa: E402  (tools/ is not a package)
    import logging
    logging.disable(logging.CRITICAL)  # nbformat also logs an invalid notebook; the problem list says it
    bad = []
    for name, want in STORED.items():
        nb, problems = run_notebooks.read_checked(HERE / name)
        problems += run_notebooks.check_stored(nb, HERE / name)
        if problems != want:
            bad.append(f"{name}: stored-file problems {problems}, expected {want}")
    workbook = sorted((HERE.parent.parent / "notebooks").glob("*.ipynb"))
    for path in workbook:  # the lessons themselves: no problem at all
        nb, problems = run_notebooks.read_checked(path)
        problems += run_notebooks.check_stored(nb, path)
        if problems:
            bad.append(f"notebooks/{path.name}: {problems}")
    for b in bad:
        print("SELFTEST FAIL:", b)
    print(f"runner stored-file self-test: {len(STORED) + len(workbook) - len(bad)} passed, {len(bad)} failed")
    sys.exit(1 if bad else 0)

with tempfile.TemporaryDirectory() as out:
    proc = subprocess.run([sys.executable, str(RUNNER), "--checks", str(HERE / "checks.json"), "--out", out]
                          + [str(HERE / n) for n in EXPECT], capture_output=True, text=True)
report = proc.stdout
print(report)
blocks = dict(re.findall(r"^--- (\S+)\n(.*?)(?=^--- |^Executed copies)", report, re.MULTILINE | re.DOTALL))
bad = []
for name, reason in EXPECT.items():
    block = blocks.get(name, "")
    if reason is None and f"PASS {name}" not in block:
        bad.append(f"{name} should pass")
    if reason is not None and (f"FAIL {name}" not in block or reason not in block):
        bad.append(f"{name} should fail with '{reason}'")
if f"notebooks: 1 passed, {len(EXPECT) - 1} failed" not in report.splitlines():
    bad.append("wrong summary line")
if proc.returncode == 0:
    bad.append("runner exited 0 despite failures")
for b in bad:
    print("SELFTEST FAIL:", b)
print(f"runner self-test: {len(EXPECT) + 2 - len(bad)} passed, {len(bad)} failed")
sys.exit(1 if bad else 0)
