// EXERCISE: outputError
DoubleMatrix outputError(DoubleMatrix z, DoubleMatrix y) {
    // BP1 for softmax + log-likelihood: contracting softmax's Jacobian a_j([j=k] - a_k) with dC/da = -y/a
    // leaves delta^L = a^L - y (no sigma' factor appears at all; see docs/04-backprop.md).
    return Output.SOFTMAX.apply(z).sub(y);
}
