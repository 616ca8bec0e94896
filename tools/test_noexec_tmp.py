"""A real noexec /tmp, for tools/test_kernelspec.py (which runs these tests with its own).

A tmpfs mounted noexec on /tmp in a private mount namespace: `unshare -m` as root (CI), `unshare -rm` (a user
namespace) otherwise. There (a) jblas fails with java.io.tmpdir on it, and the workbook's message names
noexec; (b) the kernelspec tools/kernelspec.py writes pins a fallback tmpdir, and the welcome notebook runs
through the real kernel with it. Needs target/nn-workbook.jar and .venv. A machine that cannot make the
namespace fails with the reason and the fix: the check is never skipped.
"""
import json
import os
import shlex
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd, env=None, timeout=600):
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)


NAMESPACE_HELP = ("cannot make a private mount namespace to test a noexec /tmp ({cmd}: {why}). Run make test as "
                  "root (CI does), or allow unprivileged user namespaces: sysctl kernel.unprivileged_userns_clone=1 "
                  "(Debian before 11), sysctl kernel.apparmor_restrict_unprivileged_userns=0 (Ubuntu 24.04)")


def in_noexec_tmp(script, env=None, timeout=600):
    """Runs a shell script with a fresh tmpfs mounted noexec on /tmp, in a private mount namespace."""
    unshare = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
    mount = "mount -t tmpfs -o noexec,nosuid,nodev,size=512m nn-noexec /tmp || exit 97\n"
    if str(ROOT).startswith("/tmp/"):
        # A checkout under /tmp (a CI clone, say) would vanish under the new tmpfs: keep the old /tmp at /mnt
        # for a moment and bind the checkout back to its own path (it keeps its file system's exec rights).
        keep = shlex.quote(str(ROOT))
        kept = shlex.quote("/mnt/" + str(ROOT)[len("/tmp/"):])
        mount = (f"mount --bind /tmp /mnt || exit 97\n{mount}"
                 f"mkdir -p {keep} && mount --bind {kept} {keep} || exit 97\n")
    try:
        p = run(unshare + ["sh", "-c", mount + script], env, timeout)
    except FileNotFoundError as e:
        raise AssertionError(NAMESPACE_HELP.format(cmd=" ".join(unshare), why=e)) from None
    if p.returncode == 97 or p.stderr.startswith("unshare:"):
        raise AssertionError(NAMESPACE_HELP.format(cmd=" ".join(unshare), why=p.stderr.strip()))
    return p


class NamespaceUnavailable(unittest.TestCase):
    def test_a_machine_without_namespaces_fails_with_the_reason_and_the_fix(self):
        # A PATH whose `unshare` answers as it does where user namespaces are disabled.
        d = Path(tempfile.mkdtemp(prefix="nn-unshare-stub-"))
        self.addCleanup(shutil.rmtree, d)
        (d / "unshare").write_text("#!/bin/sh\necho 'unshare: unshare failed: Operation not permitted' >&2\nexit 1\n")
        (d / "unshare").chmod(0o755)
        with self.assertRaises(AssertionError) as e:
            in_noexec_tmp("true", dict(os.environ, PATH=f"{d}:{os.environ['PATH']}"))
        cmd = "unshare -m" if os.geteuid() == 0 else "unshare -rm"
        self.assertEqual(str(e.exception), f"cannot make a private mount namespace to test a noexec /tmp ({cmd}: "
                         "unshare: unshare failed: Operation not permitted). Run make test as root (CI does), or "
                         "allow unprivileged user namespaces: sysctl kernel.unprivileged_userns_clone=1 (Debian "
                         "before 11), sysctl kernel.apparmor_restrict_unprivileged_userns=0 (Ubuntu 24.04)")


class NoexecTmp(unittest.TestCase):
    """A real noexec /tmp. Needs target/nn-workbook.jar and .venv (make test builds both first)."""

    @classmethod
    def setUpClass(cls):
        cls.jar = ROOT / "target" / "nn-workbook.jar"
        cls.venv_python = ROOT / ".venv" / "bin" / "python"
        cls.jjava = ROOT / ".venv" / "share" / "jupyter" / "kernels" / "java" / "jjava.jar"
        missing = [str(p) for p in (cls.jar, cls.venv_python, cls.jjava) if not p.exists()]
        if missing:
            raise AssertionError(f"missing {', '.join(missing)}: run make jar venv first")

    def test_the_namespace_really_has_a_noexec_tmp(self):
        p = in_noexec_tmp("cp /bin/true /tmp/t && /tmp/t; echo status=$?; grep ' /tmp ' /proc/self/mountinfo")
        self.assertIn("status=126", p.stdout, p.stderr)
        self.assertIn("noexec", p.stdout)

    def test_jblas_fails_there_and_the_message_names_noexec(self):
        p = in_noexec_tmp(f"exec java -jar '{self.jar}' train --epochs 1")
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertRegex(p.stderr, r"org\.jblas ERROR Couldn't load copied link file: .*/tmp/jblas\d+/"
                                   r"lib\w+(-0)?\.so: failed to map segment from shared object")
        self.assertIn("error: jblas could not load its native BLAS code: jblas unpacks it into the temporary "
                      "folder java.io.tmpdir = /tmp and loads it from there, but that folder does not allow "
                      "executing files (its file system /tmp is mounted noexec). Installing libraries cannot "
                      "help. The fix that works: start Java with -Djava.io.tmpdir=<a folder that allows "
                      "executing>.", p.stderr)

    def test_the_kernelspec_picks_a_fallback_and_the_welcome_notebook_runs_with_it(self):
        test_root = ROOT / "target" / "kernelspec-noexec"
        shutil.rmtree(test_root, ignore_errors=True)
        spec_dir = test_root / "venv" / "share" / "jupyter" / "kernels" / "java"
        spec_dir.mkdir(parents=True)
        shutil.copy(self.jjava, spec_dir / "jjava.jar")
        venv = test_root / "venv"
        env = dict(os.environ, JUPYTER_PATH=str(venv / "share" / "jupyter"))
        script = (f"'{self.venv_python}' '{ROOT}/tools/kernelspec.py' --venv '{venv}' || exit 1\n"
                  f"'{self.venv_python}' -c 'from jupyter_client.kernelspec import KernelSpecManager as K; "
                  f"print(\"resolved\", K().find_kernel_specs()[\"java\"])'\n"
                  f"exec '{self.venv_python}' '{ROOT}/tools/run_notebooks.py' --out '{test_root}/executed' "
                  f"'{ROOT}/notebooks/00-welcome.ipynb'")
        p = in_noexec_tmp(script, env)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn(f"java.io.tmpdir {venv}/nn-tmp, because /tmp does not allow executing files (file system "
                      "/tmp mounted rw,nosuid,nodev,noexec,relatime", p.stdout)
        self.assertIn(f"resolved {spec_dir}", p.stdout)
        self.assertIn(f"-Djava.io.tmpdir={venv}/nn-tmp", json.loads((spec_dir / "kernel.json").read_text())["argv"])
        self.assertIn("notebooks: 1 passed, 0 failed", p.stdout)
