import { describe, expect, it } from 'vitest';
import { canonicalExemption } from '../../src/scan/exemptions.js';
import { leakOf, readsAsText } from '../../src/detect/leaks.js';
import type { Region } from '../../src/detect/regions.js';
import { isOrdinaryText } from '../../src/detect/raster-regions.js';
import { layerQuality, planPage } from '../../src/facts/text-plan.js';
import type { BBox, Glyph, PageFacts } from '../../src/model.js';

describe('exemption codes read by OCR', () => {
  it.each([
    ['(b)(6)', '(b)(6)'],
    ['(b)(S)', '(b)(5)'],
    ['(BX7XC)', '(b)(7)(C)'],
    ['(B)(7)E)', '(b)(7)(E)'],
    ['b)(7)(C', '(b)(7)(C)'],
    ['(b)(l)', '(b)(1)'],
  ])('%s → %s', (read, code) => expect(canonicalExemption(read)).toBe(code));
  it.each(['BNC)', 'Harm to Ongoing Matter', 'John', '(b)(0)'])('%s is no code', (read) => expect(canonicalExemption(read)).toBeUndefined());
});

describe('OCR debris under a box', () => {
  it.each(['1if•', 'lirllllll', '|||', '•••'])('%s is debris', (t) => expect(readsAsText(t)).toBe(false));
  it.each(['John Smith', 'the informant', 'Oyelaran'])('%s reads as text', (t) => expect(readsAsText(t)).toBe(true));
});

describe('text on a dark bar in a scan', () => {
  it('ordinary words are a header bar, labels and codes are not', () => {
    expect(isOrdinaryText('ATTACHMENT A — DATA ELEMENTS EXCHANGED')).toBe(true);
    expect(isOrdinaryText('Harm to Ongoing Matter')).toBe(false);
    expect(isOrdinaryText('(BX7XC)')).toBe(false);
  });
});

describe('text plan per page', () => {
  const glyph = (text: string, i: number, invisible = false): Glyph => ({
    text, bbox: [i * 6, 100, i * 6 + 6, 112], order: i, fontSize: 12, fontName: 'F', bold: false, italic: false,
    color: [0, 0, 0], invisible, isSpace: text === ' ', group: 0,
  });
  const glyphsOf = (s: string, invisible = false) => [...s].map((c, i) => glyph(c, i, invisible));
  const page = (glyphs: Glyph[], imageCover: number): PageFacts => ({
    page: 1, width: 612, height: 792, rotation: 0, glyphs, shapes: [], annotations: [], groupBoxes: [],
    images: imageCover ? [{ bbox: [0, 0, 612, 792 * imageCover], order: 0, transform: [612, 0, 0, -792, 0, 792] }] : [],
  });
  const prose = Array.from({ length: 40 }, (_, i) => ['the', 'agency', 'shall', 'provide', 'records'][i % 5]).join(' ');

  it('born-digital text: the text layer, no rendering', () => {
    expect(planPage(page(glyphsOf(prose), 0), 'auto')).toMatchObject({ source: 'text-layer', render: false });
  });
  it('a scan without text: render and OCR', () => {
    expect(planPage(page([], 1), 'auto')).toMatchObject({ source: 'ocr', render: true, rasterBoxes: true });
  });
  it('a scan with a good invisible OCR layer: keep the layer, still look for burned-in boxes', () => {
    expect(planPage(page(glyphsOf(prose, true), 1), 'auto')).toMatchObject({ source: 'text-layer', render: true, rasterBoxes: true });
  });
  it('a scan whose layer is only a few stamps or debris: OCR it', () => {
    expect(planPage(page(glyphsOf('03/23/2019 03/23/2019'), 1), 'auto').source).toBe('ocr');
    expect(layerQuality(['l1|', '~~r', 'ii,;', 'the'])).toBeLessThan(0.6);
  });
  it('--ocr never and --ocr always override', () => {
    expect(planPage(page([], 1), 'never').source).toBe('none');
    expect(planPage(page(glyphsOf(prose), 0), 'always').source).toBe('ocr');
  });
});

describe('OCR-layer words under a box (item 5: false leaks)', () => {
  // an invisible OCR layer: 6 pt per character, 12 pt font, on one line at y = 100
  const layer = (text: string, x = 100): Glyph[] =>
    [...text].map((ch, i) => ({
      text: ch, bbox: [x + i * 6, 100, x + i * 6 + 6, 112], order: 1, fontSize: 12, fontName: 'GlyphLessFont', bold: false,
      italic: false, color: [0, 0, 0], invisible: true, isSpace: ch === ' ', group: 0,
    }));
  // a raster box painted with the page image, after the layer's order does not matter (invisible text)
  const box = (x0: number, x1: number, label?: string): Region => ({
    bbox: [x0, 98, x1, 114], parts: [{ bbox: [x0, 98, x1, 114], order: 5, color: [0, 0, 0], group: -1, stamp: false }], source: 'raster', ...(label ? { label } : {}),
  });

  it('whole words under the box that read as language leak', () => {
    const leak = leakOf(box(100 + 8 * 6 - 2, 100 + 27 * 6 + 2), 'r', 1, layer('Manager Marguerite Oyelaran said'));
    expect(leak?.text).toBe('Marguerite Oyelaran');
  });
  it('a word running through the box is not under it ("iscl" of a bold "disclosure")', () => {
    expect(leakOf(box(100 + 6 * 5 + 1, 100 + 6 * 9 - 1), 'r', 1, layer('full disclosure of'))).toBeNull();
    expect(leakOf(box(100 + 6 * 6 + 1, 100 + 6 * 8), 'r', 1, layer('released'))).toBeNull();
  });
  it("the box's own label read by the OCR layer is no leak", () => {
    expect(leakOf(box(98, 100 + 22 * 6 + 2, 'Harm to Ongoing Matter'), 'r', 1, layer('Harm to Ongoing Matter'))).toBeNull();
    expect(leakOf(box(98, 100 + 3 * 6 + 2, 'HOM'), 'r', 1, layer('HOM'))).toBeNull();
  });
  it('debris the OCR engine made of the box is no leak', () => {
    expect(leakOf(box(98, 100 + 9 * 6 + 2), 'r', 1, layer('lirllllll'))).toBeNull();
  });
  it("inside a box holding only its label, the layer's garbled reading of the label is no leak (corpus 32: 'f:lon' for '(b)(6)'); much more text is", () => {
    const labelled = (x1: number): Region => ({ ...box(98, x1, '(b)(6)'), style: 'outline', labelInside: true });
    expect(leakOf(labelled(100 + 5 * 6 + 2), 'r', 1, layer('f:lon'))).toBeNull();
    expect(leakOf(labelled(100 + 24 * 6 + 2), 'r', 1, layer('Marguerite Oyelaran said'))?.text).toBe('Marguerite Oyelaran said');
    // a box that does not hold only its label: the general rule
    expect(leakOf(box(98, 100 + 5 * 6 + 2, '(b)(6)'), 'r', 1, layer('f:lon'))?.text).toBe('f:lon');
  });
  it('a word stretched across a blob (two letters 60 pt wide at 12 pt: corpus 31 p3 "Ji") is no leak; print of the same letters is', () => {
    const wide = layer('Ji').map((g, i) => ({ ...g, bbox: [100 + i * 30, 100, 130 + i * 30, 112] as BBox }));
    expect(leakOf(box(98, 162), 'r', 1, wide)).toBeNull();
    expect(leakOf(box(98, 114), 'r', 1, layer('Ji'))?.text).toBe('Ji');
  });
});
