/**
 * npm run bench: redactmap beside its anchors, in one run, as a user runs it (bin/redactmap as a
 * fresh process over the compiled dist/, process start included). Runs alternate (ours, anchor,
 * anchor, ours, ...) so that a busy machine slows both alike; each row reports medians and the
 * ratio of medians (below 1: redactmap is faster).
 *
 *   npm run bench                          every row
 *   npm run bench -- born batch scanned    some rows
 *   npm run bench -- --runs 3              runs per side (default: born 5, batch 3, scanned 3)
 *   npm run bench -- scanned --keep DIR    also keep the scanned sample's reports (score-scan.ts)
 *   npm run bench -- scanned --peaks       also print each run's process tree at its peak memory
 *   npm run bench -- born batch --before DIR  also run an earlier build (DIR/bin/redactmap, e.g. a copy
 *                                          of bin/, dist/ and package.json made before a change, with
 *                                          node_modules linked) in the same run, on any row
 *
 * Rows (issue 12):
 *   born     the 15-page born-digital sample, one process, vs an x-ray-style PyMuPDF check
 *            (scripts/bench/pymupdf_check.py; needs a python with PyMuPDF, e.g. Debian's python3-fitz)
 *   batch    200 one-page born-digital filings: `batch --jobs 2` vs the PyMuPDF check as 2 processes
 *            over the same files; CPU per page (and per page beyond the first 20 files)
 *   (born and batch also run pdf.js alone, scripts/bench/pdfjs_floor.mjs: operator lists and no
 *   analysis, in one thread; its row is the floor no redactmap change can go under)
 *   scanned  the 15-page scan (OCR): the default engine and tesseract.js alone, vs the native
 *            pipeline (pdftoppm -r 300 -gray + tesseract, 2 pages at a time)
 *   loop     the event-loop stalls while the scanned sample is analysed in this process (no anchor)
 * A row whose anchor is not installed is skipped with a note. Peak memory: the whole process tree
 * (redactmap with its workers and tesseract processes), sampled every 50 ms.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasGnuTime, measure, measureTogether, median, type Measured } from './bench/measure.js';
import { makeFiling } from '../tests/batch/make-pdfs.js';
import { watchEventLoop } from './bench/event-loop.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'redactmap');
const args = process.argv.slice(2);
const runsArg = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : undefined;
const keepDir = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : undefined;
const beforeDir = args.includes('--before') ? path.resolve(args[args.indexOf('--before') + 1]) : undefined;
/** Print what made up each run's peak (the processes of its tree), with --peaks. */
const showPeakParts = args.includes('--peaks');
const want = new Set(args.filter((a, i) => !a.startsWith('--') && !['--runs', '--keep', '--before'].includes(args[i - 1])));
const run = (name: string) => want.size === 0 || want.has(name);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-bench-'));
const rows: string[] = [];

const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
const mib = (m: number) => (Number.isFinite(m) ? `${Math.round(m)} MiB` : 'n/a');
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a');
const load = () => os.loadavg()[0].toFixed(1);

interface Side {
  label: string;
  runs: Measured[];
}

function summary(side: Side): { wall: number; cpu: number; peak: number } {
  return {
    wall: median(side.runs.map((r) => r.wallMs)),
    cpu: median(side.runs.map((r) => r.cpuMs)),
    peak: Math.max(...side.runs.map((r) => (Number.isFinite(r.treePeakMiB) ? r.treePeakMiB : r.peakRssMiB))),
  };
}

function check(r: Measured, what: string): Measured {
  if (r.exitCode !== 0) throw new Error(`${what} failed (exit ${r.exitCode}): ${r.stderrTail.trim().split('\n').pop()}`);
  return r;
}

/** Alternate the sides' runs (a b, b a, a b, ...), `n` runs each. */
async function alternate(n: number, sides: { side: Side; go: () => Promise<Measured> }[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const order = i % 2 ? [...sides].reverse() : sides;
    for (const { side, go } of order) {
      const r = await go();
      side.runs.push(r);
      console.log(`  ${side.label.padEnd(44)} wall ${s(r.wallMs)}  cpu ${s(r.cpuMs)}  peak ${mib(Number.isFinite(r.treePeakMiB) ? r.treePeakMiB : r.peakRssMiB)}  (load ${load()})`);
      if (showPeakParts && r.treePeakParts) console.log(`    at the peak (MiB): ${r.treePeakParts}`);
    }
  }
}

function row(work: string, ours: Side, anchor: Side, note = ''): void {
  const a = summary(ours);
  const b = summary(anchor);
  rows.push(
    `| ${work} | ${ours.label}: ${s(a.wall)} wall, ${s(a.cpu)} CPU, ${mib(a.peak)} | ${anchor.label}: ${s(b.wall)} wall, ${s(b.cpu)} CPU, ${mib(b.peak)} | ${ratio(a.wall, b.wall)} wall, ${ratio(a.cpu, b.cpu)} CPU${note ? `; ${note}` : ''} |`,
  );
}

/** A python with PyMuPDF: $REDACTMAP_BENCH_PYTHON, Debian's /usr/bin/python3, or python3 on PATH. */
function findFitzPython(): string | undefined {
  const candidates = [process.env.REDACTMAP_BENCH_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => Boolean(c));
  return candidates.find((py) => spawnSync(py, ['-c', 'import fitz'], { stdio: 'ignore' }).status === 0);
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const python = findFitzPython();
const pyCheck = path.join(root, 'scripts', 'bench', 'pymupdf_check.py');
/** pdf.js alone, no analysis (scripts/bench/pdfjs_floor.mjs): the floor under the born-digital rows. */
const pdfjsFloor = path.join(root, 'scripts', 'bench', 'pdfjs_floor.mjs');

async function benchBorn(n: number): Promise<void> {
  const file = path.join(root, 'samples', 'mou-redacted.pdf');
  console.log(`born-digital: ${path.relative(root, file)} (15 pages), bin/redactmap analyze --json vs ${python ? 'the PyMuPDF check' : '(no anchor)'}`);
  if (!python) {
    rows.push('| 15-page born-digital filing | skipped: no python with PyMuPDF (apt-get install python3-fitz, or set REDACTMAP_BENCH_PYTHON) | | |');
    return;
  }
  const ours: Side = { label: 'redactmap analyze', runs: [] };
  const anchor: Side = { label: 'PyMuPDF check', runs: [] };
  const before: Side = { label: 'before: redactmap analyze', runs: [] };
  const floor: Side = { label: 'pdf.js alone', runs: [] };
  const analyzeWith = async (program: string) => check(await measure(process.execPath, [program, 'analyze', file, '--json']), 'redactmap analyze');
  await alternate(n, [
    { side: ours, go: () => analyzeWith(bin) },
    ...(beforeDir ? [{ side: before, go: () => analyzeWith(path.join(beforeDir, 'bin', 'redactmap')) }] : []),
    { side: anchor, go: async () => check(await measure(python, [pyCheck, file]), 'PyMuPDF check') },
    { side: floor, go: async () => check(await measure(process.execPath, [pdfjsFloor, file]), 'pdf.js alone') },
  ]);
  if (beforeDir) row('15-page born-digital filing, before', before, anchor);
  row('15-page born-digital filing, one process, start included', ours, anchor);
  row('15-page born-digital filing: the floor, pdf.js alone (operator lists, no analysis, one thread)', floor, anchor);
}

async function benchBatch(n: number): Promise<void> {
  const files = 200;
  const dir = path.join(tmp, 'filings');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < files; i++) writeFileSync(path.join(dir, `filing-${String(i).padStart(4, '0')}.pdf`), await makeFiling({ pages: 1, leak: i % 4 === 0, seed: i }));
  const small = path.join(tmp, 'filings-20');
  mkdirSync(small);
  for (const f of readdirSync(dir).sort().slice(0, 20)) writeFileSync(path.join(small, f), readFileSync(path.join(dir, f)));
  console.log(`batch: ${files} one-page born-digital filings, bin/redactmap batch --jobs 2 vs ${python ? 'the PyMuPDF check as 2 processes' : '(no anchor)'}`);
  const out = path.join(tmp, 'out');
  const batch = async (folder: string, program = bin) => {
    rmSync(out, { recursive: true, force: true });
    return check(await measure(process.execPath, [program, 'batch', folder, '--out', out, '--jobs', '2', '--quiet']), 'redactmap batch');
  };
  const ours: Side = { label: 'batch --jobs 2', runs: [] };
  const first20: Side = { label: 'batch --jobs 2 (first 20 files)', runs: [] };
  const before: Side = { label: 'before: batch --jobs 2', runs: [] };
  const before20: Side = { label: 'before: batch --jobs 2 (first 20 files)', runs: [] };
  const pdfs = readdirSync(dir).sort().map((f) => path.join(dir, f));
  const anchor: Side = { label: 'PyMuPDF check ×2 processes', runs: [] };
  const floor: Side = { label: 'pdf.js alone ×2 processes', runs: [] };
  const halves = [0, 1].map((k) => pdfs.filter((_, i) => i % 2 === k));
  const sides = [
    { side: ours, go: () => batch(dir) },
    { side: first20, go: () => batch(small) },
    ...(beforeDir
      ? [
          { side: before, go: () => batch(dir, path.join(beforeDir, 'bin', 'redactmap')) },
          { side: before20, go: () => batch(small, path.join(beforeDir, 'bin', 'redactmap')) },
        ]
      : []),
  ];
  if (python) {
    sides.push({
      side: anchor,
      go: async () => check(await measureTogether(halves.map((half) => [python, [pyCheck, ...half]] as [string, string[]])), 'PyMuPDF check'),
    });
    sides.push({
      side: floor,
      go: async () => check(await measureTogether(halves.map((half) => [process.execPath, [pdfjsFloor, ...half]] as [string, string[]])), 'pdf.js alone'),
    });
  }
  await alternate(n, sides);
  const perPage = (whole: Side, first: Side) => {
    const all = summary(whole);
    return `CPU per page: ${(all.cpu / files).toFixed(1)} ms, ${((all.cpu - summary(first).cpu) / (files - 20)).toFixed(1)} ms beyond the first 20 files`;
  };
  const all = summary(ours);
  const note = perPage(ours, first20);
  if (python && beforeDir) row(`${files} one-page born-digital filings, before`, before, anchor, perPage(before, before20));
  if (python) row(`${files} one-page born-digital filings`, ours, anchor, note);
  if (python) row(`${files} one-page born-digital filings: the floor, pdf.js alone ×2 processes (operator lists, no analysis)`, floor, anchor);
  else rows.push(`| ${files} one-page born-digital filings | batch --jobs 2: ${s(all.wall)} wall, ${s(all.cpu)} CPU, ${mib(all.peak)} | skipped: no python with PyMuPDF | ${note} |`);
}

/** The scan through pdftoppm and the tesseract program, `lanes` pages at a time. */
async function nativePipeline(file: string, pages: number, lanes = 2): Promise<Measured> {
  const dir = mkdtempSync(path.join(tmp, 'native-'));
  const start = process.hrtime.bigint();
  const steps: Measured[] = [];
  let next = 1;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next <= pages) {
        const n = next++;
        const base = path.join(dir, `p${n}`);
        steps.push(check(await measure('pdftoppm', ['-gray', '-r', '300', '-f', String(n), '-l', String(n), '-singlefile', file, base]), 'pdftoppm'));
        steps.push(check(await measure('tesseract', [`${base}.pgm`, base, '-l', 'eng', 'tsv'], { env: { OMP_THREAD_LIMIT: '1' } }), 'tesseract'));
      }
    }),
  );
  rmSync(dir, { recursive: true, force: true });
  const peak = Math.max(...steps.map((r) => r.peakRssMiB));
  return {
    wallMs: Number(process.hrtime.bigint() - start) / 1e6,
    cpuMs: steps.reduce((t, r) => t + r.cpuMs, 0),
    peakRssMiB: peak * lanes, // `lanes` processes at once, at most
    treePeakMiB: NaN,
    exitCode: 0,
    stdout: '',
    stderrTail: '',
  };
}

async function benchScanned(n: number): Promise<void> {
  const file = path.join(root, 'samples', 'mou-scanned.pdf');
  const pages = 15;
  const nativeOk = has('pdftoppm') && has('tesseract');
  console.log(`scanned: ${path.relative(root, file)} (${pages} pages, OCR) vs ${nativeOk ? 'pdftoppm -r 300 -gray + tesseract, 2 pages at a time' : '(no anchor)'}`);
  const ours: Side = { label: 'redactmap analyze (--ocr-engine auto)', runs: [] };
  const wasm: Side = { label: 'redactmap analyze --ocr-engine wasm', runs: [] };
  const anchor: Side = { label: 'native pipeline', runs: [] };
  let k = 0;
  const analyzeWith = async (engine: string, program = bin) => {
    const r = check(await measure(process.execPath, [program, 'analyze', file, '--json', '--ocr-engine', engine], { keepStdout: !!keepDir }), `redactmap analyze --ocr-engine ${engine}`);
    // the reports, to score with scripts/bench/score-scan.ts
    if (keepDir) {
      mkdirSync(keepDir, { recursive: true });
      writeFileSync(path.join(keepDir, `mou-scanned-${program === bin ? '' : 'before-'}${engine}-${++k}.json`), r.stdout);
    }
    return r;
  };
  const sides = [
    { side: ours, go: () => analyzeWith('auto') },
    { side: wasm, go: () => analyzeWith('wasm') },
  ];
  const before = { auto: { label: 'before: analyze (--ocr-engine auto)', runs: [] } as Side, wasm: { label: 'before: analyze --ocr-engine wasm', runs: [] } as Side };
  if (beforeDir) {
    const program = path.join(beforeDir, 'bin', 'redactmap');
    sides.push({ side: before.auto, go: () => analyzeWith('auto', program) }, { side: before.wasm, go: () => analyzeWith('wasm', program) });
  }
  if (nativeOk) sides.push({ side: anchor, go: () => nativePipeline(file, pages) });
  await alternate(n, sides);
  if (!nativeOk) {
    const a = summary(ours);
    rows.push(`| 15-page scan, OCR included | ${ours.label}: ${s(a.wall)} wall, ${s(a.cpu)} CPU, ${mib(a.peak)} | skipped: pdftoppm and tesseract not both installed (apt-get install poppler-utils tesseract-ocr) | |`);
    return;
  }
  if (beforeDir) row('15-page scan, before (native engine when installed)', before.auto, anchor);
  row('15-page scan, OCR included (native engine when installed)', ours, anchor);
  if (beforeDir) row('same scan, before, tesseract.js alone', before.wasm, anchor, 'anchor peak: 2 × its largest process');
  row('same scan, tesseract.js alone', wasm, anchor, 'anchor peak: 2 × its largest process');
}

/**
 * analyze() of the scanned sample in this process (dist build), with a 5 ms timer watching the
 * event loop: the longest stall in main-thread CPU time (what the library costs an application
 * sharing its thread; not inflated by a loaded machine) and in wall time. Target: < 100 ms.
 */
async function benchEventLoop(): Promise<void> {
  const file = path.join(root, 'samples', 'mou-scanned.pdf');
  const { analyze } = (await import(path.join(root, 'dist', 'index.js'))) as typeof import('../src/index.js');
  console.log(`event loop: analyze(${path.relative(root, file)}) in-process, 5 ms timer`);
  const watch = watchEventLoop();
  const start = performance.now();
  await analyze(file);
  const wall = performance.now() - start;
  const st = watch.stop();
  const cpu = Number.isNaN(st.maxCpuMs) ? 'n/a (no /proc)' : `${st.maxCpuMs} ms (${st.cpuStallsOver100} over 100 ms)`;
  rows.push(`| event loop while the 15-page scan is analysed in-process | longest stall ${cpu} main-thread CPU; longest gap ${st.maxGapMs} ms wall (${st.gapsOver100} over 100 ms); ${s(wall)} | (target: < 100 ms) | |`);
}

if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('dist/ is missing: run npm run build (npm ci does it) first');
  process.exit(1);
}
const version = (cmd: string, a: string[]) => {
  try {
    return execFileSync(cmd, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0].trim();
  } catch {
    return 'not installed';
  }
};
console.log(
  `${os.availableParallelism()} cores, load ${load()}, node ${process.version}, ${python ? `PyMuPDF ${version(python, ['-c', 'import fitz; print(fitz.VersionBind)'])} (${python})` : 'no PyMuPDF'}, ${version('tesseract', ['--version'])}${hasGnuTime ? '' : ', no GNU time: CPU and per-process peaks n/a'}`,
);
try {
  if (run('born')) await benchBorn(runsArg ?? 5);
  if (run('batch')) await benchBatch(runsArg ?? 3);
  if (run('scanned')) await benchScanned(runsArg ?? 3);
  if (run('loop')) await benchEventLoop();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`\n| work | redactmap | anchor | ratio (medians) |\n|---|---|---|---|\n${rows.join('\n')}`);
console.log(`(load average at the end: ${load()}; ratios below 1: redactmap is faster)`);
