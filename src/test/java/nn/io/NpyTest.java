package nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** The .npy bytes, checked against NumPy's format description (version 1.0) byte by byte. */
class NpyTest {
  /** The header text between the 10-byte preamble and the data. */
  private static String headerText(byte[] npy) {
    int length = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8; // little-endian unsigned short
    return new String(npy, 10, length, StandardCharsets.US_ASCII);
  }

  private static int dataStart(byte[] npy) {
    return 10 + ((npy[8] & 0xFF) | (npy[9] & 0xFF) << 8);
  }

  @Test
  void float64MatrixHeaderFollowsTheSpec() {
    DoubleMatrix m = new DoubleMatrix(new double[][] {{1, 2, 3}, {4, 5, 6}}); // 2 x 3
    byte[] npy = Npy.float64(m);

    assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, java.util.Arrays.copyOf(npy, 8),
        "magic string then format version 1.0");
    String header = headerText(npy);
    assertEquals("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", header.strip());
    assertTrue(header.endsWith("\n"), "the header ends with a newline");
    assertEquals(0, dataStart(npy) % 64, "data starts on a multiple of 64 bytes");
    assertTrue(header.chars().allMatch(c -> c < 128), "header is ASCII");
    assertEquals(dataStart(npy) + 6 * 8, npy.length, "exactly 6 doubles follow the header");

    // Fortran order: column by column, little-endian: 1, 4, 2, 5, 3, 6.
    ByteBuffer data = ByteBuffer.wrap(npy, dataStart(npy), 48).order(ByteOrder.LITTLE_ENDIAN);
    double[] stored = new double[6];
    for (int i = 0; i < 6; i++) {
      stored[i] = data.getDouble();
    }
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, stored, 0.0);
  }

  @Test
  void int64AndUnicodeHeaders() {
    byte[] sizes = Npy.int64(new long[] {784, 30, 10});
    assertEquals("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", headerText(sizes).strip());
    assertEquals(0, dataStart(sizes) % 64);
    ByteBuffer d = ByteBuffer.wrap(sizes, dataStart(sizes), 24).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(784, d.getLong());
    assertEquals(30, d.getLong());
    assertEquals(10, d.getLong());
    assertEquals(dataStart(sizes) + 24, sizes.length);

    byte[] text = Npy.unicode("héllo");
    assertEquals("{'descr': '<U5', 'fortran_order': False, 'shape': (), }", headerText(text).strip());
    assertEquals(dataStart(text) + 5 * 4, text.length, "UTF-32: four bytes per character");
    assertEquals('é', ByteBuffer.wrap(text, dataStart(text) + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
  }

  @Test
  void parseReadsBackWhatWasWritten() throws Exception {
    DoubleMatrix m = new DoubleMatrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Npy.Array a = Npy.parse(Npy.float64(m));
    assertEquals("<f8", a.descr());
    assertTrue(a.fortranOrder());
    assertArrayEquals(new long[] {2, 3}, a.shape());
    assertEquals(m, Npy.toMatrix(a));
    assertEquals("héllo", Npy.toText(Npy.parse(Npy.unicode("héllo"))));
  }

  @Test
  void parseUnderstandsCOrderAsNumpyWritesByDefault() throws Exception {
    // What np.save writes for np.array([[1., 2., 3.], [4., 5., 6.]]): row by row.
    byte[] header = Npy.header("<f8", false, new long[] {2, 3});
    ByteBuffer b = ByteBuffer.allocate(header.length + 48).order(ByteOrder.LITTLE_ENDIAN).put(header);
    for (double v : new double[] {1, 2, 3, 4, 5, 6}) {
      b.putDouble(v);
    }
    Npy.Array a = Npy.parse(b.array());
    assertFalse(a.fortranOrder());
    assertEquals(new DoubleMatrix(new double[][] {{1, 2, 3}, {4, 5, 6}}), Npy.toMatrix(a));
  }

  @Test
  void parseRejectsWhatIsNotAnNpyArray() {
    Npy.BadArray e = assertThrows(Npy.BadArray.class, () -> Npy.parse("hello".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("it does not start with the .npy magic bytes \\x93NUMPY", e.getMessage());
  }
}
