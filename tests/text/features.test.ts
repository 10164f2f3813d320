import { describe, expect, it } from 'vitest';
import { breaksLine, describeLine, isAllCaps, letterCount } from '../../src/text/features.js';
import type { WordToken } from '../../src/text/lines.js';
import { editDistance, median, quantile } from '../../src/text/math.js';
import { buildPageLines, type Line } from '../../src/text/lines.js';
import { measureTypography } from '../../src/text/stats.js';
import { bodyText, pageOf, paragraph, words, type RowSpec } from './helpers.js';

/** Looks of the rows, measured against a page of ordinary body text plus the rows. */
function looksOf(rows: RowSpec[], extra: (lines: Line[]) => void = () => undefined) {
  const lines = buildPageLines(pageOf(1, [...rows, ...paragraph(20, 8)]));
  extra(lines);
  const typo = measureTypography(lines);
  return lines.slice(0, rows.length).map((l) => describeLine(l, typo));
}

describe('letterCount', () => {
  it('counts letters of any script by code point, nothing else', () => {
    expect(letterCount('Art. 5(b)(6) — §22')).toBe(4);
    expect(letterCount('Müller Ørsted ΣΩ')).toBe(14);
    // one letter outside the BMP (two UTF-16 units), a lone surrogate, digits and marks
    expect(letterCount('\u{1D400}x\uD800 12 ½')).toBe(2);
    expect(letterCount('')).toBe(0);
    // the same count as matching \p{L}
    for (const t of ['Ṡṫřïñğ ˈIPA ǅ', 'ﬁle ℌ ⅷ', '漢字かな ㈱', '\uDC00a\uD835']) expect(letterCount(t)).toBe((t.match(/\p{L}/gu) ?? []).length);
  });
});

describe('quantile', () => {
  it('interpolates over the values in numeric order, without changing them', () => {
    const values = [10, 2, 33, 4];
    expect(median(values)).toBe(7);
    expect(quantile(values, 0.9)).toBeCloseTo(26.1, 10);
    expect(values).toEqual([10, 2, 33, 4]);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('subject', 'subject')).toBe(0);
    expect(editDistance('subjcct', 'subject')).toBe(1);
    expect(editDistance('approveg', 'approved')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('breaksLine', () => {
  const token = (text: string, confidence?: number): WordToken => ({ kind: 'word', text, bbox: [0, 0, 10, 10], word: { text, bbox: [0, 0, 10, 10], fontSize: 10, bold: false, italic: false, ...(confidence !== undefined ? { confidence } : {}) } });

  it('sentence and clause ends break a line; initials, initialisms and abbreviations do not', () => {
    for (const t of ['agree.', 'follows:', 'terms;', 'Stop!', 'why?', 'said."']) expect(breaksLine(token(t)), t).toBe(true);
    for (const t of ['v.', 'J.', 'U.S.', 'al.', 'Inc.', 'No.', '(Corp.', 'Jones,']) expect(breaksLine(token(t)), t).toBe(false);
  });

  it('in OCR, a ! right after a letter is a misread l or I, not an exclamation', () => {
    expect(breaksLine(token('Kami!', 88))).toBe(false);
    expect(breaksLine(token('Kami!'))).toBe(true);
    // an invisible text layer is OCR too (the file's own)
    const layer = token('Kami!');
    expect(breaksLine({ ...layer, word: { ...layer.word, invisible: true } })).toBe(false);
    expect(breaksLine(token('now !', 88))).toBe(true);
  });
});

describe('isAllCaps', () => {
  it('allows an OCR slip but not mixed case', () => {
    expect(isAllCaps('RESPONSIBILITIES OF THE PARTIES')).toBe(true);
    expect(isAllCaps('RESPONSlBILITIES OF THE PARTIES')).toBe(true);
    expect(isAllCaps('Responsibilities of FRIA')).toBe(false);
  });
});

describe('describeLine', () => {
  it('reads numbering, typography and endings', () => {
    const [roman, letter, para, big] = looksOf([
      { text: 'I. PURPOSE', bold: true },
      { text: 'A. Responsibilities of FRIA' },
      { text: `1. ${bodyText(1, 80)}.` },
      { text: 'Larger Title', size: 14 },
    ]);
    expect(roman).toMatchObject({ bold: true, caps: true, typographic: true, contentTokens: 1, endsSentence: false });
    expect(roman.numbering?.style).toBe('roman.');
    expect(letter).toMatchObject({ bold: false, caps: false, typographic: false, titleCaseShare: 1, startsUpper: true });
    expect(para).toMatchObject({ typographic: false, endsSentence: true, reachesRight: true });
    expect(big).toMatchObject({ larger: true, sizeBucket: 1, strength: 4 });
  });

  it('sees centred lines, table rows and run-in titles', () => {
    const [centred, table, runIn] = looksOf(
      [{ text: 'MEMORANDUM OF UNDERSTANDING', x: 'centre' }, { text: 'x' }, { text: `Purpose. ${bodyText(2, 60)}` }],
      (lines) => {
        // Row 2 becomes a table row: cells far apart.
        lines[1].tokens = words('Code R', 72, 86).concat(words('Text', 250, 86), words('Registry', 400, 86)).map((word) => ({ kind: 'word', text: word.text, bbox: word.bbox, word }));
        const first = lines[2].tokens[0];
        if (first.kind === 'word') first.word = { ...first.word, bold: true };
      },
    );
    expect(centred.centred).toBe(true);
    expect(table.tabular).toBe(true);
    expect(runIn.runInTokens).toBe(1);
  });
});
