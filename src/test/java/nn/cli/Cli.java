package nn.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nn.data.Split;

/** Runs one command line in-process, capturing what it prints: shared by the command-line tests. */
final class Cli {
  /** What one run printed, and its exit status. */
  record Run(int status, String out, String err) {}

  private Cli() {}

  static Run run(DataSource data, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new Main(data).execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** stderr of a wrong command line: "error: <message>", a blank line, the usage. */
  static String usageError(String message) {
    String nl = System.lineSeparator();
    return "error: " + message + nl + nl + Main.USAGE;
  }

  /** Three blobs (MainTest.blobs), recording which names it was asked for: empty means nothing was loaded. */
  static final class Blobs implements DataSource {
    final List<String> loaded = new ArrayList<>();

    @Override
    public Split load(String name) {
      loaded.add(name);
      return new Split(MainTest.blobs(600, 1, "blobs (train)"), MainTest.blobs(200, 3, "blobs (validation)"),
          MainTest.blobs(200, 2, "blobs (test)"), "blobs");
    }
  }
}
