#!/usr/bin/env python3
"""Tests of tools/kernelspec.py: every learner's machine, simulated here.

1. Injected answers (no process started): Linux with a stale JAVA_HOME, a JRE, no JDK at all; macOS Intel;
   Apple Silicon with an arm64 JDK first and an x86_64 one from java_home, or none; Windows; Alpine; a noexec
   temporary folder. Each asserts the exact choice or the exact message.
2. Real processes: a PATH whose first `java` is a stub that says `openjdk version "11.0.2"`; start.sh passing
   the pinned options, then $JJAVA_JVM_OPTS, to the pinned java; the real kernel from .venv/'s kernelspec,
   started with that stub first on the PATH, is the pinned java process itself.
3. A real noexec /tmp (tools/test_noexec_tmp.py, run from here): jblas fails on it with the noexec message,
   and the fallback tmpdir the script pins lets the welcome notebook run through the real kernel.

Usage: .venv/bin/python tools/test_kernelspec.py   (last line: `kernelspec tests: N passed, M failed`)
"""
import json
import os
import plistlib
import shutil
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import kernelspec as ks  # noqa: E402
from test_noexec_tmp import run  # noqa: E402

VENV = "/home/ada/nn-workbook/.venv"


def java_answer(version, arch="amd64", home="/opt/jdk", jshell=True, tmpdir="/tmp"):
    """What `java -XshowSettings:properties --list-modules` prints: (status, stdout, stderr)."""
    props = (f"Property settings:\n    java.home = {home}\n    java.io.tmpdir = {tmpdir}\n"
             f"    java.version = {version}\n    os.arch = {arch}\n")
    modules = "java.base@{0}\njava.compiler@{0}\n".format(version) + (f"jdk.jshell@{version}\n" if jshell else "")
    return 0, modules, props


class Fake:
    """A machine's answers: java paths -> probe output, the PATH's javas, java_home's plist, the folders that
    allow executing, the mount of the temporary folder."""

    def __init__(self, javas, path=(), java_home=None, executable=("/tmp",), mount=None):
        self.javas, self.path, self.java_home = javas, list(path), java_home
        self.exec_ok, self.mount_answer, self.commands = set(executable), mount, []

    def run(self, cmd, timeout=30):
        self.commands.append(cmd)
        if cmd[0] == "/usr/libexec/java_home":
            if self.java_home is None:
                return 1, "", "Unable to find any JVMs matching architecture \"x86_64\"."
            return 0, plistlib.dumps([{"JVMHomePath": h, "JVMArch": "x86_64"} for h in self.java_home]).decode(), ""
        if cmd[0] in self.javas:
            return self.javas[cmd[0]]
        return None, "", "No such file or directory"

    def choose(self, host, env=None):
        return ks.choose(host, env or {}, VENV, run=self.run, which_all=lambda name, path: self.path,
                         executable=lambda d: d in self.exec_ok, mount=lambda d: self.mount_answer)


LINUX = ks.Host("Linux")
MAC_INTEL = ks.Host("Darwin")
APPLE_SILICON = ks.Host("Darwin", apple_silicon=True)
JDK17 = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"
JDK11 = "/usr/lib/jvm/java-11-openjdk-amd64/bin/java"


class SimulatedMachines(unittest.TestCase):
    def test_debian_with_jdk17_on_path_pins_it(self):
        f = Fake({JDK17: java_answer("17.0.15")}, path=[JDK17])
        c = f.choose(LINUX)
        self.assertEqual((c.jdk.java, c.jdk.version, c.tmpdir, c.skipped), (JDK17, "17.0.15", None, []))
        self.assertEqual(c.tmpdir_reason, "/tmp (the JDK's own; it allows executing)")

    def test_stale_java_home_is_skipped_with_its_reason(self):
        f = Fake({JDK11: java_answer("11.0.2"), JDK17: java_answer("17.0.15")}, path=[JDK17])
        c = f.choose(LINUX, {"JAVA_HOME": "/usr/lib/jvm/java-11-openjdk-amd64"})
        self.assertEqual(c.jdk.java, JDK17)
        self.assertEqual(c.skipped, [f"{JDK11} (JAVA_HOME) is Java 11.0.2; the kernel needs 17 or newer"])

    def test_a_jre_is_not_enough(self):
        jre = "/usr/lib/jvm/jre-17/bin/java"
        f = Fake({jre: java_answer("17.0.15", jshell=False), JDK17: java_answer("17.0.15")}, path=[jre, JDK17])
        c = f.choose(LINUX)
        self.assertEqual(c.jdk.java, JDK17)
        self.assertEqual(c.skipped, [f"{jre} (PATH) is a Java 17.0.15 runtime without the jdk.jshell module "
                                     "(a JRE): the kernel needs a JDK"])

    def test_no_jdk_at_all_stops_with_the_install_lines(self):
        with self.assertRaises(ks.Stop) as e:
            Fake({JDK11: java_answer("11.0.2")}, path=[JDK11]).choose(LINUX)
        self.assertEqual(str(e.exception), "No JDK 17 or newer found.\n"
                         f"  skipped {JDK11} (PATH) is Java 11.0.2; the kernel needs 17 or newer\n"
                         "Install one (or set JAVA_HOME to one), then run make lab again:\n"
                         "  Debian/Ubuntu: sudo apt-get install openjdk-17-jdk\n"
                         "  Fedora:        sudo dnf install java-17-openjdk-devel")

    def test_mac_intel_uses_the_path_jdk_and_asks_java_home_only_if_needed(self):
        brew = "/opt/homebrew/opt/openjdk@17/bin/java"
        f = Fake({brew: java_answer("17.0.9", arch="x86_64")}, path=[brew], java_home=[])
        c = f.choose(MAC_INTEL)
        self.assertEqual((c.jdk.java, c.jdk.arch), (brew, "x86_64"))
        self.assertIn(["/usr/libexec/java_home", "-X", "-F"], f.commands)

    def test_apple_silicon_skips_the_arm64_jdk_and_pins_the_x86_64_one(self):
        arm = "/opt/homebrew/opt/openjdk@17/bin/java"
        x86_home = "/Users/ada/Library/Java/JavaVirtualMachines/jdk-17.0.13+11/Contents/Home"
        f = Fake({arm: java_answer("17.0.13", arch="aarch64"), x86_home + "/bin/java": java_answer(
            "17.0.13", arch="x86_64", home=x86_home)}, path=[arm], java_home=[x86_home])
        c = f.choose(APPLE_SILICON)
        self.assertEqual((c.jdk.java, c.jdk.origin), (x86_home + "/bin/java", "java_home"))
        self.assertIn(["/usr/libexec/java_home", "-X", "-F", "-a", "x86_64"], f.commands)
        self.assertEqual(c.skipped, [f"{arm} (PATH) is an aarch64 JDK: jblas 1.2.5 has native code for Intel "
                                     "Macs only, so the kernel needs an x86_64 JDK (it runs under Rosetta 2)"])

    def test_apple_silicon_without_an_x86_64_jdk_prints_the_install_commands(self):
        arm = "/opt/homebrew/opt/openjdk@17/bin/java"
        with self.assertRaises(ks.Stop) as e:
            Fake({arm: java_answer("17.0.13", arch="aarch64")}, path=[arm], java_home=None).choose(APPLE_SILICON)
        self.assertEqual(str(e.exception),
                         "No x86_64 JDK 17 or newer found (/usr/libexec/java_home -a x86_64 lists none that "
                         "works).\n"
                         f"  skipped {arm} (PATH) is an aarch64 JDK: jblas 1.2.5 has native code for Intel Macs "
                         "only, so the kernel needs an x86_64 JDK (it runs under Rosetta 2)\n"
                         "jblas 1.2.5 has native code for Intel Macs only: on Apple Silicon the kernel runs an "
                         "x86_64 JDK under Rosetta 2 (JupyterLab stays arm64). Install one, then run make lab "
                         "again:\n"
                         "  softwareupdate --install-rosetta --agree-to-license\n"
                         "  mkdir -p ~/Library/Java/JavaVirtualMachines && curl -L https://api.adoptium.net/v3/"
                         "binary/latest/17/ga/mac/x64/jdk/hotspot/normal/eclipse | tar -xz -C "
                         "~/Library/Java/JavaVirtualMachines")

    def test_windows_outside_wsl_is_sent_to_wsl(self):
        with self.assertRaises(ks.Stop) as e:
            Fake({}).choose(ks.Host("Windows"))
        self.assertEqual(str(e.exception),
                         "The workbook does not run on Windows itself: jblas 1.2.5's Windows libraries fail to "
                         "load on many machines (\"Can't find dependent libraries\"). Use WSL, which works:\n"
                         "  wsl --install -d Ubuntu\n"
                         "then, in the Ubuntu window, clone the workbook there and run make lab.")

    def test_alpine_is_sent_to_a_glibc_system(self):
        with self.assertRaises(ks.Stop) as e:
            Fake({JDK17: java_answer("17.0.15")}, path=[JDK17]).choose(ks.Host("Linux", musl=True))
        self.assertEqual(str(e.exception),
                         "This is a musl-libc system (Alpine): jblas 1.2.5's native code is built for glibc and "
                         "cannot load here. Use a glibc-based system or container (Debian, Ubuntu, Fedora), for "
                         "example: docker run -it debian:12")

    def test_noexec_tmp_gets_the_first_fallback_that_allows_executing(self):
        f = Fake({JDK17: java_answer("17.0.15")}, path=[JDK17], executable=[VENV + "/nn-tmp"],
                 mount=("/tmp", "rw,nosuid,nodev,noexec,relatime"))
        c = f.choose(LINUX)
        self.assertEqual(c.tmpdir, VENV + "/nn-tmp")
        self.assertEqual(c.tmpdir_reason, f"{VENV}/nn-tmp, because /tmp does not allow executing files (file "
                                          "system /tmp mounted rw,nosuid,nodev,noexec,relatime)")
        self.assertEqual(ks.kernel_json(c, "2g")["argv"], [
            "/bin/sh", "{resource_dir}/start.sh", "{resource_dir}/jjava.jar", "{connection_file}",
            JDK17, "-Xmx2g", f"-Djava.io.tmpdir={VENV}/nn-tmp"])

    def test_noexec_everywhere_stops_with_the_manual_fix(self):
        f = Fake({JDK17: java_answer("17.0.15")}, path=[JDK17], executable=[], mount=None)
        with self.assertRaises(ks.Stop) as e:
            f.choose(LINUX, {"HOME": "/home/ada"})
        self.assertEqual(str(e.exception),
                         "jblas unpacks its native code into the temporary folder, and /tmp does not allow "
                         f"executing files; neither {VENV}/nn-tmp nor ~/.cache/nn-workbook/tmp allows it either. "
                         "Make a folder on a file system that allows executing and run: "
                         "JJAVA_JVM_OPTS=-Djava.io.tmpdir=<that folder> make lab")

    def test_the_kernelspec_keeps_name_language_and_interrupts(self):
        c = Fake({JDK17: java_answer("17.0.15")}, path=[JDK17]).choose(LINUX)
        spec = ks.kernel_json(c, "2g")
        self.assertEqual((spec["display_name"], spec["language"], spec["interrupt_mode"]),
                         ("Java", "java", "message"))
        self.assertEqual(spec["argv"][4:], [JDK17, "-Xmx2g"])


class RealProcesses(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="nn-kernelspec-test-"))
        self.addCleanup(shutil.rmtree, self.dir)

    def stub_java(self, folder, banner):
        folder.mkdir(parents=True, exist_ok=True)
        stub = folder / "java"
        stub.write_text(f"#!/bin/sh\necho '{banner}' >&2\n")
        stub.chmod(0o755)
        return stub

    def test_a_stub_java_11_first_on_the_path_is_skipped(self):
        stub = self.stub_java(self.dir / "bin", 'openjdk version "11.0.2" 2019-01-15')
        real = shutil.which("java")
        env = dict(os.environ, PATH=f"{stub.parent}:{os.environ['PATH']}")
        env.pop("JAVA_HOME", None)
        p = run([sys.executable, str(ROOT / "tools" / "kernelspec.py"), "--venv", str(self.dir), "--dry-run"], env)
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = p.stdout.splitlines()
        self.assertEqual(lines[0], f"kernelspec: skipped {stub} (PATH) is Java 11.0.2; the kernel needs 17 or newer")
        self.assertTrue(lines[1].startswith("kernelspec: kernel 'java' runs "), lines)
        self.assertIn(f"found by PATH, {real})" if os.path.realpath(real) != real else "found by PATH)", lines[1])

    def test_only_a_stub_java_11_stops_make_lab(self):
        stub = self.stub_java(self.dir / "bin", 'openjdk version "11.0.2" 2019-01-15')
        env = dict(os.environ, PATH=str(stub.parent))
        env.pop("JAVA_HOME", None)
        p = run([sys.executable, str(ROOT / "tools" / "kernelspec.py"), "--venv", str(self.dir), "--dry-run"], env)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout, "")
        self.assertEqual(p.stderr, "kernelspec: No JDK 17 or newer found.\n"
                         f"  skipped {stub} (PATH) is Java 11.0.2; the kernel needs 17 or newer\n"
                         "Install one (or set JAVA_HOME to one), then run make lab again:\n"
                         "  Debian/Ubuntu: sudo apt-get install openjdk-17-jdk\n"
                         "  Fedora:        sudo dnf install java-17-openjdk-devel\n")

    def test_start_sh_runs_the_pinned_java_with_jjava_jvm_opts_last(self):
        echo = self.dir / "echo-java"
        echo.write_text('#!/bin/sh\nfor a in "$@"; do printf "[%s]" "$a"; done\n')
        echo.chmod(0o755)
        start = self.dir / "start.sh"
        start.write_text(ks.START_SH)
        env = dict(os.environ, JJAVA_JVM_OPTS="-Xmx1g  -Dx=*")
        p = run(["/bin/sh", str(start), "/k/jjava.jar", "/run/conn file.json", str(echo), "-Xmx2g",
                 "-Djava.io.tmpdir=/a b"], env)
        self.assertEqual(p.stdout, "[-Xmx2g][-Djava.io.tmpdir=/a b][-Xmx1g][-Dx=*][--add-opens]"
                                   "[jdk.jshell/jdk.jshell=ALL-UNNAMED][-jar][/k/jjava.jar][/run/conn file.json]")

    def test_start_sh_passes_shellcheck(self):
        start = self.dir / "start.sh"
        start.write_text(ks.START_SH)
        if not shutil.which("shellcheck"):
            self.fail("shellcheck is not installed (Debian/Ubuntu: sudo apt-get install shellcheck)")
        p = run(["shellcheck", "-s", "sh", str(start)])
        self.assertEqual(p.returncode, 0, p.stdout)

    def test_write_spec_replaces_kernel_json_next_to_jjava_jar(self):
        spec_dir = self.dir / "share" / "jupyter" / "kernels" / "java"
        spec_dir.mkdir(parents=True)
        shutil.copy(Path(sys.prefix) / "share" / "jupyter" / "kernels" / "java" / "jjava.jar", spec_dir)
        p = run([sys.executable, str(ROOT / "tools" / "kernelspec.py"), "--venv", str(self.dir), "--heap", "3g",
                 "--lean", "--jvm-option=-Xss1m"])
        self.assertEqual(p.returncode, 0, p.stderr)
        spec = json.loads((spec_dir / "kernel.json").read_text())
        self.assertEqual(spec["argv"][5:], ["-Xmx3g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms16m",
                                            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss1m"])
        self.assertTrue(os.path.isabs(spec["argv"][4]) and os.access(spec["argv"][4], os.X_OK), spec["argv"])
        self.assertEqual(sorted(x.name for x in spec_dir.iterdir()),
                         ["KernelMain.java", "jjava.jar", "kernel-main.jar", "kernel.json", "start.sh"])


class RealKernel(unittest.TestCase):
    def test_the_kernel_runs_the_pinned_jdk_itself_even_with_a_java_11_first_on_the_path(self):
        """The kernelspec `make venv` wrote in .venv/ (IJava issues #12, #95: the kernel started from a shell
        whose PATH has another JDK first). The kernel process is the pinned java itself, and dies with it."""
        from jupyter_client.kernelspec import KernelSpecManager
        from jupyter_client.manager import KernelManager
        spec = KernelSpecManager().get_kernel_spec("java")
        if spec.metadata.get("nn_workbook", {}).get("written_by") != "tools/kernelspec.py":
            self.fail(f"{spec.resource_dir}/kernel.json was not written by tools/kernelspec.py: run make venv")
        pinned = spec.argv[4]
        stub_dir = Path(tempfile.mkdtemp(prefix="nn-stub-java-"))
        self.addCleanup(shutil.rmtree, stub_dir)
        (stub_dir / "java").write_text("#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\nexit 1\n")
        (stub_dir / "java").chmod(0o755)
        km = KernelManager(kernel_name="java")
        km.start_kernel(env=dict(os.environ, PATH=f"{stub_dir}:{os.environ['PATH']}"))
        try:
            pid = km.provisioner.process.pid
            self.assertEqual(os.path.realpath(f"/proc/{pid}/exe"), os.path.realpath(pinned))
            kc = km.client()
            kc.start_channels()
            kc.wait_for_ready(timeout=120)
            out = []
            kc.execute_interactive('System.out.println("home=" + System.getProperty("java.home"))', timeout=120,
                                   output_hook=lambda m: out.append(m["content"].get("text", "")))
            kc.stop_channels()
            self.assertEqual("".join(out).strip(), "home=" + os.path.dirname(os.path.dirname(pinned)))
        finally:
            km.shutdown_kernel(now=True)
        self.assertFalse(os.path.exists(f"/proc/{pid}"), "the kernel process outlived its shutdown")


# The real noexec /tmp (a private mount namespace): its own file, run with these.
from test_noexec_tmp import NamespaceUnavailable, NoexecTmp  # noqa: E402,F401
# A kernel whose port is taken ends (KernelMain): its own file too.
from test_kernel_start import KernelThatCannotBind  # noqa: E402,F401
# Huge pages where Linux hands them out on request (tools/jvm_options.py).
from test_jvm_options import HugePages  # noqa: E402,F401


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f"kernelspec tests: {result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
