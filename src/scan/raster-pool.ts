/**
 * Raster work off the main thread: a few worker threads (raster-worker.ts), each with its own copy
 * of the document, render scanned pages and find their raster boxes. The main thread only hands out
 * pages and receives each page's grey image (transferred, not copied) and boxes, so an application
 * embedding analyze() keeps serving while a scan is analysed.
 */
import type { Worker } from 'node:worker_threads';
import type { BBox } from '../model.js';
import { AnalysisError, type FailureCode } from '../errors.js';
import { siblingModule, startThread } from '../load/threads.js';
import type { DirectPageImage, GreyImage } from './pixels.js';
import type { RasterBox } from './raster-boxes.js';

/**
 * OCR workers one raster thread keeps busy. Measured on the 15-page scanned sample: rendering a
 * page and finding its boxes takes ~0.45 s of CPU, OCR ~1.6-2 s; a raster thread (its own pdf.js
 * and copy of the document, its page buffers: ~100 MB) is not worth having per OCR worker.
 */
export const OCR_WORKERS_PER_RASTER_THREAD = 2;

/** Raster threads for a file: one per OCR_WORKERS_PER_RASTER_THREAD OCR workers, one per `workers` when there is no OCR. */
export function rasterThreads(workers: number, ocr: boolean): number {
  return Math.max(1, ocr ? Math.ceil(workers / OCR_WORKERS_PER_RASTER_THREAD) : workers);
}

export interface RasterJob {
  id: number;
  /** Page number, from 1. */
  page: number;
  /** Render scale, pixels per point. */
  scale: number;
  /** Render in colour too (GreyImage.rgb) where the page has colour: a label in blue on black is lost in grey. */
  colour: boolean;
  /** Look for raster boxes (else only render). */
  rasterBoxes: boolean;
  /** Pictures of a born-digital page (scan/pictures.ts), points. */
  pictures: BBox[];
  /** The page's one image, decoded, when it lands pixel for pixel on the render (page-image.ts; `scale` is then the render's): not drawn. */
  image?: DirectPageImage;
}

export interface RasterReply {
  id: number;
  img?: GreyImage;
  boxes?: RasterBox[];
  error?: string;
  code?: FailureCode;
}

export interface RasterResult {
  img: GreyImage;
  boxes: RasterBox[];
}

interface Slot {
  thread: Worker;
  ready: Promise<void>;
  busy: boolean;
}

export class RasterPool {
  private readonly slots: Slot[] = [];
  private readonly queue: { job: RasterJob; resolve: (r: RasterResult) => void; reject: (e: unknown) => void }[] = [];
  private readonly pending = new Map<number, { slot: Slot; resolve: (r: RasterResult) => void; reject: (e: unknown) => void }>();
  private nextId = 1;
  private closed = false;
  /** Threads started so far (a thread that dies is not replaced). */
  private started = 0;
  private readonly size: number;

  /**
   * Up to `size` threads over the document `bytes` (each thread gets its own copy), each started
   * when a page waits and every running thread is busy: a file with one scanned page starts one.
   */
  constructor(
    size: number,
    private readonly bytes: Uint8Array,
    private readonly password?: string,
    /** Images larger than this (pixels) are left out of the render, as the facts pass leaves them out (with its warning). */
    private readonly maxImagePixels?: number,
  ) {
    this.size = Math.max(1, size);
  }

  private start(): Slot {
    this.started++;
    const thread = startThread(siblingModule(import.meta.url, 'raster-worker'), { bytes: this.bytes, password: this.password, maxImagePixels: this.maxImagePixels });
    let ready!: () => void;
    const slot: Slot = { thread, ready: new Promise<void>((r) => (ready = r)), busy: false };
    thread.on('message', (m: RasterReply | { ready: true }) => {
      if ('ready' in m) return ready();
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      slot.busy = false;
      if (m.error !== undefined) p.reject(new AnalysisError(m.code ?? 'internal', m.code ? m.error : `rendering failed: ${m.error}`));
      else p.resolve({ img: m.img!, boxes: m.boxes! });
      this.dispatch();
    });
    const fail = (e: unknown) => {
      for (const [id, p] of this.pending) {
        if (p.slot !== slot) continue;
        this.pending.delete(id);
        p.reject(new AnalysisError('internal', `rendering thread failed: ${(e as Error)?.message ?? e}`));
      }
      ready();
      if (!this.closed) {
        // a thread that died takes no more pages; if none is left, what waits fails
        const at = this.slots.indexOf(slot);
        if (at >= 0) this.slots.splice(at, 1);
        if (this.slots.length === 0 && this.started >= this.size) for (const q of this.queue.splice(0)) q.reject(new AnalysisError('internal', 'rendering threads failed'));
        else this.dispatch();
      }
    };
    thread.on('error', fail);
    thread.on('exit', (code) => code !== 0 && fail(new Error(`exit code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  /** Render a page and find its raster boxes in a thread. */
  scan(job: Omit<RasterJob, 'id'>): Promise<RasterResult> {
    if (this.closed) return Promise.reject(new AnalysisError('internal', 'raster pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { ...job, id: this.nextId++ }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    const idle = this.slots.filter((s) => !s.busy).length;
    for (let i = idle; i < this.queue.length && this.started < this.size; i++) this.start();
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const { job, resolve, reject } = this.queue.shift()!;
      slot.busy = true;
      this.pending.set(job.id, { slot, resolve, reject });
      // a page image is moved to the thread, not copied
      slot.thread.postMessage(job, job.image ? [job.image.data.buffer as ArrayBuffer] : []);
    }
  }

  async terminate(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new AnalysisError('internal', 'raster pool closed'));
    await Promise.all(this.slots.map((s) => s.thread.terminate().catch(() => undefined)));
  }
}
