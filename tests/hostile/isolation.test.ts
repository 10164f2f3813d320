/**
 * The limits that only a worker process can keep: a memory ceiling held while the worker's main
 * thread is stuck, a worker that dies with its runner, and the isolated library call giving the
 * same report as the in-process one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { analyzeFile, analyzeIsolated } from '../../src/batch/isolated.js';
import { parentWatchSupport, readRss, WorkerPool } from '../../src/batch/pool.js';
import { isProcessAlive } from '../../src/batch/processes.js';
import type { TaskSpec } from '../../src/batch/protocol.js';
import { makeFiling } from '../batch/make-pdfs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FAKE = path.join(here, '..', 'batch', 'fake-worker.ts');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-isolation-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = await makeFiling({ pages: 2, leak: true, seed: 9 });
});

function input(name: string): TaskSpec {
  const file = path.join(tmp, name);
  writeFileSync(file, pdf);
  return { file, label: name, settings: { jobs: 1 }, markdown: false };
}

// who keeps the ceiling and the leash: the pool and the kernel where they can (Linux with /proc and
// setpriv: this machine), and the worker's own watchdog thread (elsewhere; forced with 'thread')
const WATCHES = [
  ['the pool (parent watch)', 'auto'],
  ['the watchdog thread', 'thread'],
] as const;

describe('who watches', () => {
  it('on Linux with setpriv the pool watches its workers, and reads their resident memory from /proc', () => {
    if (process.platform !== 'linux') return;
    expect(parentWatchSupport()).toEqual({ setpriv: expect.stringMatching(/\/setpriv$/) });
    expect(readRss(process.pid)).toBeGreaterThan(10 * 1024 * 1024);
    expect(readRss(2 ** 30)).toBeUndefined();
  });
});

describe.each(WATCHES)('memory ceiling, kept by %s', (_who, watch) => {
  it('a worker filling memory outside the heap, never yielding, is stopped at the ceiling: too-large, in one line', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 120_000, maxMemoryMb: 300, heapMb: 4096, workerModule: FAKE, watch });
    try {
      const hog = await pool.run(input('hog.pdf'));
      expect(hog).toMatchObject({ type: 'failed', code: 'too-large', limit: 'memory', message: 'needs more memory than the limit of 300 MiB (--max-memory)' });
      // the next file gets a fresh worker
      expect((await pool.run(input('quick.pdf'))).type).toBe('done');
    } finally {
      await pool.close();
    }
  });

  it('a worker answers with its peak memory for the task', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 120_000, workerModule: FAKE, watch });
    try {
      const r = await pool.run(input('peak.pdf'));
      expect(r.type).toBe('done');
      expect(r.peakRss).toBeGreaterThan(20 * 1024 * 1024);
    } finally {
      await pool.close();
    }
  });
});

describe.each(WATCHES)('a worker never outlives its runner, kept by %s', (_who, watch) => {
  it('a runner killed while its worker spins on the main thread: the worker goes too', async () => {
    // the runner: a pool with one worker that never yields; it prints the worker's pid, then waits
    const runner = path.join(tmp, `runner-${watch}.mts`);
    writeFileSync(
      runner,
      `import { WorkerPool } from ${JSON.stringify(path.join(here, '..', '..', 'src', 'batch', 'pool.ts'))};
const pool = new WorkerPool({ size: 1, timeoutMs: 0, workerModule: ${JSON.stringify(FAKE)}, watch: ${JSON.stringify(watch)} });
void pool.run({ file: ${JSON.stringify(path.join(tmp, 'spin.pdf'))}, label: 'spin.pdf', settings: { jobs: 1 }, markdown: false }, { onStart: () => console.log('worker ' + pool.pids()[0]) });
`,
    );
    writeFileSync(path.join(tmp, 'spin.pdf'), pdf);
    const child = spawn(process.execPath, ['--import', 'tsx', runner], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = out.match(/worker (\d+)/);
        if (m) resolve(Number(m[1]));
      });
    });
    expect(isProcessAlive(pid)).toBe(true);
    child.kill('SIGKILL');
    // gate: the kernel's parent-death signal, or the watchdog within a few of its checks, ends it
    let alive = true;
    for (let i = 0; i < 200 && alive; i++) {
      await new Promise((r) => setTimeout(r, 50));
      alive = isProcessAlive(pid);
    }
    if (alive) process.kill(pid, 'SIGKILL');
    expect(alive).toBe(false);
  });
});

describe('analyzeFile: the isolated library call', () => {
  it('gives the same report as analyze() in-process', async () => {
    const file = path.join(tmp, 'same.pdf');
    writeFileSync(file, pdf);
    const inProcess = await analyze(file, { ocr: 'never' });
    const isolated = await analyzeIsolated(file, { ocr: 'never' });
    expect(JSON.stringify(isolated.report)).toBe(JSON.stringify(inProcess));
    expect(isolated.peakRss).toBeGreaterThan(0);
    // bytes work too, named by `path`
    expect((await analyzeFile(pdf, { path: 'upload.pdf', ocr: 'never' })).file.path).toBe('upload.pdf');
  });

  it('fails as analyze() does: an AnalysisError with the code and the file', async () => {
    await expect(analyzeFile(path.join(tmp, 'missing.pdf'))).rejects.toMatchObject({ code: 'not-found', file: path.join(tmp, 'missing.pdf') });
    await expect(analyzeFile(path.join(tmp, 'same.pdf'), { maxMemoryMb: 10 })).rejects.toThrow(/--max-memory must be at least 256/);
  });
});
