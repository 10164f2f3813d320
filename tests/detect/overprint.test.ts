/**
 * Text painted twice reads once (src/detect/overprint.ts): the rules alone on hand-made glyphs at
 * their thresholds, then generated pages through the whole analysis, then the real filings that
 * showed the fault (corpus 11: a header stamped twice; corpus 30: an OCR layer under the slides'
 * own text, and a font that draws its "d" at character code 32).
 */
import { PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { OVERPRINT_ACROSS, OVERPRINT_ALONG, readOnce, SAME_TEXT_SHARE, UNDER_VISIBLE_SHARE, withoutInvisibleCopies, withoutOverprints } from '../../src/detect/overprint.js';
import type { BBox, Glyph } from '../../src/model.js';
import { corpusFile, describeCorpus } from '../helpers/corpus.js';
import { docWith, PAGE, save, text } from '../forensics/fixtures.js';

let order = 0;
function glyph(t: string, bbox: BBox, more: Partial<Glyph> = {}): Glyph {
  return { text: t, bbox, order: order++, fontSize: 10, fontName: 'F1', bold: false, italic: false, color: [0, 0, 0], invisible: false, isSpace: false, group: 0, ...more };
}
const texts = (gs: Glyph[]) => gs.map((g) => g.text).join('');

describe('withoutOverprints', () => {
  it('drops a repeat within OVERPRINT_ALONG and OVERPRINT_ACROSS of the font size, keeps one just beyond', () => {
    const a = glyph('A', [100, 100, 107, 110]);
    const near = glyph('A', [100 + 0.9 * OVERPRINT_ALONG * 10, 100 + 0.9 * OVERPRINT_ACROSS * 10, 107, 110]);
    const along = glyph('A', [100 + 1.2 * OVERPRINT_ALONG * 10, 100, 108, 110]);
    const across = glyph('A', [100, 100 + 1.2 * OVERPRINT_ACROSS * 10, 107, 112.4]);
    expect(withoutOverprints([a, near])).toEqual([a]);
    expect(withoutOverprints([a, along])).toEqual([a, along]);
    expect(withoutOverprints([a, across])).toEqual([a, across]);
    // whichever comes first in the list is painted first, and kept
    expect(withoutOverprints([near, a])).toEqual([near]);
  });

  it('drops a third print as well (fake bold printed three times, each a little further)', () => {
    const gs = [0, 0.8, 1.6].map((dx) => glyph('B', [100 + dx, 100, 107 + dx, 110]));
    expect(withoutOverprints(gs)).toEqual([gs[0]]);
  });

  it('keeps different text at the same place, the same text elsewhere, and spaces', () => {
    const gs = [glyph('A', [100, 100, 107, 110]), glyph('B', [100, 100, 107, 110]), glyph('A', [200, 100, 207, 110]), glyph(' ', [107, 100, 110, 110], { isSpace: true }), glyph(' ', [107, 100, 110, 110], { isSpace: true })];
    expect(withoutOverprints(gs)).toHaveLength(5);
  });

  it('never drops a visible glyph as the repeat of an invisible one', () => {
    const hidden = glyph('A', [100, 100, 107, 110], { invisible: true });
    const shown = glyph('A', [100, 100, 107, 110]);
    expect(withoutOverprints([hidden, shown])).toEqual([hidden, shown]);
  });
});

describe('withoutInvisibleCopies', () => {
  const word = (s: string, x: number, y: number, more: Partial<Glyph> = {}) => [...s].map((c, i) => glyph(c, [x + 6 * i, y, x + 6 * (i + 1), y + 10], more));

  it('drops invisible glyphs lying under visible ones, keeps those under nothing', () => {
    const ocr = word('Riders', 101, 99, { invisible: true });
    const shown = word('Riders', 100, 100);
    const alone = word('Alone', 300, 100, { invisible: true });
    expect(texts(withoutInvisibleCopies([...ocr, ...shown, ...alone]))).toBe('RidersAlone');
    expect(withoutInvisibleCopies([...ocr, ...shown, ...alone]).filter((g) => g.invisible)).toEqual(alone);
  });

  it('drops an OCR word as a whole when its glyphs are covered enough together (its last letter, 17% covered, overhangs the printed word)', () => {
    const shown = word('LOPEZ', 100, 100);
    const ocr = [...'LOPEZ'].map((c, i) => glyph(c, [100 + 7.2 * i, 100, 100 + 7.2 * (i + 1), 110], { invisible: true }));
    expect(withoutInvisibleCopies([...ocr, ...shown])).toEqual(shown);
  });

  it(`keeps an invisible glyph covered by less than ${UNDER_VISIBLE_SHARE} of its box`, () => {
    const shown = glyph('x', [100, 100, 110, 110]);
    const half = glyph('y', [100 + 10 * (1 - UNDER_VISIBLE_SHARE) + 0.5, 100, 110 + 10 * (1 - UNDER_VISIBLE_SHARE) + 0.5, 110], { invisible: true });
    const most = glyph('z', [102, 100, 112, 110], { invisible: true });
    expect(withoutInvisibleCopies([shown, half, most])).toEqual([shown, half]);
  });

  it(`drops an OCR word whose taller box the printed word covers by ${SAME_TEXT_SHARE} or more when the printed glyphs spell it`, () => {
    // corpus 30's slide 19: the OCR line box 31 pt high, 15 pt above the 18 pt printed line (45 % covered)
    const tall = (s: string, x: number) => [...s].map((c, i) => glyph(c, [x + 6 * i, 85, x + 6 * (i + 1), 105], { invisible: true }));
    const shown = [...word('ELERTS', 100, 96), ...word('Attention', 140, 96)];
    expect(withoutInvisibleCopies([...tall('ELERTS', 100), ...shown])).toEqual(shown);
    // "employsor": the OCR word joins two printed ones; letters are compared, not spaces
    const printed = [...word('employs', 100, 96), ...word('or', 142, 96)];
    expect(withoutInvisibleCopies([...tall('employsor', 100), ...printed])).toEqual(printed);
    // other text there, or too little of it covered, or a single letter: kept
    const other = tall('Jonathan', 100);
    expect(withoutInvisibleCopies([...other, ...shown]).filter((g) => g.invisible)).toEqual(other);
    const above = [...'ELERTS'].map((c, i) => glyph(c, [100 + 6 * i, 80, 100 + 6 * (i + 1), 100], { invisible: true })); // 20 % covered
    expect(withoutInvisibleCopies([...above, ...shown]).filter((g) => g.invisible)).toEqual(above);
    const one = [glyph('E', [100, 85, 106, 105], { invisible: true })];
    expect(withoutInvisibleCopies([...one, ...shown]).filter((g) => g.invisible)).toEqual(one);
  });

  it('handles a glyph box of absurd size (a damaged font matrix) without indexing it cell by cell', () => {
    const huge = glyph('H', [-1e9, -1e9, 1e9, 1e9]);
    const ocr = glyph('H', [0, 0, 10, 10], { invisible: true });
    expect(withoutInvisibleCopies([huge, ocr])).toEqual([huge]);
    expect(readOnce([ocr, glyph('H', [0, 0, 10, 10], { fontSize: 1e12 })])).toHaveLength(1);
  });
});

describe('analyze: a page that paints its text twice reads it once', () => {
  const heading = 'CONFIDENTIAL DEPOSITION OF MARIA LOPEZ';
  const body = 'The witness appeared and was sworn.';

  it('the same line drawn twice at the same place (two stamps), and again 0.4 pt to the side (fake bold)', async () => {
    const ops = text(72, 100, heading) + text(72, 100, heading) + text(72, 140, body) + text(72.4, 140, body) + text(72, 180, 'Signed on March 3.');
    const r = await analyze(await save(await docWith(ops)), { path: 'twice.pdf', ocr: 'never' });
    expect(r.pages[0].text.split('\n')).toEqual([heading, body, 'Signed on March 3.']);
    expect(r.leaks).toEqual([]);
  });

  it('an invisible OCR copy under the visible text, a point off, is not read again and is no leak', async () => {
    const ocr = `q BT 3 Tr /F1 12 Tf 73 ${PAGE.height - 100 - 12 * 0.8 + 1} Td (${heading}) Tj ET Q\n`;
    const r = await analyze(await save(await docWith(ocr + text(72, 100, heading) + text(72, 140, body))), { path: 'ocr-copy.pdf', ocr: 'never' });
    expect(r.pages[0].text.split('\n')).toEqual([heading, body]);
    expect(r.leaks).toEqual([]);
  });

  it('an invisible line under nothing is still read (and is hidden text: the rule only drops copies)', async () => {
    const ocr = `q BT 3 Tr /F1 12 Tf 72 ${PAGE.height - 300} Td (Jonathan Example) Tj ET Q\n`;
    const r = await analyze(await save(await docWith(text(72, 100, heading) + ocr)), { path: 'ocr-alone.pdf', ocr: 'never' });
    expect(r.leaks.map((l) => [l.kind, l.text])).toEqual([['hidden-text', 'Jonathan Example']]);
  });

  it('a font that draws a letter at character code 32 keeps the letter (the glyph\'s text decides, not the code)', async () => {
    const b = await docWith('BT /F3 12 Tf 72 600 Td (People nee more) Tj ET\n');
    // code 32 draws "d": "nee" + code 32 reads "need"; the other code-32s of the string read "d" too
    const font = b.doc.context.obj({
      Type: 'Font',
      Subtype: 'Type1',
      BaseFont: 'Helvetica',
      Encoding: b.doc.context.obj({ Type: 'Encoding', BaseEncoding: 'WinAnsiEncoding', Differences: [32, PDFName.of('d')] }),
    });
    b.page.node.setFontDictionary(PDFName.of('F3'), b.doc.context.register(font));
    const r = await analyze(await save(b), { path: 'code32.pdf', ocr: 'never' });
    expect(r.pages[0].text).toBe('Peopledneedmore');
  });
});

describeCorpus('overprinted text in real filings', () => {
  it('corpus 11: the deposition header stamped by two annotations reads once', async () => {
    const r = await analyze(corpusFile('11_xray_unfilled_rect.pdf'), { ocr: 'never' });
    const lines = r.pages[0].text.split('\n');
    expect(lines).toContain('CRYSTAL M. LONG');
    expect(lines).toContain('LONG vs ABILITY RECOVERY SERVICES 1–4');
    expect(r.pages[0].text).not.toMatch(/CRYSTAL CRYSTAL|DEPO 800\.211\.DEPO/);
  });

  it('corpus 30: the slides\' own text reads once over their OCR layer, and the "d" drawn at code 32 is kept', async () => {
    const r = await analyze(corpusFile('30_metra_slide_deck_footer_bars_map_pins.pdf'), { ocr: 'never' });
    const doubled = /\b(\p{L}{3,}) \1\b/u;
    for (const s of r.sections) expect(s.title).not.toMatch(doubled);
    expect(r.pages[1].text).toContain('#1 See Something, Say Something … for Transit Agencies …');
    expect(r.pages[2].text).toContain('People need more than “Call 911” or “Tell a LEO”');
    expect(r.pages[3].text.split('\n')[0]).toBe('Riders feel Safer with ELERTS See Say app');
    expect(r.leaks).toEqual([]);
  });
});
