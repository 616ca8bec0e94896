package nn.training;

import nn.blas.Blas;

/**
 * A flat, column-major array of numbers stored in float64 or float32: what lets {@link FastSgd} write the
 * training step once, whatever the precision ({@code Sgd.float32}).
 *
 * <p>Arithmetic on single elements is done in double either way ({@link #get} widens, {@link #set} rounds);
 * only the storage, and so the matrix products ({@link #gemm}: BLAS's {@code dgemm} or {@code sgemm}), differ.
 * float32 halves the bytes every product moves and doubles the multiply-adds per instruction; it keeps about
 * 7 significant digits, which SGD does not notice (its own noise is far larger).
 *
 * <p>Why not a {@code double[]} and a {@code float[]} path: they would be two copies of the same step (the
 * workbook had them, 740 lines). The JIT inlines {@link #get} and {@link #set}, so a training run, which
 * uses one precision, pays nothing for the indirection (bench/README.md).
 */
abstract sealed class Buffer permits Buffer.F64, Buffer.F32 {
  /** A buffer of {@code length} zeros, float32 if {@code float32}, else float64. */
  static Buffer zeros(boolean float32, int length) {
    return float32 ? new F32(new float[length]) : new F64(new double[length]);
  }

  /**
   * {@code values} in the given precision: float64 shares the array (no copy), float32 rounds a copy of it.
   */
  static Buffer of(boolean float32, double[] values) {
    if (!float32) {
      return new F64(values);
    }
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return new F32(f);
  }

  abstract int length();

  abstract double get(int i);

  abstract void set(int i, double v);

  /** Sets elements {@code from .. to-1} to {@code v}. */
  abstract void fill(int from, int to, double v);

  /** Copies {@code n} elements of {@code src} (the same precision) from {@code srcPos} to {@code pos}. */
  abstract void copy(Buffer src, int srcPos, int pos, int n);

  /** This buffer ({@code cols x rows}) = the transpose of {@code from} ({@code rows x cols}), column-major. */
  final void transposeOf(double[] from, int rows, int cols) {
    for (int c = 0; c < cols; c++) {
      for (int r = 0; r < rows; r++) {
        set(r * cols + c, from[c * rows + r]);
      }
    }
  }

  /** {@code to} ({@code cols x rows}) = the transpose of this buffer ({@code rows x cols}), column-major. */
  final void transposeInto(double[] to, int rows, int cols) {
    for (int c = 0; c < cols; c++) {
      for (int r = 0; r < rows; r++) {
        to[r * cols + c] = get(c * rows + r);
      }
    }
  }

  /** {@code c = alpha op(a) op(b) + beta c}, as {@link Blas#gemm}; all three in the same precision. */
  static void gemm(char transA, char transB, int m, int n, int k, double alpha, Buffer a, int aOff, int lda,
      Buffer b, int bOff, int ldb, double beta, Buffer c, int cOff, int ldc) {
    if (c instanceof F64 c64) {
      Blas.gemm(transA, transB, m, n, k, alpha, ((F64) a).data, aOff, lda, ((F64) b).data, bOff, ldb, beta,
          c64.data, cOff, ldc);
    } else {
      Blas.gemm(transA, transB, m, n, k, (float) alpha, ((F32) a).data, aOff, lda, ((F32) b).data, bOff, ldb,
          (float) beta, ((F32) c).data, cOff, ldc);
    }
  }

  /** float64 storage. */
  static final class F64 extends Buffer {
    final double[] data;

    F64(double[] data) {
      this.data = data;
    }

    @Override
    int length() {
      return data.length;
    }

    @Override
    double get(int i) {
      return data[i];
    }

    @Override
    void set(int i, double v) {
      data[i] = v;
    }

    @Override
    void fill(int from, int to, double v) {
      java.util.Arrays.fill(data, from, to, v);
    }

    @Override
    void copy(Buffer src, int srcPos, int pos, int n) {
      System.arraycopy(((F64) src).data, srcPos, data, pos, n);
    }
  }

  /** float32 storage. */
  static final class F32 extends Buffer {
    final float[] data;

    F32(float[] data) {
      this.data = data;
    }

    @Override
    int length() {
      return data.length;
    }

    @Override
    double get(int i) {
      return data[i];
    }

    @Override
    void set(int i, double v) {
      data[i] = (float) v;
    }

    @Override
    void fill(int from, int to, double v) {
      java.util.Arrays.fill(data, from, to, (float) v);
    }

    @Override
    void copy(Buffer src, int srcPos, int pos, int n) {
      System.arraycopy(((F32) src).data, srcPos, data, pos, n);
    }
  }
}
