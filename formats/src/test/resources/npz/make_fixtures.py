"""Regenerates the numpy-written fixtures used by NpyTest (run from this folder: python3 make_fixtures.py).

Values are simple closed forms so that the test states them independently of any reader.
"""
import numpy as np

xs = (np.arange(2 * 3 * 2, dtype=np.float32) / 4).reshape(2, 3, 2)  # x[b,k,j] = (6b + 2k + j) / 4
ys = (np.arange(2 * 3, dtype=np.float32) - 2.5).reshape(2, 3)       # y[b,k] = 3b + k - 2.5
ws = np.array([[1.0, -1.0], [0.5, 2.0]], dtype=np.float64)        # float64 on purpose: numpy's default
names = np.array(["ols", "ridge:lambda=0.1", "\u03bb-free"])         # '<U16', a non-ASCII name included
np.savez("numpy-episodes.npz", xs=xs, ys=ys, ws=ws, names=names)
np.savez_compressed("numpy-episodes-compressed.npz", xs=xs, ys=ys)
np.save("numpy-f4-2x3.npy", np.array([[1, 2, -0.5], [0, 3, 4]], dtype=np.float32))
