/**
 * The raster box rules, each alone (on measured features) and on a synthetic fixture of the thing it
 * tells apart from a redaction: a map pin, a hole punch, a bold word, a doubled line, a box in a
 * photo; marker blobs, outlined boxes (with a (b)(6) label, empty in the text flow, a table) and a
 * coloured box. Thresholds are RASTER_DEFAULTS (README, "Raster redactions").
 */
import { describe, expect, it } from 'vitest';
import { explainRasterBoxes, findRasterBoxes, RASTER_DEFAULTS } from '../../src/scan/raster-boxes.js';
import type { Candidate, BoxFeatures } from '../../src/scan/raster/candidates.js';
import { notAGlyphRule, onPaperRule, solidRowsRule, straightEdgesRule } from '../../src/scan/raster/verify.js';
import { profileSpread } from '../../src/scan/raster/markers.js';
import type { PageMetrics } from '../../src/scan/raster/text-metrics.js';
import type { BBox } from '../../src/model.js';
import { addNoise, DPI300, drawPage, PARAGRAPH, photo, rng, textLines } from './helpers.js';

const S = { ...RASTER_DEFAULTS };
const PAGE: PageMetrics = { charHeightPt: 7, chars: 500, paper: 250 };
const plainBox: BoxFeatures = {
  wPt: 80,
  hPt: 14,
  solidRows: 1,
  label: 0,
  runs: [0, 0, 0, 0],
  shared: [false, false, false, false],
  ring: { paper: 0.9, ink: 0.1, mid: 0 },
};
const cand = (f: Partial<BoxFeatures>) => ({ features: { ...plainBox, ...f } }) as Candidate;
const overlaps = (a: BBox, b: BBox) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

describe('each verification rule alone', () => {
  it('solidRows: a box has rows solid end to end; bold or doubled print has gaps in every row', () => {
    expect(solidRowsRule(cand({}), PAGE, S)).toBeNull();
    expect(solidRowsRule(cand({ solidRows: 0.42 }), PAGE, S)).toBeNull(); // a labelled box (20: 0.42)
    expect(solidRowsRule(cand({ solidRows: 0.09 }), PAGE, S)).toMatch(/solid rows/); // 35's doubled header
  });

  it('notAGlyph: a box is taller or longer than glyphSize character heights, or carries a label', () => {
    expect(notAGlyphRule(cand({ wPt: 13, hPt: 13 }), PAGE, S)).toMatch(/glyph-sized/); // a map pin
    expect(notAGlyphRule(cand({ wPt: 17, hPt: 15 }), PAGE, S)).toMatch(/glyph-sized/); // a hole punch
    expect(notAGlyphRule(cand({ wPt: 18, hPt: 12 }), PAGE, S)).toBeNull(); // an initial (08): 2.5 x 7 pt long
    expect(notAGlyphRule(cand({ wPt: 13, hPt: 13, label: 0.1 }), PAGE, S)).toBeNull();
  });

  it('straightEdges: beyond a free top or bottom edge no shape continues', () => {
    expect(straightEdgesRule(cand({ runs: [0.55, 0, 0.45, 0] }), PAGE, S)).toMatch(/top edge/); // a band cut from a dot
    expect(straightEdgesRule(cand({ runs: [1, 0, 0, 0], shared: [true, false, false, false] }), PAGE, S)).toBeNull(); // the next line of a redaction
    expect(straightEdgesRule(cand({ runs: [0, 0, 0, 0.7] }), PAGE, S)).toBeNull(); // a letter touching the left side
  });

  it('onPaper: a box on a dark ground or among mid-tones is a picture element', () => {
    expect(onPaperRule(cand({ ring: { paper: 0.45, ink: 0.5, mid: 0.05 } }), PAGE, S)).toMatch(/dark surround/);
    expect(onPaperRule(cand({ ring: { paper: 0.3, ink: 0.1, mid: 0.6 } }), PAGE, S)).toMatch(/mid-tone/);
    expect(onPaperRule(cand({}), PAGE, S)).toBeNull();
  });

  it('a marker side is ragged: the spread of its boundary around a line', () => {
    expect(profileSpread([10, 10.5, 11, 11.5, 12, 12.5, 13, 13.5])).toBeCloseTo(0, 5); // a straight slanted side
    expect(profileSpread([10, 14, 9, 13, 11, 15, 8, 12])).toBeGreaterThan(3);
  });
});

describe('fixtures: things that look like boxes', () => {
  it('map pins on a map are not boxes', () => {
    const s = DPI300;
    const img = drawPage(400, 250, s, () => {});
    photo(img, [20 * s, 20 * s, 380 * s, 230 * s], 170, 235, 5);
    const ctx = drawPinsOn(img, [[80, 80], [150, 120], [260, 90], [320, 170]]);
    addNoise(ctx, 10);
    expect(findRasterBoxes(ctx)).toEqual([]);
  });

  it('a hole punch in the margin is not a box', () => {
    const img = addNoise(
      drawPage(612, 300, DPI300, (ctx) => {
        ctx.beginPath();
        ctx.arc(392, 48, 8.5, 0, Math.PI * 2);
        ctx.fill();
        textLines(ctx, 72, 100, PARAGRAPH, 11);
      }),
      15,
    );
    const { boxes, rejected } = explainRasterBoxes(img);
    expect(boxes).toEqual([]);
    expect(rejected.find((r) => overlaps(r.bbox, [380, 36, 404, 60]))?.why ?? 'no candidate').toMatch(/notAGlyph|straightEdges|no candidate|filled/);
  });

  it('a bold, over-inked word is not a box', () => {
    const img = addNoise(
      drawPage(400, 120, DPI300, (ctx) => {
        ctx.font = '14px TestSansBold';
        ctx.textBaseline = 'alphabetic';
        ctx.lineWidth = 1.6; // toner spread: the letters run together
        for (const [w, x] of [['disclosure', 40], ['CS-971', 200]] as const) {
          ctx.fillText(w, x, 60);
          ctx.strokeText(w, x, 60);
        }
      }),
      15,
    );
    expect(findRasterBoxes(img)).toEqual([]);
  });

  it('a court header printed twice on top of itself is not a box', () => {
    const img = addNoise(
      drawPage(612, 120, DPI300, (ctx) => {
        const header = 'Case4:08-cv-02214-SBA Document27 Filed02/09/09 Page1 of 2';
        textLines(ctx, 100, 20, [header], 10, true);
        textLines(ctx, 101.2, 20.8, [header.replace('27', '26').replace('1 of', '2 of')], 10, true);
        textLines(ctx, 72, 60, PARAGRAPH.slice(0, 3), 11);
      }),
      10,
    );
    expect(findRasterBoxes(img)).toEqual([]);
  });

  it('a black square among the mid-tones of a photo is not a box; the same square on paper is', () => {
    const s = DPI300;
    const img = drawPage(500, 200, s, (ctx) => ctx.fillRect(330, 80, 40, 14));
    photo(img, [20 * s, 20 * s, 220 * s, 180 * s], 100, 200, 9);
    for (let y = Math.round(80 * s); y < Math.round(94 * s); y++) img.data.fill(10, y * img.width + Math.round(100 * s), y * img.width + Math.round(140 * s));
    addNoise(img, 10);
    const { boxes, rejected } = explainRasterBoxes(img);
    expect(boxes.map((b) => b.bbox.map(Math.round))).toEqual([[330, 80, 370, 94]]);
    expect(rejected.find((r) => overlaps(r.bbox, [100, 80, 140, 94]))?.why).toMatch(/^onPaper/);
  });
});

describe('fixtures: marker blobs', () => {
  it('finds a ragged, slanted marker blob over two lines of text, with its oriented quad', () => {
    const img = addNoise(
      drawPage(500, 200, DPI300, (ctx) => {
        textLines(ctx, 60, 60, PARAGRAPH.slice(0, 4), 11);
        markerBlob(ctx, 150, 72, 170, 26, -3, 21);
      }),
      15,
    );
    const boxes = findRasterBoxes(img);
    expect(boxes).toHaveLength(1);
    const [m] = boxes;
    expect(m.style).toBe('marker');
    expect(m.pxQuad).toHaveLength(4);
    expect(Math.abs(m.skewDeg)).toBeGreaterThan(1);
    expect(m.bbox[0]).toBeLessThan(155);
    expect(m.bbox[2]).toBeGreaterThan(315);
  });

  it('a logo with straight sides and a curved top is no marker', () => {
    const img = addNoise(
      drawPage(500, 150, DPI300, (ctx) => {
        ctx.beginPath();
        ctx.moveTo(200, 60);
        ctx.quadraticCurveTo(230, 45, 260, 52);
        ctx.lineTo(260, 75);
        ctx.lineTo(200, 75);
        ctx.closePath();
        ctx.fill();
        textLines(ctx, 60, 100, ['United States Department of Agriculture'], 11);
      }),
      10,
    );
    expect(findRasterBoxes(img).filter((b) => b.style === 'marker')).toEqual([]);
  });
});

describe('fixtures: outlined and coloured boxes', () => {
  it('a white outlined box with a (b)(6) label inside waits for its label to be read', () => {
    const img = addNoise(
      drawPage(500, 150, DPI300, (ctx) => {
        textLines(ctx, 60, 60, ['Good morning, the POC for CISA is the Program Manager'], 11);
        ctx.lineWidth = 0.8;
        ctx.strokeRect(340, 58, 130, 14);
        ctx.font = '7px TestSans';
        ctx.textBaseline = 'top';
        ctx.fillText('(b)(6)', 341.5, 59.5);
      }),
      8,
    );
    const boxes = findRasterBoxes(img);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ style: 'outline', needsLabel: true, printDark: true });
    // the box is its lines too: the outer edges of the 0.8 pt stroke, to within a point (the cell grid)
    [339.6, 57.6, 470.4, 72.4].forEach((v, i) => expect(Math.abs(boxes[0].bbox[i] - v)).toBeLessThanOrEqual(1));
    const [x0, y0, x1, y1] = boxes[0].labelPx!.map((v) => v / DPI300);
    expect(x0).toBeLessThan(341.5);
    expect(y0).toBeLessThan(59.5);
    expect(x1).toBeGreaterThan(465);
    expect(y1).toBeGreaterThan(69);
  });

  it('an empty outlined box in the text flow is a redaction; a table and a lone frame are not', () => {
    const img = addNoise(
      drawPage(612, 400, DPI300, (ctx) => {
        ctx.lineWidth = 1;
        textLines(ctx, 60, 60, ['First Source:'], 11);
        ctx.strokeRect(150, 52, 250, 30); // the deletion box
        // a table of empty cells
        for (let y = 150; y <= 250; y += 25) ctx.fillRect(60, y, 400, 0.8);
        for (const x of [60, 180, 320, 460]) ctx.fillRect(x, 150, 0.8, 100);
        // a frame alone in the margin
        ctx.strokeRect(480, 300, 90, 40);
      }),
      10,
    );
    const { boxes, rejected } = explainRasterBoxes(img);
    expect(boxes.map((b) => [b.style, b.needsLabel ?? false])).toEqual([['outline', false]]);
    // the outer edges of the 1 pt stroke, to within a point (the cell grid)
    [149.5, 51.5, 400.5, 82.5].forEach((v, i) => expect(Math.abs(boxes[0].bbox[i] - v)).toBeLessThanOrEqual(1));
    expect(rejected.filter((r) => /table/.test(r.why)).length).toBeGreaterThan(0);
    expect(rejected.some((r) => /no text beside/.test(r.why))).toBe(true);
  });

  it('a light blue box with a dark (b)(6) label waits for its label to be read', () => {
    const img = addNoise(
      drawPage(500, 150, DPI300, (ctx) => {
        textLines(ctx, 60, 60, ['Missing Endangered Person -'], 11);
        ctx.fillStyle = '#a9bfd6';
        ctx.fillRect(210, 56, 120, 18);
        ctx.fillStyle = '#222';
        ctx.font = '11px TestSans';
        ctx.textBaseline = 'top';
        ctx.fillText('(b)(6)', 250, 60);
      }),
      6,
    );
    const boxes = findRasterBoxes(img);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ style: 'solid', needsLabel: true, printDark: true });
    expect(boxes[0].bbox[0]).toBeCloseTo(210, -0.5);
    expect(boxes[0].bbox[2]).toBeCloseTo(330, -0.5);
  });

  it('a box inside a picture of a born-digital page is flagged', () => {
    const img = addNoise(drawPage(400, 200, DPI300, (ctx) => ctx.fillRect(100, 80, 60, 12)), 10);
    expect(findRasterBoxes(img, {}, { pictures: [[50, 50, 300, 150]] })[0].inPicture).toBe(true);
    expect(findRasterBoxes(img)[0].inPicture).toBeUndefined();
  });
});

/** Map pins (a round head on a pointed tail) drawn into an existing image. */
function drawPinsOn(img: ReturnType<typeof drawPage>, at: [number, number][]): ReturnType<typeof drawPage> {
  const s = img.scale;
  for (const [cx, cy] of at) {
    for (let y = Math.round((cy - 7) * s); y < Math.round((cy + 9) * s); y++) {
      for (let x = Math.round((cx - 7) * s); x < Math.round((cx + 7) * s); x++) {
        const dx = x / s - cx;
        const dy = y / s - cy;
        const head = dx * dx + dy * dy <= 36;
        const tail = dy > 0 && dy < 9 && Math.abs(dx) < (9 - dy) * 0.5;
        const hole = dx * dx + dy * dy <= 3;
        if ((head || tail) && !hole) img.data[y * img.width + x] = 40;
      }
    }
  }
  return img;
}

/** A marker stroke: a slanted band with ragged top and bottom edges and a frayed end. */
function markerBlob(ctx: Parameters<Parameters<typeof drawPage>[3]>[0], x: number, y: number, w: number, h: number, deg: number, seed: number): void {
  const r = rng(seed);
  ctx.save();
  ctx.translate(x, y);
  ctx.rotate((deg * Math.PI) / 180);
  ctx.beginPath();
  ctx.moveTo(0, r() * 3);
  for (let u = 4; u <= w; u += 4) ctx.lineTo(u, (r() - 0.5) * 4);
  for (let u = w; u >= 0; u -= 4) ctx.lineTo(u, h + (r() - 0.5) * 4 - (u > w * 0.8 ? (u - w * 0.8) * 0.4 : 0));
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}
