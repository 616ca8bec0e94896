package nn.io;

/**
 * A model file is missing, corrupt, truncated, of an unknown format version, or holds a different network
 * than the one expected.
 *
 * <p>Unchecked, because a learner in a notebook can do nothing useful with a checked exception except read
 * its message; so the message names the file, what was expected, what was found, and the fix.
 */
public class ModelFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem described by {@code message} (file, expected, found, fix). */
  public ModelFormatException(String message) {
    super(message);
  }

  /** A problem described by {@code message}, discovered through {@code cause}. */
  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
