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
import type { GreyImage } from './render.js';
import type { RasterBox } from './raster-boxes.js';

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

  /** `size` threads over the document `bytes` (each thread gets its own copy). */
  constructor(size: number, bytes: Uint8Array, password?: string) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.start(bytes, password));
  }

  private start(bytes: Uint8Array, password?: string): Slot {
    const thread = startThread(siblingModule(import.meta.url, 'raster-worker'), { bytes, password });
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
        this.slots.splice(this.slots.indexOf(slot), 1);
        if (this.slots.length === 0) for (const q of this.queue.splice(0)) q.reject(new AnalysisError('internal', 'rendering threads failed'));
      }
    };
    thread.on('error', fail);
    thread.on('exit', (code) => code !== 0 && fail(new Error(`exit code ${code}`)));
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
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const { job, resolve, reject } = this.queue.shift()!;
      slot.busy = true;
      this.pending.set(job.id, { slot, resolve, reject });
      slot.thread.postMessage(job);
    }
  }

  async terminate(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new AnalysisError('internal', 'raster pool closed'));
    await Promise.all(this.slots.map((s) => s.thread.terminate().catch(() => undefined)));
  }
}
