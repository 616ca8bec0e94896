package nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows of docs/bad-inputs.md about model files that ModelFileTest does not already cover. */
class BadModelFilesTest {
  @TempDir Path dir;

  @Test
  void entryNameThatIsNotUtf8IsADamagedZipNotABareIllegalArgumentException() throws IOException {
    // Found by ModelFileFuzzTest in its first seconds: a valid model whose first entry name has a byte that
    // is not UTF-8 made ZipInputStream throw "malformed input off : 5, length : 1" straight to the learner.
    byte[] seed;
    String seedName = "ModelFileFuzzTestInputs/loadModel/crash-entry-name-not-utf8";
    try (InputStream in = getClass().getResourceAsStream(seedName)) {
      seed = in.readAllBytes();
    }
    Path file = dir.resolve("model.npz");
    Files.write(file, Arrays.copyOfRange(seed, 1, seed.length)); // byte 0 is the fuzz target's mode (0 = file)
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
    assertEquals("Cannot load model file " + file + ": the zip archive is damaged: an entry's name is not valid "
        + "UTF-8 (malformed input off : 5, length : 1). Fix: the file is corrupt; save the model again "
        + "(net.save(path), or train --save), or restore a good copy.", e.getMessage());
  }
}
