"""The JVM options the kernel `java` gets beyond its JDK and heap (used by tools/kernelspec.py)."""
from pathlib import Path

# Lean JVM options for many kernels on one server (deploy/jupyterhub/README.md has the measurements): the serial
# collector (no parallel GC threads and their memory), the C1 compiler only (half the CPU of a lesson), and a
# heap that starts small and is given back after collections (so a large -Xmx costs only what a lesson uses).
LEAN_OPTIONS = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms16m", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30"]

# The heap on transparent huge pages (2 MB) where the kernel hands them out only on request (madvise): fewer
# TLB misses, the likely reason training ran 5-10% faster in the bench. Where THP is "always" the heap has
# them anyway; where it is "never" there is nothing to ask for (and a JVM may warn about the option at every
# start).
THP_SETTING = "/sys/kernel/mm/transparent_hugepage/enabled"
HUGE_PAGES = "-XX:+UseTransparentHugePages"


def huge_pages_options(system, read=lambda path: Path(path).read_text(encoding="ascii")):
    """[HUGE_PAGES] on Linux with THP set to madvise ("always [madvise] never"), else []."""
    if system != "Linux":
        return []
    try:
        return [HUGE_PAGES] if "[madvise]" in read(THP_SETTING) else []
    except (OSError, UnicodeError):
        return []
