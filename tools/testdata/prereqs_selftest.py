#!/usr/bin/env python3
"""Runs tools/check-prereqs.sh on simulated machines and asserts its exact messages and exit codes.

Each machine is a temporary folder: bin/ holds stub commands (id, uname, ldconfig, apt-get, apt-cache, sudo,
javac, mvn, python3, ...) and is the whole PATH; root/ is the file system the script looks at
(NN_PREREQS_ROOT). The stub apt-get "installs" a package by creating what the script looks for, and every
stub logs its command line, so the tests see what would have been run. Nothing touches the real system.
Run: python3 tools/testdata/prereqs_selftest.py (make test runs it)."""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
SCRIPT = TOOLS / "check-prereqs.sh"

passed, failed = 0, []


def check(ok, what):
    global passed
    if ok:
        passed += 1
    else:
        failed.append(what)
        print("FAIL " + what)


# What the stub apt-get creates for each package: a library (seen by the stub ldconfig), a command in bin/,
# or a path under root/.
PACKAGES = {
    "libgfortran5": ("lib", "libgfortran.so.5"),
    "libopenblas0": ("lib", "libopenblas.so.0"),
    "maven": ("cmd", "mvn"),
    "openjdk-17-jdk-headless": ("cmd", "javac"),
    "shellcheck": ("cmd", "shellcheck"),
    "chromium": ("file", "usr/bin/chromium"),
    "dataset-fashion-mnist": ("dir", "usr/share/datasets/fashion-mnist"),
    "python3-venv": ("file", "usr/bin/python3"),
    "nodejs": ("cmd", "node"),
    "npm": ("cmd", "npm"),
}

# Stubs are not part of the simulated machine: they may use the real coreutils (after the machine's bin/).
STUB_HEADER = '#!/bin/bash\nPATH="$PATH:/usr/bin:/bin"\n'
STUB_LOGGER = STUB_HEADER + 'echo "${0##*/} $*" >> "$STUB_LOG"\n'


class Machine:
    """A simulated machine. have: packages already installed (keys of PACKAGES)."""

    def __init__(self, have=(), uid=0, sudo=True, installer="apt-get", os_name="Linux", javac="17.0.15",
                 apt_lists=True, apt_fails=False):
        self.dir = Path(tempfile.mkdtemp(prefix="prereqs-"))
        self.bin, self.root, self.log = self.dir / "bin", self.dir / "root", self.dir / "calls.log"
        self.bin.mkdir()
        self.root.mkdir()
        (self.dir / "libs").write_text("")
        self.log.write_text("")
        for tool in ("awk", "grep", "env"):  # real tools the script uses
            (self.bin / tool).symlink_to(shutil.which(tool))
        self.stub("id", f'[[ "$1" == -u ]] && echo {uid}')
        self.stub("uname", f"echo {os_name}")
        self.stub("python3", 'case "$2" in *print*) echo 3.11 ;; esac; exit 0')
        self.stub("ldconfig", 'while read -r l; do printf "\\t%s (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/%s\\n"'
                              ' "$l" "$l"; done < "$STUB_DIR/libs"')
        if sudo:
            self.stub("sudo", 'exec "$@"', log=True)
        if installer == "apt-get":
            self.stub("apt-cache", f"exit {0 if apt_lists else 100}", log=True)
            self.stub("apt-get", self.apt_get_body(apt_fails), log=True)
        elif installer:
            self.stub(installer, "exit 0", log=True)
        for pkg in have:
            self.install(pkg)
        if javac:
            self.stub("javac", f'echo "javac {javac}" >&2')

    def stub(self, name, body, log=False):
        path = self.bin / name
        path.write_text((STUB_LOGGER if log else STUB_HEADER) + body + "\n")
        path.chmod(0o755)

    def install(self, pkg):
        kind, what = PACKAGES[pkg]
        if kind == "lib":
            with open(self.dir / "libs", "a") as f:
                f.write(what + "\n")
        elif kind == "cmd":
            self.stub(what, 'echo "javac 17.0.15" >&2' if what == "javac" else "exit 0")
        elif kind == "dir":
            (self.root / what).mkdir(parents=True)
        else:
            (self.root / what).parent.mkdir(parents=True, exist_ok=True)
            (self.root / what).write_text("#!/bin/sh\n")
            (self.root / what).chmod(0o755)

    def apt_get_body(self, fails):
        if fails:
            return '[[ "$1" == install ]] || exit 0; echo "E: Unable to locate package libgfortran5"; exit 100'
        lines = ['[[ "$1" == install ]] || exit 0', 'for p in "$@"; do case "$p" in']
        for pkg, (kind, what) in PACKAGES.items():
            if kind == "lib":
                act = f'echo {what} >> "$STUB_DIR/libs"'
            elif kind == "cmd":
                act = (f'printf "#!/bin/bash\\necho \\"javac 17.0.15\\" >&2\\n" > "$STUB_DIR/bin/{what}"'
                       if what == "javac" else f'printf "#!/bin/bash\\n" > "$STUB_DIR/bin/{what}"')
                act += f'; chmod +x "$STUB_DIR/bin/{what}"'
            elif kind == "dir":
                act = f'mkdir -p "$STUB_DIR/root/{what}"'
            else:
                act = (f'mkdir -p "$(dirname "$STUB_DIR/root/{what}")"; : > "$STUB_DIR/root/{what}"; '
                       f'chmod +x "$STUB_DIR/root/{what}"')
            lines.append(f"  {pkg}) {act} ;;")
        lines.append("esac; done")
        return "\n".join(lines)

    def run(self, mode="lab", **env):
        e = {"PATH": str(self.bin), "STUB_LOG": str(self.log), "STUB_DIR": str(self.dir),
             "NN_PREREQS_ROOT": str(self.root), "HOME": str(self.dir)}
        e.update(env)
        r = subprocess.run(["/bin/bash", str(SCRIPT), mode], env=e, capture_output=True, text=True, timeout=60)
        self.out, self.err, self.rc = r.stdout, r.stderr, r.returncode
        self.calls = self.log.read_text().splitlines()
        return self

    def close(self):
        shutil.rmtree(self.dir)


WORKBOOK = ["openjdk-17-jdk-headless", "maven", "libgfortran5"]
TESTS = WORKBOOK + ["dataset-fashion-mnist", "chromium", "libopenblas0", "python3-venv", "nodejs", "npm", "shellcheck"]

LAB_OK = """\
  ok       JDK 17.0.15 (javac)
  ok       Maven
  ok       Python 3.11 with venv
  ok       libgfortran.so.5 (jblas's native code)
"""
NO_GFORTRAN = LAB_OK.replace("  ok       libgfortran.so.5 (jblas's native code)\n",
                             "  MISSING  libgfortran.so.5 (jblas's native code needs it)\n")
OPTIONAL_BLAS = ("  optional OpenBLAS: training about 2.5x faster (make test installs it; by hand: sudo apt-get "
                 "install libopenblas0)\n")
TEST_OK_EXTRA = ("  ok       Fashion-MNIST (/usr/share/datasets/fashion-mnist)\n"
                 "  ok       chromium (the browser tests drive /usr/bin/chromium)\n"
                 "  ok       OpenBLAS (the tests check that training uses it)\n"
                 "  ok       /usr/bin/python3 with venv (the classroom test's JupyterHub)\n"
                 "  ok       Node.js and npm (the classroom test's configurable-http-proxy)\n"
                 + "  ok       shellcheck (the tests check the shell scripts)\n")
TEST_MISSING_EXTRA = ("  MISSING  Fashion-MNIST (lesson 06 and its tests read /usr/share/datasets/fashion-mnist)\n"
                      "  MISSING  chromium (the browser tests drive /usr/bin/chromium)\n"
                      "  MISSING  OpenBLAS libopenblas.so.0 (the tests check that training uses it)\n"
                      "  MISSING  /usr/bin/python3 with venv (the classroom test builds JupyterHub's environment from it)\n"
                      "  MISSING  Node.js and npm (the classroom test installs configurable-http-proxy with npm)\n"
                      + "  MISSING  shellcheck (the tests check the shell scripts)\n")
TEST_PKGS = "dataset-fashion-mnist chromium libopenblas0 python3 python3-venv nodejs npm shellcheck"
INSTALL = "install -y -q --no-install-recommends "


def scenario(name, machine, mode, expect_out, expect_rc, expect_calls, **env):
    m = machine.run(mode, **env)
    check(m.rc == expect_rc, f"{name}: exit code {m.rc}, expected {expect_rc}")
    check(m.out == expect_out, f"{name}: output\n--- got\n{m.out}--- expected\n{expect_out}---")
    check(m.err == "", f"{name}: stderr not empty: {m.err!r}")
    check(m.calls == expect_calls, f"{name}: commands run {m.calls}, expected {expect_calls}")
    machine.close()


# 1. Fresh Debian as root, LD_LIBRARY_PATH unset, ldconfig finding nothing: make lab installs libgfortran5
#    (the old script crashed here with "LD_LIBRARY_PATH: unbound variable").
scenario("fresh Debian, root, make lab", Machine(have=["openjdk-17-jdk-headless", "maven"]), "lab",
         "Checking what make lab needs:\n" + NO_GFORTRAN + OPTIONAL_BLAS
         + "\nInstalling with apt-get (make lab needs them): libgfortran5\n\n"
         + "Checking what make lab needs:\n" + LAB_OK + OPTIONAL_BLAS + "All of it is there.\n",
         0, ["apt-cache show libgfortran5", "apt-get " + INSTALL + "libgfortran5"])

# 2. The same machine, make test, and no package lists yet (a fresh container): apt-get update first.
scenario("fresh Debian, root, make test, no package lists",
         Machine(have=["openjdk-17-jdk-headless", "maven"], apt_lists=False), "test",
         "Checking what make test needs:\n" + NO_GFORTRAN + TEST_MISSING_EXTRA
         + "\nInstalling with apt-get (make test needs them): libgfortran5 " + TEST_PKGS + "\n\n"
         + "Checking what make test needs:\n" + LAB_OK + TEST_OK_EXTRA + "All of it is there.\n",
         0, ["apt-cache show libgfortran5 " + TEST_PKGS, "apt-get update -q",
             "apt-get " + INSTALL + "libgfortran5 " + TEST_PKGS])

# 3. ldconfig finds nothing but LD_LIBRARY_PATH names a folder with the library: found, nothing installed.
m = Machine(have=["openjdk-17-jdk-headless", "maven"])
(m.dir / "mylibs").mkdir()
(m.dir / "mylibs" / "libgfortran.so.5").write_text("")
scenario("libgfortran only on LD_LIBRARY_PATH", m, "lab",
         "Checking what make lab needs:\n" + LAB_OK + OPTIONAL_BLAS + "All of it is there.\n", 0, [],
         LD_LIBRARY_PATH="/nowhere:" + str(m.dir / "mylibs"))

# 4. Everything there: make test installs nothing.
scenario("everything installed, make test", Machine(have=TESTS), "test",
         "Checking what make test needs:\n" + LAB_OK + TEST_OK_EXTRA + "All of it is there.\n", 0, [])

# 5. A tool missing from PATH (no mvn), and an old JDK: both installed.
scenario("no mvn on PATH, JDK 11", Machine(have=["libgfortran5"], javac="11.0.2"), "lab",
         "Checking what make lab needs:\n"
         + LAB_OK.replace("  ok       JDK 17.0.15 (javac)\n  ok       Maven\n",
                          "  MISSING  JDK 17 or newer (found javac 11.0.2)\n  MISSING  Maven (no mvn on PATH)\n")
         + OPTIONAL_BLAS + "\nInstalling with apt-get (make lab needs them): openjdk-17-jdk-headless maven\n\n"
         + "Checking what make lab needs:\n" + LAB_OK + OPTIONAL_BLAS + "All of it is there.\n",
         0, ["apt-cache show openjdk-17-jdk-headless maven", "apt-get " + INSTALL + "openjdk-17-jdk-headless maven"])

# 6. Not root, sudo there: one line saying what and why, then sudo apt-get.
scenario("not root, with sudo", Machine(have=["openjdk-17-jdk-headless", "maven"], uid=1000), "lab",
         "Checking what make lab needs:\n" + NO_GFORTRAN + OPTIONAL_BLAS
         + "\nmake lab needs system packages; installing with sudo apt-get (sudo may ask for your password):"
           " libgfortran5\n\n"
         + "Checking what make lab needs:\n" + LAB_OK + OPTIONAL_BLAS + "All of it is there.\n",
         0, ["apt-cache show libgfortran5",
             "sudo env DEBIAN_FRONTEND=noninteractive apt-get " + INSTALL + "libgfortran5",
             "apt-get " + INSTALL + "libgfortran5"])

# 7. Not root and no sudo: the command for an administrator, exit 2, nothing run.
scenario("not root, no sudo", Machine(have=["openjdk-17-jdk-headless", "maven"], uid=1000, sudo=False), "lab",
         "Checking what make lab needs:\n" + NO_GFORTRAN + OPTIONAL_BLAS
         + "\nNot root, and no sudo to install with.\nInstall what is missing with:\n"
           "  as root: apt-get install -y libgfortran5\nThen run make lab again.\n", 2, [])

# 8. NN_NO_SYSTEM_INSTALL=1: the exact command, exit 2, before anything is run (not even apt-cache).
for uid, prefix in ((0, ""), (1000, "sudo ")):
    scenario(f"NN_NO_SYSTEM_INSTALL=1, uid {uid}", Machine(have=WORKBOOK, uid=uid), "test",
             "Checking what make test needs:\n" + LAB_OK + TEST_MISSING_EXTRA
             + f"\nNN_NO_SYSTEM_INSTALL=1: installing nothing.\nInstall what is missing with:\n"
               f"  {prefix}apt-get install -y {TEST_PKGS}\nThen run make test again.\n", 2, [],
             NN_NO_SYSTEM_INSTALL="1")

# 9. A dnf-only machine (Fedora): the dnf line, exit 2, dnf never run.
FEDORA_TEST_PKGS = "chromium openblas python3 nodejs npm ShellCheck"
scenario("Fedora (dnf only), make test", Machine(have=WORKBOOK, installer="dnf"), "test",
         "Checking what make test needs:\n" + LAB_OK + TEST_MISSING_EXTRA
         + "\nThis script installs with apt-get only (Debian/Ubuntu); this system has none.\n"
           "Install what is missing with:\n"
           f"  sudo dnf install -y {FEDORA_TEST_PKGS}\n"
           "  No Fedora package for: Fashion-MNIST (make test needs Debian/Ubuntu for it).\n"
           "  Or, on any system, for make lab: conda env create -f environment.yml && conda activate nn-workbook\n"
           "Then run make test again.\n", 2, [])
scenario("Fedora (dnf only), make lab", Machine(have=["openjdk-17-jdk-headless"], installer="dnf"), "lab",
         "Checking what make lab needs:\n"
         + NO_GFORTRAN.replace("  ok       Maven\n", "  MISSING  Maven (no mvn on PATH)\n") + OPTIONAL_BLAS
         + "\nThis script installs with apt-get only (Debian/Ubuntu); this system has none.\n"
           "Install what is missing with:\n  sudo dnf install -y maven libgfortran\n"
           "  Or, on any system, for make lab: conda env create -f environment.yml && conda activate nn-workbook\n"
           "Then run make lab again.\n", 2, [])

# 10. A brew-only machine (macOS): the brew line, exit 2; no Linux libraries checked.
MAC_LAB_OK = LAB_OK.replace("  ok       libgfortran.so.5 (jblas's native code)\n", "")
scenario("macOS (brew only), make lab", Machine(installer="brew", os_name="Darwin", javac=None), "lab",
         "Checking what make lab needs:\n"
         + MAC_LAB_OK.replace("  ok       JDK 17.0.15 (javac)\n  ok       Maven\n",
                              "  MISSING  JDK 17 or newer (no javac on PATH)\n  MISSING  Maven (no mvn on PATH)\n")
         + "\nThis script installs with apt-get only (Debian/Ubuntu); this system has none.\n"
           "Install what is missing with:\n  brew install openjdk@17 maven\n"
           "  Or, on any system, for make lab: conda env create -f environment.yml && conda activate nn-workbook\n"
           "Then run make lab again.\n", 2, [])
scenario("macOS (brew only), make test", Machine(have=["openjdk-17-jdk-headless", "maven"], installer="brew",
                                                  os_name="Darwin"), "test",
         "Checking what make test needs:\n" + MAC_LAB_OK
         + "  MISSING  Fashion-MNIST (lesson 06 and its tests read /usr/share/datasets/fashion-mnist)\n"
           "  MISSING  chromium (the browser tests drive /usr/bin/chromium)\n"
           "  MISSING  /usr/bin/python3 with venv (the classroom test builds JupyterHub's environment from it)\n"
           "  MISSING  Node.js and npm (the classroom test installs configurable-http-proxy with npm)\n"
           "  MISSING  shellcheck (the tests check the shell scripts)\n"
           "\nThis script installs with apt-get only (Debian/Ubuntu); this system has none.\n"
           "Install what is missing with:\n  brew install node shellcheck\n"
           "  No Homebrew package for: Fashion-MNIST, chromium, /usr/bin/python3 with venv (make test needs Debian/Ubuntu for it).\n"
           "  Or, on any system, for make lab: conda env create -f environment.yml && conda activate nn-workbook\n"
           "Then run make test again.\n", 2, [])

# 11. apt-get failing (twice: as it is, then after an update): exit 1 and the command to retry.
scenario("apt-get install fails", Machine(have=["openjdk-17-jdk-headless", "maven"], apt_fails=True), "lab",
         "Checking what make lab needs:\n" + NO_GFORTRAN + OPTIONAL_BLAS
         + "\nInstalling with apt-get (make lab needs them): libgfortran5\n"
           "E: Unable to locate package libgfortran5\nE: Unable to locate package libgfortran5\n"
           "apt-get install failed; see its messages above. The command was: apt-get install -y libgfortran5\n",
         1, ["apt-cache show libgfortran5", "apt-get " + INSTALL + "libgfortran5", "apt-get update -q",
             "apt-get " + INSTALL + "libgfortran5"])

# 12. A wrong mode is a usage error.
m = Machine(have=TESTS).run("tests")
check(m.rc == 64 and m.out == "" and m.err == f"usage: {SCRIPT} [lab|test]\n", f"bad mode: {m.rc} {m.err!r}")
m.close()

print(f"prereqs selftest: {passed} checks passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
