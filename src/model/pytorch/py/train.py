# ---------------------------------------------------------------------------------------------
# Training (src/model/engine/train.ts, experiment.ts), in one process or data-parallel under torchrun.


class Processes:
    """This process's place in a torchrun job (or the whole job when run plainly)."""

    def __init__(self, device_name):
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        local = int(os.environ.get("LOCAL_RANK", "0"))
        if device_name == "cuda" and not torch.cuda.is_available():
            raise UsageError('--device is "cuda" but PyTorch sees no CUDA device')
        cuda = device_name == "cuda"
        if cuda:
            # float32 products as the engine computes them, not TF32 (PyTorch's default since
            # 1.12 for matmul, set here for older and newer versions alike).
            torch.backends.cuda.matmul.allow_tf32 = False
        self.device = torch.device("cuda", local) if cuda else torch.device("cpu")
        self.group = None
        if self.world > 1:
            if cuda:
                torch.cuda.set_device(self.device)
            backend = "nccl" if cuda else "gloo"
            dist.init_process_group(backend)
            # Batch norm's all-reduces get their own group, so they never interleave with the
            # gradient all-reduces DistributedDataParallel issues during the same backward pass.
            self.group = dist.new_group(backend=backend)

    def share(self, batch_size):
        """The slice [lo, hi) of each global batch that this process trains on."""
        if batch_size < self.world:
            raise UsageError("batchSize is %d, smaller than the %d processes it is split across"
                             % (batch_size, self.world))
        size, extra = divmod(batch_size, self.world)
        lo = self.rank * size + min(self.rank, extra)
        return lo, lo + size + (1 if self.rank < extra else 0)

    def reduce(self, t):
        """Differentiable sum over processes (its gradient is the sum of the gradients)."""
        from torch.distributed.nn.functional import all_reduce
        return all_reduce(t, group=self.group)

    def close(self):
        if self.world > 1:
            dist.destroy_process_group()

    def total(self, t):
        """Sum over processes (in place; not differentiable)."""
        if self.world > 1:
            dist.all_reduce(t, group=self.group)
        return t

    def largest(self, t):
        """Element-wise maximum over processes (in place)."""
        if self.world > 1:
            dist.all_reduce(t, op=dist.ReduceOp.MAX, group=self.group)
        return t


def make_optimizer(cfg, params):
    """The engine's optimizers: plain SGD, SGD with momentum (tfjs's and PyTorch's updates are
    the same: v = MOMENTUM v + g, w -= lr v), and Adam with ADAM_BETAS and ADAM_EPSILON."""
    lr = cfg["learningRate"]
    if cfg["optimizer"] == "sgd":
        return torch.optim.SGD(params, lr=lr)
    if cfg["optimizer"] == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=MOMENTUM)
    return torch.optim.Adam(params, lr=lr, betas=ADAM_BETAS, eps=ADAM_EPSILON)


def _finite(values):
    return all(math.isfinite(v) for v in values)


def train(cfg, data, values, next_batch, steps, procs, every=1, log=None):
    """Trains like the engine's runExperiment and returns its result: config, layers, history
    (the metrics of every 'every'-th step, measured before that step's update) and final. Stops
    after the first recorded step whose loss or norms are not finite, as the engine does."""
    specs = param_specs(cfg, data["inputDim"], data["numClasses"])
    net = Net(cfg, specs, values).to(procs.device)
    rows = cfg["batchSize"]
    lo, hi = procs.share(rows)
    net.norm = batch_norm_rule(rows, procs.reduce if procs.world > 1 else None)
    model = net
    if procs.world > 1:
        ids = [procs.device.index] if procs.device.type == "cuda" else None
        model = nn.parallel.DistributedDataParallel(net, device_ids=ids, broadcast_buffers=False)
    data = {k: v.to(procs.device) if torch.is_tensor(v) else v for k, v in data.items()}
    kernels = net.kernels()
    optimizer = make_optimizer(cfg, net.parameters())
    history, diverged_at, done, started = [], None, 0, time.perf_counter()
    for step in range(steps):
        idx = torch.as_tensor(next_batch(step)[lo:hi], device=procs.device)
        x, y = data["trainX"][idx], data["trainY"][idx]
        measure = step % every == 0 or step == steps - 1
        optimizer.zero_grad(set_to_none=True)
        logits, xs = model(x)
        if measure:
            for v in xs:
                v.retain_grad()
        ce = F.cross_entropy(logits, y, reduction="sum")
        # Each process's share of the mean loss, times the process count: DDP averages the
        # gradients over processes, which gives the gradient of the mean over the global batch.
        (ce * (procs.world / rows)).backward()
        if measure:
            record = _measure(step, ce, logits, y, xs, kernels, rows, cfg["width"], procs)
            history.append(record)
        optimizer.step()
        done = step + 1
        if log and (step + 1) % log == 0 and procs.rank == 0:
            sys.stderr.write("step %d/%d, loss %.4f\n" % (step + 1, steps, history[-1]["loss"]))
        if measure and not record["finite"]:
            diverged_at = step
            break
    seconds = time.perf_counter() - started
    final = evaluate(net, data)
    final.update(diverged=diverged_at is not None, divergedAtStep=diverged_at, steps=done)
    kernel_names = set(net.kernel_names)
    layers = [{"name": n, "shape": s} for n, s in specs if n in kernel_names]
    result = {"config": dict(cfg, steps=steps), "layers": layers, "history": history,
              "final": final}
    return result, seconds


def _row_scales(rows):
    return rows.abs().amax(1).clamp(min=1e-30)


def scaled_norms(rows, scales=None):
    """The L2 norm of each row of [k, m], as the engine's rowNorms (packed-params.ts): each row
    divided by its largest entry before squaring, since squares of the vanishing gradients of
    deep plain nets (1e-30 and less) underflow float32 to 0."""
    scales = _row_scales(rows) if scales is None else scales
    return (rows / scales[:, None]).pow(2).sum(1).sqrt() * scales


def _measure(step, ce, logits, y, xs, kernels, rows, width, procs):
    """The engine's per-step record, over the global batch: loss, accuracy, every kernel's
    gradient norm, |dL/dx_l| and RMS of x_l for l = 0 ... n."""
    with torch.no_grad():
        g = [k.grad for k in kernels]  # complete on every process after DDP's all-reduce
        grad_norms = torch.cat([scaled_norms(g[0].reshape(1, -1)),
                                scaled_norms(torch.stack(g[1:-1]).reshape(len(g) - 2, -1)),
                                scaled_norms(g[-1].reshape(1, -1))])
        # x_l.grad holds world * dL/dx_l for this process's rows (see the loss scaling); each
        # x_l's rows are scaled by the largest entry over all processes, as rowNorms would.
        signal = torch.stack([v.grad.reshape(-1) / procs.world for v in xs])
        scales = procs.largest(_row_scales(signal))
        sums = torch.cat([
            torch.stack([ce.detach(), (logits.argmax(1) == y).sum().to(ce.dtype)]),
            (signal / scales[:, None]).pow(2).sum(1),
            torch.stack([v.detach().pow(2).sum() for v in xs]),
        ])
        sums = procs.total(sums)
        n = len(xs)
        v = torch.cat([sums[:2] / rows, grad_norms, sums[2:2 + n].sqrt() * scales,
                       (sums[2 + n:] / (rows * width)).sqrt()]).tolist()
    k = len(kernels)
    return {"step": step, "loss": v[0], "accuracy": v[1], "gradNorms": v[2:2 + k],
            "signalGradNorms": v[2 + k:2 + k + n], "activationNorms": v[2 + k + n:],
            "finite": _finite(v)}


def to_json(value):
    """JSON as the engine writes it: non-finite numbers become null."""
    def clean(v):
        if isinstance(v, float) and not math.isfinite(v):
            return None
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        return [clean(x) for x in v] if isinstance(v, list) else v
    return json.dumps(clean(value), indent=1)


def write_atomically(path, text):
    tmp = "%s.tmp-%d" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write(text + "\n")
    os.replace(tmp, path)
