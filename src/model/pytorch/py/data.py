import argparse
import json
import math
import os
import struct
import sys
import time

try:
    import torch
    import torch.distributed as dist
    import torch.nn.functional as F
    from torch import nn
except ImportError:
    sys.stderr.write("this script needs PyTorch: pip install torch (or Debian's python3-torch)\n")
    sys.exit(2)

# The engine's constants (src/model/engine/constants.ts, data/planar.ts, data/digits.ts), written
# in from the engine's own values when the script is made (src/model/pytorch/script.ts).
BN_EPSILON = {{BN_EPSILON}}
MOMENTUM = {{MOMENTUM}}
ADAM_BETAS = ({{ADAM_BETA1}}, {{ADAM_BETA2}})
ADAM_EPSILON = {{ADAM_EPSILON}}  # the engine sets it explicitly: tfjs's default differs by backend
PLANAR_TRAIN_SIZE, PLANAR_TEST_SIZE = {{PLANAR_TRAIN_SIZE}}, {{PLANAR_TEST_SIZE}}
PLANAR_NOISE = {{PLANAR_NOISE}}
DIGITS_PIXELS, DIGITS_COUNT = {{DIGITS_PIXELS}}, {{DIGITS_COUNT}}
DIGITS_TEST_FRACTION = {{DIGITS_TEST_FRACTION}}
M32 = 0xFFFFFFFF

# The experiment this script was made for, and the engine's field rules and defaults, as the
# page and the CLI have them (src/model/engine/config.ts). Every run starts from CONFIG.
CONFIG = json.loads(r"""{{CONFIG}}""")
DEFAULT_CONFIG = json.loads(r"""{{DEFAULT_CONFIG}}""")
FIELD_RULES = json.loads(r"""{{FIELD_RULES}}""")


class UsageError(Exception):
    """Bad input (config, flags or replicate folder): one line on stderr, exit code 2."""


# ---------------------------------------------------------------------------------------------
# The config: the same fields, defaults and rules as the engine's (src/model/engine/config.ts).


def _js_number(v):
    """A number as JavaScript's String() writes it (1, not 1.0), so messages match the engine's."""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e21:
        return str(int(v))
    return repr(v)


def _show(value):
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 40 else value[:40] + "...")
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return _js_number(value)
    return "an array" if isinstance(value, list) else "an object"


def _allowed(rule):
    if rule["kind"] == "enum":
        one = "one of " + ", ".join('"%s"' % v for v in rule["values"])
        return one + ", or a list of those with one per block" if rule.get("perBlock") else one
    if rule["kind"] == "int":
        return "an integer from %s to %s" % (_js_number(rule["min"]), _js_number(rule["max"]))
    lower = ("above %s" if rule.get("minExclusive") else "from %s") % _js_number(rule["min"])
    return "a number %s up to %s" % (lower, _js_number(rule["max"]))


def _accepts(rule, value):
    if rule["kind"] == "enum":
        if rule.get("perBlock") and isinstance(value, list):
            return len(value) > 0 and all(isinstance(v, str) and v in rule["values"] for v in value)
        return isinstance(value, str) and value in rule["values"]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return False
    if rule["kind"] == "int" and not float(value).is_integer():
        return False
    above = value > rule["min"] if rule.get("minExclusive") else value >= rule["min"]
    return above and value <= rule["max"]


def parse_config(raw):
    """A complete, valid config from 'raw' (defaults filled in), as the engine's parseConfig.

    Raises UsageError naming every bad or unknown field, its value and what is allowed.
    """
    if not isinstance(raw, dict):
        raise UsageError("invalid config: config must be a JSON object, got %s" % _show(raw))
    problems, out = [], dict(DEFAULT_CONFIG)
    for key, value in raw.items():
        rule = FIELD_RULES.get(key)
        if rule is None:
            problems.append('unknown field "%s" (known: %s)' % (key, ", ".join(FIELD_RULES)))
        elif not _accepts(rule, value):
            problems.append("%s is %s, allowed: %s" % (key, _show(value), _allowed(rule)))
        else:
            out[key] = int(value) if rule["kind"] == "int" else value
    skip = out["skip"]
    if not problems and isinstance(skip, list):
        if len(skip) != out["blocks"]:
            problems.append("skip has %d %s, allowed: one per block (%d)"
                            % (len(skip), "entry" if len(skip) == 1 else "entries", out["blocks"]))
        elif all(s == skip[0] for s in skip):
            out["skip"] = skip[0]  # one spelling per net, as the engine's parseConfig
    if problems:
        raise UsageError("invalid config: " + "; ".join(problems))
    return out


def skip_at(cfg, index):
    """The shortcut of block 'index' (0-based), as the engine's skipAt."""
    skip = cfg["skip"]
    return skip if isinstance(skip, str) else skip[index]


# ---------------------------------------------------------------------------------------------
# Seeded random numbers, bit for bit the engine's (src/model/engine/rng.ts): the same seed gives the
# same data set, initial weights and batch order as the page and the CLI.


def _imul(a, b):
    return (a * b) & M32  # Math.imul, on unsigned 32-bit values


def mulberry32(seed):
    """A generator of uniform numbers in [0, 1) (mulberry32, as the engine)."""
    state = [seed & M32]

    def rng():
        a = state[0] = (state[0] + 0x6D2B79F5) & M32
        t = _imul(a ^ (a >> 15), a | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & M32
        return (t ^ (t >> 14)) / 4294967296.0

    return rng


def derive_seed(seed, name):
    """The 32-bit seed of the named stream (FNV-1a over the name, mixed with the run's seed)."""
    h = (0x811C9DC5 ^ seed) & M32
    for ch in name:
        h = _imul(h ^ ord(ch), 0x01000193)
    h ^= h >> 16
    h = _imul(h, 0x85EBCA6B)
    return h ^ (h >> 13)


def stream_rng(seed, name):
    return mulberry32(derive_seed(seed, name))


def f32(v):
    """v rounded to float32, as a store into a Float32Array does."""
    return struct.unpack("f", struct.pack("f", v))[0]


def normal_value(rng, std):
    """normalArray(rng, 1, std)[0]: one Box-Muller pair drawn, its cosine half kept."""
    r = math.sqrt(-2 * math.log(1 - rng()))
    theta = 2 * math.pi * rng()
    return f32(r * math.cos(theta) * std)


def permutation(rng, n):
    """A Fisher-Yates permutation of 0 ... n-1, the engine's."""
    p = list(range(n))
    for i in range(n - 1, 0, -1):
        j = math.floor(rng() * (i + 1))
        p[i], p[j] = p[j], p[i]
    return p


def _imul_t(a, b):
    # Math.imul on int64 tensors of unsigned 32-bit values, in 16-bit halves so that no
    # product overflows 64 bits.
    return (a * (b & 0xFFFF) + (((a * (b >> 16)) & 0xFFFF) << 16)) & M32


def normal_streams(seeds, count, std):
    """normalArray(streamRng(...), count, std) for many streams at once: [len(seeds), count].

    The streams are advanced together with tensor ops (one step of each per iteration), which
    makes a 500-block net's initial weights take seconds rather than minutes in Python.
    """
    pairs = (count + 1) // 2
    a = torch.tensor(seeds, dtype=torch.int64)
    u = torch.empty((len(seeds), 2 * pairs), dtype=torch.float64)
    for i in range(2 * pairs):
        a = (a + 0x6D2B79F5) & M32
        t = _imul_t(a ^ (a >> 15), a | 1)
        t = t ^ ((t + _imul_t(t ^ (t >> 7), t | 61)) & M32)
        u[:, i] = (t ^ (t >> 14)).double() / 4294967296.0
    r = torch.sqrt(-2 * torch.log(1 - u[:, 0::2]))
    theta = 2 * math.pi * u[:, 1::2]
    pair = torch.stack([r * torch.cos(theta) * std, r * torch.sin(theta) * std], dim=2)
    return pair.reshape(len(seeds), 2 * pairs)[:, :count].float()


# ---------------------------------------------------------------------------------------------
# Data sets (src/model/data): the planar sets drawn from the seed, the digits read from
# digits.bin; features float32 [rows, inputDim], labels int64 [rows].


def _planar_point(name, rng, label, noise):
    if name == "spiral":
        t = rng()
        r = 0.08 + 0.92 * t
        angle = 1.75 * 2 * math.pi * t + label * math.pi
        return r * math.sin(angle) + noise(), r * math.cos(angle) + noise()
    if name == "circles":
        r = 0.5 * math.sqrt(rng()) if label == 0 else 0.7 + 0.3 * rng()
        angle = 2 * math.pi * rng()
        return r * math.sin(angle) + noise(), r * math.cos(angle) + noise()
    if name == "xor":
        a = 0.05 + 0.95 * rng()
        b = 0.05 + 0.95 * rng()
        sx = -1 if rng() < 0.5 else 1
        sy = sx if label == 0 else -sx
        return sx * a + noise(), sy * b + noise()
    t = math.pi * rng()  # moons
    x, y = (math.cos(t), math.sin(t)) if label == 0 else (1 - math.cos(t), 0.5 - math.sin(t))
    return (x - 0.5) / 1.5 + noise(), (y - 0.25) / 1.5 + noise()


def _planar_split(name, count, rng):
    std = PLANAR_NOISE[name]
    xs, ys = [], []
    for i in range(count):
        label = i % 2  # balanced classes, interleaved
        xs.append(_planar_point(name, rng, label, lambda: normal_value(rng, std)))
        ys.append(label)
    return torch.tensor(xs, dtype=torch.float32), torch.tensor(ys, dtype=torch.int64)


def _digits(seed, path):
    if not path or not os.path.isfile(path):
        raise UsageError(
            "the digits data set needs digits.bin (public/data/digits.bin in the Residual "
            "repository): pass --digits PATH"
        )
    with open(path, "rb") as f:
        raw = f.read()
    record = DIGITS_PIXELS + 1
    if len(raw) != DIGITS_COUNT * record:
        raise UsageError("%s has %d bytes, expected %d" % (path, len(raw), DIGITS_COUNT * record))
    table = torch.tensor(list(raw), dtype=torch.float32).reshape(DIGITS_COUNT, record)
    x, y = table[:, :DIGITS_PIXELS] / 16, table[:, DIGITS_PIXELS].long()
    order = torch.tensor(permutation(stream_rng(seed, "data/digits/split"), DIGITS_COUNT))
    n_test = math.floor(DIGITS_COUNT * DIGITS_TEST_FRACTION + 0.5)  # Math.round
    test, train = order[:n_test], order[n_test:]
    return {"name": "digits", "inputDim": DIGITS_PIXELS, "numClasses": 10,
            "trainX": x[train], "trainY": y[train], "testX": x[test], "testY": y[test]}


def make_dataset(cfg, digits_path=None):
    """The engine's data set for cfg["dataset"] and cfg["seed"]."""
    name, seed = cfg["dataset"], cfg["seed"]
    if name == "digits":
        return _digits(seed, digits_path)
    train_rng, test_rng = (stream_rng(seed, "data/%s/%s" % (name, s)) for s in ("train", "test"))
    train_x, train_y = _planar_split(name, PLANAR_TRAIN_SIZE, train_rng)
    test_x, test_y = _planar_split(name, PLANAR_TEST_SIZE, test_rng)
    return {"name": name, "inputDim": 2, "numClasses": 2,
            "trainX": train_x, "trainY": train_y, "testX": test_x, "testY": test_y}


class BatchSampler:
    """The engine's batch order (src/model/engine/batches.ts): seeded permutations cut into batches."""

    def __init__(self, seed, size, batch_size):
        self.rng = stream_rng(seed, "batches")
        self.size, self.batch_size = size, batch_size
        self.order, self.pos = permutation(self.rng, size), 0

    def next(self):
        out = []
        for _ in range(self.batch_size):
            if self.pos == self.size:
                self.order, self.pos = permutation(self.rng, self.size), 0
            out.append(self.order[self.pos])
            self.pos += 1
        return out
