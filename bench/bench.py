"""Benchmark harness: the workbook's jblas trainer ("ours") against three Python references.

Run from the project root (bench/run.sh does that and sets up bench/.venv):
    bench/.venv/bin/python bench/bench.py [--rounds 5] [--epochs 5] [--quick] [--only b10,b100]

For each configuration the implementations run ALTERNATELY, A B C D A B C D ..., each as its own
process per round, so a slow spell of the machine hits all of them alike. Each child prints one
JSON line (seconds per epoch, test accuracy); the harness takes the child's peak RSS from wait4().

Per configuration it prints: median seconds per epoch (first epoch of every run dropped as
warm-up), the ratio reference/ours computed pair by pair within each round (median over rounds,
with the lowest and highest round, and a note when that median and the ratio of the medians differ by
over 20%),
final test accuracy, peak memory, the gemm flops per epoch, the GFLOP/s that achieves, and the
floor = flops / (large-matrix GFLOP/s of the BLAS our trainer uses, through nn.blas.Blas). The last line has the fixed form
    speedup b10 numpy=N.NN perexample=N.NN torch=N.NN b100 numpy=N.NN fullbatch numpy=N.NN

Threads: everything is pinned to ONE thread (the Java trainer is single-threaded; its BLAS and
NumPy's get OPENBLAS_NUM_THREADS/OMP_NUM_THREADS/MKL_NUM_THREADS=1, PyTorch torch.set_num_threads(1)).
Kernels: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (some machines set them for old OpenBLAS builds) are
removed from the environment of EVERY child alike, so each BLAS picks its own kernels for this CPU;
the harness prints which ran: OpenBLAS's own report (OPENBLAS_VERBOSE=2, "Core: ...") for the Java
trainer's BLAS, threadpoolctl for NumPy, torch's build configuration for PyTorch. The variant
java@bundled+CORE sets OPENBLAS_CORETYPE=CORE on purpose. Tests and CI never change these variables.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from report import summarise

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
JAR = os.path.join(ROOT, "target", "nn-workbook.jar")
SAMPLE_DIR = os.path.join(ROOT, "src", "main", "resources", "nn", "data", "mnist-sample")
FASHION_DIR = os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")  # Debian dataset-fashion-mnist
IDX_FILES = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
             "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]

SCRIPTS = {"numpy": "numpy_vectorized.py", "perexample": "numpy_per_example.py", "torch": "torch_manual.py"}


def has_idx(directory):
    return all(os.path.isfile(os.path.join(directory, f)) for f in IDX_FILES)


def configurations(epochs, quick, variants):
    """(name, data dir, train n, test n, sizes, mode, batch, eta, epochs, implementations)."""
    configs = []
    if has_idx(SAMPLE_DIR):
        small = ("MNIST sample", SAMPLE_DIR, 8000, 2000)
    elif has_idx(FASHION_DIR):
        small = ("Fashion-MNIST first 8000/2000 (the MNIST sample is not in this checkout)", FASHION_DIR, 8000, 2000)
    else:
        sys.exit("bench: no data: neither " + SAMPLE_DIR + " nor " + FASHION_DIR + " holds the four IDX files")
    label, directory, n_train, n_test = small
    everyone = ["java", "numpy", "perexample", "torch"]
    configs.append(dict(name="b10", data=label, dir=directory, train=n_train, test=n_test, sizes=[784, 30, 10],
                        mode="sgd", batch=10, eta=3.0, epochs=epochs, impls=everyone))
    configs.append(dict(name="b100", data=label, dir=directory, train=n_train, test=n_test, sizes=[784, 30, 10],
                        mode="sgd", batch=100, eta=3.0, epochs=epochs, impls=everyone))
    configs.append(dict(name="deep", data=label, dir=directory, train=n_train, test=n_test,
                        sizes=[784, 128, 64, 10], mode="sgd", batch=10, eta=3.0, epochs=epochs, impls=everyone))
    configs.append(dict(name="fullbatch", data=label, dir=directory, train=n_train, test=n_test,
                        sizes=[784, 10, 10], mode="fullbatch", batch=n_train, eta=0.1,
                        epochs=100 if quick else 750, impls=["java", "numpy", "torch"]))
    if has_idx(FASHION_DIR):
        configs.append(dict(name="fashion60k-b10", data="Fashion-MNIST 60000/10000", dir=FASHION_DIR, train=60000,
                            test=10000, sizes=[784, 30, 10], mode="sgd", batch=10, eta=3.0,
                            epochs=max(2, min(epochs, 3)), impls=everyone))
    # "java" is Network.fit as a learner gets it (nn.training.FastSgd steps, nn.blas.Blas products: the system's
    # OpenBLAS through dev.ludovic.netlib when present); the variants are the same trainer under another setting, e.g. java@bundled = NN_BLAS=bundled.
    for c in configs:
        c["impls"] = c["impls"][:1] + [f"java@{v}" for v in variants] + c["impls"][1:]
    return configs


def child_env(impl):
    env = dict(os.environ)
    if impl == "java@bundled":  # the same trainer on jblas's own BLAS (what it runs without a system OpenBLAS)
        env["NN_BLAS"] = "bundled"
    elif impl.startswith("java@bundled+"):  # ... with jblas's 2020 OpenBLAS told its kernels, e.g. +SkylakeX
        env["NN_BLAS"] = "bundled"
        env["OPENBLAS_CORETYPE"] = impl.split("+", 1)[1]
    elif impl.startswith("java"):
        env.pop("NN_BLAS", None)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BENCH_THREADS"):
        env[var] = "1"
    if not impl.startswith("java@bundled+"):  # every child alike: each BLAS picks its kernels for this CPU
        env.pop("OPENBLAS_CORETYPE", None)
        env.pop("OPENBLAS_L2_SIZE", None)
    return env


def run_child(cmd, env):
    """Runs one child; returns (parsed JSON of its last stdout line, peak RSS in MB from wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    lines = [l for l in stdout.splitlines() if l.startswith("{")]
    if p.returncode != 0 or not lines:
        sys.stderr.write(stderr[-4000:])
        raise SystemExit(f"bench: child failed (exit {p.returncode}): {' '.join(cmd)}")
    return json.loads(lines[-1]), usage.ru_maxrss / 1024.0


class Runner:
    def __init__(self, python, java_classes, fake_ours, baseline=None):
        self.python = python
        self.java_classes = java_classes
        self.fake_ours = fake_ours
        self.baseline = baseline  # (jar, classes compiled against it) of an earlier build, for java@baseline

    def command(self, impl, c, seed):
        args = ["--data", c["dir"], "--train", str(c["train"]), "--test", str(c["test"]),
                "--sizes", ",".join(map(str, c["sizes"])), "--mode", c["mode"], "--epochs", str(c["epochs"]),
                "--batch", str(c["batch"]), "--eta", repr(c["eta"]), "--seed", str(seed)]
        if impl == "java@baseline":  # the same trainer and JVM options on an earlier build's jar
            jar, classes = self.baseline
            return ["java", "-Xmx1g", "-cp", jar + os.pathsep + classes, "JavaTrainer", "--impl", impl] + args
        if impl.startswith("java@"):
            extra = ["--float32"] if impl == "java@f32" else []
            # java@thp: the JVM's heap on transparent huge pages (Linux), as NumPy puts its arrays of 4 MB and more
            # by default (madvise(MADV_HUGEPAGE)); with THP set to "madvise", the JVM does so only when told.
            jvm = ["-XX:+UseTransparentHugePages"] if impl == "java@thp" else []
            return (["java", "-Xmx1g"] + jvm + ["-cp", JAR + os.pathsep + self.java_classes, "JavaTrainer", "--impl", impl]
                    + extra + args)
        if impl == "java" and self.fake_ours:
            return [self.python, os.path.join(BENCH, SCRIPTS["numpy"])] + args
        if impl == "java":
            return ["java", "-Xmx1g", "-cp", JAR + os.pathsep + self.java_classes, "JavaTrainer"] + args
        return [self.python, os.path.join(BENCH, SCRIPTS[impl])] + args

    def run(self, impl, c, seed):
        result, rss = run_child(self.command(impl, c, seed), child_env(impl))
        result["rss_mb"] = rss
        return result


def compile_java(jar=JAR):
    """Compiles bench/JavaTrainer.java once against `jar`; launching the .java file directly would compile it
    inside the measured JVM on every run and count javac in its peak memory."""
    if not os.path.isfile(jar):
        sys.exit("bench: " + jar + " is missing; build it first (mvn -q -B package -DskipTests)")
    classes = tempfile.mkdtemp(prefix="nn-bench-")
    subprocess.run(["javac", "-proc:none", "-d", classes, "-cp", jar, os.path.join(BENCH, "JavaTrainer.java")],
                   check=True)
    return classes


def blas_peak(runner, fake, impl="java"):
    """(GFLOP/s of a 2000 x 2000 product through nn.blas.Blas, which BLAS that was) for the trainer `impl`."""
    if fake:
        return None, "none (self-test)"
    cmd = ["java", "-cp", JAR + os.pathsep + runner.java_classes, "JavaTrainer", "--blas-peak", "2000"]
    result, _ = run_child(cmd, child_env(impl))
    return result["gflops"], result["blas"]


def java_kernel(runner, impl="java"):
    """The kernel set the Java trainer's OpenBLAS runs, as OpenBLAS itself reports it on loading."""
    if runner.fake_ours:
        return "none (self-test)"
    cmd = ["java", "-cp", JAR + os.pathsep + runner.java_classes, "JavaTrainer", "--blas-peak", "200"]
    env = dict(child_env(impl), OPENBLAS_VERBOSE="2")
    p = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    cores = sorted({l.split(":", 1)[1].strip() for l in p.stderr.splitlines() if l.startswith("Core:")})
    return ", ".join(cores) if cores else "not reported (" + (p.stderr.strip().splitlines() or ["no output"])[-1] + ")"


def torch_kernel(python):
    """PyTorch's BLAS and the CPU capability its kernels use, from its build configuration."""
    code = ("import torch, json, re; c = torch.__config__.show(); "
            "cap = re.search(r'CPU capability usage: (\\w+)', c); blas = re.search(r'BLAS_INFO=(\\w+)', c); "
            "print(json.dumps({'k': 'BLAS ' + (blas.group(1) if blas else '?') + ', CPU capability '"
            " + (cap.group(1) if cap else '?')}))")
    try:
        result, _ = run_child([python, "-c", code], child_env("torch"))
        return result["k"]
    except SystemExit:
        return "unknown (torch not importable)"


def numpy_peak(python):
    code = ("import numpy as np, time; a=np.random.rand(2000,2000); b=np.random.rand(2000,2000); a@b\n"
            "t=min((lambda s: (a@b, time.perf_counter()-s)[1])(time.perf_counter()) for _ in range(5))\n"
            "print('{\"gflops\": %.3f}' % (2*2000**3/t/1e9))")
    result, _ = run_child([python, "-c", code], child_env("numpy"))
    return result["gflops"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=5, help="epochs per run of the SGD configurations")
    ap.add_argument("--quick", action="store_true", help="2 rounds of 3 epochs, 100 full-batch steps")
    ap.add_argument("--only", default="", help="comma-separated configuration names, e.g. b10,fullbatch")
    ap.add_argument("--json", default="", help="also write every raw result to this file")
    ap.add_argument("--variants", default="f32,bundled",
                    help="extra rows of the same Java trainer, comma-separated: 'f32' (Sgd.float32(true)), 'bundled' "
                         "(NN_BLAS=bundled: jblas's own BLAS), 'bundled+SkylakeX' (that, with OPENBLAS_CORETYPE=SkylakeX), "
                         "'thp' (-XX:+UseTransparentHugePages); '' for none")
    ap.add_argument("--baseline", default="", metavar="JAR",
                    help="an earlier build's nn-workbook.jar: adds the row java@baseline, the same trainer on that "
                         "build, so a change's effect on speed is measured in the same run (see bench/README.md)")
    ap.add_argument("--fake-ours", action="store_true",
                    help="harness self-test: run the NumPy reference in place of the Java trainer")
    a = ap.parse_args()
    if a.quick:
        a.rounds, a.epochs = 2, 3
    python = sys.executable
    java_classes = None if a.fake_ours else compile_java()
    baseline = (os.path.abspath(a.baseline), compile_java(os.path.abspath(a.baseline))) if a.baseline else None
    runner = Runner(python, java_classes, a.fake_ours, baseline)
    if a.fake_ours:
        print("bench: SELF-TEST with --fake-ours: 'java' below is the NumPy reference, not the workbook")
    try:
        peak, blas = blas_peak(runner, a.fake_ours)
        variants = list(filter(None, a.variants.split(","))) + (["baseline"] if baseline else [])
        if baseline:
            print(f"bench: java@baseline is the same trainer on {baseline[0]}")
        np_peak = numpy_peak(python)
        probe, _ = run_child([python, "-c", "import numpy_vectorized as v, json; print(json.dumps({'b': v.blas_info()}))"],
                             dict(child_env("numpy"), PYTHONPATH=BENCH))
        print(f"bench: one thread everywhere; OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE in this environment: "
              f"{os.environ.get('OPENBLAS_CORETYPE')}/{os.environ.get('OPENBLAS_L2_SIZE')}, removed for every child")
        print(f"bench: kernels: ours (OpenBLAS's report) {java_kernel(runner)}; NumPy (threadpoolctl) {probe['b']}; "
              f"PyTorch {torch_kernel(python)}")
        print(f"bench: ours multiplies with {blas}")
        print(f"bench: large-matrix dgemm 2000x2000, one thread: ours {peak if peak else float('nan'):.1f} GFLOP/s, "
              f"NumPy {np_peak:.1f} GFLOP/s")
        for v in variants:
            if not a.fake_ours and v not in ("f32", "thp", "baseline"):  # same BLAS and kernels as java
                g, b = blas_peak(runner, False, "java@" + v)
                print(f"bench: java@{v} multiplies with {b}: {g:.1f} GFLOP/s; kernels {java_kernel(runner, 'java@' + v)}")
        wanted = set(filter(None, a.only.split(",")))
        everything = {}
        speedups = {}
        for c in configurations(a.epochs, a.quick, variants):
            if wanted and c["name"] not in wanted:
                continue
            if peak:  # the best of several measurements: a busy machine only ever lowers it
                peak = max(peak, blas_peak(runner, False)[0])
            runs = {impl: [] for impl in c["impls"]}
            start = time.perf_counter()
            rounds = min(a.rounds, 3) if c["mode"] == "fullbatch" or c["train"] > 10000 else a.rounds
            for r in range(rounds):
                for impl in c["impls"]:  # round r uses seed 42 + r everywhere: accuracies are averaged over seeds
                    runs[impl].append(runner.run(impl, c, 42 + r))
            ratios = summarise(c, runs, peak)
            load = os.getloadavg()
            print(f"   ({time.perf_counter() - start:.0f} s wall; load average now {load[0]:.1f} / {load[1]:.1f} "
                  f"on {os.cpu_count()} cores: other work on the machine slows everything, the alternation "
                  f"keeps the ratios fair)")
            speedups[c["name"]] = ratios
            everything[c["name"]] = {"config": c, "runs": runs, "ratios": ratios}
        if a.json:
            with open(a.json, "w") as f:
                json.dump({"blas_peak_gflops_best": peak, "numpy_peak_gflops": np_peak, "results": everything}, f,
                          indent=1)

        def fig(name, impl):
            r = speedups.get(name, {}).get(impl)
            return "nan" if r is None else f"{r:.2f}"

        print(f"speedup b10 numpy={fig('b10', 'numpy')} perexample={fig('b10', 'perexample')} "
              f"torch={fig('b10', 'torch')} b100 numpy={fig('b100', 'numpy')} "
              f"fullbatch numpy={fig('fullbatch', 'numpy')}")
    finally:
        for classes in (java_classes, baseline[1] if baseline else None):
            if classes:
                shutil.rmtree(classes, ignore_errors=True)


if __name__ == "__main__":
    main()
