/**
 * Worker isolation: a file that hangs, crashes, throws or exhausts memory fails alone, with a
 * one-line reason; the others get their reports; workers are replaced, reused and recycled.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discardPrestarted, parentWatchSupport, prestartedPids, prestartWorkers, setprivForTests, WORKER_ENV, WORKER_ENV_LEFT_OUT, WORKER_MALLOC_ENV, WorkerPool, workerEnv, type TaskOutcome } from '../../src/batch/pool.js';
import { isProcessAlive } from '../../src/batch/processes.js';
import type { TaskSpec } from '../../src/batch/protocol.js';
import { makeFiling } from './make-pdfs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FAKE = path.join(here, 'fake-worker.ts');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-pool-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = await makeFiling({ pages: 1, seed: 5 });
});

function input(name: string): TaskSpec {
  const file = path.join(tmp, name);
  writeFileSync(file, pdf);
  return { file, label: name, settings: { jobs: 1 }, markdown: false };
}

const oneLine = (o: TaskOutcome) => o.type === 'failed' && !o.message.includes('\n') && !/\bat .*:\d+:\d+/.test(o.message);

const DIE_DRAWING = path.join(here, '..', 'helpers', 'die-drawing-worker.ts');

describe('worker pool', () => {
  it('a worker that dies drawing the pictures after sending its report: the report stands, the pictures say why they are missing', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 0, workerModule: DIE_DRAWING });
    try {
      const pictures = { html: true, overlaysDir: path.join(tmp, 'die-drawing-overlays') };
      const died = await pool.run({ ...input('die-drawing.pdf'), ...pictures });
      expect(died).toMatchObject({ type: 'done', overlayError: expect.stringMatching(/^overlays not drawn: .+/), htmlError: expect.stringMatching(/^review page not drawn: .+/) });
      if (died.type !== 'done') return;
      expect(JSON.parse(died.json).file.path).toBe('die-drawing.pdf');
      expect(died.overlayError).toBe('overlays not drawn: analysis process was killed (SIGKILL; out of memory?)');
      // the pool replaced the worker: the next file gets its report and its pictures
      const next = await pool.run({ ...input('after.pdf'), ...pictures });
      expect(next).toMatchObject({ type: 'done' });
      expect(next.type === 'done' && next.html).toContain('<html');
    } finally {
      await pool.close();
    }
  });


  it('a hanging file times out alone; the worker is replaced and the others finish', async () => {
    const pool = new WorkerPool({ size: 2, timeoutMs: 1500, workerModule: FAKE });
    try {
      const results = await Promise.all([input('hang.pdf'), input('quick1.pdf'), input('quick2.pdf'), input('quick3.pdf')].map((t) => pool.run(t)));
      expect(results[0]).toMatchObject({ type: 'failed', code: 'timeout', message: 'timed out after 1.5 s (--timeout)' });
      for (const r of results.slice(1)) expect(r.type).toBe('done');
    } finally {
      await pool.close();
    }
  });

  it('an aborted task ends as aborted: a running one has its worker killed (the slot starts another), a queued one never starts', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 0, workerModule: FAKE });
    try {
      const running = new AbortController();
      const queued = new AbortController();
      let started: () => void = () => undefined;
      const onStart = new Promise<void>((r) => (started = r));
      const hang = pool.run(input('hang.pdf'), { signal: running.signal, onStart: started });
      let queuedStarted = false;
      const waiting = pool.run(input('quick-waiting.pdf'), { signal: queued.signal, onStart: () => (queuedStarted = true) });
      await onStart;
      const [pid] = pool.pids();
      queued.abort(new Error('not wanted'));
      expect(await waiting).toMatchObject({ type: 'failed', code: 'aborted', message: 'analysis aborted (not wanted)' });
      expect(queuedStarted).toBe(false);
      running.abort(new Error('the client closed the connection'));
      expect(await hang).toMatchObject({ type: 'failed', code: 'aborted', message: 'analysis aborted (the client closed the connection)' });
      // the worker holding it is gone, and the next task gets a fresh one
      expect((await pool.run(input('quick.pdf'))).type).toBe('done');
      expect(pool.pids()).not.toContain(pid);
      for (let i = 0; i < 200 && isProcessAlive(pid); i++) await new Promise((r) => setTimeout(r, 25));
      expect(isProcessAlive(pid)).toBe(false);
      // a signal aborted already: nothing starts
      expect(await pool.run(input('quick-late.pdf'), { signal: AbortSignal.abort() })).toMatchObject({ type: 'failed', code: 'aborted' });
    } finally {
      await pool.close();
    }
  });

  it('a crash (SIGSEGV) and an uncaught exception fail only their files, in one line', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 20_000, workerModule: FAKE });
    try {
      const crash = await pool.run(input('crash.pdf'));
      const ok = await pool.run(input('next1.pdf'));
      const thrown = await pool.run(input('throw.pdf'));
      const ok2 = await pool.run(input('next2.pdf'));
      expect(crash).toMatchObject({ type: 'failed', code: 'internal', message: 'analysis process crashed (SIGSEGV)' });
      expect(thrown).toMatchObject({ type: 'failed', code: 'internal', message: 'internal error: boom in a timer' });
      expect(oneLine(crash) && oneLine(thrown)).toBe(true);
      expect(ok.type).toBe('done');
      expect(ok2.type).toBe('done');
    } finally {
      await pool.close();
    }
  });

  it('a file that exhausts the heap fails as too-large', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 60_000, heapMb: 160, workerModule: FAKE });
    try {
      const oom = await pool.run(input('oom.pdf'));
      expect(oom).toMatchObject({ type: 'failed', code: 'too-large' });
      expect(oneLine(oom)).toBe(true);
      expect((await pool.run(input('next3.pdf'))).type).toBe('done');
    } finally {
      await pool.close();
    }
  });

  it('reuses workers across files and retires them after maxTasksPerWorker', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 20_000, maxTasksPerWorker: 2, workerModule: FAKE });
    const seen: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const r = await pool.run(input(`r${i}.pdf`), { onStart: () => seen.push(...pool.pids()) });
        expect(r.type).toBe('done');
      }
    } finally {
      await pool.shutdown();
    }
    expect(seen).toHaveLength(5);
    // two files per process: 3 processes for 5 files, each used for consecutive files
    expect(new Set(seen).size).toBe(3);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).toBe(seen[3]);
    expect(pool.pids()).toEqual([]);
  });

  it('reports a worker that cannot start as fatal, in one line', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 5000, workerModule: path.join(tmp, 'no-such-worker.js') });
    try {
      const r = await pool.run(input('x.pdf'));
      expect(r).toMatchObject({ type: 'failed', fatal: true });
      expect(r.type === 'failed' && r.message).toMatch(/^cannot start the analysis process: .*no-such-worker/);
      expect(oneLine(r)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('a worker forked ahead (the command line\'s first act) is taken by the first pool with its limits', async () => {
    prestartWorkers(1, { maxMemoryMb: 700, workerModule: FAKE });
    // other limits: a worker of their own; the prestarted one waits
    const other = new WorkerPool({ size: 1, timeoutMs: 20_000, maxMemoryMb: 800, workerModule: FAKE });
    const same = new WorkerPool({ size: 1, timeoutMs: 20_000, maxMemoryMb: 700, workerModule: FAKE });
    const [early] = prestartedPids();
    try {
      expect(early).toBeGreaterThan(0);
      expect((await other.run(input('other.pdf'))).type).toBe('done');
      expect(other.pids()).not.toContain(early);
      expect(prestartedPids()).toEqual([early]);
      expect((await same.run(input('same.pdf'))).type).toBe('done');
      expect(same.pids()).toEqual([early]);
      expect(prestartedPids()).toEqual([]);
    } finally {
      await Promise.all([other.close(), same.close()]);
    }
  });

  it('prestarted workers no pool takes are ended by discardPrestarted', async () => {
    prestartWorkers(2, { maxMemoryMb: 700, workerModule: FAKE });
    const pids = prestartedPids();
    expect(pids).toHaveLength(2);
    // a pool of one takes one of them; the other is left over (fewer files than workers)
    const pool = new WorkerPool({ size: 1, timeoutMs: 20_000, maxMemoryMb: 700, workerModule: FAKE });
    try {
      expect((await pool.run(input('alone.pdf'))).type).toBe('done');
      expect(pool.pids()).toEqual([pids[0]]);
    } finally {
      await pool.close();
    }
    expect(prestartedPids()).toEqual([pids[1]]);
    await discardPrestarted();
    expect(prestartedPids()).toEqual([]);
    expect(() => process.kill(pids[1], 0)).toThrow(); // gone (reaped)
    await discardPrestarted(); // nothing left: a no-op
  });
});

describe('a setpriv that cannot start workers', () => {
  it('turns parent watching off: the worker starts with its watchdog thread, and the task is done', async () => {
    if (process.platform !== 'linux') return;
    // a setpriv from before --pdeathsig (util-linux < 2.33) says so on stderr and exits 1
    const old = path.join(tmp, 'old-setpriv');
    writeFileSync(old, "#!/bin/sh\necho \"setpriv: unrecognized option '--pdeathsig'\" >&2\nexit 1\n", { mode: 0o755 });
    setprivForTests(old);
    const pool = new WorkerPool({ size: 1, timeoutMs: 0, workerModule: FAKE });
    try {
      expect((await pool.run(input('quick-old-setpriv.pdf'))).type).toBe('done');
      expect(parentWatchSupport()).toBeNull();
    } finally {
      await pool.close();
      setprivForTests(undefined);
    }
    expect(parentWatchSupport()).not.toBeNull();
  });
});

describe('the worker environment (workerEnv)', () => {
  it('leaves out NODE_EXTRA_CA_CERTS (no network in a worker, ~40 ms of CPU at each start) and sets the ceiling and parent', () => {
    const parent = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', MALLOC_ARENA_MAX: '2' };
    const env = workerEnv(parent, 1536, 4242);
    expect(WORKER_ENV_LEFT_OUT).toContain('NODE_EXTRA_CA_CERTS');
    expect(env).not.toHaveProperty('NODE_EXTRA_CA_CERTS');
    expect(env).toMatchObject({ PATH: '/usr/bin', MALLOC_ARENA_MAX: '2', [WORKER_ENV.memoryMb]: '1536', [WORKER_ENV.parentPid]: '4242' });
    expect(parent.NODE_EXTRA_CA_CERTS).toBe('/etc/ssl/certs/ca-certificates.crt'); // the caller's own is untouched
  });

  it('sets WORKER_MALLOC_ENV (MALLOC_ARENA_MAX=2: one arena for the scan threads), unless the user set it', () => {
    expect(WORKER_MALLOC_ENV).toEqual({ MALLOC_ARENA_MAX: '2' });
    const parent = { PATH: '/usr/bin' };
    expect(workerEnv(parent, 1536, 4242)).toMatchObject({ PATH: '/usr/bin', MALLOC_ARENA_MAX: '2' });
    expect(parent).not.toHaveProperty('MALLOC_ARENA_MAX'); // the worker's alone
    expect(workerEnv({ MALLOC_ARENA_MAX: '1' }, 1536, 4242).MALLOC_ARENA_MAX).toBe('1');
  });

  it('tells a worker its parent watches it (no watchdog thread) only when it is forked that way; an inherited flag is dropped', () => {
    expect(workerEnv({}, 1536, 4242, true)[WORKER_ENV.watchedByParent]).toBe('1');
    expect(workerEnv({ [WORKER_ENV.watchedByParent]: '1' }, 1536, 4242)).not.toHaveProperty(WORKER_ENV.watchedByParent);
  });
});
