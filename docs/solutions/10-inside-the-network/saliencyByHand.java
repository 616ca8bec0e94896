// EXERCISE: saliencyByHand
DoubleMatrix saliencyByHand(Network net, DoubleMatrix x, int j) {
    DoubleMatrix z1 = net.weights[1].mmul(x).addi(net.biases[1]);           // HIDDEN x 1
    DoubleMatrix a1 = Activation.SIGMOID.apply(z1);
    DoubleMatrix z2 = net.weights[2].mmul(a1).addi(net.biases[2]);          // 10 x 1
    DoubleMatrix a2 = Output.SOFTMAX.apply(z2);
    DoubleMatrix delta2 = new DoubleMatrix(10, 1);                          // d a2_j / d z2: the softmax's row j
    for (int i = 0; i < 10; i++) delta2.put(i, a2.get(j) * ((i == j ? 1 : 0) - a2.get(i)));
    DoubleMatrix delta1 = net.weights[2].transpose().mmul(delta2).muli(Activation.SIGMOID.prime(z1));   // BP2
    return net.weights[1].transpose().mmul(delta1);                         // BP2 once more, to layer 0: 784 x 1
}
