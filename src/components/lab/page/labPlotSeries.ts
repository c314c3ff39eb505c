/**
 * The series a lab's plots draw, built from its RunHistory: per-layer profiles, heatmap rows,
 * loss and accuracy curves. Pure functions of the history, so LabPlots only lays them out.
 */
import { PLOT_COLORS, type CurveSeries, type Series } from '../../plots';
import { shortLayerName, signalLabels } from '../../common/layerNames';
import type { RunSeries } from '../run/runHistory';

const COLORS = [PLOT_COLORS.a, PLOT_COLORS.b];
/**
 * Above this loss the loss plot takes a log axis. Chance is ln 2 ≈ 0.69 for two classes and
 * ln 10 ≈ 2.3 for the digits; a net that blows up at its first step (the unnormalised lab's A
 * starts near 70) would set a linear axis that flattens every other curve onto zero.
 */
const LOSS_LOG_ABOVE = 10;

/** Whether loss series need a log axis: some finite loss is above LOSS_LOG_ABOVE. */
export function needsLogAxis(series: CurveSeries[]): boolean {
  for (const s of series)
    for (let i = 0; i < s.y.length; i++) {
      const v = s.y[i]!;
      if (Number.isFinite(v) && v > LOSS_LOG_ABOVE) return true;
    }
  return false;
}

/** One network's heatmap rows cut to `width` layers, row after row: [rows × width]. */
export function heatmapValues(rows: Float32Array[], width: number): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => out.set(r.subarray(0, width), i * width));
  return out;
}

/** Layer labels of the run with the most layers (weights) or block inputs (signal). */
export function longestLabels(runs: RunSeries[], view: 'weights' | 'signal'): string[] {
  const counts = runs.map((r) =>
    view === 'weights' ? r.layers.length : (r.latest?.signalGradNorms.length ?? 0),
  );
  const k = counts.indexOf(Math.max(0, ...counts));
  const run = runs[k];
  if (!run) return [];
  return view === 'weights' ? run.layers.map(shortLayerName) : signalLabels(counts[k]!);
}

/** Each run's latest profile, and its step-0 profile faint and dashed once training has begun. */
export function profileSeries(
  runs: RunSeries[],
  names: string[],
  pick: (r: NonNullable<RunSeries['latest']>) => Float32Array,
): Series[] {
  const out: Series[] = [];
  runs.forEach((run, i) => {
    if (!run.latest || !run.step0) return;
    const color = COLORS[i]!;
    out.push({
      id: `now${i}`,
      label: `${names[i]}, step ${run.latest.step}`,
      color,
      values: pick(run.latest),
    });
    if (run.latest.step > 0)
      out.push({
        id: `init${i}`,
        label: `${names[i]}, step 0`,
        color,
        values: pick(run.step0),
        faint: true,
        dashed: true,
      });
  });
  return out;
}

/** Loss and accuracy curves of every run: the training batch solid, the test set dashed. */
export function curveSeries(
  runs: RunSeries[],
  names: string[],
): { loss: CurveSeries[]; accuracy: CurveSeries[] } {
  const lossSeries: CurveSeries[] = [];
  const accSeries: CurveSeries[] = [];
  runs.forEach((run, i) => {
    const color = COLORS[i]!;
    lossSeries.push({
      id: `loss${i}`,
      label: `${names[i]}, train batch`,
      color,
      x: run.loss.steps,
      y: run.loss.rows,
    });
    accSeries.push({
      id: `acc${i}`,
      label: `${names[i]}, train batch`,
      color,
      x: run.accuracy.steps,
      y: run.accuracy.rows,
    });
    if (run.evals.length > 0) {
      const x = run.evals.map((e) => e.step);
      lossSeries.push({
        id: `tloss${i}`,
        label: `${names[i]}, test set`,
        color,
        x,
        y: run.evals.map((e) => e.value.testLoss),
        dashed: true,
      });
      accSeries.push({
        id: `tacc${i}`,
        label: `${names[i]}, test set`,
        color,
        x,
        y: run.evals.map((e) => e.value.testAccuracy),
        dashed: true,
      });
    }
  });

  return { loss: lossSeries, accuracy: accSeries };
}
