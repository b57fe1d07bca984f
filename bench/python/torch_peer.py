"""A plain PyTorch eager trainer of the same transformer as icl4j's `train`, for per-update timing.

Architecture as docs/MODEL.md: tokens [0, x] and [y, 0…0] interleaved (2n − 1 per episode), a linear input
embedding plus learned positions, L blocks (pre-LN: h += Attn(LN1(h)); h += MLP(LN2(h)), a final LN; or the
authors' block: x = LN1(h); x += Attn(x); x = LN2(x); h' = x + MLP(x)), causal multi-head attention, MLP with
the tanh GeLU (or the exact one), a linear readout; loss: mean squared error at the x tokens; AdamW(0.9, 0.98, 1e-9), gradient-norm
clipping at 1; each update draws a fresh batch of noiseless linear-regression episodes (x, w ~ N(0, I)).

Usage: python3 torch_peer.py --updates U [--d 4 --pairs 16 --layers 4 --hidden 64 --heads 4 --mlp 256
       --batch 64 --block pre-ln --activation gelu-tanh --threads 1]
Prints one line: "updates U seconds S" (the training loop only, after model construction and one warm-up update).
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, hidden, heads, mlp, pre_ln, approximate):
        super().__init__()
        self.heads = heads
        self.approximate = approximate
        self.pre_ln = pre_ln
        self.norm1 = nn.LayerNorm(hidden)
        self.norm2 = nn.LayerNorm(hidden)
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.output = nn.Linear(hidden, hidden)
        self.fc1 = nn.Linear(hidden, mlp)
        self.fc2 = nn.Linear(mlp, hidden)

    def attention(self, x, mask):
        b, t, h = x.shape
        size = h // self.heads
        q = self.query(x).view(b, t, self.heads, size).transpose(1, 2)
        k = self.key(x).view(b, t, self.heads, size).transpose(1, 2)
        v = self.value(x).view(b, t, self.heads, size).transpose(1, 2)
        scores = q @ k.transpose(2, 3) / math.sqrt(size) + mask
        out = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, h)
        return self.output(out)

    def mlp(self, x):
        return self.fc2(F.gelu(self.fc1(x), approximate=self.approximate))

    def forward(self, h, mask):
        if self.pre_ln:
            h = h + self.attention(self.norm1(h), mask)
            return h + self.mlp(self.norm2(h))
        x = self.norm1(h)
        x = x + self.attention(x, mask)
        x = self.norm2(x)
        return x + self.mlp(x)


class Model(nn.Module):
    def __init__(self, d, pairs, layers, hidden, heads, mlp, pre_ln, approximate="tanh"):
        super().__init__()
        self.input = nn.Linear(d + 1, hidden)
        self.position = nn.Embedding(2 * pairs - 1, hidden)
        self.blocks = nn.ModuleList(Block(hidden, heads, mlp, pre_ln, approximate) for _ in range(layers))
        self.final_norm = nn.LayerNorm(hidden) if pre_ln else None
        self.readout = nn.Linear(hidden, 1)

    def forward(self, tokens, mask):
        t = tokens.shape[1]
        h = self.input(tokens) + self.position.weight[:t]
        for block in self.blocks:
            h = block(h, mask)
        if self.final_norm is not None:
            h = self.final_norm(h)
        return self.readout(h).squeeze(-1)


def episodes(generator, batch, pairs, d):
    x = torch.randn(batch, pairs, d, generator=generator)
    w = torch.randn(batch, d, 1, generator=generator)
    y = (x @ w).squeeze(-1)
    tokens = torch.zeros(batch, 2 * pairs, d + 1)
    tokens[:, 0::2, 1:] = x
    tokens[:, 1::2, 0] = y
    return tokens[:, :-1], y


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, required=True)
    parser.add_argument("--d", type=int, default=4)
    parser.add_argument("--pairs", type=int, default=16)
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--mlp", type=int, default=256)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--block", choices=["pre-ln", "authors"], default="pre-ln")
    parser.add_argument("--activation", choices=["gelu-tanh", "gelu"], default="gelu-tanh")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    model = Model(args.d, args.pairs, args.layers, args.hidden, args.heads, args.mlp, args.block == "pre-ln",
                  "tanh" if args.activation == "gelu-tanh" else "none")
    optimiser = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.98), eps=1e-9, weight_decay=0.0)
    t = 2 * args.pairs - 1
    mask = torch.full((t, t), float("-inf")).triu(1)

    def update():
        tokens, y = episodes(generator, args.batch, args.pairs, args.d)
        loss = (model(tokens, mask)[:, 0::2] - y).square().mean()
        optimiser.zero_grad(set_to_none=False)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        return loss.item()

    loss = update()
    start = time.perf_counter()
    for _ in range(args.updates):
        loss = update()
    seconds = time.perf_counter() - start
    print(f"updates {args.updates} seconds {seconds:.4f} loss {loss:.4f}")


if __name__ == "__main__":
    main()
