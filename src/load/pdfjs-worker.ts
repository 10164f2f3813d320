/**
 * One pdfjs worker thread shared by every document the process opens (pdfjs-thread.ts): parsing
 * and image decoding run there, not on the main thread. The thread keeps the process alive only
 * while a document is open; if it dies, the documents it served are destroyed (their pending calls
 * fail rather than hang) and the next document starts a new thread.
 *
 * This module does not load pdf.js itself: the thread is started from a plain MessageChannel, so a
 * worker process starts it before it loads pdf.js's API (pdfjs.ts, ~150 ms), and pdf.js's
 * PDFWorker is put on the channel's other end when the first document is opened. Nothing is missed
 * in between: the worker side's only message before it is asked is its "ready", which pdf.js's
 * API ignores on a port.
 */
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { oneLine } from '../errors.js';
import type { pdfjs } from './pdfjs.js';
import { siblingModule, startThread } from './threads.js';
import { threadWarning } from './pdfjs-warnings.js';

type PDFWorker = InstanceType<typeof pdfjs.PDFWorker>;

/** Why the thread died, and the failure code its one document gets when the file is to blame (else `internal`). */
type DeathCallback = (why: string, code?: 'damaged') => void;

interface Shared {
  thread: Worker;
  port: MessagePort;
  /** pdf.js's end of the port, made by the first lease. */
  worker?: PDFWorker;
  users: number;
  /** Called when the thread dies under them, with why. */
  onDeath: Set<DeathCallback>;
  dead: boolean;
}

let shared: Shared | undefined;

/** pdf.js's warning when its WebAssembly JBIG2 decoder rejected an image's data and its JavaScript decoder takes over. */
export const JBIG2_FALLBACK = /^Warning: Jbig2Stream: Falling back to JS JBIG2 decoder/;
/**
 * Growth of this process's memory (MiB) while that JavaScript decoder runs, past which the image's
 * data is damaged: on data the WebAssembly decoder rejected it can grow without end (~50 MB/s here,
 * until the memory ceiling stops the analysis as too large after ~40 s). A whole page at
 * LIMITS.maxImagePixels should need ~110 MB while decoding (an estimate: a byte per pixel, plus the
 * packed result); corpus 27's page decodes in 0.7 s.
 */
export const JBIG2_RUNAWAY_MB = 512;
/** How often that growth is read while the decoder runs, ms. */
export const JBIG2_WATCH_MS = 100;

/**
 * Rule: after the JBIG2 fallback warning, until the thread's next message (the decoder is done),
 * this process's resident memory is read every JBIG2_WATCH_MS; past JBIG2_RUNAWAY_MB of growth,
 * `runaway` is called once. Returns a function that stops watching.
 */
export function watchJbig2Fallback(runaway: (grownMb: number) => void, rss: () => number = () => process.memoryUsage.rss()): () => void {
  const base = rss();
  const timer = setInterval(() => {
    const grown = (rss() - base) / 1048576;
    if (grown <= JBIG2_RUNAWAY_MB) return;
    clearInterval(timer);
    runaway(Math.round(grown));
  }, JBIG2_WATCH_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function start(): Shared {
  const { port1, port2 } = new MessageChannel();
  const thread = startThread(siblingModule(import.meta.url, 'pdfjs-thread'), { port: port2 }, [port2]);
  const s: Shared = { thread, port: port1, users: 0, onDeath: new Set(), dead: false };
  const die = (why: string, code?: 'damaged') => {
    if (s.dead) return;
    s.dead = true;
    if (shared === s) shared = undefined;
    // the file is to blame only when the thread served that one document
    const blame = code && s.users <= 1 ? code : undefined;
    for (const f of s.onDeath) f(why, blame);
    port1.close();
  };
  let unwatch: (() => void) | undefined;
  port1.addEventListener('message', (ev) => {
    const m = (ev as { data?: { pdfjsWarning?: unknown } }).data;
    unwatch?.();
    unwatch = undefined;
    if (typeof m?.pdfjsWarning !== 'string') return;
    threadWarning(m.pdfjsWarning);
    if (!JBIG2_FALLBACK.test(m.pdfjsWarning)) return;
    unwatch = watchJbig2Fallback((grown) => {
      die(`a JBIG2 image's data is damaged: decoding it took ${grown} MiB and went on growing (the limit is ${JBIG2_RUNAWAY_MB} MiB)`, 'damaged');
      void thread.terminate();
    });
  });
  thread.on('error', (e) => die(oneLine(e)));
  thread.on('exit', (code) => die(`exited with code ${code}`));
  return s;
}

/**
 * Start the shared thread ahead of the first document, so that it loads pdf.js's worker code while
 * this thread loads the rest (a worker process calls it first). Until a document is open it keeps
 * nothing alive.
 */
export function warmPdfWorker(): void {
  if (shared && !shared.dead) return;
  shared = start();
  shared.thread.unref();
  shared.port.unref();
}

/** A handle on the shared pdfjs worker: give it to getDocument; release it when the document is destroyed. */
export interface PdfWorkerLease {
  worker: PDFWorker;
  /** Run `f` if the thread dies while the lease is held. */
  onDeath(f: DeathCallback): void;
  release(): void;
}

/** A lease on the shared thread; `api` is pdf.js's API (pdfjs.ts), loaded by the caller. */
export function leasePdfWorker(api: typeof pdfjs): PdfWorkerLease {
  if (!shared || shared.dead) shared = start();
  const s = shared;
  // pdfjs talks to its worker through any object with postMessage and addEventListener('message')
  s.worker ??= new api.PDFWorker({ port: s.port as never });
  const worker = s.worker;
  if (s.users++ === 0) {
    s.thread.ref();
    s.port.ref();
  }
  const mine = new Set<DeathCallback>();
  let released = false;
  return {
    worker,
    onDeath(f) {
      mine.add(f);
      s.onDeath.add(f);
    },
    release() {
      if (released) return;
      released = true;
      for (const f of mine) s.onDeath.delete(f);
      if (--s.users === 0 && !s.dead) {
        // idle: the thread must not keep the process alive
        s.thread.unref();
        s.port.unref();
      }
    },
  };
}
