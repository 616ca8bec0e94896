package nn.io;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import nn.Activation;
import nn.Cost;
import nn.Init;
import nn.Network;
import nn.Output;
import org.jblas.DoubleMatrix;

/**
 * Saves a trained {@link Network} as a NumPy {@code .npz} file and loads it back.
 *
 * <h2>The format (model format version 1)</h2>
 * An {@code .npz} file is a zip archive of {@code .npy} arrays (entries stored uncompressed, like
 * {@code np.savez}). For a network with {@code sizes = {784, 30, 10}} (L = 2) it holds:
 * <pre>
 *   meta.npy       unicode scalar (dtype '&lt;Un', shape ()): a JSON object
 *                  {"format": "nn-workbook model", "format_version": 1, "hidden": "SIGMOID",
 *                   "output": "SIGMOID", "cost": "QUADRATIC", "init": "GAUSSIAN", "seed": 42}
 *   sizes.npy      int64 '&lt;i8', shape (L+1,)                  [784, 30, 10]
 *   weights_1.npy  float64 '&lt;f8', shape (30, 784)  = sizes[1] x sizes[0], Fortran (column) order
 *   biases_1.npy   float64 '&lt;f8', shape (30, 1)    = sizes[1] x 1
 *   weights_2.npy  float64 '&lt;f8', shape (10, 30)   = sizes[2] x sizes[1]
 *   biases_2.npy   float64 '&lt;f8', shape (10, 1)
 * </pre>
 * Weights are written in Fortran order because that is how jblas stores a matrix (column by column), so no
 * element moves; {@code np.load} still returns the right shape, and {@code w[j, k]} is the weight from neuron
 * {@code k} of layer {@code l-1} to neuron {@code j} of layer {@code l}, as in Java's
 * {@code weights[l].get(j, k)}. Nothing is pickled: {@code np.load("model.npz")} works with the default
 * {@code allow_pickle=False}, and {@code json.loads(str(z["meta"]))} reads the metadata. Loading also accepts
 * C-order arrays, so a file written by {@code np.savez} from NumPy loads too.
 *
 * <h2>Integrity</h2>
 * Zip stores a CRC-32 checksum of every entry, verified as the entry is read, so a changed byte is caught.
 * On top of that, loading checks that the archive is complete (its closing directory record is present),
 * that every expected entry is there, the element types, the shapes against {@code sizes}, the exact data
 * length, the format version, and that no weight or bias is NaN or infinite. Each problem is a
 * {@link ModelFormatException} naming the file, what was expected, what was found and the fix.
 *
 * <h2>Saving safely</h2>
 * {@link #save} writes to a temporary file in the same directory, named {@code .<name>.<digits>.tmp} (for
 * {@code model.npz}: {@code .model.npz.123456789.tmp}), forces it to disk, then renames it over the target
 * in one atomic step. An interrupted save (a crash, kill -9, a full disk) leaves the previous model file
 * intact; at worst a hidden {@code .tmp} file stays behind, which is never read as a model and may be deleted.
 */
public final class ModelFile {
  /** The model format version this code writes and reads. */
  public static final int FORMAT_VERSION = 1;
  /** The {@code "format"} field of {@code meta.npy}. */
  static final String FORMAT_NAME = "nn-workbook model";
  /** Zip timestamps are fixed (1980-01-01, like NumPy's) so the same network always gives the same bytes. */
  private static final LocalDateTime ZIP_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] EMPTY_ZIP_MAGIC = {'P', 'K', 5, 6};
  private static final java.util.Random RANDOM = new java.security.SecureRandom();
  private static final Pattern LAYER_ENTRY = Pattern.compile("(weights|biases)_([0-9]+)\\.npy");
  private static final String FIX_RESAVE = "save the model again (net.save(path), or train --save), or restore "
      + "a good copy";

  private ModelFile() {}

  // ---------------------------------------------------------------- saving

  /**
   * Writes {@code net}'s sizes, choices, weights and biases to {@code file} (an {@code .npz}), replacing it
   * atomically. Missing parent directories are created.
   *
   * @throws IllegalStateException if a weight or bias is NaN or infinite, or has the wrong shape
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void save(Network net, Path file) {
    save(net, file, UnaryOperator.identity());
  }

  /** {@link #save}, with the file's output stream wrapped by {@code wrap} (tests use it to write slowly). */
  static void save(Network net, Path file, UnaryOperator<OutputStream> wrap) {
    if (net == null || file == null) {
      throw new IllegalArgumentException("ModelFile.save needs a network and a file, got "
          + (net == null ? "no network" : "no file") + ".");
    }
    checkSavable(net);
    // A link is followed, a read-only file, a device or a directory refused (SaveTarget says why).
    Path target = SaveTarget.resolve(file);
    Path dir = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = newTempFile(dir, target.getFileName().toString());
      // FileOutputStream, not a FileChannel: a channel is closed by Thread.interrupt() (the kernel's stop
      // button), so a save right after an interrupted fit would fail with ClosedByInterruptException.
      try (java.io.FileOutputStream stream = new java.io.FileOutputStream(temp.toFile())) {
        OutputStream raw = wrap.apply(stream);
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(raw, 1 << 16));
        writeEntries(net, zip);
        zip.finish();
        zip.flush();
        stream.getFD().sync(); // on disk before the rename, so the rename never exposes a half-written file
      }
      keepPermissions(target, temp);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(temp);
      String reason = SaveTarget.reason(e);
      String fix = reason.contains("No space") ? "free some disk space (df -h " + dir + "), or save elsewhere"
          : reason.contains("name too long") ? "use a shorter file name, e.g. model.npz"
          : "check that " + dir + " is writable (ls -ld " + dir + ") and the disk has space";
      throw new UncheckedIOException("Cannot save model to " + file + ": " + reason + (e.getMessage() != null
          && !reason.equals(e.getMessage()) ? " (" + e.getMessage() + ")" : "") + "; the previous file, if any, "
          + "is kept. Fix: " + fix + ".", e);
    } catch (RuntimeException | Error e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  /** A replaced model file keeps its permissions (e.g. 664 for a group), rather than the umask's. */
  private static void keepPermissions(Path target, Path temp) throws IOException {
    if (Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: there is nothing to keep.
      }
    }
  }

  private static void writeEntries(Network net, ZipOutputStream zip) throws IOException {
    put(zip, "meta.npy", Npy.unicode(metaJson(net)));
    long[] sizes = Arrays.stream(net.sizes).asLongStream().toArray();
    put(zip, "sizes.npy", Npy.int64(sizes));
    for (int l = 1; l <= net.layers(); l++) {
      put(zip, "weights_" + l + ".npy", Npy.float64(net.weights[l]));
      put(zip, "biases_" + l + ".npy", Npy.float64(net.biases[l]));
    }
  }

  /** The metadata of {@code net} as the JSON text stored in {@code meta.npy}. */
  static String metaJson(Network net) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT_NAME);
    meta.put("format_version", FORMAT_VERSION);
    meta.put("hidden", net.hidden().name());
    meta.put("output", net.output().name());
    meta.put("cost", net.cost().name());
    meta.put("init", net.init().name());
    meta.put("seed", net.seed());
    return Json.write(meta);
  }

  /** One uncompressed entry: stored, like np.savez, so NumPy can even memory-map it. */
  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    entry.setCompressedSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    entry.setTimeLocal(ZIP_TIME);
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static void checkSavable(Network net) {
    for (int l = 1; l <= net.layers(); l++) {
      DoubleMatrix w = net.weights[l];
      DoubleMatrix b = net.biases[l];
      if (w == null || w.rows != net.sizes[l] || w.columns != net.sizes[l - 1]) {
        throw new IllegalStateException("Cannot save the network: weights[" + l + "] must be " + net.sizes[l]
            + " x " + net.sizes[l - 1] + " but is " + (w == null ? "null" : w.rows + " x " + w.columns)
            + ". Fix: put back a matrix of the right shape.");
      }
      if (b == null || b.rows != net.sizes[l] || b.columns != 1) {
        throw new IllegalStateException("Cannot save the network: biases[" + l + "] must be " + net.sizes[l]
            + " x 1 but is " + (b == null ? "null" : b.rows + " x " + b.columns)
            + ". Fix: put back a column of the right length.");
      }
      String bad = firstNonFinite("weights[" + l + "]", w);
      bad = bad != null ? bad : firstNonFinite("biases[" + l + "]", b);
      if (bad != null) {
        throw new IllegalStateException("Cannot save the network: " + bad + ". Fix: a model with NaN or "
            + "infinite weights cannot predict; retrain (with a smaller eta if training diverged), then save.");
      }
    }
  }

  /**
   * Creates {@code .<name>.<digits>.tmp} in {@code dir}. Not {@code Files.createTempFile}: that makes the file
   * readable by its owner only, and the rename would pass that on to the model file.
   */
  private static Path newTempFile(Path dir, String name) throws IOException {
    while (true) {
      Path temp = dir.resolve(SaveTarget.tempName(name, RANDOM.nextLong()));
      try {
        return Files.createFile(temp);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // Another save picked the same number: draw again.
      }
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // The save already failed; a leftover hidden .tmp file is harmless and never read as a model.
      }
    }
  }

  // ---------------------------------------------------------------- loading

  /**
   * Reads a network saved by {@link #save} (or written by NumPy in the same format): the same sizes,
   * activations, cost, init and seed, and exactly the saved weights and biases.
   *
   * @throws ModelFormatException if the file is missing, damaged, incomplete or not a model file
   */
  public static Network load(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("ModelFile.load needs a file, got null.");
    }
    Map<String, byte[]> entries = readEntries(file);
    Meta meta = readMeta(file, entries);
    int[] sizes = readSizes(file, entries);
    checkEntryNames(file, entries, sizes);
    Network net;
    try {
      net = Network.builder(sizes).hidden(meta.hidden).output(meta.output).cost(meta.cost).init(meta.init)
          .seed(meta.seed).build();
    } catch (IllegalArgumentException e) {
      throw fail(file, "meta.npy describes a network that cannot be built: " + e.getMessage(), FIX_RESAVE);
    }
    for (int l = 1; l < sizes.length; l++) {
      net.weights[l].copy(readMatrix(file, entries, "weights_" + l, sizes[l], sizes[l - 1],
          "sizes[" + l + "] x sizes[" + (l - 1) + "]"));
      net.biases[l].copy(readMatrix(file, entries, "biases_" + l, sizes[l], 1, "sizes[" + l + "] x 1"));
    }
    return net;
  }

  /**
   * Like {@link #load(Path)}, but also requires the network to have exactly {@code expectedSizes}, e.g. when
   * a notebook or the command line needs a 784-30-10 network.
   */
  public static Network load(Path file, int... expectedSizes) {
    Network net = load(file);
    if (expectedSizes != null && !Arrays.equals(net.sizes, expectedSizes)) {
      throw new ModelFormatException("Cannot load model file " + file + " as the expected network: it holds "
          + "a network of sizes " + Arrays.toString(net.sizes) + " but sizes " + Arrays.toString(expectedSizes)
          + " were expected. Fix: load the file saved from a " + Arrays.toString(expectedSizes)
          + " network, or expect sizes " + Arrays.toString(net.sizes) + ".");
    }
    return net;
  }

  private static ModelFormatException fail(Path file, String found, String fix) {
    return fail(file, found, fix, null);
  }

  private static ModelFormatException fail(Path file, String found, String fix, Throwable cause) {
    return new ModelFormatException("Cannot load model file " + file + ": " + found + ". Fix: " + fix + ".", cause);
  }

  /** Every entry's bytes, by name, after checking that this is a complete zip archive with valid CRCs. */
  private static Map<String, byte[]> readEntries(Path file) {
    if (Files.isDirectory(file)) {
      throw fail(file, "it is a directory", "give the path of the .npz file inside it");
    }
    if (!Files.exists(file)) {
      throw fail(file, "there is no such file (looked in " + file.toAbsolutePath().getParent() + ")",
          "check the name, or train and save a model first (net.save(path), or train --save)");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model file " + file + ": " + e + ". Fix: check that it is "
          + "readable.", e);
    }
    if (bytes.length == 0) {
      throw fail(file, "it is empty (0 bytes)", FIX_RESAVE);
    }
    if (Npy.hasMagic(bytes)) {
      throw fail(file, "it is a single .npy array, not an .npz archive of a whole network",
          "pass the .npz file written by net.save(path) or train --save");
    }
    if (!startsWith(bytes, ZIP_MAGIC) && !startsWith(bytes, EMPTY_ZIP_MAGIC)) {
      throw fail(file, "it is not an .npz file (a zip archive, starting with the bytes PK); its first bytes are "
          + hex(bytes, 8), "pass the .npz file written by net.save(path) or train --save");
    }
    if (!hasEndRecord(bytes)) {
      throw fail(file, "it is truncated (" + bytes.length + " bytes): the zip archive's closing directory "
          + "record is missing, so the file was cut short", "the save or copy was interrupted; " + FIX_RESAVE);
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    String current = null;
    try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        current = e.getName();
        // Reading to the end of the entry makes ZipInputStream compare the data's CRC-32 with the stored one.
        byte[] data = zip.readAllBytes();
        if (entries.put(current, data) != null) {
          throw fail(file, "entry " + current + " appears twice", FIX_RESAVE);
        }
        current = null;
      }
    } catch (ZipException e) {
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

  /** The metadata fields a loader needs. */
  private record Meta(Activation hidden, Output output, Cost cost, Init init, long seed) {}

  private static Meta readMeta(Path file, Map<String, byte[]> entries) {
    Npy.Array a = array(file, entries, "meta");
    if (a.itemSize() < 0 || !a.descr().startsWith("<U") || a.shape().length != 0) {
      throw fail(file, "entry meta.npy must be a unicode string scalar (dtype '<U…', shape ()) but has dtype '"
          + a.descr() + "' and shape " + a.shapeText(), FIX_RESAVE);
    }
    checkLength(file, "meta", a);
    String text;
    Map<String, Object> json;
    try {
      text = Npy.toText(a);
    } catch (Npy.BadArray e) {
      throw fail(file, "entry meta.npy is not a readable string: " + e.getMessage(), FIX_RESAVE);
    }
    try {
      json = Json.readObject(text);
    } catch (IllegalArgumentException e) {
      throw fail(file, "entry meta.npy is not a JSON object (" + e.getMessage() + "): " + abbreviate(text),
          FIX_RESAVE);
    }
    Object version = json.get("format_version");
    if (!(version instanceof Long)) {
      throw fail(file, "meta.npy has no whole-number \"format_version\" (found " + describe(version) + ")",
          FIX_RESAVE);
    }
    long v = (Long) version;
    if (v > FORMAT_VERSION) {
      throw fail(file, "it is model format version " + v + ", but this nn-workbook reads only format version "
          + FORMAT_VERSION, "load it with a newer nn-workbook (rebuild target/nn-workbook.jar from a newer "
          + "checkout), or save the model again with this one");
    }
    if (v < 1) {
      throw fail(file, "meta.npy has format_version " + v + ", but versions start at 1", FIX_RESAVE);
    }
    return new Meta(choice(file, json, "hidden", Activation.class), choice(file, json, "output", Output.class),
        choice(file, json, "cost", Cost.class), choice(file, json, "init", Init.class), seed(file, json));
  }

  private static <E extends Enum<E>> E choice(Path file, Map<String, Object> json, String key, Class<E> type) {
    Object value = json.get(key);
    String allowed = Arrays.toString(type.getEnumConstants());
    if (value instanceof String) {
      String name = ((String) value).strip().toUpperCase(Locale.ROOT).replace('-', '_');
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(name)) {
          return e;
        }
      }
    }
    throw fail(file, "meta.npy field \"" + key + "\" must be one of " + allowed + " but is " + describe(value),
        FIX_RESAVE);
  }

  private static long seed(Path file, Map<String, Object> json) {
    Object value = json.get("seed");
    if (!(value instanceof Long)) {
      throw fail(file, "meta.npy field \"seed\" must be a whole number but is " + describe(value), FIX_RESAVE);
    }
    return (Long) value;
  }

  private static int[] readSizes(Path file, Map<String, byte[]> entries) {
    Npy.Array a = array(file, entries, "sizes");
    boolean integer = a.descr().equals("<i8") || a.descr().equals("<i4");
    if (!integer || a.shape().length != 1) {
      throw fail(file, "entry sizes.npy must be a one-dimensional int64 array (dtype '<i8', shape (L+1,)) but "
          + "has dtype '" + a.descr() + "' and shape " + a.shapeText(), FIX_RESAVE);
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
  private static void checkEntryNames(Path file, Map<String, byte[]> entries, int[] sizes) {
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
    return fail(file, "entry " + name + " is missing (a model file holds " + expected + "; this one has "
        + (entries.isEmpty() ? "no entries" : String.join(", ", entries.keySet())) + ")",
        "save the complete network again with net.save(path)");
  }

  /** Parses entry {@code name + ".npy"}, which must exist. */
  private static Npy.Array array(Path file, Map<String, byte[]> entries, String name) {
    byte[] bytes = entries.get(name + ".npy");
    if (bytes == null) {
      throw missing(file, entries, name + ".npy", null);
    }
    try {
      return Npy.parse(bytes);
    } catch (Npy.BadArray e) {
      throw fail(file, "entry " + name + ".npy is not a valid .npy array: " + e.getMessage(), FIX_RESAVE);
    }
  }

  /** The data after the header is exactly as long as the shape and element type say. */
  private static void checkLength(Path file, String name, Npy.Array a) {
    long expected = a.count() * a.itemSize();
    if (a.data().remaining() != expected) {
      throw fail(file, "entry " + name + ".npy has " + a.data().remaining() + " bytes of data but its shape "
          + a.shapeText() + " of '" + a.descr() + "' needs exactly " + expected, FIX_RESAVE);
    }
  }

  private static DoubleMatrix readMatrix(Path file, Map<String, byte[]> entries, String name, int rows,
      int columns, String rule) {
    Npy.Array a = array(file, entries, name);
    if (!a.descr().equals("<f8")) {
      throw fail(file, "entry " + name + ".npy has dtype '" + a.descr() + "' but weights and biases must be "
          + "float64 ('<f8')", "save it again; from NumPy, convert with a.astype('<f8')");
    }
    long[] shape = a.shape();
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
  private static String firstNonFinite(String name, DoubleMatrix m) {
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

  private static String describe(Object value) {
    return value == null ? "nothing" : value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
