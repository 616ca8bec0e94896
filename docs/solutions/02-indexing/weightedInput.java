// EXERCISE: weightedInput
// z_j = Σ_k w.get(j, k) * aPrev.get(k) + b.get(j)
double weightedInput(DoubleMatrix w, DoubleMatrix b, DoubleMatrix aPrev, int j) {
    double z = b.get(j);
    for (int k = 0; k < w.columns; k++) {
        z += w.get(j, k) * aPrev.get(k);
    }
    return z;
}
