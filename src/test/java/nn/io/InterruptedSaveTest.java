package nn.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 in the middle of a save: a child JVM starts overwriting a model file, is killed with
 * {@code destroyForcibly()} while half of the new file is written, and the old model must still load.
 */
class InterruptedSaveTest {
  @TempDir
  Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // only a guard against a hung child, not a speed requirement
  void killedSaveLeavesThePreviousModelIntact() throws Exception {
    Path model = dir.resolve("model.npz");
    Network previous = Network.builder(4, 3, 2).seed(1).build();
    previous.save(model);
    byte[] before = Files.readAllBytes(model);

    Process child = startChild(model);
    String line;
    List<String> output = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      while ((line = out.readLine()) != null && !line.startsWith("HALFWAY")) {
        output.add(line);
      }
      assertNotNull(line, () -> "the child ended before writing half the file: " + output + " "
          + readStderr());
      // The child is now blocked inside the save, half of the new network written.
      assertEquals(-1, Files.mismatch(model, writeBytes(before)), "the model itself is untouched so far");
      List<Path> temps = tempFiles();
      assertEquals(1, temps.size(), "one temporary file while saving: " + temps);
      assertTrue(Files.size(temps.get(0)) >= SlowSaveMain.PAUSE_AFTER, "the new file is half written");

      child.destroyForcibly(); // SIGKILL: no finally blocks, no shutdown hooks
      child.waitFor();
    } finally {
      child.destroyForcibly(); // if an assertion above failed, do not leave the paused child running
    }

    // The previous model is exactly as it was and loads.
    assertArrayEquals(before, Files.readAllBytes(model));
    Network loaded = Network.load(model);
    assertArrayEquals(new int[] {4, 3, 2}, loaded.sizes);
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(previous.weights[l].data, loaded.weights[l].data, 0.0);
    }

    // The leftover is hidden, named .model.npz.<digits>.tmp, not an .npz, and not a loadable model.
    List<Path> leftovers = tempFiles();
    assertEquals(1, leftovers.size());
    String name = leftovers.get(0).getFileName().toString();
    assertTrue(name.matches("\\.model\\.npz\\.[0-9]+\\.tmp"), name);
    assertThrows(ModelFormatException.class, () -> ModelFile.load(leftovers.get(0)));
    try (DirectoryStream<Path> npz = Files.newDirectoryStream(dir, "*.npz")) {
      List<Path> models = new ArrayList<>();
      npz.forEach(models::add);
      assertEquals(List.of(model), models, "a *.npz glob sees only the model");
    }

    // And saving again in the same directory still works.
    Network next = Network.builder(4, 5, 2).seed(2).build();
    next.save(model);
    assertArrayEquals(new int[] {4, 5, 2}, Network.load(model).sizes);
  }

  private Path stderrFile() {
    return dir.resolve("child-stderr.txt");
  }

  private String readStderr() {
    try {
      return Files.readString(stderrFile());
    } catch (IOException e) {
      return "(no stderr: " + e + ")";
    }
  }

  private Path writeBytes(byte[] bytes) throws IOException {
    Path copy = dir.resolve("before.bin");
    Files.write(copy, bytes);
    return copy;
  }

  private List<Path> tempFiles() throws IOException {
    List<Path> temps = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".model.npz.*.tmp")) {
      s.forEach(temps::add);
    }
    return temps;
  }

  /** {@code java -cp <this test's class path> nn.io.SlowSaveMain model}, its temp files inside {@code dir}. */
  private Process startChild(Path model) throws IOException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path childTmp = Files.createDirectories(dir.resolve("child-tmp")); // jblas unpacks its native code here
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "-Djava.io.tmpdir=" + childTmp,
        "-cp", classPath, SlowSaveMain.class.getName(), model.toString());
    pb.redirectError(stderrFile().toFile());
    return pb.start();
  }
}
