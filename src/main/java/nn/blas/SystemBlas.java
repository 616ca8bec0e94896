package nn.blas;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system's OpenBLAS, reached through {@code dev.ludovic.netlib}'s JNI shim, which hands the Java arrays to
 * the library without copying them (jblas copies every array it passes to native code).
 *
 * <p>Loaded once, on first use. Which library: the system property {@code nn.blas}, else the environment
 * variable {@code NN_BLAS}: unset or {@code auto} looks for {@code libopenblas.so.0} (then {@code libopenblas.so})
 * in the usual library folders and {@code LD_LIBRARY_PATH}; {@code bundled} keeps jblas's; anything else is the
 * path of a BLAS library. netlib is always told the exact file ({@code dev.ludovic.netlib.blas.nativeLibPath},
 * set before its first use), because left alone it opens {@code libblas.so.3}, which on some machines is the
 * slow reference BLAS: that must never win silently over jblas's own. Anything missing (no OpenBLAS, not Linux,
 * netlib's shim not loading) leaves {@link #available()} false and {@link Blas} uses jblas's bundled BLAS;
 * {@link #status()} says which and why. netlib's pure-Java BLAS is never used (2-5x slower than jblas's).
 */
final class SystemBlas {
  static final String NETLIB_PATH = "dev.ludovic.netlib.blas.nativeLibPath";
  private static final String[] DIRS = {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
      "/usr/lib", "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/lib64", "/usr/local/lib"};
  /** Held, so its level survives: netlib logs each implementation it could not load, at WARNING, to stderr. */
  private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("dev.ludovic.netlib");
  private static final NativeBLAS NATIVE;
  private static final String STATUS;

  static {
    NETLIB_LOG.setLevel(java.util.logging.Level.OFF); // Blas.describe() says what was loaded and why
    Object[] result = load();
    NATIVE = (NativeBLAS) result[0];
    STATUS = (String) result[1];
  }

  private SystemBlas() {}

  /** True when products go to the system's BLAS. */
  static boolean available() {
    return NATIVE != null;
  }

  /** netlib's native BLAS, or null when jblas's is in use. */
  static NativeBLAS blas() {
    return NATIVE;
  }

  /** "system OpenBLAS 0.3.21 ..." when available, otherwise why not. */
  static String status() {
    return STATUS;
  }

  /** {@code {netlib's native BLAS, description}} or {@code {null, reason}}. Never throws. */
  private static Object[] load() {
    String choice = System.getProperty("nn.blas");
    if (choice == null || choice.isBlank()) {
      choice = System.getenv("NN_BLAS");
    }
    choice = choice == null || choice.isBlank() ? "auto" : choice.trim();
    if (choice.equals("bundled")) {
      return new Object[] {null, "NN_BLAS=bundled"};
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
      return new Object[] {null, "dev.ludovic.netlib's JNI shim is for Linux on x86-64 and aarch64 only"};
    }
    String preset = System.getProperty(NETLIB_PATH);
    Path library;
    if (preset != null && !preset.isBlank() && choice.equals("auto")) {
      library = Path.of(preset); // the learner told netlib directly: respect it, and say so
    } else if (choice.equals("auto")) {
      library = find();
      if (library == null) {
        return new Object[] {null, "no system OpenBLAS: libopenblas.so.0 is in none of " + String.join(", ",
            searched()) + " (Debian/Ubuntu: sudo apt-get install libopenblas0)"};
      }
    } else {
      library = Path.of(choice);
      if (!Files.isRegularFile(library)) {
        return unusable(choice, library + " is not a file");
      }
    }
    System.setProperty(NETLIB_PATH, library.toString());
    NativeBLAS blas;
    try {
      blas = NativeBLAS.getInstance();
      blas.dgemm("N", "N", 1, 1, 1, 1.0, new double[] {1}, 0, 1, new double[] {1}, 0, 1, 0.0, new double[1], 0, 1);
    } catch (RuntimeException | LinkageError e) {
      String why = "dev.ludovic.netlib's JNI shim could not open " + library
          + (classPresent("org.netlib.util.booleanW") ? "" : " (net.sourceforge.f2j:arpack_combined_all is not on "
          + "the classpath)");
      return choice.equals("auto") ? new Object[] {null, "no system OpenBLAS: " + why} : unusable(choice, why);
    }
    return new Object[] {blas, describe(library)};
  }

  /** The learner named a library that cannot be used: say so once, then jblas's BLAS does the work. */
  private static Object[] unusable(String choice, String why) {
    System.err.println("nn: NN_BLAS=" + choice + " could not be used (" + why + "); using jblas's bundled BLAS. "
        + "Set NN_BLAS to the path of an OpenBLAS library, or unset it.");
    return new Object[] {null, "no system OpenBLAS: " + why};
  }

  /** The first libopenblas.so.0 (or libopenblas.so) in LD_LIBRARY_PATH or the usual folders, or null. */
  private static Path find() {
    for (String name : new String[] {"libopenblas.so.0", "libopenblas.so"}) {
      for (String dir : searched()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static List<String> searched() {
    Set<String> dirs = new LinkedHashSet<>();
    String ld = System.getenv("LD_LIBRARY_PATH");
    if (ld != null) {
      for (String dir : ld.split(":")) {
        if (!dir.isBlank()) {
          dirs.add(dir);
        }
      }
    }
    dirs.addAll(List.of(DIRS));
    return new ArrayList<>(dirs);
  }

  /**
   * What was loaded, checked in the process's own memory map ({@code /proc/self/maps}): the file behind the
   * name, its OpenBLAS version, which kernels and threads, e.g. "system OpenBLAS 0.3.21 /usr/lib/... through
   * dev.ludovic.netlib 3.0.3; kernels: OpenBLAS's pick for this CPU; threads: ...".
   */
  private static String describe(Path library) {
    Path resolved = library;
    try {
      resolved = library.toRealPath();
    } catch (IOException ignored) {
      // a name dlopen resolved itself: keep it as given
    }
    Path real = resolved;
    List<String> maps = maps();
    boolean mapped = maps == null || maps.stream().anyMatch(line -> line.endsWith(" " + real));
    String version = version(real);
    if (version == null && maps != null) {
      // libblas.so.3 of an OpenBLAS install is a thin library over libopenblas: name the one it brought in.
      version = maps.stream().map(line -> line.substring(line.lastIndexOf(' ') + 1))
          .filter(file -> file.contains("/libopenblas")).findFirst().map(file -> version(Path.of(file))).orElse(null);
    }
    String kind = version != null ? "OpenBLAS " + version : "BLAS (not OpenBLAS: it may be slower than jblas's own)";
    String cores = System.getenv("OPENBLAS_CORETYPE");
    String threads = System.getenv("OPENBLAS_NUM_THREADS");
    return "system " + kind + " " + real + " through dev.ludovic.netlib 3.0.3"
        + (mapped ? "" : " (but not seen in /proc/self/maps)")
        + "; kernels: " + (cores == null || cores.isBlank() ? "OpenBLAS's pick for this CPU" : "OPENBLAS_CORETYPE="
        + cores) + "; threads: " + (threads == null || threads.isBlank() ? "OpenBLAS's default (results do not "
        + "depend on it: BlasTest)" : "OPENBLAS_NUM_THREADS=" + threads);
  }

  /** The lines of {@code /proc/self/maps} (what this process has loaded), or null where there is none. */
  private static List<String> maps() {
    try {
      return Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.ISO_8859_1);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** "0.3.21" from the "OpenBLAS 0.3.21 ..." configuration string inside the library file, or null. */
  static String version(Path file) {
    try {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      Matcher m = Pattern.compile("OpenBLAS (\\d+\\.\\d+\\.\\d+)").matcher(bytes);
      return m.find() ? m.group(1) : null;
    } catch (IOException | OutOfMemoryError e) {
      return null;
    }
  }

  private static boolean classPresent(String name) {
    try {
      Class.forName(name, false, SystemBlas.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
