"""numpy baseline for docs/BENCHMARKS.md: prefix predictions per second of ridge and least squares when every
prefix is solved afresh, batched over episodes, at the settings of PrefixPredictionBenchmark.

For each episode b and prefix k the prediction is w_k · x_k with w_k fit on pairs 0 … k-1:
  ridge:          one np.linalg.solve over the whole [B, n] stack of systems (X_kᵀX_k + λI) w = X_kᵀy, with the
                  prefix Gram matrices and moments from cumulative sums;
  least squares:  the pseudo-inverse path, w_k = pinv(X_k) y_k, one batched np.linalg.pinv per prefix length k.
Computations are float64 like icl4j's (inputs are float32, as in an EpisodeBatch). Rates are the best of
repeated runs, by the wall clock and by the process CPU clock (all threads), the latter for shared machines.

Run: python3 bench/python/numpy_baseline.py [--d 8 20] [--seconds 3]
"""
import argparse
import os
import platform
import time

import numpy as np

BATCH = 1280
PAIRS = 40
LAMBDA = 0.1


def episodes(batch, n, d, seed=0):
    rng = np.random.default_rng(seed)
    xs = rng.standard_normal((batch, n, d)).astype(np.float32)
    ws = rng.standard_normal((batch, d)).astype(np.float32)
    ys = np.einsum('bnd,bd->bn', xs, ws).astype(np.float32)
    return xs, ys


def ridge_prefixes(xs, ys, lam):
    x = xs.astype(np.float64)
    y = ys.astype(np.float64)
    batch, n, d = x.shape
    outer = np.einsum('bni,bnj->bnij', x, x)
    gram = np.cumsum(outer, axis=1) - outer  # pairs 0 … k-1 only
    moment = np.cumsum(x * y[..., None], axis=1) - x * y[..., None]
    gram += lam * np.eye(d)
    w = np.linalg.solve(gram, moment[..., None])[..., 0]
    return np.einsum('bnd,bnd->bn', w, x).astype(np.float32)


def least_squares_prefixes(xs, ys):
    x = xs.astype(np.float64)
    y = ys.astype(np.float64)
    batch, n, d = x.shape
    predictions = np.zeros((batch, n), dtype=np.float32)
    for k in range(1, n):
        w = np.einsum('bdk,bk->bd', np.linalg.pinv(x[:, :k, :]), y[:, :k])
        predictions[:, k] = np.einsum('bd,bd->b', w, x[:, k, :])
    return predictions


def rate(function, seconds):
    """Best predictions/s over repeated calls, by the wall clock and by the process's CPU clock."""
    function()  # warm-up
    best_wall = 0.0
    best_cpu = 0.0
    deadline = time.perf_counter() + seconds
    while True:
        start = time.perf_counter()
        start_cpu = time.process_time()
        function()
        elapsed = time.perf_counter() - start
        elapsed_cpu = time.process_time() - start_cpu
        best_wall = max(best_wall, BATCH * PAIRS / elapsed)
        if elapsed_cpu > 0:
            best_cpu = max(best_cpu, BATCH * PAIRS / elapsed_cpu)
        if time.perf_counter() > deadline:
            return best_wall, best_cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--d', type=int, nargs='+', default=[8, 20])
    parser.add_argument('--seconds', type=float, default=3.0, help='measuring time per case')
    arguments = parser.parse_args()
    print(f'numpy {np.__version__}, python {platform.python_version()}, {os.cpu_count()} CPUs, '
          f'B = {BATCH}, n = {PAIRS}; best of repeated runs over {arguments.seconds} s')
    for d in arguments.d:
        xs, ys = episodes(BATCH, PAIRS, d)
        for name, function in ((f'ridge:lambda={LAMBDA}', lambda: ridge_prefixes(xs, ys, LAMBDA)),
                               ('ols (pinv)', lambda: least_squares_prefixes(xs, ys))):
            wall, cpu = rate(function, arguments.seconds)
            print(f'{name:17} d={d:<2} {wall / 1e6:8.3f} million prefix predictions/s (wall clock), '
                  f'{cpu / 1e6:8.3f} per CPU-second (all threads)')


if __name__ == '__main__':
    main()
