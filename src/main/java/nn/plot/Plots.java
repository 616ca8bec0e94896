package nn.plot;

import nn.training.History;
import nn.training.Results;
import org.jblas.DoubleMatrix;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * What notebooks call to see charts. Every method returns the thing to pass to {@code display(...)} (or to
 * leave as a cell's last value):
 *
 * <ul>
 *   <li>in JJava or IJava, a {@link Chart}: an interactive plotly chart, with a PNG copy for viewers that
 *       cannot run it (static HTML export, GitHub);
 *   <li>anywhere else (another kernel, plain Java), the chart's picture, a {@link java.awt.image.BufferedImage}.
 * </ul>
 *
 * <pre>{@code
 * display(Plots.show(LinePlot.create("Cost", table, "epoch", "train cost")));
 * display(Plots.confusion(net.confusion(test).counts()));
 * }</pre>
 */
public final class Plots {
  private Plots() {}

  /** Any Tablesaw figure, titles kept. */
  public static Object show(Figure figure) {
    return show(Chart.of(figure));
  }

  /** A chart, or its picture where no kernel renderer is available. */
  public static Object show(Chart chart) {
    if (chart == null) {
      throw new IllegalArgumentException("Plots.show needs a chart or a Tablesaw figure, got null.");
    }
    return Notebook.prepare() ? chart : chart.image();
  }

  /**
   * A chart of cost and accuracy that redraws itself after every epoch; give it to {@code Sgd.onEpoch}.
   * {@code plannedEpochs} (the {@code Sgd.epochs} value, or 0) is shown in the title.
   */
  public static LiveChart liveTraining(int plannedEpochs) {
    return new LiveChart(plannedEpochs);
  }

  /** A live training chart whose title counts epochs without a total. */
  public static LiveChart liveTraining() {
    return new LiveChart(0);
  }

  /** Cost and accuracy per epoch of a finished training run; with early stopping, the kept epoch marked. */
  public static Object training(History history) {
    if (history == null) {
      throw new IllegalArgumentException("Plots.training needs the History that fit returned, got null.");
    }
    // With early stopping, the epoch whose weights the network kept is marked.
    return show(ChartMarks.bestEpoch(Charts.training(history.toTable(), "Training" + (history.bestEpoch() == 0 ? ""
        : " (kept epoch " + history.bestEpoch() + ")")), history, true));
  }

  /** Cost and accuracy per epoch from a history table ({@code History.toTable()}). */
  public static Object training(Table history) {
    return show(Charts.training(history, "Training"));
  }

  /** A results table (lesson 11): each set-up's validation accuracy against its training seconds. */
  public static Object results(Results results) {
    if (results == null) {
      throw new IllegalArgumentException("Plots.results needs the Results table, got null.");
    }
    return show(ResultsChart.of(results.table()));
  }

  /**
   * With {@code Sgd.recordLayers(true)}: the gradient norm of each layer's weights per epoch (0 = before
   * training), on a log scale: where the gradient vanishes, layer 1's line lies far below the last layer's.
   */
  public static Object layers(History history) {
    return show(LayerCharts.gradientNorms(history));
  }

  /** With {@code Sgd.recordLayers(true)}: the share of saturated (sigmoid, tanh) or dead (ReLU) hidden neurons. */
  public static Object saturation(History history) {
    return show(LayerCharts.saturation(history));
  }

  /** The confusion matrix {@code counts[true][predicted]} as a heatmap. */
  public static Object confusion(int[][] counts) {
    return show(Charts.confusion(counts));
  }

  /** The weights into hidden neuron {@code neuron} (a row of {@code weights[1]}) as a 28 x 28 heatmap. */
  public static Object weights(DoubleMatrix weights, int neuron) {
    return show(Charts.weights(weights, neuron));
  }

  /**
   * Points coloured by label, one legend entry per label: e.g. row 0 and row 1 of {@code pca.project(h, 2)}
   * against the digits, {@code Plots.scatter(p.getRow(0).toArray(), p.getRow(1).toArray(), labels, ...)}.
   */
  public static Object scatter(double[] x, double[] y, int[] labels, String title, String xTitle, String yTitle) {
    return show(Charts.scatter(x, y, labels, title, xTitle, yTitle));
  }

  /** A histogram of {@code values}, e.g. a layer's activations. */
  public static Object histogram(double[] values, String title, String xTitle) {
    return show(Charts.histogram(values, title, xTitle));
  }
}
