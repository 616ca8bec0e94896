package nn;

import java.nio.file.Path;
import nn.data.Dataset;
import nn.data.Split;
import nn.io.ModelFile;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Evaluation;
import nn.model.Init;
import nn.model.Model;
import nn.model.Output;
import nn.training.History;
import nn.training.Sgd;
import nn.training.Trainer;

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
 *
 * <h2>Where things are</h2>
 * This class is the learner's front door: it adds {@link #fit}, {@link #save} and {@link #load} to
 * {@link Model}, which holds the weights and the maths ({@code feedforward}, {@code forward}, {@code backprop},
 * {@code cost}, {@code predict}, {@code evaluate}). Training ({@code nn.training}) and the model file
 * ({@code nn.io}) see a network only as a {@link Model}, so the doors close no import cycle (ARCHITECTURE.md).
 */
public final class Network extends Model {
  /**
   * A network with sigmoid hidden and output neurons, the quadratic cost and N(0, 1) initial weights and
   * biases (seed 42), like Nielsen's {@code network.py}. Example: {@code new Network(784, 30, 10)}.
   */
  public Network(int... sizes) {
    this(sizes, Activation.SIGMOID, Output.SIGMOID, Cost.QUADRATIC, Init.GAUSSIAN, 42L);
  }

  private Network(int[] sizes, Activation hidden, Output output, Cost cost, Init init, long seed) {
    super(sizes, hidden, output, cost, init, seed);
  }

  private Network(Model loaded) {
    super(loaded);
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

  /**
   * Trains by mini-batch SGD with Nielsen's signature; prints one line per epoch.
   *
   * @param validation measured after each epoch (choose hyperparameters by it), or null
   */
  public History fit(Dataset train, int epochs, int batchSize, double eta, Dataset validation) {
    return fit(train, validation, new Sgd().epochs(epochs).batchSize(batchSize).eta(eta));
  }

  /**
   * Trains on {@code train} by mini-batch SGD with the given hyperparameters, measuring {@code validation}
   * (may be null) after every epoch. Choose hyperparameters by the validation figures; measure the test set
   * once, at the end, with {@link #evaluate}. Training that diverges, stops learning (stuck at chance level), is
   * interrupted (the kernel's stop button) or whose listener fails stops early; the returned history's
   * {@code stopped()} and {@code message()} say so.
   */
  public History fit(Dataset train, Dataset validation, Sgd sgd) {
    return new Trainer(this, sgd).fit(train, validation);
  }

  /**
   * Trains on {@code data.train()}, measuring {@code data.validation()} after every epoch; the test set is
   * not touched. Example: {@code History h = net.fit(Mnist.sample(), new Sgd().epochs(10));}
   */
  public History fit(Split data, Sgd sgd) {
    if (data == null) {
      throw new IllegalArgumentException("fit needs the data: pass Mnist.sample() (or another Split).");
    }
    return fit(data.train(), data.validation(), sgd);
  }

  /**
   * The accuracy on {@code data.validation()}: what to choose hyperparameters by, the third of
   * {@code fit / predict / validate}. (Measure {@code data.test()} once, at the end, with {@code evaluate}.)
   */
  public Evaluation validate(Split data) {
    if (data == null) {
      throw new IllegalArgumentException("validate needs the data: pass the Split you trained on.");
    }
    return evaluate(data.validation());
  }

  /** An independent copy: same sizes, choices and current weights and biases. */
  public Network copy() {
    checkShapes();
    Network c = new Network(sizes, hidden(), output(), cost(), init(), seed());
    for (int l = 1; l <= layers(); l++) {
      c.weights[l].copy(weights[l]);
      c.biases[l].copy(biases[l]);
    }
    return c;
  }

  /** Saves this network as a NumPy {@code .npz} file; the format is described in {@link nn.io.ModelFile}. */
  public void save(Path file) {
    ModelFile.save(this, file);
  }

  /** Loads a network saved by {@link #save}: same sizes, choices, weights and biases. */
  public static Network load(Path file) {
    return new Network(ModelFile.load(file));
  }
}
