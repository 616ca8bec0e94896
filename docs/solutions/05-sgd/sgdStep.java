// EXERCISE: sgdStep
void sgdStep(Network net, DoubleMatrix x, DoubleMatrix y, double eta, double lambda, int n) {
    Gradients g = net.backprop(x, y);
    double decay = 1 - eta * lambda / n;          // weight decay: L2 regularisation
    for (int l = 1; l <= net.layers(); l++) {
        net.weights[l].muli(decay).subi(g.nablaW()[l].mul(eta));
        net.biases[l].subi(g.nablaB()[l].mul(eta));  // biases are not decayed
    }
}
