# ---------------------------------------------------------------------------------------------
# Replicate folders ('npm run experiment -- ... --export-replicate DIR'): config.json,
# params.json (initial parameters), data.json (train and test sets), batches.json (the batch
# indices of every step) and engine.json (the engine's own result, to compare with).


def _read_json(folder, name):
    path = os.path.join(folder, name)
    if not os.path.isfile(path):
        raise UsageError("replicate folder %s has no %s (make it with: npm run experiment -- "
                         "--config ... --export-replicate %s)" % (folder, name, folder))
    try:
        with open(path) as f:
            return json.load(f)
    except ValueError as e:
        raise UsageError("%s is not valid JSON: %s" % (path, e))


def _expect(ok, message):
    if not ok:
        raise UsageError(message)


def load_replicate(folder, cfg, steps=None):
    """The data, initial parameters and batch order of an exported engine run, checked against
    cfg: any field, parameter name or shape, data or batch size that differs is named. Without
    'steps', every exported batch is used."""
    _expect(os.path.isdir(folder), "replicate folder %s does not exist" % folder)
    theirs = parse_config(_read_json(folder, "config.json"))
    # Every field but steps must agree (the batches decide how many steps can be replicated).
    differ = ["%s is %s there, %s here" % (f, _show(theirs[f]), _show(cfg[f]))
              for f in FIELD_RULES if f != "steps" and theirs[f] != cfg[f]]
    _expect(not differ, "replicate folder %s was made for another config: %s (its config.json; "
            "pass --config %s/config.json to use it)" % (folder, "; ".join(differ), folder))
    raw = _read_json(folder, "data.json")
    dims = {"digits": (64, 10)}.get(cfg["dataset"], (2, 2))
    found = (raw.get("name"), raw.get("inputDim"), raw.get("numClasses"))
    _expect(found == (cfg["dataset"],) + dims,
            "%s/data.json holds %s (%s features, %s classes), expected %s (%d features, %d classes)"
            % ((folder,) + found + (cfg["dataset"],) + dims))
    data = {"name": raw["name"], "inputDim": dims[0], "numClasses": dims[1]}
    for split in ("train", "test"):
        x, y = raw.get(split + "X", []), raw.get(split + "Y", [])
        _expect(len(x) == len(y) * dims[0] and len(y) > 0,
                "%s/data.json: %sX has %d values, expected %d rows of %d"
                % (folder, split, len(x), len(y), dims[0]))
        _expect(all(0 <= c < dims[1] for c in y), "%s/data.json: %sY has a label outside 0-%d"
                % (folder, split, dims[1] - 1))
        data[split + "X"] = torch.tensor(x, dtype=torch.float32).reshape(len(y), dims[0])
        data[split + "Y"] = torch.tensor(y, dtype=torch.int64)
    specs = param_specs(cfg, *dims)
    params = _read_json(folder, "params.json")
    _expect(len(params) == len(specs), "%s/params.json has %d parameters, this config has %d"
            % (folder, len(params), len(specs)))
    values = []
    for (name, shape), p in zip(specs, params):
        _expect((p.get("name"), p.get("shape")) == (name, shape),
                "%s/params.json: parameter %s %s where this config has %s %s"
                % (folder, p.get("name"), p.get("shape"), name, shape))
        _expect(len(p.get("values", [])) == math.prod(shape),
                "%s/params.json: %s has %d values, its shape %s needs %d"
                % (folder, name, len(p.get("values", [])), shape, math.prod(shape)))
        values.append(torch.tensor(p["values"], dtype=torch.float32).reshape(shape))
    batches = _read_json(folder, "batches.json")
    indices = batches.get("indices", [])
    steps = len(indices) if steps is None else steps
    _expect(batches.get("batchSize") == cfg["batchSize"], "%s/batches.json has batch size %s, this "
            "config %d" % (folder, batches.get("batchSize"), cfg["batchSize"]))
    _expect(len(indices) >= steps, "%s/batches.json has the batches of %d steps, %d asked for"
            % (folder, len(indices), steps))
    size = len(data["trainY"])
    for i, row in enumerate(indices[:steps]):
        _expect(len(row) == cfg["batchSize"] and all(0 <= r < size for r in row),
                "%s/batches.json: batch %d is not %d indices from 0 to %d"
                % (folder, i, cfg["batchSize"], size - 1))
    return data, values, indices[:steps]


def replicate(folder, cfg=None, steps=None, device="cpu", procs=None):
    """Re-runs the engine run exported to 'folder' (by default with the folder's own config and
    all its batches) and returns (result, seconds)."""
    if cfg is None:
        cfg = parse_config(_read_json(folder, "config.json"))
    data, values, indices = load_replicate(folder, cfg, steps)
    return train(cfg, data, values, indices.__getitem__, len(indices), procs or Processes(device))


def seeded_inputs(cfg, digits_path=None):
    """The data, initial parameters and batch order the engine makes for cfg's seed."""
    data = make_dataset(cfg, digits_path)
    values = initial_values(cfg, param_specs(cfg, data["inputDim"], data["numClasses"]))
    sampler = BatchSampler(cfg["seed"], len(data["trainY"]), cfg["batchSize"])
    return data, values, lambda _step: sampler.next()


def _rel(a, b):
    if a is None or b is None:
        return float("inf") if a != b else 0.0
    return 0.0 if a == b else abs(a - b) / max(abs(b), 1e-30)


def report_step0(result, engine):
    """Step 0's loss and every gradient norm, next to the engine's when it is known."""
    if not result["history"]:
        return "no steps taken"
    first = result["history"][0]
    theirs = engine["history"][0] if engine and engine.get("history") else None
    lines, worst = [], 0.0

    def row(label, mine, key, i=None):
        nonlocal worst
        if theirs is None:
            lines.append("  %-24s %.9g" % (label, mine))
            return
        other = theirs[key] if i is None else theirs[key][i]
        worst = max(worst, _rel(mine, other))
        lines.append("  %-24s %.9g   engine %.9g   rel. diff %.1e"
                     % (label, mine, other, _rel(mine, other)))

    lines.append("step 0:")
    row("loss", first["loss"], "loss")
    lines.append("weight-gradient norms |dL/dW|:")
    for i, layer in enumerate(result["layers"]):
        row(layer["name"], first["gradNorms"][i], "gradNorms", i)
    lines.append("signal-gradient norms |dL/dx_l|:")
    for i, g in enumerate(first["signalGradNorms"]):
        row("x_%d" % i, g, "signalGradNorms", i)
    if theirs is not None:
        lines.append("worst relative difference from the engine at step 0: %.2e" % worst)
    return "\n".join(lines)


def summary(result, seconds):
    f = result["final"]
    head = ("diverged at step %d (loss or gradients not finite)" % f["divergedAtStep"]
            if f["diverged"] else "trained %d steps" % f["steps"])
    ms = 1000 * seconds / max(f["steps"], 1)
    return ("%s in %.1f s (%.1f ms a step): train loss %.4f, train accuracy %.4f, "
            "test accuracy %.4f"
            % (head, seconds, ms, f["trainLoss"], f["trainAccuracy"], f["testAccuracy"]))


# ---------------------------------------------------------------------------------------------
# Command line.


def _flag(field):
    return "--" + "".join("-" + c.lower() if c.isupper() else c for c in field)


def _parser():
    p = argparse.ArgumentParser(
        description="Train the Residual engine's network for the embedded CONFIG in PyTorch, "
                    "or reproduce an exported engine run.",
        epilog="Every config field can be overridden; values the page cannot make are refused.")
    p.add_argument("--replicate", metavar="DIR",
                   help="reproduce the engine run exported with 'npm run experiment -- ... "
                        "--export-replicate DIR' (its initial weights, data and batches)")
    p.add_argument("--config", metavar="JSON_OR_FILE", help="a config to use instead of CONFIG")
    for field, rule in FIELD_RULES.items():
        choices = "|".join(rule["values"]) if rule["kind"] == "enum" else _allowed(rule)
        if rule.get("perBlock"):
            choices += ", or one per block separated by commas"
        p.add_argument(_flag(field), dest=field, metavar="V", help="%s (%s)" % (field, choices))
    p.add_argument("--lr", dest="learningRate", metavar="V", help="same as --learning-rate")
    p.add_argument("--device", choices=["cpu", "cuda"],
                   default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--out", metavar="FILE", help="write the history JSON here (the engine CLI's "
                   "--out format); default: stdout, or DIR/pytorch.json with --replicate")
    p.add_argument("--every", type=int, default=1, metavar="K",
                   help="record the metrics of every K-th step only (long runs)")
    p.add_argument("--digits", metavar="PATH", help="digits.bin, for the digits data set")
    p.add_argument("--threads", type=int, metavar="N", help="CPU threads (torch.set_num_threads)")
    p.add_argument("--log", type=int, default=0, metavar="K",
                   help="progress every K steps on stderr")
    return p


def _number(rule, text):
    if rule["kind"] == "enum":
        # A per-block field also takes a list: JSON, or values separated by commas.
        if rule.get("perBlock") and text.lstrip().startswith("["):
            try:
                return json.loads(text)
            except ValueError:
                return text
        return text.split(",") if rule.get("perBlock") and "," in text else text
    try:
        v = float(text)
    except ValueError:
        return text  # refused by parse_config, which names the field and what is allowed
    return int(v) if v.is_integer() and rule["kind"] == "int" else v


def config_from(args):
    """CONFIG, or --config, with the overrides given on the command line, validated."""
    raw = dict(CONFIG)
    if args.config is not None:
        text = args.config
        if not text.lstrip().startswith("{"):
            try:
                with open(text) as f:
                    text = f.read()
            except OSError as e:
                raise UsageError("cannot read config file %s: %s" % (args.config, e.strerror))
        try:
            raw = json.loads(text)
        except ValueError as e:
            raise UsageError("--config is not valid JSON: %s" % e)
        if not isinstance(raw, dict):
            raise UsageError("invalid config: config must be a JSON object, got %s" % _show(raw))
    for field, rule in FIELD_RULES.items():
        if getattr(args, field) is not None:
            raw[field] = _number(rule, getattr(args, field))
    return parse_config(raw)


def main(argv=None):
    args = _parser().parse_args(argv)
    prog = os.path.basename(sys.argv[0]) or "run.py"
    try:
        if args.every < 1:
            raise UsageError("--every is %d, allowed: an integer from 1" % args.every)
        if args.threads:
            torch.set_num_threads(args.threads)
        cfg = config_from(args)
        steps = cfg["steps"]
        if args.replicate:
            # Every exported batch unless --steps asks for fewer.
            asked = steps if args.steps is not None else None
            data, values, indices = load_replicate(args.replicate, cfg, asked)
            next_batch, steps = indices.__getitem__, len(indices)
        else:
            data, values, next_batch = seeded_inputs(cfg, args.digits)
        procs = Processes(args.device)
        result, seconds = train(cfg, data, values, next_batch, steps, procs, args.every, args.log)
        procs.close()
    except UsageError as e:
        sys.stderr.write("%s: %s\n" % (prog, e))
        sys.exit(2)
    if procs.rank != 0:
        return
    where = "%s x %d" % (procs.device.type, procs.world) if procs.world > 1 else procs.device.type
    if args.replicate:
        engine_path = os.path.join(args.replicate, "engine.json")
        engine = None
        if os.path.isfile(engine_path):
            with open(engine_path) as f:
                engine = json.load(f)
        print(report_step0(result, engine))
        out = args.out or os.path.join(args.replicate, "pytorch.json")
        write_atomically(out, to_json(result))
        print("%s on %s; wrote %s" % (summary(result, seconds), where, out))
    elif args.out:
        write_atomically(args.out, to_json(result))
        print("%s on %s; wrote %s" % (summary(result, seconds), where, args.out))
    else:
        print(to_json(result))
        sys.stderr.write("%s on %s\n" % (summary(result, seconds), where))


if __name__ == "__main__":
    main()
