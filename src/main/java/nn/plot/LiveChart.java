package nn.plot;

import java.util.Locale;
import nn.training.Epoch;
import nn.training.EpochListener;
import nn.training.History;

/**
 * A cost/accuracy chart that redraws itself in place after every epoch while a network trains.
 *
 * <pre>{@code
 * LiveChart live = Plots.liveTraining(30);
 * History h = net.fit(data.train(), data.validation(), new Sgd().epochs(30).batchSize(10).eta(3.0).onEpoch(live));
 * }</pre>
 *
 * <p>After the first epoch it shows the chart in a new output (the kernel's {@code display}); after every
 * later epoch it replaces that same output ({@code updateDisplay} with the same display id). The title
 * counts the epochs, e.g. "Training: epoch 3 of 30"; with {@code Sgd.earlyStop} a dashed line marks the best
 * epoch so far, and the title names it ("(best so far: epoch 2)", "(stopped early: kept epoch 9)"). Without a Jupyter kernel it prints one line per epoch
 * instead; it never throws because of the display.
 *
 * <p>Why each redraw is two updates, first the chart's picture ({@code image/png}) and then the chart:
 * JupyterLab keeps an output's renderer when an update has the same preferred MIME type and asks it to
 * render the new data, but the plotly renderer (plotly 6.5.2) ignores that once it has drawn a chart, so
 * the chart would freeze at epoch 1. Passing through the picture makes JupyterLab build a fresh plotly
 * renderer for every epoch. The last update is always the full chart, so the saved notebook and the HTML
 * export hold the final, interactive chart.
 */
public final class LiveChart implements EpochListener {
  private final int plannedEpochs;
  private String displayId;
  private int redraws;
  private Chart chart;

  /** A live chart; {@code plannedEpochs} (0 if unknown) only appears in the title. */
  public LiveChart(int plannedEpochs) {
    if (plannedEpochs < 0) {
      throw new IllegalArgumentException("plannedEpochs must be 0 (unknown) or more, got " + plannedEpochs + ".");
    }
    this.plannedEpochs = plannedEpochs;
  }

  @Override
  public void onEpoch(History soFar) {
    if (soFar == null || soFar.size() == 0) {
      return;
    }
    Epoch last = soFar.last();
    // With early stopping, a dashed line marks the best epoch so far (the one kept, once it stopped early).
    chart = ChartMarks.bestEpoch(Charts.training(soFar.toTable(), title(last.epoch()) + ChartMarks.titleNote(soFar)),
        soFar, soFar.stoppedEarly());
    boolean shown;
    if (displayId == null) {
      displayId = Notebook.prepare() ? Notebook.display(chart) : null;
      shown = displayId != null;
    } else {
      shown = Notebook.update(displayId, chart.image()) && Notebook.update(displayId, chart);
    }
    if (shown) {
      redraws++;
    } else {
      System.out.println(line(last) + ChartMarks.titleNote(soFar));
    }
  }

  /** The chart as it is now (null before the first epoch). */
  public Chart chart() {
    return chart;
  }

  /** How many times the chart was drawn in the notebook (0 outside Jupyter). */
  public int redraws() {
    return redraws;
  }

  /** The notebook's display id of the chart, or null if it was not shown in a notebook. */
  public String displayId() {
    return displayId;
  }

  private String title(int epoch) {
    return "Training: epoch " + epoch + (plannedEpochs > 0 ? " of " + plannedEpochs : "");
  }

  private static String line(Epoch e) {
    return String.format(Locale.ROOT, "Epoch %d: train cost %.4f, validation cost %.4f, train accuracy %.4f, "
        + "validation accuracy %.4f", e.epoch(), e.trainCost(), e.validationCost(), e.trainAccuracy(),
        e.validationAccuracy());
  }
}
