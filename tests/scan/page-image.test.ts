/**
 * A scanned page that is one image drawn pixel for pixel is not drawn again (scan/page-image.ts):
 * the decoded image pdf.js gave the facts pass must be exactly what the canvas would have drawn,
 * and any other page must be drawn.
 */
import { createCanvas } from '@napi-rs/canvas';
import { degrees, PDFDocument, rgb } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchPageContent, pageFactsFrom } from '../../src/facts/page-facts.js';
import { openPdf, readPdfInput } from '../../src/load/open-pdf.js';
import type { PDFDocumentProxy, PDFPageProxy } from '../../src/load/pdfjs.js';
import type { PageFacts } from '../../src/model.js';
import { PendingPageImage, soleAlignedImage } from '../../src/scan/page-image.js';
import { greyOfPageImage, rgbaToGrey, rgbaToRgb } from '../../src/scan/pixels.js';
import { renderPageGrey, scanScaleOf } from '../../src/scan/render.js';
import { rng } from '../raster/helpers.js';

/** A 300 x 150 px scan-like picture: text-like strokes, a coloured stamp, noise. */
async function picture(format: 'png' | 'jpeg'): Promise<Uint8Array> {
  const canvas = createCanvas(300, 150);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f4f1ea';
  ctx.fillRect(0, 0, 300, 150);
  ctx.fillStyle = '#111';
  for (let y = 12; y < 120; y += 14) ctx.fillRect(10, y, 200 + ((y * 7) % 60), 6);
  ctx.fillStyle = '#000';
  ctx.fillRect(40, 40, 90, 12); // a burned-in box
  ctx.fillStyle = '#1c4fd8';
  ctx.fillRect(220, 100, 60, 30); // a blue stamp: a page with colour
  const img = ctx.getImageData(0, 0, 300, 150);
  const r = rng(7);
  for (let i = 0; i < img.data.length; i += 4) for (let c = 0; c < 3; c++) img.data[i + c] = Math.max(0, Math.min(255, img.data[i + c] + Math.round((r() - 0.5) * 30)));
  ctx.putImageData(img, 0, 0);
  return new Uint8Array(format === 'png' ? await canvas.encode('png') : await canvas.encode('jpeg', 90));
}

type Layout = 'exact' | 'scaled' | 'with-a-line' | 'rotated-page';

/** One page of 144 x 72 pt drawing the picture (150 dpi when it fills the page). */
async function pdfOf(format: 'png' | 'jpeg', layout: Layout): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([144, 72]);
  const bytes = await picture(format);
  const image = format === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  page.drawImage(image, layout === 'scaled' ? { x: 0, y: 0, width: 130, height: 72 } : { x: 0, y: 0, width: 144, height: 72 });
  if (layout === 'with-a-line') page.drawLine({ start: { x: 10, y: 10 }, end: { x: 100, y: 10 }, thickness: 1, color: rgb(0, 0, 0) });
  if (layout === 'rotated-page') page.setRotation(degrees(90));
  return doc.save();
}

const docs: PDFDocumentProxy[] = [];
afterAll(async () => {
  for (const d of docs) await d.destroy();
});

async function firstPage(bytes: Uint8Array) {
  const doc = await openPdf(await readPdfInput(bytes, 'page-image.pdf'));
  docs.push(doc);
  const page = await doc.getPage(1);
  const content = await fetchPageContent(page);
  const { facts } = pageFactsFrom(page, content);
  return { page, content, facts, scale: scanScaleOf(facts) };
}

/** The page image as the analysis takes it, once pdf.js has delivered it (its page is not cleaned up). */
async function pageImageOf(page: PDFPageProxy, ops: { fnArray: ArrayLike<number> }, facts: PageFacts, scale: number) {
  const sole = soleAlignedImage(ops, facts, scale);
  if (!sole) return undefined;
  let released!: () => void;
  const settled = new Promise<void>((resolve) => (released = resolve));
  const pending = new PendingPageImage(page, sole, true, released);
  await settled;
  return pending.take();
}

describe('a page that is one image drawn pixel for pixel', () => {
  for (const format of ['png', 'jpeg'] as const) {
    it(`takes the decoded ${format} image as the render: the same grey and colour pixels as the canvas`, async () => {
      const { page, content, facts, scale } = await firstPage(await pdfOf(format, 'exact'));
      const direct = await pageImageOf(page, content.opList, facts, scale);
      expect(direct).toBeDefined();
      const drawn = await renderPageGrey(page, scale, { colour: true });
      const taken = greyOfPageImage(direct!.image, direct!.scale, true);
      expect([taken.width, taken.height, taken.scale]).toEqual([drawn.width, drawn.height, drawn.scale]);
      expect(taken.width).toBe(300);
      expect(Buffer.compare(taken.data, drawn.data)).toBe(0);
      expect(drawn.rgb).toBeDefined();
      expect(Buffer.compare(taken.rgb!, drawn.rgb!)).toBe(0);
    });
  }

  for (const layout of ['scaled', 'with-a-line', 'rotated-page'] as const) {
    it(`draws the page when it is not (${layout})`, async () => {
      const { page, content, facts, scale } = await firstPage(await pdfOf('png', layout));
      expect(await pageImageOf(page, content.opList, facts, scale)).toBeUndefined();
    });
  }

  it('needs the image to land on the render size exactly', async () => {
    const { content, facts, scale } = await firstPage(await pdfOf('png', 'exact'));
    expect(soleAlignedImage(content.opList, facts, scale)?.scale).toBeCloseTo(scale, 9);
    expect(soleAlignedImage(content.opList, facts, scale * 1.01)).toBeUndefined(); // 303 px wide: scaled when drawn
    expect(soleAlignedImage(content.opList, { ...facts, images: [...facts.images, facts.images[0]] }, scale)).toBeUndefined();
  });
});

describe('pixel conversions of RGB and RGBA', () => {
  it('give the same grey and colour copy for opaque RGBA and for RGB', () => {
    const r = rng(3);
    const n = 5000;
    const rgbPx = Uint8Array.from({ length: n * 3 }, () => Math.floor(r() * 256));
    const rgbaPx = new Uint8Array(n * 4);
    for (let i = 0; i < n; i++) rgbaPx.set([...rgbPx.subarray(i * 3, i * 3 + 3), 255], i * 4);
    expect(rgbaToGrey(rgbPx, n, 3)).toEqual(rgbaToGrey(rgbaPx, n));
    expect(rgbaToRgb(rgbPx, n, 3)).toEqual(rgbaToRgb(rgbaPx, n));
    const grey = new Uint8Array(n * 3).fill(128);
    expect(rgbaToRgb(grey, n, 3)).toBeUndefined();
  });
});
