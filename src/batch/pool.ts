/**
 * A pool of analysis worker processes. Each worker takes one file at a time and is reused for the
 * next; a worker that crashes, runs out of memory or overruns the time limit is killed and
 * replaced, and only the file it held fails. Workers that have grown large are retired between
 * files, so memory stays bounded over long runs.
 *
 * Child processes rather than worker threads: a native crash (canvas, wasm) or a hang inside
 * native code can always be ended with SIGKILL without taking the batch down.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { abortedError, type FailureCode } from '../errors.js';
import { DEFAULT_MAX_MEMORY_MB, type Settings } from '../settings.js';
import type { FileStage, FromWorker, TaskAnalysed, TaskDone, TaskFailed, TaskSpec, ToWorker } from './protocol.js';
import { MEMORY_MARKER, WATCH_INTERVAL_MS } from './watchdog.js';

export interface PoolOptions {
  /** Worker processes (files analysed at once). */
  size: number;
  /** Time limit per file, ms; 0 for none. */
  timeoutMs: number;
  /**
   * Extra time before a worker over `timeoutMs` is killed, ms (default 0): the analysis keeps its
   * own time limit and ends cleanly; the kill is for a worker stuck where it cannot notice.
   */
  graceMs?: number;
  /** Memory ceiling of one worker process, MiB (killed beyond it: see `watch`). */
  maxMemoryMb?: number;
  /**
   * Who keeps each worker's memory ceiling and ends it when this process dies. `auto` (default):
   * this pool and the kernel where they can (parentWatchSupport), else the worker's own watchdog
   * thread (watchdog.ts); `thread`: the watchdog thread always (tests of that path).
   */
  watch?: 'auto' | 'thread';
  /** Heap limit of one worker, MB (V8 --max-old-space-size). Default: the memory ceiling. */
  heapMb?: number;
  /** Retire a worker after this many files. */
  maxTasksPerWorker?: number;
  /** Retire a worker whose resident memory exceeds this after a file, bytes. */
  recycleRssBytes?: number;
  /** Worker module; by default worker.js (or worker.ts under tsx) beside this module. */
  workerModule?: string;
  /**
   * An idle worker does not keep this process alive (it is kept warm for the next task and exits
   * with its parent): for a pool that lives as long as the process (isolated.ts).
   */
  unrefWhenIdle?: boolean;
}

/**
 * How a task ended. `fatal`: no worker could be started at all (nothing will work). `crashed`: the
 * worker process died holding the task (rather than answering); `limit`: the pool or the worker's
 * watchdog stopped it for time or memory.
 */
export type TaskOutcome = TaskDone | (TaskFailed & { fatal?: boolean; crashed?: boolean; limit?: 'time' | 'memory' });

export interface TaskHooks {
  /** The task has been handed to a worker. */
  onStart?: () => void;
  /** Pages read so far. */
  onProgress?: (pagesDone: number, pagesTotal: number, stage?: FileStage) => void;
  /**
   * Aborting it ends the task as `aborted`: taken out of the queue, or its worker killed (the slot
   * starts a new one). The service aborts the analysis of a client that went away.
   */
  signal?: AbortSignal;
}

interface Job extends TaskHooks {
  id: number;
  task: TaskSpec;
  resolve: (o: TaskOutcome) => void;
  timer?: NodeJS.Timeout;
  /** The report, when the worker sent it before drawing the pictures asked for. */
  analysed?: TaskAnalysed;
  /** Highest resident memory of its worker seen by this pool (when the pool watches it). */
  peakRss?: number;
}

function abortedOutcome(id: number, signal: AbortSignal): TaskFailed {
  const e = abortedError(signal);
  return { type: 'failed', id, code: e.code, message: e.message };
}

/**
 * The outcome of a task whose worker sent its report and then died drawing (memory, time limit,
 * crash): the report stands, and the pictures say why they are missing.
 */
export function withoutPictures(job: Pick<Job, 'task'> & { analysed: TaskAnalysed }, why: string): TaskDone {
  const note = `not drawn: ${why}`;
  return {
    ...job.analysed,
    type: 'done',
    ...(job.task.overlaysDir ? { overlayError: `overlays ${note}` } : {}),
    ...(job.task.html ? { htmlError: `review page ${note}` } : {}),
  };
}

interface Slot {
  child?: ChildProcess;
  ready: boolean;
  job?: Job;
  tasks: number;
  stderr: string;
}

/**
 * A worker still busy this long after its file's time limit is killed: the analysis stops itself at
 * the limit; the kill is for one stuck where it cannot notice (inside a decoder).
 */
export const TIMEOUT_GRACE_MS = 10_000;

/**
 * The pool limits that hold each analysis to its settings: the time limit (the analysis ends itself
 * as `timeout`; the worker is killed TIMEOUT_GRACE_MS later if it could not) and the memory ceiling
 * of the worker process. batch, analyze (isolated.ts), serve and the queue worker all use this.
 */
export function poolLimits(settings: Pick<Settings, 'timeoutSeconds' | 'maxMemoryMb'>): Pick<PoolOptions, 'timeoutMs' | 'graceMs' | 'maxMemoryMb'> {
  return { timeoutMs: Math.round(settings.timeoutSeconds * 1000), graceMs: TIMEOUT_GRACE_MS, maxMemoryMb: settings.maxMemoryMb };
}

const DEFAULTS = { graceMs: 0, maxMemoryMb: DEFAULT_MAX_MEMORY_MB, maxTasksPerWorker: 250, recycleRssBytes: 1024 * 1024 * 1024, unrefWhenIdle: false, watch: 'auto' as const };
/** How long a dead worker's stderr may take to drain before its failure is reported, ms. */
const STDERR_DRAIN_MS = 500;
/** Consecutive workers that die before saying "ready" before the pool gives up. */
const MAX_START_FAILURES = 3;

/** The worker module to fork, and the Node flags it needs (tsx when running from the .ts sources). */
export function workerEntry(): { module: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const tsx = createRequire(import.meta.url).resolve('tsx');
    return { module: path.join(path.dirname(here), 'worker.ts'), execArgv: ['--import', pathToFileURL(tsx).href] };
  }
  return { module: path.join(path.dirname(here), 'worker.js'), execArgv: [] };
}

/** The entry of a pool whose worker module is `workerModule` (default: ours). */
function entryFor(workerModule: string | undefined): { module: string; execArgv: string[] } {
  const entry = workerEntry();
  // a compiled worker module needs no TypeScript loader
  return workerModule ? { module: workerModule, execArgv: workerModule.endsWith('.js') ? [] : entry.execArgv } : entry;
}

export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private readonly opts: Required<Omit<PoolOptions, 'workerModule'>>;
  private readonly entry: { module: string; execArgv: string[] };
  private nextId = 1;
  private startFailures = 0;
  private broken: string | undefined;
  private closed = false;
  /** Reads the workers' memory every WATCH_INTERVAL_MS, when this pool watches them (watchMemory). */
  private watchTimer: NodeJS.Timeout | undefined;

  constructor(opts: PoolOptions) {
    const o = { ...DEFAULTS, ...opts };
    // a worker that grew past two thirds of its ceiling is retired between files rather than reused
    const recycle = Math.min(o.recycleRssBytes, Math.floor(o.maxMemoryMb * 1024 * 1024 * (2 / 3)));
    this.opts = { ...o, heapMb: o.heapMb ?? o.maxMemoryMb, recycleRssBytes: recycle } as Required<Omit<PoolOptions, 'workerModule'>>;
    this.entry = entryFor(opts.workerModule);
    this.slots = Array.from({ length: Math.max(1, opts.size) }, () => ({ ready: false, tasks: 0, stderr: '' }));
  }

  /** Run one task on the next free worker. Never rejects: every ending is an outcome. */
  run(task: TaskSpec, hooks: TaskHooks = {}): Promise<TaskOutcome> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      if (this.closed) return resolve({ type: 'failed', id, code: 'internal', message: 'batch stopped' });
      if (this.broken) return resolve({ type: 'failed', id, code: 'internal', message: this.broken, fatal: true });
      const { signal } = hooks;
      if (signal?.aborted) return resolve(abortedOutcome(id, signal));
      const job: Job = { id, task, ...hooks, resolve };
      if (signal) {
        const abort = () => this.cancel(job, signal);
        signal.addEventListener('abort', abort, { once: true });
        job.resolve = (o) => {
          signal.removeEventListener('abort', abort);
          resolve(o);
        };
      }
      this.queue.push(job);
      this.pump();
    });
  }

  /** End an aborted task: out of the queue, or its worker killed. */
  private cancel(job: Job, signal: AbortSignal): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      return job.resolve(abortedOutcome(job.id, signal));
    }
    const slot = this.slots.find((s) => s.job === job);
    if (!slot) return;
    const child = slot.child;
    slot.child = undefined;
    slot.ready = false;
    if (child) void this.kill(child, 'SIGKILL');
    this.finish(slot, abortedOutcome(job.id, signal));
    this.pump();
  }

  /** Kill every worker; queued tasks end as "batch stopped". */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchTimer);
    for (const job of this.queue.splice(0)) job.resolve({ type: 'failed', id: job.id, code: 'internal', message: 'batch stopped' });
    const exits: Promise<void>[] = [];
    for (const slot of this.slots) {
      const job = slot.job;
      if (job) this.finish(slot, { type: 'failed', id: job.id, code: 'internal', message: 'batch stopped' });
      if (slot.child) exits.push(this.kill(slot.child, 'SIGKILL'));
      slot.child = undefined;
    }
    await Promise.all(exits);
  }

  /** Retire the workers gracefully once idle (end of a batch). */
  async shutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchTimer);
    const exits: Promise<void>[] = [];
    for (const slot of this.slots) {
      if (slot.child) exits.push(this.retire(slot.child));
      slot.child = undefined;
    }
    await Promise.all(exits);
  }

  /** Process ids of the live workers (for tests and diagnostics). */
  pids(): number[] {
    return this.slots.flatMap((s) => (s.child?.pid ? [s.child.pid] : []));
  }

  /** True when a task would have to wait: every worker is busy, or tasks are queued. */
  busy(): boolean {
    return this.queue.length > 0 || this.slots.every((s) => s.job !== undefined);
  }

  /** With unrefWhenIdle, let a worker keep this process alive only while it holds or awaits a task. */
  private hold(child: ChildProcess | undefined, busy: boolean): void {
    if (!this.opts.unrefWhenIdle || !child) return;
    const handles = [child, child.channel, child.stderr] as ({ ref?: () => void; unref?: () => void } | null | undefined)[];
    for (const h of handles) (busy ? h?.ref : h?.unref)?.call(h);
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      if (!slot.child) this.spawn(slot);
      if (!slot.ready) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      if (this.watchTimer && slot.child?.pid) job.peakRss = readRss(slot.child.pid);
      if (this.opts.timeoutMs > 0) {
        job.timer = setTimeout(() => this.timeout(slot, job), this.opts.timeoutMs + this.opts.graceMs);
        job.timer.unref?.();
      }
      job.onStart?.();
      this.hold(slot.child, true);
      const msg: ToWorker = { type: 'task', id: job.id, task: job.task };
      slot.child!.send(msg, (err) => {
        if (err && slot.job === job) this.crashed(slot, slot.child, null, null, `cannot reach the analysis process (${err.message})`);
      });
    }
  }

  private spawn(slot: Slot): void {
    const how = forkSpec(this.entry, this.opts);
    if (how.byParent) this.watchTimer ??= setInterval(() => this.watchMemory(), WATCH_INTERVAL_MS).unref();
    const early = takePrestarted(how);
    const child = early?.child ?? forkWorker(how);
    slot.child = child;
    slot.ready = false;
    slot.tasks = 0;
    slot.stderr = early?.stderr ?? '';
    child.stderr?.on('data', (s: string) => {
      slot.stderr = (slot.stderr + s).slice(-8192);
    });
    const ready = () => {
      slot.ready = true;
      this.startFailures = 0;
      this.pump();
      if (!slot.job) this.hold(child, false);
    };
    // a worker forked ahead of the pool may have said it is ready already
    if (early?.ready) queueMicrotask(() => slot.child === child && !slot.ready && ready());
    child.on('message', (m: FromWorker) => {
      if (slot.child !== child) return;
      if (m.type === 'ready') ready();
      else if (m.type === 'progress') {
        if (slot.job?.id === m.id) slot.job.onProgress?.(m.pagesDone, m.pagesTotal, m.stage);
      } else if (m.type === 'analysed') {
        if (slot.job?.id === m.id) slot.job.analysed = m;
      } else if (slot.job?.id === m.id) {
        const peak = slot.job.peakRss;
        this.finish(slot, m.peakRss === undefined && peak !== undefined ? { ...m, peakRss: Math.max(peak, m.rss ?? 0) } : m);
        slot.tasks++;
        const big = m.rss !== undefined && m.rss > this.opts.recycleRssBytes;
        const exiting = m.type === 'failed' && m.exiting;
        if (exiting || big || slot.tasks >= this.opts.maxTasksPerWorker) {
          slot.child = undefined;
          void this.retire(child);
        } else if (this.queue.length === 0) this.hold(child, false);
        this.pump();
      }
    });
    child.on('error', (err) => {
      if (slot.child === child) this.crashed(slot, child, null, null, err.message);
    });
    child.on('exit', (code, signal) => {
      if (slot.child !== child) return;
      // the last words (the watchdog's, V8's out-of-memory report) may still be in the pipe
      const stderr = child.stderr;
      if (!stderr || stderr.readableEnded || stderr.destroyed) return this.crashed(slot, child, code, signal);
      let once = false;
      const go = () => {
        if (once) return;
        once = true;
        this.crashed(slot, child, code, signal);
      };
      stderr.once('end', go).once('close', go);
      setTimeout(go, STDERR_DRAIN_MS).unref();
    });
  }

  /**
   * The memory ceiling of workers forked to be watched by their parent (forkWorker): each one's
   * resident memory read from /proc, its task's peak kept, and a worker over the ceiling killed
   * with the line its watchdog thread would have written (the exit then reads as `too-large`).
   */
  private watchMemory(): void {
    const ceiling = this.opts.maxMemoryMb * 1024 * 1024;
    for (const slot of this.slots) {
      const child = slot.child;
      if (!child?.pid || child.killed || child.exitCode !== null || child.signalCode !== null) continue;
      const rss = readRss(child.pid);
      if (rss === undefined) continue;
      if (slot.job) slot.job.peakRss = Math.max(slot.job.peakRss ?? 0, rss);
      if (ceiling > 0 && rss > ceiling) {
        slot.stderr += `${MEMORY_MARKER}: ${Math.round(rss / 1048576)} MiB used, limit ${this.opts.maxMemoryMb} MiB\n`;
        child.kill('SIGKILL');
      }
    }
  }

  private crashed(slot: Slot, child: ChildProcess | undefined, code: number | null, signal: NodeJS.Signals | null, detail?: string): void {
    if (slot.child !== child) return;
    const wasReady = slot.ready;
    slot.child = undefined;
    slot.ready = false;
    if (child && child.exitCode === null && child.signalCode === null) void this.kill(child, 'SIGKILL');
    const why = describeCrash(slot.stderr, code, signal, detail, this.opts.maxMemoryMb);
    const analysed = slot.job?.analysed;
    if (slot.job && analysed) this.finish(slot, withoutPictures({ task: slot.job.task, analysed }, why.message));
    else if (slot.job) {
      const limit = why.code === 'too-large' ? { limit: 'memory' as const } : {};
      this.finish(slot, { type: 'failed', id: slot.job.id, code: why.code, message: why.message, crashed: true, ...limit });
    } else if (!wasReady && !this.closed) {
      // a setpriv that cannot start a worker (one older than --pdeathsig): parent watching is now
      // off, and the next worker starts without setpriv, with its watchdog thread (no start failure)
      if (setprivFailed(slot.stderr)) return this.pump();
      if (++this.startFailures >= MAX_START_FAILURES) {
        this.broken = `cannot start the analysis process: ${firstErrorLine(slot.stderr) ?? why.message}`;
        for (const job of this.queue.splice(0)) job.resolve({ type: 'failed', id: job.id, code: 'internal', message: this.broken, fatal: true });
        return;
      }
    }
    this.pump();
  }

  private timeout(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    const child = slot.child;
    slot.child = undefined;
    slot.ready = false;
    if (child) void this.kill(child, 'SIGKILL');
    const secs = this.opts.timeoutMs / 1000;
    const message = `timed out after ${Number.isInteger(secs) ? secs : secs.toFixed(1)} s (--timeout)`;
    const { analysed } = job;
    this.finish(slot, analysed ? withoutPictures({ task: job.task, analysed }, message) : { type: 'failed', id: job.id, code: 'timeout', message, limit: 'time' });
    this.pump();
  }

  private finish(slot: Slot, outcome: TaskOutcome): void {
    const job = slot.job;
    if (!job) return;
    slot.job = undefined;
    if (job.timer) clearTimeout(job.timer);
    job.resolve(outcome);
  }

  private retire(child: ChildProcess): Promise<void> {
    this.hold(child, true); // awaited: the process must stay up to see it exit
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      timer.unref?.();
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      try {
        if (child.connected) child.send({ type: 'exit' } satisfies ToWorker);
        else child.kill('SIGTERM');
      } catch {
        child.kill('SIGKILL');
      }
    });
  }

  private kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    this.hold(child, true);
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

function firstErrorLine(stderr: string): string | undefined {
  const line = stderr.split('\n').find((l) => /\b(Error|error)\b/.test(l) && !/^\s+at /.test(l));
  return line?.trim().slice(0, 300);
}

/** How the runner tells a worker its memory ceiling and its parent (read by serveTasks). */
export const WORKER_ENV = {
  memoryMb: 'REDACTMAP_WORKER_MEMORY_MB',
  parentPid: 'REDACTMAP_WORKER_PARENT_PID',
  /** "1": the parent keeps the ceiling and the kernel the leash; the worker starts no watchdog thread. */
  watchedByParent: 'REDACTMAP_WORKER_WATCHED_BY_PARENT',
} as const;

/**
 * Variables the analysis worker's environment leaves out. It makes no network connection, and Node
 * reads and parses NODE_EXTRA_CA_CERTS' whole file when a process starts (~40 ms of CPU for a
 * system's CA bundle, on the path of every `analyze`, and again for every worker a batch forks).
 */
export const WORKER_ENV_LEFT_OUT = ['NODE_EXTRA_CA_CERTS'] as const;

/**
 * glibc malloc settings of a worker process (unless the user's environment sets them). A scan's
 * worker runs several threads (the pdf.js thread decoding page images, raster threads, V8's own),
 * and glibc gives each thread that allocates its own arena, up to 8 per core. Each arena keeps the
 * megabyte-sized blocks its thread freed (the decoded pages, the raster stages' grids) for reuse
 * by that thread only: a scan's worker held two or three such arenas of ~60 MB each. Two arenas
 * (the main thread's and one shared by the other threads) keep that memory in one place to be
 * reused: on the 15-page scanned sample the worker's peak fell ~40 MiB (README, speed) at the same
 * CPU. The reports are unchanged (malloc's layout is not an input of any rule).
 */
export const WORKER_MALLOC_ENV = { MALLOC_ARENA_MAX: '2' } as const;

/** The worker's environment: WORKER_MALLOC_ENV, then ours (a user's malloc setting wins), without WORKER_ENV_LEFT_OUT, with its memory ceiling and parent. */
export function workerEnv(parent: NodeJS.ProcessEnv, maxMemoryMb: number, parentPid: number, byParent = false): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...WORKER_MALLOC_ENV, ...parent, [WORKER_ENV.memoryMb]: String(maxMemoryMb), [WORKER_ENV.parentPid]: String(parentPid) };
  for (const name of WORKER_ENV_LEFT_OUT) delete env[name];
  delete env[WORKER_ENV.watchedByParent];
  if (byParent) env[WORKER_ENV.watchedByParent] = '1';
  return env;
}

/** Where setpriv (util-linux) may be: a process it starts with --pdeathsig is killed when its parent dies. */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'];
let support: { setpriv: string } | null | undefined;

/**
 * Whether a pool can watch its workers itself: on Linux, with /proc to read their memory and
 * setpriv to have the kernel kill them when the pool's process dies (PR_SET_PDEATHSIG). Then a
 * worker needs no watchdog thread, whose start costs ~60 ms of CPU (a one-file `analyze` uses ~65
 * ms less CPU, measured). Elsewhere each worker's watchdog thread does both (watchdog.ts). setpriv
 * is not run to be checked (that costs ~18 ms at each start): one that fails turns it off.
 */
export function parentWatchSupport(): { setpriv: string } | null {
  if (support !== undefined) return support;
  support = null;
  if (process.platform !== 'linux' || readRss(process.pid) === undefined) return support;
  for (const p of SETPRIV) {
    try {
      accessSync(p, constants.X_OK);
      return (support = { setpriv: p });
    } catch {
      // not there
    }
  }
  return support;
}

/**
 * True (and parent watching is off from now on, in this process) when a worker forked through
 * setpriv died before it started, with setpriv's own complaint on stderr.
 */
function setprivFailed(stderr: string): boolean {
  if (!support || !/^setpriv: /m.test(stderr)) return false;
  support = null;
  return true;
}

/** Tests: use this program as setpriv (undefined: look for it again). */
export function setprivForTests(program: string | undefined): void {
  support = program === undefined ? undefined : { setpriv: program };
}

/** Resident memory of a process, bytes, from /proc/<pid>/status (undefined where there is none, or it is gone). */
export function readRss(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** How a worker process is forked: its module, Node flags, memory ceiling, and who watches it. */
interface ForkSpec {
  module: string;
  execArgv: string[];
  maxMemoryMb: number;
  /** Forked through setpriv and watched by its pool, with no watchdog thread (parentWatchSupport). */
  byParent: boolean;
}

function forkSpec(entry: { module: string; execArgv: string[] }, opts: { heapMb: number; maxMemoryMb: number; watch?: 'auto' | 'thread' }): ForkSpec {
  const byParent = opts.watch !== 'thread' && parentWatchSupport() !== null;
  return { module: entry.module, execArgv: [...entry.execArgv, `--max-old-space-size=${opts.heapMb}`], maxMemoryMb: opts.maxMemoryMb, byParent };
}

function forkWorker(how: ForkSpec): ChildProcess {
  const setpriv = how.byParent ? parentWatchSupport()?.setpriv : undefined;
  const common = { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] as ('ignore' | 'pipe' | 'ipc')[], serialization: 'advanced' as const, env: workerEnv(process.env, how.maxMemoryMb, process.pid, setpriv !== undefined) };
  // setpriv sets the parent-death signal, then becomes Node (same process, same IPC channel)
  const child = setpriv
    ? fork(how.module, [], { ...common, execPath: setpriv, execArgv: ['--pdeathsig', 'KILL', '--', process.execPath, ...how.execArgv] })
    : fork(how.module, [], { ...common, execArgv: how.execArgv });
  child.stderr?.setEncoding('utf8');
  return child;
}

/** A worker forked before any pool asked for it (prestartWorkers), with what it said meanwhile. */
interface Prestarted {
  child: ChildProcess;
  key: string;
  ready: boolean;
  stderr: string;
  /** Stop listening on the child's behalf (the pool that takes it listens itself). */
  detach(): void;
}

const prestarted: Prestarted[] = [];

/**
 * Fork `count` worker processes now, for the first pools that ask for workers forked the same way
 * (same module, heap and memory ceiling; any other pool forks its own). The command line does this
 * as its first act for `analyze` and `batch`, so that the workers load the pipeline while the
 * command line loads its own modules, checks its options and finds the files. Until a pool takes
 * them they do not keep this process alive; discardPrestarted() ends those no pool took.
 */
export function prestartWorkers(count: number, opts: Pick<PoolOptions, 'maxMemoryMb' | 'heapMb' | 'workerModule'> = {}): void {
  const maxMemoryMb = opts.maxMemoryMb ?? DEFAULTS.maxMemoryMb;
  const how = forkSpec(entryFor(opts.workerModule), { maxMemoryMb, heapMb: opts.heapMb ?? maxMemoryMb });
  for (let i = 0; i < count; i++) prestarted.push(prestartOne(how));
}

function prestartOne(how: ForkSpec): Prestarted {
  const child = forkWorker(how);
  const early: Prestarted = {
    child,
    key: JSON.stringify(how),
    ready: false,
    stderr: '',
    detach: () => {
      child.off('message', onMessage);
      child.stderr?.off('data', onData);
      child.off('error', onError);
    },
  };
  const onMessage = (m: FromWorker) => {
    if (m.type === 'ready') early.ready = true;
  };
  const onData = (s: string) => {
    early.stderr = (early.stderr + s).slice(-8192);
  };
  const onError = () => undefined; // a fork that failed: it has exited, and no pool takes it
  child.on('message', onMessage);
  child.stderr?.on('data', onData);
  child.on('error', onError);
  for (const h of [child, child.channel, child.stderr] as ({ unref?: () => void } | null | undefined)[]) h?.unref?.();
  return early;
}

/** Process ids of the prestarted workers no pool has taken yet (tests and diagnostics). */
export function prestartedPids(): number[] {
  return prestarted.flatMap((p) => (p.child.pid ? [p.child.pid] : []));
}

/** A prestarted worker forked the way `how` says, if one is alive; the pool then owns it. */
function takePrestarted(how: ForkSpec): Prestarted | undefined {
  const key = JSON.stringify(how);
  for (let i = 0; i < prestarted.length; i++) {
    const early = prestarted[i];
    if (early.key !== key || early.child.exitCode !== null || early.child.signalCode !== null) continue;
    prestarted.splice(i, 1);
    early.detach();
    // held again like a fresh fork: the pool lets it go when idle (unrefWhenIdle)
    for (const h of [early.child, early.child.channel, early.child.stderr] as ({ ref?: () => void } | null | undefined)[]) h?.ref?.();
    return early;
  }
  return undefined;
}

/** End the prestarted workers no pool took (the command line's usage errors, other limits, fewer files than workers). */
export async function discardPrestarted(): Promise<void> {
  const left = prestarted.splice(0);
  await Promise.all(
    left.map(({ child, detach }) => {
      detach();
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      child.ref(); // awaited: this process must stay up to see it exit
      return new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    }),
  );
}

/** A one-line reason for a worker that died holding a file. */
export function describeCrash(
  stderr: string,
  code: number | null,
  signal: NodeJS.Signals | null,
  detail?: string,
  maxMemoryMb?: number,
): { code: FailureCode; message: string } {
  if (stderr.includes(MEMORY_MARKER) || /heap out of memory|Allocation failed|out of memory/i.test(stderr)) {
    const limit = maxMemoryMb ? `${maxMemoryMb} MiB` : 'what a worker may use';
    return { code: 'too-large', message: `needs more memory than the limit of ${limit} (--max-memory)` };
  }
  if (detail) return { code: 'internal', message: `analysis process failed: ${detail.split('\n')[0]}` };
  const fatal = stderr.match(/^redactmap worker: fatal: (.*)$/m);
  if (fatal) return { code: 'internal', message: `internal error: ${fatal[1].slice(0, 300)}` };
  if (signal === 'SIGKILL') return { code: 'internal', message: 'analysis process was killed (SIGKILL; out of memory?)' };
  if (signal) return { code: 'internal', message: `analysis process crashed (${signal})` };
  return { code: 'internal', message: `analysis process exited unexpectedly (code ${code ?? '?'})` };
}
