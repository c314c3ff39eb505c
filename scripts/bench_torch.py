"""PyTorch reference for `npm run bench`: the engine's pre-activation MLP (docs/design.md) trained
with Adam on the CPU, timed the same way (median of 5 runs of 20 steps after 5 warm-up steps).

Usage: python3 scripts/bench_torch.py BLOCKS SKIP(identity|none) [THREADS]
Prints one JSON object: {"msPerStep": …, "msPerStepWithNorms": …, "torch": version, "threads": n}.
"""
import json
import statistics
import sys
import time

import torch
from torch import nn

BLOCKS = int(sys.argv[1])
SKIP = sys.argv[2]
THREADS = int(sys.argv[3]) if len(sys.argv) > 3 else 1
WIDTH, BATCH, IN_DIM, CLASSES = 32, 128, 2, 2
torch.set_num_threads(THREADS)
torch.manual_seed(1)


class Block(nn.Module):
    """x + W2·relu(BN(W1·relu(BN(x)))), or without the shortcut."""

    def __init__(self):
        super().__init__()
        self.bn1 = nn.BatchNorm1d(WIDTH)
        self.dense1 = nn.Linear(WIDTH, WIDTH, bias=False)
        self.bn2 = nn.BatchNorm1d(WIDTH)
        self.dense2 = nn.Linear(WIDTH, WIDTH)

    def forward(self, x):
        f = self.dense2(torch.relu(self.bn2(self.dense1(torch.relu(self.bn1(x))))))
        return x + f if SKIP == "identity" else f


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Linear(IN_DIM, WIDTH)
        self.blocks = nn.Sequential(*[Block() for _ in range(BLOCKS)])
        self.final = nn.BatchNorm1d(WIDTH)
        self.head = nn.Linear(WIDTH, CLASSES)

    def forward(self, x):
        return self.head(torch.relu(self.final(self.blocks(self.stem(x)))))


net = Net().train()
opt = torch.optim.Adam(net.parameters(), lr=0.01, eps=1e-7)
kernels = [m.weight for m in net.modules() if isinstance(m, nn.Linear)]
data_x = torch.randn(1000, IN_DIM)
data_y = torch.randint(0, CLASSES, (1000,))


def step(with_norms):
    idx = torch.randint(0, 1000, (BATCH,))
    opt.zero_grad(set_to_none=True)
    loss = nn.functional.cross_entropy(net(data_x[idx]), data_y[idx])
    loss.backward()
    if with_norms:
        norms = torch.stack([k.grad.norm() for k in kernels])
    opt.step()
    return (norms.tolist(), loss.item()) if with_norms else loss.item()


def timed(with_norms):
    for _ in range(5):
        step(with_norms)
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(20):
            step(with_norms)
        runs.append((time.perf_counter() - t0) * 1000 / 20)
    return statistics.median(runs)


print(json.dumps({
    "msPerStep": round(timed(False), 3),
    "msPerStepWithNorms": round(timed(True), 3),
    "torch": torch.__version__,
    "threads": THREADS,
}))
