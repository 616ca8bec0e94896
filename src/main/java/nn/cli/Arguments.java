package nn.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options after a command, {@code --name value} or {@code --name=value}, checked against the options that
 * command knows, with typed getters that turn a bad value into a {@link UsageException} saying what to type.
 */
final class Arguments {
  private final String command;
  private final Map<String, String> values = new LinkedHashMap<>();

  private Arguments(String command) {
    this.command = command;
  }

  /** Parses {@code args[from..]} for {@code command}, which accepts exactly the options in {@code known}. */
  static Arguments parse(String command, String[] args, int from, Set<String> known) throws UsageException {
    Arguments a = new Arguments(command);
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        boolean afterSizes = (i - 2 >= from && args[i - 2].equals("--sizes")) || (i - 1 >= from
            && args[i - 1].startsWith("--sizes="));
        throw new UsageException(unexpected(arg, afterSizes));
      }
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (!known.contains(name)) {
        throw new UsageException("unknown option " + name + " for " + command + "; its options are "
            + String.join(", ", known.stream().sorted().toList()));
      }
      if (value == null) {
        // A value never starts with "--", so "--eta --batch 10" is a missing value, not eta = "--batch".
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new UsageException(name + " needs a value, e.g. " + name + " " + example(name));
        }
        value = args[++i];
      }
      if (value.isBlank()) {
        // "--data=" or --save "": an empty value would mean the current directory or an unknown name.
        throw new UsageException(name + " needs a value, got an empty one; e.g. " + name + " " + example(name));
      }
      if (a.values.put(name, value) != null) {
        throw new UsageException(name + " is given twice; give it once");
      }
    }
    return a;
  }

  /** The command these options belong to, e.g. "train". */
  String command() {
    return command;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** The value as typed, or {@code fallback}. */
  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** A whole number at least {@code min}. */
  int integer(String name, int fallback, int min, String meaning) throws UsageException {
    return has(name) ? (int) Numbers.whole(name, values.get(name), min, Integer.MAX_VALUE, meaning) : fallback;
  }

  /** A whole number of any size and sign (a seed). */
  long seed(String name, long fallback) throws UsageException {
    return has(name) ? Numbers.whole(name, values.get(name), Long.MIN_VALUE, Long.MAX_VALUE, "a seed") : fallback;
  }

  /** A finite number; {@code positive} means greater than 0, otherwise 0 or more. */
  double number(String name, double fallback, boolean positive, String meaning) throws UsageException {
    if (!has(name)) {
      return fallback;
    }
    String v = values.get(name);
    double x = Numbers.decimal(name, v);
    if (positive ? !(x > 0) : !(x >= 0)) {
      throw new UsageException(name + " (" + meaning + ") must be " + (positive ? "greater than 0" : "0 or more")
          + ", got " + v);
    }
    return x;
  }

  /** Comma-separated layer sizes, inputs first: at least two, each at least 1. */
  int[] sizes(String name, int[] fallback) throws UsageException {
    if (!has(name)) {
      return fallback.clone();
    }
    String v = values.get(name);
    Numbers.foreignDigits(name, v);
    String[] parts = v.split(",", -1);
    if (parts.length < 2 && v.strip().matches("[0-9]+([^0-9,]+[0-9]+)+")) {
      throw new UsageException(name + ": separate the layer sizes with commas, e.g. " + name + " "
          + v.strip().replaceAll("[^0-9]+", ",") + "; got \"" + v + "\"");
    }
    if (parts.length < 2) {
      throw new UsageException(name + " needs at least two comma-separated layer sizes (inputs and outputs), "
          + "e.g. 784,30,10; got \"" + v + "\"");
    }
    int[] sizes = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      if (!p.matches("[+-]?[0-9]+")) {
        throw new UsageException(name + ": \"" + parts[i] + "\" in \"" + v + "\" is not a whole number; write "
            + "the layer sizes like 784,30,10");
      }
      if (p.replaceFirst("^[+-]?0*", "").length() > 10 || Long.parseLong(p) > Integer.MAX_VALUE) {
        throw new UsageException(name + ": " + p + " in \"" + v + "\" is too large for a layer; a layer has at "
            + "most " + Integer.MAX_VALUE + " neurons (and memory runs out long before)");
      }
      sizes[i] = Integer.parseInt(p);
      if (sizes[i] < 1) {
        throw new UsageException(name + ": every layer needs at least one neuron, got " + sizes[i] + " in \""
            + v + "\"" + (i == 0 ? "; the first size is the number of inputs per example (784 for MNIST)"
                : i == parts.length - 1 ? "; the last size is the number of classes (10 for MNIST)" : ""));
      }
    }
    return sizes;
  }

  /** A path; a leading {@code ~} means the home directory, as in a shell (which leaves "--save=~/m" alone). */
  Path path(String name) throws UsageException {
    String v = values.get(name);
    try {
      if (v.equals("~") || v.startsWith("~/")) {
        return Path.of(System.getProperty("user.home"), v.substring(1).replaceFirst("^/", ""));
      }
      return Path.of(v);
    } catch (InvalidPathException e) {
      throw new UsageException(name + ": \"" + v + "\" is not a valid path (" + e.getReason() + ")");
    }
  }

  /** One of {@code choices} (keys as typed on the command line, case-insensitive). */
  <T> T choice(String name, T fallback, Map<String, T> choices) throws UsageException {
    if (!has(name)) {
      return fallback;
    }
    String v = values.get(name);
    T chosen = choices.get(v.strip().toLowerCase(Locale.ROOT).replace('_', '-'));
    if (chosen == null) {
      List<String> names = List.copyOf(choices.keySet());
      throw new UsageException(name + " must be " + String.join(", ", names.subList(0, names.size() - 1))
          + " or " + names.get(names.size() - 1) + ", got \"" + v + "\"");
    }
    return chosen;
  }

  /** Why a word that is not an option is there, with the likely fix. */
  private static String unexpected(String arg, boolean afterSizes) {
    String said = "unexpected argument \"" + arg + "\": ";
    if (arg.matches("[0-9]+") && afterSizes) {
      return said + "layer sizes are separated by commas, not spaces, e.g. --sizes 784,30,10";
    }
    if (arg.matches("-[a-z]+.*")) {
      return said + "options start with two hyphens, e.g. -" + arg;
    }
    if (!arg.isEmpty() && "\u2010\u2011\u2012\u2013\u2014\u2015\u2212".indexOf(arg.charAt(0)) >= 0) {
      return said + "it starts with the dash " + Character.getName(arg.charAt(0)) + " (often pasted from a "
          + "document), not two hyphens; type --" + arg.replaceFirst("^[\u2010-\u2015\u2212]+", "");
    }
    return said + "options look like --name value";
  }

  private static String example(String name) {
    switch (name) {
      case "--dropout": // regul
        return "0.2";
      case "--early-stop":
        return "5";
      case "--shift":
        return "1";
      case "--sizes":
        return "784,30,10";
      case "--eta":
        return "3.0";
      case "--lambda":
        return "5.0";
      case "--data":
        return "sample";
      case "--save":
      case "--model":
        return "model.npz";
      case "--hidden":
        return "sigmoid";
      case "--output":
        return "softmax";
      case "--cost":
        return "cross-entropy";
      case "--init":
        return "scaled";
      case "--precision":
        return "float32";
      case "--optimizer":
        return "adam";
      case "--l1":
        return "1.0";
      default:
        return "10";
    }
  }
}
