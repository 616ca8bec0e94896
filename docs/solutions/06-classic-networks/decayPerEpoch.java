// EXERCISE: decayPerEpoch
double decayPerEpoch(double lambda) {
    int steps = (small.size() + BATCH_L2 - 1) / BATCH_L2;   // one step per mini-batch, the last may be smaller
    return Math.pow(1 - ETA_L2 * lambda / small.size(), steps);   // each step: w <- (1 - eta * lambda / n) w - ...
}
