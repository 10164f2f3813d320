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

interface Shared {
  thread: Worker;
  port: MessagePort;
  /** pdf.js's end of the port, made by the first lease. */
  worker?: PDFWorker;
  users: number;
  /** Called when the thread dies under them, with why. */
  onDeath: Set<(why: string) => void>;
  dead: boolean;
}

let shared: Shared | undefined;

function start(): Shared {
  const { port1, port2 } = new MessageChannel();
  const thread = startThread(siblingModule(import.meta.url, 'pdfjs-thread'), { port: port2 }, [port2]);
  const s: Shared = { thread, port: port1, users: 0, onDeath: new Set(), dead: false };
  port1.addEventListener('message', (ev) => {
    const m = (ev as { data?: { pdfjsWarning?: unknown } }).data;
    if (typeof m?.pdfjsWarning === 'string') threadWarning(m.pdfjsWarning);
  });
  const die = (why: string) => {
    if (s.dead) return;
    s.dead = true;
    if (shared === s) shared = undefined;
    for (const f of s.onDeath) f(why);
    port1.close();
  };
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
  onDeath(f: (why: string) => void): void;
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
  const mine = new Set<(why: string) => void>();
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
