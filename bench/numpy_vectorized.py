"""Reference trainer: NumPy float64, one matrix product per layer for the whole mini-batch.

Same layout as the Java workbook: one example per column, weights[l] is sizes[l] x sizes[l-1].
  sgd:       sigmoid layers, quadratic cost C = 1/(2m) sum ||a - y||^2, N(0,1) weights and biases.
  fullbatch: ReLU hidden layers, softmax output with cross-entropy, U[-0.5, 0.5] weights and biases,
             the whole training set as one batch (one gradient step per "epoch").
"""

import time

import numpy as np

import common


def sigmoid(z):
    with np.errstate(over="ignore"):  # exp(-z) overflows to inf for z << 0; 1/(1+inf) = 0 is right
        return 1.0 / (1.0 + np.exp(-z))


def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def load(directory, which, limit):
    n, pixels, images, labels = common.load_split(directory, which, limit)
    # pixels x n in Fortran order: each example (column) is contiguous, as in the workbook's column-major
    # matrices, so gathering a mini-batch reads whole cache lines (a C-ordered 784 x 60000 array would
    # fetch one cache line and one page per pixel).
    x = np.frombuffer(images, dtype=np.uint8).reshape(n, pixels).T / 255.0
    assert x.flags.f_contiguous
    return x, np.frombuffer(labels, dtype=np.uint8).astype(np.int64)


def one_hot(labels, classes):
    y = np.zeros((classes, labels.size))
    y[labels, np.arange(labels.size)] = 1.0
    return y


class Net:
    def __init__(self, sizes, mode, seed):
        rng = np.random.default_rng(seed)
        self.mode = mode
        if mode == "sgd":
            self.w = [rng.standard_normal((o, i)) for i, o in zip(sizes[:-1], sizes[1:])]
            self.b = [rng.standard_normal((o, 1)) for o in sizes[1:]]
        else:
            self.w = [rng.uniform(-0.5, 0.5, (o, i)) for i, o in zip(sizes[:-1], sizes[1:])]
            self.b = [rng.uniform(-0.5, 0.5, (o, 1)) for o in sizes[1:]]

    def forward(self, x):
        acts, zs = [x], []
        last = len(self.w) - 1
        for l, (w, b) in enumerate(zip(self.w, self.b)):
            z = w @ acts[-1] + b
            zs.append(z)
            if self.mode == "sgd":
                acts.append(sigmoid(z))
            else:
                acts.append(softmax(z) if l == last else np.maximum(z, 0.0))
        return zs, acts

    def step(self, x, y, eta):
        """One gradient step on the mean cost over the columns of x (m examples)."""
        m = x.shape[1]
        zs, acts = self.forward(x)
        if self.mode == "sgd":
            a = acts[-1]
            delta = (a - y) * a * (1.0 - a)          # quadratic cost, sigmoid output
        else:
            delta = acts[-1] - y                     # softmax + cross-entropy
        for l in range(len(self.w) - 1, -1, -1):
            grad_w = delta @ acts[l].T
            grad_b = delta.sum(axis=1, keepdims=True)
            if l > 0:
                back = self.w[l].T @ delta
                if self.mode == "sgd":
                    a = acts[l]
                    delta = back * a * (1.0 - a)
                else:
                    delta = back * (zs[l - 1] > 0)
            self.w[l] -= (eta / m) * grad_w
            self.b[l] -= (eta / m) * grad_b

    def accuracy(self, x, labels):
        return float(np.mean(np.argmax(self.forward(x)[1][-1], axis=0) == labels))


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return [{k: d.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
                for d in threadpool_info() if d.get("user_api") == "blas"]
    except ImportError:
        return "threadpoolctl not installed"


def main():
    args = common.parse_args(__doc__)
    x, labels = load(args.data, "train", args.train)
    tx, tlabels = load(args.data, "test", args.test)
    y = one_hot(labels, args.sizes[-1])
    net = Net(args.sizes, args.mode, args.seed)
    rng = np.random.default_rng(args.seed + 1)
    n = x.shape[1]
    batch = n if args.mode == "fullbatch" else args.batch
    seconds = []
    for _ in range(args.epochs):
        start = time.perf_counter()
        if batch >= n:
            net.step(x, y, args.eta)
        else:
            order = rng.permutation(n)
            for k in range(0, n, batch):
                idx = order[k:k + batch]
                net.step(x[:, idx], y[:, idx], args.eta)   # fancy indexing copies the mini-batch
        seconds.append(time.perf_counter() - start)
    common.report("numpy", seconds, net.accuracy(tx, tlabels), blas=blas_info(),
                  numpy=np.__version__)


if __name__ == "__main__":
    main()
