/**
 * npm run bench: speed and memory of redactmap on the shipped samples, measured as a user runs it
 * (bin/redactmap as a fresh process, process start included).
 *
 *   npm run bench                 all sections
 *   npm run bench -- born         only the born-digital sample
 *   npm run bench -- scanned      only the scanned sample (and the native pipeline, when installed)
 *   npm run bench -- batch        only the batch folders
 *   npm run bench -- loop         only the event-loop stalls while the scanned sample is analysed
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runNode } from './bench/measure.js';
import { watchEventLoop } from './bench/event-loop.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'redactmap');
const want = new Set(process.argv.slice(2));
const run = (name: string) => want.size === 0 || want.has(name);
const RUNS = 5;
let nativeWallMs: number | undefined;
let lastWallMs: number | undefined;

function line(label: string, value: string) {
  console.log(`  ${label.padEnd(34)} ${value}`);
}

async function benchFile(title: string, file: string, pages: number, extraArgs: string[] = [], runs = RUNS) {
  if (!existsSync(file)) {
    console.log(`${title}: ${path.relative(root, file)} missing (npm run samples)`);
    return;
  }
  console.log(`${title}: bin/redactmap analyze ${path.relative(root, file)} --json ${extraArgs.join(' ')} (${runs} runs, ${os.cpus().length} cores)`);
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await runNode(bin, ['analyze', file, '--json', ...extraArgs]);
    if (r.exitCode !== 0) throw new Error(`bench run failed with exit code ${r.exitCode}`);
    results.push(r);
  }
  const wall = median(results.map((r) => r.wallMs));
  line('wall time (median)', `${(wall / 1000).toFixed(2)} s   [min ${(Math.min(...results.map((r) => r.wallMs)) / 1000).toFixed(2)} s]`);
  line('per page', `${(wall / pages / 1000).toFixed(3)} s`);
  line('peak RSS (max over runs)', `${Math.max(...results.map((r) => r.peakRssMiB)).toFixed(0)} MiB`);
  lastWallMs = wall;
}

if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('dist/ is missing: run npm run build (npm ci does it) first');
  process.exit(1);
}

if (run('born')) await benchFile('born-digital sample (15 pages)', path.join(root, 'samples', 'mou-redacted.pdf'), 15);

if (run('scanned')) {
  const file = path.join(root, 'samples', 'mou-scanned.pdf');
  await benchFile('scanned sample (15 pages, OCR)', file, 15, [], 3);
  const ours = lastWallMs;
  await benchNative(file, 15);
  if (ours && nativeWallMs) line('redactmap / native wall time', `${(ours / nativeWallMs).toFixed(2)}x (below 1 is faster)`);
}

/**
 * The same pages through poppler's pdftoppm and the tesseract CLI (the usual native pipeline), two
 * pages at a time, at the scan's own resolution, when both are installed.
 */
async function benchNative(file: string, pages: number) {
  const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
  if (!has('pdftoppm') || !has('tesseract')) {
    console.log('native pipeline: pdftoppm and tesseract not both installed: skipped (apt-get install poppler-utils tesseract-ocr)');
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redactmap-native-'));
  const start = process.hrtime.bigint();
  let peak = 0;
  const one = async (n: number) => {
    const base = path.join(dir, `p${n}`);
    const a = await timed('pdftoppm', ['-gray', '-r', '150', '-f', String(n), '-l', String(n), '-singlefile', file, base]);
    const b = await timed('tesseract', [`${base}.pgm`, base, '-l', 'eng', 'tsv'], { OMP_THREAD_LIMIT: '1' });
    peak = Math.max(peak, a, b);
  };
  let next = 1;
  await Promise.all([0, 1].map(async () => {
    while (next <= pages) await one(next++);
  }));
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  rmSync(dir, { recursive: true, force: true });
  console.log(`native pipeline: pdftoppm -gray -r 150 | tesseract (tsv), 2 pages at a time`);
  line('wall time', `${(wall / 1000).toFixed(2)} s`);
  line('per page', `${(wall / pages / 1000).toFixed(3)} s`);
  line('peak RSS of one process', `${(peak / 1024).toFixed(0)} MiB`);
  nativeWallMs = wall;
}

/** Run a command; resolve to its peak RSS in KiB (GNU time when present, else 0). */
function timed(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const useTime = existsSync('/usr/bin/time');
  const child = spawn(useTime ? '/usr/bin/time' : cmd, useTime ? ['-f', '%M', cmd, ...args] : args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${cmd} failed: ${err.split('\n').slice(-3).join(' ')}`));
      else resolve(Number(err.trim().split('\n').pop()) || 0);
    }),
  );
}

if (run('loop') || run('scanned')) await benchEventLoop(path.join(root, 'samples', 'mou-scanned.pdf'));

/**
 * analyze() of the scanned sample in this process (dist build), with a 5 ms timer watching the
 * event loop: the longest stall in main-thread CPU time (what the library costs an application
 * sharing its thread; not inflated by a loaded machine) and in wall time. Target: < 100 ms.
 */
async function benchEventLoop(file: string) {
  if (!existsSync(file)) return;
  const { analyze } = (await import(path.join(root, 'dist', 'index.js'))) as typeof import('../src/index.js');
  console.log(`event loop: analyze(${path.relative(root, file)}) in-process, 5 ms timer`);
  const watch = watchEventLoop();
  const start = performance.now();
  await analyze(file);
  const wall = performance.now() - start;
  const s = watch.stop();
  line('longest stall (main-thread CPU)', Number.isNaN(s.maxCpuMs) ? 'n/a (no /proc)' : `${s.maxCpuMs} ms   [${s.cpuStallsOver100} over 100 ms]`);
  line('longest gap (wall clock)', `${s.maxGapMs} ms   [${s.gapsOver100} over 100 ms; includes time the OS ran other work]`);
  line('wall time', `${(wall / 1000).toFixed(2)} s`);
}

if (run('batch')) {
  const { benchBatch } = await import('./bench-batch.js');
  console.log('batch folders: bin/redactmap batch (200 generated born-digital filings of 3 pages; 4 copies of the scanned sample)');
  const result = await benchBatch({ scanned: true, log: (s) => console.log(`  ${s}`) });
  for (const [k, v] of Object.entries(result)) line(k, String(v));
}
