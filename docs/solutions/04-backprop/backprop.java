// EXERCISE: backprop
/** The gradient of the mean quadratic cost of the batch x (sizes[0] x m), y (sizes[L] x m); sigmoid neurons. */
Gradients backprop(Network net, DoubleMatrix x, DoubleMatrix y) {
    int L = net.layers();
    int m = x.columns;
    Forward f = net.forward(x);
    DoubleMatrix[] zs = f.zs();
    DoubleMatrix[] activations = f.activations();
    DoubleMatrix[] nablaW = new DoubleMatrix[L + 1];
    DoubleMatrix[] nablaB = new DoubleMatrix[L + 1];
    nablaW[0] = new DoubleMatrix(0, 0);    // slot 0 unused, like weights[0]
    nablaB[0] = new DoubleMatrix(0, 0);

    DoubleMatrix delta = activations[L].sub(y).muli(Activation.SIGMOID.prime(zs[L]));   // BP1: sizes[L] x m
    for (int l = L; l >= 1; l--) {
        nablaB[l] = delta.rowSums().divi(m);                                // BP3: the mean of delta's columns
        nablaW[l] = delta.mmul(activations[l - 1].transpose()).divi(m);     // BP4: sizes[l] x sizes[l-1]
        if (l > 1) {
            delta = net.weights[l].transpose().mmul(delta).muli(Activation.SIGMOID.prime(zs[l - 1]));   // BP2
        }
    }
    return new Gradients(nablaW, nablaB);
}
