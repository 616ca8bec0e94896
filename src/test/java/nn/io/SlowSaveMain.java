package nn.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import nn.Network;

/**
 * Run in a child JVM by {@link InterruptedSaveTest}: saves a 784-100-10 network to {@code args[0]}, but stops
 * in the middle of writing, after telling the parent {@code HALFWAY}, so the parent can kill it mid-write.
 */
public final class SlowSaveMain {
  /** Bytes written before pausing: more than one 64 KB buffer, far less than the 640 KB of weights. */
  static final int PAUSE_AFTER = 128 * 1024;

  private SlowSaveMain() {}

  public static void main(String[] args) {
    Network big = Network.builder(784, 100, 10).seed(99).build();
    ModelFile.save(big, Path.of(args[0]), PausingStream::new);
    System.out.println("FINISHED"); // never reached when the parent kills us
  }

  /** Passes bytes through, then, once past {@link #PAUSE_AFTER}, announces itself and waits to be killed. */
  private static final class PausingStream extends FilterOutputStream {
    private long written;

    PausingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      written += len;
      if (written >= PAUSE_AFTER) {
        out.flush();
        System.out.println("HALFWAY " + written);
        System.out.flush();
        while (true) {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          }
        }
      }
    }
  }
}
