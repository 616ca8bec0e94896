// EXERCISE: shift
DoubleMatrix shift(DoubleMatrix image, int dx, int dy) {
    DoubleMatrix moved = new DoubleMatrix(784, 1);    // all zeros
    for (int r = 0; r < 28; r++) {
        for (int c = 0; c < 28; c++) {
            int fromRow = r - dy, fromColumn = c - dx;        // the pixel that lands on (r, c)
            if (fromRow >= 0 && fromRow < 28 && fromColumn >= 0 && fromColumn < 28) {
                moved.put(28 * r + c, image.get(28 * fromRow + fromColumn));
            }
        }
    }
    return moved;
}
