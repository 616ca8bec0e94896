package nn.model;

import java.util.Arrays;
import java.util.Random;
import nn.blas.Jblas;
import nn.data.Chunks;
import nn.data.Dataset;
import org.jblas.DoubleMatrix;

/**
 * A fully connected feed-forward network: its sizes, weights and biases, the forward pass and backpropagation.
 * Learners use it as {@link nn.Network}, which adds the doors {@code fit}, {@code save} and {@code load};
 * training ({@code nn.training}) and the model file ({@code nn.io}) see a network only as this class.
 *
 * <h2>Indexing (the workbook's convention)</h2>
 * Layer 0 is the input; {@code L = sizes.length - 1} is the output layer. For {@code sizes = {2, 3, 1}}:
 * <ul>
 *   <li>{@code weights[l]} enters layer {@code l}: shape {@code sizes[l] x sizes[l-1]}; element {@code (j, k)}
 *       joins neuron {@code k} of layer {@code l-1} to neuron {@code j} of layer {@code l}. So
 *       {@code weights[1]} is 3 x 2 and {@code weights[2]} is 1 x 3.
 *   <li>{@code biases[l]} is a column of {@code sizes[l]}.
 *   <li>Slot 0 of {@code weights} and {@code biases} exists and is unused (an empty 0x0 matrix): the input
 *       layer has no weights entering it. Keeping the slot makes every index equal the layer number.
 * </ul>
 * The arrays are public so a lesson can read any weight ({@code net.weights[2].get(j, k)}) or set one.
 *
 * <h2>Batches</h2>
 * Every method that takes inputs takes a batch: a matrix with one example per column, {@code sizes[0] x m}.
 * A single example is the case {@code m = 1}.
 */
public class Model {
  /** Neurons per layer, {@code sizes[0]} inputs to {@code sizes[L]} outputs. */
  public final int[] sizes;
  /** {@code weights[l]}: {@code sizes[l] x sizes[l-1]}, for l = 1..L; {@code weights[0]} is unused (0x0). */
  public final DoubleMatrix[] weights;
  /** {@code biases[l]}: {@code sizes[l] x 1}, for l = 1..L; {@code biases[0]} is unused (0x0). */
  public final DoubleMatrix[] biases;

  private final Activation hidden;
  private final Output output;
  private final Cost cost;
  private final Init init;
  private final long seed;

  /**
   * A network with the given sizes and choices, its weights and biases drawn by {@code init} from one
   * generator seeded with {@code seed}. Learners build one with {@code new Network(784, 30, 10)} or
   * {@code Network.builder(..)}.
   */
  public Model(int[] sizes, Activation hidden, Output output, Cost cost, Init init, long seed) {
    Jblas.check();
    ModelChecks.sizes(sizes);
    if (output == Output.SOFTMAX && cost == Cost.QUADRATIC) {
      throw new IllegalArgumentException("A softmax output pairs with the cross-entropy (log-likelihood) cost: "
          + "use .cost(Cost.CROSS_ENTROPY), or .output(Output.SIGMOID) to keep the quadratic cost.");
    }
    this.sizes = sizes.clone();
    this.hidden = hidden;
    this.output = output;
    this.cost = cost;
    this.init = init;
    this.seed = seed;
    int layers = sizes.length;
    this.weights = new DoubleMatrix[layers];
    this.biases = new DoubleMatrix[layers];
    weights[0] = new DoubleMatrix(0, 0);
    biases[0] = new DoubleMatrix(0, 0);
    // One generator, layer by layer, weights then biases, in storage order: the seed fixes every number.
    Random random = new Random(seed);
    for (int l = 1; l < layers; l++) {
      weights[l] = new DoubleMatrix(sizes[l], sizes[l - 1]);
      for (int i = 0; i < weights[l].length; i++) {
        weights[l].data[i] = init.weight(random, sizes[l - 1]);
      }
      biases[l] = new DoubleMatrix(sizes[l], 1);
      for (int i = 0; i < biases[l].length; i++) {
        biases[l].data[i] = init.bias(random);
      }
    }
  }

  /** Takes over {@code other}'s sizes, choices, weights and biases (the same arrays, not copies). */
  protected Model(Model other) {
    this.sizes = other.sizes;
    this.weights = other.weights;
    this.biases = other.biases;
    this.hidden = other.hidden;
    this.output = other.output;
    this.cost = other.cost;
    this.init = other.init;
    this.seed = other.seed;
  }

  /** Checks that every weight and bias still has the shape the convention requires (a lesson may replace one). */
  public void checkShapes() {
    ModelChecks.shapes(this);
  }

  /** Checks that {@code data} fits this network; {@code method} names the caller in the message. */
  public void checkDataset(Dataset data, String method) {
    ModelChecks.dataset(this, data, method);
  }

  /** The index of the output layer, {@code L = sizes.length - 1}. */
  public int layers() {
    return sizes.length - 1;
  }

  public Activation hidden() {
    return hidden;
  }

  public Output output() {
    return output;
  }

  public Cost cost() {
    return cost;
  }

  public Init init() {
    return init;
  }

  public long seed() {
    return seed;
  }

  /** The activation used by layer {@code l}: the hidden activation for l < L, the output's for l = L. */
  DoubleMatrix activate(int l, DoubleMatrix z) {
    return l == layers() ? output.apply(z) : hidden.apply(z);
  }

  /**
   * The network's output for a batch: {@code x} is {@code sizes[0] x m}, the result {@code sizes[L] x m}.
   * Layer by layer, {@code a ← f(weights[l] · a + biases[l])}.
   */
  public DoubleMatrix feedforward(DoubleMatrix x) {
    ModelChecks.input(this, x, "feedforward");
    DoubleMatrix a = x;
    for (int l = 1; l <= layers(); l++) {
      a = activate(l, weights[l].mmul(a).addiColumnVector(biases[l]));
    }
    return a;
  }

  /**
   * The forward pass, keeping every intermediate value: {@code zs[l]} and {@code activations[l]}, each
   * {@code sizes[l] x m}; {@code activations[0] = x}; {@code zs[0]} is unused (0x0).
   */
  public Forward forward(DoubleMatrix x) {
    ModelChecks.input(this, x, "forward");
    int layers = sizes.length;
    DoubleMatrix[] zs = new DoubleMatrix[layers];
    DoubleMatrix[] activations = new DoubleMatrix[layers];
    zs[0] = new DoubleMatrix(0, 0);
    activations[0] = x;
    for (int l = 1; l < layers; l++) {
      zs[l] = weights[l].mmul(activations[l - 1]).addiColumnVector(biases[l]);
      activations[l] = activate(l, zs[l]);
    }
    return new Forward(zs, activations);
  }

  /**
   * The gradient of the batch's mean cost, by the four backpropagation equations in matrix form (one column
   * per example, no loop over examples):
   * <pre>
   *   BP1  delta[L] = ∇_a C ⊙ f'(zs[L])                   (cost.delta: a - y for cross-entropy)
   *   BP2  delta[l] = (weights[l+1]ᵀ · delta[l+1]) ⊙ f'(zs[l])
   *   BP3  nablaB[l] = (1/m) Σ_columns delta[l]
   *   BP4  nablaW[l] = (1/m) delta[l] · activations[l-1]ᵀ
   * </pre>
   *
   * @param x inputs, {@code sizes[0] x m}
   * @param y desired outputs, {@code sizes[L] x m} (one-hot columns for classification)
   * @return {@code nablaW[l]} ({@code sizes[l] x sizes[l-1]}) and {@code nablaB[l]} ({@code sizes[l] x 1})
   */
  public Gradients backprop(DoubleMatrix x, DoubleMatrix y) {
    ModelChecks.target(this, x, y, "backprop");
    Forward f = forward(x);
    int layers = sizes.length;
    int m = x.columns;
    DoubleMatrix[] nablaW = new DoubleMatrix[layers];
    DoubleMatrix[] nablaB = new DoubleMatrix[layers];
    nablaW[0] = new DoubleMatrix(0, 0);
    nablaB[0] = new DoubleMatrix(0, 0);
    int last = layers() ;
    DoubleMatrix delta = cost.delta(output, f.zs()[last], f.activations()[last], y); // BP1
    for (int l = last; l >= 1; l--) {
      if (l < last) {
        delta = weights[l + 1].transpose().mmul(delta).muli(hidden.prime(f.zs()[l])); // BP2
      }
      nablaB[l] = delta.rowSums().divi(m); // BP3
      nablaW[l] = delta.mmul(f.activations()[l - 1].transpose()).divi(m); // BP4
    }
    return new Gradients(nablaW, nablaB);
  }

  /** The mean cost over the columns of {@code x} ({@code sizes[0] x m}) against {@code y} ({@code sizes[L] x m}). */
  public double cost(DoubleMatrix x, DoubleMatrix y) {
    ModelChecks.target(this, x, y, "cost");
    Forward f = forward(x);
    int last = layers();
    return cost.sum(output, f.zs()[last], f.activations()[last], y) / x.columns;
  }

  /** The predicted class of each column of {@code x} ({@code sizes[0] x m}): the index of the largest output. */
  public int[] predict(DoubleMatrix x) {
    DoubleMatrix out = feedforward(x);
    ModelChecks.outputs(this, out, "predict");
    return argmaxColumns(out);
  }

  /** The predicted class of each example of {@code data}. */
  public int[] predict(Dataset data) {
    ModelChecks.dataset(this, data, "predict");
    int[] predicted = new int[data.size()];
    Chunks.forEach(data, (from, x, labels) -> {
      int[] p = predict(x);
      System.arraycopy(p, 0, predicted, from, p.length);
    });
    return predicted;
  }

  /** How many examples of {@code data} the network classifies correctly. */
  public Evaluation evaluate(Dataset data) {
    return Evaluation.of(predict(data), data.labels());
  }

  /** The mean cost over {@code data} (without any regularisation term). */
  public double cost(Dataset data) {
    ModelChecks.dataset(this, data, "cost");
    double[] total = {0};
    Chunks.forEach(data, (from, x, labels) -> {
      DoubleMatrix y = Dataset.oneHot(labels, sizes[layers()]);
      total[0] += cost(x, y) * x.columns;
    });
    return total[0] / data.size();
  }

  /** The confusion matrix of {@code data}: {@code counts()[true label][predicted]}. */
  public ConfusionMatrix confusion(Dataset data) {
    ModelChecks.dataset(this, data, "confusion");
    return new ConfusionMatrix(data.labels(), predict(data), data.classes());
  }

  /** The index of the largest entry of each column of {@code a} ({@code rows x m}). */
  public static int[] argmaxColumns(DoubleMatrix a) {
    if (a == null) {
      throw new IllegalArgumentException("argmaxColumns needs a matrix (one column per example), got null.");
    }
    int[] best = new int[a.columns];
    for (int c = 0; c < a.columns; c++) {
      int base = c * a.rows;
      int arg = 0;
      for (int r = 1; r < a.rows; r++) {
        if (a.data[base + r] > a.data[base + arg]) {
          arg = r;
        }
      }
      best[c] = arg;
    }
    return best;
  }

  private static String shape(DoubleMatrix m) {
    return m == null ? "null" : m.rows + " x " + m.columns;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Network " + Arrays.toString(sizes) + ": " + hidden + " hidden, "
        + output + " output, " + cost + " cost, " + init + " init, seed " + seed);
    for (int l = 1; l <= layers(); l++) {
      // A learner may have replaced a matrix (even with null): describe what is there, never throw.
      s.append(String.format("%n  layer %d: weights[%d] %s, biases[%d] %s", l, l, shape(weights[l]), l,
          shape(biases[l])));
    }
    return s.toString();
  }
}
