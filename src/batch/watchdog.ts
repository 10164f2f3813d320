/**
 * The memory ceiling and the parent's leash of an analysis worker process, kept by a thread of its
 * own where its pool cannot keep them itself (pool.ts, parentWatchSupport: on Linux with /proc and
 * setpriv the pool reads the worker's memory and the kernel ends it with its parent). The worker's main thread can be stuck for minutes inside pdf.js (a decompression bomb, a
 * runaway image decoder) and then answers nothing: not the IPC channel closing when the runner dies,
 * not a timer. This thread keeps running beside it and
 *
 *  - reads the process's resident memory every WATCH_INTERVAL_MS; above the ceiling it writes
 *    MEMORY_MARKER to stderr and kills the process (the runner reports `too-large`);
 *  - notices the parent is gone (the process was re-parented) and kills the process: a worker
 *    never outlives its runner;
 *  - keeps the peak resident memory of the current task in shared memory, for the answer.
 */
import { writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** How often the thread looks, ms. */
export const WATCH_INTERVAL_MS = 50;
/** First words of the line the thread writes before it kills the process over the ceiling. */
export const MEMORY_MARKER = 'redactmap worker: memory ceiling exceeded';

export interface Watchdog {
  /** Peak resident memory since the last reset, bytes. */
  peak(): number;
  resetPeak(): void;
}

// Plain JavaScript (no TypeScript, no imports from this package): the thread must start the same
// way from dist/ and from the sources under tsx.
const THREAD = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { ceilingBytes, parentPid, interval, marker, shared } = workerData;
const peak = new Float64Array(shared);
const die = (line) => {
  if (line) try { writeSync(2, line + '\\n'); } catch {}
  process.kill(process.pid, 'SIGKILL');
};
setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > peak[0]) peak[0] = rss;
  if (ceilingBytes > 0 && rss > ceilingBytes) {
    die(marker + ': ' + Math.round(rss / 1048576) + ' MiB used, limit ' + Math.round(ceilingBytes / 1048576) + ' MiB');
  }
  if (process.ppid !== parentPid) die();
}, interval);
`;

/**
 * Start the watchdog thread of this worker process. `ceilingMb` 0: no memory ceiling (the parent
 * leash and the peak still hold). The thread does not keep the process alive.
 */
export function startWatchdog(ceilingMb: number, parentPid: number = process.ppid): Watchdog {
  const shared = new SharedArrayBuffer(8);
  const peak = new Float64Array(shared);
  const thread = new Worker(THREAD, {
    eval: true,
    workerData: { ceilingBytes: ceilingMb * 1024 * 1024, parentPid, interval: WATCH_INTERVAL_MS, marker: MEMORY_MARKER, shared },
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    stdout: false,
    stderr: false,
  });
  thread.unref();
  thread.on('error', (e) => {
    // without its watchdog the process must not run unbounded
    try {
      writeSync(2, `redactmap worker: watchdog failed (${e.message})\n`);
    } finally {
      process.exit(70);
    }
  });
  return {
    peak: () => Math.max(peak[0], process.memoryUsage.rss()),
    resetPeak: () => {
      peak[0] = 0;
    },
  };
}
