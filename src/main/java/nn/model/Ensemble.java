package nn.model;

import java.util.List;
import nn.data.Chunks;
import nn.data.Dataset;
import org.jblas.DoubleMatrix;

/**
 * Several trained networks answering together: the ensemble's output is the mean of its members' outputs
 * {@code a^L}, and its answer the largest entry of that mean. A single network is an ensemble of one.
 *
 * <p>Why it helps: networks trained from different seeds make partly different mistakes; where one is unsure
 * and wrong, the other is often sure and right, and the mean follows the surer one. It costs the members'
 * training time and as many forward passes.
 */
public final class Ensemble {
  private final List<Model> members;

  private Ensemble(List<Model> members) {
    this.members = members;
  }

  /** The ensemble of {@code members}, which must agree on {@code sizes[0]} and {@code sizes[L]}. */
  public static Ensemble of(Model... members) {
    if (members == null || members.length == 0) {
      throw new IllegalArgumentException("An ensemble needs at least one trained network, got none: "
          + "Ensemble.of(netA, netB).");
    }
    for (int i = 0; i < members.length; i++) {
      if (members[i] == null) {
        throw new IllegalArgumentException("Network " + (i + 1) + " of the ensemble is null: pass trained "
            + "networks, e.g. Ensemble.of(netA, netB).");
      }
      Model first = members[0];
      Model m = members[i];
      if (m.sizes[0] != first.sizes[0] || m.sizes[m.layers()] != first.sizes[first.layers()]) {
        throw new IllegalArgumentException("The networks of an ensemble must take the same inputs and give the "
            + "same outputs: network 1 is " + first.sizes[0] + " -> " + first.sizes[first.layers()]
            + ", network " + (i + 1) + " is " + m.sizes[0] + " -> " + m.sizes[m.layers()] + ".");
      }
    }
    return new Ensemble(List.of(members));
  }

  /** The members, in the order given. */
  public List<Model> members() {
    return members;
  }

  /** The mean of the members' outputs for {@code x} ({@code sizes[0] x m}): {@code sizes[L] x m}. */
  public DoubleMatrix feedforward(DoubleMatrix x) {
    DoubleMatrix sum = null;
    for (Model m : members) {
      DoubleMatrix a = m.feedforward(x);
      sum = sum == null ? a : sum.addi(a);
    }
    return sum.divi(members.size());
  }

  /** The ensemble's answer for each example of {@code data}. */
  public int[] predict(Dataset data) {
    for (Model m : members) {
      ModelChecks.dataset(m, data, "predict");
    }
    int[] predicted = new int[data.size()];
    Chunks.forEach(data, (from, x, labels) -> {
      int[] p = Model.argmaxColumns(feedforward(x));
      System.arraycopy(p, 0, predicted, from, p.length);
    });
    return predicted;
  }

  /** How many examples of {@code data} the ensemble classifies correctly. */
  public Evaluation evaluate(Dataset data) {
    return Evaluation.of(predict(data), data.labels());
  }

  /** The confusion matrix of {@code data}: {@code counts()[true label][predicted]}. */
  public ConfusionMatrix confusion(Dataset data) {
    return new ConfusionMatrix(data.labels(), predict(data), data.classes());
  }

  /**
   * A number that changes when any weight or bias of any member changes: two ensembles with the same
   * fingerprint answer alike (used by {@code nn.training.TestSet} to tell a re-run from a new choice).
   */
  public long fingerprint() {
    long h = members.size();
    for (Model m : members) {
      h = 31 * h + java.util.Arrays.hashCode(m.sizes);
      h = 31 * h + m.hidden().ordinal() * 16L + m.output().ordinal();
      for (int l = 1; l <= m.layers(); l++) {
        h = 31 * h + java.util.Arrays.hashCode(m.weights[l].data);
        h = 31 * h + java.util.Arrays.hashCode(m.biases[l].data);
      }
    }
    return h;
  }

  @Override
  public String toString() {
    return members.size() == 1 ? members.get(0).toString() : "Ensemble of " + members.size() + " networks";
  }
}
