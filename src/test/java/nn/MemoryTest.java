package nn;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import nn.data.Mnist;
import nn.data.Split;
import nn.training.History;
import nn.training.Sgd;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Full-size data in the heap surefire gives every test (-Xmx1g, see pom.xml): Fashion-MNIST's 60,000 training
 * images are 60,000 x 784 doubles = 376 MB, so the trainer must never make a second full-size copy.
 *
 * <p>Never skipped: without the Debian package dataset-fashion-mnist the test fails and says how to install it.
 */
class MemoryTest {
  private static final long MB = 1024 * 1024;

  @Test
  void fashionMnistTrainsInOneGigabyteOfHeap() throws InterruptedException {
    long maxHeap = Runtime.getRuntime().maxMemory();
    assertTrue(maxHeap <= 1024 * MB + 64 * MB, "this test must run with -Xmx1g (surefire's argLine), heap is "
        + maxHeap / MB + " MB");
    HeapWatch watch = new HeapWatch();
    Split fashion;
    try {
      fashion = Mnist.fashion();
    } catch (IllegalStateException e) {
      fail("Fashion-MNIST (60,000 images) is needed for this memory test and is not installed. Fix: "
          + "`sudo apt-get install dataset-fashion-mnist`. (" + e.getMessage() + ")");
      return;
    }
    assertEquals(50_000, fashion.train().size());
    assertEquals(10_000, fashion.validation().size());
    assertEquals(784, fashion.train().inputs());
    long afterLoading = watch.peakSoFar();

    Network net = new Network(784, 30, 10);
    History minibatch = net.fit(fashion.train(), fashion.validation(),
        new Sgd().epochs(1).batchSize(10).eta(3.0).verbose(false));
    assertEquals(1, minibatch.size());
    assertFalse(minibatch.diverged(), minibatch::message);
    // Nielsen's network after one epoch on Fashion-MNIST: about 80%; chance is 10%.
    double accuracy = minibatch.last().validationAccuracy();
    assertTrue(accuracy > 0.70, "test accuracy after 1 epoch: " + minibatch);

    History fullBatch = net.fit(fashion.train(), fashion.validation(),
        new Sgd().epochs(1).batchSize(Sgd.FULL_BATCH).eta(3.0).verbose(false));
    assertEquals(1, fullBatch.size());
    assertFalse(fullBatch.diverged(), fullBatch::message);
    assertTrue(Double.isFinite(fullBatch.last().trainCost()), fullBatch::toString);
    // One small step on the mean gradient of all 60,000 examples must not wreck a trained network.
    assertTrue(fullBatch.last().validationAccuracy() > 0.60, "after one full-batch step: " + fullBatch);

    long peak = watch.stop();
    String report = String.format(Locale.ROOT, "MEMORY fashion-mnist 784-30-10: max heap %d MB; peak heap "
        + "occupied (live + not yet collected garbage, sampled every 5 ms) %d MB after loading, %d MB overall; "
        + "sum of pool peaks %d MB; largest heap left after a garbage collection (about the live data) %d MB "
        + "in %d collections; accuracy %.3f after 1 epoch (batch 10), %.3f after 1 full-batch step",
        maxHeap / MB, afterLoading / MB, peak / MB, watch.poolPeaks() / MB, watch.afterGc() / MB,
        watch.collections(), accuracy, fullBatch.last().validationAccuracy());
    // The proof is that we got here without an OutOfMemoryError; the numbers are for the record.
    System.out.println(report);
  }

  /** Samples heap use in a background thread; also reads the JVM's own per-pool peak counters. */
  private static final class HeapWatch {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong afterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;
    private final List<Runnable> unsubscribe = new ArrayList<>();

    HeapWatch() {
      // After every collection, the heap that is still in use: the closest the JVM comes to "live data".
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter emitter) {
          NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
              GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                  .getGcInfo();
              long used = info.getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
              afterGc.accumulateAndGet(used, Math::max);
              collections.incrementAndGet();
            }
          };
          emitter.addNotificationListener(listener, null, null);
          unsubscribe.add(() -> {
            try {
              emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
              // already gone
            }
          });
        }
      }
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          pool.resetPeakUsage();
        }
      }
      thread = new Thread(() -> {
        while (running) {
          sample();
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-watch");
      thread.setDaemon(true);
      thread.start();
    }

    private void sample() {
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      peak.accumulateAndGet(used, Math::max);
    }

    long peakSoFar() {
      sample();
      return peak.get();
    }

    long stop() throws InterruptedException {
      running = false;
      thread.join();
      unsubscribe.forEach(Runnable::run);
      return peakSoFar();
    }

    long afterGc() {
      return afterGc.get();
    }

    long collections() {
      return collections.get();
    }

    /** Sum over heap pools of each pool's peak: an upper bound, since pools peak at different moments. */
    long poolPeaks() {
      long sum = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          sum += pool.getPeakUsage().getUsed();
        }
      }
      return sum;
    }
  }
}
