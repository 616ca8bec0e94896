package nn.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The datasets of the workbook: MNIST digits and Fashion-MNIST clothes, 28 x 28 grey images, 10 classes.
 * Every {@link nn.data.Dataset} here holds {@code 784 x n} images (one per column, pixels in [0, 1]) and labels
 * 0..9.
 *
 * <ul>
 *   <li>{@link #sample()}: 10,000 real MNIST digits shipped inside the jar, 7,000 train / 1,000 validation /
 *       2,000 test. Always available, no network.
 *   <li>{@link #full()}: the real MNIST, 50,000 train / 10,000 validation / 10,000 test (the validation set is
 *       the last 10,000 of the 60,000 training images, as in Nielsen's mnist_loader), downloaded once into a
 *       cache directory.
 *   <li>{@link #fullIfCached()}: the real MNIST if it is already in that cache directory, else the sample;
 *       never downloads.
 *   <li>{@link #fashion()}: Fashion-MNIST, 50,000 / 10,000 / 10,000 the same way, from the Debian package
 *       dataset-fashion-mnist.
 *   <li>{@link #fromDirectory(Path)}: any four MNIST-style IDX files (the last sixth of the training file is
 *       the validation set).
 * </ul>
 *
 * <p>The data directory is {@code ~/.cache/nn-workbook}, or the system property {@code nn.data.dir}, or the
 * environment variable {@code NN_DATA_DIR}; MNIST lives in its {@code mnist/} folder and Fashion-MNIST in
 * its {@code fashion-mnist/} folder.
 */
public final class Mnist {
  /** Names of the Fashion-MNIST classes, indexed by label. */
  public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
      "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  /** Names of the MNIST classes, indexed by label: "0" .. "9". */
  public static final List<String> DIGIT_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  /** Where the Debian package dataset-fashion-mnist installs its files. */
  static final Path DEBIAN_FASHION = Path.of("/usr/share/datasets/fashion-mnist");

  /** The loaded sample; the jar cannot change while we run, so it is read and verified only once. */
  private static Split sample;

  private Mnist() {}

  /**
   * The 10,000-digit MNIST sample inside the jar: 7,000 train / 1,000 validation / 2,000 test, each stratified
   * by digit (the file's 8,000 training digits give, per digit, their last ones in file order to validation,
   * 1,000 in all; see {@link Split#stratified}). Checked
   * against its SHA-256 sums on first use and kept; every call returns a fresh copy (about 60 MB, a few
   * milliseconds), so a change a lesson makes to its images or labels never reaches the next
   * {@code Mnist.sample()}.
   */
  public static Split sample() {
    Split kept = keptSample();
    return new Split(copy(kept.train()), copy(kept.validation()), copy(kept.test()), kept.description());
  }

  private static synchronized Split keptSample() {
    if (sample == null) {
      sample = Sample.load(Mnist.class::getResourceAsStream);
    }
    return sample;
  }

  private static Dataset copy(Dataset d) {
    return new Dataset(d.images().dup(), d.labels().clone(), d.classes(), d.name());
  }

  /**
   * The real MNIST, 50,000 train / 10,000 validation / 10,000 test, from {@code <data dir>/mnist}. Missing files are downloaded
   * (checksummed); when no mirror can be reached, prints one line saying so and returns {@link #sample()}.
   */
  public static Split full() {
    return full(dataDir().resolve("mnist"), Downloader.mnist());
  }

  /**
   * The real MNIST from {@code dir}, downloading missing files with {@code downloader}; falls back to the
   * sample (with one line on the downloader's log) when the download fails.
   */
  public static Split full(Path dir, Downloader downloader) {
    try {
      for (String file : IdxSplit.FILES) {
        // A file put there by hand may be uncompressed or spelled "train-images.idx3-ubyte": keep it.
        if (IdxSplit.find(dir, file) == null) {
          downloader.fetch(file, dir);
        }
      }
    } catch (IOException e) {
      return offline(dir, downloader.log(), e);
    }
    return IdxSplit.load(dir, "MNIST");
  }

  /**
   * The real MNIST if its four files are already in {@code <data dir>/mnist}, otherwise {@link #sample()};
   * never downloads. The description says which one you got, and for the sample how to get the full set.
   */
  public static Split fullIfCached() {
    return fullIfCached(dataDir().resolve("mnist"));
  }

  /**
   * The real MNIST from {@code dir} when all four files are there (in any spelling {@link #full()} accepts),
   * otherwise {@link #sample()} with a description that names {@code dir} and {@link #full()}; never
   * downloads.
   */
  public static Split fullIfCached(Path dir) {
    if (IdxSplit.complete(dir)) {
      Split full = IdxSplit.load(dir, "MNIST");
      return full.describedAs(full.description() + " (cached in " + dir + ")");
    }
    Split s = sample();
    return s.describedAs(s.description() + " (full MNIST is not in " + dir + ": put "
        + String.join(", ", IdxSplit.FILES) + " there, or run Mnist.full() once to download them)");
  }

  /**
   * Fashion-MNIST, 50,000 train / 10,000 validation / 10,000 test (labels name {@link #FASHION_CLASSES}), from
   * {@code /usr/share/datasets/fashion-mnist} or {@code <data dir>/fashion-mnist}.
   *
   * @throws IllegalStateException if neither holds the four files; the message says how to get them
   */
  public static Split fashion() {
    return fashion(List.of(DEBIAN_FASHION, dataDir().resolve("fashion-mnist")));
  }

  /** Fashion-MNIST from the first of {@code places} that holds all four files. */
  static Split fashion(List<Path> places) {
    for (Path dir : places) {
      if (IdxSplit.complete(dir)) {
        return IdxSplit.load(dir, "Fashion-MNIST");
      }
    }
    throw new IllegalStateException("Fashion-MNIST is not installed: looked in " + places.get(0)
        + (places.size() > 1 ? " and " + places.subList(1, places.size()) : "") + ". Fix: install the Debian "
        + "package with `sudo apt-get install dataset-fashion-mnist`, or put the four files "
        + String.join(", ", IdxSplit.FILES) + " into " + places.get(places.size() - 1) + ".");
  }

  /**
   * The four standard files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
   * t10k-labels-idx1-ubyte; each may end in .gz) in {@code dir}.
   */
  public static Split fromDirectory(Path dir) {
    return IdxSplit.load(dir, "IDX files in " + dir);
  }

  /** For the command line: "sample", "mnist", "fashion", or a directory holding the four IDX files. */
  public static Split load(String name) {
    if (name == null) {
      throw new IllegalArgumentException("Unknown dataset null: expected sample, mnist, fashion or a directory "
          + "holding the four MNIST-style IDX files.");
    }
    switch (name) {
      case "sample":
        return sample();
      case "mnist":
        return full();
      case "fashion":
        return fashion();
      default:
        Path dir = Path.of(name);
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException("Unknown dataset \"" + name + "\": expected sample, mnist, fashion"
              + " or a directory holding the four MNIST-style IDX files.");
        }
        return fromDirectory(dir);
    }
  }

  /**
   * The data directory: system property {@code nn.data.dir}, else environment variable
   * {@code NN_DATA_DIR}, else {@code ~/.cache/nn-workbook}.
   */
  public static Path dataDir() {
    String dir = System.getProperty("nn.data.dir");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("NN_DATA_DIR");
    }
    if (dir == null || dir.isBlank()) {
      return Path.of(System.getProperty("user.home"), ".cache", "nn-workbook");
    }
    return Path.of(dir);
  }

  /** One line for the learner, then the sample, labelled so nobody mistakes it for the full set. */
  private static Split offline(Path dir, PrintStream log, IOException e) {
    log.println("Could not download MNIST (" + e.getMessage() + "). To use it offline, put "
        + String.join(", ", IdxSplit.FILES) + " into " + dir + " by hand. Using the built-in sample instead.");
    Split s = sample();
    return s.describedAs(s.description() + " (full MNIST could not be downloaded)");
  }
}
