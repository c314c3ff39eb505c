/**
 * Building the runs of one configuration: their datasets (shared between twins with the same
 * dataset and seed, so both see the same points and batches) and the `ready` message that tells
 * the lab the layer names and the points to draw under a decision boundary.
 */
import type { ExperimentConfig } from '../engine/config';
import { loadDataset, type Dataset, type DigitsLoader } from '../engine/data';
import { Session } from '../engine/experiment';
import type { FromWorker } from './protocol';

/** One Session per config, on datasets loaded once per (dataset, seed). */
export async function buildSessions(
  configs: readonly ExperimentConfig[],
  loadDigits?: DigitsLoader,
): Promise<Session[]> {
  const cache = new Map<string, Dataset>();
  const datasets: Dataset[] = [];
  for (const c of configs) {
    const key = `${c.dataset}/${c.seed}`;
    if (!cache.has(key)) cache.set(key, await loadDataset(c.dataset, c.seed, loadDigits));
    datasets.push(cache.get(key)!);
  }
  return configs.map((c, i) => new Session(c, datasets[i]!));
}

/** The `ready` message for freshly built sessions. */
export function readyMessage(
  generation: number,
  backend: string,
  sessions: readonly Session[],
): Extract<FromWorker, { type: 'ready' }> {
  return {
    type: 'ready',
    generation,
    backend,
    layers: sessions.map((s) => s.network.layers.map((l) => l.name)),
    // The test points: drawn under the boundary, they show what the test accuracy counts.
    points: sessions.map(({ dataset: d }) =>
      d.inputDim === 2
        ? {
            x: Float32Array.from(d.testY, (_, i) => d.testX[2 * i]!),
            y: Float32Array.from(d.testY, (_, i) => d.testX[2 * i + 1]!),
            label: Int32Array.from(d.testY),
          }
        : null,
    ),
  };
}
