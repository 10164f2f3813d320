/**
 * The rules that read hidden annotations' appearance text (src/facts/hidden-appearances.ts), each
 * alone on hand-made data; and the warning scope's reread, which keeps a page read twice from
 * saying pdf.js's warnings twice (src/load/pdfjs-warnings.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  appearanceSections,
  glyphText,
  hiddenAppearanceIds,
  MAX_HIDDEN_APPEARANCE_TEXT,
  readHiddenAppearances,
  type HiddenAppearanceList,
} from '../../src/facts/hidden-appearances.js';
import { fontInfoFrom } from '../../src/facts/operator-walk.js';
import type { Matrix } from '../../src/facts/geometry.js';
import { pdfjs } from '../../src/load/pdfjs.js';
import { collectingScope } from '../../src/load/pdfjs-warnings.js';
import type { AnalysisWarning, BBox, Glyph } from '../../src/model.js';

const OPS = pdfjs.OPS;
const annot = (id: string, subtype: string, flags: number, hasAppearance = true) => ({ id, subtype, annotationFlags: flags, hasAppearance });

describe('hiddenAppearanceIds', () => {
  it('takes annotations not shown (invisible 1, hidden 2, no-view 32: print-only too) that have an appearance', () => {
    const ids = hiddenAppearanceIds([annot('1R', 'Stamp', 2), annot('2R', 'Square', 1), annot('3R', 'Ink', 32 | 4), annot('4R', 'Caret', 2 | 4)]);
    expect([...ids]).toEqual([['1R', 'Stamp'], ['2R', 'Square'], ['3R', 'Ink'], ['4R', 'Caret']]);
  });

  it('leaves shown ones (print 4, none), those without an appearance, and FreeText, widgets, popups (pdf.js reads them)', () => {
    const raw = [annot('1R', 'Stamp', 4), annot('2R', 'Stamp', 0), annot('3R', 'Stamp', 2, false), annot('4R', 'FreeText', 2), annot('5R', 'Widget', 2), annot('6R', 'Popup', 2)];
    expect(hiddenAppearanceIds(raw).size).toBe(0);
  });
});

describe('appearanceSections', () => {
  it("finds each wanted annotation's ops, beginAnnotation to endAnnotation; the others are left", () => {
    const fn = [OPS.save, OPS.restore, OPS.beginAnnotation, OPS.showText, OPS.endAnnotation, OPS.beginAnnotation, OPS.fill, OPS.endAnnotation];
    const args: unknown[] = [null, null, ['7R'], [[]], null, ['9R'], null, null];
    expect([...appearanceSections(fn, args, new Set(['9R']))]).toEqual([['9R', [5, 7]]]);
    expect([...appearanceSections(fn, args, new Set(['7R', '9R']))]).toEqual([['7R', [2, 4]], ['9R', [5, 7]]]);
  });

  it('a section left open ends at the next beginAnnotation or at the end of the list', () => {
    const fn = [OPS.beginAnnotation, OPS.showText, OPS.beginAnnotation, OPS.showText];
    expect([...appearanceSections(fn, [['1R'], null, ['2R'], null], new Set(['1R', '2R']))]).toEqual([['1R', [0, 2]], ['2R', [2, 4]]]);
  });
});

/** Glyphs of one line of 10-point text, one per character, each 6 points wide from x. */
function line(s: string, x: number, y: number, size = 10): Glyph[] {
  return [...s].map((c, i) => {
    const bbox: BBox = [x + i * 6, y, x + i * 6 + 6, y + size];
    return { text: c, bbox, order: 0, fontSize: size, fontName: 'F1', bold: false, italic: false, color: [0, 0, 0], invisible: false, isSpace: c === ' ', group: 0 };
  });
}

describe('glyphText', () => {
  it('joins glyphs into words as the page\'s words are (glyphRuns): space glyphs, gaps and the next line part them', () => {
    const kerned = [...line('Jona', 10, 10), ...line('than', 34.5, 10)]; // a 0.5-point kern: one word
    const gap = line('Example', 90, 10); // 32 points on: another word
    expect(glyphText([...kerned, ...gap, ...line('Smith', 10, 30)]).text).toBe('Jonathan Example Smith');
    expect(glyphText(line('two  words ', 0, 0)).text).toBe('two words');
  });

  it('keeps at most the given characters, and says it cut', () => {
    expect(glyphText(line('abcdef', 0, 0), 4)).toEqual({ text: 'abcd', cut: true });
    expect(glyphText(line('abcd', 0, 0), 4)).toEqual({ text: 'abcd', cut: false });
  });
});

describe('readHiddenAppearances', () => {
  const vt: Matrix = [1, 0, 0, -1, 0, 792];
  const font = () => fontInfoFrom({ name: 'Helvetica' }, 'F1');
  const ids = new Map([['5R', 'Stamp']]);
  const show = (s: string) => [[...s].map((c) => ({ unicode: c, width: 500, isSpace: c === ' ' }))];
  const list = (text: string): HiddenAppearanceList => ({
    ids,
    opList: {
      fnArray: [OPS.beginAnnotation, OPS.beginText, OPS.setFont, OPS.showText, OPS.endText, OPS.endAnnotation],
      argsArray: [['5R', [0, 0, 200, 20], [1, 0, 0, 1, 0, 0], [1, 0, 0, 1, 0, 0]], null, ['F1', 10], show(text), null, null],
    },
  });

  it("walks the hidden annotation's section for its text", () => {
    expect(readHiddenAppearances(1, list('Jonathan Example'), vt, font)).toEqual({ texts: new Map([['5R', 'Jonathan Example']]), warnings: [] });
  });

  it('a page with nothing hidden to read has no list: nothing, no warning', () => {
    expect(readHiddenAppearances(1, undefined, vt, font)).toEqual({ texts: new Map(), warnings: [] });
  });

  it('a list pdf.js could not give, or one over maxOperatorsPerPage, is a warning (the page is kept)', () => {
    const failed = readHiddenAppearances(3, { ids, error: new Error('bad stream') }, vt, font);
    expect(failed).toEqual({ texts: new Map(), warnings: [{ page: 3, what: 'appearance text of 1 hidden annotation', why: 'cannot be read (bad stream)' }] });
    const over = readHiddenAppearances(3, list('Jonathan'), vt, font, { maxOperatorsPerPage: 5 });
    expect(over.texts.size).toBe(0);
    expect(over.warnings).toEqual([{ page: 3, what: 'appearance text of 1 hidden annotation', why: "6 operators with every annotation's appearance, over the limit of 5 (maxOperatorsPerPage)" }]);
  });

  it(`text beyond MAX_HIDDEN_APPEARANCE_TEXT = ${MAX_HIDDEN_APPEARANCE_TEXT} characters is cut, with a warning`, () => {
    const r = readHiddenAppearances(2, list('x'.repeat(MAX_HIDDEN_APPEARANCE_TEXT + 5)), vt, font);
    expect(r.texts.get('5R')).toHaveLength(MAX_HIDDEN_APPEARANCE_TEXT);
    expect(r.warnings).toEqual([{ page: 2, what: 'the appearance text of a hidden Stamp annotation beyond 10,000 characters', why: 'over the limit (MAX_HIDDEN_APPEARANCE_TEXT)' }]);
  });
});

describe('collectingScope', () => {
  const lost = (page: number, why = 'cannot be read (FormatError)'): AnalysisWarning => ({ page, what: 'a form or image XObject', why });

  it("a reread adds only what the page in flight did not already say (as often as it said it); then all again", async () => {
    const warnings: AnalysisWarning[] = [];
    const pages: number[] = [];
    const scope = collectingScope(warnings, (w) => pages.push(w.page!));
    scope.page = 2;
    scope.add(lost(1));
    scope.add(lost(2));
    scope.add(lost(2));
    await scope.reread!(async () => {
      for (const w of [lost(2), lost(2), lost(2), lost(2, 'other'), lost(1)]) scope.add(w);
    });
    expect(warnings).toEqual([lost(1), lost(2), lost(2), lost(2), lost(2, 'other'), lost(1)]);
    scope.add(lost(2));
    expect(warnings).toHaveLength(7);
    expect(pages).toEqual([1, 2, 2, 2, 2, 1, 2]);
  });
});
