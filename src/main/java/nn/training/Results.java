package nn.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import nn.data.Split;
import nn.model.Ensemble;
import nn.model.Model;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A results table for choosing a network on the validation set: one row per set-up tried, with its
 * validation accuracy and the seconds it took (lesson 11). Each row is added by one call, which trains the
 * set-up on {@code data.train()} and measures {@code data.validation()}; {@code data.test()} is never touched.
 *
 * <pre>{@code
 * Results results = new Results(Mnist.sample());
 * results.add("784-30-10 sigmoid", seed -> Network.builder(784, 30, 10).seed(seed).build(),
 *     seed -> new Sgd().epochs(10).batchSize(10).eta(3.0).seed(seed));
 * results.best();   // the row with the highest validation accuracy
 * }</pre>
 *
 * <p>A set-up is given as two functions of the seed (the network, and its training), so that
 * {@link #spread} can train the same set-up again from other seeds: one run is one draw, and a lead of a
 * point between two rows may be luck. Rows are trained with seed {@link #SEED} and quietly (no epoch lines,
 * training set not measured); a live chart given to {@code Sgd.onEpoch} still draws. Adding a set-up under a
 * name already in the table replaces that row, so re-running the cell that adds it gives the same table.
 */
public final class Results {
  /** The seed every row is trained with (the workbook's default seed). */
  public static final long SEED = 42;

  /**
   * One row: what was tried, the trained network(s), epochs run, validation accuracy (a fraction), seconds of
   * training (wall clock), and, once {@link #spread} has run, the validation accuracy of each extra seed.
   */
  public record Row(String setup, Ensemble choice, int epochs, double validationAccuracy, double seconds,
      double[] seedAccuracies) {
    /** For example {@code 784-30-10 sigmoid: validation 90.8%, 10 epochs, 2.1 s}. */
    @Override
    public String toString() {
      String spread = seedAccuracies.length == 0 ? "" : String.format(Locale.ROOT,
          "; %d more seeds: %.1f%% to %.1f%%", seedAccuracies.length, 100 * min(seedAccuracies),
          100 * max(seedAccuracies));
      return String.format(Locale.ROOT, "%s: validation %.1f%%, %d epochs, %.1f s%s", setup,
          100 * validationAccuracy, epochs, seconds, spread);
    }
  }

  private final Split data;
  private final List<Row> rows = new ArrayList<>();
  private final List<LongFunction<? extends Model>> networks = new ArrayList<>();
  private final List<LongFunction<Sgd>> trainings = new ArrayList<>();

  /** An empty table for set-ups trained on {@code data.train()} and chosen by {@code data.validation()}. */
  public Results(Split data) {
    if (data == null) {
      throw new IllegalArgumentException("Results needs the data to train and validate on: new Results("
          + "Mnist.sample()).");
    }
    this.data = data;
  }

  /** The data the rows are trained on and validated by. */
  public Split data() {
    return data;
  }

  /**
   * Trains {@code network.apply(SEED)} with {@code training.apply(SEED)} on {@code data.train()}, measures
   * {@code data.validation()}, and adds the row (or replaces the row of the same {@code setup}).
   */
  public Row add(String setup, LongFunction<? extends Model> network, LongFunction<Sgd> training) {
    checkName(setup);
    if (network == null || training == null) {
      throw new IllegalArgumentException("Results.add(\"" + setup + "\", ..) needs the network and its "
          + "training as functions of the seed, e.g. seed -> Network.builder(784, 30, 10).seed(seed).build() "
          + "and seed -> new Sgd().epochs(10).seed(seed); got " + (network == null ? "no network" : "no training")
          + " (null).");
    }
    Model net = network.apply(SEED);
    long start = System.nanoTime();
    History h = new Trainer(net, quiet(training.apply(SEED), setup)).fit(data.train(), data.validation());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (h.stopped()) {
      System.out.println(setup + ": " + h.message());
    }
    Row row = new Row(setup, Ensemble.of(net), h.size(), net.evaluate(data.validation()).accuracy(), seconds,
        new double[0]);
    put(row, network, training);
    return row;
  }

  /**
   * Adds a row for networks trained elsewhere, e.g. {@code Ensemble.of(netA, netB)} of two rows' networks,
   * with the seconds their training took; measured on {@code data.validation()}. {@link #spread} cannot
   * re-train such a row.
   */
  public Row add(String setup, Ensemble trained, int epochs, double seconds) {
    checkName(setup);
    if (trained == null) {
      throw new IllegalArgumentException("Results.add(\"" + setup + "\", ..) needs the trained networks, "
          + "e.g. Ensemble.of(netA, netB); got null.");
    }
    Row row = new Row(setup, trained, epochs, trained.evaluate(data.validation()).accuracy(), seconds,
        new double[0]);
    put(row, null, null);
    return row;
  }

  /**
   * Trains the set-up of row {@code setup} again with each of {@code seeds} and keeps their validation
   * accuracies in the row (the table's min / median / max columns); returns them in the order of
   * {@code seeds}. The row's own network (seed {@link #SEED}) is not changed. Quiet: a live chart in the
   * set-up's training is left out here.
   */
  public double[] spread(String setup, long... seeds) {
    int i = index(setup);
    if (seeds == null || seeds.length == 0) {
      throw new IllegalArgumentException("spread(\"" + setup + "\", ..) needs the seeds to try, e.g. 1, 2, 3.");
    }
    double[] accuracies = new double[seeds.length];
    for (int s = 0; s < seeds.length; s++) {
      accuracies[s] = train(setup, seeds[s]).evaluate(data.validation()).accuracy();
    }
    Row r = rows.get(i);
    rows.set(i, new Row(r.setup(), r.choice(), r.epochs(), r.validationAccuracy(), r.seconds(),
        accuracies.clone()));
    return accuracies;
  }

  /**
   * The set-up of row {@code setup} trained again from {@code seed}, quietly (a live chart in its training is
   * left out): for example a second network for an ensemble. The table does not change.
   */
  public Model train(String setup, long seed) {
    int i = index(setup);
    if (networks.get(i) == null) {
      throw new IllegalArgumentException("Row \"" + setup + "\" was added as trained networks, so it cannot be "
          + "trained again from other seeds: train its members' set-ups instead.");
    }
    Model net = networks.get(i).apply(seed);
    new Trainer(net, quiet(trainings.get(i).apply(seed), setup).onEpoch(null)).fit(data.train(), data.validation());
    return net;
  }

  /** The rows, in the order they were first added. */
  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** The row of {@code setup}. */
  public Row row(String setup) {
    return rows.get(index(setup));
  }

  /** The row with the highest validation accuracy; of equal ones, the fastest. The choice to test. */
  public Row best() {
    if (rows.isEmpty()) {
      throw new IllegalStateException("The results table is empty: add a row first with results.add(..).");
    }
    return rows.get(bestRow(table()));
  }

  /**
   * The index of the best row of a results table (columns {@code validation accuracy} and {@code seconds}):
   * the highest validation accuracy, and of equal ones the fewest seconds (the first of those on a full tie).
   */
  public static int bestRow(Table results) {
    if (results == null || !results.containsColumn("validation accuracy") || !results.containsColumn("seconds")
        || results.rowCount() == 0) {
      throw new IllegalArgumentException("bestRow needs a results table with rows and the columns \"validation "
          + "accuracy\" and \"seconds\", got " + (results == null ? "null" : results.rowCount() + " rows, columns "
          + results.columnNames()) + ". Use results.table().");
    }
    int best = 0;
    for (int i = 1; i < results.rowCount(); i++) {
      double a = results.numberColumn("validation accuracy").getDouble(i);
      double b = results.numberColumn("validation accuracy").getDouble(best);
      if (a > b || a == b && results.numberColumn("seconds").getDouble(i)
          < results.numberColumn("seconds").getDouble(best)) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The table: {@code setup}, {@code epochs}, {@code validation accuracy}, {@code seconds}, and, for rows
   * that {@link #spread} measured, {@code seeds}, {@code min}, {@code median}, {@code max} (else empty).
   */
  public Table table() {
    StringColumn setup = StringColumn.create("setup");
    IntColumn epochs = IntColumn.create("epochs");
    DoubleColumn accuracy = DoubleColumn.create("validation accuracy");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    IntColumn seeds = IntColumn.create("more seeds");
    DoubleColumn min = DoubleColumn.create("min");
    DoubleColumn median = DoubleColumn.create("median");
    DoubleColumn max = DoubleColumn.create("max");
    for (Row r : rows) {
      setup.append(r.setup());
      epochs.append(r.epochs());
      accuracy.append(r.validationAccuracy());
      seconds.append(Math.round(r.seconds() * 10) / 10.0);
      double[] a = r.seedAccuracies();
      seeds.append(a.length);
      if (a.length == 0) {
        min.appendMissing();
        median.appendMissing();
        max.appendMissing();
      } else {
        min.append(min(a));
        median.append(median(a));
        max.append(max(a));
      }
    }
    return Table.create("results (validation set of " + data.validation().name() + ")", setup, epochs,
        accuracy, seconds, seeds, min, median, max);
  }

  @Override
  public String toString() {
    return table().printAll();
  }

  private void put(Row row, LongFunction<? extends Model> network, LongFunction<Sgd> training) {
    int i = rows.indexOf(find(row.setup()));
    if (i < 0) {
      rows.add(row);
      networks.add(network);
      trainings.add(training);
    } else {
      rows.set(i, row);
      networks.set(i, network);
      trainings.set(i, training);
    }
  }

  private Row find(String setup) {
    return rows.stream().filter(r -> r.setup().equals(setup)).findFirst().orElse(null);
  }

  private int index(String setup) {
    Row r = find(setup);
    if (r == null) {
      List<String> names = rows.stream().map(Row::setup).toList();
      throw new IllegalArgumentException("No row \"" + setup + "\" in the results table; its rows are " + names
          + ".");
    }
    return rows.indexOf(r);
  }

  private static void checkName(String setup) {
    if (setup == null || setup.isBlank()) {
      throw new IllegalArgumentException("A row needs a name that says what was tried, e.g. "
          + "\"784-100-10 ReLU, eta 0.1\"; got " + (setup == null ? "null" : "\"" + setup + "\"") + ".");
    }
  }

  private static Sgd quiet(Sgd sgd, String setup) {
    if (sgd == null) {
      throw new IllegalArgumentException("The training function of \"" + setup + "\" returned null: return "
          + "the Sgd, e.g. seed -> new Sgd().epochs(10).seed(seed).");
    }
    return sgd.verbose(false).monitorTraining(false);
  }

  static double min(double[] a) {
    return Arrays.stream(a).min().orElse(Double.NaN);
  }

  static double max(double[] a) {
    return Arrays.stream(a).max().orElse(Double.NaN);
  }

  static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
