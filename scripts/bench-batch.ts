/**
 * Batch benchmark: throughput and memory of `redactmap batch` over a folder, measured as a user
 * runs it (bin/redactmap as a fresh process over the compiled dist/, process start included).
 *
 *   node --import tsx scripts/bench-batch.ts                 200 born-digital files, 3 pages each
 *   node --import tsx scripts/bench-batch.ts --scanned       also a scanned folder (copies of samples/mou-scanned.pdf)
 *   options: --files N  --pages N  --jobs N  --scanned-copies N  --keep
 *
 * Peak RSS is of the whole process tree (the runner and its workers, summed at each sample),
 * sampled from /proc every 50 ms (or `ps` where there is no /proc). The peaks over each quarter of
 * the run show whether memory grows with the number of files done (it should not: workers are
 * reused for many files and retired when large, and the runner keeps only small index entries).
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFiling } from '../tests/batch/make-pdfs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchBatchOptions {
  /** Born-digital files in the folder (default 200). */
  files?: number;
  /** Pages per born-digital file (default 3). */
  pages?: number;
  /** --jobs for the batch (default: the batch's own default, the number of cores). */
  jobs?: number;
  /** Also run a scanned folder of copies of samples/mou-scanned.pdf (skipped with a note when missing). */
  scanned?: boolean;
  /** Copies of the scanned sample (default 4). */
  scannedCopies?: number;
  /** Keep the temporary folders (printed). */
  keep?: boolean;
  /** The command line to run (default bin/redactmap). */
  bin?: string;
  /** Progress notes (default: none). */
  log?: (s: string) => void;
}

interface TreeSample {
  t: number;
  total: number;
  runner: number;
  workerMax: number;
  processes: number;
}

/** Resident memory (bytes) of pid and its descendants, one sample. */
function sampleTree(pid: number): TreeSample | undefined {
  const now = Date.now();
  if (existsSync('/proc/self/status')) {
    const rss = (p: number) => {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
        return m ? Number(m[1]) * 1024 : 0;
      } catch {
        return 0;
      }
    };
    const children = (p: number): number[] => {
      try {
        return readdirSync(`/proc/${p}/task`).flatMap((tid) => {
          try {
            return readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
          } catch {
            return [];
          }
        });
      } catch {
        return [];
      }
    };
    const runner = rss(pid);
    if (!runner) return undefined;
    let total = runner;
    let workerMax = 0;
    let processes = 1;
    const stack = children(pid);
    while (stack.length) {
      const p = stack.pop()!;
      const r = rss(p);
      total += r;
      workerMax = Math.max(workerMax, r);
      processes++;
      stack.push(...children(p));
    }
    return { t: now, total, runner, workerMax, processes };
  }
  // no /proc (macOS): one `ps` per sample
  try {
    const rows = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    const kids = new Map<number, number[]>();
    const rss = new Map<number, number>();
    for (const [p, pp, r] of rows) {
      rss.set(p, r * 1024);
      kids.set(pp, [...(kids.get(pp) ?? []), p]);
    }
    if (!rss.has(pid)) return undefined;
    const runner = rss.get(pid)!;
    let total = runner;
    let workerMax = 0;
    let processes = 1;
    const stack = [...(kids.get(pid) ?? [])];
    while (stack.length) {
      const p = stack.pop()!;
      total += rss.get(p) ?? 0;
      workerMax = Math.max(workerMax, rss.get(p) ?? 0);
      processes++;
      stack.push(...(kids.get(p) ?? []));
    }
    return { t: now, total, runner, workerMax, processes };
  } catch {
    return undefined;
  }
}

interface RunResult {
  exitCode: number | null;
  wallMs: number;
  samples: TreeSample[];
  stderrTail: string;
}

async function runMeasured(bin: string, args: string[]): Promise<RunResult> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const samples: TreeSample[] = [];
  const timer = setInterval(() => {
    const s = child.pid ? sampleTree(child.pid) : undefined;
    if (s) samples.push(s);
  }, 50);
  const exitCode: number | null = await new Promise((resolve) => child.on('close', (code) => resolve(code)));
  clearInterval(timer);
  return { exitCode, wallMs: Date.now() - t0, samples, stderrTail: stderr };
}

const MiB = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;

function figures(prefix: string, r: RunResult, files: number, pages: number, jobs: number | undefined): Record<string, number | string> {
  const peak = (xs: TreeSample[], f: (s: TreeSample) => number) => xs.reduce((a, s) => Math.max(a, f(s)), 0);
  // peak of each quarter of the run: flat when memory does not grow with the files done
  const t0 = r.samples[0]?.t ?? 0;
  const span = Math.max(1, (r.samples[r.samples.length - 1]?.t ?? 0) - t0);
  const quarters = [0, 1, 2, 3].map((q) => r.samples.filter((s) => Math.min(3, Math.floor((4 * (s.t - t0)) / span)) === q));
  const minutes = r.wallMs / 60_000;
  return {
    [`${prefix}.files`]: files,
    [`${prefix}.pages`]: pages,
    [`${prefix}.jobs`]: jobs ?? os.availableParallelism(),
    [`${prefix}.exitCode`]: r.exitCode ?? -1,
    [`${prefix}.wallSeconds`]: Math.round(r.wallMs / 10) / 100,
    [`${prefix}.pagesPerMinute`]: Math.round(pages / minutes),
    [`${prefix}.filesPerMinute`]: Math.round(files / minutes),
    [`${prefix}.peakTreeRssMiB`]: MiB(peak(r.samples, (s) => s.total)),
    [`${prefix}.peakTreeRssByQuarterMiB`]: quarters.map((q) => Math.round(MiB(peak(q, (s) => s.total)))).join(' / '),
    [`${prefix}.peakRunnerRssMiB`]: MiB(peak(r.samples, (s) => s.runner)),
    [`${prefix}.peakWorkerRssMiB`]: MiB(peak(r.samples, (s) => s.workerMax)),
    [`${prefix}.maxProcesses`]: peak(r.samples, (s) => s.processes),
    [`${prefix}.rssSamples`]: r.samples.length,
  };
}

export async function benchBatch(opts: BenchBatchOptions = {}): Promise<Record<string, number | string>> {
  const log = opts.log ?? (() => undefined);
  const bin = opts.bin ?? path.join(root, 'bin', 'redactmap');
  if (!existsSync(path.join(root, 'dist', 'cli', 'batch-command.js'))) {
    throw new Error('dist/ is missing or stale: run npm run build (npm ci does it) first');
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-bench-batch-'));
  const out: Record<string, number | string> = { cores: os.availableParallelism(), node: process.version };
  const jobsArgs = opts.jobs ? ['--jobs', String(opts.jobs)] : [];
  try {
    // born-digital: generated filings, every one different
    const files = opts.files ?? 200;
    const pages = opts.pages ?? 3;
    const born = path.join(tmp, 'born');
    for (let i = 0; i < files; i++) {
      const dir = path.join(born, `part-${Math.floor(i / 50)}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `filing-${String(i).padStart(4, '0')}.pdf`), await makeFiling({ pages, leak: i % 4 === 0, seed: i }));
    }
    log(`born-digital: ${files} files x ${pages} pages in ${born}`);
    const r = await runMeasured(bin, ['batch', born, '--out', path.join(tmp, 'born-out'), '--recursive', '--quiet', ...jobsArgs]);
    if (r.exitCode !== 0) log(`born-digital batch exited ${r.exitCode}: ${r.stderrTail.trim().split('\n').pop()}`);
    Object.assign(out, figures('born', r, files, files * pages, opts.jobs));

    if (opts.scanned) {
      const sample = path.join(root, 'samples', 'mou-scanned.pdf');
      if (!existsSync(sample)) {
        out['scanned.note'] = 'skipped: samples/mou-scanned.pdf is missing (npm run samples)';
      } else {
        const copies = opts.scannedCopies ?? 4;
        const scanned = path.join(tmp, 'scanned');
        mkdirSync(scanned, { recursive: true });
        for (let i = 0; i < copies; i++) copyFileSync(sample, path.join(scanned, `scan-${i + 1}.pdf`));
        const { analyze } = await import('../src/analyze.js');
        const probe = await analyze(sample, { ocr: 'never' });
        const perCopy = probe.file.pages;
        log(`scanned: ${copies} copies of samples/mou-scanned.pdf (${perCopy} pages each) in ${scanned}`);
        const s = await runMeasured(bin, ['batch', scanned, '--out', path.join(tmp, 'scanned-out'), '--quiet', '--timeout', '0', ...jobsArgs]);
        if (s.exitCode !== 0) log(`scanned batch exited ${s.exitCode}: ${s.stderrTail.trim().split('\n').pop()}`);
        Object.assign(out, figures('scanned', s, copies, copies * perCopy, opts.jobs));
        // whether the pages were read by OCR (the figures mean little otherwise)
        const first = JSON.parse(readFileSync(path.join(tmp, 'scanned-out', 'scan-1.json'), 'utf8')) as { pages: { textSource: string }[] };
        out['scanned.ocrPages'] = first.pages.filter((p) => p.textSource === 'ocr').length * copies;
      }
    }
  } finally {
    if (opts.keep) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const num = (name: string) => (arg(name) !== undefined ? Number(arg(name)) : undefined);
  const result = await benchBatch({
    files: num('--files'),
    pages: num('--pages'),
    jobs: num('--jobs'),
    scanned: process.argv.includes('--scanned'),
    scannedCopies: num('--scanned-copies'),
    keep: process.argv.includes('--keep'),
    log: (s) => console.error(s),
  });
  const width = Math.max(...Object.keys(result).map((k) => k.length));
  for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(width)}  ${v}`);
}
