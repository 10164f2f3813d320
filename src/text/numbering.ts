/**
 * Leading outline numbering of a line: `ARTICLE IV`, `Part 2`, `Section 3`, `APPENDIX A`, `I.`,
 * `A.`, `1.`, `1.2.3`, `(a)`, `(iv)`, `a)`, … Each numbering has a style (kind plus punctuation,
 * e.g. `roman.`, `upper)`, `decimal.2`, `(lower)`) and an ordinal used to follow sequences.
 *
 * A numbering may have several readings: `I.` is the roman one or the ninth letter, and OCR
 * confuses numerals (`Il.` for `II.`, `L` for `I.`, `Iv.` for `IV.`, `VIL` for `VI.` or `VII.`).
 * The readings are candidates; the outline's sequence picks one (outline.ts). Readings are ranked
 * by `repair`:
 *  - 0: the numbering as printed (both readings of `I.`, `V.`, `X.` have 0);
 *  - 1 (OCR_REPAIR): read through an OCR confusion — I from l, 1, |, !, L (a trailing `L` is `I.`
 *    or the period), V from v, U, u, X from x; a trailing character that may be a misread period
 *    (`Vv.` is `V.`); a roman numeral printed without punctuation (`XVIII EFFECTIVE DATE`); `l.`
 *    for `1.`;
 *  - 2 (SEQUENCE_REPAIR): a roman numeral with one I more or fewer at its end (`VII.` for `VIII.`),
 *    which only the sequence can justify.
 */

export type NumberingKind =
  | 'part'
  | 'article'
  | 'section'
  | 'appendix'
  | 'roman'
  | 'upper'
  | 'decimal'
  | 'lower'
  | 'lower-roman';

/** One way to read a numbering. */
export interface NumberingReading {
  kind: NumberingKind;
  /** Style key: kind, punctuation and (for decimals) depth; same key = same outline level. */
  style: string;
  /** Position in its sequence (I = 1, B = 2, 3 = 3, 1.2 = 2, …). */
  ordinal: number;
  /** The numbering as it should print (`II.`, `B.`, `(a)`, `1.2`, `ARTICLE IV`). */
  label: string;
  /** 0 as printed; OCR_REPAIR through an OCR confusion; SEQUENCE_REPAIR one I more or fewer. */
  repair: number;
}

export interface Numbering extends NumberingReading {
  /** Decimal depth (1 for `3.`, 2 for `3.1`); 1 for other kinds. */
  depth: number;
  /** Number of leading word tokens the numbering takes. */
  tokenCount: number;
  /** Every reading, the one above first (printed readings before repaired ones). */
  readings: NumberingReading[];
}

export const OCR_REPAIR = 1;
export const SEQUENCE_REPAIR = 2;
/** Outline roman numerals stay small: "MIX." or "civ." are words, not numbers. */
export const MAX_ROMAN = 40;

const ROMAN = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

export function romanValue(s: string): number | null {
  const u = s.toUpperCase();
  if (!u || !ROMAN.test(u)) return null;
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let total = 0;
  for (let i = 0; i < u.length; i++) {
    const cur = v[u[i]];
    const next = i + 1 < u.length ? v[u[i + 1]] : 0;
    total += cur < next ? -cur : cur;
  }
  return total;
}

/** The roman numeral of 1..3999. */
export function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}

const letterOrdinal = (c: string): number => c.toLowerCase().charCodeAt(0) - 96;

function reading(kind: NumberingKind, style: string, ordinal: number, label: string, repair = 0): NumberingReading {
  return { kind, style, ordinal, label, repair };
}

function numbering(readings: NumberingReading[], tokenCount: number, depth = 1): Numbering | null {
  if (readings.length === 0) return null;
  const sorted = [...readings].sort((a, b) => a.repair - b.repair);
  const seen = new Set<string>();
  const unique = sorted.filter((r) => {
    const key = `${r.style}|${r.ordinal}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...unique[0], depth, tokenCount, readings: unique };
}

export interface ParseOptions {
  /** Also offer readings through OCR confusions (default true). */
  repairs?: boolean;
}

/** Parses the numbering at the start of a line given its leading word texts. */
export function parseNumbering(words: readonly string[], options: ParseOptions = {}): Numbering | null {
  const [t0, t1] = words;
  if (!t0) return null;
  const named = namedNumbering(t0, t1);
  if (named) return named;
  const sect = /^§(\d{1,3}(?:\.\d{1,3})*)[.:]?$/.exec(t0);
  if (sect) return numbering([reading('section', 'section', Number(sect[1].split('.').pop()), t0)], 1);

  const readings: NumberingReading[] = [];
  let depth = 1;
  // (a) (iv) (1) (A)
  const paren = /^\(([A-Za-z]{1,5}|\d{1,3})\)$/.exec(t0);
  if (paren) readings.push(...classify(paren[1], '()'));
  // I. A. 1. a. i.   I) A) 1) a) i)
  const dotted = /^([A-Za-z]{1,5}|\d{1,3})([.)])$/.exec(t0);
  if (dotted) readings.push(...classify(dotted[1], dotted[2]));
  // 1.1 / 1.2.3 / 1.1. / 2.0
  const decimal = /^(\d{1,3}(?:\.\d{1,3})+)\.?$/.exec(t0);
  if (decimal) {
    const parts = decimal[1].split('.').map(Number);
    while (parts.length > 1 && parts[parts.length - 1] === 0) parts.pop();
    depth = parts.length;
    readings.push(reading('decimal', `decimal.${depth}`, parts[depth - 1], parts.length > 1 ? parts.join('.') : `${parts[0]}.`));
  }
  if (options.repairs !== false) {
    // `1 I.`: a numbering split in two, not the numeral I read from a bare 1
    const split = t1 ? splitReadings(t0, t1) : [];
    if (split.length) return numbering(split, 2);
    readings.push(...ocrReadings(t0));
  }
  return numbering(readings, 1, depth);
}

/**
 * A decimal numbering OCR split in two, its second 1 read as a letter: `1 I.` for `11.`, `2 l.` for
 * `21.`. The first token is digits, the second one or two characters read for 1 and the period.
 * Only the sequence can justify it (SEQUENCE_REPAIR): after `10.`, `1 I.` is `11.`.
 */
export function splitReadings(t0: string, t1: string): NumberingReading[] {
  if (!/^\d{1,2}$/.test(t0)) return [];
  const m = /^([Il|!1]{1,2})\.$/.exec(t1);
  if (!m) return [];
  const value = Number(t0 + m[1].replace(/[Il|!]/g, '1'));
  return [reading('decimal', 'decimal.1', value, `${value}.`, SEQUENCE_REPAIR)];
}

/** `ARTICLE IV`, `Part 2`, `Section 3.1`, `Sec. 4`, `§ 5`, `APPENDIX A`, `Exhibit 3`. */
function namedNumbering(t0: string, t1: string | undefined): Numbering | null {
  if (!t1) return null;
  const word = t0.toLowerCase();
  if (word === 'article' || word === 'part') {
    const m = /^([IVXLCDM]+|\d{1,3})[.:]?$/i.exec(t1);
    const ordinal = m ? (/^\d/.test(m[1]) ? Number(m[1]) : romanValue(m[1])) : null;
    if (m && ordinal) {
      const kind = word === 'part' ? 'part' : 'article';
      return numbering([reading(kind, kind, ordinal, `${t0} ${m[1]}`)], 2);
    }
  }
  if (/^(section|sec\.|§)$/i.test(t0)) {
    const m = /^(\d{1,3}(?:\.\d{1,3})*)[.:]?$/.exec(t1);
    if (m) return numbering([reading('section', 'section', Number(m[1].split('.').pop()), `${t0} ${m[1]}`)], 2);
  }
  if (/^(appendix|attachment|exhibit|schedule|annex|enclosure)$/i.test(t0) && /^\p{Lu}/u.test(t0)) {
    const m = /^([A-Z]|\d{1,3}|[IVX]{1,5})[.:]?$/.exec(t1);
    if (m) {
      const ordinal = /^\d/.test(m[1]) ? Number(m[1]) : m[1].length === 1 ? letterOrdinal(m[1]) : (romanValue(m[1]) ?? 1);
      return numbering([reading('appendix', 'appendix', ordinal, `${t0} ${m[1]}`)], 2);
    }
  }
  return null;
}

function classify(label: string, punct: string): NumberingReading[] {
  const style = (kind: string): string => (punct === '()' ? `(${kind})` : `${kind}${punct}`);
  const print = (s: string): string => (punct === '()' ? `(${s})` : `${s}${punct}`);
  if (/^\d+$/.test(label)) {
    return [reading('decimal', punct === '.' ? 'decimal.1' : style('decimal'), Number(label), print(String(Number(label))))];
  }
  const upper = label === label.toUpperCase();
  const lower = label === label.toLowerCase();
  if (!upper && !lower) return [];
  const value = romanValue(label);
  const roman = value !== null && value <= MAX_ROMAN ? value : null;
  const romanKind: NumberingKind = upper ? 'roman' : 'lower-roman';
  const letterKind: NumberingKind = upper ? 'upper' : 'lower';
  const out: NumberingReading[] = [];
  if (label.length === 1) {
    const letter = reading(letterKind, style(letterKind), letterOrdinal(label), print(label));
    // I, V, X read as roman numerals first (the sequence decides later); C, D, L, M as letters.
    if (roman !== null && /^[ivx]$/i.test(label)) out.push(reading(romanKind, style(romanKind), roman, print(label)));
    out.push(letter);
    return out;
  }
  if (roman !== null) out.push(reading(romanKind, style(romanKind), roman, print(label)));
  return out;
}

/** Characters OCR reads in place of I, V and X. */
const AS_I = 'Il1|!iL';
const AS_V = 'VvUu';
const AS_X = 'Xx';
/** Characters that may be a misread period at the end of a numeral. */
const PERIOD_LIKE = 'LlIi1|v,';

function mapRoman(core: string): string | null {
  let out = '';
  for (const ch of core) {
    if (AS_I.includes(ch)) out += 'I';
    else if (AS_V.includes(ch)) out += 'V';
    else if (AS_X.includes(ch)) out += 'X';
    else return null;
  }
  return out;
}

/**
 * Readings of a token through OCR confusions: roman numerals (upper-case style `roman.` or
 * `roman)`), `l.`/`I.`/`|.` as `1.`, and roman numerals one I longer or shorter.
 */
export function ocrReadings(token: string): NumberingReading[] {
  const m = /^([A-Za-z0-9|!]{1,6})([.),:;]?)$/.exec(token);
  if (!m) return [];
  const [, core, punct] = m;
  const out: NumberingReading[] = [];
  const mark = punct === ')' ? ')' : '.';
  const romanReading = (numeral: string, repair: number): void => {
    const v = romanValue(numeral);
    if (v !== null && v >= 1 && v <= MAX_ROMAN) out.push(reading('roman', `roman${mark}`, v, `${numeral}${mark}`, repair));
  };
  const mapped = mapRoman(core);
  const candidates: string[] = [];
  if (mapped) candidates.push(mapped);
  if (core.length >= 2 && PERIOD_LIKE.includes(core[core.length - 1])) {
    const rest = mapRoman(core.slice(0, -1));
    if (rest) candidates.push(rest);
  }
  // the printed numeral (exactly as read, upper case, with a period) is no repair: classify has it
  const literal = punct === '.' || punct === ')' ? core : null;
  for (const c of candidates) if (c !== literal) romanReading(c, OCR_REPAIR);
  // one I more or fewer at the end (a numeral read from letters): only the sequence can say so
  for (const c of /[0-9|!]/.test(core) ? [] : candidates.slice(0, 1)) {
    romanReading(`${c}I`, SEQUENCE_REPAIR);
    if (c.length >= 2 && c.endsWith('I')) romanReading(c.slice(0, -1), SEQUENCE_REPAIR);
  }
  // l. | . for 1.; 1l. for 11.
  if (punct === '.' && /^[0-9Il|!]{1,3}$/.test(core) && /[Il|!]/.test(core)) {
    out.push(reading('decimal', 'decimal.1', Number(core.replace(/[Il|!]/g, '1')), `${Number(core.replace(/[Il|!]/g, '1'))}.`, OCR_REPAIR));
  }
  return out;
}
