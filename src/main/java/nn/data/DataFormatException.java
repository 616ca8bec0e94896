package nn.data;

/**
 * A data or model file is corrupt, truncated, or not the kind of file expected.
 *
 * <p>Unchecked, because a learner in a notebook cannot do anything useful with a checked exception except
 * read its message; so the message names the file, what was expected, what was found, and the fix.
 */
public class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem described by {@code message} (file, expected, found, fix). */
  public DataFormatException(String message) {
    super(message);
  }

  /** A problem described by {@code message}, discovered through {@code cause}. */
  public DataFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
