"""A memory limit per learner: one control group per learner's server, which its kernels inherit.

JupyterHub's LocalProcessSpawner only passes mem_limit on as MEM_LIMIT; nothing enforces it. Here the hub (root)
makes <root>/nn-workbook/<learner>, writes the limit, and the learner's server joins it before it drops to the
learner's uid. The same group lists every process the server left behind (a kernel that outlived it), so the
spawner can end them, and tells the memory and the peak a learner used.

cgroup v2 (the unified hierarchy, /sys/fs/cgroup/cgroup.controllers) and v1 (the memory controller at
/sys/fs/cgroup/memory) both work; with neither writable, Limit.make returns None and the hub logs that it runs
without limits.
"""
import os
import signal
import time
from pathlib import Path

V2 = Path("/sys/fs/cgroup")
V1 = Path("/sys/fs/cgroup/memory")
GROUP = "nn-workbook"


def _bytes(limit):
    """'1G', '768M', 1073741824 -> bytes."""
    if isinstance(limit, int):
        return limit
    text = str(limit).strip().upper()
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    if text and text[-1] in scale:
        return int(float(text[:-1]) * scale[text[-1]])
    return int(text)


class Limit:
    """One learner's control group."""

    def __init__(self, path, v2):
        self.path, self.v2 = Path(path), v2

    @classmethod
    def make(cls, name, limit, v2_root=V2, v1_root=V1):
        """The group for `name` with memory limit `limit` (bytes or '1G'), or None when the machine has no
        writable memory controller (a container without its own cgroup, a non-root hub)."""
        try:
            if (v2_root / "cgroup.controllers").is_file():
                parent = v2_root / GROUP
                parent.mkdir(exist_ok=True)
                if "memory" not in (parent / "cgroup.subtree_control").read_text():
                    (v2_root / "cgroup.subtree_control").write_text("+memory")
                    (parent / "cgroup.subtree_control").write_text("+memory")
                group = cls(parent / name, True)
            elif (v1_root / "memory.limit_in_bytes").is_file():
                (v1_root / GROUP).mkdir(exist_ok=True)
                group = cls(v1_root / GROUP / name, False)
            else:
                return None
            group.path.mkdir(exist_ok=True)
            group._write("memory.max" if group.v2 else "memory.limit_in_bytes", str(_bytes(limit)))
            if not group.v2:
                # Without swap accounting the limit would push the JVM's pages to swap instead of stopping it.
                group._write("memory.memsw.limit_in_bytes", str(_bytes(limit)), required=False)
            return group
        except OSError:
            return None

    def _write(self, name, text, required=True):
        try:
            (self.path / name).write_text(text)
        except OSError:
            if required:
                raise

    def _read(self, name):
        try:
            return (self.path / name).read_text()
        except OSError:
            return ""

    def join(self, pid=None):
        """Puts process `pid` (default: the calling one) into the group; for a preexec_fn."""
        (self.path / "cgroup.procs").write_text(str(pid or os.getpid()))

    def pids(self):
        return [int(p) for p in self._read("cgroup.procs").split()]

    def usage(self):
        """(bytes in use now, peak bytes) as the kernel counts them (page cache included)."""
        now = self._read("memory.current" if self.v2 else "memory.usage_in_bytes").strip()
        peak = self._read("memory.peak" if self.v2 else "memory.max_usage_in_bytes").strip()
        return int(now or 0), int(peak or 0)

    def end_all(self, grace=5.0):
        """SIGTERM to every process still in the group, SIGKILL after `grace` s; returns the pids it found."""
        found = self.pids()
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pid in self.pids():
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + grace
            while self.pids() and time.monotonic() < deadline:
                time.sleep(0.1)
            if not self.pids():
                break
        return found

    def remove(self):
        """Removes the (empty) group; False when processes are still in it."""
        try:
            self.path.rmdir()
            return True
        except OSError:
            return False
