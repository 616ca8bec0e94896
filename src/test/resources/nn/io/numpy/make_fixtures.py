"""Writes the NumPy-made model files that nn.io.NumpyFilesTest loads (rows N1.. of docs/bad-inputs.md).

Run with any NumPy (these were made with NumPy 2.4.6):  python make_fixtures.py
Each file is a 4-3-2 network written the way a learner might write one from Python, some right, some not.
"""
import io
import json
import zipfile

import numpy as np

META = {"format": "nn-workbook model", "format_version": 1, "hidden": "SIGMOID", "output": "SIGMOID",
        "cost": "QUADRATIC", "init": "GAUSSIAN", "seed": 42}
SIZES = [4, 3, 2]
W1 = np.arange(12, dtype="<f8").reshape(3, 4) / 10 - 0.5   # weights_1[j, k] = (4j + k)/10 - 0.5
B1 = np.array([[0.1], [-0.2], [0.3]])
W2 = np.arange(6, dtype="<f8").reshape(2, 3) / 7 - 0.4
B2 = np.array([[-0.05], [0.5]])


def arrays(**change):
    a = {"meta": np.array(json.dumps(META)), "sizes": np.array(SIZES, dtype="<i8"),
         "weights_1": W1, "biases_1": B1, "weights_2": W2, "biases_2": B2}
    a.update(change)
    return {k: v for k, v in a.items() if v is not None}


def savez(name, compressed=False, **change):
    (np.savez_compressed if compressed else np.savez)(name, **arrays(**change))


def npy_bytes(a, version):
    out = io.BytesIO()
    np.lib.format.write_array(out, np.asarray(a), version=version)
    return out.getvalue()


def zipped(name, entries, **kwargs):
    with zipfile.ZipFile(name, "w", **kwargs) as z:
        for n, data in entries.items():
            z.writestr(n, data)


savez("c-order.npz")                                             # NumPy's default layout: loads
savez("fortran-order.npz", weights_1=np.asfortranarray(W1), weights_2=np.asfortranarray(W2))
savez("compressed.npz", compressed=True)
savez("int32-sizes.npz", sizes=np.array(SIZES, dtype="<i4"))
savez("extra-entry.npz", notes=np.array("trained on Tuesday"))  # an entry we do not know: ignored
savez("meta-lowercase-names.npz", meta=np.array(json.dumps(dict(META, hidden="sigmoid", cost="quadratic"))))
savez("float32-weights.npz", weights_1=W1.astype("<f4"))
savez("big-endian-weights.npz", weights_2=W2.astype(">f8"))
savez("int64-weights.npz", biases_1=np.array([[1], [2], [3]], dtype="<i8"))
savez("float-sizes.npz", sizes=np.array(SIZES, dtype="<f8"))
savez("big-endian-sizes.npz", sizes=np.array(SIZES, dtype=">i8"))
savez("uint8-sizes.npz", sizes=np.array(SIZES, dtype="|u1"))
savez("sizes-2d.npz", sizes=np.array([SIZES], dtype="<i8"))
savez("weights-3d.npz", weights_1=W1.reshape(1, 3, 4))
savez("biases-1d.npz", biases_1=B1.ravel())                     # shape (3,), not (3, 1)
savez("meta-bytes.npz", meta=np.array(json.dumps(META).encode()))  # dtype 'S', not unicode
savez("meta-dict-pickled.npz", meta=np.array(META, dtype=object))  # needs allow_pickle: refused
savez("meta-not-json.npz", meta=np.array("hidden=SIGMOID, seed=42"))
savez("meta-json-list.npz", meta=np.array(json.dumps([META])))
savez("meta-without-version.npz", meta=np.array(json.dumps({k: v for k, v in META.items() if k != "format_version"})))
savez("meta-version-as-text.npz", meta=np.array(json.dumps(dict(META, format_version="1"))))
savez("meta-seed-float.npz", meta=np.array(json.dumps(dict(META, seed=42.5))))
savez("structured-weights.npz", weights_2=np.zeros((2, 3), dtype=[("w", "<f8")]))
savez("nan-weight.npz", biases_2=np.array([[np.nan], [0.5]]))
savez("inf-weight.npz", weights_1=np.where(W1 > 0.5, np.inf, W1))
savez("subnormal-and-negative-zero.npz", biases_1=np.array([[5e-324], [-0.0], [np.finfo(float).tiny]]))
np.savez("positional-arr0.npz", json.dumps(META), np.array(SIZES), W1, B1, W2, B2)  # arr_0.npy, arr_1.npy, ...
base = arrays()
zipped("npy-version-2.npz", {k + ".npy": npy_bytes(v, (2, 0)) for k, v in base.items()})
zipped("npy-version-3.npz", {k + ".npy": npy_bytes(v, (3, 0)) for k, v in base.items()})
zipped("zip-comment.npz", {k + ".npy": npy_bytes(v, (1, 0)) for k, v in base.items()})
with zipfile.ZipFile("zip-comment.npz", "a") as z:
    z.comment = b"written by a notebook"
with zipfile.ZipFile("zip64.npz", "w") as z:
    for k, v in base.items():
        with z.open(k + ".npy", "w", force_zip64=True) as f:
            f.write(npy_bytes(v, (1, 0)))
zipped("entries-in-a-folder.npz", {"model/" + k + ".npy": npy_bytes(v, (1, 0)) for k, v in base.items()})
zipped("bzip2-entries.npz", {k + ".npy": npy_bytes(v, (1, 0)) for k, v in base.items()},
       compression=zipfile.ZIP_BZIP2)
