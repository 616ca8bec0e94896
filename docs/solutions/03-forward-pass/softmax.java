// EXERCISE: softmax
// For each column c of z: e = exp(column - max of column); result column = e / sum(e).
DoubleMatrix softmax(DoubleMatrix z) {
    DoubleMatrix a = new DoubleMatrix(z.rows, z.columns);
    for (int c = 0; c < z.columns; c++) {
        DoubleMatrix column = z.getColumn(c);
        DoubleMatrix e = MatrixFunctions.exp(column.sub(column.max()));
        a.putColumn(c, e.div(e.sum()));
    }
    return a;
}
