/** Messages between the batch runner and its analysis worker processes (Node IPC, structured clone). */
import type { FailureCode } from '../errors.js';
import type { Report, ReportSummary } from '../report/schema.js';

/** What a worker is doing with a file: reading pages (text layer), scanning them (render, OCR), drawing pictures. */
export type FileStage = 'reading' | 'scanning' | 'drawing';

export const TEXT_SOURCE_SUMMARIES = ['text-layer', 'ocr', 'none', 'mixed'] as const;
export type TextSourceSummary = (typeof TEXT_SOURCE_SUMMARIES)[number];

/** The pages' text source: the one they share, or "mixed" ("none" for a report without pages). */
export function textSourceOf(report: Pick<Report, 'pages'>): TextSourceSummary {
  const kinds = new Set(report.pages.map((p) => p.textSource));
  return kinds.size === 0 ? 'none' : kinds.size === 1 ? [...kinds][0] : 'mixed';
}
import type { SettingsInput } from '../settings.js';

export interface TaskSpec {
  /** Absolute path of the input (with `bytes`: only a name for messages). */
  file: string;
  /** The PDF's bytes, when they are in memory rather than in a file (an upload to `serve`). */
  bytes?: Uint8Array;
  /** Path recorded in the report (relative to the batch folder). */
  label: string;
  /** The analysis settings; `jobs` is the OCR workers for this one file. */
  settings: SettingsInput & { jobs: number };
  /** Also render the Markdown report. */
  markdown: boolean;
  /** Files the Markdown report links to, relative to it (what the batch writes beside it). */
  links?: { html?: string; overlays?: string };
  /** Also render the review page (HTML). */
  html?: boolean;
  /** Write overlay PNGs into this folder. */
  overlaysDir?: string;
  /** Send no progress messages (nobody shows them: `batch --quiet`). */
  quiet?: boolean;
  /** No file follows in this worker (a one-file `redactmap analyze`): keep no OCR engine warm for one. */
  last?: boolean;
  /** Do not analyse: draw the overlays of this existing report (JSON text). Resume only. */
  reportJson?: string;
}

export type ToWorker = { type: 'task'; id: number; task: TaskSpec } | { type: 'exit' };

export interface TaskDone {
  type: 'done';
  id: number;
  /** The report, serialised as written to disk. */
  json: string;
  markdown?: string;
  /** The review page, when asked for. */
  html?: string;
  summary: ReportSummary;
  /** The pages' text source: one of them, or "mixed". */
  textSource: TextSourceSummary;
  sha256: string;
  /** One line when the overlays could not be drawn (the report itself is fine). */
  overlayError?: string;
  /** One line when the review page could not be drawn. */
  htmlError?: string;
  /** The report's warnings, one line each (what was skipped and why), for the index. */
  warnings?: string[];
  rss: number;
  /** Peak resident memory of the worker during this task, bytes (its watchdog's reading). */
  peakRss?: number;
}

export interface TaskFailed {
  type: 'failed';
  id: number;
  code: FailureCode;
  /** One line, no stack trace. */
  message: string;
  rss?: number;
  peakRss?: number;
  /** The worker exits after this answer: give it no further task. */
  exiting?: boolean;
}

/**
 * The report of a task that also draws pictures, sent before drawing starts: if the worker then dies
 * (memory, time limit, crash), the runner still has the report and says the pictures were not drawn.
 */
export type TaskAnalysed = Omit<TaskDone, 'type' | 'html' | 'overlayError' | 'htmlError'> & { type: 'analysed' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: number; pagesDone: number; pagesTotal: number; stage?: FileStage }
  | TaskAnalysed
  | TaskDone
  | TaskFailed;
