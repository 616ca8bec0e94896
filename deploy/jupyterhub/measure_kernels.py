#!/usr/bin/env python3
"""What each step of the kernel's set-up saves: lesson 05 in K kernels at once for every JVM set-up, one after
the other, each kernel's peak PSS and RSS and its CPU seconds (no hub: the kernels alone).

Steps, each adding to the one before: JJava's own kernelspec (a launcher JVM that starts the kernel JVM, JDK
defaults) -> the kernel JVM started directly (tools/kernelspec.py; JDK default heap) -> -Xmx2g (make lab)
-> -Xmx256m -> serial GC -> C1-only JIT -> class-data sharing archive (install.py) -> -Xmx1g instead (what
lesson 06 needs) -> a heap that starts at 16 MB and is given back after collections: the installed kernel.

Usage (after install.py): /opt/nn-workbook/venv/bin/python deploy/jupyterhub/measure_kernels.py [--kernels K]
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from nn_classroom import lesson, procs  # noqa: E402
from nn_classroom.learner_copy import make  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402

lesson.ROOT = HERE.parent.parent
MB = 1 << 20
LEAN = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]


def variants(spec_dir, archive):
    spec = json.loads((spec_dir / "kernel.json").read_text())
    java = spec["argv"][4]
    direct = ["/bin/sh", str(spec_dir / "start.sh"), str(spec_dir / "jjava.jar"), "{connection_file}", java]
    cds = [f"-XX:SharedArchiveFile={archive}"]
    installed = [a.replace("{resource_dir}", str(spec_dir)) for a in spec["argv"]]
    return [
        ("JJava's own kernelspec (launcher JVM + kernel JVM)",
         [java, "-jar", str(spec_dir / "jjava-launcher.jar"), str(spec_dir / "jjava.jar"), "{connection_file}"]),
        ("kernel JVM started directly, JDK default heap", direct),
        ("  -Xmx2g (make lab)", direct + ["-Xmx2g"]),
        ("  -Xmx256m", direct + ["-Xmx256m"]),
        ("  + serial GC", direct + ["-Xmx256m", LEAN[0]]),
        ("  + C1-only JIT", direct + ["-Xmx256m"] + LEAN),
        ("  + class-data sharing", direct + ["-Xmx256m"] + LEAN + cds),
        ("  -Xmx1g instead (lesson 06 needs it)", direct + ["-Xmx1g"] + LEAN + cds),
        ("  + -Xms16m, heap given back: the classroom kernel", installed),
    ]


def run_kernel(spec_root, name, notebook_dir, code, out):
    km = KernelManager(kernel_name=name, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(spec_root)]))
    km.start_kernel(cwd=str(notebook_dir))
    pid = km.provisioner.process.pid
    peak, stop = {"pss": 0, "rss": 0}, threading.Event()

    def family():
        kids = [pid]
        for p in list(procs.processes({0})):
            try:
                with open(f"/proc/{p}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        kids.append(p)
            except OSError:
                pass
        return kids

    def sample():
        while not stop.is_set():
            pss = rss = 0
            for p in family():
                m = procs.memory(p)
                pss, rss = pss + m[0], rss + m[1]
            peak["pss"], peak["rss"] = max(peak["pss"], pss), max(peak["rss"], rss)
            stop.wait(0.5)
    sampler = threading.Thread(target=sample)
    sampler.start()
    ok = True
    try:
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=180)
        for cell in code:
            reply = kc.execute_interactive(cell, timeout=600, output_hook=lambda m: None)
            ok = ok and reply["content"]["status"] == "ok"
        cpu = sum(procs.cpu_seconds(p) for p in family())
        kc.stop_channels()
    finally:
        stop.set()
        sampler.join()
        km.shutdown_kernel(now=True)
    out.append({"ok": ok, "pss": peak["pss"], "rss": peak["rss"], "cpu": cpu})


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prefix", default="/opt/nn-workbook")
    ap.add_argument("--kernels", type=int, default=2, help="kernels at once per set-up")
    ap.add_argument("--notebook", default="notebooks/05-sgd.ipynb")
    args = ap.parse_args()
    prefix = Path(args.prefix)
    spec_dir = prefix / "venv" / "share" / "jupyter" / "kernels" / "java"
    nb = json.loads((lesson.ROOT / args.notebook).read_text())
    code = lesson.cells(nb, Path(args.notebook).stem, lesson.ROOT / "docs" / "solutions")
    with tempfile.TemporaryDirectory(prefix="nn-measure-") as tmp:
        make(prefix / "share", tmp)
        notebooks = Path(tmp) / "nn-workbook" / "notebooks"
        specs = Path(tmp) / "kernels"
        print(f"lesson {args.notebook}, {args.kernels} kernels at once per set-up; this machine: "
              f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} (shared with other work)")
        print(f"{'set-up':<52} {'PSS MB':>7} {'RSS MB':>7} {'CPU s':>6}  passed")
        for i, (label, argv) in enumerate(variants(spec_dir, prefix / "share" / "kernel.jsa")):
            (specs / f"v{i}").mkdir(parents=True)
            (specs / f"v{i}" / "kernel.json").write_text(json.dumps(
                {"argv": argv, "display_name": label, "language": "java", "interrupt_mode": "message"}))
            results = []
            threads = [threading.Thread(target=run_kernel, args=(specs, f"v{i}", notebooks, code, results))
                       for _ in range(args.kernels)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            med = {k: statistics.median(r[k] for r in results) for k in ("pss", "rss", "cpu")}
            print(f"{label:<52} {med['pss'] / MB:>7.0f} {med['rss'] / MB:>7.0f} {med['cpu']:>6.1f}  "
                  f"{sum(r['ok'] for r in results)}/{len(results)}", flush=True)
        shutil.rmtree(specs, ignore_errors=True)


if __name__ == "__main__":
    main()
