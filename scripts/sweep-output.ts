/**
 * What `npm run sweep` lends a study's run (`SweepIo`, src/model/studies/cli.ts): the digits from
 * disk, the elapsed time in its log, the header of a results file (the command, the fingerprint of
 * the code that made it, the backend and the spec), and writing a results file readably and
 * atomically.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DigitsLoader } from '../src/model/engine/data';
import { STUDIES, type StudyId } from '../src/model/studies';
import type { FileHead, SweepIo } from '../src/model/studies/cli';
import { engineFingerprint } from './claims-fingerprint';

export const loadDigits: DigitsLoader = async () =>
  new Uint8Array(await readFile(new URL('../public/data/digits.bin', import.meta.url)));

export const seconds = (started: number) => `${((Date.now() - started) / 1000).toFixed(0)} s`;

const commandOf = (argv: readonly string[]) =>
  ['npm run sweep', ...(argv.length ? ['--', ...argv] : [])].join(' ');

/**
 * The head of study `id`'s results file for `spec`, made by the command line `argv`: its
 * fingerprint reads the registry's entry module for the study.
 */
export function fileHead<Spec>(id: StudyId, spec: Spec, argv: readonly string[]): FileHead<Spec> {
  return {
    command: commandOf(argv),
    fingerprint: engineFingerprint(spec, STUDIES[id].entry),
    backend: 'wasm',
    spec,
  };
}

/**
 * `file` as JSON with the array under `key` one item per line, so that a results file stays
 * readable in a diff (NaN and ±Infinity become null).
 */
export function itemsPerLine<F extends object>(file: F, key: keyof F & string): string {
  const { [key]: items, ...head } = file;
  const lines = (items as unknown[]).map((p) => '  ' + JSON.stringify(p));
  const top = JSON.stringify(head, null, 1).slice(0, -2);
  return `${top},\n "${key}": [\n${lines.join(',\n')}\n ]\n}\n`;
}

/** Writes `text` to `out` through a temporary file, so that a stopped run leaves no half file. */
export async function writeAtomically(out: string, text: string): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, out);
}

/** The disk, terminal and clock of study `id`'s run, started now, writing to `out`. */
export function sweepIo(id: StudyId, out: string, argv: readonly string[]): SweepIo {
  const started = Date.now();
  return {
    out,
    loadDigits,
    head: (spec) => fileHead(id, spec, argv),
    fingerprint: (spec) => engineFingerprint(spec, STUDIES[id].entry),
    writeItems: (path, file, key) => writeAtomically(path, itemsPerLine(file, key)),
    writeJson: (path, value) => writeAtomically(path, `${JSON.stringify(value, null, 1)}\n`),
    readJson: async (path) => {
      try {
        return JSON.parse(await readFile(path, 'utf8')) as unknown;
      } catch {
        return null;
      }
    },
    remove: (path) => rm(path, { force: true }),
    progress: (line) => void process.stderr.write(`${line}\n`),
    say: (line) => console.log(line),
    elapsed: () => seconds(started),
  };
}
