#!/usr/bin/python3
"""One timed PyTorch block for bench/run: the twin of the Java class a2.bench.Throughput.

Builds the network of a2.model.Networks (recipe cifar10-a2-supervised) in PyTorch, reads the same synthetic batch
file the DL4J side reads (format: a2.bench.SyntheticBatches), runs untimed warm-up steps, then timed steps until
both --min-seconds and --min-steps are reached, and prints one JSON line with the keys of a2.bench.Block.

Runs under /usr/bin/python3 (Debian's python3-torch 1.13 is installed for the system interpreter only).

  torch_block.py --info                      print torch.__config__.show() and parallel_info()
  torch_block.py --batches F --mode train|infer --threads N [--batch 64] [--warmup 3] [--min-seconds 8]
                 [--min-steps 5] [--max-steps 100000] [--rep R] [--profile]
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

MAGIC = b"A2BENCH1"
HEADER_BYTES = 8 + 4 * 4

# The recipe's network (resources/recipes/experiments/cifar10-a2-supervised.json), as a2.model.Networks builds it.
WIDTHS = (32, 64, 128)
CONVS_PER_STAGE = 2
DROPOUT = 0.3  # probability of DROPPING (PyTorch's convention; DL4J is given 1 - 0.3)
LEARNING_RATE = 0.05
MOMENTUM = 0.9
WEIGHT_DECAY = 5e-4


class Net(nn.Module):
    """Per stage 2x [conv3x3 no bias -> BatchNorm -> ReLU]; 2x2 max pool between stages; GAP; dropout; linear.

    DL4J equivalences: ConvolutionMode.Same with a 3x3 kernel is padding 1; its 2x2/2 "Same" max pool rounds the
    output side up (ceil_mode); BatchNormalization's defaults are eps 1e-5 and decay 0.9 (PyTorch momentum 0.1);
    the softmax output layer with MCXENT loss is a linear layer plus cross-entropy on the logits.
    """

    def __init__(self, classes):
        super().__init__()
        layers, cin = [], 3
        for s, width in enumerate(WIDTHS):
            if s > 0:
                layers.append(nn.MaxPool2d(2, 2, ceil_mode=True))
            for _ in range(CONVS_PER_STAGE):
                layers += [nn.Conv2d(cin, width, 3, padding=1, bias=False),
                           nn.BatchNorm2d(width, eps=1e-5, momentum=0.1),
                           nn.ReLU()]
                cin = width
        self.features = nn.Sequential(*layers)
        self.dropout = nn.Dropout(DROPOUT)
        self.out = nn.Linear(cin, classes)

    def forward(self, x):
        x = self.features(x).mean(dim=(2, 3))  # global average pooling
        return self.out(self.dropout(x))


def optimizer(net):
    """Nesterov SGD; L2 on conv and linear weights only, like DL4J's l2 (not on biases or batch-norm parameters)."""
    decay = [p for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear)) for n, p in m.named_parameters(recurse=False) if n == "weight"]
    ids = {id(p) for p in decay}
    rest = [p for p in net.parameters() if id(p) not in ids]
    return torch.optim.SGD([{"params": decay, "weight_decay": WEIGHT_DECAY}, {"params": rest, "weight_decay": 0.0}],
                           lr=LEARNING_RATE, momentum=MOMENTUM, nesterov=True)


def read_batches(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < HEADER_BYTES or data[:8] != MAGIC:
        sys.exit(f"{path}: not a benchmark batch file (expected magic {MAGIC!r})")
    count, channels, side, classes = np.frombuffer(data, "<i4", 4, 8)
    expected = HEADER_BYTES + 4 * count * channels * side * side + 4 * count
    if channels != 3 or len(data) != expected:
        sys.exit(f"{path}: expected {expected} bytes for {count} images of {channels}x{side}x{side}, found {len(data)}")
    x = np.frombuffer(data, "<f4", count * 3 * side * side, HEADER_BYTES).reshape(count, 3, side, side)
    y = np.frombuffer(data, "<i4", count, HEADER_BYTES + 4 * x.size)
    return int(side), int(classes), torch.from_numpy(x.copy()), torch.from_numpy(y.astype(np.int64))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--info", action="store_true")
    ap.add_argument("--batches")
    ap.add_argument("--mode", choices=["train", "infer"])
    ap.add_argument("--threads", type=int)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--min-seconds", type=float, default=8)
    ap.add_argument("--min-steps", type=int, default=5)
    ap.add_argument("--max-steps", type=int, default=100000)
    ap.add_argument("--rep", type=int, default=0)
    ap.add_argument("--profile", action="store_true", help="also print torch.profiler's operator table to stderr")
    a = ap.parse_args()
    if a.info:
        print(torch.__config__.show())
        print(torch.__config__.parallel_info())
        print("torch", torch.__version__, "mkldnn available:", torch.backends.mkldnn.is_available(),
              "enabled:", torch.backends.mkldnn.enabled)
        return
    if not (a.batches and a.mode and a.threads):
        ap.error("--batches, --mode and --threads are required")
    if os.environ.get("OMP_NUM_THREADS") != str(a.threads):
        sys.exit(f"OMP_NUM_THREADS is {os.environ.get('OMP_NUM_THREADS')} but --threads is {a.threads}")
    torch.set_num_threads(a.threads)
    torch.manual_seed(1008)

    side, classes, x_all, y_all = read_batches(a.batches)
    if not 1 <= a.batch <= len(y_all):
        sys.exit(f"batch size must be in 1..{len(y_all)}")
    n = len(y_all) // a.batch
    batches = [(x_all[b * a.batch:(b + 1) * a.batch].contiguous(), y_all[b * a.batch:(b + 1) * a.batch].contiguous())
               for b in range(n)]
    net = Net(classes)
    loss_fn = nn.CrossEntropyLoss()
    opt = optimizer(net)

    if a.mode == "train":
        net.train()

        def step(i):
            x, y = batches[i % n]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
    else:
        net.eval()

        def step(i):
            with torch.inference_mode():
                torch.softmax(net(batches[i % n][0]), dim=1)  # DL4J's output() returns probabilities

    for i in range(a.warmup):
        step(i)
    times = []
    total = 0.0
    i = 0
    while i < a.max_steps and (i < a.min_steps or total < a.min_seconds):
        t0 = time.perf_counter()
        step(a.warmup + i)
        dt = time.perf_counter() - t0
        times.append(dt)
        total += dt
        i += 1
    if a.profile:
        from torch.profiler import ProfilerActivity, profile
        with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
            for j in range(3):
                step(j)
        print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=25), file=sys.stderr)
        # Per layer: the same operators split by input shape (each convolution has its own), to set beside DL4J's
        # per-layer table of `bench/run profile`.
        print(prof.key_averages(group_by_input_shape=True).table(sort_by="self_cpu_time_total", row_limit=40),
              file=sys.stderr)
    print(json.dumps({
        "framework": "pytorch", "variant": "default", "size": side, "mode": a.mode, "batch": a.batch,
        "threads": a.threads, "rep": a.rep, "warmupSteps": a.warmup, "steps": len(times), "seconds": total,
        "imagesPerSecond": len(times) * a.batch / total, "stepMsMedian": statistics.median(times) * 1e3,
        "gcSeconds": 0.0,
        "build": f"torch {torch.__version__} mkldnn={'on' if torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled else 'off'}",
    }))


if __name__ == "__main__":
    main()
