package nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.LongFunction;
import nn.data.Mnist;
import nn.data.Split;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Ensemble;
import nn.model.Init;
import nn.model.Model;
import nn.model.Output;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The results table of lesson 11: rows trained by one call, replaced by name, chosen on validation. */
class ResultsTest {
  private static final Split SMALL;

  static {
    Split s = Mnist.sample();
    SMALL = new Split(s.train().head(1000), s.validation().head(300), s.test().head(10), "small");
  }

  private static LongFunction<Model> net(int hidden) {
    return seed -> new Model(new int[] {784, hidden, 10}, Activation.SIGMOID, Output.SIGMOID, Cost.QUADRATIC,
        Init.SCALED_GAUSSIAN, seed);
  }

  private static LongFunction<Sgd> sgd(int epochs) {
    return seed -> new Sgd().epochs(epochs).batchSize(10).eta(3.0).seed(seed).verbose(false);
  }

  @Test
  void aRowIsTrainedWithSeed42AndMeasuredOnValidation() {
    Results r = new Results(SMALL);
    Results.Row row = r.add("20 hidden", net(20), sgd(2));
    Model same = net(20).apply(42);
    new Trainer(same, sgd(2).apply(42)).fit(SMALL.train(), SMALL.validation());
    assertEquals(same.evaluate(SMALL.validation()).accuracy(), row.validationAccuracy());
    assertEquals(2, row.epochs());
    assertTrue(row.seconds() > 0);
    assertArrayEquals(same.weights[1].data, row.choice().members().get(0).weights[1].data);
    assertTrue(row.toString().startsWith("20 hidden: validation "), row.toString());
  }

  @Test
  void theSameNameReplacesItsRowInPlaceAndBestChoosesOnValidation() {
    Results r = new Results(SMALL);
    r.add("a", net(10), sgd(1));
    r.add("b", net(20), sgd(2));
    Results.Row again = r.add("a", net(10), sgd(2));
    assertEquals(List.of("a", "b"), r.rows().stream().map(Results.Row::setup).toList());
    assertSame(again, r.row("a"));
    Results.Row best = r.best();
    for (Results.Row row : r.rows()) {
      assertTrue(best.validationAccuracy() >= row.validationAccuracy());
    }
    Table t = r.table();
    assertEquals(List.of("setup", "epochs", "validation accuracy", "seconds", "more seeds", "min", "median",
        "max"), t.columnNames());
    assertEquals(2, t.rowCount());
    assertEquals(Results.bestRow(t), r.rows().indexOf(best));
  }

  @Test
  void bestRowBreaksTiesByTime() {
    Table t = Table.create("t", tech.tablesaw.api.StringColumn.create("setup", "slow", "fast", "worse"),
        tech.tablesaw.api.DoubleColumn.create("validation accuracy", 0.95, 0.95, 0.90),
        tech.tablesaw.api.DoubleColumn.create("seconds", 9.0, 3.0, 1.0));
    assertEquals(1, Results.bestRow(t));
  }

  @Test
  void spreadTrainsTheSetUpFromOtherSeedsAndKeepsTheRowsNetwork() {
    Results r = new Results(SMALL);
    Results.Row row = r.add("a", net(10), sgd(1));
    double[] a = r.spread("a", 1, 2, 3);
    assertEquals(3, a.length);
    for (int i = 0; i < 3; i++) {
      Model m = net(10).apply(i + 1);
      new Trainer(m, sgd(1).apply(i + 1)).fit(SMALL.train(), SMALL.validation());
      assertEquals(m.evaluate(SMALL.validation()).accuracy(), a[i]);
    }
    assertSame(row.choice(), r.row("a").choice());
    Table t = r.table();
    assertEquals(3, t.intColumn("more seeds").get(0));
    assertEquals(Results.min(a), t.doubleColumn("min").get(0));
    assertEquals(Results.median(a), t.doubleColumn("median").get(0));
    assertEquals(Results.max(a), t.doubleColumn("max").get(0));
  }

  @Test
  void trainedNetworksCanBeARowButCannotBeSpread() {
    Results r = new Results(SMALL);
    r.add("a", net(10), sgd(1));
    r.add("b", net(20), sgd(1));
    Ensemble both = Ensemble.of(r.row("a").choice().members().get(0), r.row("b").choice().members().get(0));
    Results.Row row = r.add("a + b", both, 1, r.row("a").seconds() + r.row("b").seconds());
    assertEquals(both.evaluate(SMALL.validation()).accuracy(), row.validationAccuracy());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.spread("a + b", 1));
    assertTrue(e.getMessage().contains("cannot be trained again"), e.getMessage());
  }

  @Test
  void mistakesAreNamed() {
    Results r = new Results(SMALL);
    IllegalStateException empty = assertThrows(IllegalStateException.class, r::best);
    assertTrue(empty.getMessage().contains("add a row first"), empty.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.add(" ", net(10), sgd(1)));
    assertTrue(e.getMessage().contains("needs a name"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r.add("x", null, sgd(1)));
    assertTrue(e.getMessage().contains("no network (null)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r.add("x", net(10), seed -> null));
    assertTrue(e.getMessage().contains("returned null"), e.getMessage());
    r.add("a", net(10), sgd(1));
    e = assertThrows(IllegalArgumentException.class, () -> r.spread("nope", 1));
    assertTrue(e.getMessage().equals("No row \"nope\" in the results table; its rows are [a]."), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Results(null));
  }
}
