package nn.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import nn.model.Gradients;
import nn.model.Model;
import org.jblas.DoubleMatrix;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Checks {@link Model#backprop} against the definition of a derivative: for a parameter {@code p},
 * {@code ∂C/∂p ≈ (C(p + ε) - C(p - ε)) / 2ε} (central differences), where {@code C} is the mean cost of the
 * batch.
 *
 * <p>Per layer, the relative error {@code ‖numeric - backprop‖ / (‖numeric‖ + ‖backprop‖)} (Euclidean norms
 * over the parameters checked) is reported separately for the weights and the biases. A correct backprop gives
 * errors around 1e-9 or smaller; anything above {@link #THRESHOLD} means a bug.
 */
public final class GradientCheck {
  /** The largest relative error a correct implementation is expected to show. */
  public static final double THRESHOLD = 1e-7;
  /** The step {@code ε} of the central differences. */
  public static final double EPSILON = 1e-5;

  /**
   * How many weights and biases per layer {@link #run(Model, DoubleMatrix, DoubleMatrix)} and
   * {@link #compare(Model, DoubleMatrix, DoubleMatrix, Gradients)} check by default: a random sample (seed 0)
   * of at most this many of each. A 784-1000-10 network has 795,010 parameters, two cost evaluations each:
   * checking them all took about 30 minutes. Pass {@code Integer.MAX_VALUE} as {@code perLayer} for all.
   */
  public static final int DEFAULT_PER_LAYER = 100;
  /** A check expected to take longer than this says so first, and then reports progress this often. */
  static double progressSeconds = 5;

  /**
   * Relative errors of one layer's weight and bias gradients; {@code checked} of its {@code parameters}
   * weights and biases were perturbed.
   */
  public record Layer(int layer, double weightError, double biasError, int checked, int parameters) {}

  /** The per-layer results. */
  public record Result(List<Layer> layers) {
    /** The largest relative error of any layer. */
    public double maxError() {
      double max = 0;
      for (Layer l : layers) {
        max = Math.max(max, Math.max(l.weightError(), l.biasError()));
      }
      return max;
    }

    /** True if every error is below {@link #THRESHOLD}. */
    public boolean passed() {
      return maxError() < THRESHOLD;
    }

    /** Columns {@code layer}, {@code weights error}, {@code biases error}, {@code parameters checked}. */
    public Table toTable() {
      IntColumn layer = IntColumn.create("layer");
      DoubleColumn w = DoubleColumn.create("weights error");
      DoubleColumn b = DoubleColumn.create("biases error");
      IntColumn n = IntColumn.create("parameters checked");
      for (Layer l : layers) {
        layer.append(l.layer());
        w.append(l.weightError());
        b.append(l.biasError());
        n.append(l.checked());
      }
      return Table.create("gradient check", layer, w, b, n);
    }

    /** How many parameters were checked, and how many the network has. */
    public int checked() {
      return layers.stream().mapToInt(Layer::checked).sum();
    }

    public int parameters() {
      return layers.stream().mapToInt(Layer::parameters).sum();
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("layer  weights error  biases error  checked");
      for (Layer l : layers) {
        s.append(String.format(Locale.ROOT, "%n%5d  %13.2e  %12.2e  %7d", l.layer(), l.weightError(),
            l.biasError(), l.checked()));
      }
      s.append(String.format(Locale.ROOT, "%nmax relative error %.2e (%s %.0e)", maxError(),
          passed() ? "below" : "NOT below", THRESHOLD));
      if (checked() < parameters()) {
        s.append(String.format(Locale.ROOT, "%nchecked %,d of the %,d weights and biases, a random sample per "
            + "layer (GradientCheck.run(net, x, y, Integer.MAX_VALUE, 0) checks every one)", checked(),
            parameters()));
      }
      return s.toString();
    }
  }

  private GradientCheck() {}

  /**
   * Checks the weights and biases of every layer on the batch {@code x} ({@code sizes[0] x m}), {@code y}: all
   * of them in a small network, a random sample of {@link #DEFAULT_PER_LAYER} per layer in a big one (the
   * result says how many).
   */
  public static Result run(Model net, DoubleMatrix x, DoubleMatrix y) {
    return run(net, x, y, DEFAULT_PER_LAYER, 0);
  }

  /**
   * Checks at most {@code perLayer} randomly chosen weights (and biases) per layer: enough to catch a bug in a
   * big network without the cost of perturbing all of them.
   */
  public static Result run(Model net, DoubleMatrix x, DoubleMatrix y, int perLayer, long seed) {
    return compare(net, x, y, net.backprop(x, y), perLayer, seed);
  }

  /**
   * Checks gradients computed some other way, e.g. a backprop written in a lesson: {@code g} must hold
   * {@code nablaW[l]} and {@code nablaB[l]} of the mean cost of the batch, in the workbook's indexing.
   */
  public static Result compare(Model net, DoubleMatrix x, DoubleMatrix y, Gradients g) {
    return compare(net, x, y, g, DEFAULT_PER_LAYER, 0);
  }

  /** As {@link #compare(Model, DoubleMatrix, DoubleMatrix, Gradients)}, on at most {@code perLayer} per layer. */
  public static Result compare(Model net, DoubleMatrix x, DoubleMatrix y, Gradients g, int perLayer,
      long seed) {
    if (perLayer < 1) {
      throw new IllegalArgumentException("perLayer must be at least 1, got " + perLayer + ".");
    }
    if (net == null) {
      throw new IllegalArgumentException("GradientCheck needs a network, got null.");
    }
    int slots = net.layers() + 1;
    if (g == null || g.nablaW() == null || g.nablaB() == null || g.nablaW().length != slots
        || g.nablaB().length != slots) {
      throw new IllegalArgumentException("The gradients must hold arrays nablaW and nablaB of length " + slots
          + " (L + 1, slot 0 unused, like weights and biases), got " + (g == null ? "null"
              : "nablaW " + describe(g.nablaW()) + " and nablaB " + describe(g.nablaB())) + ".");
    }
    for (int l = 1; l <= net.layers(); l++) {
      if (g.nablaW()[l] == null || g.nablaB()[l] == null) {
        throw new IllegalArgumentException("nablaW[" + l + "] and nablaB[" + l + "] must be matrices (like "
            + "weights[" + l + "] and biases[" + l + "]), but " + (g.nablaW()[l] == null ? "nablaW" : "nablaB")
            + "[" + l + "] is null: compute every layer from 1 to L.");
      }
      if (g.nablaW()[l].rows != net.sizes[l] || g.nablaW()[l].columns != net.sizes[l - 1]
          || g.nablaB()[l].length != net.sizes[l]) {
        throw new IllegalArgumentException("nablaW[" + l + "] must be " + net.sizes[l] + " x " + net.sizes[l - 1]
            + " and nablaB[" + l + "] " + net.sizes[l] + " x 1, like weights[" + l + "] and biases[" + l
            + "]; got " + g.nablaW()[l].rows + " x " + g.nablaW()[l].columns + " and " + g.nablaB()[l].rows
            + " x " + g.nablaB()[l].columns + ".");
      }
    }
    Random random = new Random(seed);
    int[][] wIdx = new int[net.layers() + 1][];
    int[][] bIdx = new int[net.layers() + 1][];
    int total = 0;
    for (int l = 1; l <= net.layers(); l++) {
      wIdx[l] = pick(net.weights[l].length, perLayer, random);
      bIdx[l] = pick(net.biases[l].length, perLayer, random);
      total += wIdx[l].length + bIdx[l].length;
    }
    Progress progress = new Progress(net, x, y, total);
    List<Layer> layers = new ArrayList<>();
    for (int l = 1; l <= net.layers(); l++) {
      double we = relativeError(net, x, y, net.weights[l], g.nablaW()[l], wIdx[l], progress);
      double be = relativeError(net, x, y, net.biases[l], g.nablaB()[l], bIdx[l], progress);
      layers.add(new Layer(l, we, be, wIdx[l].length + bIdx[l].length, net.weights[l].length
          + net.biases[l].length));
    }
    return new Result(layers);
  }

  /** Says up front when a check will take a while, then how far it is, every {@link #progressSeconds}. */
  private static final class Progress {
    private final int total;
    private final long start = System.nanoTime();
    private long printed = start;
    private int done;

    Progress(Model net, DoubleMatrix x, DoubleMatrix y, int total) {
      this.total = total;
      long t = System.nanoTime();
      net.cost(x, y);
      double estimate = 2.0 * total * (System.nanoTime() - t) / 1e9;
      if (estimate > 2 * progressSeconds) {
        System.out.printf(Locale.ROOT, "GradientCheck: checking %,d weights and biases, two cost evaluations "
            + "each: about %.0f s%n", total, estimate);
      }
    }

    void step() {
      done++;
      long now = System.nanoTime();
      if ((now - printed) / 1e9 >= progressSeconds && done < total) {
        double perStep = (now - start) / 1e9 / done;
        System.out.printf(Locale.ROOT, "GradientCheck: %,d of %,d checked, about %.0f s to go%n", done, total,
            perStep * (total - done));
        printed = now;
      }
    }
  }

  private static String describe(DoubleMatrix[] a) {
    return a == null ? "null" : "of length " + a.length;
  }

  private static double relativeError(Model net, DoubleMatrix x, DoubleMatrix y, DoubleMatrix param,
      DoubleMatrix analytic, int[] indices, Progress progress) {
    double diff = 0;
    double normNumeric = 0;
    double normAnalytic = 0;
    for (int i : indices) {
      double saved = param.data[i];
      param.data[i] = saved + EPSILON;
      double plus = net.cost(x, y);
      param.data[i] = saved - EPSILON;
      double minus = net.cost(x, y);
      param.data[i] = saved;
      double numeric = (plus - minus) / (2 * EPSILON);
      double a = analytic.data[i];
      diff += (numeric - a) * (numeric - a);
      normNumeric += numeric * numeric;
      normAnalytic += a * a;
      progress.step();
    }
    double denominator = Math.sqrt(normNumeric) + Math.sqrt(normAnalytic);
    return denominator == 0 ? 0 : Math.sqrt(diff) / denominator;
  }

  /** {@code min(k, n)} distinct indices in {@code 0..n-1}: all of them when k >= n, in order. */
  private static int[] pick(int n, int k, Random random) {
    if (k >= n) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] chosen = new int[k];
    System.arraycopy(perm, 0, chosen, 0, k);
    java.util.Arrays.sort(chosen);
    return chosen;
  }
}
