/** Messages between the batch runner and its analysis worker processes (Node IPC, structured clone). */
import type { FailureCode } from '../errors.js';
import type { ReportSummary } from '../report/schema.js';
import type { SettingsInput } from '../settings.js';

export interface TaskSpec {
  /** Absolute path of the input. */
  file: string;
  /** Path recorded in the report (relative to the batch folder). */
  label: string;
  /** The analysis settings; `jobs` is the OCR workers for this one file. */
  settings: SettingsInput & { jobs: number };
  /** Also render the Markdown report. */
  markdown: boolean;
  /** Write overlay PNGs into this folder. */
  overlaysDir?: string;
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
  summary: ReportSummary;
  sha256: string;
  /** One line when the overlays could not be drawn (the report itself is fine). */
  overlayError?: string;
  rss: number;
}

export interface TaskFailed {
  type: 'failed';
  id: number;
  code: FailureCode;
  /** One line, no stack trace. */
  message: string;
  rss?: number;
  /** The worker exits after this answer: give it no further task. */
  exiting?: boolean;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: number; pagesDone: number; pagesTotal: number }
  | TaskDone
  | TaskFailed;
