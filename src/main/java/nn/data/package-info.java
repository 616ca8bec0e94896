/**
 * Data for the workbook: the IDX file format ({@link nn.data.Idx}), MNIST and Fashion-MNIST
 * ({@link nn.data.Mnist}), checked downloads ({@link nn.data.Downloader}), and the 10,000-digit MNIST sample
 * shipped inside the jar. Images are always {@code 784 x n} matrices, one example per column, pixels in
 * [0, 1]; labels are ints 0..9. Broken files throw {@link nn.data.DataFormatException}.
 */
package nn.data;
