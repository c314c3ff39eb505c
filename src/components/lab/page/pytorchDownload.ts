/**
 * A lab's network as a PyTorch script (src/model/pytorch/script.ts), saved as a file. The script's
 * text (about 40 kB of Python) loads only when asked for, so it costs the page's first load nothing.
 */
import type { ExperimentConfig } from '../../../model/engine/config';
import type { PresetId } from '../../../model/labs/presets';
import { downloadText } from './exportRun';

/** The CLI call that writes the same script, for the script's header. */
export function pytorchCommand(config: ExperimentConfig): string {
  return `npm run experiment -- --config '${JSON.stringify(config)}' --export-pytorch run.py`;
}

/** Builds the script for `config` (network `net` of lab `preset`) and saves it. */
export async function downloadPytorchScript(
  config: ExperimentConfig,
  preset: PresetId,
  net: 'A' | 'B',
): Promise<void> {
  const { pytorchScript } = await import('../../../model/pytorch/script');
  const text = pytorchScript(config, {
    source: `the "${preset}" lab of the Residual page, network ${net}`,
    command: pytorchCommand(config),
  });
  downloadText(text, `residual-${preset}-${net}.py`, 'text/x-python');
}
