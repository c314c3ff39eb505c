/**
 * The PyTorch column: runs scripts/bench_torch.py with Debian's python3 (package python3-torch).
 * Returns null, with the reason, when PyTorch is not installed.
 */
import { execFileSync } from 'node:child_process';

export interface TorchResult {
  msPerStep: number;
  msPerStepWithNorms: number;
  torch: string;
  threads: number;
}

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

/** Whether PyTorch can be imported; the message says why not. */
export function torchAvailable(): { ok: boolean; why: string } {
  try {
    const v = execFileSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return { ok: true, why: `torch ${v.toString().trim()}` };
  } catch {
    return {
      ok: false,
      why: `PyTorch not importable by ${PYTHON} (apt-get install python3-torch)`,
    };
  }
}

/** One timing of the reference model in PyTorch on the CPU with `threads` threads. */
export function torchStep(blocks: number, skip: 'identity' | 'none', threads = 1): TorchResult {
  const out = execFileSync(PYTHON, [
    'scripts/bench_torch.py',
    String(blocks),
    skip,
    String(threads),
  ]);
  return JSON.parse(out.toString()) as TorchResult;
}
