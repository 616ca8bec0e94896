#!/usr/bin/env python3
"""Self-test of tools/run_notebooks.py: runs it on the notebooks in tools/testdata/ and checks that the
good one passes and each bad one fails for its own reason. Run: make test-tools"""
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
}

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
