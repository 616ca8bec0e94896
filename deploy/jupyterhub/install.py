#!/usr/bin/env python3
"""Installs the workbook's classroom server into one folder (default /opt/nn-workbook); run as root.

    venv/     the hub's Python environment (requirements.txt here), built from a Python every learner can run
    node/     configurable-http-proxy from npm
    lib/      nn_classroom (the spawner, port ranges, memory limits), on the venv's path through a .pth file
    share/    read-only for learners: notebooks/ (the template each learner's copy is made from), docs/ (the
              maths notes, without solutions/), nn-workbook.jar, data/ (NN_DATA_DIR: full MNIST if a teacher
              downloads it there), kernel.jsa (class-data sharing archive)
    teacher/  root only: solutions/ (the reference solutions: withheld from learners), nbgrader/
    state/    root only: the hub's database, cookie secret, pid files
    jupyterhub_config.py

The workbook's kernelspec `java` goes into venv/share/jupyter/kernels/, so every learner's server has it:
tools/kernelspec.py --lean with at most a 1 GB heap (lesson 06's Fashion-MNIST needs it) that starts at
16 MB, and the class-data sharing archive. Re-running updates share/ and
the kernelspec and reinstalls nothing whose pins did not change. Learners' own copies are never touched.

Usage: sudo deploy/jupyterhub/install.py [--prefix DIR] [--python PYTHON] [--heap SIZE] [--no-cds] [--image]
"""
import argparse
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHP = "configurable-http-proxy@5.1.0"


def say(text):
    print(f"install: {text}", flush=True)


def run(cmd, **kw):
    say("$ " + " ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def others_can_run(path):
    """None when every account can execute `path` (each folder above it searchable), else the reason."""
    real = Path(os.path.realpath(path))
    for folder in reversed(real.parents):
        if not os.stat(folder).st_mode & stat.S_IXOTH:
            return f"{folder} is not searchable by other accounts (mode {stat.filemode(os.stat(folder).st_mode)})"
    if not os.stat(real).st_mode & stat.S_IXOTH:
        return f"{real} is not executable by other accounts"
    return None


def stamp_ok(stamp, text):
    return stamp.is_file() and stamp.read_text() == text


def venv(prefix, python):
    why = others_can_run(python)
    if why:
        raise SystemExit(f"install: {python} cannot be run by learner accounts: {why}. Use a Python installed for "
                         "all, e.g. Debian's: sudo apt-get install python3-venv, then --python /usr/bin/python3")
    env_dir, reqs = prefix / "venv", (HERE / "requirements.txt").read_text()
    stamp = env_dir / ".installed"
    if not (env_dir / "bin" / "python").exists():
        run([python, "-m", "venv", env_dir])
    if not stamp_ok(stamp, reqs):
        run([env_dir / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "-r", HERE / "requirements.txt"])
        stamp.write_text(reqs)
    site = next((env_dir / "lib").glob("python3*/site-packages"))
    lib = prefix / "lib"
    shutil.rmtree(lib / "nn_classroom", ignore_errors=True)
    shutil.copytree(HERE / "nn_classroom", lib / "nn_classroom", ignore=shutil.ignore_patterns("__pycache__"))
    (site / "nn_classroom.pth").write_text(str(lib) + "\n")
    return env_dir


def proxy(prefix):
    node, stamp = prefix / "node", prefix / "node" / ".installed"
    if not stamp_ok(stamp, CHP):
        node.mkdir(exist_ok=True)
        run(["npm", "install", "--prefix", node, "--no-audit", "--no-fund", "--loglevel=error", CHP])
        stamp.write_text(CHP)


def share(prefix):
    jar = ROOT / "target" / "nn-workbook.jar"
    if not jar.is_file():
        raise SystemExit(f"install: {jar} is missing: run make jar first")
    out = prefix / "share"
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    (out / "data").mkdir(exist_ok=True)
    for old in (out / "notebooks").glob("*.ipynb"):
        old.unlink()
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        shutil.copy(nb, out / "notebooks" / nb.name)
    shutil.rmtree(out / "docs", ignore_errors=True)
    shutil.copytree(ROOT / "docs", out / "docs", ignore=shutil.ignore_patterns("solutions"))
    shutil.copy(jar, out / "nn-workbook.jar.new")
    os.replace(out / "nn-workbook.jar.new", out / "nn-workbook.jar")
    teacher = prefix / "teacher"
    teacher.mkdir(mode=0o700, exist_ok=True)
    shutil.rmtree(teacher / "solutions", ignore_errors=True)
    shutil.copytree(ROOT / "docs" / "solutions", teacher / "solutions")
    for path in [out, *out.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return out


def kernelspec(env_dir, heap, archive):
    options = [f"--jvm-option=-XX:SharedArchiveFile={archive}"] if archive else []
    run([env_dir / "bin" / "python", ROOT / "tools" / "kernelspec.py", "--venv", env_dir, "--heap", heap, "--lean",
         *options])


def cds(env_dir, share_dir, heap):
    """The class-data sharing archive, made by one kernel that runs a lesson's set-up (nn_classroom.cds)."""
    archive = share_dir / "kernel.jsa"
    spec = (env_dir / "share" / "jupyter" / "kernels" / "java" / "kernel.json").read_text()
    java = json.loads(spec)["argv"][4]
    jdk = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    key = hashlib.sha256((jdk + spec).encode() + (share_dir / "nn-workbook.jar").read_bytes()).hexdigest()
    stamp = share_dir / "kernel.jsa.key"
    if archive.is_file() and stamp_ok(stamp, key):
        return archive
    with tempfile.TemporaryDirectory(prefix="nn-cds-") as home:
        sys.path.insert(0, str(HERE))
        from nn_classroom.learner_copy import make
        make(share_dir, home)
        run([env_dir / "bin" / "python", "-m", "nn_classroom.cds", archive, Path(home) / "nn-workbook" / "notebooks"])
    stamp.write_text(key)
    stamp.chmod(0o644)
    return archive


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prefix", default="/opt/nn-workbook")
    ap.add_argument("--python", default="/usr/bin/python3", help="a Python every account can run")
    ap.add_argument("--heap", default="1g", help="each kernel's maximum heap (README: measured)")
    ap.add_argument("--no-cds", action="store_true", help="no class-data sharing archive")
    ap.add_argument("--image", action="store_true",
                    help="for a learner's container image (kubernetes.md): no proxy, no hub configuration")
    args = ap.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("install: run as root (it installs for every account and starts servers as learners)")
    prefix = Path(args.prefix)
    prefix.mkdir(parents=True, exist_ok=True)
    prefix.chmod(0o755)
    for private in ("state", "teacher"):
        (prefix / private).mkdir(mode=0o700, exist_ok=True)
    env_dir = venv(prefix, args.python)
    if not args.image:
        proxy(prefix)
    share_dir = share(prefix)
    kernelspec(env_dir, args.heap, None)
    archive = None if args.no_cds else cds(env_dir, share_dir, args.heap)
    kernelspec(env_dir, args.heap, archive)
    if args.image:
        return say("done: the image's environment is ready")
    shutil.copy(HERE / "jupyterhub_config.py", prefix / "jupyterhub_config.py")
    say(f"done: start the hub with  {env_dir}/bin/jupyterhub -f {prefix}/jupyterhub_config.py")


if __name__ == "__main__":
    main()
