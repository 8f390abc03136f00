#!/usr/bin/python3
"""One timed PyTorch block for bench/run: the twin of the Java class a2.bench.Throughput.

Builds the network of a2.model.Networks in PyTorch (--net vgg: recipe cifar10-a2-supervised; --net airbench: recipe
cifar10-a2-airbench-teacher, a2.model.AirbenchNetwork), reads the same synthetic batch file the DL4J side reads
(format: a2.bench.SyntheticBatches), runs untimed warm-up steps, then timed steps until both --min-seconds and
--min-steps are reached, and prints one JSON line with the keys of a2.bench.Block. With --channels-last the model and
the batches are in PyTorch's channels_last memory format (variant "channels-last"), else NCHW (variant "default").

Runs under /usr/bin/python3 (Debian's python3-torch 1.13 is installed for the system interpreter only).

  torch_block.py --info                      print torch.__config__.show() and parallel_info()
  torch_block.py --params [--net airbench]   print the network's parameter count, also as DL4J counts it
  torch_block.py --batches F --mode train|infer --threads N [--net vgg|airbench|airbench-gelu] [--channels-last] [--batch 64]
                 [--warmup 3] [--min-seconds 8] [--min-steps 5] [--max-steps 100000] [--rep R] [--profile]
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


# airbench's network as the recipe cifar10-a2-airbench-teacher has a2.model.AirbenchNetwork build it.
AIRBENCH_WIDTHS = (32, 128, 128)
AIRBENCH_SIDE = 32  # the recipe's input size, the only one timed
WHITENING_PATCH = 2  # a2.train.RunSetup.WHITENING_PATCH
WHITENING_EPS = 5e-4  # a2.model.PatchWhitening.EPS
AIRBENCH_BN_EPS = 1e-12
AIRBENCH_BN_MOMENTUM = 0.4  # DL4J's decay 0.6 is the OLD value's weight; PyTorch's momentum is the new value's
LOGIT_SCALE = 1 / 9
AIRBENCH_LEARNING_RATE = 0.375  # the triangle schedule's peak; the rate's value does not change a step's work
AIRBENCH_MOMENTUM = 0.85
AIRBENCH_WEIGHT_DECAY = 0.00133
SHIFT_RATE_SCALE = 64  # batch norm's shift learns at 64 times the rate, with L2 divided by 64
LABEL_SMOOTHING = 0.2


class AirbenchNet(nn.Module):
    """The frozen 2x2 whitening conv (3 -> 24, no padding) + GELU; per block conv3x3 -> MaxPool2d(2) -> BN -> GELU ->
    conv3x3 -> BN -> GELU; global max pool; times 1/9; linear without bias.

    DL4J equivalences: ActivationGELU(true) is libnd4j's "precise_gelu", the tanh form of GELU (not erf; libnd4j
    cubes 0.044715 x where the usual form has 0.044715 x^3, the same work), so GELU(approximate='tanh'); its 3x3
    ConvolutionMode.Same is padding 1; its 2x2/2 Truncate max pool rounds down like MaxPool2d(2) (31 -> 15 -> 7 -> 3);
    ShiftBatchNorm fixes the scale at 1 (weight.requires_grad False) and learns the shift; GlobalPoolingLayer(MAX) is
    amax over H, W (airbench's MaxPool2d(3) on the last 3x3 map); ScaleActivation(1/9) before the bias-free output
    layer. With --net airbench-gelu (model.activation "gelu", a2.model.layers.ErfGelu) the GELU is the exact one,
    GELU(approximate='none'). The whitening's kernel is frozen (an updater of rate 0 in DL4J) and its bias trains, in the recipe for the
    first 3/9.9 of the steps only; a block keeps it trainable throughout.
    """

    def __init__(self, classes, whitening, approximate="tanh"):
        super().__init__()
        cin = whitening.shape[0]
        self.white = nn.Conv2d(3, cin, WHITENING_PATCH, padding=0, bias=True)
        self.white.weight.data.copy_(whitening)
        self.white.weight.requires_grad_(False)
        nn.init.zeros_(self.white.bias)
        layers = [nn.GELU(approximate=approximate)]
        for width in AIRBENCH_WIDTHS:
            layers += [nn.Conv2d(cin, width, 3, padding=1, bias=False), nn.MaxPool2d(2),
                       shift_batch_norm(width), nn.GELU(approximate=approximate),
                       nn.Conv2d(width, width, 3, padding=1, bias=False),
                       shift_batch_norm(width), nn.GELU(approximate=approximate)]
            cin = width
        self.features = nn.Sequential(*layers)
        self.out = nn.Linear(cin, classes, bias=False)

    def forward(self, x):
        x = self.features(self.white(x)).amax(dim=(2, 3))  # global max pooling
        return self.out(x * LOGIT_SCALE)


def shift_batch_norm(width):
    """airbench's BatchNorm: scale fixed at 1, shift learned (a2.model.layers.ShiftBatchNorm)."""
    bn = nn.BatchNorm2d(width, eps=AIRBENCH_BN_EPS, momentum=AIRBENCH_BN_MOMENTUM)
    bn.weight.requires_grad_(False)
    return bn


def fit_whitening(x):
    """a2.model.PatchWhitening on these images: eigenvectors of the 2x2x3 patches' second moment, scaled by
    1/sqrt(lambda + eps), largest first, then their negatives; [24, 3, 2, 2]. The DL4J side fits its own on the same
    file (the values do not matter for timing; the shapes do)."""
    p = WHITENING_PATCH
    patches = np.lib.stride_tricks.sliding_window_view(x.numpy(), (p, p), axis=(2, 3))  # n, 3, h-1, w-1, p, p
    v = patches.transpose(0, 2, 3, 1, 4, 5).reshape(-1, 3 * p * p).astype(np.float64)
    values, vectors = np.linalg.eigh(v.T @ v / len(v))
    order = np.argsort(values)[::-1]
    w = (vectors[:, order] / np.sqrt(np.maximum(values[order], 0) + WHITENING_EPS)).T
    return torch.from_numpy(np.concatenate([w, -w]).reshape(-1, 3, p, p).astype(np.float32))


def dl4j_param_count(net):
    """What DL4J's numParams counts: every parameter, frozen ones included, and batch norm's running mean and
    variance (DL4J keeps them in the parameter vector; PyTorch in buffers)."""
    params = sum(p.numel() for p in net.parameters())
    stats = sum(m.running_mean.numel() + m.running_var.numel() for m in net.modules() if isinstance(m, nn.BatchNorm2d))
    return params, params + stats


def airbench_optimizer(net):
    """Nesterov SGD as AirbenchNetwork sets its updaters: L2 on the 3x3 and output weights and on the whitening's bias
    (DL4J l2 and l2Bias); batch norm's shifts at 64 times the rate with L2 / 64; frozen tensors take no update. The
    shifts' own rate changes the numbers, not the work."""
    shifts = [m.bias for m in net.modules() if isinstance(m, nn.BatchNorm2d)]
    ids = {id(p) for p in shifts}
    decay = [p for p in net.parameters() if p.requires_grad and id(p) not in ids]
    return torch.optim.SGD([{"params": decay, "weight_decay": AIRBENCH_WEIGHT_DECAY},
                            {"params": shifts, "lr": AIRBENCH_LEARNING_RATE * SHIFT_RATE_SCALE,
                             "weight_decay": AIRBENCH_WEIGHT_DECAY / SHIFT_RATE_SCALE}],
                           lr=AIRBENCH_LEARNING_RATE, momentum=AIRBENCH_MOMENTUM, nesterov=True)


def build(net_name, classes, x_all, channels_last=False):
    """The network (channels_last: converted to that memory format), its loss and its optimizer, made after the
    conversion so that it holds the converted parameters."""
    airbench = net_name in ("airbench", "airbench-gelu")
    approximate = "none" if net_name == "airbench-gelu" else "tanh"
    net = AirbenchNet(classes, fit_whitening(x_all), approximate) if airbench else Net(classes)
    if channels_last:
        net = net.to(memory_format=torch.channels_last)
    if airbench:
        return net, nn.CrossEntropyLoss(label_smoothing=LABEL_SMOOTHING), airbench_optimizer(net)
    return net, nn.CrossEntropyLoss(), optimizer(net)


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
    ap.add_argument("--params", action="store_true", help="print the network's parameter counts and exit")
    ap.add_argument("--net", choices=["vgg", "airbench", "airbench-gelu"], default="vgg")
    ap.add_argument("--channels-last", action="store_true",
                    help="model and batches in torch.channels_last memory format (variant channels-last)")
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
    if a.params:
        torch.manual_seed(1008)
        net, _, _ = build(a.net, 10, torch.randn(8, 3, AIRBENCH_SIDE, AIRBENCH_SIDE))
        params, dl4j = dl4j_param_count(net)
        trainable = sum(p.numel() for p in net.parameters() if p.requires_grad)
        print(f"{a.net}: {params} parameters ({trainable} trainable); with batch norm's running mean and variance, "
              f"as DL4J's numParams counts: {dl4j}")
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
    if a.net != "vgg" and side != AIRBENCH_SIDE:
        sys.exit(f"the airbench network is timed at {AIRBENCH_SIDE}x{AIRBENCH_SIDE} only (its recipe's input size); "
                 f"{a.batches} holds {side}x{side} images")
    n = len(y_all) // a.batch
    layout = torch.channels_last if a.channels_last else torch.contiguous_format
    batches = [(x_all[b * a.batch:(b + 1) * a.batch].contiguous(memory_format=layout),
                y_all[b * a.batch:(b + 1) * a.batch].contiguous()) for b in range(n)]
    net, loss_fn, opt = build(a.net, classes, x_all, a.channels_last)

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
        "framework": "pytorch", "variant": "channels-last" if a.channels_last else "default", "size": side,
        "mode": a.mode, "batch": a.batch,
        "threads": a.threads, "rep": a.rep, "warmupSteps": a.warmup, "steps": len(times), "seconds": total,
        "imagesPerSecond": len(times) * a.batch / total, "stepMsMedian": statistics.median(times) * 1e3,
        "gcSeconds": 0.0,
        "build": f"torch {torch.__version__} mkldnn={'on' if torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled else 'off'}",
    }))


if __name__ == "__main__":
    main()
