#!/usr/bin/env python3
"""make classroom: a JupyterHub on 127.0.0.1 with N demo learners, one lesson run by all of them at once.

It installs the classroom server (install.py) if needed, creates N local accounts, starts the hub with
deploy/jupyterhub/jupyterhub_config.py, and for every learner at once, through the hub's REST API: starts their
server, opens their own copy of the lesson, runs its cells in their own Java kernel over the kernel's websocket
(exercises answered with the teacher's solutions) and checks every RESULT as tools/run_notebooks.py does, and
that the lesson saved its model into the learner's own folder. Then it stops every server and checks that no
process of any learner is left (the kernels end with their server), restarts one learner's server to check that
their copy was kept, prints memory and CPU per learner and how many learners fit on this machine, and removes
everything it made: the hub, its proxy, the servers and kernels, the accounts and their homes.

Usage (root): deploy/jupyterhub/classroom.py [--learners N] [--notebook notebooks/05-sgd.ipynb] [--prefix DIR]
Exit status 0 when every learner's lesson passed and nothing was left behind.
"""
import argparse
import asyncio
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
from nn_classroom import lesson, procs  # noqa: E402
from nn_classroom.cgroups import GROUP, Limit  # noqa: E402
from nn_classroom.kernel_ws import HubClient  # noqa: E402
from nn_classroom.report import report  # noqa: E402

lesson.ROOT = ROOT
MB = 1 << 20


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Classroom:
    def __init__(self, args):
        self.prefix, self.n, self.notebook = Path(args.prefix), args.learners, args.notebook
        self.names = [f"nnl{os.getpid() % 100000}x{i:02d}" for i in range(1, self.n + 1)]
        self.created, self.hub, self.state, self.sampler, self.hub_pss = [], None, None, None, 0
        self.failures, self.rows, self.log = [], {}, ROOT / "target" / "classroom"
        self.log.mkdir(parents=True, exist_ok=True)

    # --- accounts ----------------------------------------------------------------------------------------------
    def create_accounts(self):
        for name in self.names:
            subprocess.run(["useradd", "--create-home", "--shell", "/usr/sbin/nologin", name], check=True)
            self.created.append(name)
        self.uids = {pwd.getpwnam(n).pw_uid: n for n in self.names}

    def remove_accounts(self):
        left = procs.processes(set(getattr(self, "uids", {})))
        for pid in left:                   # only processes of the accounts this run made
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for name in self.created:
            subprocess.run(["userdel", "--remove", name], capture_output=True)
            for root in ("/sys/fs/cgroup/memory", "/sys/fs/cgroup"):
                try:
                    os.rmdir(f"{root}/{GROUP}/{name}")
                except OSError:
                    pass
        for root in ("/sys/fs/cgroup/memory", "/sys/fs/cgroup"):
            try:
                os.rmdir(f"{root}/{GROUP}")      # only when empty: another hub on this machine may use it
            except OSError:
                pass
        self.created = []
        return left

    # --- the hub -----------------------------------------------------------------------------------------------
    async def start_hub(self):
        self.state = self.prefix / "state" / f"classroom-{os.getpid()}"
        self.state.mkdir(mode=0o700, parents=True)
        (self.state / "learners.txt").write_text("\n".join(self.names) + "\n")
        token, port = secrets.token_hex(32), free_port()
        env = dict(os.environ, NN_WORKBOOK_HOME=str(self.prefix), NN_HUB_STATE=str(self.state),
                   NN_HUB_PORT=str(port), NN_HUB_API_PORT=str(free_port()), NN_PROXY_API_PORT=str(free_port()),
                   NN_CLASSROOM_TOKEN=token, NN_LEARNERS=str(self.state / "learners.txt"),
                   CONFIGPROXY_AUTH_TOKEN=secrets.token_hex(32))
        self.hub_log = open(self.log / "hub.log", "w")
        self.hub = subprocess.Popen([str(self.prefix / "venv" / "bin" / "jupyterhub"), "-f",
                                     str(HERE / "jupyterhub_config.py")], cwd=self.state, env=env,
                                    stdout=self.hub_log, stderr=subprocess.STDOUT, start_new_session=True)
        self.api = HubClient(f"http://127.0.0.1:{port}", token)
        for _ in range(120):
            if self.hub.poll() is not None:
                raise RuntimeError(f"the hub exited with status {self.hub.returncode}: see {self.log}/hub.log")
            try:
                await self.api.call("GET", "/hub/api/")
                return
            except Exception:
                await asyncio.sleep(0.5)
        raise RuntimeError("the hub did not answer within 60 s: see target/classroom/hub.log")

    def stop_hub(self):
        if self.hub and self.hub.poll() is None:
            self.hub.send_signal(signal.SIGTERM)
            try:
                self.hub.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.hub.pid, signal.SIGKILL)
                self.hub.wait()
        if self.state:
            shutil.rmtree(self.state, ignore_errors=True)

    # --- one learner -------------------------------------------------------------------------------------------
    async def start_server(self, name):
        await self.api.call("POST", f"/hub/api/users/{name}/server")
        for _ in range(240):
            user = await self.api.call("GET", f"/hub/api/users/{name}")
            if user["servers"].get("", {}).get("ready"):
                return
            await asyncio.sleep(0.5)
        raise RuntimeError(f"{name}'s server was not ready within 120 s")

    async def stop_server(self, name):
        await self.api.call("DELETE", f"/hub/api/users/{name}/server")
        for _ in range(120):
            if not (await self.api.call("GET", f"/hub/api/users/{name}"))["servers"]:
                return
            await asyncio.sleep(0.5)

    async def learner(self, name):
        row = self.rows[name] = {"name": name, "problems": [], "cells": []}
        try:
            await self.api.call("POST", f"/hub/api/users/{name}", ok=(201, 409))
            t0 = time.monotonic()
            await self.start_server(name)
            row["start_s"] = time.monotonic() - t0
            row["problems"] += self.limit_problems(name)
            home = Path(pwd.getpwnam(name).pw_dir)
            if os.stat(home).st_mode & 0o077:
                row["problems"].append(f"{home} is readable by others (mode {oct(os.stat(home).st_mode & 0o777)})")
            path = "notebooks/" + Path(self.notebook).name
            nb = (await self.api.call("GET", f"/user/{name}/api/contents/{path}?content=1"))["content"]
            kernel = await self.api.kernel(name, path)
            printed = []
            t0 = time.monotonic()
            for code in lesson.cells(nb, Path(self.notebook).stem, self.prefix / "teacher" / "solutions"):
                c0 = time.monotonic()
                status, text, error = await kernel.execute(code)
                row["cells"].append(time.monotonic() - c0)
                printed.append(text)
                if len(row["cells"]) == 1:
                    row["problems"] += self.port_problems(name)
                if status != "ok":
                    row["problems"].append(f"cell {len(row['cells'])}: {error}")
                    break
            row["lesson_s"] = time.monotonic() - t0
            kernel.close()
            found, _ = lesson.problems(Path(self.notebook).name, "".join(printed), lesson.exercise_names(nb))
            row["problems"] += found
            if Path(self.notebook).stem == "05-sgd":
                model = home / "nn-workbook" / "target" / "models" / "05-sgd-network.npz"
                if not model.is_file() or model.stat().st_uid != pwd.getpwnam(name).pw_uid:
                    row["problems"].append(f"{model} was not saved by the learner into their own folder")
        except Exception as e:
            row["problems"].append(f"{type(e).__name__}: {e}")

    def port_problems(self, name):
        """The learner's kernel listens on ports from the range their server was given (NN_KERNEL_PORTS)."""
        kernels = [p for p in procs.processes({pwd.getpwnam(name).pw_uid}) if "KernelMain" in procs.command(p)]
        if len(kernels) != 1:
            return [f"expected one Java kernel (KernelMain) for {name}, found {len(kernels)}"]
        with open(f"/proc/{kernels[0]}/environ", "rb") as f:
            env = dict(x.split("=", 1) for x in f.read().decode().split("\0") if "=" in x)
        connection = json.loads(Path(procs.command(kernels[0]).split()[-1]).read_text())
        first, last = (int(x) for x in env.get("NN_KERNEL_PORTS", "0-0").split("-"))
        used = [connection[n] for n in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")]
        if not all(first <= p <= last for p in used) or first == 0:
            return [f"{name}'s kernel ports {used} are not in its range {env.get('NN_KERNEL_PORTS')}"]
        return []

    def limit_problems(self, name):
        """The learner's server runs inside their memory cgroup, with the configured limit."""
        for group, limit_file in ((Path("/sys/fs/cgroup/nn-workbook") / name, "memory.max"),
                                  (Path("/sys/fs/cgroup/memory/nn-workbook") / name, "memory.limit_in_bytes")):
            if group.is_dir():
                limit = int((group / limit_file).read_text())
                members = {int(p) for p in (group / "cgroup.procs").read_text().split()}
                mine = set(procs.processes({pwd.getpwnam(name).pw_uid}))
                if limit != int(1.5 * (1 << 30)) or not mine or not mine <= members:
                    return [f"memory cgroup {group}: limit {limit}, processes {sorted(mine)} not all in it"]
                return []
        if Limit.make("nn-probe", "1G") is not None:
            Limit.make("nn-probe", "1G").remove()
            return [f"{name}'s server has no memory cgroup though the machine has a writable one"]
        return []                          # no writable memory controller here: the hub logs that it has none

    async def kept_on_next_login(self, name):
        """The learner's copy survives a stop and a new start: it is never overwritten."""
        path = f"/user/{name}/api/contents/notebooks/{Path(self.notebook).name}"
        await self.start_server(name)
        model = await self.api.call("GET", path + "?content=1")
        model["content"]["metadata"]["nn_classroom_mark"] = "kept"
        await self.api.call("PUT", path, {"type": "notebook", "format": "json", "content": model["content"]})
        await self.stop_server(name)
        await self.start_server(name)
        again = await self.api.call("GET", path + "?content=1")
        await self.stop_server(name)
        if again["content"]["metadata"].get("nn_classroom_mark") != "kept":
            self.failures.append(f"{name}'s changed notebook was replaced on the next login")

    # --- the run -----------------------------------------------------------------------------------------------
    async def run(self):
        self.create_accounts()
        await self.start_hub()
        sampler = self.sampler = procs.Sampler(self.uids)
        done = asyncio.Event()

        async def sample():
            while not done.is_set():
                sampler.sample()
                await asyncio.sleep(1.0)
        sampling = asyncio.ensure_future(sample())
        t0 = time.monotonic()
        await asyncio.gather(*(self.learner(n) for n in self.names))
        self.wall = time.monotonic() - t0
        sampler.sample()
        done.set()
        await sampling
        session = subprocess.run(["pgrep", "-s", str(self.hub.pid)], capture_output=True, text=True).stdout
        hub_pss = sum(procs.memory(int(p))[0] for p in session.split())     # the hub and its proxy
        await asyncio.gather(*(self.stop_server(n) for n in self.names))
        await asyncio.sleep(2)
        left = procs.processes(set(self.uids))
        if left:
            self.failures.append(f"{len(left)} process(es) of learners still running after their servers "
                                 "stopped: " + "; ".join(f"{p} {procs.command(p)[:80]}" for p in left))
        self.hub_pss = hub_pss
        # The cgroup sweep in WorkbookSpawner.stop would hide kernels that outlived their server: none may have.
        self.hub_log.flush()
        swept = [line for line in (self.log / "hub.log").read_text().splitlines() if "server left behind" in line]
        if swept:
            self.failures.append("kernels outlived their servers (ended by the cgroup sweep): " + swept[0][-160:])
        await self.kept_on_next_login(self.names[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--learners", type=int, default=8)
    ap.add_argument("--notebook", default="notebooks/05-sgd.ipynb")
    ap.add_argument("--prefix", default="/opt/nn-workbook")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("classroom: run as root (it creates the demo accounts and starts servers as them)")
    room = Classroom(args)
    meminfo = procs.meminfo()

    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)
    try:
        asyncio.run(room.run())
    except BaseException as e:
        room.failures.append(f"{type(e).__name__}: {e}")
    finally:
        room.stop_hub()
        left = room.remove_accounts()
        if left:
            room.failures.append(f"ended {len(left)} leftover process(es) of the demo learners")
    passed = report(room, room.sampler, room.hub_pss, meminfo)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
