package nn;

import java.util.Arrays;
import java.util.Random;
import org.jblas.DoubleMatrix;

/**
 * A fully connected feed-forward network, trained by mini-batch stochastic gradient descent.
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
public final class Network {
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
   * A network with sigmoid hidden and output neurons, the quadratic cost and N(0, 1) initial weights and
   * biases (seed 42), like Nielsen's {@code network.py}. Example: {@code new Network(784, 30, 10)}.
   */
  public Network(int... sizes) {
    this(sizes, Activation.SIGMOID, Output.SIGMOID, Cost.QUADRATIC, Init.GAUSSIAN, 42L);
  }

  private Network(int[] sizes, Activation hidden, Output output, Cost cost, Init init, long seed) {
    Jblas.check();
    checkSizes(sizes);
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

  /** Starts a network description: {@code Network.builder(784, 30, 10).hidden(Activation.RELU).build()}. */
  public static Builder builder(int... sizes) {
    return new Builder(sizes);
  }

  /** Chooses a network's activations, cost, initialisation and seed; {@link #build()} makes it. */
  public static final class Builder {
    private final int[] sizes;
    private Activation hidden = Activation.SIGMOID;
    private Output output = Output.SIGMOID;
    private Cost cost = Cost.QUADRATIC;
    private Init init = Init.GAUSSIAN;
    private long seed = 42L;

    private Builder(int[] sizes) {
      this.sizes = sizes == null ? null : sizes.clone();
    }

    /** Activation of the hidden layers (default SIGMOID). */
    public Builder hidden(Activation hidden) {
      this.hidden = require(hidden, "hidden activation");
      return this;
    }

    /** Activation of the output layer (default SIGMOID). */
    public Builder output(Output output) {
      this.output = require(output, "output");
      return this;
    }

    /** The cost function (default QUADRATIC). */
    public Builder cost(Cost cost) {
      this.cost = require(cost, "cost");
      return this;
    }

    /** How weights and biases start (default GAUSSIAN). */
    public Builder init(Init init) {
      this.init = require(init, "init");
      return this;
    }

    /** Seed of the initial weights and biases (default 42): the same seed gives the same network. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Network build() {
      return new Network(sizes, hidden, output, cost, init, seed);
    }

    private static <T> T require(T value, String what) {
      if (value == null) {
        throw new IllegalArgumentException("The " + what + " must not be null.");
      }
      return value;
    }
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
    checkInput(x, "feedforward");
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
    checkInput(x, "forward");
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
    checkTarget(x, y, "backprop");
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
    checkTarget(x, y, "cost");
    Forward f = forward(x);
    int last = layers();
    return cost.sum(output, f.zs()[last], f.activations()[last], y) / x.columns;
  }

  /** The predicted class of each column of {@code x} ({@code sizes[0] x m}): the index of the largest output. */
  public int[] predict(DoubleMatrix x) {
    return argmaxColumns(feedforward(x));
  }

  /** The predicted class of each example of {@code data}. */
  public int[] predict(Dataset data) {
    checkDataset(data, "predict");
    int[] predicted = new int[data.size()];
    Chunks.forEach(data, (from, x, labels) -> {
      int[] p = predict(x);
      System.arraycopy(p, 0, predicted, from, p.length);
    });
    return predicted;
  }

  /** How many examples of {@code data} the network classifies correctly. */
  public Evaluation evaluate(Dataset data) {
    int[] predicted = predict(data);
    int correct = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] == data.labels()[i]) {
        correct++;
      }
    }
    return new Evaluation(correct, data.size());
  }

  /** The mean cost over {@code data} (without any regularisation term). */
  public double cost(Dataset data) {
    checkDataset(data, "cost");
    double[] total = {0};
    Chunks.forEach(data, (from, x, labels) -> {
      DoubleMatrix y = Dataset.oneHot(labels, sizes[layers()]);
      total[0] += cost(x, y) * x.columns;
    });
    return total[0] / data.size();
  }

  /** The confusion matrix of {@code data}: {@code counts()[true label][predicted]}. */
  public ConfusionMatrix confusion(Dataset data) {
    checkDataset(data, "confusion");
    return new ConfusionMatrix(data.labels(), predict(data), data.classes());
  }

  /**
   * Trains by mini-batch SGD with Nielsen's signature; prints one line per epoch.
   *
   * @param test evaluated after each epoch, or null
   */
  public History fit(Dataset train, int epochs, int batchSize, double eta, Dataset test) {
    return fit(train, test, new Sgd().epochs(epochs).batchSize(batchSize).eta(eta));
  }

  /** Trains by mini-batch SGD with the given hyperparameters; {@code test} may be null. */
  public History fit(Dataset train, Dataset test, Sgd sgd) {
    return new Trainer(this, sgd).fit(train, test);
  }

  /** An independent copy: same sizes, choices and current weights and biases. */
  public Network copy() {
    checkShapes();
    Network c = new Network(sizes, hidden, output, cost, init, seed);
    for (int l = 1; l <= layers(); l++) {
      c.weights[l].copy(weights[l]);
      c.biases[l].copy(biases[l]);
    }
    return c;
  }

  /** Saves this network as a NumPy {@code .npz} file; the format is described in {@link nn.io.ModelFile}. */
  public void save(java.nio.file.Path file) {
    nn.io.ModelFile.save(this, file);
  }

  /** Loads a network saved by {@link #save}: same sizes, choices, weights and biases. */
  public static Network load(java.nio.file.Path file) {
    return nn.io.ModelFile.load(file);
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

  // ---- checks that turn a learner's slip into a message that says what to do ----

  private static void checkSizes(int[] sizes) {
    if (sizes == null || sizes.length < 2) {
      throw new IllegalArgumentException("A network needs at least two layer sizes (inputs and outputs), e.g. "
          + "new Network(784, 30, 10); got " + Arrays.toString(sizes) + ".");
    }
    for (int l = 0; l < sizes.length; l++) {
      if (sizes[l] < 1) {
        throw new IllegalArgumentException("sizes[" + l + "] is " + sizes[l] + " but every layer needs at "
            + "least one neuron; got sizes " + Arrays.toString(sizes) + ".");
      }
    }
    // Too large a layer would overflow jblas's int element count (a bare NegativeArraySizeException) or end
    // in an OutOfMemoryError halfway through the constructor: say so before allocating anything.
    long doubles = 0;
    for (int l = 1; l < sizes.length; l++) {
      long w = (long) sizes[l] * sizes[l - 1];
      if (w > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("weights[" + l + "] would be " + sizes[l] + " x " + sizes[l - 1]
            + " = " + w + " numbers, but one matrix holds at most " + (Integer.MAX_VALUE - 8) + "; got sizes "
            + Arrays.toString(sizes) + ". Use smaller layers.");
      }
      doubles += w + sizes[l];
    }
    long heap = Runtime.getRuntime().maxMemory();
    if (doubles * Double.BYTES > heap) {
      throw new IllegalArgumentException("A network with sizes " + Arrays.toString(sizes) + " has " + doubles
          + " weights and biases (" + doubles * Double.BYTES / (1 << 20) + " MB), more than the Java heap of "
          + heap / (1 << 20) + " MB. Use smaller layers (or start Java with a larger -Xmx).");
    }
  }

  /** Checks that every weight and bias still has the shape the convention requires. */
  void checkShapes() {
    for (int l = 1; l <= layers(); l++) {
      DoubleMatrix w = weights[l];
      DoubleMatrix b = biases[l];
      if (w == null || w.rows != sizes[l] || w.columns != sizes[l - 1]) {
        throw new IllegalStateException("weights[" + l + "] must be " + sizes[l] + " x " + sizes[l - 1]
            + " (sizes[" + l + "] x sizes[" + (l - 1) + "]: one row per neuron of layer " + l
            + ", one column per neuron of layer " + (l - 1) + ") but is "
            + (w == null ? "null" : w.rows + " x " + w.columns)
            + (w != null && w.rows == sizes[l - 1] && w.columns == sizes[l] ? ". Did you transpose it?" : "."));
      }
      if (b == null || b.rows != sizes[l] || b.columns != 1) {
        throw new IllegalStateException("biases[" + l + "] must be a column of " + sizes[l] + " (" + sizes[l]
            + " x 1) but is " + (b == null ? "null" : b.rows + " x " + b.columns) + ".");
      }
    }
  }

  void checkInput(DoubleMatrix x, String method) {
    checkShapes();
    if (x == null) {
      throw new IllegalArgumentException(method + " needs an input matrix, got null.");
    }
    if (x.rows != sizes[0]) {
      String hint = x.columns == sizes[0]
          ? " It looks transposed: use x.transpose(), so that each example is a column."
          : x.length == sizes[0]
              ? " Reshape the example into one column: x.reshape(" + sizes[0] + ", 1)."
              : "";
      throw new IllegalArgumentException(method + " expects " + sizes[0] + " rows (one example per column, "
          + sizes[0] + " inputs each) but got a " + x.rows + " x " + x.columns + " matrix." + hint);
    }
    if (x.columns < 1) {
      throw new IllegalArgumentException(method + " needs at least one example (column), got none.");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x.data[i])) {
        throw new IllegalArgumentException(method + ": input element (" + (i % x.rows) + ", " + (i / x.rows)
            + ") is " + x.data[i] + ". Inputs must be finite numbers (MNIST pixels are in [0, 1]).");
      }
    }
  }

  private void checkTarget(DoubleMatrix x, DoubleMatrix y, String method) {
    if (x == null) {
      throw new IllegalArgumentException(method + " needs an input matrix x, got null.");
    }
    if (y == null || y.rows != sizes[layers()] || x == null || y.columns != x.columns) {
      throw new IllegalArgumentException(method + " expects y to be " + sizes[layers()] + " x m, one desired "
          + "output column per input column" + (x == null ? "" : " (m = " + x.columns + ")") + ", but got "
          + (y == null ? "null" : y.rows + " x " + y.columns)
          + ". For labels, Dataset.oneHot(labels, " + sizes[layers()] + ") makes it.");
    }
  }

  void checkDataset(Dataset data, String method) {
    if (data == null) {
      throw new IllegalArgumentException(method + " needs a dataset, got null.");
    }
    if (data.inputs() != sizes[0]) {
      throw new IllegalArgumentException(method + ": the network takes " + sizes[0] + " inputs but "
          + data.name() + " has " + data.inputs() + " per example. Build the network with sizes[0] = "
          + data.inputs() + ".");
    }
    if (data.classes() > sizes[layers()]) {
      throw new IllegalArgumentException(method + ": " + data.name() + " has " + data.classes()
          + " classes but the network has only " + sizes[layers()] + " outputs. Build it with sizes[L] = "
          + data.classes() + ".");
    }
    if (data.size() < 1) {
      throw new IllegalArgumentException(method + ": " + data.name() + " is empty.");
    }
    // Checked here, over the whole set, so the message names the example's number in the dataset (the
    // per-batch checks only know a position in a shuffled batch). Dataset checks both when it is made, but
    // images() and labels() are shared arrays that a lesson can change afterwards.
    int[] labels = data.labels();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= data.classes()) {
        throw new IllegalArgumentException(method + ": " + data.name() + " example " + i + " has label "
            + labels[i] + " but its labels must be in 0.." + (data.classes() - 1) + ". Were the labels changed "
            + "after the Dataset was made? (labels() is shared, not copied.)");
      }
    }
    DoubleMatrix x = data.images();
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x.data[i])) {
        throw new IllegalArgumentException(method + ": " + data.name() + " example " + (i / x.rows) + ", input "
            + (i % x.rows) + " is " + x.data[i] + ". Inputs must be finite numbers (MNIST pixels are in [0, 1]).");
      }
    }
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
