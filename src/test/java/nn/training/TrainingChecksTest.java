package nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import nn.Network;
import nn.data.Dataset;
import nn.model.Model;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows T.. of docs/bad-inputs.md: what fit refuses or warns about before its first step, and the stop button
 * pressed in the middle of an epoch on another thread, followed by a save and a load on that thread.
 */
class TrainingChecksTest {
  @TempDir
  Path dir;

  private static Sgd quiet() {
    return new Sgd().verbose(false);
  }

  @Test
  void l2DecayThatZeroesOrFlipsTheWeightsIsRefusedNamingL2() {
    // The issue's run: eta 3, lambda 1333 on 1000 examples "diverged in epoch 4" and blamed the learning rate.
    Dataset train = TrainerTest.blobs(1000, 1);
    Network net = new Network(4, 5, 3);
    double[] before = net.weights[1].data.clone();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net.fit(train, null, quiet().epochs(30).eta(3).lambda(1333)));
    assertEquals("fit: eta·lambda/n = 3 · 1300 / 1000 = 4 is at least 1, so the L2 decay factor 1 - eta·lambda/n "
        + "= -3 would zero or flip the sign of every weight at every step. lambda is scaled by the training-set "
        + "size n: use lambda below n/eta = 330 (e.g. lambda = 5), or a smaller eta.", e.getMessage());
    assertArrayEquals(before, net.weights[1].data, 0.0);
    // The advice works: lambda = 5 trains without diverging.
    History h = net.fit(train, null, quiet().epochs(3).eta(3).lambda(5));
    assertFalse(h.stopped(), h::toString);
  }

  @Test
  void rawPixelsFarOutsideZeroOneAreWarnedAbout() {
    Dataset scaled = TrainerTest.blobs(200, 2);
    Dataset raw = new Dataset(scaled.images().mul(255), scaled.labels(), 3, "raw");
    History h = new Network(4, 5, 3).fit(raw, null, quiet().epochs(1));
    assertEquals(1, h.warnings().size());
    String w = h.warnings().get(0);
    assertTrue(w.startsWith("Warning: the training set raw has inputs far outside [0, 1] (up to "), w);
    assertTrue(w.endsWith("sigmoid neurons saturate and learn little. If these are raw pixels 0..255, scale them "
        + "first: new Dataset(images.div(255), labels, classes, name). (The nn.data.Mnist datasets are already "
        + "scaled.)"), w);
    assertEquals(List.of(), new Network(4, 5, 3).fit(scaled, scaled, quiet().epochs(1)).warnings());
  }

  @Test
  void aNetworkTooBigToTrainInThisHeapIsRefusedBeforeTraining() {
    // Two 200 MB weight matrices fit in the 1 GB test heap; training needs two more copies of them.
    Network big = new Network(784, 32000, 784);
    Dataset one = new Dataset(new DoubleMatrix(784, 1), new int[] {0}, 784, "one");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> big.fit(one, null, quiet().epochs(1)));
    String m = e.getMessage();
    assertTrue(m.startsWith("fit: training the network [784, 32000, 784] (50,208,784 weights and biases) needs "
        + "about "), m);
    assertTrue(m.matches(".* MB more memory \\(a copy of the weights for the fast steps, one of the last good "
        + "epoch's, and the mini-batch buffers\\), but only [0-9,]+ MB of the Java heap \\([0-9,]+ MB\\) is free\\. "
        + "Use smaller layers, or give Java more heap \\(java -Xmx[0-9]+g \\.\\.\\.; for the notebooks, set "
        + "JJAVA_JVM_OPTS=-Xmx[0-9]+g before starting JupyterLab\\)\\."), m);
  }

  @Test
  void aNanWeightBeforeTrainingIsNamed() {
    Network net = new Network(4, 5, 3);
    net.weights[2].put(1, 3, Double.NaN);
    assertEquals("fit: weights[2] element (1, 3) is NaN, so training cannot start. Fix: make a new network (or "
        + "load a saved one); if an earlier fit diverged, use a smaller eta.", assertThrows(
            IllegalStateException.class, () -> net.fit(TrainerTest.blobs(10, 1), null, quiet())).getMessage());
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // a guard against a fit that never stops, not a speed target
  void theStopButtonMidEpochStopsTrainingAndASaveAndALoadRightAfterWork() throws Exception {
    // Long epochs (20,000 examples one at a time), so the interrupt lands in the middle of epoch 2.
    Dataset train = FastSgdTest.randomData(50, 20_000, 10, 3);
    Network net = new Network(50, 30, 10);
    CountDownLatch firstEpochDone = new CountDownLatch(1);
    AtomicReference<double[]> afterEpoch1 = new AtomicReference<>();
    AtomicReference<History> history = new AtomicReference<>();
    AtomicReference<Object> afterwards = new AtomicReference<>();
    Path model = dir.resolve("stopped.npz");
    Thread cell = new Thread(() -> {
      history.set(net.fit(train, null, quiet().epochs(1000).batchSize(1).eta(0.1).onEpoch(soFar -> {
        if (soFar.size() == 1) {
          afterEpoch1.set(net.biases[1].data.clone());
          firstEpochDone.countDown();
        }
      })));
      try {
        boolean flag = Thread.currentThread().isInterrupted();
        net.save(model); // was ClosedByInterruptException, "check that the directory is writable"
        Model loaded = nn.io.ModelFile.load(model); // reading must not trip over the interrupt either
        afterwards.set(List.of(flag, loaded.biases[1].data, Thread.currentThread().isInterrupted()));
      } catch (RuntimeException e) {
        afterwards.set(e);
      }
    });
    cell.start();
    assertTrue(firstEpochDone.await(60, TimeUnit.SECONDS));
    Thread.sleep(50);
    cell.interrupt(); // what JJava and IJava do when the stop button is pressed
    cell.join(60_000);
    assertFalse(cell.isAlive(), "fit stopped");
    History h = history.get();
    assertTrue(h.interrupted(), h::toString);
    assertTrue(h.message().startsWith("Training interrupted in epoch " + (h.size() + 1) + ": the network has the "
        + "weights after epoch " + h.size() + " (the part of epoch " + (h.size() + 1) + " already done is undone)"),
        h.message());
    if (h.size() == 1) {
      assertArrayEquals(afterEpoch1.get(), net.biases[1].data, 0.0, "the half-updated biases are put back");
    }
    assertTrue(afterwards.get() instanceof List, () -> "save/load after the interrupt: " + afterwards.get());
    List<?> after = (List<?>) afterwards.get();
    assertEquals(true, after.get(0), "the interrupt status was left set by fit");
    assertArrayEquals(net.biases[1].data, (double[]) after.get(1), 0.0);
    assertEquals(true, after.get(2), "and still set after the save and the load");
    assertTrue(Files.isRegularFile(model));
  }
}
