/**
 * Files a learner keeps: {@link nn.io.ModelFile} saves and loads a network as a NumPy {@code .npz}
 * ({@code docs/model-format.md}); {@link nn.io.Npy} reads and writes single {@code .npy} arrays.
 */
package nn.io;
