// EXERCISE: backpropRelu
Gradients backpropRelu(Network net, DoubleMatrix x, DoubleMatrix y) {
    int L = net.layers();
    int m = x.columns;
    Forward f = net.forward(x);       // the network applies ReLU and softmax in its forward pass
    DoubleMatrix[] zs = f.zs();
    DoubleMatrix[] activations = f.activations();
    DoubleMatrix[] nablaW = new DoubleMatrix[L + 1];
    DoubleMatrix[] nablaB = new DoubleMatrix[L + 1];
    nablaW[0] = new DoubleMatrix(0, 0);
    nablaB[0] = new DoubleMatrix(0, 0);

    DoubleMatrix delta = activations[L].sub(y);                                               // BP1: softmax + log-likelihood
    for (int l = L; l >= 1; l--) {
        if (l < L) {
            delta = net.weights[l + 1].transpose().mmul(delta).muli(Activation.RELU.prime(zs[l]));     // BP2 with ReLU'
        }
        nablaB[l] = delta.rowSums().divi(m);                                // BP3
        nablaW[l] = delta.mmul(activations[l - 1].transpose()).divi(m);     // BP4
    }
    return new Gradients(nablaW, nablaB);
}
