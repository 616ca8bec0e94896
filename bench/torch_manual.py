"""Reference trainer: PyTorch on the CPU with a plain manual loop, float64 like the others.

nn.Linear layers (one example per ROW here, PyTorch's layout), autograd for the gradients, and a
hand-written SGD step p -= eta * p.grad.
  sgd:       sigmoid layers, quadratic cost C = 1/(2m) sum ||a - y||^2, N(0,1) weights and biases.
  fullbatch: ReLU hidden, softmax + cross-entropy (log_softmax + nll), U[-0.5, 0.5] init,
             the whole training set as one batch.
The data is read without NumPy (torch.frombuffer), so this works with torch 1.13 beside NumPy 2.
"""

import os
import time

import torch
from torch import nn

import common


def load(directory, which, limit):
    n, pixels, images, labels = common.load_split(directory, which, limit)
    x = torch.frombuffer(bytearray(images), dtype=torch.uint8).reshape(n, pixels).to(torch.float64) / 255.0
    y = torch.frombuffer(bytearray(labels), dtype=torch.uint8).to(torch.int64)
    return x, y


def main():
    args = common.parse_args(__doc__)
    # One thread by default, like the single-threaded Java trainer (the harness sets BENCH_THREADS).
    torch.set_num_threads(int(os.environ.get("BENCH_THREADS", "1")))
    torch.manual_seed(args.seed)
    x, labels = load(args.data, "train", args.train)
    tx, tlabels = load(args.data, "test", args.test)
    sizes = args.sizes
    layers = [nn.Linear(i, o).double() for i, o in zip(sizes[:-1], sizes[1:])]
    with torch.no_grad():
        for layer in layers:
            if args.mode == "sgd":
                layer.weight.normal_(0.0, 1.0)
                layer.bias.normal_(0.0, 1.0)
            else:
                layer.weight.uniform_(-0.5, 0.5)
                layer.bias.uniform_(-0.5, 0.5)
    params = [p for layer in layers for p in layer.parameters()]

    def forward(batch):
        a = batch
        for k, layer in enumerate(layers):
            z = layer(a)
            if args.mode == "sgd":
                a = torch.sigmoid(z)
            else:
                a = z if k == len(layers) - 1 else torch.relu(z)  # last: logits
        return a

    y = nn.functional.one_hot(labels, sizes[-1]).to(torch.float64)

    def step(xb, yb, lb):
        out = forward(xb)
        if args.mode == "sgd":
            loss = 0.5 * ((out - yb) ** 2).sum(dim=1).mean()
        else:
            loss = nn.functional.cross_entropy(out, lb)
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= args.eta * p.grad
                p.grad = None

    n = x.shape[0]
    batch = n if args.mode == "fullbatch" else args.batch
    gen = torch.Generator().manual_seed(args.seed + 1)
    seconds = []
    for _ in range(args.epochs):
        start = time.perf_counter()
        if batch >= n:
            step(x, y, labels)
        else:
            order = torch.randperm(n, generator=gen)
            for k in range(0, n, batch):
                idx = order[k:k + batch]
                step(x[idx], y[idx], labels[idx])
        seconds.append(time.perf_counter() - start)
    with torch.no_grad():
        accuracy = (forward(tx).argmax(dim=1) == tlabels).double().mean().item()
    common.report("torch", seconds, accuracy, torch=torch.__version__, threads=torch.get_num_threads())


if __name__ == "__main__":
    main()
