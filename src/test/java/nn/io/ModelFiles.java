package nn.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import nn.Network;
import org.jblas.DoubleMatrix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Helpers of the model-file tests: a small network, zipping and unzipping entries, reading .npy headers. */
final class ModelFiles {
  private ModelFiles() {}

  static final String RESAVE = "save the model again (net.save(path), or train --save), or restore a "
      + "good copy.";

  static Network small() {
    return Network.builder(4, 3, 2).seed(7).build();
  }

  static void assertMessage(String expected, Path file) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
    assertEquals(expected, e.getMessage());
  }

  static Map<String, byte[]> unzip(Path file) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  /** A valid zip of {@code entries} (deflated, to show that compressed .npz files load too). */
  static Path zip(Path dir, Map<String, byte[]> entries, String name) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    Path file = dir.resolve(name);
    Files.write(file, bytes.toByteArray());
    return file;
  }

  static byte[] cOrder(DoubleMatrix m) {
    byte[] header = Npy.header("<f8", false, new long[] {m.rows, m.columns});
    ByteBuffer b = ByteBuffer.allocate(header.length + 8 * m.length).order(ByteOrder.LITTLE_ENDIAN).put(header);
    for (int r = 0; r < m.rows; r++) {
      for (int c = 0; c < m.columns; c++) {
        b.putDouble(m.get(r, c));
      }
    }
    return b.array();
  }

  static String header(byte[] npy) {
    int length = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
    return new String(npy, 10, length, StandardCharsets.US_ASCII).strip();
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
