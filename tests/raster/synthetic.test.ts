import { describe, expect, it } from 'vitest';
import { darkThreshold, findRasterBoxes, otsu } from '../../src/scan/raster-boxes.js';
import { cellGrid } from '../../src/scan/raster/grid.js';
import { fitScale, scanScale } from '../../src/scan/render.js';
import type { BBox } from '../../src/model.js';
import {
  addNoise,
  DPI300,
  drawPage,
  edgeError,
  halftone,
  labelledBox,
  PARAGRAPH,
  photo,
  raggedBox,
  rotatedHull,
  rng,
  stripes,
  textLines,
} from './helpers.js';


describe('findRasterBoxes: burned-in boxes', () => {
  it('finds a plain black box in a noisy scan, to within a point', () => {
    const want: BBox = [100, 100, 260, 114];
    const img = addNoise(
      drawPage(400, 250, DPI300, (ctx) => {
        textLines(ctx, 40, 40, PARAGRAPH.slice(0, 2));
        ctx.fillRect(want[0], want[1], want[2] - want[0], want[3] - want[1]);
        textLines(ctx, 40, 150, PARAGRAPH.slice(2));
      }),
      25,
      0.003,
    );
    const boxes = findRasterBoxes(img);
    expect(boxes).toHaveLength(1);
    expect(edgeError(boxes[0].bbox, want)).toBeLessThan(0.75);
    expect(boxes[0].darkRatio).toBeGreaterThan(0.9);
    expect(boxes[0].pxBox[0]).toBeCloseTo(want[0] * DPI300, -1);
  });

  it('finds a box skewed by 1 degree and reports the skew', () => {
    const [cx, cy, w, h] = [250, 120, 300, 16];
    const img = addNoise(
      drawPage(500, 250, DPI300, (ctx) => {
        ctx.save();
        ctx.translate(cx, cy);
        ctx.rotate((1 * Math.PI) / 180);
        ctx.fillRect(-w / 2, -h / 2, w, h);
        ctx.restore();
      }),
      20,
    );
    const boxes = findRasterBoxes(img);
    expect(boxes).toHaveLength(1);
    expect(boxes[0].skewDeg).toBeGreaterThan(0.6);
    expect(boxes[0].skewDeg).toBeLessThan(1.4);
    expect(edgeError(boxes[0].bbox, rotatedHull(cx, cy, w, h, 1))).toBeLessThan(1.5);
    expect(boxes[0].pxQuad).toHaveLength(4);
  });

  it('finds a marker-pen box with ragged edges', () => {
    const want: BBox = [80, 60, 200, 75];
    const img = addNoise(drawPage(300, 150, DPI300, (ctx) => raggedBox(ctx, want, 0.8)), 15);
    const boxes = findRasterBoxes(img);
    expect(boxes).toHaveLength(1);
    expect(edgeError(boxes[0].bbox, want)).toBeLessThan(1.5);
  });

  it('keeps a box carrying a white label as one box', () => {
    const a: BBox = [72, 60, 330, 76];
    const b: BBox = [72, 100, 130, 115];
    const img = addNoise(
      drawPage(400, 150, DPI300, (ctx) => {
        labelledBox(ctx, a, 'Harm to Ongoing Matter', 11);
        labelledBox(ctx, b, '(b)(6)', 10);
      }),
      20,
      0.002,
    );
    const boxes = findRasterBoxes(img);
    expect(boxes).toHaveLength(2);
    expect(edgeError(boxes[0].bbox, a)).toBeLessThan(1);
    expect(edgeError(boxes[1].bbox, b)).toBeLessThan(1);
    expect(boxes[0].darkRatio).toBeLessThan(0.95); // the label is there
    expect(boxes[0].fill).toBeGreaterThan(0.85);
  });

  it('finds halftone and striped boxes', () => {
    const s = DPI300;
    const img = drawPage(400, 200, s, () => {});
    const ht: BBox = [60, 50, 200, 66];
    const st: BBox = [60, 120, 240, 134];
    halftone(img, [ht[0] * s, ht[1] * s, ht[2] * s, ht[3] * s], 5, 0.7);
    stripes(img, [st[0] * s, st[1] * s, st[2] * s, st[3] * s], 2, 1);
    addNoise(img, 15);
    const boxes = findRasterBoxes(img);
    expect(boxes).toHaveLength(2);
    expect(edgeError(boxes[0].bbox, ht)).toBeLessThan(1);
    expect(edgeError(boxes[1].bbox, st)).toBeLessThan(1);
  });

  it('cuts a multi-line redaction into line boxes of one group', () => {
    const lines: BBox[] = [
      [300, 100, 540, 114],
      [72, 114, 540, 128],
      [72, 128, 250, 142],
    ];
    const img = addNoise(
      drawPage(612, 250, DPI300, (ctx) => {
        textLines(ctx, 72, 101, ['text before the redaction starts']);
        for (const l of lines) ctx.fillRect(l[0], l[1], l[2] - l[0], l[3] - l[1]);
        textLines(ctx, 260, 129, ['and text after it.']);
      }),
      15,
    );
    const boxes = findRasterBoxes(img);
    expect(boxes).toHaveLength(3);
    for (let i = 0; i < 3; i++) expect(edgeError(boxes[i].bbox, lines[i])).toBeLessThan(1.2);
    expect(new Set(boxes.map((b) => b.group)).size).toBe(1);
  });

  it('finds boxes in running text that touch letters, without the letters', () => {
    const want: BBox = [121.5, 100, 160, 113.5];
    const img = addNoise(
      drawPage(400, 200, DPI300, (ctx) => {
        ctx.font = '12px TestSansBold';
        ctx.textBaseline = 'alphabetic';
        ctx.fillText('I, M', 100, 110); // the M touches the box
        ctx.fillRect(want[0], want[1], want[2] - want[0], want[3] - want[1]);
        ctx.fillText('declare under penalty of perjury', 162, 110);
      }),
      10,
    );
    const boxes = findRasterBoxes(img);
    expect(boxes).toHaveLength(1);
    expect(edgeError(boxes[0].bbox, want)).toBeLessThan(1);
  });

  it('measures boxes in points whatever the resolution', () => {
    const want: BBox = [50, 40, 150, 54];
    for (const dpi of [150, 200, 300, 400]) {
      const img = addNoise(
        drawPage(250, 120, dpi / 72, (ctx) => ctx.fillRect(want[0], want[1], want[2] - want[0], want[3] - want[1])),
        15,
      );
      const boxes = findRasterBoxes(img);
      expect(boxes, `${dpi} dpi`).toHaveLength(1);
      expect(edgeError(boxes[0].bbox, want), `${dpi} dpi`).toBeLessThan(1);
    }
  });

  it('finds a box inside a table cell, not the cell', () => {
    const inner: BBox = [130, 84, 210, 96];
    const img = addNoise(
      drawPage(400, 200, DPI300, (ctx) => {
        ctx.lineWidth = 1;
        for (let y = 60; y <= 140; y += 20) {
          ctx.beginPath();
          ctx.moveTo(60, y);
          ctx.lineTo(340, y);
          ctx.stroke();
        }
        for (const x of [60, 120, 240, 340]) {
          ctx.beginPath();
          ctx.moveTo(x, 60);
          ctx.lineTo(x, 140);
          ctx.stroke();
        }
        textLines(ctx, 64, 64, ['Name'], 10);
        ctx.fillRect(inner[0], inner[1], inner[2] - inner[0], inner[3] - inner[1]);
        textLines(ctx, 64, 104, ['Date'], 10);
        textLines(ctx, 124, 104, ['June 17'], 10);
      }),
      10,
    );
    const boxes = findRasterBoxes(img);
    expect(boxes).toHaveLength(1);
    expect(edgeError(boxes[0].bbox, inner)).toBeLessThan(1);
  });
});

describe('findRasterBoxes: things that are not redactions', () => {
  it('ignores lines of bold text and bold headings', () => {
    const img = addNoise(
      drawPage(612, 400, DPI300, (ctx) => {
        textLines(ctx, 60, 30, ['Appendix D'], 40, true);
        textLines(ctx, 60, 90, ['SPECIAL COUNSEL’S OFFICE: COMPLETED CASES', 'BOLD HEADING NUMBER TWO'], 18, true);
        textLines(ctx, 60, 150, PARAGRAPH, 12, true);
        textLines(ctx, 60, 240, PARAGRAPH, 11, false);
        textLines(ctx, 60, 320, ['MMMMWWWW mmmm HHHH'], 28, true);
      }),
      15,
    );
    expect(findRasterBoxes(img)).toEqual([]);
  });

  it('ignores thin rules and underlines', () => {
    const img = addNoise(
      drawPage(500, 200, DPI300, (ctx) => {
        ctx.fillRect(50, 40, 400, 0.5);
        ctx.fillRect(50, 80, 400, 1);
        ctx.fillRect(50, 120, 400, 3);
        ctx.fillRect(50, 160, 3.5, 30); // a vertical bar
      }),
      15,
    );
    expect(findRasterBoxes(img)).toEqual([]);
  });

  it('ignores black scanner borders along the page edges', () => {
    const img = addNoise(
      drawPage(612, 300, DPI300, (ctx) => {
        ctx.fillRect(0, 0, 14, 300); // left border, full height
        ctx.fillRect(0, 0, 612, 9); // top border
        ctx.fillRect(598, 40, 14, 200); // part of the right edge
        ctx.fillStyle = '#555';
        ctx.fillRect(14, 0, 4, 300); // shadow
        ctx.fillStyle = '#000';
        textLines(ctx, 60, 60, PARAGRAPH);
      }),
      20,
    );
    expect(findRasterBoxes(img)).toEqual([]);
  });

  it('ignores a mid-grey photo, a signature, a stamp circle, a frame and a logo', () => {
    const s = DPI300;
    const img = drawPage(612, 400, s, (ctx) => {
      // signature: loops of a 1.5pt pen
      ctx.lineWidth = 1.5;
      const r = rng(11);
      ctx.beginPath();
      ctx.moveTo(300, 80);
      for (let i = 0; i < 12; i++) ctx.bezierCurveTo(300 + i * 12 + r() * 30, 40 + r() * 60, 310 + i * 12, 60 + r() * 50, 312 + i * 12, 80 + (r() - 0.5) * 20);
      ctx.stroke();
      // a solid round seal
      ctx.beginPath();
      ctx.arc(500, 80, 30, 0, Math.PI * 2);
      ctx.fill();
      // a stroked, unfilled frame around text
      ctx.lineWidth = 2;
      ctx.strokeRect(60, 200, 250, 20);
      textLines(ctx, 66, 204, ['Appearing on behalf of the plaintiff'], 11);
      // a logo: a dark wave with a curved top (like the USDA mark)
      ctx.beginPath();
      ctx.moveTo(380, 260);
      ctx.quadraticCurveTo(430, 225, 480, 228);
      ctx.lineTo(480, 262);
      ctx.lineTo(380, 262);
      ctx.closePath();
      ctx.fill();
    });
    photo(img, [40 * s, 40 * s, 200 * s, 160 * s], 70, 190);
    addNoise(img, 15);
    // the frame holds a line of print: a candidate only if that print reads as an exemption label
    const boxes = findRasterBoxes(img);
    expect(boxes.filter((b) => !b.needsLabel)).toEqual([]);
    expect(boxes.map((b) => b.style)).toEqual(['outline']);
  });
});

describe('findRasterBoxes: speed', () => {
  it('analyses a 300-dpi letter page in the time of a few passes over its pixels', () => {
    const img = addNoise(
      drawPage(612, 792, DPI300, (ctx) => {
        for (let i = 0; i < 9; i++) textLines(ctx, 72, 60 + i * 78, PARAGRAPH, 11, i % 3 === 0);
        for (let i = 0; i < 8; i++) ctx.fillRect(100 + (i % 3) * 120, 70 + i * 85, 90, 13);
      }),
      20,
    );
    expect(img.width * img.height).toBe(2550 * 3300);
    // CPU time against an anchor measured in the same run (one pass over the pixels counting dark
    // ones per cell), so a loaded machine does not fail the test; measured: about 13 passes
    const cpu = (f: () => void) => {
      const t = process.cpuUsage();
      f();
      const d = process.cpuUsage(t);
      return d.user + d.system;
    };
    findRasterBoxes(img); // warm-up
    const T = darkThreshold(img);
    const anchor = Math.min(...[0, 1, 2].map(() => cpu(() => cellGrid(img, T))));
    let boxes: ReturnType<typeof findRasterBoxes> = [];
    const spent = Math.min(...[0, 1].map(() => cpu(() => (boxes = findRasterBoxes(img)))));
    console.log(`findRasterBoxes: ${(spent / 1000).toFixed(0)} ms CPU for a 2550x3300 page, ${(spent / anchor).toFixed(1)} pixel passes`);
    expect(boxes).toHaveLength(8);
    expect(spent / anchor).toBeLessThan(40);
  });
});

describe('helpers', () => {
  it('otsu splits a bimodal histogram between its modes', () => {
    const h = new Array(256).fill(0);
    h[30] = 1000;
    h[230] = 5000;
    const t = otsu(h);
    expect(t).toBeGreaterThan(30);
    expect(t).toBeLessThanOrEqual(230);
  });

  it('scanScale uses the native resolution of a full-page scan, clamped to 150..400 dpi', () => {
    const page = { width: 612, height: 792 };
    const full: BBox = [0, 0, 612, 792];
    expect(scanScale([{ bbox: full, pixelWidth: 1700, pixelHeight: 2200 }], page) * 72).toBeCloseTo(200, 5);
    expect(scanScale([{ bbox: full, pixelWidth: 2550, pixelHeight: 3300 }], page) * 72).toBeCloseTo(300, 5);
    expect(scanScale([{ bbox: full, pixelWidth: 5100, pixelHeight: 6600 }], page) * 72).toBeCloseTo(400, 5);
    expect(scanScale([{ bbox: full, pixelWidth: 612, pixelHeight: 792 }], page) * 72).toBeCloseTo(150, 5);
    // drawn turned by 90 degrees (a landscape scan on a portrait page)
    expect(scanScale([{ bbox: full, pixelWidth: 3300, pixelHeight: 2550 }], page) * 72).toBeCloseTo(300, 5);
    // no full-page image: the default
    expect(scanScale([{ bbox: [0, 0, 100, 100], pixelWidth: 1000, pixelHeight: 1000 }], page) * 72).toBeCloseTo(300, 5);
    expect(scanScale([], page, { defaultDpi: 200 }) * 72).toBeCloseTo(200, 5);
  });

  it('fitScale keeps a render within the pixel budget', () => {
    expect(fitScale(612, 792, 300 / 72)).toBeCloseTo(300 / 72, 6);
    const s = fitScale(14400, 14400, 300 / 72);
    expect(Math.ceil(14400 * s) ** 2).toBeLessThanOrEqual(60_000_000);
    expect(fitScale(612, 792, 10, 1_000_000) * 612 * 792 * fitScale(612, 792, 10, 1_000_000)).toBeLessThanOrEqual(1_000_000);
  });
});
