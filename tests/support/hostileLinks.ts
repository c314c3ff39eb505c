/**
 * A fixed, seeded list of hostile query strings for the tests of links: random bytes and
 * unicode, markup and TeX injection, huge and non-finite numbers, repeated keys, very long
 * values, a wrong type for every configuration field of both twins, unknown keys and broken
 * percent-encoding. Every case is the raw text after '?', so that malformed escapes reach the
 * page as they are; none of them holds only valid settings, so every one must raise a notice.
 *
 * src/content/hostileLinks.test.tsx reads every link through the code the page reads it with;
 * tests/browser/hardening-fuzz.test.ts visits the first link of each kind in the built page.
 */
import type { PresetId } from '../../src/model/labs/presets';
import { mulberry32 } from '../../src/model/engine/rng';
import { NET_FIELDS, SHARED_FIELDS } from '../../src/state/labPresets';

/** Sets `window.__pwned` if any injected markup or link ever runs. */
const PWN = 'window.__pwned=1';
const enc = encodeURIComponent;

/** Random raw bytes as %XX escapes: mostly invalid UTF-8 once decoded. */
function randomBytes(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++)
    s +=
      '%' +
      Math.floor(r() * 256)
        .toString(16)
        .padStart(2, '0')
        .toUpperCase();
  return s;
}

/** Random code points from ASCII punctuation to astral planes (no lone surrogates). */
function randomUnicode(r: () => number, n: number): string {
  const ranges = [
    [0x21, 0x7e],
    [0xa0, 0x2ff],
    [0x600, 0x6ff],
    [0x200b, 0x202e], // zero-width and bidi controls
    [0x4e00, 0x4fff],
    [0x1f300, 0x1f64f],
  ] as const;
  let s = '';
  for (let i = 0; i < n; i++) {
    const [lo, hi] = ranges[Math.floor(r() * ranges.length)]!;
    s += String.fromCodePoint(lo + Math.floor(r() * (hi - lo + 1)));
  }
  return s;
}

/** A value of the wrong type for `field`: numbers for choices, words and junk for numbers. */
function wrongType(field: string, i: number): string {
  const enums = ['skip', 'order', 'norm', 'activation', 'init', 'dataset', 'optimizer'];
  const forEnum = ['7', 'true', '[object Object]', 'IDENTITY', 'relu ', ''];
  const forNumber = ['abc', 'true', '[1]', '{}', '0x10', '1e308', '-1', 'NaN', 'Infinity', '1.5'];
  const pool = enums.includes(field) ? forEnum : forNumber;
  // Integer fields must reject 1.5; branchScale and learningRate accept it, so skip it there.
  const v = pool[i % pool.length]!;
  return v === '1.5' && (field === 'branchScale' || field === 'learningRate') ? '11' : v;
}

/** What a hostile link tries; the browser test visits the first link of each kind. */
export const HOSTILE_KINDS = [
  'markup',
  'javascript: and TeX',
  'enormous values',
  'repeated, unknown and prototype keys',
  'wrong types',
  'encoding',
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

export interface HostileLink {
  kind: HostileKind;
  /** The raw text after '?'. */
  query: string;
}

/** A lab's id, checked by the compiler: a renamed preset must not turn a case into another. */
const lab = (id: PresetId) => `lab=${id}`;

/** The 31 hostile links, always the same. */
export function hostileLinks(): HostileLink[] {
  // The engine's seeded generator, so that the list is the same on every run.
  const r = mulberry32(20260527);
  const links: HostileLink[] = [];
  const add = (kind: HostileKind, ...queries: string[]) =>
    links.push(...queries.map((query) => ({ kind, query })));
  add(
    'markup',
    `lab=${enc(`<script>${PWN}</script>`)}`,
    `${lab('vanishing')}&a.activation=${enc(`<img src=x onerror="${PWN}">`)}&b.skip=${enc('"><svg onload=' + PWN + '>')}`,
    `${lab('order-saturating')}&a.activation=relu&a.activation=tanh&zzz=${enc('<b>bold</b>')}`,
    `${enc(`<img src=x onerror="${PWN}">`)}=1`,
  );
  add(
    'javascript: and TeX',
    `${lab('exploding')}&a.blocks=${enc(`\\href{javascript:${PWN}}{x}`)}&seed=${enc('\\url{javascript:alert(1)}')}`,
    `${lab('playground')}&twin=2&view=${enc('javascript:alert(1)')}&b.blocks=4`,
    `${lab('playground')}&a.init=${enc('\\def\\x{\\x}\\x')}&dataset=${enc('\\def\\a{\\a\\a}\\a')}`,
  );
  add(
    'enormous values',
    `${lab('exploding')}&b.order=${'x'.repeat(10_000)}&${'k'.repeat(5_000)}=1`,
    `${lab('playground')}&a.blocks=${'9'.repeat(10_000)}`,
    `${lab('playground')}&a.blocks=1e308&width=-1&learningRate=NaN&batchSize=Infinity&seed=1e400`,
    `${lab('playground')}&a.branchScale=-0&learningRate=1e-400&steps=100001&seed=4294967296`,
  );
  add(
    'repeated, unknown and prototype keys',
    `${lab('unnormalised')}&__proto__=1&constructor=x&toString=y&a.__proto__.polluted=1`,
    `${lab('vanishing')}&a.blocks=1&a.blocks=2&seed=3&seed=4&view=signal&view=weights`,
    `${lab('vanishing')}&${lab('exploding')}&a.blocks=3`,
    `a.blocks=3&b.skip=none`,
    `=&&&==&lab&lab=`,
  );
  // A wrong type for every field of both twins, shared fields once.
  const net = NET_FIELDS.flatMap((f, i) => [
    `a.${f}=${enc(wrongType(f, i))}`,
    `b.${f}=${enc(wrongType(f, i + 3))}`,
  ]);
  const shared = SHARED_FIELDS.map((f, i) => `${f}=${enc(wrongType(f, i + 1))}`);
  add(
    'wrong types',
    `${lab('exploding')}&${net.join('&')}`,
    `${lab('vanishing')}&${shared.join('&')}`,
  );
  // The same field by field, in smaller bundles so that one notice per field is visible.
  for (let i = 0; i < net.length; i += 5)
    add('wrong types', `${lab('order-saturating')}&${net.slice(i, i + 5).join('&')}`);
  // Broken escapes, then random bytes and unicode, in keys and in values.
  add(
    'encoding',
    `${lab('playground')}&a.order=%E0%A4%A&dataset=%&seed=%zz`,
    `lab=%E0%A4%A&a.blocks=%FF%FE`,
  );
  for (let i = 0; i < 4; i++)
    add('encoding', `${lab('playground')}&a.norm=${randomBytes(r, 8 + i * 8)}`);
  for (let i = 0; i < 3; i++)
    add('encoding', `${enc(randomUnicode(r, 6))}=${enc(randomUnicode(r, 20 + i * 40))}`);
  add('encoding', `${lab('exploding')}&${randomBytes(r, 6)}=${randomBytes(r, 12)}`);
  return links;
}

/** The first link of each kind, in HOSTILE_KINDS order. */
export function oneOfEachKind(): HostileLink[] {
  const all = hostileLinks();
  return HOSTILE_KINDS.map((kind) => all.find((l) => l.kind === kind)!);
}
