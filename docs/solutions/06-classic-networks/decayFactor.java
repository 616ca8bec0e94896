// EXERCISE: decayFactor
double decayFactor(double lambda) {
    return 1 - 0.5 * lambda / 1000;   // 1 - eta * lambda / n, with eta = 0.5 and n = 1,000
}
