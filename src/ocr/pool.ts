/**
 * OCR with tesseract.js, offline: a pool of workers created once and reused across pages.
 *
 * - Language data comes from the npm package @tesseract.js-data/eng (4.0.0_best_int, gzipped),
 *   read from disk; nothing is fetched and no traineddata is written to the working directory.
 * - Images are handed to tesseract as binary PGM (P5): Leptonica reads it directly, no PNG
 *   encoding/decoding (measured on a 300-dpi letter page: PGM ~1 ms to build vs ~390 ms to
 *   encode PNG plus its decode inside the worker; an 8-bit BMP goes through bmp-js, ~6x slower).
 * - Every worker gets an errorHandler (without one, a failed job throws inside tesseract.js'
 *   message handler and kills the process); jobs have a time limit and a worker that dies or
 *   times out is replaced.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker } from 'tesseract.js';
import type Tesseract from 'tesseract.js';
import type { BBox } from '../model.js';
import type { GreyImage } from '../facts/render.js';
import { AnalysisError } from '../errors.js';

export interface OcrWord {
  text: string;
  /** Pixels of the image given to recognize (full-image coordinates, also with a rectangle). */
  bbox: BBox;
  /** 0..100 */
  confidence: number;
  /** Index of the text line the word belongs to, in tesseract's reading order (per call). */
  line: number;
}

/** Page segmentation: auto (a page), block (one block of text), line, word, sparse (scattered text). */
export type OcrLayout = 'auto' | 'block' | 'line' | 'word' | 'sparse';

export interface OcrRecognizeOptions {
  /** Only this part of the image, pixels. */
  rectangle?: { left: number; top: number; width: number; height: number };
  /** Default 'auto'. */
  layout?: OcrLayout;
  /** Time limit of this job in ms (default: the pool's, 120 s). The worker is replaced on expiry. */
  timeoutMs?: number;
}

export interface OcrPoolOptions {
  /** Folder holding eng.traineddata.gz. Default: @tesseract.js-data/eng/4.0.0_best_int. */
  langPath?: string;
  /** Default time limit of one job, ms. Default 120000. */
  timeoutMs?: number;
  /** Time limit for starting one worker, ms. Default 60000. */
  startTimeoutMs?: number;
}

const PSM: Record<OcrLayout, string> = { auto: '3', block: '6', line: '7', word: '8', sparse: '11' };

/** Absolute path of the bundled English LSTM data folder (4.0.0_best_int). */
export function defaultLangPath(): string {
  const req = createRequire(import.meta.url);
  const root = path.dirname(req.resolve('@tesseract.js-data/eng/package.json'));
  return path.join(root, '4.0.0_best_int');
}

/** Binary PGM (P5) of a grey image: the cheapest input tesseract.js accepts in Node. */
export function toPgm(img: { width: number; height: number; data: Uint8Array }): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(header.length + img.width * img.height);
  out.set(header, 0);
  out.set(img.data.subarray(0, img.width * img.height), header.length);
  return out;
}

interface Job {
  img: GreyImage;
  opts: OcrRecognizeOptions;
  resolve: (w: OcrWord[]) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Tesseract.Worker | null;
  busy: boolean;
  /** Set when the thread died: the slot's current job is failed and the worker replaced. */
  onDeath?: (e: unknown) => void;
}

function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
      timer.unref?.();
    }),
  ]).finally(() => clearTimeout(timer));
}

export class OcrPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private closed = false;

  private constructor(
    slots: Slot[],
    private readonly langPath: string,
    private readonly timeoutMs: number,
    private readonly startTimeoutMs: number,
  ) {
    this.slots = slots;
  }

  /** Start `size` workers (at least 1). Throws when the language data is missing. */
  static async create(size: number, opts: OcrPoolOptions = {}): Promise<OcrPool> {
    const langPath = opts.langPath ?? defaultLangPath();
    const data = path.join(langPath, 'eng.traineddata.gz');
    // With a bad langPath tesseract.js' createWorker never settles: check first.
    if (!existsSync(data)) {
      throw new AnalysisError('internal', `OCR language data not found: ${data} (is @tesseract.js-data/eng installed?)`);
    }
    const n = Math.max(1, Math.floor(size) || 1);
    const pool = new OcrPool(
      Array.from({ length: n }, () => ({ worker: null, busy: false })),
      langPath,
      opts.timeoutMs ?? 120_000,
      opts.startTimeoutMs ?? 60_000,
    );
    try {
      await Promise.all(pool.slots.map((s) => pool.startWorker(s)));
    } catch (e) {
      await pool.terminate();
      throw e;
    }
    return pool;
  }

  /** Number of workers. */
  get size(): number {
    return this.slots.length;
  }

  /** Jobs waiting for a worker. */
  get pending(): number {
    return this.queue.length;
  }

  private async startWorker(slot: Slot): Promise<void> {
    const w = await timeout(
      createWorker('eng', 1 /* LSTM_ONLY */, {
        langPath: this.langPath,
        gzip: true,
        cacheMethod: 'none',
        logger: () => {},
        // Failed jobs reject their own promise; without a handler tesseract.js throws instead.
        errorHandler: () => {},
      }),
      this.startTimeoutMs,
      'starting an OCR worker',
    );
    slot.worker = w;
    // the underlying worker_threads Worker: notice a thread that dies mid-job
    const thread = (w as unknown as { worker?: { on?: (ev: string, f: (x: unknown) => void) => void } }).worker;
    const lost = (e: unknown) => {
      if (slot.worker !== w || this.closed) return;
      if (slot.onDeath) slot.onDeath(e); // the running job fails, run() replaces the worker
      else void this.replace(slot); // idle worker: replace it now
    };
    thread?.on?.('exit', (code) => lost(new Error(`OCR worker exited (code ${String(code)})`)));
    thread?.on?.('error', (err) => lost(new Error(`OCR worker failed: ${String(err)}`)));
  }

  /** Recognise a grey image (or a rectangle of it); words in reading order. */
  recognize(img: GreyImage, opts: OcrRecognizeOptions = {}): Promise<OcrWord[]> {
    if (this.closed) return Promise.reject(new Error('OCR pool is terminated'));
    return new Promise<OcrWord[]>((resolve, reject) => {
      this.queue.push({ img, opts, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy || !slot.worker) continue;
      const job = this.queue.shift()!;
      slot.busy = true;
      void this.run(slot, job).finally(() => {
        slot.busy = false;
        this.pump();
      });
    }
  }

  private async run(slot: Slot, job: Job): Promise<void> {
    const w = slot.worker!;
    const { img, opts } = job;
    const params: Record<string, string> = {
      tessedit_pageseg_mode: PSM[opts.layout ?? 'auto'],
      user_defined_dpi: String(Math.max(70, Math.min(2400, Math.round(img.scale * 72)))),
      // tesseract's own diagnostics ("Detected N diacritics") would otherwise reach stderr
      debug_file: '/dev/null',
      // no second pass over every line as white-on-black: boxes are masked and their labels are
      // read from inverted crops, so it finds nothing and costs 12% of the OCR time (measured)
      tessedit_do_invert: '0',
    };
    if (opts.rectangle) (params as Record<string, unknown>).rectangle = opts.rectangle;
    const died = new Promise<never>((_, reject) => {
      slot.onDeath = reject;
    });
    try {
      const res = await timeout(
        Promise.race([
          // TSV is written inside the engine; the blocks tree is built symbol by symbol across the
          // wasm boundary: TSV is 11% faster per page for the same words (measured)
          w.recognize(toPgm(img) as unknown as Buffer, params as Partial<Tesseract.RecognizeOptions>, { tsv: true, text: false }),
          died,
        ]),
        opts.timeoutMs ?? this.timeoutMs,
        'OCR',
      );
      job.resolve(wordsOfTsv((res.data as { tsv?: string | null }).tsv ?? ''));
    } catch (e) {
      job.reject(e instanceof Error ? e : new Error(`OCR failed: ${String(e)}`));
      // a timed-out or dead worker is replaced; a job that failed cleanly keeps its worker
      const dead = e instanceof Error && /timed out|exited|OCR worker/.test(e.message);
      if (dead && !this.closed) await this.replace(slot);
    } finally {
      slot.onDeath = undefined;
    }
  }

  private async replace(slot: Slot): Promise<void> {
    const old = slot.worker;
    slot.worker = null;
    try {
      await old?.terminate();
    } catch {
      /* already gone */
    }
    try {
      await this.startWorker(slot);
    } catch {
      // could not restart: the slot stays empty; fail queued jobs if no worker is left
      if (this.slots.every((s) => !s.worker)) {
        for (const j of this.queue.splice(0)) j.reject(new Error('no OCR worker is available'));
      }
    }
  }

  /** Stop every worker; queued jobs are rejected. Safe to call twice. */
  async terminate(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('OCR pool is terminated'));
    await Promise.all(
      this.slots.map(async (s) => {
        const w = s.worker;
        s.worker = null;
        try {
          await w?.terminate();
        } catch {
          /* ignore */
        }
      }),
    );
  }
}

/** Words of a tesseract.js page result (blocks -> paragraphs -> lines -> words). */
/**
 * Words from tesseract's TSV (level 5 rows: left, top, width, height, conf, text), numbered by the
 * block/paragraph/line they belong to, in reading order.
 */
export function wordsOfTsv(tsv: string): OcrWord[] {
  const out: OcrWord[] = [];
  let line = -1;
  let lastKey = '';
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f.slice(11).join('\t').trim();
    if (!text) continue;
    const key = `${f[2]}/${f[3]}/${f[4]}`;
    if (key !== lastKey) {
      line++;
      lastKey = key;
    }
    const [left, top, width, height, conf] = [f[6], f[7], f[8], f[9], f[10]].map(Number);
    out.push({ text, bbox: [left, top, left + width, top + height], confidence: conf, line });
  }
  return out;
}

/**
 * A box to paint or read: a plain BBox is in PDF points; an object gives pixels (pxBox, and for a
 * skewed raster box its exact corners pxQuad). `group` ties the lines of one multi-line redaction.
 */
export type BoxRef = BBox | { pxBox: BBox; pxQuad?: [number, number][]; group?: number };

function isPlainBBox(b: unknown): b is BBox {
  return Array.isArray(b) && typeof b[0] === 'number';
}

function pixelBox(img: GreyImage, b: BoxRef): BBox {
  if (isPlainBBox(b)) return [b[0] * img.scale, b[1] * img.scale, b[2] * img.scale, b[3] * img.scale];
  return b.pxBox;
}

/** Corners of a box in pixels, clockwise from top-left (image y down). */
function quadOf(img: GreyImage, b: BoxRef): [number, number][] {
  if (!isPlainBBox(b) && b.pxQuad && b.pxQuad.length === 4) return b.pxQuad;
  const [x0, y0, x1, y1] = pixelBox(img, b);
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** Inward edge lines of a convex quad: distance(x, y) = nx * x + ny * y + c, >= 0 inside. */
function edgesOf(q: [number, number][]): Float64Array {
  const cx = (q[0][0] + q[1][0] + q[2][0] + q[3][0]) / 4;
  const cy = (q[0][1] + q[1][1] + q[2][1] + q[3][1]) / 4;
  const e = new Float64Array(12);
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = q[i];
    const [bx, by] = q[(i + 1) % 4];
    const len = Math.hypot(bx - ax, by - ay) || 1;
    let nx = -(by - ay) / len;
    let ny = (bx - ax) / len;
    let c = -(nx * ax + ny * ay);
    if (nx * cx + ny * cy + c < 0) {
      nx = -nx;
      ny = -ny;
      c = -c;
    }
    e[i * 3] = nx;
    e[i * 3 + 1] = ny;
    e[i * 3 + 2] = c;
  }
  return e;
}

function insideAny(edges: Float64Array[], x: number, y: number, inset: number): boolean {
  for (const e of edges) {
    if (
      e[0] * x + e[1] * y + e[2] >= inset &&
      e[3] * x + e[4] * y + e[5] >= inset &&
      e[6] * x + e[7] * y + e[8] >= inset &&
      e[9] * x + e[10] * y + e[11] >= inset
    )
      return true;
  }
  return false;
}

/**
 * A copy of the image with the given boxes painted white (grown by padPx, default 2, to swallow
 * anti-aliased or ragged edges), so that redaction boxes yield no junk text in OCR.
 */
export function maskBoxes(img: GreyImage, boxes: readonly BoxRef[], opts: { padPx?: number } = {}): GreyImage {
  const pad = opts.padPx ?? 2;
  const data = img.data.slice();
  const { width: W, height: H } = img;
  for (const b of boxes) {
    const q = quadOf(img, b);
    const xs = q.map((p) => p[0]);
    const ys = q.map((p) => p[1]);
    const x0 = Math.max(0, Math.floor(Math.min(...xs)) - pad);
    const y0 = Math.max(0, Math.floor(Math.min(...ys)) - pad);
    const x1 = Math.min(W, Math.ceil(Math.max(...xs)) + pad);
    const y1 = Math.min(H, Math.ceil(Math.max(...ys)) + pad);
    if (x1 <= x0 || y1 <= y0) continue;
    const axisAligned = q[0][1] === q[1][1] && q[0][0] === q[3][0];
    if (axisAligned) {
      for (let y = y0; y < y1; y++) data.fill(255, y * W + x0, y * W + x1);
      continue;
    }
    const e = [edgesOf(q)];
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) if (insideAny(e, x + 0.5, y + 0.5, -pad)) data[y * W + x] = 255;
    }
  }
  return { width: W, height: H, data, scale: img.scale };
}

export interface BoxLabelOptions {
  /** Smallest word confidence kept in a label, and smallest mean. Default 60. */
  minConfidence?: number;
  /** Texts of a known form (exemption codes): these need only half the confidence. */
  trust?: (text: string) => boolean;
}

export interface LabelCrop {
  /** The label region inverted (black text on white) and padded with white. */
  image: GreyImage;
  /** Where the label's light pixels are, pixels of the page image. */
  lightBox: BBox;
}

/**
 * The part of one box (or of the boxes of one multi-line redaction) that carries light label
 * pixels, inverted to black-on-white and padded; undefined for a plain box.
 */
export function labelCrop(img: GreyImage, boxes: BoxRef | readonly BoxRef[]): LabelCrop | undefined {
  const list: BoxRef[] = isPlainBBox(boxes) || !Array.isArray(boxes) ? [boxes as BoxRef] : [...(boxes as readonly BoxRef[])];
  if (list.length === 0) return undefined;
  const { width: W, height: H, data, scale } = img;
  const quads = list.map((b) => quadOf(img, b));
  const edges = quads.map(edgesOf);
  const xs = quads.flatMap((q) => q.map((p) => p[0]));
  const ys = quads.flatMap((q) => q.map((p) => p[1]));
  const ux0 = Math.max(0, Math.floor(Math.min(...xs)));
  const uy0 = Math.max(0, Math.floor(Math.min(...ys)));
  const ux1 = Math.min(W, Math.ceil(Math.max(...xs)));
  const uy1 = Math.min(H, Math.ceil(Math.max(...ys)));
  const bw = ux1 - ux0;
  const bh = uy1 - uy0;
  if (bw < 4 || bh < 4) return undefined;
  // light pixels well inside the box (its own edges are ragged and anti-aliased)
  const inset = Math.max(1, scale * 0.75);
  const LIGHT = 128;
  const raw = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    const base = (uy0 + y) * W + ux0;
    for (let x = 0; x < bw; x++) {
      if (data[base + x] >= LIGHT && insideAny(edges, ux0 + x + 0.5, uy0 + y + 0.5, inset)) raw[y * bw + x] = 1;
    }
  }
  // despeckle: a label pixel has at least 3 light neighbours (strokes are >= 2 px wide);
  // scanner specks and JPEG sparkles do not
  const light = new Uint8Array(bw * bh);
  const rows = new Uint32Array(bh);
  let total = 0;
  for (let y = 1; y < bh - 1; y++) {
    for (let x = 1; x < bw - 1; x++) {
      const i = y * bw + x;
      if (!raw[i]) continue;
      const nb =
        raw[i - bw - 1] + raw[i - bw] + raw[i - bw + 1] + raw[i - 1] + raw[i + 1] + raw[i + bw - 1] + raw[i + bw] + raw[i + bw + 1];
      if (nb >= 3) {
        light[i] = 1;
        rows[y]++;
        total++;
      }
    }
  }
  // a label is a few hundred light pixels at least; specks are not
  if (total < Math.max(12, scale * scale * 4)) return undefined;
  let ry0 = -1;
  let ry1 = -1;
  for (let y = 0; y < bh; y++) {
    if (rows[y] >= 2) {
      if (ry0 < 0) ry0 = y;
      ry1 = y;
    }
  }
  if (ry0 < 0) return undefined;
  const cols = new Uint32Array(bw);
  for (let y = ry0; y <= ry1; y++) for (let x = 0; x < bw; x++) cols[x] += light[y * bw + x];
  let rx0 = -1;
  let rx1 = -1;
  for (let x = 0; x < bw; x++) {
    if (cols[x] >= 2) {
      if (rx0 < 0) rx0 = x;
      rx1 = x;
    }
  }
  if (rx0 < 0) return undefined;
  // a little context around the light region; outside the boxes counts as box (white once inverted)
  const m = Math.round(scale * 1.5);
  const cx0 = Math.max(0, rx0 - m);
  const cy0 = Math.max(0, ry0 - m);
  const cx1 = Math.min(bw, rx1 + 1 + m);
  const cy1 = Math.min(bh, ry1 + 1 + m);
  const pad = Math.max(8, Math.round(scale * 6));
  const ow = cx1 - cx0 + 2 * pad;
  const oh = cy1 - cy0 + 2 * pad;
  const out = new Uint8Array(ow * oh).fill(255);
  for (let y = cy0; y < cy1; y++) {
    const src = (uy0 + y) * W + ux0;
    const dst = (y - cy0 + pad) * ow + pad - cx0;
    for (let x = cx0; x < cx1; x++) {
      if (!insideAny(edges, ux0 + x + 0.5, uy0 + y + 0.5, 0)) continue;
      const v = 255 - data[src + x];
      out[dst + x] = v >= 170 ? 255 : v; // the box's own grain becomes clean white
    }
  }
  // small labels (7 pt in a 150 dpi scan is ~15 px) read far better enlarged to ~36 px
  const factor = Math.max(1, Math.min(4, Math.round(LABEL_HEIGHT_PX / (ry1 - ry0 + 1))));
  return {
    image: factor > 1 ? enlarge({ width: ow, height: oh, data: out, scale }, factor) : { width: ow, height: oh, data: out, scale },
    lightBox: [ux0 + rx0, uy0 + ry0, ux0 + rx1 + 1, uy0 + ry1 + 1],
  };
}

/** Height (px) label text is enlarged to before OCR. */
const LABEL_HEIGHT_PX = 36;

/** Enlarge a grey image by an integer factor, bilinear. */
export function enlarge(img: GreyImage, f: number): GreyImage {
  const W = img.width * f;
  const H = img.height * f;
  const out = new Uint8Array(W * H);
  const sw = img.width, sh = img.height, src = img.data;
  for (let y = 0; y < H; y++) {
    const fy = Math.min(sh - 1, Math.max(0, (y + 0.5) / f - 0.5));
    const y0 = Math.floor(fy), y1 = Math.min(sh - 1, y0 + 1), wy = fy - y0;
    for (let x = 0; x < W; x++) {
      const fx = Math.min(sw - 1, Math.max(0, (x + 0.5) / f - 0.5));
      const x0 = Math.floor(fx), x1 = Math.min(sw - 1, x0 + 1), wx = fx - x0;
      const top = src[y0 * sw + x0] * (1 - wx) + src[y0 * sw + x1] * wx;
      const bot = src[y1 * sw + x0] * (1 - wx) + src[y1 * sw + x1] * wx;
      out[y * W + x] = Math.round(top * (1 - wy) + bot * wy);
    }
  }
  return { width: W, height: H, data: out, scale: img.scale * f };
}

/** Words sorted into lines (top to bottom), each line left to right. */
function readingOrder(words: OcrWord[]): OcrWord[] {
  const ws = [...words].sort((a, b) => a.bbox[1] + a.bbox[3] - b.bbox[1] - b.bbox[3]);
  const lines: OcrWord[][] = [];
  for (const w of ws) {
    const cy = (w.bbox[1] + w.bbox[3]) / 2;
    const last = lines[lines.length - 1];
    if (last) {
      const f = last[0];
      if (Math.abs(cy - (f.bbox[1] + f.bbox[3]) / 2) <= Math.max(2, (f.bbox[3] - f.bbox[1]) / 2)) {
        last.push(w);
        continue;
      }
    }
    lines.push([w]);
  }
  return lines.flatMap((l) => l.sort((a, b) => a.bbox[0] - b.bbox[0]));
}

/** The label text of OCR words, or undefined when they read like noise. */
function labelText(words: OcrWord[], minConf: number, trust?: (text: string) => boolean): string | undefined {
  if (trust) {
    const loose = labelText(words, minConf / 2);
    if (loose !== undefined && trust(loose)) return loose;
  }
  const good = words.filter((w) => w.confidence >= minConf);
  // stray punctuation read from specks at either end
  while (good.length && !/[A-Za-z0-9]/.test(good[good.length - 1].text)) good.pop();
  while (good.length && !/[A-Za-z0-9(]/.test(good[0].text)) good.shift();
  if (good.length === 0) return undefined;
  const text = good.map((w) => w.text).join(' ').replace(/\s+/g, ' ').trim();
  const alnum = (text.match(/[A-Za-z0-9]/g) ?? []).length;
  const junk = (text.replace(/\s/g, '').match(/[^A-Za-z0-9()[\]\-.,/&'’:;§#]/g) ?? []).length;
  if (alnum < 2 || junk > text.replace(/\s/g, '').length * 0.3) return undefined;
  const mean = good.reduce((s, w) => s + w.confidence, 0) / good.length;
  return mean >= minConf ? text : undefined;
}

/**
 * Read the label printed white on black on a raster redaction box, e.g. "Harm to Ongoing Matter"
 * or "(b)(6)". Give the lines of one multi-line redaction together (an array) when a label may
 * wrap across them. Returns undefined for a plain box or unreadable noise.
 */
export async function readBoxLabel(
  pool: OcrPool,
  img: GreyImage,
  box: BoxRef | readonly BoxRef[],
  opts: BoxLabelOptions = {},
): Promise<string | undefined> {
  const crop = labelCrop(img, box);
  if (!crop) return undefined;
  const words = await pool.recognize(crop.image, { layout: 'block' });
  return labelText(words, opts.minConfidence ?? 60, opts.trust);
}

/**
 * Labels of many raster boxes of one page, aligned with `boxes`. Boxes of one group (one
 * multi-line redaction) are read together and the label is given to the line where it starts;
 * the others get undefined. All label crops of the page go to OCR as one stacked image.
 */
export async function readBoxLabels(
  pool: OcrPool,
  img: GreyImage,
  boxes: readonly BoxRef[],
  opts: BoxLabelOptions = {},
): Promise<(string | undefined)[]> {
  const result: (string | undefined)[] = boxes.map(() => undefined);
  const groups = new Map<string, number[]>();
  boxes.forEach((b, i) => {
    const g = !isPlainBBox(b) && b.group !== undefined ? `g${b.group}` : `b${i}`;
    const a = groups.get(g);
    if (a) a.push(i);
    else groups.set(g, [i]);
  });
  const crops: { crop: LabelCrop; owner: number }[] = [];
  for (const idx of groups.values()) {
    const crop = labelCrop(img, idx.map((i) => boxes[i]));
    if (!crop) continue;
    // the box where the label starts
    const [lx, ly] = crop.lightBox;
    let owner = idx[0];
    let bestD = Infinity;
    for (const i of idx) {
      const [x0, y0, x1, y1] = pixelBox(img, boxes[i]);
      const d = Math.max(0, y0 - ly, ly - y1) * 4 + Math.max(0, x0 - lx, lx - x1);
      if (d < bestD) {
        bestD = d;
        owner = i;
      }
    }
    crops.push({ crop, owner });
  }
  const minConf = opts.minConfidence ?? 60;
  // stack the crops (black text on white) into images of bounded height, one OCR job each
  const gap = Math.max(16, Math.round(img.scale * 12));
  const maxH = 6000;
  const batches: (typeof crops)[] = [];
  let cur: typeof crops = [];
  let h = 0;
  for (const c of crops) {
    if (cur.length && h + c.crop.image.height + gap > maxH) {
      batches.push(cur);
      cur = [];
      h = 0;
    }
    cur.push(c);
    h += c.crop.image.height + gap;
  }
  if (cur.length) batches.push(cur);
  await Promise.all(
    batches.map(async (batch) => {
      const width = Math.max(...batch.map((c) => c.crop.image.width));
      const height = batch.reduce((s, c) => s + c.crop.image.height + gap, 0);
      const data = new Uint8Array(width * height).fill(255);
      const tops: number[] = [];
      let y = 0;
      for (const { crop } of batch) {
        tops.push(y);
        const ci = crop.image;
        for (let r = 0; r < ci.height; r++) data.set(ci.data.subarray(r * ci.width, (r + 1) * ci.width), (y + r) * width);
        y += ci.height + gap;
      }
      const words = await pool.recognize({ width, height, data, scale: img.scale }, { layout: 'sparse' });
      const per: OcrWord[][] = batch.map(() => []);
      for (const w of words) {
        const cy = (w.bbox[1] + w.bbox[3]) / 2;
        let k = tops.length - 1;
        while (k > 0 && tops[k] > cy) k--;
        per[k].push(w);
      }
      batch.forEach((c, k) => {
        result[c.owner] = labelText(readingOrder(per[k]), minConf, opts.trust);
      });
    }),
  );
  return result;
}
