/**
 * Queue benchmark: files per minute through `enqueue --wait` with 1 and with 2 workers, against
 * `batch` over the same folder as the anchor (the ratio carries over to a quieter machine; the
 * absolute figures depend on what else runs). Runs bin/redactmap (the compiled dist/) as a user
 * would, on a private redis-server.
 *
 *   node --import tsx scripts/bench-queue.ts [--files N] [--pages N] [--jobs N]
 *
 * Each worker runs with --jobs N (default 1), so two workers use twice the analysis processes of
 * one, as two machines would; batch runs with the same --jobs as one worker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFiling } from '../tests/batch/make-pdfs.js';
import { startRedis } from '../tests/helpers/redis.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(root, 'bin', 'redactmap');
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const FILES = arg('--files', 40);
const PAGES = arg('--pages', 3);
const JOBS = arg('--jobs', 1);

function run(args: string[]): { child: ChildProcess; done: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return { child, done: new Promise((r) => child.on('exit', (c) => r(c))), stderr: () => err };
}

async function until(cond: () => boolean) {
  while (!cond()) await new Promise((r) => setTimeout(r, 20));
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-bench-queue-'));
const input = path.join(tmp, 'in');
mkdirSync(input);
for (let i = 0; i < FILES; i++) writeFileSync(path.join(input, `f${String(i).padStart(4, '0')}.pdf`), await makeFiling({ pages: PAGES, leak: i % 3 === 0, seed: 500 + i }));
const redis = await startRedis();
const perMin = (ms: number) => (FILES / (ms / 60000)).toFixed(1);
try {
  const t0 = performance.now();
  await run(['batch', input, '--out', path.join(tmp, 'batch'), '--jobs', String(JOBS), '-q']).done;
  const batchMs = performance.now() - t0;
  console.log(`batch --jobs ${JOBS}: ${(batchMs / 1000).toFixed(1)} s, ${perMin(batchMs)} files/min`);

  for (const workers of [1, 2]) {
    const name = `bench-${workers}`;
    const out = path.join(tmp, `queue-${workers}`);
    const ws = Array.from({ length: workers }, () => run(['worker', '--redis', redis.url, '--queue-name', name, '--out', out, '--jobs', String(JOBS), '-q']));
    for (const w of ws) await until(() => /worker on/.test(w.stderr()));
    const t = performance.now();
    const code = await run(['enqueue', input, '--redis', redis.url, '--queue-name', name, '--wait', '-q']).done;
    const ms = performance.now() - t;
    for (const w of ws) w.child.kill('SIGTERM');
    await Promise.all(ws.map((w) => w.done));
    console.log(`queue, ${workers} worker${workers > 1 ? 's' : ''} x --jobs ${JOBS}: ${(ms / 1000).toFixed(1)} s, ${perMin(ms)} files/min (${(batchMs / ms).toFixed(2)} x batch)${code ? ` [exit ${code}]` : ''}`);
  }
} finally {
  await redis.stop();
  rmSync(tmp, { recursive: true, force: true });
}
