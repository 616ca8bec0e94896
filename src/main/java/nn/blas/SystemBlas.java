package nn.blas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The system's OpenBLAS, reached through the module's small JNI bridge ({@code src/main/c/nnblas.c}).
 *
 * <p>Loaded once, on first use. Anything missing (no bridge in the jar because the build machine had no C
 * compiler, not Linux, no OpenBLAS installed, {@code NN_BLAS=bundled}) leaves {@link #available()} false and
 * {@link Blas} uses jblas's bundled BLAS instead, without a word: {@link #status()} says which and why.
 *
 * <p>Which library: the system property {@code nn.blas} or else the environment variable {@code NN_BLAS}:
 * unset or {@code auto} tries {@code libopenblas.so.0} then {@code libopenblas.so}; {@code bundled} keeps
 * jblas's; anything else is the path of a library with {@code cblas_dgemm} and {@code cblas_sgemm}.
 */
final class SystemBlas {
  private static final boolean AVAILABLE;
  private static final String STATUS;

  static {
    String[] result = load();
    AVAILABLE = result[0] != null;
    STATUS = AVAILABLE ? result[0] : result[1];
  }

  private SystemBlas() {}

  /** True when products go to the system's BLAS. */
  static boolean available() {
    return AVAILABLE;
  }

  /** "system OpenBLAS ..." when available, otherwise why not. */
  static String status() {
    return STATUS;
  }

  /** {@code {description, null}} on success, {@code {null, reason}} otherwise. Never throws. */
  private static String[] load() {
    String choice = System.getProperty("nn.blas");
    if (choice == null || choice.isBlank()) {
      choice = System.getenv("NN_BLAS");
    }
    choice = choice == null || choice.isBlank() ? "auto" : choice.trim();
    if (choice.equals("bundled")) {
      return new String[] {null, "NN_BLAS=bundled"};
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      return new String[] {null, "the system-BLAS bridge is built on Linux only"};
    }
    String arch = System.getProperty("os.arch", "");
    String dir = arch.equals("amd64") ? "x86_64" : arch;
    String resource = "/nn/native/linux-" + dir + "/libnnblas.so";
    try {
      Path bridge = extract(resource);
      if (bridge == null) {
        return new String[] {null, "the jar has no " + resource + " (it was built without a C compiler)"};
      }
      System.load(bridge.toString());
    } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
      return new String[] {null, "the system-BLAS bridge did not load: " + e.getMessage()};
    }
    String[] names = choice.equals("auto") ? new String[] {"libopenblas.so.0", "libopenblas.so"}
        : new String[] {choice};
    StringBuilder why = new StringBuilder();
    for (String name : names) {
      String failure;
      try {
        failure = open(name);
      } catch (UnsatisfiedLinkError e) {
        failure = e.getMessage();
      }
      if (failure == null) {
        String about = describe();
        return new String[] {"system BLAS " + name + (about.isEmpty() ? "" : " (" + about.trim() + ")"), null};
      }
      why.append(why.length() == 0 ? "" : "; ").append(failure);
    }
    if (!choice.equals("auto")) {
      // The learner asked for this library by name: say once why it is not used instead of going quiet.
      System.err.println("nn: NN_BLAS=" + choice + " could not be used (" + why
          + "); using jblas's bundled BLAS. Set NN_BLAS to the path of an OpenBLAS library, or unset it.");
    }
    return new String[] {null, "no system OpenBLAS: " + why};
  }

  /** Copies the bridge out of the jar (native code cannot load from inside a jar); null if absent. */
  private static Path extract(String resource) throws IOException {
    try (InputStream in = SystemBlas.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Path file = Files.createTempFile("nnblas", ".so");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    }
  }

  /** dlopen + dlsym; null on success, else the reason. */
  private static native String open(String library);

  /** The BLAS's own description (OpenBLAS: configuration and the core type it picked), or "". */
  private static native String describe();

  /** C[cOff..] = alpha op(A) op(B) + beta C, column-major; {@link Blas} has checked every bound. */
  static native void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
      int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc);

  /** The float32 twin of {@link #dgemm}. */
  static native void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
      int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);
}
