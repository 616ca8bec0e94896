#!/usr/bin/env python3
"""nbgrader round trip with the Java kernel: generate_assignment -> two learners' submissions (one right, one
with weightedInput wrong) -> autograde, and the scores asserted; also the lab extension loads in JupyterLab 4.6.

Run with the classroom server's Python (deploy/jupyterhub/install.py made it, nbgrader pinned there):
    /opt/nn-workbook/venv/bin/python deploy/jupyterhub/nbgrader/test_nbgrader.py
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
BIN = Path(sys.executable).parent
ASSIGNMENT = "02-shapes"
JAR = ROOT / "target" / "nn-workbook.jar"


def nbgrader(course, *args):
    # nbgrader runs `alembic` from the PATH for its gradebook: the environment's bin/ first.
    env = dict(os.environ, JJAVA_CLASSPATH=str(JAR), PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    p = subprocess.run([str(BIN / "nbgrader"), *args, "--force"], cwd=course, env=env, capture_output=True,
                       text=True, timeout=900)
    if p.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p.stdout + p.stderr


def code_of(nb, grade_id):
    return next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


class RoundTrip(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.course = Path(tempfile.mkdtemp(prefix="nn-nbgrader-"))
        shutil.copy(HERE / "nbgrader_config.py", cls.course)
        shutil.copytree(HERE / "source", cls.course / "source")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.course, ignore_errors=True)

    def test_generate_submit_autograde(self):
        nbgrader(self.course, "generate_assignment", ASSIGNMENT, "--create")
        released = self.course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        nb = json.loads(released.read_text())
        stub = '    // YOUR CODE HERE\n    throw new UnsupportedOperationException("not written yet");\n}'
        self.assertEqual("".join(code_of(nb, "parameterCount")["source"]),
                         "long parameterCount(int... sizes) {\n" + stub)
        self.assertEqual("".join(code_of(nb, "weightedInput")["source"]),
                         "double weightedInput(DoubleMatrix w, DoubleMatrix b, DoubleMatrix aPrev, int j) {\n" + stub)

        teacher = json.loads((self.course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
        answers = {"right": {}, "wrong": {"weightedInput": "double weightedInput(DoubleMatrix w, DoubleMatrix b, "
                                                           "DoubleMatrix aPrev, int j) {\n    return b.get(j);\n}"},
                   "blank": None}
        for learner, wrong in answers.items():
            sub = json.loads(released.read_text())
            for gid in ("parameterCount", "weightedInput"):
                if wrong is None:
                    continue            # handed in as released: the stubs throw
                cell = code_of(sub, gid)
                right = "".join(code_of(teacher, gid)["source"]).replace("    // BEGIN SOLUTION\n", "") \
                    .replace("    // END SOLUTION\n", "")
                cell["source"] = wrong.get(gid, right)
            folder = self.course / "submitted" / learner / ASSIGNMENT
            folder.mkdir(parents=True)
            (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(sub))
            (folder / "timestamp.txt").write_text("2026-12-01 10:00:00.000000 UTC")

        nbgrader(self.course, "autograde", ASSIGNMENT, "--create")
        from nbgrader.api import Gradebook
        with Gradebook(f"sqlite:///{self.course / 'gradebook.db'}") as gb:
            scores = {s: gb.find_submission(ASSIGNMENT, s).score for s in answers}
            cells = {(s, g.name): g.score for s in answers
                     for g in gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, s).grades}
        print(f"nbgrader scores: {scores}")
        self.assertEqual(scores, {"right": 5.0, "wrong": 2.0, "blank": 0.0})
        self.assertEqual(cells[("wrong", "test_parameterCount")], 2.0)
        self.assertEqual(cells[("wrong", "test_weightedInput")], 0.0)
        graded = json.loads((self.course / "autograded" / "wrong" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
        text = json.dumps(code_of(graded, "test_weightedInput")["outputs"])
        self.assertIn("weightedInput is not right yet: see the message and the idea above.", text)

    def test_the_lab_extension_loads_in_this_jupyterlab(self):
        p = subprocess.run([str(BIN / "jupyter"), "labextension", "list"], capture_output=True, text=True)
        text = re.sub(r"\x1b\[[0-9;]*m", "", p.stdout + p.stderr)
        line = next((x for x in text.splitlines() if "@jupyter/nbgrader" in x), "")
        self.assertRegex(line, r"@jupyter/nbgrader v0\.9\.6 enabled\s+OK", text)


class Assertions(unittest.TestCase):
    def test_java_assert_is_off_in_the_kernel(self):
        """Why graded cells use nn.checks.Check: `assert false` passes silently in JJava's JShell."""
        from jupyter_client.manager import start_new_kernel
        km, kc = start_new_kernel(kernel_name="java", startup_timeout=180)
        try:
            reply = kc.execute_interactive('assert 1 == 2 : "never seen";', timeout=120)
            self.assertEqual(reply["content"]["status"], "ok")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f"nbgrader tests: {result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
