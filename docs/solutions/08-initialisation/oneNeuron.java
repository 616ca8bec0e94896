// EXERCISE: oneNeuron
/** A 784-1-10 network with the same outputs as zero, a 784-30-10 network whose 30 hidden neurons are equal. */
Network oneNeuron(Network zero) {
    Network one = Network.builder(784, 1, 10).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY).build();
    one.weights[1] = zero.weights[1].getRow(0);                  // 1 x 784: any of the 30 equal neurons
    one.biases[1] = zero.biases[1].getRange(0, 1, 0, 1);         // 1 x 1: its bias
    one.weights[2] = zero.weights[2].rowSums();                  // 10 x 1: z_i = (sum over j of w_ij) a + b_i
    one.biases[2] = zero.biases[2].dup();
    return one;
}
