package nn.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Reads one zip entry of a model file without ever allocating more than the entry can honestly need: a
 * {@code .npy} entry is read up to what its own header promises (shape times element size), never more, and
 * what it promises must fit in the heap before the first byte of data is stored. A file of a few kilobytes
 * whose entry inflates to gigabytes, or whose header promises a 330,000-wide matrix, is a
 * {@link ModelFormatException}, never an {@code OutOfMemoryError}.
 */
final class EntryBounds {
  /** The most an entry that is not a .npy array (or a .npy header) may hold: metadata is a few hundred bytes. */
  static final int SMALL = 1 << 20;
  /** Bytes a .npy entry may hold beyond what its header promises, so the length message can give the count. */
  static final int SLACK = 1 << 16;
  /** One Java array holds at most this many bytes. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 16;
  /** A model file holds 2 + 2L entries; far more is not a model file. */
  static final int MAX_ENTRIES = 10_000;

  private EntryBounds() {}

  /** The bytes of the current entry of {@code in}, read within the bounds above. */
  static byte[] read(InputStream in, Path file, String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] head = in.readNBytes(12);
    out.write(head);
    long limit = SMALL;
    if (head.length >= 10 && (head[0] & 0xFF) == 0x93 && head[1] == 'N') {
      int major = head[6];
      long headerLength = major == 1 ? Short.toUnsignedInt(ByteBuffer.wrap(head, 8, 2)
          .order(ByteOrder.LITTLE_ENDIAN).getShort()) : head.length >= 12
          ? Integer.toUnsignedLong(ByteBuffer.wrap(head, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) : 0;
      int start = major == 1 ? 10 : 12;
      if (headerLength > SMALL) {
        throw ModelFile.fail(file, "entry " + name + " has a .npy header of " + headerLength + " bytes, but a "
            + ".npy header is at most a few hundred", ModelFile.FIX_RESAVE);
      }
      copy(in, out, start + headerLength - head.length);
      long promised = promised(out.toByteArray());
      if (promised > MAX_ARRAY - start - headerLength) {
        throw ModelFile.fail(file, "entry " + name + " promises " + promised + " bytes of data, more than one "
            + "array can hold (" + MAX_ARRAY + "), so its header is damaged or the file is not a model",
            ModelFile.FIX_RESAVE);
      }
      Runtime rt = Runtime.getRuntime();
      long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
      if (promised > free) {
        throw ModelFile.fail(file, "entry " + name + " promises " + promised / (1 << 20) + " MB of data, more than "
            + "the " + free / (1 << 20) + " MB of Java heap that is free", "if the file is a real model of that "
            + "size, give Java more heap (-Xmx); otherwise it is damaged: " + ModelFile.FIX_RESAVE);
      }
      limit = start + headerLength + promised + SLACK;
    }
    copy(in, out, limit - out.size());
    if (in.read() >= 0) {
      throw ModelFile.fail(file, "entry " + name + " holds more than " + limit + " bytes, more than its header "
          + "promises (an entry that inflates beyond its shape: the archive is damaged, or not a model file)",
          "the file is corrupt; " + ModelFile.FIX_RESAVE);
    }
    return out.toByteArray();
  }

  /** Copies at most {@code max} bytes, as they arrive (nothing is allocated for bytes that never come). */
  private static void copy(InputStream in, ByteArrayOutputStream out, long max) throws IOException {
    byte[] buffer = new byte[1 << 16];
    while (max > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, max));
      if (n < 0) {
        return;
      }
      out.write(buffer, 0, n);
      max -= n;
    }
  }

  /** The data length a .npy header promises (elements times element size), or 0 if it cannot be parsed. */
  private static long promised(byte[] header) {
    try {
      Npy.Array a = Npy.parse(header);
      long n = 1;
      for (long d : a.shape()) {
        if (d != 0 && n > Long.MAX_VALUE / d) {
          return Long.MAX_VALUE;
        }
        n *= d;
      }
      int size = Math.max(a.itemSize(), 8);
      return n > Long.MAX_VALUE / size ? Long.MAX_VALUE : n * size;
    } catch (Npy.BadArray | RuntimeException e) {
      return 0; // the parse after reading reports what is wrong with the header
    }
  }
}
