#!/usr/bin/env python3
"""The kernel's huge-pages option (tools/jvm_options.py); run by tools/test_kernelspec.py."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernelspec as ks  # noqa: E402
from jvm_options import huge_pages_options  # noqa: E402

JDK17 = "/usr/lib/jvm/java-17/bin/java"


class HugePages(unittest.TestCase):
    """-XX:+UseTransparentHugePages only where Linux hands out huge pages on request."""

    def options(self, system, text=None):
        def read(path):
            self.assertEqual(path, "/sys/kernel/mm/transparent_hugepage/enabled")
            if text is None:
                raise FileNotFoundError(path)
            return text
        return huge_pages_options(system, read)

    def test_madvise_gets_the_option(self):
        self.assertEqual(self.options("Linux", "always [madvise] never\n"), ["-XX:+UseTransparentHugePages"])

    def test_always_never_and_no_setting_get_none(self):
        self.assertEqual(self.options("Linux", "[always] madvise never\n"), [])  # the heap has them anyway
        self.assertEqual(self.options("Linux", "always madvise [never]\n"), [])  # nothing to ask for
        self.assertEqual(self.options("Linux", None), [])                          # no THP in this kernel

    def test_other_systems_get_none(self):
        self.assertEqual(self.options("Darwin", "always [madvise] never\n"), [])

    def test_the_option_comes_after_the_heap_and_before_the_tmpdir(self):
        choice = ks.Choice(ks.Jdk(java=JDK17, origin="PATH"), "/venv/nn-tmp", "noexec /tmp", [])
        spec = ks.kernel_json(choice, "2g", self.options("Linux", "always [madvise] never\n"))
        self.assertEqual(spec["argv"][4:], [JDK17, "-Xmx2g", "-XX:+UseTransparentHugePages",
                                            "-Djava.io.tmpdir=/venv/nn-tmp"])


if __name__ == "__main__":
    unittest.main()
