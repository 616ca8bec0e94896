// EXERCISE: parameterCount
// The number of weights and biases of a network with these layer sizes.
long parameterCount(int... sizes) {
    long count = 0;
    for (int l = 1; l < sizes.length; l++) {
        count += (long) sizes[l] * sizes[l - 1] + sizes[l];   // weights[l] is sizes[l] x sizes[l-1], biases[l] sizes[l] x 1
    }
    return count;
}
