// EXERCISE: project
DoubleMatrix project(Pca pca, DoubleMatrix h) {
    DoubleMatrix centred = h.subColumnVector(pca.mean());                  // HIDDEN x m, every column minus the mean
    DoubleMatrix firstTwo = pca.components().getColumns(new int[] {0, 1});  // HIDDEN x 2, unit columns
    return firstTwo.transpose().mmul(centred);                              // 2 x m: coordinates along each direction
}
