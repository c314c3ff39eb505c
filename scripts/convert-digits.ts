/**
 * Converts the 8×8 digits CSV (the UCI set public/data/README.md describes: 1797 rows of 64
 * pixel counts and a label, gzipped) into the compact binary file the app ships
 * (public/data/digits.bin: 65 bytes per image, see src/model/engine/data/digits.ts).
 * Usage: npm run data:digits -- path/to/digits.csv.gz
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DIGITS_COUNT, DIGITS_PIXELS, DIGITS_RECORD_BYTES } from '../src/model/engine/data/digits';

const source = process.argv[2];
if (!source) {
  process.stderr.write('usage: npm run data:digits -- path/to/digits.csv.gz\n');
  process.exit(2);
}
const target = 'public/data/digits.bin';

const text = gunzipSync(readFileSync(source)).toString('utf8');
const rows = text.trim().split('\n');
if (rows.length !== DIGITS_COUNT)
  throw new Error(`expected ${DIGITS_COUNT} rows, got ${rows.length}`);
const out = new Uint8Array(DIGITS_COUNT * DIGITS_RECORD_BYTES);
rows.forEach((row, i) => {
  const values = row.split(',').map(Number);
  if (
    values.length !== DIGITS_PIXELS + 1 ||
    values.some((v) => !Number.isInteger(v) || v < 0 || v > 16)
  ) {
    throw new Error(`row ${i + 1} is not 64 pixels 0–16 and a label`);
  }
  out.set(values, i * DIGITS_RECORD_BYTES);
});
writeFileSync(target, out);
console.log(`wrote ${target}: ${DIGITS_COUNT} images, ${out.length} bytes`);
