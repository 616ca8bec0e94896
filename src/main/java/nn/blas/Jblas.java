package nn.blas;

import org.jblas.DoubleMatrix;

/**
 * Makes sure jblas's native code loads, and says what to install when it does not.
 *
 * <p>jblas ships its BLAS as native code, unpacked into {@code java.io.tmpdir} and loaded from there; on Linux
 * amd64 it needs the system's {@code libgfortran.so.5}. When it cannot load, the first matrix product fails with
 * a bare {@code UnsatisfiedLinkError}; we try one tiny product up front and turn that into a message naming the
 * machine's real problem (Apple Silicon JDK, noexec temporary folder, musl, Windows, missing libgfortran: see
 * {@link Machine}) and the fix that works there.
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

  /** The message shown when the native code cannot load, for the machine this JVM runs on. */
  static String message(Throwable cause) {
    return Machine.current().explain(cause);
  }
}
