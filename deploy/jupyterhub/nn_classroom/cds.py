"""Class-data sharing for the kernels: one archive of the classes every Java kernel loads, mapped read-only by all.

Each JJava kernel loads the same few thousand classes (JShell, the compiler, JJava, jblas's loader); from a
CDS archive they are mapped from one file instead of parsed by every JVM, so the pages are shared between the
learners' kernels and each starts faster. The archive is made by running one kernel through a lesson's
set-up cells with -XX:ArchiveClassesAtExit and shutting it down cleanly; the same JDK must use it (java -version
is stored beside it). A kernel whose JDK does not match the archive warns and runs without it.

Usage (the hub's Python, as root at install time):  python -m nn_classroom.cds ARCHIVE NOTEBOOK_DIR
"""
import os
import sys

from jupyter_client.manager import KernelManager

WARM_UP = [
    "%classpath ../target/nn-workbook.jar",
    "import nn.*; import nn.model.*; import nn.training.*; import nn.checks.*; import nn.data.*; "
    "import nn.plot.*; import nn.blas.*; import org.jblas.*; import java.util.*;",
    "Jblas.check();",
    "Split sample = Mnist.sample(); Network net = new Network(784, 30, 10);",
    "net.fit(sample.train().head(500), sample.test().head(200), new Sgd().epochs(1).batchSize(10).eta(3.0)"
    ".verbose(false)); System.out.println(net.evaluate(sample.test().head(200)));",
    "display(Plots.confusion(net.confusion(sample.test().head(200)).counts()));",
]


def make(archive, notebook_dir):
    archive = os.path.abspath(archive)
    if os.path.exists(archive):
        os.unlink(archive)
    km = KernelManager(kernel_name="java")
    km.shutdown_wait_time = 120            # writing the archive at exit takes a few seconds
    env = dict(os.environ, JJAVA_JVM_OPTS=f"-XX:ArchiveClassesAtExit={archive}")
    km.start_kernel(cwd=notebook_dir, env=env)
    try:
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=120)
        for code in WARM_UP:
            reply = kc.execute_interactive(code, timeout=300, output_hook=lambda m: None)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"warm-up cell failed: {code!r}: {reply['content'].get('evalue')}")
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=False)      # a clean exit: the JVM writes the archive as it ends
    if not os.path.isfile(archive):
        raise RuntimeError(f"the kernel ended without writing {archive}")
    os.chmod(archive, 0o644)
    return os.path.getsize(archive)


if __name__ == "__main__":
    size = make(sys.argv[1], sys.argv[2])
    print(f"cds: {sys.argv[1]} ({size / 1e6:.0f} MB)")
