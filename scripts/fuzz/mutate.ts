/**
 * Mutations of a PDF, as damage and tampering produce them: byte flips, truncation, chunks moved,
 * cross-reference and stream-length damage, and numbers replaced inside (inflated) content
 * streams. Deterministic: the same bytes, mutator and seed give the same mutant.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { mulberry32 } from '../prng.js';

export type Rng = () => number;

export interface Mutant {
  bytes: Uint8Array;
  /** What was done, one line (for the log and to reproduce it by eye). */
  what: string;
}

type Mutator = (src: Uint8Array, rng: Rng) => Mutant;

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

/** Flip 1..24 random bits. */
export const flipBytes: Mutator = (src, rng) => {
  const out = src.slice();
  const n = int(rng, 1, 24);
  for (let i = 0; i < n; i++) out[int(rng, 0, out.length - 1)] ^= 1 << int(rng, 0, 7);
  return { bytes: out, what: `flip ${n} bits` };
};

/** Cut the file at 5..99 % of its length. */
export const truncate: Mutator = (src, rng) => {
  const at = Math.max(1, Math.floor(src.length * (0.05 + 0.94 * rng())));
  return { bytes: src.slice(0, at), what: `truncate at ${at} of ${src.length}` };
};

/** Move a chunk of 16..4096 bytes elsewhere. */
export const moveChunk: Mutator = (src, rng) => {
  const len = Math.min(src.length - 1, int(rng, 16, 4096));
  const from = int(rng, 0, src.length - len);
  const chunk = src.subarray(from, from + len);
  const rest = Buffer.concat([src.subarray(0, from), src.subarray(from + len)]);
  const to = int(rng, 0, rest.length);
  return { bytes: new Uint8Array(Buffer.concat([rest.subarray(0, to), chunk, rest.subarray(to)])), what: `move ${len} bytes from ${from} to ${to}` };
};

/** Damage the cross-reference: startxref, an offset in the table, or the xref keyword. */
export const damageXref: Mutator = (src, rng) => {
  const text = latin1(src);
  const choice = int(rng, 0, 2);
  if (choice === 0) {
    const m = [...text.matchAll(/startxref\s+(\d+)/g)];
    if (m.length) {
      const hit = m[int(rng, 0, m.length - 1)];
      const start = hit.index! + hit[0].length - hit[1].length;
      const value = String([0, Number(hit[1]) + int(rng, -64, 64), int(rng, 0, src.length * 2)][int(rng, 0, 2)]);
      return { bytes: bytesOf(text.slice(0, start) + value + text.slice(start + hit[1].length)), what: `startxref ${hit[1]} -> ${value}` };
    }
  }
  if (choice === 1) {
    const m = [...text.matchAll(/(\d{10}) (\d{5}) ([nf])/g)];
    if (m.length) {
      const hit = m[int(rng, 0, m.length - 1)];
      const value = String(int(rng, 0, 9_999_999_999)).padStart(10, '0');
      return { bytes: bytesOf(text.slice(0, hit.index!) + value + text.slice(hit.index! + 10)), what: `xref offset ${hit[1]} -> ${value}` };
    }
  }
  const m = [...text.matchAll(/\bxref\b|\/XRef\b|\/Prev \d+/g)];
  if (!m.length) return flipBytes(src, rng);
  const hit = m[int(rng, 0, m.length - 1)];
  return { bytes: bytesOf(text.slice(0, hit.index!) + 'x'.repeat(hit[0].length) + text.slice(hit.index! + hit[0].length)), what: `blank out "${hit[0]}"` };
};

/** Change a stream's /Length: 0, off by a little, or huge. */
export const damageLength: Mutator = (src, rng) => {
  const text = latin1(src);
  const m = [...text.matchAll(/\/Length (\d+)(?! \d+ R)/g)];
  if (!m.length) return flipBytes(src, rng);
  const hit = m[int(rng, 0, m.length - 1)];
  const value = String([0, Math.max(0, Number(hit[1]) + int(rng, -20, 20)), 999_999_999][int(rng, 0, 2)]);
  const start = hit.index! + '/Length '.length;
  return { bytes: bytesOf(text.slice(0, start) + value + text.slice(start + hit[1].length)), what: `/Length ${hit[1]} -> ${value}` };
};

/** Numbers a damaged or malicious content stream may hold instead of a coordinate. */
const BAD_NUMBERS = ['0', '-0', '1' + '0'.repeat(40), '-' + '9'.repeat(30), '0.' + '0'.repeat(30) + '1', '99999', '-99999', '3.4e38', '--5', '1.2.3', '.', '-'];

/**
 * Replace numbers inside one Flate-encoded stream (a content stream, usually): inflate it, swap
 * 1..8 numbers for extreme or malformed ones, deflate it back and fix a direct /Length.
 */
export const replaceNumbers: Mutator = (src, rng) => {
  const text = latin1(src);
  const streams = [...text.matchAll(/\/Filter\s*\/FlateDecode[^>]*>>\s*stream\r?\n/g)];
  for (let attempt = 0; attempt < 4 && streams.length; attempt++) {
    const hit = streams[int(rng, 0, streams.length - 1)];
    const start = hit.index! + hit[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    let body: string;
    try {
      body = inflateSync(Buffer.from(text.slice(start, end).replace(/\r?\n$/, ''), 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    const numbers = [...body.matchAll(/-?\d*\.?\d+/g)];
    if (!numbers.length) continue;
    const n = int(rng, 1, Math.min(8, numbers.length));
    const picks = [...new Set(Array.from({ length: n }, () => int(rng, 0, numbers.length - 1)))].sort((a, b) => b - a);
    let mutated = body;
    for (const k of picks) {
      const num = numbers[k];
      mutated = mutated.slice(0, num.index!) + BAD_NUMBERS[int(rng, 0, BAD_NUMBERS.length - 1)] + mutated.slice(num.index! + num[0].length);
    }
    const packed = deflateSync(Buffer.from(mutated, 'latin1')).toString('latin1');
    // fix a direct /Length in the stream's dictionary (an indirect one is left: pdf.js finds endstream)
    const dictStart = text.lastIndexOf('<<', hit.index!);
    const dict = text.slice(dictStart, start).replace(/\/Length \d+(?! \d+ R)/, `/Length ${packed.length}`);
    return {
      bytes: bytesOf(text.slice(0, dictStart) + dict + packed + '\n' + text.slice(end)),
      what: `replace ${picks.length} numbers in the stream at ${start}`,
    };
  }
  return flipBytes(src, rng);
};

export const MUTATORS: Record<string, Mutator> = {
  flip: flipBytes,
  truncate,
  move: moveChunk,
  xref: damageXref,
  length: damageLength,
  numbers: replaceNumbers,
};

/** Mutant `index` of a run seeded `seed`: its mutator is chosen in turn, its randomness from (seed, index). */
export function mutant(src: Uint8Array, seed: number, index: number): Mutant & { mutator: string } {
  const names = Object.keys(MUTATORS);
  const name = names[index % names.length];
  const rng = mulberry32((seed * 1_000_003 + index * 7919) >>> 0);
  return { ...MUTATORS[name](src, rng), mutator: name };
}
