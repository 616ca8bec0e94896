package nn.cli;

import nn.data.Split;

/**
 * Where the command line gets its data from a name such as {@code sample}: {@code nn.data.Mnist::load} when
 * run for real; tests pass a small synthetic set instead.
 */
@FunctionalInterface
interface DataSource {
  /** The train/test split called {@code name} (already checked to be a known name or a directory). */
  Split load(String name);
}
