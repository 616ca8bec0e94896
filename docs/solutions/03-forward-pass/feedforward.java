// EXERCISE: feedforward
// x is sizes[0] x m (one example per column). Return the output activations, sizes[L] x m.
DoubleMatrix feedforward(Network net, DoubleMatrix x) {
    DoubleMatrix a = x;
    for (int l = 1; l <= net.layers(); l++) {
        a = Activation.SIGMOID.apply(net.weights[l].mmul(a).addiColumnVector(net.biases[l]));
    }
    return a;
}
