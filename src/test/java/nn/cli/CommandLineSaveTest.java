package nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import nn.Network;
import nn.cli.Cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows SV.. of docs/bad-inputs.md through {@code train --save}: a target that cannot be saved to is refused
 * before the data is loaded (so before the first epoch), with the cause; a good one works, even a long name.
 */
class CommandLineSaveTest {
  @TempDir
  Path dir;

  private final Cli.Blobs blobs = new Cli.Blobs();
  private final List<String> loaded = blobs.loaded;

  private void assertRefusedBeforeTraining(String message, Path save) {
    Run r = Cli.run(blobs, "train", "--sizes", "4,5,3", "--epochs", "1", "--save", save.toString());
    assertEquals(new Run(2, "", Cli.usageError(message)), r);
    assertTrue(loaded.isEmpty(), "refused before loading the data, so before the first epoch: " + loaded);
  }

  @Test
  void underARegularFile() throws Exception {
    Path file = Files.writeString(dir.resolve("results"), "x");
    assertRefusedBeforeTraining("Cannot save model to " + file.resolve("model.npz") + ": " + file + " is a file, "
        + "not a directory. Fix: save beside it instead, e.g. " + dir.resolve("model.npz") + ".",
        file.resolve("model.npz"));
  }

  @Test
  void aDeviceAReadOnlyModelAndATooLongName() throws Exception {
    assertRefusedBeforeTraining("Cannot save model to /dev/null: it is a character device, not a regular file, "
        + "and saving would replace it with one. Fix: give the name of a regular file, e.g. model.npz.",
        Path.of("/dev/null"));
    Path readOnly = dir.resolve("best.npz");
    new Network(4, 5, 3).save(readOnly);
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
    assertRefusedBeforeTraining("Cannot save model to " + readOnly + ": it is read-only (r--r--r--), so it is "
        + "kept. Fix: if you mean to replace it, make it writable first (chmod u+w " + readOnly + "); otherwise "
        + "give another name.", readOnly);
    Path tooLong = dir.resolve("x".repeat(300) + ".npz");
    assertRefusedBeforeTraining("Cannot save model to " + tooLong + ": its name is 304 bytes long, more than "
        + "this file system allows for a file name (File name too long). Fix: use a shorter name, e.g. "
        + "model.npz.", tooLong);
  }

  @Test
  void aMissingDirectoryIsCreatedAndALong250ByteNameSaves() throws Exception {
    Path model = dir.resolve("new").resolve("dir").resolve("n".repeat(246) + ".npz");
    Run r = Cli.run(blobs, "train", "--sizes", "4,5,3", "--epochs", "1", "--save", model.toString());
    assertEquals(0, r.status(), r::toString);
    assertArrayEquals(new int[] {4, 5, 3}, Network.load(model).sizes);
  }

  @Test
  void aTargetThatGoesBadDuringTrainingStillKeepsTheNetwork() throws Exception {
    Path sub = dir.resolve("sub");
    Path model = sub.resolve("model.npz");
    DataSource spoiler = name -> {
      try {
        Files.writeString(sub, "now a file"); // after the check, before the save: the directory cannot be made
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return blobs.load(name);
    };
    Run r = Cli.run(spoiler, "train", "--sizes", "4,5,3", "--epochs", "1", "--save", model.toString());
    assertEquals(1, r.status(), r::toString);
    Path rescued = Path.of(System.getProperty("java.io.tmpdir"), "nn-rescued-" + ProcessHandle.current().pid()
        + ".npz");
    try {
      assertTrue(r.err().startsWith("error: Cannot save model to " + model + ": "), r.err());
      assertTrue(r.err().endsWith("The trained network is saved to " + rescued + " instead; move it where you want "
          + "it." + System.lineSeparator()), r.err());
      assertArrayEquals(new int[] {4, 5, 3}, Network.load(rescued).sizes);
    } finally {
      Files.deleteIfExists(rescued);
    }
  }
}
