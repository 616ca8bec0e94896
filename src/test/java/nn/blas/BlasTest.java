package nn.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** nn.blas.Blas: the same products as jblas's mmul, on the system's OpenBLAS (through netlib) when there is one, jblas's otherwise. */
class BlasTest {

  /** op(A) op(B) through Blas.gemm, with A and B stored at an offset inside larger arrays (ld > rows). */
  private static DoubleMatrix viaGemm(char ta, char tb, DoubleMatrix a, DoubleMatrix b, double alpha, double beta,
      DoubleMatrix c) {
    int m = ta == 'N' ? a.rows : a.columns;
    int k = ta == 'N' ? a.columns : a.rows;
    int n = tb == 'N' ? b.columns : b.rows;
    double[] pa = padded(a, 3, 2);
    double[] pb = padded(b, 5, 1);
    double[] pc = padded(c, 7, 4);
    Blas.gemm(ta, tb, m, n, k, alpha, pa, 3, a.rows + 2, pb, 5, b.rows + 1, beta, pc, 7, c.rows + 4);
    DoubleMatrix result = new DoubleMatrix(c.rows, c.columns);
    for (int col = 0; col < c.columns; col++) {
      for (int row = 0; row < c.rows; row++) {
        result.put(row, col, pc[7 + col * (c.rows + 4) + row]);
      }
    }
    return result;
  }

  /** The matrix copied into an array of leading dimension rows + extra, starting at offset. */
  private static double[] padded(DoubleMatrix x, int offset, int extra) {
    int ld = x.rows + extra;
    double[] out = new double[offset + ld * x.columns + 3];
    java.util.Arrays.fill(out, Double.NaN); // any read of padding shows up as NaN in the result
    for (int col = 0; col < x.columns; col++) {
      for (int row = 0; row < x.rows; row++) {
        out[offset + col * ld + row] = x.get(row, col);
      }
    }
    return out;
  }

  @Test
  void gemmMatchesJblasInEveryTransposeCombination() {
    Random random = new Random(7);
    int m = 13;
    int n = 9;
    int k = 31;
    for (char ta : new char[] {'N', 'T'}) {
      for (char tb : new char[] {'N', 'T'}) {
        DoubleMatrix a = ta == 'N' ? randn(random, m, k) : randn(random, k, m);
        DoubleMatrix b = tb == 'N' ? randn(random, k, n) : randn(random, n, k);
        DoubleMatrix c = randn(random, m, n);
        DoubleMatrix opA = ta == 'N' ? a : a.transpose();
        DoubleMatrix opB = tb == 'N' ? b : b.transpose();
        DoubleMatrix expected = opA.mmul(opB).mul(-0.5).add(c.mul(2.0));
        DoubleMatrix actual = viaGemm(ta, tb, a, b, -0.5, 2.0, c);
        double difference = actual.sub(expected).normmax();
        assertTrue(difference < 1e-12, ta + "" + tb + ": largest difference " + difference);
      }
    }
  }

  @Test
  void floatGemmAgreesWithDoubleToSinglePrecision() {
    Random random = new Random(8);
    DoubleMatrix a = randn(random, 30, 784);
    DoubleMatrix b = randn(random, 784, 10);
    DoubleMatrix expected = a.mmul(b);
    float[] fa = toFloat(a.data);
    float[] fb = toFloat(b.data);
    float[] fc = new float[30 * 10];
    Blas.gemm('N', 'N', 30, 10, 784, 1f, fa, 0, 30, fb, 0, 784, 0f, fc, 0, 30);
    for (int i = 0; i < fc.length; i++) {
      // a sum of 784 products of N(0,1) numbers is about 28 in size; float32 keeps about 7 digits of it
      assertEquals(expected.data[i], fc[i], 1e-3, "element " + i);
    }
    // Transposed flags too: (A^T)^T B = A B with A held as its transpose.
    float[] faT = toFloat(a.transpose().data);
    float[] fc2 = new float[30 * 10];
    Blas.gemm('T', 'N', 30, 10, 784, 1f, faT, 0, 784, fb, 0, 784, 0f, fc2, 0, 30);
    for (int i = 0; i < fc2.length; i++) {
      assertEquals(expected.data[i], fc2[i], 1e-3, "transposed, element " + i);
    }
  }

  @Test
  void badCallsAreExceptionsNamingTheProblemNotNativeCrashes() {
    double[] a = new double[6];
    double[] b = new double[6];
    double[] c = new double[4];
    IllegalArgumentException shortArray = assertThrows(IllegalArgumentException.class,
        () -> Blas.gemm('N', 'N', 2, 2, 3, 1.0, a, 1, 2, b, 0, 3, 0.0, c, 0, 2));
    assertEquals("gemm: A is 2 x 3 with leading dimension 2 at offset 1, which needs 7 elements; the array has 6.",
        shortArray.getMessage());
    IllegalArgumentException smallLd = assertThrows(IllegalArgumentException.class,
        () -> Blas.gemm('N', 'T', 2, 2, 3, 1.0, a, 0, 2, b, 0, 1, 0.0, c, 0, 2));
    assertEquals("gemm: B is 2 x 3 stored with leading dimension 1 at offset 0; the leading dimension must be at"
        + " least max(1, 2) and the offset >= 0.", smallLd.getMessage());
    IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
        () -> Blas.gemm('n', 'N', 2, 2, 3, 1.0, a, 0, 2, b, 0, 3, 0.0, c, 0, 2));
    assertEquals("gemm: transpose flags must be 'N' or 'T'; got 'n', 'N'.", flag.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> Blas.gemm('N', 'N', -1, 2, 3, 1.0, a, 0, 2, b, 0, 3, 0.0, c, 0, 2));
    assertEquals("gemm: sizes must be >= 0; got m=-1, n=2, k=3.", negative.getMessage());
    double[] untouched = c.clone();
    Blas.gemm('N', 'N', 0, 2, 3, 1.0, a, 0, 1, b, 0, 3, 0.0, c, 0, 1); // an empty product is allowed and a no-op
    assertTrue(java.util.Arrays.equals(untouched, c));
  }

  /**
   * On Linux with OpenBLAS installed, the system's OpenBLAS must be the one in use, reached through netlib,
   * and named exactly (netlib is told the file, never left to open libblas.so.3); without it, the status must
   * say why. (CI installs libopenblas0, so there the first branch is the one checked.)
   */
  @Test
  void usesTheSystemOpenBlasWhenTheMachineHasIt() {
    String describe = Blas.describe();
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    boolean supported = os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64"));
    if (supported && openBlasInstalled() && System.getenv("NN_BLAS") == null) {
      assertTrue(Blas.usesSystemBlas(), describe);
      assertTrue(describe.startsWith("system OpenBLAS 0."), describe); // the version, read from the library
      assertTrue(describe.contains(" through dev.ludovic.netlib 3.0.3; kernels: "), describe);
      String told = System.getProperty(SystemBlas.NETLIB_PATH);
      assertTrue(told.contains("libopenblas"), "netlib must be told the OpenBLAS file, not pick one: " + told);
    } else if (supported) {
      assertTrue(describe.startsWith("jblas's bundled BLAS ("), describe);
    } else {
      assertEquals("jblas's bundled BLAS (dev.ludovic.netlib's JNI shim is for Linux on x86-64 and aarch64 only)",
          describe);
    }
  }

  @Test
  void nnBlasBundledFallsBackToJblasWithTheSameResults() throws Exception {
    Child bundled = runChild("bundled");
    assertEquals("jblas's bundled BLAS (NN_BLAS=bundled)", bundled.describe);
    assertEquals("", bundled.stderr);
    assertEquals(Child.referenceProduct(), bundled.product, 1e-9);
  }

  @Test
  void anUnusableNnBlasPathSaysSoOnceAndFallsBack() throws Exception {
    Child child = runChild("/no/such/dir/libopenblas.so");
    assertEquals("jblas's bundled BLAS (no system OpenBLAS: /no/such/dir/libopenblas.so is not a file)",
        child.describe);
    assertEquals("nn: NN_BLAS=/no/such/dir/libopenblas.so could not be used (/no/such/dir/libopenblas.so is not a "
        + "file); using jblas's bundled BLAS. Set NN_BLAS to the path of an OpenBLAS library, or unset it.",
        child.stderr.strip());
    assertEquals(Child.referenceProduct(), child.product, 1e-9);
    Path notBlas = Files.createTempFile("not-a-blas", ".so");
    try {
      Child other = runChild(notBlas.toString());
      assertEquals("jblas's bundled BLAS (no system OpenBLAS: dev.ludovic.netlib's JNI shim could not open "
          + notBlas + ")", other.describe);
      assertEquals(Child.referenceProduct(), other.product, 1e-9);
    } finally {
      Files.delete(notBlas);
    }
  }

  /** OpenBLAS may share a large product between threads: the trained weights must not change by a bit. */
  @Test
  void blasThreadsChangeNoBitOfTraining() throws Exception {
    if (!Blas.usesSystemBlas()) {
      return; // jblas's bundled BLAS: one thread, nothing to compare
    }
    String one = runTrainingChild("1");
    String two = runTrainingChild("2");
    assertEquals(one, two, "weights after training with OPENBLAS_NUM_THREADS=1 and =2");
  }

  /** What a child JVM with NN_BLAS set reports: its Blas.describe(), one product, what it printed on stderr. */
  private record Child(String describe, double product, String stderr) {
    /** Sum of the entries of a fixed 50 x 40 by 40 x 30 product: the same number whichever BLAS computes it. */
    static double referenceProduct() {
      Random random = new Random(3);
      DoubleMatrix a = randn(random, 50, 40);
      DoubleMatrix b = randn(random, 40, 30);
      double[] c = new double[50 * 30];
      Blas.gemm('N', 'N', 50, 30, 40, 1.0, a.data, 0, 50, b.data, 0, 40, 0.0, c, 0, 50);
      double sum = 0;
      for (double v : c) {
        sum += v;
      }
      return sum;
    }
  }

  /** Entry point of the child JVM: describe and one product, or ("train") a checksum of trained weights. */
  public static final class ChildMain {
    public static void main(String[] args) {
      if (args.length > 0) {
        System.out.println(trainedWeights());
        return;
      }
      System.out.println(Blas.describe());
      System.out.println(Child.referenceProduct());
    }

    /** CRC-32 of every weight's bits after mini-batch (100) and full-batch training: products large enough to thread. */
    private static String trainedWeights() {
      nn.data.Dataset data = nn.data.Mnist.sample().train().head(1000);
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      for (int batch : new int[] {100, nn.training.Sgd.FULL_BATCH}) {
        nn.Network net = nn.Network.builder(784, 200, 10).seed(1).build();
        net.fit(data, null, new nn.training.Sgd().epochs(3).batchSize(batch).eta(1.0).verbose(false)
            .monitorTraining(false));
        for (int l = 1; l <= net.layers(); l++) {
          java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8 * net.weights[l].length);
          bytes.asDoubleBuffer().put(net.weights[l].data);
          crc.update(bytes.array());
        }
      }
      return Long.toHexString(crc.getValue());
    }
  }

  private static String runTrainingChild(String threads) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        ChildMain.class.getName(), "train");
    pb.environment().remove("NN_BLAS");
    pb.environment().put("OPENBLAS_NUM_THREADS", threads);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), "child failed: " + out);
    return out;
  }

  private static Child runChild(String nnBlas) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
        ChildMain.class.getName());
    pb.environment().put("NN_BLAS", nnBlas);
    Path err = Files.createTempFile("blas-child", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "child failed: " + out + Files.readString(err));
    String stderr = Files.readString(err);
    Files.delete(err);
    String[] lines = out.strip().split("\n");
    return new Child(lines[0].strip(), Double.parseDouble(lines[1].strip()), stderr);
  }

  private static boolean openBlasInstalled() {
    for (String dir : new String[] {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
        "/usr/lib", "/lib/x86_64-linux-gnu", "/lib64"}) {
      if (Files.exists(Path.of(dir, "libopenblas.so.0")) || Files.exists(Path.of(dir, "libopenblas.so"))) {
        return true;
      }
    }
    return false;
  }

  private static DoubleMatrix randn(Random random, int rows, int columns) {
    DoubleMatrix x = new DoubleMatrix(rows, columns);
    for (int i = 0; i < x.data.length; i++) {
      x.data[i] = random.nextGaussian();
    }
    return x;
  }

  private static float[] toFloat(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
