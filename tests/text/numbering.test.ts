import { describe, expect, it } from 'vitest';
import { parseNumbering, romanValue, SEQUENCE_REPAIR, splitReadings } from '../../src/text/numbering.js';

const parse = (line: string) => parseNumbering(line.split(' ').slice(0, 2));

describe('parseNumbering', () => {
  it('reads outline styles', () => {
    expect(parse('I. PURPOSE')).toMatchObject({ kind: 'roman', style: 'roman.', ordinal: 1, tokenCount: 1 });
    expect(parse('IV. TERMS')).toMatchObject({ kind: 'roman', ordinal: 4 });
    expect(parse('B. Scope')).toMatchObject({ kind: 'upper', style: 'upper.', ordinal: 2 });
    expect(parse('3. Term')).toMatchObject({ kind: 'decimal', style: 'decimal.1', ordinal: 3, depth: 1 });
    expect(parse('2.3.1 Detail')).toMatchObject({ kind: 'decimal', style: 'decimal.3', ordinal: 1, depth: 3 });
    expect(parse('1.1. Scope')).toMatchObject({ style: 'decimal.2', ordinal: 1 });
    expect(parse('2.0 Scope')).toMatchObject({ style: 'decimal.1', ordinal: 2 });
    expect(parse('(a) item')).toMatchObject({ kind: 'lower', style: '(lower)', ordinal: 1 });
    expect(parse('(iv) item')).toMatchObject({ kind: 'lower-roman', style: '(lower-roman)', ordinal: 4 });
    expect(parse('(2) item')).toMatchObject({ kind: 'decimal', style: '(decimal)', ordinal: 2 });
    expect(parse('a) item')).toMatchObject({ kind: 'lower', style: 'lower)' });
    expect(parse('Section 4 Records')).toMatchObject({ kind: 'section', ordinal: 4, tokenCount: 2 });
    expect(parse('SECTION 2.1 Records')).toMatchObject({ kind: 'section', ordinal: 1, tokenCount: 2 });
    expect(parse('§5 Records')).toMatchObject({ kind: 'section', ordinal: 5, tokenCount: 1 });
    expect(parse('ARTICLE IV')).toMatchObject({ kind: 'article', ordinal: 4, tokenCount: 2 });
    expect(parse('Article 2: Terms')).toMatchObject({ kind: 'article', ordinal: 2 });
  });

  it('reads a decimal numbering OCR split in two (1 I. for 11.) as a repair only the sequence can justify', () => {
    expect(parse('1 I. Harm to Ongoing Matter')).toMatchObject({ style: 'decimal.1', ordinal: 11, label: '11.', repair: SEQUENCE_REPAIR, tokenCount: 2 });
    expect(parse('2 l. Item')).toMatchObject({ ordinal: 21, tokenCount: 2 });
    expect(splitReadings('1', '1|.')).toMatchObject([{ ordinal: 111 }]);
    // not a split numbering: a bare number before a word, a letter that is no 1, no period
    expect(splitReadings('1', 'In')).toEqual([]);
    expect(splitReadings('1', 'A.')).toEqual([]);
    expect(splitReadings('1', 'I')).toEqual([]);
    expect(splitReadings('123', 'I.')).toEqual([]);
    expect(parse('1 A. Item')?.tokenCount).not.toBe(2);
  });

  it('offers the letter reading for I, V and X', () => {
    expect(parse('I. Item')?.readings[1]).toMatchObject({ kind: 'upper', ordinal: 9, repair: 0 });
    expect(parse('V. Item')?.readings.map((r) => [r.style, r.ordinal, r.repair])).toEqual([
      ['roman.', 5, 0],
      ['upper.', 22, 0],
      ['roman.', 6, 2],
    ]);
    expect(parse('C. Item')).toMatchObject({ kind: 'upper', ordinal: 3 });
    expect(parse('C. Item')?.readings).toHaveLength(1);
  });

  it('rejects ordinary words and references', () => {
    for (const t of ['The parties', 'Mr. Smith', 'MIX. it', 'e.g. this', '5 U.S.C.', '(b)(6) of', '2024. The', 'Section of', 'Article the']) {
      expect(parse(t), t).toBeNull();
    }
  });

  it('reads roman numerals', () => {
    expect(romanValue('XIV')).toBe(14);
    expect(romanValue('iix')).toBeNull();
  });
});
