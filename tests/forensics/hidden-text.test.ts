/**
 * hidden-text: text a born-digital page holds but never shows. One fixture per way of hiding, and
 * the look-alikes that are not hidden (an OCR layer over its scan, a light watermark, a white
 * label on a black box, white text on a dark banner or a gradient, a transcript's machine tag).
 */
import { createCanvas } from '@napi-rs/canvas';
import { PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { readsAsLanguage } from '../../src/detect/hidden-text.js';
import type { Report } from '../../src/report/schema.js';
import { addHiddenLayer, docWith, fill, LINE, PAGE, redactedBody, save, SECRET, text } from './fixtures.js';

async function run(ops: string, tweak?: (b: Awaited<ReturnType<typeof docWith>>) => void | Promise<void>): Promise<Report> {
  const b = await docWith(ops);
  await tweak?.(b);
  return analyze(await save(b), { path: 'hidden.pdf', ocr: 'never' });
}

const hiddenLeaks = (r: Report) => r.leaks.filter((l) => l.kind === 'hidden-text');

describe('hidden-text: each way of hiding is found, with the text recovered', () => {
  it('render mode 3 (invisible) with nothing under it', async () => {
    const r = await run(redactedBody() + `BT 3 Tr /F1 12 Tf 72 ${PAGE.height - 409.6} Td (${SECRET}) Tj ET\n`);
    expect(r.leaks).toHaveLength(1);
    expect(hiddenLeaks(r)[0]).toMatchObject({ page: 1, text: SECRET, detail: expect.stringContaining('render mode 3') });
    expect(r.pages[0].text).not.toContain(SECRET);
  });

  it('invisible text under a redaction box is that box\'s leak, not hidden text', async () => {
    const r = await run(redactedBody() + `BT 3 Tr /F1 12 Tf ${LINE.name} ${PAGE.height - 209.6} Td (${SECRET}) Tj ET\n`);
    expect(r.leaks).toEqual([expect.objectContaining({ kind: 'text-under-box', text: SECRET, redactionId: 'p1-r1' })]);
  });

  it('white text on the white page', async () => {
    const r = await run(redactedBody() + text(72, 400, `Confidential source: ${SECRET}`, { rgb: [1, 1, 1] }));
    expect(hiddenLeaks(r)).toHaveLength(1);
    expect(hiddenLeaks(r)[0].text).toBe(`Confidential source: ${SECRET}`);
    expect(hiddenLeaks(r)[0].detail).toContain('same colour');
  });

  it('text the colour of the box it is painted on', async () => {
    const r = await run(redactedBody() + fill([72, 380, 400, 420], [0.2, 0.4, 0.8]) + text(80, 392, SECRET, { rgb: [0.2, 0.4, 0.8] }));
    expect(hiddenLeaks(r).map((l) => l.text)).toEqual([SECRET]);
  });

  it('text under 1 pt, and text of size zero', async () => {
    const r = await run(redactedBody() + text(72, 400, SECRET, { size: 0.5 }) + text(72, 450, 'Witness number 55512', { size: 0 }));
    expect(hiddenLeaks(r).map((l) => [l.text, l.detail])).toEqual(
      expect.arrayContaining([
        [SECRET, expect.stringContaining('smaller than 1 pt')],
        ['Witness number 55512', expect.stringContaining('size zero')],
      ]),
    );
  });

  it('text outside the crop box', async () => {
    const r = await run(redactedBody() + text(72, 760, SECRET), (b) => b.page.setCropBox(0, 100, PAGE.width, PAGE.height - 100));
    expect(hiddenLeaks(r)).toHaveLength(1);
    expect(hiddenLeaks(r)[0]).toMatchObject({ text: SECRET, detail: expect.stringContaining('outside the page') });
  });

  it('text in an optional-content layer that is off, with a hidden-layers notice', async () => {
    const r = await run(redactedBody() + `/OC /Hidden BDC\n${text(72, 400, `Note: the informant is ${SECRET}`)}EMC\n`, (b) => addHiddenLayer(b));
    expect(hiddenLeaks(r)).toHaveLength(1);
    expect(hiddenLeaks(r)[0]).toMatchObject({ text: `Note: the informant is ${SECRET}`, detail: expect.stringContaining('layer') });
    expect(r.notices.filter((n) => n.kind === 'hidden-layers')).toEqual([expect.objectContaining({ count: 1, detail: expect.stringContaining('Reviewer notes') })]);
    expect(r.pages[0].text).not.toContain(SECRET);
  });

  it('text clipped away by a clipping path', async () => {
    const r = await run(redactedBody() + `q 72 300 100 20 re W n\n${text(72, 400, SECRET)}Q\n`);
    expect(hiddenLeaks(r)).toHaveLength(1);
    expect(hiddenLeaks(r)[0]).toMatchObject({ text: SECRET, detail: expect.stringContaining('clipped') });
  });

  it('a shape in a hidden layer is not drawn, so it is no redaction', async () => {
    const r = await run(text(72, 200, 'The informant was seen.') + `/OC /Hidden BDC\n${fill([60, 190, 300, 220])}EMC\n`, (b) => addHiddenLayer(b));
    expect(r.summary.redactions).toBe(0);
    expect(r.leaks).toEqual([]);
  });
});

describe('hidden-text hard negatives: visible or excused text is not hidden', () => {
  it('an OCR layer (render mode 3) over its scan', async () => {
    const canvas = createCanvas(100, 100);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 100, 100);
    const b = await docWith('');
    const png = await b.doc.embedPng(canvas.toBuffer('image/png'));
    b.page.drawImage(png, { x: 0, y: 0, width: PAGE.width, height: PAGE.height });
    b.page.node.addContentStream(b.doc.context.register(b.doc.context.stream('BT 3 Tr /F1 12 Tf 72 600 Td (The witness testified at length about the events.) Tj ET')));
    const r = await analyze(await save(b), { path: 'ocr-layer.pdf', ocr: 'never' });
    expect(r.leaks).toEqual([]);
  });

  it('a light grey watermark, white labels on black boxes, white text on a dark banner', async () => {
    const ops =
      redactedBody() +
      text(150, 500, 'DRAFT', { size: 60, rgb: [0.85, 0.85, 0.85] }) +
      fill([72, 600, 400, 630]) +
      text(80, 610, 'SECTION HEADER ON A DARK BAR', { rgb: [1, 1, 1] }) +
      text(190, 201, '(b)(6)', { size: 9, rgb: [1, 1, 1] });
    const r = await run(ops);
    expect(r.leaks).toEqual([]);
    expect(r.pages[0].text).toContain('DRAFT');
  });

  it('white text on a shading (gradient) whose colour is unknown', async () => {
    const ops = `q 72 100 400 60 re W n /Sh1 sh Q\n` + text(80, 660, 'Title on a gradient banner', { rgb: [1, 1, 1] });
    const r = await run(ops, ({ doc, page }) => {
      const sh = doc.context.obj({ ShadingType: 2, ColorSpace: 'DeviceRGB', Coords: [72, 0, 472, 0], Function: doc.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0.4], C1: [0, 0, 0], N: 1 }) });
      page.node.Resources()!.set(PDFName.of('Shading'), doc.context.obj({ Sh1: sh }));
    });
    expect(r.leaks).toEqual([]);
  });

  it('a transcript verification tag is not withheld text', () => {
    expect(readsAsLanguage('YVer1f')).toBe(false);
    expect(readsAsLanguage('Jonathan')).toBe(true);
    expect(readsAsLanguage('555-12-3456')).toBe(true);
  });
});
