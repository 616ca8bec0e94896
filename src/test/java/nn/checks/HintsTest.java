package nn.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HintsTest {
  /** The exercises of the notebooks, in lesson order: the names after {@code // EXERCISE:}. */
  private static List<String> exercises() throws IOException {
    List<String> names = new ArrayList<>();
    Pattern exercise = Pattern.compile("\"// EXERCISE: (\\w+)\\\\n\"");
    try (Stream<Path> files = Files.list(Path.of("notebooks"))) {
      for (Path nb : files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList()) {
        Matcher m = exercise.matcher(Files.readString(nb, StandardCharsets.UTF_8));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  @Test
  void everyExerciseHasATwoTierHintAndEveryHintAnExercise() throws IOException {
    List<String> exercises = exercises();
    assertTrue(exercises.size() >= 10, "exercises found: " + exercises);
    assertEquals(exercises, Hints.names(), "Hints must list the notebooks' exercises, in lesson order");
  }
}
