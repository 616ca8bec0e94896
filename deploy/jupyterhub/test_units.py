#!/usr/bin/env python3
"""Unit tests of the classroom's pieces that need no hub: kernel port ranges, the learner's copy, memory limits.
Run with the classroom server's Python: /opt/nn-workbook/venv/bin/python deploy/jupyterhub/test_units.py"""
import os
import shutil
import socket
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nn_classroom import ports  # noqa: E402
from nn_classroom.cgroups import Limit, _bytes  # noqa: E402
from nn_classroom.learner_copy import make  # noqa: E402


class Ports(unittest.TestCase):
    def test_ports_come_in_turn_and_skip_a_taken_one(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            busy = taken.getsockname()[1]
            picker = ports.PortPicker(busy - 2, busy + 7)
            self.assertEqual(picker.take("127.0.0.1", 5, is_free=lambda ip, p: p != busy),
                             [busy - 2, busy - 1, busy + 1, busy + 2, busy + 3])
            self.assertEqual(picker.take("127.0.0.1", 5, is_free=lambda ip, p: p != busy),
                             [busy + 4, busy + 5, busy + 6, busy + 7, busy - 2])
            self.assertFalse(ports.free("127.0.0.1", busy))

    def test_a_full_range_says_what_to_do(self):
        with self.assertRaises(RuntimeError) as e:
            ports.PortPicker(20000, 20009).take("127.0.0.1", 5, is_free=lambda ip, p: p < 20003)
        self.assertEqual(str(e.exception), "no 5 free kernel ports left in 20000-20009 (NN_KERNEL_PORTS): shut "
                                           "down some kernels, or give learners wider ranges")

    def test_the_range_is_checked(self):
        self.assertEqual(ports.port_range("20000-20039"), (20000, 20039))
        self.assertIsNone(ports.port_range(""))
        with self.assertRaises(ValueError):
            ports.port_range("20000-20002")


class LearnerCopy(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="nn-copy-test-"))
        self.addCleanup(shutil.rmtree, self.tmp)
        self.share, self.home = self.tmp / "share", self.tmp / "home"
        (self.share / "notebooks").mkdir(parents=True)
        (self.share / "docs").mkdir()
        (self.share / "nn-workbook.jar").write_bytes(b"jar")
        (self.share / "notebooks" / "01.ipynb").write_text("teacher 1")
        self.home.mkdir()

    def test_first_login_copies_and_links(self):
        make(self.share, self.home)
        root = self.home / "nn-workbook"
        self.assertEqual((root / "notebooks" / "01.ipynb").read_text(), "teacher 1")
        self.assertEqual(os.readlink(root / "docs"), str(self.share / "docs"))
        self.assertEqual((root / "target" / "nn-workbook.jar").read_bytes(), b"jar")
        self.assertEqual(oct(os.stat(root).st_mode & 0o777), "0o700")

    def test_a_later_login_never_overwrites_but_adds_new_notebooks(self):
        make(self.share, self.home)
        mine = self.home / "nn-workbook" / "notebooks" / "01.ipynb"
        mine.write_text("learner's work")
        (self.share / "notebooks" / "01.ipynb").write_text("teacher 1, updated")
        (self.share / "notebooks" / "02.ipynb").write_text("teacher 2")
        done = make(self.share, self.home)
        self.assertEqual(mine.read_text(), "learner's work")
        self.assertEqual(done, ["copied 02.ipynb"])


class Limits(unittest.TestCase):
    def test_sizes(self):
        self.assertEqual([_bytes("1G"), _bytes("768M"), _bytes(1024)], [1 << 30, 768 << 20, 1024])

    def test_no_controller_means_no_limit(self):
        empty = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, empty)
        self.assertIsNone(Limit.make("ada", "1G", v2_root=empty, v1_root=empty / "memory"))


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f"classroom unit tests: {result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
