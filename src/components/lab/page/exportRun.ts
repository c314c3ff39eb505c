/**
 * The run history as CSV (one row per run and step) and JSON (configs, layer names, records), and
 * a helper that saves text as a file.
 */
import type { ExperimentConfig } from '../../../model/engine/config';
import type { RunHistory } from '../run/runHistory';

const RUN_NAMES = ['A', 'B'];

function num(v: number): string {
  return Number.isFinite(v)
    ? String(v)
    : Number.isNaN(v)
      ? 'NaN'
      : v > 0
        ? 'Infinity'
        : '-Infinity';
}

/** CSV with a header: run, step, loss, accuracy, grad:<layer>…, signal:x_l…, rms:x_l…. */
export function historyCsv(history: RunHistory): string {
  const width = Math.max(0, ...history.runs.map((r) => r.layers.length));
  const xs = Math.max(0, ...history.runs.map((r) => r.records[0]?.signalGradNorms.length ?? 0));
  const longest = history.runs.reduce(
    (a, r) => (r.layers.length > a.length ? r.layers : a),
    [] as string[],
  );
  const header = [
    'run',
    'step',
    'loss',
    'accuracy',
    ...Array.from({ length: width }, (_, i) => `grad:${longest[i] ?? i}`),
    ...Array.from({ length: xs }, (_, i) => `signal:x${i}`),
    ...Array.from({ length: xs }, (_, i) => `rms:x${i}`),
  ];
  const lines = [header.join(',')];
  history.runs.forEach((run, k) => {
    for (const r of run.records) {
      const pad = (a: Float32Array, n: number) =>
        Array.from({ length: n }, (_, i) => (i < a.length ? num(a[i]!) : ''));
      lines.push(
        [
          RUN_NAMES[k],
          r.step,
          num(r.loss),
          num(r.accuracy),
          ...pad(r.gradNorms, width),
          ...pad(r.signalGradNorms, xs),
          ...pad(r.activationNorms, xs),
        ].join(','),
      );
    }
  });
  return lines.join('\n') + '\n';
}

/** JSON like the experiment CLI's output, one entry per run (non-finite numbers become null). */
export function historyJson(history: RunHistory, configs: ExperimentConfig[]): string {
  const runs = history.runs.map((run, k) => ({
    name: `Network ${RUN_NAMES[k]}`,
    config: configs[k],
    backend: history.backend,
    layers: run.layers,
    divergedAtStep: run.diverged?.step ?? null,
    history: run.records.map((r) => ({
      step: r.step,
      loss: r.loss,
      accuracy: r.accuracy,
      gradNorms: Array.from(r.gradNorms),
      signalGradNorms: Array.from(r.signalGradNorms),
      activationNorms: Array.from(r.activationNorms),
      finite: r.finite,
    })),
    evaluations: run.evals,
  }));
  // JSON.stringify writes NaN and ±Infinity as null, as the CLI does.
  return JSON.stringify({ runs }, null, 1);
}

/** Saves `text` as a download called `name`. */
export function downloadText(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
