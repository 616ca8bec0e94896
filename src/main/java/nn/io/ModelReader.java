package nn.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.jblas.DoubleMatrix;
import static nn.io.ModelFile.fail;
import static nn.io.ModelFile.FIX_RESAVE;

/** Reads and checks a model file for {@link ModelFile#load}: the zip, the metadata, the sizes, each matrix. */
final class ModelReader {
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] EMPTY_ZIP_MAGIC = {'P', 'K', 5, 6};
  private static final Pattern LAYER_ENTRY = Pattern.compile("(weights|biases)_([0-9]+)\\.npy");

  private ModelReader() {}

  /** Every entry's bytes, by name, after checking that this is a complete zip archive with valid CRCs. */
  static Map<String, byte[]> readEntries(Path file) {
    if (Files.isDirectory(file)) {
      throw fail(file, "it is a directory", "give the path of the .npz file inside it");
    }
    if (!Files.exists(file)) {
      throw fail(file, "there is no such file (looked in " + file.toAbsolutePath().getParent() + ")",
          "check the name, or train and save a model first (net.save(path), or train --save)");
    }
    if (!Files.isRegularFile(file)) {
      throw ModelFile.fail(file, "it is " + SaveTarget.kind(file) + ", not a regular file",
          "pass the .npz file written by net.save(path) or train --save");
    }
    // Only the first bytes and the last 64 KB are read whole: a 3 GB file is judged without loading it.
    long length;
    byte[] bytes;
    byte[] tail;
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
      length = raf.length();
      bytes = new byte[(int) Math.min(length, 16)];
      raf.readFully(bytes);
      tail = new byte[(int) Math.min(length, 22 + 0xFFFF)];
      raf.seek(length - tail.length);
      raf.readFully(tail);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model file " + file + ": " + SaveTarget.reason(e) + ". Fix: "
          + "check that it is readable (ls -l " + file + ").", e);
    }
    if (length == 0) {
      throw ModelFile.fail(file, "it is empty (0 bytes)", ModelFile.FIX_RESAVE);
    }
    if (Npy.hasMagic(bytes)) {
      throw fail(file, "it is a single .npy array, not an .npz archive of a whole network",
          "pass the .npz file written by net.save(path) or train --save");
    }
    if (!startsWith(bytes, ZIP_MAGIC) && !startsWith(bytes, EMPTY_ZIP_MAGIC)) {
      throw fail(file, "it is not an .npz file (a zip archive, starting with the bytes PK); its first bytes are "
          + hex(bytes, 8), "pass the .npz file written by net.save(path) or train --save");
    }
    if (!hasEndRecord(tail)) {
      throw ModelFile.fail(file, "it is truncated (" + length + " bytes): the zip archive's closing directory "
          + "record is missing, so the file was cut short", "the save or copy was interrupted; " + ModelFile.FIX_RESAVE);
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    String current = null;
    try (ZipInputStream zip = new ZipInputStream(new java.io.BufferedInputStream(
        new java.io.FileInputStream(file.toFile()), 1 << 16))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        current = e.getName();
        if (entries.size() == EntryBounds.MAX_ENTRIES) {
          throw ModelFile.fail(file, "it has more than " + EntryBounds.MAX_ENTRIES + " entries, but a model file "
              + "has 2 + 2L (meta, sizes, and a weights and a biases entry per layer)", ModelFile.FIX_RESAVE);
        }
        // Reading to the end of the entry makes ZipInputStream compare the data's CRC-32 with the stored one.
        byte[] data = EntryBounds.read(zip, file, current);
        if (entries.put(current, data) != null) {
          throw fail(file, "entry " + current + " appears twice", FIX_RESAVE);
        }
        current = null;
      }
    } catch (ZipException e) {
      if (String.valueOf(e.getMessage()).contains("invalid compression method")) {
        throw ModelFile.fail(file, "entry " + current + " is compressed with a method this reader does not know "
            + "(only stored and deflated entries are read, as np.savez and np.savez_compressed write them; bzip2 "
            + "and lzma are not)", "write the file with np.savez or np.savez_compressed (in Python's zipfile: "
            + "ZIP_STORED or ZIP_DEFLATED)", e);
      }
      String what = e.getMessage() != null && e.getMessage().contains("CRC")
          ? "entry " + current + " fails its CRC-32 checksum, so its bytes changed after it was saved"
          : "the zip archive is damaged" + (current == null ? "" : " in entry " + current) + " (" + e.getMessage()
              + ")";
      throw fail(file, what, "the file is corrupt; " + FIX_RESAVE, e);
    } catch (EOFException e) {
      throw fail(file, "the zip archive ends inside " + (current == null ? "an entry header" : "entry " + current),
          "the file is corrupt; " + FIX_RESAVE, e);
    } catch (IOException e) {
      throw fail(file, "the zip archive cannot be read (" + e + ")", "the file is corrupt; " + FIX_RESAVE, e);
    } catch (IllegalArgumentException e) {
      // Found by fuzzing: ZipInputStream throws a bare IllegalArgumentException ("malformed input off : 5,
      // length : 1") when an entry's name is not valid UTF-8.
      throw fail(file, "the zip archive is damaged" + (current == null ? "" : " after entry " + current)
          + ": an entry's name is not valid UTF-8 (" + e.getMessage() + ")", "the file is corrupt; " + FIX_RESAVE, e);
    }
    return entries;
  }

  /** True if the zip's end-of-central-directory record (signature PK\5\6) is where a complete file has it. */
  private static boolean hasEndRecord(byte[] bytes) {
    // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end of the file.
    int lowest = Math.max(0, bytes.length - 22 - 0xFFFF);
    for (int i = bytes.length - 22; i >= lowest; i--) {
      if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 5 && bytes[i + 3] == 6) {
        int commentLength = (bytes[i + 20] & 0xFF) | (bytes[i + 21] & 0xFF) << 8;
        if (i + 22 + commentLength == bytes.length) {
          return true;
        }
      }
    }
    return false;
  }

  static int[] readSizes(Path file, Map<String, byte[]> entries) {
    Npy.Array a = array(file, entries, "sizes");
    boolean integer = a.descr().equals("<i8") || a.descr().equals("<i4");
    if (!integer || a.shape().length != 1) {
      throw ModelFile.fail(file, "entry sizes.npy must be a one-dimensional int64 array (dtype '<i8', shape (L+1,)) but "
          + "has dtype '" + a.descr() + "' and shape " + a.shapeText(), ModelFile.FIX_RESAVE + "; from NumPy, write "
          + "sizes=np.array([784, 30, 10], dtype='<i8')");
    }
    checkLength(file, "sizes", a);
    int[] sizes = new int[(int) a.count()];
    for (int i = 0; i < sizes.length; i++) {
      long s = a.itemSize() == 8 ? a.data().getLong(8 * i) : a.data().getInt(4 * i);
      if (s < 1 || s > Integer.MAX_VALUE) {
        throw fail(file, "sizes.npy entry " + i + " is " + s + " but every layer needs at least one neuron",
            FIX_RESAVE);
      }
      sizes[i] = (int) s;
    }
    if (sizes.length < 2) {
      throw fail(file, "sizes.npy is " + Arrays.toString(sizes) + " but a network has at least two layers "
          + "(inputs and outputs)", FIX_RESAVE);
    }
    return sizes;
  }

  /** Every weights_l / biases_l for l = 1..L is present, and no layer beyond L. */
  static void checkEntryNames(Path file, Map<String, byte[]> entries, int[] sizes) {
    int layers = sizes.length - 1;
    for (int l = 1; l <= layers; l++) {
      for (String name : new String[] {"weights_" + l, "biases_" + l}) {
        if (!entries.containsKey(name + ".npy")) {
          throw missing(file, entries, name + ".npy", sizes);
        }
      }
    }
    for (String name : entries.keySet()) {
      Matcher m = LAYER_ENTRY.matcher(name);
      if (m.matches() && (Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > layers)) {
        throw fail(file, "it has an entry " + name + " but sizes.npy " + Arrays.toString(sizes) + " describes "
            + "only layers 1.." + layers + ", so sizes.npy and the weights disagree", FIX_RESAVE);
      }
    }
  }

  private static ModelFormatException missing(Path file, Map<String, byte[]> entries, String name, int[] sizes) {
    String expected = sizes == null ? "meta.npy, sizes.npy, weights_l.npy and biases_l.npy for each layer l"
        : "meta.npy, sizes.npy, and weights_l.npy, biases_l.npy for l = 1.." + (sizes.length - 1)
            + " (sizes " + Arrays.toString(sizes) + ")";
    String fix = "save the complete network again with net.save(path)";
    String folder = entries.keySet().stream().filter(n -> n.endsWith("/" + name)).findFirst().orElse(null);
    if (folder != null) {
      fix = "the entries are inside a folder (" + folder + "); put them at the top of the zip archive, as "
          + "np.savez does";
    } else if (entries.containsKey("arr_0.npy")) {
      fix = "np.savez(file, a, b, ...) names its entries arr_0, arr_1, ...: pass them by name, "
          + "np.savez(file, meta=..., sizes=..., weights_1=..., biases_1=..., ...)";
    }
    return ModelFile.fail(file, "entry " + name + " is missing (a model file holds " + expected + "; this one has "
        + (entries.isEmpty() ? "no entries" : String.join(", ", entries.keySet())) + ")", fix);
  }

  /** Parses entry {@code name + ".npy"}, which must exist. */
  static Npy.Array array(Path file, Map<String, byte[]> entries, String name) {
    byte[] bytes = entries.get(name + ".npy");
    if (bytes == null) {
      throw missing(file, entries, name + ".npy", null);
    }
    try {
      return Npy.parse(bytes);
    } catch (Npy.BadArray e) {
      throw ModelFile.fail(file, "entry " + name + ".npy is not a valid .npy array: " + e.getMessage(),
          ModelFile.FIX_RESAVE + "; from NumPy, save plain arrays (np.asarray(a, dtype='<f8'), no record dtypes)");
    }
  }

  /** The data after the header is exactly as long as the shape and element type say. */
  static void checkLength(Path file, String name, Npy.Array a) {
    long expected = a.count() * a.itemSize();
    if (a.data().remaining() != expected) {
      throw fail(file, "entry " + name + ".npy has " + a.data().remaining() + " bytes of data but its shape "
          + a.shapeText() + " of '" + a.descr() + "' needs exactly " + expected, FIX_RESAVE);
    }
  }

  static DoubleMatrix readMatrix(Path file, Map<String, byte[]> entries, String name, int rows,
      int columns, String rule) {
    Npy.Array a = array(file, entries, name);
    if (!a.descr().equals("<f8")) {
      throw fail(file, "entry " + name + ".npy has dtype '" + a.descr() + "' but weights and biases must be "
          + "float64 ('<f8')", "save it again; from NumPy, convert with a.astype('<f8')");
    }
    long[] shape = a.shape();
    if (columns == 1 && shape.length == 1 && shape[0] == rows) {
      // A bias vector written from NumPy as shape (n,) is the same column as (n, 1).
      shape = new long[] {rows, 1};
      a = new Npy.Array(a.descr(), true, shape, a.data());
    }
    if (shape.length != 2 || shape[0] != rows || shape[1] != columns) {
      boolean transposed = shape.length == 2 && shape[0] == columns && shape[1] == rows;
      throw fail(file, "entry " + name + ".npy has shape " + a.shapeText() + " but sizes.npy " + "needs ("
          + rows + ", " + columns + ") = " + rule, transposed
              ? "it looks transposed: a weight matrix has one row per neuron of its layer; save a.T"
              : "save the weights and biases together with the sizes they belong to (net.save(path))");
    }
    checkLength(file, name, a);
    DoubleMatrix m = Npy.toMatrix(a);
    String bad = firstNonFinite(name, m);
    if (bad != null) {
      throw fail(file, bad, "the network was saved after its training diverged; retrain (e.g. with a smaller "
          + "eta) and save again");
    }
    return m;
  }

  /** "weights_2 element (3, 5) is NaN" for the first non-finite element, or null if all are finite. */
  static String firstNonFinite(String name, DoubleMatrix m) {
    for (int i = 0; i < m.length; i++) {
      if (!Double.isFinite(m.data[i])) {
        return name + " element (" + (i % m.rows) + ", " + (i / m.rows) + ") is " + m.data[i];
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static String hex(byte[] bytes, int n) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < Math.min(n, bytes.length); i++) {
      parts.add(String.format("%02x", bytes[i] & 0xFF));
    }
    return String.join(" ", parts);
  }
}
