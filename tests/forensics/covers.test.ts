/**
 * Covers of any colour: white-out boxes and white Square/FreeText annotations over live text
 * (text-under-box), raster images used as bars (text-under-image); and the width of removed text
 * that glyph positions give away (width-measurable notices).
 */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import type { Report } from '../../src/report/schema.js';
import { addAnnotation, appearance, BOX, docWith, fill, LINE, nameLine, rect, redactedBody, save, SECRET, text, widthOf, type Built } from './fixtures.js';

async function run(ops: string, tweak?: (b: Built) => void | Promise<void>): Promise<Report> {
  const b = await docWith(ops);
  await tweak?.(b);
  return analyze(await save(b), { path: 'covers.pdf', ocr: 'never' });
}

const NAME_AT: [number, number, number, number] = [LINE.name, 200, LINE.nameEnd, 212];
const line = nameLine;

describe('white-out boxes over live text', () => {
  it('a white box drawn over text is a white redaction that leaks the text', async () => {
    const r = await run(line() + fill(BOX, [1, 1, 1]));
    expect(r.pages[0].redactions).toEqual([expect.objectContaining({ source: 'vector', style: 'white' })]);
    expect(r.leaks).toEqual([expect.objectContaining({ kind: 'text-under-box', text: `${SECRET},`, redactionId: 'p1-r1' })]);
    expect(r.pages[0].text).not.toContain(SECRET);
  });

  it('a coloured (light blue) box over text leaks too', async () => {
    const r = await run(line() + fill(BOX, [0.7, 0.8, 1]));
    expect(r.leaks).toEqual([expect.objectContaining({ kind: 'text-under-box', text: `${SECRET},` })]);
    expect(r.pages[0].redactions[0].style).toBe('solid');
  });

  it('a replacement drawn on top of the white box does not make it safe, and stays readable', async () => {
    const r = await run(line() + fill(BOX, [1, 1, 1]) + text(180, 200, '[name withheld]'));
    expect(r.leaks.map((l) => l.text)).toEqual([`${SECRET},`]);
    expect(r.pages[0].text).toContain('[name withheld]');
  });

  it('hard negative: a white box with nothing under it is neither a redaction nor a leak', async () => {
    const r = await run(redactedBody() + fill([72, 400, 400, 440], [1, 1, 1]));
    expect(r.pages[0].redactions).toHaveLength(1); // the black box only
    expect(r.leaks).toEqual([]);
  });

  it('hard negative: light shading painted before its text (a table cell) hides nothing', async () => {
    const r = await run(fill([60, 190, 500, 220], [0.9, 0.9, 0.9]) + line());
    expect(r.summary.redactions).toBe(0);
    expect(r.leaks).toEqual([]);
  });

  it('a white Square annotation over text is an annotation redaction that leaks', async () => {
    const r = await run(line(), (b) => {
      addAnnotation(b, { Type: 'Annot', Subtype: 'Square', Rect: rect(BOX), C: [1, 1, 1], IC: [1, 1, 1], F: 4 });
    });
    expect(r.pages[0].redactions).toEqual([expect.objectContaining({ source: 'annotation', annotation: 'Square', style: 'white' })]);
    expect(r.leaks).toEqual([expect.objectContaining({ kind: 'text-under-box', text: `${SECRET},` })]);
  });

  it('a FreeText annotation with a white background over text leaks; its own text is not the leak', async () => {
    const r = await run(line(), (b) => {
      const w = BOX[2] - BOX[0];
      const h = BOX[3] - BOX[1];
      const ap = appearance(b, w, h, `1 1 1 rg 0 0 ${w} ${h} re f BT 0 g /F1 9 Tf 2 4 Td (WITHHELD) Tj ET`);
      addAnnotation(b, { Type: 'Annot', Subtype: 'FreeText', Rect: rect(BOX), Contents: 'WITHHELD', DA: '/F1 9 Tf 0 g', F: 4, AP: { N: ap } });
    });
    expect(r.leaks).toEqual([expect.objectContaining({ kind: 'text-under-box', text: `${SECRET},` })]);
    expect(r.pages[0].text).toContain('WITHHELD');
  });
});

/** A PNG: one flat colour, noise (a picture), or a signature (ink strokes on white). */
function png(kind: 'black' | 'white' | 'picture' | 'signature'): Buffer {
  const canvas = createCanvas(120, 20);
  const ctx = canvas.getContext('2d');
  if (kind === 'signature') {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 120, 20);
    ctx.strokeStyle = '#123';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(5, 15);
    for (let x = 5; x < 115; x += 6) ctx.lineTo(x, x % 12 ? 4 : 16);
    ctx.stroke();
  } else if (kind === 'picture') {
    for (let x = 0; x < 120; x += 4) for (let y = 0; y < 20; y += 4) {
      const v = (x * 37 + y * 91) % 255;
      ctx.fillStyle = `rgb(${v},${255 - v},${(v * 3) % 255})`;
      ctx.fillRect(x, y, 4, 4);
    }
  } else {
    ctx.fillStyle = kind === 'black' ? '#000' : '#fff';
    ctx.fillRect(0, 0, 120, 20);
  }
  return canvas.toBuffer('image/png');
}

async function imageOver(kind: 'black' | 'white' | 'picture' | 'signature', before = false): Promise<Report> {
  const b = await docWith(before ? '' : line());
  const img = await b.doc.embedPng(png(kind));
  const [x0, y0, x1, y1] = BOX;
  b.page.drawImage(img, { x: x0, y: 792 - y1, width: x1 - x0, height: y1 - y0 });
  if (before) b.page.node.addContentStream(b.doc.context.register(b.doc.context.stream(line())));
  return analyze(await save(b), { path: 'image-over.pdf', ocr: 'never' });
}

describe('text-under-image: an image used as a bar', () => {
  it('a black image drawn over text leaks the text', async () => {
    const r = await imageOver('black');
    expect(r.leaks).toEqual([expect.objectContaining({ kind: 'text-under-image', page: 1, text: `${SECRET},` })]);
    expect(r.pages[0].text).not.toContain(SECRET);
  });

  it('a white image drawn over text leaks the text', async () => {
    const r = await imageOver('white');
    expect(r.leaks.map((l) => l.kind)).toEqual(['text-under-image']);
  });

  it('hard negatives: an image drawn before the text; a picture, or a signature, over text', async () => {
    expect((await imageOver('black', true)).leaks.filter((l) => l.kind === 'text-under-image')).toEqual([]);
    expect((await imageOver('picture')).leaks).toEqual([]);
    expect((await imageOver('signature')).leaks).toEqual([]);
  });
});

describe('width-measurable notices', () => {
  it('a box in a line whose neighbours keep their positions gives the removed width and characters', async () => {
    const r = await run(redactedBody());
    expect(r.leaks).toEqual([]);
    const n = r.notices.filter((x) => x.kind === 'width-measurable');
    expect(n).toHaveLength(1);
    // from the end of "informant," to the start of "reported": the space, the name and its comma, the space
    const removed = widthOf(` ${SECRET}, `);
    expect(n[0]).toMatchObject({ page: 1, redactionId: 'p1-r1' });
    expect(n[0].widthPt!).toBeCloseTo(removed, 0);
    // 19 characters in all; Helvetica's average glyph is a little wider than this line's
    expect(n[0].charsEstimate!).toBeGreaterThan(15);
    expect(n[0].charsEstimate!).toBeLessThan(23);
    expect(n[0].detail).toContain('"informant,"');
    expect(r.notices.every((x) => x.kind !== 'width-measurable' || x.redactionId)).toBe(true);
  });

  it('no notice for a box at a line end (one neighbour only), nor for a leaking box', async () => {
    const r = await run(text(72, 200, 'The informant was') + fill([LINE.name, 196, 540, 212]));
    expect(r.notices).toEqual([]);
    const leaky = await run(line() + fill(NAME_AT));
    expect(leaky.leaks).toHaveLength(1);
    expect(leaky.notices).toEqual([]);
  });
});
