/**
 * A batch worker for the isolation tests: the real one (runTask), except for files whose name
 * asks it to misbehave: "hang" never answers, "crash" dies of SIGSEGV, "throw" throws outside the
 * task's promise chain, "oom" exhausts the heap, "hog" fills memory outside the heap without ever
 * yielding, "spin" loops forever on the main thread, "slow" waits 1.5 s before the real work, "quick" answers at once without analysing
 * (so a test of time limits does not depend on how fast this machine analyses a file).
 */
import path from 'node:path';
import { runTask, serveTasks } from '../../src/batch/worker-core.js';
import type { ReportSummary } from '../../src/report/schema.js';

serveTasks(async (id, task, send) => {
  const name = path.basename(task.file);
  if (name.includes('hang')) return new Promise<void>(() => undefined);
  if (name.includes('crash')) process.kill(process.pid, 'SIGSEGV');
  if (name.includes('throw')) {
    setTimeout(() => {
      throw new Error('boom in a timer\n    at somewhere (file.js:1:1)');
    }, 10);
    return new Promise<void>(() => undefined);
  }
  if (name.includes('hog')) {
    // memory outside the V8 heap, the main thread never free: only the watchdog thread can stop it
    const hog: Buffer[] = [];
    for (;;) hog.push(Buffer.alloc(16 << 20, 1));
  }
  if (name.includes('spin')) for (;;);
  if (name.includes('oom')) {
    const hog: number[][] = [];
    for (;;) hog.push(new Array(1_000_000).fill(Math.random()));
  }
  if (name.includes('quick')) {
    send({ type: 'done', id, json: '{}\n', summary: {} as ReportSummary, textSource: 'text-layer', sha256: '0'.repeat(64), rss: process.memoryUsage().rss });
    return;
  }
  if (name.includes('slow')) await new Promise((r) => setTimeout(r, 1500));
  return runTask(id, task, send);
});
