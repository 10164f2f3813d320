/**
 * Picture text (src/detect/picture-text.ts): an invisible OCR layer over a picture on a page that
 * sets its own text is read, but never makes a heading. The rule alone on hand-made facts, then
 * generated pages through the whole analysis (a slide with a screenshot; the controls: a scan's own
 * OCR layer under a visible filing stamp, and a search layer over no picture), then corpus 30.
 */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { imageCover, pictureTextRule } from '../../src/detect/picture-text.js';
import { SCAN_COVER } from '../../src/facts/text-plan.js';
import type { BBox, Glyph, PageFacts, PlacedImage } from '../../src/model.js';
import { corpusFile, describeCorpus } from '../helpers/corpus.js';
import { docWith, PAGE, save, text } from '../forensics/fixtures.js';

let order = 0;
function glyph(t: string, bbox: BBox, more: Partial<Glyph> = {}): Glyph {
  return { text: t, bbox, order: order++, fontSize: 10, fontName: 'F1', bold: false, italic: false, color: [0, 0, 0], invisible: false, isSpace: false, group: 0, ...more };
}
const image = (bbox: BBox): PlacedImage => ({ bbox, order: order++, transform: [bbox[2] - bbox[0], 0, 0, bbox[3] - bbox[1], bbox[0], bbox[1]] });
const facts = (images: PlacedImage[], glyphs: Glyph[]) => ({ page: 1, width: 600, height: 800, images, glyphs }) as unknown as PageFacts;

describe('pictureTextRule', () => {
  const shown = [glyph('T', [50, 50, 60, 60]), glyph('o', [60, 50, 70, 60])];
  const ocrWord = [glyph('W', [110, 110, 120, 130], { invisible: true }), glyph('i', [120, 110, 125, 130], { invisible: true })];

  it('an invisible word over a picture on a page with its own visible text is picture text; a visible word is not', () => {
    const f = facts([image([100, 100, 300, 300])], [...shown, ...ocrWord]);
    const rule = pictureTextRule(f, f.glyphs)!;
    expect(rule(ocrWord)).toBe(true);
    expect(rule(shown)).toBe(false);
    // over no picture (a search layer over ink), or half visible: not picture text
    expect(rule(ocrWord.map((g) => ({ ...g, bbox: [400, 400, 410, 410] as BBox })))).toBe(false);
    expect(rule([ocrWord[0], { ...ocrWord[1], invisible: false }])).toBe(false);
  });

  it(`no picture text on a scan (images covering ${SCAN_COVER} of the page together, tiles included), nor on a page without visible text`, () => {
    const tiles = [0, 1, 2, 3].map((k) => image([0, 200 * k, 600, 200 * (k + 1) - 90]));
    expect(imageCover(facts(tiles, []))).toBeCloseTo(4 * 110 / 800);
    const scan = facts([...tiles, image([0, 0, 600, 100])], [...shown, ...ocrWord]);
    expect(imageCover(scan)).toBeGreaterThanOrEqual(SCAN_COVER);
    expect(pictureTextRule(scan, scan.glyphs)).toBeNull();
    const onlyOcr = facts([image([100, 100, 300, 300])], ocrWord);
    expect(pictureTextRule(onlyOcr, onlyOcr.glyphs)).toBeNull();
  });
});

/** A grey "screenshot" of the given size (pixels = points), with dark bars of "text" unless plain (a blank scan). */
async function screenshot(b: Awaited<ReturnType<typeof docWith>>, [x0, y0, x1, y1]: BBox, plain = false): Promise<void> {
  const canvas = createCanvas(x1 - x0, y1 - y0);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = plain ? '#fff' : '#ddd';
  ctx.fillRect(0, 0, x1 - x0, y1 - y0);
  ctx.fillStyle = '#444';
  if (!plain) for (let y = 10; y < y1 - y0 - 10; y += 30) ctx.fillRect(10, y, x1 - x0 - 40, 12);
  b.page.drawImage(await b.doc.embedPng(canvas.toBuffer('image/png')), { x: x0, y: PAGE.height - y1, width: x1 - x0, height: y1 - y0 });
}

/** An invisible line (render mode 3) of the given size, its top at yTop. */
const invisible = (x: number, yTop: number, s: string, size: number) => `q BT 3 Tr /F1 ${size} Tf ${x} ${PAGE.height - yTop - size * 0.8} Td (${s}) Tj ET Q\n`;

const body = ['Riders report incidents from the app.', 'Each report reaches the dispatcher.', 'The console keeps a record of each one.'];

describe('analyze: picture text is read, and is no heading', () => {
  it('a slide: a large OCR line over its screenshot stays in the page text but opens no section', async () => {
    const b = await docWith(text(72, 60, 'Simple Reporting', { size: 24 }) + body.map((l, i) => text(72, 110 + 16 * i, l)).join(''));
    await screenshot(b, [300, 300, 560, 500]);
    b.page.node.addContentStream(b.doc.context.register(b.doc.context.stream(invisible(320, 320, 'Report a Problem', 28) + invisible(320, 400, 'Wile', 28))));
    const r = await analyze(await save(b), { path: 'slide.pdf', ocr: 'never' });
    expect(r.sections.map((s) => s.title)).toEqual(['Simple Reporting']);
    expect(r.pages[0].text).toContain('Report a Problem');
    expect(r.leaks).toEqual([]);
  });

  it('control: a scan\'s own OCR layer under a visible filing stamp keeps its heading', async () => {
    const stamp = text(72, 20, 'Case 1:24-cv-01873-RDM Document 42-3 Filed 03/15/24 Page 3 of 15', { size: 8 });
    const b = await docWith(stamp);
    await screenshot(b, [0, 0, PAGE.width, PAGE.height], true);
    const layer = invisible(72, 100, 'DECLARATION OF MARIA LOPEZ', 16) + body.map((l, i) => invisible(72, 150 + 16 * i, l, 11)).join('');
    b.page.node.addContentStream(b.doc.context.register(b.doc.context.stream(layer)));
    const r = await analyze(await save(b), { path: 'scan-stamp.pdf', ocr: 'never' });
    expect(r.sections.map((s) => s.title)).toContain('DECLARATION OF MARIA LOPEZ');
  });
});

describeCorpus('picture text in a real slide deck', () => {
  it('corpus 30: the OCR of its screenshots opens no section', async () => {
    const r = await analyze(corpusFile('30_metra_slide_deck_footer_bars_map_pins.pdf'), { ocr: 'never' });
    const titles = r.sections.map((s) => s.title);
    for (const junk of ['Wile', 'inde spea upo ”', 'INVOLVED. | nik tat', 'E.G. Reon oben']) expect(titles).not.toContain(junk);
    expect(titles).toContain('Riders feel Safer with ELERTS See Say app');
    expect(r.pages[3].text).toContain('Wile');
  });
});
