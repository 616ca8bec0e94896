// EXERCISE: sigmoidPrime
// σ'(z) = σ(z) (1 - σ(z)); Activation.sigmoid(z) gives σ(z).
double sigmoidPrime(double z) {
    double s = Activation.sigmoid(z);
    return s * (1 - s);
}
