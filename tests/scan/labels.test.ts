/**
 * The label reader on synthetic pages (ground truth by construction): labels whatever their colour,
 * in white outlined boxes and beside them, and small white print; each box is given to the reader
 * as the box finder would give it (pixels and a style).
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrPool } from '../../src/scan/ocr-pool.js';
import { labelCrop, readBoxLabels } from '../../src/scan/box-labels.js';
import { labelCategory } from '../../src/scan/exemptions.js';
import { rgbaToGrey, rgbaToRgb, type GreyImage } from '../../src/scan/render.js';
import type { BBox, RedactionStyle } from '../../src/model.js';
import { addNoise } from '../raster/helpers.js'; // also registers the test fonts

const DPI150 = 150 / 72;

/** Draw a page in points and return its pixels, grey and (when it has colour) RGB. */
function drawColour(wPt: number, hPt: number, scale: number, draw: (ctx: SKRSContext2D) => void): GreyImage {
  const w = Math.round(wPt * scale), h = Math.round(hPt * scale);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.scale(scale, scale);
  draw(ctx);
  const rgba = ctx.getImageData(0, 0, w, h).data;
  const rgb = rgbaToRgb(rgba, w * h);
  return { width: w, height: h, data: rgbaToGrey(rgba, w * h), scale, ...(rgb ? { rgb } : {}) };
}

function box(ctx: SKRSContext2D, b: BBox, fill: string, label?: { text: string; colour: string; sizePt: number }): void {
  ctx.fillStyle = fill;
  ctx.fillRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
  if (label) {
    ctx.fillStyle = label.colour;
    ctx.font = `${label.sizePt}px TestSans`;
    ctx.fillText(label.text, b[0] + 1.5, b[1] + label.sizePt + 0.5);
  }
}

function outlined(ctx: SKRSContext2D, b: BBox, label?: string): void {
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 1;
  ctx.strokeRect(b[0] + 0.5, b[1] + 0.5, b[2] - b[0] - 1, b[3] - b[1] - 1);
  if (label) {
    ctx.fillStyle = '#000';
    ctx.font = '7px TestSans';
    ctx.fillText(label, b[0] + 2, b[1] + 8);
  }
}

const ref = (img: GreyImage, b: BBox, style: RedactionStyle) => ({ pxBox: b.map((v) => v * img.scale) as BBox, style });

describe('label reading', () => {
  let pool: OcrPool;
  beforeAll(async () => {
    pool = await OcrPool.create(2);
  });
  afterAll(async () => {
    await pool?.terminate();
  });

  it('a white outlined box with a small (b)(6) inside, and a plain one: the outline is no label', async () => {
    const img = addNoise(
      drawColour(400, 120, DPI150, (ctx) => {
        outlined(ctx, [40, 20, 300, 36], '(b)(6)');
        outlined(ctx, [40, 60, 300, 76]);
      }),
      8,
      0,
    );
    const boxes = [ref(img, [40, 20, 300, 36], 'outline'), ref(img, [40, 60, 300, 76], 'outline')];
    expect(labelCrop(img, boxes[1])).toBeUndefined();
    const labels = await readBoxLabels(pool, img, boxes);
    expect(labelCategory(labels[0])).toBe('(b)(6)');
    expect(labels[1]).toBeUndefined();
  });

  it('codes written in the margin beside an outlined box', async () => {
    const img = drawColour(500, 100, DPI150, (ctx) => {
      outlined(ctx, [40, 20, 300, 60]);
      ctx.fillStyle = '#000';
      ctx.font = '9px TestSans';
      ctx.fillText('b6', 400, 32);
      ctx.fillText('b7C', 400, 44);
    });
    const [label] = await readBoxLabels(pool, img, [ref(img, [40, 20, 300, 60], 'outline')]);
    expect(labelCategory(label)).toBe('(b)(6), (b)(7)(C)');
  });

  it('a coloured label: blue on black is read from the colour channels, lost in grey', async () => {
    const draw = (ctx: SKRSContext2D) => box(ctx, [40, 20, 200, 40], '#000', { text: '(b)(6)', colour: '#0000ff', sizePt: 11 });
    const colour = drawColour(260, 60, DPI150, draw);
    expect(colour.rgb).toBeDefined();
    const b = ref(colour, [40, 20, 200, 40], 'solid');
    expect(labelCategory((await readBoxLabels(pool, colour, [b]))[0])).toBe('(b)(6)');
    // the same page in grey only: blue (luma 29) on black does not stand out
    const grey: GreyImage = { width: colour.width, height: colour.height, data: colour.data, scale: colour.scale };
    expect(labelCrop(grey, b)).toBeUndefined();
  });

  it('dark print on a light-blue box (a coloured redaction in a screenshot)', async () => {
    const img = drawColour(300, 60, DPI150, (ctx) => box(ctx, [40, 15, 200, 40], '#5b9bd5', { text: '7(1)(c)', colour: '#1f1f1f', sizePt: 12 }));
    expect(labelCategory((await readBoxLabels(pool, img, [ref(img, [40, 15, 200, 40], 'solid')]))[0])).toBe('7(1)(c)');
  });

  it('7 pt white exemption codes on black boxes in a noisy 150 dpi scan', async () => {
    const codes = ['(b)(7)(E)', '(b)(5)', '(b)(6)', '(b)(7)(C)', '(b)(4)'];
    const boxes: BBox[] = codes.map((_, i) => [60, 20 + i * 30, 260, 34 + i * 30]);
    const img = addNoise(
      drawColour(320, 180, DPI150, (ctx) => boxes.forEach((b, i) => box(ctx, b, '#000', { text: codes[i], colour: '#fff', sizePt: 7 }))),
      12,
      0.001,
    );
    const labels = await readBoxLabels(pool, img, boxes.map((b) => ref(img, b, 'solid')));
    expect(labels.map(labelCategory)).toEqual(codes);
  });
});
