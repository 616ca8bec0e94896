package nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The layout ARCHITECTURE.md describes, checked from the sources: which package may use which, and small files.
 * A new import that goes against the layers, or a file that grows past 300 lines, fails here with its name.
 */
class ArchitectureTest {
  /** Each package and the packages of ours it may use (ARCHITECTURE.md); imports run one way, downwards. */
  static final Map<String, Set<String>> ALLOWED = Map.of(
      "nn.cli", Set.of("nn", "nn.training", "nn.io", "nn.plot", "nn.checks", "nn.model", "nn.data", "nn.blas"),
      "nn", Set.of("nn.training", "nn.io", "nn.model", "nn.data", "nn.blas"),
      "nn.plot", Set.of("nn.training", "nn.model", "nn.data"),
      "nn.checks", Set.of("nn.training", "nn.model", "nn.data", "nn.blas"),
      "nn.training", Set.of("nn.model", "nn.data", "nn.blas"),
      "nn.io", Set.of("nn.model", "nn.data"),
      "nn.model", Set.of("nn.data", "nn.blas"),
      "nn.data", Set.of(),
      "nn.blas", Set.of());

  static final int MAX_LINES = 300;

  /** References to a class of ours: {@code import nn.x.Y;} or a qualified {@code nn.x.Y} in the code. */
  private static final Pattern REFERENCE = Pattern.compile("\\b(nn(?:\\.[a-z]\\w*)*)\\.[A-Z]\\w*");

  @Test
  void everyPackageUsesOnlyThePackagesBelowIt() {
    Map<String, Set<String>> uses = uses(Path.of("src/main/java"));
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : uses.entrySet()) {
      Set<String> allowed = ALLOWED.get(e.getKey());
      if (allowed == null) {
        wrong.add(e.getKey() + " is not in ARCHITECTURE.md's map (add it there and to ALLOWED)");
        continue;
      }
      for (String used : e.getValue()) {
        if (!allowed.contains(used)) {
          wrong.add(e.getKey() + " uses " + used);
        }
      }
    }
    assertEquals(List.of(), wrong, "imports against the layers of ARCHITECTURE.md");
  }

  @Test
  void theAllowedMapHasNoCycle() {
    // Depth-first search over ALLOWED: a package reached again while still on the path closes a cycle.
    for (String start : ALLOWED.keySet()) {
      assertEquals(List.of(), cycleFrom(start, new ArrayList<>()), "cycle through " + start);
    }
  }

  @Test
  void noSourceFileIsLongerThan300Lines() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (String root : List.of("src/main/java", "src/test/java")) {
      for (Path file : javaFiles(Path.of(root))) {
        long lines = Files.readAllLines(file).size();
        if (lines > MAX_LINES) {
          tooLong.add(file + " has " + lines + " lines");
        }
      }
    }
    assertEquals(List.of(), tooLong, "files over " + MAX_LINES + " lines: split them by idea");
  }

  private static List<String> cycleFrom(String pkg, List<String> path) {
    if (path.contains(pkg)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(pkg), path.size()));
      cycle.add(pkg);
      return cycle;
    }
    path.add(pkg);
    for (String next : ALLOWED.getOrDefault(pkg, Set.of())) {
      List<String> cycle = cycleFrom(next, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    return List.of();
  }

  /** Package → the other packages of ours its files refer to (comments and strings left out). */
  static Map<String, Set<String>> uses(Path root) {
    Map<String, Set<String>> uses = new TreeMap<>();
    for (Path file : javaFiles(root)) {
      String pkg = root.relativize(file.getParent()).toString().replace('/', '.').replace('\\', '.');
      pkg = pkg.isEmpty() ? "" : pkg;
      Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
      Matcher m = REFERENCE.matcher(code(file));
      while (m.find()) {
        if (!m.group(1).equals(pkg)) {
          used.add(m.group(1));
        }
      }
    }
    return uses;
  }

  /** The file's text without comments and string literals. */
  private static String code(Path file) {
    try {
      String s = Files.readString(file);
      s = s.replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"");
      s = s.replaceAll("(?s)/\\*.*?\\*/", " ");
      s = s.replaceAll("//[^\n]*", " ");
      s = s.replaceAll("\"(?:\\\\.|[^\"\\\\\n])*\"", "\"\"");
      return s.replaceAll("^package [^;]*;", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> javaFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
