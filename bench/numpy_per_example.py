"""Reference trainer: NumPy float64 in the style of the classic from-scratch tutorials.

Backpropagation runs on one example (a 784 x 1 column) at a time; a Python loop walks over the
examples of each mini-batch and adds up their gradients, then one step uses the sum times eta/m.
Sigmoid layers, quadratic cost, N(0,1) weights and biases. Only --mode sgd.
"""

import time

import numpy as np

import common
from numpy_vectorized import load, sigmoid


def gradients_of_one(weights, biases, x, y):
    """Gradients of 1/2 ||a - y||^2 for one column x (n_in x 1) and its one-hot y (n_out x 1)."""
    activation = x
    activations = [x]
    for w, b in zip(weights, biases):
        activation = sigmoid(w @ activation + b)
        activations.append(activation)
    a = activations[-1]
    delta = (a - y) * a * (1.0 - a)
    grads_w = [None] * len(weights)
    grads_b = [None] * len(weights)
    for l in range(len(weights) - 1, -1, -1):
        grads_w[l] = delta @ activations[l].T
        grads_b[l] = delta
        if l > 0:
            a = activations[l]
            delta = (weights[l].T @ delta) * a * (1.0 - a)
    return grads_w, grads_b


def train_batch(weights, biases, xs, ys, eta):
    """xs: list of n_in x 1 columns, ys: list of one-hot columns."""
    sum_w = [np.zeros_like(w) for w in weights]
    sum_b = [np.zeros_like(b) for b in biases]
    for x, y in zip(xs, ys):
        gw, gb = gradients_of_one(weights, biases, x, y)
        for l in range(len(weights)):
            sum_w[l] += gw[l]
            sum_b[l] += gb[l]
    scale = eta / len(xs)
    for l in range(len(weights)):
        weights[l] -= scale * sum_w[l]
        biases[l] -= scale * sum_b[l]


def main():
    args = common.parse_args(__doc__)
    if args.mode != "sgd":
        raise SystemExit("numpy_per_example.py supports --mode sgd only")
    x, labels = load(args.data, "train", args.train)
    tx, tlabels = load(args.data, "test", args.test)
    classes = args.sizes[-1]
    # The tutorial style keeps the training set as a list of (column, one-hot column) pairs.
    columns = [np.ascontiguousarray(x[:, i:i + 1]) for i in range(x.shape[1])]
    targets = []
    for label in labels:
        t = np.zeros((classes, 1))
        t[label] = 1.0
        targets.append(t)
    rng = np.random.default_rng(args.seed)
    sizes = args.sizes
    weights = [rng.standard_normal((o, i)) for i, o in zip(sizes[:-1], sizes[1:])]
    biases = [rng.standard_normal((o, 1)) for o in sizes[1:]]
    order_rng = np.random.default_rng(args.seed + 1)
    n = len(columns)
    seconds = []
    for _ in range(args.epochs):
        start = time.perf_counter()
        order = order_rng.permutation(n)
        for k in range(0, n, args.batch):
            idx = order[k:k + args.batch]
            train_batch(weights, biases, [columns[i] for i in idx], [targets[i] for i in idx], args.eta)
        seconds.append(time.perf_counter() - start)
    a = tx
    for w, b in zip(weights, biases):
        a = sigmoid(w @ a + b)
    accuracy = float(np.mean(np.argmax(a, axis=0) == tlabels))
    common.report("perexample", seconds, accuracy)


if __name__ == "__main__":
    main()
