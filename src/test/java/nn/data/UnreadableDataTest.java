package nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows F16.. of docs/bad-inputs.md: data files that cannot be read say the system's reason; a directory or a
 * missing directory is named as such; reading works right after an interrupt.
 */
class UnreadableDataTest {
  private static final Path LABELS = Path.of("src/main/resources/nn/data/mnist-sample/t10k-labels-idx1-ubyte.gz");

  @TempDir
  Path dir;

  @Test
  void anUnreadableFileGivesTheSystemsReason() throws Exception {
    // As root every file is readable, but /proc/self/mem refuses a read at offset 0 ("Input/output error").
    boolean root = "root".equals(System.getProperty("user.name"));
    Path file = root ? Path.of("/proc/self/mem") : Files.copy(LABELS, dir.resolve("labels.gz"));
    if (!root) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    }
    String m = assertThrows(UncheckedIOException.class, () -> Idx.readLabels(file)).getMessage();
    assertEquals("Cannot read IDX file " + file + ": " + (root ? "Input/output error" : file + " (Permission denied)")
        + ". Fix: check that it is readable (ls -l " + file + ").", m); // was "Cannot read IDX file x: x"
  }

  @Test
  void aDirectoryGivenAsAFileAndAFileGivenAsTheDirectorySaySo() throws Exception {
    assertEquals("IDX file " + dir + " is a directory. Fix: pass the file itself, e.g. "
        + dir.resolve("train-images-idx3-ubyte.gz") + ".",
        assertThrows(UncheckedIOException.class, () -> Idx.readImages(dir)).getMessage());
    assertEquals(LABELS + " is a file, not a directory: pass the directory that holds the four files "
        + String.join(", ", IdxSplit.FILES) + ", e.g. " + LABELS.toAbsolutePath().getParent() + ".",
        assertThrows(IllegalArgumentException.class, () -> Mnist.fromDirectory(LABELS)).getMessage());
    Path missing = dir.resolve("mnist");
    assertEquals("Directory " + missing + " does not exist. Fix: check the path (relative paths start in "
        + Path.of("").toAbsolutePath() + "), or put the four files " + String.join(", ", IdxSplit.FILES)
        + " there.", assertThrows(IllegalArgumentException.class, () -> Mnist.fromDirectory(missing)).getMessage());
  }

  @Test
  void dataLoadsRightAfterTheStopButton() {
    Thread.currentThread().interrupt();
    int[] labels;
    try {
      labels = Idx.readLabels(LABELS); // was ClosedByInterruptException through Files.newInputStream
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is left for the caller");
    } finally {
      Thread.interrupted();
    }
    assertEquals(2000, labels.length);
  }
}
