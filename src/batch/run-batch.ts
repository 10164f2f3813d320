/**
 * `redactmap batch`: analyse every PDF in a folder into an output folder.
 *
 *   <out>/<rel>.json            one report per input ("sub/a.pdf" → "sub/a.json")
 *   <out>/<rel>.md              with --markdown
 *   <out>/<rel>.overlays/page-001.png ...   with --overlays
 *   <out>/<rel>.html            the review page, with --html
 *   <out>/index.json            one entry per input, sorted by path
 *   <out>/index.html            a sortable table of the files linking to their review pages, with --html
 *   <out>/summary.csv           one row per input, same order
 *
 * Files are analysed in worker processes (see pool.ts), several at once. Every file is written
 * atomically and a report is written last of a file's outputs, so a report on disk means that
 * file is complete; --resume skips inputs whose report exists and matches the input's sha256.
 * index.json and summary.csv are written at the end of a run.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, realpath, rm, rmdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { oneLine } from '../errors.js';
import { formatMarkdown, type MarkdownLinks } from '../output/markdown.js';
import { describeWarning } from '../output/terminal.js';
import { overlayFileName } from '../output/overlay-names.js';
import { AtomicWriter, TEMP_FILE_PATTERN, writeFileAtomic } from '../output/write-file.js';
import type { Report } from '../report/schema.js';
import { discoverInputs, type BatchInput } from './discover.js';
import { buildIndex, formatCsv, type BatchIndex, type IndexEntry } from './index-file.js';
import { poolLimits, TIMEOUT_GRACE_MS, WorkerPool, type PoolOptions, type TaskOutcome } from './pool.js';
import { textSourceOf, type FileStage, type TaskSpec, type TextSourceSummary } from './protocol.js';

export type { FileStage };
import { formatIndexHtml } from './index-html.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, resolveSettings, SettingsError, type SettingsInput } from '../settings.js';
import { isProcessAlive } from './processes.js';

export { DEFAULT_TIMEOUT_SECONDS };
export const LOCK_FILE = '.redactmap-batch.lock';
export { TIMEOUT_GRACE_MS };

export interface BatchOptions {
  /** Output folder (created when missing). */
  out: string;
  /** Descend into sub-folders (mirrored in the output). */
  recursive?: boolean;
  /** Files analysed at once. Default: number of cores. */
  jobs?: number;
  /** Time limit per file in seconds; 0 for none. Default: settings' timeoutSeconds, else 300. */
  timeoutSeconds?: number;
  /** Skip inputs whose report exists and matches their sha256. */
  resume?: boolean;
  /** Write a Markdown report beside each JSON one. */
  markdown?: boolean;
  /** Write overlay PNGs for each input. */
  overlays?: boolean;
  /** Write a review page (HTML) for each input, and index.html. */
  html?: boolean;
  /** Analysis settings for every file (password, ocr, dpi, maxMemoryMb per worker, limits); `jobs` above sets the OCR workers. */
  settings?: Omit<SettingsInput, 'jobs'>;
  events?: BatchEvents;
  /** Stop the run: workers are killed, finished reports stay, no index is written. */
  signal?: AbortSignal;
  /** Worker pool knobs (tests). */
  pool?: Partial<PoolOptions>;
}

export interface BatchStart {
  /** Inputs found. */
  total: number;
  /** Inputs skipped by --resume. */
  resumed: number;
  /** Other files seen and left alone. */
  ignored: number;
  /** Folders that could not be read. */
  unreadable: { rel: string; reason: string }[];
  /** Bytes of the inputs still to analyse. */
  bytesToDo: number;
}

export interface BatchFinish {
  index: BatchIndex;
  elapsedMs: number;
  resumed: number;
  interrupted: boolean;
}

/** What the runner tells its observer (progress display). */
export interface BatchEvents {
  start(info: BatchStart): void;
  fileStarted(input: BatchInput): void;
  filePages(input: BatchInput, pagesDone: number, pagesTotal: number, stage?: FileStage): void;
  fileFinished(input: BatchInput, entry: IndexEntry): void;
  finish(result: BatchFinish): void;
}

export interface BatchResult extends BatchFinish {
  /** Inputs analysed in this run (not resumed). */
  analysed: number;
  ignored: number;
}

/** A problem with the arguments, found before any work: exit code 2. */
export class BatchUsageError extends Error {
  override name = 'BatchUsageError';
}
/** The run cannot go on (no worker starts, the output folder cannot be written): exit code 1. */
export class BatchFatalError extends Error {
  override name = 'BatchFatalError';
}

const toFs = (out: string, rel: string) => path.join(out, ...rel.split('/'));

export async function runBatch(folder: string, opts: BatchOptions): Promise<BatchResult> {
  const t0 = Date.now();
  // a setting out of range (or a bad $REDACTMAP_OCR_ENGINE) is the caller's mistake, found once before any work
  try {
    resolveSettings({ ...opts.settings, ...(opts.timeoutSeconds !== undefined ? { timeoutSeconds: opts.timeoutSeconds } : {}), ...(opts.jobs ? { jobs: opts.jobs } : {}) });
  } catch (e) {
    if (e instanceof SettingsError) throw new BatchUsageError(e.message);
    throw e;
  }
  const info = await stat(folder).catch(() => undefined);
  if (!info) throw new BatchUsageError(`${folder}: no such folder`);
  if (!info.isDirectory()) throw new BatchUsageError(`${folder}: not a folder (batch takes a folder; use "redactmap analyze" for one file)`);
  const out = path.resolve(opts.out);
  const outInfo = await stat(out).catch(() => undefined);
  if (outInfo && !outInfo.isDirectory()) throw new BatchUsageError(`--out ${opts.out}: exists and is not a folder`);
  if (outInfo && (await realpath(out)) === (await realpath(folder))) {
    throw new BatchUsageError('--out must not be the input folder (reports would mix with the filings)');
  }
  try {
    await mkdir(out, { recursive: true });
  } catch (e) {
    throw new BatchUsageError(`--out ${opts.out}: cannot create folder (${(e as NodeJS.ErrnoException).code ?? oneLine(e)})`);
  }

  const releaseLock = await takeLock(out);
  try {
    await sweepTempFiles(out);
    return await runLocked(folder, out, opts, t0);
  } finally {
    await releaseLock();
  }
}

async function runLocked(folder: string, out: string, opts: BatchOptions, t0: number): Promise<BatchResult> {
  const events = opts.events;
  const found = await discoverInputs(folder, { recursive: opts.recursive, exclude: [out] });
  const inputs = found.inputs;
  const entries = new Map<string, IndexEntry>();
  // reports and their companions: written atomically as files finish, flushed once at the end
  const writer = new AtomicWriter();
  const work: { input: BatchInput; task: TaskSpec; existing?: Report }[] = [];
  const jobs = Math.max(1, opts.jobs ?? os.availableParallelism());

  const timeoutSeconds = opts.timeoutSeconds ?? opts.settings?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const baseTask = (input: BatchInput): TaskSpec => ({
    file: input.file,
    label: input.rel,
    settings: { ...opts.settings, timeoutSeconds, jobs: 1 },
    markdown: Boolean(opts.markdown),
    links: markdownLinks(input, opts),
    html: Boolean(opts.html),
    // progress messages only for an observer that shows them
    ...(events?.filePages ? {} : { quiet: true }),
    ...(opts.overlays ? { overlaysDir: toFs(out, `${input.outBase}.overlays`) } : {}),
  });

  // --resume: a report on disk whose sha256 matches its input is that input done
  let resumed = 0;
  const done = opts.resume ? await mapLimit(inputs, 4, (input) => (input.error ? Promise.resolve(undefined) : findDoneReport(out, input))) : inputs.map(() => undefined);
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    const report = done[i];
    if (input.error) {
      // cannot even be opened (a link loop): listed with its reason, nothing to analyse
      entries.set(input.rel, errorEntry(input, input.error.message, input.error.code, null));
      continue;
    }
    if (!report) {
      work.push({ input, task: baseTask(input) });
      continue;
    }
    if (opts.markdown && !(await nonEmpty(toFs(out, `${input.outBase}.md`)))) {
      writer.write(toFs(out, `${input.outBase}.md`), formatMarkdown(report, { links: markdownLinks(input, opts) }));
    }
    const overlaysMissing = opts.overlays && !(await overlaysComplete(toFs(out, `${input.outBase}.overlays`), report.pages.length));
    const htmlMissing = opts.html && !(await nonEmpty(toFs(out, `${input.outBase}.html`)));
    if (overlaysMissing || htmlMissing) {
      // analysis done, pictures missing: draw them from the report
      const task = { ...baseTask(input), markdown: false, html: Boolean(htmlMissing), reportJson: JSON.stringify(report) };
      if (!overlaysMissing) delete task.overlaysDir;
      work.push({ input, task, existing: report });
      continue;
    }
    resumed++;
    entries.set(input.rel, okEntry(input, report, opts, report.warnings.map(describeWarning)));
  }

  const bytesToDo = work.reduce((a, w) => a + (w.existing ? 0 : w.input.bytes), 0);
  events?.start({ total: inputs.length, resumed, ignored: found.ignored, unreadable: found.unreadable, bytesToDo });
  for (const input of inputs) if (input.error) events?.fileFinished(input, entries.get(input.rel)!);

  // Largest files first: the long ones start early and the run ends evenly. Each file gets one
  // OCR worker when several files run at once, so busy threads stay near --jobs.
  work.sort((a, b) => b.input.bytes - a.input.bytes || (a.input.rel < b.input.rel ? -1 : 1));
  const poolSize = Math.min(jobs, Math.max(1, work.length));
  const ocrJobs = Math.max(1, Math.floor(jobs / poolSize));
  const pool = new WorkerPool({
    size: poolSize,
    ...poolLimits({ timeoutSeconds, maxMemoryMb: opts.settings?.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB }),
    ...opts.pool,
  });

  let interrupted = Boolean(opts.signal?.aborted);
  let fatal: string | undefined;
  const onAbort = () => {
    interrupted = true;
    void pool.close();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  let analysed = 0;
  try {
    if (!interrupted) {
      await Promise.all(
        work.map(async ({ input, task, existing }) => {
          const outcome = await pool.run(
            { ...task, settings: { ...task.settings, jobs: ocrJobs } },
            {
              onStart: () => events?.fileStarted(input),
              onProgress: (d, t, stage) => events?.filePages(input, d, t, stage),
            },
          );
          if (interrupted || fatal) return;
          if (outcome.type === 'failed' && 'fatal' in outcome && outcome.fatal) {
            fatal = outcome.message;
            void pool.close();
            return;
          }
          const entry = await settle(out, writer, input, outcome, opts, existing);
          if (interrupted || fatal) return;
          if (!existing) analysed++;
          entries.set(input.rel, entry);
          events?.fileFinished(input, entry);
        }),
      );
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    if (interrupted || fatal) await pool.close();
    else await pool.shutdown();
  }
  if (fatal) throw new BatchFatalError(fatal);

  const index = buildIndex([...entries.values()]);
  if (interrupted) await writer.flush().catch(() => undefined);
  else {
    try {
      // the reports reach the disk before the index that lists them
      await writer.flush();
      await writeFileAtomic(path.join(out, 'summary.csv'), formatCsv(index));
      if (opts.html) await writeFileAtomic(path.join(out, 'index.html'), formatIndexHtml(index));
      await writeFileAtomic(path.join(out, 'index.json'), JSON.stringify(index, null, 2) + '\n');
    } catch (e) {
      throw new BatchFatalError(`cannot write ${path.join(out, 'index.json')} (${oneLine(e)})`);
    }
  }
  const finish: BatchFinish = { index, elapsedMs: Date.now() - t0, resumed, interrupted };
  events?.finish(finish);
  return { ...finish, analysed, ignored: found.ignored };
}

/** Write a finished file's outputs (Markdown, then the report last) and make its index entry. */
async function settle(out: string, writer: AtomicWriter, input: BatchInput, outcome: TaskOutcome, opts: BatchOptions, existing?: Report): Promise<IndexEntry> {
  if (outcome.type === 'failed') {
    if (existing) {
      // only the pictures were being drawn: the report stands
      return okEntry(input, existing, opts, [...existing.warnings.map(describeWarning), `pictures not drawn: ${outcome.message}`], { overlays: false, html: false });
    }
    await removeOutputs(out, input.outBase);
    return errorEntry(input, outcome.message, outcome.code, null);
  }
  const pictures = [outcome.overlayError, outcome.htmlError].filter((w): w is string => Boolean(w));
  const drawn = { overlays: !outcome.overlayError, html: !outcome.htmlError };
  const warnings = [...(existing ? existing.warnings.map(describeWarning) : (outcome.warnings ?? [])), ...pictures];
  try {
    if (outcome.html !== undefined) writer.write(toFs(out, `${input.outBase}.html`), outcome.html);
    if (existing) return okEntry(input, existing, opts, warnings, drawn);
    if (outcome.markdown !== undefined) writer.write(toFs(out, `${input.outBase}.md`), outcome.markdown);
    writer.write(toFs(out, `${input.outBase}.json`), outcome.json);
  } catch (e) {
    if (existing) return okEntry(input, existing, opts, [`review page not written: ${oneLine(e)}`], { ...drawn, html: false });
    return errorEntry(input, `cannot write the report (${oneLine(e)})`, 'internal', outcome.sha256);
  }
  return okEntry(input, { sha256: outcome.sha256, summary: outcome.summary, textSource: outcome.textSource }, opts, warnings, drawn);
}

/** What a file's Markdown report links to: its review page and overlays, when the batch writes them. */
function markdownLinks(input: BatchInput, opts: BatchOptions): MarkdownLinks {
  const base = input.outBase.split('/').pop()!;
  return { ...(opts.html ? { html: `${base}.html` } : {}), ...(opts.overlays ? { overlays: `${base}.overlays` } : {}) };
}

/** The index entry of an analysed input (from its report, or the figures a worker sent back). */
function okEntry(
  input: BatchInput,
  done: Report | { sha256: string; summary: IndexEntry['summary']; textSource: TextSourceSummary },
  opts: BatchOptions,
  warnings: string[],
  drawn = { overlays: true, html: true },
): IndexEntry {
  return {
    path: input.rel,
    status: 'ok',
    error: null,
    code: null,
    bytes: input.bytes,
    sha256: 'file' in done ? done.file.sha256 : done.sha256,
    report: `${input.outBase}.json`,
    markdown: opts.markdown ? `${input.outBase}.md` : null,
    overlays: opts.overlays && drawn.overlays ? `${input.outBase}.overlays` : null,
    html: opts.html && drawn.html ? `${input.outBase}.html` : null,
    textSource: 'file' in done ? textSourceOf(done) : done.textSource,
    summary: done.summary,
    warnings,
  };
}

function errorEntry(input: BatchInput, error: string, code: IndexEntry['code'], sha256: string | null): IndexEntry {
  return { path: input.rel, status: 'error', error, code, bytes: input.bytes, sha256, report: null, markdown: null, overlays: null, html: null, textSource: null, summary: null, warnings: [] };
}

/** The report of an earlier run for this input, when it is whole, valid and of the same bytes. */
async function findDoneReport(out: string, input: BatchInput): Promise<Report | undefined> {
  let text: string;
  try {
    text = await readFile(toFs(out, `${input.outBase}.json`), 'utf8');
  } catch {
    return undefined;
  }
  // zod is loaded only by a run that finds earlier reports to check (--resume)
  const { reportSchema } = await import('../report/schema.js');
  let parsed;
  try {
    parsed = reportSchema.safeParse(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!parsed.success) return undefined;
  const sha = await sha256File(input.file).catch(() => undefined);
  return sha === parsed.data.file.sha256 ? parsed.data : undefined;
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

async function overlaysComplete(dir: string, pages: number): Promise<boolean> {
  const names = new Set(await readdir(dir).catch(() => [] as string[]));
  for (let p = 1; p <= pages; p++) if (!names.has(overlayFileName(p))) return false;
  return true;
}

/** A failed input leaves no outputs of an earlier run behind that the index would contradict. */
async function removeOutputs(out: string, outBase: string): Promise<void> {
  await rm(toFs(out, `${outBase}.json`), { force: true }).catch(() => undefined);
  await rm(toFs(out, `${outBase}.md`), { force: true }).catch(() => undefined);
  await rm(toFs(out, `${outBase}.html`), { force: true }).catch(() => undefined);
  const dir = toFs(out, `${outBase}.overlays`);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) if (/^page-\d+\.png$/.test(name)) await rm(path.join(dir, name), { force: true }).catch(() => undefined);
  if (names.length) await rmdir(dir).catch(() => undefined);
}

/** A file there with something in it (a power loss before the flush can leave an empty one under its name). */
async function nonEmpty(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.size > 0,
    () => false,
  );
}

/** Temporary files of a killed run (see writeFileAtomic) are swept before a new one starts. */
async function sweepTempFiles(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const ent of entries) {
    const full = path.join(dir, ent.name);
    if (ent.isDirectory()) await sweepTempFiles(full);
    else if (ent.isFile() && TEMP_FILE_PATTERN.test(ent.name)) await rm(full, { force: true }).catch(() => undefined);
  }
}

/** One batch per output folder at a time; a lock left by a dead process is taken over. */
async function takeLock(out: string): Promise<() => Promise<void>> {
  const file = path.join(out, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(file, { force: true }).catch(() => undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new BatchUsageError(`--out ${out}: cannot write there (${(e as NodeJS.ErrnoException).code ?? oneLine(e)})`);
      }
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isProcessAlive(pid)) {
        throw new BatchUsageError(`another redactmap batch (pid ${pid}) is writing to ${out}; wait for it, or delete ${file} if it is gone`);
      }
      await rm(file, { force: true });
    }
  }
  throw new BatchUsageError(`cannot lock ${out} (${file})`);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
