package nn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jblas.DoubleMatrix;

/**
 * One NumPy {@code .npy} array: writing the few kinds a model file needs, and reading their header.
 *
 * <p>The layout (NumPy's format version 1.0) is:
 * <pre>
 *   6 bytes   magic  \x93 N U M P Y
 *   2 bytes   format version, major then minor: 1, 0
 *   2 bytes   header length H, little-endian unsigned
 *   H bytes   header: an ASCII Python dict  {'descr': '&lt;f8', 'fortran_order': True, 'shape': (30, 784), }
 *             padded with spaces and ended by '\n' so that 10 + H is a multiple of 64
 *   the data  shape[0] * shape[1] * ... elements of the type 'descr', nothing after them
 * </pre>
 * {@code descr} is the element type: {@code '<f8'} little-endian float64, {@code '<i8'} little-endian int64,
 * {@code '<U7'} a unicode string of 7 UTF-32 characters. With {@code fortran_order: True} a 2-D array is stored
 * column by column, exactly like a jblas {@code DoubleMatrix}, so no element needs to move.
 */
final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** NumPy aligns the start of the data to 64 bytes, so it can be memory-mapped efficiently. */
  private static final int ALIGN = 64;
  private static final int PREAMBLE = MAGIC.length + 2 + 2;

  private Npy() {}

  /** True if {@code bytes} begins with the .npy magic string. */
  static boolean hasMagic(byte[] bytes) {
    return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /** A {@code rows x columns} matrix as float64, column by column ({@code fortran_order: True}). */
  static byte[] float64(DoubleMatrix m) {
    ByteBuffer out = start("<f8", true, new long[] {m.rows, m.columns}, 8L * m.length);
    for (int i = 0; i < m.length; i++) {
      out.putDouble(m.data[i]);
    }
    return out.array();
  }

  /** A one-dimensional int64 array of shape {@code (n,)}. */
  static byte[] int64(long[] values) {
    ByteBuffer out = start("<i8", false, new long[] {values.length}, 8L * values.length);
    for (long v : values) {
      out.putLong(v);
    }
    return out.array();
  }

  /**
   * A string as a NumPy unicode scalar (shape {@code ()}, dtype {@code '<Un'}): each character is one UTF-32
   * little-endian code point. {@code np.load} reads it without pickle; {@code str(a)} gives the string.
   */
  static byte[] unicode(String s) {
    int[] codePoints = s.codePoints().toArray();
    int n = Math.max(1, codePoints.length); // NumPy has no '<U0' scalar on disk; pad the empty string with NUL
    ByteBuffer out = start("<U" + n, false, new long[0], 4L * n);
    for (int i = 0; i < n; i++) {
      out.putInt(i < codePoints.length ? codePoints[i] : 0);
    }
    return out.array();
  }

  /** A buffer holding the header for the given array, positioned where its {@code dataBytes} go. */
  private static ByteBuffer start(String descr, boolean fortranOrder, long[] shape, long dataBytes) {
    byte[] header = header(descr, fortranOrder, shape);
    long total = header.length + dataBytes;
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("An array of shape " + shapeText(shape) + " is too large for one "
          + ".npy entry (over 2 GB).");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    out.put(header);
    return out;
  }

  /** The magic, version 1.0, length and padded dict: everything before the data. */
  static byte[] header(String descr, boolean fortranOrder, long[] shape) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
        + ", 'shape': " + shapeText(shape) + ", }";
    // Pad with spaces and end with '\n' so the data starts on a multiple of 64 bytes.
    int unpadded = PREAMBLE + dict.length() + 1;
    int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
    String text = dict + " ".repeat(padding) + "\n";
    ByteBuffer out = ByteBuffer.allocate(PREAMBLE + text.length()).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
    out.put(text.getBytes(StandardCharsets.US_ASCII));
    return out.array();
  }

  /** A shape the way Python writes a tuple: {@code ()}, {@code (3,)}, {@code (3, 2)}. */
  static String shapeText(long[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return s.append(")").toString();
  }

  /** A parsed .npy entry: its element type, order, shape, and the bytes after the header. */
  record Array(String descr, boolean fortranOrder, long[] shape, ByteBuffer data) {
    /** Number of elements, the product of the shape (1 for a scalar). */
    long count() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }

    String shapeText() {
      return Npy.shapeText(shape);
    }

    /** Bytes per element for the types a model file uses, or -1 for any other. */
    int itemSize() {
      switch (descr) {
        case "<f8":
        case "<i8":
          return 8;
        case "<i4":
          return 4;
        default:
          return descr.matches("<U[1-9][0-9]{0,6}") ? 4 * Integer.parseInt(descr.substring(2)) : -1;
      }
    }
  }

  /** Thrown by {@link #parse} with a description of what is wrong; the caller adds the file's name. */
  static final class BadArray extends Exception {
    private static final long serialVersionUID = 1L;

    BadArray(String message) {
      super(message);
    }
  }

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** Reads the header of one .npy entry (format version 1.0, 2.0 or 3.0, as NumPy writes them). */
  static Array parse(byte[] bytes) throws BadArray {
    if (!hasMagic(bytes)) {
      throw new BadArray("it does not start with the .npy magic bytes \\x93NUMPY");
    }
    if (bytes.length < PREAMBLE) {
      throw new BadArray("it ends inside its header (" + bytes.length + " bytes)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int major = bytes[6];
    int minor = bytes[7];
    long headerLength;
    int headerStart;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(in.getShort(8));
      headerStart = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) {
        throw new BadArray("it ends inside its header (" + bytes.length + " bytes)");
      }
      headerLength = Integer.toUnsignedLong(in.getInt(8));
      headerStart = 12;
    } else {
      throw new BadArray("it is .npy format version " + major + "." + minor
          + ", but only versions 1.0, 2.0 and 3.0 exist");
    }
    if (headerStart + headerLength > bytes.length) {
      throw new BadArray("its header says it is " + headerLength + " bytes long but the entry has only "
          + (bytes.length - headerStart) + " bytes after the preamble");
    }
    String header = new String(bytes, headerStart, (int) headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shape = SHAPE.matcher(header);
    if (!descr.find() || !fortran.find() || !shape.find()) {
      throw new BadArray("its header is not a simple array header (expected 'descr', 'fortran_order' and "
          + "'shape'), found " + header.strip());
    }
    long[] dims = parseShape(shape.group(1), header);
    int dataStart = headerStart + (int) headerLength;
    ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice()
        .order(ByteOrder.LITTLE_ENDIAN);
    return new Array(descr.group(1), fortran.group(1).equals("True"), dims, data);
  }

  private static long[] parseShape(String text, String header) throws BadArray {
    String[] parts = text.split(",");
    long[] dims = new long[parts.length];
    int n = 0;
    for (String p : parts) {
      String t = p.strip();
      if (t.isEmpty()) {
        continue;
      }
      try {
        dims[n] = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
      } catch (NumberFormatException e) {
        throw new BadArray("its shape is not a tuple of whole numbers: " + header.strip());
      }
      if (dims[n] < 0) {
        throw new BadArray("its shape has a negative size: " + header.strip());
      }
      n++;
    }
    return Arrays.copyOf(dims, n);
  }

  /**
   * The elements of a 2-D float64 array as a jblas matrix. A Fortran-order array is already column by column;
   * a C-order one (NumPy's default, e.g. from {@code np.savez}) is row by row and is rearranged.
   */
  static DoubleMatrix toMatrix(Array a) {
    int rows = (int) a.shape()[0];
    int columns = (int) a.shape()[1];
    DoubleMatrix m = new DoubleMatrix(rows, columns);
    ByteBuffer d = a.data();
    for (int i = 0; i < m.length; i++) {
      double v = d.getDouble(8 * i);
      if (a.fortranOrder()) {
        m.data[i] = v;
      } else {
        m.put(i / columns, i % columns, v);
      }
    }
    return m;
  }

  /** The string held by a {@code '<Un'} unicode scalar, without NumPy's trailing NUL padding. */
  static String toText(Array a) throws BadArray {
    int chars = a.itemSize() / 4;
    StringBuilder s = new StringBuilder(chars);
    for (int i = 0; i < chars; i++) {
      int cp = a.data().getInt(4 * i);
      if (cp == 0) {
        break;
      }
      if (!Character.isValidCodePoint(cp)) {
        throw new BadArray("character " + i + " is not a Unicode code point (0x" + Integer.toHexString(cp) + ")");
      }
      s.appendCodePoint(cp);
    }
    return s.toString();
  }
}
