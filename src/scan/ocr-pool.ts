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
import type Tesseract from 'tesseract.js';
import type { BBox } from '../model.js';
import type { GreyImage } from './render.js';
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
  /** Only these characters may be read (tesseract's tessedit_char_whitelist), for this job only. */
  charWhitelist?: string;
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
  /** The engine's name in the report (see ocr-engine.ts). */
  readonly name = 'tesseract.js' as const;
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
    // tesseract.js is loaded when the first worker starts, not by importing this module
    const { createWorker } = await import('tesseract.js');
    const starting = createWorker('eng', 1 /* LSTM_ONLY */, {
      langPath: this.langPath,
      gzip: true,
      cacheMethod: 'none',
      logger: () => {},
      // Failed jobs reject their own promise; without a handler tesseract.js throws instead.
      errorHandler: () => {},
    });
    let w: Tesseract.Worker;
    try {
      w = await timeout(starting, this.startTimeoutMs, 'starting an OCR worker');
    } catch (e) {
      // a worker that starts after its time limit would keep the process alive: stop it then
      void starting.then((late) => late.terminate()).catch(() => undefined);
      throw e;
    }
    // the pool was terminated while this worker started (a replacement after a timed-out job):
    // a worker left running would keep the process alive after the analysis has failed
    if (this.closed) {
      await w.terminate().catch(() => undefined);
      return;
    }
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
    if (opts.charWhitelist) params.tessedit_char_whitelist = opts.charWhitelist;
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
