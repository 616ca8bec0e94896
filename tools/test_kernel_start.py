#!/usr/bin/env python3
"""The workbook's kernel `java` (tools/kernelspec.py) ends when it cannot start; run by tools/test_kernelspec.py."""
import json
import shutil
import socket
import subprocess
import tempfile
import unittest
from pathlib import Path


class KernelThatCannotBind(unittest.TestCase):
    def test_a_kernel_whose_port_is_taken_exits_instead_of_hanging(self):
        """JJava 1.0a8 alone stays up for ever after `Address already in use` (its heartbeat thread); the
        kernelspec's KernelMain ends it with status 1, so Jupyter's restarter starts it again on new ports."""
        from jupyter_client.kernelspec import KernelSpecManager
        spec = KernelSpecManager().get_kernel_spec("java")
        folder = Path(tempfile.mkdtemp(prefix="nn-busy-port-"))
        self.addCleanup(shutil.rmtree, folder)
        taken = socket.socket()
        self.addCleanup(taken.close)
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        ports = []
        for _ in range(4):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                ports.append(s.getsockname()[1])
        connection = folder / "connection.json"
        connection.write_text(json.dumps({
            "shell_port": taken.getsockname()[1], "iopub_port": ports[0], "stdin_port": ports[1],
            "control_port": ports[2], "hb_port": ports[3], "ip": "127.0.0.1", "key": "k", "transport": "tcp",
            "signature_scheme": "hmac-sha256", "kernel_name": "java"}))
        argv = [a.replace("{resource_dir}", spec.resource_dir).replace("{connection_file}", str(connection))
                for a in spec.argv]
        kernel = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            out, _ = kernel.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            kernel.kill()
            kernel.communicate()
            self.fail("the kernel whose shell port was taken was still running after 120 s")
        self.assertEqual(kernel.returncode, 1, out)
        self.assertIn("Address already in use", out)
        self.assertIn("KernelMain: the Java kernel could not start (above); exiting with status 1", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
