/**
 * OCR with the tesseract program (Debian's tesseract-ocr): the native engine (see ocr-engine.ts).
 *
 * Loading the model costs ~0.14 s per process, so processes are long-lived: a process runs
 * `tesseract stdin stdout -c stream_filelist=true ... tsv` for one page layout, and is fed image
 * file names on stdin, one job at a time. The pool runs `size` jobs at once; its processes are
 * shared by all of them: a job takes an idle process of its layout, or starts one (page text) or
 * waits for its layout's one process (box labels: small crops). Each costs 35-55 MB, so at most
 * size + NATIVE_SPARE_PROCESSES live at once; past that the idle process used longest ago is
 * stopped (a page's text and its box labels use up to 5 layouts). Tesseract reads each name as it
 * arrives and writes (and flushes) each page's TSV as soon as the page is read. After every image
 * the job also sends a 1×1 blank image: its page row in the TSV marks the end of the job's rows.
 *
 * - Images are written as 8-bit grey BMP carrying the render resolution (what tesseract.js gets
 *   as `user_defined_dpi`; tesseract reads it from the file: same words, measured identical TSV),
 *   into a private temporary folder that is removed when the pool stops (or the process exits).
 * - Same settings as the tesseract.js pool: LSTM only, no inverted-text pass, the same page
 *   segmentation per layout; one thread per process (OMP_THREAD_LIMIT=1), `size` at once.
 * - A job has a time limit; a process that dies, or overruns, fails its job and is restarted for
 *   the next one.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AnalysisError } from '../errors.js';
import type { OcrEngine } from './ocr-engine.js';
import { defaultLangPath, wordsOfTsv, type OcrLayout, type OcrRecognizeOptions, type OcrWord } from './ocr-pool.js';
import type { GreyImage } from './render.js';

/** Page segmentation modes, as for tesseract.js (ocr-pool.ts). */
const PSM: Record<OcrLayout, string> = { auto: '3', block: '6', line: '7', word: '8', sparse: '11' };

/**
 * Model per page layout, chosen by measurement (README): the npm package's best_int model, as
 * tesseract.js reads it, for everything. Page text: Debian's fast model missed 2 more words of the
 * 15-page scanned sample and read a heading "C." as "Cc". Box labels: the fast model read more of
 * the sample's small white labels (52 of 54 against 44) before labels had their code-only second
 * reading; with it best_int reads all 54, and the fast model lost one of corpus 34's tiny
 * REDACTED labels (p1) that best_int reads.
 */
export const NATIVE_MODEL_BY_LAYOUT: Record<OcrLayout, 'best_int' | 'system'> = {
  auto: 'best_int',
  block: 'best_int',
  line: 'best_int',
  word: 'best_int',
  sparse: 'best_int',
};

/** Resolution tesseract accepts, dpi (as the tesseract.js pool clamps user_defined_dpi). */
const DPI_RANGE = { min: 70, max: 2400 } as const;

export interface NativeOcrOptions {
  /** The tesseract program (default: `tesseract` on PATH). */
  program?: string;
  /** A tessdata folder holding eng.traineddata for every layout (default: NATIVE_MODEL_BY_LAYOUT). */
  tessdataDir?: string;
  /** Default time limit of one job, ms. Default 120000. */
  timeoutMs?: number;
}

/** 8-bit grey BMP (bottom-up rows, grey palette) with its resolution in pixels per metre. */
export function toBmp(img: { width: number; height: number; data: Uint8Array }, dpi: number): Buffer {
  const { width: w, height: h } = img;
  const row = (w + 3) & ~3;
  const offset = 14 + 40 + 256 * 4;
  const out = Buffer.alloc(offset + row * h);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(offset, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(w, 18);
  out.writeInt32LE(h, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(8, 28);
  out.writeUInt32LE(row * h, 34);
  const ppm = Math.round(dpi * 39.37); // leptonica reads dpi back as round(ppm / 39.37)
  out.writeInt32LE(ppm, 38);
  out.writeInt32LE(ppm, 42);
  out.writeUInt32LE(256, 46);
  for (let i = 0; i < 256; i++) out.fill(i, 54 + 4 * i, 57 + 4 * i);
  for (let y = 0; y < h; y++) out.set(img.data.subarray((h - 1 - y) * w, (h - y) * w), offset + y * row);
  return out;
}

/** The part of `img` inside `r` (pixels), as its own image. */
function crop(img: GreyImage, r: NonNullable<OcrRecognizeOptions['rectangle']>): GreyImage {
  const left = Math.max(0, Math.floor(r.left));
  const top = Math.max(0, Math.floor(r.top));
  const width = Math.max(1, Math.min(img.width - left, Math.ceil(r.width)));
  const height = Math.max(1, Math.min(img.height - top, Math.ceil(r.height)));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) data.set(img.data.subarray((top + y) * img.width + left, (top + y) * img.width + left + width), y * width);
  return { width, height, data, scale: img.scale };
}

/** One long-lived tesseract process for one page layout. */
class TesseractProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private pending = '';
  private rows: string[] = [];
  /** Page rows written so far (tesseract numbers the streamed images from 1). */
  private images = 0;
  private waiting: { sentinelPage: number; resolve: (tsv: string) => void; reject: (e: Error) => void } | undefined;
  private stderrTail = '';
  exited = false;
  /** Why it stopped: told to a job that comes after the process died (e.g. while its image was written). */
  private exitError: Error | undefined;

  constructor(program: string, args: string[]) {
    this.child = spawn(program, args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (d: string) => this.onData(d));
    this.child.stderr.on('data', (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-500)));
    this.child.stdin.on('error', () => undefined); // a dead process: reported by 'exit'
    this.child.on('error', (e) => this.fail(new Error(`tesseract could not run (${e.message})`)));
    this.child.on('exit', (code, signal) => this.fail(new Error(`tesseract exited (${signal ?? `code ${code}`})${this.reason()}`)));
    this.gone = new Promise<void>((resolve) => this.child.once('close', () => resolve()));
  }

  /** Resolves when the process has ended (and been reaped): its CPU is then the caller's children's. */
  readonly gone: Promise<void>;

  private reason(): string {
    const last = this.stderrTail.trim().split('\n').pop()?.trim();
    return last ? `: ${last}` : '';
  }

  private fail(e: Error): void {
    this.exited = true;
    this.exitError ??= e;
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(e);
  }

  private onData(d: string): void {
    this.pending += d;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      const w = this.waiting;
      if (w && line.startsWith(`1\t${w.sentinelPage}\t`)) {
        this.waiting = undefined;
        const tsv = this.rows.join('\n');
        this.rows = [];
        w.resolve(tsv);
      } else if (!line.startsWith('level\t')) this.rows.push(line);
    }
  }

  /** The TSV rows of one image file. */
  read(file: string, blank: string): Promise<string> {
    if (this.exited) return Promise.reject(this.exitError ?? new Error('tesseract is not running'));
    this.images += 2;
    const sentinelPage = this.images;
    return new Promise<string>((resolve, reject) => {
      this.waiting = { sentinelPage, resolve, reject };
      this.child.stdin.write(`${file}\n${blank}\n`);
    });
  }

  /** Not exited nor told to stop: it may take a job. */
  get usable(): boolean {
    return !this.exited && !this.stopping;
  }

  private stopping = false;

  /** End the process: stdin closed (it exits when done), killed if it lingers or on `force`. */
  stop(force = false): void {
    if (this.exited) return;
    this.stopping = true;
    if (force) this.child.kill('SIGKILL');
    else {
      this.child.stdin.end();
      setTimeout(() => this.child.kill('SIGKILL'), 2000).unref();
    }
  }
}

/** Temporary folders of live pools, removed if the process exits without stopping them. */
const liveDirs = new Set<string>();
let exitHook = false;
function removeAtExit(dir: string): void {
  liveDirs.add(dir);
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const d of liveDirs) rmSync(d, { recursive: true, force: true });
  });
}

interface Job {
  img: GreyImage;
  opts: OcrRecognizeOptions;
  resolve: (w: OcrWord[]) => void;
  reject: (e: unknown) => void;
}

/**
 * Processes kept beyond the `size` that read page text, for the layouts the analysis uses besides
 * page text (a box label's block reading, its code-only second reading, and the scattered-text
 * readings, up to 4). Jobs of those layouts are small crops: they wait for their layout's one
 * process rather than start a second (each start forks this process and loads the model again).
 * Two, not one per label layout: the block readings are the common ones; the scattered-text
 * layouts are a fallback (a stray stroke in a crop) and, when one starts, the idle process used
 * longest ago is stopped rather than kept beside it. On the 15-page scanned sample that was the peak:
 * a fifth process (~36 MiB) started for one late page's fallback reading while four lived. Each
 * process costs 35-57 MiB of the run's peak; same starts on the sample (5) as with 4 spares.
 */
export const NATIVE_SPARE_PROCESSES = 2;

/** The layout that may have up to `size` processes at once (page text); every other has one. */
const PAGE_TEXT_KEY = 'auto\n';

export class NativeOcrPool implements OcrEngine {
  readonly name = 'tesseract' as const;
  private readonly queue: Job[] = [];
  /** Jobs running. */
  private busy = 0;
  /** Idle live processes by layout key, the one used longest ago first. */
  private readonly idle = new Map<string, TesseractProcess[]>();
  private readonly lastUsed = new Map<TesseractProcess, number>();
  private live = new Set<TesseractProcess>();
  /** Jobs holding a process, by layout key. */
  private readonly busyByKey = new Map<string, number>();
  /** Jobs waiting for their layout's busy process (layouts other than page text), by layout key. */
  private readonly waitingFor = new Map<string, ((p: TesseractProcess | undefined) => void)[]>();
  private uses = 0;
  /** Processes started so far (a measure of churn, for tests and the bench). */
  spawned = 0;

  /** Processes alive now (busy or idle). */
  get processes(): number {
    return [...this.live].filter((p) => p.usable).length;
  }
  private closed = false;
  private jobs = 0;
  private unpacked = false;
  private readonly blank: string;

  private constructor(
    readonly size: number,
    private readonly dir: string,
    private readonly program: string,
    private readonly tessdataDir: string | undefined,
    private readonly timeoutMs: number,
  ) {
    this.blank = path.join(dir, 'blank.pgm');
    writeFileSync(this.blank, Buffer.concat([Buffer.from('P5\n1 1\n255\n', 'latin1'), Buffer.from([255])]));
    removeAtExit(dir);
  }

  /** A pool of `size` workers; checks the program runs by reading a blank image. */
  static async create(size: number, opts: NativeOcrOptions = {}): Promise<NativeOcrPool> {
    const n = Math.max(1, Math.floor(size) || 1);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'redactmap-ocr-'));
    const pool = new NativeOcrPool(n, dir, opts.program ?? 'tesseract', opts.tessdataDir, opts.timeoutMs ?? 120_000);
    try {
      await pool.recognize({ width: 1, height: 1, data: new Uint8Array([255]), scale: 1 }, { timeoutMs: 60_000 });
    } catch (e) {
      await pool.terminate();
      throw new AnalysisError('internal', `OCR engine "native" failed to start: ${e instanceof Error ? e.message : String(e)}`);
    }
    return pool;
  }

  /** Jobs waiting for a worker. */
  get pending(): number {
    return this.queue.length;
  }

  recognize(img: GreyImage, opts: OcrRecognizeOptions = {}): Promise<OcrWord[]> {
    if (this.closed) return Promise.reject(new Error('OCR pool is terminated'));
    return new Promise<OcrWord[]>((resolve, reject) => {
      this.queue.push({ img, opts, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.busy < this.size && this.queue.length) {
      const job = this.queue.shift()!;
      this.busy++;
      void this.run(job).finally(() => {
        this.busy--;
        this.pump();
      });
    }
  }

  /** A tessdata folder with the npm package's best_int model, unpacked into the pool's folder once. */
  private bestInt(): string {
    const dir = path.join(this.dir, 'best_int');
    if (!this.unpacked) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'eng.traineddata'), gunzipSync(readFileSync(path.join(defaultLangPath(), 'eng.traineddata.gz'))));
      this.unpacked = true;
    }
    return dir;
  }

  /**
   * An idle process for a layout and character whitelist, or a new one. A whitelist is a parameter
   * of the process (`-c tessedit_char_whitelist`), so a job with one gets its own long-lived process
   * too. A layout other than page text has one process: its jobs wait for it while it is busy.
   * Give it back with release().
   */
  private async take(layout: OcrLayout, whitelist = ''): Promise<{ key: string; proc: TesseractProcess }> {
    const key = `${layout}\n${whitelist}`;
    let p = this.idleOf(key);
    if (!p && key !== PAGE_TEXT_KEY && (this.busyByKey.get(key) ?? 0) > 0) {
      // handed over by release(), which keeps the layout counted as busy
      p = await new Promise<TesseractProcess | undefined>((resolve) => this.waitingFor.set(key, [...(this.waitingFor.get(key) ?? []), resolve]));
    } else this.busyByKey.set(key, (this.busyByKey.get(key) ?? 0) + 1);
    if (this.closed) {
      this.busyByKey.set(key, (this.busyByKey.get(key) ?? 1) - 1);
      throw new Error('OCR pool is terminated');
    }
    return { key, proc: p?.usable ? p : this.startProcess(layout, whitelist) };
  }

  /** An idle usable process of a layout key (dead ones are forgotten). */
  private idleOf(key: string): TesseractProcess | undefined {
    const idle = this.idle.get(key) ?? [];
    let p = idle.pop();
    while (p && !p.usable) {
      this.live.delete(p);
      p = idle.pop();
    }
    return p;
  }

  private startProcess(layout: OcrLayout, whitelist: string): TesseractProcess {
    this.evictIdle(this.size + NATIVE_SPARE_PROCESSES - 1);
    const args = ['stdin', 'stdout', '-l', 'eng', '--oem', '1', '--psm', PSM[layout]];
    const tessdata = this.tessdataDir ?? (NATIVE_MODEL_BY_LAYOUT[layout] === 'best_int' ? this.bestInt() : undefined);
    if (tessdata) args.push('--tessdata-dir', tessdata);
    // tesseract's own diagnostics ("Page 1 : file", "Empty page!!") stay out of the way; no second
    // pass over every line as white-on-black (boxes are masked, labels read from inverted crops)
    // (TSV by its variable rather than the `tsv` config file, which another tessdata folder may lack)
    args.push('-c', 'stream_filelist=true', '-c', 'tessedit_create_tsv=1', '-c', `debug_file=${os.devNull}`, '-c', 'tessedit_do_invert=0');
    if (whitelist) args.push('-c', `tessedit_char_whitelist=${whitelist}`);
    const proc = new TesseractProcess(this.program, args);
    this.spawned++;
    this.live.add(proc);
    return proc;
  }

  /** A process is idle again (a dead one is forgotten). */
  private release(key: string, proc: TesseractProcess): void {
    const next = this.waitingFor.get(key)?.shift();
    if (next) {
      // straight to the job waiting for this layout, still counted busy (a dead process: it starts a new one)
      if (!proc.usable) this.live.delete(proc);
      next(proc.usable && !this.closed ? proc : undefined);
      return;
    }
    this.busyByKey.set(key, (this.busyByKey.get(key) ?? 1) - 1);
    if (!proc.usable || this.closed) {
      this.live.delete(proc);
      if (this.closed) proc.stop();
      return;
    }
    this.lastUsed.set(proc, ++this.uses);
    const idle = this.idle.get(key) ?? [];
    idle.push(proc);
    this.idle.set(key, idle);
  }

  /** Stop idle processes, the one used longest ago first, until at most `max` live. */
  private evictIdle(max: number): void {
    for (const p of this.live) if (!p.usable) this.live.delete(p);
    while (this.live.size > max) {
      let oldest: { key: string; at: number } | undefined;
      for (const [key, list] of this.idle) {
        const at = list.length ? (this.lastUsed.get(list[0]) ?? 0) : Infinity;
        if (list.length && (!oldest || at < oldest.at)) oldest = { key, at };
      }
      if (!oldest) return;
      const p = this.idle.get(oldest.key)!.shift()!;
      this.live.delete(p);
      this.lastUsed.delete(p);
      p.stop();
    }
  }

  private async run(job: Job): Promise<void> {
    const { opts } = job;
    const img = opts.rectangle ? crop(job.img, opts.rectangle) : job.img;
    const dpi = Math.max(DPI_RANGE.min, Math.min(DPI_RANGE.max, Math.round(img.scale * 72)));
    const file = path.join(this.dir, `job-${++this.jobs}.bmp`);
    let timer: NodeJS.Timeout | undefined;
    let taken: { key: string; proc: TesseractProcess } | undefined;
    try {
      taken = await this.take(opts.layout ?? 'auto', opts.charWhitelist);
      const { proc } = taken;
      await writeFile(file, toBmp(img, dpi));
      const ms = opts.timeoutMs ?? this.timeoutMs;
      const tsv = await Promise.race([
        proc.read(file, this.blank),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            proc.stop(true); // its next job gets a fresh process
            reject(new Error(`OCR timed out after ${ms} ms`));
          }, ms);
        }),
      ]);
      const words = wordsOfTsv(tsv);
      if (opts.rectangle) {
        const dx = Math.max(0, Math.floor(opts.rectangle.left));
        const dy = Math.max(0, Math.floor(opts.rectangle.top));
        for (const w of words) w.bbox = [w.bbox[0] + dx, w.bbox[1] + dy, w.bbox[2] + dx, w.bbox[3] + dy];
      }
      job.resolve(words);
    } catch (e) {
      job.reject(e instanceof Error ? e : new Error(`OCR failed: ${String(e)}`));
    } finally {
      clearTimeout(timer);
      if (taken) this.release(taken.key, taken.proc);
      await rm(file, { force: true }).catch(() => undefined);
    }
  }

  async terminate(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('OCR pool is terminated'));
    for (const waiting of this.waitingFor.values()) for (const w of waiting.splice(0)) w(undefined);
    const ending = [...this.live];
    for (const p of ending) p.stop();
    this.live.clear();
    this.idle.clear();
    // wait for them to end (killed after 2 s): no process outlives the pool, and a caller measuring
    // its children's CPU (GNU time, npm run bench) counts theirs
    await Promise.all(ending.map((p) => p.gone));
    await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
    liveDirs.delete(this.dir);
  }
}
