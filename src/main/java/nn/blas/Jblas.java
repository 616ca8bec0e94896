package nn.blas;

import org.jblas.DoubleMatrix;

/**
 * Makes sure jblas's native code loads, and says what to install when it does not.
 *
 * <p>jblas ships its BLAS as native code that, on Linux, needs the system's {@code libgfortran.so.5}.
 * Without it the first matrix product fails with a bare {@code UnsatisfiedLinkError}; we try one tiny
 * product up front and turn that into a message that names the missing package.
 */
public final class Jblas {
  private static volatile boolean loaded;

  private Jblas() {}

  /** Loads jblas's native code once; throws IllegalStateException naming the fix if it cannot. */
  public static void check() {
    if (loaded) {
      return;
    }
    synchronized (Jblas.class) {
      if (loaded) {
        return;
      }
      // jblas logs every temporary file it unpacks and deletes at INFO level: noise in a notebook.
      org.jblas.util.Logger.getLogger().setLevel(org.jblas.util.Logger.WARNING);
      try {
        DoubleMatrix a = DoubleMatrix.ones(2, 2);
        a.mmul(a);
        loaded = true;
      } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
        throw new IllegalStateException(message(e), e);
      }
    }
  }

  /** The message shown when the native code cannot load. */
  static String message(Throwable cause) {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String install;
    if (os.contains("linux")) {
      install = "it needs the system library libgfortran.so.5. Install it and restart the kernel:\n"
          + "  Debian/Ubuntu: sudo apt-get install libgfortran5\n"
          + "  Fedora/RHEL:   sudo dnf install libgfortran\n"
          + "  conda:         conda install -c conda-forge libgfortran5";
    } else if (os.contains("mac")) {
      install = "on macOS it needs gfortran's runtime: brew install gcc, then restart the kernel.";
    } else {
      install = "check that you run a 64-bit JDK 17 or newer on a platform jblas 1.2.5 supports.";
    }
    return "jblas could not load its native BLAS code: " + install + "\n(cause: " + cause + ")";
  }
}
