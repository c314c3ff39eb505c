/**
 * Benchmark page (built only by `npm run bench`, never shipped): times the engine's training
 * step in the browser on each tfjs backend and leaves the rows in `window.benchResult`.
 * Query: ?blocks=10,25&backends=wasm,webgl,cpu
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { parseConfig } from '../../../src/model/engine/config';
import { makePlanarDataset } from '../../../src/model/engine/data/planar';
import { Session } from '../../../src/model/engine/experiment';
import type { BrowserRow } from '../browser';
import { benchSkips, round, timeTogether } from '../stats';

tf.enableProdMode();
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

type Row = BrowserRow;

const params = new URLSearchParams(location.search);
const blocksList = (params.get('blocks') ?? '10,25,50,100').split(',').map(Number);
const backends = (params.get('backends') ?? 'wasm,webgl,cpu').split(',');
const out = window as unknown as { benchResult?: Row[]; benchError?: string };

async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const data = makePlanarDataset('spiral', 1);
  for (const backend of backends) {
    const ok = await tf.setBackend(backend);
    if (ok) await tf.ready();
    for (const blocks of blocksList) {
      for (const skip of benchSkips(blocks)) {
        if (!ok) {
          rows.push({
            backend,
            blocks,
            skip,
            msPerStep: null,
            msPerBareStep: null,
            msPerTfjsStep: null,
            error: 'no backend',
          });
          continue;
        }
        const opts = { calls: 31, budgetMs: 15_000 };
        const config = parseConfig({ blocks, width: 32, batchSize: 128, dataset: 'spiral', skip });
        const session = new Session(config, data);
        try {
          const [full, bare, tfjsStep] = await timeTogether(
            [
              () => session.step(),
              () => session.bareStep('manual'),
              () => session.bareStep('autodiff'),
            ],
            opts,
          );
          rows.push({
            backend,
            blocks,
            skip,
            msPerStep: round(full),
            msPerBareStep: round(bare),
            msPerTfjsStep: round(tfjsStep),
          });
        } catch (e) {
          rows.push({
            backend,
            blocks,
            skip,
            msPerStep: null,
            msPerBareStep: null,
            msPerTfjsStep: null,
            error: String(e),
          });
        } finally {
          session.dispose();
        }
      }
    }
  }
  return rows;
}

run().then(
  (rows) => {
    out.benchResult = rows;
    document.getElementById('status')!.textContent = 'done';
  },
  (e: unknown) => {
    out.benchError = String(e);
  },
);
