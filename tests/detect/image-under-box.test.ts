/**
 * image-under-box: a vector box over an embedded scan whose pixels under the box still show
 * content leaks; over pixels already blacked out (burned in) or blank paper it does not.
 */
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';

/** A one-page "scan": an image with a line of text, a burned-in black bar, and blank paper. */
async function scannedPageWithBoxes(): Promise<Uint8Array> {
  const canvas = createCanvas(1275, 1650); // 150 dpi letter
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 1275, 1650);
  ctx.fillStyle = '#000';
  ctx.font = '40px sans-serif';
  ctx.fillText('Informant: Jonathan Q. Example', 150, 300); // under box 1: still visible in the image
  ctx.fillRect(150, 500, 600, 50); // burned in: box 2 sits on black pixels
  const png = canvas.toBuffer('image/png');
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  page.drawImage(await doc.embedPng(png), { x: 0, y: 0, width: 612, height: 792 });
  const pt = (px: number) => (px * 72) / 150;
  // box 1 over the name (pixels 330..750 x 262..312)
  page.drawRectangle({ x: pt(330), y: 792 - pt(315), width: pt(420), height: pt(58), color: rgb(0, 0, 0) });
  // box 2 over the burned-in bar
  page.drawRectangle({ x: pt(150), y: 792 - pt(550), width: pt(600), height: pt(50), color: rgb(0, 0, 0) });
  // box 3 over blank paper
  page.drawRectangle({ x: pt(150), y: 792 - pt(900), width: pt(400), height: pt(50), color: rgb(0, 0, 0) });
  return doc.save();
}

describe('image under a vector box', () => {
  it('leaks where the image still shows content, not over burned-in or blank areas', async () => {
    const report = await analyze(await scannedPageWithBoxes(), { path: 'scan-with-boxes.pdf', ocr: 'never' });
    const vector = report.pages[0].redactions.filter((r) => r.source === 'vector');
    expect(vector).toHaveLength(3);
    const leaks = report.leaks.filter((l) => l.kind === 'image-under-box');
    expect(leaks).toHaveLength(1);
    // the leak is box 1: around y = 300 px / 150 dpi * 72 = 144 pt
    expect(leaks[0].bbox![1]).toBeLessThan(150);
    expect(leaks[0].bbox![3]).toBeGreaterThan(140);
  });
});
