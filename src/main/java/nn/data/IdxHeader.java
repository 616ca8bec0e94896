package nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;

/** The header of an IDX file: its magic number and dimensions, checked, with messages that name the fix. */
final class IdxHeader {
  private IdxHeader() {}

  /** Reads and checks the header; returns the sizes as unsigned values, all fitting one matrix. */
  static long[] read(InputStream in, String source, int magic, int dimensions)
      throws IOException {
    int headerBytes = 4 + 4 * dimensions;
    byte[] header = in.readNBytes(headerBytes);
    if (header.length < 4) {
      throw truncated(source, "a " + headerBytes + "-byte IDX header", header.length);
    }
    int found = bigEndian(header, 0);
    if (found != magic) {
      throw new DataFormatException(String.format("%s is not an IDX %s file: expected magic number 0x%08x "
          + "(%s), found 0x%08x%s. Fix: check that you passed the %s file (e.g. %s).", source, kind(magic),
          magic, describe(magic), found, describeFound(found), kind(magic),
          magic == Idx.IMAGES_MAGIC ? "train-images-idx3-ubyte.gz" : "train-labels-idx1-ubyte.gz"));
    }
    if (header.length < headerBytes) {
      throw truncated(source, "a " + headerBytes + "-byte IDX header", header.length);
    }
    long[] dims = new long[dimensions];
    BigInteger total = BigInteger.ONE;
    StringBuilder shape = new StringBuilder();
    for (int d = 0; d < dimensions; d++) {
      dims[d] = Integer.toUnsignedLong(bigEndian(header, 4 + 4 * d));
      total = total.multiply(BigInteger.valueOf(dims[d]));
      shape.append(d == 0 ? "" : " x ").append(dims[d]);
    }
    boolean dimensionTooLarge = false;
    for (long d : dims) {
      dimensionTooLarge |= d > Idx.MAX_VALUES; // 0 x 4294967295 holds no values but still no int column count
    }
    boolean tooMany = total.compareTo(BigInteger.valueOf(Idx.MAX_VALUES)) > 0;
    if (tooMany || dimensionTooLarge) {
      throw new DataFormatException(source + " has impossible dimensions " + shape + " (= " + total
          + " values): one matrix holds at most " + Idx.MAX_VALUES + " values"
          + (tooMany ? "" : " and at most " + Idx.MAX_VALUES + " in each dimension")
          + ", so the header is corrupt. Fix: delete the file and download it again.");
    }
    return dims;
  }

  static DataFormatException truncated(String source, String promised, long found) {
    return new DataFormatException(source + " is truncated: expected " + promised + ", found only " + found
        + " bytes. Fix: the download or copy was cut short; delete the file and download it again.");
  }

  private static String kind(int magic) {
    return magic == Idx.IMAGES_MAGIC ? "image" : "label";
  }

  private static String describe(int magic) {
    return magic == Idx.IMAGES_MAGIC ? "unsigned bytes, 3 dimensions" : "unsigned bytes, 1 dimension";
  }

  /** For a magic number that is IDX but not the expected kind: what kind of IDX file it is. */
  private static String describeFound(int found) {
    if ((found >>> 16) != 0) {
      return ", which is not an IDX file at all";
    }
    int dims = found & 0xff;
    String what = String.format(", an IDX file of %s with %d dimension%s", typeName((found >>> 8) & 0xff), dims,
        dims == 1 ? "" : "s");
    if (found == Idx.IMAGES_MAGIC) {
      return what + " (an image file)";
    }
    if (found == Idx.LABELS_MAGIC) {
      return what + " (a label file)";
    }
    return what;
  }

  private static String typeName(int type) {
    switch (type) {
      case 0x08: return "unsigned bytes";
      case 0x09: return "signed bytes";
      case 0x0B: return "shorts";
      case 0x0C: return "ints";
      case 0x0D: return "floats";
      case 0x0E: return "doubles";
      default: return String.format("unknown type 0x%02x", type);
    }
  }

  private static int bigEndian(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
  }
}
