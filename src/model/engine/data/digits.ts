/**
 * The 8×8 optical digits (1797 images, 10 classes; E. Alpaydin and C. Kaynak, UCI, CC BY 4.0).
 * Stored in `public/data/digits.bin` by `scripts/convert-digits.ts` as raw bytes: one record of
 * 65 bytes per image, 64 pixel values 0–16 in row-major order, then the label 0–9. The browser
 * fetches the file and Node reads it; both hand the bytes to `parseDigits`.
 */
import { permutation, streamRng } from '../rng';
import { takeRows, type Dataset } from './dataset';

export const DIGITS_PIXELS = 64;
export const DIGITS_RECORD_BYTES = DIGITS_PIXELS + 1;
export const DIGITS_COUNT = 1797;
/** Share of the images held out for testing (seeded split). */
export const DIGITS_TEST_FRACTION = 0.2;

/**
 * Decodes the digits file and splits it into train and test sets with a seeded shuffle.
 * Pixels are scaled to [0, 1].
 * @throws Error when the bytes are not a digits file.
 */
export function parseDigits(bytes: Uint8Array, seed: number): Dataset {
  if (bytes.length !== DIGITS_COUNT * DIGITS_RECORD_BYTES) {
    throw new Error(
      `digits file has ${bytes.length} bytes, expected ${DIGITS_COUNT * DIGITS_RECORD_BYTES}`,
    );
  }
  const x = new Float32Array(DIGITS_COUNT * DIGITS_PIXELS);
  const y = new Int32Array(DIGITS_COUNT);
  for (let i = 0; i < DIGITS_COUNT; i++) {
    const base = i * DIGITS_RECORD_BYTES;
    for (let p = 0; p < DIGITS_PIXELS; p++) {
      const v = bytes[base + p]!;
      if (v > 16) throw new Error(`digits file: pixel value ${v} above 16 in image ${i}`);
      x[i * DIGITS_PIXELS + p] = v / 16;
    }
    const label = bytes[base + DIGITS_PIXELS]!;
    if (label > 9) throw new Error(`digits file: label ${label} in image ${i}`);
    y[i] = label;
  }
  const order = permutation(streamRng(seed, 'data/digits/split'), DIGITS_COUNT);
  const nTest = Math.round(DIGITS_COUNT * DIGITS_TEST_FRACTION);
  const testRows = order.subarray(0, nTest);
  const trainRows = order.subarray(nTest);
  return {
    name: 'digits',
    inputDim: DIGITS_PIXELS,
    numClasses: 10,
    trainX: takeRows(x, DIGITS_PIXELS, trainRows),
    trainY: Int32Array.from(trainRows, (r) => y[r]!),
    testX: takeRows(x, DIGITS_PIXELS, testRows),
    testY: Int32Array.from(testRows, (r) => y[r]!),
  };
}
