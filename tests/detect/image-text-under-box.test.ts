/**
 * Item 4: the text an image shows under a vector box is read and reported in the leak, for an
 * ordinary embedded image and for a 1-bit stencil mask (/ImageMask true) painted with the fill
 * colour. The pages keep a text layer, so only the crops under the boxes are OCRed.
 */
import { createCanvas } from '@napi-rs/canvas';
import {
  concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState, rgb, setFillingRgbColor, StandardFonts,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { openPdf, readPdfInput } from '../../src/load/open-pdf.js';
import { readPageFacts } from '../../src/facts/page-facts.js';
import { decodedImage, type DecodedImage } from '../../src/facts/image-pixels.js';
import { detectPage, findShapeRegions, imagesUnderBoxes } from '../../src/detect/page-detections.js';
import type { PlacedImage } from '../../src/model.js';
import { corpusFile, describeCorpus } from '../helpers/corpus.js';

const DPI = 150;
const pt = (px: number) => (px * 72) / DPI;

/** Black words on white, `w x h` px at 150 dpi. */
function wordsImage(w: number, h: number, words: string): { rgba: Uint8ClampedArray; png: Buffer } {
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#000';
  ctx.font = '34px sans-serif';
  ctx.fillText(words, 20, h / 2 + 12);
  return { rgba: ctx.getImageData(0, 0, w, h).data, png: canvas.toBuffer('image/png') };
}

/** A page with a line of real text (so it is not a scan) and the image drawn at (72, 200). */
async function pageWithImageUnderBox(kind: 'image' | 'stencil', words: string): Promise<Uint8Array> {
  const W = 900, H = 80;
  const { rgba, png } = wordsImage(W, H, words);
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Declaration of the records officer, filed with the court on the date below.', { x: 72, y: 720, size: 11, font });
  const x = 72, y = 792 - 200 - pt(H);
  if (kind === 'image') {
    page.drawImage(await doc.embedPng(png), { x, y, width: pt(W), height: pt(H) });
  } else {
    // 1 bit per pixel, rows padded to bytes; a 0 bit is painted with the fill colour
    const row = (W + 7) >> 3;
    const bits = new Uint8Array(row * H).fill(0xff);
    for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) if (rgba[(r * W + c) * 4] < 128) bits[r * row + (c >> 3)] &= ~(0x80 >> (c & 7));
    const mask = doc.context.register(
      doc.context.stream(bits, { Type: 'XObject', Subtype: 'Image', Width: W, Height: H, ImageMask: true, BitsPerComponent: 1 }),
    );
    const name = page.node.newXObject('Mask', mask);
    page.pushOperators(pushGraphicsState(), setFillingRgbColor(0.1, 0.1, 0.4), concatTransformationMatrix(pt(W), 0, 0, pt(H), x, y), drawObject(name), popGraphicsState());
  }
  // the box over the words (the first 20 px of margin and the line's height stay outside it)
  page.drawRectangle({ x: x + pt(16), y: y + pt(12), width: pt(W - 40), height: pt(H - 24), color: rgb(0, 0, 0) });
  return doc.save();
}

describe('text of an image under a vector box', () => {
  it('an ordinary image: the leak carries the words under the box and their OCR confidence', async () => {
    const report = await analyze(await pageWithImageUnderBox('image', 'Informant Jonathan Example'), { path: 'image.pdf', jobs: 1 });
    expect(report.pages[0].textSource).toBe('text-layer');
    const leaks = report.leaks.filter((l) => l.kind === 'image-under-box');
    expect(leaks).toHaveLength(1);
    expect(leaks[0].text).toMatch(/Informant Jonathan Example/);
    expect(leaks[0].confidence).toBeGreaterThan(70);
  });

  it('a stencil mask painted with the fill colour is checked too, and its words read', async () => {
    const report = await analyze(await pageWithImageUnderBox('stencil', 'Witness Margaret Quinlan'), { path: 'stencil.pdf', jobs: 1 });
    const leaks = report.leaks.filter((l) => l.kind === 'image-under-box');
    expect(leaks).toHaveLength(1);
    expect(leaks[0].text).toMatch(/Witness Margaret Quinlan/);
    expect(leaks[0].confidence).toBeGreaterThan(70);
  });

  it('with --ocr never the leak is reported without text, and a warning says why', async () => {
    const report = await analyze(await pageWithImageUnderBox('image', 'Informant Jonathan Example'), { path: 'image.pdf', ocr: 'never' });
    expect(report.leaks.filter((l) => l.kind === 'image-under-box')).toMatchObject([{ text: '' }]);
    expect(report.warnings).toMatchObject([{ page: 1, what: expect.stringMatching(/images under boxes/) }]);
  });
});

describeCorpus('corpus 34: a vector box over pixels already black', () => {
  it('p4: the box over the burned-in bar is checked and leaks nothing', async () => {
    const doc = await openPdf(await readPdfInput(corpusFile('34_cpd_hailstorm_release_scanned_burned_in_boxes.pdf')));
    try {
      const page = await doc.getPage(4);
      const { facts, annotationShapes } = await readPageFacts(page);
      const shapes = findShapeRegions(facts, annotationShapes);
      const under = imagesUnderBoxes(facts, shapes.vector.regions);
      expect(under).toHaveLength(1);
      const pixels = new Map<PlacedImage, DecodedImage>();
      for (const im of under) pixels.set(im, (await decodedImage(page, im))!);
      const found = detectPage(facts, { shapeRegions: shapes, imagePixels: pixels });
      expect(found.redactions.filter((r) => r.source === 'vector')).toHaveLength(1);
      expect(found.leaks).toEqual([]);
    } finally {
      await doc.destroy();
    }
  });
});
