package nn.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import nn.blas.Machine.TmpDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each learner's machine, simulated by the facts {@link Machine} reads (os.name, os.arch, the temporary folder,
 * the C library, libgfortran), with the exact message Jblas.check() then shows. The real noexec temporary folder
 * (a tmpfs mounted noexec in a private mount namespace) is tested end to end by tools/test_kernelspec.py.
 */
class MachineTest {
  private static final UnsatisfiedLinkError CAUSE =
      new UnsatisfiedLinkError("'void org.jblas.NativeBlas.dgemm(char, char, int, int, int, double, double[], "
          + "int, int, double[], int, int, double, double[], int, int)'");
  private static final String CAUSE_LINE = "\n(cause: " + CAUSE + ")";
  private static final String GFORTRAN_DIR = "/usr/lib/x86_64-linux-gnu";

  private static String explain(String os, String arch, TmpDir tmp, String noexecMount, boolean musl,
      String libgfortran) {
    return new Machine(os, arch, "/tmp", tmp, noexecMount, musl, libgfortran).explain(CAUSE);
  }

  @Test
  void debianWithoutLibgfortranNamesThePackages() {
    assertEquals("jblas could not load its native BLAS code: it needs the system library libgfortran.so.5. "
        + "Install it and restart the kernel:\n"
        + "  Debian/Ubuntu: sudo apt-get install libgfortran5\n"
        + "  Fedora/RHEL:   sudo dnf install libgfortran\n"
        + "  conda:         conda install -c conda-forge libgfortran5" + CAUSE_LINE,
        explain("Linux", "amd64", TmpDir.EXECUTABLE, null, false, null));
  }

  @Test
  void appleSiliconOnAnArm64JdkAsksForAnX86Jdk() {
    assertEquals("jblas could not load its native BLAS code: this JDK is an arm64 (Apple Silicon) build, and "
        + "jblas 1.2.5 has native code for Intel Macs only. Installing libraries cannot help. The fix that works: "
        + "run the kernel on an x86_64 JDK 17, under Rosetta 2 (JupyterLab itself stays arm64): run make lab, "
        + "which finds one with /usr/libexec/java_home -a x86_64 (or prints the command that installs one) and "
        + "writes the kernel \"Java\" with it; then restart the kernel." + CAUSE_LINE,
        explain("Mac OS X", "aarch64", TmpDir.EXECUTABLE, null, false, null));
  }

  @Test
  void intelMacNeverHearsAboutBrewOrLibgfortran() {
    // jblas's macOS libraries link only /usr/lib/libSystem.B.dylib: `brew install gcc` cannot help there.
    assertEquals("jblas could not load its native BLAS code: none of the usual causes applies here (Mac OS X "
        + "x86_64, java.io.tmpdir /tmp allows executing). jblas printed the library that failed and why just "
        + "above this message, on a line starting \"Couldn't load copied link file\": that line names what is "
        + "missing." + CAUSE_LINE,
        explain("Mac OS X", "x86_64", TmpDir.EXECUTABLE, null, false, null));
  }

  @Test
  void noexecTemporaryFolderNamesTheMountAndTheTmpdirFix() {
    assertEquals("jblas could not load its native BLAS code: jblas unpacks it into the temporary folder "
        + "java.io.tmpdir = /tmp and loads it from there, but that folder does not allow executing files (its "
        + "file system /tmp is mounted noexec). Installing libraries cannot help. The fix that works: start Java "
        + "with -Djava.io.tmpdir=<a folder that allows executing>. `make lab` writes the workbook's kernel "
        + "\"Java\" with one when it is needed: run it, then restart the kernel. In another Jupyter: mkdir -p "
        + "~/.cache/nn-workbook/tmp, start Jupyter with JJAVA_JVM_OPTS=-Djava.io.tmpdir=$HOME/.cache/nn-workbook/"
        + "tmp, restart the kernel." + CAUSE_LINE,
        explain("Linux", "amd64", TmpDir.NOT_EXECUTABLE, "/tmp", false, GFORTRAN_DIR));
  }

  @Test
  void noexecWithoutLibgfortranGivesBothFixesInOrder() {
    String m = explain("Linux", "amd64", TmpDir.NOT_EXECUTABLE, null, false, null);
    assertEquals("jblas could not load its native BLAS code: jblas unpacks it into the temporary folder "
        + "java.io.tmpdir = /tmp and loads it from there, but that folder does not allow executing files. "
        + Machine.TMPDIR_FIX + " Then install libgfortran.so.5 too "
        + "(Debian/Ubuntu: sudo apt-get install libgfortran5)." + CAUSE_LINE, m);
  }

  @Test
  void unwritableTemporaryFolder() {
    assertEquals("jblas could not load its native BLAS code: jblas unpacks it into the temporary folder "
        + "java.io.tmpdir = /tmp, which cannot be written. The fix that works: start Java with "
        + "-Djava.io.tmpdir=<a writable folder that allows executing>. `make lab` writes the workbook's kernel "
        + "\"Java\" with one when it is needed: run it, then restart the kernel. In another Jupyter: mkdir -p "
        + "~/.cache/nn-workbook/tmp, start Jupyter with JJAVA_JVM_OPTS=-Djava.io.tmpdir=$HOME/.cache/nn-workbook/"
        + "tmp, restart the kernel." + CAUSE_LINE,
        explain("Linux", "aarch64", TmpDir.NOT_WRITABLE, null, false, null));
  }

  @Test
  void alpineNamesMuslNotLibgfortran() {
    assertEquals("jblas could not load its native BLAS code: this Linux uses musl libc (Alpine), and jblas "
        + "1.2.5's native code is built for glibc. Installing libgfortran cannot help. The fix that works: a "
        + "glibc-based system or container (Debian, Ubuntu, Fedora), for example docker run -it debian:12."
        + CAUSE_LINE,
        explain("Linux", "amd64", TmpDir.EXECUTABLE, null, true, null));
  }

  @Test
  void windowsOutsideWslPointsToWsl() {
    assertEquals("jblas could not load its native BLAS code: this is Windows (Windows 11, amd64), where jblas "
        + "1.2.5's libraries fail to load on many machines (\"Can't find dependent libraries\"). The fix that "
        + "works: run the workbook in WSL: wsl --install -d Ubuntu, then in the Ubuntu window follow the "
        + "README's Debian/Ubuntu line and run make lab." + CAUSE_LINE,
        explain("Windows 11", "amd64", TmpDir.EXECUTABLE, null, false, null));
  }

  @Test
  void aPlatformJblasHasNoCodeFor() {
    assertEquals("jblas could not load its native BLAS code: jblas 1.2.5 has native code for Linux (amd64, "
        + "aarch64, i386, ppc64le), Intel Macs (x86_64) and Windows, not for Linux riscv64. The fix that works: "
        + "a 64-bit JDK 17 or newer on Linux (amd64 or aarch64) or on an Intel Mac." + CAUSE_LINE,
        explain("Linux", "riscv64", TmpDir.EXECUTABLE, null, false, null));
  }

  @Test
  void linuxWithEverythingInPlaceSendsTheLearnerToJblassOwnLine() {
    assertEquals("jblas could not load its native BLAS code: none of the usual causes applies here (Linux "
        + "amd64, java.io.tmpdir /tmp allows executing, libgfortran.so.5 is in /usr/lib/x86_64-linux-gnu). jblas "
        + "printed the library that failed and why just above this message, on a line starting \"Couldn't load "
        + "copied link file\": that line names what is missing." + CAUSE_LINE,
        explain("Linux", "amd64", TmpDir.EXECUTABLE, null, false, GFORTRAN_DIR));
  }

  // --- the file-system answers themselves ------------------------------------------------------------------

  @Test
  void anOrdinaryFolderAllowsExecuting(@TempDir Path dir) throws Exception {
    assertEquals(TmpDir.EXECUTABLE, Machine.probeTmp(dir));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "the probe file is removed");
    }
  }

  @Test
  void aMissingFolderCannotBeWritten(@TempDir Path dir) {
    assertEquals(TmpDir.NOT_WRITABLE, Machine.probeTmp(dir.resolve("no-such-folder")));
  }

  @Test
  void mountinfoNamesTheNoexecFileSystemOfTheFolder(@TempDir Path dir) throws Exception {
    Path real = dir.toRealPath();
    Path info = dir.resolve("mountinfo");
    // The longest mount point above the folder decides; a noexec mount elsewhere does not count.
    Files.writeString(info, String.join("\n",
        "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
        "40 22 0:35 / /srv/other rw,nosuid,nodev,noexec shared:20 - tmpfs tmpfs rw",
        "41 22 0:36 / " + real + " rw,nosuid,nodev,noexec,relatime shared:21 - tmpfs tmpfs rw,size=65536k",
        ""));
    assertEquals(real.toString(), Machine.noexecMount(dir, info));
    Files.writeString(info, "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n"
        + "40 22 0:35 / /srv/other rw,noexec shared:20 - tmpfs tmpfs rw\n");
    assertNull(Machine.noexecMount(dir, info));
  }

  @Test
  void thisMachineIsReadWithoutFailing() {
    Machine m = Machine.current();
    assertEquals(System.getProperty("os.name"), m.osName());
    assertEquals(System.getProperty("java.io.tmpdir"), m.tmpDir());
  }
}
