package nn.model;

import org.jblas.DoubleMatrix;

/**
 * The activation function of the hidden layers, applied element by element to {@code z}.
 *
 * <p>{@code SIGMOID}: {@code σ(z) = 1 / (1 + e^-z)}, {@code σ'(z) = σ(z)(1 - σ(z))}.
 * {@code RELU}: {@code max(0, z)}, derivative 1 where {@code z > 0}, else 0.
 * {@code TANH}: {@code tanh(z) = 2σ(2z) - 1}, in (-1, 1), derivative {@code 1 - tanh(z)²} (1 at z = 0, four
 * times σ'(0)). {@code IDENTITY}: {@code z} itself, derivative 1: no non-linearity at all, so a network of any
 * depth computes one linear map of its input (lesson 08 shows it).
 */
public enum Activation {
  SIGMOID {
    @Override
    public double apply(double z) {
      return sigmoid(z);
    }

    @Override
    public double prime(double z) {
      double s = sigmoid(z);
      return s * (1.0 - s);
    }
  },
  RELU {
    @Override
    public double apply(double z) {
      return z > 0 ? z : 0.0;
    }

    @Override
    public double prime(double z) {
      return z > 0 ? 1.0 : 0.0;
    }
  },
  TANH {
    @Override
    public double apply(double z) {
      return Math.tanh(z);
    }

    @Override
    public double prime(double z) {
      double t = Math.tanh(z);
      return 1.0 - t * t;
    }
  },
  IDENTITY {
    @Override
    public double apply(double z) {
      return z;
    }

    @Override
    public double prime(double z) {
      return 1.0;
    }
  };

  /** The function at one point. */
  public abstract double apply(double z);

  /** Its derivative at one point. */
  public abstract double prime(double z);

  /** The function applied to every element of {@code z} (any shape); returns a new matrix. */
  public DoubleMatrix apply(DoubleMatrix z) {
    DoubleMatrix a = new DoubleMatrix(z.rows, z.columns);
    for (int i = 0; i < z.length; i++) {
      a.data[i] = apply(z.data[i]);
    }
    return a;
  }

  /** The derivative at every element of {@code z} (any shape); returns a new matrix. */
  public DoubleMatrix prime(DoubleMatrix z) {
    DoubleMatrix d = new DoubleMatrix(z.rows, z.columns);
    for (int i = 0; i < z.length; i++) {
      d.data[i] = prime(z.data[i]);
    }
    return d;
  }

  /** The logistic sigmoid {@code 1 / (1 + e^-z)}. */
  public static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }
}
