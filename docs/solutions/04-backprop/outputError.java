// EXERCISE: outputError
DoubleMatrix outputError(DoubleMatrix z, DoubleMatrix y) {
    // BP1 for softmax + log-likelihood: the sigma' factor cancels, delta^L = a^L - y.
    return Output.SOFTMAX.apply(z).sub(y);
}
