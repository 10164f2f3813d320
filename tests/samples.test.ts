/**
 * Consistency of the generated samples (scripts/make-samples.ts) with their ground truth:
 * the text layer holds exactly the visible words plus the leaked words and the box labels, properly
 * redacted text is gone, leaked text is extractable, boxes never cover visible text, and the section
 * statuses follow from the word counts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createCanvas } from '@napi-rs/canvas';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.join(ROOT, 'samples');
const PDFJS = path.join(ROOT, 'node_modules', 'pdfjs-dist');

type BBox = [number, number, number, number];
interface Truth {
  file: string;
  pages: number;
  pageSize: [number, number];
  header: string;
  redactions: {
    page: number;
    bbox: BBox;
    label: string | null;
    source: 'vector' | 'annotation' | 'raster';
    parts: BBox[];
    leaky: boolean;
    hiddenText: string;
  }[];
  leaks: { page: number; bbox: BBox; kind: 'text-under-box' | 'unapplied-annotation'; text: string }[];
  sections: {
    title: string;
    level: number;
    parent: string | null;
    pageStart: number;
    pageEnd: number;
    status: 'readable' | 'partial' | 'redacted';
    visibleWords: number;
    hiddenWords: number;
    own: { visibleWords: number; hiddenWords: number; status: 'readable' | 'partial' | 'redacted' };
  }[];
  negatives: { page: number; bbox: BBox; kind: string }[];
  pageWords: Record<string, string[]>;
}

interface PageText {
  words: string[];
  text: string;
  items: { str: string; box: BBox }[];
}

async function open(file: string): Promise<pdfjs.PDFDocumentProxy> {
  const bytes = readFileSync(path.join(SAMPLES, file));
  return pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: path.join(PDFJS, 'standard_fonts') + '/',
    cMapUrl: path.join(PDFJS, 'cmaps') + '/',
    wasmUrl: path.join(PDFJS, 'wasm') + '/',
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
}

async function pageText(doc: pdfjs.PDFDocumentProxy, n: number): Promise<PageText> {
  const page = await doc.getPage(n);
  const height = page.view[3]!;
  const content = await page.getTextContent();
  const items: PageText['items'] = [];
  const strs: string[] = [];
  for (const it of content.items) {
    if (!('str' in it)) continue;
    strs.push(it.str);
    if (!it.str.trim()) continue;
    const [, , , d, e, f] = it.transform as number[];
    const size = Math.abs(d!);
    items.push({ str: it.str, box: [e!, height - f! - 0.68 * size, e! + it.width, height - f!] });
  }
  const text = strs.join(' ').replace(/\s+/g, ' ').trim();
  return { words: text.split(' ').filter(Boolean), text, items };
}

const sorted = (a: string[]): string[] => [...a].sort();
const overlap = (a: BBox, b: BBox, tol = 0): boolean =>
  Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > tol && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > tol;

function checkTruthShape(t: Truth): void {
  expect(t.pages).toBe(15);
  expect(t.pageSize).toEqual([612, 792]);
  expect(Object.keys(t.pageWords)).toHaveLength(15);
  for (let n = 1; n <= 15; n++) {
    const header = t.header.replace('{n}', String(n)).split(/\s+/);
    expect(t.pageWords[String(n)]!.slice(0, header.length)).toEqual(header);
  }
  for (const r of t.redactions) {
    // bbox is the union of the parts
    const u = r.parts.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
    expect(u).toEqual(r.bbox);
    expect(r.hiddenText.length).toBeGreaterThan(0);
  }
  // Section statuses follow the stated rule: own bodies as written, extents rolled up.
  for (const s of t.sections) {
    const ownTotal = s.own.visibleWords + s.own.hiddenWords;
    const ownRatio = ownTotal ? s.own.visibleWords / ownTotal : 1;
    if (s.own.status === 'redacted') expect(ownRatio).toBeLessThanOrEqual(0.1);
    if (s.own.status === 'partial') {
      expect(ownRatio).toBeGreaterThan(0.3);
      expect(ownRatio).toBeLessThan(0.86);
    }
    if (s.own.status === 'readable') expect(s.own.hiddenWords).toBe(0);
    const children = t.sections.filter((c) => c.parent === s.title);
    expect(s.visibleWords).toBe(s.own.visibleWords + children.reduce((a, c) => a + c.visibleWords, 0));
    expect(s.hiddenWords).toBe(s.own.hiddenWords + children.reduce((a, c) => a + c.hiddenWords, 0));
    const total = s.visibleWords + s.hiddenWords;
    const ratio = total ? s.visibleWords / total : 1;
    expect(s.status).toBe(s.hiddenWords === 0 ? 'readable' : ratio <= 0.1 ? 'redacted' : 'partial');
    expect(s.pageEnd).toBeGreaterThanOrEqual(s.pageStart);
    // a subsection's parent is the roman section above it
    if (s.level === 2) expect(s.parent).toMatch(/^[IVX]+\. /);
    else expect(s.parent).toBeNull();
    // numbered headings, plus the notice title and the attachment bar (unnumbered headings)
    expect(/^([IVX]+|[A-Z])\. |^NOTICE |^ATTACHMENT /.test(s.title)).toBe(true);
    // level-1 headings are roman numerals in capitals, level-2 ones a capital letter and mixed case
    expect(s.level).toBe(s.title === s.title.toUpperCase() ? 1 : 2);
  }
}

describe('samples/mou-redacted.pdf', () => {
  const truthFile = path.join(SAMPLES, 'mou-redacted.truth.json');
  let truth: Truth;
  let doc: pdfjs.PDFDocumentProxy;
  const texts: PageText[] = [];

  beforeAll(async () => {
    if (!existsSync(truthFile)) throw new Error('samples missing: run `npm run samples`');
    truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Truth;
    doc = await open(truth.file);
    for (let n = 1; n <= doc.numPages; n++) texts.push(await pageText(doc, n));
  });

  it('has 15 US Letter pages and a well-formed truth', async () => {
    expect(doc.numPages).toBe(15);
    for (let n = 1; n <= 15; n++) expect((await doc.getPage(n)).view).toEqual([0, 0, 612, 792]);
    checkTruthShape(truth);
  });

  it('has every designed feature', () => {
    const st = (s: string) => truth.sections.filter((x) => x.own.status === s).length;
    expect(st('readable')).toBeGreaterThan(5);
    expect(st('partial')).toBeGreaterThan(3);
    expect(st('redacted')).toBeGreaterThanOrEqual(2);
    expect(truth.sections.find((s) => s.title === 'VIII. POINTS OF CONTACT')?.status).toBe('redacted');
    // parents whose subsections are redacted in part, though their own text is not
    expect(truth.sections.find((s) => s.title === 'V. RESPONSIBILITIES OF THE PARTIES')).toMatchObject({ status: 'partial', own: { status: 'readable' } });
    const under = truth.leaks.filter((l) => l.kind === 'text-under-box');
    expect(under.length).toBeGreaterThanOrEqual(2);
    expect(new Set(under.map((l) => l.page)).size).toBeGreaterThanOrEqual(2);
    const leakyBoxes = truth.redactions.filter((r) => r.leaky && r.source === 'vector');
    expect(leakyBoxes.some((r) => r.label)).toBe(true);
    expect(leakyBoxes.some((r) => !r.label)).toBe(true);
    expect(truth.redactions.filter((r) => r.source === 'annotation')).toHaveLength(1);
    expect(truth.leaks.filter((l) => l.kind === 'unapplied-annotation')).toHaveLength(1);
    expect(new Set(truth.negatives.map((n) => n.kind))).toEqual(new Set(['table-rule', 'stroked-rect', 'header-bar']));
  });

  it('text layer = visible words + leaked words + box labels, nothing else', () => {
    for (let n = 1; n <= 15; n++) {
      const expected = [...truth.pageWords[String(n)]!];
      for (const l of truth.leaks) if (l.page === n && l.kind === 'text-under-box') expected.push(...l.text.split(' '));
      for (const r of truth.redactions) if (r.page === n && r.source === 'vector' && r.label) expected.push(r.label);
      expect(sorted(texts[n - 1]!.words), `page ${n}`).toEqual(sorted(expected));
    }
  });

  it('leaked text is extractable, properly redacted text is not', () => {
    for (const l of truth.leaks) expect(texts[l.page - 1]!.text).toContain(l.text);
    for (const r of truth.redactions) {
      // (short fragments such as "ten Business" legitimately occur elsewhere as visible text)
      if (r.leaky || r.hiddenText.split(' ').length < 3) continue;
      for (const t of texts) expect(t.text).not.toContain(r.hiddenText);
    }
  });

  it('boxes cover only the words they hide; headings are never covered', () => {
    for (const r of truth.redactions) {
      if (r.source !== 'vector') continue;
      const t = texts[r.page - 1]!;
      const allowed = new Set([r.label, ...(r.leaky ? [r.hiddenText] : [])]);
      for (const it of t.items) {
        if (r.parts.some((p) => overlap(p, it.box, 0.5))) {
          // pdfjs may merge a leaked phrase with the visible words drawn around it into one item
          const leakItem = r.leaky && (r.hiddenText.includes(it.str) || it.str.includes(r.hiddenText));
          expect(allowed.has(it.str) || leakItem, `"${it.str}" under a box on page ${r.page}`).toBe(true);
        }
      }
    }
    for (const s of truth.sections) {
      const t = texts[s.pageStart - 1]!;
      const item = t.items.find((i) => i.str === s.title);
      expect(item, s.title).toBeDefined();
      for (const r of truth.redactions) if (r.page === s.pageStart) expect(overlap(r.bbox, item!.box)).toBe(false);
    }
  });

  it('hidden word counts of the sections add up to the redacted words', () => {
    const hidden = truth.sections.reduce((a, s) => a + s.own.hiddenWords, 0);
    const redacted = truth.redactions
      .filter((r) => r.source === 'vector')
      .reduce((a, r) => a + r.hiddenText.split(' ').length, 0);
    expect(hidden).toBe(redacted);
  });

  it('carries the unapplied Redact annotation where the truth says', async () => {
    const r = truth.redactions.find((x) => x.source === 'annotation')!;
    const annots = await (await doc.getPage(r.page)).getAnnotations();
    const redact = annots.filter((a) => a.subtype === 'Redact');
    expect(redact).toHaveLength(1);
    const [x0, y0, x1, y1] = redact[0].rect as number[];
    expect([x0, 792 - y1!, x1, 792 - y0!].map((v) => Math.round(v! * 100) / 100)).toEqual(r.bbox);
    expect(texts[r.page - 1]!.text).toContain(r.hiddenText);
  });
});

describe('samples/mou-scanned.pdf', () => {
  let vector: Truth;
  let truth: Truth & { scan: { dpi: number; skewDegrees: number[] } };
  let doc: pdfjs.PDFDocumentProxy;

  beforeAll(async () => {
    vector = JSON.parse(readFileSync(path.join(SAMPLES, 'mou-redacted.truth.json'), 'utf8')) as Truth;
    truth = JSON.parse(readFileSync(path.join(SAMPLES, 'mou-scanned.truth.json'), 'utf8')) as typeof truth;
    doc = await open(truth.file);
  });

  it('is 15 image-only pages', async () => {
    expect(doc.numPages).toBe(15);
    for (let n = 1; n <= 15; n++) {
      const page = await doc.getPage(n);
      expect(page.view).toEqual([0, 0, 612, 792]);
      expect((await page.getTextContent()).items).toHaveLength(0);
      const ops = await page.getOperatorList();
      expect(ops.fnArray.filter((f) => f === pdfjs.OPS.paintImageXObject)).toHaveLength(1);
      expect((await page.getAnnotations()).length).toBe(0);
    }
  });

  it('has the vector truth, skewed, with no leaks and no annotation', () => {
    checkTruthShape(truth);
    expect(truth.leaks).toEqual([]);
    expect(truth.sections).toEqual(vector.sections);
    expect(truth.pageWords).toEqual(vector.pageWords);
    const boxes = vector.redactions.filter((r) => r.source === 'vector');
    expect(truth.redactions).toHaveLength(boxes.length);
    truth.redactions.forEach((r, k) => {
      expect(r.source).toBe('raster');
      expect(r.leaky).toBe(false);
      expect(r.hiddenText).toBe(boxes[k]!.hiddenText);
      expect(r.label).toBe(boxes[k]!.label);
    });
    for (const d of truth.scan.skewDegrees) {
      expect(Math.abs(d)).toBeGreaterThanOrEqual(0.3);
      expect(Math.abs(d)).toBeLessThanOrEqual(0.8);
    }
  });

  it('is black where the skewed boxes are and light in the margins', async () => {
    const s = 100 / 72;
    const boxes = vector.redactions.filter((r) => r.source === 'vector');
    for (let n = 1; n <= 15; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: s });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const ctx = canvas.getContext('2d');
      type RenderParams = Parameters<typeof page.render>[0];
      await page.render({
        canvasContext: ctx as unknown as RenderParams['canvasContext'],
        canvas: canvas as unknown as RenderParams['canvas'],
        viewport,
      }).promise;
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const grey = (x: number, y: number): number => img.data[(Math.round(y * s) * canvas.width + Math.round(x * s)) * 4]!;
      const a = (truth.scan.skewDegrees[n - 1]! * Math.PI) / 180;
      const rot = (x: number, y: number): [number, number] => [
        306 + (x - 306) * Math.cos(a) - (y - 396) * Math.sin(a),
        396 + (x - 306) * Math.sin(a) + (y - 396) * Math.cos(a),
      ];
      for (const r of boxes.filter((b) => b.page === n)) {
        for (const p of r.parts) {
          const my = (p[1] + p[3]) / 2;
          for (const x of [p[0] + 0.1 * (p[2] - p[0]), p[2] - 0.1 * (p[2] - p[0])]) {
            const [qx, qy] = rot(x, my);
            expect(grey(qx, qy), `page ${n} "${r.hiddenText}"`).toBeLessThan(110);
          }
        }
      }
      const margin = [40, 200, 400, 600].map((y) => grey(...rot(36, y)));
      expect(margin.filter((v) => v > 200).length).toBeGreaterThanOrEqual(3);
    }
  });
});
