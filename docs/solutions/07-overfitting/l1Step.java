// EXERCISE: l1Step
void l1Step(Network net, DoubleMatrix x, DoubleMatrix y, double eta, double lambda1, int n) {
    Gradients g = net.backprop(x, y);
    for (int l = 1; l <= net.layers(); l++) {
        DoubleMatrix pull = MatrixFunctions.signum(net.weights[l]).muli(eta * lambda1 / n);   // L1: the same step for every weight
        net.weights[l].subi(pull).subi(g.nablaW()[l].mul(eta));
        net.biases[l].subi(g.nablaB()[l].mul(eta));    // biases are not penalised
    }
}
