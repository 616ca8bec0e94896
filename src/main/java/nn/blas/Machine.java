package nn.blas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The facts about a machine that decide whether jblas 1.2.5's native code can load there, and the message that
 * names what is wrong and the one fix that works when it cannot.
 *
 * <p>jblas copies its native libraries out of its jar into {@code java.io.tmpdir} and loads them from there.
 * It ships them for Linux (amd64, aarch64, i386, ppc64le), Intel Macs and Windows; the Linux amd64 build needs
 * the system's {@code libgfortran.so.5}, the others carry their Fortran runtime inside. So a load fails on an
 * Apple Silicon JDK (no arm64 macOS code), under musl libc (glibc builds), on a temporary folder mounted
 * {@code noexec} (the copy cannot be mapped executable: jblas prints {@code Couldn't load copied link file:
 * ... failed to map segment from shared object}), on Linux amd64 without libgfortran, and on many Windows
 * machines ({@code Can't find dependent libraries}). Each needs a different fix; installing libgfortran helps
 * only in one case.
 *
 * <p>{@link #current()} reads the facts of the machine it runs on; tests build a {@code Machine} from chosen
 * facts, one per kind of learner's machine, and check {@link #explain} word for word.
 *
 * @param osName the {@code os.name} property, as jblas reads it
 * @param osArch the {@code os.arch} property
 * @param tmpDir the {@code java.io.tmpdir} property
 * @param tmp whether files in {@code tmpDir} can be written and executed
 * @param noexecMount the mount point of {@code tmpDir}'s file system when it is mounted {@code noexec}, or null
 * @param musl whether the C library is musl (Alpine) rather than glibc
 * @param libgfortran the folder where {@code libgfortran.so.5} was found, or null when it was not
 */
public record Machine(String osName, String osArch, String tmpDir, TmpDir tmp, String noexecMount, boolean musl,
    String libgfortran) {

  /** What the temporary folder allows. */
  public enum TmpDir { EXECUTABLE, NOT_EXECUTABLE, NOT_WRITABLE }

  /** The start of every message. */
  static final String PREFIX = "jblas could not load its native BLAS code: ";

  /** The fix for a temporary folder jblas cannot load from, on any system. */
  static final String TMPDIR_FIX = "The fix that works: start Java with -Djava.io.tmpdir=<a folder that allows "
      + "executing>. `make lab` writes the workbook's kernel \"Java\" with one when it is needed: run it, then "
      + "restart the kernel. In another Jupyter: mkdir -p ~/.cache/nn-workbook/tmp, start Jupyter with "
      + "JJAVA_JVM_OPTS=-Djava.io.tmpdir=$HOME/.cache/nn-workbook/tmp, restart the kernel.";

  /** The facts of the machine this JVM runs on. Starts one tiny process (the exec probe); call it on failure. */
  public static Machine current() {
    String os = System.getProperty("os.name", "");
    String tmp = System.getProperty("java.io.tmpdir", "");
    boolean linux = os.toLowerCase(Locale.ROOT).contains("linux");
    return new Machine(os, System.getProperty("os.arch", ""), tmp,
        os.startsWith("Windows") ? TmpDir.EXECUTABLE : probeTmp(Path.of(tmp)),
        linux ? noexecMount(Path.of(tmp), Path.of("/proc/self/mountinfo")) : null,
        linux && isMusl(), linux ? findLibgfortran() : null);
  }

  /** The message for a failed load: the machine's real problem and the one fix that works there. */
  public String explain(Throwable cause) {
    return PREFIX + problemAndFix() + "\n(cause: " + cause + ")";
  }

  private String problemAndFix() {
    String os = osName.toLowerCase(Locale.ROOT);
    boolean mac = os.startsWith("mac");
    boolean linux = os.contains("linux");
    if (os.startsWith("windows")) {
      return "this is Windows (" + osName + ", " + osArch + "), where jblas 1.2.5's libraries fail to load on "
          + "many machines (\"Can't find dependent libraries\"). The fix that works: run the workbook in WSL: "
          + "wsl --install -d Ubuntu, then in the Ubuntu window follow the README's Debian/Ubuntu line and run "
          + "make lab.";
    }
    if (mac && (osArch.equals("aarch64") || osArch.equals("arm64"))) {
      return "this JDK is an arm64 (Apple Silicon) build, and jblas 1.2.5 has native code for Intel Macs only. "
          + "Installing libraries cannot help. The fix that works: run the kernel on an x86_64 JDK 17, under "
          + "Rosetta 2 (JupyterLab itself stays arm64): run make lab, which finds one with "
          + "/usr/libexec/java_home -a x86_64 (or prints the command that installs one) and writes the kernel "
          + "\"Java\" with it; then restart the kernel.";
    }
    if (!(mac && osArch.equals("x86_64")) && !(linux && List.of("amd64", "aarch64", "i386", "ppc64le")
        .contains(osArch))) {
      return "jblas 1.2.5 has native code for Linux (amd64, aarch64, i386, ppc64le), Intel Macs (x86_64) and "
          + "Windows, not for " + osName + " " + osArch + ". The fix that works: a 64-bit JDK 17 or newer on "
          + "Linux (amd64 or aarch64) or on an Intel Mac.";
    }
    if (linux && musl) {
      return "this Linux uses musl libc (Alpine), and jblas 1.2.5's native code is built for glibc. Installing "
          + "libgfortran cannot help. The fix that works: a glibc-based system or container (Debian, Ubuntu, "
          + "Fedora), for example docker run -it debian:12.";
    }
    boolean needsLibgfortran = linux && osArch.equals("amd64") && libgfortran == null;
    if (tmp == TmpDir.NOT_EXECUTABLE) {
      return "jblas unpacks it into the temporary folder java.io.tmpdir = " + tmpDir + " and loads it from "
          + "there, but that folder does not allow executing files"
          + (noexecMount == null ? "" : " (its file system " + noexecMount + " is mounted noexec)")
          + (needsLibgfortran ? ". " : ". Installing libraries cannot help. ") + TMPDIR_FIX + (needsLibgfortran
          ? " Then install libgfortran.so.5 too (Debian/Ubuntu: sudo apt-get install libgfortran5)." : "");
    }
    if (tmp == TmpDir.NOT_WRITABLE) {
      return "jblas unpacks it into the temporary folder java.io.tmpdir = " + tmpDir + ", which cannot be "
          + "written. " + TMPDIR_FIX.replace("a folder that allows executing", "a writable folder that allows "
          + "executing");
    }
    if (needsLibgfortran) {
      return "it needs the system library libgfortran.so.5. Install it and restart the kernel:\n"
          + "  Debian/Ubuntu: sudo apt-get install libgfortran5\n"
          + "  Fedora/RHEL:   sudo dnf install libgfortran\n"
          + "  conda:         conda install -c conda-forge libgfortran5";
    }
    return "none of the usual causes applies here (" + osName + " " + osArch + ", java.io.tmpdir " + tmpDir
        + " allows executing" + (libgfortran == null ? "" : ", libgfortran.so.5 is in " + libgfortran)
        + "). jblas printed the library that failed and why just above this message, on a line starting "
        + "\"Couldn't load copied link file\": that line names what is missing.";
  }

  /** Whether a tiny script can be written into {@code dir} and executed there. */
  static TmpDir probeTmp(Path dir) {
    Path probe;
    try {
      probe = Files.createTempFile(dir, "nn-exec-probe-", ".sh");
    } catch (IOException | RuntimeException e) {
      return TmpDir.NOT_WRITABLE;
    }
    try {
      Files.writeString(probe, "#!/bin/sh\nexit 0\n", StandardCharsets.US_ASCII);
      if (!probe.toFile().setExecutable(true)) {
        return TmpDir.NOT_EXECUTABLE;
      }
      Process p = new ProcessBuilder(probe.toString()).start();  // IOException "error=13" on a noexec mount
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return TmpDir.EXECUTABLE;
    } catch (IOException e) {
      return TmpDir.NOT_EXECUTABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TmpDir.EXECUTABLE;
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException ignored) {
        // a probe file left in the temporary folder is harmless
      }
    }
  }

  /** The mount point of {@code dir}'s file system if /proc/self/mountinfo says it is mounted noexec. */
  static String noexecMount(Path dir, Path mountinfo) {
    String target;
    List<String> lines;
    try {
      target = dir.toRealPath().toString();
      lines = Files.readAllLines(mountinfo);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    String best = null;
    boolean noexec = false;
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length < 6) {
        continue;
      }
      String point = f[4].replace("\\040", " ");
      boolean under = target.equals(point) || target.startsWith(point.endsWith("/") ? point : point + "/");
      if (under && (best == null || point.length() >= best.length())) {
        best = point;
        noexec = List.of(f[5].split(",")).contains("noexec");
      }
    }
    return noexec ? best : null;
  }

  private static boolean isMusl() {
    if (Files.exists(Path.of("/etc/alpine-release"))) {
      return true;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of("/lib"), "ld-musl-*.so.1")) {
      return s.iterator().hasNext();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The first folder holding libgfortran.so.5 among those the dynamic loader searches, or null. */
  static String findLibgfortran() {
    List<String> dirs = new ArrayList<>();
    String ld = System.getenv("LD_LIBRARY_PATH");
    if (ld != null) {
      dirs.addAll(List.of(ld.split(":")));
    }
    String conda = System.getenv("CONDA_PREFIX");
    if (conda != null) {
      dirs.add(conda + "/lib");
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of("/etc/ld.so.conf.d"), "*.conf")) {
      for (Path p : s) {
        for (String line : Files.readAllLines(p)) {
          if (line.trim().startsWith("/")) {
            dirs.add(line.trim());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // no such folder: the standard ones below still count
    }
    dirs.addAll(List.of("/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib",
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"));
    for (String d : dirs) {
      if (!d.isEmpty() && Files.exists(Path.of(d, "libgfortran.so.5"))) {
        return d;
      }
    }
    return null;
  }
}
