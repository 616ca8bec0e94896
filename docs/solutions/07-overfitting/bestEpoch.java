// EXERCISE: bestEpoch
int bestEpoch(double[] validationAccuracy, int patience) {
    int best = 0;                                    // the epoch kept so far (1-based); 0 before the first
    for (int e = 1; e <= validationAccuracy.length; e++) {
        if (best == 0 || validationAccuracy[e - 1] > validationAccuracy[best - 1]) {
            best = e;                                // strictly better: keep this epoch's weights
        } else if (e - best >= patience) {
            break;                                   // patience epochs in a row without a better one: stop
        }
    }
    return best;                                     // also when the epochs ran out first
}
