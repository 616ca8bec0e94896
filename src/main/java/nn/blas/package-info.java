/**
 * The native maths: {@link nn.blas.Jblas#check()} loads jblas (or names the package to install), and
 * {@link nn.blas.Blas} does the training step's matrix products and says which BLAS that is.
 */
package nn.blas;
