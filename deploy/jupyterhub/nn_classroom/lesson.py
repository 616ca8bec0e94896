"""A lesson as a learner who did the exercises would run it: the cells of their own copy, each exercise replaced
by the teacher's reference solution, and the RESULT lines checked as tools/run_notebooks.py checks them."""
import json
import sys
from pathlib import Path

ROOT = Path.cwd()       # the workbook's folder: set by the caller (classroom.py) before use


def runner():
    """tools/run_notebooks.py, for its RESULT parsing and checks (one implementation of each)."""
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))
    import run_notebooks
    return run_notebooks


def cells(notebook, stem, solutions):
    """The code cells of `notebook` (a dict), exercises replaced by solutions/<stem>/<name>.java."""
    rn, out = runner(), []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if not source.strip():
            continue
        m = rn.EXERCISE_LINE.match(source.splitlines()[0])
        if m:
            source = (Path(solutions) / stem / f"{m.group(1)}.java").read_text(encoding="utf-8")
        out.append(source)
    return out


def problems(notebook_name, printed, exercises):
    """What is wrong with a run's printed text: failed RESULT checks and exercises that did not pass."""
    rn = runner()
    checks = json.loads((ROOT / "tools" / "notebook-checks.json").read_text())[notebook_name]
    results = {m.group(1): (rn.parse_value(m.group(2)), m.group(2)) for m in rn.RESULT_LINE.finditer(printed)}
    found = rn.check_results(results, checks)
    for name in exercises:
        if results.get(f"exercise_{name}", (None, None))[1] != "pass":
            found.append(f"exercise {name} did not print RESULT exercise_{name} = pass")
    return found, results


def exercise_names(notebook):
    rn, names = runner(), []
    for cell in notebook["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and source.strip():
            m = rn.EXERCISE_LINE.match(source.splitlines()[0])
            if m:
                names.append(m.group(1))
    return names
