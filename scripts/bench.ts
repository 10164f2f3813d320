/**
 * npm run bench: speed and memory of redactmap on the shipped samples, measured as a user runs it
 * (bin/redactmap as a fresh process, process start included).
 *
 *   npm run bench                 all sections
 *   npm run bench -- born         only the born-digital sample
 *   npm run bench -- scanned      only the scanned sample (and the native pipeline, when installed)
 *   npm run bench -- batch        only the batch folders
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runNode } from './bench/measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'redactmap');
const want = new Set(process.argv.slice(2));
const run = (name: string) => want.size === 0 || want.has(name);
const RUNS = 5;

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
}

if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('dist/ is missing: run npm run build (npm ci does it) first');
  process.exit(1);
}

if (run('born')) await benchFile('born-digital sample (15 pages)', path.join(root, 'samples', 'mou-redacted.pdf'), 15);
