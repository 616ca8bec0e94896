"""Shared pieces of the Python benchmark trainers: command line, IDX files, and the JSON report.

Only the standard library is used here, so the PyTorch trainer can read the data without NumPy
(torch 1.13 cannot exchange arrays with NumPy 2; see bench/README.md).

Every trainer prints exactly one JSON line on stdout:
  {"impl": ..., "epoch_seconds": [...], "test_accuracy": 0.93, "peak_rss_mb": 123.4, ...}
"epoch_seconds" is training time only (no evaluation), one entry per epoch (per iteration for
full-batch gradient descent).
"""

import argparse
import gzip
import json
import os
import resource
import struct

FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}


def parse_args(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--data", required=True, help="directory holding the four MNIST-style IDX .gz files")
    p.add_argument("--train", type=int, default=0, help="use the first N training examples (0 = all)")
    p.add_argument("--test", type=int, default=0, help="use the first N test examples (0 = all)")
    p.add_argument("--sizes", default="784,30,10", help="layer sizes, input first, e.g. 784,30,10")
    p.add_argument("--mode", choices=["sgd", "fullbatch"], default="sgd",
                   help="sgd: sigmoid layers, quadratic cost, N(0,1) init; "
                        "fullbatch: ReLU hidden, softmax + cross-entropy, U[-0.5,0.5] init, one step per epoch")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch", type=int, default=10)
    p.add_argument("--eta", type=float, default=3.0)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    a.sizes = [int(s) for s in a.sizes.split(",")]
    return a


def read_idx(path):
    """Reads one IDX file (gzip or plain); returns (dims, raw unsigned bytes)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file (magic {data[:4].hex()})")
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    body = data[4 + 4 * ndim:]
    expected = 1
    for d in dims:
        expected *= d
    if len(body) != expected:
        raise ValueError(f"{path}: header says {dims} = {expected} bytes, found {len(body)}")
    return dims, body


def load_split(directory, which, limit):
    """Returns (n, pixels_per_image, image bytes n*pixels row-major, label bytes n), cut to `limit`."""
    img_name, lbl_name = FILES[which]
    idims, images = read_idx(os.path.join(directory, img_name))
    ldims, labels = read_idx(os.path.join(directory, lbl_name))
    n = idims[0]
    if ldims[0] != n:
        raise ValueError(f"{directory}: {n} {which} images but {ldims[0]} labels")
    pixels = 1
    for d in idims[1:]:
        pixels *= d
    if limit and limit < n:
        n = limit
    return n, pixels, images[:n * pixels], labels[:n]


def peak_rss_mb():
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def report(impl, epoch_seconds, test_accuracy, **extra):
    out = {"impl": impl, "epoch_seconds": epoch_seconds, "test_accuracy": test_accuracy,
           "peak_rss_mb": peak_rss_mb()}
    out.update(extra)
    print(json.dumps(out), flush=True)
