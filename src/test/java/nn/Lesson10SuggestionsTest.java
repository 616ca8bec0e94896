package nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nn.data.Dataset;
import nn.data.Mnist;
import nn.data.Pca;
import nn.data.Split;
import nn.model.Cost;
import nn.model.Init;
import nn.model.Model;
import nn.model.Output;
import nn.model.Saliency;
import nn.training.Sgd;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/**
 * What lesson 10 says about the network it looks inside, checked on seeds 1 to 5 (the notebook measures
 * seeds 1 to 3), and its suggestion {@code SEEDS = {4, 5, 1}}: trained as the notebook trains (784-h-10, sigmoid
 * hidden, softmax, cross-entropy, {@code Init.SCALED_GAUSSIAN}, eta 0.5, mini-batches of 10, 10 epochs, the
 * sample), measured on the validation set as its cells measure.
 */
class Lesson10SuggestionsTest {
  private static final Split DATA = Mnist.sample();
  private static final Dataset VALIDATION = DATA.validation();
  private static final int[] LABELS = VALIDATION.labels();
  private static final Map<String, Network> TRAINED = new HashMap<>();

  private static synchronized Network trained(int hidden, long seed) {
    return TRAINED.computeIfAbsent(hidden + "/" + seed, key -> {
      Network net = Network.builder(784, hidden, 10).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY)
          .init(Init.SCALED_GAUSSIAN).seed(seed).build();
      net.fit(DATA, new Sgd().epochs(10).batchSize(10).eta(0.5).seed(seed).monitorTraining(false).verbose(false));
      return net;
    });
  }

  private static double median(int hidden, long... seeds) {
    double[] a = new double[seeds.length];
    for (int s = 0; s < seeds.length; s++) {
      a[s] = trained(hidden, seeds[s]).evaluate(VALIDATION).accuracy();
    }
    java.util.Arrays.sort(a);
    return a[a.length / 2];
  }

  private static double[][] centres(DoubleMatrix p) {
    double[][] c = new double[10][p.rows];
    int[] count = new int[10];
    for (int i = 0; i < LABELS.length; i++) {
      count[LABELS[i]]++;
      for (int r = 0; r < p.rows; r++) {
        c[LABELS[i]][r] += p.get(r, i);
      }
    }
    for (int d = 0; d < 10; d++) {
      for (int r = 0; r < p.rows; r++) {
        c[d][r] /= count[d];
      }
    }
    return c;
  }

  private static double nearestCentreShare(DoubleMatrix p) {
    double[][] c = centres(p);
    int right = 0;
    for (int i = 0; i < LABELS.length; i++) {
      int nearest = 0;
      double best = Double.POSITIVE_INFINITY;
      for (int d = 0; d < 10; d++) {
        double sq = Math.pow(p.get(0, i) - c[d][0], 2) + Math.pow(p.get(1, i) - c[d][1], 2);
        if (sq < best) {
          best = sq;
          nearest = d;
        }
      }
      right += nearest == LABELS[i] ? 1 : 0;
    }
    return right / (double) LABELS.length;
  }

  private static List<Integer> byCoordinate(double[][] c, int r) {
    List<Integer> digits = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    digits.sort((a, b) -> Double.compare(c[a][r], c[b][r]));
    return digits;
  }

  @Test
  void theSuggestedSeedsStillChooseTheHundredHiddenNeurons() {
    assertTrue(median(100, 1, 2, 3) > median(30, 1, 2, 3) + 0.005, "the lesson's choice, seeds 1 to 3");
    assertTrue(median(100, 4, 5, 1) > median(30, 4, 5, 1) + 0.005, "SEEDS = {4, 5, 1}");
  }

  @Test
  void theHiddenLayersLayoutHoldsForSeedsOneToFive() {
    DoubleMatrix pixels = Pca.fit(VALIDATION.images()).project(VALIDATION.images(), 2);
    double pixelShare = nearestCentreShare(pixels);
    assertEquals(0.44, pixelShare, 0.005, "the raw pixels' share");
    for (long seed = 1; seed <= 5; seed++) {
      DoubleMatrix h = trained(100, seed).forward(VALIDATION.images()).activations()[1];
      Pca pca = Pca.fit(h);
      DoubleMatrix p = pca.project(h, 2);
      double share = nearestCentreShare(p);
      assertTrue(share >= 0.49 && share <= 0.585, "seed " + seed + ": about half, 49-58%: " + share);
      assertTrue(share > pixelShare + 0.04, "seed " + seed + ": clearly more than the pixels' share");
      assertTrue(pca.explainedBy(2) > 0.3 && pca.explainedBy(2) < 0.37, "a third of the variance: "
          + pca.explainedBy(2));
      double[][] c = centres(p);
      List<Integer> first = byCoordinate(c, 0);
      List<Integer> second = byCoordinate(c, 1);
      assertTrue((first.get(0) == 1 && c[0][0] > 0) || (first.get(9) == 1 && c[0][0] < 0),
          "seed " + seed + ": 1 at one end of component 1, 0 on the other side: " + first);
      assertTrue(second.subList(0, 3).containsAll(List.of(7, 9)) || second.subList(7, 10).containsAll(List.of(7, 9)),
          "seed " + seed + ": 7 and 9 among the three digits at one end of component 2: " + second);
    }
  }

  @Test
  void confidenceAndSaliencyClaimsHoldForSeedsOneToFive() {
    for (long seed = 1; seed <= 5; seed++) {
      Network net = trained(100, seed);
      DoubleMatrix out = net.feedforward(VALIDATION.images());
      int[] answer = Model.argmaxColumns(out);
      int above = 0;
      int aboveRight = 0;
      int below = 0;
      int belowRight = 0;
      for (int i = 0; i < answer.length; i++) {
        double c = out.get(answer[i], i);
        boolean right = answer[i] == LABELS[i];
        if (c >= 0.99) {
          above++;
          aboveRight += right ? 1 : 0;
        }
        if (c < 0.5) {
          below++;
          belowRight += right ? 1 : 0;
        }
      }
      assertTrue(above >= 700 && above <= 800, "seed " + seed + ": about three answers in four above 99%: " + above);
      assertTrue(aboveRight > 0.99 * above, "seed " + seed + ": more than 99% of those right");
      assertTrue(below >= 8 && below <= 16 && belowRight < below / 2.0,
          "seed " + seed + ": a dozen below 50%, mostly wrong: " + belowRight + " of " + below);
      erasingSalientPixelsHurtsMore(net, seed);
    }
  }

  private static void erasingSalientPixelsHurtsMore(Network net, long seed) {
    DoubleMatrix x = VALIDATION.head(200).images();
    int[] answer = net.predict(x);
    DoubleMatrix map = Saliency.of(net, x, answer);
    DoubleMatrix before = net.feedforward(x);
    Random random = new Random(seed);
    double dropSalient = 0;
    double dropRandom = 0;
    for (int c = 0; c < x.columns; c++) {
      final int column = c;
      List<Integer> inked = new ArrayList<>();
      for (int k = 0; k < 784; k++) {
        if (x.get(k, c) > 0) {
          inked.add(k);
        }
      }
      List<Integer> salient = new ArrayList<>(inked);
      salient.sort((a, b) -> Double.compare(map.get(b, column), map.get(a, column)));
      List<Integer> shuffled = new ArrayList<>(inked);
      Collections.shuffle(shuffled, random);
      DoubleMatrix erasedSalient = x.getColumn(c);
      DoubleMatrix erasedRandom = x.getColumn(c);
      for (int k = 0; k < Math.min(30, inked.size()); k++) {
        erasedSalient.put(salient.get(k), 0);
        erasedRandom.put(shuffled.get(k), 0);
      }
      double a = before.get(answer[c], c);
      double lostSalient = a - net.feedforward(erasedSalient).get(answer[c]);
      double lostRandom = a - net.feedforward(erasedRandom).get(answer[c]);
      assertTrue(lostSalient > lostRandom, "seed " + seed + ", image " + c + ": the salient pixels hurt more");
      dropSalient += lostSalient / x.columns;
      dropRandom += lostRandom / x.columns;
    }
    assertTrue(dropSalient > 0.75 && dropSalient < 0.9, "seed " + seed + ": about 0.8: " + dropSalient);
    assertTrue(dropRandom > 0 && dropRandom < 0.1, "seed " + seed + ": random pixels, less than 0.1: " + dropRandom);
  }

  @Test
  void everyNeuronsWeightsCanBeDrawn() {
    Network net = trained(100, 1);
    for (int j = 0; j < 100; j++) {
      assertEquals("Weights into hidden neuron " + j, nn.plot.Charts.weights(net.weights[1], j).title());
    }
  }
}
