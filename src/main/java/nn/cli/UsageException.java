package nn.cli;

/**
 * The command line is wrong (unknown command or option, missing or malformed value): the message is one line
 * saying what and how to fix it; {@link Main} prints it with the usage and exits with status 2.
 */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
