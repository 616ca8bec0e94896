"""WorkbookSpawner: JupyterHub's LocalProcessSpawner for the workbook's classroom (deploy/jupyterhub/README.md).

What it adds, each for something that broke when many learners ran Java kernels on one server:
  * stop: SIGTERM first (not SIGINT). A single-user server run without a terminal (systemd, nohup) treats SIGINT
    as a request it cannot confirm, and a JJava kernel does not exit with its parent as Python kernels do; on
    SIGTERM the server shuts its kernels down (JupyterHub issue #5150). Whatever is left in the learner's
    control group afterwards (a kernel that outlived its server) is ended too.
  * a memory limit per learner (nn_classroom.cgroups), which the learner's kernels share;
  * the learner's own ~/nn-workbook (nn_classroom.learner_copy), made as the learner before the server starts;
  * a private home (mode 0700: Debian's default 0755 lets learners read each other's notebooks);
  * kernel ports from a range of the learner's own (nn_classroom.ports) so two learners' kernels never share one;
  * --allow-root when the account is root (else the server refuses to start and the hub shows only error 500).
"""
import os
import pwd
import signal
import subprocess
import sys

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Integer, Unicode, Bool

from nn_classroom.cgroups import Limit


class WorkbookSpawner(LocalProcessSpawner):
    share = Unicode("/opt/nn-workbook/share", config=True,
                    help="The shared, read-only install: notebooks/, docs/, nn-workbook.jar (install.py)")
    private_home = Bool(True, config=True, help="Make each learner's home mode 0700 before starting")
    port_base = Integer(20000, config=True, help="First kernel port of the learners' ranges")
    ports_per_learner = Integer(40, config=True, help="Kernel ports per learner: 5 per running kernel")
    port_slots = Integer(300, config=True, help="Ranges before they repeat (keep below the ephemeral ports)")
    term_timeout = Integer(20, config=True, help="Seconds between SIGTERM and SIGKILL")

    _limit = None

    def kernel_ports(self):
        first = self.port_base + (self.user.id % self.port_slots) * self.ports_per_learner
        return f"{first}-{first + self.ports_per_learner - 1}"

    def get_env(self):
        env = super().get_env()
        env["NN_KERNEL_PORTS"] = self.kernel_ports()
        env["NN_DATA_DIR"] = os.path.join(self.share, "data")
        # nbgrader assignments live outside ~/nn-workbook: the kernel finds the module without a relative path.
        env["JJAVA_CLASSPATH"] = os.path.join(self.share, "nn-workbook.jar")
        return env

    def get_args(self):
        args = super().get_args()
        args.append("--MultiKernelManager.kernel_manager_class=nn_classroom.ports.RangeKernelManager")
        if pwd.getpwnam(self.user.name).pw_uid == 0:
            self.log.warning("Starting %s's server as root (--allow-root): give learners accounts of their own",
                             self.user.name)
            args.append("--allow-root")
        return args

    def make_preexec_fn(self, name):
        become_learner, limit = set_user_setuid(name), self._limit

        def preexec():
            if limit is not None:
                limit.join()               # still root here: join the learner's group, then drop privileges
            become_learner()
        return preexec

    async def start(self):
        account = pwd.getpwnam(self.user.name)
        if self.private_home and account.pw_uid != 0 and os.path.isdir(account.pw_dir):
            if os.stat(account.pw_dir).st_mode & 0o077:
                os.chmod(account.pw_dir, 0o700)
                self.log.info("Made %s private (0700)", account.pw_dir)
        copy = subprocess.run([sys.executable, "-m", "nn_classroom.learner_copy", self.share],
                              preexec_fn=set_user_setuid(self.user.name), capture_output=True, text=True,
                              env={"HOME": account.pw_dir, "PATH": "/usr/bin:/bin"})
        if copy.returncode != 0:
            raise RuntimeError(f"Could not make {account.pw_dir}/nn-workbook for {self.user.name}: {copy.stderr}")
        for line in copy.stdout.splitlines():
            self.log.info("%s: %s", self.user.name, line)
        self._limit = Limit.make(self.user.name, self.mem_limit) if self.mem_limit else None
        if self.mem_limit and self._limit is None:
            self.log.warning("No writable memory cgroup: %s's server runs without its %s limit",
                             self.user.name, self.mem_limit)
        return await super().start()

    async def stop(self, now=False):
        if not now and await self.poll() is None:
            self.log.debug("Terminating %i (SIGTERM: the server shuts its kernels down)", self.pid)
            await self._signal(signal.SIGTERM)
            await self.wait_for_death(self.term_timeout)
        await super().stop(now=True)      # SIGTERM again / SIGKILL if it is still there
        limit = self._limit or (Limit.make(self.user.name, self.mem_limit) if self.mem_limit else None)
        if limit is not None:
            left = limit.end_all()
            if left:
                self.log.warning("Ended %d process(es) %s's server left behind: %s", len(left), self.user.name, left)
            limit.remove()
        self._limit = None
