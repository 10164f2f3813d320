/** OCR words onto the page: the speck rule alone (scan/ocr-words.ts). The sample's title is checked in sample-scanned.test.ts. */
import { describe, expect, it } from 'vitest';
import type { Word } from '../../src/model.js';
import { ocrWordsToPage, SPECK_SIZE_SHARE, withoutSpecks } from '../../src/scan/ocr-words.js';

const word = (text: string, x: number, height: number, width = 12 * text.length): Word => ({ text, bbox: [x, 100, x + width, 100 + height], fontSize: height, bold: false, italic: false, confidence: 90 });
/** The same word set sideways (it runs down the page): its box is tall and narrow. */
const sideways = (w: Word): Word => ({ ...w, bbox: [w.bbox[1], w.bbox[0], w.bbox[3], w.bbox[2]] });
/** A title line in 20-unit capitals, as the scanned sample's "THE FEDERAL RECORDS …". */
const line = ['THE', 'FEDERAL', 'RECORDS', 'INTEGRITY', 'AGENCY', 'AND'].map((t, i) => word(t, i * 100, 20));

describe('withoutSpecks', () => {
  it(`drops a lone letter or digit under ${SPECK_SIZE_SHARE} of the words' median thickness`, () => {
    const speck = word('i', 700, 5, 5);
    expect(withoutSpecks([...line, speck])).toEqual(line);
    expect(withoutSpecks([...line, word('7', 700, 5, 5)])).toEqual(line);
  });

  it('keeps letters that are small by nature, punctuation, longer words and pages with few words', () => {
    // x-height letters (about half a word's height), a superscript digit (about 0.4)
    for (const small of [word('a', 700, 10), word('o', 700, 9), word('1', 700, 8, 4)]) expect(withoutSpecks([...line, small])).toContain(small);
    // a period or a dash is short by nature
    for (const mark of [word('.', 700, 3), word('-', 700, 2)]) expect(withoutSpecks([...line, mark])).toContain(mark);
    const short = word('of', 700, 5);
    expect(withoutSpecks([...line, short])).toContain(short);
    // a table set sideways: its words are tall and narrow, and its "0"s are no specks (corpus 34 p15)
    const table = [...line, word('0', 700, 20), word('0', 800, 20)].map(sideways);
    expect(withoutSpecks(table)).toEqual(table);
    expect(withoutSpecks([...line.map(sideways), sideways(word('i', 700, 5, 5))])).toEqual(line.map(sideways));
    // too few words to know the page's height
    const few = [...line.slice(0, 3), word('i', 700, 5, 5)];
    expect(withoutSpecks(few)).toEqual(few);
  });

  it('applies to OCR words as they reach the page; the mean confidence is of the words kept', () => {
    const ocr = [...line.map((w) => ({ text: w.text, bbox: w.bbox, confidence: 90, line: 0 })), { text: 'i', bbox: [700, 100, 705, 105] as [number, number, number, number], confidence: 30, line: 0 }];
    const { words, meanConfidence } = ocrWordsToPage(ocr, 1, []);
    expect(words.map((w) => w.text)).toEqual(line.map((w) => w.text));
    expect(meanConfidence).toBe(90);
  });
});
