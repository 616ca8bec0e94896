#!/usr/bin/env python3
"""Writes the workbook's own Jupyter kernel `java` into the virtual environment, pinned to a JDK it checked.

JJava's wheel installs a kernelspec that starts plain `java` from the PATH (twice: its launcher starts the
kernel with `java` again). Started from a shell or launcher with another JDK first on the PATH, the kernel
then fails with UnsupportedClassVersionError, or on Apple Silicon runs an arm64 JDK for which jblas 1.2.5
has no native code. This script replaces that kernelspec (same name `java`, display name "Java") with one
that runs JJava's kernel jar directly with:

  * the absolute path of the first JDK that passes every check, in this order:
      1. $JAVA_HOME/bin/java;
      2. every `java` on the PATH, first to last;
      3. on macOS, the JDKs `/usr/libexec/java_home -X` lists (on Apple Silicon `-a x86_64`: only an x86_64
         JDK, run under Rosetta 2, can load jblas; JupyterLab itself stays arm64).
    A candidate passes when it runs, is Java 17 or newer, is a JDK (tools/jdk_finder.py) and, on Apple
    Silicon, an x86_64 build. Each rejected one is named with why; when none passes, the script stops (exit 1)
    with the command that installs one. The JDK's own java (java.home/bin/java) is pinned, not a link to it.
  * the heap every notebook is tested with (-Xmx2g, --heap to change it);
  * -XX:+UseTransparentHugePages where Linux gives huge pages on request (THP set to "madvise"): the heap on
    2 MB pages, as NumPy puts its large arrays. Measured side by side in the bench (bench/README.md), training
    took 0.90-0.95 of the time for 17-48 MB more resident memory. Not with --lean, where memory counts;
    JJAVA_JVM_OPTS=-XX:-UseTransparentHugePages turns it off;
  * -Djava.io.tmpdir=<a folder that allows executing> only when the JDK's own temporary folder does not:
    jblas unpacks its native libraries there and loads them, which a noexec mount forbids. The probe maps a
    file there executable, exactly what loading a library does; the fallback is <venv>/nn-tmp, then
    ~/.cache/nn-workbook/tmp, each probed the same way.
JJAVA_JVM_OPTS from the environment still comes last on the kernel's command line (as with JJava's own
launcher), so `JJAVA_JVM_OPTS=-Xmx4g make lab` and the test runner's options win over the defaults.

Machines the workbook cannot run on stop here with the one fix that works: Windows outside WSL, Alpine/musl.

A small KernelMain beside jjava.jar (compiled here by the pinned JDK's javac) starts JJava and ends the JVM when
the kernel cannot start, e.g. a port taken by another kernel: JJava alone would stay up for ever.
--lean (the classroom server, deploy/jupyterhub/) adds the serial GC and the C1-only JIT; --jvm-option adds any.

Usage: tools/kernelspec.py [--venv DIR] [--heap SIZE] [--lean] [--jvm-option=OPTION ...] [--dry-run]
Exit status: 0 written (or, with --dry-run, would be written), 1 no usable JDK or an unsupported machine.
"""
from __future__ import annotations

import argparse
import json
import mmap
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jdk_finder import MIN_JAVA, Host, Jdk, run_command, candidates, current_host, probe  # noqa: E402,F401
from jvm_options import LEAN_OPTIONS, huge_pages_options  # noqa: E402

DEFAULT_HEAP = "2g"
KERNEL_NAME = "java"
DISPLAY_NAME = "Java"

# Started by Jupyter as: start.sh JJAVA_JAR CONNECTION_FILE JAVA [JVM OPTION ...]. `exec` makes the JVM the
# kernel process itself, so Jupyter's interrupts and shutdowns reach it (JJava's launcher is a second JVM).
# KernelMain (beside jjava.jar) runs JJava's main and ends the JVM when the kernel cannot start: JJava 1.0a8
# alone stays up for ever when a port is taken (its heartbeat thread keeps the JVM alive), so Jupyter waits
# instead of restarting it on new ports.
START_SH = """#!/bin/sh
# Written by tools/kernelspec.py: starts JJava's kernel with the JDK and JVM options in kernel.json's argv,
# then $JJAVA_JVM_OPTS (split on blanks, like JJava's launcher does; a later -Xmx wins).
set -f
jar=$1
connection=$2
shift 2
here=$(dirname "$jar")
if [ -f "$here/kernel-main.jar" ]; then
  # shellcheck disable=SC2086  # JJAVA_JVM_OPTS is split on blanks on purpose (set -f: no globbing)
  exec "$@" $JJAVA_JVM_OPTS --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED -cp "$jar:$here/kernel-main.jar" KernelMain "$connection"
fi
# shellcheck disable=SC2086
exec "$@" $JJAVA_JVM_OPTS --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED -jar "$jar" "$connection"
"""
KERNEL_MAIN = """/** Written by tools/kernelspec.py: JJava's kernel, ended when it cannot start (a port taken, a bad connection
 * file) instead of left running with no kernel inside, so Jupyter restarts it on new ports. */
public final class KernelMain {
    public static void main(String[] args) {
        try {
            org.dflib.jjava.distro.JJava.main(args);   // returns when the kernel's connection closes
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.err.println("KernelMain: the Java kernel could not start (above); exiting with status 1");
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
        // Shut down: end now (JJava's idle worker threads would keep the JVM up for another 60 s, until
        // Jupyter kills it; a clean exit also lets -XX:ArchiveClassesAtExit write its archive).
        System.exit(0);
    }
}
"""

APPLE_SILICON_INSTALL = (
    "  softwareupdate --install-rosetta --agree-to-license\n"
    "  mkdir -p ~/Library/Java/JavaVirtualMachines && curl -L "
    "https://api.adoptium.net/v3/binary/latest/17/ga/mac/x64/jdk/hotspot/normal/eclipse"
    " | tar -xz -C ~/Library/Java/JavaVirtualMachines")
INSTALL = {
    "Linux": "  Debian/Ubuntu: sudo apt-get install openjdk-17-jdk\n"
             "  Fedora:        sudo dnf install java-17-openjdk-devel",
    "Darwin": "  brew install openjdk@17",
}


class Stop(Exception):
    """The machine cannot run the kernel as it is; the message says what to do."""


@dataclass
class Choice:
    jdk: Jdk
    tmpdir: str | None          # the java.io.tmpdir to set, or None to keep the JDK's own
    tmpdir_reason: str
    skipped: list = field(default_factory=list)


def allows_executing(folder):
    """True when a file in `folder` can be mapped executable: what loading a native library does (a noexec
    mount refuses it). False also when the folder cannot be created or written."""
    try:
        os.makedirs(folder, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".nn-exec-probe-", dir=folder)
    except OSError:
        return False
    try:
        os.write(fd, b"\0" * mmap.PAGESIZE)
        try:
            mmap.mmap(fd, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_EXEC).close()
            return True
        except OSError:
            return False
    finally:
        os.close(fd)
        os.unlink(name)


def mount_of(folder, mountinfo="/proc/self/mountinfo"):
    """(mount point, mount options) of the file system holding `folder` (Linux), or None."""
    try:
        lines = Path(mountinfo).read_text().splitlines()
    except OSError:
        return None
    target, best = os.path.realpath(folder), None
    for line in lines:
        parts = line.split()
        point = parts[4].replace("\\040", " ")
        if (target == point or target.startswith(point.rstrip("/") + "/")) and (best is None or len(point) > len(best[0])):
            best = (point, parts[5])
    return best


def choose(host, env, venv, run=run_command, which_all=None, executable=allows_executing, mount=mount_of):
    """The JDK and java.io.tmpdir for the kernel, or Stop with the message that says what to do."""
    if host.system == "Windows":
        raise Stop("The workbook does not run on Windows itself: jblas 1.2.5's Windows libraries fail to load "
                   "on many machines (\"Can't find dependent libraries\"). Use WSL, which works:\n"
                   "  wsl --install -d Ubuntu\n"
                   "then, in the Ubuntu window, clone the workbook there and run make lab.")
    if host.musl:
        raise Stop("This is a musl-libc system (Alpine): jblas 1.2.5's native code is built for glibc and "
                   "cannot load here. Use a glibc-based system or container (Debian, Ubuntu, Fedora), "
                   "for example: docker run -it debian:12")
    skipped, chosen = [], None
    for java, origin in candidates(host, env, run, which_all):
        jdk = probe(java, origin, run)
        if not jdk.problem and host.apple_silicon and jdk.arch != "x86_64":
            jdk.problem = (f"is an {jdk.arch} JDK: jblas 1.2.5 has native code for Intel Macs only, so the "
                           "kernel needs an x86_64 JDK (it runs under Rosetta 2)")
        if jdk.problem:
            skipped.append(f"{java} ({origin}) {jdk.problem}")
            continue
        # Pin the JDK itself, not what led to it: /usr/bin/java follows update-alternatives, and macOS's
        # /usr/bin/java picks a JDK anew at every start.
        real = os.path.join(jdk.home, "bin", os.path.basename(java))
        if jdk.home and os.path.isfile(real) and real != java:
            jdk.origin, jdk.java = f"{origin}, {java}", real
        chosen = jdk
        break
    if chosen is None:
        tried = "".join(f"\n  skipped {s}" for s in skipped) or "\n  (no java found: JAVA_HOME unset, none on PATH)"
        if host.apple_silicon:
            raise Stop("No x86_64 JDK 17 or newer found (/usr/libexec/java_home -a x86_64 lists none that works)."
                       + tried + "\njblas 1.2.5 has native code for Intel Macs only: on Apple Silicon the kernel "
                       "runs an x86_64 JDK under Rosetta 2 (JupyterLab stays arm64). Install one, then run make "
                       "lab again:\n" + APPLE_SILICON_INSTALL)
        raise Stop(f"No JDK {MIN_JAVA} or newer found." + tried + "\nInstall one (or set JAVA_HOME to one), "
                   "then run make lab again:\n" + INSTALL.get(host.system, INSTALL["Linux"]))

    system_tmp = chosen.tmpdir or tempfile.gettempdir()
    if executable(system_tmp):
        return Choice(chosen, None, f"{system_tmp} (the JDK's own; it allows executing)", skipped)
    where = mount(system_tmp)
    why = f"{system_tmp} does not allow executing files" + (
        f" (file system {where[0]} mounted {where[1]})" if where else "")
    for folder in (os.path.join(venv, "nn-tmp"),
                   os.path.join(env.get("HOME") or os.path.expanduser("~"), ".cache", "nn-workbook", "tmp")):
        if executable(folder):
            return Choice(chosen, os.path.abspath(folder), f"{folder}, because {why}", skipped)
    raise Stop(f"jblas unpacks its native code into the temporary folder, and {why}; neither "
               f"{os.path.join(venv, 'nn-tmp')} nor ~/.cache/nn-workbook/tmp allows it either. Make a folder "
               "on a file system that allows executing and run: JJAVA_JVM_OPTS=-Djava.io.tmpdir=<that folder> make lab")


def kernel_json(choice, heap, options=()):
    jvm = [choice.jdk.java, f"-Xmx{heap}", *options]
    if choice.tmpdir:
        jvm.append(f"-Djava.io.tmpdir={choice.tmpdir}")
    return {
        "argv": ["/bin/sh", "{resource_dir}/start.sh", "{resource_dir}/jjava.jar", "{connection_file}"] + jvm,
        "display_name": DISPLAY_NAME,
        "language": "java",
        "interrupt_mode": "message",
        "env": {},
        "metadata": {"nn_workbook": {
            "written_by": "tools/kernelspec.py",
            "java": choice.jdk.java, "java_version": choice.jdk.version, "java_arch": choice.jdk.arch,
            "found_by": choice.jdk.origin, "java_io_tmpdir": choice.tmpdir or choice.jdk.tmpdir,
            "tmpdir_reason": choice.tmpdir_reason, "skipped": choice.skipped}},
    }


def compile_kernel_main(spec_dir, java, run=run_command):
    """KernelMain.java and kernel-main.jar beside jjava.jar, made by the pinned JDK's javac and jar (a jar, not
    a folder, on the class path: class-data sharing accepts only jars there)."""
    source, jar = Path(spec_dir) / "KernelMain.java", Path(spec_dir) / "kernel-main.jar"
    if jar.is_file() and source.is_file() and source.read_text(encoding="utf-8") == KERNEL_MAIN:
        return    # unchanged: a class-data sharing archive checks the jar's time stamp, so keep it as it is
    source.write_text(KERNEL_MAIN, encoding="utf-8")
    tools = os.path.dirname(java)
    with tempfile.TemporaryDirectory(prefix="nn-kernel-main-") as classes:
        for cmd in ([os.path.join(tools, "javac"), "--release", "17", "-cp", str(Path(spec_dir) / "jjava.jar"),
                     "-d", classes, str(source)],
                    [os.path.join(tools, "jar"), "--create", "--file", str(Path(spec_dir) / "kernel-main.jar"),
                     "-C", classes, "KernelMain.class"]):
            code, out, err = run(cmd, timeout=120)
            if code != 0:
                raise Stop(f"{cmd[0]} failed making {spec_dir}/kernel-main.jar:\n{out}{err}\n"
                           "Reinstall the kernel: make distclean, then make lab")


def write_spec(spec_dir, spec):
    """Writes kernel.json, start.sh and KernelMain next to JJava's jjava.jar, each replaced atomically."""
    spec_dir = Path(spec_dir)
    if not (spec_dir / "jjava.jar").is_file():
        raise Stop(f"{spec_dir}/jjava.jar is missing: the jjava wheel is not installed in this environment "
                   "(run make venv, or make distclean and then make lab)")
    compile_kernel_main(spec_dir, spec["argv"][4])
    for name, text, mode in (("start.sh", START_SH, 0o755), ("kernel.json", json.dumps(spec, indent=2) + "\n", 0o644)):
        tmp = spec_dir / f".{name}.tmp"
        tmp.write_text(text, encoding="utf-8")
        tmp.chmod(mode)
        os.replace(tmp, spec_dir / name)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--venv", default=sys.prefix, help="the virtual environment (default: this Python's)")
    ap.add_argument("--heap", default=DEFAULT_HEAP, help=f"the kernel's maximum heap (default {DEFAULT_HEAP})")
    ap.add_argument("--lean", action="store_true",
                    help="add " + " ".join(LEAN_OPTIONS) + " (many kernels on one server)")
    ap.add_argument("--jvm-option", action="append", default=[], metavar="OPTION",
                    help="one more JVM option for the kernel (repeatable; write --jvm-option=-X...), e.g. --jvm-option=-XX:SharedArchiveFile=FILE")
    ap.add_argument("--dry-run", action="store_true", help="check and print; write no kernelspec")
    args = ap.parse_args(argv)
    if not re.fullmatch(r"\d+[kmgKMG]?", args.heap):
        print(f"kernelspec: --heap {args.heap!r} is not a JVM heap size such as 2g or 4096m", file=sys.stderr)
        return 1
    venv = os.path.abspath(args.venv)
    try:
        host = current_host()
        choice = choose(host, dict(os.environ), venv)
        options = (LEAN_OPTIONS if args.lean else huge_pages_options(host.system)) + args.jvm_option
        spec = kernel_json(choice, args.heap, options)
        if not args.dry_run:
            write_spec(os.path.join(venv, "share", "jupyter", "kernels", KERNEL_NAME), spec)
    except Stop as e:
        print(f"kernelspec: {e}", file=sys.stderr)
        return 1
    for s in choice.skipped:
        print(f"kernelspec: skipped {s}")
    print(f"kernelspec: kernel '{KERNEL_NAME}' runs {choice.jdk.java} (Java {choice.jdk.version}, "
          f"{choice.jdk.arch}, found by {choice.jdk.origin}), -Xmx{args.heap}{''.join(' ' + o for o in options)}, "
          f"java.io.tmpdir "
          f"{choice.tmpdir_reason}" + (" [dry run: nothing written]" if args.dry_run else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
