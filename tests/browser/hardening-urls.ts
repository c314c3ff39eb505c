/**
 * A fixed, seeded list of hostile query strings for the URL fuzzing test: random bytes and
 * unicode, markup and TeX injection, huge and non-finite numbers, repeated keys, very long
 * values, a wrong type for every configuration field of both twins, unknown keys and broken
 * percent-encoding. Every case is the raw text after '?', so that malformed escapes reach the
 * page as they are; none of them holds only valid settings, so every one must raise a notice.
 */
import { NET_FIELDS, SHARED_FIELDS } from '../../src/state/labPresets';

/** Sets `window.__pwned` if any injected markup or link ever runs. */
const PWN = 'window.__pwned=1';
const enc = encodeURIComponent;

/** mulberry32: a tiny seeded generator, so that the list is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

/** The ~30 hostile query strings, always the same. */
export function hostileQueries(): string[] {
  const r = rng(20260527);
  const cases: string[] = [
    `lab=${enc(`<script>${PWN}</script>`)}`,
    `lab=vanishing&a.activation=${enc(`<img src=x onerror="${PWN}">`)}&b.skip=${enc('"><svg onload=' + PWN + '>')}`,
    `lab=exploding&a.blocks=${enc(`\\href{javascript:${PWN}}{x}`)}&seed=${enc('\\url{javascript:alert(1)}')}`,
    `lab=playground&a.init=${enc('\\def\\x{\\x}\\x')}&dataset=${enc('\\def\\a{\\a\\a}\\a')}`,
    `lab=playground&a.blocks=1e308&width=-1&learningRate=NaN&batchSize=Infinity&seed=1e400`,
    `lab=playground&a.branchScale=-0&learningRate=1e-400&steps=100001&seed=4294967296`,
    `lab=vanishing&a.blocks=1&a.blocks=2&seed=3&seed=4&view=signal&view=weights`,
    `lab=vanishing&lab=exploding&a.blocks=3`,
    `lab=playground&a.blocks=${'9'.repeat(10_000)}`,
    `lab=exploding&b.order=${'x'.repeat(10_000)}&${'k'.repeat(5_000)}=1`,
    `lab=playground&a.order=%E0%A4%A&dataset=%&seed=%zz`,
    `lab=%E0%A4%A&a.blocks=%FF%FE`,
    `lab=unnormalised&__proto__=1&constructor=x&toString=y&a.__proto__.polluted=1`,
    `lab=playground&twin=2&view=${enc('javascript:alert(1)')}&b.blocks=4`,
    `lab=order-saturating&a.activation=relu&a.activation=tanh&zzz=${enc('<b>bold</b>')}`,
    `a.blocks=3&b.skip=none`,
    `${enc(`<img src=x onerror="${PWN}">`)}=1`,
    `=&&&==&lab&lab=`,
  ];
  // A wrong type for every field of both twins, shared fields once.
  const net = NET_FIELDS.flatMap((f, i) => [
    `a.${f}=${enc(wrongType(f, i))}`,
    `b.${f}=${enc(wrongType(f, i + 3))}`,
  ]);
  const shared = SHARED_FIELDS.map((f, i) => `${f}=${enc(wrongType(f, i + 1))}`);
  cases.push(`lab=exploding&${net.join('&')}`);
  cases.push(`lab=vanishing&${shared.join('&')}`);
  // The same field by field, in smaller bundles so that one notice per field is visible.
  for (let i = 0; i < net.length; i += 5)
    cases.push(`lab=order-relu-bn&${net.slice(i, i + 5).join('&')}`);
  // Random bytes and unicode, in keys and in values.
  for (let i = 0; i < 4; i++) cases.push(`lab=playground&a.norm=${randomBytes(r, 8 + i * 8)}`);
  for (let i = 0; i < 3; i++)
    cases.push(`${enc(randomUnicode(r, 6))}=${enc(randomUnicode(r, 20 + i * 40))}`);
  cases.push(`lab=exploding&${randomBytes(r, 6)}=${randomBytes(r, 12)}`);
  return cases;
}
