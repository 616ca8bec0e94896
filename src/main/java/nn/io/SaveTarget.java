package nn.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where a model may be saved, decided before anything is written (and, by {@code train --save}, before the
 * first epoch, so a bad target never throws a trained network away).
 *
 * <p>The rules (docs/bad-inputs.md, "Save targets"):
 * <ul>
 *   <li>A <b>regular file</b> is replaced atomically, keeping its permissions.
 *   <li>A <b>symbolic link</b> is followed: the file it points to is replaced and the link stays a link.
 *   <li>A <b>read-only</b> file (no owner write bit) is refused: even where the directory allows replacing it
 *       (or for root), read-only says "keep this".
 *   <li>Anything that is <b>not a regular file</b> (a directory, a device such as {@code /dev/null}, a named
 *       pipe, a socket) is refused: saving would replace it with a file.
 * </ul>
 */
public final class SaveTarget {
  /** Longest file name (in UTF-8 bytes) the temporary file keeps of the target's name. */
  static final int TEMP_NAME_KEEP = 200;

  private SaveTarget() {}

  /**
   * Checks, without writing the model, that {@link ModelFile#save} can save to {@code file}: the rules above,
   * a directory that exists (or can be created) and is writable, a name the file system accepts. A probe file
   * is created and deleted to be sure.
   *
   * @throws IllegalArgumentException naming the cause and the fix
   */
  public static void check(Path file) {
    Path target = resolve(file);
    Path dir = target.getParent();
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw refuse(file, "none of the directories of " + dir + " exist", "give a path on an existing drive");
    }
    if (!Files.isDirectory(existing)) {
      throw refuse(file, existing + " is a file, not a directory", "save beside it instead, e.g. "
          + existing.resolveSibling(target.getFileName()));
    }
    int nameBytes = target.getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
    // The probe has the target's name length, so a name the file system refuses is caught now, not after
    // training; and it is created where the first missing directory would be, to test that we may write there.
    Path probe = existing.resolve(probeName(nameBytes));
    try {
      Files.createFile(probe);
    } catch (IOException e) {
      if (reason(e).toLowerCase(java.util.Locale.ROOT).contains("name too long")) {
        throw refuse(file, "its name is " + nameBytes + " bytes long, more than this file system allows for a "
            + "file name (" + reason(e) + ")", "use a shorter name, e.g. model.npz");
      }
      throw refuse(file, "cannot write in " + existing + " (" + reason(e) + ")", "check that the directory is "
          + "writable (ls -ld " + existing + "), or save somewhere else, e.g. in your home directory");
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException ignored) {
        // A probe that could not be deleted is an empty hidden file; harmless.
      }
    }
  }

  /**
   * The file {@code save(file)} replaces: {@code file} itself, or the end of its chain of symbolic links.
   *
   * @throws IllegalArgumentException if it is a directory, not a regular file, or read-only
   */
  static Path resolve(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("Cannot save model: no file given (null). Fix: pass a path such as "
          + "Path.of(\"model.npz\").");
    }
    Path target;
    try {
      target = file.toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw refuse(file, "it is not a valid path (" + e.getMessage() + ")", "give a plain file name, e.g. model.npz");
    }
    for (int hops = 0; Files.isSymbolicLink(target); hops++) {
      if (hops == 40) {
        throw refuse(file, "it is a loop of symbolic links", "point the link at a file, or give another name");
      }
      try {
        target = target.resolveSibling(Files.readSymbolicLink(target)).normalize();
      } catch (IOException e) {
        throw refuse(file, "its symbolic link cannot be read (" + reason(e) + ")", "give another name");
      }
    }
    if (target.getFileName() == null) {
      throw refuse(file, "it names no file (" + target + ")", "give a file name, e.g. model.npz");
    }
    String via = target.equals(file.toAbsolutePath().normalize()) ? "" : "it is a symbolic link to " + target
        + ", and ";
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("Cannot save model to " + file + ": " + via + "it is a directory. Fix: "
          + "give a file name, e.g. " + file.resolve("model.npz") + ".");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
        throw refuse(file, via + "it is " + kind(target) + ", not a regular file, and saving would replace it with "
            + "one", "give the name of a regular file, e.g. model.npz");
      }
      String readOnly = readOnly(target);
      if (readOnly != null) {
        throw refuse(file, via + "it is read-only (" + readOnly + "), so it is kept", "if you mean to replace it, "
            + "make it writable first (chmod u+w " + target + "); otherwise give another name");
      }
    }
    return target;
  }

  /** The permissions text ("r--r--r--") if the owner may not write {@code file}, else null. */
  private static String readOnly(Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      return p.contains(PosixFilePermission.OWNER_WRITE) ? null : PosixFilePermissions.toString(p);
    } catch (UnsupportedOperationException | IOException e) {
      return Files.isWritable(file) ? null : "not writable";
    }
  }

  /** "a character device", "a named pipe", ... from the Unix file mode, where the platform reports it. */
  static String kind(Path file) {
    try {
      int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      switch (mode & 0170000) {
        case 0020000: return "a character device";
        case 0060000: return "a block device";
        case 0010000: return "a named pipe (FIFO)";
        case 0140000: return "a socket";
        default: return "a special file";
      }
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      return "a special file";
    }
  }

  /** A hidden name of exactly {@code bytes} bytes (at least a few), unlikely to exist. */
  private static String probeName(int bytes) {
    String base = ".nn-probe-" + Long.toUnsignedString(System.nanoTime());
    return base.length() >= bytes ? base : base + "x".repeat(bytes - base.length());
  }

  /**
   * The temporary file's name for {@code name}: {@code .<name>.<digits>.tmp}, with the name cut so the whole
   * stays within {@link #TEMP_NAME_KEEP} + 26 bytes (a legal 250-byte model name must still save).
   */
  static String tempName(String name, long digits) {
    String kept = name;
    while (kept.getBytes(StandardCharsets.UTF_8).length > TEMP_NAME_KEEP) {
      kept = kept.substring(0, kept.offsetByCodePoints(0, kept.codePointCount(0, kept.length()) - 1));
    }
    return "." + kept + "." + Long.toUnsignedString(digits) + ".tmp";
  }

  /** The operating system's reason, e.g. "Permission denied", rather than Java's exception name. */
  static String reason(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "No such file or directory";
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  private static IllegalArgumentException refuse(Path file, String why, String fix) {
    return new IllegalArgumentException("Cannot save model to " + file + ": " + why + ". Fix: " + fix + ".");
  }
}
