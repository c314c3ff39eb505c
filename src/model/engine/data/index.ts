/**
 * One entry point for every dataset the engine trains on. The digits bytes are passed in by the
 * caller (fetched in the browser, read from disk in Node), which keeps this module free of I/O.
 */
import type { DatasetName } from '../config';
import type { Dataset } from './dataset';
import { parseDigits } from './digits';
import { makePlanarDataset } from './planar';

export type { Dataset } from './dataset';
export { trainSize, testSize } from './dataset';

/** Supplies the bytes of `public/data/digits.bin` when the digits set is asked for. */
export type DigitsLoader = () => Promise<Uint8Array>;

/** Builds (or loads and parses) the dataset `name` for `seed`. */
export async function loadDataset(
  name: DatasetName,
  seed: number,
  loadDigits?: DigitsLoader,
): Promise<Dataset> {
  if (name === 'digits') {
    if (!loadDigits) throw new Error('the digits dataset needs a loader for digits.bin');
    return parseDigits(await loadDigits(), seed);
  }
  return makePlanarDataset(name, seed);
}
