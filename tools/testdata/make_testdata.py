#!/usr/bin/env python3
"""Writes the runner's test notebooks (tools/testdata/*.ipynb). They exercise tools/run_notebooks.py
without the nn core: only jblas from the shaded jar. Run: python tools/testdata/make_testdata.py"""
from pathlib import Path

import json

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
SETUP = ('if (!new java.io.File("../../target/nn-workbook.jar").isFile()) throw new IllegalStateException('
         '"../../target/nn-workbook.jar is missing: run `make jar` in the project folder");\n'
         '%classpath ../../target/nn-workbook.jar\n'
         'import org.jblas.*;')


def write(name, cells):
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    nb.metadata["language_info"] = {"name": "java"}
    nbformat.write(nb, HERE / name)
    return nb


write("jblas-ok.ipynb", [
    new_markdown_cell("Runner self-test: passes. Uses only jblas."),
    new_code_cell(SETUP),
    new_code_cell('DoubleMatrix a = new DoubleMatrix(new double[][] {{1, 2}, {3, 4}});\n'
                  'DoubleMatrix inv = Solve.solve(a, DoubleMatrix.eye(2));\n'
                  'double err = a.mmul(inv).sub(DoubleMatrix.eye(2)).normmax();\n'
                  'System.out.println("RESULT inverse_error = " + err);\n'
                  'System.out.println("RESULT test_mode = " + System.getenv("NN_WORKBOOK_TEST"));'),
    new_code_cell('System.out.println("RESULT cwd_is_testdata = " + '
                  'new java.io.File("").getAbsoluteFile().getName().equals("testdata"));'),
])
write("throws.ipynb", [
    new_code_cell(SETUP),
    new_code_cell('System.out.println("RESULT before = 1");\n'
                  'DoubleMatrix.zeros(2, 3).mmul(DoubleMatrix.zeros(2, 3));'),
    new_code_cell('System.out.println("RESULT after = 1");'),
])
write("compile-error.ipynb", [
    new_code_cell('int x = "not an int";'),
])
write("missing-result.ipynb", [
    new_code_cell('System.out.println("RESULT accuracy = 0.5");'),
])
write("no-entry.ipynb", [
    new_code_cell('System.out.println("hello");'),
])
dirty = new_code_cell('System.out.println("RESULT x = 1");', execution_count=3)
write("dirty.ipynb", [dirty])
write("forbidden.ipynb", [
    new_code_cell('%jars foo.jar\nSystem.out.println("RESULT x = 1");'),
])
# nbformat 4.5 with a cell whose id is missing (nbformat warns: MissingIDFieldWarning), and one that breaks the
# schema: nbformat.write would repair or refuse them, so these are written as plain JSON.
no_id = write("no-id.ipynb", [new_code_cell('System.out.println("RESULT x = 1");')])
del no_id.cells[0]["id"]
(HERE / "no-id.ipynb").write_text(json.dumps(no_id, indent=1) + "\n")
invalid = write("invalid.ipynb", [new_code_cell('System.out.println("RESULT x = 1");')])
invalid.cells[0]["colour"] = "red"
(HERE / "invalid.ipynb").write_text(json.dumps(invalid, indent=1) + "\n")
