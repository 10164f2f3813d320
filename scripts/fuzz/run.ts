/**
 * The fuzz harness: mutants of real files analysed in the batch's worker pool, within the memory
 * ceiling and time limit, each run classified:
 *
 *   report      a report came back
 *   failure     a clean failure: a named reason (damaged, too-large, needs-password, ...) in one line
 *   internal    a failure blamed on redactmap itself (`internal`), or a message that is not one line
 *   crash       the worker process died (a signal, an exit) instead of answering
 *   hang        the time limit ended it (the analysis stopped itself, or had to be killed)
 *   over-memory the memory ceiling ended it (the worker's watchdog or V8's heap limit)
 *
 * Anything but report and failure is a defect (scripts/fuzz.ts exits 1, the CI test fails).
 */
import { WorkerPool, type TaskOutcome } from '../../src/batch/pool.js';
import { TIMEOUT_GRACE_MS } from '../../src/batch/run-batch.js';
import type { OcrMode } from '../../src/settings.js';
import { mutant } from './mutate.js';

export const RUN_CLASSES = ['report', 'failure', 'internal', 'crash', 'hang', 'over-memory'] as const;
export type RunClass = (typeof RUN_CLASSES)[number];
export const DEFECTS: readonly RunClass[] = ['internal', 'crash', 'hang', 'over-memory'];

export interface FuzzSource {
  name: string;
  bytes: Uint8Array;
}

export interface FuzzRun {
  /** Mutant number (reproduce with the same seed and sources). */
  index: number;
  source: string;
  mutator: string;
  what: string;
  cls: RunClass;
  code?: string;
  message?: string;
  pages?: number;
  warnings?: number;
  ms: number;
  /** Peak resident memory of the worker during the run, bytes (unknown when it was killed). */
  peakRss?: number;
}

export interface FuzzOptions {
  n: number;
  seed: number;
  sources: FuzzSource[];
  /** Runs at once (worker processes). Default 2. */
  jobs?: number;
  timeoutSeconds?: number;
  maxMemoryMb?: number;
  ocr?: OcrMode;
  /** Called as each run ends (progress, logs). */
  onRun?: (run: FuzzRun, bytes: Uint8Array) => void;
  /** The worker module (default: the pool's own; dist/batch/worker.js measures the built package). */
  workerModule?: string;
}

/** The class of a worker's outcome. */
export function classify(o: TaskOutcome): RunClass {
  if (o.type === 'done') return 'report';
  if (o.limit === 'memory') return 'over-memory';
  if (o.limit === 'time' || o.code === 'timeout') return 'hang';
  if (o.crashed) return 'crash';
  if (o.code === 'internal' || o.message.includes('\n') || /\n\s+at |\bat .*:\d+:\d+/.test(o.message)) return 'internal';
  return 'failure';
}

/** Run `n` mutants (mutant i: source ⌊i / 6⌋ mod sources, mutator i mod 6) and classify each. */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzRun[]> {
  const timeoutSeconds = opts.timeoutSeconds ?? 60;
  const pool = new WorkerPool({
    size: opts.jobs ?? 2,
    timeoutMs: timeoutSeconds * 1000,
    graceMs: TIMEOUT_GRACE_MS,
    ...(opts.maxMemoryMb ? { maxMemoryMb: opts.maxMemoryMb } : {}),
    ...(opts.workerModule ? { workerModule: opts.workerModule } : {}),
  });
  const runs: FuzzRun[] = [];
  try {
    await Promise.all(
      Array.from({ length: opts.n }, async (_, index) => {
        const source = opts.sources[Math.floor(index / 6) % opts.sources.length];
        const m = mutant(source.bytes, opts.seed, index);
        let t0 = Date.now();
        const outcome = await pool.run({
          file: `${source.name}#${index}`,
          bytes: m.bytes,
          label: `${source.name}#${index}`,
          settings: { jobs: 1, ocr: opts.ocr ?? 'never', timeoutSeconds, ...(opts.maxMemoryMb ? { maxMemoryMb: opts.maxMemoryMb } : {}) },
          markdown: false,
        }, { onStart: () => (t0 = Date.now()) });
        const run: FuzzRun = {
          index,
          source: source.name,
          mutator: m.mutator,
          what: m.what,
          cls: classify(outcome),
          ms: Date.now() - t0,
          ...(outcome.peakRss !== undefined ? { peakRss: outcome.peakRss } : {}),
          ...(outcome.type === 'failed'
            ? { code: outcome.code, message: outcome.message }
            : { pages: outcome.summary.pages, warnings: outcome.summary.warnings }),
        };
        runs.push(run);
        opts.onRun?.(run, m.bytes);
      }),
    );
  } finally {
    await pool.close();
  }
  return runs.sort((a, b) => a.index - b.index);
}

/** Counts per class, per mutator and per failure code; the largest peak memory and the slowest run. */
export function summarise(runs: FuzzRun[]) {
  const byClass = Object.fromEntries(RUN_CLASSES.map((c) => [c, runs.filter((r) => r.cls === c).length])) as Record<RunClass, number>;
  const byMutator: Record<string, Partial<Record<RunClass, number>>> = {};
  const codes: Record<string, number> = {};
  for (const r of runs) {
    const m = (byMutator[r.mutator] ??= {});
    m[r.cls] = (m[r.cls] ?? 0) + 1;
    if (r.code) codes[r.code] = (codes[r.code] ?? 0) + 1;
  }
  const peak = runs.reduce<FuzzRun | undefined>((a, r) => (r.peakRss !== undefined && (!a || r.peakRss > (a.peakRss ?? 0)) ? r : a), undefined);
  const slowest = runs.reduce<FuzzRun | undefined>((a, r) => (!a || r.ms > a.ms ? r : a), undefined);
  const defects = runs.filter((r) => DEFECTS.includes(r.cls));
  return { runs: runs.length, byClass, byMutator, codes, peak, slowest, defects };
}
