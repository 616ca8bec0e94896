package nn.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Check.require: what a graded (nbgrader) cell calls after a check, since JShell's assert never fires. */
class CheckRequireTest {
  private static void quietly(Runnable r) {
    PrintStream old = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
  }

  private static void checkCount(long yours) {
    quietly(() -> Check.cases("parameterCount", List.of(new int[] {2, 3, 1}), s -> "parameterCount(2, 3, 1)",
        s -> yours, s -> 13L));
  }

  @Test
  void requireFollowsTheLastCheckOfThatExercise() {
    AssertionError never = assertThrows(AssertionError.class, () -> Check.require("noSuchExercise"));
    assertEquals("noSuchExercise has not been checked yet: run its check first.", never.getMessage());

    checkCount(12);
    AssertionError wrong = assertThrows(AssertionError.class, () -> Check.require("parameterCount"));
    assertEquals("parameterCount is not right yet: see the message and the idea above.", wrong.getMessage());

    checkCount(13);
    Check.require("parameterCount"); // passes now: no exception

    checkCount(0);
    assertThrows(AssertionError.class, () -> Check.require("parameterCount"), "a later failure counts again");
  }
}
