package nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows SV1.. of docs/bad-inputs.md: where a model may be saved. Never replace what is not a regular file,
 * follow links, keep read-only files and permissions, and a save right after an interrupt works.
 */
class SaveTargetTest {
  @TempDir
  Path dir;

  private final Network net = Network.builder(4, 3, 2).seed(1).build();

  private static String refused(Path file, String why, String fix) {
    return "Cannot save model to " + file + ": " + why + ". Fix: " + fix + ".";
  }

  private static int mode(Path p) throws Exception {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
  }

  @Test
  void aDeviceIsNeverReplaced() throws Exception {
    Path devNull = Path.of("/dev/null");
    int before = mode(devNull);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.save(devNull));
    assertEquals(refused(devNull, "it is a character device, not a regular file, and saving would replace it "
        + "with one", "give the name of a regular file, e.g. model.npz"), e.getMessage());
    assertEquals(before, mode(devNull), "still the character device");
    assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class,
        () -> SaveTarget.check(devNull)).getMessage(), "the check before training says the same");
  }

  @Test
  void aNamedPipeIsNeverReplaced() throws Exception {
    Path fifo = dir.resolve("pipe.npz");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.save(fifo));
    assertEquals(refused(fifo, "it is a named pipe (FIFO), not a regular file, and saving would replace it with "
        + "one", "give the name of a regular file, e.g. model.npz"), e.getMessage());
    assertFalse(Files.isRegularFile(fifo));
  }

  @Test
  void aSymbolicLinkIsFollowedAndStaysALink() throws Exception {
    Path real = dir.resolve("models").resolve("real.npz");
    Files.createDirectories(real.getParent());
    Network.builder(4, 3, 2).seed(2).build().save(real);
    Path link = Files.createSymbolicLink(dir.resolve("latest.npz"), Path.of("models", "real.npz"));
    net.save(link);
    assertTrue(Files.isSymbolicLink(link), "the link is kept");
    assertArrayEquals(net.weights[1].data, Network.load(real).weights[1].data, 0.0, "its target is replaced");
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(link.getFileName(), real.getParent().getFileName()),
          s.map(Path::getFileName).sorted().toList(), "no temporary file left beside the link");
    }
  }

  @Test
  void aLinkToADeviceIsRefusedToo() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("model.npz"), Path.of("/dev/null"));
    assertEquals(refused(link, "it is a symbolic link to /dev/null, and it is a character device, not a regular "
        + "file, and saving would replace it with one", "give the name of a regular file, e.g. model.npz"),
        assertThrows(IllegalArgumentException.class, () -> net.save(link)).getMessage());
    assertTrue(Files.isSymbolicLink(link));
  }

  @Test
  void aReadOnlyModelIsKeptAndAWritableOneKeepsItsPermissions() throws Exception {
    Path kept = dir.resolve("kept.npz");
    Network.builder(4, 3, 2).seed(2).build().save(kept);
    byte[] before = Files.readAllBytes(kept);
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("r--r--r--"));
    assertEquals(refused(kept, "it is read-only (r--r--r--), so it is kept", "if you mean to replace it, make it "
        + "writable first (chmod u+w " + kept + "); otherwise give another name"),
        assertThrows(IllegalArgumentException.class, () -> net.save(kept)).getMessage());
    assertArrayEquals(before, Files.readAllBytes(kept));
    assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));

    Path shared = dir.resolve("shared.npz");
    net.save(shared);
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-r--"));
    Network.builder(4, 3, 2).seed(3).build().save(shared);
    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)),
        "replacing a model keeps its permissions (was: the umask's 644)");
  }

  @Test
  void aLegal250ByteNameSavesAndA256ByteNameIsCaughtBeforeWriting() throws Exception {
    Path long250 = dir.resolve("m".repeat(246) + ".npz");
    net.save(long250); // was: "File name too long" from the temporary name, 26 bytes longer
    assertArrayEquals(net.weights[2].data, Network.load(long250).weights[2].data, 0.0);
    Path long256 = dir.resolve("m".repeat(252) + ".npz");
    assertEquals(refused(long256, "its name is 256 bytes long, more than this file system allows for a file name "
        + "(File name too long)", "use a shorter name, e.g. model.npz"),
        assertThrows(IllegalArgumentException.class, () -> SaveTarget.check(long256)).getMessage());
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> net.save(long256));
    assertTrue(e.getMessage().startsWith("Cannot save model to " + long256 + ": File name too long"), e::getMessage);
    assertTrue(e.getMessage().endsWith("; the previous file, if any, is kept. Fix: use a shorter file name, e.g. "
        + "model.npz."), e::getMessage);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count(), "only the 250-byte model: no temporary file left");
    }
  }

  @Test
  void aPathUnderARegularFileOrInAnUnwritableDirectoryIsCaughtBeforeWriting() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "keep me");
    Path under = notes.resolve("model.npz");
    assertEquals(refused(under, notes + " is a file, not a directory", "save beside it instead, e.g. "
        + dir.resolve("model.npz")), assertThrows(IllegalArgumentException.class,
            () -> SaveTarget.check(under)).getMessage());
    assertEquals("keep me", Files.readString(notes));

    // Root may write almost anywhere; /sys refuses even root. Others get a directory without write permission.
    boolean root = "root".equals(System.getProperty("user.name"));
    Path locked = root ? Path.of("/sys") : Files.createDirectory(dir.resolve("locked"));
    if (!root) {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
    Path target = locked.resolve("sub").resolve("model.npz");
    assertEquals(refused(target, "cannot write in " + locked + " (Permission denied)", "check that the directory "
        + "is writable (ls -ld " + locked + "), or save somewhere else, e.g. in your home directory"),
        assertThrows(IllegalArgumentException.class, () -> SaveTarget.check(target)).getMessage());
  }

  @Test
  void aSaveRightAfterAnInterruptWorksAndKeepsTheInterrupt() throws Exception {
    Path model = dir.resolve("after-interrupt.npz");
    Thread.currentThread().interrupt(); // what the kernel's stop button does to the cell's thread
    try {
      net.save(model); // was: ClosedByInterruptException, reported as "check that the directory is writable"
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is still there for the caller");
    } finally {
      Thread.interrupted();
    }
    assertArrayEquals(net.weights[1].data, Network.load(model).weights[1].data, 0.0);
  }
}
