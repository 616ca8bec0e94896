"""Kernel ports from each learner's own range, so two learners' kernels never get the same port.

Jupyter picks a kernel's five ports by binding port 0 and letting it go again; the kernel binds them a second
or two later, when its JVM is up. Two learners' servers starting kernels at the same moment can be handed the
same free port (measured: 2 of about 120 simultaneous starts), and JJava 1.0a8 then neither works nor exits:
`ZMQException: Address already in use` in its main thread, while its heartbeat thread keeps the JVM alive.
The hub gives each learner's server a range of its own in NN_KERNEL_PORTS ("first-last", set by
nn_classroom.spawner); this kernel manager takes ports from it in turn, skipping any that will not bind.
A restart always takes new ports. The kernelspec's start (tools/kernelspec.py, KernelMain) makes a kernel that
still cannot bind exit, so Jupyter restarts it here on new ports instead of waiting for ever.

Used by the learner's server: c.MultiKernelManager.kernel_manager_class = "nn_classroom.ports.RangeKernelManager"
"""
import os
import socket

from jupyter_server.services.kernels.kernelmanager import ServerKernelManager

PORT_NAMES = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")


def port_range(text=None):
    """(first, last) from NN_KERNEL_PORTS "first-last", or None when it is unset or empty."""
    text = os.environ.get("NN_KERNEL_PORTS", "") if text is None else text
    if not text.strip():
        return None
    first, _, last = text.partition("-")
    first, last = int(first), int(last)
    if not 1024 <= first <= last <= 65535 or last - first + 1 < len(PORT_NAMES):
        raise ValueError(f"NN_KERNEL_PORTS={text!r} is not a range first-last of at least "
                         f"{len(PORT_NAMES)} ports between 1024 and 65535")
    return first, last


def free(ip, port):
    """True when `port` can be bound on `ip` now (a listening or just-closed socket there says no)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((ip, port))
            return True
        except OSError:
            return False


class PortPicker:
    """Hands out ports from [first, last] in turn, so a port handed out recently (its kernel may not have bound
    it yet) comes round again only after every other port of the range."""

    def __init__(self, first, last):
        self.first, self.last, self.next = first, last, first

    def take(self, ip, count, is_free=free):
        ports, tried, size = [], 0, self.last - self.first + 1
        while len(ports) < count:
            if tried == size:
                raise RuntimeError(f"no {count} free kernel ports left in {self.first}-{self.last} "
                                   "(NN_KERNEL_PORTS): shut down some kernels, or give learners wider ranges")
            port, tried = self.next, tried + 1
            self.next = self.first if port == self.last else port + 1
            if is_free(ip, port):
                ports.append(port)
        return ports


_picker = None


def picker():
    global _picker
    bounds = port_range()
    if bounds and (_picker is None or (_picker.first, _picker.last) != bounds):
        _picker = PortPicker(*bounds)
    return _picker if bounds else None


class RangeKernelManager(ServerKernelManager):
    """ServerKernelManager whose tcp ports come from NN_KERNEL_PORTS (plain random ports when it is unset)."""

    async def _async_pre_start_kernel(self, **kw):
        chosen = picker()
        if chosen and self.transport == "tcp" and any(getattr(self, n) == 0 for n in PORT_NAMES):
            self.cache_ports = False          # the provisioner must not replace them with random ones
            for name, port in zip(PORT_NAMES, chosen.take(self.ip, len(PORT_NAMES))):
                setattr(self, name, port)
        return await super()._async_pre_start_kernel(**kw)

    def cleanup_random_ports(self):
        """On a restart with new ports: forget all five (they were ours, not random) and the connection file."""
        if picker() and self.transport == "tcp":
            for name in PORT_NAMES:
                setattr(self, name, 0)
            self.cleanup_connection_file()
        else:
            super().cleanup_random_ports()

    async def restart_kernel(self, now=False, newports=False, **kw):
        # Always new ports: the old ones may be what killed it (another process holds one). The restarter and
        # the server's restart both come here (AsyncKernelManager binds restart_kernel to the base function).
        return await super().restart_kernel(now=now, newports=True, **kw)
