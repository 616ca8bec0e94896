"""Memory and CPU of each learner's processes, from /proc (Linux), by the learner's uid.

PSS (proportional set size) counts a page shared by k processes as 1/k to each, so the PSS of all learners adds
up to what they really use: the fair figure when kernels share a class-data archive and libraries. RSS counts
shared pages in full for every process; both are reported.
"""
import os

TICKS = os.sysconf("SC_CLK_TCK")


def processes(uids):
    """{pid: uid} of the running processes owned by `uids`."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                uid = os.stat(f"/proc/{entry}").st_uid
            except OSError:
                continue
            if uid in uids:
                found[int(entry)] = uid
    return found


def _kb(path, field):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory(pid):
    """(PSS, RSS) in bytes."""
    return _kb(f"/proc/{pid}/smaps_rollup", "Pss:") * 1024, _kb(f"/proc/{pid}/status", "VmRSS:") * 1024


def cpu_seconds(pid):
    """User + system CPU time of the process so far."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def command(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def is_kernel(pid):
    cmd = command(pid)
    return "KernelMain" in cmd or "jjava" in cmd


class Sampler:
    """Peak PSS/RSS per learner (all their processes together) and of their kernels alone; CPU seconds at the
    last sample (processes that ended before it are not counted: sample before stopping servers)."""

    def __init__(self, uids):
        self.uids = set(uids)
        self.peak = {u: {"pss": 0, "rss": 0, "kernel_pss": 0, "kernel_rss": 0} for u in self.uids}
        self.cpu = {u: {} for u in self.uids}

    def sample(self):
        totals = {u: {"pss": 0, "rss": 0, "kernel_pss": 0, "kernel_rss": 0} for u in self.uids}
        for pid, uid in processes(self.uids).items():
            pss, rss = memory(pid)
            t = totals[uid]
            t["pss"] += pss
            t["rss"] += rss
            if is_kernel(pid):
                t["kernel_pss"] += pss
                t["kernel_rss"] += rss
            self.cpu[uid][pid] = max(self.cpu[uid].get(pid, 0.0), cpu_seconds(pid))
        for uid, t in totals.items():
            for k, v in t.items():
                self.peak[uid][k] = max(self.peak[uid][k], v)

    def cpu_total(self, uid):
        return sum(self.cpu[uid].values())


def meminfo():
    """/proc/meminfo in bytes, and the number of cores and the load average, for the report."""
    info = {}
    with open("/proc/meminfo") as f:
        for line in f:
            key, value = line.split(":", 1)
            info[key] = int(value.split()[0]) * 1024
    info["cores"] = os.cpu_count()
    info["load"] = os.getloadavg()[0]
    return info
