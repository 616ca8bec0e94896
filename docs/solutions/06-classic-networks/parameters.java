// EXERCISE: parameters
long parameters(int... sizes) {
    long count = 0;
    for (int l = 1; l < sizes.length; l++) {
        count += (long) sizes[l] * sizes[l - 1] + sizes[l];   // weights[l] and biases[l]
    }
    return count;
}
