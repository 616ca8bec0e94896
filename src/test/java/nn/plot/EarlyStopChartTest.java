package nn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nn.Network;
import nn.data.Dataset;
import nn.training.History;
import nn.training.Sgd;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** The live chart (and Plots.training) mark the epoch early stopping keeps: plotly shapes, picture, title. */
class EarlyStopChartTest {
  /** Three well-separated classes in 4 dimensions: 100% validation accuracy after an epoch or two. */
  static Dataset blobs(int n, long seed) {
    Random r = new Random(seed);
    DoubleMatrix x = new DoubleMatrix(4, n);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(3);
      for (int k = 0; k < 4; k++) {
        x.put(k, i, (k == labels[i] ? 0.8 : 0.2) + 0.1 * r.nextGaussian());
      }
    }
    return new Dataset(x, labels, 3, "blobs");
  }

  private static int inked(BufferedImage image, int rgb) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        count += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
      }
    }
    return count;
  }

  private static History train(LiveChart live, int patience) {
    PrintStream old = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
      return Network.builder(4, 8, 3).seed(3).build().fit(blobs(600, 1), blobs(200, 2),
          new Sgd().epochs(30).batchSize(10).eta(3.0).seed(7).earlyStop(patience).onEpoch(live));
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void liveChartMarksTheKeptEpochOnBothPanelsAndInItsTitle() {
    LiveChart live = Plots.liveTraining(30);
    History h = train(live, 3);
    assertTrue(h.stoppedEarly(), h::toString);
    int best = h.bestEpoch();
    Chart chart = live.chart();
    assertEquals("Training: epoch " + h.size() + " of 30 (stopped early: kept epoch " + best + ")", chart.title());
    assertTrue(chart.toString().contains("kept epoch " + best), "the text line names it: " + chart);
    Map<?, ?> layout = (Map<?, ?>) chart.plotly().get("layout");
    List<?> shapes = (List<?>) layout.get("shapes");
    assertEquals(2, shapes.size(), "one dashed line on the cost panel, one on the accuracy panel");
    for (int i = 0; i < 2; i++) {
      Map<?, ?> line = (Map<?, ?>) shapes.get(i);
      assertEquals(i == 0 ? "x" : "x2", line.get("xref"));
      assertEquals("paper", line.get("yref"));
      assertEquals((double) best, line.get("x0"));
      assertEquals((double) best, line.get("x1"));
    }
    Map<?, ?> note = (Map<?, ?>) ((List<?>) layout.get("annotations")).get(0);
    assertEquals("kept epoch " + best, note.get("text"));
    assertTrue(chart.toJson().contains("\"shapes\""), "the marker is in the plotly JSON");

    // The picture: the marker's grey is painted (dashed lines and labels), and not without the marker.
    BufferedImage marked = chart.image();
    BufferedImage plain = Charts.training(h.toTable(), chart.title()).image();
    int grey = 0x5a5a5a;
    assertTrue(inked(marked, grey) > inked(plain, grey) + 100, inked(marked, grey) + " vs " + inked(plain, grey));
  }

  @Test
  void duringTrainingTheMarkIsTheBestSoFarAndWithoutEarlyStoppingThereIsNone() {
    LiveChart live = Plots.liveTraining(30);
    History h = train(live, 50);
    assertFalse(h.stoppedEarly());
    assertTrue(live.chart().title().endsWith("(best so far: epoch " + h.bestEpoch() + ")"), live.chart().title());
    Map<?, ?> note = (Map<?, ?>) ((List<?>) ((Map<?, ?>) live.chart().plotly().get("layout")).get("annotations"))
        .get(0);
    assertEquals("best so far", note.get("text"));

    LiveChart off = Plots.liveTraining(30);
    History none = train(off, 0);
    assertEquals(0, none.bestEpoch());
    assertNull(((Map<?, ?>) off.chart().plotly().get("layout")).get("shapes"));
    assertEquals("Training: epoch 30 of 30", off.chart().title());
  }

  @Test
  void finishedChartSaysWhichEpochWasKept() {
    History h = train(null, 3);
    Object shown = Plots.training(h);
    // Outside a kernel Plots gives the picture; the chart behind it is the marked one.
    assertTrue(shown instanceof BufferedImage || shown instanceof Chart);
    Chart chart = ChartMarks.bestEpoch(Charts.training(h.toTable(), "Training"), h, true);
    Map<?, ?> note = (Map<?, ?>) ((List<?>) ((Map<?, ?>) chart.plotly().get("layout")).get("annotations")).get(0);
    assertEquals("kept epoch " + h.bestEpoch(), note.get("text"));
  }
}
