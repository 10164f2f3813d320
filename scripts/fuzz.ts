/**
 * npm run fuzz -- --n 1000 --seed 1 [--jobs 2] [--timeout 60] [--max-memory 1536] [--ocr never|auto]
 *                 [--sources a.pdf,b.pdf] [--hostile] [--dist] [--log runs.jsonl] [--save dir/]
 *
 * Mutates the samples (and the corpus, when REDACTMAP_CORPUS names it) and analyses each mutant in
 * the worker pool within the limits; prints the counts per class (scripts/fuzz/run.ts), the largest
 * peak memory and the slowest run. `--hostile` also runs the crafted hostile files
 * (tests/hostile/make-hostile.ts). `--save` writes every mutant that is not a report or a clean
 * failure, to reproduce it (`redactmap analyze dir/<n>.pdf`). `--dist` runs the built worker
 * (dist/, after `npm run build`) rather than the sources under tsx. Exit 1 on any defect.
 */
process.env.REDACTMAP_VALIDATE_REPORTS ??= '1'; // every report the fuzz run builds is checked against the schema (report/build-report.ts)
import { mkdirSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DEFECTS, runFuzz, summarise, type FuzzRun, type FuzzSource } from './fuzz/run.js';
import { runHostile } from './fuzz/hostile.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    jobs: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '60' },
    'max-memory': { type: 'string' },
    ocr: { type: 'string', default: 'never' },
    sources: { type: 'string' },
    hostile: { type: 'boolean', default: false },
    dist: { type: 'boolean', default: false },
    log: { type: 'string' },
    save: { type: 'string' },
  },
});

function defaultSources(): string[] {
  const files = readdirSync(path.join(root, 'samples'))
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => path.join(root, 'samples', f));
  const corpus = process.env.REDACTMAP_CORPUS;
  if (corpus) files.push(...readdirSync(corpus).filter((f) => f.endsWith('.pdf')).map((f) => path.join(corpus, f)));
  return files.sort();
}

const mib = (b?: number) => (b === undefined ? '?' : `${Math.round(b / 1048576)} MiB`);

function report(title: string, runs: FuzzRun[]): number {
  const s = summarise(runs);
  console.log(`\n${title}: ${s.runs} runs`);
  console.log(`  classes: ${Object.entries(s.byClass).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  failure codes: ${Object.entries(s.codes).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  for (const [m, c] of Object.entries(s.byMutator)) console.log(`    ${m.padEnd(9)} ${Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (s.peak) console.log(`  peak memory: ${mib(s.peak.peakRss)} (${s.peak.source} #${s.peak.index}, ${s.peak.what})`);
  if (s.slowest) console.log(`  slowest: ${(s.slowest.ms / 1000).toFixed(1)} s (${s.slowest.source} #${s.slowest.index}, ${s.slowest.what}, ${s.slowest.cls})`);
  for (const d of s.defects) console.log(`  DEFECT ${d.cls}: ${d.source} #${d.index} (${d.mutator}: ${d.what}): ${d.code ?? ''} ${d.message ?? ''}`);
  return s.defects.length;
}

async function main(): Promise<number> {
  const files = values.sources ? values.sources.split(',') : defaultSources();
  const sources: FuzzSource[] = files.map((f) => ({ name: path.basename(f), bytes: new Uint8Array(readFileSync(f)) }));
  const n = Number(values.n);
  const opts = {
    jobs: Number(values.jobs),
    timeoutSeconds: Number(values.timeout),
    ...(values['max-memory'] ? { maxMemoryMb: Number(values['max-memory']) } : {}),
    ocr: values.ocr as 'never' | 'auto' | 'always',
    // the built package's worker (npm run build first): its memory and speed are the real ones
    ...(values.dist ? { workerModule: path.join(root, 'dist', 'batch', 'worker.js') } : {}),
  };
  if (values.save) mkdirSync(values.save, { recursive: true });
  let done = 0;
  const t0 = Date.now();
  const runs = await runFuzz({
    ...opts,
    n,
    seed: Number(values.seed),
    sources,
    onRun: (run, bytes) => {
      done++;
      if (values.log) appendFileSync(values.log, JSON.stringify(run) + '\n');
      if (values.save && DEFECTS.includes(run.cls)) writeFileSync(path.join(values.save, `${run.index}-${run.source}`), bytes);
      if (done % 25 === 0 || DEFECTS.includes(run.cls)) {
        process.stderr.write(`[${done}/${n}] ${((Date.now() - t0) / 1000).toFixed(0)} s ${run.cls === 'report' || run.cls === 'failure' ? '' : `${run.cls}: ${run.source} #${run.index} ${run.what}`}\n`);
      }
    },
  });
  let defects = report(`mutants (seed ${values.seed}, ${sources.length} sources, ocr ${opts.ocr})`, runs);
  if (values.hostile) {
    const { timeoutSeconds: _mutantTimeout, ...limits } = opts;
    const hostile = await runHostile(limits);
    console.log('\nhostile set (each must end as expected: a report that says what it skipped, or its own failure reason)');
    for (const h of hostile) {
      const outcome = h.message ? `${h.code}: ${h.message}` : `${h.pages} pages, ${h.warnings} warnings`;
      console.log(`  ${h.expected ? 'ok  ' : 'BAD '} ${h.source.padEnd(24)} ${h.cls.padEnd(11)} ${(h.ms / 1000).toFixed(1).padStart(6)} s ${mib(h.peakRss).padStart(9)}  ${outcome}`);
    }
    defects += hostile.filter((h) => !h.expected).length;
  }
  console.log(`\ntotal ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return defects ? 1 : 0;
}

process.exitCode = await main();
