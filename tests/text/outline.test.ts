import { describe, expect, it } from 'vitest';
import { parseNumbering } from '../../src/text/numbering.js';
import { chooseReadings, ladderRank, outlineLevels, styleOrder, type OutlineHeading } from '../../src/text/outline.js';

/** The labels the sequence picks for headings whose first token is each of `tokens`. */
function read(...tokens: string[]): (string | null)[] {
  return chooseReadings(tokens.map((t) => parseNumbering([t, 'TITLE'])?.readings ?? null)).map((r) => r?.label ?? null);
}

describe('numbering repair by the sequence', () => {
  it('reads OCR confusions of roman numerals as the sequence goes: I, Il, Ill, Iv, V is I-V', () => {
    expect(read('I.', 'Il.', 'Ill.', 'Iv.', 'V.')).toEqual(['I.', 'II.', 'III.', 'IV.', 'V.']);
  });

  it('reads a trailing L as "I." or as the period, whichever continues the sequence', () => {
    // the scanned ICE agreement (corpus 33): L PURPOSE, IL AUTHORITY, IIL POLICY, … VIL (VI), VIL (VII), VIIL
    expect(read('L', 'IL', 'IIL', 'Iv.', 'Vv.', 'VIL', 'VIL', 'VIIL', 'IX.')).toEqual(['I.', 'II.', 'III.', 'IV.', 'V.', 'VI.', 'VII.', 'VIII.', 'IX.']);
  });

  it('reads a numeral printed without its period when the sequence expects it', () => {
    expect(read('XVI.', 'XVIL', 'XVIII')).toEqual(['XVI.', 'XVII.', 'XVIII.']);
  });

  it('lets the sequence add the I that OCR dropped: VII. between VII and IX is VIII.', () => {
    expect(read('VI.', 'VII.', 'VII.', 'IX.')).toEqual(['VI.', 'VII.', 'VIII.', 'IX.']);
  });

  it('never overrules a printed reading that continues or starts a sequence', () => {
    // 1. under I. is the first numbered paragraph, not roman II
    expect(read('I.', '1.', '2.', 'II.')).toEqual(['I.', '1.', '2.', 'II.']);
  });

  it('rejects a repair no sequence supports', () => {
    // a lone "L" (or the pronoun "I") opening a line is no numbering
    expect(read('L')).toEqual([null]);
    expect(read('A.', 'L', 'B.')).toEqual(['A.', null, 'B.']);
  });

  it('reads I. after H. as a letter and V. after U. as a letter, I. and V. elsewhere as roman', () => {
    expect(read('I.', 'A.', 'B.', 'C.', 'D.', 'E.', 'F.', 'G.', 'H.', 'I.', 'II.')).toEqual(['I.', 'A.', 'B.', 'C.', 'D.', 'E.', 'F.', 'G.', 'H.', 'I.', 'II.']);
    const letters = chooseReadings(['H.', 'I.', 'J.'].map((t) => parseNumbering([t])!.readings));
    expect(letters.map((r) => r?.style)).toEqual(['upper.', 'upper.', 'upper.']);
    const afterU = chooseReadings(['IV.', ...[...'ABCDEFGHIJKLMNOPQRSTU'].map((c) => `${c}.`), 'V.', 'W.'].map((t) => parseNumbering([t])!.readings));
    expect(afterU.slice(-4).map((r) => `${r?.style}${r?.ordinal}`)).toEqual(['upper.20', 'upper.21', 'upper.22', 'upper.23']);
    const romanV = chooseReadings(['IV.', 'A.', 'B.', 'V.'].map((t) => parseNumbering([t])!.readings));
    expect(romanV.map((r) => r?.style)).toEqual(['roman.', 'upper.', 'upper.', 'roman.']);
  });
});

const h = (style: string | null, ordinal = 1, size = 11, strength = 1): OutlineHeading => ({ style, ordinal, size, strength });

describe('levels from the legal outline ladder', () => {
  it('ranks ARTICLE > Section > I. > A. > 1. > 1.1 > a. > (1) > (a) > (i)', () => {
    const ladder = ['article', 'section', 'roman.', 'upper.', 'decimal.1', 'decimal.2', 'decimal.3', 'lower.', '(decimal)', '(lower)', '(lower-roman)'];
    expect([...ladder].sort((a, b) => ladderRank(a) - ladderRank(b))).toEqual(ladder);
  });

  it('gives dense levels to the styles present, whatever appears first', () => {
    // a document whose first heading is a letter still has roman numerals above letters
    const hs = [h('upper.'), h('roman.'), h('upper.'), h('(lower)'), h('roman.', 2)];
    expect(outlineLevels(hs, false)).toEqual([2, 1, 2, 3, 1]);
  });

  it('keeps decimal numbering its own ladder: 1. > 1.1 > 1.1.1', () => {
    expect(outlineLevels([h('decimal.1'), h('decimal.2'), h('decimal.3'), h('(lower)'), h('decimal.1', 2)], false)).toEqual([1, 2, 3, 4, 1]);
  });

  it('puts a style set clearly larger first (text layer only: OCR sizes are estimates)', () => {
    const hs = [h('decimal.1', 1, 14), h('upper.', 1, 11), h('upper.', 2, 11), h('decimal.1', 2, 14)];
    expect(outlineLevels(hs, false)).toEqual([1, 2, 2, 1]);
    expect(outlineLevels(hs, true)).toEqual([2, 1, 1, 2]);
  });

  it('follows a document that nests against the ladder when its sequences say so', () => {
    // 1. A. B. 2. A. B.: the letters restart under each number, twice, never the other way round
    const hs = [h('decimal.1', 1), h('upper.', 1), h('upper.', 2), h('decimal.1', 2), h('upper.', 1), h('upper.', 2)];
    expect(styleOrder(hs, true)).toEqual(['decimal.1', 'upper.']);
    expect(outlineLevels(hs, true)).toEqual([1, 2, 2, 1, 2, 2]);
  });

  it('places appendices at the top and unnumbered headings by loudness', () => {
    const hs = [h('roman.', 1, 11, 3), h('upper.', 1, 11, 1), h(null, undefined, 11, 3), h('appendix', 1)];
    expect(outlineLevels(hs, false)).toEqual([1, 2, 1, 1]);
  });
});
