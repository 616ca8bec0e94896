import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import nn.Network;
import nn.blas.Blas;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Init;
import nn.model.Output;
import nn.training.Epoch;
import nn.training.History;
import nn.training.Sgd;
import org.jblas.DoubleMatrix;

/**
 * Benchmark driver for the workbook's own trainer (jblas). A single-file program, so the module
 * stays free of benchmark code:
 *
 * <pre>java -cp target/nn-workbook.jar bench/JavaTrainer.java --data DIR --train 8000 --test 2000 ...</pre>
 *
 * <p>Takes the same options as the Python references (see bench/common.py) and prints one JSON
 * line: seconds of training per epoch (from {@code History}), final test accuracy, peak RSS.
 * {@code --impl NAME} only labels the run (the harness's java@bundled rows run the same {@code Network.fit} with
 * {@code NN_BLAS=bundled}, i.e. on jblas's own BLAS); {@code --float32} trains with {@code Sgd.float32(true)}. {@code --blas-peak N} instead times {@code nn.blas.Blas.gemm}
 * of two N x N matrices and prints GFLOP/s and which BLAS did it.
 *
 * <p>The IDX files are read here rather than through nn.data so that every implementation turns
 * the same bytes into the same doubles (byte / 255.0) and cuts the same first N examples.
 */
public class JavaTrainer {

  public static void main(String[] args) throws IOException {
    Options o = Options.parse(args);
    if (o.blasPeak > 0) {
      blasPeak(o.blasPeak);
      return;
    }
    Dataset train = load(Path.of(o.data), "train", o.train);
    Dataset test = load(Path.of(o.data), "t10k", o.test);
    var builder = Network.builder(o.sizes).seed(o.seed);
    Network net = o.fullBatch
        ? builder.hidden(Activation.RELU).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY).init(Init.UNIFORM).build()
        : builder.hidden(Activation.SIGMOID).output(Output.SIGMOID).cost(Cost.QUADRATIC).init(Init.GAUSSIAN).build();
    int batch = o.fullBatch ? train.size() : o.batch;
    // test = null: no evaluation between epochs (it would not be timed anyway, but costs wall time).
    Sgd sgd = new Sgd().epochs(o.epochs).batchSize(batch).eta(o.eta).seed(o.seed).monitorTraining(false)
        .verbose(false).float32(o.float32);
    History history = net.fit(train, null, sgd); // fit steps with nn.training.FastSgd
    List<String> seconds = new ArrayList<>();
    for (Epoch e : history.epochs()) {
      seconds.add(String.format(Locale.ROOT, "%.6f", e.seconds()));
    }
    double accuracy = net.evaluate(test).accuracy();
    System.out.printf(Locale.ROOT,
        "{\"impl\": \"%s\", \"epoch_seconds\": [%s], \"test_accuracy\": %.6f, \"peak_rss_mb\": %.1f}%n",
        o.impl, String.join(", ", seconds), accuracy, peakRssMb());
  }

  /**
   * Times C = A * B for N x N matrices (2 N^3 flops) through {@code nn.blas.Blas.gemm}, the call the trainer makes
   * (the system's OpenBLAS, or jblas's bundled BLAS under NN_BLAS=bundled); best of 5 after a warm-up.
   */
  static void blasPeak(int n) {
    double[] a = DoubleMatrix.randn(n, n).data;
    double[] b = DoubleMatrix.randn(n, n).data;
    double[] c = new double[n * n];
    Blas.gemm('N', 'N', n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, c, 0, n); // warm-up: loads the library, touches pages
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      Blas.gemm('N', 'N', n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, c, 0, n);
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    double gflops = 2.0 * n * n * n / best / 1e9;
    System.out.printf(Locale.ROOT,
        "{\"impl\": \"java-blas-peak\", \"n\": %d, \"seconds\": %.6f, \"gflops\": %.3f, \"blas\": \"%s\"}%n",
        n, best, gflops, Blas.describe().replace("\\", "/").replace("\"", "'"));
  }

  /** Reads {prefix}-images-idx3-ubyte.gz and {prefix}-labels-idx1-ubyte.gz, keeping the first `limit`. */
  static Dataset load(Path dir, String prefix, int limit) throws IOException {
    byte[][] images = readIdx(dir.resolve(prefix + "-images-idx3-ubyte.gz"));
    byte[][] labels = readIdx(dir.resolve(prefix + "-labels-idx1-ubyte.gz"));
    int n = images.length;
    if (labels.length != n) {
      throw new IllegalArgumentException(dir + ": " + n + " " + prefix + " images but " + labels.length + " labels");
    }
    if (limit > 0 && limit < n) {
      n = limit;
    }
    int pixels = images[0].length;
    double[] data = new double[pixels * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < pixels; p++) {
        data[i * pixels + p] = (images[i][p] & 0xff) / 255.0;
      }
      y[i] = labels[i][0] & 0xff;
    }
    return new Dataset(new DoubleMatrix(pixels, n, data), y, 10, prefix);
  }

  /** One row per item of an unsigned-byte IDX file (gzip). */
  static byte[][] readIdx(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
         DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
      int magic = in.readInt();
      if ((magic >>> 8) != 0x08) {
        throw new IllegalArgumentException(file + ": not an unsigned-byte IDX file, magic " + Integer.toHexString(magic));
      }
      int dims = magic & 0xff;
      int count = in.readInt();
      int itemSize = 1;
      for (int d = 1; d < dims; d++) {
        itemSize *= in.readInt();
      }
      byte[][] items = new byte[count][itemSize];
      for (byte[] item : items) {
        in.readFully(item);
      }
      return items;
    }
  }

  /** VmHWM of this JVM in MB (the harness also measures the child's peak RSS itself). */
  static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: report NaN below
    }
    return Double.NaN;
  }

  static final class Options {
    String data;
    int train;
    int test;
    int[] sizes = {784, 30, 10};
    boolean fullBatch;
    int epochs = 3;
    int batch = 10;
    double eta = 3.0;
    long seed = 42;
    int blasPeak;
    String impl = "java";
    boolean float32;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String v = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--data" -> o.data = args[++i];
          case "--train" -> o.train = Integer.parseInt(args[++i]);
          case "--test" -> o.test = Integer.parseInt(args[++i]);
          case "--sizes" -> {
            String[] parts = args[++i].split(",");
            o.sizes = new int[parts.length];
            for (int k = 0; k < parts.length; k++) {
              o.sizes[k] = Integer.parseInt(parts[k].trim());
            }
          }
          case "--mode" -> o.fullBatch = "fullbatch".equals(args[++i]);
          case "--epochs" -> o.epochs = Integer.parseInt(args[++i]);
          case "--batch" -> o.batch = Integer.parseInt(args[++i]);
          case "--eta" -> o.eta = Double.parseDouble(args[++i]);
          case "--seed" -> o.seed = Long.parseLong(args[++i]);
          case "--impl" -> o.impl = args[++i];
          case "--float32" -> o.float32 = true;
          case "--blas-peak" -> o.blasPeak = Integer.parseInt(args[++i]);
          default -> throw new IllegalArgumentException("unknown option " + args[i] + " (value " + v + ")");
        }
      }
      if (o.data == null && o.blasPeak == 0) {
        throw new IllegalArgumentException("--data DIR is required (a directory with the four IDX .gz files)");
      }
      return o;
    }
  }
}
