/**
 * The crafted hostile files (tests/hostile/make-hostile.ts), run like the mutants, each with what
 * must come of it: a report that says what it skipped, or a clean failure with its own reason.
 * Never a crash, a stack trace, or a run past the memory ceiling.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkerPool, type TaskOutcome } from '../../src/batch/pool.js';
import { TIMEOUT_GRACE_MS } from '../../src/batch/run-batch.js';
import { DEFAULT_TIMEOUT_SECONDS, type OcrMode } from '../../src/settings.js';
import * as make from '../../tests/hostile/make-hostile.js';
import { classify, type FuzzRun } from './run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface HostileCase {
  name: string;
  make: () => Uint8Array | Promise<Uint8Array>;
  /** True when the outcome is the right one for this file. */
  expect: (o: TaskOutcome) => boolean;
}

const report = (o: TaskOutcome) => o.type === 'done';
const warned = (o: TaskOutcome) => o.type === 'done' && o.summary.warnings > 0;
const failedAs = (...codes: string[]) => (o: TaskOutcome) => o.type === 'failed' && codes.includes(o.code);

export const HOSTILE_CASES: HostileCase[] = [
  { name: 'flate-bomb-2.5GB', make: () => make.flateBomb(2.5e9), expect: failedAs('too-large', 'timeout') },
  { name: 'image-bomb-48000px', make: () => make.imageBomb(48000), expect: warned },
  { name: 'nested-forms-1000', make: () => make.deepNesting(1000), expect: warned },
  { name: 'self-referencing-forms', make: make.selfReferencingForms, expect: warned },
  { name: 'operators-10M', make: () => make.operatorFlood(10_000_000), expect: (o) => warned(o) || failedAs('too-large')(o) },
  { name: 'pages-5000-blank', make: () => make.manyBlankPages(5000), expect: report },
  { name: 'huge-pages', make: make.hugePages, expect: report },
  { name: 'rotated-pages', make: make.rotatedPages, expect: report },
  { name: 'rectangles-12000', make: () => make.identicalRectangles(12_000), expect: report },
  { name: 'absurd-numbers', make: make.absurdNumbers, expect: warned },
  { name: 'owner-password-only', make: () => new Uint8Array(readFileSync(path.join(root, 'tests', 'fixtures', 'encrypted-owner-password.pdf'))), expect: report },
];

/**
 * Run every hostile case once (serially: bombs one at a time), classified as the mutants are, with
 * the product's own limits unless told otherwise (a 5,000-page file needs more than a mutant's time).
 */
export async function runHostile(
  opts: { timeoutSeconds?: number; maxMemoryMb?: number; ocr?: OcrMode; workerModule?: string } = {},
): Promise<(FuzzRun & { expected: boolean })[]> {
  const timeoutSeconds = opts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const pool = new WorkerPool({
    size: 1,
    timeoutMs: timeoutSeconds * 1000,
    graceMs: TIMEOUT_GRACE_MS,
    ...(opts.maxMemoryMb ? { maxMemoryMb: opts.maxMemoryMb } : {}),
    ...(opts.workerModule ? { workerModule: opts.workerModule } : {}),
  });
  const runs: (FuzzRun & { expected: boolean })[] = [];
  try {
    for (const [index, c] of HOSTILE_CASES.entries()) {
      const bytes = await c.make();
      const t0 = Date.now();
      const o = await pool.run({
        file: c.name,
        bytes,
        label: `${c.name}.pdf`,
        // a wrong password must not stop a file that has only an owner password
        settings: { jobs: 1, ocr: opts.ocr ?? 'never', timeoutSeconds, password: 'wrong', ...(opts.maxMemoryMb ? { maxMemoryMb: opts.maxMemoryMb } : {}) },
        markdown: false,
      });
      const cls = classify(o);
      // a bomb may end at the time limit or the memory ceiling (that is the limit working); never a crash
      const expected = c.expect(o) && cls !== 'crash' && cls !== 'internal';
      runs.push({
        index,
        source: c.name,
        mutator: 'hostile',
        what: c.name,
        cls,
        ms: Date.now() - t0,
        expected,
        ...(o.peakRss !== undefined ? { peakRss: o.peakRss } : {}),
        ...(o.type === 'failed' ? { code: o.code, message: o.message } : { pages: o.summary.pages, warnings: o.summary.warnings }),
      });
    }
  } finally {
    await pool.close();
  }
  return runs;
}
