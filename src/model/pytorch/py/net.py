# ---------------------------------------------------------------------------------------------
# Parameters and the network (src/model/engine/params.ts, network.ts). Kernels are [in, out] and a
# dense layer is y = x @ W (+ b), as in the engine, so exported weights load unchanged.


def param_specs(cfg, input_dim, classes):
    """(name, shape) of every parameter in the engine's creation order, also its export order.

    A dense layer has a bias only where no batch norm directly follows it.
    """
    specs, w = [], cfg["width"]
    bn, post = cfg["norm"] == "batch", cfg["order"] == "post"

    def dense(name, fan_in, fan_out, bias):
        specs.append((name + "/kernel", [fan_in, fan_out]))
        if bias:
            specs.append((name + "/bias", [fan_out]))

    def norm(name):
        if bn:
            specs.extend([(name + "/gamma", [w]), (name + "/beta", [w])])

    dense("stem", input_dim, w, not (bn and post))
    if post:
        norm("stem/bn")
    for b in range(1, cfg["blocks"] + 1):
        block = "block%d/" % b
        if post:
            dense(block + "dense1", w, w, not bn)
            norm(block + "bn1")
            dense(block + "dense2", w, w, not bn)
            norm(block + "bn2")
        else:
            norm(block + "bn1")
            dense(block + "dense1", w, w, not bn)
            norm(block + "bn2")
            dense(block + "dense2", w, w, True)
    if not post:
        norm("final/bn")
    dense("head", w, classes, True)
    return specs


def init_std(init, fan_in, fan_out):
    if init == "he":
        return math.sqrt(2 / fan_in)
    if init == "glorot":
        return math.sqrt(2 / (fan_in + fan_out))
    return 0.01  # small


def initial_values(cfg, specs):
    """The engine's initial parameters for cfg's seed: seeded normal kernels (one random stream
    per kernel name), zero biases and beta, gamma = 1."""
    values = {}
    by_shape = {}
    for name, shape in specs:
        if name.endswith("/kernel"):
            by_shape.setdefault(tuple(shape), []).append(name)
        else:
            values[name] = torch.full(shape, 1.0 if name.endswith("/gamma") else 0.0)
    for (fan_in, fan_out), names in by_shape.items():
        seeds = [derive_seed(cfg["seed"], name) for name in names]
        std = init_std(cfg["init"], fan_in, fan_out)
        drawn = normal_streams(seeds, fan_in * fan_out, std)
        for name, row in zip(names, drawn):
            values[name] = row.reshape(fan_in, fan_out)
    return [values[name] for name, _ in specs]


# The engine's activations (src/model/engine/activations.ts), written in from its table.
ACTIVATIONS = {{ACTIVATIONS}}


class Net(nn.Module):
    """The engine's MLP for one config. post (He et al. 2015): x' = act(x + s*BN(W2 act(BN(W1 x));
    pre (He et al. 2016): x' = x + s*W2 act(BN(W1 act(BN(x)))); plain nets drop "x +"."""

    def __init__(self, cfg, specs, values):
        super().__init__()
        self.cfg = cfg
        self.names = [name for name, _ in specs]
        self.params = nn.ParameterList([nn.Parameter(v.clone()) for v in values])
        blocks = ["block%d/dense%d/kernel" % (b, k)
                  for b in range(1, cfg["blocks"] + 1) for k in (1, 2)]
        self.kernel_names = ["stem/kernel"] + blocks + ["head/kernel"]
        self.norm = None  # set by the caller: the batch-norm rule of training mode

    def kernels(self):
        """The weight matrices whose gradient norms are reported: stem, blocks, head."""
        by_name = dict(zip(self.names, self.params))
        return [by_name[n] for n in self.kernel_names]

    def forward(self, x, norm=None):
        """Logits and [x_0 ... x_n] for x [rows, inputDim]. norm(v, gamma, beta, layer) is the
        batch-norm rule (training mode, self.norm, unless one is given)."""
        cfg, norm = self.cfg, norm or self.norm
        p = dict(zip(self.names, self.params))
        act = ACTIVATIONS[cfg["activation"]]
        post = cfg["order"] == "post"
        scale = cfg["branchScale"]

        def dense(v, name):
            y = v @ p[name + "/kernel"]
            bias = p.get(name + "/bias")
            return y if bias is None else y + bias

        def bn(v, name):
            gamma = p.get(name + "/gamma")
            return v if gamma is None else norm(v, gamma, p[name + "/beta"], name)

        x = act(bn(dense(x, "stem"), "stem/bn")) if post else dense(x, "stem")
        xs = [x]
        for b in range(1, cfg["blocks"] + 1):
            k = "block%d/" % b
            if post:
                f = bn(dense(act(bn(dense(x, k + "dense1"), k + "bn1")), k + "dense2"), k + "bn2")
            else:
                h = act(bn(dense(act(bn(x, k + "bn1")), k + "dense1"), k + "bn2"))
                f = dense(h, k + "dense2")
            if skip_at(cfg, b - 1) == "identity":  # a cut shortcut makes this block plain
                f = x + (f if scale == 1 else f * scale)
            x = act(f) if post else f
            xs.append(x)
        top = act(bn(x, "final/bn")) if not post else x
        return dense(top, "head"), xs


def batch_norm_rule(rows, reduce=None):
    """Training-mode batch norm: the batch's mean and biased variance over 'rows' rows, summed
    across processes by the differentiable 'reduce' when the batch is split between them."""

    def norm(x, gamma, beta, _layer):
        total = x.sum(0) if reduce is None else reduce(x.sum(0))
        centred = x - total / rows
        squares = (centred * centred).sum(0)
        var = (squares if reduce is None else reduce(squares)) / rows
        return centred * torch.rsqrt(var + BN_EPSILON) * gamma + beta

    return norm


def population_rule(stats, record):
    """Inference-mode batch norm with fixed statistics. With 'record', each layer's statistics
    are first taken from its own input (a training-mode pass over all rows) and stored."""

    def norm(x, gamma, beta, layer):
        if record:
            mean = x.mean(0)
            stats[layer] = (mean, ((x - mean) ** 2).mean(0))
        mean, var = stats[layer]
        return (x - mean) * torch.rsqrt(var + BN_EPSILON) * gamma + beta

    return norm


def evaluate(net, data):
    """Loss and accuracy on the whole training and test sets as the page evaluates: batch norm
    in inference mode with population statistics of the training set at the current weights."""
    with torch.no_grad():
        stats = {}
        train_logits, _ = net(data["trainX"], population_rule(stats, True))
        test_logits, _ = net(data["testX"], population_rule(stats, False))
        out = {}
        for split, logits in (("train", train_logits), ("test", test_logits)):
            y = data[split + "Y"]
            out[split + "Loss"] = F.cross_entropy(logits, y).item()
            out[split + "Accuracy"] = (logits.argmax(1) == y).float().mean().item()
        return out
