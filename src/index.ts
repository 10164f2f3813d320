/** redactmap's public library API (ESM only). Every type a public function takes or returns is exported. */
export { analyze, type AnalyzeOptions } from './analyze.js';
export { analyzeFile, analyzeIsolated, type AnalyzeFileOptions, type IsolatedResult } from './batch/isolated.js';
export type { PdfSource } from './load/open-pdf.js';
export { AnalysisError, type FailureCode } from './errors.js';
export {
  resolveSettings,
  SettingsError,
  DPI_RANGE,
  OCR_MODES,
  OCR_ENGINE_CHOICES,
  LIMITS,
  DEFAULT_MAX_MEMORY_MB,
  DEFAULT_TIMEOUT_SECONDS,
  type Settings,
  type SettingsInput,
  type OcrMode,
  type OcrEngineChoice,
} from './settings.js';
export type { OcrPool } from './scan/ocr-pool.js';
export { startOcrEngine, type OcrEngine, type OcrEngineName } from './scan/ocr-engine.js';
export {
  reportSchema,
  reportJsonSchema,
  SCHEMA_VERSION,
  type Report,
  type ReportPage,
  type ReportSection,
  type ReportLeak,
  type ReportNotice,
  type ReportWarning,
  type ReportSummary,
  type SectionCounts,
} from './report/schema.js';
export type {
  ReportRedaction,
  RedactionStyle,
  Notice,
  NoticeKind,
  AnalysisWarning,
  SectionOwnStats,
  UnreadReason,
} from './report-types.js';
export type { BBox, Redaction, Leak, Section, SectionStatus, RedactionSource, LeakKind } from './model.js';
export { runBatch, type BatchOptions, type BatchResult, type BatchEvents, type BatchStart, type BatchFinish, type FileStage } from './batch/run-batch.js';
export type { BatchInput } from './batch/discover.js';
export type { PoolOptions } from './batch/pool.js';
export { batchIndexSchema, type BatchIndex, type IndexEntry } from './batch/index-schema.js';
export { formatMarkdown, type MarkdownOptions, type MarkdownLinks } from './output/markdown.js';
export { formatSummary, type TerminalStyle } from './output/terminal.js';
export { formatSidecar } from './output/sidecar.js';
export { writeOverlays, type OverlayOptions } from './output/overlays.js';
export { reviewHtml } from './output/review.js';
export { RASTER_DEFAULTS, findRasterBoxes, explainRasterBoxes, type RasterBox, type RasterOptions } from './scan/raster-boxes.js';
