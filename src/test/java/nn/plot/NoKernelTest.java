package nn.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import nn.Network;
import nn.data.Dataset;
import nn.training.History;
import nn.training.Sgd;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outside Jupyter (as here) everything degrades to a picture or text and nothing throws. */
class NoKernelTest {
  @Test
  void noKernelMeansNoRendererAndNoDisplay() {
    assertFalse(Notebook.prepare());
    assertNull(Notebook.display("x"));
    assertFalse(Notebook.update("some-id", "x"));
  }

  @Test
  void plotsFallBackToThePicture() {
    Table t = Table.create("h", IntColumn.create("epoch", 1, 2), DoubleColumn.create("test accuracy", 0.5, 0.7));
    assertInstanceOf(BufferedImage.class, Plots.show(LinePlot.create("Accuracy", t, "epoch", "test accuracy")));
    assertInstanceOf(BufferedImage.class, Plots.confusion(new int[][] {{1, 0}, {0, 1}}));
    assertInstanceOf(BufferedImage.class, Plots.histogram(new double[] {1, 2, 3}, "h", "x"));
  }

  @Test
  void liveChartPrintsOneLinePerEpochWithoutAKernel() {
    DoubleMatrix x = DoubleMatrix.rand(4, 40);
    int[] labels = new int[40];
    for (int i = 0; i < 40; i++) {
      labels[i] = x.get(0, i) > 0.5 ? 1 : 0;
    }
    Dataset d = new Dataset(x, labels, 2, "tiny");
    LiveChart live = Plots.liveTraining(3);
    PrintStream old = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    History h;
    try {
      System.setOut(new PrintStream(captured, true));
      h = new Network(4, 3, 2).fit(d, d, new Sgd().epochs(3).batchSize(10).eta(1.0).onEpoch(live));
    } finally {
      System.setOut(old);
    }
    assertEquals(3, h.size());
    assertEquals(0, live.redraws());
    assertNull(live.displayId());
    assertEquals("Training: epoch 3 of 3", live.chart().title());
    String out = captured.toString();
    assertTrue(out.contains("Epoch 3: train cost"), out);
  }
}
