/**
 * Overlay PNGs: they exist, one per page, and their outlines sit where the report says the boxes
 * are (decoded pixels at the box edges carry the source's outline colour; leaks are filled red).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { analyze } from '../../src/analyze.js';
import { main } from '../../src/cli/main.js';
import { OUTLINE_WIDTH, OVERLAY_COLORS, OVERLAY_SCALE, pixelBox, renderOverlayPage, writeOverlays } from '../../src/output/overlays.js';
import type { Report } from '../../src/report/schema.js';
import { LAYOUT, makeFiling } from '../batch/make-pdfs.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-overlays-'));
let pdfFile: string;
let report: Report;

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  pdfFile = path.join(tmp, 'filing.pdf');
  writeFileSync(pdfFile, await makeFiling({ pages: 2, leak: true, seed: 3 }));
  report = await analyze(pdfFile);
});

interface Pixels {
  width: number;
  height: number;
  at(x: number, y: number): [number, number, number];
}

async function decode(file: string | Buffer): Promise<Pixels> {
  const img = await loadImage(typeof file === 'string' ? readFileSync(file) : file);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  return {
    width: img.width,
    height: img.height,
    at: (x, y) => {
      const i = (y * img.width + x) * 4;
      return [data[i], data[i + 1], data[i + 2]];
    },
  };
}

const near = (a: readonly number[], b: readonly number[], tol = 12) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

/** Pixels on all four edges of a report box (just inside it, where the outline is drawn). */
function edgePixels(px: Pixels, bbox: readonly number[], scale: number): [number, number, number][] {
  const [x0, y0, x1, y1] = pixelBox(bbox, scale);
  const mx = Math.floor((x0 + x1) / 2);
  const my = Math.floor((y0 + y1) / 2);
  return [px.at(x0, my), px.at(x1 - 1, my), px.at(mx, y0), px.at(mx, y1 - 1), px.at(x0 + OUTLINE_WIDTH - 1, my)];
}

describe('overlays', () => {
  it('writes one PNG per page at 1.5 px per point', async () => {
    const dir = path.join(tmp, 'ov');
    const files = await writeOverlays(pdfFile, report, dir);
    expect(files.map((f) => path.basename(f))).toEqual(['page-001.png', 'page-002.png']);
    expect(readdirSync(dir).sort()).toEqual(['page-001.png', 'page-002.png']);
    const px = await decode(files[0]);
    expect(px.width).toBe(Math.ceil(LAYOUT.pageWidth * OVERLAY_SCALE));
    expect(px.height).toBe(Math.ceil(LAYOUT.pageHeight * OVERLAY_SCALE));
  });

  it('outlines every redaction where the report says it is, in its source colour', async () => {
    const dir = path.join(tmp, 'ov');
    for (const page of report.pages) {
      const px = await decode(path.join(dir, `page-00${page.page}.png`));
      expect(page.redactions.length).toBe(2);
      for (const r of page.redactions) {
        for (const c of edgePixels(px, r.bbox, OVERLAY_SCALE)) expect(c, `${r.id} edge`).toEqual([...OVERLAY_COLORS.vector]);
        // just outside the box there is no outline
        const [x0, , , y1] = pixelBox(r.bbox, OVERLAY_SCALE);
        expect(near(px.at(x0 - 3, y1 - 3), OVERLAY_COLORS.vector, 40)).toBe(false);
      }
    }
  });

  it('fills leaks in red and leaves applied boxes unfilled', async () => {
    const px = await decode(path.join(tmp, 'ov', 'page-001.png'));
    const leak = report.leaks.find((l) => l.page === 1)!;
    const [lx0, ly0, lx1, ly1] = pixelBox(leak.bbox!, OVERLAY_SCALE);
    const [r, g, b] = px.at(Math.floor((lx0 + lx1) / 2), Math.floor((ly0 + ly1) / 2) + 3);
    expect(r).toBeGreaterThan(g + 60);
    expect(r).toBeGreaterThan(b + 60);
    // the applied box: its inside is the (lightened) black of the box, not red
    const [ax0, ay0, ax1, ay1] = pixelBox(LAYOUT.appliedBox, OVERLAY_SCALE);
    const inside = px.at(ax0 + 6, Math.floor((ay0 + ay1) / 2));
    expect(Math.abs(inside[0] - inside[1])).toBeLessThan(8);
    expect(inside[0]).toBeLessThan(100);
    expect(ax1).toBeGreaterThan(ax0);
  });

  it('draws annotation and raster boxes in their own colours, unapplied ones dashed', async () => {
    const r: Report = structuredClone(report);
    const page = r.pages[0];
    page.redactions = [
      { id: 'p1-r1', bbox: [100, 500, 300, 530], source: 'annotation', style: 'solid', annotation: 'Redact', hiddenWordsEstimate: 3, hiddenCharsEstimate: 20 },
      { id: 'p1-r2', bbox: [100, 600, 300, 630], source: 'raster', style: 'solid', hiddenWordsEstimate: 3, hiddenCharsEstimate: 20 },
      { id: 'p1-r3', bbox: [100, 680, 300, 710], source: 'annotation', style: 'solid', annotation: 'Redact', unapplied: true, hiddenWordsEstimate: 3, hiddenCharsEstimate: 20 },
    ];
    r.leaks = [];
    const scale = 1.5;
    const w = Math.ceil(612 * scale);
    const h = Math.ceil(792 * scale);
    const png = await renderOverlayPage(r, 1, { width: w, height: h, data: new Uint8Array(w * h).fill(255), scale });
    const px = await decode(png);
    for (const c of edgePixels(px, page.redactions[0].bbox, scale)) expect(c).toEqual([...OVERLAY_COLORS.annotation]);
    for (const c of edgePixels(px, page.redactions[1].bbox, scale)) expect(c).toEqual([...OVERLAY_COLORS.raster]);
    // dashed: along the top edge of the unapplied box some pixels are outline, some are not
    const [x0, y0, x1] = pixelBox(page.redactions[2].bbox, scale);
    const row = Array.from({ length: x1 - x0 - 8 }, (_, i) => near(px.at(x0 + 4 + i, y0), OVERLAY_COLORS.annotation, 30));
    expect(row.filter(Boolean).length).toBeGreaterThan(row.length * 0.3);
    expect(row.filter((v) => !v).length).toBeGreaterThan(row.length * 0.2);
  });

  it('marks section starts with a tick in the left margin, beside each heading', async () => {
    const px = await decode(path.join(tmp, 'ov', 'page-001.png'));
    const starts = report.sections.filter((s) => s.pageStart === 1);
    expect(starts.length).toBeGreaterThan(0);
    const first = starts.find((s) => s.headingBBox)!;
    expect(first).toBeDefined();
    // the tick stands in the left margin, level with the heading
    const [, top, , bottom] = first.headingBBox!.map((v) => Math.round(v * 1.5));
    const tick = Array.from({ length: bottom - top + 6 }, (_, i) => px.at(8, top - 3 + i)).filter((c) => near(c, OVERLAY_COLORS.section, 20));
    expect(tick.length).toBeGreaterThan(0);
  });

  it('marks a section beside its heading when the report gives the heading position', async () => {
    const r: Report = structuredClone(report);
    r.sections = [{ ...r.sections[0], pageStart: 1, headingBBox: [72, 400, 300, 412] }];
    const scale = 1.5;
    const w = Math.ceil(612 * scale);
    const h = Math.ceil(792 * scale);
    const px = await decode(await renderOverlayPage(r, 1, { width: w, height: h, data: new Uint8Array(w * h).fill(255), scale }));
    const column = (y0: number, y1: number) => Array.from({ length: y1 - y0 }, (_, i) => px.at(8, y0 + i)).filter((c) => near(c, OVERLAY_COLORS.section, 20));
    expect(column(595, 615).length).toBeGreaterThan(0);
    expect(column(0, 40)).toEqual([]);
    // without a position the mark goes to the top-left corner
    delete r.sections[0].headingBBox;
    const top = await decode(await renderOverlayPage(r, 1, { width: w, height: h, data: new Uint8Array(w * h).fill(255), scale }));
    expect(Array.from({ length: 20 }, (_, y) => top.at(8, y)).some((c) => near(c, OVERLAY_COLORS.section, 20))).toBe(true);
  });

  it('outlines a multi-line redaction line box by line box, leaving the words beside it clear', async () => {
    const r: Report = structuredClone(report);
    const page = r.pages[0];
    // a two-line box: the end of one line and the start of the next
    page.redactions = [{ id: 'p1-r1', bbox: [100, 200, 500, 230], source: 'vector', style: 'solid', parts: [[300, 200, 500, 215], [100, 215, 250, 230]], hiddenWordsEstimate: 5, hiddenCharsEstimate: 40 }];
    r.leaks = [];
    const scale = 1.5;
    const w = Math.ceil(612 * scale);
    const h = Math.ceil(792 * scale);
    const px = await decode(await renderOverlayPage(r, 1, { width: w, height: h, data: new Uint8Array(w * h).fill(255), scale }));
    for (const part of page.redactions[0].parts!) for (const c of edgePixels(px, part, scale)) expect(c).toEqual([...OVERLAY_COLORS.vector]);
    // the union's top-left corner holds unredacted words: no outline there
    const [x0, y0] = pixelBox([100, 200, 500, 230], scale);
    expect(near(px.at(x0 + 10, y0), OVERLAY_COLORS.vector, 40)).toBe(false);
  });

  it('removes overlay images of pages that no longer exist', async () => {
    const dir = path.join(tmp, 'stale');
    await writeOverlays(pdfFile, report, dir);
    writeFileSync(path.join(dir, 'page-009.png'), 'old');
    await writeOverlays(pdfFile, report, dir);
    expect(readdirSync(dir).sort()).toEqual(['page-001.png', 'page-002.png']);
  });

  it('analyze --overlays DIR writes them from the command line', async () => {
    const dir = path.join(tmp, 'cli-ov');
    let stderr = '';
    const code = await main(['analyze', pdfFile, '--json', '--overlays', dir], { stdout: () => undefined, stderr: (s) => (stderr += s), color: false });
    expect(code).toBe(0);
    expect(stderr).toContain(`2 overlay images written to ${dir}`);
    expect(readdirSync(dir).sort()).toEqual(['page-001.png', 'page-002.png']);
  });
});
