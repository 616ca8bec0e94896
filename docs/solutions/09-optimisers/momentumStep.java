// EXERCISE: momentumStep
void momentumStep(DoubleMatrix w, DoubleMatrix grad, DoubleMatrix v, double mu, double eta) {
    v.muli(mu).subi(grad.mul(eta));   // v <- mu v - eta grad: the velocity, a running sum of past steps
    w.addi(v);                        // w <- w + v
}
