/**
 * Leading outline numbering of a line: `ARTICLE IV`, `Section 3`, `I.`, `A.`, `1.`, `1.2.3`,
 * `(a)`, `(iv)`, `a)`, … Each numbering has a style (kind plus punctuation, e.g. `roman.`,
 * `upper)`, `decimal.2`, `(lower)`) and an ordinal used to follow sequences.
 */

export type NumberingKind =
  | 'article'
  | 'section'
  | 'roman'
  | 'upper'
  | 'decimal'
  | 'lower'
  | 'lower-roman';

export interface Numbering {
  kind: NumberingKind;
  /** Style key: kind, punctuation and (for decimals) depth; same key = same outline level. */
  style: string;
  /** Position in its sequence (I = 1, B = 2, 3 = 3, 1.2 = 2, …). */
  ordinal: number;
  /** Decimal depth (1 for `3.`, 2 for `3.1`); 1 for other kinds. */
  depth: number;
  /** Number of leading word tokens the numbering takes. */
  tokenCount: number;
  /** For single letters that are also roman numerals (I, V, X, …): the letter reading. */
  alternative?: { kind: NumberingKind; style: string; ordinal: number };
}

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

const letterOrdinal = (c: string): number => c.toLowerCase().charCodeAt(0) - 96;

/** Parses the numbering at the start of a line given its leading word texts. */
export function parseNumbering(words: readonly string[]): Numbering | null {
  const [t0, t1] = words;
  if (!t0) return null;

  // ARTICLE IV / Article 4 / ARTICLE IV. / ARTICLE 4:
  if (/^article$/i.test(t0) && t1) {
    const m = /^([IVXLCDM]+|\d{1,3})[.:]?$/i.exec(t1);
    if (m) {
      const ordinal = /^\d/.test(m[1]) ? Number(m[1]) : romanValue(m[1]);
      if (ordinal) return { kind: 'article', style: 'article', ordinal, depth: 1, tokenCount: 2 };
    }
  }
  // Section 3 / SECTION 3.1 / Sec. 4 / § 5
  if (/^(section|sec\.|§)$/i.test(t0) && t1) {
    const m = /^(\d{1,3}(?:\.\d{1,3})*)[.:]?$/.exec(t1);
    if (m) return { kind: 'section', style: 'section', ordinal: Number(m[1].split('.').pop()), depth: 1, tokenCount: 2 };
  }
  const sect = /^§(\d{1,3}(?:\.\d{1,3})*)[.:]?$/.exec(t0);
  if (sect) return { kind: 'section', style: 'section', ordinal: Number(sect[1].split('.').pop()), depth: 1, tokenCount: 1 };

  // (a) (iv) (1) (A)
  const paren = /^\(([A-Za-z]{1,5}|\d{1,3})\)$/.exec(t0);
  if (paren) return classify(paren[1], '()');
  // I. A. 1. a. i.   I) A) 1) a) i)
  const dotted = /^([A-Za-z]{1,5}|\d{1,3})([.)])$/.exec(t0);
  if (dotted) return classify(dotted[1], dotted[2]);
  // 1.1 / 1.2.3 / 1.1. / 2.0
  const decimal = /^(\d{1,3}(?:\.\d{1,3})+)\.?$/.exec(t0);
  if (decimal) {
    const parts = decimal[1].split('.').map(Number);
    while (parts.length > 1 && parts[parts.length - 1] === 0) parts.pop();
    const depth = parts.length;
    return { kind: 'decimal', style: `decimal.${depth}`, ordinal: parts[depth - 1], depth, tokenCount: 1 };
  }
  return null;
}

function classify(label: string, punct: string): Numbering | null {
  const style = (kind: string): string => (punct === '()' ? `(${kind})` : `${kind}${punct}`);
  if (/^\d+$/.test(label)) {
    const depth = 1;
    return { kind: 'decimal', style: punct === '.' ? 'decimal.1' : style('decimal'), ordinal: Number(label), depth, tokenCount: 1 };
  }
  const upper = label === label.toUpperCase();
  // Outline numerals stay small; "MIX." or "civ." are words, not numbers.
  const value = romanValue(label);
  const roman = value !== null && value <= 40 ? value : null;
  const romanKind: NumberingKind = upper ? 'roman' : 'lower-roman';
  const letterKind: NumberingKind = upper ? 'upper' : 'lower';
  if (label.length === 1) {
    const letter = { kind: letterKind, style: style(letterKind), ordinal: letterOrdinal(label), depth: 1, tokenCount: 1 };
    // I, V, X read as roman numerals first (resolved against the sequence later); C, D, L, M as letters.
    if (roman !== null && /^[ivx]$/i.test(label)) {
      return {
        kind: romanKind,
        style: style(romanKind),
        ordinal: roman,
        depth: 1,
        tokenCount: 1,
        alternative: { kind: letter.kind, style: letter.style, ordinal: letter.ordinal },
      };
    }
    return letter;
  }
  if (roman !== null) return { kind: romanKind, style: style(romanKind), ordinal: roman, depth: 1, tokenCount: 1 };
  return null;
}
