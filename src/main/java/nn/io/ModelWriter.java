package nn.io;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nn.model.Model;
import org.jblas.DoubleMatrix;

/** Writes a model file for {@link ModelFile#save}: a temporary file, forced to disk, renamed over the target. */
final class ModelWriter {
  /** Zip timestamps are fixed (1980-01-01, like NumPy's) so the same network always gives the same bytes. */
  private static final LocalDateTime ZIP_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
  private static final java.util.Random RANDOM = new java.security.SecureRandom();

  private ModelWriter() {}

  /** {@link ModelFile#save}, with the file's output stream wrapped by {@code wrap} (tests use it to write slowly). */
  static void save(Model net, Path file, UnaryOperator<OutputStream> wrap) {
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
      try (FileOutputStream stream = new FileOutputStream(temp.toFile())) {
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
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: there is nothing to keep.
      }
    }
  }

  private static void writeEntries(Model net, ZipOutputStream zip) throws IOException {
    put(zip, "meta.npy", Npy.unicode(ModelMeta.json(net)));
    long[] sizes = Arrays.stream(net.sizes).asLongStream().toArray();
    put(zip, "sizes.npy", Npy.int64(sizes));
    for (int l = 1; l <= net.layers(); l++) {
      put(zip, "weights_" + l + ".npy", Npy.float64(net.weights[l]));
      put(zip, "biases_" + l + ".npy", Npy.float64(net.biases[l]));
    }
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

  private static void checkSavable(Model net) {
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
      String bad = ModelReader.firstNonFinite("weights[" + l + "]", w);
      bad = bad != null ? bad : ModelReader.firstNonFinite("biases[" + l + "]", b);
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
}
