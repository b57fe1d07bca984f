"""Independent re-implementation of the `linear` task's documented sampling (docs/ALGORITHMS.md), used to derive
the expected values of GaussianLinearRegressionTaskTest.matchesTheDocumentedSamplingAlgorithm.

Run: python3 algorithms/src/test/python/linear_task_reference.py
"""
import math
import struct

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class Rng:
    """SplitMix64 stream; Box-Muller Gaussians, cosine first (org.icl4j.api.Rng)."""

    def __init__(self, seed):
        self.state = seed & MASK
        self.spare = None

    @staticmethod
    def of(seed, stream):
        return Rng(mix((seed ^ mix((stream + GAMMA) & MASK)) & MASK))

    def next_long(self):
        self.state = (self.state + GAMMA) & MASK
        return mix(self.state)

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53

    def next_gaussian(self):
        if self.spare is not None:
            value, self.spare = self.spare, None
            return value
        u1 = 1.0 - self.next_double()
        u2 = self.next_double()
        radius = math.sqrt(-2.0 * math.log(u1))
        angle = 2.0 * math.pi * u2
        self.spare = radius * math.sin(angle)
        return radius * math.cos(angle)


def f32(value):
    return struct.unpack('f', struct.pack('f', value))[0]


def signed(value):
    return value - (1 << 64) if value >= 1 << 63 else value


def sample(d, n, batch, noise, seed, x_shift=0.0, x_scale=1.0, w_shift=0.0, tau=1.0):
    base = signed(Rng(seed).next_long())
    xs, ys, ws = [], [], []
    for b in range(batch):
        r = Rng.of(base & MASK, b)
        r.next_double()  # w component (no mixture)
        w = [f32(w_shift + tau * r.next_gaussian()) for _ in range(d)]
        r.next_double()  # x component (no mixture)
        x = [f32(x_shift + x_scale * r.next_gaussian()) for _ in range(n * d)]
        y = []
        for k in range(n):
            total = 0.0
            for j in range(d):
                total += w[j] * x[k * d + j]
            y.append(f32(total + noise * r.next_gaussian()))
        ws += w
        xs += x
        ys += y
    return xs, ys, ws


if __name__ == '__main__':
    xs, ys, ws = sample(d=2, n=3, batch=2, noise=0.5, seed=42)
    for name, values in (('xs', xs), ('ys', ys), ('ws', ws)):
        print(name, ', '.join(repr(v) + 'f' for v in values))
