package nn.blas;

import dev.ludovic.netlib.blas.NativeBLAS;
import org.jblas.NativeBlas;

/**
 * Matrix products for the training loop: the system's OpenBLAS through {@code dev.ludovic.netlib} when there
 * is one, jblas's bundled BLAS otherwise (see {@link SystemBlas}). The answer is the same either way up to
 * rounding; only the speed differs.
 *
 * <p>{@code gemm} computes {@code C = alpha op(A) op(B) + beta C} on column-major arrays, as BLAS does:
 * {@code op(A)} is {@code m x k}, {@code op(B)} is {@code k x n}, {@code C} is {@code m x n}; {@code 'T'}
 * means the array holds the transpose ({@code A} stored {@code k x m}). Every size and offset is checked
 * here, so a wrong call is an exception and never a crash in native code.
 */
public final class Blas {
  private Blas() {}

  /** Which BLAS the training loop uses, and why, e.g. "system OpenBLAS 0.3.21 /usr/lib/... through ...". */
  public static String describe() {
    Jblas.check();
    return SystemBlas.available() ? SystemBlas.status() : "jblas's bundled BLAS (" + SystemBlas.status() + ")";
  }

  /** True when the system's OpenBLAS does the products. */
  public static boolean usesSystemBlas() {
    return SystemBlas.available();
  }

  /** Double precision: {@code c = alpha op(a) op(b) + beta c}. */
  public static void gemm(char transA, char transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
    check(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    NativeBLAS system = SystemBlas.blas();
    if (system != null) {
      system.dgemm(flag(transA), flag(transB), m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    } else {
      NativeBlas.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
  }

  /** Single precision: {@code c = alpha op(a) op(b) + beta c}. */
  public static void gemm(char transA, char transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    check(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    NativeBLAS system = SystemBlas.blas();
    if (system != null) {
      system.sgemm(flag(transA), flag(transB), m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    } else {
      NativeBlas.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
  }

  /** netlib takes the flags as strings: one constant each, so a product allocates nothing. */
  private static String flag(char trans) {
    return trans == 'T' ? "T" : "N";
  }

  private static void check(char transA, char transB, int m, int n, int k, int aLength, int aOff, int lda,
      int bLength, int bOff, int ldb, int cLength, int cOff, int ldc) {
    if ((transA != 'N' && transA != 'T') || (transB != 'N' && transB != 'T')) {
      throw new IllegalArgumentException("gemm: transpose flags must be 'N' or 'T'; got '" + transA + "', '"
          + transB + "'.");
    }
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("gemm: sizes must be >= 0; got m=" + m + ", n=" + n + ", k=" + k + ".");
    }
    fits("A", transA == 'N' ? m : k, transA == 'N' ? k : m, aLength, aOff, lda);
    fits("B", transB == 'N' ? k : n, transB == 'N' ? n : k, bLength, bOff, ldb);
    fits("C", m, n, cLength, cOff, ldc);
  }

  /** A rows x cols column-major matrix at {@code off} with leading dimension {@code ld} lies inside the array. */
  private static void fits(String name, int rows, int cols, int length, int off, int ld) {
    if (ld < Math.max(1, rows) || off < 0) {
      throw new IllegalArgumentException("gemm: " + name + " is " + rows + " x " + cols + " stored with leading"
          + " dimension " + ld + " at offset " + off + "; the leading dimension must be at least max(1, "
          + rows + ") and the offset >= 0.");
    }
    if (rows > 0 && cols > 0 && (long) off + (long) ld * (cols - 1) + rows > length) {
      throw new IllegalArgumentException("gemm: " + name + " is " + rows + " x " + cols + " with leading dimension "
          + ld + " at offset " + off + ", which needs " + ((long) off + (long) ld * (cols - 1) + rows)
          + " elements; the array has " + length + ".");
    }
  }
}
