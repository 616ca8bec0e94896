// EXERCISE: dropoutBackprop
Gradients dropoutBackprop(DropoutModel net, DoubleMatrix x, DoubleMatrix y) {
    Forward f = net.forward(x);             // hidden activations[l] = sigmoid(zs[l]) * masks[l], element by element
    DoubleMatrix[] zs = f.zs(), activations = f.activations(), masks = net.masks();
    int L = net.layers(), m = x.columns;
    DoubleMatrix[] nablaW = new DoubleMatrix[L + 1], nablaB = new DoubleMatrix[L + 1];
    nablaW[0] = new DoubleMatrix(0, 0);     // slot 0 unused, as everywhere
    nablaB[0] = new DoubleMatrix(0, 0);
    DoubleMatrix delta = activations[L].sub(y).muli(Activation.SIGMOID.prime(zs[L]));   // BP1
    for (int l = L; l >= 1; l--) {
        nablaB[l] = delta.rowSums().divi(m);                                  // BP3
        nablaW[l] = delta.mmul(activations[l - 1].transpose()).divi(m);       // BP4: the masked activations
        if (l > 1) {
            // BP2 with dropout: activations[l - 1] = sigmoid(zs[l - 1]) * masks[l - 1], so the mask is a factor too
            delta = net.weights[l].transpose().mmul(delta).muli(Activation.SIGMOID.prime(zs[l - 1]))
                .muli(masks[l - 1]);
        }
    }
    return new Gradients(nablaW, nablaB);
}
