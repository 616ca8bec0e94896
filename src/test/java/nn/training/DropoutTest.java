package nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import nn.Network;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.DropoutModel;
import nn.model.Gradients;
import nn.model.Init;
import nn.model.Output;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** Sgd.dropout in the fast step against the readable DropoutModel: gradients, whole runs, masks, errors. */
class DropoutTest {
  private static double worst(DoubleMatrix a, DoubleMatrix b) {
    assertEquals(b.rows, a.rows);
    assertEquals(b.columns, a.columns);
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]) / Math.max(1.0, Math.abs(b.data[i])));
    }
    return worst;
  }

  private static void assertClose(Gradients fast, Gradients slow, int layers, String what) {
    for (int l = 1; l <= layers; l++) {
      assertTrue(worst(fast.nablaW()[l], slow.nablaW()[l]) < 1e-12, what + " nablaW[" + l + "]");
      assertTrue(worst(fast.nablaB()[l], slow.nablaB()[l]) < 1e-12, what + " nablaB[" + l + "]");
    }
  }

  @Test
  void fastGradientWithAGivenMaskIsTheReadableOnes() {
    Network[] nets = {
      Network.builder(12, 7, 5, 3).seed(1).build(),
      Network.builder(6, 9, 8, 4).hidden(Activation.RELU).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY)
          .init(Init.UNIFORM).seed(3).build(),
      Network.builder(5, 9, 2).cost(Cost.CROSS_ENTROPY).seed(5).build()};
    for (Network net : nets) {
      int m = FastSgd.CHUNK + 37; // two chunks, the second short
      Dataset data = FastSgdTest.randomData(net.sizes[0], m, net.sizes[net.layers()], 2);
      DoubleMatrix[] masks = DropoutModel.masks(net.sizes, m, 0.3, 4);
      DoubleMatrix y = data.oneHot();
      Gradients slow = new DropoutModel(net, masks).backprop(data.images(), y);
      assertClose(FastSgd.gradient(net, data.images(), y, masks), slow, net.layers(), net.toString());
      // and the masks matter: without them the gradient is another one
      assertTrue(worst(FastSgd.gradient(net, data.images(), y).nablaW()[1], slow.nablaW()[1]) > 1e-6);
    }
  }

  /** The masks DropoutMasks draws for batches of these sizes, in its order, in DropoutModel's layout. */
  private static DoubleMatrix[] draw(DropoutMasks d, int[] sizes, int m) {
    Batch b = new Batch(sizes, m, false);
    DoubleMatrix[] masks = new DoubleMatrix[sizes.length];
    masks[0] = new DoubleMatrix(0, 0);
    masks[sizes.length - 1] = new DoubleMatrix(0, 0);
    for (int l = 1; l < sizes.length - 1; l++) {
      b.at[l].fill(0, b.at[l].length(), 1.0);
      d.drop(b, l, sizes[l]);
      masks[l] = new DoubleMatrix(sizes[l], m);
      for (int j = 0; j < sizes[l]; j++) {
        for (int c = 0; c < m; c++) {
          masks[l].put(j, c, b.at[l].get(j * m + c));
        }
      }
    }
    return masks;
  }

  /** SGD with dropout written the readable way: DropoutModel.backprop per chunk, masks drawn as fit draws them. */
  private static void readableFit(Network net, Dataset train, Sgd sgd) {
    int n = train.size();
    int batch = Math.min(sgd.batchSize(), n);
    int[] order = IntStream.range(0, n).toArray();
    java.util.Random shuffler = new java.util.Random(sgd.seed());
    DropoutMasks drawer = DropoutMasks.of(sgd);
    for (int epoch = 1; epoch <= sgd.epochs(); epoch++) {
      if (sgd.shuffle()) {
        Trainer.shuffle(order, shuffler);
      }
      for (int from = 0; from < n; from += batch) {
        int count = Math.min(batch, n - from);
        int chunk = count <= FastSgd.CHUNK ? count : FastSgd.CHUNK; // as FastSgd.step walks a batch
        DoubleMatrix[] sumW = new DoubleMatrix[net.layers() + 1];
        DoubleMatrix[] sumB = new DoubleMatrix[net.layers() + 1];
        for (int start = 0; start < count; start += chunk) {
          int k = Math.min(chunk, count - start);
          DoubleMatrix x = new DoubleMatrix(train.inputs(), k);
          train.copyColumns(order, from + start, k, x);
          int[] labels = Arrays.copyOfRange(Arrays.stream(order).map(i -> train.labels()[i]).toArray(),
              from + start, from + start + k);
          Gradients g = new DropoutModel(net, draw(drawer, net.sizes, k))
              .backprop(x, Dataset.oneHot(labels, net.sizes[net.layers()]));
          for (int l = 1; l <= net.layers(); l++) {
            DoubleMatrix w = g.nablaW()[l].mul((double) k / count);
            DoubleMatrix b = g.nablaB()[l].mul((double) k / count);
            sumW[l] = sumW[l] == null ? w : sumW[l].addi(w);
            sumB[l] = sumB[l] == null ? b : sumB[l].addi(b);
          }
        }
        for (int l = 1; l <= net.layers(); l++) {
          net.weights[l].subi(sumW[l].mul(sgd.eta()));
          net.biases[l].subi(sumB[l].mul(sgd.eta()));
        }
      }
    }
  }

  @Test
  void trainingWithDropoutIsTheReadableTrainingFusedChunkedAndFullBatch() {
    Dataset train = FastSgdTest.randomData(10, 250, 4, 7);
    Object[][] runs = {{10, true}, {150, true}, {Sgd.FULL_BATCH, false}};
    for (Object[] run : runs) {
      Network slow = Network.builder(10, 8, 6, 4).hidden(Activation.RELU).output(Output.SOFTMAX)
          .cost(Cost.CROSS_ENTROPY).init(Init.SCALED_GAUSSIAN).seed(8).build();
      Network fast = slow.copy();
      Sgd sgd = new Sgd().epochs(2).batchSize((Integer) run[0]).shuffle((Boolean) run[1]).eta(0.5).seed(9)
          .dropout(0.25).monitorTraining(false).verbose(false);
      readableFit(slow, train, sgd);
      fast.fit(train, null, sgd);
      for (int l = 1; l <= 3; l++) {
        assertTrue(worst(fast.weights[l], slow.weights[l]) < 1e-12, "weights[" + l + "] batch " + run[0]);
        assertTrue(worst(fast.biases[l], slow.biases[l]) < 1e-12, "biases[" + l + "] batch " + run[0]);
      }
    }
  }

  @Test
  void masksDropAShareOfAboutPAndScaleTheRestAndRepeatBySeed() {
    int[] sizes = {4, 30, 3};
    DoubleMatrix[] a = draw(new DropoutMasks(0.2, 5), sizes, 100);
    DoubleMatrix[] again = draw(new DropoutMasks(0.2, 5), sizes, 100);
    DoubleMatrix[] other = draw(new DropoutMasks(0.2, 6), sizes, 100);
    assertArrayEquals(a[1].data, again[1].data);
    assertFalse(Arrays.equals(a[1].data, other[1].data));
    int dropped = 0;
    for (double v : a[1].data) {
      assertTrue(v == 0.0 || v == 1.0 / 0.8, "a mask is 0 or 1/(1-p): " + v);
      dropped += v == 0.0 ? 1 : 0;
    }
    assertEquals(0.2, dropped / 3000.0, 0.03); // 3,000 draws: the share is within 4 standard deviations
  }

  @Test
  void runsRepeatBitForBitAndEvaluationUsesTheWholeNetwork() {
    Dataset train = TrainerTest.blobs(600, 1);
    Dataset validation = TrainerTest.blobs(200, 2);
    Sgd sgd = new Sgd().epochs(3).batchSize(10).eta(3.0).seed(4).dropout(0.5).verbose(false);
    Network a = Network.builder(4, 8, 3).seed(5).build();
    Network b = Network.builder(4, 8, 3).seed(5).build();
    Network plain = Network.builder(4, 8, 3).seed(5).build();
    History h = a.fit(train, validation, sgd);
    b.fit(train, validation, sgd);
    plain.fit(train, validation, new Sgd().epochs(3).batchSize(10).eta(3.0).seed(4).verbose(false));
    assertArrayEquals(a.weights[1].data, b.weights[1].data);
    assertFalse(Arrays.equals(a.weights[1].data, plain.weights[1].data), "dropout changes training");
    // The history's validation accuracy is measured with every neuron and no mask: what evaluate says.
    assertEquals(a.evaluate(validation).accuracy(), h.last().validationAccuracy(), 1e-15);
    assertTrue(h.last().validationAccuracy() > 0.9, h::toString);
  }

  @Test
  void float32DropsTheSameNeuronsAsFloat64() {
    Dataset train = TrainerTest.blobs(600, 1);
    Network a = Network.builder(4, 8, 3).seed(5).build();
    Network b = a.copy();
    Sgd sgd = new Sgd().epochs(2).batchSize(10).eta(3.0).seed(4).dropout(0.3).verbose(false);
    a.fit(train, null, sgd);
    b.fit(train, null, sgd.float32(true));
    assertTrue(worst(b.weights[1], a.weights[1]) < 1e-4, "the same masks, float32 rounding only: "
        + worst(b.weights[1], a.weights[1]));
  }

  @Test
  void badProbabilitiesAreRefused() {
    for (double p : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
      assertEquals("dropout p (the probability of dropping each hidden neuron) must be at least 0 and below 1, "
          + "got " + p + ". Try 0.2 or 0.5; 0 turns dropout off.",
          assertThrows(IllegalArgumentException.class, () -> new Sgd().dropout(p)).getMessage());
    }
    assertEquals(0.0, new Sgd().dropout(0).dropout());
    assertTrue(new Sgd().dropout(0.2).toString().contains(", dropout=0.2"));
  }
}
