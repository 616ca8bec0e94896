package nn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jblas.DoubleMatrix;

/**
 * Loads a {@link Split} from the four standard MNIST-style IDX files in one directory, and checks that each
 * image file and label file belong together.
 */
final class IdxSplit {
  /** The four standard names, in the order train images, train labels, test images, test labels. */
  static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
      "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

  private IdxSplit() {}

  /**
   * Where {@code standardName} (e.g. "train-images-idx3-ubyte.gz") is in {@code dir}: the name itself, the
   * name without ".gz", or the dotted variant "train-images.idx3-ubyte" some copies use; null if none.
   */
  static Path find(Path dir, String standardName) {
    String base = standardName.replace(".gz", "");
    String dotted = base.replace("-idx", ".idx");
    for (String name : List.of(standardName, base, dotted + ".gz", dotted)) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /** True when all four files are present in {@code dir} (in any of the accepted spellings). */
  static boolean complete(Path dir) {
    return FILES.stream().allMatch(f -> find(dir, f) != null);
  }

  /**
   * Reads the four files in {@code dir}; the last sixth of the training file becomes the validation set
   * (MNIST: 50,000 train / 10,000 validation, as in Nielsen's mnist_loader). Datasets are named
   * "{@code title} (train)", "(validation)" and "(test)", and the description is
   * "{@code title}: 50,000 train / 10,000 validation / 10,000 test".
   */
  static Split load(Path dir, String title) {
    if (!Files.isDirectory(dir)) {
      Path parent = dir.toAbsolutePath().getParent();
      throw new IllegalArgumentException(Files.exists(dir)
          ? dir + " is a file, not a directory: pass the directory that holds the four files "
              + String.join(", ", FILES) + (parent == null ? "" : ", e.g. " + parent) + "."
          : "Directory " + dir + " does not exist. Fix: check the path (relative paths start in "
              + Path.of("").toAbsolutePath() + "), or put the four files " + String.join(", ", FILES) + " there.");
    }
    Path[] paths = new Path[FILES.size()];
    for (int i = 0; i < paths.length; i++) {
      paths[i] = find(dir, FILES.get(i));
      if (paths[i] == null) {
        throw new IllegalArgumentException("Directory " + dir + " has no " + FILES.get(i) + " (nor "
            + FILES.get(i).replace(".gz", "") + "). Expected the four files " + String.join(", ", FILES)
            + " (gzip-compressed or not). Fix: put them there, or pass the directory that holds them.");
      }
    }
    // Read the training file straight into its two parts: a full 60,000-image matrix and copies of its parts
    // would not fit side by side in a 1 GB heap.
    int[] labels = Idx.readLabels(paths[1]);
    int trainSize = labels.length - validationSize(labels.length);
    DoubleMatrix[] images = Idx.readImages(paths[0], trainSize);
    if (images[0].columns + images[1].columns != labels.length) {
      checked(DoubleMatrix.concatHorizontally(images[0], images[1]), labels, paths[0].toString(),
          paths[1].toString(), title);
    }
    Dataset train = checked(images[0], java.util.Arrays.copyOfRange(labels, 0, trainSize), paths[0].toString(),
        paths[1].toString(), title + " (train)");
    Dataset validation = checked(images[1], java.util.Arrays.copyOfRange(labels, trainSize, labels.length),
        paths[0].toString(), paths[1].toString(), title + " (validation)");
    Dataset test = dataset(paths[2], paths[3], title + " (test)");
    return new Split(train, validation, test, Split.describe(title, train, validation, test));
  }

  /** A sixth of the training file, rounded: 10,000 of MNIST's 60,000, as Nielsen's mnist_loader holds out. */
  static int validationSize(int trainFile) {
    return Math.max(1, Math.min(trainFile - 1, (int) Math.round(trainFile / 6.0)));
  }

  /** Reads one image file and its label file into a 10-class Dataset. */
  static Dataset dataset(Path imagesFile, Path labelsFile, String name) {
    DoubleMatrix images = Idx.readImages(imagesFile);
    int[] labels = Idx.readLabels(labelsFile);
    return checked(images, labels, imagesFile.toString(), labelsFile.toString(), name);
  }

  /** Wraps images and labels in a Dataset after checking counts and label range, blaming the files. */
  static Dataset checked(DoubleMatrix images, int[] labels, String imagesSource, String labelsSource,
      String name) {
    if (images.columns != labels.length) {
      throw new DataFormatException(labelsSource + " holds " + labels.length + " labels but " + imagesSource
          + " holds " + images.columns + " images: expected one label per image. Fix: the two files do "
          + "not belong together (different sets or a cut-off copy); replace both.");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] > 9) {
        throw new DataFormatException(labelsSource + " has label " + labels[i] + " at position " + i
            + ", but MNIST-style labels are 0..9. Fix: check that this is a label file of a 10-class set; "
            + "otherwise download it again.");
      }
    }
    return new Dataset(images, labels, 10, name);
  }
}
