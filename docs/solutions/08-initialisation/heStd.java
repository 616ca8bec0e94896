// EXERCISE: heStd
/** The standard deviation of Init.HE's weights entering a layer whose neurons have nIn inputs each. */
double heStd(int nIn) {
    return Math.sqrt(2.0 / nIn);     // variance 2 / n_in keeps Var(z) the same from one ReLU layer to the next
}
