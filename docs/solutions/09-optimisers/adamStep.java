// EXERCISE: adamStep
void adamStep(DoubleMatrix w, DoubleMatrix grad, DoubleMatrix m, DoubleMatrix v, int t,
              double beta1, double beta2, double eta) {
    m.muli(beta1).addi(grad.mul(1 - beta1));                 // running average of the gradients
    v.muli(beta2).addi(grad.mul(grad).muli(1 - beta2));      // running average of their squares
    DoubleMatrix mHat = m.div(1 - Math.pow(beta1, t));       // bias correction: E[m_t] = (1 - beta1^t) E[g]
    DoubleMatrix vHat = v.div(1 - Math.pow(beta2, t));
    w.subi(mHat.divi(MatrixFunctions.sqrt(vHat).addi(1e-8)).muli(eta));
}
