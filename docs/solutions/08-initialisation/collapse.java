// EXERCISE: collapse
/** {W, b}: z^L = W x + b for a network whose hidden layers are all Activation.IDENTITY. */
DoubleMatrix[] collapse(Network net) {
    DoubleMatrix W = net.weights[1].dup();     // z^1 = w^1 x + b^1
    DoubleMatrix b = net.biases[1].dup();
    for (int l = 2; l <= net.layers(); l++) {
        // z^l = w^l z^(l-1) + b^l = (w^l W) x + (w^l b + b^l)
        W = net.weights[l].mmul(W);
        b = net.weights[l].mmul(b).addi(net.biases[l]);
    }
    return new DoubleMatrix[] {W, b};
}
