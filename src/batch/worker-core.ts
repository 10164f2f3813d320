/**
 * What a batch worker does with one task: analyse (or load the given report), draw overlays when
 * asked, and answer with the serialised report or a one-line failure. Kept apart from the IPC
 * wiring in worker.ts so that tests can wrap it.
 */
import { writeSync } from 'node:fs';
import { analyze } from '../analyze.js';
import { classifyFailure, isAnalysisError, isPdfjsError, oneLine } from '../errors.js';
import { startOcrEngine, type OcrEngine } from '../scan/ocr-engine.js';
import { formatMarkdown } from '../output/markdown.js';
import { describeWarning } from '../output/terminal.js';
import type { Report } from '../report/schema.js';
import { textSourceOf, type FileStage, type FromWorker, type TaskAnalysed, type TaskDone, type TaskFailed, type TaskSpec } from './protocol.js';
import { WORKER_ENV } from './pool.js';
import { startWatchdog, type Watchdog } from './watchdog.js';

/** Progress messages are sent at most this often (ms), except the last of a file and stage changes. */
export const PROGRESS_MS = 250;
import { resolveSettings } from '../settings.js';

let watchdog: Watchdog | undefined;

/** The failure answer for `e`: pdf.js errors are damage to the file, other surprises are bugs. */
export function failure(id: number, e: unknown): TaskFailed {
  const err = classifyFailure(e, undefined);
  return {
    type: 'failed',
    id,
    code: err.code,
    message: err.message,
    rss: process.memoryUsage.rss(),
    ...(watchdog ? { peakRss: watchdog.peak() } : {}),
    // after a time limit pdf.js may still be busy on the file: a fresh process takes the next one
    ...(err.code === 'timeout' ? { exiting: true } : {}),
  };
}

/**
 * One OCR pool per worker process, kept warm across files. It is started after the first file that
 * needed OCR (that file's analysis starts and stops its own pool): a folder of born-digital
 * filings never pays for tesseract, a docket of scans pays once per worker, not once per file.
 */
let sharedOcr: { pool: Promise<OcrEngine | undefined>; size: number; engine: string | undefined } | undefined;

async function ocrPoolFor(task: TaskSpec): Promise<OcrEngine | undefined> {
  if (!sharedOcr) return undefined;
  if (sharedOcr.size === task.settings.jobs && sharedOcr.engine === task.settings.ocrEngine) return sharedOcr.pool;
  const old = sharedOcr.pool;
  sharedOcr = undefined;
  await (await old)?.terminate().catch(() => undefined);
  return undefined;
}

/** Stop the shared OCR pool (tests; a worker process simply exits). */
export async function closeSharedOcr(): Promise<void> {
  const old = sharedOcr?.pool;
  sharedOcr = undefined;
  await (await old)?.terminate().catch(() => undefined);
}

/** After a file that needed OCR, start the shared pool in the background (ready for the next file). */
function keepOcrWarm(task: TaskSpec, report: Report): void {
  if (sharedOcr || task.last || task.settings.ocr === 'never' || !report.pages.some((p) => p.textSource === 'ocr')) return;
  // no warm pool when it cannot start: each file then starts its own (and reports why)
  sharedOcr = {
    pool: startOcrEngine(task.settings.jobs, resolveSettings(task.settings).ocrEngine).catch(() => undefined),
    size: task.settings.jobs,
    engine: task.settings.ocrEngine,
  };
}

/** The answer's fields that do not depend on the pictures. */
function analysedFields(id: number, task: TaskSpec, report: Report, json: string): Omit<TaskAnalysed, 'type'> {
  return {
    id,
    json,
    ...(task.markdown ? { markdown: formatMarkdown(report, { links: task.links }) } : {}),
    summary: report.summary,
    textSource: textSourceOf(report),
    sha256: report.file.sha256,
    ...(report.warnings?.length ? { warnings: report.warnings.map(describeWarning) } : {}),
    rss: process.memoryUsage.rss(),
    ...(watchdog ? { peakRss: watchdog.peak() } : {}),
  };
}

/** Draw the overlays and the review page asked for; one that cannot be drawn is one line beside the report. */
async function drawPictures(task: TaskSpec, report: Report): Promise<Pick<TaskDone, 'html' | 'overlayError' | 'htmlError'>> {
  const limits = { password: task.settings.password, maxImagePixels: task.settings.maxImagePixels };
  const out: Pick<TaskDone, 'html' | 'overlayError' | 'htmlError'> = {};
  if (task.overlaysDir) {
    try {
      const { writeOverlays } = await import('../output/overlays.js'); // loaded when overlays are asked for
      await writeOverlays(task.bytes ?? task.file, report, task.overlaysDir, limits);
    } catch (e) {
      out.overlayError = `overlays not drawn: ${isAnalysisError(e) ? e.message : oneLine(e)}`;
    }
  }
  if (task.html) {
    try {
      // loaded on first use: a worker that draws no review page does not load the renderer
      const { reviewHtml } = await import('../output/review.js');
      out.html = await reviewHtml(task.bytes ?? task.file, report, limits);
    } catch (e) {
      out.htmlError = `review page not drawn: ${isAnalysisError(e) ? e.message : oneLine(e)}`;
    }
  }
  return out;
}

export async function runTask(id: number, task: TaskSpec, send: (m: FromWorker) => void): Promise<void> {
  try {
    let report: Report;
    let json: string;
    if (task.reportJson) {
      json = task.reportJson;
      report = JSON.parse(json) as Report;
    } else {
      let last = 0;
      let first = true;
      report = await analyze(task.bytes ?? task.file, {
        path: task.label,
        ...task.settings,
        ocrPool: await ocrPoolFor(task),
        onProgress: task.quiet ? undefined : (pagesDone, pagesTotal) => {
          // the first count is the pages read from their text layer; the ones after it are scanned
          const now = Date.now();
          if (!first && now - last < PROGRESS_MS && pagesDone < pagesTotal) return;
          const stage: FileStage = pagesDone < pagesTotal || !first ? 'scanning' : 'reading';
          first = false;
          last = now;
          send({ type: 'progress', id, pagesDone, pagesTotal, stage });
        },
      });
      json = JSON.stringify(report, null, 2) + '\n';
    }
    const analysed = analysedFields(id, task, report, json);
    if (task.overlaysDir || task.html) {
      // the report first: if drawing kills this process, the runner keeps it (pool.ts)
      send({ type: 'analysed', ...analysed });
      if (!task.quiet) send({ type: 'progress', id, pagesDone: report.pages.length, pagesTotal: report.pages.length, stage: 'drawing' });
    }
    const drawn = await drawPictures(task, report);
    send({ type: 'done', ...analysed, ...drawn, rss: process.memoryUsage.rss(), ...(watchdog ? { peakRss: watchdog.peak() } : {}) });
    if (!task.reportJson) keepOcrWarm(task, report);
  } catch (e) {
    send(failure(id, e));
  }
}

/**
 * Wire a worker process: answer tasks over IPC with `handle`, leave when the runner goes away.
 * A fault outside a task's own promise chain fails the task in hand, then the process exits (its
 * state is suspect); the runner starts a fresh one.
 */
export function serveTasks(handle: (id: number, task: TaskSpec, send: (m: FromWorker) => void) => Promise<void> = runTask): void {
  if (!process.send) {
    process.stderr.write('redactmap: the batch worker runs only under `redactmap batch`\n');
    process.exit(2);
  }
  const send = (m: FromWorker) => {
    if (process.connected) process.send!(m);
  };
  // memory ceiling and parent leash, on a thread of their own (0 / unset: no ceiling), unless the
  // pool keeps the ceiling and the kernel the leash (pool.ts, parentWatchSupport)
  const ceiling = Number(process.env[WORKER_ENV.memoryMb] ?? 0);
  if (process.env[WORKER_ENV.watchedByParent] !== '1') {
    watchdog = startWatchdog(Number.isFinite(ceiling) ? ceiling : 0, Number(process.env[WORKER_ENV.parentPid]) || process.ppid);
  }
  let current: number | undefined;
  const fatal = (e: unknown) => {
    // the reason goes to stderr (the runner reads it if the answer does not arrive), the answer
    // to the runner, and the process exits once the answer is out
    try {
      writeSync(2, `redactmap worker: fatal: ${oneLine(e)}\n`);
    } catch {
      // stderr closed: the answer still says it
    }
    const exit = () => process.exit(70);
    process.exitCode = 70;
    if (current !== undefined && process.connected) {
      process.send!({ ...failure(current, e), exiting: true } satisfies FromWorker, () => exit());
      setTimeout(exit, 1000).unref();
    } else setImmediate(exit);
    current = undefined;
  };
  process.on('uncaughtException', fatal);
  // a rejection pdf.js left unhandled is its own orphan (load/pdfjs-rejections.ts), not a fault here
  process.on('unhandledRejection', (e) => (isPdfjsError(e) ? undefined : fatal(e)));
  // Ctrl-C in a terminal, or a service manager's SIGTERM, reaches the whole process group: the
  // runner decides what stops (a queue worker or the server lets the file in hand finish; if the
  // runner dies, the IPC channel closes and we leave).
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  process.on('disconnect', () => process.exit(0));
  // forked ahead (prestartWorkers) by a parent that has since gone: nobody will ask
  if (!process.connected) process.exit(0);
  process.on('message', (m: { type: string; id?: number; task?: TaskSpec }) => {
    if (m.type === 'exit') process.exit(0);
    else if (m.type === 'task' && m.id !== undefined && m.task) {
      const id = m.id;
      current = id;
      watchdog?.resetPeak();
      void handle(id, m.task, send).finally(() => {
        if (current === id) current = undefined;
      });
    }
  });
  send({ type: 'ready' });
}
