// EXERCISE: weightShape
// Return {rows, columns} of weights[l] for a network with these sizes (l = 1..sizes.length-1).
int[] weightShape(int[] sizes, int l) {
    return new int[] {sizes[l], sizes[l - 1]};
}
