/** redactmap's public library API. */
export { analyze, type AnalyzeOptions } from './analyze.js';
export { AnalysisError, type FailureCode } from './errors.js';
export {
  reportSchema,
  reportJsonSchema,
  SCHEMA_VERSION,
  type Report,
  type ReportPage,
  type ReportSection,
  type ReportLeak,
  type ReportSummary,
} from './report/schema.js';
export type { BBox, Redaction, Leak, Section, SectionStatus, RedactionSource, LeakKind } from './model.js';
export { runBatch, type BatchOptions, type BatchResult } from './batch/run-batch.js';
export { batchIndexSchema, type IndexEntry } from './batch/index-file.js';
export { formatMarkdown } from './output/markdown.js';
export { formatSummary } from './output/terminal.js';
export { writeOverlays } from './output/overlays.js';
